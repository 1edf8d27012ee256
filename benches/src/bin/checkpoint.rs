//! Checkpoints and proofs of a generated ledger (issue 13), timed against
//! SHA-256 over the same bytes in the same run:
//!
//! `cargo run --release -p okrkit-benches --bin checkpoint -- 1000000`
//!
//! Prints one JSON object. Each time is the best of 3 runs, on one thread:
//! * `sha256_s`: SHA-256 of every entry's canonical bytes (already encoded);
//! * `tree_s`: the Merkle tree of the same bytes (leaf and node hashes) and its root;
//! * `chain_hash_s`: encoding every entry canonically and hashing it (`entry_hash`,
//!   what the hash chain costs);
//! * `checkpoint_s`: `Ledger::sign_checkpoint` end to end (encoding, tree, Ed25519);
//! * `verify_s`: `Ledger::verify_checkpoint` of the loaded ledger against it;
//! * per proof: inclusion proof generation and verification from a built tree
//!   (`Ledger::prover`), consistency proof generation and verification.

use okrkit::ledger::merkle::{MerkleTree, leaf_hash};
use okrkit::ledger::note::SigningKey;
use okrkit::ledger::{Checkpoint, canonical_bytes, entry_hash};
use sha2::{Digest, Sha256};
use std::hint::black_box;
use std::time::Instant;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let ledger = okrkit_benches::bench_ledger(n);
    let bytes: Vec<Vec<u8>> = ledger.entries().iter().map(canonical_bytes).collect();
    let total: usize = bytes.iter().map(Vec::len).sum();
    let origin = "bench.example/okr";
    let key = SigningKey::from_seed(origin, &[1; 32]).expect("key");

    let sha256_s = best(3, || {
        bytes
            .iter()
            .map(|b| Sha256::digest(b)[0])
            .fold(0u8, |a, b| a ^ b)
    });
    let tree_s = best(3, || {
        MerkleTree::from_leaves(bytes.iter().map(|b| leaf_hash(b))).root()
    });
    let chain_hash_s = best(3, || {
        ledger
            .entries()
            .iter()
            .map(|e| entry_hash(e).len())
            .sum::<usize>()
    });
    let mut note = String::new();
    let checkpoint_s = best(3, || {
        note = ledger.sign_checkpoint(origin, &[&key]).expect("signs");
    });
    let trusted = [key.verifier()];
    let verify_s = best(3, || {
        ledger
            .verify_checkpoint(&note, &trusted, 1, origin)
            .expect("verifies")
    });

    let prover = ledger.prover(origin);
    let cp = Checkpoint::open(&note, &trusted, 1).expect("opens");
    let proofs = 10_000.min(n);
    let step = (n / proofs).max(1) as u64;
    let mut made = Vec::with_capacity(proofs);
    let gen_s = best(1, || {
        made = (0..proofs as u64)
            .map(|i| prover.inclusion_proof(i * step, None).expect("proof"))
            .collect();
    });
    let ver_s = best(1, || {
        for p in &made {
            p.verify(&cp).expect("verifies");
        }
    });
    let olds: Vec<u64> = (1..=1000u64)
        .map(|i| i * (n as u64 / 1001).max(1))
        .collect();
    let mut cons = Vec::new();
    let cgen_s = best(1, || {
        cons = olds
            .iter()
            .map(|&m| prover.consistency_proof(m, n as u64).expect("proof"))
            .collect();
    });
    let olds_cp: Vec<Checkpoint> = cons
        .iter()
        .map(|c| Checkpoint {
            origin: origin.into(),
            size: c.old_size,
            root: okrkit::ledger::checkpoint::hash_from_base64(&c.old_root).expect("root"),
            extensions: vec![],
        })
        .collect();
    let cver_s = best(1, || {
        for (c, old) in cons.iter().zip(&olds_cp) {
            c.verify(old, &cp).expect("verifies");
        }
    });
    let out = serde_json::json!({
        "entries": n,
        "canonical_bytes": total,
        "sha256_s": sha256_s,
        "tree_s": tree_s,
        "tree_over_sha256": tree_s / sha256_s,
        "chain_hash_s": chain_hash_s,
        "checkpoint_s": checkpoint_s,
        "checkpoint_over_chain_hash": checkpoint_s / chain_hash_s,
        "verify_s": verify_s,
        "verify_over_chain_hash": verify_s / chain_hash_s,
        "inclusion_proof_generate_us": gen_s / proofs as f64 * 1e6,
        "inclusion_proof_verify_us": ver_s / proofs as f64 * 1e6,
        "inclusion_proof_hashes": made.last().map_or(0, |p| p.hashes.len()),
        "consistency_proof_generate_us": cgen_s / cons.len() as f64 * 1e6,
        "consistency_proof_verify_us": cver_s / cons.len() as f64 * 1e6,
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}
