//! Finding r14-7: "stale" is one thing in lint and health (README): for any
//! date — before, during or after a cycle — and any limit, lint's
//! `stale_key_result` findings name exactly the key results health lists as
//! stale in their cycle. An ended cycle is judged at its close in both.

use chrono::{Duration, NaiveDate};
use okrkit::Org;
use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use std::collections::BTreeSet;

#[test]
fn lint_and_health_find_the_same_stale_key_results_on_every_date() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/org.json"
    ))
    .expect("the example");
    let org = Org::from_json(&text).expect("valid");
    let doc = org.to_document();
    let first = NaiveDate::from_ymd_opt(2025, 12, 20).expect("date");
    let mut stale_after_the_end = 0;
    for day in (0..220).step_by(3) {
        let at = first + Duration::days(day);
        for limit in [0, 7, 14, 30] {
            let lint = org.lint(&LintOptions::default().as_of(at).stale_after_days(limit));
            let from_lint: BTreeSet<String> = lint
                .findings
                .iter()
                .filter(|f| f.code == "stale_key_result")
                .map(|f| {
                    let (o, k) = f.path["objectives[".len()..f.path.len() - 1]
                        .split_once("].key_results[")
                        .expect("a key result's path");
                    let (o, k): (usize, usize) = (o.parse().expect("o"), k.parse().expect("k"));
                    doc.objectives[o].key_results[k].id.as_str().to_owned()
                })
                .collect();
            let mut from_health = BTreeSet::new();
            for c in &doc.cycles {
                let h = org
                    .health(
                        c.id.as_str(),
                        &HealthOptions::default().as_of(at).stale_after_days(limit),
                    )
                    .expect("a cycle");
                from_health.extend(
                    h.organisation
                        .stale_key_results
                        .iter()
                        .map(|k| k.as_str().to_owned()),
                );
                if at > c.end {
                    stale_after_the_end += h.organisation.stale_key_results.len();
                }
            }
            assert_eq!(from_lint, from_health, "at {at}, limit {limit}");
        }
    }
    // The dates after a cycle's end are tested with stale key results.
    assert!(stale_after_the_end > 0);
}
