//! Signed checkpoints and proofs of a ledger (issue 13): keys, checkpoint
//! notes, verification against them, inclusion and consistency proofs. Notes
//! and keys are their C2SP text forms; proofs are the core's JSON text.
//! Failures throw an `Error` whose `code` is the reason (`rewrite`,
//! `truncation`, `fork`, `bad_signature`, `unknown_key`,
//! `not_enough_signatures`, `origin_mismatch`, `bad_proof`) and whose
//! `entry` is the first entry that differs or is missing (or `null`).
//! Every rule is in `okrkit::ledger::checkpoint`.

use crate::convert::{Dates, arg, arg_de, count_arg, opt_count_arg, to_js};
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
    #[napi(factory, catch_unwind, ts_args_type = "name: string")]
    pub fn generate(env: Env, name: Unknown) -> Result<SigningKey> {
        let name: String = arg(name, "name").or_throw(&env)?;
        Ok(SigningKey {
            inner: note::SigningKey::generate(&name).or_throw(&env)?,
        })
    }

    /// Reads the text form `PRIVATE+KEY+NAME+KEYID+BASE64`.
    #[napi(factory, catch_unwind, ts_args_type = "text: string")]
    pub fn parse(env: Env, text: Unknown) -> Result<SigningKey> {
        let text: String = arg(text, "text").or_throw(&env)?;
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

fn trusted_keys(env: &Env, trusted: Unknown) -> Result<Vec<VerifierKey>> {
    let trusted: Vec<String> = arg_de(trusted, "trusted").or_throw(env)?;
    trusted
        .iter()
        .map(|t| VerifierKey::parse(t).or_throw(env))
        .collect()
}

/// The `minSignatures` argument (1 when left out).
fn min_sigs(env: &Env, value: Option<Unknown>) -> Result<usize> {
    let n: Option<usize> = opt_count_arg(value, "minSignatures").or_throw(env)?;
    Ok(n.unwrap_or(1))
}

/// A `Ledger` argument (`parse_error` at `name` for anything else).
fn ledger_arg<'a>(env: &Env, value: Unknown<'a>) -> Result<ClassInstance<'a, Ledger>> {
    arg(value, "ledger").or_throw(env)
}

/// A `SigningKey` argument.
fn key_arg<'a>(env: &Env, value: Unknown<'a>) -> Result<ClassInstance<'a, SigningKey>> {
    arg(value, "key").or_throw(env)
}

/// The signed checkpoint note of the ledger as it stands (more signers: `cosignCheckpoint`).
#[napi(
    catch_unwind,
    ts_args_type = "ledger: Ledger, origin: string, key: SigningKey"
)]
pub fn sign_checkpoint(env: Env, ledger: Unknown, origin: Unknown, key: Unknown) -> Result<String> {
    let ledger = ledger_arg(&env, ledger)?;
    let origin: String = arg(origin, "origin").or_throw(&env)?;
    let key = key_arg(&env, key)?;
    ledger
        .core(&env)?
        .sign_checkpoint(&origin, &[&key.inner])
        .or_throw(&env)
}

/// Adds a signature (a witness, an auditor) to a signed checkpoint.
#[napi(catch_unwind, ts_args_type = "checkpoint: string, key: SigningKey")]
pub fn cosign_checkpoint(env: Env, checkpoint: Unknown, key: Unknown) -> Result<String> {
    let checkpoint: String = arg(checkpoint, "checkpoint").or_throw(&env)?;
    let key = key_arg(&env, key)?;
    note::cosign_note(&checkpoint, &key.inner).or_throw(&env)
}

/// Verifies the ledger against a signed checkpoint (the same ledger or an
/// honest extension); returns `{ origin, checkpointSize, ledgerSize, signedBy }`.
#[napi(
    catch_unwind,
    ts_args_type = "ledger: Ledger, checkpoint: string, trusted: Array<string>, origin: string, minSignatures?: number | undefined | null",
    ts_return_type = "{ origin: string; checkpointSize: number; ledgerSize: number; signedBy: string[] }"
)]
pub fn verify_checkpoint<'e>(
    env: &'e Env,
    ledger: Unknown,
    checkpoint: Unknown,
    trusted: Unknown,
    origin: Unknown,
    min_signatures: Option<Unknown>,
) -> Result<Unknown<'e>> {
    let ledger = ledger_arg(env, ledger)?;
    let checkpoint: String = arg(checkpoint, "checkpoint").or_throw(env)?;
    let keys = trusted_keys(env, trusted)?;
    let origin: String = arg(origin, "origin").or_throw(env)?;
    let min = min_sigs(env, min_signatures)?;
    let v = ledger
        .core(env)?
        .verify_checkpoint(&checkpoint, &keys, min, &origin)
        .or_throw(env)?;
    to_js(env, &v, Dates::Strings)
}

/// The origin of a ledger made without one (`okrkit.ledger/` + its first entry's hash).
#[napi(catch_unwind, ts_args_type = "ledger: Ledger")]
pub fn default_origin(env: Env, ledger: Unknown) -> Result<String> {
    let ledger = ledger_arg(&env, ledger)?;
    Ok(ledger.core(&env)?.default_origin())
}

/// The inclusion proof (JSON text) of entry `index` in the first `size` entries (all when omitted).
#[napi(
    catch_unwind,
    ts_args_type = "ledger: Ledger, origin: string, index: number, size?: number | undefined | null"
)]
pub fn inclusion_proof(
    env: Env,
    ledger: Unknown,
    origin: Unknown,
    index: Unknown,
    size: Option<Unknown>,
) -> Result<String> {
    let ledger = ledger_arg(&env, ledger)?;
    let origin: String = arg(origin, "origin").or_throw(&env)?;
    let index: u64 = count_arg(index, "index").or_throw(&env)?;
    let size: Option<u64> = opt_count_arg(size, "size").or_throw(&env)?;
    ledger
        .core(&env)?
        .inclusion_proof(&origin, index, size)
        .map(|p| p.to_json())
        .or_throw(&env)
}

/// Verifies an inclusion proof (JSON text) against a signed checkpoint.
#[napi(
    catch_unwind,
    ts_args_type = "proof: string, checkpoint: string, trusted: Array<string>, minSignatures?: number | undefined | null"
)]
pub fn verify_inclusion_proof(
    env: Env,
    proof: Unknown,
    checkpoint: Unknown,
    trusted: Unknown,
    min_signatures: Option<Unknown>,
) -> Result<()> {
    let proof: String = arg(proof, "proof").or_throw(&env)?;
    let checkpoint: String = arg(checkpoint, "checkpoint").or_throw(&env)?;
    let keys = trusted_keys(&env, trusted)?;
    let min = min_sigs(&env, min_signatures)?;
    let p = InclusionProof::from_json(&proof).or_throw(&env)?;
    let cp = Checkpoint::open(&checkpoint, &keys, min).or_throw(&env)?;
    p.verify(&cp).or_throw(&env)
}

/// The consistency proof (JSON text) from the first `oldSize` entries to the first `newSize`.
#[napi(
    catch_unwind,
    ts_args_type = "ledger: Ledger, origin: string, oldSize: number, newSize: number"
)]
pub fn consistency_proof(
    env: Env,
    ledger: Unknown,
    origin: Unknown,
    old_size: Unknown,
    new_size: Unknown,
) -> Result<String> {
    let ledger = ledger_arg(&env, ledger)?;
    let origin: String = arg(origin, "origin").or_throw(&env)?;
    let old: u64 = count_arg(old_size, "oldSize").or_throw(&env)?;
    let new: u64 = count_arg(new_size, "newSize").or_throw(&env)?;
    ledger
        .core(&env)?
        .consistency_proof(&origin, old, new)
        .map(|p| p.to_json())
        .or_throw(&env)
}

/// Verifies a consistency proof (JSON text) between two signed checkpoints.
#[napi(
    catch_unwind,
    ts_args_type = "proof: string, oldCheckpoint: string, newCheckpoint: string, trusted: Array<string>, minSignatures?: number | undefined | null"
)]
pub fn verify_consistency_proof(
    env: Env,
    proof: Unknown,
    old_checkpoint: Unknown,
    new_checkpoint: Unknown,
    trusted: Unknown,
    min_signatures: Option<Unknown>,
) -> Result<()> {
    let proof: String = arg(proof, "proof").or_throw(&env)?;
    let old_checkpoint: String = arg(old_checkpoint, "oldCheckpoint").or_throw(&env)?;
    let new_checkpoint: String = arg(new_checkpoint, "newCheckpoint").or_throw(&env)?;
    let keys = trusted_keys(&env, trusted)?;
    let min = min_sigs(&env, min_signatures)?;
    let p = ConsistencyProof::from_json(&proof).or_throw(&env)?;
    let old = Checkpoint::open(&old_checkpoint, &keys, min).or_throw(&env)?;
    let new = Checkpoint::open(&new_checkpoint, &keys, min).or_throw(&env)?;
    p.verify(&old, &new).or_throw(&env)
}
