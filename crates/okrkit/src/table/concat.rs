//! One table from several of the same schema (e.g. a score table per cycle).

use super::{Table, Values};

impl Table {
    /// Appends `other`'s rows. Returns false, leaving `self` unchanged, when
    /// `other` is another table (a different name, hence schema).
    ///
    /// ```
    /// use okrkit::{Org, table::select};
    /// let org = Org::from_json(r#"{
    ///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"},
    ///              {"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"}],
    ///   "teams": [{"id": "web", "name": "Web"}],
    ///   "objectives": [
    ///     {"id": "o1", "title": "A", "team": "web", "cycle": "q1", "key_results": [{"id": "k1", "title": "NPS 20 to 40",
    ///       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]},
    ///     {"id": "o2", "title": "B", "team": "web", "cycle": "q2", "key_results": [{"id": "k2", "title": "NPS 40 to 60",
    ///       "measure": {"type": "metric", "baseline": 40, "target": 60, "current": 60}}]}]
    /// }"#)?;
    /// let doc = org.document();
    /// let mut all = select::score(doc, &org.score_cycle("q1")?, None)?;
    /// assert!(all.append(select::score(doc, &org.score_cycle("q2")?, None)?));
    /// assert_eq!(all.len(), 2);
    /// assert_eq!(all.column("cycle").unwrap().str(1), Some("q2"));
    /// // Another table is refused.
    /// assert!(!all.append(select::score(doc, &org.score_cycle("q1")?, Some("bands"))?));
    /// assert_eq!(all.len(), 2);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn append(&mut self, other: Table) -> bool {
        let same = self.name == other.name
            && self.columns.len() == other.columns.len()
            && self
                .columns
                .iter()
                .zip(&other.columns)
                .all(|(a, b)| a.spec == b.spec);
        if !same {
            return false;
        }
        for (a, b) in self.columns.iter_mut().zip(other.columns) {
            match (&mut a.values, b.values) {
                (Values::Str(x), Values::Str(y)) => x.extend(&y),
                (Values::F64(x), Values::F64(y)) => x.extend(&y),
                (Values::I64(x), Values::I64(y)) => x.extend(&y),
                (Values::Bool(x), Values::Bool(y)) => x.extend(&y),
                (Values::Date(x), Values::Date(y)) => x.extend(&y),
                (Values::DateTime(x), Values::DateTime(y)) => x.extend(&y),
                // Same spec, hence same type: a table built by the core never
                // gets here.
                _ => debug_assert!(false, "column type differs from its spec"),
            }
        }
        true
    }
}
