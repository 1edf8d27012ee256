//! A document's number fields by path, for callers whose values cannot travel
//! as JSON (`NaN` and the infinities: JSON has no such number).

use crate::model::{Document, Measure};

impl Document {
    /// Sets the number at `path` — a path as problems name elements:
    /// `objectives[0].key_results[1].weight`, `….measure.baseline` /
    /// `target` / `current` / `bound`, `check_ins[3].value` /
    /// `confidence` — to `x`, and answers whether `path` is such a field of
    /// this document (else nothing changes). The Node binding reads a JS
    /// object through JSON, which has no `NaN` or infinity; it puts those
    /// back here so that [`Org::new`](crate::Org::new) validates the same
    /// `f64` a Rust caller would pass (`not_finite` at that path).
    ///
    /// ```
    /// let mut doc = okrkit::Document::from_json(r#"{"schema_version": 1, "check_ins": [
    ///   {"key_result": "kr", "at": "2026-01-05T09:00:00Z", "value": 3}]}"#).unwrap();
    /// assert!(doc.set_number_at("check_ins[0].value", f64::NAN));
    /// assert!(doc.check_ins[0].value.is_nan());
    /// assert!(!doc.set_number_at("check_ins[1].value", 1.0));
    /// assert!(!doc.set_number_at("check_ins[0].key_result", 1.0));
    /// ```
    pub fn set_number_at(&mut self, path: &str, x: f64) -> bool {
        let parts: Vec<&str> = path
            .split(['.', '[', ']'])
            .filter(|p| !p.is_empty())
            .collect();
        let idx = |s: &str| s.parse::<usize>().ok();
        match parts.as_slice() {
            ["objectives", o, "key_results", k, rest @ ..] => {
                let Some(kr) = idx(o)
                    .and_then(|o| self.objectives.get_mut(o))
                    .and_then(|o| idx(k).and_then(|k| o.key_results.get_mut(k)))
                else {
                    return false;
                };
                match (rest, &mut kr.measure) {
                    (["weight"], _) => kr.weight = x,
                    (["measure", "baseline"], Measure::Metric { baseline, .. }) => *baseline = x,
                    (["measure", "target"], Measure::Metric { target, .. }) => *target = x,
                    (
                        ["measure", "current"],
                        Measure::Metric { current, .. } | Measure::Threshold { current, .. },
                    ) => *current = Some(x),
                    (["measure", "bound"], Measure::Threshold { bound, .. }) => *bound = x,
                    _ => return false,
                }
                true
            }
            ["check_ins", i, field] => {
                let Some(c) = idx(i).and_then(|i| self.check_ins.get_mut(i)) else {
                    return false;
                };
                match *field {
                    "value" => c.value = x,
                    "confidence" => c.confidence = Some(x),
                    _ => return false,
                }
                true
            }
            _ => false,
        }
    }
}
