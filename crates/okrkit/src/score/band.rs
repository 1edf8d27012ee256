//! Score bands (R5): red 0.0–0.3, yellow 0.4–0.6, green 0.7–1.0.

use serde::{Deserialize, Serialize};

/// The colour of a score.
///
/// Scores are full precision, so the gaps between the published bands
/// (0.3–0.4 and 0.6–0.7) are closed at their midpoints: a score is yellow from
/// 0.35 and green from 0.65 — the band its one-decimal display falls in.
///
/// ```
/// use okrkit::score::Band;
/// assert_eq!(Band::of(0.3), Band::Red);
/// assert_eq!(Band::of(0.35), Band::Yellow);
/// assert_eq!(Band::of(0.6), Band::Yellow);
/// assert_eq!(Band::of(0.65), Band::Green);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// 0.0–0.3: little progress.
    Red,
    /// 0.4–0.6: progress, short of the target.
    Yellow,
    /// 0.7–1.0: delivered.
    Green,
}

/// Lowest score that is yellow.
pub const YELLOW_FROM: f64 = 0.35;
/// Lowest score that is green.
pub const GREEN_FROM: f64 = 0.65;

impl Band {
    /// The band of a score.
    pub fn of(score: f64) -> Band {
        if score >= GREEN_FROM {
            Band::Green
        } else if score >= YELLOW_FROM {
            Band::Yellow
        } else {
            Band::Red
        }
    }
}
