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

/// A score as text for a person: two decimals, or as many more as it takes
/// to stay on the same side of every threshold a verdict or a band reads
/// ([`YELLOW_FROM`], [`GREEN_FROM`], 1.0) as the score itself, so that the
/// text never contradicts the colour or the verdict next to it: 0.64999999
/// (yellow, short of the stretch) reads `0.64999999`, not `0.65`, and
/// 0.99999999 on a committed objective (explanation required) `0.99999999`,
/// not `1.00`. Scores and messages in reports use it.
///
/// ```
/// use okrkit::score::score_text;
/// assert_eq!(score_text(0.7), "0.70");
/// assert_eq!(score_text(0.64999999), "0.64999999");
/// assert_eq!(score_text(0.655), "0.66");
/// assert_eq!(score_text(0.99999999), "0.99999999");
/// assert_eq!(score_text(0.349), "0.349");
/// ```
pub fn score_text(score: f64) -> String {
    let side = |x: f64| [YELLOW_FROM, GREEN_FROM, 1.0].map(|t| x >= t);
    for digits in 2..17 {
        let text = format!("{score:.digits$}");
        if text.parse::<f64>().is_ok_and(|r| side(r) == side(score)) {
            return text;
        }
    }
    // The shortest text that reads back as the score itself.
    format!("{score}")
}

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
