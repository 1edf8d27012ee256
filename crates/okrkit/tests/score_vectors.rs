//! Runs the shared scoring vectors (`tests/vectors/score/`).

mod common;

use okrkit::lint::{LintOptions, lint};
use okrkit::{Document, Org};
use serde_json::Value;

#[test]
fn score_vectors() {
    for (name, v) in common::load_vectors("score") {
        let doc = Document::from_value(v["document"].clone()).expect("document");
        let org = Org::new(doc.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(cycle) = v["cycle"].as_str() {
            let report = org.score_cycle(cycle).expect("cycle exists");
            common::assert_subset(
                &v["expected"],
                &serde_json::to_value(report).expect("json"),
                &name,
            );
        }
        if let Some(expected) = v.get("expected_calibration") {
            let got = okrkit::score::calibrate(&org.score_all());
            common::assert_subset(expected, &serde_json::to_value(got).expect("json"), &name);
        }
        if let Some(Value::Array(codes)) = v.get("expected_lint_codes") {
            let report = lint(&doc, &LintOptions::default());
            for code in codes {
                assert!(
                    report
                        .findings
                        .iter()
                        .any(|f| Some(f.code.as_str()) == code.as_str()),
                    "{name}: lint lacks {code}"
                );
            }
        }
    }
}
