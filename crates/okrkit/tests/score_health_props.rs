//! Properties of stretch scoring (R5) and program health (R10) on generated
//! cycles with check-ins (proptest). Scoring: every score in [0, 1] with the
//! band of its value, an objective's score the weighted mean of its key
//! results', the verdict its type asks for, a team's scores the means of its
//! objectives', the same numbers as progress at the close, and none of it
//! moved by the order of objectives or key results. Health: the organisation
//! is the sum of its teams, each count within its bounds, and the score bands
//! after the close are the score report's.

use okrkit::health::{HealthOptions, TeamHealth};
use okrkit::score::{ASPIRATIONAL_SUCCESS_FROM, Band, ScoreReport, Verdict};
use okrkit::*;
use proptest::prelude::*;

/// One key result: a metric (baseline, target, current, weight, check-ins)
/// or a milestone (done, weight).
#[derive(Debug, Clone)]
enum Kr {
    Metric(f64, f64, Option<f64>, f64, Vec<Check>),
    Milestone(bool, f64),
}

/// A check-in: days after 2025-12-15 (some before the cycle, some after
/// it), value, confidence.
#[derive(Debug, Clone)]
struct Check(i64, f64, Option<f64>);

fn check_ins() -> impl Strategy<Value = Vec<Check>> {
    let one = (
        -1.0e6..1.0e6f64,
        prop::option::of((0..=20u8).prop_map(|c| f64::from(c) / 2.0)),
    );
    // Distinct days: two check-ins of a key result at one instant are refused.
    (
        prop::collection::btree_set(0..130i64, 0..5),
        prop::collection::vec(one, 5),
    )
        .prop_map(|(days, values)| {
            days.into_iter()
                .zip(values)
                .map(|(d, (v, c))| Check(d, v, c))
                .collect()
        })
}

fn kr() -> impl Strategy<Value = Kr> {
    let metric = (
        -1.0e6..1.0e6f64,
        0.001..1.0e5f64,
        any::<bool>(),
        prop::option::weighted(0.9, -1.0e6..1.0e6f64),
        0.01..100.0f64,
        check_ins(),
    )
        .prop_map(|(b, d, up, c, w, checks)| {
            Kr::Metric(b, if up { b + d } else { b - d }, c, w, checks)
        });
    let milestone = (any::<bool>(), 0.01..100.0f64).prop_map(|(done, w)| Kr::Milestone(done, w));
    prop_oneof![4 => metric, 1 => milestone]
}

/// Objectives: (team 0 or 1, committed?, key results).
fn objectives() -> impl Strategy<Value = Vec<(usize, bool, Vec<Kr>)>> {
    prop::collection::vec(
        (0..2usize, any::<bool>(), prop::collection::vec(kr(), 1..5)),
        1..6,
    )
}

fn date(m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn document(objectives: &[(usize, bool, Vec<Kr>)]) -> Document {
    let teams = ["web", "data"];
    let first = date(1, 1) - chrono::Days::new(17);
    let check_ins = objectives
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, krs))| krs.iter().enumerate().map(move |(j, kr)| (i, j, kr)))
        .flat_map(|(i, j, kr)| {
            match kr {
                Kr::Metric(.., checks) => checks.clone(),
                Kr::Milestone(..) => Vec::new(),
            }
            .into_iter()
            .map(move |Check(day, value, confidence)| CheckIn {
                key_result: format!("o{i}k{j}").into(),
                at: (first + chrono::Days::new(day as u64))
                    .and_hms_opt(12, 0, 0)
                    .expect("noon")
                    .and_utc(),
                value,
                confidence,
                note: None,
                author: None,
            })
        })
        .collect();
    Document {
        check_ins,
        cycles: vec![Cycle {
            id: "q1".into(),
            name: "Q1".into(),
            start: date(1, 1),
            end: date(3, 31),
        }],
        teams: teams
            .iter()
            .map(|t| Team {
                id: (*t).into(),
                name: t.to_uppercase(),
                parent: None,
            })
            .collect(),
        objectives: objectives
            .iter()
            .enumerate()
            .map(|(i, (team, committed, krs))| Objective {
                id: format!("o{i}").into(),
                title: format!("Objective {i}"),
                team: teams[*team].into(),
                cycle: "q1".into(),
                kind: if *committed {
                    ObjectiveType::Committed
                } else {
                    ObjectiveType::Aspirational
                },
                aligned_to: None,
                visibility: Visibility::Public,
                key_results: krs
                    .iter()
                    .enumerate()
                    .map(|(j, kr)| {
                        let (measure, weight) = match *kr {
                            Kr::Metric(baseline, target, current, w, _) => (
                                Measure::Metric {
                                    baseline,
                                    target,
                                    current,
                                    unit: None,
                                },
                                w,
                            ),
                            Kr::Milestone(done, w) => (Measure::Milestone { done }, w),
                        };
                        KeyResult {
                            id: format!("o{i}k{j}").into(),
                            title: format!("Key result {j} of objective {i}"),
                            measure,
                            weight,
                            responsible: None,
                            key_partner: None,
                        }
                    })
                    .collect(),
            })
            .collect(),
        ..Document::default()
    }
}

fn score(doc: Document) -> (Org, ScoreReport) {
    let org = Org::new(doc).expect("a generated document is valid");
    let report = org.score_cycle("q1").expect("q1 is a cycle");
    (org, report)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The mean of the scored values, or None.
fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let scored: Vec<f64> = values.flatten().collect();
    (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64)
}

proptest! {
    /// Each score is in [0, 1], carries the band of its value, and an
    /// objective's is the weighted mean of its scored key results'.
    #[test]
    fn scores_are_weighted_means_in_the_unit_interval_with_their_bands(objs in objectives()) {
        let (_, report) = score(document(&objs));
        prop_assert_eq!(report.objectives.len(), objs.len());
        for o in &report.objectives {
            let mut sum = 0.0;
            let mut weights = 0.0;
            for k in &o.key_results {
                if let Some(s) = k.score {
                    prop_assert!((0.0..=1.0).contains(&s), "{}: {s}", k.key_result);
                    prop_assert_eq!(k.band, Some(Band::try_of(s).expect("finite")));
                    sum += s * k.weight;
                    weights += k.weight;
                } else {
                    prop_assert_eq!(k.band, None);
                }
            }
            let expected = (weights > 0.0).then(|| sum / weights);
            prop_assert!(close_opt(o.score, expected), "{}: {:?} against {:?}", o.objective, o.score, expected);
            if let Some(s) = o.score {
                prop_assert!((0.0..=1.0).contains(&s));
                prop_assert_eq!(o.band, Some(Band::try_of(s).expect("finite")));
            }
        }
    }

    /// The verdict is the one the objective's type asks for (R5): an
    /// aspirational objective succeeds in the green band, a committed one
    /// only at 1.0, and below it the retrospective must explain (R8).
    #[test]
    fn verdicts_follow_the_objective_type(objs in objectives()) {
        let (_, report) = score(document(&objs));
        for o in &report.objectives {
            let expected = match (o.kind, o.score) {
                (_, None) => Verdict::NotScored,
                (ObjectiveType::Aspirational, Some(s)) if s >= ASPIRATIONAL_SUCCESS_FROM => Verdict::StretchSuccess,
                (ObjectiveType::Aspirational, Some(_)) => Verdict::StretchShort,
                (ObjectiveType::Committed, Some(s)) if s >= 1.0 => Verdict::CommitmentMet,
                (ObjectiveType::Committed, Some(_)) => Verdict::ExplanationRequired,
            };
            prop_assert_eq!(o.verdict, expected, "{} scored {:?}", &o.objective, o.score);
            prop_assert_eq!(o.explanation_required, expected == Verdict::ExplanationRequired);
        }
    }

    /// A team's scores are the means of its scored objectives', by type.
    #[test]
    fn team_scores_are_the_means_of_their_objectives(objs in objectives()) {
        let (_, report) = score(document(&objs));
        for t in &report.teams {
            let mine = || report.objectives.iter().filter(|o| o.team == t.team);
            let of = |kind: ObjectiveType| mean(mine().filter(|o| o.kind == kind).map(|o| o.score));
            prop_assert!(close_opt(t.aspirational, of(ObjectiveType::Aspirational)), "{}", &t.team);
            prop_assert!(close_opt(t.committed, of(ObjectiveType::Committed)), "{}", &t.team);
            prop_assert_eq!(t.objectives, mine().filter(|o| o.score.is_some()).count());
        }
    }

    /// The score at the close is progress at the close (R2, R5): the same
    /// number for every objective, from two separate computations.
    #[test]
    fn scores_are_progress_at_the_close(objs in objectives()) {
        let (org, report) = score(document(&objs));
        let mut options = ProgressOptions::default();
        options.as_of = Some(date(3, 31));
        let progress = org.progress(&options).expect("progress");
        for o in &report.objectives {
            let p = progress.objectives.iter().find(|p| p.objective == o.objective).expect("reported");
            prop_assert!(close_opt(o.score, p.progress), "{}: score {:?}, progress {:?}", &o.objective, o.score, p.progress);
        }
    }

    /// Reversing the objectives and each one's key results moves no score.
    #[test]
    fn order_moves_no_score(objs in objectives()) {
        let (_, report) = score(document(&objs));
        let mut reversed = document(&objs);
        reversed.objectives.reverse();
        for o in &mut reversed.objectives {
            o.key_results.reverse();
        }
        let (_, again) = score(reversed);
        for o in &report.objectives {
            let a = again.objectives.iter().find(|a| a.objective == o.objective).expect("scored");
            prop_assert!(close_opt(o.score, a.score), "{}", &o.objective);
            prop_assert_eq!(o.verdict, a.verdict);
        }
        for t in &report.teams {
            let a = again.teams.iter().find(|a| a.team == t.team).expect("team");
            prop_assert!(close_opt(t.aspirational, a.aspirational) && close_opt(t.committed, a.committed));
        }
    }
}

/// The counts of a team's health that add up to the organisation's.
fn additive(h: &TeamHealth) -> Vec<usize> {
    let mut v = vec![
        h.objectives,
        h.key_results,
        h.check_ins,
        h.key_results_without_check_in,
        h.stale_key_results.len(),
        h.outcome_key_results,
        h.score_bands.red,
        h.score_bands.yellow,
        h.score_bands.green,
        h.score_bands.not_scored,
    ];
    v.extend(h.score_histogram);
    v.extend(h.confidence_histogram);
    v
}

proptest! {
    /// The organisation is the sum of its teams, and every count of a team
    /// is within its bounds, on any date.
    #[test]
    fn health_adds_up_and_stays_in_bounds(objs in objectives(), day in 0..130u64) {
        let (org, _) = score(document(&objs));
        let mut options = HealthOptions::default();
        options.as_of = Some(date(1, 1) - chrono::Days::new(17) + chrono::Days::new(day));
        let health = org.health("q1", &options).expect("health");
        let mut sum = vec![0; additive(&health.organisation).len()];
        for t in &health.teams {
            for (s, n) in sum.iter_mut().zip(additive(t)) {
                *s += n;
            }
        }
        prop_assert_eq!(&sum, &additive(&health.organisation));
        for h in health.teams.iter().chain([&health.organisation]) {
            let b = h.score_bands;
            prop_assert_eq!(b.red + b.yellow + b.green + b.not_scored, h.objectives);
            prop_assert_eq!(h.score_histogram.iter().sum::<usize>(), h.objectives - b.not_scored);
            prop_assert!(h.confidence_histogram.iter().sum::<usize>() <= h.key_results);
            prop_assert!(h.key_results_without_check_in <= h.key_results);
            prop_assert!(h.stale_key_results.len() <= h.key_results);
            prop_assert!(h.outcome_key_results <= h.key_results);
            let share = (h.key_results > 0).then(|| h.outcome_key_results as f64 / h.key_results as f64);
            prop_assert!(close_opt(h.outcome_share, share));
            if let Some(c) = h.mean_confidence {
                prop_assert!((0.0..=10.0).contains(&c));
            }
        }
    }

    /// After the close, the health report's score bands are the score
    /// report's, objective by objective (R5, R10).
    #[test]
    fn health_bands_after_the_close_are_the_scores(objs in objectives()) {
        let (org, report) = score(document(&objs));
        let mut options = HealthOptions::default();
        options.as_of = Some(date(4, 15));
        let health = org.health("q1", &options).expect("health");
        let count = |band: Option<Band>| report.objectives.iter().filter(|o| o.band == band).count();
        let b = health.organisation.score_bands;
        prop_assert_eq!(
            (b.red, b.yellow, b.green, b.not_scored),
            (count(Some(Band::Red)), count(Some(Band::Yellow)), count(Some(Band::Green)), count(None))
        );
    }
}
