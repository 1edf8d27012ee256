//! What a user can tune: thresholds, severities, rules turned off, vocabulary.

use super::catalog::{RULES, Severity, rule};
use crate::classify::Vocabulary;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The level a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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

/// The code of a rule of the catalog. Only codes of the catalog can be made,
/// so a misspelt code is an error where it is written, never a setting that
/// silently does nothing.
///
/// ```
/// use okrkit::lint::RuleCode;
/// let code: RuleCode = "stale_key_result".parse()?;
/// assert_eq!(code.as_str(), "stale_key_result");
/// let err = "stale_key_results".parse::<RuleCode>().unwrap_err();
/// assert_eq!((err.code(), err.path()), ("invalid_value", "rules"));
/// // The same check when settings are read from JSON (a Node object, a Python dict):
/// assert!(serde_json::from_str::<okrkit::lint::LintOptions>(r#"{"rules": {"nope": "off"}}"#).is_err());
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleCode(&'static str);

impl RuleCode {
    /// The catalog's code, or an `invalid_value` error (path `rules`) that
    /// lists the codes there are.
    pub fn new(code: &str) -> crate::Result<RuleCode> {
        match rule(code) {
            Some(r) => Ok(RuleCode(r.code)),
            None => Err(crate::Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: format!(
                    "unknown rule '{code}'; the catalog has: {}",
                    RULES.iter().map(|r| r.code).collect::<Vec<_>>().join(", ")
                ),
                path: "rules".into(),
            }),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

/// In the schema, a rule code is one of the catalog's codes.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for RuleCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        schemars::json_schema!({ "type": "string", "enum": codes })
    }
}

impl std::str::FromStr for RuleCode {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<RuleCode> {
        RuleCode::new(s)
    }
}

impl TryFrom<&str> for RuleCode {
    type Error = crate::Error;
    fn try_from(s: &str) -> crate::Result<RuleCode> {
        RuleCode::new(s)
    }
}

impl AsRef<str> for RuleCode {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl std::borrow::Borrow<str> for RuleCode {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl<'de> Deserialize<'de> for RuleCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        RuleCode::new(&text).map_err(|e| match e {
            crate::Error::InvalidArgument { message, .. } => serde::de::Error::custom(message),
            other => serde::de::Error::custom(other),
        })
    }
}

/// Lint settings. `LintOptions::default()` is the catalog as documented.
/// Read from JSON, an unknown setting or rule code is an error, never ignored.
///
/// ```
/// use okrkit::lint::{LintOptions, RuleLevel};
/// let mut config = LintOptions::default();
/// config.max_key_results_per_objective = 4;
/// config.rules.insert("key_result_without_responsible".parse()?, RuleLevel::Off);
/// assert!(serde_json::from_str::<LintOptions>(r#"{"asof": "2026-01-01"}"#).is_err());
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// The schema keeps the name bindings generate their types from (LintConfig)
// until the lead renames it with the generated files.
#[cfg_attr(feature = "schema", schemars(rename = "LintConfig"))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct LintOptions {
    /// R9: most objectives a team should have in one cycle.
    pub max_objectives_per_team_cycle: usize,
    /// R9: most key results an objective should have.
    pub max_key_results_per_objective: usize,
    /// R10: days without a check-in after which a key result is stale.
    #[serde(deserialize_with = "crate::progress::non_negative_days")]
    pub stale_after_days: u32,
    /// R4: most accepted renegotiations of one key result in a cycle before a warning.
    pub max_renegotiations_per_cycle: u32,
    /// R7: days a dependency may wait for an answer or a decision.
    #[serde(deserialize_with = "crate::progress::non_negative_days")]
    pub dependency_answer_days: u32,
    /// The date staleness is judged at. Options a binding's caller gives
    /// (Python, Node, Kotlin, Swift) refuse `stale_after_days` without it
    /// (`invalid_value` at `stale_after_days`); in Rust, a value built
    /// without it (`LintOptions::default().stale_after_days(7)`) runs no
    /// stale rule.
    #[serde(deserialize_with = "crate::options::strict_day")]
    pub as_of: Option<NaiveDate>,
    /// Per-rule level, by code; rules not named keep their default severity.
    pub rules: BTreeMap<RuleCode, RuleLevel>,
    /// Words the caller adds to the classifier's vocabulary.
    pub vocabulary: Option<Vocabulary>,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
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

/// The old name of [`LintOptions`], kept so code written against it still
/// builds: every settings struct of okrkit is named `*Options`.
#[deprecated(since = "0.2.0", note = "renamed to LintOptions")]
pub type LintConfig = LintOptions;

impl LintOptions {
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

setters!(LintOptions {
    max_objectives_per_team_cycle: usize,
    max_key_results_per_objective: usize,
    stale_after_days: u32,
    max_renegotiations_per_cycle: u32,
    dependency_answer_days: u32,
    rules: BTreeMap<RuleCode, RuleLevel>,
} some { as_of: NaiveDate, vocabulary: Vocabulary });

impl LintOptions {
    /// Sets one rule's level (builder style), keeping the others.
    ///
    /// ```
    /// use okrkit::lint::{LintOptions, RuleLevel};
    /// let options = LintOptions::default()
    ///     .max_key_results_per_objective(4)
    ///     .rule("key_result_without_responsible".parse()?, RuleLevel::Off);
    /// assert_eq!(options.rules.len(), 1);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    #[must_use]
    pub fn rule(mut self, code: RuleCode, level: RuleLevel) -> Self {
        self.rules.insert(code, level);
        self
    }
}
