//! Schema tests: every table has its schema's columns, in order, with the
//! schema's types, whatever the data (empty, full, with and without as_of).

use super::*;
use crate::classify::default_classifier;
use crate::lint::LintOptions;
use crate::{Org, ProgressOptions};

fn org() -> Org {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/org.json"
    ))
    .expect("examples/data/org.json");
    Org::from_json(&text).expect("valid")
}

fn empty() -> Org {
    Org::from_json(
        r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]}"#,
    )
    .expect("valid")
}

fn check(t: &Table) {
    let s = schema(t.name).unwrap_or_else(|| panic!("{} has no schema", t.name));
    assert_eq!(t.columns.len(), s.len(), "{}", t.name);
    for (c, spec) in t.columns.iter().zip(s) {
        assert_eq!(c.spec, spec, "{}", t.name);
        assert_eq!(c.values.dtype(), spec.dtype, "{}.{}", t.name, spec.name);
        assert_eq!(c.values.len(), t.len(), "{}.{}", t.name, spec.name);
    }
}

fn all_tables(org: &Org, as_of: Option<chrono::NaiveDate>) -> Vec<Table> {
    let p = org
        .progress(&ProgressOptions {
            as_of,
            ..Default::default()
        })
        .expect("progress");
    let doc = org.document();
    let mut out = vec![
        progress::objectives(org, &p),
        progress::key_results(org, &p),
        progress::teams(org, &p),
        progress::cycles(org, &p),
        progress::check_ins(org, None, None).expect("all"),
        reports::findings(&org.lint(&LintOptions::default()), Some(doc)),
        reports::findings(&org.lint(&LintOptions::default()), None),
        classification::classify_many(default_classifier(), &["Build a tool", ""], None),
    ];
    let scores = org.score_all();
    out.push(reports::score_teams(doc, &scores));
    if let Some(s) = scores.first() {
        out.push(reports::score_objectives(doc, s));
        out.push(reports::score_key_results(doc, s));
        out.push(reports::score_bands(doc, s));
        let h = org
            .health(s.cycle.as_str(), &Default::default())
            .expect("health");
        out.push(reports::health_teams(doc, &h));
        out.push(reports::health_histograms(&h));
        out.push(reports::calibration(doc, &h));
        let dates = progress::cycle_dates(org, s.cycle.as_str(), 14).expect("dates");
        out.push(
            progress::confidence_series(org, s.cycle.as_str(), None, &dates).expect("confidence"),
        );
        out.push(
            progress::series(
                org,
                s.cycle.as_str(),
                progress::Scope::Cycle,
                &dates,
                Default::default(),
            )
            .expect("series"),
        );
    }
    out.push(reports::versions(&[]));
    out
}

#[test]
fn every_table_follows_its_schema_full_empty_with_and_without_as_of() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    for org in [org(), empty()] {
        for as_of in [None, d] {
            for t in all_tables(&org, as_of) {
                check(&t);
            }
        }
    }
}

#[test]
fn schemas_have_unique_snake_case_names_and_docs() {
    for (name, s) in SCHEMAS {
        let mut seen = std::collections::HashSet::new();
        for c in *s {
            assert!(seen.insert(c.name), "{name}: {} twice", c.name);
            assert!(
                c.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{name}: {}",
                c.name
            );
            assert!(!c.doc.is_empty(), "{name}.{} has no doc", c.name);
        }
    }
}

#[test]
fn key_results_carry_titles_names_units_and_percents() {
    let org = org();
    let p = org.progress(&ProgressOptions::default()).expect("progress");
    let t = progress::key_results(&org, &p);
    let i = (0..t.len())
        .find(|&i| t.column("key_result").and_then(|c| c.str(i)) == Some("co-repeat"))
        .expect("co-repeat");
    assert_eq!(t.column("unit").and_then(|c| c.str(i)), Some("%"));
    assert_eq!(
        t.column("team_name").and_then(|c| c.str(i)),
        Some("Company")
    );
    assert_eq!(
        t.column("cycle_name").and_then(|c| c.str(i)),
        Some("Q1 2026")
    );
    assert_eq!(
        t.column("title").and_then(|c| c.str(i)),
        Some("Repeat purchase rate from 22% to 30%")
    );
    let prog = t
        .column("progress")
        .and_then(|c| c.f64(i))
        .expect("progress");
    assert_eq!(
        t.column("progress_pct").and_then(|c| c.f64(i)),
        Some(prog * 100.0)
    );
}

#[test]
fn lint_findings_join_to_key_results() {
    let org = org();
    let lint = org.lint(&LintOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 20),
        ..Default::default()
    });
    let t = reports::findings(&lint, Some(org.document()));
    let krs = progress::key_results(
        &org,
        &org.progress(&ProgressOptions::default()).expect("progress"),
    );
    let kr_ids: Vec<&str> = (0..krs.len())
        .filter_map(|i| krs.column("key_result")?.str(i))
        .collect();
    let mut joined = 0;
    for i in 0..t.len() {
        let path = t.column("path").and_then(|c| c.str(i)).unwrap_or("");
        if let Some(k) = t.column("key_result").and_then(|c| c.str(i)) {
            assert!(kr_ids.contains(&k), "{k}");
            assert!(t.column("title").and_then(|c| c.str(i)).is_some());
            assert!(t.column("team").and_then(|c| c.str(i)).is_some());
            joined += 1;
        } else if path.starts_with("objectives[") && path.contains("key_results[") {
            panic!("{path} not located");
        }
    }
    assert!(joined > 0, "no finding on a key result in the example");
}

#[test]
fn series_refuses_unknown_ids_and_marks_missing_history() {
    let org = org();
    let dates = progress::cycle_dates(&org, "2026-Q1", 30).expect("dates");
    for scope in [
        progress::Scope::Team("Checkout"),
        progress::Scope::Objective("nope"),
    ] {
        let e = progress::series(&org, "2026-Q1", scope, &dates, Default::default()).unwrap_err();
        assert_eq!(e.code(), "dangling_reference");
    }
    assert!(
        progress::series(
            &org,
            "2026-Q9",
            progress::Scope::Cycle,
            &dates,
            Default::default()
        )
        .is_err()
    );
    assert!(progress::cycle_dates(&org, "2026-Q1", 0).is_err());
    // A step past the calendar's end (it panicked: chrono's days overflowed).
    for huge in [i64::MAX, 1 << 40, 400_000_000] {
        let d = progress::cycle_dates(&org, "2026-Q1", huge).expect("dates");
        assert_eq!(d, [dates[0], *dates.last().expect("last")], "{huge}");
    }
    // Without check-ins, every counted key result is "without history".
    let flat = Org::from_json(
        r#"{
      "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "web", "name": "Web"}],
      "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
        "key_results": [{"id": "kr1", "title": "Conversion from 50% to 60%",
          "measure": {"type": "metric", "baseline": 50, "target": 60, "current": 55}}]}]}"#,
    )
    .expect("valid");
    let d = progress::cycle_dates(&flat, "q1", 30).expect("dates");
    let s = progress::series(&flat, "q1", progress::Scope::Cycle, &d, Default::default())
        .expect("series");
    for i in 0..s.len() {
        assert_eq!(s.column("from_check_ins").and_then(|c| c.i64(i)), Some(0));
        assert_eq!(s.column("without_history").and_then(|c| c.i64(i)), Some(1));
    }
}

#[test]
fn html_escapes_and_shows_percents_and_bands() {
    let org = org();
    let p = org
        .progress(&ProgressOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 2, 15),
            ..Default::default()
        })
        .expect("progress");
    let html = render::html_nested(
        "<b>",
        &progress::objectives(&org, &p),
        &progress::key_results(&org, &p),
        "objective",
        60,
    );
    assert!(html.starts_with("<div class=\"okrkit\">"));
    assert!(html.contains("&lt;b&gt;") && !html.contains("<b>"));
    assert!(html.contains("Repeat purchase rate from 22% to 30%"));
    assert!(html.contains("%</td>"));
    assert!(html.contains("background:"));
}

#[test]
fn csv_and_json_have_every_column_for_every_row() {
    let org = org();
    let p = org.progress(&ProgressOptions::default()).expect("progress");
    let t = progress::objectives(&org, &p);
    let csv = t.to_csv();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().map(|h| h.split(',').count()),
        Some(progress::OBJECTIVES.len())
    );
    let rows = t.to_json_rows();
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), t.len());
    assert!(
        rows.iter()
            .all(|r| r.as_object().map(|o| o.len()) == Some(progress::OBJECTIVES.len()))
    );
}

mod attacks {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any path, however malformed, locates to ids of the document or to nothing; never a panic.
        #[test]
        fn locate_never_panics(path in "\\PC{0,40}", i in 0usize..40, j in 0usize..40) {
            let org = org();
            let doc = org.document();
            for p in [
                path.clone(),
                format!("objectives[{i}].key_results[{j}]{path}"),
                format!("objectives[{path}]"),
                format!("key_results[{path}]"),
                format!("check_ins[{i}]"),
                format!("teams[{i}"),
            ] {
                let at = crate::lint::locate(doc, &p);
                if let Some(k) = at.key_result.as_deref() {
                    prop_assert!(doc.objectives.iter().any(|o| o.key_results.iter().any(|x| x.id.as_str() == k)));
                }
                if let Some(t) = at.team.as_deref() {
                    prop_assert!(doc.teams.iter().any(|x| x.id.as_str() == t));
                }
            }
        }

        /// Titles with HTML and any text are escaped in the HTML view and
        /// the terminal view never exceeds its width.
        #[test]
        fn views_escape_and_fit(title in "\\PC{0,80}", width in 20usize..120) {
            let doc = format!(r#"{{
              "cycles": [{{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}}],
              "teams": [{{"id": "web", "name": "Web"}}],
              "objectives": [{{"id": "o1", "title": {}, "team": "web", "cycle": "q1",
                "key_results": [{{"id": "kr1", "title": "<img src=x onerror=alert(1)>",
                  "measure": {{"type": "metric", "baseline": 0, "target": 10, "current": 5}}}}]}}]}}"#,
                serde_json::Value::String(format!("{title}x")));
            let Ok(org) = Org::from_json(&doc) else { return Ok(()); };
            let p = org.progress(&ProgressOptions::default()).expect("progress");
            let html = render::html_nested(&title, &progress::objectives(&org, &p), &progress::key_results(&org, &p), "objective", 10);
            prop_assert!(!html.contains("<img"));
            let text = render::text(&title, &progress::objectives(&org, &p), 10, width);
            prop_assert!(text.lines().all(|l| l.chars().count() <= width), "{}", text);
        }
    }
}

/// Beside band and verdict, the summary views write a score as
/// `score_text` does (r15b finding 4): 0.99999999 is "0.99999999", never
/// the "1.00" that reads as met, and 0.5 is still "0.50".
#[test]
fn views_write_scores_without_crossing_a_band() {
    let org = Org::from_json(
        r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "web", "name": "Web"}],
      "objectives": [
        {"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1", "type": "committed",
         "key_results": [{"id": "kr1", "title": "Conversion from 50% to 60%",
           "measure": {"type": "metric", "baseline": 50, "target": 60, "current": 59.9999999}}]},
        {"id": "o2", "title": "Search", "team": "web", "cycle": "q1", "type": "committed",
         "key_results": [{"id": "kr2", "title": "Conversion from 50% to 60%",
           "measure": {"type": "metric", "baseline": 50, "target": 60, "current": 55}}]}]}"#,
    )
    .expect("valid");
    let report = org.score_cycle("q1").expect("score");
    let t = reports::score_objectives(org.document(), &report);
    let score = t.column("score").expect("score column");
    assert_eq!(render::cell(score, 0).as_deref(), Some("0.99999999"));
    assert_eq!(render::cell(score, 1).as_deref(), Some("0.50"));
    let text = render::text("scores", &t, 10, 200);
    assert!(
        text.contains("0.99999999") && !text.contains("1.00"),
        "{text}"
    );
    let html = render::html("scores", &t, 10);
    assert!(
        html.contains("0.99999999") && !html.contains("1.00"),
        "{html}"
    );
}

/// A progress percentage and its row's expected percentage get the decimals
/// the pace verdict needs in the text and HTML views: 29.96% against 40% is
/// behind, and "30.0%" against "40.0%" would read as on track (the 10-point
/// tolerance); a pair one decimal shows truly keeps one decimal.
#[test]
fn views_write_progress_and_expected_without_hiding_the_pace() {
    let org = Org::from_json(
        r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-01-10"}],
      "teams": [{"id": "web", "name": "Web"}],
      "objectives": [
        {"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
         "key_results": [{"id": "kr1", "title": "Conversion from 0% to 100%",
           "measure": {"type": "metric", "baseline": 0, "target": 100, "current": 29.96}}]},
        {"id": "o2", "title": "Search", "team": "web", "cycle": "q1",
         "key_results": [{"id": "kr2", "title": "Conversion from 0% to 100%",
           "measure": {"type": "metric", "baseline": 0, "target": 100, "current": 39.7}}]}]}"#,
    )
    .expect("valid");
    let opts = ProgressOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 4),
        ..ProgressOptions::default()
    };
    let report = org.progress(&opts).expect("progress");
    let t = progress::objectives(&org, &report);
    let at = |name: &str, i: usize| t.column(name).and_then(|c| c.f64(i));
    assert_eq!(
        at("expected_pct", 0),
        Some(40.0),
        "the fixture's expected progress"
    );
    assert_eq!(
        t.column("pace_status").and_then(|c| c.str(0)),
        Some("behind")
    );
    let text = render::text("pace", &t, 10, 400);
    assert!(text.contains("29.96%") && text.contains("40.00%"), "{text}");
    assert!(!text.contains("30.0%"), "{text}");
    assert!(
        text.contains("39.7%"),
        "one decimal where it is enough: {text}"
    );
    let html = render::html("pace", &t, 10);
    assert!(
        html.contains("29.96%") && html.contains("40.00%") && html.contains("39.7%"),
        "{html}"
    );
}
