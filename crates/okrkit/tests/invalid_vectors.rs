//! Runs the shared invalid-document vectors (`tests/vectors/invalid/`): each
//! lists every problem expected, by code and path, in order.

mod common;

use okrkit::{Document, Error, Org};
use serde_json::{Value, json};

fn problems_of(doc: Value) -> Vec<Value> {
    let err: Error = match Document::from_value(doc) {
        Err(e) => e,
        Ok(doc) => match Org::new(doc) {
            Err(e) => e,
            Ok(_) => return Vec::new(),
        },
    };
    err.problems()
        .into_iter()
        .map(|p| json!({"code": p.code.as_str(), "path": p.path}))
        .collect()
}

#[test]
fn invalid_vectors() {
    for (name, v) in common::load_vectors("invalid") {
        let got = problems_of(v["document"].clone());
        assert_eq!(Value::Array(got), v["expected_problems"], "{name}");
    }
}
