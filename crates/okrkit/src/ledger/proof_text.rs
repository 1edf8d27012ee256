//! Checking proofs handed over as text, as every binding's
//! `verify_inclusion_proof` / `verify_consistency_proof` takes them: the
//! trusted keys as their text forms, the proof as the core's JSON, the
//! checkpoints as signed notes.

use crate::error::Result;
use crate::ledger::checkpoint::{Checkpoint, ConsistencyProof, InclusionProof};
use crate::ledger::note::VerifierKey;

/// Verifier keys from their text forms (`NAME+KEYID+BASE64`), in order; the
/// first that does not parse is the error.
pub fn parse_verifier_keys(texts: &[impl AsRef<str>]) -> Result<Vec<VerifierKey>> {
    texts
        .iter()
        .map(|t| VerifierKey::parse(t.as_ref()))
        .collect()
}

/// Verifies an inclusion proof (the core's JSON) against a signed checkpoint
/// note carrying at least `min_signatures` signatures of `trusted` keys. The
/// proof is read first, then the note opened ([`Checkpoint::open`]).
pub fn verify_inclusion_proof_json(
    proof: &str,
    checkpoint: &str,
    trusted: &[VerifierKey],
    min_signatures: usize,
) -> Result<()> {
    let proof = InclusionProof::from_json(proof)?;
    proof.verify(&Checkpoint::open(checkpoint, trusted, min_signatures)?)
}

/// Verifies a consistency proof (the core's JSON) between two signed
/// checkpoint notes, each carrying at least `min_signatures` signatures of
/// `trusted` keys. The proof is read first, then the old note opened, then
/// the new one.
pub fn verify_consistency_proof_json(
    proof: &str,
    old_checkpoint: &str,
    new_checkpoint: &str,
    trusted: &[VerifierKey],
    min_signatures: usize,
) -> Result<()> {
    let proof = ConsistencyProof::from_json(proof)?;
    let old = Checkpoint::open(old_checkpoint, trusted, min_signatures)?;
    let new = Checkpoint::open(new_checkpoint, trusted, min_signatures)?;
    proof.verify(&old, &new)
}
