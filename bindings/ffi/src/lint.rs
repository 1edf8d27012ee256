//! Lint: the traps OKR programs fall into, as findings with stable codes.

use crate::OkrError;
use crate::types::{days, non_negative_usize};
use chrono::NaiveDate;
use okrkit::lint::{LintReport, RuleLevel};
use std::collections::HashMap;

// The report (findings, their locations, counts) and the severity and rule
// level enums are the core's records (feature `uniffi`).

/// Lint settings; every `null` / `nil` keeps the core's default (5
/// objectives per team and cycle, 5 key results per objective, stale after 14
/// days, no staleness check without `as_of`, 3 renegotiations of a key
/// result per cycle, 7 days for a dependency's answer). `stale_after_days` without
/// `as_of` is `invalid_value` at `stale_after_days` (it would be ignored).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct LintOptions {
    #[uniffi(default = None)]
    pub max_objectives_per_team_cycle: Option<i32>,
    #[uniffi(default = None)]
    pub max_key_results_per_objective: Option<i32>,
    #[uniffi(default = None)]
    pub stale_after_days: Option<i64>,
    /// R4: most accepted renegotiations of one key result in a cycle
    /// before `renegotiated_often` (ledger lint; 3).
    #[uniffi(default = None)]
    pub max_renegotiations_per_cycle: Option<i32>,
    /// R7: days a dependency may wait for an answer or a decision before
    /// `dependency_unanswered` (ledger lint; 7).
    #[uniffi(default = None)]
    pub dependency_answer_days: Option<i64>,
    /// The date staleness is judged at.
    #[uniffi(default = None)]
    pub as_of: Option<NaiveDate>,
    /// Per-rule level by code (`"key_result_without_responsible": Off`).
    #[uniffi(default)]
    pub rules: HashMap<String, RuleLevel>,
    /// Words added to the classifier's vocabulary.
    #[uniffi(default = None)]
    pub vocabulary: Option<okrkit::classify::VocabularySpec>,
}

impl LintOptions {
    pub(crate) fn to_core(&self) -> Result<okrkit::lint::LintOptions, OkrError> {
        let mut c = okrkit::lint::LintOptions::default();
        if let Some(n) = self.max_objectives_per_team_cycle {
            c.max_objectives_per_team_cycle =
                non_negative_usize(n, "max_objectives_per_team_cycle")?;
        }
        if let Some(n) = self.max_key_results_per_objective {
            c.max_key_results_per_objective =
                non_negative_usize(n, "max_key_results_per_objective")?;
        }
        if let Some(d) = self.stale_after_days {
            c.stale_after_days = days(d, "stale_after_days")?;
        }
        if let Some(n) = self.max_renegotiations_per_cycle {
            // Every `Int` that is not negative fits the core's u32.
            c.max_renegotiations_per_cycle = u32::try_from(n).map_err(|_| {
                OkrError::argument("max_renegotiations_per_cycle", format!("{n} is negative"))
            })?;
        }
        if let Some(d) = self.dependency_answer_days {
            c.dependency_answer_days = days(d, "dependency_answer_days")?;
        }
        c.as_of = self.as_of;
        c.rules = self
            .rules
            .iter()
            .map(|(k, v)| Ok((okrkit::lint::RuleCode::new(k)?, *v)))
            .collect::<Result<_, okrkit::Error>>()?;
        c.vocabulary = self.vocabulary.as_ref().map(|v| v.build());
        // The core's rule for options a caller gives (as in Python and Node):
        // `stale_after_days` without `as_of` would be ignored, so it is refused.
        let given = [
            ("stale_after_days", self.stale_after_days.is_some()),
            ("as_of", self.as_of.is_some()),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(key, _)| key.to_owned())
        .collect();
        okrkit::options::ReadOptions::given(&c, &given, "")?;
        Ok(c)
    }
}

guarded! {
    /// Lints a document given as JSON text, valid or not: each validation
    /// problem becomes an error-level finding. Malformed JSON is `Parse`.
    #[uniffi::export]
    fn lint_document(json: String, options: LintOptions) -> LintReport = {
        let doc = okrkit::Document::from_json(&json)?;
        okrkit::lint::lint(&doc, &options.to_core()?)
    };
}

#[cfg(test)]
mod tests {
    use super::LintOptions;

    #[test]
    fn stale_after_days_without_as_of_is_refused_not_ignored() {
        let alone = LintOptions {
            stale_after_days: Some(7),
            ..LintOptions::default()
        };
        let err = alone.to_core().expect_err("ignored before");
        assert_eq!(
            (err.code(), err.path()),
            ("invalid_value".to_owned(), "stale_after_days".to_owned())
        );
        let dated = LintOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 2, 15),
            ..alone
        };
        assert_eq!(dated.to_core().expect("with as_of").stale_after_days, 7);
        assert!(LintOptions::default().to_core().is_ok());
    }
}
