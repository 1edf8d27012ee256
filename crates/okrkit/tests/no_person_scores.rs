//! R6, by construction: no report okrkit produces attaches a person to a score.
//!
//! Every report type is serialised from an organisation whose key results name
//! responsible people and key partners, and whose check-ins have authors; none
//! of those people may appear in any report that carries a number about
//! performance. Seeds 000 and 002 explain why: once OKR scores feed individual
//! ratings, people set safe goals and stretch dies.

use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::{Org, ProgressOptions};
use serde_json::Value;

fn org() -> Org {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json");
    Org::from_json(&std::fs::read_to_string(path).expect("example")).expect("valid")
}

/// Every string in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

fn assert_no_person(name: &str, report: Value, people: &[String]) {
    let mut all = Vec::new();
    strings(&report, &mut all);
    for key in ["responsible", "key_partner", "person", "author", "people"] {
        assert!(
            !all.iter().any(|s| s == key),
            "{name}: carries a '{key}' field"
        );
    }
    for p in people {
        assert!(
            !all.iter().any(|s| s == p || s.contains(&format!("'{p}'"))),
            "{name}: names person '{p}'"
        );
    }
}

#[test]
fn no_report_attaches_a_person_to_a_score() {
    let org = org();
    let people: Vec<String> = org
        .document()
        .people
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    assert!(people.len() >= 5);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    let reports: Vec<(&str, Value)> = vec![
        (
            "progress",
            serde_json::to_value(
                org.progress(&{
                    let mut o = ProgressOptions::default();
                    o.as_of = as_of;
                    o
                })
                .expect("progress"),
            )
            .unwrap_or_default(),
        ),
        (
            "progress_latest",
            serde_json::to_value(org.progress(&ProgressOptions::default()).expect("progress"))
                .unwrap_or_default(),
        ),
        (
            "scores",
            serde_json::to_value(org.score_all()).unwrap_or_default(),
        ),
        (
            "calibration",
            serde_json::to_value(okrkit::score::calibrate(&org.score_all())).unwrap_or_default(),
        ),
        (
            "health",
            serde_json::to_value(
                org.health("2026-Q1", &HealthOptions::default())
                    .expect("cycle"),
            )
            .unwrap_or_default(),
        ),
        (
            "lint",
            serde_json::to_value(org.lint(&{
                let mut o = LintOptions::default();
                o.as_of = as_of;
                o
            }))
            .unwrap_or_default(),
        ),
    ];
    for (name, report) in reports {
        assert!(!report.is_null(), "{name} did not serialise");
        assert_no_person(name, report, &people);
    }
}

#[test]
fn personal_goals_are_never_scored() {
    let org = org();
    assert!(!org.document().personal_goals.is_empty());
    let goal = org.document().personal_goals[0].id.to_string();
    for report in [
        serde_json::to_value(org.score_all()).unwrap_or_default(),
        serde_json::to_value(org.progress(&ProgressOptions::default()).expect("progress"))
            .unwrap_or_default(),
        serde_json::to_value(
            org.health("2026-Q1", &HealthOptions::default())
                .expect("cycle"),
        )
        .unwrap_or_default(),
    ] {
        let mut all = Vec::new();
        strings(&report, &mut all);
        assert!(
            !all.contains(&goal),
            "a personal goal appears in a scored report"
        );
    }
}
