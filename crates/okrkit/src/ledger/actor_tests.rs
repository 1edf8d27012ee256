//! The actor checks of `State::apply` (one membership lookup for a member,
//! instead of the person, team and membership lookups) against the checks
//! as they were written before, kept here as the reference: an attacker who
//! stores the ledger names any person on behalf of any team — unknown ones,
//! non-members, members just removed, admins acting outside their teams —
//! and every entry is refused with the same error, or passes the actor
//! checks, as before. (Debug and test builds also assert, on every entry of
//! every test, that a member is a known person of a known team.)

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
        s.check_admin(e)
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

/// A small generated ledger, its state, and its lines.
fn small() -> (State, Vec<Entry>) {
    use crate::generate::{GenerateOptions, LedgerOptions, generate, ledger};
    let doc = generate(&GenerateOptions::scaled(30));
    let l: Ledger = ledger(&doc, &LedgerOptions::with_entries(120)).expect("a valid ledger");
    (l.state.clone(), l.entries().to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Memberships added and removed by an admin, then an entry of the
    /// ledger (or an admin action) by any person on behalf of any team:
    /// refused with the error the checks gave before, or past them as
    /// before (then the same outcome whichever way).
    #[test]
    fn actors_checked_as_before(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 0..6),
        pick in any::<prop::sample::Index>(),
        person in any::<prop::sample::Index>(),
        team in any::<prop::sample::Index>(),
        ghost in 0u8..4,
        admin_action in any::<bool>(),
    ) {
        let (mut state, entries) = small();
        let admin = state.admins.iter().next().cloned().expect("the importer is an admin");
        let mut people: Vec<PersonId> = state.people.iter().cloned().collect();
        let mut teams: Vec<TeamId> = state.teams.keys().cloned().collect();
        people.sort();
        teams.sort();
        let last = entries.last().expect("entries");
        // Memberships changed by the admin (each accepted or refused as the
        // rules say; a refused one changes nothing).
        for (p, t, add) in changes {
            let (p, t) = (people[p.index(people.len())].clone(), teams[t.index(teams.len())].clone());
            let action = if add {
                Action::AddMember { team: t, person: p }
            } else {
                Action::RemoveMember { team: t, person: p }
            };
            let e = Entry { action, actor: Actor::new(admin.clone(), teams[0].clone()), ..last.clone() };
            let _ = state.apply(&e);
        }
        let person = match ghost {
            0 => PersonId::from("ghost"),
            _ => people[person.index(people.len())].clone(),
        };
        let team = match ghost {
            1 => TeamId::from("nowhere"),
            _ => teams[team.index(teams.len())].clone(),
        };
        let action = if admin_action {
            Action::GrantAdmin { person: people[0].clone() }
        } else {
            entries[1 + pick.index(entries.len() - 1)].action.clone()
        };
        let e = Entry { action, actor: Actor::new(person, team), ..last.clone() };
        let before = actor_checks_before(&state, &e);
        let now = state.clone().apply(&e);
        match (&before, &now) {
            (Err(b), Err(n)) => prop_assert_eq!(
                (b.code(), b.to_string()),
                (n.code(), n.to_string())
            ),
            (Err(b), Ok(())) => prop_assert!(false, "accepted, refused before: {b}"),
            // Past the actor checks before: not refused by them now (the
            // action's own rules may refuse it, as they did).
            (Ok(()), Err(n)) => prop_assert!(
                !actor_errors(&e).contains(&n.to_string()),
                "refused as an actor now: {n}"
            ),
            (Ok(()), Ok(())) => {}
        }
    }
}
