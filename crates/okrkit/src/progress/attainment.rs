//! The arithmetic of "Numbers, exactly" (DESIGN.md): attainment and progress.

use crate::model::ThresholdDirection;

/// Attainment of a metric key result: `(c − b) / (t − b)`.
///
/// The same expression serves increasing and decreasing metrics: for a
/// latency going from 800 ms down to 200 ms, a current 500 ms is halfway.
/// Attainment is not clamped: above 1 is overshoot, below 0 is movement the
/// wrong way. The caller guarantees `t != b` (validation rejects it).
///
/// ```
/// use okrkit::progress::attainment;
/// assert_eq!(attainment(50.0, 65.0, 56.0), 0.4);
/// assert_eq!(attainment(800.0, 200.0, 500.0), 0.5); // decreasing metric
/// assert_eq!(attainment(0.0, 10.0, 12.0), 1.2);     // overshoot stays visible
/// // At the baseline of a decreasing metric the result is +0.0, never -0.0.
/// assert!(attainment(40.0, 25.0, 40.0).is_sign_positive());
/// ```
#[inline]
pub fn attainment(baseline: f64, target: f64, current: f64) -> f64 {
    // `+ 0.0` turns -0.0 into +0.0, so every language prints the same "0.0".
    (current - baseline) / (target - baseline) + 0.0
}

/// Progress: attainment clamped to [0, 1].
///
/// ```
/// use okrkit::progress::clamp_progress;
/// assert_eq!(clamp_progress(1.2), 1.0);
/// assert_eq!(clamp_progress(-0.3), 0.0);
/// ```
#[inline]
pub fn clamp_progress(attainment: f64) -> f64 {
    attainment.clamp(0.0, 1.0)
}

/// Whether a threshold is met; the bound itself counts as met (inclusive).
///
/// ```
/// use okrkit::{ThresholdDirection, progress::threshold_met};
/// assert!(threshold_met(ThresholdDirection::AtLeast, 99.9, 99.9));
/// assert!(!threshold_met(ThresholdDirection::AtMost, 200.0, 200.5));
/// ```
#[inline]
pub fn threshold_met(direction: ThresholdDirection, bound: f64, value: f64) -> bool {
    match direction {
        ThresholdDirection::AtLeast => value >= bound,
        ThresholdDirection::AtMost => value <= bound,
    }
}

/// Weighted mean of `(weight, value)` pairs; `None` when there are none.
///
/// ```
/// use okrkit::progress::weighted_mean;
/// assert_eq!(weighted_mean([(1.0, 0.25), (3.0, 0.75)]), Some(0.625));
/// assert_eq!(weighted_mean(std::iter::empty()), None);
/// ```
pub fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    let mut any = false;
    for (w, v) in pairs {
        sum += w * v;
        weights += w;
        any = true;
    }
    if any && weights > 0.0 {
        Some(sum / weights)
    } else {
        None
    }
}
