//! The columnar roll-up (`Org::progress_columns`) gives the report
//! `Org::progress` gives, bit for bit, on generated organisations with every
//! option (proptest), its row views read the same numbers, and the four
//! progress tables built from it (`table::select::progress_columns_in`) hold
//! the cells of those built from the report, in either text layout.

use chrono::NaiveDate;
use okrkit::generate::{GenerateOptions, generate};
use okrkit::table::{Table, TextLayout, Values, select};
use okrkit::*;
use proptest::prelude::*;

/// Both roll-ups of `org` with `opts` agree: the whole report, and each
/// objective and key result view against its row.
fn agree(org: &Org, opts: &ProgressOptions) -> Result<(), TestCaseError> {
    let rows = org.progress(opts);
    let columns = org.progress_columns(opts);
    let (rows, columns) = match (rows, columns) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(a), Err(b)) => {
            prop_assert_eq!(a.to_string(), b.to_string());
            return Ok(());
        }
        (a, b) => return Err(TestCaseError::fail(format!("{a:?} but {b:?}"))),
    };
    // `==` on f64 would take 0.0 for -0.0: compare the JSON, which keeps both.
    let json = |r: &ProgressReport| serde_json::to_string(r).expect("json");
    prop_assert_eq!(json(&columns.to_report()), json(&rows));
    // One team's or cycle's row read alone from the columns is the report's
    // (JSON: a NaN-free, -0.0-keeping comparison); an id it lacks is None.
    for t in &rows.teams {
        let got = columns.team(t.team.as_str(), t.cycle.as_str());
        prop_assert_eq!(json_of(&got), json_of(&Some(t)));
    }
    for c in &rows.cycles {
        prop_assert_eq!(json_of(&columns.cycle(c.cycle.as_str())), json_of(&Some(c)));
    }
    prop_assert!(columns.team("no such team", "q1").is_none());
    prop_assert!(columns.cycle("no such cycle").is_none());
    prop_assert_eq!(columns.len(), rows.objectives.len());
    prop_assert_eq!(
        columns.key_result_count(),
        rows.objectives
            .iter()
            .map(|o| o.key_results.len())
            .sum::<usize>()
    );
    for (o, row) in columns.objectives().zip(&rows.objectives) {
        prop_assert_eq!(o.id(), row.objective.as_str());
        prop_assert_eq!(o.team(), row.team.as_str());
        prop_assert_eq!(o.cycle(), row.cycle.as_str());
        prop_assert_eq!(
            o.progress().map(f64::to_bits),
            row.progress.map(f64::to_bits)
        );
        prop_assert_eq!(o.pace(), row.pace);
        prop_assert_eq!((o.counted(), o.left_out()), (row.counted, row.left_out));
        prop_assert_eq!(o.milestones_counted(), row.milestones_counted);
        prop_assert_eq!(&o.aligned(), &row.aligned);
        for (k, kr) in o.key_results().zip(&row.key_results) {
            prop_assert_eq!(k.id(), kr.key_result.as_str());
            prop_assert_eq!(&k.to_row(), kr);
            prop_assert_eq!(k.value().map(f64::to_bits), kr.value.map(f64::to_bits));
            prop_assert_eq!(
                k.attainment().map(f64::to_bits),
                kr.attainment.map(f64::to_bits)
            );
            prop_assert_eq!(
                k.progress().map(f64::to_bits),
                kr.progress.map(f64::to_bits)
            );
            prop_assert_eq!(
                (k.value_source(), k.left_out()),
                (kr.value_source, kr.left_out)
            );
        }
    }
    let progress: Vec<_> = columns.progress().collect();
    let expected: Vec<_> = rows.objectives.iter().map(|o| o.progress).collect();
    prop_assert_eq!(progress, expected);
    for name in select::PROGRESS {
        let want = select::progress(org, &rows, Some(name)).expect("a progress table");
        // Views twice: the first call of the first table builds the org's
        // cached text columns, every later one gathers from them.
        for layout in [TextLayout::Offsets, TextLayout::Views, TextLayout::Views] {
            let got = select::progress_columns_in(&columns, Some(name), layout).expect("table");
            same_cells(&got, &want)?;
        }
    }
    #[cfg(feature = "arrow")]
    prop_assert!(
        org.text_columns_memory() > 0,
        "views tables built the cache"
    );
    Ok(())
}

/// `got` has `want`'s schema and every cell of it: numbers to the bit (a
/// -0.0 is not a 0.0, a NaN equals a NaN), nulls where it has nulls.
fn same_cells(got: &Table, want: &Table) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.name, want.name);
    prop_assert_eq!(got.columns.len(), want.columns.len());
    prop_assert_eq!(got.len(), want.len());
    for (g, w) in got.columns.iter().zip(&want.columns) {
        let at = format!("{}.{}", want.name, w.spec.name);
        prop_assert_eq!(g.spec, w.spec, "{}", at);
        prop_assert_eq!(g.values.null_count(), w.values.null_count(), "{}", at);
        match (&g.values, &w.values) {
            (Values::Str(a), Values::Str(b)) => {
                prop_assert!(a.iter().eq(b.iter()), "{}", at)
            }
            (Values::F64(a), Values::F64(b)) => {
                let bits = |c: &okrkit::table::Cells<f64>| {
                    c.iter().map(|v| v.map(f64::to_bits)).collect::<Vec<_>>()
                };
                prop_assert_eq!(bits(a), bits(b), "{}", at)
            }
            (Values::I64(a), Values::I64(b)) => prop_assert!(a.iter().eq(b.iter()), "{}", at),
            (Values::Bool(a), Values::Bool(b)) => prop_assert!(a.iter().eq(b.iter()), "{}", at),
            (Values::Date(a), Values::Date(b)) => prop_assert!(a.iter().eq(b.iter()), "{}", at),
            _ => prop_assert!(false, "{}: column types differ", at),
        }
    }
    // The cells read alike; the tables themselves must be equal too: what a
    // null slot holds and each text column's layout, which reading by cell
    // does not see (NaN, unequal to itself, is left to the bits above).
    let nan = want.columns.iter().any(|c| match &c.values {
        Values::F64(a) => a.iter().any(|v| v.is_some_and(f64::is_nan)),
        _ => false,
    });
    if !nan {
        prop_assert!(got == want, "{}: equal cells, unequal tables", want.name);
    }
    Ok(())
}

/// Options over a document: a date before, inside or after its cycles (or
/// none), either milestone policy, and mostly a filter by one of its cycles
/// or teams (or none); one case in eight names a cycle or team it does not
/// have.
fn options(
    doc: &Document,
    day: Option<i64>,
    count: bool,
    cycle: u16,
    team: u16,
) -> ProgressOptions {
    let mut opts = ProgressOptions::default();
    let first = doc.cycles.first().map_or(NaiveDate::MIN, |c| c.start);
    opts.as_of = day.and_then(|d| first.checked_add_signed(chrono::Duration::days(d)));
    if count {
        opts.milestones = MilestonePolicy::CountAsImported;
    }
    // Low values: no filter; then one of the document's; 7 (of 8): unknown.
    let pick = |choice: u16, len: usize| match choice % 8 {
        0..=2 => None,
        7 => Some(None),
        k => Some(Some(k as usize % len.max(1))),
    };
    opts.cycle = pick(cycle, doc.cycles.len()).map(|i| {
        i.and_then(|i| doc.cycles.get(i))
            .map_or_else(|| CycleId::from("no-such-cycle"), |c| c.id.clone())
    });
    opts.team = pick(team, doc.teams.len()).map(|i| {
        i.and_then(|i| doc.teams.get(i))
            .map_or_else(|| TeamId::from("no-such-team"), |t| t.id.clone())
    });
    opts
}

/// One change to a generated key result, so that every path of the rules is
/// taken (the generator writes no own values, no met milestones and only
/// `at_least` thresholds, and gives every key result check-ins).
#[derive(Debug, Clone, Copy)]
enum Edit {
    /// Its own current value (or a milestone done).
    OwnValue(u16),
    /// A threshold to stay at most at.
    AtMost,
    /// No check-in history.
    NoHistory,
    /// No history, and an own value: the value the as-of roll-up falls back to.
    OnlyOwnValue(u16),
    /// A weight at either end of the finite range.
    Weight(bool),
    /// A metric whose attainment needs the overflow-safe path.
    Extreme,
}

fn edit() -> impl Strategy<Value = Option<Edit>> {
    prop_oneof![
        3 => Just(None),
        1 => any::<u16>().prop_map(|x| Some(Edit::OwnValue(x))),
        1 => Just(Some(Edit::AtMost)),
        1 => Just(Some(Edit::NoHistory)),
        1 => any::<u16>().prop_map(|x| Some(Edit::OnlyOwnValue(x))),
        1 => any::<bool>().prop_map(|x| Some(Edit::Weight(x))),
        1 => Just(Some(Edit::Extreme)),
    ]
}

/// A generated document with `edits` applied to its key results in order,
/// objective `a` aligned to objective `b` for each pair (any cycle, either
/// order in the document), and the first objective emptied when `empty`.
fn edited(
    mut doc: Document,
    edits: &[Option<Edit>],
    aligns: &[(u16, u16)],
    empty: bool,
) -> Document {
    let mut without_history = std::collections::HashSet::new();
    let krs = doc
        .objectives
        .iter_mut()
        .flat_map(|o| o.key_results.iter_mut());
    for (k, e) in krs.zip(edits) {
        let Some(e) = *e else { continue };
        match (e, &mut k.measure) {
            (
                Edit::OwnValue(x) | Edit::OnlyOwnValue(x),
                Measure::Metric { current, .. } | Measure::Threshold { current, .. },
            ) => {
                *current = Some(f64::from(x % 1000) / 10.0);
            }
            (Edit::OwnValue(_) | Edit::OnlyOwnValue(_), Measure::Milestone { done }) => {
                *done = true
            }
            (Edit::AtMost, Measure::Threshold { direction, .. }) => {
                *direction = ThresholdDirection::AtMost
            }
            (Edit::Weight(big), _) => k.weight = if big { 1e308 } else { 1e-300 },
            (
                Edit::Extreme,
                Measure::Metric {
                    baseline,
                    target,
                    current,
                    ..
                },
            ) => {
                (*baseline, *target, *current) = (-1e308, 0.0, Some(1.5e308));
            }
            _ => {}
        }
        if matches!(e, Edit::NoHistory | Edit::OnlyOwnValue(_)) {
            without_history.insert(k.id.clone());
        }
    }
    if empty && let Some(o) = doc.objectives.first_mut() {
        without_history.extend(o.key_results.drain(..).map(|k| k.id));
    }
    doc.check_ins
        .retain(|c| !without_history.contains(&c.key_result));
    let n = doc.objectives.len();
    for &(a, b) in aligns {
        let (child, parent) = (usize::from(a) % n, usize::from(b) % n);
        if child != parent {
            let parent = doc.objectives[parent].id.clone();
            doc.objectives[child].aligned_to = Some(Alignment {
                objective: parent,
                how: AlignmentKind::Cascaded,
            });
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn the_columns_give_the_report(
        seed in 0u64..10_000,
        krs in 1usize..120,
        cycles in 1usize..4,
        day in prop::option::of(-30i64..400),
        count in any::<bool>(),
        cycle in any::<u16>(),
        team in any::<u16>(),
        edits in prop::collection::vec(edit(), 0..120),
        aligns in prop::collection::vec((any::<u16>(), any::<u16>()), 0..8),
        empty in any::<bool>(),
    ) {
        let mut size = GenerateOptions::scaled(krs);
        size.seed = seed;
        size.cycles = cycles;
        size.teams = (krs / 10).max(1);
        let doc = edited(generate(&size), &edits, &aligns, empty);
        let opts = options(&doc, day, count, cycle, team);
        // An alignment may close a cycle: such a document is refused, and
        // that case tells nothing about the roll-up.
        let Ok(org) = Org::new(doc) else { return Err(TestCaseError::reject("alignment cycle")) };
        agree(&org, &opts)?;
    }
}

#[test]
fn an_aligned_child_outside_the_filter_and_an_objective_without_key_results() {
    let org = Org::from_json(
        r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"},
                       {"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"}],
            "teams": [{"id": "web", "name": "Web"}, {"id": "app", "name": "App"}],
            "objectives": [
              {"id": "parent", "title": "P", "team": "web", "cycle": "q1", "key_results": [
                {"id": "k1", "title": "K1 from 0 to 10", "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 4}}]},
              {"id": "child", "title": "C", "team": "app", "cycle": "q1", "aligned_to": {"objective": "parent", "how": "cascaded"}, "key_results": [
                {"id": "k2", "title": "K2 from 0 to 10", "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 8}},
                {"id": "m", "title": "Ship it", "measure": {"type": "milestone", "done": true}}]},
              {"id": "empty", "title": "E", "team": "web", "cycle": "q2", "key_results": []}]}"#,
    )
    .expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 2, 15);
    for team in [None, Some("web"), Some("app")] {
        for cycle in [None, Some("q1"), Some("q2")] {
            for milestones in [MilestonePolicy::LeaveOut, MilestonePolicy::CountAsImported] {
                let mut opts = ProgressOptions::default().milestones(milestones);
                opts.as_of = day;
                opts.team = team.map(TeamId::from);
                opts.cycle = cycle.map(CycleId::from);
                agree(&org, &opts).expect("agree");
            }
        }
    }
    let columns = org
        .progress_columns(&ProgressOptions::default().team("web"))
        .expect("columns");
    // The child (team app) is not a row, yet its progress stands beside its parent.
    let report = columns.to_report();
    assert_eq!(report.objectives.len(), 2);
    assert_eq!(report.objectives[0].aligned[0].progress, Some(0.8));
    // An objective without key results has no progress, never 0 (R2).
    assert_eq!(columns.objective(1).progress(), None);
    assert_eq!(columns.objective(1).key_results().len(), 0);
}

#[test]
fn an_unknown_cycle_or_team_is_the_same_error() {
    let org = Org::from_json(
        r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
            "teams": [{"id": "web", "name": "Web"}], "objectives": []}"#,
    )
    .expect("valid");
    for opts in [
        ProgressOptions::default().cycle("q9"),
        ProgressOptions::default().team("web-shop"),
    ] {
        let err = org.progress_columns(&opts).expect_err("refused");
        assert_eq!(err.code(), "dangling_reference");
        assert_eq!(err.path(), org.progress(&opts).expect_err("refused").path());
    }
}

/// A value as its JSON text (rows of the report and rows read alone
/// compared as JSON, which keeps -0.0 apart from 0.0).
fn json_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("json")
}
