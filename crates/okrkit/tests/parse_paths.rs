//! Where a parse error points, and what it says first (r15 finding 16): a
//! field that a measure of its type does not have is named as such before its
//! value is judged, and a key given twice is reported at that key.

fn doc(measure: &str, check_in: &str) -> String {
    format!(
        r#"{{"schema_version": 1,
  "cycles": [{{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}}],
  "teams": [{{"id": "t", "name": "T"}}],
  "objectives": [{{"id": "o", "title": "Obj", "team": "t", "cycle": "q",
    "key_results": [{{"id": "k1", "title": "Conversion rate above 5%", "measure": {measure}}}]}}],
  "check_ins": [{check_in}]}}"#
    )
}

const CHECK_IN: &str = r#"{"key_result": "k1", "at": "2026-02-01T00:00:00Z", "value": 3}"#;
const MEASURE: &str = "objectives[0].key_results[0].measure";

fn error(text: &str) -> (String, String, String) {
    let e = okrkit::Document::from_json(text).expect_err("refused");
    let message = match &e {
        okrkit::Error::Parse { message, .. } => message.clone(),
        other => other.to_string(),
    };
    (e.code().to_owned(), e.path().to_owned(), message)
}

#[test]
fn a_metric_direction_is_a_field_no_metric_has_whatever_its_value() {
    for direction in ["\"decrease\"", "\"at_least\"", "3", "null"] {
        for measure in [
            format!(
                r#"{{"type": "metric", "baseline": 0, "target": 10, "direction": {direction}}}"#
            ),
            format!(
                r#"{{"direction": {direction}, "type": "metric", "baseline": 0, "target": 10}}"#
            ),
        ] {
            // A null direction is no direction: the metric is valid then,
            // wherever the key stands.
            if direction == "null" {
                okrkit::Document::from_json(&doc(&measure, CHECK_IN)).expect(&measure);
                continue;
            }
            let (code, path, message) = error(&doc(&measure, CHECK_IN));
            assert_eq!(code, "parse_error", "{measure}");
            assert!(path.starts_with(MEASURE), "{measure}: {path}");
            assert_eq!(
                message, "unknown field `direction`: a metric measure has no such field",
                "{measure}"
            );
            if measure.starts_with(r#"{"type""#) {
                assert_eq!(path, format!("{MEASURE}.direction"));
            }
        }
    }
}

#[test]
fn a_threshold_direction_is_still_read_strictly() {
    let (code, path, message) = error(&doc(
        r#"{"type": "threshold", "direction": "decrease", "bound": 1}"#,
        CHECK_IN,
    ));
    assert_eq!(
        (code.as_str(), path),
        ("parse_error", format!("{MEASURE}.direction"))
    );
    assert!(message.contains("unknown variant `decrease`"), "{message}");
    let (code, _, message) = error(&doc(
        r#"{"direction": "decrease", "type": "threshold", "bound": 1}"#,
        CHECK_IN,
    ));
    assert_eq!(code, "parse_error");
    assert!(message.contains("unknown variant `decrease`"), "{message}");
    let (_, path, message) = error(&doc(r#"{"type": "threshold", "bound": 1}"#, CHECK_IN));
    assert_eq!(path, MEASURE);
    assert!(message.contains("missing field `direction`"), "{message}");
    // Other fields of another kind, and unknown keys, as before.
    let (_, path, message) = error(&doc(r#"{"type": "milestone", "bound": 1}"#, CHECK_IN));
    assert_eq!(path, format!("{MEASURE}.bound"));
    assert!(
        message.contains("a milestone measure has no such field"),
        "{message}"
    );
    let (_, path, _) = error(&doc(
        r#"{"type": "metric", "baseline": 0, "target": 1, "colour": 1}"#,
        CHECK_IN,
    ));
    assert_eq!(path, format!("{MEASURE}.colour"));
    // The same measures still read.
    for ok in [
        r#"{"type": "threshold", "direction": "at_most", "bound": 200, "unit": "ms"}"#,
        r#"{"direction": "at_least", "bound": 1, "type": "threshold"}"#,
        r#"{"type": "metric", "baseline": 0, "target": 10, "current": 5}"#,
        r#"{"type": "milestone", "done": true}"#,
    ] {
        okrkit::Document::from_json(&doc(ok, CHECK_IN)).expect(ok);
    }
}

/// A threshold's direction that is no text gives one message whatever the
/// order of the keys (r15b finding 6: with `type` first, `5` gave serde's
/// "expected value"), at the direction when the type came first.
#[test]
fn a_threshold_direction_of_another_type_gives_one_message_in_either_order() {
    for direction in ["5", "true", "[1]", "{}"] {
        for (type_first, measure) in [
            (
                true,
                format!(r#"{{"type": "threshold", "direction": {direction}, "bound": 3}}"#),
            ),
            (
                false,
                format!(r#"{{"direction": {direction}, "type": "threshold", "bound": 3}}"#),
            ),
        ] {
            let (code, path, message) = error(&doc(&measure, CHECK_IN));
            assert_eq!(code, "parse_error", "{measure}");
            assert_eq!(
                message, "invalid type for `direction`, expected `at_least` or `at_most`",
                "{measure}"
            );
            let want = if type_first {
                format!("{MEASURE}.direction")
            } else {
                MEASURE.to_owned()
            };
            assert_eq!(path, want, "{measure}");
        }
    }
    // An unknown text: the same variant error in either order.
    for measure in [
        r#"{"type": "threshold", "direction": "up", "bound": 3}"#,
        r#"{"direction": "up", "type": "threshold", "bound": 3}"#,
    ] {
        let (_, _, message) = error(&doc(measure, CHECK_IN));
        assert_eq!(
            message, "unknown variant `up`, expected `at_least` or `at_most`",
            "{measure}"
        );
    }
    // null is no direction in either order.
    for measure in [
        r#"{"type": "threshold", "direction": null, "bound": 3}"#,
        r#"{"direction": null, "type": "threshold", "bound": 3}"#,
    ] {
        let (_, path, message) = error(&doc(measure, CHECK_IN));
        assert_eq!(path, MEASURE, "{measure}");
        assert!(message.contains("missing field `direction`"), "{message}");
    }
}

#[test]
fn a_key_given_twice_is_reported_at_that_key() {
    let (code, path, _) = error(
        &doc(
            r#"{"type": "metric", "baseline": 0, "target": 10}"#,
            CHECK_IN,
        )
        .replacen(
            r#""schema_version": 1"#,
            r#""schema_version": 1, "schema_version": 2"#,
            1,
        ),
    );
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("parse_error", "schema_version")
    );
    let (_, path, _) = error(&doc(
        r#"{"type": "metric", "baseline": 0, "target": 10}"#,
        r#"{"key_result": "k1", "at": "2026-02-01T00:00:00Z", "value": 3, "value": 9}"#,
    ));
    assert_eq!(path, "check_ins[0].value");
    let (_, path, _) = error(&doc(
        r#"{"type": "metric", "baseline": 0, "baseline": 1, "target": 10}"#,
        CHECK_IN,
    ));
    assert_eq!(path, format!("{MEASURE}.baseline"));
    let (_, path, _) = error(&doc(
        r#"{"type": "metric", "type": "metric", "baseline": 0, "target": 10}"#,
        CHECK_IN,
    ));
    assert_eq!(path, format!("{MEASURE}.type"));
}
