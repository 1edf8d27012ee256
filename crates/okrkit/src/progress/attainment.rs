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
/// // A movement wider than the largest double still gives its finite ratio.
/// assert_eq!(attainment(-1e308, 0.0, 1.5e308), 2.5);
/// ```
#[inline]
pub fn attainment(baseline: f64, target: f64, current: f64) -> f64 {
    let moved = current - baseline;
    let a = if moved.is_finite() {
        moved / (target - baseline)
    } else {
        // The difference overflows (a baseline near -f64::MAX, a value near
        // f64::MAX): halving every term is exact, so the same ratio is taken
        // without overflow, and equals the textbook one wherever that is finite.
        (current / 2.0 - baseline / 2.0) / (target / 2.0 - baseline / 2.0)
    };
    // `+ 0.0` turns -0.0 into +0.0, so every language prints the same "0.0".
    a + 0.0
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
/// // Weights near the largest double do not overflow the sum.
/// assert_eq!(weighted_mean([(1e308, 0.5), (1e308, 1.0)]), Some(0.75));
/// ```
pub fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let mut mean = WeightedMean::default();
    for (w, v) in pairs {
        mean.add(w, v);
    }
    mean.mean()
}

/// Scale of the overflow-safe sums: a power of two, so scaling is exact.
const SCALE: f64 = 1.0 / (1u128 << 100) as f64 / (1u128 << 100) as f64 / (1u128 << 100) as f64;

/// A running weighted mean that cannot overflow.
///
/// The plain sums `Σ w·v` and `Σ w` give the result whenever they are finite,
/// so ordinary weights get exactly the bits of the textbook formula. Beside
/// them run the same sums with every weight scaled by 2⁻³⁰⁰ (exact: a power of
/// two): when weights near `f64::MAX` overflow the plain sums, the scaled ones
/// still hold the answer, so any valid document gets a finite mean.
///
/// ```
/// use okrkit::progress::WeightedMean;
/// let mut m = WeightedMean::default();
/// m.add(2.0, 0.5);
/// m.add(2.0, 1.0);
/// assert_eq!((m.count(), m.mean()), (2, Some(0.75)));
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct WeightedMean {
    sum: f64,
    weights: f64,
    scaled_sum: f64,
    scaled_weights: f64,
    count: usize,
}

impl WeightedMean {
    /// Adds a value with its weight.
    #[inline]
    pub fn add(&mut self, weight: f64, value: f64) {
        self.sum += weight * value;
        self.weights += weight;
        let scaled = weight * SCALE;
        self.scaled_sum += scaled * value;
        self.scaled_weights += scaled;
        self.count += 1;
    }

    /// How many values were added.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The mean, or `None` when nothing with a positive weight was added.
    pub fn mean(&self) -> Option<f64> {
        if self.count == 0 || self.weights <= 0.0 {
            return None;
        }
        if self.sum.is_finite() && self.weights.is_finite() {
            Some(self.sum / self.weights)
        } else {
            Some(self.scaled_sum / self.scaled_weights)
        }
    }
}
