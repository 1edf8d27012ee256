//! The shared import vectors (tests/vectors/import): each source's fixture,
//! written from the product's published field list, must give the expected
//! document exactly and the expected report (problems, field fates,
//! reconciliation).

mod common;

use common::{assert_subset, load_vectors, vectors_dir};
use okrkit::import::{Source, read_bytes, table::TableOptions};

#[test]
fn every_import_vector() {
    let vectors = load_vectors("import");
    assert!(vectors.len() >= 6, "expected a vector per source");
    for (name, v) in vectors {
        let source: Source = v["source"]
            .as_str()
            .expect("source")
            .parse()
            .expect("known source");
        let input = vectors_dir()
            .join("import")
            .join(v["input"].as_str().expect("input"));
        let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let opts: TableOptions = match v.get("options") {
            Some(o) => serde_json::from_value(o.clone()).expect("options"),
            None => TableOptions::default(),
        };
        let imported = read_bytes(source, &bytes, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
        let doc = serde_json::to_value(&imported.document).expect("document");
        assert_eq!(doc, v["expected_document"], "{name}: document");
        let report = serde_json::to_value(&imported.report).expect("report");
        assert_subset(&v["expected_report"], &report, &name);
    }
}

/// Every vector's problems make `into_document` fail with exactly them, and
/// a vector without problems loads and validates.
#[test]
fn problems_refuse_the_document() {
    for (name, v) in load_vectors("import") {
        let source: Source = v["source"]
            .as_str()
            .expect("source")
            .parse()
            .expect("source");
        let input = vectors_dir()
            .join("import")
            .join(v["input"].as_str().expect("input"));
        let bytes = std::fs::read(&input).expect("input");
        let opts: TableOptions = v
            .get("options")
            .map(|o| serde_json::from_value(o.clone()).expect("options"))
            .unwrap_or_default();
        let imported = read_bytes(source, &bytes, &opts).expect("reads");
        let n = imported.report.problems.len();
        match imported.into_document() {
            Ok(doc) => {
                assert_eq!(n, 0, "{name}");
                okrkit::Org::new(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            Err(e) => assert_eq!(e.problems().len(), n, "{name}"),
        }
    }
}

/// Hostile or malformed exports: a problem with its path, never a panic.
#[test]
fn malformed_exports_are_problems() {
    use okrkit::import::{asana, gitlab, quantive, tability};
    let r = asana::read_str(r#"{"data": 5}"#).expect("json");
    assert_eq!(r.report.problems[0].path, "goals");
    let r = gitlab::read_str("[1, \"x\"]").expect("json");
    let paths: Vec<_> = r.report.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["work_items[0]", "work_items[1]"]);
    let r = quantive::read_str(r#"{"goals": [{"id": "g", "metrics": [{"id": "m", "initialValue": "a lot", "target": 1e308}]}]}"#)
        .expect("json");
    assert!(
        r.report
            .problems
            .iter()
            .any(|p| p.path == "goals[0].metrics[0].initialValue")
    );
    let r = tability::read_str(
        r#"{"outcomes": [{"id": "o", "objective_id": "missing"}], "checkins": {}}"#,
    )
    .expect("json");
    let paths: Vec<_> = r.report.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["checkins", "outcomes[0].objective_id"]);
    // A goal that names itself and a duplicate id.
    let r = asana::read_str(r#"[{"gid": "1", "name": "a", "parent_goals": [{"gid": "1"}], "workspace": {"gid": "w"}, "start_on": "2026-01-01", "due_on": "2026-03-31"},
                               {"gid": "1", "name": "b"}]"#)
        .expect("json");
    assert_eq!(r.report.problems[0].code.as_str(), "duplicate_id");
    // Nesting deeper than the JSON limit is a parse error, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        gitlab::read_str(&deep).expect_err("too deep").code(),
        "parse_error"
    );
}

/// r14 finding 3: signs that an export is one page of a longer list, or a
/// GraphQL response with errors, are problems, and every envelope field is
/// in the report's fields — never silence.
#[test]
fn partial_exports_are_problems() {
    use okrkit::import::{Fate, asana, gitlab, quantive};
    let goal = r#"{"gid": "1", "name": "Grow", "workspace": {"gid": "w"}, "start_on": "2026-01-01", "due_on": "2026-03-31"}"#;
    let r = asana::read_str(&format!(
        r#"{{"data": [{goal}], "next_page": {{"offset": "abc", "path": "/goals?offset=abc"}}}}"#
    ))
    .expect("json")
    .report;
    assert_eq!(problems(&r), [("parse_error", "next_page")]);
    assert_eq!(r.count("next_page", Fate::NotCarried), 1);
    let last = asana::read_str(&format!(r#"{{"data": [{goal}], "next_page": null}}"#))
        .expect("json")
        .report;
    assert!(problems(&last).is_empty(), "{:?}", last.problems);
    assert_eq!(last.count("next_page", Fate::NotCarried), 1);

    let items = r#"{"nodes": [], "pageInfo": {"hasNextPage": true, "hasPreviousPage": false, "endCursor": "xyz"}}"#;
    let r = gitlab::read_str(&format!(
        r#"{{"data": {{"project": {{"fullPath": "acme/web", "workItems": {items}}}}}, "errors": [{{"message": "timeout"}}]}}"#
    ))
    .expect("json")
    .report;
    assert_eq!(
        problems(&r),
        [
            ("parse_error", "errors"),
            ("parse_error", "data.project.workItems.pageInfo.hasNextPage")
        ]
    );
    assert!(r.problems[0].message.contains("timeout"));
    for field in [
        "errors",
        "data.project.workItems.pageInfo.hasNextPage",
        "data.project.workItems.pageInfo.hasPreviousPage",
        "data.project.workItems.pageInfo.endCursor",
    ] {
        assert_eq!(r.count(field, Fate::NotCarried), 1, "{field}");
    }
    // Errors with no data at all are still named.
    let r = gitlab::read_str(r#"{"data": null, "errors": [{"message": "forbidden"}]}"#)
        .expect("json")
        .report;
    assert_eq!(problems(&r)[0], ("parse_error", "errors"));

    let r = quantive::read_str(r#"{"items": [], "totalCount": 500, "extra": 1}"#)
        .expect("json")
        .report;
    assert_eq!(problems(&r), [("parse_error", "totalCount")]);
    assert_eq!(r.count("extra", Fate::NotCarried), 1);
    let r = quantive::read_str(r#"{"items": [], "totalCount": 0}"#)
        .expect("json")
        .report;
    assert!(problems(&r).is_empty(), "{:?}", r.problems);
}

/// r14 finding 4 (Tability): two check-ins with one id are a problem, never
/// the last one winning.
#[test]
fn tability_duplicate_check_in_ids_are_problems() {
    let text = r#"{
      "plans": [{"id": "p1", "title": "Sales Q1", "start_at": "2026-01-01", "finish_at": "2026-03-31"}],
      "objectives": [{"id": "o1", "plan_id": "p1", "title": "Grow revenue"}],
      "outcomes": [{"id": "k1", "objective_id": "o1", "title": "Revenue", "from": 1000000, "to": 1300000, "outcome_type": "improve_metric"}],
      "checkins": [
        {"id": "c1", "outcome_id": "k1", "checkin_date": "2026-02-01T00:00:00.000Z", "score": 1100000},
        {"id": "c2", "outcome_id": "k1", "checkin_date": "2026-02-08T00:00:00.000Z", "score": 1150000},
        {"id": "c2", "outcome_id": "k1", "checkin_date": "2026-02-08T00:00:00.000Z", "score": 5}]}"#;
    let imported = okrkit::import::tability::read_str(text).expect("json");
    let found: Vec<_> = problems(&imported.report);
    assert_eq!(found, [("duplicate_id", "checkins[2].id")]);
    assert!(imported.report.problems[0].message.contains("checkins[1]"));
    let values: Vec<f64> = imported
        .document
        .check_ins
        .iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(values, [1100000.0, 1150000.0]);
    assert!(imported.into_document().is_err());
}

/// r14 finding 15: JSON with a UTF-8 byte-order mark (as Windows tools
/// write it) is read, as CSV is — every JSON entry point of the importers.
#[test]
fn json_with_a_byte_order_mark_is_read() {
    use okrkit::import::{asana, gitlab, quantive, read_bytes, tability, table::TableOptions};
    for (source, text) in [
        (Source::Asana, r#"{"data": []}"#),
        (Source::Gitlab, "[]"),
        (Source::Quantive, r#"{"goals": []}"#),
        (Source::Tability, r#"{"plans": []}"#),
    ] {
        let bom = format!("\u{feff}{text}");
        let r = read_bytes(source, bom.as_bytes(), &TableOptions::default())
            .unwrap_or_else(|e| panic!("{source:?}: {e}"));
        assert!(!r.report.has_problems(), "{source:?}");
    }
    asana::read_str("\u{feff}[]").expect("asana");
    gitlab::read_str("\u{feff}[]").expect("gitlab");
    quantive::read_str("\u{feff}{\"goals\": []}").expect("quantive");
    tability::read_str("\u{feff}{}").expect("tability");
    let o = TableOptions::from_json("\u{feff}{\"separator\": \";\"}").expect("mapping");
    assert_eq!(o.separator, ';');
    let m = TableOptions::options_from_mapping_file("\u{feff}{\"separator\": \";\"}".as_bytes())
        .expect("mapping file");
    assert_eq!(m["separator"], ";");
}

/// r14 finding 18: Asana writes its metric values as JSON numbers (the API
/// reference's `GoalMetricBase`: `"type": "number"`); text holding a number
/// is a problem at the field, not read as the number — and so in every
/// JSON importer, whose tools all write numbers as numbers.
#[test]
fn numbers_written_as_text_are_problems() {
    use okrkit::import::{asana, tability};
    let r = asana::read_str(
        r#"[{"gid": "1", "name": "Grow", "workspace": {"gid": "w"}, "start_on": "2026-01-01", "due_on": "2026-03-31",
             "metric": {"initial_number_value": 0, "target_number_value": "45", "unit": "none"}}]"#,
    )
    .expect("json");
    let found: Vec<_> = problems(&r.report);
    assert!(
        found.contains(&("parse_error", "goals[0].metric.target_number_value")),
        "{found:?}"
    );
    let r = tability::read_str(
        r#"{"plans": [{"id": "p1", "title": "Sales Q1", "start_at": "2026-01-01", "finish_at": "2026-03-31"}],
            "objectives": [{"id": "o1", "plan_id": "p1", "title": "Grow revenue"}],
            "outcomes": [{"id": "k", "objective_id": "o1", "title": "T", "from": "1", "to": 2}]}"#,
    )
    .expect("json");
    assert!(
        r.report
            .problems
            .iter()
            .any(|p| p.path == "outcomes[0].from")
    );
}

/// A report's problems as (code, path).
fn problems(r: &okrkit::import::ImportReport) -> Vec<(&str, &str)> {
    r.problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str()))
        .collect()
}

/// A work item's assignees are a connection too: `assignees.pageInfo` with
/// `hasNextPage` true means assignees were left out (the export is partial),
/// as `workItems.pageInfo` does; it was tallied and ignored.
#[test]
fn gitlab_assignees_on_more_pages_are_a_partial_export() {
    use okrkit::import::{Fate, gitlab};
    let read = |page_info: &str| {
        gitlab::read_str(&format!(
            r#"{{"data": {{"project": {{"fullPath": "acme/web", "workItems": {{"nodes": [
              {{"id": "gid://gitlab/WorkItem/10", "iid": "10", "title": "Checkout customers love",
                "workItemType": {{"name": "Objective"}}, "widgets": [
                  {{"type": "MILESTONE", "milestone": {{"id": "m", "title": "Q1", "startDate": "2026-01-01", "dueDate": "2026-03-31"}}}},
                  {{"type": "ASSIGNEES", "assignees": {{"nodes": [{{"username": "lea", "name": "Lea"}}],
                    "pageInfo": {page_info}}}}}]}}]}}}}}}}}"#
        ))
        .expect("json")
        .report
    };
    let at = "work_items[0].widgets[1].assignees.pageInfo";
    let r = read(r#"{"hasNextPage": true, "endCursor": "xyz"}"#);
    assert_eq!(
        problems(&r),
        [("parse_error", format!("{at}.hasNextPage").as_str())]
    );
    let r = read(r#"{"hasNextPage": false, "endCursor": null}"#);
    assert!(problems(&r).is_empty(), "{:?}", r.problems);
    assert_eq!(r.count(&format!("{at}.hasNextPage"), Fate::NotCarried), 1);
}
