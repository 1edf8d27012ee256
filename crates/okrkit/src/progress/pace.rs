//! Expected progress over a cycle, and pace.

use crate::model::Cycle;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How far from the expected progress counts as on track (±0.1, both ends
/// included, up to [`PACE_SLACK`]).
pub const PACE_TOLERANCE: f64 = 0.1;

/// How far past ±[`PACE_TOLERANCE`] a delta may lie by floating-point error
/// and still be on track: 30% against an expected 40% is a delta of
/// −0.10000000000000003 in doubles, and exactly 0.1 as written, so it is on
/// track as 50% against 40% (+0.09999999999999998) is. 1e-9 is far below
/// any difference a person reads (a percentage to its first decimal is
/// 1e-3) and far above the error of one subtraction of numbers in [0, 1].
pub const PACE_SLACK: f64 = 1e-9;

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
    /// More than [`PACE_TOLERANCE`] (plus [`PACE_SLACK`]) ahead of the
    /// expected progress.
    Ahead,
    /// Within [`PACE_TOLERANCE`] of it, both ends included (up to
    /// [`PACE_SLACK`]).
    OnTrack,
    /// More than [`PACE_TOLERANCE`] (plus [`PACE_SLACK`]) behind.
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
    /// Compares `progress` with `expected`: on track within ±0.1, both ends
    /// included whichever side the floating-point error of the subtraction
    /// falls on ([`PACE_SLACK`]).
    ///
    /// ```
    /// use okrkit::progress::{Pace, PaceStatus};
    /// assert_eq!(Pace::new(0.3, 0.5).status, PaceStatus::Behind);
    /// // 0.3 - 0.4 is -0.10000000000000003 in doubles: still on track.
    /// assert_eq!(Pace::new(0.3, 0.4).status, PaceStatus::OnTrack);
    /// assert_eq!(Pace::new(0.5, 0.4).status, PaceStatus::OnTrack);
    /// ```
    pub fn new(progress: f64, expected: f64) -> Pace {
        let delta = progress - expected;
        let status = if delta > PACE_TOLERANCE + PACE_SLACK {
            PaceStatus::Ahead
        } else if delta < -PACE_TOLERANCE - PACE_SLACK {
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

/// Progress and expected progress as percentages people read beside the
/// pace: no decimals, one more at a time when rounding would hide the
/// verdict (as [`crate::score::score_text`] does for scores). 29.6% against
/// 40% is behind, but "30%" against "40%" reads as the exactly-0.1 that is
/// on track, so it is "29.6%" against "40.0%".
///
/// ```
/// use okrkit::progress::pace_text;
/// assert_eq!(pace_text(0.25, 0.4), ("25%".to_owned(), "40%".to_owned()));
/// assert_eq!(pace_text(0.296, 0.4), ("29.6%".to_owned(), "40.0%".to_owned()));
/// ```
pub fn pace_text(progress: f64, expected: f64) -> (String, String) {
    pace_text_from(progress, expected, 0)
}

/// [`pace_text`] with at least `min_digits` decimals (the table views show
/// one: "39.7%").
pub(crate) fn pace_text_from(progress: f64, expected: f64, min_digits: usize) -> (String, String) {
    let status = Pace::new(progress, expected).status;
    for digits in min_digits..15 {
        let (p, e) = (
            format!("{:.digits$}", progress * 100.0),
            format!("{:.digits$}", expected * 100.0),
        );
        let reads = match (p.parse::<f64>(), e.parse::<f64>()) {
            (Ok(p), Ok(e)) => Pace::new(p / 100.0, e / 100.0).status == status,
            _ => false,
        };
        if reads {
            return (format!("{p}%"), format!("{e}%"));
        }
    }
    // The shortest texts that read back as the numbers themselves.
    (
        format!("{}%", progress * 100.0),
        format!("{}%", expected * 100.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At the tolerance: rounding to whole percentages keeps the verdict
    /// where it can (30% against 40% is on track, and reads so), and adds
    /// decimals where it would hide it (29.6%, 29.96%, 50.04% against 40%).
    #[test]
    fn pace_text_keeps_the_verdict_at_the_boundary() {
        let t = |p: f64, e: f64| pace_text(p, e);
        assert_eq!(t(0.3, 0.4), ("30%".into(), "40%".into()));
        assert_eq!(t(0.5, 0.4), ("50%".into(), "40%".into()));
        assert_eq!(t(0.296, 0.4), ("29.6%".into(), "40.0%".into()));
        assert_eq!(t(0.2996, 0.4), ("29.96%".into(), "40.00%".into()));
        assert_eq!(t(0.5004, 0.4), ("50.04%".into(), "40.00%".into()));
        assert_eq!(t(0.504, 0.4), ("50.4%".into(), "40.0%".into()));
        assert_eq!(t(0.2, 0.4), ("20%".into(), "40%".into()));
        // Every pair of thousandths: the text reads back to the same verdict.
        for e in 0..=1000 {
            for p in (0..=1000).step_by(7) {
                let (progress, expected) = (f64::from(p) / 1000.0, f64::from(e) / 1000.0);
                let (pt, et) = t(progress, expected);
                let back = |s: &str| s.trim_end_matches('%').parse::<f64>().unwrap() / 100.0;
                assert_eq!(
                    Pace::new(back(&pt), back(&et)).status,
                    Pace::new(progress, expected).status,
                    "{progress} against {expected}: {pt} against {et}"
                );
            }
        }
    }

    /// At every pair of tenths (as a person computes them, `i / 10`), a
    /// difference of exactly one tenth is on track on both sides and two
    /// tenths are not (r15 finding 6: 0.3 against 0.4 was behind, 0.5
    /// against 0.4 on track); the same at hundredths of a cycle's progress.
    #[test]
    fn exactly_the_tolerance_is_on_track_on_both_sides() {
        for scale in [10, 100, 1000] {
            let step = scale / 10;
            for e in 0..=scale {
                let expected = f64::from(e) / f64::from(scale);
                for p in 0..=scale {
                    let progress = f64::from(p) / f64::from(scale);
                    let want = match p - e {
                        d if d > step => PaceStatus::Ahead,
                        d if d < -step => PaceStatus::Behind,
                        _ => PaceStatus::OnTrack,
                    };
                    assert_eq!(
                        Pace::new(progress, expected).status,
                        want,
                        "{progress} against {expected}"
                    );
                }
            }
        }
    }
}
