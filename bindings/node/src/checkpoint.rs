//! Signed checkpoints and proofs of a ledger (issue 13): keys, checkpoint
//! notes, verification against them, inclusion and consistency proofs. Notes
//! and keys are their C2SP text forms; proofs are the core's JSON text.
//! Failures throw an `Error` whose `code` is the reason (`rewrite`,
//! `truncation`, `fork`, `bad_signature`, `unknown_key`,
//! `not_enough_signatures`, `origin_mismatch`, `bad_proof`) and whose
//! `entry` is the first entry that differs or is missing (or `null`).
//! Every rule is in `okrkit::ledger::checkpoint`.

use crate::convert::{De, FromJs, napi_problem, parse_problem, plain, read};
use crate::define::{functions, methods, statics};
use crate::ledger::Ledger;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::ledger::note;
use okrkit::ledger::proof_text;

/// A secret Ed25519 signing key with its name (C2SP signed-note).
#[napi]
pub struct SigningKey {
    inner: note::SigningKey,
}

impl SigningKey {
    /// The key (a signing key is never freed).
    fn core(&self, _env: &Env) -> Result<&note::SigningKey> {
        Ok(&self.inner)
    }
}

statics! { SigningKey as env {
    /// A new key from the operating system's randomness.
    [factory, ts_args_type = "name: string"]
    fn generate(name: String) -> SigningKey {
        SigningKey {
            inner: note::SigningKey::generate(&name)?,
        }
    }

    /// Reads the text form `PRIVATE+KEY+NAME+KEYID+BASE64`.
    [factory, ts_args_type = "text: string"]
    fn parse(text: String) -> SigningKey {
        SigningKey {
            inner: note::SigningKey::parse(&text)?,
        }
    }
}}

methods! { SigningKey as (key, env) {
    /// The key's name.
    [getter]
    fn name() -> String {
        key.name().to_owned()
    }

    /// The key id.
    [getter]
    fn key_id() -> u32 {
        key.id()
    }

    /// The public verifier key text `NAME+KEYID+BASE64`, safe to publish.
    [getter]
    fn verifier_key() -> String {
        key.verifier().to_string()
    }

    /// The secret text form; store it like a password.
    []
    fn secret_text() -> String {
        key.to_secret_text()
    }
}}

/// Trusted verifier keys, as their text forms (`trusted: string[]`).
type Trusted = De<Vec<String>>;

type LedgerArg<'e> = ClassInstance<'e, Ledger>;
type KeyArg<'e> = ClassInstance<'e, SigningKey>;

/// The keys that sign: an array of `SigningKey`s, as Python's and
/// Kotlin/Swift's `keys`, or one (`keys[2]` names a bad item).
struct Keys<'e>(Vec<KeyArg<'e>>);

impl<'a> FromJs<'a> for Keys<'a> {
    fn from_js(value: Unknown<'a>, name: &str) -> okrkit::Result<Self> {
        if !value.is_array().unwrap_or(false) {
            return Ok(Keys(vec![read(value, name)?]));
        }
        let env = value.value().env;
        let items = Array::from_unknown(value).map_err(|e| napi_problem(env, name, e))?;
        (0..items.len())
            .map(|i| {
                let at = format!("{name}[{i}]");
                // A throwing getter is the caller's error, quoted; a hole
                // reads as undefined.
                let item: Option<Unknown> = items.get(i).map_err(|e| napi_problem(env, &at, e))?;
                let item = item.ok_or_else(|| {
                    parse_problem(&at, "expected a SigningKey, got undefined".to_owned())
                })?;
                read(item, &at)
            })
            .collect::<okrkit::Result<_>>()
            .map(Keys)
    }
}

functions! { env {
    /// The signed checkpoint note of the ledger as it stands, signed by each
    /// key (an array, or one key; later signers: `cosignCheckpoint`).
    [ts_args_type = "ledger: Ledger, origin: string, keys: SigningKey | SigningKey[]"]
    fn sign_checkpoint(ledger: LedgerArg<'e>, origin: String, keys: Keys<'e>) -> String {
        let keys: Vec<&note::SigningKey> = keys.0.iter().map(|k| &k.inner).collect();
        ledger.core(env)?.sign_checkpoint(&origin, &keys)?
    }

    /// Adds a signature (a witness, an auditor) to a signed checkpoint.
    [ts_args_type = "checkpoint: string, key: SigningKey"]
    fn cosign_checkpoint(checkpoint: String, key: KeyArg<'e>) -> String {
        note::cosign_note(&checkpoint, &key.inner)?
    }

    /// Verifies the ledger against a signed checkpoint (the same ledger or an
    /// honest extension); returns `{ origin, checkpointSize, ledgerSize, signedBy }`.
    [
        ts_args_type = "ledger: Ledger, checkpoint: string, trusted: Array<string>, origin: string, minSignatures?: number | undefined | null",
        ts_return_type = "{ origin: string; checkpointSize: number; ledgerSize: number; signedBy: string[] }"
    ]
    fn verify_checkpoint(
        ledger: LedgerArg<'e>,
        checkpoint: String,
        trusted: Trusted,
        origin: String,
        minSignatures: Option<usize>,
    ) -> Unknown<'e> {
        let (keys, min) = proof_text::trust(&trusted.0, minSignatures)?;
        plain(
            env,
            &ledger
                .core(env)?
                .verify_checkpoint(&checkpoint, &keys, min, &origin)?,
        )?
    }

    /// The origin of a ledger made without one (`okrkit.ledger/` + its first entry's hash).
    [ts_args_type = "ledger: Ledger"]
    fn default_origin(ledger: LedgerArg<'e>) -> String {
        ledger.core(env)?.default_origin()
    }

    /// The inclusion proof (JSON text) of entry `index` in the first `size` entries (all when omitted).
    [ts_args_type = "ledger: Ledger, origin: string, index: number, size?: number | undefined | null"]
    fn inclusion_proof(
        ledger: LedgerArg<'e>,
        origin: String,
        index: u64,
        size: Option<u64>,
    ) -> String {
        ledger
            .core(env)?
            .inclusion_proof(&origin, index, size)?
            .to_json()
    }

    /// Verifies an inclusion proof (JSON text) against a signed checkpoint.
    [
        ts_args_type = "proof: string, checkpoint: string, trusted: Array<string>, minSignatures?: number | undefined | null"
    ]
    fn verify_inclusion_proof(
        proof: String,
        checkpoint: String,
        trusted: Trusted,
        minSignatures: Option<usize>,
    ) -> () {
        let (keys, min) = proof_text::trust(&trusted.0, minSignatures)?;
        proof_text::verify_inclusion_proof_json(&proof, &checkpoint, &keys, min)?
    }

    /// The consistency proof (JSON text) from the first `oldSize` entries to the first `newSize`.
    [ts_args_type = "ledger: Ledger, origin: string, oldSize: number, newSize: number"]
    fn consistency_proof(
        ledger: LedgerArg<'e>,
        origin: String,
        oldSize: u64,
        newSize: u64,
    ) -> String {
        ledger
            .core(env)?
            .consistency_proof(&origin, oldSize, newSize)?
            .to_json()
    }

    /// Verifies a consistency proof (JSON text) between two signed checkpoints.
    [
        ts_args_type = "proof: string, oldCheckpoint: string, newCheckpoint: string, trusted: Array<string>, minSignatures?: number | undefined | null"
    ]
    fn verify_consistency_proof(
        proof: String,
        oldCheckpoint: String,
        newCheckpoint: String,
        trusted: Trusted,
        minSignatures: Option<usize>,
    ) -> () {
        let (keys, min) = proof_text::trust(&trusted.0, minSignatures)?;
        proof_text::verify_consistency_proof_json(&proof, &oldCheckpoint, &newCheckpoint, &keys, min)?
    }
}}
