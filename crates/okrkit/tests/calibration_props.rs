//! Stretch calibration (R5) over many cycles (proptest): the one-pass
//! calibration agrees with a plain reference that checks every team against
//! every report, on reports where teams come and go, repeat within a report,
//! or have no aspirational score; and an organisation's calibration agrees
//! with `calibrate` over its cycles' score reports (and `Org::calibration`,
//! `score_all` with `score_cycle`).

use okrkit::score::{Calibration, CalibrationFlag, ScoreReport, calibrate};
use okrkit::{CycleId, Org, TeamId};
use proptest::prelude::*;

/// The rule in its plainest form: for each team (in order of first
/// appearance), walk every report in order; a report without the team, or
/// without an aspirational mean, or with a mean in neither band, ends a run;
/// runs of 2 or more consecutive reports in one band are flagged. A team
/// listed twice in one report counts with its last row.
fn reference(reports: &[ScoreReport]) -> Vec<(TeamId, CalibrationFlag, Vec<CycleId>, Vec<f64>)> {
    let mut teams: Vec<&TeamId> = Vec::new();
    for r in reports {
        for t in &r.teams {
            if !teams.contains(&&t.team) {
                teams.push(&t.team);
            }
        }
    }
    let mut out = Vec::new();
    for team in teams {
        type Run = Option<(CalibrationFlag, Vec<CycleId>, Vec<f64>)>;
        let mut run: Run = None;
        let mut close = |run: &mut Run| {
            if let Some((flag, cycles, scores)) = run.take()
                && cycles.len() >= 2
            {
                out.push((team.clone(), flag, cycles, scores));
            }
        };
        for r in reports {
            let score = r
                .teams
                .iter()
                .rev()
                .find(|t| &t.team == team)
                .and_then(|t| t.aspirational);
            let flag = match score {
                Some(s) if s >= 1.0 => Some(CalibrationFlag::SafeGoals),
                Some(s) if s <= 0.1 => Some(CalibrationFlag::Overreaching),
                _ => None,
            };
            match (flag, score, &mut run) {
                (Some(f), Some(s), Some((rf, cycles, scores))) if *rf == f => {
                    cycles.push(r.cycle.clone());
                    scores.push(s);
                }
                (Some(f), Some(s), _) => {
                    close(&mut run);
                    run = Some((f, vec![r.cycle.clone()], vec![s]));
                }
                _ => close(&mut run),
            }
        }
        close(&mut run);
    }
    out
}

fn flat(c: &[Calibration]) -> Vec<(TeamId, CalibrationFlag, Vec<CycleId>, Vec<f64>)> {
    c.iter()
        .map(|c| (c.team.clone(), c.flag, c.cycles.clone(), c.scores.clone()))
        .collect()
}

/// Reports read back from JSON (the types are `#[non_exhaustive]`): each
/// cycle lists some of 6 teams, possibly twice, each with a mean drawn from
/// both bands, the middle, or none.
fn reports() -> impl Strategy<Value = Vec<ScoreReport>> {
    let mean = prop_oneof![
        Just(None),
        Just(Some(0.0)),
        Just(Some(0.1)),
        Just(Some(0.5)),
        Just(Some(1.0)),
        Just(Some(1.3)),
    ];
    let row = (0..6usize, mean);
    prop::collection::vec(prop::collection::vec(row, 0..8), 0..12).prop_map(|cycles| {
        cycles
            .into_iter()
            .enumerate()
            .map(|(ci, rows)| {
                let cycle = format!("c{ci}");
                let teams: Vec<_> = rows
                    .into_iter()
                    .map(|(t, m)| {
                        serde_json::json!({"team": format!("t{t}"), "cycle": cycle,
                            "aspirational": m, "committed": null, "objectives": 1})
                    })
                    .collect();
                serde_json::from_value(serde_json::json!({
                    "cycle": cycle, "objectives": [], "teams": teams
                }))
                .expect("a score report")
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn one_pass_calibration_equals_the_reference(reports in reports()) {
        prop_assert_eq!(flat(&calibrate(&reports)), reference(&reports));
    }
}

/// An organisation of 4 teams over 30 quarters, each team one aspirational
/// objective per quarter whose key result ends at 0%, 50% or 100% of its
/// target in runs of 1 to 4 quarters (team `t` keeps a level for `t + 1`).
fn many_cycles() -> Org {
    let mut cycles = Vec::new();
    let mut objectives = Vec::new();
    for q in 0..30u32 {
        let (year, quarter) = (2026 + q / 4, q % 4);
        let start = format!("{year}-{:02}-01", quarter * 3 + 1);
        let end = ["03-31", "06-30", "09-30", "12-31"][quarter as usize];
        cycles.push(
            serde_json::json!({"id": format!("q{q}"), "name": format!("Q{q}"),
            "start": start, "end": format!("{year}-{end}")}),
        );
        for t in 0..4u32 {
            let current = [0.0, 50.0, 100.0][((q / (t + 1) + t) % 3) as usize];
            objectives.push(serde_json::json!({
                "id": format!("o{q}-{t}"), "title": "Delight customers", "team": format!("t{t}"),
                "cycle": format!("q{q}"), "type": "aspirational",
                "key_results": [{"id": format!("k{q}-{t}"), "title": "Weekly active users from 0 to 100",
                    "measure": {"type": "metric", "baseline": 0, "target": 100, "current": current}}]}));
        }
    }
    let teams: Vec<_> = (0..4)
        .map(|t| serde_json::json!({"id": format!("t{t}"), "name": format!("Team {t}")}))
        .collect();
    let doc = serde_json::json!({"cycles": cycles, "teams": teams, "objectives": objectives});
    Org::from_json(&doc.to_string()).expect("valid")
}

/// An organisation's calibration (in its health report) is `calibrate` over
/// its cycles' score reports, up to the cycle asked for, with many cycles.
#[test]
fn health_calibration_over_many_cycles_equals_calibrate_of_the_scores() {
    let org = many_cycles();
    let scores = org.score_all();
    assert_eq!(scores.len(), 30);
    let all = calibrate(&scores);
    assert!(all.len() >= 4, "{} runs", all.len());
    assert!(all.iter().any(|c| c.flag == CalibrationFlag::SafeGoals));
    assert!(all.iter().any(|c| c.flag == CalibrationFlag::Overreaching));
    assert_eq!(flat(&org.calibration()), flat(&all));
    for (i, cycle) in org.document().cycles.iter().enumerate() {
        // `score_all` (objectives bucketed once) is `score_cycle` of each.
        assert_eq!(
            scores[i],
            org.score_cycle(cycle.id.as_str()).expect("a cycle")
        );
        let health = org
            .health(cycle.id.as_str(), &Default::default())
            .expect("health");
        assert_eq!(
            flat(&health.calibration),
            flat(&calibrate(&scores[..=i])),
            "{}",
            cycle.id.as_str()
        );
    }
}

/// A document of `levels.len()` cycles over `cycles` (their ids and dates, in
/// the order given), 3 teams, and one aspirational objective per team and
/// cycle whose key result ends at the level's share of its target (none when
/// the level is `None`).
fn listed(cycles: &[(String, String, String)], levels: &[[Option<u8>; 3]]) -> Org {
    let mut objectives = Vec::new();
    let mut docs_cycles = Vec::new();
    for ((id, start, end), level) in cycles.iter().zip(levels) {
        docs_cycles.push(serde_json::json!({"id": id, "name": id, "start": start, "end": end}));
        for (t, l) in level.iter().enumerate() {
            let Some(l) = l else { continue };
            let current = [0.0, 50.0, 100.0][*l as usize];
            objectives.push(serde_json::json!({
                "id": format!("o-{id}-{t}"), "title": "Delight customers", "team": format!("t{t}"),
                "cycle": id, "type": "aspirational",
                "key_results": [{"id": format!("k-{id}-{t}"), "title": "Weekly active users from 0 to 100",
                    "measure": {"type": "metric", "baseline": 0, "target": 100,
                                "current": current}}]}));
        }
    }
    let teams: Vec<_> = (0..3)
        .map(|t| serde_json::json!({"id": format!("t{t}"), "name": format!("Team {t}")}))
        .collect();
    let doc = serde_json::json!({"cycles": docs_cycles, "teams": teams, "objectives": objectives});
    Org::from_json(&doc.to_string()).expect("valid")
}

/// The stretch findings of a lint (code, path, message).
fn stretch_findings(org: &Org) -> Vec<(String, String, String)> {
    org.lint(&Default::default())
        .findings
        .into_iter()
        .filter(|f| f.code.as_str().starts_with("stretch_"))
        .map(|f| (f.code.as_str().to_owned(), f.path, f.message))
        .collect()
}

/// Cycle `i` of a listing: quarters from 2026, except that cycles 3 and 4
/// share their dates (a tie the ids order) and cycle 5 starts with cycle 4
/// but ends later.
fn cycle_dates(i: usize) -> (String, String, String) {
    let q = match i {
        4 => 3,
        _ => i,
    };
    let (year, quarter) = (2026 + q / 4, q % 4);
    let start = format!("{year}-{:02}-01", quarter * 3 + 1);
    let end = match i {
        5 => format!("{}-12-31", 2026 + q / 4 + 1),
        _ => format!("{year}-{}", ["03-31", "06-30", "09-30", "12-31"][quarter]),
    };
    // Ids that do not sort like the dates.
    (format!("c{}", (i * 7) % 10), start, end)
}

proptest! {
    /// Calibration (F5 of round 15) follows the cycles' dates: shuffling the
    /// order the document lists them in gives the same calibration, score
    /// reports (`score_all`, oldest first), stretch findings and health.
    #[test]
    fn listing_order_of_cycles_changes_no_calibration(
        levels in prop::collection::vec(
            prop::array::uniform3(prop_oneof![Just(None), Just(Some(0u8)), Just(Some(1u8)), Just(Some(2u8))]),
            1..9),
        shuffle in prop::collection::vec(any::<u32>(), 9),
    ) {
        let cycles: Vec<_> = (0..levels.len()).map(cycle_dates).collect();
        let in_time = listed(&cycles, &levels);
        let mut order: Vec<usize> = (0..levels.len()).collect();
        order.sort_by_key(|&i| shuffle[i]);
        let shuffled = listed(
            &order.iter().map(|&i| cycles[i].clone()).collect::<Vec<_>>(),
            &order.iter().map(|&i| levels[i]).collect::<Vec<_>>(),
        );
        prop_assert_eq!(flat(&shuffled.calibration()), flat(&in_time.calibration()));
        prop_assert_eq!(shuffled.score_all(), in_time.score_all());
        prop_assert_eq!(flat(&calibrate(&shuffled.score_all())), flat(&in_time.calibration()));
        prop_assert_eq!(stretch_findings(&shuffled), stretch_findings(&in_time));
        for (id, _, _) in &cycles {
            let a = shuffled.health(id.as_str(), &Default::default()).expect("health");
            let b = in_time.health(id.as_str(), &Default::default()).expect("health");
            prop_assert_eq!(a, b);
        }
    }
}

/// The red team's case (F5 of round 15): cycles listed q3, q1, q2; team `t`
/// at 1.0 in q1 and q3 and without an objective in q2, which lies between
/// them in time and breaks the run: no flag, whatever the listing. With 1.0
/// in q1 and q2 listed q3, q2, q1, the run reads oldest first: q1, q2.
#[test]
fn a_cycle_between_in_time_breaks_the_run_whatever_the_listing() {
    let q = |id: &str, start: &str, end: &str| (id.to_owned(), start.to_owned(), end.to_owned());
    let (q1, q2, q3) = (
        q("q1", "2026-01-01", "2026-03-31"),
        q("q2", "2026-04-01", "2026-06-30"),
        q("q3", "2026-07-01", "2026-09-30"),
    );
    let gap = listed(
        &[q3.clone(), q1.clone(), q2.clone()],
        &[
            [Some(2), None, None],
            [Some(2), None, None],
            [None, Some(1), None],
        ],
    );
    assert!(gap.calibration().is_empty());
    assert!(stretch_findings(&gap).is_empty());
    for c in ["q1", "q2", "q3"] {
        assert!(
            gap.health(c, &Default::default())
                .expect("health")
                .calibration
                .is_empty()
        );
    }
    let scored: Vec<_> = gap.score_all().into_iter().map(|r| r.cycle).collect();
    assert_eq!(scored, ["q1", "q2", "q3"].map(CycleId::new));
    let reversed = listed(
        &[q3, q2, q1],
        &[
            [None, Some(1), None],
            [Some(2), None, None],
            [Some(2), None, None],
        ],
    );
    let flags = reversed.calibration();
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].cycles, ["q1", "q2"].map(CycleId::new));
    // Health of q1 (the oldest) sees q1 alone: no run yet, though q2 and q3
    // come first in the document.
    assert!(
        reversed
            .health("q1", &Default::default())
            .expect("health")
            .calibration
            .is_empty()
    );
    assert_eq!(
        reversed
            .health("q2", &Default::default())
            .expect("health")
            .calibration,
        flags
    );
    let findings = stretch_findings(&reversed);
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].2.contains("in cycles q1, q2"),
        "{}",
        findings[0].2
    );
}

/// A document of cycles in time order (quarters from 2026), 6 teams and, per
/// cycle, objectives drawn as (team, committed, level): each has one key
/// result ending at 0%, 5%, 50%, 100% or 130% of its target, or none (an
/// objective with no key result has no score).
fn drawn(cycles: &[Vec<(usize, bool, Option<u8>)>]) -> Org {
    let mut docs_cycles = Vec::new();
    let mut objectives = Vec::new();
    for (q, drawn) in cycles.iter().enumerate() {
        let (year, quarter) = (2026 + q / 4, q % 4);
        let end = ["03-31", "06-30", "09-30", "12-31"][quarter];
        docs_cycles.push(
            serde_json::json!({"id": format!("q{q}"), "name": format!("Q{q}"),
            "start": format!("{year}-{:02}-01", quarter * 3 + 1), "end": format!("{year}-{end}")}),
        );
        for (i, (team, committed, level)) in drawn.iter().enumerate() {
            let key_results = match level {
                None => serde_json::json!([]),
                Some(l) => {
                    let current = [0.0, 5.0, 50.0, 100.0, 130.0][*l as usize];
                    serde_json::json!([{"id": format!("k{q}-{i}"),
                    "title": "Weekly active users from 0 to 100",
                    "measure": {"type": "metric", "baseline": 0, "target": 100,
                        "current": current}}])
                }
            };
            objectives.push(serde_json::json!({
                "id": format!("o{q}-{i}"), "title": "Delight customers", "team": format!("t{team}"),
                "cycle": format!("q{q}"),
                "type": if *committed { "committed" } else { "aspirational" },
                "key_results": key_results}));
        }
    }
    let teams: Vec<_> = (0..6)
        .map(|t| serde_json::json!({"id": format!("t{t}"), "name": format!("Team {t}")}))
        .collect();
    let doc = serde_json::json!({"cycles": docs_cycles, "teams": teams, "objectives": objectives});
    Org::from_json(&doc.to_string()).expect("valid")
}

/// A score report's team rows in their plainest form, from its objective
/// rows: each team in order of its first objective, with the mean of its
/// scored aspirational and committed objectives and how many were scored.
fn team_rows(report: &ScoreReport) -> Vec<okrkit::score::TeamCycleScore> {
    let mut teams: Vec<&TeamId> = Vec::new();
    for o in &report.objectives {
        if !teams.contains(&&o.team) {
            teams.push(&o.team);
        }
    }
    teams
        .into_iter()
        .map(|team| {
            let mean = |kind: okrkit::ObjectiveType| {
                let scores: Vec<f64> = report
                    .objectives
                    .iter()
                    .filter(|o| &o.team == team && o.kind == kind)
                    .filter_map(|o| o.score)
                    .collect();
                let mut sum = 0.0;
                for s in &scores {
                    sum += s;
                }
                (!scores.is_empty()).then(|| sum / scores.len() as f64)
            };
            serde_json::from_value(serde_json::json!({
                "team": team, "cycle": report.cycle,
                "aspirational": mean(okrkit::ObjectiveType::Aspirational),
                "committed": mean(okrkit::ObjectiveType::Committed),
                "objectives": report.objectives.iter()
                    .filter(|o| &o.team == team && o.score.is_some()).count(),
            }))
            .expect("a team score")
        })
        .collect()
}

proptest! {
    /// Round 18 builds the teams' scores by team index (exact rows, no
    /// hashing) and the calibration of `Org::calibration` and health from
    /// per-team counters, one cycle at a time: on organisations where teams
    /// come and go, hold several objectives of both types in a cycle, and
    /// have unscored ones, the team rows are those of the objective rows, and
    /// the calibration is `calibrate` of the score reports (and the plain
    /// reference), through every cycle.
    #[test]
    fn calibration_by_team_index_equals_calibrate_of_the_score_rows(
        cycles in prop::collection::vec(
            prop::collection::vec(
                (0..6usize, any::<bool>(), prop_oneof![Just(None), (0..5u8).prop_map(Some)]),
                0..10),
            1..7),
    ) {
        let org = drawn(&cycles);
        let scores = org.score_all();
        for report in &scores {
            prop_assert_eq!(&report.teams, &team_rows(report));
        }
        prop_assert_eq!(flat(&org.calibration()), reference(&scores));
        prop_assert_eq!(flat(&org.calibration()), flat(&calibrate(&scores)));
        for (i, report) in scores.iter().enumerate() {
            let health = org.health(report.cycle.as_str(), &Default::default()).expect("health");
            prop_assert_eq!(flat(&health.calibration), reference(&scores[..=i]));
        }
    }
}
