//! The actor checks of `State::apply` (one membership lookup for a member,
//! instead of the person, team and membership lookups) against the checks
//! as they were written before, kept here as the reference: an attacker who
//! stores the ledger names any person on behalf of any team — unknown ones,
//! non-members, members of another team, members just removed, admins
//! acting outside their teams — and every entry is refused with the same
//! error, or passes the actor checks, as before. (Debug and test builds
//! also assert, on every entry whose actor is a member of the actor's team,
//! that the actor is a known person of a known team.)

use super::Ledger;
use super::action::Action;
use super::entry::{Actor, Entry};
use super::state::State;
use crate::error::{RefusalCode, Result};
use crate::ids::{PersonId, TeamId};
use proptest::prelude::*;

/// The actor checks as `State::apply` made them before (an unsigned ledger:
/// no signature to check), in the same order, with the same errors.
fn actor_checks_before(s: &State, e: &Entry) -> Result<()> {
    if !s.people.contains(e.actor.person.as_str()) {
        return super::state::refuse(
            RefusalCode::UnknownElement,
            "actor.person",
            format!("no person has id '{}'", e.actor.person),
        );
    }
    if !s.teams.contains_key(e.actor.team.as_str()) {
        return super::state::refuse(
            RefusalCode::UnknownElement,
            "actor.team",
            format!("no team has id '{}'", e.actor.team),
        );
    }
    super::texts::check_action_texts(&e.action)?;
    if e.action.is_admin_action() {
        // Since red team 14 (finding 16): an admin acts only for a team they
        // are a member of, or the importer for the team they imported as.
        s.check_admin(e)?;
        if s.importer.as_ref() == Some(&e.actor) {
            Ok(())
        } else {
            s.check_member(e)
        }
    } else {
        s.check_member(e)
    }
}

/// Every error the actor checks can give for `e` (whether or not they give it).
fn actor_errors(e: &Entry) -> Vec<String> {
    let nobody = State::default();
    let e_unknown = |path: &str, what: &str, id: &str| {
        super::state::refuse::<()>(
            RefusalCode::UnknownElement,
            path,
            format!("no {what} has id '{id}'"),
        )
    };
    [
        e_unknown("actor.person", "person", e.actor.person.as_str()),
        e_unknown("actor.team", "team", e.actor.team.as_str()),
        nobody.check_admin(e),
        nobody.check_member(e),
    ]
    .into_iter()
    .filter_map(|r| r.err().map(|err| err.to_string()))
    .collect()
}

/// A small generated ledger, its state, and its lines: 5 teams, 10 people,
/// each team with one member (its speaker), so that a member of one team
/// acting for another, and a known person who is a member of no team, both
/// occur (`small_ledger_has_every_kind_of_actor`). Built once.
fn small() -> &'static (State, Vec<Entry>) {
    use crate::generate::{GenerateOptions, LedgerOptions, generate, ledger};
    static SMALL: std::sync::OnceLock<(State, Vec<Entry>)> = std::sync::OnceLock::new();
    SMALL.get_or_init(|| {
        let doc = generate(&GenerateOptions::scaled(100));
        let l: Ledger = ledger(&doc, &LedgerOptions::with_entries(120)).expect("a valid ledger");
        (l.state.clone(), l.entries().to_vec())
    })
}

/// The people and teams of `state`, sorted, with a ghost person and an
/// unknown team after them.
fn actors(state: &State) -> (Vec<PersonId>, Vec<TeamId>) {
    let mut people: Vec<PersonId> = state.people.iter().cloned().collect();
    let mut teams: Vec<TeamId> = state.teams.keys().cloned().collect();
    people.sort();
    teams.sort();
    people.push(PersonId::from("ghost"));
    teams.push(TeamId::from("nowhere"));
    (people, teams)
}

/// Without the proptest's membership changes, the person × team pairs it
/// checks include a member acting for their team, a member of one team
/// acting for another, a known person in no team, a ghost and an unknown
/// team: a shortcut that let a member of any team act for any known team
/// (or any known person act as a member) would be refused by the test.
#[test]
fn small_ledger_has_every_kind_of_actor() {
    let (state, _) = small();
    let (people, teams) = actors(state);
    let known = |p: &PersonId| state.people.contains(p.as_str());
    let member_anywhere = |p: &PersonId| teams.iter().any(|t| state.is_member(p, t));
    let mut own = 0;
    let mut cross = 0;
    let mut in_no_team = 0;
    for p in &people {
        for t in &teams {
            match (state.is_member(p, t), member_anywhere(p)) {
                (true, _) => own += 1,
                (false, true) if state.teams.contains_key(t.as_str()) => cross += 1,
                (false, false) if known(p) => in_no_team += 1,
                _ => {}
            }
        }
    }
    assert!(
        own >= 2 && cross >= 2 && in_no_team >= 2,
        "{own} {cross} {in_no_team}"
    );
    assert!(!known(&people[people.len() - 1]));
    assert!(!state.teams.contains_key(teams[teams.len() - 1].as_str()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Memberships added and removed by an admin, then an entry of the
    /// ledger (or an admin action) by every person (and a ghost) on behalf
    /// of every team (and an unknown one): refused with the error the
    /// checks gave before, or past them as before (then the same outcome
    /// whichever way).
    #[test]
    fn actors_checked_as_before(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 0..6),
        pick in any::<prop::sample::Index>(),
        admin_action in any::<bool>(),
    ) {
        let (state, entries) = small();
        let mut state = state.clone();
        let admin = state.admins.iter().next().cloned().expect("the importer is an admin");
        let (people, teams) = actors(&state);
        let (known_people, known_teams) = (&people[..people.len() - 1], &teams[..teams.len() - 1]);
        let last = entries.last().expect("entries");
        // Memberships changed by the admin (each accepted or refused as the
        // rules say; a refused one changes nothing).
        for (p, t, add) in changes {
            let (p, t) = (
                known_people[p.index(known_people.len())].clone(),
                known_teams[t.index(known_teams.len())].clone(),
            );
            let action = if add {
                Action::AddMember { team: t, person: p }
            } else {
                Action::RemoveMember { team: t, person: p }
            };
            let e = Entry { action, actor: Actor::new(admin.clone(), known_teams[0].clone()), ..last.clone() };
            let _ = state.apply(&e);
        }
        let action = if admin_action {
            Action::GrantAdmin { person: known_people[0].clone() }
        } else {
            entries[1 + pick.index(entries.len() - 1)].action.clone()
        };
        for person in &people {
            for team in &teams {
                let e = Entry {
                    action: action.clone(),
                    actor: Actor::new(person.clone(), team.clone()),
                    ..last.clone()
                };
                let before = actor_checks_before(&state, &e);
                let now = state.clone().apply(&e);
                match (&before, &now) {
                    (Err(b), Err(n)) => prop_assert_eq!(
                        (b.code(), b.to_string()),
                        (n.code(), n.to_string()),
                        "{} for {}", person, team
                    ),
                    (Err(b), Ok(())) => prop_assert!(false, "{person} for {team}: accepted, refused before: {b}"),
                    // Past the actor checks before: not refused by them now
                    // (the action's own rules may refuse it, as they did).
                    (Ok(()), Err(n)) => prop_assert!(
                        !actor_errors(&e).contains(&n.to_string()),
                        "{person} for {team}: refused as an actor now: {n}"
                    ),
                    (Ok(()), Ok(())) => {}
                }
            }
        }
    }
}
