use crate::ids::{KeyResultId, PersonId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A check-in: the value of a key result at a moment, with the team's confidence.
///
/// For a milestone key result the value is 1 when done and 0 when not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// The key result checked in on.
    pub key_result: KeyResultId,
    /// When (UTC, RFC 3339 on the wire).
    // Read as chrono reads it, with a fast path for the common exact form.
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub at: DateTime<Utc>,
    /// The measured value.
    pub value: f64,
    /// Confidence of reaching the target, 0 to 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who checked in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<PersonId>,
}
