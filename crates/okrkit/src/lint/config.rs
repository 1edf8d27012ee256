//! What a user can tune: thresholds, severities, rules turned off, vocabulary.

use super::catalog::Severity;
use crate::classify::Vocabulary;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The level a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// Report as info.
    Info,
    /// Report as a warning.
    Warning,
    /// Report as an error.
    Error,
}

/// Lint settings. `LintConfig::default()` is the catalog as documented.
///
/// ```
/// use okrkit::lint::{LintConfig, RuleLevel};
/// let mut config = LintConfig::default();
/// config.max_key_results_per_objective = 4;
/// config.rules.insert("key_result_without_responsible".into(), RuleLevel::Off);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LintConfig {
    /// R9: most objectives a team should have in one cycle.
    pub max_objectives_per_team_cycle: usize,
    /// R9: most key results an objective should have.
    pub max_key_results_per_objective: usize,
    /// R10: days without a check-in after which a key result is stale.
    pub stale_after_days: i64,
    /// R4: most accepted renegotiations of one key result in a cycle before a warning.
    pub max_renegotiations_per_cycle: u32,
    /// R7: days a dependency may wait for an answer or a decision.
    pub dependency_answer_days: i64,
    /// The date staleness is judged at; without one the stale rule does not run.
    pub as_of: Option<NaiveDate>,
    /// Per-rule level, by code; rules not named keep their default severity.
    pub rules: BTreeMap<String, RuleLevel>,
    /// Words the caller adds to the classifier's vocabulary.
    pub vocabulary: Option<Vocabulary>,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            max_objectives_per_team_cycle: 5,
            max_key_results_per_objective: 5,
            stale_after_days: 14,
            max_renegotiations_per_cycle: 3,
            dependency_answer_days: 7,
            as_of: None,
            rules: BTreeMap::new(),
            vocabulary: None,
        }
    }
}

impl LintConfig {
    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            None => Some(default),
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Info) => Some(Severity::Info),
            Some(RuleLevel::Warning) => Some(Severity::Warning),
            Some(RuleLevel::Error) => Some(Severity::Error),
        }
    }
}
