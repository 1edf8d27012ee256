//! The reports built without intermediate rows (issue 18, "The memory of the
//! reports") say what they said when they were derived from the progress
//! report, on generated organisations; they keep no spare room; and their
//! shared texts write the JSON that `String`s wrote.

use okrkit::generate::{GenerateOptions, generate};
use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::score::{Band, KeyResultScore, ScoreReport, Verdict, calibrate};
use okrkit::{MilestonePolicy, ObjectiveType, Org, ProgressOptions};
use proptest::prelude::*;

fn org(seed: u64, key_results: usize, cycles: usize, teams: usize) -> Org {
    let mut opts = GenerateOptions::scaled(key_results);
    opts.seed = seed;
    opts.cycles = cycles;
    opts.teams = teams;
    Org::new(generate(&opts)).expect("generated organisations are valid")
}

/// A cycle's scores as `Org::score_cycle` derived them before: from the
/// progress report at the cycle's close, milestones left out.
fn scores_from_progress(org: &Org, cycle: &str) -> Vec<(String, Verdict)> {
    let end = org
        .document()
        .cycles
        .iter()
        .find(|c| c.id.as_str() == cycle)
        .expect("cycle")
        .end;
    let progress = org
        .progress(
            &ProgressOptions::default()
                .as_of(end)
                .cycle(cycle)
                .milestones(MilestonePolicy::LeaveOut),
        )
        .expect("progress");
    let scored = org.score_cycle(cycle).expect("score");
    let mut verdicts = Vec::new();
    for (o, s) in progress.objectives.iter().zip(&scored.objectives) {
        assert_eq!(s.objective, o.objective);
        assert_eq!(s.team, o.team);
        assert_eq!(s.kind, o.kind);
        assert_eq!(s.score, o.progress);
        assert_eq!(
            s.band,
            o.progress.map(|p| Band::try_of(p).expect("a score"))
        );
        let krs: Vec<(String, Option<f64>, Option<f64>, f64)> = o
            .key_results
            .iter()
            .map(|k| {
                let score = if k.counted { k.progress } else { None };
                (k.key_result.to_string(), k.attainment, score, k.weight)
            })
            .collect();
        let got: Vec<(String, Option<f64>, Option<f64>, f64)> = s
            .key_results
            .iter()
            .map(|k: &KeyResultScore| (k.key_result.to_string(), k.attainment, k.score, k.weight))
            .collect();
        assert_eq!(got, krs);
        for k in &s.key_results {
            assert_eq!(k.band, k.score.map(|p| Band::try_of(p).expect("a score")));
        }
        verdicts.push((s.message.to_string(), s.verdict));
    }
    assert_eq!(progress.objectives.len(), scored.objectives.len());
    verdicts
}

/// Checks every report of `org`; returns how many long score messages and
/// lint suggestions were a repeat that shared an earlier row's text.
fn check(org: &Org) -> (usize, usize) {
    let mut shared_messages = 0;
    let doc = org.document();
    let all: Vec<ScoreReport> = org.score_all();
    assert_eq!(all.len(), doc.cycles.len());
    for (ci, c) in doc.cycles.iter().enumerate() {
        let verdicts = scores_from_progress(org, c.id.as_str());
        for (message, verdict) in verdicts {
            assert!(!message.is_empty());
            assert_eq!(
                verdict == Verdict::ExplanationRequired,
                message.contains("must explain")
            );
        }
        // Health's calibration is that of the score reports up to its cycle.
        let health = org
            .health(c.id.as_str(), &HealthOptions::default())
            .expect("health");
        assert_eq!(health.calibration, calibrate(&all[..=ci]));
        // Health's objective counts are those of the progress report at its date.
        let progress = org
            .progress(
                &ProgressOptions::default()
                    .as_of(health.as_of)
                    .cycle(c.id.as_str()),
            )
            .expect("progress");
        let scored = progress
            .objectives
            .iter()
            .filter(|o| o.progress.is_some())
            .count();
        let bands = health.organisation.score_bands;
        assert_eq!(bands.red + bands.yellow + bands.green, scored);
        assert_eq!(bands.not_scored, progress.objectives.len() - scored);
        assert_eq!(
            health.teams.iter().map(|t| t.objectives).sum::<usize>(),
            progress.objectives.len()
        );
        // No spare room kept (the point of the change).
        assert_eq!(health.teams.capacity(), health.teams.len());
        // Progress's team and cycle lists are allocated once, to the count
        // of rows (round 18: no shrinking after), for a cycle and for the
        // whole document: a count off by any row leaves spare room.
        let whole = org.progress(&ProgressOptions::default()).expect("progress");
        for p in [&progress, &whole] {
            assert_eq!(p.teams.capacity(), p.teams.len());
            assert_eq!(p.cycles.capacity(), p.cycles.len());
        }
        let report = &all[ci];
        assert_eq!(report.objectives.capacity(), report.objectives.len());
        assert_eq!(report.teams.capacity(), report.teams.len());
        // Objectives with the same message share its text (one copy each).
        let mut first: std::collections::HashMap<&str, *const u8> = Default::default();
        for o in &report.objectives {
            let seen = first.len();
            let at = *first
                .entry(o.message.as_str())
                .or_insert(o.message.as_ptr());
            if o.message.len() > 23 {
                assert_eq!(at, o.message.as_ptr(), "{}", o.message);
                shared_messages += usize::from(first.len() == seen);
            }
            assert_eq!(o.key_results.capacity(), o.key_results.len());
            // Committed and aspirational are judged apart (R5).
            if o.kind == ObjectiveType::Committed && o.verdict == Verdict::StretchSuccess {
                panic!("a committed objective judged as a stretch");
            }
        }
    }
    // Lint's stretch findings come from the calibration over every cycle.
    let lint = org.lint(&LintOptions::default());
    let stretch = lint
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with("stretch_"))
        .count();
    assert_eq!(stretch, calibrate(&all).len());
    assert_eq!(lint.findings.capacity(), lint.findings.len());
    // Findings with the same suggestion share its text (a milestone's is a
    // few hundred bytes: no copy per finding).
    let mut first: std::collections::HashMap<&str, *const u8> = Default::default();
    let mut shared_suggestions = 0;
    for f in &lint.findings {
        assert_eq!(f.message.capacity(), f.message.len());
        assert_eq!(f.path.capacity(), f.path.len());
        if let Some(s) = &f.suggestion {
            let seen = first.len();
            let at = *first.entry(s.as_str()).or_insert(s.as_ptr());
            if s.len() > 23 {
                assert_eq!(at, s.as_ptr(), "{s}");
                shared_suggestions += usize::from(first.len() == seen);
            }
        }
    }
    // The sharing was exercised, not skipped: long texts were seen again.
    (shared_messages, shared_suggestions)
}

#[test]
fn benchmark_shaped_organisation() {
    let (messages, suggestions) = check(&org(42, 4_000, 4, 200));
    assert!(
        messages > 0 && suggestions > 0,
        "the sharing checks ran on repeats: {messages} messages, {suggestions} suggestions"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_organisations(
        seed in any::<u64>(),
        key_results in 1usize..400,
        cycles in 1usize..5,
        teams in 1usize..12,
    ) {
        check(&org(seed, key_results, cycles, teams));
    }
}

/// A hand-made organisation where calibration has something to say: a team
/// scoring its aspirational objectives at 1.0 two cycles running (safe
/// goals), one near 0 (overreaching), a committed objective at 1.0 (not
/// counted) and an objective without key results. Health's calibration and
/// lint's stretch findings must name those flags, as the score reports do.
#[test]
fn calibration_through_a_cycle_names_the_flags_of_the_score_reports() {
    let objective = |id: &str, team: &str, cycle: &str, kind: &str, current: f64| {
        format!(
            r#"{{"id": "{id}", "title": "Objective {id}", "team": "{team}", "cycle": "{cycle}", "type": "{kind}",
               "key_results": [{{"id": "{id}-kr", "title": "Metric from 0 to 100",
                 "measure": {{"type": "metric", "baseline": 0, "target": 100, "current": {current}}}}}]}}"#
        )
    };
    let objectives = [
        objective("w1", "web", "q1", "aspirational", 100.0),
        objective("w2", "web", "q2", "aspirational", 100.0),
        objective("o1", "ops", "q1", "aspirational", 5.0),
        objective("o2", "ops", "q2", "aspirational", 2.0),
        objective("c1", "core", "q1", "committed", 100.0),
        objective("c2", "core", "q2", "committed", 100.0),
        r#"{"id": "e2", "title": "No key results yet", "team": "web", "cycle": "q2", "key_results": []}"#
            .to_owned(),
    ]
    .join(",");
    let org = Org::from_json(&format!(
        r#"{{"cycles": [{{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}},
                      {{"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"}}],
            "teams": [{{"id": "web", "name": "Web"}}, {{"id": "ops", "name": "Ops"}}, {{"id": "core", "name": "Core"}}],
            "objectives": [{objectives}]}}"#
    ))
    .expect("valid");
    let all = org.score_all();
    let expected = calibrate(&all);
    let teams: Vec<&str> = expected.iter().map(|c| c.team.as_str()).collect();
    assert!(
        teams.contains(&"web") && teams.contains(&"ops"),
        "{expected:?}"
    );
    assert!(
        !teams.contains(&"core"),
        "committed objectives are not calibrated"
    );
    let q1 = org.health("q1", &HealthOptions::default()).expect("health");
    assert_eq!(q1.calibration, calibrate(&all[..1]));
    let q2 = org.health("q2", &HealthOptions::default()).expect("health");
    assert_eq!(q2.calibration, expected);
    let stretch: Vec<String> = org
        .lint(&LintOptions::default())
        .findings
        .iter()
        .filter(|f| f.code.as_str().starts_with("stretch_"))
        .map(|f| f.code.as_str().to_owned())
        .collect();
    assert_eq!(stretch.len(), expected.len(), "{stretch:?}");
}

/// A finding as it was before its texts were shared: every text a `String`
/// (same fields, order and serde attributes).
#[derive(serde::Serialize)]
struct FindingOfStrings {
    code: String,
    severity: okrkit::lint::Severity,
    message: String,
    path: String,
    design_rule: String,
    suggestion: Option<String>,
    #[serde(flatten)]
    location: LocationOfStrings,
}

#[derive(serde::Serialize)]
struct LocationOfStrings {
    #[serde(skip_serializing_if = "Option::is_none")]
    cycle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    team: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    objective: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_result: Option<String>,
}

/// An objective's score with its message a `String`, likewise.
#[derive(serde::Serialize)]
struct ObjectiveScoreOfStrings<'a> {
    objective: &'a okrkit::ObjectiveId,
    team: &'a okrkit::TeamId,
    #[serde(rename = "type")]
    kind: ObjectiveType,
    score: Option<f64>,
    band: Option<Band>,
    verdict: Verdict,
    explanation_required: bool,
    message: String,
    key_results: &'a [KeyResultScore],
}

/// The shared texts write the JSON the `String`s wrote, byte for byte, and
/// read it back to equal reports. Returns how many findings had a suggestion
/// and a key result, and how many objectives were scored.
fn shared_texts_serialise_as_strings(org: &Org) -> (usize, usize) {
    let mut seen = (0, 0);
    let s = |t: &Option<okrkit::SharedText>| t.as_ref().map(|t| t.to_string());
    let lint = org.lint(
        &LintOptions::default()
            .as_of(chrono::NaiveDate::from_ymd_opt(2026, 2, 15).expect("a date")),
    );
    for f in &lint.findings {
        let old = FindingOfStrings {
            code: f.code.as_str().to_owned(),
            severity: f.severity,
            message: f.message.clone(),
            path: f.path.clone(),
            design_rule: f.design_rule.to_string(),
            suggestion: s(&f.suggestion),
            location: LocationOfStrings {
                cycle: s(&f.location.cycle),
                team: s(&f.location.team),
                objective: s(&f.location.objective),
                key_result: s(&f.location.key_result),
            },
        };
        let json = serde_json::to_string(f).expect("serialises");
        assert_eq!(json, serde_json::to_string(&old).expect("serialises"));
        let back: okrkit::lint::Finding = serde_json::from_str(&json).expect("reads back");
        assert_eq!(&back, f);
        seen.0 += usize::from(f.suggestion.is_some() && f.location.key_result.is_some());
    }
    for report in org.score_all() {
        for o in &report.objectives {
            let old = ObjectiveScoreOfStrings {
                objective: &o.objective,
                team: &o.team,
                kind: o.kind,
                score: o.score,
                band: o.band,
                verdict: o.verdict,
                explanation_required: o.explanation_required,
                message: o.message.to_string(),
                key_results: &o.key_results,
            };
            let json = serde_json::to_string(o).expect("serialises");
            assert_eq!(json, serde_json::to_string(&old).expect("serialises"));
            let back: okrkit::score::ObjectiveScore =
                serde_json::from_str(&json).expect("reads back");
            assert_eq!(&back, o);
            seen.1 += 1;
        }
    }
    seen
}

#[test]
fn shared_texts_serialise_as_strings_on_a_benchmark_shaped_organisation() {
    let (findings, objectives) = shared_texts_serialise_as_strings(&org(7, 2_000, 3, 50));
    assert!(
        findings > 100 && objectives > 100,
        "{findings} {objectives}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn shared_texts_serialise_as_strings_on_generated_organisations(
        seed in any::<u64>(),
        key_results in 1usize..300,
        cycles in 1usize..4,
        teams in 1usize..10,
    ) {
        shared_texts_serialise_as_strings(&org(seed, key_results, cycles, teams));
    }
}
