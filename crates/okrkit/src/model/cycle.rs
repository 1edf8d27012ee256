use crate::ids::CycleId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A named period (a quarter, a half) with inclusive start and end dates.
///
/// ```
/// use chrono::NaiveDate;
/// let q1 = okrkit::Cycle {
///     id: "2026-Q1".into(),
///     name: "Q1 2026".into(),
///     start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
///     end: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
/// };
/// assert_eq!(q1.days(), 90);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    /// Unique id of the cycle.
    pub id: CycleId,
    /// Human name, e.g. "Q1 2026".
    pub name: String,
    /// First day of the cycle (inclusive), written exactly `YYYY-MM-DD`.
    #[serde(deserialize_with = "crate::options::strict_date")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub start: NaiveDate,
    /// Last day of the cycle (inclusive), written exactly `YYYY-MM-DD`.
    #[serde(deserialize_with = "crate::options::strict_date")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub end: NaiveDate,
}

impl Cycle {
    /// Number of days in the cycle, both ends included (0 if it ends before it starts).
    pub fn days(&self) -> i64 {
        ((self.end - self.start).num_days() + 1).max(0)
    }
}
