//! Signed checkpoints and proofs of a ledger (issue 13): keys, checkpoint
//! notes, verification against them, inclusion and consistency proofs. Notes
//! and keys are their C2SP text forms; proofs are the core's JSON. Every rule
//! is in `okrkit::ledger::checkpoint`; failures raise `ProofError` with the
//! stable `code` (`rewrite`, `truncation`, `fork`, `bad_signature`,
//! `unknown_key`, `not_enough_signatures`, `origin_mismatch`, `bad_proof`)
//! and `entry` (the first entry that differs or is missing, or None).

use crate::convert::{Count, List, Obj, Text, ser_to_py};
use crate::error::OrPyErr;
use crate::ledger::Ledger;
use okrkit::ledger::note::{self, VerifierKey};
use okrkit::ledger::proof_text;
use pyo3::prelude::*;

/// A secret Ed25519 signing key with its name (C2SP signed-note). Its repr
/// never shows the secret.
#[pyclass(frozen, module = "okrkit")]
pub struct SigningKey {
    inner: note::SigningKey,
}

#[okrkit_python_guard::guarded]
#[pymethods]
impl SigningKey {
    /// A new key from the operating system's randomness.
    #[staticmethod]
    fn generate(name: Text) -> PyResult<SigningKey> {
        let inner = note::SigningKey::generate(&name).py_err()?;
        Ok(SigningKey { inner })
    }

    /// Reads the text form `PRIVATE+KEY+NAME+KEYID+BASE64`.
    #[staticmethod]
    fn parse(text: Text) -> PyResult<SigningKey> {
        let inner = note::SigningKey::parse(&text).py_err()?;
        Ok(SigningKey { inner })
    }

    /// The key's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The key id (first 4 bytes of SHA-256(name, 0x0A, 0x01, public key)).
    #[getter]
    fn key_id(&self) -> u32 {
        self.inner.id()
    }

    /// The public verifier key text `NAME+KEYID+BASE64`, safe to publish.
    #[getter]
    fn verifier_key(&self) -> String {
        self.inner.verifier().to_string()
    }

    /// The secret text form; store it like a password.
    fn secret_text(&self) -> String {
        self.inner.to_secret_text()
    }

    fn __repr__(&self) -> String {
        format!("SigningKey({:?})", self.inner.verifier().to_string())
    }
}

/// The trusted verifier keys, and how many must have signed (None: the
/// core's default, `proof_text::trust`).
fn trust(trusted: List<Text>, min: Option<Count<usize>>) -> PyResult<(Vec<VerifierKey>, usize)> {
    proof_text::trust(&trusted.0, min.map(|n| n.0)).py_err()
}

/// The signed checkpoint note of the ledger as it stands, signed by each key.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (ledger, origin, keys: "Sequence[SigningKey]"))]
pub fn sign_checkpoint(
    py: Python<'_>,
    ledger: Obj<'_, Ledger>,
    origin: Text,
    keys: List<Obj<'_, SigningKey>>,
) -> PyResult<String> {
    let keys: Vec<&note::SigningKey> = keys.0.iter().map(|k| &k.inner).collect();
    ledger
        .with(py, |l| l.sign_checkpoint(&origin, &keys))?
        .py_err()
}

/// Adds a signature (a witness, an auditor) to a signed checkpoint.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn cosign_checkpoint(checkpoint: Text, key: Obj<'_, SigningKey>) -> PyResult<String> {
    note::cosign_note(&checkpoint, &key.inner).py_err()
}

/// Verifies the ledger against a signed checkpoint: the same ledger or an
/// honest extension; returns what was established, raises `ProofError`.
/// `min_signatures`: trusted signatures required (None: 1; 0 is refused).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (ledger, checkpoint, trusted: "Sequence[str]", origin, min_signatures: "SupportsIndex | None" = None) -> "dict[str, Any]")]
pub fn verify_checkpoint<'py>(
    py: Python<'py>,
    ledger: Obj<'_, Ledger>,
    checkpoint: Text,
    trusted: List<Text>,
    origin: Text,
    min_signatures: Option<Count<usize>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (keys, min_signatures) = trust(trusted, min_signatures)?;
    let v = ledger
        .with(py, |l| {
            l.verify_checkpoint(&checkpoint, &keys, min_signatures, &origin)
        })?
        .py_err()?;
    ser_to_py(py, &v)
}

/// The origin of a ledger made without one (`okrkit.ledger/` + its first entry's hash).
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn default_origin(py: Python<'_>, ledger: Obj<'_, Ledger>) -> PyResult<String> {
    ledger.with(py, |l| l.default_origin())
}

/// The inclusion proof (JSON) of entry `index` in the first `size` entries (all with None).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (ledger, origin, index, size = None))]
pub fn inclusion_proof(
    py: Python<'_>,
    ledger: Obj<'_, Ledger>,
    origin: Text,
    index: Count<u64>,
    size: Option<Count<u64>>,
) -> PyResult<String> {
    ledger
        .with(py, |l| {
            l.inclusion_proof(&origin, index.0, size.map(|s| s.0))
        })?
        .py_err()
        .map(|p| p.to_json())
}

/// Verifies an inclusion proof (JSON) against a signed checkpoint
/// (`min_signatures`: trusted signatures required, None: 1; 0 is refused).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (proof, checkpoint, trusted: "Sequence[str]", min_signatures: "SupportsIndex | None" = None))]
pub fn verify_inclusion_proof(
    proof: Text,
    checkpoint: Text,
    trusted: List<Text>,
    min_signatures: Option<Count<usize>>,
) -> PyResult<()> {
    let (keys, min_signatures) = trust(trusted, min_signatures)?;
    proof_text::verify_inclusion_proof_json(&proof, &checkpoint, &keys, min_signatures).py_err()
}

/// The consistency proof (JSON) from the first `old_size` entries to the first `new_size`.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn consistency_proof(
    py: Python<'_>,
    ledger: Obj<'_, Ledger>,
    origin: Text,
    old_size: Count<u64>,
    new_size: Count<u64>,
) -> PyResult<String> {
    ledger
        .with(py, |l| l.consistency_proof(&origin, old_size.0, new_size.0))?
        .py_err()
        .map(|p| p.to_json())
}

/// Verifies a consistency proof (JSON) between two signed checkpoints
/// (`min_signatures`: trusted signatures required, None: 1; 0 is refused).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (proof, old_checkpoint, new_checkpoint, trusted: "Sequence[str]", min_signatures: "SupportsIndex | None" = None))]
pub fn verify_consistency_proof(
    proof: Text,
    old_checkpoint: Text,
    new_checkpoint: Text,
    trusted: List<Text>,
    min_signatures: Option<Count<usize>>,
) -> PyResult<()> {
    let (keys, min_signatures) = trust(trusted, min_signatures)?;
    let (old, new) = (&old_checkpoint, &new_checkpoint);
    proof_text::verify_consistency_proof_json(&proof, old, new, &keys, min_signatures).py_err()
}
