//! A Merkle tree over the ledger's entries, hashed as RFC 9162 (Certificate
//! Transparency 2.0) section 2.1 says: a leaf is `SHA-256(0x00 || data)`, an
//! inner node `SHA-256(0x01 || left || right)`, the empty tree `SHA-256("")`.
//! The data of leaf `i` is the 32 bytes of entry `i`'s hash, the SHA-256 of
//! its canonical bytes ([`canonical_bytes`](crate::ledger::canonical_bytes)),
//! so the tree commits to exactly the bytes the hash chain does, and an
//! inclusion proof's leaf follows from the entry hash it names (see
//! [`Ledger::merkle_tree`](crate::ledger::Ledger::merkle_tree)).
//!
//! Inclusion proofs (`PATH`, RFC 9162 2.1.3) and consistency proofs
//! (`PROOF`, 2.1.4) are generated from the tree and verified with nothing but
//! hashes, so a product can hand them to an auditor who has no ledger.
//!
//! ```
//! use okrkit::ledger::merkle::{MerkleTree, leaf_hash, verify_inclusion, verify_consistency};
//! let tree = MerkleTree::from_leaves((0u8..5).map(|i| leaf_hash(&[i])));
//! let proof = tree.inclusion_proof(3, 5).unwrap();
//! assert!(verify_inclusion(3, 5, &leaf_hash(&[3]), &proof, &tree.root()));
//! let old = tree.root_at(2).unwrap();
//! let c = tree.consistency_proof(2, 5).unwrap();
//! assert!(verify_consistency(2, 5, &old, &tree.root(), &c));
//! ```

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The hash of a leaf: `SHA-256(0x00 || data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The hash of an inner node: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: `SHA-256("")`.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// A Merkle tree kept as every level of complete subtrees: level 0 holds the
/// leaf hashes, level `k` the roots of the aligned subtrees of `2^k` leaves.
/// That is about two hashes per leaf, and any root or proof of any prefix of
/// the tree costs O(log n) hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MerkleTree {
    levels: Vec<Vec<Hash>>,
}

impl MerkleTree {
    /// An empty tree.
    pub fn new() -> MerkleTree {
        MerkleTree::default()
    }

    /// A tree of the given leaf hashes (see [`leaf_hash`]).
    pub fn from_leaves<I: IntoIterator<Item = Hash>>(leaves: I) -> MerkleTree {
        let mut t = MerkleTree::new();
        let leaves = leaves.into_iter();
        t.levels.push(Vec::with_capacity(leaves.size_hint().0));
        for l in leaves {
            t.push(l);
        }
        t
    }

    /// Appends a leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut h = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            self.levels[level].push(h);
            let row = &self.levels[level];
            if row.len() % 2 == 1 {
                break;
            }
            h = node_hash(&row[row.len() - 2], &row[row.len() - 1]);
            level += 1;
        }
    }

    /// Number of leaves.
    pub fn len(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// Whether the tree has no leaf.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hash of leaf `i`.
    pub fn leaf(&self, i: u64) -> Option<Hash> {
        self.levels.first()?.get(usize::try_from(i).ok()?).copied()
    }

    /// The root of the whole tree (RFC 9162 `MTH`).
    pub fn root(&self) -> Hash {
        self.subtree(0, self.len())
    }

    /// The root of the tree of the first `size` leaves; `None` past the end.
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        (size <= self.len()).then(|| self.subtree(0, size))
    }

    /// `MTH(D[start..end])` for a range the RFC's recursion produces (its start
    /// aligned to the largest power of two below its length).
    fn subtree(&self, start: u64, end: u64) -> Hash {
        let n = end - start;
        if n == 0 {
            return empty_root();
        }
        if n.is_power_of_two() && start.is_multiple_of(n) {
            let level = n.trailing_zeros() as usize;
            return self.levels[level][(start >> level) as usize];
        }
        let k = split(n);
        node_hash(
            &self.subtree(start, start + k),
            &self.subtree(start + k, end),
        )
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size`
    /// leaves (RFC 9162 2.1.3.1), leaf's sibling first; `None` unless
    /// `index < size <= len`.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Option<Vec<Hash>> {
        if index >= size || size > self.len() {
            return None;
        }
        let mut out = Vec::new();
        self.path(index, 0, size, &mut out);
        Some(out)
    }

    fn path(&self, m: u64, start: u64, end: u64, out: &mut Vec<Hash>) {
        let n = end - start;
        if n <= 1 {
            return;
        }
        let k = split(n);
        if m < k {
            self.path(m, start, start + k, out);
            out.push(self.subtree(start + k, end));
        } else {
            self.path(m - k, start + k, end, out);
            out.push(self.subtree(start, start + k));
        }
    }

    /// The consistency proof that the tree of the first `new_size` leaves
    /// extends the tree of the first `old_size` (RFC 9162 2.1.4.1); `None`
    /// unless `old_size <= new_size <= len`. Empty when `old_size` is 0 or
    /// equals `new_size`.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Option<Vec<Hash>> {
        if old_size > new_size || new_size > self.len() {
            return None;
        }
        let mut out = Vec::new();
        if old_size > 0 && old_size < new_size {
            self.subproof(old_size, 0, new_size, true, &mut out);
        }
        Some(out)
    }

    fn subproof(&self, m: u64, start: u64, end: u64, whole: bool, out: &mut Vec<Hash>) {
        let n = end - start;
        if m == n {
            if !whole {
                out.push(self.subtree(start, end));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            self.subproof(m, start, start + k, whole, out);
            out.push(self.subtree(start + k, end));
        } else {
            self.subproof(m - k, start + k, end, false, out);
            out.push(self.subtree(start, start + k));
        }
    }
}

/// The largest power of two smaller than `n` (n > 1).
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// Verifies an inclusion proof (RFC 9162 2.1.3.2): that `leaf` (a
/// [`leaf_hash`]) is leaf `index` of the tree of `size` leaves whose root is
/// `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && r == *root
}

/// Verifies a consistency proof (RFC 9162 2.1.4.2): that the tree of
/// `new_size` leaves with root `new_root` extends the tree of `old_size`
/// leaves with root `old_root`.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> bool {
    if old_size > new_size {
        return false;
    }
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    if old_size == 0 {
        // Every tree extends the empty tree.
        return proof.is_empty();
    }
    if proof.is_empty() {
        return false;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let (mut f_n, mut s_n) = (old_size - 1, new_size - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && fr == *old_root && sr == *new_root
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9162's recursive definition, the reference for the level store.
    fn mth(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    #[test]
    fn roots_of_every_prefix_match_the_recursive_definition() {
        let leaves: Vec<Hash> = (0u16..70).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let t = MerkleTree::from_leaves(leaves.iter().copied());
        for n in 0..=leaves.len() {
            assert_eq!(t.root_at(n as u64), Some(mth(&leaves[..n])), "size {n}");
        }
        assert_eq!(t.root_at(71), None);
    }

    #[test]
    fn out_of_range_proofs_are_none() {
        let t = MerkleTree::from_leaves((0u8..4).map(|i| leaf_hash(&[i])));
        assert!(t.inclusion_proof(4, 4).is_none());
        assert!(t.inclusion_proof(0, 5).is_none());
        assert!(t.consistency_proof(3, 2).is_none());
        assert!(t.consistency_proof(2, 5).is_none());
        assert_eq!(t.consistency_proof(0, 4), Some(vec![]));
    }
}
