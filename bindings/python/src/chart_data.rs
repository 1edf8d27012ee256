//! Tables that charts are drawn from, computed by the core: progress as of
//! each date, the check-ins, scores of every cycle, calibration flags. Each
//! refuses an unknown cycle or team with `InvalidArgument`
//! (`dangling_reference`).

use crate::convert::{Count, Obj, Text, dates_arg};
use crate::error::OrPyErr;
use crate::org::Org;
use crate::tables::Table;
use okrkit::MilestonePolicy;
use okrkit::table::{progress, reports};
use pyo3::prelude::*;

/// Progress of a cycle, one team or one objective as of each date (the
/// cycle's days every `every_days`, 7 by default, or `dates`; not both):
/// the `progress.series`
/// table, with how many key results were valued from a check-in and how many
/// have no check-in history at all. `milestones` is the core's
/// `MilestonePolicy` ("leave_out" when left out, or "count_as_imported"),
/// read by the core as every option is.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (org, cycle, *, team = None, objective = None, every_days = None, dates: "Iterable[_DateLike] | None" = None, milestones: "_t.MilestonePolicy | str | None" = None))]
#[allow(clippy::too_many_arguments)]
pub fn progress_series(
    py: Python<'_>,
    org: Obj<'_, Org>,
    cycle: Text,
    team: Option<Text>,
    objective: Option<Text>,
    every_days: Option<Count<i64>>,
    dates: Option<&Bound<'_, PyAny>>,
    milestones: Option<&Bound<'_, PyAny>>,
) -> PyResult<Table> {
    let o = &org.inner;
    let scope = progress::Scope::of(team.as_deref(), objective.as_deref()).py_err()?;
    let dates = dates_of(o, &cycle, every_days.map(|c| c.0), dates)?;
    let milestones = milestones.map(|m| crate::convert::arg_from_py(m, "milestones"));
    let milestones: MilestonePolicy = milestones.transpose()?.unwrap_or_default();
    let t = py
        .detach(|| progress::series(o, &cycle, scope, &dates, milestones))
        .py_err()?;
    Ok(Table::new(format!("Progress over cycle {}", &*cycle), t))
}

/// Each team's mean latest confidence (0..10) as of each date of the cycle
/// (every `every_days`, 7 by default, or `dates`; not both): the
/// `confidence.series` table.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (org, cycle, *, team = None, every_days = None, dates: "Iterable[_DateLike] | None" = None))]
pub fn confidence_series(
    py: Python<'_>,
    org: Obj<'_, Org>,
    cycle: Text,
    team: Option<Text>,
    every_days: Option<Count<i64>>,
    dates: Option<&Bound<'_, PyAny>>,
) -> PyResult<Table> {
    let o = &org.inner;
    let dates = dates_of(o, &cycle, every_days.map(|c| c.0), dates)?;
    let t = py
        .detach(|| progress::confidence_series(o, &cycle, team.as_deref(), &dates))
        .py_err()?;
    Ok(Table::new(format!("Confidence over cycle {}", &*cycle), t))
}

fn dates_of(
    o: &okrkit::Org,
    cycle: &str,
    every_days: Option<i64>,
    dates: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<chrono::NaiveDate>> {
    let dates = dates.map(|d| dates_arg(d, "dates", false)).transpose()?;
    // The core's rule: one of `every_days` and `dates`, never both.
    progress::series_dates(o, cycle, every_days, dates).py_err()
}

/// Every check-in (optionally of one cycle and one team), with team, key
/// result, value and confidence: the `check_ins` table.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (org, cycle = None, *, team = None))]
pub fn check_ins(
    py: Python<'_>,
    org: Obj<'_, Org>,
    cycle: Option<Text>,
    team: Option<Text>,
) -> PyResult<Table> {
    let o = &org.inner;
    let t = py
        .detach(|| progress::check_ins(o, cycle.as_deref(), team.as_deref()))
        .py_err()?;
    Ok(Table::new("Check-ins", t))
}

/// Each team's mean aspirational and committed scores in every cycle, in
/// cycle order: the `score.teams` table over all cycles.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn score_history(py: Python<'_>, org: Obj<'_, Org>) -> PyResult<Table> {
    let o = &org.inner;
    let t = py.detach(|| reports::score_teams(o.document(), &o.score_all()));
    Ok(Table::new("Scores per team and cycle", t))
}

/// The calibration flags across cycles (safe goals, overreaching), one row
/// per flagged team and cycle: the `health.calibration` table.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn calibration(py: Python<'_>, org: Obj<'_, Org>) -> PyResult<Table> {
    let o = &org.inner;
    let t = py.detach(|| reports::calibration_of(o.document(), &o.calibration()));
    Ok(Table::new("Calibration flags", t))
}
