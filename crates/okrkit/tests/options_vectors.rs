//! Runs the shared bad-option vector (`tests/vectors/options/`): each bad
//! option is refused with the case's code at its key, read by
//! `okrkit::options::read_at` as every binding reads its options.

mod common;

use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::{Error, ProgressOptions};
use serde_json::Value;

fn read(operation: &str, options: Value) -> Result<(), Error> {
    use okrkit::options::read_at;
    let options = options.as_object().expect("options are an object").clone();
    match operation {
        "progress" => read_at::<ProgressOptions>(options, "").map(drop),
        "lint" => read_at::<LintOptions>(options, "").map(drop),
        "health" => read_at::<HealthOptions>(options, "").map(drop),
        "generate" => read_at::<okrkit::generate::GenerateOptions>(options, "").map(drop),
        other => panic!("unknown operation {other} in the vector"),
    }
}

/// The file `tests/vectors/options/<name>.json`.
fn vector(name: &str) -> Value {
    common::load_vectors("options")
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("{name}.json"))
}

#[test]
fn bad_options_vector() {
    let v = vector("bad_options");
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
    // Health's missing as_of is the cycle's last day: stale_after_days alone is read.
    let h: HealthOptions = okrkit::options::read_at(
        serde_json::json!({ "stale_after_days": 3 })
            .as_object()
            .unwrap()
            .clone(),
        "options",
    )
    .expect("health reads stale_after_days without as_of");
    assert_eq!(h.stale_after_days, 3);
}

#[test]
fn as_of_vector_an_instant_is_its_utc_day() {
    let v = vector("as_of");
    let cases = v["cases"].as_array().expect("cases");
    for case in cases {
        let o: ProgressOptions =
            okrkit::options::from_object_at(serde_json::json!({ "as_of": case["as_of"] }), "")
                .expect("a date or an instant");
        let day = o.as_of.map(|d| d.to_string());
        assert_eq!(day.as_deref(), case["day"].as_str(), "{case}");
    }
    for text in v["refused"].as_array().expect("refused") {
        let err = okrkit::options::from_object_at::<ProgressOptions>(
            serde_json::json!({ "as_of": text }),
            "",
        )
        .expect_err("refused");
        assert_eq!((err.code(), err.path()), ("parse_error", "as_of"), "{text}");
    }
}

/// `tests/vectors/options/instant.json`: an event's time is a strict RFC 3339
/// instant; a date alone and chrono's lenient forms are refused at `at`.
#[test]
fn instant_vector() {
    use okrkit::ledger::parse_instant;
    let v = vector("instant");
    for case in v["accepted"].as_array().expect("accepted") {
        let at = case["at"].as_str().expect("at");
        let want = chrono::DateTime::parse_from_rfc3339(case["utc"].as_str().expect("utc"))
            .expect("utc is RFC 3339");
        assert_eq!(parse_instant(at, "at").expect(at), want, "{at}");
    }
    for text in v["refused"].as_array().expect("refused") {
        let text = text.as_str().expect("text");
        let err = parse_instant(text, "at").expect_err(text);
        assert_eq!((err.code(), err.path()), ("parse_error", "at"), "{text}");
    }
}
