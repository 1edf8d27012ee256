//! A progress report held as the columnar roll-up, its row report built
//! only when rows are read: what a binding keeps behind a report handle, so
//! that computing a report costs the roll-up alone and reading one objective,
//! team or cycle converts that row alone.

use super::{ObjectiveProgress, ProgressColumns, ProgressOptions, ProgressReport};
use crate::error::{Error, ProblemCode, Result};
use crate::org::Org;
use crate::table::{Table, TextLayout, select};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::OnceLock;

/// A progress report as columns ([`ProgressColumns`]), with the row report
/// ([`ProgressReport`]) and an index of objectives by id built on first use.
/// Without key result detail (`detail: false`) the rows list no key results
/// (the same numbers; a fifth of the rows to convert) and the
/// `progress.key_results` table is refused rather than empty.
///
/// ```
/// # let text = r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]}"#;
/// use okrkit::progress::LazyReport;
/// let org = std::sync::Arc::new(okrkit::Org::from_json(text)?);
/// let report = LazyReport::new(org, &Default::default(), true)?;
/// assert!(report.built_rows().is_none());
/// assert_eq!(report.rows().objectives.len(), 0);
/// assert!(report.built_rows().is_some());
/// assert!(report.objective("nope").is_none());
/// # Ok::<(), okrkit::Error>(())
/// ```
pub struct LazyReport<O> {
    columns: ProgressColumns<O>,
    detail: bool,
    rows: OnceLock<ProgressReport>,
    by_objective: OnceLock<HashMap<String, usize>>,
}

impl<O: Deref<Target = Org>> LazyReport<O> {
    /// The roll-up of `org` with `opts`; `detail: false` leaves key results
    /// out of the rows (and refuses the `key_results` table).
    ///
    /// # Errors
    ///
    /// Those of [`ProgressColumns::new`].
    pub fn new(org: O, opts: &ProgressOptions, detail: bool) -> Result<Self> {
        Ok(LazyReport {
            columns: ProgressColumns::new(org, opts)?,
            detail,
            rows: OnceLock::new(),
            by_objective: OnceLock::new(),
        })
    }

    /// The same, its row report built now (in a background task, so that the
    /// caller's thread only converts).
    pub fn with_rows(self) -> Self {
        self.rows();
        self
    }

    /// The columnar roll-up.
    pub fn columns(&self) -> &ProgressColumns<O> {
        &self.columns
    }

    /// The row report, built from the columns on first call.
    pub fn rows(&self) -> &ProgressReport {
        self.rows.get_or_init(|| {
            let mut report = self.columns.to_report();
            if !self.detail {
                for o in &mut report.objectives {
                    o.key_results = Vec::new();
                }
            }
            report
        })
    }

    /// The row report if it was built.
    pub fn built_rows(&self) -> Option<&ProgressReport> {
        self.rows.get()
    }

    /// One objective's row by id (borrowed from the rows once built, else
    /// that row alone from the columns), `None` when the report has no such
    /// objective.
    pub fn objective(&self, id: &str) -> Option<Cow<'_, ObjectiveProgress>> {
        let index = self.by_objective.get_or_init(|| {
            let ids = self.columns.objectives().map(|o| o.id().to_owned());
            ids.enumerate().map(|(i, id)| (id, i)).collect()
        });
        let &i = index.get(id)?;
        if let Some(rows) = self.rows.get() {
            return Some(Cow::Borrowed(&rows.objectives[i]));
        }
        let mut row = self.columns.objective(i).to_row();
        if !self.detail {
            row.key_results = Vec::new();
        }
        Some(Cow::Owned(row))
    }

    /// One of the report's tables (`None`: the first), built from the
    /// columns; `invalid_value` at `table` for the key results of a report
    /// without key result detail.
    ///
    /// # Errors
    ///
    /// Those of [`select::progress_columns_in`], and the one above.
    pub fn table(&self, name: Option<&str>, layout: TextLayout) -> Result<Table> {
        let t = select::progress_columns_in(&self.columns, name, layout)?;
        // No key results to list: say so rather than return an empty table.
        if t.name == "progress.key_results" && !self.detail && self.columns.key_result_count() > 0 {
            return Err(Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message: "this report was computed with `keyResults: false`; compute it \
                          with key results to get the key_results table"
                    .into(),
                path: "table".into(),
            });
        }
        Ok(t)
    }

    /// The heap size of the columns and, once built, of the rows (what a
    /// binding reports to its garbage collector).
    pub fn heap_bytes(&self) -> usize {
        let rows = self.rows.get().map_or(0, crate::heap::progress_bytes);
        self.columns.allocated_bytes().saturating_add(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn org() -> Arc<Org> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json");
        let text = std::fs::read_to_string(path).expect("examples/data/org.json");
        Arc::new(Org::from_json(&text).expect("valid"))
    }

    #[test]
    fn rows_are_the_reports_and_detail_only_drops_key_results() {
        let org = org();
        let whole = org.progress(&Default::default()).unwrap();
        let first = &whole.objectives[0];
        assert!(!first.key_results.is_empty());
        let full = LazyReport::new(Arc::clone(&org), &Default::default(), true).unwrap();
        // From the columns before the rows are built, from the rows after: equal.
        assert_eq!(
            full.objective(first.objective.as_str()).as_deref(),
            Some(first)
        );
        let full = full.with_rows();
        assert!(full.built_rows().is_some());
        assert_eq!(full.rows(), &whole);
        assert_eq!(
            full.objective(first.objective.as_str()).as_deref(),
            Some(first)
        );
        let lean = LazyReport::new(Arc::clone(&org), &Default::default(), false).unwrap();
        let row = lean
            .objective(first.objective.as_str())
            .unwrap()
            .into_owned();
        assert!(row.key_results.is_empty());
        assert_eq!(row.progress, first.progress);
    }

    #[test]
    fn the_key_results_table_of_a_lean_report_is_refused() {
        let lean = LazyReport::new(org(), &Default::default(), false).unwrap();
        let e = lean
            .table(Some("key_results"), TextLayout::Offsets)
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_value", "table"));
        assert!(lean.table(Some("teams"), TextLayout::Offsets).is_ok());
        let before = lean.heap_bytes();
        lean.rows();
        assert!(lean.heap_bytes() > before);
    }
}
