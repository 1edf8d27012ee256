//! An element appended to the ledger's document (a drafted objective, a new
//! person, team or cycle) is validated alone against the document's id
//! index ([`crate::validate::appended`]) instead of the whole document:
//! exactly the problems `validate` gives for the whole document with the
//! element appended, in the same order, on random sequences of elements
//! with duplicate, look-alike, empty and malformed ids, unknown references,
//! self-alignment, self-parenting and bad fields; and, through the state,
//! the same decisions, errors and resulting state as the full validation
//! (every call of the incremental path in a test build also runs the full
//! one and compares: `State::assert_same_as`). An initiative whose id looks
//! like another's is refused when appended, but a stored ledger may hold one
//! (accepted before that rule; replayed as it was): it makes the state fall
//! back to the full validation, which then refuses as before.

use super::context_tests::{Damage, apply, damage, document, id, state_of, text};
use super::state::State;
use crate::model::{Cycle, Document, Initiative, Objective, Person, Team};
use crate::validate::appended::{self, IdIndex, Known};
use chrono::NaiveDate;
use proptest::prelude::*;

/// An id: the context's pool, or one of a few fresh ones and their
/// look-alikes (so that sequences both grow and collide).
fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        id(),
        Just("n1".to_owned()),
        Just("nl".to_owned()),
        Just("N1".to_owned()),
        Just("n2".to_owned()),
        Just("o2".to_owned()),
        Just("O2".to_owned()),
        Just("k9".to_owned()),
        Just("K9".to_owned()),
        Just("kr9".to_owned()),
        Just("kr1".to_owned()),
        Just("web ".to_owned()),
        Just("jose\u{301}".to_owned()),
    ]
}

#[derive(Debug, Clone)]
enum Element {
    Objective {
        id: String,
        team: String,
        cycle: String,
        aligned_to: Option<String>,
        damages: Vec<Damage>,
    },
    Person(String, String),
    Team(String, Option<String>, String),
    Cycle(String, bool, String),
    /// An initiative pushed as `start_initiative` would (its id checked
    /// only for being given twice).
    Initiative(String),
}

impl Element {
    /// The objective an `Element::Objective` drafts, from `base`.
    fn objective(&self, base: &Objective) -> Option<Objective> {
        let Element::Objective {
            id,
            team,
            cycle,
            aligned_to,
            damages,
        } = self
        else {
            return None;
        };
        Some(objective(base, id, team, cycle, aligned_to, damages))
    }
}

fn element() -> impl Strategy<Value = Element> {
    prop_oneof![
        4 => (
            any_id(),
            prop_oneof![3 => Just("web".to_owned()), 1 => any_id()],
            prop_oneof![3 => Just("q1".to_owned()), 1 => any_id()],
            proptest::option::of(any_id()),
            proptest::collection::vec(damage(), 0..4),
        )
            .prop_map(|(id, team, cycle, aligned_to, damages)| Element::Objective {
                id,
                team,
                cycle,
                aligned_to,
                damages,
            }),
        2 => (any_id(), text()).prop_map(|(i, t)| Element::Person(i, t)),
        2 => (any_id(), proptest::option::of(any_id()), text())
            .prop_map(|(i, p, t)| Element::Team(i, p, t)),
        1 => (any_id(), any::<bool>(), text()).prop_map(|(i, b, t)| Element::Cycle(i, b, t)),
        1 => any_id().prop_map(Element::Initiative),
    ]
}

fn objective(
    base: &Objective,
    id: &str,
    team: &str,
    cycle: &str,
    aligned_to: &Option<String>,
    damages: &[Damage],
) -> Objective {
    let mut o = base.clone();
    o.id = id.into();
    o.team = team.into();
    o.cycle = cycle.into();
    // Fresh key result ids unless damaged into others.
    for kr in &mut o.key_results {
        kr.id = format!("{id}-{}", kr.id).into();
    }
    for d in damages {
        apply(&mut o, d);
    }
    o.aligned_to = aligned_to.as_ref().map(|a| crate::model::Alignment {
        objective: a.as_str().into(),
        how: crate::model::AlignmentKind::Cascaded,
    });
    o
}

/// What `validate` says of the document (without check-ins) with the
/// element appended by `push`.
fn full(doc: &Document, push: impl FnOnce(&mut Document)) -> Vec<crate::Problem> {
    let mut d = doc.clone();
    d.check_ins.clear();
    push(&mut d);
    crate::validate::validate(&d)
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// Applies `e` to `state` both ways: the problems of the appended element
/// alone against `validate`'s (when the document's ids do not clash), and
/// the state's incremental path (which, in tests, compares itself with the
/// full one). Returns whether it was kept.
fn step(state: &mut State, base: &Objective, e: &Element) -> Result<bool, TestCaseError> {
    let clash = state.id_index().ids_clash();
    let alone = |s: &State, index: &IdIndex, e: &Element| -> Option<Vec<crate::Problem>> {
        let known = Known {
            cycle: &|id| s.cycles.contains(id),
            team: &|id| s.teams.contains_key(id),
            person: &|id| s.people.contains(id),
            objective: &|id| s.obj_at.contains_key(id),
        };
        Some(match e {
            Element::Objective { .. } => appended::appended_objective(
                index,
                &known,
                s.doc.objectives.len(),
                &e.objective(base).expect("an objective"),
            ),
            Element::Person(i, name) => {
                appended::appended_person(index, s.doc.people.len(), &person(i, name))
            }
            Element::Team(i, parent, name) => appended::appended_team(
                index,
                known.team,
                s.doc.teams.len(),
                &team(i, parent, name),
            ),
            Element::Cycle(i, backwards, name) => {
                appended::appended_cycle(index, s.doc.cycles.len(), &cycle(i, *backwards, name))
            }
            Element::Initiative(_) => return None,
        })
    };
    let want = match e {
        Element::Objective { .. } => {
            let o = e.objective(base).expect("an objective");
            Some(full(&state.doc, |d| d.objectives.push(o)))
        }
        Element::Person(i, name) => Some(full(&state.doc, |d| d.people.push(person(i, name)))),
        Element::Team(i, parent, name) => {
            Some(full(&state.doc, |d| d.teams.push(team(i, parent, name))))
        }
        Element::Cycle(i, backwards, name) => Some(full(&state.doc, |d| {
            d.cycles.push(cycle(i, *backwards, name))
        })),
        Element::Initiative(_) => None,
    };
    if !clash {
        let index = state.id_index().clone();
        prop_assert_eq!(alone(state, &index, e), want.clone());
    }
    let kept = match e {
        Element::Objective { .. } => state
            .append_objective(&e.objective(base).expect("an objective"))
            .is_ok(),
        Element::Person(..) | Element::Team(..) | Element::Cycle(..) => {
            let action = match e {
                Element::Person(i, name) => crate::ledger::Action::AddPerson {
                    person: person(i, name),
                },
                Element::Team(i, parent, name) => crate::ledger::Action::AddTeam {
                    team: team(i, parent, name),
                },
                Element::Cycle(i, backwards, name) => crate::ledger::Action::AddCycle {
                    cycle: cycle(i, *backwards, name),
                },
                _ => unreachable!(),
            };
            state.add_element(&action).is_ok()
        }
        Element::Initiative(i) => {
            if i.is_empty()
                || crate::validate::id_problem(i).is_some()
                || state.initiative_at.contains_key(i.as_str())
            {
                false
            } else {
                state.push_initiative(Initiative {
                    id: i.as_str().into(),
                    title: "An initiative".into(),
                    team: "web".into(),
                    key_results: vec!["kr1".into()],
                    status: Default::default(),
                });
                true
            }
        }
    };
    if let Some(want) = want {
        // Kept exactly when the whole document validates (a clash in the
        // document refuses everything).
        prop_assert_eq!(kept, want.is_empty());
    }
    Ok(kept)
}

fn person(i: &str, name: &str) -> Person {
    Person {
        id: i.into(),
        name: name.to_owned(),
    }
}

fn team(i: &str, parent: &Option<String>, name: &str) -> Team {
    Team {
        id: i.into(),
        name: name.to_owned(),
        parent: parent.as_deref().map(Into::into),
    }
}

fn cycle(i: &str, backwards: bool, name: &str) -> Cycle {
    let (start, end) = if backwards {
        ("2026-12-31", "2026-10-01")
    } else {
        ("2026-10-01", "2026-12-31")
    };
    Cycle {
        id: i.into(),
        name: name.to_owned(),
        start: date(start),
        end: date(end),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random sequences of appended elements: the same problems as the
    /// whole document's validation, the same decisions and state.
    #[test]
    fn an_appended_element_alone_as_in_the_whole_document(
        elements in proptest::collection::vec(element(), 1..24),
    ) {
        let mut state = state_of(document());
        let base = state.doc.objectives[0].clone();
        for e in &elements {
            step(&mut state, &base, e)?;
        }
        // The index kept up to date is the one built from the document.
        if state.ids.is_some() {
            let built = IdIndex::build(&state.doc);
            prop_assert_eq!(state.ids.clone().expect("kept"), built);
        }
    }
}

/// The reported cases: a look-alike and a duplicate of an existing id, an
/// objective aligned to itself, a team its own parent, each refused with
/// the whole document's problems; a look-alike initiative falls back.
#[test]
fn collisions_are_refused_as_by_the_whole_document() {
    let mut state = state_of(document());
    let base = state.doc.objectives[0].clone();
    let o = |id: &str, aligned: Option<&str>| Element::Objective {
        id: id.into(),
        team: "web".into(),
        cycle: "q1".into(),
        aligned_to: aligned.map(Into::into),
        damages: vec![],
    };
    let runner = |state: &mut State, e: Element| step(state, &base, &e).expect("agrees");
    assert!(runner(&mut state, o("n1", None)));
    assert!(!runner(&mut state, o("N1", None)), "look-alike objective");
    assert!(!runner(&mut state, o("nl", None)), "1 and l look alike");
    assert!(!runner(&mut state, o("n1", None)), "duplicate objective");
    assert!(
        !runner(&mut state, o("n2", Some("n2"))),
        "aligned to itself"
    );
    assert!(runner(&mut state, o("n2", Some("n1"))));
    assert!(!runner(
        &mut state,
        Element::Team("t".into(), Some("t".into()), "T".into())
    ));
    assert!(!runner(
        &mut state,
        Element::Team(String::new(), Some(String::new()), "T".into())
    ));
    assert!(!runner(
        &mut state,
        Element::Person("Ana".into(), "Ana".into())
    ));
    assert!(runner(
        &mut state,
        Element::Person("zed".into(), "Z".into())
    ));
    assert!(runner(&mut state, Element::Initiative("launch".into())));
    assert!(runner(&mut state, Element::Initiative("Launch".into())));
    assert!(state.id_index().ids_clash());
    assert!(
        !runner(&mut state, o("o9", None)),
        "the document is invalid"
    );
}

/// The attack: a team member starts `Launch` after `launch`. Before, it was
/// accepted, and the document then held two look-alike ids, so every later
/// structural change was refused (a freeze any member could cause). Now the
/// look-alike is refused at the initiative's id, with the document's code,
/// and a later objective edit still works. A stored ledger that holds such an
/// entry (accepted before the rule) still loads.
#[test]
fn a_look_alike_initiative_is_refused_when_appended_and_replayed_when_stored() {
    use crate::ledger::{Action, Actor, Entry, EntryHash, Ledger, Membership, Roles};
    let doc = Document::from_value(serde_json::json!({
        "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "web", "name": "Web"}],
        "people": [{"id": "ana", "name": "Ana"}],
        "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1", "key_results": [
            {"id": "kr1", "title": "Conversion", "measure": {"type": "metric", "baseline": 50, "target": 65}}
        ]}]
    }))
    .expect("valid document");
    let roles = Roles {
        members: vec![Membership::new("web", "ana")],
        ..Roles::default()
    };
    let t0: chrono::DateTime<chrono::Utc> = "2026-01-02T09:00:00Z".parse().expect("time");
    let ana = Actor::new("ana", "web");
    let initiative = |id: &str| -> Box<Initiative> {
        let json =
            serde_json::json!({"id": id, "title": "Launch", "team": "web", "key_results": ["kr1"]});
        Box::new(serde_json::from_value(json).expect("initiative"))
    };
    let start = |id: &str| Action::StartInitiative {
        initiative: initiative(id),
    };
    let mut l = Ledger::new();
    l.append_as_of(t0, t0, ana.clone(), Action::import_with_roles(doc, roles))
        .expect("import");
    l.append_as_of(t0, t0, ana.clone(), start("launch"))
        .expect("launch");
    let stored = l.clone();

    let before = l.to_jsonl();
    let err = l
        .append_as_of(t0, t0, ana.clone(), start("Launch"))
        .expect_err("a look-alike initiative id");
    assert_eq!(
        (err.code(), err.path()),
        ("invalid_change", "action.initiative.id")
    );
    assert!(
        err.to_string().contains("[look_alike_id]")
            && err.to_string().contains("initiatives[0].id"),
        "{err}"
    );
    let swap = Action::SwapInitiative {
        initiative: "launch".into(),
        replacement: initiative("LAUNCH"),
        reason: "a new plan".into(),
    };
    let err = l
        .append_as_of(t0, t0, ana.clone(), swap)
        .expect_err("a look-alike replacement");
    assert_eq!(
        (err.code(), err.path()),
        ("invalid_change", "action.replacement.id")
    );
    assert_eq!(l.to_jsonl(), before, "nothing was appended");
    // Found from the id index when it is built, from the initiatives when not.
    for built in [false, true] {
        l.state.ids = None;
        if built {
            l.state.id_index();
        }
        let err = l
            .append_as_of(t0, t0, ana.clone(), start("Launch"))
            .expect_err("look-alike");
        assert!(err.to_string().contains("[look_alike_id]"), "{err}");
    }
    let mut o1 = l.replay(None).expect("state").objectives[0].clone();
    o1.title = "A faster checkout".into();
    l.append_as_of(
        t0,
        t0,
        ana.clone(),
        Action::EditObjective {
            objective: Box::new(o1.clone()),
        },
    )
    .expect("the objective edit the look-alike used to block");
    l.append_as_of(t0, t0, ana.clone(), start("launch-2"))
        .expect("an id of its own");

    // A ledger stored before the rule, with `Launch` after `launch`: the
    // entry is appended here as the older version did (the rules replayed,
    // not those of a new entry), then the ledger is read back.
    let mut old = stored;
    let seq = old.entries.len() as u64;
    let mut entry = Entry {
        seq,
        id: crate::ids::EntryId::for_seq(seq),
        at: t0,
        actor: ana.clone(),
        action: start("Launch"),
        prev_hash: old.head().into(),
        sig: None,
        hash: EntryHash::default(),
    };
    old.state.apply(&entry).expect("accepted before the rule");
    entry.hash = old.hasher.hash(&entry).into();
    old.entries.push(entry);
    let loaded =
        Ledger::from_jsonl(old.to_jsonl().as_bytes()).expect("a stored look-alike still loads");
    let ids: Vec<String> = loaded
        .replay(None)
        .expect("state")
        .initiatives
        .iter()
        .map(|i| i.id.to_string())
        .collect();
    assert_eq!(ids, ["launch", "Launch"]);
    // As before the rule: that document refuses a structural change.
    let mut loaded = loaded;
    assert!(
        loaded
            .append_as_of(
                t0,
                t0,
                ana,
                Action::EditObjective {
                    objective: Box::new(o1)
                }
            )
            .is_err()
    );
}
