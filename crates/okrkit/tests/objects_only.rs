//! A struct inside a ledger action is read from a JSON object only, as every
//! other struct is: an action is an internally tagged enum, whose fields
//! serde reads from content it buffered first (`json::object_only`).

use okrkit::ledger::{Entry, Ledger};
use serde_json::{Value, json};

/// A one-entry ledger's import entry, as a JSON value.
fn import_entry() -> Value {
    let mut ledger = Ledger::new();
    let doc = okrkit::Document::from_value(json!({
        "schema_version": 1,
        "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "web", "name": "Web"}],
        "people": [{"id": "ana", "name": "Ana"}],
    }))
    .expect("document");
    let at = "2026-01-02T09:00:00Z".parse().expect("instant");
    let roles = okrkit::ledger::Roles {
        members: vec![okrkit::ledger::Membership::new("web", "ana")],
        ..Default::default()
    };
    ledger
        .append_as_of(
            at,
            at,
            okrkit::ledger::Actor::new("ana", "web"),
            okrkit::ledger::Action::Import {
                document: Box::new(doc),
                agreed: Vec::new(),
                roles,
            },
        )
        .expect("import");
    serde_json::from_str(&ledger.entries()[0].to_json()).expect("entry JSON")
}

#[test]
fn an_imported_document_holding_an_array_for_a_struct_is_refused() {
    let good = import_entry();
    let read = |v: &Value| okrkit::options::from_value::<Entry>(v.clone());
    assert!(read(&good).is_ok());
    assert!(Entry::from_json(&good.to_string()).is_ok());
    for (pointer, array) in [
        (
            "/action/document/cycles/0",
            json!(["q1", "Q1", "2026-01-01", "2026-03-31"]),
        ),
        ("/action/roles/members/0", json!(["web", "ana"])),
        ("/action/roles", json!([[]])),
    ] {
        let mut bad = good.clone();
        *bad.pointer_mut(pointer).expect(pointer) = array;
        let err = read(&bad).expect_err(pointer);
        assert_eq!(err.code(), "parse_error", "{pointer}: {err}");
        assert!(
            err.to_string().contains("expected a JSON object"),
            "{pointer}: {err}"
        );
        let err = Entry::from_json(&bad.to_string()).expect_err(pointer);
        assert_eq!(err.code(), "parse_error", "{pointer}: {err}");
    }
}

#[test]
fn an_action_written_as_an_array_is_refused_by_every_reader() {
    let good = import_entry();
    let action = good["action"].clone();
    // Its tag first, then its fields in order: serde alone reads that too.
    let array = json!([
        "import",
        action["document"],
        action["agreed"],
        action["roles"]
    ]);
    let mut bad = good.clone();
    bad["action"] = array.clone();
    let read = okrkit::options::from_value::<Entry>(bad.clone()).expect_err("a value");
    let line = Entry::from_json(&bad.to_string()).expect_err("a line");
    let ledger = Ledger::from_jsonl(format!("{bad}\n").as_bytes()).expect_err("JSON Lines");
    let action_alone = okrkit::options::from_value::<okrkit::ledger::Action>(array.clone())
        .expect_err("the action alone");
    let plain = serde_json::from_value::<okrkit::ledger::Action>(array).expect_err("serde_json");
    for err in [read, line, ledger, action_alone] {
        assert_eq!(err.code(), "parse_error", "{err}");
        assert!(err.to_string().contains("expected a JSON object"), "{err}");
    }
    assert!(
        plain.to_string().contains("expected a JSON object"),
        "{plain}"
    );
}
