//! One answer per question (issue "A Rust API as dependable as serde_json"):
//! each case here gave a wrong or inconsistent answer before.

use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::score::{Band, Verdict};
use okrkit::{Document, Error, Org, ProgressOptions};
use std::error::Error as _;

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().expect("date")
}

/// Two cycles; `child` (q2) aligns to `parent` (q1).
const ALIGNED: &str = r#"{
  "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"},
             {"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"}],
  "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
  "objectives": [
    {"id": "parent", "title": "Parent", "team": "shop", "cycle": "q1",
     "key_results": [{"id": "p1", "title": "Revenue from 0 to 10",
       "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 5}}]},
    {"id": "child", "title": "Child", "team": "web", "cycle": "q2",
     "aligned_to": {"objective": "parent", "how": "cascaded"},
     "key_results": [{"id": "c1", "title": "Conversion from 0 to 4",
       "measure": {"type": "metric", "baseline": 0, "target": 4, "current": 1}}]}]
}"#;

#[test]
fn unknown_cycle_is_an_error_not_an_empty_report() {
    let org = Org::from_json(ALIGNED).expect("valid");
    let opts = {
        let mut o = ProgressOptions::default();
        o.cycle = Some("q9".into());
        o
    };
    let err = org.progress(&opts).unwrap_err();
    assert_eq!((err.code(), err.path()), ("dangling_reference", "cycle"));
    assert_eq!(
        org.score_cycle("q9").unwrap_err().code(),
        org.health("q9", &HealthOptions::default())
            .unwrap_err()
            .code()
    );
}

#[test]
fn aligned_child_in_another_cycle_keeps_its_progress() {
    let org = Org::from_json(ALIGNED).expect("valid");
    let opts = {
        let mut o = ProgressOptions::default();
        o.cycle = Some("q1".into());
        o
    };
    let report = org.progress(&opts).expect("progress");
    assert_eq!(report.objectives.len(), 1);
    let aligned = &report.objectives[0].aligned;
    assert_eq!(aligned.len(), 1);
    assert_eq!(aligned[0].progress, Some(0.25));
}

fn one_objective(krs: &str, check_ins: &str) -> String {
    format!(
        r#"{{"cycles": [{{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}}],
        "teams": [{{"id": "web", "name": "Web"}}],
        "objectives": [{{"id": "o", "title": "O", "team": "web", "cycle": "q1", "type": "aspirational",
          "key_results": [{krs}]}}],
        "check_ins": [{check_ins}]}}"#
    )
}

#[test]
fn huge_weights_do_not_overflow_the_mean() {
    let text = one_objective(
        r#"{"id": "a", "title": "A from 0 to 10", "weight": 1e308,
            "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 5}},
           {"id": "b", "title": "B from 0 to 10", "weight": 1e308,
            "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 10}}"#,
        "",
    );
    let org = Org::from_json(&text).expect("valid");
    let report = org.progress(&ProgressOptions::default()).expect("progress");
    assert_eq!(report.objectives[0].progress, Some(0.75));
    let scores = org.score_cycle("q1").expect("score");
    assert_eq!(scores.objectives[0].score, Some(0.75));
    assert_eq!(scores.objectives[0].verdict, Verdict::StretchSuccess);
}

#[test]
fn attainment_that_cannot_be_represented_is_refused_at_validation() {
    // (1e308 − 1) / 2⁻⁵²: no double holds it.
    let text = one_objective(
        r#"{"id": "a", "title": "A", "measure": {"type": "metric", "baseline": 1, "target": 1.0000000000000002, "current": 1e308}}"#,
        "",
    );
    let err = Org::from_json(&text).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems[0].code.as_str(), "not_finite");
    assert_eq!(
        problems[0].path,
        "objectives[0].key_results[0].measure.current"
    );
    // A check-in's value is held to the same rule.
    let text = one_objective(
        r#"{"id": "a", "title": "A", "measure": {"type": "metric", "baseline": 1, "target": 1.0000000000000002}}"#,
        r#"{"key_result": "a", "at": "2026-02-01T00:00:00Z", "value": 1.7e308}"#,
    );
    let err = Org::from_json(&text).unwrap_err();
    assert_eq!(err.problems()[0].path, "check_ins[0].value");
    // A movement wider than the largest double, with a finite ratio, is fine.
    let text = one_objective(
        r#"{"id": "a", "title": "A", "measure": {"type": "metric", "baseline": -1e308, "target": 0, "current": 1.5e308}}"#,
        "",
    );
    let org = Org::from_json(&text).expect("valid");
    let report = org.progress(&ProgressOptions::default()).expect("progress");
    let kr = &report.objectives[0].key_results[0];
    assert_eq!((kr.attainment, kr.progress), (Some(2.5), Some(1.0)));
}

#[test]
fn documents_are_objects_of_the_supported_version() {
    for read in [
        |t: &str| Document::from_json(t),
        |t: &str| Document::from_slice(t.as_bytes()),
    ] {
        let err = read(r#"{"schema_version": 2}"#).unwrap_err();
        assert_eq!(
            err.problems()[0].code.as_str(),
            "unsupported_schema_version"
        );
        for not_object in ["[]", "[[]]", " \n 7", "\"text\""] {
            let err = read(not_object).unwrap_err();
            assert_eq!(err.code(), "parse_error", "{not_object}");
            assert!(err.to_string().contains("JSON object"), "{err}");
        }
    }
    let err = Document::from_value(serde_json::json!([])).unwrap_err();
    assert_eq!(err.code(), "parse_error");
    let err = Document::from_value(serde_json::json!({"schema_version": 2})).unwrap_err();
    assert_eq!(
        err.problems()[0].code.as_str(),
        "unsupported_schema_version"
    );
    assert_eq!(Org::from_json("[]").unwrap_err().code(), "parse_error");
}

#[test]
fn a_top_level_parse_error_reads_as_a_sentence() {
    let err = Document::from_json("{x").unwrap_err();
    let text = err.to_string();
    assert!(!text.starts_with(':'), "{text}");
    assert!(text.contains("(line 1, column 2)"), "{text}");
}

#[test]
fn a_parse_error_without_text_has_no_position_not_line_zero() {
    // From text: a position, shown as before.
    let err = Document::from_json("{\n  \"cycles\": 3\n}").unwrap_err();
    let Error::Parse { position, .. } = &err else {
        panic!("parse error expected: {err}");
    };
    assert_eq!(position.map(|p| p.line), Some(2));
    assert!(err.to_string().ends_with(&format!(
        "(line 2, column {})",
        position.map_or(0, |p| p.column)
    )));
    // From a value: no text, so no position (and no "(line 0, …)").
    let err =
        Document::from_value(serde_json::json!({"schema_version": 1, "cycles": 3})).unwrap_err();
    let Error::Parse { position, .. } = &err else {
        panic!("parse error expected: {err}");
    };
    assert_eq!(*position, None);
    assert!(!err.to_string().contains("(line"), "{err}");
    assert_eq!(okrkit::Position::at(0, 5), None);
}

#[test]
fn finding_codes_are_typed_and_keep_their_strings() {
    use okrkit::lint::FindingCode;
    let org = Org::from_json(ALIGNED).expect("valid");
    let report = org.lint(&LintOptions::default());
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        // Every code is a catalog rule or a problem code, and JSON carries the same string.
        assert!(
            f.code.rule().is_some() || f.code.problem().is_some(),
            "{}",
            f.code
        );
        let json = serde_json::to_value(f).expect("serialise");
        assert_eq!(json["code"], f.code.as_str());
        let back: okrkit::lint::Finding = serde_json::from_value(json).expect("read back");
        assert_eq!(&back, f);
    }
    // Validation problems keep their own code.
    let doc = Document::from_json(r#"{"teams": [{"id": "a", "name": "A", "parent": "nope"}]}"#)
        .expect("parses");
    let report = okrkit::lint::lint(&doc, &LintOptions::default());
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code == "dangling_reference")
    );
    // An unknown code is refused when read, never carried.
    let mut json = serde_json::to_value(&report.findings[0]).expect("serialise");
    json["code"] = "no_such_rule".into();
    assert!(serde_json::from_value::<okrkit::lint::Finding>(json).is_err());
    assert!(FindingCode::new("no_such_rule").is_err());
}

#[test]
fn parse_errors_inside_a_measure_name_the_field() {
    let text = one_objective(
        r#"{"id": "a", "title": "A", "measure": {"type": "metric", "baseline": 0, "target": "ten"}}"#,
        "",
    );
    let err = Document::from_json(&text).unwrap_err();
    assert_eq!(err.path(), "objectives[0].key_results[0].measure.target");
    // A field of another kind of measure is refused, not dropped.
    let text = one_objective(
        r#"{"id": "a", "title": "A", "measure": {"type": "metric", "baseline": 0, "target": 1, "bound": 3}}"#,
        "",
    );
    let err = Document::from_json(&text).unwrap_err();
    assert_eq!(err.code(), "parse_error");
    assert!(err.to_string().contains("bound"), "{err}");
    // The round trip of every kind still holds.
    let text = one_objective(
        r#"{"id": "a", "title": "A", "measure": {"type": "metric", "baseline": 0, "target": 1, "current": 0.5, "unit": "%"}},
           {"id": "b", "title": "B", "measure": {"type": "threshold", "direction": "at_least", "bound": 3}},
           {"id": "c", "title": "C", "measure": {"type": "milestone", "done": true}}"#,
        "",
    );
    let doc = Document::from_json(&text).expect("reads");
    assert_eq!(
        Document::from_json(&doc.to_json().expect("finite")).expect("back"),
        doc
    );
}

#[test]
fn io_errors_keep_their_source() {
    let err = Error::io("x.json", std::io::Error::from(std::io::ErrorKind::NotFound));
    assert_eq!(err.code(), "io_error");
    let source = err.source().expect("a source");
    let io = source
        .downcast_ref::<okrkit::IoSource>()
        .expect("the io error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(err.clone(), err);
}

#[test]
fn a_score_band_is_never_guessed() {
    assert_eq!(Band::try_of(f64::NAN).unwrap_err().code(), "not_finite");
    assert_eq!(Band::try_of(-0.1).unwrap_err().code(), "invalid_value");
    assert_eq!(Band::try_of(0.65).expect("band"), Band::Green);
}

#[test]
fn verdict_and_band_share_one_threshold() {
    for (value, band, verdict) in [
        (61.0, Band::Yellow, Verdict::StretchShort),
        (64.0, Band::Yellow, Verdict::StretchShort),
        (65.0, Band::Green, Verdict::StretchSuccess),
    ] {
        let text = one_objective(
            r#"{"id": "a", "title": "A from 0 to 100", "measure": {"type": "metric", "baseline": 0, "target": 100}}"#,
            &format!(r#"{{"key_result": "a", "at": "2026-03-30T00:00:00Z", "value": {value}}}"#),
        );
        let org = Org::from_json(&text).expect("valid");
        let o = &org.score_cycle("q1").expect("score").objectives[0];
        assert_eq!((o.band, o.verdict), (Some(band), verdict), "{value}");
    }
}

#[test]
fn lint_and_health_agree_on_stale() {
    // The only check-in is from before the cycle: on day 20 of the cycle the
    // key result has gone 19 days without a check-in on this commitment.
    let text = one_objective(
        r#"{"id": "a", "title": "Conversion from 0 to 100", "measure": {"type": "metric", "baseline": 0, "target": 100}}"#,
        r#"{"key_result": "a", "at": "2025-12-30T00:00:00Z", "value": 1}"#,
    );
    let org = Org::from_json(&text).expect("valid");
    for (day, stale) in [("2026-01-10", false), ("2026-01-20", true)] {
        let as_of = Some(date(day));
        let lint = org.lint(&{
            let mut o = LintOptions::default();
            o.as_of = as_of;
            o.stale_after_days = 14;
            o
        });
        let in_lint = lint.findings.iter().any(|f| f.code == "stale_key_result");
        let health = org
            .health("q1", &{
                let mut o = HealthOptions::default();
                o.as_of = as_of;
                o.stale_after_days = 14;
                o
            })
            .expect("health");
        let in_health = !health.organisation.stale_key_results.is_empty();
        assert_eq!((in_lint, in_health), (stale, stale), "{day}");
    }
}

#[test]
fn a_negative_number_of_days_is_refused_not_read_as_everything_stale() {
    let lint: Result<LintOptions, _> = serde_json::from_str(r#"{"stale_after_days": -1}"#);
    assert!(lint.unwrap_err().to_string().contains("negative"));
    let lint: Result<LintOptions, _> = serde_json::from_str(r#"{"dependency_answer_days": -3}"#);
    assert!(lint.is_err());
    let health: Result<HealthOptions, _> = serde_json::from_str(r#"{"stale_after_days": -1}"#);
    assert!(health.is_err());
    let too_many = format!(r#"{{"stale_after_days": {}}}"#, u64::from(u32::MAX) + 1);
    let lint: Result<LintOptions, _> = serde_json::from_str(&too_many);
    assert!(lint.unwrap_err().to_string().contains("too many"));
    // In Rust the day counts are `u32`: `stale_after_days(-1)` does not
    // compile (the compile_fail example on `LintOptions`), so the infallible
    // `lint` can never be handed a negative limit.
    let org = Org::from_json(ALIGNED).expect("valid");
    let cycle = org.document().cycles[0].id.clone();
    let widest = HealthOptions::default().stale_after_days(u32::MAX);
    assert!(org.health(cycle, &widest).is_ok());
}

/// A team of the document that owns no objective (r15 finding 18, kept and
/// documented in README "team filter"): progress filtered to it is an empty
/// report, no error, while an unknown team is `dangling_reference`; health
/// has no line for it. A team line names a cycle, so there is none to give.
#[test]
fn a_team_without_objectives_gives_an_empty_report_and_an_unknown_team_an_error() {
    let org = Org::from_json(
        r#"{"schema_version": 1,
        "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "t", "name": "T"}, {"id": "t3", "name": "T3", "parent": "t"}],
        "objectives": [{"id": "o", "title": "Obj", "team": "t", "cycle": "q", "type": "aspirational",
          "key_results": [{"id": "k1", "title": "Conversion rate of k1 > 5%",
            "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 2}}]}]}"#,
    )
    .expect("valid");
    let report = org
        .progress(&ProgressOptions::default().team("t3"))
        .expect("t3 is a team of the document");
    assert!(report.objectives.is_empty() && report.teams.is_empty() && report.cycles.is_empty());
    let err = org
        .progress(&ProgressOptions::default().team("t9"))
        .unwrap_err();
    assert_eq!((err.code(), err.path()), ("dangling_reference", "team"));
    let health = org.health("q", &HealthOptions::default()).expect("health");
    let teams: Vec<_> = health
        .teams
        .iter()
        .filter_map(|t| t.team.as_ref())
        .collect();
    assert_eq!(teams, [&okrkit::TeamId::new("t")]);
}
