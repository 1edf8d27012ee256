//! The organisation holds its check-ins once, as columns (issue 18): the
//! document it gives back, its JSON and its check-ins view are exactly the
//! document it was built from (proptest on generated organisations).

use chrono::{DateTime, NaiveDate, Utc};
use okrkit::*;
use proptest::prelude::*;

const KRS: usize = 5;

fn key_result(i: usize) -> KeyResult {
    KeyResult {
        id: KeyResultId::from(if i.is_multiple_of(2) {
            format!("k{i}")
        } else {
            // Longer than an id holds inline.
            format!("key-result-with-a-long-id-{i}")
        }),
        title: format!("Metric {i} from 0 to 10"),
        measure: Measure::Metric {
            baseline: 0.0,
            target: 10.0,
            current: None,
            unit: None,
        },
        weight: 1.0,
        responsible: None,
        key_partner: None,
    }
}

/// A document with the check-ins, less those at the instant of an earlier
/// one of the same key result (`duplicate_check_in`, refused).
fn document(mut check_ins: Vec<CheckIn>) -> Document {
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    let mut seen = std::collections::HashSet::new();
    check_ins.retain(|c| seen.insert((c.key_result.clone(), c.at)));
    let mut doc = Document {
        check_ins,
        ..Document::default()
    };
    doc.cycles = vec![Cycle {
        id: "q".into(),
        name: "Q".into(),
        start: date(1, 1),
        end: date(3, 31),
    }];
    doc.teams = vec![Team {
        id: "t".into(),
        name: "T".into(),
        parent: None,
    }];
    doc.people = vec![
        Person {
            id: "ana".into(),
            name: "Ana".into(),
        },
        Person {
            id: "a-person-with-a-long-long-id".into(),
            name: "Bo".into(),
        },
    ];
    // Objectives without key results between the others: the flat index of
    // a key result skips them.
    let objective = |id: &str, krs: std::ops::Range<usize>| Objective {
        id: id.into(),
        title: format!("Objective {id}"),
        team: "t".into(),
        cycle: "q".into(),
        kind: ObjectiveType::Aspirational,
        aligned_to: None,
        visibility: Visibility::Public,
        key_results: krs.map(key_result).collect(),
    };
    doc.objectives = vec![
        objective("e0", 0..0),
        objective("o", 0..3),
        objective("e1", 3..3),
        objective("e2", 3..3),
        objective("p", 3..KRS),
        objective("e3", KRS..KRS),
    ];
    doc
}

/// A time: whole seconds, microseconds or nanoseconds (a leap second is
/// refused: `times_finer_than_a_microsecond_come_back`).
fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..20, 0u32..3, 0u32..1_000_000_000).prop_map(|(day, kind, frac)| {
        let base = DateTime::from_timestamp(1_767_225_600 + day * 86_400 + 3_600, 0)
            .expect("2026")
            .naive_utc();
        let nanos = match kind {
            0 => 0,
            1 => frac / 1000 * 1000,
            2 => frac,
            // A leap second: 23:59:60.x is second 59 with nanoseconds past 1e9.
            _ => 1_000_000_000 + frac,
        };
        let at = if kind == 3 {
            base.date()
                .and_hms_nano_opt(23, 59, 59, nanos)
                .expect("leap second")
        } else {
            base.date().and_hms_nano_opt(1, 0, 0, nanos).expect("time")
        };
        at.and_utc()
    })
}

fn confidence() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (0u8..=10).prop_map(|c| Some(f64::from(c))),
        (0.0..=10.0f64).prop_map(Some),
        Just(Some(-0.0)),
    ]
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1.0e9..1.0e9f64,
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE)
    ]
}

fn check_in() -> impl Strategy<Value = CheckIn> {
    (
        0..KRS,
        time(),
        value(),
        confidence(),
        prop::option::of("[a-z ]{1,12}"),
        prop::option::of(prop::sample::select(vec![
            "ana",
            "a-person-with-a-long-long-id",
        ])),
    )
        .prop_map(|(k, at, value, confidence, note, author)| {
            let mut c = CheckIn {
                key_result: key_result(k).id,
                at,
                value,
                confidence,
                note: None,
                author: None,
            };
            c.note = note;
            c.author = author.map(PersonId::from);
            c
        })
}

/// Everything the organisation gives back equals the document it was given.
fn gives_back(doc: &Document) -> Result<(), TestCaseError> {
    let org = Org::new(doc.clone()).expect("valid");
    let view = org.document();
    prop_assert_eq!(view.check_ins.len(), doc.check_ins.len());
    for (i, c) in doc.check_ins.iter().enumerate() {
        let got = view.check_ins.get(i).expect("in range");
        prop_assert_eq!(got.to_check_in(), c.clone(), "check_ins[{}]", i);
        prop_assert_eq!(got.value.to_bits(), c.value.to_bits());
        prop_assert_eq!(
            got.confidence.map(f64::to_bits),
            c.confidence.map(f64::to_bits)
        );
    }
    prop_assert!(view.check_ins.get(doc.check_ins.len()).is_none());
    let listed: Vec<CheckIn> = view.check_ins.iter().map(|c| c.to_check_in()).collect();
    prop_assert_eq!(&listed, &doc.check_ins);
    let backwards: Vec<CheckIn> = view
        .check_ins
        .iter()
        .rev()
        .map(|c| c.to_check_in())
        .collect();
    prop_assert!(backwards.iter().rev().eq(doc.check_ins.iter()));
    prop_assert!(view == *doc);
    // Every key result's id as the document spells it (half are longer than
    // an id holds inline), and one that names no key result.
    let ids = doc
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| k.id.as_str().to_owned())
        .chain(["no-such-key-result".to_owned()]);
    for id in ids {
        let from_columns: Vec<CheckIn> = view
            .check_ins
            .for_key_result(&id)
            .iter()
            .map(|c| c.to_check_in())
            .collect();
        let from_slice: Vec<CheckIn> = DocumentRef::from(doc)
            .check_ins
            .for_key_result(&id)
            .iter()
            .map(|c| c.to_check_in())
            .collect();
        prop_assert_eq!(from_columns, from_slice);
    }
    for kr in doc.objectives.iter().flat_map(|o| &o.key_results) {
        let times: Vec<_> = view
            .check_ins
            .for_key_result(kr.id.as_str())
            .iter()
            .map(|c| c.at)
            .collect();
        prop_assert!(times.is_sorted());
        let n = doc
            .check_ins
            .iter()
            .filter(|c| c.key_result == kr.id)
            .count();
        prop_assert_eq!(times.len(), n);
    }
    prop_assert_eq!(
        view.to_json().expect("finite"),
        doc.to_json().expect("finite")
    );
    prop_assert_eq!(
        view.to_json_pretty().expect("finite"),
        doc.to_json_pretty().expect("finite")
    );
    prop_assert_eq!(
        org.to_json().expect("finite"),
        doc.to_json().expect("finite")
    );
    prop_assert_eq!(
        serde_json::to_value(view).expect("serialises"),
        serde_json::to_value(doc).expect("serialises")
    );
    prop_assert_eq!(&org.to_document(), doc);
    prop_assert_eq!(&org.into_document(), doc);
    // Read from JSON straight into columns: the same organisation.
    let text = doc.to_json().expect("finite");
    let loaded = Org::from_json(&text).expect("valid");
    let built = Org::new(doc.clone()).expect("valid");
    prop_assert_eq!(loaded.document(), built.document());
    prop_assert_eq!(
        &loaded.to_document(),
        &Document::from_json(&text).expect("reads")
    );
    prop_assert_eq!(loaded.to_json().expect("finite"), text);
    Ok(())
}

/// `Org::from_json` fails exactly as reading the document and then building
/// the organisation does.
fn same_outcome(text: &str) -> Result<(), TestCaseError> {
    let direct = Org::from_json(text).map(|o| o.to_document());
    let two_steps = Document::from_json(text).and_then(|d| Org::new(d).map(|o| o.to_document()));
    prop_assert_eq!(format!("{direct:?}"), format!("{two_steps:?}"), "{}", text);
    // Both routes go through the columns: compare with the document read
    // without them too, as text (so that -0.0 and 0.0 differ).
    if let Ok(org_doc) = &direct {
        let plain = Document::from_json(text).expect("an org's text is a document");
        prop_assert_eq!(org_doc.to_json().ok(), plain.to_json().ok(), "{}", text);
    }
    let direct = Org::from_slice(text.as_bytes()).map(|o| o.to_document());
    let two_steps =
        Document::from_slice(text.as_bytes()).and_then(|d| Org::new(d).map(|o| o.to_document()));
    prop_assert_eq!(format!("{direct:?}"), format!("{two_steps:?}"), "{}", text);
    Ok(())
}

proptest! {
    #[test]
    fn an_org_gives_its_document_back(check_ins in prop::collection::vec(check_in(), 0..40)) {
        gives_back(&document(check_ins))?;
    }

    #[test]
    fn a_generated_org_gives_its_document_back(seed in 0u64..1000, krs in 1usize..60) {
        let mut opts = okrkit::generate::GenerateOptions::scaled(krs);
        opts.seed = seed;
        gives_back(&okrkit::generate::generate(&opts))?;
    }
}

const VALID: &str = r#"{"schema_version": 1, "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
  "teams": [{"id": "t", "name": "T"}], "people": [{"id": "ana", "name": "Ana"}],
  "objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "q",
    "key_results": [{"id": "k", "title": "K from 0 to 10", "measure": {"type": "metric", "baseline": 0, "target": 10}},
                    {"id": "m", "title": "Ship the thing", "measure": {"type": "milestone", "done": false}}]}],
  "check_ins": [{"key_result": "k", "at": "2026-01-05T10:00:00Z", "value": 1, "confidence": 5, "note": "ok", "author": "ana"},
                {"key_result": "m", "at": "2026-01-06T10:00:00.5+01:00", "value": 0}]}"#;

proptest! {
    #[test]
    fn loading_fails_as_the_two_steps_do(at in 0..VALID.len(), len in 0usize..6, with in "[\\[\\]{}:,\"0-9a-z ]{0,4}") {
        let end = (at + len).min(VALID.len());
        if VALID.is_char_boundary(at) && VALID.is_char_boundary(end) {
            same_outcome(&format!("{}{}{}", &VALID[..at], with, &VALID[end..]))?;
        }
    }
}

#[test]
fn bad_check_ins_fail_as_the_two_steps_do() {
    let cases = [
        VALID.to_string(),
        VALID
            .replace(r#""check_ins": ["#, r#""check_ins": {"a": ["#)
            .replace("}]}", "}]}}"),
        VALID.replace(r#""check_ins": [{"#, r#""check_ins": null, "x": [{"#),
        VALID.replace(r#""value": 0}"#, r#""value": 0, "extra": 1}"#),
        VALID.replace("2026-01-05T10:00:00Z", "2026-01-05"),
        VALID.replace(r#""key_result": "m""#, r#""key_result": "nope""#),
        VALID.replace(r#""confidence": 5"#, r#""confidence": 11"#),
        VALID.replace(r#""author": "ana""#, r#""author": "bo""#),
        VALID.replace(r#""value": 0}"#, r#""value": 0.5}"#),
        VALID.replace(r#""value": 0}"#, r#""value": 0, "value": 1}"#),
        VALID.replace(r#""schema_version": 1"#, r#""schema_version": 2"#),
        VALID.replace(r#""note": "ok""#, r#""note": """#),
        VALID.replace(r#""check_ins": ["#, r#""check_ins": [], "check_ins": ["#),
        format!("{VALID} x"),
        "[]".to_string(),
        r#"{"check_ins": []}"#.to_string(),
    ];
    for text in &cases {
        same_outcome(text).expect("same outcome");
    }
    assert!(Org::from_json(&cases[5]).is_err() && Org::from_json(&cases[0]).is_ok());
}

#[test]
fn times_finer_than_a_microsecond_come_back() {
    let text = |at: &str| {
        format!(
            r#"{{"cycles": [{{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}}],
            "teams": [{{"id": "t", "name": "T"}}],
            "objectives": [{{"id": "o", "title": "O", "team": "t", "cycle": "q",
              "key_results": [{{"id": "k", "title": "K from 0 to 1",
                "measure": {{"type": "metric", "baseline": 0, "target": 1}}}}]}}],
            "check_ins": [{{"key_result": "k", "at": "{at}", "value": 1}}]}}"#
        )
    };
    // A leap second is refused (r15 finding 1), by the reader and, built in
    // Rust, by validation.
    let leap = Document::from_json(&text("2016-12-31T23:59:59Z")).expect("reads");
    let mut leap = leap;
    leap.check_ins[0].at = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
        .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
        .expect("a leap second")
        .and_utc();
    let e = Org::new(leap).unwrap_err();
    let problems: Vec<_> = e
        .problems()
        .into_iter()
        .map(|p| (p.code.as_str(), p.path))
        .collect();
    assert_eq!(
        problems,
        [("parse_error", "check_ins[0].at".to_owned())],
        "{e}"
    );
    let e = Document::from_json(&text("2016-12-31T23:59:60.5Z")).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("parse_error", "check_ins[0].at"),
        "{e}"
    );
    for at in [
        "2026-01-05T10:00:00.123456789Z",
        "2026-01-05T10:00:00.000000001+02:00",
    ] {
        let doc = Document::from_json(&text(at)).expect("reads");
        let org = Org::new(doc.clone()).expect("valid");
        assert_eq!(
            org.document().check_ins.get(0).map(|c| c.at),
            Some(doc.check_ins[0].at)
        );
        assert_eq!(
            org.to_json().expect("finite"),
            doc.to_json().expect("finite"),
            "{at}"
        );
    }
}

#[test]
fn the_check_ins_table_reads_the_columns() {
    // Time order per key result; the note, confidence and author of each.
    let doc = document(vec![
        CheckIn {
            key_result: key_result(1).id,
            at: "2026-01-09T00:00:00Z".parse().expect("time"),
            value: 2.0,
            confidence: Some(6.5),
            note: Some("late".into()),
            author: Some("ana".into()),
        },
        CheckIn {
            key_result: key_result(1).id,
            at: "2026-01-05T00:00:00Z".parse().expect("time"),
            value: 1.0,
            confidence: None,
            note: None,
            author: None,
        },
    ]);
    let org = Org::new(doc).expect("valid");
    let t = okrkit::table::progress::check_ins(&org, None, None).expect("table");
    let value = t.column("value").expect("value");
    assert_eq!((value.f64(0), value.f64(1)), (Some(1.0), Some(2.0)));
    let confidence = t.column("confidence").expect("confidence");
    assert_eq!((confidence.f64(0), confidence.f64(1)), (None, Some(6.5)));
}
