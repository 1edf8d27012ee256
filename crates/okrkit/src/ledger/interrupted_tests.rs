//! A panic inside an append (a bug in okrkit, caught by the caller) must not
//! leave the ledger's state holding a change that no entry records: the
//! append replays the entries before the panic goes on, and should that fail
//! too, [`Ledger::recover`] and the next append do. The panic is injected
//! where it does the most harm: after the state has taken the entry, before
//! the entry is recorded (and, for the double fault, in the recovery).

use super::{Action, Actor, Ledger};
use crate::model::Document;
use std::panic::{AssertUnwindSafe, catch_unwind};

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().expect("an instant")
}

fn ledger() -> Ledger {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json");
    let doc = Document::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut ledger = Ledger::new();
    let at = t("2026-01-02T09:00:00Z");
    let import = Action::Import {
        document: Box::new(doc),
        agreed: Vec::new(),
        roles: super::Roles {
            members: vec![super::Membership::new("web", "ana")],
            ..Default::default()
        },
    };
    ledger.append_as_of(at, at, ana(), import).unwrap();
    ledger
}

fn ana() -> Actor {
    Actor::new("ana", "web")
}

fn check_in(value: f64) -> Action {
    Action::CheckIn {
        key_result: "web-conv".into(),
        value,
        confidence: None,
        note: None,
    }
}

/// Appends `action` with `panics` panics injected: the first after the state
/// took it, the second in the append's own recovery.
fn append_panicking(ledger: &mut Ledger, panics: u32, at: &str, action: Action) {
    super::test_hooks::inject_append_panics(panics);
    let at = t(at);
    let caught = catch_unwind(AssertUnwindSafe(|| {
        ledger.append_as_of(at, at, ana(), action)
    }));
    assert!(
        caught.is_err(),
        "the injected panic reached the caller: {caught:?}"
    );
}

#[test]
fn a_panic_between_apply_and_record_leaves_the_ledger_as_it_was() {
    let mut ledger = ledger();
    let before = (ledger.document().clone(), ledger.to_jsonl());
    append_panicking(&mut ledger, 1, "2026-01-03T09:00:00Z", check_in(40.0));
    assert!(!ledger.is_interrupted());
    assert_eq!((ledger.document().clone(), ledger.to_jsonl()), before);
    let at = t("2026-01-04T09:00:00Z");
    ledger
        .append_as_of(at, at, ana(), check_in(41.0))
        .expect("appended");
}

#[test]
fn after_a_double_fault_recover_puts_the_ledger_back() {
    let mut ledger = ledger();
    let before = (ledger.document().clone(), ledger.to_jsonl());
    append_panicking(&mut ledger, 2, "2026-01-03T09:00:00Z", check_in(40.0));
    assert!(ledger.is_interrupted());
    // The harm the flag is for: the state holds a check-in no entry records.
    assert_ne!(ledger.document(), &before.0);
    assert_eq!(ledger.to_jsonl(), before.1);

    assert!(ledger.recover().expect("the entries replay"));
    assert!(!ledger.is_interrupted());
    assert_eq!((ledger.document().clone(), ledger.to_jsonl()), before);
    assert!(!ledger.recover().expect("nothing to do"), "recovers once");
}

#[test]
fn after_a_double_fault_the_next_append_recovers_first() {
    let mut ledger = ledger();
    let before = ledger.document().check_ins.len();
    append_panicking(&mut ledger, 2, "2026-01-03T09:00:00Z", check_in(40.0));
    assert!(ledger.is_interrupted());
    let at = t("2026-01-04T09:00:00Z");
    ledger
        .append_as_of(at, at, ana(), check_in(41.0))
        .expect("appended");
    assert!(!ledger.is_interrupted());
    // One check-in, the recorded one: the interrupted one left no trace.
    let values: Vec<f64> = ledger.document().check_ins[before..]
        .iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(values, [41.0]);
    // And the state is exactly what the entries replay to.
    let replayed = Ledger::from_entries(ledger.entries().to_vec()).expect("verifies");
    assert_eq!(replayed.document(), ledger.document());
}

#[test]
fn a_refusal_does_not_mark_the_ledger_interrupted() {
    let mut ledger = ledger();
    let at = t("2026-01-03T09:00:00Z");
    let refused = ledger.append_as_of(at, at, ana(), check_in(f64::NAN));
    assert!(refused.is_err());
    assert!(!ledger.is_interrupted());
}
