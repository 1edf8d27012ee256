//! Stretch scoring (R5): scores per key result and objective, bands,
//! verdicts by objective type, and calibration flags per team. Teams are
//! scored; people never are (R6).

use crate::OkrError;
use crate::guard;
use okrkit::score::Band;

// The reports, the calibration flags and their enums are the core's records
// (feature `uniffi`).

/// The band of a score (for displaying a score the app already has).
#[uniffi::export]
pub fn score_band(score: f64) -> Result<Band, OkrError> {
    guard(|| Ok(Band::try_of(score)?))
}
