//! The code of a finding: a lint rule's code or a validation problem's code.

use super::catalog::rule;
use super::config::RuleCode;
use crate::error::ProblemCode;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable code of a [`Finding`](super::Finding): the code of a rule of
/// the catalog ([`RULES`](crate::lint::RULES)) or, for a document that fails validation, the
/// [`ProblemCode`] of the problem (`dangling_reference`, …). On the wire
/// (JSON, every binding) it is that same snake_case string.
///
/// Only those codes can be made, so comparing with a misspelt code is still
/// possible (`code == "stale_key_results"` is simply false) but reading a
/// finding with an unknown code is an error.
///
/// ```
/// use okrkit::lint::{FindingCode, RuleCode};
/// use okrkit::ProblemCode;
/// let stale = FindingCode::from(RuleCode::new("stale_key_result")?);
/// assert_eq!(stale, "stale_key_result");
/// assert_eq!(stale.to_string(), "stale_key_result");
/// assert_eq!(stale.rule().map(|r| r.as_str()), Some("stale_key_result"));
/// let problem = FindingCode::from(ProblemCode::DanglingReference);
/// assert_eq!(problem.as_str(), "dangling_reference");
/// assert_eq!(problem.problem(), Some(ProblemCode::DanglingReference));
/// assert_eq!(serde_json::to_string(&problem).unwrap(), r#""dangling_reference""#);
/// assert!(FindingCode::new("no_such_code").is_err());
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FindingCode(&'static str);

impl FindingCode {
    /// The code named `code`, or an `invalid_value` error (path `code`) when
    /// it is neither a rule of the catalog nor a problem code.
    pub fn new(code: &str) -> crate::Result<FindingCode> {
        if let Some(r) = rule(code) {
            return Ok(FindingCode(r.code));
        }
        match ProblemCode::ALL.iter().find(|p| p.as_str() == code) {
            Some(p) => Ok(FindingCode(p.as_str())),
            None => Err(crate::Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message: format!("unknown finding code '{code}'"),
                path: "code".into(),
            }),
        }
    }

    /// The code of a rule of the catalog.
    pub(crate) fn catalog(rule: &super::Rule) -> FindingCode {
        FindingCode(rule.code)
    }

    /// The code as text.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// The rule of the catalog with this code, if there is one
    /// (`personal_goal_aligned` and `cascade_below_team` are both a rule and
    /// a problem code).
    pub fn rule(&self) -> Option<RuleCode> {
        RuleCode::new(self.0).ok()
    }

    /// The validation problem code, if this is one.
    pub fn problem(&self) -> Option<ProblemCode> {
        ProblemCode::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == self.0)
    }
}

impl From<RuleCode> for FindingCode {
    fn from(code: RuleCode) -> Self {
        FindingCode(code.as_str())
    }
}

impl From<ProblemCode> for FindingCode {
    fn from(code: ProblemCode) -> Self {
        FindingCode(code.as_str())
    }
}

impl From<FindingCode> for String {
    fn from(code: FindingCode) -> String {
        code.0.to_owned()
    }
}

impl std::str::FromStr for FindingCode {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<FindingCode> {
        FindingCode::new(s)
    }
}

impl AsRef<str> for FindingCode {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl PartialEq<str> for FindingCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FindingCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<FindingCode> for str {
    fn eq(&self, other: &FindingCode) -> bool {
        self == other.0
    }
}

impl PartialEq<FindingCode> for &str {
    fn eq(&self, other: &FindingCode) -> bool {
        *self == other.0
    }
}

impl fmt::Display for FindingCode {
    // As `str` writes itself: width and precision apply (`{:<24}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl<'de> Deserialize<'de> for FindingCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        FindingCode::new(&text).map_err(|e| match e {
            crate::Error::InvalidArgument { message, .. } => serde::de::Error::custom(message),
            other => serde::de::Error::custom(other),
        })
    }
}

/// In the schema, a finding code is one of the catalog's codes or a problem code.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for FindingCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FindingCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut codes: Vec<&str> = super::catalog::RULES.iter().map(|r| r.code).collect();
        for p in ProblemCode::ALL {
            if !codes.contains(&p.as_str()) {
                codes.push(p.as_str());
            }
        }
        schemars::json_schema!({
            "type": "string",
            "enum": codes,
            "description": "The code of a finding: a lint rule's code or, for a document that fails validation, the problem's code."
        })
    }
}
