//! Runs the shared ledger vectors (`tests/vectors/ledger/`, format in its
//! README.md), which every binding runs too.

mod common;

use chrono::{DateTime, Utc};
use okrkit::ledger::{Action, Actor, Ledger};
use serde_json::{Value, json};

fn time(v: &Value) -> DateTime<Utc> {
    serde_json::from_value(v.clone()).expect("an RFC 3339 time")
}

fn build(name: &str, v: &Value) -> Ledger {
    let mut ledger = Ledger::new();
    for (i, step) in v["steps"].as_array().expect("steps").iter().enumerate() {
        let actor: Actor = serde_json::from_value(step["actor"].clone()).expect("actor");
        let action: Action = serde_json::from_value(step["action"].clone())
            .unwrap_or_else(|e| panic!("{name} step {i}: bad action: {e}"));
        let before = ledger.to_jsonl();
        let result = ledger
            .append(time(&step["at"]), actor, action)
            .map(|e| e.id.clone());
        match (result, step.get("expect_error").and_then(Value::as_str)) {
            (Ok(_), None) => {}
            (Err(e), Some(code)) => {
                assert_eq!(e.code(), code, "{name} step {i}: {e}");
                assert_eq!(
                    ledger.to_jsonl(),
                    before,
                    "{name} step {i}: a refused action changed the ledger"
                );
            }
            (Ok(id), Some(code)) => panic!("{name} step {i}: expected {code}, got entry {id}"),
            (Err(e), None) => panic!("{name} step {i}: refused: {e}"),
        }
    }
    ledger
}

fn tamper(name: &str, ledger: &Ledger, op: &Value) {
    let mut lines: Vec<Value> = ledger
        .to_jsonl()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let index = op["index"].as_u64().expect("index") as usize;
    match op["op"].as_str().expect("op") {
        "edit" => {
            let target = lines[index]
                .pointer_mut(op["pointer"].as_str().expect("pointer"))
                .expect("pointer exists");
            *target = op["value"].clone();
        }
        "drop" => {
            lines.remove(index);
        }
        "swap" => lines.swap(index, op["with"].as_u64().expect("with") as usize),
        "duplicate" => {
            let copy = lines[index].clone();
            lines.insert(index + 1, copy);
        }
        "truncate" => lines.truncate(index),
        other => panic!("{name}: unknown tamper op {other}"),
    }
    // Re-encoded by a JSON library, so loaded as entries (from_jsonl would
    // also refuse the lines for not being byte-exact).
    let entries: Vec<okrkit::ledger::Entry> = lines
        .into_iter()
        .map(|l| serde_json::from_value(l).expect("still an entry"))
        .collect();
    let loaded = Ledger::from_entries(entries);
    let (err, want) = if let Some(want) = op.get("expect_head_index") {
        let loaded = loaded
            .unwrap_or_else(|e| panic!("{name}: {op}: the cut chain itself verifies, got {e}"));
        (
            loaded
                .verify_head(ledger.head())
                .expect_err("head check fails"),
            want,
        )
    } else {
        (loaded.expect_err("tampering detected"), &op["expect_index"])
    };
    match err {
        okrkit::Error::Tampered { index, .. } => {
            assert_eq!(json!(index), *want, "{name}: {op}: {err}");
        }
        other => panic!("{name}: {op}: expected tampered, got {other}"),
    }
}

#[test]
fn ledger_vectors() {
    for (name, v) in common::load_vectors("ledger") {
        let ledger = build(&name, &v);
        let ex = &v["expect"];
        assert_eq!(json!(ledger.len()), ex["entries"], "{name}: entries");
        match ex.get("head").and_then(Value::as_str) {
            Some(head) => assert_eq!(
                ledger.head(),
                head,
                "{name}: head (canonical form or hashing changed?)"
            ),
            None => println!("{name}: head {}", ledger.head()),
        }
        ledger.verify().unwrap_or_else(|e| panic!("{name}: {e}"));
        let back = Ledger::from_jsonl(ledger.to_jsonl().as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            back.to_jsonl(),
            ledger.to_jsonl(),
            "{name}: JSON Lines round trip"
        );

        if let Some(doc) = ex.get("document") {
            let d = serde_json::to_value(ledger.replay(None).expect("replay")).expect("json");
            common::assert_subset(doc, &d, &format!("{name}.document"));
        }
        for r in ex
            .get("replay")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let d = serde_json::to_value(ledger.replay(Some(time(&r["at"]))).expect("replay"))
                .expect("json");
            common::assert_subset(&r["document"], &d, &format!("{name}.replay@{}", r["at"]));
        }
        let checks: [(&str, Value); 5] = [
            ("sets", serde_json::to_value(ledger.sets()).expect("json")),
            (
                "reviews",
                serde_json::to_value(ledger.reviews()).expect("json"),
            ),
            (
                "feedback",
                serde_json::to_value(ledger.feedback()).expect("json"),
            ),
            (
                "proposals",
                serde_json::to_value(ledger.proposals()).expect("json"),
            ),
            (
                "dependencies",
                serde_json::to_value(ledger.dependencies()).expect("json"),
            ),
        ];
        for (key, value) in checks {
            if let Some(e) = ex.get(key) {
                common::assert_subset(e, &value, &format!("{name}.{key}"));
            }
        }
        for (kr, e) in ex
            .get("history")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let h =
                serde_json::to_value(ledger.history(kr).expect("known key result")).expect("json");
            common::assert_subset(e, &h, &format!("{name}.history.{kr}"));
        }
        for r in ex
            .get("renegotiation_counts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let c = ledger.renegotiation_counts(r["cycle"].as_str().expect("cycle"));
            common::assert_subset(
                &r["expected"],
                &serde_json::to_value(c).expect("json"),
                &name,
            );
        }
        for w in ex
            .get("waiting_dependencies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let as_of = time(&w["as_of"]);
            let got = match w["more_than_days"].as_i64() {
                Some(days) => ledger.dependencies_waiting_longer_than(as_of, days),
                None => ledger.waiting_dependencies(as_of),
            };
            common::assert_subset(
                &w["expected"],
                &serde_json::to_value(got).expect("json"),
                &format!("{name}.waiting@{as_of}"),
            );
        }
        for op in ex
            .get("tamper")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            tamper(&name, &ledger, op);
        }
    }
}

/// `Ledger::query` (what the bindings' generated query methods call) answers
/// each `LedgerQuery` with what its typed method returns, serialised, on every
/// vector's ledger; each variant of the schema's `LedgerQuery` is asked.
#[test]
fn every_query_answers_what_its_typed_method_answers() {
    use okrkit::ledger::LedgerQuery;
    use std::collections::BTreeSet;
    let mut asked = BTreeSet::new();
    for (name, v) in common::load_vectors("ledger") {
        let l = build(&name, &v);
        let mut cases: Vec<(&str, Value, Value)> = vec![
            ("is_signed", json!({}), to(&l.is_signed())),
            ("admins", json!(null), to(&l.admins())),
            ("sets", json!({}), to(&l.sets())),
            ("proposals", json!({}), to(&l.proposals())),
            ("proposals", json!({"open_only": false}), to(&l.proposals())),
            (
                "proposals",
                json!({"open_only": true}),
                to(&l.open_proposals()),
            ),
            ("proposal", json!({"id": "e999"}), to(&l.proposal("e999"))),
            ("dependencies", json!({}), to(&l.dependencies())),
            ("feedback_notes", json!({}), to(&l.feedback())),
            ("retrospectives", json!({}), to(&l.retrospectives())),
            ("reviews", json!({}), to(&l.reviews())),
            (
                "members",
                json!({"team": "nobody"}),
                to(&l.members("nobody")),
            ),
        ];
        for s in l.sets() {
            let (team, cycle) = (s.team.as_str(), s.cycle.as_str());
            cases.push(("members", json!({ "team": team }), to(&l.members(team))));
            let status = to(&l.set_status(team, cycle));
            cases.push(("set_status", json!({"team": team, "cycle": cycle}), status));
            let counts = to(&l.renegotiation_counts(cycle));
            cases.push(("renegotiation_counts", json!({ "cycle": cycle }), counts));
        }
        for p in l.proposals() {
            cases.push(("proposal", json!({"id": p.id}), to(&l.proposal(&p.id))));
        }
        for d in l.dependencies() {
            let at = d.requested_at + chrono::Duration::days(9);
            let waiting = to(&l.waiting_dependencies(at));
            cases.push(("waiting_dependencies", json!({ "as_of": at }), waiting));
            let day = at.date_naive();
            let waiting =
                to(&l.dependencies_waiting_longer_than(okrkit::ledger::end_of_day(day), 3));
            let args = json!({"as_of": day.to_string(), "longer_than_days": 3});
            cases.push(("waiting_dependencies", args, waiting));
        }
        for (query, args, want) in cases {
            let q = LedgerQuery::read(query, args.clone())
                .unwrap_or_else(|e| panic!("{name}: {query} {args}: {e}"));
            let got = serde_json::to_value(l.query(&q)).expect("json");
            assert_eq!(got, want, "{name}: {query} {args}");
            asked.insert(query);
        }
    }
    let schema: Value =
        serde_json::from_str(&okrkit::schema::ledger_queries_schema()).expect("schema");
    let variants: BTreeSet<&str> = schema["$defs"]["LedgerQuery"]["oneOf"]
        .as_array()
        .expect("LedgerQuery variants")
        .iter()
        .filter_map(|v| {
            v["properties"]
                .as_object()?
                .keys()
                .next()
                .map(String::as_str)
        })
        .collect();
    assert_eq!(asked, variants, "a query no vector asks");
}

/// A query's argument of the wrong type, or an unknown query or argument, is
/// a `parse_error` at the argument's name (the query's own errors at "").
#[test]
fn a_bad_query_is_a_parse_error_at_its_argument() {
    use okrkit::ledger::LedgerQuery;
    let cases = [
        ("members", json!({"team": 5}), "team"),
        ("renegotiation_counts", json!({"cycle": null}), "cycle"),
        (
            "waiting_dependencies",
            json!({"as_of": "05/02/2026"}),
            "as_of",
        ),
        (
            "waiting_dependencies",
            json!({"as_of": "2026-02-05", "longer_than_days": 1.5}),
            "longer_than_days",
        ),
        ("proposals", json!({"open_only": "yes"}), "open_only"),
        ("members", json!({"team": "web", "cycle": "q1"}), "cycle"),
        ("members", json!({}), ""),
        ("no_such_query", json!({}), ""),
    ];
    for (query, args, path) in cases {
        let err = LedgerQuery::read(query, args.clone()).expect_err("refused");
        assert_eq!(
            (err.code(), err.path()),
            ("parse_error", path),
            "{query} {args}: {err}"
        );
    }
}

/// A value as JSON.
fn to<T: serde::Serialize + ?Sized>(x: &T) -> Value {
    serde_json::to_value(x).expect("json")
}
