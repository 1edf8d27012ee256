//! What a Python `ProgressReport` holds: the core's columnar roll-up
//! (`okrkit::progress::ProgressColumns`), and its row report
//! (`okrkit::ProgressReport`) built from the columns once, only when a
//! reader needs rows (`to_dict`, `to_json`, the `objectives`/`teams`/`cycles`
//! properties, `==`, pickling). The tables are built from the columns.

use okrkit::progress::ProgressColumns;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// The roll-up of one `ProgressReport`: its columns (when it was computed
/// here) and its rows, the rows built on first read. Dereferences to the
/// row report.
// One per report handle, never in a collection: boxing the larger variant
// would add an allocation per report for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Rows {
    /// Computed on an organisation: the columns, and the rows once read.
    Columns {
        /// The columnar roll-up, holding the organisation.
        columns: ProgressColumns<Arc<okrkit::Org>>,
        /// `columns.to_report()`, built on first read.
        rows: OnceLock<okrkit::ProgressReport>,
    },
    /// A report given as rows (unpickled): no columns.
    Report(okrkit::ProgressReport),
}

impl Rows {
    /// The columnar roll-up, when the report was computed (not unpickled).
    pub fn columns(&self) -> Option<&ProgressColumns<Arc<okrkit::Org>>> {
        match self {
            Rows::Columns { columns, .. } => Some(columns),
            Rows::Report(_) => None,
        }
    }

    /// The row report's size (objectives, teams, cycles) without building it.
    pub fn counts(&self) -> (usize, usize, usize) {
        match self {
            Rows::Columns { columns: c, .. } => (c.len(), c.team_count(), c.cycle_count()),
            Rows::Report(r) => (r.objectives.len(), r.teams.len(), r.cycles.len()),
        }
    }

    /// The report's date and milestone policy, without building rows.
    pub fn as_of(&self) -> Option<chrono::NaiveDate> {
        match self {
            Rows::Columns { columns, .. } => columns.as_of(),
            Rows::Report(r) => r.as_of,
        }
    }

    /// The milestone policy the report used, without building rows.
    pub fn milestones(&self) -> okrkit::progress::MilestonePolicy {
        match self {
            Rows::Columns { columns, .. } => columns.milestones(),
            Rows::Report(r) => r.milestones,
        }
    }
}

impl Rows {
    /// Builds the rows, if they are not built yet, with the GIL released
    /// (the build is pure Rust and can take long on a large report), so that
    /// the first read that needs them does not hold other Python threads.
    pub fn ready(&self, py: pyo3::Python<'_>) {
        if let Rows::Columns { columns, rows } = self
            && rows.get().is_none()
        {
            py.detach(|| {
                rows.get_or_init(|| columns.to_report());
            });
        }
    }
}

impl Deref for Rows {
    type Target = okrkit::ProgressReport;

    fn deref(&self) -> &okrkit::ProgressReport {
        match self {
            Rows::Columns { columns, rows } => rows.get_or_init(|| columns.to_report()),
            Rows::Report(r) => r,
        }
    }
}

impl From<ProgressColumns<Arc<okrkit::Org>>> for Rows {
    fn from(columns: ProgressColumns<Arc<okrkit::Org>>) -> Rows {
        Rows::Columns {
            columns,
            rows: OnceLock::new(),
        }
    }
}
