//! Issue 19: every text the ledger accepts passes the document's checks, so
//! `ledger.org()` never becomes invalid after an accepted append; entry times
//! keep one precision (microseconds) that survives a database column.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use okrkit::Document;
use okrkit::ledger::{Action, Actor, Entry, Ledger, Membership, Roles};
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    "2026-01-02T09:00:00Z".parse().expect("time")
}

/// A ledger with one agreed-free draft set: team web (member ana) owns o1/kr1.
fn ledger() -> Ledger {
    let doc = Document::from_json(
        r#"{
      "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
      "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
      "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
        "key_results": [{"id": "kr1", "title": "Conversion > 65%",
          "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]
    }"#,
    )
    .expect("valid document");
    let roles = Roles {
        members: vec![Membership::new("web", "ana"), Membership::new("shop", "bo")],
        ..Roles::default()
    };
    let mut l = Ledger::new();
    l.append_as_of(
        t0(),
        t0(),
        Actor::new("bo", "shop"),
        Action::import_with_roles(doc, roles),
    )
    .expect("import");
    l
}

fn ana() -> Actor {
    Actor::new("ana", "web")
}

fn initiative(id: &str, title: &str) -> Action {
    let ini = serde_json::json!({"id": id, "title": title, "team": "web", "key_results": ["kr1"]});
    Action::StartInitiative {
        initiative: Box::new(serde_json::from_value(ini).expect("initiative")),
    }
}

fn check_in(note: &str) -> Action {
    Action::CheckIn {
        key_result: "kr1".into(),
        value: 55.0,
        confidence: None,
        note: Some(note.to_owned()),
    }
}

fn feedback(text: &str) -> Action {
    Action::Feedback {
        team: "web".into(),
        cycle: "q1".into(),
        key_result: None,
        text: text.to_owned(),
    }
}

/// Appends and, whatever the outcome, checks the ledger's invariants.
fn append_checked(l: &mut Ledger, action: Action) -> okrkit::Result<()> {
    let before = l.to_jsonl();
    let r = l.append_as_of(t0(), t0(), ana(), action).map(|_| ());
    if r.is_err() {
        assert_eq!(l.to_jsonl(), before, "a refused entry changed the ledger");
    }
    l.org().expect("the ledger's document stays valid");
    r
}

#[test]
fn a_terminal_escape_in_a_note_is_refused_with_its_path() {
    let mut l = ledger();
    let err = append_checked(&mut l, check_in("\u{1b}[31mred")).unwrap_err();
    assert_eq!(err.code(), "invalid_change");
    assert_eq!(err.path(), "action.note");
    assert!(err.to_string().contains("U+001B"), "{err}");
    // Tab, newline and carriage return are text.
    append_checked(&mut l, check_in("done:\r\n\t- a")).expect("plain note");
}

#[test]
fn a_bell_in_an_initiative_title_or_an_invisible_id_is_refused() {
    let mut l = ledger();
    let err = append_checked(&mut l, initiative("i1", "Cart \u{7} reminder")).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("invalid_change", "action.initiative.title")
    );
    let err = append_checked(&mut l, initiative("i\u{200b}1", "Cart reminder")).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        ("invalid_change", "action.initiative.id")
    );
    append_checked(&mut l, initiative("i1", "Cart reminder")).expect("clean initiative");
}

#[test]
fn feedback_reasons_and_answers_are_checked_too() {
    let mut l = ledger();
    let err = append_checked(&mut l, feedback("ok\u{0}")).unwrap_err();
    assert_eq!(err.path(), "action.text");
    append_checked(&mut l, initiative("i1", "Cart reminder")).expect("initiative");
    let err = append_checked(
        &mut l,
        Action::KillInitiative {
            initiative: "i1".into(),
            reason: "\u{7f}".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.path(), "action.reason");
    let too_long = "x".repeat(okrkit::limits::MAX_TEXT_BYTES + 1);
    let err = append_checked(&mut l, feedback(&too_long)).unwrap_err();
    assert_eq!(err.code(), "invalid_change");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the text, an accepted append keeps `org()` valid and a refused
    /// one leaves the ledger unchanged (checked inside `append_checked`), and
    /// every accepted ledger reads back.
    #[test]
    fn no_text_ever_makes_the_ledger_invalid(
        texts in prop::collection::vec(
            prop_oneof![any::<String>(), "[\\x00-\\x7f]{0,6}", Just("\u{1b}[0m".to_owned())],
            1..6,
        ),
        kinds in prop::collection::vec(0..4u8, 6),
    ) {
        let mut l = ledger();
        for (i, (text, kind)) in texts.iter().zip(&kinds).enumerate() {
            let action = match kind {
                0 => check_in(text),
                1 => feedback(text),
                2 => initiative(&format!("i{i}"), text),
                _ => initiative(text, "A title"),
            };
            let _ = append_checked(&mut l, action);
        }
        let back = Ledger::from_jsonl(l.to_jsonl().as_bytes()).expect("reads back");
        prop_assert_eq!(back.head(), l.head());
    }
}

/// Simulates a microsecond column: the time written as text with 6 digits
/// and parsed back, as PostgreSQL `timestamptz` or `DATETIME(6)` would.
fn through_microsecond_column(e: &Entry) -> Entry {
    let mut back = e.clone();
    let text = e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    back.at = text.parse().expect("microsecond time");
    back
}

#[test]
fn times_are_truncated_to_microseconds_at_append_and_survive_a_database() {
    let mut l = ledger();
    let at = t0() + Duration::nanoseconds(123_456_789);
    let e = l
        .append_as_of(t0() + Duration::seconds(1), at, ana(), feedback("on track"))
        .expect("feedback");
    // Truncated, not rounded: 123_456_789 ns keeps 123_456 µs.
    assert_eq!(e.at, at.trunc_subsecs(6));
    assert_eq!(e.at.timestamp_subsec_nanos(), 123_456_000);
    assert_eq!(okrkit::ledger::TIME_PRECISION_DIGITS, 6);
    let stored: Vec<Entry> = l.entries().iter().map(through_microsecond_column).collect();
    let back = Ledger::from_entries(stored).expect("verifies after the round trip");
    assert_eq!(back.head(), l.head());
}
