//! Checkpoints: the C2SP tlog-checkpoint body (<https://c2sp.org/tlog-checkpoint>)
//! of a ledger — its origin, its size and the root of its Merkle tree —
//! signed as a C2SP signed note ([`note`]).
//!
//! ```text
//! hr.example.com/okr-ledger
//! 42
//! qINS1GRFhWHwdkUeqLEoP4yEMkTBBrxhH0ehsMdeaVo=
//!
//! — hr.example.com/okr-ledger Az3grl3…
//! ```
//!
//! The **origin** names one ledger; choose it when the ledger is created (a
//! domain and a path of the HR product are a good choice) and give the same
//! one to every checkpoint: a checkpoint of another origin never verifies a
//! ledger. A ledger made before checkpoints existed can use
//! [`Ledger::default_origin`], derived from its first entry.
//!
//! See [`Ledger::verify_checkpoint`] for what verifying a ledger against a
//! checkpoint proves.

use crate::error::{Error, ProofFailure, Result};
use crate::ledger::Ledger;
use crate::ledger::hash::Hasher;
use crate::ledger::merkle::{self, Hash, MerkleTree};
use crate::ledger::note::{self, SigningKey, VerifierKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The body of a checkpoint: which ledger, how many entries, which tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The ledger's identity, chosen at its creation.
    pub origin: String,
    /// Number of entries covered.
    pub size: u64,
    /// Root of the Merkle tree of the first `size` entries.
    pub root: Hash,
    /// Extension lines after the root, kept as read (okrkit writes none).
    pub extensions: Vec<String>,
}

fn parse_error(message: impl Into<String>, line: usize) -> Error {
    Error::Parse {
        path: "checkpoint".into(),
        message: message.into(),
        position: crate::error::Position::at(line, 0),
    }
}

fn not_proven(reason: ProofFailure, entry: Option<u64>, message: impl Into<String>) -> Error {
    Error::NotProven {
        reason,
        entry,
        message: message.into(),
    }
}

/// A hash as standard padded base64 (the checkpoint's encoding).
pub fn hash_to_base64(h: &Hash) -> String {
    B64.encode(h)
}

/// Reads a 32-byte hash in standard padded base64.
pub fn hash_from_base64(s: &str) -> Option<Hash> {
    B64.decode(s).ok()?.try_into().ok()
}

fn valid_origin(origin: &str) -> bool {
    !origin.is_empty() && !origin.chars().any(char::is_control) && origin.trim() == origin
}

impl Checkpoint {
    /// Reads a checkpoint body (the text of the signed note).
    pub fn parse(text: &str) -> Result<Checkpoint> {
        let Some(body) = text.strip_suffix('\n') else {
            return Err(parse_error("a checkpoint ends with a newline", 0));
        };
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        if !valid_origin(origin) {
            return Err(parse_error(
                "the first line (origin) is empty or malformed",
                1,
            ));
        }
        let size = lines.next().unwrap_or_default();
        let size_ok = !size.is_empty()
            && size.bytes().all(|b| b.is_ascii_digit())
            && (size == "0" || !size.starts_with('0'));
        let size: u64 = size
            .parse()
            .ok()
            .filter(|_| size_ok)
            .ok_or_else(|| parse_error("the second line (size) is not a decimal number", 2))?;
        let root = hash_from_base64(lines.next().unwrap_or_default()).ok_or_else(|| {
            parse_error("the third line (root hash) is not 32 bytes of base64", 3)
        })?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(parse_error("a checkpoint has no blank line", 4));
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// The checkpoint body: `origin\nsize\nbase64(root)\n` and any extension lines.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            hash_to_base64(&self.root)
        );
        for e in &self.extensions {
            s.push_str(e);
            s.push('\n');
        }
        s
    }

    /// Signs the checkpoint with each key, as a signed note.
    pub fn sign(&self, keys: &[&SigningKey]) -> Result<String> {
        note::sign_note(&self.to_text(), keys)
    }

    /// Checks a signed checkpoint's signatures (see
    /// [`open_note`](note::open_note)) and returns the checkpoint.
    pub fn open(note: &str, trusted: &[VerifierKey], min_signatures: usize) -> Result<Checkpoint> {
        let opened = note::open_note(note, trusted, min_signatures)?;
        Checkpoint::parse(&opened.text)
    }
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// The proof that one entry is entry `index` of the ledger of `size` entries
/// whose tree has root `root` (RFC 9162 inclusion proof). Serialises to JSON
/// (hashes in base64) for an auditor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InclusionProof {
    /// The ledger's origin.
    pub origin: String,
    /// Number of entries of the tree the proof is for.
    pub size: u64,
    /// The entry's position (its `seq`).
    pub index: u64,
    /// The entry's chain hash (its `hash` member, 64 lower-case hex digits):
    /// the proof proves that the entry with this hash is in the ledger.
    pub entry_hash: String,
    /// The Merkle leaf hash, base64: `SHA-256(0x00 || the 32 bytes of
    /// entry_hash)`. Verification derives it from `entry_hash` and refuses a
    /// proof whose `leaf_hash` differs.
    pub leaf_hash: String,
    /// The root the proof leads to, base64 (must be the checkpoint's).
    pub root: String,
    /// The audit path, leaf's sibling first, base64.
    pub hashes: Vec<String>,
}

/// The proof that the ledger of `new_size` entries extends the ledger of
/// `old_size` entries (RFC 9162 consistency proof).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsistencyProof {
    /// The ledger's origin.
    pub origin: String,
    /// The earlier size.
    pub old_size: u64,
    /// The later size.
    pub new_size: u64,
    /// The earlier root, base64.
    pub old_root: String,
    /// The later root, base64.
    pub new_root: String,
    /// The proof's hashes, base64.
    pub hashes: Vec<String>,
}

fn decode_hashes(hashes: &[String]) -> Result<Vec<Hash>> {
    hashes
        .iter()
        .enumerate()
        .map(|(i, h)| {
            hash_from_base64(h).ok_or_else(|| Error::Parse {
                path: format!("hashes[{i}]"),
                message: "not 32 bytes of base64".into(),
                position: None,
            })
        })
        .collect()
}

fn decode_hash(path: &str, h: &str) -> Result<Hash> {
    hash_from_base64(h).ok_or_else(|| Error::Parse {
        path: path.into(),
        message: "not 32 bytes of base64".into(),
        position: None,
    })
}

fn check_origin(cp: &Checkpoint, origin: &str) -> Result<()> {
    if cp.origin != origin {
        return Err(not_proven(
            ProofFailure::OriginMismatch,
            None,
            format!(
                "the checkpoint is of origin '{}', not '{origin}': it is another ledger's",
                cp.origin
            ),
        ));
    }
    Ok(())
}

impl InclusionProof {
    /// Reads a proof from JSON.
    pub fn from_json(json: &str) -> Result<InclusionProof> {
        crate::json::from_str(json)
    }

    /// The proof as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Verifies the proof against a checkpoint (already opened, i.e. its
    /// signatures checked): same origin and size, and the path leads from the
    /// entry to the checkpoint's root.
    ///
    /// The leaf is derived here from `entry_hash` (the leaf of an entry is
    /// `SHA-256(0x00 || the 32 bytes of its hash)`, see
    /// [`Ledger::merkle_tree`]), never taken from the proof: a proof edited to
    /// name another entry, or no entry, fails. `leaf_hash` and `root` are
    /// checked against what they must be (the derived leaf, the checkpoint's
    /// root). A field that is not what it must be in form (`entry_hash` not
    /// 64 lower-case hex digits, a hash not 32 bytes of base64) is a
    /// `parse_error` naming it; a proof that does not lead to the
    /// checkpoint's root, or is for another size, is `bad_proof` (naming the
    /// entry); another origin is `origin_mismatch`.
    pub fn verify(&self, checkpoint: &Checkpoint) -> Result<()> {
        let leaf = merkle::leaf_hash(&crate::ledger::entry_hash::hash_from_hex(
            "entry_hash",
            &self.entry_hash,
        )?);
        let claimed_leaf = decode_hash("leaf_hash", &self.leaf_hash)?;
        let claimed_root = decode_hash("root", &self.root)?;
        let hashes = decode_hashes(&self.hashes)?;
        check_origin(checkpoint, &self.origin)?;
        let bad = |m: String| not_proven(ProofFailure::BadProof, Some(self.index), m);
        if self.size != checkpoint.size {
            return Err(bad(format!(
                "the proof is for {} entries, the checkpoint for {}",
                self.size, checkpoint.size
            )));
        }
        if claimed_leaf != leaf {
            return Err(bad(format!(
                "the proof's leaf hash is not the leaf of entry hash {}",
                self.entry_hash
            )));
        }
        if claimed_root != checkpoint.root {
            return Err(bad("the proof's root is not the checkpoint's".to_owned()));
        }
        if !merkle::verify_inclusion(self.index, self.size, &leaf, &hashes, &checkpoint.root) {
            return Err(bad(format!(
                "entry {} ({}) is not in the checkpointed ledger: the proof does not lead to its root",
                self.index, self.entry_hash
            )));
        }
        Ok(())
    }

    /// Verifies the proof and that it is the proof of `entry`: its `seq` is
    /// the proof's index, its hash the proof's `entry_hash`, and that hash is
    /// the one of its content ([`entry_hash`](crate::ledger::entry_hash)).
    pub fn verify_entry(
        &self,
        entry: &crate::ledger::Entry,
        checkpoint: &Checkpoint,
    ) -> Result<()> {
        let hash = crate::ledger::entry_hash(entry);
        if entry.seq != self.index || hash != entry.hash || hash.as_str() != self.entry_hash {
            return Err(not_proven(
                ProofFailure::BadProof,
                Some(entry.seq),
                format!("the proof is not of entry {} ({})", entry.seq, entry.id),
            ));
        }
        self.verify(checkpoint)
    }
}

impl ConsistencyProof {
    /// Reads a proof from JSON.
    pub fn from_json(json: &str) -> Result<ConsistencyProof> {
        crate::json::from_str(json)
    }

    /// The proof as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Verifies that `new` extends `old` (two opened checkpoints of one
    /// origin) with this proof; a failure is a `fork`: the ledger shown to
    /// whoever holds `new` is not the one shown to whoever holds `old`.
    pub fn verify(&self, old: &Checkpoint, new: &Checkpoint) -> Result<()> {
        check_origin(old, &self.origin)?;
        check_origin(new, &self.origin)?;
        check_pair(old, new)?;
        let hashes = decode_hashes(&self.hashes)?;
        if self.old_size != old.size || self.new_size != new.size {
            return Err(not_proven(
                ProofFailure::BadProof,
                None,
                format!(
                    "the proof is from {} to {} entries, the checkpoints are of {} and {}",
                    self.old_size, self.new_size, old.size, new.size
                ),
            ));
        }
        if !merkle::verify_consistency(old.size, new.size, &old.root, &new.root, &hashes) {
            return Err(not_proven(
                ProofFailure::Fork,
                None,
                format!(
                    "the checkpoint of {} entries does not extend the one of {}: the ledger was forked or rewritten between them",
                    new.size, old.size
                ),
            ));
        }
        Ok(())
    }
}

/// Two checkpoints of one origin: the older must not be larger, and equal
/// sizes must have equal roots.
fn check_pair(old: &Checkpoint, new: &Checkpoint) -> Result<()> {
    if old.origin != new.origin {
        return Err(not_proven(
            ProofFailure::OriginMismatch,
            None,
            format!(
                "the checkpoints are of two ledgers ('{}' and '{}')",
                old.origin, new.origin
            ),
        ));
    }
    if old.size == new.size && old.root != new.root {
        return Err(not_proven(
            ProofFailure::Fork,
            None,
            format!(
                "two checkpoints of '{}' at {} entries have different roots: the ledger was forked",
                old.origin, old.size
            ),
        ));
    }
    if old.size > new.size {
        return Err(not_proven(
            ProofFailure::Truncation,
            Some(new.size),
            format!(
                "the newer checkpoint has {} entries, fewer than the older one's {}",
                new.size, old.size
            ),
        ));
    }
    Ok(())
}

/// What [`Ledger::verify_checkpoint`] established.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckpointVerified {
    /// The checkpoint's origin.
    pub origin: String,
    /// Entries the checkpoint covers.
    pub checkpoint_size: u64,
    /// Entries in the ledger (at least `checkpoint_size`).
    pub ledger_size: u64,
    /// The trusted keys that signed (`name+keyid`).
    pub signed_by: Vec<String>,
}

impl Ledger {
    /// The Merkle tree of the entries. The data of leaf `i` is the 32 bytes
    /// of entry `i`'s hash, recomputed from its content (the SHA-256 of its
    /// canonical bytes): the leaf is `SHA-256(0x00 || SHA-256(canonical
    /// bytes))`, so the tree commits to exactly the bytes the hash chain does,
    /// and an inclusion proof's leaf follows from the entry hash it names.
    pub fn merkle_tree(&self) -> MerkleTree {
        let mut hasher = Hasher::default();
        MerkleTree::from_leaves(self.entries().iter().map(|e| {
            let hash: Hash = Sha256::digest(hasher.canonical(e)).into();
            merkle::leaf_hash(&hash)
        }))
    }

    /// The origin of a ledger created without one:
    /// `okrkit.ledger/` and the first 32 hex digits of its first entry's hash
    /// (`okrkit.ledger/empty` when it has none). Prefer an origin of your own,
    /// chosen at creation.
    pub fn default_origin(&self) -> String {
        match self.entries().first() {
            Some(e) => format!("okrkit.ledger/{}", e.hash.get(..32).unwrap_or(&e.hash)),
            None => "okrkit.ledger/empty".to_owned(),
        }
    }

    /// The checkpoint of the ledger as it stands.
    pub fn checkpoint(&self, origin: &str) -> Result<Checkpoint> {
        if !valid_origin(origin) {
            return Err(Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: format!("'{origin}' is not an origin: one line of text, not empty"),
                path: "origin".into(),
            });
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size: self.len() as u64,
            root: self.merkle_tree().root(),
            extensions: Vec::new(),
        })
    }

    /// The signed checkpoint note of the ledger as it stands, signed by each
    /// key. No key is an `invalid_value` at `keys` (a note without a
    /// signature proves nothing).
    ///
    /// ```
    /// use okrkit::ledger::{Ledger, Actor, Action};
    /// use okrkit::ledger::note::SigningKey;
    /// let doc = okrkit::Document::from_json(r#"{"teams":[{"id":"web","name":"Web"}],"people":[{"id":"ana","name":"Ana"}]}"#)?;
    /// let mut ledger = Ledger::new();
    /// ledger.append("2026-01-02T09:00:00Z".parse().unwrap(), Actor::new("ana", "web"), Action::import(doc))?;
    /// let key = SigningKey::generate("hr.example.com/okr")?;
    /// let note = ledger.sign_checkpoint("hr.example.com/okr", &[&key])?;
    /// // Later, or elsewhere: the ledger is the one checkpointed, or extends it.
    /// let ok = ledger.verify_checkpoint(&note, &[key.verifier()], 1, "hr.example.com/okr")?;
    /// assert_eq!(ok.checkpoint_size, 1);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn sign_checkpoint(&self, origin: &str, keys: &[&SigningKey]) -> Result<String> {
        self.checkpoint(origin)?.sign(keys)
    }

    /// Verifies the ledger against a signed checkpoint kept elsewhere.
    ///
    /// Passes when at least `min_signatures` trusted keys signed the note, it
    /// is of `origin`, and the ledger's first `size` entries are exactly the
    /// checkpointed ones — the same ledger, or an honest extension of it.
    /// Otherwise [`Error::NotProven`] says why: `bad_signature`,
    /// `unknown_key`, `not_enough_signatures`, `origin_mismatch`,
    /// `truncation` (naming the first missing entry) or `rewrite` (entries
    /// the checkpoint covers were changed, reordered or replaced, even with
    /// every hash recomputed). A malformed note is a `parse_error`.
    pub fn verify_checkpoint(
        &self,
        note: &str,
        trusted: &[VerifierKey],
        min_signatures: usize,
        origin: &str,
    ) -> Result<CheckpointVerified> {
        let opened = note::open_note(note, trusted, min_signatures)?;
        let cp = Checkpoint::parse(&opened.text)?;
        if cp.origin != origin {
            let derived =
                cp.origin.starts_with("okrkit.ledger/") && origin.starts_with("okrkit.ledger/");
            return Err(not_proven(
                ProofFailure::OriginMismatch,
                derived.then_some(0),
                if derived {
                    format!(
                        "the checkpoint is of '{}', this ledger is '{origin}' (named after its first entry): it is another ledger's checkpoint, or entry 0 was rewritten",
                        cp.origin
                    )
                } else {
                    format!(
                        "the checkpoint is of origin '{}', not '{origin}': it is another ledger's",
                        cp.origin
                    )
                },
            ));
        }
        self.verify_opened_checkpoint(&cp)?;
        Ok(CheckpointVerified {
            origin: cp.origin,
            checkpoint_size: cp.size,
            ledger_size: self.len() as u64,
            signed_by: opened.signed_by,
        })
    }

    /// `truncation` when the ledger is shorter than the checkpoint.
    fn check_not_truncated(&self, cp: &Checkpoint) -> Result<()> {
        let len = self.len() as u64;
        if len < cp.size {
            return Err(not_proven(
                ProofFailure::Truncation,
                Some(len),
                format!(
                    "the checkpoint covers {} entries, the ledger has {len}: entries from {len} on were cut",
                    cp.size
                ),
            ));
        }
        Ok(())
    }

    /// The ledger against a checkpoint whose signatures and origin were checked.
    fn verify_opened_checkpoint(&self, cp: &Checkpoint) -> Result<()> {
        self.check_not_truncated(cp)?;
        let tree = self.merkle_tree();
        if tree.root_at(cp.size) != Some(cp.root) {
            return Err(not_proven(
                ProofFailure::Rewrite,
                None,
                format!(
                    "the first {} entries are not the ones checkpointed: at least one of them was edited, reordered, replaced or removed and the chain rebuilt; compare with a copy kept elsewhere (first_difference) to name it",
                    cp.size
                ),
            ));
        }
        Ok(())
    }

    /// The inclusion proof of entry `index` in the ledger's first `size`
    /// entries (the whole ledger with `None`). Builds the tree: for many
    /// proofs, build it once with [`Ledger::prover`].
    pub fn inclusion_proof(
        &self,
        origin: &str,
        index: u64,
        size: Option<u64>,
    ) -> Result<InclusionProof> {
        self.prover(origin).inclusion_proof(index, size)
    }

    /// The inclusion proof of entry `index` against a checkpoint (its
    /// signatures are checked when the proof is verified): of the
    /// checkpoint's origin and size. An `origin` given too must be the
    /// checkpoint's (`invalid_value` at `origin` otherwise: the proof would
    /// be refused as `origin_mismatch`); a ledger shorter than the
    /// checkpoint is `truncation`, as [`Ledger::verify_checkpoint`] says.
    pub fn inclusion_proof_for(
        &self,
        checkpoint: &Checkpoint,
        index: u64,
        origin: Option<&str>,
    ) -> Result<InclusionProof> {
        if let Some(origin) = origin.filter(|o| *o != checkpoint.origin) {
            return Err(Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: format!(
                    "the checkpoint is of origin '{}', not '{origin}': give its origin, or none",
                    checkpoint.origin
                ),
                path: "origin".into(),
            });
        }
        self.check_not_truncated(checkpoint)?;
        self.inclusion_proof(&checkpoint.origin, index, Some(checkpoint.size))
    }

    /// The consistency proof that the ledger's first `new_size` entries
    /// extend its first `old_size`.
    pub fn consistency_proof(
        &self,
        origin: &str,
        old_size: u64,
        new_size: u64,
    ) -> Result<ConsistencyProof> {
        self.prover(origin).consistency_proof(old_size, new_size)
    }

    /// The ledger's Merkle tree, built once, to give many proofs.
    pub fn prover(&self, origin: &str) -> Prover<'_> {
        Prover {
            ledger: self,
            origin: origin.to_owned(),
            tree: self.merkle_tree(),
        }
    }
}

/// Proofs from one ledger's tree, built once ([`Ledger::prover`]): each
/// proof then costs O(log n) hashes.
#[derive(Debug, Clone)]
pub struct Prover<'a> {
    ledger: &'a Ledger,
    origin: String,
    tree: MerkleTree,
}

impl Prover<'_> {
    /// The tree.
    pub fn tree(&self) -> &MerkleTree {
        &self.tree
    }

    /// The inclusion proof of entry `index` in the first `size` entries (all with `None`).
    pub fn inclusion_proof(&self, index: u64, size: Option<u64>) -> Result<InclusionProof> {
        let tree = &self.tree;
        let size = size.unwrap_or(tree.len());
        let out_of_range = || Error::InvalidArgument {
            code: crate::ProblemCode::InvalidValue,
            message: format!(
                "no entry {index} in a tree of {size} entries (the ledger has {})",
                tree.len()
            ),
            path: "entry".into(),
        };
        let hashes = tree.inclusion_proof(index, size).ok_or_else(out_of_range)?;
        let (Some(leaf), Some(root)) = (tree.leaf(index), tree.root_at(size)) else {
            return Err(out_of_range());
        };
        Ok(InclusionProof {
            origin: self.origin.clone(),
            size,
            index,
            entry_hash: self.ledger.entries()[index as usize].hash.to_string(),
            leaf_hash: hash_to_base64(&leaf),
            root: hash_to_base64(&root),
            hashes: hashes.iter().map(hash_to_base64).collect(),
        })
    }

    /// The consistency proof from the first `old_size` entries to the first `new_size`.
    pub fn consistency_proof(&self, old_size: u64, new_size: u64) -> Result<ConsistencyProof> {
        let tree = &self.tree;
        let out_of_range = || Error::InvalidArgument {
            code: crate::ProblemCode::InvalidValue,
            message: format!(
                "no consistency proof from {old_size} to {new_size} entries (the ledger has {})",
                tree.len()
            ),
            path: "size".into(),
        };
        let hashes = tree
            .consistency_proof(old_size, new_size)
            .ok_or_else(out_of_range)?;
        let (Some(old_root), Some(new_root)) = (tree.root_at(old_size), tree.root_at(new_size))
        else {
            return Err(out_of_range());
        };
        Ok(ConsistencyProof {
            origin: self.origin.clone(),
            old_size,
            new_size,
            old_root: hash_to_base64(&old_root),
            new_root: hash_to_base64(&new_root),
            hashes: hashes.iter().map(hash_to_base64).collect(),
        })
    }
}

/// Checks two signed checkpoints of one ledger against each other: both
/// signed by enough trusted keys, of `origin`, and the newer extends the
/// older. With the ledger, builds the consistency proof from it and checks
/// the ledger is the one the newer checkpoint signed (else `rewrite`); the
/// checkpoints disagreeing is a `fork`.
pub fn check_consistency(
    old_note: &str,
    new_note: &str,
    trusted: &[VerifierKey],
    min_signatures: usize,
    origin: &str,
    ledger: &Ledger,
) -> Result<ConsistencyProof> {
    let old = Checkpoint::open(old_note, trusted, min_signatures)?;
    let new = Checkpoint::open(new_note, trusted, min_signatures)?;
    check_origin(&old, origin)?;
    check_pair(&old, &new)?;
    ledger.verify_opened_checkpoint(&new)?;
    let proof = ledger.consistency_proof(origin, old.size, new.size)?;
    proof.verify(&old, &new)?;
    Ok(proof)
}

/// The first position where two sequences of entries differ (by chain hash),
/// or where the shorter one ends; `None` when they are equal. With a copy
/// kept elsewhere this names the first rewritten entry.
pub fn first_difference(a: &[crate::ledger::Entry], b: &[crate::ledger::Entry]) -> Option<u64> {
    let common = a.len().min(b.len());
    (0..common)
        .find(|&i| a[i].hash != b[i].hash)
        .or((a.len() != b.len()).then_some(common))
        .map(|i| i as u64)
}
