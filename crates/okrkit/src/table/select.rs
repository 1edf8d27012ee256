//! Which tables each report offers, by short name, so every front end (the
//! Node binding, the CLI's `--table`) picks them the same way and none keeps
//! its own list.
//!
//! A report's tables are named `<report>.<short>` in [`super::SCHEMAS`];
//! these functions take the short name (`"key_results"`) or the full one
//! (`"progress.key_results"`), and `None` for the report's first table. An
//! unknown name is an [`Error::InvalidArgument`] with code `invalid_value`,
//! path `table`, and a message listing the report's tables.
//!
//! ```
//! use okrkit::{Org, table::select};
//!
//! let org = Org::from_json(r#"{
//!   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "web", "name": "Web"}],
//!   "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
//!     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
//!       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
//! }"#)?;
//! let report = org.progress(&Default::default())?;
//! assert_eq!(select::progress(&org, &report, None)?.name, "progress.objectives");
//! assert_eq!(select::progress(&org, &report, Some("teams"))?.name, "progress.teams");
//! let err = select::progress(&org, &report, Some("nope")).unwrap_err();
//! assert_eq!(err.code(), "invalid_value");
//! assert_eq!(select::PROGRESS, ["objectives", "key_results", "teams", "cycles"]);
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::{Table, TextLayout, from_columns as c, progress as p, reports as r};
use crate::health::HealthReport;
use crate::lint::LintReport;
use crate::progress::ProgressColumns;
use crate::score::ScoreReport;
use crate::{DocumentRef, Error, Org, ProblemCode, ProgressReport, Result};
use std::ops::Deref;

/// The progress report's tables (`progress.*`), the default first.
pub const PROGRESS: &[&str] = &["objectives", "key_results", "teams", "cycles"];
/// The score report's tables (`score.*`), the default first.
pub const SCORE: &[&str] = &["objectives", "key_results", "teams", "bands"];
/// The health report's tables (`health.*`), the default first.
pub const HEALTH: &[&str] = &["teams", "histograms", "calibration"];
/// The lint report's table (`lint.findings`).
pub const LINT: &[&str] = &["findings"];

/// The short name of `name` among `names` (the report `report`'s tables).
pub(crate) fn short(
    report: &str,
    names: &'static [&'static str],
    name: Option<&str>,
) -> Result<&'static str> {
    let Some(name) = name else {
        return Ok(names[0]);
    };
    let bare = name
        .strip_prefix(report)
        .and_then(|s| s.strip_prefix('.'))
        .unwrap_or(name);
    find(names, bare, || {
        format!(
            "the {report} report has no table '{name}'; its tables are {}",
            names.join(", ")
        )
    })
}

/// `name` among `names`; else [`Error::InvalidArgument`], code
/// `invalid_value`, path `table`, with `message`.
pub(crate) fn find(
    names: &'static [&'static str],
    name: &str,
    message: impl FnOnce() -> String,
) -> Result<&'static str> {
    names
        .iter()
        .copied()
        .find(|n| *n == name)
        .ok_or_else(|| Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: message(),
            path: "table".to_owned(),
        })
}

/// One table of a progress report (see [`PROGRESS`]).
pub fn progress(org: &Org, report: &ProgressReport, name: Option<&str>) -> Result<Table> {
    progress_in(org, report, name, TextLayout::Offsets)
}

/// One table of a progress report (see [`PROGRESS`]) with its text columns
/// in `layout`: the same values as [`progress`]'s. With
/// [`TextLayout::Views`] (feature `arrow`), the table is built in Arrow's
/// `Utf8View` layout, the string type polars holds, so
/// `Table::into_arrow_views` (feature `arrow`) moves it without writing a
/// view per value (the `Utf8` readers — CSV, rows, `Table::into_arrow` —
/// read it too, copying its text once).
///
/// ```
/// use okrkit::{Org, table::{TextLayout, select}};
///
/// let org = Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Delight every customer", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
///       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
/// }"#)?;
/// let report = org.progress(&Default::default())?;
/// let views = select::progress_in(&org, &report, Some("key_results"), TextLayout::Views)?;
/// assert_eq!(views, select::progress(&org, &report, Some("key_results"))?);
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn progress_in(
    org: &Org,
    report: &ProgressReport,
    name: Option<&str>,
    layout: TextLayout,
) -> Result<Table> {
    Ok(progress_table(
        org,
        report,
        short("progress", PROGRESS, name)?,
        layout,
    ))
}

/// Table `short` (one of [`PROGRESS`]) of a progress report.
pub(crate) fn progress_table(
    org: &Org,
    report: &ProgressReport,
    short: &str,
    layout: TextLayout,
) -> Table {
    match short {
        "objectives" => p::objectives_in(org, report, layout),
        "key_results" => p::key_results_in(org, report, layout),
        "teams" => p::teams_in(org, report, layout),
        _ => p::cycles_in(org, report, layout),
    }
}

/// One table of the columnar roll-up (see [`PROGRESS`]): the same table as
/// [`progress`] gives for the report [`ProgressColumns::to_report`] would
/// give, cell for cell, built from the columns without that report (the
/// numbers copied from the columns' vectors, ids and names read from the
/// document by index).
///
/// ```
/// use okrkit::{Org, table::select};
///
/// let org = Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
///       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
/// }"#)?;
/// let opts = Default::default();
/// let columns = org.progress_columns(&opts)?;
/// let report = org.progress(&opts)?;
/// for name in select::PROGRESS {
///     let t = select::progress_columns(&columns, Some(name))?;
///     assert_eq!(t, select::progress(&org, &report, Some(name))?);
/// }
/// assert_eq!(select::progress_columns(&columns, Some("nope")).unwrap_err().code(), "invalid_value");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn progress_columns<O: Deref<Target = Org>>(
    columns: &ProgressColumns<O>,
    name: Option<&str>,
) -> Result<Table> {
    progress_columns_in(columns, name, TextLayout::Offsets)
}

/// [`progress_columns`] with the text columns in `layout` (see
/// [`progress_in`]).
pub fn progress_columns_in<O: Deref<Target = Org>>(
    columns: &ProgressColumns<O>,
    name: Option<&str>,
    layout: TextLayout,
) -> Result<Table> {
    Ok(columns_table(
        columns,
        short("progress", PROGRESS, name)?,
        layout,
    ))
}

/// Table `short` (one of [`PROGRESS`]) of the columnar roll-up.
pub(crate) fn columns_table<O: Deref<Target = Org>>(
    columns: &ProgressColumns<O>,
    short: &str,
    layout: TextLayout,
) -> Table {
    match short {
        "objectives" => c::objectives(columns, layout),
        "key_results" => c::key_results(columns, layout),
        "teams" => c::teams(columns, layout),
        _ => c::cycles(columns, layout),
    }
}

/// One table of a score report (see [`SCORE`]); `teams` is this cycle's.
pub fn score<'a>(
    doc: impl Into<DocumentRef<'a>>,
    report: &ScoreReport,
    name: Option<&str>,
) -> Result<Table> {
    Ok(score_table(
        doc.into(),
        report,
        short("score", SCORE, name)?,
    ))
}

/// Table `short` (one of [`SCORE`]) of a score report.
pub(crate) fn score_table(doc: DocumentRef<'_>, report: &ScoreReport, short: &str) -> Table {
    match short {
        "objectives" => r::score_objectives(doc, report),
        "key_results" => r::score_key_results(doc, report),
        "teams" => r::score_teams(doc, std::slice::from_ref(report)),
        _ => r::score_bands(doc, report),
    }
}

/// One table of a health report (see [`HEALTH`]).
pub fn health<'a>(
    doc: impl Into<DocumentRef<'a>>,
    report: &HealthReport,
    name: Option<&str>,
) -> Result<Table> {
    Ok(health_table(
        doc.into(),
        report,
        short("health", HEALTH, name)?,
    ))
}

/// Table `short` (one of [`HEALTH`]) of a health report.
pub(crate) fn health_table(doc: DocumentRef<'_>, report: &HealthReport, short: &str) -> Table {
    match short {
        "teams" => r::health_teams(doc, report),
        "histograms" => r::health_histograms(report),
        _ => r::calibration(doc, report),
    }
}

/// The lint report's table (see [`LINT`]); `doc` adds the titles, teams and
/// ids of the findings' elements.
pub fn lint(
    report: &LintReport,
    doc: Option<DocumentRef<'_>>,
    name: Option<&str>,
) -> Result<Table> {
    short("lint", LINT, name)?;
    Ok(r::findings(report, doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every short name maps to a published schema, and every report table
    /// of `SCHEMAS` is reachable by exactly one report.
    #[test]
    fn names_match_the_published_schemas() {
        let mut reached = Vec::new();
        for (report, names) in [
            ("progress", PROGRESS),
            ("score", SCORE),
            ("health", HEALTH),
            ("lint", LINT),
        ] {
            for n in names {
                let full = format!("{report}.{n}");
                assert!(super::super::schema(&full).is_some(), "{full}");
                reached.push(full);
            }
        }
        for (name, _) in super::super::SCHEMAS {
            let report = name.split('.').next().unwrap_or_default();
            if ["progress", "score", "health", "lint"].contains(&report)
                && name.contains('.')
                && *name != "progress.series"
            {
                assert!(reached.iter().any(|r| r == name), "{name} not offered");
            }
        }
    }

    #[test]
    fn full_names_and_wrong_report_prefix() {
        assert_eq!(
            short("score", SCORE, Some("score.bands")).ok(),
            Some("bands")
        );
        // A progress name is not a score table.
        let Err(e) = short("score", SCORE, Some("progress.objectives")) else {
            panic!("a progress table is not a score table");
        };
        assert_eq!(e.code(), "invalid_value");
        assert_eq!(e.path(), "table");
        assert!(
            e.to_string()
                .contains("objectives, key_results, teams, bands")
        );
        assert!(short("lint", LINT, Some("")).is_err());
    }
}
