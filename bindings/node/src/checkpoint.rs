//! Signed checkpoints and proofs of a ledger (issue 13): keys, checkpoint
//! notes, verification against them, inclusion and consistency proofs. Notes
//! and keys are their C2SP text forms; proofs are the core's JSON text.
//! Failures throw an `Error` whose `code` is the reason (`rewrite`,
//! `truncation`, `fork`, `bad_signature`, `unknown_key`,
//! `not_enough_signatures`, `origin_mismatch`, `bad_proof`) and whose
//! `entry` is the first entry that differs or is missing (or `null`).
//! Every rule is in `okrkit::ledger::checkpoint`.

use crate::convert::{Dates, to_js};
use crate::error::OrThrow;
use crate::ledger::Ledger;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::ledger::note::{self, VerifierKey};
use okrkit::ledger::{Checkpoint, ConsistencyProof, InclusionProof};

/// A secret Ed25519 signing key with its name (C2SP signed-note).
#[napi]
pub struct SigningKey {
    inner: note::SigningKey,
}

#[napi]
impl SigningKey {
    /// A new key from the operating system's randomness.
    #[napi(factory, catch_unwind)]
    pub fn generate(env: Env, name: String) -> Result<SigningKey> {
        Ok(SigningKey {
            inner: note::SigningKey::generate(&name).or_throw(&env)?,
        })
    }

    /// Reads the text form `PRIVATE+KEY+NAME+KEYID+BASE64`.
    #[napi(factory, catch_unwind)]
    pub fn parse(env: Env, text: String) -> Result<SigningKey> {
        Ok(SigningKey {
            inner: note::SigningKey::parse(&text).or_throw(&env)?,
        })
    }

    /// The key's name.
    #[napi(getter, catch_unwind)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The key id.
    #[napi(getter, catch_unwind)]
    pub fn key_id(&self) -> u32 {
        self.inner.id()
    }

    /// The public verifier key text `NAME+KEYID+BASE64`, safe to publish.
    #[napi(getter, catch_unwind)]
    pub fn verifier_key(&self) -> String {
        self.inner.verifier().to_string()
    }

    /// The secret text form; store it like a password.
    #[napi(catch_unwind)]
    pub fn secret_text(&self) -> String {
        self.inner.to_secret_text()
    }
}

fn trusted_keys(env: &Env, trusted: &[String]) -> Result<Vec<VerifierKey>> {
    trusted
        .iter()
        .map(|t| VerifierKey::parse(t).or_throw(env))
        .collect()
}

/// The signed checkpoint note of the ledger as it stands (more signers: `cosignCheckpoint`).
#[napi(catch_unwind)]
pub fn sign_checkpoint(
    env: Env,
    ledger: &Ledger,
    origin: String,
    key: &SigningKey,
) -> Result<String> {
    ledger
        .core(&env)?
        .sign_checkpoint(&origin, &[&key.inner])
        .or_throw(&env)
}

/// Adds a signature (a witness, an auditor) to a signed checkpoint.
#[napi(catch_unwind)]
pub fn cosign_checkpoint(env: Env, checkpoint: String, key: &SigningKey) -> Result<String> {
    note::cosign_note(&checkpoint, &key.inner).or_throw(&env)
}

/// Verifies the ledger against a signed checkpoint (the same ledger or an
/// honest extension); returns `{ origin, checkpointSize, ledgerSize, signedBy }`.
#[napi(
    catch_unwind,
    ts_return_type = "{ origin: string; checkpointSize: number; ledgerSize: number; signedBy: string[] }"
)]
pub fn verify_checkpoint<'e>(
    env: &'e Env,
    ledger: &Ledger,
    checkpoint: String,
    trusted: Vec<String>,
    origin: String,
    min_signatures: Option<u32>,
) -> Result<Unknown<'e>> {
    let keys = trusted_keys(env, &trusted)?;
    let v = ledger
        .core(env)?
        .verify_checkpoint(
            &checkpoint,
            &keys,
            min_signatures.unwrap_or(1) as usize,
            &origin,
        )
        .or_throw(env)?;
    to_js(env, &v, Dates::Strings)
}

/// The origin of a ledger made without one (`okrkit.ledger/` + its first entry's hash).
#[napi(catch_unwind)]
pub fn default_origin(env: Env, ledger: &Ledger) -> Result<String> {
    Ok(ledger.core(&env)?.default_origin())
}

/// The inclusion proof (JSON text) of entry `index` in the first `size` entries (all when omitted).
#[napi(catch_unwind)]
pub fn inclusion_proof(
    env: Env,
    ledger: &Ledger,
    origin: String,
    index: i64,
    size: Option<i64>,
) -> Result<String> {
    let index = u64::try_from(index).unwrap_or(u64::MAX);
    let size = size.map(|s| u64::try_from(s).unwrap_or(u64::MAX));
    ledger
        .core(&env)?
        .inclusion_proof(&origin, index, size)
        .map(|p| p.to_json())
        .or_throw(&env)
}

/// Verifies an inclusion proof (JSON text) against a signed checkpoint.
#[napi(catch_unwind)]
pub fn verify_inclusion_proof(
    env: Env,
    proof: String,
    checkpoint: String,
    trusted: Vec<String>,
    min_signatures: Option<u32>,
) -> Result<()> {
    let keys = trusted_keys(&env, &trusted)?;
    let p = InclusionProof::from_json(&proof).or_throw(&env)?;
    let cp = Checkpoint::open(&checkpoint, &keys, min_signatures.unwrap_or(1) as usize)
        .or_throw(&env)?;
    p.verify(&cp).or_throw(&env)
}

/// The consistency proof (JSON text) from the first `oldSize` entries to the first `newSize`.
#[napi(catch_unwind)]
pub fn consistency_proof(
    env: Env,
    ledger: &Ledger,
    origin: String,
    old_size: i64,
    new_size: i64,
) -> Result<String> {
    let old = u64::try_from(old_size).unwrap_or(u64::MAX);
    let new = u64::try_from(new_size).unwrap_or(u64::MAX);
    ledger
        .core(&env)?
        .consistency_proof(&origin, old, new)
        .map(|p| p.to_json())
        .or_throw(&env)
}

/// Verifies a consistency proof (JSON text) between two signed checkpoints.
#[napi(catch_unwind)]
pub fn verify_consistency_proof(
    env: Env,
    proof: String,
    old_checkpoint: String,
    new_checkpoint: String,
    trusted: Vec<String>,
    min_signatures: Option<u32>,
) -> Result<()> {
    let keys = trusted_keys(&env, &trusted)?;
    let min = min_signatures.unwrap_or(1) as usize;
    let p = ConsistencyProof::from_json(&proof).or_throw(&env)?;
    let old = Checkpoint::open(&old_checkpoint, &keys, min).or_throw(&env)?;
    let new = Checkpoint::open(&new_checkpoint, &keys, min).or_throw(&env)?;
    p.verify(&old, &new).or_throw(&env)
}
