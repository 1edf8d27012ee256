//! `Org::from_json` takes a fast route for the documents it can certify (the
//! check-ins read by hand, issue 18) and the general route (serde_json for
//! the whole document, then `Org::new`) for anything else. Whatever the
//! text, the outcome must be the two steps' outcome: the same organisation
//! (compared as JSON text, so -0.0, nanoseconds and escapes count) or the
//! same error (code, message, path and position).

use okrkit::{Document, Org};
use proptest::prelude::*;

/// Both routes on `text`: the same document back, or the same error.
fn same_outcome(text: &str) -> Result<(), TestCaseError> {
    let direct = Org::from_json(text).map(|o| o.to_json().expect("a valid org writes"));
    let two_steps =
        Document::from_json(text).and_then(|d| Org::new(d).map(|o| o.to_json().expect("writes")));
    prop_assert_eq!(format!("{direct:?}"), format!("{two_steps:?}"), "{}", text);
    if let Ok(json) = &direct {
        // The organisation's document is the one serde reads from the text.
        let plain = Document::from_json(text).expect("reads");
        prop_assert_eq!(json, &plain.to_json().expect("writes"), "{}", text);
    }
    let bytes = Org::from_slice(text.as_bytes()).map(|o| o.to_json().expect("writes"));
    prop_assert_eq!(format!("{bytes:?}"), format!("{direct:?}"));
    // The check-ins' index (grouped by key result, in time order) is the
    // same too: the roll-up as of dates before, within and after them.
    if let (Ok(fast), Ok(doc)) = (Org::from_json(text), Document::from_json(text)) {
        let slow = Org::new(doc).expect("the two steps load it too");
        for as_of in [
            None,
            Some((2026, 1, 5)),
            Some((2026, 2, 1)),
            Some((2027, 1, 1)),
        ] {
            let mut opts = okrkit::ProgressOptions::default();
            opts.as_of = as_of.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d));
            prop_assert_eq!(
                format!("{:?}", fast.progress(&opts)),
                format!("{:?}", slow.progress(&opts)),
                "as of {:?}: {}",
                as_of,
                text
            );
        }
    }
    Ok(())
}

/// The document around the check-ins: a metric, a milestone, a threshold,
/// an id with a non-ASCII letter and one longer than an id holds inline.
fn document(check_ins: &str, objectives_first: bool) -> String {
    let objectives = r#""objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "q",
      "key_results": [
        {"id": "k", "title": "K from 0 to 10", "measure": {"type": "metric", "baseline": 0, "target": 10}},
        {"id": "m", "title": "Ship the thing", "measure": {"type": "milestone"}},
        {"id": "h", "title": "Hold latency", "measure": {"type": "threshold", "direction": "at_most", "bound": 200}},
        {"id": "ké", "title": "Unicode id from 0 to 5", "measure": {"type": "metric", "baseline": 5, "target": 0}},
        {"id": "a-key-result-with-a-long-long-id", "title": "Long from 1 to 2", "measure": {"type": "metric", "baseline": 1, "target": 2}}]}]"#;
    let head = r#""schema_version": 1,
      "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "t", "name": "T"}], "people": [{"id": "ana", "name": "Ana"}]"#;
    let check_ins = format!(r#""check_ins": [{check_ins}]"#);
    if objectives_first {
        format!("{{{head}, {objectives}, {check_ins}}}")
    } else {
        format!("{{{head}, {check_ins}, {objectives}}}")
    }
}

/// A JSON number as text, in the forms a document may hold (and some it
/// may not: too large, leading zero, a string, `null`).
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (-10.0f64..20.0).prop_map(|x| format!("{x}")),
        2 => (0u32..=10).prop_map(|x| x.to_string()),
        1 => (0u32..=10).prop_map(|x| format!("{x}.0")),
        2 => "-?(0|[1-9][0-9]{0,22})(\\.[0-9]{1,22})?([eE][+-]?[0-9]{1,3})?",
        1 => any::<f64>().prop_map(|x| format!("{x:e}")),
        1 => prop::sample::select(vec![
            "-0", "-0.0", "0.0", "1e400", "-1e400", "1e-400", "01", "1.", ".5", "+1", "\"5\"",
            "null", "1E2", "18446744073709551616", "-9223372036854775809", "0e99999999999",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A time as text: the exact form and chrono's relaxed ones.
fn time() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "2026-0[1-3]-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]0[0-9]:[0-5][0-9])",
        2 => "2026-0[1-3]-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-4]):[0-5][0-9]:[0-6][0-9](\\.[0-9]{1,12})?(Z|z|[+-](0[0-9]|2[0-9]):[0-6][0-9])",
    ]
}

/// A JSON string as text: plain, with escapes, or not a string.
fn string(plain: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(plain).prop_map(|s| format!("\"{s}\"")),
        1 => Just(r#""k\u00e9""#.to_owned()),
        1 => Just(r#""\u006b""#.to_owned()),
        1 => Just(r#""a \"quoted\" note\n""#.to_owned()),
        1 => Just("null".to_owned()),
        1 => Just("\"tab\tinside\"".to_owned()),
    ]
}

const KEY_RESULTS: &[&str] = &[
    "k",
    "m",
    "h",
    "ké",
    "a-key-result-with-a-long-long-id",
    "nope",
    "",
];
const NOTES: &[&str] = &["ok", "", "café ✓ 🚀", "Weekly check-in after the release"];
const AUTHORS: &[&str] = &["ana", "bo"];

/// One check-in object as text: its members in any order, some missing,
/// some given twice, an unknown one, whitespace anywhere JSON allows it.
fn check_in() -> impl Strategy<Value = String> {
    let members = (
        string(KEY_RESULTS),
        time().prop_map(|t| format!("\"{t}\"")),
        number(),
        prop::option::of(number()),
        prop::option::of(string(NOTES)),
        prop::option::of(string(AUTHORS)),
    );
    (
        members,
        any::<prop::sample::Index>(),
        prop::collection::vec(
            prop::sample::select(vec!["", " ", "\n", "\t", "\r\n  "]),
            24,
        ),
        0u8..20,
    )
        .prop_map(
            |((kr, at, value, confidence, note, author), order, ws, odd)| {
                let mut fields: Vec<(&str, String)> =
                    vec![("key_result", kr), ("at", at), ("value", value)];
                if let Some(c) = confidence {
                    fields.push(("confidence", c));
                }
                if let Some(n) = note {
                    fields.push(("note", n));
                }
                if let Some(a) = author {
                    fields.push(("author", a));
                }
                // A rotation and a swap: every order of the members occurs.
                let n = fields.len();
                fields.rotate_left(order.index(n));
                fields.swap(0, order.index(n));
                match odd {
                    0 => fields.push(("value", "1".into())),
                    1 => fields.push(("extra", "1".into())),
                    2 => {
                        fields.remove(0);
                    }
                    _ => {}
                }
                let w = |i: usize| ws[i % ws.len()];
                let body: Vec<String> = fields
                    .iter()
                    .enumerate()
                    .map(|(i, (k, v))| {
                        format!(
                            "{}\"{k}\"{}:{}{v}{}",
                            w(4 * i),
                            w(4 * i + 1),
                            w(4 * i + 2),
                            w(4 * i + 3)
                        )
                    })
                    .collect();
                if odd == 3 {
                    // An array where a check-in is: serde would read a struct from
                    // it; both routes refuse it (`json::MapsOnly`).
                    return "[\"k\", \"2026-01-05T10:00:00Z\", 1]".to_owned();
                }
                format!("{{{}}}", body.join(","))
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Check-ins in every form: the fast route reads them or leaves them to
    /// serde_json, and the outcome is the two steps' outcome.
    #[test]
    fn any_check_ins_load_as_the_two_steps_load_them(
        check_ins in prop::collection::vec(check_in(), 0..6),
        objectives_first in prop::bool::weighted(0.8),
    ) {
        same_outcome(&document(&check_ins.join(", "), objectives_first))?;
    }

    /// Valid check-ins only (the fast route's own case), many per document.
    #[test]
    fn valid_check_ins_load_as_the_two_steps_load_them(
        rows in prop::collection::vec(
            (
                prop::sample::select(vec!["k", "ké", "a-key-result-with-a-long-long-id", "h"]),
                time(),
                -5.0f64..15.0,
                prop::option::of(0u8..=10),
                prop::option::of(prop::sample::select(NOTES)),
                any::<bool>(),
            ),
            0..30,
        ),
    ) {
        let check_ins: Vec<String> = rows
            .iter()
            .map(|(kr, at, value, confidence, note, author)| {
                let mut o = format!(r#"{{"key_result":"{kr}","at":"{at}","value":{value}"#);
                if let Some(c) = confidence {
                    o.push_str(&format!(r#","confidence":{c}"#));
                }
                if let Some(n) = note {
                    o.push_str(&format!(r#","note":"{n}""#));
                }
                if *author {
                    o.push_str(r#","author":"ana""#);
                }
                o.push('}');
                o
            })
            .collect();
        same_outcome(&document(&check_ins.join(","), true))?;
    }

    /// Generated organisations, written compact and indented.
    #[test]
    fn generated_documents_load_as_the_two_steps_load_them(seed in 0u64..500, krs in 1usize..40) {
        let mut opts = okrkit::generate::GenerateOptions::scaled(krs);
        opts.seed = seed;
        let doc = okrkit::generate::generate(&opts);
        same_outcome(&doc.to_json().expect("finite"))?;
        same_outcome(&doc.to_json_pretty().expect("finite"))?;
    }

    /// Generated organisations, their check-ins in other orders: runs of
    /// key results in a random order, in a regular order (by key result
    /// index within the objective, then objective: the generator's), one
    /// check-in per key result in turn (no runs); some with a key result
    /// renamed to a duplicate or a look-alike of another id (its
    /// check-ins follow), some with a key result's responsible unknown.
    /// The fast route resolves runs by predicting the next key result,
    /// detects look-alikes by sorting hashes and copies runs into the
    /// buffers read; the outcome must be the two steps' outcome.
    #[test]
    fn reordered_check_ins_load_as_the_two_steps_load_them(
        seed in 0u64..1000,
        krs in 1usize..60,
        order in 0u8..4,
        shuffle in any::<u64>(),
        rename in 0u8..6,
        which in any::<(u16, u16)>(),
    ) {
        let mut opts = okrkit::generate::GenerateOptions::scaled(krs);
        opts.seed = seed;
        opts.objectives = 1 + krs / 3;
        let mut doc = okrkit::generate::generate(&opts);
        let places: Vec<(usize, usize)> = doc
            .objectives
            .iter()
            .enumerate()
            .flat_map(|(oi, o)| (0..o.key_results.len()).map(move |ki| (oi, ki)))
            .collect();
        let id_of = |doc: &Document, (oi, ki): (usize, usize)| {
            doc.objectives[oi].key_results[ki].id.to_string()
        };
        if !places.is_empty() {
            let a = places[which.0 as usize % places.len()];
            let b = places[which.1 as usize % places.len()];
            let new_id = match rename {
                // A duplicate of another key result's id.
                0 => Some(id_of(&doc, b)),
                // A look-alike (upper case) of another key result's id.
                1 => Some(id_of(&doc, b).to_uppercase()),
                // A look-alike of a team's id: another kind, no problem.
                2 => Some(doc.teams[0].id.to_string().to_uppercase()),
                _ => None,
            };
            if let Some(new_id) = new_id {
                let old = id_of(&doc, a);
                for c in &mut doc.check_ins {
                    if c.key_result.as_str() == old {
                        c.key_result = new_id.as_str().into();
                    }
                }
                doc.objectives[a.0].key_results[a.1].id = new_id.as_str().into();
            }
            if rename == 3 {
                doc.objectives[a.0].key_results[a.1].responsible = Some("nobody".into());
            }
        }
        let place: std::collections::HashMap<String, usize> = places
            .iter()
            .enumerate()
            .rev()
            .map(|(flat, &p)| (id_of(&doc, p), flat))
            .collect();
        let flat_of = |c: &okrkit::CheckIn| place.get(c.key_result.as_str()).copied().unwrap_or(0);
        // A pseudo-random rank per flat index (the shuffled order of runs).
        let rank = |flat: usize| (flat as u64 ^ shuffle).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut nth = std::collections::HashMap::new();
        let mut keyed: Vec<((u64, u64), okrkit::CheckIn)> = doc
            .check_ins
            .drain(..)
            .map(|c| {
                let flat = flat_of(&c);
                let (oi, ki) = places.get(flat).copied().unwrap_or((0, 0));
                let n = nth.entry(flat).or_insert(0u64);
                *n += 1;
                let key = match order {
                    0 => (rank(flat), 0),
                    1 => ((ki as u64) << 32 | oi as u64, 0),
                    2 => (*n, flat as u64),
                    _ => (flat as u64, 0),
                };
                (key, c)
            })
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        doc.check_ins = keyed.into_iter().map(|(_, c)| c).collect();
        same_outcome(&doc.to_json().expect("finite"))?;
    }

    /// A valid document with a few bytes replaced anywhere: the top-level
    /// scan and the check-in reader must refuse exactly what serde refuses.
    #[test]
    fn damaged_documents_fail_as_the_two_steps_fail(
        at in 0usize..2000,
        len in 0usize..4,
        with in prop_oneof![
            4 => "[\\[\\]{}:,\"0-9a-z\\\\ .eE+-]{0,3}",
            // What JSON does not count as whitespace or allows only escaped,
            // escapes themselves, and non-ASCII.
            1 => prop::sample::select(vec![
                "\u{b}", "\u{a0}", "\u{feff}", "\\u0069", "\\ud800", "\\u00e9", "é", "\u{301}", "\u{1}", "\u{7f}",
            ]).prop_map(str::to_owned),
        ],
    ) {
        let text = document(
            r#"{"key_result": "k", "at": "2026-01-05T10:00:00.123456789+01:00", "value": -0.0, "confidence": 5, "note": "ok", "author": "ana"},
               {"key_result": "m", "at": "2026-01-06T10:00:00Z", "value": 1}"#,
            true,
        );
        let at = at % text.len();
        let end = (at + len).min(text.len());
        if text.is_char_boundary(at) && text.is_char_boundary(end) {
            same_outcome(&format!("{}{}{}", &text[..at], with, &text[end..]))?;
        }
    }
}

/// What must survive the fast route exactly: -0.0, nanoseconds, a relaxed
/// form's last nanosecond of a day, notes and authors, escapes, an id longer
/// than inline (a leap second is refused, on both routes).
#[test]
fn nothing_is_lost() {
    let text = document(
        r#"{"key_result": "k", "at": "2026-01-05T10:00:00.123456789+01:00", "value": -0.0, "confidence": 7.5, "note": "a \"quoted\" note", "author": "ana"},
           {"key_result": "k\u00e9", "at": "2026-01-06t23:59:59.999999999z", "value": 2.5},
           {"key_result": "a-key-result-with-a-long-long-id", "at": "2026-01-07T10:00:00.5Z", "value": 1.25, "note": null, "author": null, "confidence": null},
           {"value": 0, "at": "2026-01-08t10:00:00z", "key_result": "m", "note": "café ✓ 🚀"}"#,
        true,
    );
    same_outcome(&text).expect("same outcome");
    let org = Org::from_json(&text).expect("valid");
    let json = org.to_json().expect("writes");
    assert!(json.contains(r#""value":-0.0"#), "{json}");
    assert!(json.contains("09:00:00.123456789Z"), "{json}");
    assert!(json.contains(r#""key_result":"ké""#), "{json}");
    assert!(json.contains("2026-01-06T23:59:59.999999999Z"), "{json}");
    assert!(json.contains(r#"a \"quoted\" note"#), "{json}");
    assert!(json.contains(r#""author":"ana""#), "{json}");
}

/// Predictions that find another key result than the hash table would (a
/// duplicate id; an empty id, which the table leaves out): exactly the
/// general route's errors.
#[test]
fn predicted_duplicates_and_empty_ids_fail_as_the_two_steps_fail() {
    let milestone = r#"{"type": "milestone"}"#;
    let metric = r#"{"type": "metric", "baseline": 0, "target": 1}"#;
    let head = r#""schema_version": 1,
      "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "t", "name": "T"}], "people": []"#;
    let krs = |krs: &[(&str, &str)]| {
        krs.iter()
            .map(|(id, m)| format!(r#"{{"id": "{id}", "title": "T", "measure": {m}}}"#))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Two objectives, their key results, and check-ins on `ids` (one each).
    let text = |first: &[(&str, &str)], second: &[(&str, &str)], ids: [&str; 2]| {
        let check_ins = ids
            .map(|id| format!(r#"{{"key_result":"{id}","at":"2026-01-05T10:00:00Z","value":0.5}}"#))
            .join(",");
        format!(
            r#"{{{head}, "objectives": [
                {{"id": "o", "title": "O", "team": "t", "cycle": "q", "key_results": [{}]}},
                {{"id": "p", "title": "P", "team": "t", "cycle": "q", "key_results": [{}]}}],
              "check_ins": [{check_ins}]}}"#,
            krs(first),
            krs(second)
        )
    };
    for (first, second, ids) in [
        // Runs `b` then `a`: `a` is predicted in the second objective (the
        // next key result in document order), the table gives the first.
        (
            [("a", milestone), ("b", metric)],
            [("a", metric)],
            ["b", "a"],
        ),
        (
            [("a", metric), ("b", metric)],
            [("a", milestone)],
            ["b", "a"],
        ),
        // `""` right after `k`: predicted where a key result's id is empty,
        // unknown where none is.
        ([("k", metric), ("", metric)], [("m", milestone)], ["k", ""]),
        (
            [("k", metric), ("m", metric)],
            [("n", milestone)],
            ["k", ""],
        ),
    ] {
        let text = text(&first, &second, ids);
        let err = Org::from_json(&text).expect_err("an invalid document");
        assert_eq!(err.code(), "invalid_document", "{text}");
        same_outcome(&text).expect("the two steps' outcome");
    }
}

/// Errors keep their code, path and position on the fast route's inputs.
#[test]
fn errors_are_the_general_routes() {
    let unknown = document(
        r#"{"key_result": "k", "at": "2026-01-05T10:00:00Z", "value": 1},
           {"key_result": "zz", "at": "2026-01-05T10:00:00Z", "value": 1}"#,
        true,
    );
    let err = Org::from_json(&unknown).expect_err("unknown key result");
    assert_eq!(err.code(), "invalid_document");
    assert!(
        format!("{err:?}").contains("check_ins[1].key_result"),
        "{err:?}"
    );
    let bad_number = document(
        r#"{"key_result": "k", "at": "2026-01-05T10:00:00Z", "value": 01}"#,
        true,
    );
    let err = Org::from_json(&bad_number).expect_err("a leading zero");
    assert_eq!(err.code(), "parse_error");
    assert!(err.path().starts_with("check_ins[0]"), "{}", err.path());
    for text in [unknown, bad_number] {
        same_outcome(&text).expect("same outcome");
    }
}

/// Attacks on the scan: deep nesting where a value goes (serde's recursion
/// limit must answer as on the general route), a number of many digits,
/// thousands of check-ins each left to serde_json (an escape each), a
/// string that never ends.
#[test]
fn attacks_end_as_on_the_general_route() {
    let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    let mut texts = Vec::new();
    for n in [1, 2, 120, 126, 127, 128, 129, 200, 5000] {
        texts.push(document(
            &format!(
                r#"{{"key_result": "k", "at": "2026-01-05T10:00:00Z", "value": {}}}"#,
                deep(n)
            ),
            true,
        ));
        texts.push(document(&deep(n), true));
        texts.push(format!(r#"{{"teams": {}}}"#, deep(n)));
        texts.push(format!(
            r#"{{"objectives": [{{"id": "o", "title": "O", "team": "t", "cycle": "q", "aligned_to": {}}}]}}"#,
            deep(n)
        ));
    }
    let digits = "7".repeat(100_000);
    texts.push(document(
        &format!(r#"{{"key_result": "k", "at": "2026-01-05T10:00:00Z", "value": 0.{digits}}}"#),
        true,
    ));
    texts.push(document(
        &format!(r#"{{"key_result": "k", "at": "2026-01-05T10:00:00Z", "value": {digits}}}"#),
        true,
    ));
    let escaped = r#"{"key_result": "\u006b", "at": "2026-01-05T10:00:00Z", "value": 1}"#;
    texts.push(document(&vec![escaped; 5000].join(","), true));
    texts.push(document(
        r#"{"key_result": "k, "at": "2026-01-05T10:00:00Z", "value": 1}"#,
        true,
    ));
    texts.push(document(r#"{"key_result": "k"#, true));
    for text in &texts {
        same_outcome(text).expect("same outcome");
    }
}

/// Attacks on the shortcuts of the second pass (issue 18): numbers read by
/// the verified division, times read straight to microseconds, measures
/// read by hand, check-ins taken as the index's runs. Each document has the
/// two steps' outcome (organisation, roll-up, or error).
#[test]
fn the_shortcuts_end_as_on_the_general_route() {
    let check_in = |kr: &str, at: &str, value: &str| {
        format!(r#"{{"key_result": "{kr}", "at": "{at}", "value": {value}}}"#)
    };
    let mut texts = Vec::new();
    // Numbers: ties past 2^53, 16 to 23 digits, signs, exponents, edges.
    for value in [
        "9007199254740993",
        "9007199254740992",
        "-9007199254740993",
        "9007199254740993.0",
        "4503599627370496.5",
        "4503599627370497.5",
        "0.30000000000000004",
        "53.123456789012345",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "9999999999999999999",
        "99999999999999999999999",
        "0.00000000000000000000001",
        "-0",
        "-0.0000000000000000",
        "0.1e1",
        "1e400",
        "1e-400",
        "01.5",
        "1.",
        "-",
    ] {
        texts.push(document(
            &check_in("k", "2026-01-05T10:00:00Z", value),
            true,
        ));
    }
    // Times: out-of-range fields, leap days and seconds, offsets that move
    // the date across a year, fractions below a microsecond, relaxed forms.
    for at in [
        "2026-02-29T10:00:00Z",
        "2024-02-29T10:00:00Z",
        "2100-02-29T10:00:00Z",
        "2026-04-31T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-00-10T10:00:00Z",
        "2026-01-00T10:00:00Z",
        "2026-01-05T24:00:00Z",
        "2026-01-05T10:60:00Z",
        "2026-06-30T23:59:60Z",
        "0000-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-23:59",
        "2026-01-01T00:30:00+01:00",
        "2026-01-05T10:00:00.0000001Z",
        "2026-01-05T10:00:00.1234567891Z",
        "2026-01-05T10:00:00+24:00",
        "2026-01-05T10:00:00-00:00",
        "2026-01-05t10:00:00z",
        "2026-01-05 10:00:00Z",
        "2026-01-05T10:00:00",
        "2026-01-05T10:00:00Z ",
        r"2026-01-05T10:00:00\u005a",
    ] {
        texts.push(document(&check_in("k", at, "1"), true));
    }
    // Runs: a key result's check-ins split in two runs, out of time order,
    // at equal instants (document order kept), with a time below a
    // microsecond among them, and key results in reverse order.
    for check_ins in [
        [
            check_in("k", "2026-01-05T10:00:00Z", "1"),
            check_in("m", "2026-01-05T10:00:00Z", "0"),
            check_in("k", "2026-01-06T10:00:00Z", "2"),
        ],
        [
            check_in("k", "2026-01-07T10:00:00Z", "1"),
            check_in("k", "2026-01-06T10:00:00Z", "2"),
            check_in("k", "2026-01-05T10:00:00Z", "3"),
        ],
        [
            check_in("k", "2026-01-05T10:00:00Z", "1"),
            check_in("k", "2026-01-05T10:00:00Z", "2"),
            check_in("k", "2026-01-05T10:00:00.000Z", "3"),
        ],
        [
            check_in("k", "2026-01-05T10:00:00Z", "1"),
            check_in("k", "2026-01-05T10:00:00.0000005Z", "2"),
            check_in("k", "2026-01-05T10:00:00.000001Z", "3"),
        ],
        [
            check_in("h", "2026-01-05T10:00:00Z", "150"),
            check_in("m", "2026-01-05T10:00:00Z", "1"),
            check_in("k", "2026-01-05T10:00:00Z", "1"),
        ],
    ] {
        texts.push(document(&check_ins.join(", "), true));
    }
    // Measures: null members, escapes, duplicates, members of another kind.
    for measure in [
        r#"{"type": "metric", "baseline": 0, "target": 10, "unit": null}"#,
        r#"{"type": "metric", "baseline": 0, "target": 10, "unit": "\u0025"}"#,
        r#"{"type": "metric", "baseline": 0, "target": 10, "target": 11}"#,
        r#"{"type": "metric", "baseline": 0, "target": 10, "done": true}"#,
        r#"{"type": "metric", "baseline": 0, "target": 1e400}"#,
        r#"{"type": "metric", "baseline": 5, "target": 5}"#,
        r#"{"type": "metric", "target": 10}"#,
        r#"{"type": "threshold", "direction": "at_least", "bound": 1, "baseline": 0}"#,
        r#"{"type": "milestone", "done": null}"#,
        r#"{"type": "milestone", "done": true, "extra": 1}"#,
        r#"{"type": "Metric", "baseline": 0, "target": 10}"#,
        r#"{"type": "metric", "baseline": 0, "target": 10, "current": -0}"#,
    ] {
        let text = document(&check_in("k", "2026-01-05T10:00:00Z", "1"), true).replacen(
            r#"{"type": "metric", "baseline": 0, "target": 10}"#,
            measure,
            1,
        );
        assert!(text.contains(measure), "{measure}");
        texts.push(text);
    }
    for text in &texts {
        same_outcome(text).expect("same outcome");
    }
}
