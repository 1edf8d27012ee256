//! Expected progress over a cycle, and pace.

use crate::model::Cycle;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How far from the expected progress counts as on track (±0.1).
pub const PACE_TOLERANCE: f64 = 0.1;

/// Expected progress at the end of day `date`: linear over the cycle's days,
/// 0 before it starts and 1 from its last day on.
///
/// ```
/// use chrono::NaiveDate;
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let cycle = okrkit::Cycle { id: "q".into(), name: "Q".into(), start: d(1, 1), end: d(1, 10) };
/// assert_eq!(okrkit::progress::expected_progress(&cycle, d(1, 5)), 0.5);
/// assert_eq!(okrkit::progress::expected_progress(&cycle, d(2, 1)), 1.0);
/// ```
pub fn expected_progress(cycle: &Cycle, date: NaiveDate) -> f64 {
    let days = cycle.days();
    if days <= 0 {
        return if date >= cycle.end { 1.0 } else { 0.0 };
    }
    let elapsed = (date - cycle.start).num_days() + 1;
    (elapsed as f64 / days as f64).clamp(0.0, 1.0)
}

/// Whether progress keeps up with the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaceStatus {
    /// More than [`PACE_TOLERANCE`] ahead of the expected progress.
    Ahead,
    /// Within [`PACE_TOLERANCE`] of it.
    OnTrack,
    /// More than [`PACE_TOLERANCE`] behind.
    Behind,
}

/// Progress compared with the expected progress at a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Pace {
    /// Expected progress at the date.
    pub expected: f64,
    /// Progress minus expected progress.
    pub delta: f64,
    /// Ahead, on track or behind.
    pub status: PaceStatus,
}

impl Pace {
    /// Compares `progress` with `expected`.
    ///
    /// ```
    /// let pace = okrkit::progress::Pace::new(0.3, 0.5);
    /// assert_eq!(pace.status, okrkit::progress::PaceStatus::Behind);
    /// ```
    pub fn new(progress: f64, expected: f64) -> Pace {
        let delta = progress - expected;
        let status = if delta > PACE_TOLERANCE {
            PaceStatus::Ahead
        } else if delta < -PACE_TOLERANCE {
            PaceStatus::Behind
        } else {
            PaceStatus::OnTrack
        };
        Pace {
            expected,
            delta,
            status,
        }
    }
}
