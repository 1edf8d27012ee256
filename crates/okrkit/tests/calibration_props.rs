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
