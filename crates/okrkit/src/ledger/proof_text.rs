//! Checking proofs handed over as text, as every binding's
//! `verify_inclusion_proof` / `verify_consistency_proof` takes them: the
//! trusted keys as their text forms, the proof as the core's JSON, the
//! checkpoints as signed notes.

use crate::error::Result;
use crate::ledger::checkpoint::{Checkpoint, ConsistencyProof, InclusionProof};
use crate::ledger::note::VerifierKey;

/// How many distinct trusted keys must have signed a checkpoint when the
/// caller names no number (every binding's `min_signatures` left out).
pub const DEFAULT_MIN_SIGNATURES: usize = 1;

/// The keys a reader trusts, from their text forms, and how many distinct
/// ones must have signed (`None`: [`DEFAULT_MIN_SIGNATURES`]): what every
/// binding's `verify_checkpoint`, `verify_inclusion_proof` and
/// `verify_consistency_proof` read from their `trusted` and
/// `min_signatures` arguments.
///
/// ```
/// use okrkit::ledger::note::SigningKey;
/// use okrkit::ledger::proof_text::trust;
///
/// let key = SigningKey::generate("audit.example")?.verifier().to_string();
/// assert_eq!(trust(&[&key], None)?.1, 1);
/// assert_eq!(trust(&[&key], Some(2))?.1, 2);
/// assert_eq!(trust(&["nonsense"], None).unwrap_err().code(), "parse_error");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn trust(
    texts: &[impl AsRef<str>],
    min_signatures: Option<usize>,
) -> Result<(Vec<VerifierKey>, usize)> {
    let keys = parse_verifier_keys(texts)?;
    Ok((keys, min_signatures.unwrap_or(DEFAULT_MIN_SIGNATURES)))
}

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
