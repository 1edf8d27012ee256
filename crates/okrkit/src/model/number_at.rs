//! A document's number fields by path, for callers whose values cannot travel
//! as JSON (`NaN` and the infinities: JSON has no such number).

use crate::model::{Document, Measure};

impl Document {
    /// Sets the number at `path` — a path written exactly as problems name
    /// elements (`name[digits]`, then `.` and a field name; nothing else
    /// names a slot): `objectives[0].key_results[1].weight`, `….measure.baseline` /
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
        self.number_at(path).map(|slot| *slot = x).is_some()
    }

    /// The number slot `path` names exactly (`name[digits].` … as problems
    /// write paths; anything else, `objectives.0…` or `check_ins[+1]`,
    /// names nothing). An optional slot (`current`, `confidence`) is set
    /// to `Some` first, so the caller always writes a number.
    fn number_at(&mut self, path: &str) -> Option<&mut f64> {
        if let Some((o, rest)) = indexed(path, "objectives") {
            let (k, field) = indexed(rest.strip_prefix('.')?, "key_results")?;
            let kr = self.objectives.get_mut(o)?.key_results.get_mut(k)?;
            return match (field, &mut kr.measure) {
                (".weight", _) => Some(&mut kr.weight),
                (".measure.baseline", Measure::Metric { baseline, .. }) => Some(baseline),
                (".measure.target", Measure::Metric { target, .. }) => Some(target),
                (
                    ".measure.current",
                    Measure::Metric { current, .. } | Measure::Threshold { current, .. },
                ) => Some(current.insert(0.0)),
                (".measure.bound", Measure::Threshold { bound, .. }) => Some(bound),
                _ => None,
            };
        }
        let (i, field) = indexed(path, "check_ins")?;
        let c = self.check_ins.get_mut(i)?;
        match field {
            ".value" => Some(&mut c.value),
            ".confidence" => Some(c.confidence.insert(0.0)),
            _ => None,
        }
    }
}

/// `name[N]` at the start of `s` (N in ASCII digits): N, and what follows `]`.
fn indexed<'a>(s: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = s.strip_prefix(name)?.strip_prefix('[')?;
    let end = rest.find(']')?;
    let digits = &rest[..end];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, &rest[end + 1..]))
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Measure};

    fn doc() -> Document {
        Document::from_json(
            r#"{"schema_version": 1,
              "objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "c", "key_results": [
                {"id": "m", "title": "M", "measure": {"type": "metric", "baseline": 0, "target": 10}},
                {"id": "t", "title": "T", "measure": {"type": "threshold", "direction": "at_most", "bound": 5}},
                {"id": "b", "title": "B", "measure": {"type": "milestone", "done": false}}]}],
              "check_ins": [{"key_result": "m", "at": "2026-01-05T09:00:00Z", "value": 3}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn every_number_slot_is_reached_by_its_path() {
        let mut d = doc();
        for path in [
            "objectives[0].key_results[0].weight",
            "objectives[0].key_results[0].measure.baseline",
            "objectives[0].key_results[0].measure.target",
            "objectives[0].key_results[0].measure.current",
            "objectives[0].key_results[1].measure.bound",
            "objectives[0].key_results[1].measure.current",
            "objectives[0].key_results[1].weight",
            "objectives[0].key_results[2].weight",
            "check_ins[0].value",
            "check_ins[0].confidence",
        ] {
            assert!(d.set_number_at(path, f64::INFINITY), "{path}");
        }
        let krs = &d.objectives[0].key_results;
        assert!(krs.iter().all(|k| k.weight.is_infinite()));
        let Measure::Metric {
            baseline,
            target,
            current,
            ..
        } = &krs[0].measure
        else {
            panic!()
        };
        assert!(baseline.is_infinite() && target.is_infinite() && current.unwrap().is_infinite());
        let Measure::Threshold { bound, current, .. } = &krs[1].measure else {
            panic!()
        };
        assert!(bound.is_infinite() && current.unwrap().is_infinite());
        assert!(d.check_ins[0].value.is_infinite());
        assert!(d.check_ins[0].confidence.unwrap().is_infinite());
    }

    #[test]
    fn any_other_path_names_nothing_and_changes_nothing() {
        let mut d = doc();
        let before = d.clone();
        for path in [
            "",
            "objectives",
            "objectives[0]",
            "objectives[0].key_results[0]",
            "objectives[1].key_results[0].weight",
            "objectives[0].key_results[3].weight",
            "objectives[0].key_results[1].measure.baseline",
            "objectives[0].key_results[0].measure.bound",
            "objectives[0].key_results[2].measure.current",
            "objectives[0].key_results[0].title",
            "objectives.0.key_results.0.weight",
            "objectives[0]key_results[0].weight",
            "objectives[0].key_results[0].weight.x",
            "objectives[+0].key_results[0].weight",
            "objectives[].key_results[0].weight",
            "objectives[99999999999999999999999].key_results[0].weight",
            "check_ins[1].value",
            "check_ins[+0].value",
            "check_ins]0[value",
            "check_ins[0]value",
            "check_ins[0].key_result",
            "check_ins[0].value.",
            "key_results[0].weight",
            "objectives[0].key_results[0].weight\u{0}",
        ] {
            assert!(!d.set_number_at(path, 1.0), "{path:?}");
        }
        assert_eq!(d, before);
    }
}
