//! Properties of the ledger (R4): replay is deterministic and equals the
//! state built step by step; refused actions leave the ledger byte for byte
//! unchanged; any changed byte, dropped, swapped or inserted entry is detected.

use chrono::{DateTime, Duration, Utc};
use okrkit::Document;
use okrkit::ledger::{Action, Actor, Change, EntryId, Ledger, Membership, ReviewQuestion, Roles};
use proptest::prelude::*;

fn base() -> Document {
    Document::from_json(
        r#"{
      "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"},
                 {"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"}],
      "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"},
                {"id": "pay", "name": "Payments", "parent": "shop"}],
      "people": [{"id": "ana", "name": "Ana"}, {"id": "cy", "name": "Cy"}, {"id": "bo", "name": "Bo"},
                 {"id": "dee", "name": "Dee"}],
      "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
        "key_results": [
          {"id": "kr1", "title": "Conversion > 65%", "measure": {"type": "metric", "baseline": 50, "target": 65}},
          {"id": "kr2", "title": "Abandonment < 20%", "measure": {"type": "metric", "baseline": 35, "target": 20}}]},
        {"id": "p1", "title": "Boring payments", "team": "pay", "cycle": "q1",
        "key_results": [
          {"id": "kr3", "title": "Errors < 0.5%", "measure": {"type": "metric", "baseline": 2, "target": 0.5}}]}]
    }"#,
    )
    .expect("base document")
}

fn actors() -> Vec<Actor> {
    vec![
        Actor::new("ana", "web"),
        Actor::new("cy", "web"),
        Actor::new("bo", "shop"),
        Actor::new("dee", "pay"),
        Actor::new("zed", "web"),
    ]
}

/// Who belongs to which team (zed is nobody).
fn roles() -> Roles {
    Roles {
        members: vec![
            Membership::new("web", "ana"),
            Membership::new("web", "cy"),
            Membership::new("shop", "bo"),
            Membership::new("pay", "dee"),
        ],
        ..Roles::default()
    }
}

const KRS: [&str; 4] = ["kr1", "kr2", "kr3", "kr9"];

/// An action, chosen from a small world so that many are allowed and many refused.
#[derive(Debug, Clone)]
enum Op {
    ProposeSet(usize),
    Agree(usize),
    RequestChanges(usize),
    CheckIn(usize, f64, u8),
    ProposeTarget(usize, f64),
    ProposeBaseline(usize, f64),
    Accept(usize),
    Decline(usize),
    Counter(usize, f64),
    Withdraw(usize),
    Feedback(usize),
    Request(usize),
    AnswerDependency(usize, bool),
    Escalate(usize),
    Decide(usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    let value = prop_oneof![
        Just(50.0),
        Just(65.0),
        -100.0..200.0f64,
        (0..400i32).prop_map(|x| f64::from(x) / 4.0)
    ];
    prop_oneof![
        1 => (0..2usize).prop_map(Op::ProposeSet),
        1 => (0..2usize).prop_map(Op::Agree),
        1 => (0..2usize).prop_map(Op::RequestChanges),
        6 => (0..4usize, value.clone(), 0..13u8).prop_map(|(k, v, c)| Op::CheckIn(k, v, c)),
        3 => (0..4usize, value.clone()).prop_map(|(k, v)| Op::ProposeTarget(k, v)),
        1 => (0..4usize, value.clone()).prop_map(|(k, v)| Op::ProposeBaseline(k, v)),
        3 => (0..40usize).prop_map(Op::Accept),
        1 => (0..40usize).prop_map(Op::Decline),
        1 => (0..40usize, value).prop_map(|(p, v)| Op::Counter(p, v)),
        1 => (0..40usize).prop_map(Op::Withdraw),
        1 => (0..2usize).prop_map(Op::Feedback),
        1 => (0..2usize).prop_map(Op::Request),
        1 => (0..40usize, any::<bool>()).prop_map(|(d, a)| Op::AnswerDependency(d, a)),
        1 => (0..40usize).prop_map(Op::Escalate),
        1 => (0..40usize, any::<bool>()).prop_map(|(d, g)| Op::Decide(d, g)),
    ]
}

fn action(op: &Op) -> Action {
    let set = |i: usize| if i == 0 { ("web", "q1") } else { ("pay", "q1") };
    let e = |i: usize| EntryId::from(format!("e{i}"));
    match op {
        Op::ProposeSet(i) => Action::ProposeSet {
            team: set(*i).0.into(),
            cycle: set(*i).1.into(),
            approver: None,
        },
        Op::Agree(i) => Action::Agree {
            team: set(*i).0.into(),
            cycle: set(*i).1.into(),
        },
        Op::RequestChanges(i) => Action::RequestChanges {
            team: set(*i).0.into(),
            cycle: set(*i).1.into(),
            questions: vec![ReviewQuestion::Stretch],
            comment: "More stretch".into(),
        },
        Op::CheckIn(k, v, c) => Action::CheckIn {
            key_result: KRS[*k].into(),
            value: *v,
            confidence: Some(f64::from(*c)),
            note: None,
        },
        Op::ProposeTarget(k, v) => Action::ProposeChange {
            change: Change::Target {
                key_result: KRS[*k].into(),
                target: *v,
            },
            reason: "Re-planned".into(),
        },
        Op::ProposeBaseline(k, v) => Action::ProposeChange {
            change: Change::Baseline {
                key_result: KRS[*k].into(),
                baseline: *v,
            },
            reason: "Re-measured".into(),
        },
        Op::Accept(p) => Action::Accept { proposal: e(*p) },
        Op::Decline(p) => Action::Decline {
            proposal: e(*p),
            reason: "No".into(),
        },
        Op::Counter(p, v) => Action::Counter {
            proposal: e(*p),
            change: Change::Weight {
                key_result: "kr1".into(),
                weight: *v,
            },
            reason: "Weigh it instead".into(),
        },
        Op::Withdraw(p) => Action::Withdraw { proposal: e(*p) },
        Op::Feedback(i) => Action::Feedback {
            team: set(*i).0.into(),
            cycle: set(*i).1.into(),
            key_result: None,
            text: "Keep us posted".into(),
        },
        Op::Request(i) => Action::RequestDependency {
            to: if *i == 0 { "pay".into() } else { "web".into() },
            help: "An API".into(),
            objective: if *i == 0 { "o1".into() } else { "p1".into() },
            key_result: None,
        },
        Op::AnswerDependency(d, accept) => {
            if *accept {
                Action::AcceptDependency { dependency: e(*d) }
            } else {
                Action::DeclineDependency {
                    dependency: e(*d),
                    reason: "Busy".into(),
                }
            }
        }
        Op::Escalate(d) => Action::EscalateDependency { dependency: e(*d) },
        Op::Decide(d, grant) => Action::DecideDependency {
            dependency: e(*d),
            grant: *grant,
            reason: "Priorities".into(),
        },
    }
}

type Step = (Op, usize, i64);

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (
            op(),
            0..5usize,
            prop_oneof![10 => 0..7200i64, 1 => -100..0i64],
        ),
        1..60,
    )
}

/// Builds a ledger step by step, checking that refusals change nothing.
/// Returns the ledger and the document after each recorded entry.
fn build(steps: &[Step]) -> (Ledger, Vec<Document>) {
    let mut ledger = Ledger::new();
    let mut at: DateTime<Utc> = "2026-01-02T09:00:00Z".parse().expect("time");
    ledger
        .append(
            at,
            Actor::new("ana", "web"),
            Action::import_with_roles(base(), roles()),
        )
        .expect("import");
    let mut snapshots = vec![ledger.document().clone()];
    let actors = actors();
    for (op, who, dt) in steps {
        at += Duration::seconds(*dt);
        let before = ledger.to_jsonl();
        let doc_before = ledger.document().clone();
        match ledger.append(at, actors[*who].clone(), action(op)) {
            Ok(_) => snapshots.push(ledger.document().clone()),
            Err(e) => {
                assert!(matches!(e, okrkit::Error::Refused { .. }), "{e}");
                assert_eq!(
                    ledger.to_jsonl(),
                    before,
                    "refused {op:?} changed the ledger"
                );
                assert_eq!(
                    ledger.document(),
                    &doc_before,
                    "refused {op:?} changed the state"
                );
                at = ledger.entries().last().expect("import").at;
            }
        }
    }
    (ledger, snapshots)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn replay_is_deterministic_and_equals_step_by_step(steps in steps()) {
        let (ledger, snapshots) = build(&steps);
        let (again, _) = build(&steps);
        prop_assert_eq!(again.to_jsonl(), ledger.to_jsonl());
        let loaded = Ledger::from_jsonl(ledger.to_jsonl().as_bytes()).expect("own output verifies");
        prop_assert_eq!(loaded.document(), ledger.document());
        prop_assert_eq!(loaded.proposals(), ledger.proposals());
        prop_assert_eq!(loaded.dependencies(), ledger.dependencies());
        // Replay as of each entry's time equals the state after the last entry with that time.
        for (i, e) in ledger.entries().iter().enumerate() {
            let last_same = ledger.entries().iter().rposition(|x| x.at == e.at).unwrap_or(i);
            let replayed = ledger.replay(Some(e.at)).expect("replay");
            prop_assert_eq!(&replayed, &snapshots[last_same]);
        }
        prop_assert_eq!(ledger.replay(None).expect("replay"), snapshots.last().cloned().expect("one"));
    }

    #[test]
    fn any_changed_byte_is_detected(steps in steps(), pos in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let (ledger, _) = build(&steps);
        let mut bytes = ledger.to_jsonl().into_bytes();
        let i = pos.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let result = Ledger::from_jsonl(&bytes[..]);
        // Only a changed final newline can leave every entry intact; then the line is not canonical.
        prop_assert!(result.is_err(), "byte {} changed to {:?} went unnoticed", i, byte as char);
    }

    #[test]
    fn dropped_swapped_inserted_entries_are_detected(steps in steps(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), kind in 0..3u8) {
        let (ledger, _) = build(&steps);
        let mut entries = ledger.entries().to_vec();
        let n = entries.len();
        let (i, j) = (a.index(n), b.index(n));
        let first_bad = match kind {
            0 => { entries.remove(i); i }
            1 => {
                prop_assume!(i != j && entries[i] != entries[j]);
                entries.swap(i, j);
                i.min(j)
            }
            // A copy inserted right before its original is itself in place: the original is then out of place.
            _ => { let copy = entries[i].clone(); entries.insert(j, copy); if j == i { i + 1 } else { j } }
        };
        match Ledger::from_entries(entries) {
            Err(okrkit::Error::Tampered { index, .. }) => prop_assert_eq!(index, first_bad),
            Err(other) => prop_assert!(false, "unexpected error {}", other),
            // Dropping the last entry leaves a valid shorter chain: the head kept elsewhere catches it.
            Ok(cut) => {
                prop_assert!(kind == 0 && i == n - 1);
                prop_assert!(cut.verify_head(ledger.head()).is_err());
            }
        }
    }
}
