//! Numeric rules of "Numbers, exactly" (DESIGN.md).

use super::Validator;
use crate::error::ProblemCode;
use crate::model::Measure;

pub(super) fn measure(v: &mut Validator, m: &Measure, kp: &str) {
    match m {
        Measure::Metric {
            baseline,
            target,
            current,
            ..
        } => {
            v.finite(*baseline, &format!("{kp}.measure.baseline"));
            v.finite(*target, &format!("{kp}.measure.target"));
            if let Some(c) = current {
                v.finite(*c, &format!("{kp}.measure.current"));
            }
            if baseline == target {
                v.push(
                    ProblemCode::TargetEqualsBaseline,
                    format!("{kp}.measure.target"),
                    format!("target equals baseline ({target}): a metric key result must move; use a threshold to hold a level"),
                );
            } else if baseline.is_finite() && target.is_finite() && !(target - baseline).is_finite()
            {
                v.push(
                    ProblemCode::NotFinite,
                    format!("{kp}.measure.target"),
                    "target minus baseline overflows: attainment cannot be computed".into(),
                );
            }
        }
        Measure::Threshold { bound, current, .. } => {
            v.finite(*bound, &format!("{kp}.measure.bound"));
            if let Some(c) = current {
                v.finite(*c, &format!("{kp}.measure.current"));
            }
        }
        Measure::Milestone { .. } => {}
    }
}
