//! A renegotiated objective is validated against the few cycles, teams and
//! people it names ([`State::problems_of_one`]) instead of the whole
//! document's: the same problems, in the same order, as the validator gives
//! with every cycle, team and person of the document
//! ([`State::problems_in_document`]) — on objectives damaged in every way
//! the validator looks at (unknown, look-alike or person-owned teams,
//! unknown cycles, unknown or look-alike people, duplicate or look-alike key
//! result ids, bad titles, weights and measures), and through the ledger.

use super::state::State;
use super::{Action, Actor, Change, Ledger, Membership, Roles};
use crate::model::{Document, Measure, Objective};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

/// A valid document with look-alike traps around its ids: a person `web`
/// (a team's id), people `bo` and look-alikes of it (`b0`, generated), teams on two levels.
pub(super) fn document() -> Document {
    Document::from_json(
        r#"{
  "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"},
             {"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"}],
  "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"},
            {"id": "app", "name": "App", "parent": "shop"}],
  "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "cy", "name": "Cy"},
             {"id": "lia", "name": "Lia"}, {"id": "dev", "name": "A person named like a team"}],
  "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
    "key_results": [
      {"id": "kr1", "title": "Checkout conversion > 65%", "responsible": "ana",
       "measure": {"type": "metric", "baseline": 50, "target": 65}},
      {"id": "kr2", "title": "Uptime", "key_partner": "bo",
       "measure": {"type": "threshold", "direction": "at_least", "bound": 99.9}},
      {"id": "kr3", "title": "Launch", "measure": {"type": "milestone"}}]}]
}"#,
    )
    .expect("a valid document")
}

pub(super) fn state_of(doc: Document) -> State {
    let mut state = State {
        doc,
        started: true,
        ..State::default()
    };
    state.reindex();
    state
}

/// An id: one of the document's (of any kind), a look-alike of one, an
/// unknown one, or a malformed one.
pub(super) fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("web".to_owned()),
        Just("shop".to_owned()),
        Just("dev".to_owned()),
        Just("ana".to_owned()),
        Just("bo".to_owned()),
        Just("q1".to_owned()),
        Just("q2".to_owned()),
        Just("kr1".to_owned()),
        Just("kr2".to_owned()),
        Just("o1".to_owned()),
        Just("Web".to_owned()),
        Just("wеb".to_owned()), // Cyrillic е
        Just("Ana".to_owned()),
        Just("kRl".to_owned()),
        Just("krl".to_owned()),
        Just("b0".to_owned()),
        Just("nobody".to_owned()),
        Just(" ana".to_owned()),
        Just("an\u{200b}a".to_owned()),
        Just(String::new()),
    ]
}

pub(super) fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(-1.0),
        Just(50.0),
        Just(65.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(1e308),
        (-100i32..200).prop_map(f64::from),
    ]
}

pub(super) fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("A title".to_owned()),
        Just(String::new()),
        Just("   ".to_owned()),
        Just("bell\u{7}".to_owned()),
        Just("tab\tand\nline".to_owned()),
        Just("x".repeat(crate::limits::MAX_TEXT_BYTES + 1)),
    ]
}

/// One change to the objective, as a renegotiation or a hostile entry
/// could make it (the validator, not the change's own checks, decides).
#[derive(Debug, Clone)]
pub(super) enum Damage {
    Team(String),
    Cycle(String),
    Title(String),
    KrId(usize, String),
    KrTitle(usize, String),
    Responsible(usize, Option<String>),
    KeyPartner(usize, Option<String>),
    Weight(usize, f64),
    Target(usize, f64),
    Baseline(usize, f64),
    CopyKr(usize),
    DropKrs,
}

pub(super) fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        id().prop_map(Damage::Team),
        id().prop_map(Damage::Cycle),
        text().prop_map(Damage::Title),
        (0usize..4, id()).prop_map(|(k, i)| Damage::KrId(k, i)),
        (0usize..4, text()).prop_map(|(k, t)| Damage::KrTitle(k, t)),
        (0usize..4, proptest::option::of(id())).prop_map(|(k, p)| Damage::Responsible(k, p)),
        (0usize..4, proptest::option::of(id())).prop_map(|(k, p)| Damage::KeyPartner(k, p)),
        (0usize..4, number()).prop_map(|(k, w)| Damage::Weight(k, w)),
        (0usize..4, number()).prop_map(|(k, t)| Damage::Target(k, t)),
        (0usize..4, number()).prop_map(|(k, b)| Damage::Baseline(k, b)),
        (0usize..4).prop_map(Damage::CopyKr),
        Just(Damage::DropKrs),
    ]
}

pub(super) fn apply(o: &mut Objective, d: &Damage) {
    let n = o.key_results.len();
    let kr = |o: &mut Objective, k: usize| {
        let n = o.key_results.len();
        (n > 0).then(move || k % n)
    };
    match d {
        Damage::Team(t) => o.team = t.as_str().into(),
        Damage::Cycle(c) => o.cycle = c.as_str().into(),
        Damage::Title(t) => o.title = t.clone(),
        Damage::KrId(k, i) => {
            if let Some(k) = kr(o, *k) {
                o.key_results[k].id = i.as_str().into();
            }
        }
        Damage::KrTitle(k, t) => {
            if let Some(k) = kr(o, *k) {
                o.key_results[k].title = t.clone();
            }
        }
        Damage::Responsible(k, p) => {
            if let Some(k) = kr(o, *k) {
                o.key_results[k].responsible = p.as_deref().map(Into::into);
            }
        }
        Damage::KeyPartner(k, p) => {
            if let Some(k) = kr(o, *k) {
                o.key_results[k].key_partner = p.as_deref().map(Into::into);
            }
        }
        Damage::Weight(k, w) => {
            if let Some(k) = kr(o, *k) {
                o.key_results[k].weight = *w;
            }
        }
        Damage::Target(k, t) => {
            if let Some(k) = kr(o, *k) {
                match &mut o.key_results[k].measure {
                    Measure::Metric { target, .. } => *target = *t,
                    Measure::Threshold { bound, .. } => *bound = *t,
                    _ => {}
                }
            }
        }
        Damage::Baseline(k, b) => {
            if let Some(k) = kr(o, *k)
                && let Measure::Metric { baseline, .. } = &mut o.key_results[k].measure
            {
                *baseline = *b;
            }
        }
        Damage::CopyKr(k) => {
            if n > 0 {
                let copy = o.key_results[k % n].clone();
                o.key_results.push(copy);
            }
        }
        Damage::DropKrs => o.key_results.clear(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The same problems, in the same order, with the objective's few named
    /// elements as with the whole document's cycles, teams and people.
    #[test]
    fn one_objective_against_its_context_as_against_the_document(
        damages in proptest::collection::vec(damage(), 0..5),
    ) {
        let state = state_of(document());
        let mut o = state.doc.objectives[0].clone();
        o.aligned_to = None;
        for d in &damages {
            apply(&mut o, d);
        }
        prop_assert_eq!(state.problems_of_one(&o), state.problems_in_document(&o));
    }
}

/// The undamaged objective has no problem either way; a person-owned one
/// (`dev` is a person) is `cascade_below_team`, an unknown team and a
/// look-alike of a team dangling, with the same paths.
#[test]
fn named_elements_are_looked_up_as_in_the_document() {
    let state = state_of(document());
    let mut o = state.doc.objectives[0].clone();
    assert!(state.problems_of_one(&o).is_empty());
    for (team, code) in [
        ("dev", "cascade_below_team"),
        ("Web", "dangling_reference"),
        ("wеb", "dangling_reference"),
    ] {
        o.team = team.into();
        let problems = state.problems_of_one(&o);
        assert_eq!(problems, state.problems_in_document(&o));
        assert_eq!(problems[0].code.as_str(), code, "{team}");
        assert_eq!(problems[0].path, "objectives[0].team");
    }
}

/// Through the ledger: a renegotiation the validator refuses (a weight of
/// 0, a target equal to the baseline) is refused with `invalid_change`, its
/// path and message those of the whole document's validation, and changes
/// nothing; an accepted one lands.
#[test]
fn a_renegotiation_that_breaks_the_objective_is_refused_as_before() {
    let t = |s: &str| s.parse::<DateTime<Utc>>().expect("a time");
    let roles = Roles {
        members: vec![Membership::new("web", "ana"), Membership::new("shop", "bo")],
        admins: vec!["cy".into()],
        ..Roles::default()
    };
    let mut ledger = Ledger::new();
    let ana = Actor::new("ana", "web");
    let bo = Actor::new("bo", "shop");
    ledger
        .append(
            t("2026-01-02T09:00:00Z"),
            Actor::new("cy", "shop"),
            Action::import_with_roles(document(), roles),
        )
        .expect("import");
    ledger
        .append(
            t("2026-01-03T09:00:00Z"),
            ana.clone(),
            Action::ProposeSet {
                team: "web".into(),
                cycle: "q1".into(),
                approver: None,
            },
        )
        .expect("proposed");
    ledger
        .append(
            t("2026-01-04T09:00:00Z"),
            bo.clone(),
            Action::Agree {
                team: "web".into(),
                cycle: "q1".into(),
            },
        )
        .expect("agreed");
    for change in [
        Change::Weight {
            key_result: "kr1".into(),
            weight: 0.0,
        },
        Change::Target {
            key_result: "kr1".into(),
            target: 50.0,
        },
    ] {
        // What the whole document's validation says of the changed objective.
        let mut o = ledger.document().objectives[0].clone();
        match &change {
            Change::Weight { weight, .. } => o.key_results[0].weight = *weight,
            Change::Target { target, .. } => {
                if let Measure::Metric { target: t, .. } = &mut o.key_results[0].measure {
                    *t = *target;
                }
            }
            _ => unreachable!(),
        }
        o.aligned_to = None;
        let expected = super::state::invalid_change(&ledger.state.problems_in_document(&o));
        let before = ledger.to_jsonl();
        let err = ledger
            .append(
                t("2026-02-01T09:00:00Z"),
                ana.clone(),
                Action::ProposeChange {
                    change: change.clone(),
                    reason: "a reason".into(),
                },
            )
            .expect_err("refused");
        assert_eq!(err.code(), "invalid_change");
        assert_eq!(err, expected);
        assert_eq!(ledger.to_jsonl(), before);
    }
    ledger
        .append(
            t("2026-02-01T09:00:00Z"),
            ana,
            Action::ProposeChange {
                change: Change::Weight {
                    key_result: "kr1".into(),
                    weight: 2.0,
                },
                reason: "a reason".into(),
            },
        )
        .expect("a valid change is proposed");
}
