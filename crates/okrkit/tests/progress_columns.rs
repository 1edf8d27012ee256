//! The columnar roll-up (`Org::progress_columns`) gives the report
//! `Org::progress` gives, bit for bit, on generated organisations with every
//! option (proptest), and its row views read the same numbers.

use chrono::NaiveDate;
use okrkit::generate::{GenerateOptions, generate};
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
    Ok(())
}

/// Options over a generated document: a date inside, before or after its
/// cycles (or none), either milestone policy, and a filter by one of its
/// cycles or teams, or by a name it does not have.
fn options(
    doc: &Document,
    day: Option<i64>,
    count: bool,
    cycle: usize,
    team: usize,
) -> ProgressOptions {
    let mut opts = ProgressOptions::default();
    let first = doc.cycles.first().map_or(NaiveDate::MIN, |c| c.start);
    opts.as_of = day.and_then(|d| first.checked_add_signed(chrono::Duration::days(d)));
    if count {
        opts.milestones = MilestonePolicy::CountAsImported;
    }
    // 0: no filter; past the end: a name that is not there.
    opts.cycle = match cycle {
        0 => None,
        i => Some(
            doc.cycles
                .get(i - 1)
                .map_or_else(|| CycleId::from("no-such-cycle"), |c| c.id.clone()),
        ),
    };
    opts.team = match team {
        0 => None,
        i => Some(
            doc.teams
                .get(i - 1)
                .map_or_else(|| TeamId::from("no-such-team"), |t| t.id.clone()),
        ),
    };
    opts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_columns_give_the_report(
        seed in 0u64..10_000,
        krs in 1usize..80,
        day in prop::option::of(-30i64..400),
        count in any::<bool>(),
        cycle in 0usize..4,
        team in 0usize..8,
        // Some key results lose their own value, so that the baseline and
        // "no value" paths are taken too.
        drop_current in prop::collection::vec(any::<bool>(), 0..80),
    ) {
        let mut size = GenerateOptions::scaled(krs);
        size.seed = seed;
        let mut doc = generate(&size);
        let mut n = 0;
        for o in &mut doc.objectives {
            for k in &mut o.key_results {
                if drop_current.get(n).copied().unwrap_or(false) {
                    match &mut k.measure {
                        Measure::Metric { current, .. } | Measure::Threshold { current, .. } => *current = None,
                        _ => {}
                    }
                }
                n += 1;
            }
        }
        let opts = options(&doc, day, count, cycle, team);
        let org = Org::new(doc).expect("a generated document is valid");
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
