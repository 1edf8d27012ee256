//! Program health (R10): check-in cadence, stale key results, the outcome
//! share, score and confidence distributions, renegotiation and dependency
//! flow. The report is the core's record (feature `uniffi`; counts signed).

use crate::OkrError;
use chrono::NaiveDate;

/// Health settings; `null` / `nil` keeps the core's default (the cycle's end,
/// stale after 14 days).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct HealthOptions {
    /// The date the report is made at (default: the cycle's end).
    #[uniffi(default = None)]
    pub as_of: Option<NaiveDate>,
    /// A key result without a check-in for more days than this is stale.
    #[uniffi(default = None)]
    pub stale_after_days: Option<i64>,
}

impl HealthOptions {
    pub(crate) fn to_core(&self) -> Result<okrkit::health::HealthOptions, OkrError> {
        let mut o = okrkit::health::HealthOptions::default();
        o.as_of = self.as_of;
        if let Some(d) = self.stale_after_days {
            o.stale_after_days = crate::types::days(d, "stale_after_days")?;
        }
        Ok(o)
    }
}
