//! Finding r14-17: README says "-0.0 is normalised to 0.0": a -0.0 in the
//! document (check-in value, current, baseline, target, bound) is 0.0 in the
//! core's output — the progress report's JSON and every progress table, as
//! CSV and as JSON rows (what the CLI and the bindings print).

use okrkit::{Org, ProgressOptions};

/// Whether `text` holds a number token `-0.0` (or `-0`), not `-0.011`.
fn negative_zero(text: &str) -> bool {
    text.match_indices("-0").any(|(i, _)| {
        let rest = text[i + 2..].trim_start_matches(['.', '0']);
        !rest.starts_with(|c: char| c.is_ascii_digit() || c == 'e' || c == 'E')
    })
}

fn org() -> Org {
    Org::from_json(
        r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
            "teams": [{"id": "web", "name": "Web"}],
            "objectives": [{"id": "o1", "title": "Obj", "team": "web", "cycle": "q1", "key_results": [
              {"id": "a", "title": "A from 0 to 10", "measure": {"type": "metric", "baseline": 0, "target": 10}},
              {"id": "b", "title": "B from 0 to 10", "measure": {"type": "metric", "baseline": -0.0, "target": 10}},
              {"id": "c", "title": "C from 5 to 0", "measure": {"type": "metric", "baseline": 5, "target": -0.0, "current": -0.0}},
              {"id": "d", "title": "D at most 0", "measure": {"type": "threshold", "direction": "at_most", "bound": -0.0, "current": -0.0}}]}],
            "check_ins": [{"key_result": "a", "at": "2026-02-01T09:00:00Z", "value": -0.0}]}"#,
    )
    .expect("valid")
}

fn assert_no_negative_zero(table: &okrkit::table::Table) {
    let csv = table.to_csv();
    let rows = table.to_json_rows_text(false);
    assert!(!negative_zero(&csv), "{}: {csv}", table.name);
    assert!(!negative_zero(&rows), "{}: {rows}", table.name);
}

#[test]
fn a_negative_zero_in_the_document_is_zero_in_every_progress_output() {
    let org = org();
    for as_of in [None, chrono::NaiveDate::from_ymd_opt(2026, 2, 15)] {
        let mut opts = ProgressOptions::default();
        opts.as_of = as_of;
        let report = org.progress(&opts).expect("progress");
        let json = serde_json::to_string(&report).expect("JSON");
        assert!(!negative_zero(&json), "{json}");
        for name in ["objectives", "key_results", "teams", "cycles"] {
            let table =
                okrkit::table::select::progress(&org, &report, Some(name)).expect("a table");
            assert_no_negative_zero(&table);
        }
    }
}

/// Every table of `okrkit::table::names()` built from the same organisation
/// (the ledger's and the classifier's tables hold no number of the
/// document's): check-ins (Python's `okrkit.check_ins(org).to_csv()`
/// printed `-0.0`), series, scores, health and lint.
#[test]
fn a_negative_zero_in_the_document_is_zero_in_every_table() {
    use okrkit::table::{self, progress, reports};
    let org = org();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 2, d).unwrap();
    let dates = [day(1), day(15)];
    let report = org.progress(&ProgressOptions::default()).expect("progress");
    let score = org.score_cycle("q1").expect("score");
    let mut health_opts = okrkit::health::HealthOptions::default();
    health_opts.as_of = Some(day(15));
    let health = org.health("q1", &health_opts).expect("health");
    let lint = org.lint(&Default::default());
    let mut built = vec![
        progress::series(
            &org,
            "q1",
            progress::Scope::Cycle,
            &dates,
            Default::default(),
        )
        .unwrap(),
        progress::confidence_series(&org, "q1", None, &dates).unwrap(),
        progress::check_ins(&org, None, None).unwrap(),
        reports::findings(&lint, Some(org.document())),
        reports::score_objectives(org.document(), &score),
        reports::score_key_results(org.document(), &score),
        reports::score_teams(org.document(), std::slice::from_ref(&score)),
        reports::score_bands(org.document(), &score),
        reports::health_teams(org.document(), &health),
        reports::health_histograms(&health),
        reports::calibration(org.document(), &health),
    ];
    for name in ["objectives", "key_results", "teams", "cycles"] {
        built.push(table::select::progress(&org, &report, Some(name)).unwrap());
    }
    for t in &built {
        assert_no_negative_zero(t);
    }
    let left: Vec<_> = table::names()
        .into_iter()
        .filter(|n| !built.iter().any(|t| t.name == *n))
        .collect();
    assert_eq!(
        left,
        ["history.versions", "ledger.entries", "classification"]
    );
}
