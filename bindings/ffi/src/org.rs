//! `Org`: a validated document, and validation of JSON text.

use crate::error::{OkrError, Problem};
use crate::guard;
use crate::lint::{LintOptions, LintReport};
use crate::progress::{ProgressOptions, ProgressReport};
use crate::score::ScoreReport;
use okrkit::score::Calibration;

/// Every problem of a document given as JSON text: empty when it is valid.
/// Malformed JSON, a wrong type or a missing field is one `parse_error`
/// problem (reading stops there); otherwise every rule is checked.
#[uniffi::export]
pub fn validate(json: String) -> Result<Vec<Problem>, OkrError> {
    guard(|| {
        let problems = match okrkit::Document::from_json(&json) {
            Ok(doc) => okrkit::validate(&doc),
            Err(e) => e.problems(),
        };
        Ok(problems.into_iter().map(Problem::from).collect())
    })
}

/// A document that passed validation: progress, lint and scores.
#[derive(uniffi::Object)]
pub struct Org {
    pub(crate) inner: okrkit::Org,
}

#[uniffi::export]
impl Org {
    /// Reads and validates a document (JSON text). Throws `Parse` for
    /// malformed JSON, `Invalid` with every problem for a document that
    /// breaks the rules.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self, OkrError> {
        guard(|| {
            Ok(Org {
                inner: okrkit::Org::from_json(&json)?,
            })
        })
    }

    /// Reads and validates a document from JSON bytes (a response body, a
    /// file); bytes that are not UTF-8 are `Parse`.
    #[uniffi::constructor]
    pub fn from_json_bytes(bytes: Vec<u8>) -> Result<Self, OkrError> {
        guard(|| {
            Ok(Org {
                inner: okrkit::Org::new(okrkit::Document::from_slice(&bytes)?)?,
            })
        })
    }

    /// The document as compact JSON.
    pub fn to_json(&self) -> Result<String, OkrError> {
        guard(|| Ok(self.inner.document().to_json()?))
    }

    /// How many key results the document has.
    pub fn key_result_count(&self) -> Result<u64, OkrError> {
        guard(|| Ok(self.inner.key_result_count() as u64))
    }

    /// Progress per objective, team and cycle, from key results only (R2).
    pub fn progress(&self, options: ProgressOptions) -> Result<ProgressReport, OkrError> {
        guard(|| Ok(self.inner.progress(&options.to_core()?)?.into()))
    }

    /// The lint catalog over this document.
    pub fn lint(&self, options: LintOptions) -> Result<LintReport, OkrError> {
        guard(|| Ok(self.inner.lint(&options.to_core()?).into()))
    }

    /// Scores a cycle at its close (R5). Unknown cycle: `InvalidArgument`
    /// with code `dangling_reference`.
    pub fn score_cycle(&self, cycle: String) -> Result<ScoreReport, OkrError> {
        guard(|| Ok(self.inner.score_cycle(&cycle)?.into()))
    }

    /// Scores every cycle, in document order.
    pub fn score_all(&self) -> Result<Vec<ScoreReport>, OkrError> {
        guard(|| Ok(self.inner.score_all().into_iter().map(Into::into).collect()))
    }

    /// Calibration flags over every cycle (safe goals, overreaching): the
    /// core's `calibrate(score_all())`.
    pub fn calibration(&self) -> Result<Vec<Calibration>, OkrError> {
        guard(|| Ok(okrkit::score::calibrate(&self.inner.score_all())))
    }
}
