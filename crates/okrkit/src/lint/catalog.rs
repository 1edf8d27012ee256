//! The rule catalog: every lint rule with its stable code, default severity
//! and the rule of DESIGN.md it enforces.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. `okrkit lint` exits non-zero on `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Breaks good practice.
    Warning,
    /// Breaks a rule okrkit enforces.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One rule of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Rule {
    /// Stable code, e.g. `output_key_result`.
    pub code: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// The rule of DESIGN.md it enforces (`R1`…`R10`), so users can look up why.
    pub design_rule: &'static str,
    /// What it flags, in one line.
    pub summary: &'static str,
}

macro_rules! rules {
    ($($konst:ident = $code:literal, $sev:ident, $design:literal, $summary:literal;)+) => {
        $(
            #[doc = concat!("`", $code, "` (", $design, "): ", $summary)]
            pub const $konst: Rule = Rule {
                code: $code,
                default_severity: Severity::$sev,
                design_rule: $design,
                summary: $summary,
            };
        )+
        /// Every rule, in catalog order.
        pub const RULES: &[Rule] = &[$($konst,)+];
    };
}

rules! {
    INVALID_DOCUMENT = "invalid_document", Error, "R2",
        "the document breaks a validation rule (the finding carries the problem's own code)";
    OUTPUT_KEY_RESULT = "output_key_result", Warning, "R1",
        "a key result is written as an output (work to do) rather than an outcome";
    MILESTONE_KEY_RESULT = "milestone_key_result", Warning, "R1",
        "a milestone (done / not done) key result is an output; it is left out of progress";
    TOO_MANY_OBJECTIVES = "too_many_objectives", Warning, "R9",
        "a team has more objectives in a cycle than the configured maximum (5)";
    TOO_MANY_KEY_RESULTS = "too_many_key_results", Warning, "R9",
        "an objective has more key results than the configured maximum (5)";
    OBJECTIVE_WITHOUT_KEY_RESULTS = "objective_without_key_results", Warning, "R2",
        "an objective has no key result, so it has no progress";
    KEY_RESULT_WITHOUT_RESPONSIBLE = "key_result_without_responsible", Info, "R6",
        "a key result names no responsible person (seed 001)";
    PERSONAL_GOAL_ALIGNED = "personal_goal_aligned", Error, "R6",
        "a personal goal is aligned to a team objective";
    CASCADE_BELOW_TEAM = "cascade_below_team", Error, "R7",
        "an objective is owned by a person: the cascade stops at team level";
    INITIATIVE_WITHOUT_KEY_RESULT = "initiative_without_key_result", Warning, "R3",
        "an initiative is linked to no key result it is meant to move";
    STALE_KEY_RESULT = "stale_key_result", Warning, "R10",
        "a key result has had no check-in for longer than the configured number of days (14)";
    RENEGOTIATED_OFTEN = "renegotiated_often", Warning, "R4",
        "a key result was renegotiated more than the configured number of times (3) in a cycle";
    DEPENDENCY_UNANSWERED = "dependency_unanswered", Warning, "R7",
        "a dependency has waited for an answer or a decision longer than the configured number of days (7)";
    KEY_REPLACED_BY_ADMIN = "key_replaced_by_admin", Warning, "R4",
        "in a signed ledger, an admin enrolled a new key for a person who had one: entries signed with it may not be that person's";
    STRETCH_SAFE_GOALS = "stretch_safe_goals", Warning, "R5",
        "a team scores at or above 1.0 on its aspirational objectives in two or more consecutive cycles: its goals are too safe";
    STRETCH_OVERREACHING = "stretch_overreaching", Warning, "R5",
        "a team scores near 0 on its aspirational objectives in two or more consecutive cycles: it is overreaching";
}

/// Looks a rule up by code.
///
/// ```
/// let rule = okrkit::lint::rule("output_key_result").unwrap();
/// assert_eq!(rule.design_rule, "R1");
/// ```
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}
