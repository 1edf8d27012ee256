//! Runs the shared health vectors (`tests/vectors/health/`).

mod common;

use okrkit::health::HealthOptions;
use okrkit::{Document, Org};

#[test]
fn health_vectors() {
    for (name, v) in common::load_vectors("health") {
        let org = Org::new(Document::from_value(v["document"].clone()).expect("document"))
            .expect("valid");
        let opts: HealthOptions = serde_json::from_value(v["options"].clone()).expect("options");
        let report = org
            .health(v["cycle"].as_str().expect("cycle"), &opts)
            .expect("cycle exists");
        common::assert_subset(
            &v["expected"],
            &serde_json::to_value(report).expect("json"),
            &name,
        );
    }
}
