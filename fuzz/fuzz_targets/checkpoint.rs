//! Any bytes as what an auditor is handed about a ledger: a signed
//! checkpoint, a checkpoint body, an inclusion proof, a consistency proof or
//! a verifier key (the first byte picks which, the rest is the text). Never
//! a panic, and never a wrong "proven":
//! - a note that opens under the one trusted key says what that key signed;
//! - a body that parses writes back as it was read;
//! - an inclusion proof that verifies names the entry at its index;
//! - no consistency proof leads from the genuine old checkpoint to a forged
//!   new one whose first entries differ.
//!
//! The world is built here, from fixed seeds: seven entry hashes, their
//! tree, checkpoints of 3 and 7 entries signed by one key. With
//! `OKRKIT_FUZZ_WRITE_CORPUS=<dir>` the first run writes one genuine input
//! of each kind there (`corpus/checkpoint` was written so:
//! `OKRKIT_FUZZ_WRITE_CORPUS=corpus/checkpoint cargo fuzz run --sanitizer
//! none checkpoint -- -runs=1`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use okrkit::ledger::checkpoint::hash_to_base64;
use okrkit::ledger::merkle::{Hash, MerkleTree, leaf_hash};
use okrkit::ledger::note::{SigningKey, VerifierKey, open_note};
use okrkit::ledger::{Checkpoint, ConsistencyProof, InclusionProof};
use std::sync::OnceLock;

const ORIGIN: &str = "fuzz.example/okr";

struct World {
    entries: Vec<Hash>,
    trusted: VerifierKey,
    old: Checkpoint,
    new: Checkpoint,
    forged: Checkpoint,
}

fn hex(h: &Hash) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn checkpoint(tree: &MerkleTree, size: u64) -> Checkpoint {
    Checkpoint {
        origin: ORIGIN.into(),
        size,
        root: tree.root_at(size).expect("in range"),
        extensions: Vec::new(),
    }
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let entries: Vec<Hash> = (0u8..7).map(|i| leaf_hash(&[b'e', i])).collect();
        let tree = MerkleTree::from_leaves(entries.iter().map(|e| leaf_hash(e)));
        let forged_tree = MerkleTree::from_leaves(entries.iter().map(|e| leaf_hash(&leaf_hash(e))));
        let key = SigningKey::from_seed(ORIGIN, &[7; 32]).expect("key");
        let world = World {
            trusted: key.verifier(),
            old: checkpoint(&tree, 3),
            new: checkpoint(&tree, 7),
            forged: checkpoint(&forged_tree, 7),
            entries,
        };
        if let Ok(dir) = std::env::var("OKRKIT_FUZZ_WRITE_CORPUS") {
            let inclusion = InclusionProof {
                origin: ORIGIN.into(),
                size: 7,
                index: 5,
                entry_hash: hex(&world.entries[5]),
                leaf_hash: hash_to_base64(&leaf_hash(&world.entries[5])),
                root: hash_to_base64(&world.new.root),
                hashes: tree
                    .inclusion_proof(5, 7)
                    .expect("proof")
                    .iter()
                    .map(hash_to_base64)
                    .collect(),
            };
            let consistency = ConsistencyProof {
                origin: ORIGIN.into(),
                old_size: 3,
                new_size: 7,
                old_root: hash_to_base64(&world.old.root),
                new_root: hash_to_base64(&world.new.root),
                hashes: tree
                    .consistency_proof(3, 7)
                    .expect("proof")
                    .iter()
                    .map(hash_to_base64)
                    .collect(),
            };
            let seeds = [
                ("note", world.new.sign(&[&key]).expect("signed")),
                ("body", world.new.to_text()),
                ("inclusion", inclusion.to_json()),
                ("consistency", consistency.to_json()),
                ("verifier", world.trusted.to_string()),
            ];
            for (pick, (name, text)) in seeds.into_iter().enumerate() {
                let mut bytes = vec![pick as u8];
                bytes.extend_from_slice(text.as_bytes());
                std::fs::write(format!("{dir}/{name}"), bytes).expect("corpus written");
            }
        }
        world
    })
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    match pick % 5 {
        0 => {
            if let Ok(opened) = open_note(text, std::slice::from_ref(&w.trusted), 1) {
                assert_eq!(
                    opened.text,
                    w.new.to_text(),
                    "opened what the key never signed"
                );
            }
            let _ = Checkpoint::open(text, std::slice::from_ref(&w.trusted), 1);
        }
        1 => {
            if let Ok(cp) = Checkpoint::parse(text) {
                assert_eq!(cp.to_text(), text, "a body writes back as read");
            }
        }
        2 => {
            if let Ok(proof) = InclusionProof::from_json(text)
                && proof.verify(&w.new).is_ok()
            {
                let at = w.entries.get(proof.index as usize).expect("index in range");
                assert_eq!(
                    proof.entry_hash,
                    hex(at),
                    "proved an entry not at its index"
                );
            }
        }
        3 => {
            if let Ok(proof) = ConsistencyProof::from_json(text) {
                assert!(
                    proof.verify(&w.old, &w.forged).is_err(),
                    "a fork passed as an extension"
                );
                let _ = proof.verify(&w.old, &w.new);
            }
        }
        _ => {
            let _ = VerifierKey::parse(text);
        }
    }
});
