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
/// // A movement or a span wider than the largest double still gives its finite ratio.
/// assert_eq!(attainment(-1e308, 0.0, 1.5e308), 2.5);
/// assert_eq!(attainment(-f64::MAX, f64::MAX, 0.0), 0.5);
/// ```
#[inline]
pub fn attainment(baseline: f64, target: f64, current: f64) -> f64 {
    let moved = current - baseline;
    let span = target - baseline;
    let a = if moved.is_finite() && span.is_finite() {
        moved / span
    } else {
        // A difference overflows (a baseline near -f64::MAX, a value or a
        // target near f64::MAX): halving every term is exact (but for
        // subnormals, far below the other terms' last bit), so the same
        // ratio is taken without overflow, and equals the textbook one
        // wherever that is finite.
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
/// // Weights near the largest double do not overflow the sum, and the
/// // smallest (subnormal) ones do not lose their bits.
/// assert_eq!(weighted_mean([(1e308, 0.5), (1e308, 1.0)]), Some(0.75));
/// assert_eq!(weighted_mean([(5e-324, 0.5), (5e-324, 1.0)]), Some(0.75));
/// ```
pub fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let mut mean = WeightedMean::default();
    for (w, v) in pairs {
        mean.add(w, v);
    }
    mean.mean()
}

/// Scale of the overflow-safe sums: a power of two (2⁻³⁰⁰), so scaling is exact.
const SCALE: f64 = 1.0 / (1u128 << 100) as f64 / (1u128 << 100) as f64 / (1u128 << 100) as f64;

/// Scale of the underflow-safe sums: a power of two (2⁶⁰⁰), so scaling is exact.
const SCALE_UP: f64 = (1u128 << 100) as f64
    * (1u128 << 100) as f64
    * (1u128 << 100) as f64
    * (1u128 << 100) as f64
    * (1u128 << 100) as f64
    * (1u128 << 100) as f64;

/// The smallest weight whose products with values down to 2⁻⁶⁰ stay normal
/// doubles (2⁻⁹⁶⁰): below it, the plain sums may round a product to the
/// subnormal grid and lose its bits.
const TINY_WEIGHT: f64 = SCALE * SCALE * SCALE / (1u128 << 60) as f64;

/// A running weighted mean that cannot overflow nor lose bits to underflow.
///
/// The plain sums `Σ w·v` and `Σ w` give the result whenever they are finite
/// and no weight is tiny, so ordinary weights get exactly the bits of the
/// textbook formula. Beside them run the same sums with every weight scaled
/// by 2⁻³⁰⁰ and by 2⁶⁰⁰ (exact: powers of two): when weights near `f64::MAX`
/// overflow the plain sums, the scaled-down ones still hold the answer; when
/// a weight is subnormal or nearly (below 2⁻⁹⁶⁰, where `w·v` would round to
/// the subnormal grid), the scaled-up ones hold it with every bit. Either
/// way the mean has the bits of the textbook formula on the weights scaled
/// by a power of two, as for ordinary weights, and any valid document gets
/// a finite mean.
///
/// ```
/// use okrkit::progress::WeightedMean;
/// let mut m = WeightedMean::default();
/// m.add(2.0, 0.5);
/// m.add(2.0, 1.0);
/// assert_eq!((m.count(), m.mean()), (2, Some(0.75)));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct WeightedMean {
    sum: f64,
    weights: f64,
    scaled_sum: f64,
    scaled_weights: f64,
    up_sum: f64,
    up_weights: f64,
    /// The smallest weight added (`+∞` before any).
    min_weight: f64,
    count: usize,
}

impl Default for WeightedMean {
    fn default() -> Self {
        WeightedMean {
            sum: 0.0,
            weights: 0.0,
            scaled_sum: 0.0,
            scaled_weights: 0.0,
            up_sum: 0.0,
            up_weights: 0.0,
            min_weight: f64::INFINITY,
            count: 0,
        }
    }
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
        let up = weight * SCALE_UP;
        self.up_sum += up * value;
        self.up_weights += up;
        self.min_weight = self.min_weight.min(weight);
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
        let plain = self.sum.is_finite() && self.weights.is_finite();
        let up = self.up_sum.is_finite() && self.up_weights.is_finite();
        if plain && (self.min_weight >= TINY_WEIGHT || !up) {
            // Also where tiny weights come with weights too large to scale
            // up: the span is wider than any one scale keeps exact, and the
            // tiny weights' terms are below the sums' last bit.
            Some(self.sum / self.weights)
        } else if up {
            Some(self.up_sum / self.up_weights)
        } else {
            Some(self.scaled_sum / self.scaled_weights)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::weighted_mean;
    use proptest::prelude::*;

    /// 2^k, for k in -1022..=1023 (a normal double).
    fn pow2(k: i32) -> f64 {
        f64::from_bits(((k + 1023) as u64) << 52)
    }

    /// The reported cases: two key results at 0.5 and 1.0, equal weights
    /// from the smallest subnormal to the largest double, mean 0.75.
    #[test]
    fn a_span_wider_than_the_largest_double_gives_its_ratio() {
        use super::attainment;
        let max = f64::MAX;
        assert_eq!(attainment(-max, max, 0.0), 0.5);
        assert_eq!(attainment(-max, max, max), 1.0);
        assert_eq!(attainment(-max, max, -max), 0.0);
        assert_eq!(attainment(max, -max, 0.0), 0.5);
        assert_eq!(attainment(-1.5e308, 1.5e308, 7.5e307), 0.75);
        // A document holding them is valid and its progress is that ratio.
        let doc = crate::Document::from_json(
            r#"{"cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
                "teams": [{"id": "t", "name": "T"}],
                "objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "q", "key_results": [
                  {"id": "k", "title": "K", "measure": {"type": "metric", "baseline": -1.7976931348623157e308, "target": 1.7976931348623157e308, "current": 0}}]}],
                "check_ins": [{"key_result": "k", "at": "2026-02-01T00:00:00Z", "value": 8.988465674311579e307}]}"#,
        )
        .expect("reads");
        assert_eq!(crate::validate(&doc), vec![]);
        let org = crate::Org::new(doc).expect("valid");
        let report = org
            .progress(&crate::ProgressOptions::default())
            .expect("progress");
        assert_eq!(report.objectives[0].key_results[0].attainment, Some(0.5));
        let at = crate::ProgressOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 2, 2),
            ..Default::default()
        };
        let report = org.progress(&at).expect("progress");
        assert_eq!(report.objectives[0].key_results[0].attainment, Some(0.75));
    }

    #[test]
    fn equal_weights_of_any_size_give_the_plain_mean() {
        for w in [
            5e-324,
            1e-310,
            2.2e-308,
            1e-300,
            1.0,
            1e300,
            1e308,
            f64::MAX,
        ] {
            assert_eq!(weighted_mean([(w, 0.5), (w, 1.0)]), Some(0.75), "{w:e}");
        }
    }

    proptest! {
        /// Weights anywhere in the doubles' range (subnormal to near
        /// `f64::MAX`, within 2⁹⁰⁰ of each other so one scale keeps them
        /// all exact) give the bits of the textbook formula on the weights
        /// scaled by a power of two to around 1: scaling is exact, so this
        /// is the formula with no overflow and no underflow.
        #[test]
        fn the_mean_is_the_textbook_mean_of_the_weights_scaled_to_one(
            top in -1074i32..=1023,
            rest in prop::collection::vec((0i32..=900, any::<u64>(), 0u32..=(1 << 20)), 1..8),
        ) {
            // Weight with exponent e (clamped to the subnormals' range) and
            // random mantissa bits: subnormals below -1022.
            let weight = |e: i32, bits: u64| -> f64 {
                if e >= -1022 {
                    f64::from_bits((((e + 1023) as u64) << 52) | (bits & ((1 << 52) - 1)))
                } else {
                    let shift = (-1022 - e).min(52) as u32;
                    f64::from_bits(((bits & ((1 << 52) - 1)) | (1 << 52)) >> shift).max(5e-324)
                }
            };
            let pairs: Vec<(f64, f64)> = rest
                .iter()
                .map(|&(below, bits, v)| (weight((top - below).max(-1074), bits), f64::from(v) / f64::from(1u32 << 20)))
                .collect();
            let max = pairs.iter().map(|p| p.0).fold(0.0, f64::max);
            // 2^-e, e the exponent of the largest weight, in two exact steps.
            let e = if max >= pow2(-1022) {
                ((max.to_bits() >> 52) as i32) - 1023
            } else {
                -1074 + (64 - max.to_bits().leading_zeros() as i32) - 1
            };
            let (a, b) = (-e / 2, -e - (-e / 2));
            let scaled: Vec<(f64, f64)> = pairs.iter().map(|&(w, v)| (w * pow2(a) * pow2(b), v)).collect();
            let (mut sum, mut weights) = (0.0, 0.0);
            for &(w, v) in &scaled {
                sum += w * v;
                weights += w;
            }
            prop_assert_eq!(weighted_mean(pairs.iter().copied()), Some(sum / weights), "{:?}", pairs);
        }
    }
}
