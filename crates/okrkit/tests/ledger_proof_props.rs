//! Properties of the Merkle proofs and signed checkpoints (issue 13): for
//! every n and i < n the inclusion proof verifies and fails for any other
//! leaf, index or root; for every m <= n the consistency proof verifies and
//! fails for any changed leaf; a checkpoint's signature fails after any byte
//! of the note changes.

use okrkit::ledger::merkle::{MerkleTree, leaf_hash, verify_consistency, verify_inclusion};
use okrkit::ledger::note::{SigningKey, open_note};
use okrkit::ledger::{Checkpoint, merkle::Hash};
use proptest::prelude::*;

fn tree(n: u64, salt: u8) -> (Vec<Hash>, MerkleTree) {
    let leaves: Vec<Hash> = (0..n)
        .map(|i| leaf_hash(&[&i.to_be_bytes()[..], &[salt]].concat()))
        .collect();
    let t = MerkleTree::from_leaves(leaves.iter().copied());
    (leaves, t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn inclusion_verifies_and_only_for_its_leaf(n in 1u64..200, i in 0u64..200, j in 0u64..200) {
        let i = i % n;
        let (leaves, t) = tree(n, 0);
        let root = t.root();
        let proof = t.inclusion_proof(i, n).expect("in range");
        prop_assert!(proof.len() <= 64 - (n.leading_zeros() as usize) + 1);
        prop_assert!(verify_inclusion(i, n, &leaves[i as usize], &proof, &root));
        let j = j % n;
        if j != i {
            prop_assert!(!verify_inclusion(i, n, &leaves[j as usize], &proof, &root));
            prop_assert!(!verify_inclusion(j, n, &leaves[i as usize], &proof, &root));
        }
        let other_root = tree(n, 1).1.root();
        prop_assert!(!verify_inclusion(i, n, &leaves[i as usize], &proof, &other_root));
    }

    #[test]
    fn consistency_verifies_and_fails_for_a_changed_leaf(n in 1u64..150, m in 0u64..150, k in 0u64..150) {
        let m = m % (n + 1);
        let (leaves, t) = tree(n, 0);
        let old = t.root_at(m).expect("prefix");
        let proof = t.consistency_proof(m, n).expect("in range");
        prop_assert!(verify_consistency(m, n, &old, &t.root(), &proof));
        if m > 0 {
            // A leaf of the old tree changed: the old root no longer matches.
            let k = k % m;
            let mut changed = leaves.clone();
            changed[k as usize] = leaf_hash(b"rewritten");
            let forged = MerkleTree::from_leaves(changed);
            let forged_old = forged.root_at(m).expect("prefix");
            prop_assert!(!verify_consistency(m, n, &forged_old, &t.root(), &proof));
            if m < n {
                let fp = forged.consistency_proof(m, n).expect("in range");
                prop_assert!(!verify_consistency(m, n, &old, &forged.root(), &fp));
            }
        }
    }

    #[test]
    fn any_changed_byte_of_a_signed_checkpoint_fails(pos in 0usize..400, delta in 1u8..255) {
        let key = SigningKey::from_seed("log.example/okr", &[9; 32]).expect("key");
        let cp = Checkpoint { origin: "log.example/okr".into(), size: 1234, root: leaf_hash(b"x"), extensions: vec![] };
        let note = cp.sign(&[&key]).expect("signs");
        let mut bytes = note.clone().into_bytes();
        let pos = pos % bytes.len();
        bytes[pos] = bytes[pos].wrapping_add(delta);
        // Not UTF-8 any more is refused as unreadable before any signature check.
        if let Ok(changed) = String::from_utf8(bytes) {
            let r = open_note(&changed, &[key.verifier()], 1)
                .and_then(|o| Checkpoint::parse(&o.text));
            prop_assert!(r.is_err() || r.as_ref().ok() == Some(&cp) && changed.trim_end() == note.trim_end(),
                "changed note accepted: {changed:?}");
        }
    }
}
