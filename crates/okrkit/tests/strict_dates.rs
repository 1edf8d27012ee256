//! Every date of a document, a table import and a JSON import is written
//! exactly `YYYY-MM-DD` (`okrkit::options::parse_date`), as options' dates
//! are; chrono's lenient reading took `" 2026-01-01"`, `2026-1-1` and
//! `+2026-01-01`.

use okrkit::import::table::{self, TableOptions};
use okrkit::{Document, Org};

const LENIENT: [&str; 4] = [" 2026-01-01", "2026-1-1", "+2026-01-01", "2026-01-01xyz"];

fn doc(start: &str, end: &str) -> String {
    format!(
        r#"{{"schema_version": 1,
            "cycles": [{{"id": "q1", "name": "Q1", "start": "{start}", "end": "{end}"}}],
            "teams": [{{"id": "t", "name": "T"}}], "objectives": []}}"#
    )
}

#[test]
fn a_cycles_dates_are_read_strictly_by_every_document_reader() {
    Document::from_json(&doc("2026-01-01", "2026-03-31")).expect("a strict date reads");
    for bad in LENIENT {
        for (text, path) in [
            (doc(bad, "2026-03-31"), "cycles[0].start"),
            (doc("2026-01-01", bad), "cycles[0].end"),
        ] {
            let e = Document::from_json(&text).unwrap_err();
            assert_eq!((e.code(), e.path()), ("parse_error", path), "{bad:?}: {e}");
            let e = Org::from_json(&text).unwrap_err();
            assert_eq!((e.code(), e.path()), ("parse_error", path), "{bad:?}: {e}");
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let e = Document::from_value(value).unwrap_err();
            assert_eq!((e.code(), e.path()), ("parse_error", path), "{bad:?}: {e}");
        }
    }
}

#[test]
fn a_table_imports_cycle_dates_strictly() {
    let head = "objective,team,cycle,cycle_start,cycle_end,key_result,title,type,baseline,target\n";
    let row = |start: &str| format!("{head}o,t,q1,{start},2026-03-31,k,K,metric,0,10\n");
    let ok = table::read_csv(&row("2026-01-01"), &TableOptions::default()).expect("reads");
    assert!(ok.report.problems.is_empty(), "{:?}", ok.report.problems);
    for bad in ["2026-1-1", "+2026-01-01", "2026-01-01xyz"] {
        let imported = table::read_csv(&row(bad), &TableOptions::default()).expect("reads");
        let problems: Vec<_> = imported
            .report
            .problems
            .iter()
            .map(|p| (p.code.as_str().to_owned(), p.path.clone()))
            .collect();
        assert!(
            problems.contains(&("parse_error".into(), "rows[0].cycle_start".into())),
            "{bad}: {problems:?}"
        );
    }
}

/// A document with one key result and check-ins at these times.
fn check_ins_at(times: &[&str]) -> String {
    let check_ins: Vec<String> = times
        .iter()
        .map(|t| format!(r#"{{"key_result": "k", "at": "{t}", "value": 1}}"#))
        .collect();
    format!(
        r#"{{"schema_version": 1,
            "cycles": [{{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}}],
            "teams": [{{"id": "t", "name": "T"}}],
            "objectives": [{{"id": "o", "title": "O", "team": "t", "cycle": "q1", "type": "aspirational",
              "key_results": [{{"id": "k", "title": "Conversion from 1% to 2%",
                "measure": {{"type": "metric", "baseline": 0, "target": 10}}}}]}}],
            "check_ins": [{}]}}"#,
        check_ins.join(", ")
    )
}

/// A check-in at second 60 (a leap second) was read by chrono and counted as
/// the next second — `23:59:60Z` the next day, `09:00:60Z` beside `09:01:00Z`
/// as two check-ins (r15 finding 1); every document reader refuses it with
/// `parse_error` at the field.
#[test]
fn a_leap_second_in_a_check_in_is_refused_by_every_document_reader() {
    Org::from_json(&check_ins_at(&["2026-02-05T23:59:59Z"])).expect("second 59 reads");
    for (times, path) in [
        (&["2026-02-05T23:59:60Z"][..], "check_ins[0].at"),
        (
            &["2026-02-12T09:01:00Z", "2026-02-12T09:00:60Z"][..],
            "check_ins[1].at",
        ),
        (&["2026-02-05T23:59:60.5+01:00"][..], "check_ins[0].at"),
        (&["2026-02-05t10:00:60z"][..], "check_ins[0].at"),
    ] {
        let text = check_ins_at(times);
        let e = Document::from_json(&text).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("parse_error", path),
            "{times:?}: {e}"
        );
        assert!(e.to_string().contains("leap second"), "{e}");
        let e = Org::from_json(&text).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("parse_error", path),
            "{times:?}: {e}"
        );
        let e = Org::from_slice(text.as_bytes()).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("parse_error", path),
            "{times:?}: {e}"
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let e = Document::from_value(value).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("parse_error", path),
            "{times:?}: {e}"
        );
    }
}
