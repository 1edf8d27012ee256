//! Runs the shared classifier vectors (`tests/vectors/classify/`).

mod common;

use okrkit::classify::{Classifier, StatementKind, StructureHint};

#[test]
fn classify_vectors() {
    let classifier = Classifier::default();
    for (name, v) in common::load_vectors("classify") {
        for s in v["statements"].as_array().expect("statements") {
            let text = s["text"].as_str().expect("text");
            let hint: StructureHint = serde_json::from_value(
                s.get("structure").cloned().unwrap_or_else(|| "none".into()),
            )
            .expect("structure");
            let kind: StatementKind = serde_json::from_value(s["kind"].clone()).expect("kind");
            let c = classifier.classify_with(text, hint);
            assert_eq!(c.kind, kind, "{name}: {text:?} ({hint:?}) -> {c:?}");
            assert!((0.0..=1.0).contains(&c.confidence));
        }
    }
}
