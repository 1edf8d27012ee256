//! Runs the bad-input catalog (`tests/vectors/bad/`): every input must give its
//! expected error code — no panic, no hang, no partial result.
//!
//! `OKRKIT_WRITE_BAD_LEDGERS=1 cargo test -p okrkit --test bad_catalog write_tampered_ledgers -- --ignored`
//! rewrites the JSON Lines cases (forged hash, reordered, dropped, inserted entry).

mod common;

use chrono::{DateTime, Utc};
use okrkit::ledger::{Action, Actor, Ledger};
use okrkit::{Document, Error, Measure, Org};
use serde_json::{Value, json};

/// The codes an error answers to: its own and its problems'.
fn codes(err: &Error) -> Vec<String> {
    let mut out = vec![err.code().to_owned()];
    out.extend(
        err.problems()
            .into_iter()
            .map(|p| p.code.as_str().to_owned()),
    );
    out
}

fn generated(spec: &Value) -> Document {
    let mut doc = Document::from_value(json!({
        "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "t", "name": "T"}],
    }))
    .expect("base document");
    let objective = |i: usize| -> okrkit::Objective {
        serde_json::from_value(
            json!({"id": format!("o{i}"), "title": "Objective", "team": "t", "cycle": "q"}),
        )
        .expect("objective")
    };
    if let Some(n) = spec["alignment_chain"].as_u64() {
        doc.objectives = (0..n as usize)
            .map(|i| {
                let mut o = objective(i);
                o.aligned_to = (i > 0).then(|| okrkit::Alignment {
                    objective: format!("o{}", i - 1).into(),
                    how: okrkit::AlignmentKind::Cascaded,
                });
                o
            })
            .collect();
    }
    if let Some(n) = spec["title_bytes"].as_u64() {
        let mut o = objective(0);
        o.title = "a".repeat(n as usize);
        doc.objectives = vec![o];
    }
    doc
}

/// Sets the number at a JSON pointer of the typed document to a non-finite value.
fn inject(doc: &mut Document, pointer: &str, value: f64) {
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let idx = |i: usize| parts[i].parse::<usize>().expect("index");
    match parts.as_slice() {
        ["objectives", _, "key_results", _, rest @ ..] => {
            let kr = &mut doc.objectives[idx(1)].key_results[idx(3)];
            match (rest, &mut kr.measure) {
                (["weight"], _) => kr.weight = value,
                (["measure", "baseline"], Measure::Metric { baseline, .. }) => *baseline = value,
                (["measure", "target"], Measure::Metric { target, .. }) => *target = value,
                (["measure", "current"], Measure::Metric { current, .. }) => *current = Some(value),
                (["measure", "bound"], Measure::Threshold { bound, .. }) => *bound = value,
                _ => panic!("unsupported pointer {pointer}"),
            }
        }
        ["check_ins", _, "value"] => doc.check_ins[idx(1)].value = value,
        ["check_ins", _, "confidence"] => doc.check_ins[idx(1)].confidence = Some(value),
        _ => panic!("unsupported pointer {pointer}"),
    }
}

fn run_document(input: &Value) -> Result<(), Error> {
    if let Some(text) = input["text"].as_str() {
        return Org::from_json(text).map(drop);
    }
    if let Some(b64) = input["bytes_base64"].as_str() {
        let bytes = base64_decode(b64);
        return Document::from_slice(&bytes).and_then(Org::new).map(drop);
    }
    let mut doc = if input.get("generate").is_some() {
        generated(&input["generate"])
    } else {
        Document::from_value(input["json"].clone())?
    };
    for inj in input["inject"].as_array().into_iter().flatten() {
        let value = match inj["value"].as_str() {
            Some("NaN") => f64::NAN,
            Some("Infinity") => f64::INFINITY,
            Some("-Infinity") => f64::NEG_INFINITY,
            other => panic!("unknown injected value {other:?}"),
        };
        inject(&mut doc, inj["pointer"].as_str().expect("pointer"), value);
    }
    Org::new(doc).map(drop)
}

/// A spreadsheet's bytes (CSV or XLSX), read as a table with the default
/// options: an error, or an import that loads.
fn run_table(input: &Value) -> Result<(), Error> {
    let bytes = base64_decode(
        input["bytes_base64"]
            .as_str()
            .expect("a table is given as bytes"),
    );
    okrkit::import::table::read_bytes(&bytes, &Default::default()).map(drop)
}

fn apply_step(ledger: &mut Ledger, step: &Value) -> Result<(), Error> {
    let at: DateTime<Utc> = serde_json::from_value(step["at"].clone()).expect("time");
    let actor: Actor = serde_json::from_value(step["actor"].clone()).expect("actor");
    // As the bindings read an action given as a value.
    let action: Action = okrkit::options::from_value_at(step["action"].clone(), "action")?;
    ledger.append(at, actor, action).map(drop)
}

fn run_ledger(name: &str, input: &Value) -> Result<(), Error> {
    if let Some(text) = input["text"].as_str() {
        return Ledger::from_jsonl(text.as_bytes()).map(drop);
    }
    let steps = input["steps"].as_array().expect("steps");
    let mut ledger = Ledger::new();
    let (last, before) = steps.split_last().expect("at least one step");
    for s in before {
        apply_step(&mut ledger, s).unwrap_or_else(|e| panic!("{name}: a setup step failed: {e}"));
    }
    let snapshot = ledger.to_jsonl();
    let result = apply_step(&mut ledger, last);
    assert_eq!(
        ledger.to_jsonl(),
        snapshot,
        "{name}: a refused step changed the ledger"
    );
    result
}

#[test]
fn bad_input_catalog() {
    let vectors = common::load_vectors("bad");
    for (name, v) in &vectors {
        let result = match v["target"].as_str() {
            Some("ledger") => run_ledger(name, &v["input"]),
            Some("table") => run_table(&v["input"]),
            _ => run_document(&v["input"]),
        };
        match (v["expected_code"].as_str(), result) {
            (None, Ok(())) => {}
            (None, Err(e)) => panic!("{name}: expected success, got {e}"),
            (Some(code), Ok(())) => panic!("{name}: expected {code}, but it loaded"),
            (Some(code), Err(e)) => {
                assert!(
                    codes(&e).iter().any(|c| c == code),
                    "{name}: expected {code}, got {:?}: {e}",
                    codes(&e)
                )
            }
        }
    }
    assert!(vectors.len() >= 45, "the catalog shrank: {}", vectors.len());
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        buf = (buf << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    out
}

/// Writes the JSON Lines cases from a real ledger, then tampers with them.
#[test]
#[ignore]
fn write_tampered_ledgers() {
    if std::env::var("OKRKIT_WRITE_BAD_LEDGERS").is_err() {
        return;
    }
    let steps = common::load_vectors("bad")
        .into_iter()
        .find(|(n, _)| n == "ledger_accept_by_proposer")
        .expect("vector")
        .1["input"]["steps"]
        .clone();
    let mut ledger = Ledger::new();
    let steps = steps.as_array().expect("steps");
    for s in &steps[..steps.len() - 1] {
        apply_step(&mut ledger, s).expect("step");
    }
    let accept = json!({"at": "2026-02-02T09:00:00Z", "actor": {"person": "bo", "team": "shop"},
                        "action": {"type": "accept", "proposal": "e1"}});
    apply_step(&mut ledger, &accept).expect("accepted by the other side");
    let check_in = json!({"at": "2026-02-03T09:00:00Z", "actor": {"person": "ana", "team": "web"},
                          "action": {"type": "check_in", "key_result": "k1", "value": 55.5, "confidence": 7}});
    apply_step(&mut ledger, &check_in).expect("check-in");
    let lines: Vec<String> = ledger.to_jsonl().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 4);
    let write = |name: &str, desc: &str, text: String| {
        let v = json!({"name": name, "description": desc, "target": "ledger", "input": {"text": text}, "expected_code": "tampered"});
        let path = common::vectors_dir()
            .join("bad")
            .join(format!("{name}.json"));
        std::fs::write(path, serde_json::to_string_pretty(&v).expect("json") + "\n")
            .expect("write");
    };
    let join = |ls: &[String]| ls.join("\n") + "\n";
    let mut forged = lines.clone();
    forged[1] = forged[1].replace("\"target\":60.0", "\"target\":52.0");
    assert_ne!(forged[1], lines[1]);
    write(
        "ledger_forged_target",
        "An accepted renegotiation's target rewritten after the fact (its hash no longer matches).",
        join(&forged),
    );
    let mut forged_hash = lines.clone();
    let mut e: Value = serde_json::from_str(&forged_hash[3]).expect("entry");
    e["action"]["value"] = json!(64.0);
    let hash = e["hash"].as_str().expect("hash").to_owned();
    e["hash"] = json!(format!(
        "{}{}",
        &hash[..63],
        if hash.ends_with('0') { '1' } else { '0' }
    ));
    forged_hash[3] = serde_json::to_string(&e).expect("json");
    write(
        "ledger_forged_hash",
        "A check-in edited and its hash replaced by a forged one.",
        join(&forged_hash),
    );
    let mut reordered = lines.clone();
    reordered.swap(1, 2);
    write("ledger_reordered", "Two entries swapped.", join(&reordered));
    let mut dropped = lines.clone();
    dropped.remove(1);
    write(
        "ledger_entry_removed",
        "The renegotiation proposal removed from the middle.",
        join(&dropped),
    );
    let mut inserted = lines.clone();
    inserted.insert(2, lines[3].clone());
    write(
        "ledger_entry_inserted",
        "An entry copied into the middle.",
        join(&inserted),
    );
}
