//! A progress report held as the columnar roll-up, its row report built
//! only when rows are read: what a binding keeps behind a report handle, so
//! that computing a report costs the roll-up alone and reading one objective,
//! team or cycle converts that row alone. A report given as rows (an
//! unpickled one) is held the same way, without columns.

use super::{
    CycleProgress, MilestonePolicy, ObjectiveProgress, ProgressColumns, ProgressOptions,
    ProgressReport, TeamProgress,
};
use crate::error::{Error, ProblemCode, Result};
use crate::org::Org;
use crate::table::{Table, TextLayout, select};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::OnceLock;

/// A progress report as columns ([`ProgressColumns`]), with the row report
/// ([`ProgressReport`]) and an index of objectives by id built on first use;
/// or a report given as rows on its organisation ([`LazyReport::from_rows`]).
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
/// assert_eq!(report.counts(), (0, 0, 0));
/// assert!(format!("{report:?}").starts_with("LazyReport { columns: Some("));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub struct LazyReport<O> {
    held: Held<O>,
    detail: bool,
    rows: OnceLock<ProgressReport>,
    by_objective: OnceLock<HashMap<String, usize>>,
}

/// What a [`LazyReport`] computes from.
// One per report, never in a collection: boxing the columns would add an
// allocation per report for nothing.
#[allow(clippy::large_enum_variant)]
enum Held<O> {
    /// The columnar roll-up, holding the organisation.
    Columns(ProgressColumns<O>),
    /// A report given as rows, and its organisation.
    Rows(ProgressReport, O),
}

impl<O: Deref<Target = Org>> std::fmt::Debug for LazyReport<O> {
    /// What it holds and what it has built, not the rows themselves.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyReport")
            .field("columns", &self.columns())
            .field("given_rows", &matches!(self.held, Held::Rows(..)))
            .field("detail", &self.detail)
            .field("counts", &self.counts())
            .field("rows_built", &self.built_rows().is_some())
            .finish()
    }
}

impl<O: Deref<Target = Org>> From<ProgressColumns<O>> for LazyReport<O> {
    /// The report of `columns`, with key result detail.
    fn from(columns: ProgressColumns<O>) -> Self {
        LazyReport {
            held: Held::Columns(columns),
            detail: true,
            rows: OnceLock::new(),
            by_objective: OnceLock::new(),
        }
    }
}

impl<O: Deref<Target = Org>> LazyReport<O> {
    /// The roll-up of `org` with `opts`; `detail: false` leaves key results
    /// out of the rows (and refuses the `key_results` table).
    ///
    /// # Errors
    ///
    /// Those of [`ProgressColumns::new`].
    pub fn new(org: O, opts: &ProgressOptions, detail: bool) -> Result<Self> {
        let mut report = Self::from(ProgressColumns::new(org, opts)?);
        report.detail = detail;
        Ok(report)
    }

    /// One report per date, in order, each with `detail` as in [`LazyReport::new`]:
    /// [`ProgressColumns::over`] (`as_of` comes from the dates).
    ///
    /// # Errors
    ///
    /// Those of [`ProgressColumns::over`]: `invalid_value` at `as_of` when
    /// `opts` sets a date, and those of [`Org::progress`].
    pub fn over(
        org: O,
        dates: &[NaiveDate],
        opts: &ProgressOptions,
        detail: bool,
    ) -> Result<Vec<Self>>
    where
        O: Clone,
    {
        let columns = ProgressColumns::over(org, dates, opts)?;
        Ok(columns
            .into_iter()
            .map(|c| LazyReport {
                detail,
                ..Self::from(c)
            })
            .collect())
    }

    /// A report given as rows (`report`, on `org`: an unpickled one), with
    /// no columns: its tables and rows are built from the rows.
    pub fn from_rows(report: ProgressReport, org: O) -> Self {
        LazyReport {
            held: Held::Rows(report, org),
            detail: true,
            rows: OnceLock::new(),
            by_objective: OnceLock::new(),
        }
    }

    /// The same, its row report built now (in a background task, so that the
    /// caller's thread only converts).
    pub fn with_rows(self) -> Self {
        self.rows();
        self
    }

    /// The organisation the report is on.
    pub fn org(&self) -> &Org {
        match &self.held {
            Held::Columns(c) => c.org(),
            Held::Rows(_, org) => org,
        }
    }

    /// The columnar roll-up, when the report was computed (not given as rows).
    pub fn columns(&self) -> Option<&ProgressColumns<O>> {
        match &self.held {
            Held::Columns(c) => Some(c),
            Held::Rows(..) => None,
        }
    }

    /// The row report, built from the columns on first call.
    pub fn rows(&self) -> &ProgressReport {
        let columns = match &self.held {
            Held::Columns(c) => c,
            Held::Rows(report, _) => return report,
        };
        self.rows.get_or_init(|| {
            let mut report = columns.to_report();
            if !self.detail {
                for o in &mut report.objectives {
                    o.key_results = Vec::new();
                }
            }
            report
        })
    }

    /// The row report if it is built (or was given).
    pub fn built_rows(&self) -> Option<&ProgressReport> {
        match &self.held {
            Held::Columns(_) => self.rows.get(),
            Held::Rows(report, _) => Some(report),
        }
    }

    /// The report's date, without building rows.
    pub fn as_of(&self) -> Option<NaiveDate> {
        match &self.held {
            Held::Columns(c) => c.as_of(),
            Held::Rows(r, _) => r.as_of,
        }
    }

    /// The milestone policy the report used, without building rows.
    pub fn milestones(&self) -> MilestonePolicy {
        match &self.held {
            Held::Columns(c) => c.milestones(),
            Held::Rows(r, _) => r.milestones,
        }
    }

    /// The row report's size (objectives, teams, cycles) without building it.
    pub fn counts(&self) -> (usize, usize, usize) {
        match &self.held {
            Held::Columns(c) => (c.len(), c.team_count(), c.cycle_count()),
            Held::Rows(r, _) => (r.objectives.len(), r.teams.len(), r.cycles.len()),
        }
    }

    /// The number of key results of the reported objectives (counted or left
    /// out; the same without key result detail), without building rows.
    pub fn key_result_count(&self) -> usize {
        match &self.held {
            Held::Columns(c) => c.key_result_count(),
            Held::Rows(r, _) => r.objectives.iter().map(|o| o.key_results.len()).sum(),
        }
    }

    /// One objective's row by id (borrowed from the rows once built, else
    /// that row alone from the columns), `None` when the report has no such
    /// objective.
    pub fn objective(&self, id: &str) -> Option<Cow<'_, ObjectiveProgress>> {
        let index = self.by_objective.get_or_init(|| {
            let mut index = HashMap::new();
            let mut add = |i, id: &str| {
                index.entry(id.to_owned()).or_insert(i);
            };
            match (self.columns(), self.built_rows()) {
                (Some(c), _) => (c.objectives().enumerate()).for_each(|(i, o)| add(i, o.id())),
                (None, Some(r)) => (r.objectives.iter().enumerate())
                    .for_each(|(i, o)| add(i, o.objective.as_str())),
                (None, None) => {}
            }
            index
        });
        let &i = index.get(id)?;
        if let Some(rows) = self.built_rows() {
            return Some(Cow::Borrowed(&rows.objectives[i]));
        }
        let columns = self.columns()?;
        let mut row = columns.objective(i).to_row();
        if !self.detail {
            row.key_results = Vec::new();
        }
        Some(Cow::Owned(row))
    }

    /// One team's row in a cycle, `None` when the report has no such row
    /// (from the columns: the row report is not built for one row).
    pub fn team(&self, team: &str, cycle: &str) -> Option<Cow<'_, TeamProgress>> {
        match &self.held {
            Held::Columns(c) => c.team(team, cycle).map(Cow::Owned),
            Held::Rows(r, _) => (r.teams.iter())
                .find(|t| t.team.as_str() == team && t.cycle.as_str() == cycle)
                .map(Cow::Borrowed),
        }
    }

    /// One cycle's row, `None` when the report has no such row (see
    /// [`Self::team`]).
    pub fn cycle(&self, id: &str) -> Option<Cow<'_, CycleProgress>> {
        match &self.held {
            Held::Columns(c) => c.cycle(id).map(Cow::Owned),
            Held::Rows(r, _) => (r.cycles.iter())
                .find(|c| c.cycle.as_str() == id)
                .map(Cow::Borrowed),
        }
    }

    /// Table `short` (one of [`select::PROGRESS`], as picked: any other name
    /// is the cycles table) with its text in `layout`: from the columns when
    /// there are, else from the rows. Callers outside the crate use the
    /// checked [`Self::table`].
    pub(crate) fn table_of(&self, short: &str, layout: TextLayout) -> Table {
        match &self.held {
            Held::Columns(c) => select::columns_table(c, short, layout),
            Held::Rows(r, org) => select::progress_table(org, r, short, layout),
        }
    }

    /// One of the report's tables (`None`: the first; a short name or the
    /// full one, `progress.teams`); `invalid_value` at `table` for the key
    /// results of a report without key result detail. Only the Node binding
    /// builds such a report, so the message names its option
    /// (`keyResults: false`).
    ///
    /// # Errors
    ///
    /// Those of [`select::progress_columns_in`], and the one above.
    pub fn table(&self, name: Option<&str>, layout: TextLayout) -> Result<Table> {
        let short = select::short("progress", select::PROGRESS, name)?;
        // No key results to list: say so rather than return an empty table.
        if short == "key_results" && !self.detail && self.key_result_count() > 0 {
            return Err(Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message: "this report was computed with `keyResults: false`; compute it \
                          with key results to get the key_results table"
                    .into(),
                path: "table".into(),
            });
        }
        Ok(self.table_of(short, layout))
    }

    /// The heap size of the columns and, once built, of the rows (what a
    /// binding reports to its garbage collector).
    pub fn heap_bytes(&self) -> usize {
        let rows = self.built_rows().map_or(0, crate::heap::progress_bytes);
        let columns = self.columns().map_or(0, ProgressColumns::allocated_bytes);
        columns.saturating_add(rows)
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
    fn over_is_one_report_per_date_each_with_its_detail() {
        let org = org();
        let day = |d| NaiveDate::from_ymd_opt(2026, 2, d).unwrap();
        let days = [day(1), day(15)];
        let lean = LazyReport::over(Arc::clone(&org), &days, &Default::default(), false).unwrap();
        assert_eq!(lean.len(), 2);
        for (report, d) in lean.iter().zip(days) {
            let at = ProgressOptions::default().as_of(d);
            let whole = LazyReport::new(Arc::clone(&org), &at, false).unwrap();
            assert_eq!((report.as_of(), report.rows()), (Some(d), whole.rows()));
            assert!(
                report
                    .rows()
                    .objectives
                    .iter()
                    .all(|o| o.key_results.is_empty())
            );
        }
        let full =
            LazyReport::over(Arc::clone(&org), &days[..1], &Default::default(), true).unwrap();
        assert!(!full[0].rows().objectives[0].key_results.is_empty());
        let set = ProgressOptions::default().as_of(day(1));
        let err = LazyReport::over(Arc::clone(&org), &days, &set, true).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_value", "as_of"));
    }

    #[test]
    fn a_report_given_as_rows_reads_as_the_computed_one() {
        let org = org();
        let columns = LazyReport::new(Arc::clone(&org), &Default::default(), true).unwrap();
        assert!(columns.built_rows().is_none());
        let counts = columns.counts();
        let given = LazyReport::from_rows(columns.rows().clone(), Arc::clone(&org));
        assert!(columns.built_rows().is_some() && given.built_rows().is_some());
        assert!(given.columns().is_none() && columns.columns().is_some());
        assert_eq!((given.counts(), columns.counts()), (counts, counts));
        assert_eq!(given.key_result_count(), columns.key_result_count());
        assert_eq!(
            (given.as_of(), given.milestones()),
            (columns.as_of(), columns.milestones())
        );
        let first = given.rows().objectives[0].objective.to_string();
        assert_eq!(columns.objective(&first), given.objective(&first));
        assert_eq!(
            given.objective(&first).map(|o| o.objective.to_string()),
            Some(first)
        );
        assert_eq!(given.objective("nope"), None);
        let team = &given.rows().teams[0];
        let (t, c) = (team.team.as_str(), team.cycle.as_str());
        assert_eq!(given.team(t, c).as_deref(), Some(team));
        assert_eq!(columns.team(t, c), given.team(t, c));
        assert_eq!(given.team(t, "nope"), None);
        let cycle = given.rows().cycles[0].cycle.to_string();
        assert_eq!(columns.cycle(&cycle), given.cycle(&cycle));
        assert_eq!(given.cycle("nope"), None);
        for name in select::PROGRESS {
            let layout = TextLayout::Views;
            assert_eq!(given.table_of(name, layout), columns.table_of(name, layout));
        }
        let e = given.table(Some("nope"), TextLayout::Offsets).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_value", "table"));
        assert!(std::ptr::eq(given.org(), columns.org()));
        assert!(given.heap_bytes() > 0);
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
