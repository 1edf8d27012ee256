//! Tables of a [`ProgressReport`]: objectives, key results, teams, cycles;
//! progress over time ([`series`]) and the check-ins ([`check_ins`]).

use super::build::row;
use super::columns::{cells, pace_columns, repeat, runs, table, texts_in};
use super::locate::{self, Located};
use super::{Builder, ColumnSpec, DType, Names, Show, Table, TextLayout, Values, pct, tag};
use crate::error::{Error, ProblemCode, Result};
use crate::model::{Cycle, Measure};
use crate::progress::{
    MilestonePolicy, ObjectiveProgress, ProgressOptions, ProgressReport, ValueSource,
};
use crate::{CycleId, Org};
use chrono::NaiveDate;
use std::borrow::Cow;

pub(crate) const fn col(
    name: &'static str,
    dtype: DType,
    show: Show,
    doc: &'static str,
) -> ColumnSpec {
    ColumnSpec {
        name,
        dtype,
        show,
        doc,
    }
}

use DType::{Bool, Date, DateTime, F64, I64, Str};
use Show::{Hidden, Percent, Plain, Status, Text};

/// `progress.objectives`: one row per objective.
pub const OBJECTIVES: &[ColumnSpec] = &[
    col(
        "as_of",
        Date,
        Hidden,
        "date progress is computed at (null: latest values)",
    ),
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Plain, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col("objective", Str, Plain, "objective id"),
    col("title", Str, Text, "objective title"),
    col("type", Str, Hidden, "committed or aspirational"),
    col(
        "progress",
        F64,
        Hidden,
        "weighted mean progress of its counted key results, 0..1 (R2)",
    ),
    col("progress_pct", F64, Percent, "progress in percent, 0..100"),
    col(
        "expected",
        F64,
        Hidden,
        "progress expected by the calendar at as_of, 0..1 (null without as_of)",
    ),
    col("expected_pct", F64, Percent, "expected progress in percent"),
    col("pace_delta", F64, Hidden, "progress minus expected"),
    col(
        "pace_status",
        Str,
        Status,
        "ahead, on_track or behind (null without as_of)",
    ),
    col("key_results", I64, Plain, "number of key results"),
    col("counted", I64, Hidden, "key results counted in progress"),
    col(
        "left_out",
        I64,
        Plain,
        "key results left out (milestones, thresholds without value)",
    ),
    col(
        "milestones_counted",
        Bool,
        Hidden,
        "whether milestones were counted",
    ),
    col(
        "aligned_to",
        Str,
        Hidden,
        "id of the objective it aligns to",
    ),
];

/// `progress.key_results`: one row per key result.
pub const KEY_RESULTS: &[ColumnSpec] = &[
    col(
        "as_of",
        Date,
        Hidden,
        "date progress is computed at (null: latest values)",
    ),
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Hidden, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Hidden, "team name"),
    col("objective", Str, Hidden, "objective id"),
    col("objective_title", Str, Hidden, "objective title"),
    col("key_result", Str, Plain, "key result id"),
    col("title", Str, Text, "key result title"),
    col("measure", Str, Plain, "metric, threshold or milestone"),
    col("unit", Str, Plain, "unit of the values (null when none)"),
    col("baseline", F64, Plain, "metric: value at the start"),
    col("target", F64, Plain, "metric: value aimed at"),
    col("bound", F64, Hidden, "threshold: the bound"),
    col("direction", Str, Hidden, "threshold: at_least or at_most"),
    col("value", F64, Plain, "value used (milestone: 1 done, 0 not)"),
    col(
        "value_source",
        Str,
        Hidden,
        "check_in, current, baseline or none",
    ),
    col(
        "attainment",
        F64,
        Hidden,
        "(value - baseline) / (target - baseline), unclamped",
    ),
    col("progress", F64, Hidden, "attainment clamped to 0..1"),
    col("progress_pct", F64, Percent, "progress in percent, 0..100"),
    col("weight", F64, Hidden, "weight in its objective"),
    col(
        "counted",
        Bool,
        Hidden,
        "whether it counts in its objective's progress",
    ),
    col(
        "left_out",
        Str,
        Plain,
        "why it is left out: milestone or no_value (null when counted)",
    ),
];

/// `progress.teams`: one row per team and cycle.
pub const TEAMS: &[ColumnSpec] = &[
    col("as_of", Date, Hidden, "date progress is computed at"),
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Plain, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col(
        "progress",
        F64,
        Hidden,
        "mean progress of its objectives, 0..1",
    ),
    col("progress_pct", F64, Percent, "progress in percent"),
    col("expected", F64, Hidden, "expected progress, 0..1"),
    col("expected_pct", F64, Percent, "expected progress in percent"),
    col("pace_delta", F64, Hidden, "progress minus expected"),
    col("pace_status", Str, Status, "ahead, on_track or behind"),
    col(
        "objectives",
        I64,
        Plain,
        "objectives of the team in the cycle",
    ),
    col(
        "objectives_without_progress",
        I64,
        Plain,
        "objectives with no counted key result",
    ),
];

/// `progress.cycles`: one row per cycle.
pub const CYCLES: &[ColumnSpec] = &[
    col("as_of", Date, Hidden, "date progress is computed at"),
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Plain, "cycle name"),
    col("start", Date, Plain, "first day"),
    col("end", Date, Plain, "last day"),
    col(
        "progress",
        F64,
        Hidden,
        "mean progress of its objectives, 0..1",
    ),
    col("progress_pct", F64, Percent, "progress in percent"),
    col("expected", F64, Hidden, "expected progress, 0..1"),
    col("expected_pct", F64, Percent, "expected progress in percent"),
    col("pace_delta", F64, Hidden, "progress minus expected"),
    col("pace_status", Str, Status, "ahead, on_track or behind"),
    col("objectives", I64, Plain, "objectives in the cycle"),
    col(
        "objectives_without_progress",
        I64,
        Plain,
        "objectives with no counted key result",
    ),
];

/// `progress.series`: progress of one scope as of each date.
pub const SERIES: &[ColumnSpec] = &[
    col("date", Date, Plain, "the date progress is computed at"),
    col("cycle", Str, Hidden, "cycle id"),
    col("scope", Str, Plain, "cycle, team or objective"),
    col("id", Str, Plain, "id of the cycle, team or objective"),
    col("name", Str, Text, "its name or title"),
    col("progress", F64, Hidden, "progress at the date, 0..1"),
    col("progress_pct", F64, Percent, "progress in percent"),
    col(
        "expected",
        F64,
        Hidden,
        "expected progress at the date, 0..1",
    ),
    col("expected_pct", F64, Percent, "expected progress in percent"),
    col("pace_status", Str, Status, "ahead, on_track or behind"),
    col("key_results", I64, Plain, "key results counted at the date"),
    col(
        "from_check_ins",
        I64,
        Plain,
        "of those, valued from a check-in at or before the date",
    ),
    col(
        "without_history",
        I64,
        Plain,
        "of those, with no check-in at all: their latest value stands for every date",
    ),
];

/// `check_ins`: one row per check-in.
pub const CHECK_INS: &[ColumnSpec] = &[
    col("at", DateTime, Plain, "when (UTC)"),
    col("date", Date, Hidden, "the day (UTC)"),
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Hidden, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col("objective", Str, Hidden, "objective id"),
    col("key_result", Str, Plain, "key result id"),
    col("title", Str, Text, "key result title"),
    col("unit", Str, Hidden, "unit of the value"),
    col("value", F64, Plain, "value checked in"),
    col(
        "confidence",
        F64,
        Plain,
        "confidence the key result will be met, 0..10 (null when not given)",
    ),
    col("author", Str, Hidden, "person id of the author"),
];

/// `confidence.series`: each team's mean latest confidence as of each date.
pub const CONFIDENCE_SERIES: &[ColumnSpec] = &[
    col("date", Date, Plain, "the date"),
    col("cycle", Str, Hidden, "cycle id"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col(
        "mean_confidence",
        F64,
        Plain,
        "mean of each key result's latest confidence at or before the date, 0..10 (null: none yet)",
    ),
    col(
        "key_results",
        I64,
        Plain,
        "key results of the team in the cycle",
    ),
    col(
        "with_confidence",
        I64,
        Plain,
        "of those, with a confidence given at or before the date",
    ),
];

/// A measure's columns: kind, unit, baseline, target, bound, direction.
pub(crate) struct MeasureCells<'a> {
    pub kind: Option<Cow<'static, str>>,
    pub unit: Option<&'a str>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub bound: Option<f64>,
    pub direction: Option<Cow<'static, str>>,
}

impl<'a> MeasureCells<'a> {
    pub fn of(m: Option<&'a Measure>) -> MeasureCells<'a> {
        let mut c = MeasureCells {
            kind: m.and_then(|m| tag(&m.kind())),
            unit: None,
            baseline: None,
            target: None,
            bound: None,
            direction: None,
        };
        match m {
            Some(Measure::Metric {
                baseline,
                target,
                unit,
                ..
            }) => {
                // `+ 0.0`: a -0.0 in the document is 0.0 in a table.
                c.baseline = Some(*baseline + 0.0);
                c.target = Some(*target + 0.0);
                c.unit = unit.as_deref();
            }
            Some(Measure::Threshold {
                direction,
                bound,
                unit,
                ..
            }) => {
                c.bound = Some(*bound + 0.0);
                c.direction = tag(direction);
                c.unit = unit.as_deref();
            }
            _ => {}
        }
        c
    }
}

/// A measure's unit (metrics and thresholds; None for milestones).
pub(crate) fn unit(m: Option<&Measure>) -> Option<&str> {
    match m {
        Some(Measure::Metric { unit, .. } | Measure::Threshold { unit, .. }) => unit.as_deref(),
        _ => None,
    }
}

/// `progress.objectives` of a report on `org`.
pub fn objectives(org: &Org, report: &ProgressReport) -> Table {
    objectives_in(org, report, TextLayout::Offsets)
}

/// `progress.objectives` of a report on `org`, its text columns in `layout`.
pub(crate) fn objectives_in(org: &Org, report: &ProgressReport, layout: TextLayout) -> Table {
    let names = Names::new(org.document());
    let rows = &report.objectives;
    let at = locate_rows(org, &names, rows);
    let n = rows.len();
    let as_of = report.as_of.map(super::days_since_epoch);
    let [e, ep, d, s] = pace_columns(layout, n, rows.iter().map(|o| o.pace));
    let progress = || rows.iter().map(|o| o.progress);
    table!(
        "progress.objectives",
        OBJECTIVES,
        [
            Values::Date(repeat(as_of, n)),
            texts_in(layout, rows.iter().map(|o| Some(o.cycle.as_str()))),
            texts_in(layout, at.iter().map(|l| l.cycle_name)),
            texts_in(layout, rows.iter().map(|o| Some(o.team.as_str()))),
            texts_in(layout, at.iter().map(|l| l.team_name)),
            texts_in(layout, rows.iter().map(|o| Some(o.objective.as_str()))),
            texts_in(
                layout,
                at.iter().map(|l| l.objective.map(|x| x.title.as_str()))
            ),
            texts_in(layout, rows.iter().map(|o| tag(&o.kind))),
            Values::F64(cells(n, progress())),
            Values::F64(cells(n, progress().map(pct))),
            e,
            ep,
            d,
            s,
            Values::I64(cells(n, rows.iter().map(|o| count(o.key_results.len())))),
            Values::I64(cells(n, rows.iter().map(|o| count(o.counted)))),
            Values::I64(cells(n, rows.iter().map(|o| count(o.left_out)))),
            Values::Bool(cells(n, rows.iter().map(|o| Some(o.milestones_counted)))),
            texts_in(
                layout,
                at.iter().map(|l| {
                    l.objective
                        .and_then(|x| x.aligned_to.as_ref())
                        .map(|a| a.objective.as_str())
                })
            ),
        ]
    )
}

/// A count as an `i64` cell (None past `i64::MAX`, as the row builder has it).
pub(crate) fn count(n: usize) -> Option<i64> {
    i64::try_from(n).ok()
}

/// Each report objective located in `org`'s document (see [`locate`]).
fn locate_rows<'a>(
    org: &'a Org,
    names: &Names<'a>,
    rows: &[ObjectiveProgress],
) -> Vec<Located<'a>> {
    locate::objectives(org.document(), Some(org), names, rows, |o| {
        [o.objective.as_str(), o.cycle.as_str(), o.team.as_str()]
    })
}

/// A column of one value per objective, repeated for each of its key results.
pub(crate) fn per_key_result<'r, R>(
    layout: TextLayout,
    rows: &'r [R],
    at: &'r [Located<'r>],
    key_results: impl Fn(&R) -> usize + Clone,
    f: impl Fn(&'r R, &'r Located<'r>) -> Option<&'r str> + Clone,
) -> Values {
    runs(
        layout,
        rows.iter()
            .zip(at)
            .map(move |(o, l)| (f(o, l), key_results(o))),
    )
}

/// `progress.key_results` of a report on `org`.
pub fn key_results(org: &Org, report: &ProgressReport) -> Table {
    key_results_in(org, report, TextLayout::Offsets)
}

/// `progress.key_results` of a report on `org`, its text columns in `layout`.
pub(crate) fn key_results_in(org: &Org, report: &ProgressReport, layout: TextLayout) -> Table {
    let names = Names::new(org.document());
    let rows = &report.objectives;
    let at = locate_rows(org, &names, rows);
    let n = rows.iter().map(|o| o.key_results.len()).sum();
    let doc_krs = locate::key_results(
        &names,
        rows,
        &at,
        |o| &o.key_results,
        |k| k.key_result.as_str(),
    );
    let krs = || rows.iter().flat_map(|o| &o.key_results);
    let krs_of = |o: &ObjectiveProgress| o.key_results.len();
    let measures = || doc_krs.iter().map(|k| k.map(|k| &k.measure));
    let progress = || krs().map(|k| k.progress);
    let as_of = report.as_of.map(super::days_since_epoch);
    table!(
        "progress.key_results",
        KEY_RESULTS,
        [
            Values::Date(repeat(as_of, n)),
            per_key_result(layout, rows, &at, krs_of, |o, _| Some(o.cycle.as_str())),
            per_key_result(layout, rows, &at, krs_of, |_, l| l.cycle_name),
            per_key_result(layout, rows, &at, krs_of, |o, _| Some(o.team.as_str())),
            per_key_result(layout, rows, &at, krs_of, |_, l| l.team_name),
            per_key_result(layout, rows, &at, krs_of, |o, _| Some(o.objective.as_str())),
            per_key_result(layout, rows, &at, krs_of, |_, l| l
                .objective
                .map(|x| x.title.as_str())),
            texts_in(layout, krs().map(|k| Some(k.key_result.as_str()))),
            texts_in(layout, doc_krs.iter().map(|k| k.map(|k| k.title.as_str()))),
            texts_in(layout, krs().map(|k| tag(&k.measure))),
            texts_in(layout, measures().map(unit)),
            Values::F64(cells(
                n,
                measures().map(|m| match m {
                    Some(Measure::Metric { baseline, .. }) => Some(*baseline + 0.0),
                    _ => None,
                })
            )),
            Values::F64(cells(
                n,
                measures().map(|m| match m {
                    Some(Measure::Metric { target, .. }) => Some(*target + 0.0),
                    _ => None,
                })
            )),
            Values::F64(cells(
                n,
                measures().map(|m| match m {
                    Some(Measure::Threshold { bound, .. }) => Some(*bound + 0.0),
                    _ => None,
                })
            )),
            texts_in(
                layout,
                measures().map(|m| match m {
                    Some(Measure::Threshold { direction, .. }) => tag(direction),
                    _ => None,
                })
            ),
            Values::F64(cells(n, krs().map(|k| k.value))),
            texts_in(layout, krs().map(|k| tag(&k.value_source))),
            Values::F64(cells(n, krs().map(|k| k.attainment))),
            Values::F64(cells(n, progress())),
            Values::F64(cells(n, progress().map(pct))),
            Values::F64(cells(n, krs().map(|k| Some(k.weight)))),
            Values::Bool(cells(n, krs().map(|k| Some(k.counted)))),
            texts_in(layout, krs().map(|k| k.left_out.as_ref().and_then(tag))),
        ]
    )
}

/// `progress.teams` of a report on `org`.
pub fn teams(org: &Org, report: &ProgressReport) -> Table {
    teams_in(org, report, TextLayout::Offsets)
}

/// `progress.teams` of a report on `org`, its text columns in `layout`.
pub(crate) fn teams_in(org: &Org, report: &ProgressReport, layout: TextLayout) -> Table {
    let names = Names::new(org.document());
    let rows = &report.teams;
    let n = rows.len();
    let as_of = report.as_of.map(super::days_since_epoch);
    let [e, ep, d, s] = pace_columns(layout, n, rows.iter().map(|t| t.pace));
    let progress = || rows.iter().map(|t| t.progress);
    table!(
        "progress.teams",
        TEAMS,
        [
            Values::Date(repeat(as_of, n)),
            texts_in(layout, rows.iter().map(|t| Some(t.cycle.as_str()))),
            texts_in(
                layout,
                rows.iter().map(|t| names.cycle_name(t.cycle.as_str()))
            ),
            texts_in(layout, rows.iter().map(|t| Some(t.team.as_str()))),
            texts_in(
                layout,
                rows.iter().map(|t| names.team_name(t.team.as_str()))
            ),
            Values::F64(cells(n, progress())),
            Values::F64(cells(n, progress().map(pct))),
            e,
            ep,
            d,
            s,
            Values::I64(cells(n, rows.iter().map(|t| count(t.objectives)))),
            Values::I64(cells(
                n,
                rows.iter().map(|t| count(t.objectives_without_progress))
            )),
        ]
    )
}

/// `progress.cycles` of a report on `org`.
pub fn cycles(org: &Org, report: &ProgressReport) -> Table {
    cycles_in(org, report, TextLayout::Offsets)
}

/// `progress.cycles` of a report on `org`, its text columns in `layout`.
pub(crate) fn cycles_in(org: &Org, report: &ProgressReport, layout: TextLayout) -> Table {
    let names = Names::new(org.document());
    let rows = &report.cycles;
    let n = rows.len();
    let cys: Vec<_> = rows.iter().map(|c| names.cycle(c.cycle.as_str())).collect();
    let as_of = report.as_of.map(super::days_since_epoch);
    let [e, ep, d, s] = pace_columns(layout, n, rows.iter().map(|c| c.pace));
    let progress = || rows.iter().map(|c| c.progress);
    let day = |f: fn(&Cycle) -> NaiveDate| {
        Values::Date(cells(
            n,
            cys.iter().map(|c| c.map(|c| super::days_since_epoch(f(c)))),
        ))
    };
    table!(
        "progress.cycles",
        CYCLES,
        [
            Values::Date(repeat(as_of, n)),
            texts_in(layout, rows.iter().map(|c| Some(c.cycle.as_str()))),
            texts_in(layout, cys.iter().map(|c| c.map(|c| c.name.as_str()))),
            day(|c| c.start),
            day(|c| c.end),
            Values::F64(cells(n, progress())),
            Values::F64(cells(n, progress().map(pct))),
            e,
            ep,
            d,
            s,
            Values::I64(cells(n, rows.iter().map(|c| count(c.objectives)))),
            Values::I64(cells(
                n,
                rows.iter().map(|c| count(c.objectives_without_progress))
            )),
        ]
    )
}

/// What a [`series`] follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The whole cycle.
    Cycle,
    /// One team (by id).
    Team(&'a str),
    /// One objective (by id).
    Objective(&'a str),
}

impl<'a> Scope<'a> {
    /// The scope a caller's optional `team` and `objective` name: the cycle
    /// when neither, else the one given; both is an
    /// [`Error::InvalidArgument`], code `invalid_value`, path `team`.
    ///
    /// ```
    /// use okrkit::table::progress::Scope;
    /// assert_eq!(Scope::of(None, None)?, Scope::Cycle);
    /// assert_eq!(Scope::of(Some("web"), None)?, Scope::Team("web"));
    /// assert_eq!(Scope::of(None, Some("o1"))?, Scope::Objective("o1"));
    /// let e = Scope::of(Some("web"), Some("o1")).unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("invalid_value", "team"));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn of(team: Option<&'a str>, objective: Option<&'a str>) -> Result<Scope<'a>> {
        Ok(match (team, objective) {
            (Some(_), Some(_)) => {
                return Err(Error::InvalidArgument {
                    code: ProblemCode::InvalidValue,
                    message: "give a team or an objective, not both".into(),
                    path: "team".into(),
                });
            }
            (Some(t), None) => Scope::Team(t),
            (None, Some(x)) => Scope::Objective(x),
            (None, None) => Scope::Cycle,
        })
    }
}

fn unknown(path: &str, message: String) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::DanglingReference,
        message,
        path: path.into(),
    }
}

/// Checks that `cycle` exists (and `team`, when given, has an objective in
/// it); returns the cycle's index. The error names the ids that exist.
pub(crate) fn check_scope(org: &Org, cycle: Option<&str>, team: Option<&str>) -> Result<()> {
    let doc = org.document();
    if let Some(c) = cycle
        && !doc.cycles.iter().any(|x| x.id.as_str() == c)
    {
        let known: Vec<&str> = doc.cycles.iter().map(|x| x.id.as_str()).collect();
        return Err(unknown(
            "cycle",
            format!("no cycle has id '{c}'; the cycles are {}", known.join(", ")),
        ));
    }
    if let Some(t) = team {
        if !doc.teams.iter().any(|x| x.id.as_str() == t) {
            let known: Vec<&str> = doc.teams.iter().map(|x| x.id.as_str()).collect();
            return Err(unknown(
                "team",
                format!("no team has id '{t}'; the teams are {}", known.join(", ")),
            ));
        }
        let has = doc
            .objectives
            .iter()
            .any(|o| o.team.as_str() == t && cycle.is_none_or(|c| o.cycle.as_str() == c));
        if !has {
            return Err(unknown(
                "team",
                format!(
                    "team '{t}' has no objective{}",
                    cycle.map_or(String::new(), |c| format!(" in cycle '{c}'"))
                ),
            ));
        }
    }
    Ok(())
}

/// Dates from a cycle's first day to its last, every `every_days` days (the
/// last day always included). Errors on an unknown cycle or `every_days < 1`;
/// a step longer than the cycle (up to `i64::MAX` days) gives its first and
/// last days.
///
/// ```
/// # let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1",
/// #   "start": "2026-01-01", "end": "2026-01-20"}]}"#).unwrap();
/// let d = okrkit::table::progress::cycle_dates(&org, "q1", 7).unwrap();
/// assert_eq!(d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
///            ["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-20"]);
/// ```
pub fn cycle_dates(org: &Org, cycle: &str, every_days: i64) -> Result<Vec<NaiveDate>> {
    check_scope(org, Some(cycle), None)?;
    if every_days < 1 {
        return Err(Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: format!("every_days must be at least 1, not {every_days}"),
            path: "every_days".into(),
        });
    }
    let c = org
        .document()
        .cycles
        .iter()
        .find(|x| x.id.as_str() == cycle)
        .ok_or_else(|| unknown("cycle", format!("no cycle has id '{cycle}'")))?;
    let mut out = Vec::new();
    let mut d = c.start;
    // A step past the calendar's last day (`every_days` up to i64::MAX) ends
    // the dates, as any step past the cycle's end does (no overflow).
    let step = chrono::Duration::try_days(every_days);
    while d < c.end {
        out.push(d);
        match step.and_then(|s| d.checked_add_signed(s)) {
            Some(next) => d = next,
            None => break,
        }
    }
    out.push(c.end);
    Ok(out)
}

/// The dates of a series (`progress.series`, `confidence.series`): `dates`
/// as given, or the cycle's days every `every_days` ([`cycle_dates`]; 7 when
/// neither is given). Both given is an [`Error::InvalidArgument`], code
/// `invalid_value`, path `every_days` (one of them would be dropped).
///
/// ```
/// # let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1",
/// #   "start": "2026-01-01", "end": "2026-01-20"}]}"#).unwrap();
/// use okrkit::table::progress::series_dates;
/// assert_eq!(series_dates(&org, "q1", None, None)?.len(), 4);
/// assert_eq!(series_dates(&org, "q1", Some(10), None)?.len(), 3);
/// let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
/// assert_eq!(series_dates(&org, "q1", None, Some(vec![day]))?, [day]);
/// let e = series_dates(&org, "q1", Some(3), Some(vec![day])).unwrap_err();
/// assert_eq!((e.code(), e.path()), ("invalid_value", "every_days"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn series_dates(
    org: &Org,
    cycle: &str,
    every_days: Option<i64>,
    dates: Option<Vec<NaiveDate>>,
) -> Result<Vec<NaiveDate>> {
    match (every_days, dates) {
        (Some(_), Some(_)) => Err(Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: "give every_days or dates, not both".into(),
            path: "every_days".into(),
        }),
        (None, Some(dates)) => Ok(dates),
        (every_days, None) => cycle_dates(org, cycle, every_days.unwrap_or(7)),
    }
}

/// `progress.series`: progress of a cycle, team or objective as of each of
/// `dates` (from the check-in history: a key result's value at a date is
/// its last check-in at or before it). Each row also says how many counted key
/// results were valued from a check-in and how many have no check-in at all
/// (their one known value stands for every date: a chart should not draw
/// that as history). Errors on an unknown cycle, team or objective, or an
/// objective of another cycle.
///
/// ```
/// use okrkit::table::progress::{Scope, series};
/// let org = okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 60%",
///       "measure": {"type": "metric", "baseline": 50, "target": 60}}]}],
///   "check_ins": [{"key_result": "kr1", "at": "2026-02-01T10:00:00Z", "value": 55}]
/// }"#).unwrap();
/// let d = |s: &str| s.parse().unwrap();
/// let t = series(&org, "q1", Scope::Team("web"), &[d("2026-01-15"), d("2026-02-15")],
///                Default::default()).unwrap();
/// assert_eq!(t.column("progress").unwrap().f64(1), Some(0.5));
/// assert_eq!(t.column("from_check_ins").unwrap().i64(0), Some(0));
/// assert!(series(&org, "q1", Scope::Team("Web"), &[], Default::default()).is_err());
/// ```
pub fn series(
    org: &Org,
    cycle: &str,
    scope: Scope<'_>,
    dates: &[NaiveDate],
    milestones: MilestonePolicy,
) -> Result<Table> {
    let doc = org.document();
    match scope {
        Scope::Cycle => check_scope(org, Some(cycle), None)?,
        Scope::Team(t) => check_scope(org, Some(cycle), Some(t))?,
        Scope::Objective(id) => {
            check_scope(org, Some(cycle), None)?;
            match doc.objectives.iter().find(|o| o.id.as_str() == id) {
                None => {
                    return Err(unknown("objective", format!("no objective has id '{id}'")));
                }
                Some(o) if o.cycle.as_str() != cycle => {
                    return Err(unknown(
                        "objective",
                        format!("objective '{id}' is in cycle '{}', not '{cycle}'", o.cycle),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let names = Names::new(doc);
    let (scope_name, id, name) = match scope {
        Scope::Cycle => ("cycle", cycle, names.cycle_name(cycle)),
        Scope::Team(t) => ("team", t, names.team_name(t)),
        Scope::Objective(o) => ("objective", o, names.objective_title(o)),
    };
    let in_scope = |team: &str, objective: &str| match scope {
        Scope::Cycle => true,
        Scope::Team(t) => team == t,
        Scope::Objective(o) => objective == o,
    };
    let mut b = Builder::new("progress.series", SERIES, dates.len());
    for &date in dates {
        let report = org.progress(&ProgressOptions {
            as_of: Some(date),
            milestones,
            cycle: Some(CycleId::from(cycle)),
            team: None,
        })?;
        let (progress, pace) = match scope {
            Scope::Cycle => report
                .cycles
                .first()
                .map_or((None, None), |c| (c.progress, c.pace)),
            Scope::Team(t) => report
                .teams
                .iter()
                .find(|x| x.team.as_str() == t)
                .map_or((None, None), |x| (x.progress, x.pace)),
            Scope::Objective(o) => report
                .objectives
                .iter()
                .find(|x| x.objective.as_str() == o)
                .map_or((None, None), |x| (x.progress, x.pace)),
        };
        let (mut counted, mut checked, mut own) = (0usize, 0usize, 0usize);
        for o in report
            .objectives
            .iter()
            .filter(|o| in_scope(o.team.as_str(), o.objective.as_str()))
        {
            for k in o.key_results.iter().filter(|k| k.counted) {
                counted += 1;
                match k.value_source {
                    ValueSource::CheckIn => checked += 1,
                    ValueSource::Current => own += 1,
                    _ => {}
                }
            }
        }
        let expected = pace.map(|p| p.expected);
        row!(
            b,
            SERIES,
            [
                date.into(),
                cycle.into(),
                scope_name.into(),
                id.into(),
                name.into(),
                progress.into(),
                pct(progress).into(),
                expected.into(),
                pct(expected).into(),
                pace.and_then(|p| tag(&p.status)).into(),
                counted.into(),
                checked.into(),
                own.into(),
            ]
        );
    }
    Ok(b.finish())
}

/// `check_ins`: every check-in (time order per key result, document order of
/// key results), optionally of one cycle and one team. Errors on an unknown
/// cycle or team.
pub fn check_ins(org: &Org, cycle: Option<&str>, team: Option<&str>) -> Result<Table> {
    check_scope(org, cycle, team)?;
    let doc = org.document();
    let names = Names::new(doc);
    let idx = &org.check_ins;
    let mut b = Builder::new("check_ins", CHECK_INS, doc.check_ins.len());
    for (oi, o) in doc.objectives.iter().enumerate() {
        if cycle.is_some_and(|c| o.cycle.as_str() != c)
            || team.is_some_and(|t| o.team.as_str() != t)
        {
            continue;
        }
        let cycle_name = names.cycle_name(o.cycle.as_str());
        let team_name = names.team_name(o.team.as_str());
        for (flat, kr) in org.key_result_range(oi).zip(&o.key_results) {
            let unit = MeasureCells::of(Some(&kr.measure)).unit;
            for pos in idx.range(flat) {
                let ci = org.check_in_at(pos);
                row!(
                    b,
                    CHECK_INS,
                    [
                        ci.at.into(),
                        ci.at.date_naive().into(),
                        o.cycle.as_str().into(),
                        cycle_name.into(),
                        o.team.as_str().into(),
                        team_name.into(),
                        o.id.as_str().into(),
                        kr.id.as_str().into(),
                        kr.title.as_str().into(),
                        unit.into(),
                        ci.value.into(),
                        ci.confidence.into(),
                        ci.author.map(|a| a.as_str()).into(),
                    ]
                );
            }
        }
    }
    Ok(b.finish())
}

/// `confidence.series`: for each team with objectives in `cycle` (or only
/// `team`), the mean of its key results' latest confidence at or before each
/// of `dates` (end of day, UTC). Errors on an unknown cycle or team.
///
/// ```
/// let org = okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 60%",
///       "measure": {"type": "metric", "baseline": 50, "target": 60}}]}],
///   "check_ins": [{"key_result": "kr1", "at": "2026-02-01T10:00:00Z", "value": 55, "confidence": 6}]
/// }"#).unwrap();
/// let d = |s: &str| s.parse().unwrap();
/// let t = okrkit::table::progress::confidence_series(&org, "q1", None, &[d("2026-01-15"), d("2026-02-15")]).unwrap();
/// assert_eq!(t.column("mean_confidence").unwrap().f64(0), None);
/// assert_eq!(t.column("mean_confidence").unwrap().f64(1), Some(6.0));
/// ```
pub fn confidence_series(
    org: &Org,
    cycle: &str,
    team: Option<&str>,
    dates: &[NaiveDate],
) -> Result<Table> {
    check_scope(org, Some(cycle), team)?;
    let doc = org.document();
    let names = Names::new(doc);
    let idx = &org.check_ins;
    // Teams in document order of their first objective in the cycle.
    let mut teams: Vec<&str> = Vec::new();
    for o in doc.objectives.iter().filter(|o| o.cycle.as_str() == cycle) {
        if team.is_none_or(|t| t == o.team.as_str()) && !teams.contains(&o.team.as_str()) {
            teams.push(o.team.as_str());
        }
    }
    let mut b = Builder::new(
        "confidence.series",
        CONFIDENCE_SERIES,
        teams.len() * dates.len(),
    );
    for t in teams {
        let flats: Vec<usize> = doc
            .objectives
            .iter()
            .enumerate()
            .filter(|(_, o)| o.cycle.as_str() == cycle && o.team.as_str() == t)
            .flat_map(|(oi, _)| org.key_result_range(oi))
            .collect();
        let team_name = names.team_name(t);
        for &date in dates {
            let cut = crate::progress::end_of_day_micros(date);
            let (mut sum, mut n) = (0.0, 0usize);
            for &flat in &flats {
                // The latest check-in at or before the cut that gives a confidence.
                let range = idx.range(flat);
                let upto = match cut {
                    Some(c) => range.start + idx.at[range.clone()].partition_point(|&a| a < c),
                    None => range.end,
                };
                let latest = (range.start..upto)
                    .rev()
                    .find_map(|pos| idx.confidence(pos));
                if let Some(c) = latest {
                    sum += c;
                    n += 1;
                }
            }
            row!(
                b,
                CONFIDENCE_SERIES,
                [
                    date.into(),
                    cycle.into(),
                    t.into(),
                    team_name.into(),
                    (n > 0).then(|| sum / n as f64).into(),
                    flats.len().into(),
                    n.into(),
                ]
            );
        }
    }
    Ok(b.finish())
}
