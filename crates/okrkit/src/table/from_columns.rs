//! The four progress tables built from the columnar roll-up
//! ([`ProgressColumns`]) instead of a [`ProgressReport`](crate::ProgressReport):
//! the same schemas and every cell the same (a proptest,
//! `crates/okrkit/tests/progress_columns.rs`, compares them with the
//! row-based builders of [`super::progress`]).
//!
//! The numbers are the columns' own vectors, copied whole, their validity
//! from the columns' flags; ids, titles and names are read from the document
//! by the index the columns store (no id is looked up or compared); the six
//! objective-level text columns of `progress.key_results` are runs (with
//! [`TextLayout::Views`] each run's bytes are written once).
//!
//! ```
//! use okrkit::table::{TextLayout, from_columns, progress};
//!
//! let org = okrkit::Org::from_json(r#"{
//!   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "web", "name": "Web"}],
//!   "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
//!     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
//!       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
//! }"#)?;
//! let opts = Default::default();
//! let columns = org.progress_columns(&opts)?;
//! let t = from_columns::key_results(&columns, TextLayout::Offsets);
//! assert_eq!(t.column("progress").and_then(|c| c.f64(0)), Some(0.5));
//! assert_eq!(t, progress::key_results(&org, &org.progress(&opts)?));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::columns::{cells, effective, pace_columns, repeat, runs, table, texts_in};
use super::progress::{CYCLES, KEY_RESULTS, OBJECTIVES, TEAMS, count, unit};
use super::{Cells, Table, TextLayout, Values, pct, tag};
use crate::Org;
use crate::model::{KeyResult, Measure};
use crate::progress::{ProgressColumns, clamp_progress};
use std::ops::Deref;

/// A text field the tables carry that does not depend on the date: with
/// [`TextLayout::Views`] (feature `arrow`) its column is gathered from the
/// org's cached text columns (built once per org) instead of rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "arrow"), allow(dead_code))]
pub(crate) enum Field {
    CycleId,
    CycleName,
    TeamId,
    TeamName,
    ObjectiveId,
    ObjectiveTitle,
    ObjectiveKind,
    ObjectiveAlignedTo,
    KeyResultId,
    KeyResultTitle,
    KeyResultKind,
    KeyResultUnit,
    KeyResultDirection,
}

/// The rows a whole-org table gathers a cached column at, which depend on
/// the org alone: the cycle and team fields at each objective
/// (`progress.objectives`), the cycle, team and objective fields at each key
/// result (`progress.key_results`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "arrow"), allow(dead_code))]
pub(crate) enum Per {
    Objective,
    KeyResult,
}

/// The text fields of `progress.objectives`, in the table's column order:
/// cycle, cycle_name, team, team_name, objective, title, type, aligned_to.
/// None depends on the date.
const OBJECTIVE_TEXT: [Field; 8] = [
    Field::CycleId,
    Field::CycleName,
    Field::TeamId,
    Field::TeamName,
    Field::ObjectiveId,
    Field::ObjectiveTitle,
    Field::ObjectiveKind,
    Field::ObjectiveAlignedTo,
];

impl Field {
    /// Every field, in the order of their discriminants: the objectives'
    /// ([`OBJECTIVE_TEXT`]), then the key results'.
    #[cfg(feature = "arrow")]
    pub(crate) const ALL: [Field; 13] = {
        let key_result = [
            Field::KeyResultId,
            Field::KeyResultTitle,
            Field::KeyResultKind,
            Field::KeyResultUnit,
            Field::KeyResultDirection,
        ];
        let mut all = [Field::CycleId; 13];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < OBJECTIVE_TEXT.len() {
                OBJECTIVE_TEXT[i]
            } else {
                key_result[i - OBJECTIVE_TEXT.len()]
            };
            i += 1;
        }
        all
    };
}

/// The text column of `field` at `rows` (indexes into the field's entities
/// in document order; for key result fields, the objectives whose key
/// results they are): gathered from the org's cached columns in the views
/// layout, else `build()` from the document.
fn text<O: Deref<Target = Org>>(
    c: &ProgressColumns<O>,
    layout: TextLayout,
    field: Field,
    rows: impl FnOnce() -> Vec<u32>,
    build: impl FnOnce() -> Values,
) -> Values {
    #[cfg(feature = "arrow")]
    if layout == TextLayout::Views {
        let cache = c.org().text_columns();
        let rows = match field {
            Field::KeyResultId
            | Field::KeyResultTitle
            | Field::KeyResultKind
            | Field::KeyResultUnit
            | Field::KeyResultDirection => cache.key_result_rows(&rows()),
            _ => rows(),
        };
        if let Some(v) = super::shared_text::gather(cache.column(c.org(), field), rows) {
            return v;
        }
    }
    #[cfg(not(feature = "arrow"))]
    let _ = (c, layout, field, rows);
    build()
}

/// [`text`] of a field gathered at rows that depend on the org alone
/// (`per`: see [`Per`]): for a whole-org report
/// (`whole`, see [`whole_org`]) the org's derived column, gathered once
/// per org and then shared, not gathered again by every table.
fn org_text<O: Deref<Target = Org>>(
    c: &ProgressColumns<O>,
    layout: TextLayout,
    field: Field,
    per: Per,
    whole: bool,
    rows: impl Fn() -> Vec<u32>,
    build: impl FnOnce() -> Values,
) -> Values {
    #[cfg(feature = "arrow")]
    if whole && let Some(v) = c.org().text_columns().derived(c.org(), per, field, &rows) {
        return v;
    }
    #[cfg(not(feature = "arrow"))]
    let _ = (per, whole);
    text(c, layout, field, rows, build)
}

/// Whether the report holds every objective in document order (`oi`, so
/// every key result too: a whole-org report, or a filter that keeps them
/// all) and its text is in the views layout: then a column of its own
/// objectives or key results is the org's cached array as it is.
pub(super) fn whole_org<O: Deref<Target = Org>>(
    c: &ProgressColumns<O>,
    layout: TextLayout,
    oi: &[u32],
) -> bool {
    #[cfg(feature = "arrow")]
    if layout == TextLayout::Views
        && oi.len() == c.org().document().objectives.len()
        && is_identity(oi)
    {
        return true;
    }
    #[cfg(not(feature = "arrow"))]
    let _ = (c, layout, oi);
    false
}

/// [`text`] for a field of the table's own rows (the objectives `oi` in
/// `progress.objectives`, their key results in `progress.key_results`):
/// for a whole-org report (`whole`, see [`whole_org`]) the cached array
/// itself, without building its row list first.
fn own_text<O: Deref<Target = Org>>(
    c: &ProgressColumns<O>,
    layout: TextLayout,
    field: Field,
    oi: &[u32],
    whole: bool,
    build: impl FnOnce() -> Values,
) -> Values {
    #[cfg(feature = "arrow")]
    if whole {
        let n = match field {
            Field::KeyResultId
            | Field::KeyResultTitle
            | Field::KeyResultKind
            | Field::KeyResultUnit
            | Field::KeyResultDirection => c.key_result_count(),
            _ => oi.len(),
        };
        let org = c.org();
        if let Some(v) = super::shared_text::whole(org.text_columns().column(org, field), n) {
            return v;
        }
    }
    #[cfg(not(feature = "arrow"))]
    let _ = whole;
    text(c, layout, field, || oi.to_vec(), build)
}

/// The id and name columns of the cycles (or teams) `items` at `rows`:
/// `fields` their cached columns, `id` and `name` how to read one.
fn id_and_name<'d, O: Deref<Target = Org>, T: 'd>(
    c: &ProgressColumns<O>,
    layout: TextLayout,
    fields: [Field; 2],
    rows: impl Fn() -> Vec<u32>,
    items: impl Iterator<Item = &'d T> + Clone,
    id: fn(&T) -> &str,
    name: fn(&T) -> &str,
) -> [Values; 2] {
    let [f_id, f_name] = fields;
    [
        text(c, layout, f_id, &rows, || {
            texts_in(layout, items.clone().map(|x| Some(id(x))))
        }),
        text(c, layout, f_name, &rows, || {
            texts_in(layout, items.clone().map(|x| Some(name(x))))
        }),
    ]
}

/// The cached id and name columns of cycles, and of teams.
const CYCLE: [Field; 2] = [Field::CycleId, Field::CycleName];
const TEAM: [Field; 2] = [Field::TeamId, Field::TeamName];

// How the id and name of a cycle and of a team are read.
fn cycle_id(x: &crate::model::Cycle) -> &str {
    x.id.as_str()
}
fn cycle_name(x: &crate::model::Cycle) -> &str {
    x.name.as_str()
}
fn team_id(x: &crate::model::Team) -> &str {
    x.id.as_str()
}
fn team_name(x: &crate::model::Team) -> &str {
    x.name.as_str()
}

/// `f` of each objective `oi` names, repeated on each of its key results
/// (`starts`): the rows of a per-objective column of `progress.key_results`.
fn repeated(oi: &[u32], starts: &[u32], f: impl Fn(usize) -> u32) -> Vec<u32> {
    let mut rows = Vec::with_capacity(starts.last().map_or(0, |&n| n as usize));
    for (&i, w) in oi.iter().zip(starts.windows(2)) {
        let v = f(i as usize);
        rows.extend(std::iter::repeat_n(v, (w[1] - w[0]) as usize));
    }
    rows
}

/// The date column: `as_of` (as days) on each of `n` rows.
fn as_of<O: Deref<Target = Org>>(c: &ProgressColumns<O>, n: usize) -> Values {
    Values::Date(repeat(c.as_of().map(super::days_since_epoch), n))
}

/// `f64` cells of `data` where `valid`, a null slot holding 0.0 as the
/// columns store it.
fn numbers(data: &[f64], valid: impl Iterator<Item = bool>) -> Values {
    Values::F64(Cells::from_valid(data.to_vec(), valid))
}

/// An org's [`OBJECTIVE_TEXT`] columns of every objective in document
/// order, in the offsets layout: built on the first whole-org
/// `progress.objectives` table in that layout (Node's `toArrow`, `table()`,
/// CSV), then cloned by every later one instead of read again from the
/// document, objective by objective (issue 18: at 2,500 objectives that
/// reading was most of the table's build). With the `arrow` feature each
/// column is held as a finished `Utf8` array, so the clone shares its
/// buffers by reference count; without it, it copies them. Held by
/// the [`Org`] (`OnceLock`: built once, an `Org` stays `Send + Sync`).
pub(crate) type ObjectiveTexts = std::sync::OnceLock<[Values; 8]>;

/// The [`OBJECTIVE_TEXT`] column `f` of the objectives `oi`, read from the
/// document in `layout`.
fn objective_text(org: &Org, layout: TextLayout, oi: &[u32], f: Field) -> Values {
    let doc = org.document();
    let objective = || oi.iter().map(|&i| &doc.objectives[i as usize]);
    let cycle = || {
        oi.iter()
            .map(|&i| &doc.cycles[org.objective_cycle[i as usize] as usize])
    };
    let team = || {
        oi.iter()
            .map(|&i| &doc.teams[org.objective_team[i as usize] as usize])
    };
    match f {
        Field::CycleId => texts_in(layout, cycle().map(|x| Some(cycle_id(x)))),
        Field::CycleName => texts_in(layout, cycle().map(|x| Some(cycle_name(x)))),
        Field::TeamId => texts_in(layout, team().map(|x| Some(team_id(x)))),
        Field::TeamName => texts_in(layout, team().map(|x| Some(team_name(x)))),
        Field::ObjectiveId => texts_in(layout, objective().map(|o| Some(o.id.as_str()))),
        Field::ObjectiveTitle => texts_in(layout, objective().map(|o| Some(o.title.as_str()))),
        Field::ObjectiveKind => texts_in(layout, objective().map(|o| tag(&o.kind))),
        Field::ObjectiveAlignedTo => texts_in(
            layout,
            objective().map(|o| o.aligned_to.as_ref().map(|a| a.objective.as_str())),
        ),
        // Not a field of an objective (not in OBJECTIVE_TEXT): nulls.
        Field::KeyResultId
        | Field::KeyResultTitle
        | Field::KeyResultKind
        | Field::KeyResultUnit
        | Field::KeyResultDirection => texts_in(layout, oi.iter().map(|_| None::<&str>)),
    }
}

/// The org's cached [`OBJECTIVE_TEXT`] columns when the table is in the
/// offsets layout and holds every objective in document order (`oi`);
/// None otherwise (a filtered report, or views, which have their own cache).
fn cached_objective_texts<'o>(
    org: &'o Org,
    layout: TextLayout,
    oi: &[u32],
) -> Option<&'o [Values; 8]> {
    if effective(layout) != TextLayout::Offsets
        || oi.len() != org.document().objectives.len()
        || !is_identity(oi)
    {
        return None;
    }
    Some(org.objective_texts.get_or_init(|| {
        OBJECTIVE_TEXT.map(|f| shared(objective_text(org, TextLayout::Offsets, oi, f)))
    }))
}

/// A cached text column in the form whose clone shares its text (with
/// the `arrow` feature; each table of the whole org clones the cache).
fn shared(v: Values) -> Values {
    match v {
        #[cfg(feature = "arrow")]
        Values::Str(t) => Values::Str(t.into_shared()),
        v => v,
    }
}

/// Whether `rows` is 0, 1, 2, … in order.
pub(crate) fn is_identity(rows: &[u32]) -> bool {
    rows.iter().enumerate().all(|(i, &r)| r as usize == i)
}

/// `progress.objectives` from the columnar roll-up, its text in `layout`.
pub fn objectives<O: Deref<Target = Org>>(c: &ProgressColumns<O>, layout: TextLayout) -> Table {
    let org = c.org();
    let n = c.len();
    let oi = c.objective_indexes();
    let (progress, has) = c.objective_progress_parts();
    let [e, ep, d, s] = pace_columns(layout, n, c.objectives().map(|o| o.pace()));
    let starts = c.key_result_starts();
    let key_results = || starts.windows(2).map(|w| (w[1] - w[0]) as usize);
    let counted = || c.objectives().map(|o| o.counted());
    let pcts: Vec<f64> = progress.iter().map(|p| p * 100.0).collect();
    let texts = match cached_objective_texts(org, layout, oi) {
        Some(cached) => cached.clone(),
        None => {
            let cycle_rows = || {
                oi.iter()
                    .map(|&i| org.objective_cycle[i as usize])
                    .collect()
            };
            let team_rows = || oi.iter().map(|&i| org.objective_team[i as usize]).collect();
            let whole = whole_org(c, layout, oi);
            OBJECTIVE_TEXT.map(|f| {
                let build = || objective_text(org, layout, oi, f);
                let per = Per::Objective;
                match f {
                    Field::CycleId | Field::CycleName => {
                        org_text(c, layout, f, per, whole, cycle_rows, build)
                    }
                    Field::TeamId | Field::TeamName => {
                        org_text(c, layout, f, per, whole, team_rows, build)
                    }
                    _ => own_text(c, layout, f, oi, whole, build),
                }
            })
        }
    };
    // In OBJECTIVE_TEXT's order: cycle, cycle_name, team, team_name,
    // objective, title, type; aligned_to is the table's last column.
    let [t0, t1, t2, t3, t4, t5, t6, aligned] = texts;
    table!(
        "progress.objectives",
        OBJECTIVES,
        [
            as_of(c, n),
            t0,
            t1,
            t2,
            t3,
            t4,
            t5,
            t6,
            numbers(progress, has.iter().copied()),
            Values::F64(Cells::from_valid(
                masked(pcts, has.iter().copied()),
                has.iter().copied()
            )),
            e,
            ep,
            d,
            s,
            Values::I64(cells(n, key_results().map(count))),
            Values::I64(cells(n, counted().map(count))),
            Values::I64(cells(
                n,
                key_results().zip(counted()).map(|(k, c)| count(k - c))
            )),
            Values::Bool(cells(
                n,
                c.objectives().map(|o| Some(o.milestones_counted()))
            )),
            aligned,
        ]
    )
}

/// `data` with 0.0 wherever `valid` is false (a null slot's default).
fn masked(mut data: Vec<f64>, valid: impl Iterator<Item = bool>) -> Vec<f64> {
    for (x, v) in data.iter_mut().zip(valid) {
        if !v {
            *x = 0.0;
        }
    }
    data
}

/// The baseline, target, bound and weight columns of `krs`, read in one
/// pass: each key result is read once, not once per column (the structs are
/// far apart in memory, and these reads were the table's main cost).
pub(crate) fn measure_numbers(krs: &[&KeyResult]) -> [Values; 4] {
    let mut m = MeasureNumbers::with_capacity(krs.len());
    krs.iter().for_each(|k| m.push(k));
    m.finish()
}

/// [`measure_numbers`] a key result at a time (for a pass that reads each
/// key result for other columns too).
pub(crate) struct MeasureNumbers {
    baseline: Cells<f64>,
    target: Cells<f64>,
    bound: Cells<f64>,
    weight: Vec<f64>,
}

impl MeasureNumbers {
    pub(crate) fn with_capacity(n: usize) -> MeasureNumbers {
        MeasureNumbers {
            baseline: Cells::with_capacity(n),
            target: Cells::with_capacity(n),
            bound: Cells::with_capacity(n),
            weight: Vec::with_capacity(n),
        }
    }

    /// Appends the numbers of `k`.
    pub(crate) fn push(&mut self, k: &KeyResult) {
        let (b, t, x) = match &k.measure {
            Measure::Metric {
                baseline, target, ..
            // `+ 0.0`: a -0.0 in the document is 0.0 in a table, as in reports.
            } => (Some(*baseline + 0.0), Some(*target + 0.0), None),
            Measure::Threshold { bound, .. } => (None, None, Some(*bound + 0.0)),
            _ => (None, None, None),
        };
        self.baseline.push(b);
        self.target.push(t);
        self.bound.push(x);
        self.weight.push(k.weight);
    }

    /// The baseline, target, bound and weight columns.
    pub(crate) fn finish(self) -> [Values; 4] {
        [
            Values::F64(self.baseline),
            Values::F64(self.target),
            Values::F64(self.bound),
            Values::F64(Cells::from_valid(self.weight, std::iter::repeat(true))),
        ]
    }
}

/// The measure columns of a whole-org report (`whole`, see [`whole_org`]):
/// cloned from the org's cache (built with its text columns) instead of
/// read from each key result; None for any other report.
pub(super) fn cached_measures<O: Deref<Target = Org>>(
    c: &ProgressColumns<O>,
    whole: bool,
) -> Option<[Values; 4]> {
    #[cfg(feature = "arrow")]
    if whole {
        let org = c.org();
        return Some(org.text_columns().measures(org).clone());
    }
    #[cfg(not(feature = "arrow"))]
    let _ = (c, whole);
    None
}

/// A text column of one run per objective row (`oi` its document indexes,
/// `starts` where its key results start): `f` of the objective on each of
/// its key results.
fn per_objective<'d>(
    layout: TextLayout,
    oi: &[u32],
    starts: &[u32],
    f: &dyn Fn(usize) -> &'d str,
) -> Values {
    runs(
        layout,
        oi.iter()
            .zip(starts.windows(2))
            .map(|(&i, w)| (Some(f(i as usize)), (w[1] - w[0]) as usize)),
    )
}

/// A text column of a per-row key with few distinct values (a value
/// source, a left-out reason), in `layout`. With views (feature `arrow`),
/// each distinct key's `text` is made once into a small array and gathered
/// at the rows (`take`: a row's 16-byte view copied, no tag or builder call
/// per row); in the offsets layout, [`texts_in`]. The same values as
/// `texts_in(layout, keys.map(text))`.
fn tags_in<K: Copy + PartialEq, S: AsRef<str>>(
    layout: TextLayout,
    keys: impl Iterator<Item = K> + Clone,
    text: impl Fn(K) -> Option<S>,
) -> Values {
    #[cfg(feature = "arrow")]
    if effective(layout) == TextLayout::Views {
        let mut seen: Vec<K> = Vec::new();
        let rows: Vec<u32> = keys
            .clone()
            .map(|k| match seen.iter().position(|s| *s == k) {
                Some(i) => i as u32,
                None => {
                    seen.push(k);
                    (seen.len() - 1) as u32
                }
            })
            .collect();
        let distinct: arrow_array::StringViewArray = seen.iter().map(|&k| text(k)).collect();
        if let Some(a) = super::shared_text::take(&distinct, rows) {
            return Values::Str(super::Texts::from_views(a));
        }
    }
    texts_in(layout, keys.map(&text))
}

/// `progress.key_results` from the columnar roll-up, its text in `layout`.
pub fn key_results<O: Deref<Target = Org>>(c: &ProgressColumns<O>, layout: TextLayout) -> Table {
    let org = c.org();
    let doc = org.document();
    let oi = c.objective_indexes();
    let n = c.key_result_count();
    // The report's key results, gathered only if a column is read from them.
    let krs_cell = std::cell::OnceCell::new();
    let krs = || -> &[&KeyResult] {
        krs_cell.get_or_init(|| {
            oi.iter()
                .flat_map(|&i| &doc.objectives[i as usize].key_results)
                .collect::<Vec<_>>()
        })
    };
    let starts = c.key_result_starts();
    let cycle = |i: usize| &doc.cycles[org.objective_cycle[i] as usize];
    let team = |i: usize| &doc.teams[org.objective_team[i] as usize];
    let (values, has_value) = c.values();
    let (attainment, has_attainment) = c.attainments();
    let progress: Vec<f64> = attainment
        .iter()
        .zip(has_attainment.clone())
        .map(|(&a, has)| if has { clamp_progress(a) } else { 0.0 })
        .collect();
    let progress_pct: Vec<f64> = progress
        .iter()
        .zip(has_attainment.clone())
        .map(|(&p, has)| if has { p * 100.0 } else { 0.0 })
        .collect();
    let left_out = c.left_outs();
    let whole = whole_org(c, layout, oi);
    let [baseline, target, bound, weight] =
        cached_measures(c, whole).unwrap_or_else(|| measure_numbers(krs()));
    let cycle_rows = || repeated(oi, starts, |i| org.objective_cycle[i]);
    let team_rows = || repeated(oi, starts, |i| org.objective_team[i]);
    let objective_rows = || repeated(oi, starts, |i| i as u32);
    table!(
        "progress.key_results",
        KEY_RESULTS,
        [
            as_of(c, n),
            org_text(
                c,
                layout,
                Field::CycleId,
                Per::KeyResult,
                whole,
                cycle_rows,
                || per_objective(layout, oi, starts, &|i| cycle(i).id.as_str())
            ),
            org_text(
                c,
                layout,
                Field::CycleName,
                Per::KeyResult,
                whole,
                cycle_rows,
                || per_objective(layout, oi, starts, &|i| cycle(i).name.as_str())
            ),
            org_text(
                c,
                layout,
                Field::TeamId,
                Per::KeyResult,
                whole,
                team_rows,
                || per_objective(layout, oi, starts, &|i| team(i).id.as_str())
            ),
            org_text(
                c,
                layout,
                Field::TeamName,
                Per::KeyResult,
                whole,
                team_rows,
                || per_objective(layout, oi, starts, &|i| team(i).name.as_str())
            ),
            org_text(
                c,
                layout,
                Field::ObjectiveId,
                Per::KeyResult,
                whole,
                objective_rows,
                || { per_objective(layout, oi, starts, &|i| doc.objectives[i].id.as_str()) }
            ),
            org_text(
                c,
                layout,
                Field::ObjectiveTitle,
                Per::KeyResult,
                whole,
                objective_rows,
                || { per_objective(layout, oi, starts, &|i| doc.objectives[i].title.as_str()) }
            ),
            own_text(c, layout, Field::KeyResultId, oi, whole, || texts_in(
                layout,
                krs().iter().map(|k| Some(k.id.as_str()))
            )),
            own_text(c, layout, Field::KeyResultTitle, oi, whole, || texts_in(
                layout,
                krs().iter().map(|k| Some(k.title.as_str()))
            )),
            own_text(c, layout, Field::KeyResultKind, oi, whole, || texts_in(
                layout,
                krs().iter().map(|k| tag(&k.measure.kind()))
            )),
            own_text(c, layout, Field::KeyResultUnit, oi, whole, || texts_in(
                layout,
                krs().iter().map(|k| unit(Some(&k.measure)))
            )),
            baseline,
            target,
            bound,
            own_text(
                c,
                layout,
                Field::KeyResultDirection,
                oi,
                whole,
                || texts_in(
                    layout,
                    krs().iter().map(|k| match &k.measure {
                        Measure::Threshold { direction, .. } => tag(direction),
                        _ => None,
                    })
                )
            ),
            numbers(values, has_value),
            tags_in(layout, c.value_sources(), |s| tag(&s)),
            numbers(attainment, has_attainment.clone()),
            Values::F64(Cells::from_valid(progress, has_attainment.clone())),
            Values::F64(Cells::from_valid(progress_pct, has_attainment)),
            weight,
            Values::Bool(Cells::from_valid(
                left_out.clone().map(|l| l.is_none()).collect(),
                std::iter::repeat(true)
            )),
            tags_in(layout, left_out, |l| l.as_ref().and_then(tag)),
        ]
    )
}

/// `progress.teams` from the columnar roll-up, its text in `layout`.
pub fn teams<O: Deref<Target = Org>>(c: &ProgressColumns<O>, layout: TextLayout) -> Table {
    let doc = c.org().document();
    let rows = c.team_rows();
    let n = rows.len();
    let [e, ep, d, s] = pace_columns(layout, n, rows.clone().map(|r| c.pace_of(r.1, r.2)));
    let team = || rows.clone().map(|r| &doc.teams[r.0]);
    let cycle = || rows.clone().map(|r| &doc.cycles[r.1]);
    let cycle_rows = || rows.clone().map(|r| r.1 as u32).collect();
    let team_rows = || rows.clone().map(|r| r.0 as u32).collect();
    let [cycle_id_col, cycle_name_col] =
        id_and_name(c, layout, CYCLE, cycle_rows, cycle(), cycle_id, cycle_name);
    let [team_id_col, team_name_col] =
        id_and_name(c, layout, TEAM, team_rows, team(), team_id, team_name);
    table!(
        "progress.teams",
        TEAMS,
        [
            as_of(c, n),
            cycle_id_col,
            cycle_name_col,
            team_id_col,
            team_name_col,
            Values::F64(cells(n, rows.clone().map(|r| r.2))),
            Values::F64(cells(n, rows.clone().map(|r| pct(r.2)))),
            e,
            ep,
            d,
            s,
            Values::I64(cells(n, rows.clone().map(|r| count(r.3)))),
            Values::I64(cells(n, rows.clone().map(|r| count(r.4)))),
        ]
    )
}

/// `progress.cycles` from the columnar roll-up, its text in `layout`.
pub fn cycles<O: Deref<Target = Org>>(c: &ProgressColumns<O>, layout: TextLayout) -> Table {
    let doc = c.org().document();
    let rows = c.cycle_rows();
    let n = rows.len();
    let [e, ep, d, s] = pace_columns(layout, n, rows.clone().map(|r| c.pace_of(r.0, r.1)));
    let cycle = || rows.clone().map(|r| &doc.cycles[r.0]);
    let cycle_rows = || rows.clone().map(|r| r.0 as u32).collect();
    let [cycle_id_col, cycle_name_col] =
        id_and_name(c, layout, CYCLE, cycle_rows, cycle(), cycle_id, cycle_name);
    let day = |d: fn(&crate::model::Cycle) -> chrono::NaiveDate| {
        Values::Date(cells(
            n,
            cycle().map(|x| Some(super::days_since_epoch(d(x)))),
        ))
    };
    table!(
        "progress.cycles",
        CYCLES,
        [
            as_of(c, n),
            cycle_id_col,
            cycle_name_col,
            day(|x| x.start),
            day(|x| x.end),
            Values::F64(cells(n, rows.clone().map(|r| r.1))),
            Values::F64(cells(n, rows.clone().map(|r| pct(r.1)))),
            e,
            ep,
            d,
            s,
            Values::I64(cells(n, rows.clone().map(|r| count(r.2)))),
            Values::I64(cells(n, rows.clone().map(|r| count(r.3)))),
        ]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};
    use crate::progress::ProgressOptions;
    use crate::table::progress;

    /// A per-row tag column made of its distinct keys holds what a tag per
    /// row holds, in both layouts: runs, single rows, nulls, a key coming
    /// back after others, long (not inline) text, no rows.
    #[test]
    fn tags_in_equals_a_tag_per_row() {
        let text = |k: u8| match k {
            0 => None,
            1 => Some("check_in"),
            2 => Some("a reason longer than twelve bytes"),
            _ => Some(""),
        };
        let keys: Vec<u8> = vec![1, 1, 1, 0, 2, 2, 1, 3, 0, 0, 2, 1, 1];
        for layout in [TextLayout::Offsets, TextLayout::Views] {
            for n in [0, 1, 4, keys.len()] {
                let it = keys[..n].iter().copied();
                let (got, want) = (
                    tags_in(layout, it.clone(), text),
                    texts_in(layout, it.map(text)),
                );
                let (Values::Str(g), Values::Str(w)) = (&got, &want) else {
                    panic!("text columns");
                };
                assert_eq!(g, w, "{layout:?}, {n} rows");
                assert_eq!((g.layout(), g.null_count()), (w.layout(), w.null_count()));
            }
        }
    }

    /// The cached text of `progress.objectives` (offsets, whole org) is
    /// built by the first such table, serves the later ones with the same
    /// cells as the row-based table, and is neither built nor used for a
    /// filtered report or the views layout.
    #[test]
    fn objective_text_is_cached_for_whole_org_offsets_tables_only() {
        let org = Org::new(generate(&GenerateOptions::scaled(400))).expect("a generated org");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
        let filtered = ProgressOptions {
            as_of: date,
            team: Some(org.document().teams[1].id.clone()),
            ..ProgressOptions::default()
        };
        let one = org.progress_columns(&filtered).expect("columns");
        assert!(!one.is_empty() && one.len() < org.document().objectives.len());
        let want = progress::objectives(&org, &org.progress(&filtered).expect("report"));
        assert_eq!(objectives(&one, TextLayout::Offsets), want);
        let _ = objectives(&one, TextLayout::Views);
        assert!(
            org.objective_texts.get().is_none(),
            "a filtered table builds no cache"
        );

        for as_of in [None, date] {
            let opts = ProgressOptions {
                as_of,
                ..ProgressOptions::default()
            };
            let c = org.progress_columns(&opts).expect("columns");
            let want = progress::objectives(&org, &org.progress(&opts).expect("report"));
            // The first call builds the cache, the second reads it: both
            // the row-based table, cell for cell.
            assert_eq!(objectives(&c, TextLayout::Offsets), want);
            assert!(org.objective_texts.get().is_some());
            let again = objectives(&c, TextLayout::Offsets);
            assert_eq!(again, want);
            assert_eq!(objectives(&c, TextLayout::Views), want);
        }
        // With the `arrow` feature the tables share the cache's text (a
        // reference count each); without it, each has a copy of its own.
        // Either way, text appended to one table's column is its own.
        let c = org
            .progress_columns(&ProgressOptions::default())
            .expect("columns");
        let (mut a, b) = (
            objectives(&c, TextLayout::Offsets),
            objectives(&c, TextLayout::Offsets),
        );
        let title = |t: &Table| match t.column("title").map(|c| &c.values) {
            Some(Values::Str(s)) => s.get(0).map(str::as_ptr),
            _ => panic!("a text column title"),
        };
        assert_eq!(title(&a) == title(&b), cfg!(feature = "arrow"));
        let at = a
            .columns
            .iter()
            .position(|c| c.spec.name == "title")
            .expect("a title column");
        let Values::Str(titles) = &mut a.columns[at].values else {
            panic!("text");
        };
        let n = titles.len();
        titles.push(Some("appended"));
        assert_eq!(titles.get(n), Some("appended"));
        assert_ne!(title(&a), title(&b), "appending moved the values to a copy");
        assert_eq!(objectives(&c, TextLayout::Offsets), b);
        assert_eq!(b, want_whole(&org));
    }

    /// The row-based `progress.objectives` of the whole org, as of no date.
    fn want_whole(org: &Org) -> Table {
        progress::objectives(
            org,
            &org.progress(&ProgressOptions::default()).expect("report"),
        )
    }
}
