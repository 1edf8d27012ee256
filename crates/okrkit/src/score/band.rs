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
/// assert_eq!(Band::try_of(0.3)?, Band::Red);
/// assert_eq!(Band::try_of(0.35)?, Band::Yellow);
/// assert_eq!(Band::try_of(0.6)?, Band::Yellow);
/// assert_eq!(Band::try_of(0.65)?, Band::Green);
/// // NaN is no colour (issue 19): the one public way in refuses it.
/// assert_eq!(Band::try_of(f64::NAN).unwrap_err().code(), "not_finite");
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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
    /// The band of a score okrkit computed (always in [0, 1]); crate-private
    /// so that no caller can turn a NaN into red: the public way in is
    /// [`Band::try_of`].
    pub(crate) fn of(score: f64) -> Band {
        if score >= GREEN_FROM {
            Band::Green
        } else if score >= YELLOW_FROM {
            Band::Yellow
        } else {
            Band::Red
        }
    }
}

impl Band {
    /// The band of a score from outside okrkit: a score is a number in
    /// [0, 1]: NaN or an infinity is a `not_finite` error, any other number
    /// outside that range `invalid_value` — never a colour.
    ///
    /// ```
    /// use okrkit::score::Band;
    /// assert_eq!(Band::try_of(0.7).unwrap(), Band::Green);
    /// assert_eq!(Band::try_of(f64::NAN).unwrap_err().code(), "not_finite");
    /// assert_eq!(Band::try_of(1.5).unwrap_err().code(), "invalid_value");
    /// ```
    pub fn try_of(score: f64) -> crate::Result<Band> {
        if (0.0..=1.0).contains(&score) {
            Ok(Band::of(score))
        } else {
            Err(crate::Error::InvalidArgument {
                code: if score.is_finite() {
                    crate::ProblemCode::InvalidValue
                } else {
                    crate::ProblemCode::NotFinite
                },
                message: format!("a score is a number from 0 to 1, not {score}"),
                path: "score".into(),
            })
        }
    }
}
