//! Properties of the progress arithmetic and of the document model (proptest).

use okrkit::progress::{attainment, clamp_progress};
use okrkit::*;
use proptest::prelude::*;

fn finite() -> impl Strategy<Value = f64> {
    -1.0e6..1.0e6f64
}

fn metric_kr(i: usize, b: f64, t: f64, c: f64, w: f64) -> KeyResult {
    KeyResult {
        id: KeyResultId::from(format!("k{i}")),
        title: format!("Metric {i} from {b} to {t}"),
        measure: Measure::Metric {
            baseline: b,
            target: t,
            current: Some(c),
            unit: None,
        },
        weight: w,
        responsible: None,
        key_partner: None,
    }
}

fn doc_with(krs: Vec<KeyResult>, initiatives: Vec<Initiative>) -> Document {
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    Document {
        cycles: vec![Cycle {
            id: "q".into(),
            name: "Q".into(),
            start: date(1, 1),
            end: date(3, 31),
        }],
        teams: vec![Team {
            id: "t".into(),
            name: "T".into(),
            parent: None,
        }],
        objectives: vec![Objective {
            id: "o".into(),
            title: "O".into(),
            team: "t".into(),
            cycle: "q".into(),
            kind: ObjectiveType::Aspirational,
            aligned_to: None,
            visibility: Visibility::Public,
            key_results: krs,
        }],
        initiatives,
        ..Document::default()
    }
}

fn objective_progress(doc: Document) -> Option<f64> {
    let org = Org::new(doc).expect("valid");
    org.progress(&ProgressOptions::default())
        .expect("progress")
        .objectives[0]
        .progress
}

prop_compose! {
    fn kr_values()(b in finite(), d in 0.001..1.0e5f64, up in any::<bool>(), c in finite(), w in 0.01..100.0f64)
        -> (f64, f64, f64, f64) {
        let t = if up { b + d } else { b - d };
        (b, t, c, w)
    }
}

proptest! {
    #[test]
    fn progress_is_in_unit_interval((b, t, c, _) in kr_values()) {
        let p = clamp_progress(attainment(b, t, c));
        prop_assert!((0.0..=1.0).contains(&p));
        prop_assert!(p.is_sign_positive());
    }

    #[test]
    fn increasing_and_decreasing_are_symmetric((b, t, c, _) in kr_values()) {
        // Mirroring every value (x -> -x) turns an increasing metric into a
        // decreasing one with the very same attainment.
        let a = attainment(b, t, c);
        let mirrored = attainment(-b, -t, -c);
        prop_assert!(a == mirrored || (a - mirrored).abs() <= 1e-12 * a.abs().max(1.0));
    }

    #[test]
    fn scaling_weights_and_reordering_change_nothing(
        krs in prop::collection::vec(kr_values(), 1..8),
        scale in prop::sample::select(vec![0.5, 2.0, 4.0, 1024.0]),
    ) {
        let base: Vec<_> = krs.iter().enumerate().map(|(i, &(b, t, c, w))| metric_kr(i, b, t, c, w)).collect();
        let p = objective_progress(doc_with(base.clone(), vec![])).expect("progress");
        let scaled: Vec<_> = base.iter().cloned().map(|mut k| { k.weight *= scale; k }).collect();
        let ps = objective_progress(doc_with(scaled, vec![])).expect("progress");
        prop_assert_eq!(p.to_bits(), ps.to_bits(), "scaling by a power of two is exact");
        let mut reversed = base.clone();
        reversed.reverse();
        let pr = objective_progress(doc_with(reversed, vec![])).expect("progress");
        prop_assert!((p - pr).abs() <= 1e-12, "{} vs {}", p, pr);
        prop_assert!((0.0..=1.0).contains(&p));
    }

    #[test]
    fn initiatives_never_change_progress(
        krs in prop::collection::vec(kr_values(), 1..5),
        statuses in prop::collection::vec(0..5usize, 0..6),
    ) {
        let base: Vec<_> = krs.iter().enumerate().map(|(i, &(b, t, c, w))| metric_kr(i, b, t, c, w)).collect();
        let without = objective_progress(doc_with(base.clone(), vec![]));
        let all = [InitiativeStatus::Proposed, InitiativeStatus::Active, InitiativeStatus::Done, InitiativeStatus::Swapped, InitiativeStatus::Killed];
        let initiatives = statuses.iter().enumerate().map(|(i, &s)| Initiative {
            id: InitiativeId::from(format!("i{i}")),
            title: format!("Build thing {i}"),
            team: "t".into(),
            key_results: vec![KeyResultId::from(format!("k{}", i % base.len()))],
            status: all[s],
        }).collect();
        let with = objective_progress(doc_with(base, initiatives));
        prop_assert_eq!(without.map(f64::to_bits), with.map(f64::to_bits));
    }

    #[test]
    fn json_round_trip_is_identity(krs in prop::collection::vec(kr_values(), 0..6)) {
        let krs = krs.iter().enumerate().map(|(i, &(b, t, c, w))| metric_kr(i, b, t, c, w)).collect();
        let doc = doc_with(krs, vec![]);
        let back = Document::from_json(&doc.to_json().expect("finite")).expect("reads back");
        prop_assert_eq!(&doc, &back);
        let pretty = Document::from_json(&doc.to_json_pretty().expect("finite")).expect("reads back");
        prop_assert_eq!(doc, pretty);
    }

    #[test]
    fn loading_never_panics(text in ".{0,200}") {
        let _ = Org::from_json(&text);
    }
}

#[test]
fn generated_organisations_are_valid_and_deterministic() {
    let opts = okrkit::generate::GenerateOptions::scaled(2_000);
    let a = okrkit::generate::generate(&opts);
    let b = okrkit::generate::generate(&opts);
    assert_eq!(a, b);
    let org = Org::new(a).expect("valid");
    assert_eq!(org.key_result_count(), 2_000);
    assert_eq!(org.document().check_ins.len(), 20_000);
}

#[test]
fn hundred_thousand_deep_alignment_chain_validates_without_overflow() {
    let mut doc = doc_with(vec![], vec![]);
    let template = doc.objectives[0].clone();
    doc.objectives = (0..100_000)
        .map(|i| {
            let mut o = template.clone();
            o.id = ObjectiveId::from(format!("o{i}"));
            o.aligned_to = (i > 0).then(|| Alignment {
                objective: ObjectiveId::from(format!("o{}", i - 1)),
                how: AlignmentKind::Cascaded,
            });
            o
        })
        .collect();
    let org = Org::new(doc.clone()).expect("a deep chain is valid");
    assert_eq!(
        org.progress(&ProgressOptions::default())
            .expect("progress")
            .objectives
            .len(),
        100_000
    );
    // Close the chain into a loop: every objective on it is reported.
    doc.objectives[0].aligned_to = Some(Alignment {
        objective: ObjectiveId::from("o99999"),
        how: AlignmentKind::Laddered,
    });
    let problems = validate(&doc);
    assert_eq!(problems.len(), 100_000);
    assert!(
        problems
            .iter()
            .all(|p| p.code == ProblemCode::AlignmentCycle)
    );
}

#[test]
fn a_team_filter_keeps_exactly_that_teams_objectives_with_the_same_numbers() {
    let doc = okrkit::generate::generate(&okrkit::generate::GenerateOptions::scaled(400));
    let org = okrkit::Org::new(doc).expect("generated documents are valid");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15).unwrap();
    let all = org
        .progress(&okrkit::ProgressOptions::default().as_of(as_of))
        .unwrap();
    let mut seen = 0;
    for team in org.document().teams {
        let only = org
            .progress(
                &okrkit::ProgressOptions::default()
                    .as_of(as_of)
                    .team(team.id.clone()),
            )
            .unwrap();
        let want: Vec<_> = all
            .objectives
            .iter()
            .filter(|o| o.team == team.id)
            .collect();
        assert_eq!(
            only.objectives.iter().collect::<Vec<_>>(),
            want,
            "team {}",
            team.id
        );
        assert!(only.teams.iter().all(|t| t.team == team.id));
        // The team lines are the unfiltered report's lines for that team.
        let want_teams: Vec<_> = all.teams.iter().filter(|t| t.team == team.id).collect();
        assert_eq!(only.teams.iter().collect::<Vec<_>>(), want_teams);
        seen += only.objectives.len();
    }
    assert_eq!(
        seen,
        all.objectives.len(),
        "every objective belongs to exactly one team"
    );
    let err = org
        .progress(&okrkit::ProgressOptions::default().team("no-such-team"))
        .unwrap_err();
    assert_eq!(err.code(), "dangling_reference");
}
