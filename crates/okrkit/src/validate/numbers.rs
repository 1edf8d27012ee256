//! Numeric rules of "Numbers, exactly" (DESIGN.md).

use super::Validator;
use crate::error::ProblemCode;
use crate::model::Measure;

pub(super) fn measure(v: &mut Validator, m: &Measure, kp: &dyn Fn() -> String) {
    match m {
        Measure::Metric {
            baseline,
            target,
            current,
            ..
        } => {
            v.finite(*baseline, || format!("{}.measure.baseline", kp()));
            v.finite(*target, || format!("{}.measure.target", kp()));
            if let Some(c) = current {
                v.finite(*c, || format!("{}.measure.current", kp()));
                metric_value(v, *baseline, *target, *c, || {
                    format!("{}.measure.current", kp())
                });
            }
            if baseline == target {
                v.push(
                    ProblemCode::TargetEqualsBaseline,
                    format!("{}.measure.target", kp()),
                    format!("target equals baseline ({target}): a metric key result must move; use a threshold to hold a level"),
                );
            }
            // A span wider than the largest double (baseline -f64::MAX,
            // target f64::MAX) is fine: attainment takes it without overflow.
        }
        Measure::Threshold { bound, current, .. } => {
            v.finite(*bound, || format!("{}.measure.bound", kp()));
            if let Some(c) = current {
                v.finite(*c, || format!("{}.measure.current", kp()));
            }
        }
        Measure::Milestone { .. } => {}
    }
}

/// A metric's value must give a finite attainment: a value so far from a
/// baseline so close to its target that `(c − b) / (t − b)` exceeds the
/// largest double is refused here, so no language ever meets an infinity.
pub(super) fn metric_value(
    v: &mut Validator,
    baseline: f64,
    target: f64,
    value: f64,
    path: impl FnOnce() -> String,
) {
    let all_finite = baseline.is_finite() && target.is_finite() && value.is_finite();
    if all_finite
        && baseline != target
        && !crate::progress::attainment(baseline, target, value).is_finite()
    {
        v.push(
            ProblemCode::NotFinite,
            path(),
            format!(
                "value {value} is too far from baseline {baseline} for target {target}: its attainment exceeds the largest number"
            ),
        );
    }
}
