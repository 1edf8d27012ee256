//! Signed checkpoints and proofs of a ledger (issue 13) for Kotlin and Swift:
//! keys, checkpoint notes, verification against them, inclusion and
//! consistency proofs. Notes and keys are their C2SP text forms; proofs are
//! the core's JSON text. Failures are `OkrError::NotProven` whose `code` is
//! the reason (`rewrite`, `truncation`, `fork`, `bad_signature`,
//! `unknown_key`, `not_enough_signatures`, `origin_mismatch`, `bad_proof`)
//! and whose `entry` is the first entry that differs or is missing. Every
//! rule is in `okrkit::ledger::checkpoint`; `min_signatures` left null is
//! the core's default (`okrkit::ledger::proof_text::DEFAULT_MIN_SIGNATURES`).

use crate::OkrError;
use crate::guard;
use crate::ledger::Ledger;
use crate::types::{non_negative, non_negative_usize};
use okrkit::ledger::checkpoint::CheckpointVerified;
use okrkit::ledger::note;
use okrkit::ledger::proof_text::{
    trust, verify_consistency_proof_json, verify_inclusion_proof_json,
};
use std::sync::Arc;

/// A secret Ed25519 signing key with its name (C2SP signed-note).
#[derive(uniffi::Object)]
pub struct SigningKey {
    inner: note::SigningKey,
}

#[uniffi::export]
impl SigningKey {
    /// A new key from the operating system's randomness.
    #[uniffi::constructor]
    pub fn generate(name: String) -> Result<Self, OkrError> {
        guard(|| {
            Ok(SigningKey {
                inner: note::SigningKey::generate(&name)?,
            })
        })
    }

    /// Reads the text form `PRIVATE+KEY+NAME+KEYID+BASE64`.
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Self, OkrError> {
        guard(|| {
            Ok(SigningKey {
                inner: note::SigningKey::parse(&text)?,
            })
        })
    }

    /// The key's name.
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        self.inner.id()
    }

    /// The public verifier key text `NAME+KEYID+BASE64`, safe to publish.
    pub fn verifier_key(&self) -> String {
        self.inner.verifier().to_string()
    }

    /// The secret text form; store it like a password.
    pub fn secret_text(&self) -> String {
        self.inner.to_secret_text()
    }
}

guarded! {
    /// The signed checkpoint note of the ledger as it stands, signed by each key.
    #[uniffi::export]
    fn sign_checkpoint(
        ledger: Arc<Ledger>,
        origin: String,
        keys: Vec<Arc<SigningKey>>,
    ) -> String = {
        let keys: Vec<&note::SigningKey> = keys.iter().map(|k| &k.inner).collect();
        ledger.lock()?.sign_checkpoint(&origin, &keys)?
    };

    /// Adds a signature (a witness, an auditor) to a signed checkpoint.
    #[uniffi::export]
    fn cosign_checkpoint(checkpoint: String, key: Arc<SigningKey>) -> String =
        note::cosign_note(&checkpoint, &key.inner)?;

    /// Verifies the ledger against a signed checkpoint: the same ledger or an honest extension.
    #[uniffi::export(default(min_signatures = None))]
    fn verify_checkpoint(
        ledger: Arc<Ledger>,
        checkpoint: String,
        trusted: Vec<String>,
        origin: String,
        min_signatures: Option<i32>,
    ) -> CheckpointVerified = {
        let min = min_signatures.map(|n| non_negative_usize(n, "min_signatures")).transpose()?;
        let (keys, min) = trust(&trusted, min)?;
        ledger
            .lock()?
            .verify_checkpoint(&checkpoint, &keys, min, &origin)?
    };

    /// The origin of a ledger made without one (`okrkit.ledger/` + its first entry's hash).
    #[uniffi::export]
    fn default_origin(ledger: Arc<Ledger>) -> String = ledger.lock()?.default_origin();

    /// The inclusion proof (JSON text) of entry `index` in the first `size`
    /// entries (all when null).
    #[uniffi::export(default(size = None))]
    fn inclusion_proof(
        ledger: Arc<Ledger>,
        origin: String,
        index: i64,
        size: Option<i64>,
    ) -> String = {
        let index = non_negative(index, "index")?;
        let size = size.map(|n| non_negative(n, "size")).transpose()?;
        ledger
            .lock()?
            .inclusion_proof(&origin, index, size)?
            .to_json()
    };

    /// Verifies an inclusion proof (JSON text) against a signed checkpoint.
    #[uniffi::export(default(min_signatures = None))]
    fn verify_inclusion_proof(
        proof: String,
        checkpoint: String,
        trusted: Vec<String>,
        min_signatures: Option<i32>,
    ) -> () = {
        let min = min_signatures.map(|n| non_negative_usize(n, "min_signatures")).transpose()?;
        let (keys, min) = trust(&trusted, min)?;
        verify_inclusion_proof_json(&proof, &checkpoint, &keys, min)?
    };

    /// The consistency proof (JSON text) from the first `old_size` entries to the first `new_size`.
    #[uniffi::export]
    fn consistency_proof(
        ledger: Arc<Ledger>,
        origin: String,
        old_size: i64,
        new_size: i64,
    ) -> String = {
        let old_size = non_negative(old_size, "old_size")?;
        let new_size = non_negative(new_size, "new_size")?;
        ledger
            .lock()?
            .consistency_proof(&origin, old_size, new_size)?
            .to_json()
    };

    /// Verifies a consistency proof (JSON text) between two signed checkpoints.
    #[uniffi::export(default(min_signatures = None))]
    fn verify_consistency_proof(
        proof: String,
        old_checkpoint: String,
        new_checkpoint: String,
        trusted: Vec<String>,
        min_signatures: Option<i32>,
    ) -> () = {
        let min = min_signatures.map(|n| non_negative_usize(n, "min_signatures")).transpose()?;
        let (keys, min) = trust(&trusted, min)?;
        verify_consistency_proof_json(&proof, &old_checkpoint, &new_checkpoint, &keys, min)?
    };
}
