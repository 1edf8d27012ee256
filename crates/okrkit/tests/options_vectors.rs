//! Runs the shared bad-option vector (`tests/vectors/options/`): each bad
//! option is `parse_error` at its key, read by `okrkit::options::from_value`
//! as every binding reads its options.

mod common;

use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::{Error, ProgressOptions};
use serde_json::Value;

fn read(operation: &str, options: Value) -> Result<(), Error> {
    use okrkit::options::from_value;
    match operation {
        "progress" => from_value::<ProgressOptions>(options).map(drop),
        "lint" => from_value::<LintOptions>(options).map(drop),
        "health" => from_value::<HealthOptions>(options).map(drop),
        "generate" => from_value::<okrkit::generate::GenerateOptions>(options).map(drop),
        other => panic!("unknown operation {other} in the vector"),
    }
}

#[test]
fn bad_options_vector() {
    let vectors = common::load_vectors("options");
    let (_, v) = vectors
        .iter()
        .find(|(name, _)| name == "bad_options")
        .expect("bad_options.json");
    let cases = v["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let op = case["operation"].as_str().expect("operation");
        let err = read(op, case["options"].clone()).expect_err("a bad option is refused");
        assert_eq!(
            (err.code(), err.path()),
            (
                case["code"].as_str().expect("code"),
                case["path"].as_str().expect("path")
            ),
            "{case}: {err}"
        );
    }
}

#[test]
fn good_options_are_read_with_the_core_defaults() {
    let o: LintOptions = okrkit::options::from_value(serde_json::json!({})).expect("empty");
    assert_eq!(o, LintOptions::default());
    let h: HealthOptions =
        okrkit::options::from_value(serde_json::json!({ "stale_after_days": 3 })).expect("ok");
    assert_eq!(h.stale_after_days, 3);
}
