//! `Org`: a validated document, and validation of JSON text. Its read-only
//! operations the core describes (`OrgQuery`: counts, ids, lint, scores,
//! health) are generated from that description (`org_queries.rs`, by
//! okrkit-codegen).

use crate::guard;
use crate::progress::{ProgressOptions, ProgressReport};
use crate::{OkrError, Problem};
use chrono::NaiveDate;
use okrkit::Objective;

guarded! {
    /// Every problem of a document given as JSON text: empty when it is valid.
    /// Malformed JSON, a wrong type or a missing field is one `parse_error`
    /// problem (reading stops there); otherwise every rule is checked.
    #[uniffi::export]
    fn validate(json: String) -> Vec<Problem> = match okrkit::Document::from_json(&json) {
        Ok(doc) => okrkit::validate(&doc),
        Err(e) => e.problems(),
    };
}

/// A document that passed validation: progress, lint, scores and health.
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
                inner: okrkit::Org::from_slice(&bytes)?,
            })
        })
    }

    /// Objective `id` with its title and key results (titles included), or
    /// `null` / `nil` when the document has none (cheap).
    pub fn objective(&self, id: String) -> Option<Objective> {
        self.inner.objective(&id).cloned()
    }

    /// The title of key result `id`, or `null` / `nil` (cheap).
    pub fn key_result_title(&self, id: String) -> Option<String> {
        self.inner.key_result(&id).map(|k| k.title.clone())
    }
}

impl Org {
    /// The core's org, for [`forward!`].
    fn core(&self) -> Result<&okrkit::Org, OkrError> {
        Ok(&self.inner)
    }
}

forward!(Org via core {
    /// The document as compact JSON.
    fn to_json() -> String = |o| o.document().to_json()?;

    /// Progress per objective, team and cycle, from key results only (R2).
    fn progress(options: ProgressOptions) -> ProgressReport =
        |o| ProgressReport::from_core(o.progress(&options.to_core()?)?, o);

    /// Progress as of each date (for a chart of progress against pace): one
    /// report per date, in order; `options.asOf` set is `InvalidArgument`.
    fn progress_over(dates: Vec<NaiveDate>, options: ProgressOptions) -> Vec<ProgressReport> =
        |o| {
            let reports = o.progress_over(&dates, &options.to_core()?)?;
            reports
                .into_iter()
                .map(|r| ProgressReport::from_core(r, o))
                .collect()
        };
});
