//! Stretch scoring (R5): scores per key result and objective, bands,
//! verdicts by objective type, and calibration flags per team. Teams are
//! scored; people never are (R6).

use okrkit::score::Band;

// The reports, the calibration flags and their enums are the core's records
// (feature `uniffi`).

guarded! {
    /// The band of a score (for displaying a score the app already has).
    #[uniffi::export]
    fn score_band(score: f64) -> Band = Band::try_of(score)?;
}
