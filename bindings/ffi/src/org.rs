//! `Org`: a validated document, and validation of JSON text.

use crate::guard;
use crate::health::HealthOptions;
use crate::lint::LintOptions;
use crate::progress::{ProgressOptions, ProgressReport};
use crate::types::count64;
use crate::{OkrError, Problem};
use chrono::NaiveDate;
use okrkit::Objective;
use okrkit::health::HealthReport;
use okrkit::lint::LintReport;
use okrkit::score::{Calibration, ScoreReport};

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
                inner: okrkit::Org::from_slice(&bytes)?,
            })
        })
    }

    /// The cycle ids, in document order (cheap: no computation).
    pub fn cycles(&self) -> Vec<String> {
        self.inner.cycle_ids()
    }

    /// The team ids, in document order (cheap).
    pub fn teams(&self) -> Vec<String> {
        self.inner.team_ids()
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

    /// How many key results the document has.
    fn key_result_count() -> i64 = |o| count64(o.key_result_count() as u64);

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

    /// Program health of a cycle (R10). Unknown cycle: `InvalidArgument`
    /// with code `dangling_reference`.
    fn health(cycle: String, options: HealthOptions) -> HealthReport =
        |o| o.health(&cycle, &options.to_core()?)?;

    /// The lint catalog over this document.
    fn lint(options: LintOptions) -> LintReport = |o| o.lint(&options.to_core()?);

    /// Scores a cycle at its close (R5). Unknown cycle: `InvalidArgument`
    /// with code `dangling_reference`.
    fn score_cycle(cycle: String) -> ScoreReport = |o| o.score_cycle(&cycle)?;

    /// Scores every cycle, oldest first (by start, then end, then id).
    fn score_all() -> Vec<ScoreReport> = |o| o.score_all();

    /// Calibration flags over every cycle (safe goals, overreaching): the
    /// core's `Org::calibration` (equal to `calibrate(score_all())`).
    fn calibration() -> Vec<Calibration> = |o| o.calibration();
});
