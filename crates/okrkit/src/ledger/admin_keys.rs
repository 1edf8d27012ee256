//! Keys an admin enrolled for a person who had held one before: in a signed
//! ledger, the way an admin can put a key of their choosing in place of a
//! key a person already held (revoke it, enrol another). An admin is trusted
//! to enrol a person's *first* key (SECURITY.md), and no key is ever enrolled
//! for two people (`State::enroll_key`), so this is what is left to audit.
//! Both entries are allowed and in plain sight; this finds them, so that the
//! lint rule `key_replaced_by_admin` reports them instead of leaving the
//! audit to whoever reads the ledger by hand.

use super::{Action, Ledger};
use crate::ids::PersonId;
use std::collections::{HashMap, HashSet};

/// One key an admin enrolled for someone who had held a key before.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AdminReplacedKey {
    /// Whose key it is.
    pub person: PersonId,
    /// The admin who enrolled it.
    pub admin: PersonId,
    /// The `enroll_key` entry.
    pub seq: u64,
    /// The entry that revoked the person's previous key, and who made it.
    pub revoked: Option<(u64, PersonId)>,
    /// Entries made as `person` while that key, or a key the person
    /// rotated to with it, was theirs.
    pub entries_signed: u32,
    /// The entry after which the key (or its rotations) no longer signs: a
    /// revocation or another admin's enrolment. None: still in force.
    pub ended_at: Option<u64>,
}

impl Ledger {
    /// Every key an admin enrolled for a person who had held one before, in
    /// ledger order (none in an unsigned ledger, where keys sign nothing). A
    /// key the person held before, enrolled again (a revocation undone), is
    /// not one.
    pub(crate) fn keys_replaced_by_admins(&self) -> Vec<AdminReplacedKey> {
        let mut out: Vec<AdminReplacedKey> = Vec::new();
        if !self.is_signed() {
            return out;
        }
        let mut had_key: HashSet<&PersonId> = HashSet::new();
        // The keys each person holds on their own: given at the import, or
        // enrolled by themselves while signing with such a key.
        let mut own: HashMap<&PersonId, HashSet<&str>> = HashMap::new();
        let mut revoked: HashMap<&PersonId, (u64, PersonId)> = HashMap::new();
        // The finding whose key each person holds now, if an admin gave it.
        let mut current: HashMap<&PersonId, usize> = HashMap::new();
        let end = |out: &mut Vec<AdminReplacedKey>, i: Option<usize>, seq: u64| {
            if let Some(f) = i.and_then(|i| out.get_mut(i)) {
                f.ended_at = Some(seq);
            }
        };
        for e in self.entries() {
            // An entry signed with a key an admin gave (a rotation "made"
            // with it included: whoever holds that key can make it).
            if let Some(&i) = current.get(&e.actor.person)
                && let Some(f) = out.get_mut(i)
            {
                f.entries_signed = f.entries_signed.saturating_add(1);
            }
            match &e.action {
                Action::Import { roles, .. } => {
                    for k in &roles.keys {
                        had_key.insert(&k.person);
                        own.entry(&k.person).or_default().insert(&k.public_key);
                    }
                }
                Action::RevokeKey { person } => {
                    revoked.insert(person, (e.seq, e.actor.person.clone()));
                    end(&mut out, current.remove(person), e.seq);
                }
                Action::EnrollKey { person, public_key } if e.actor.person != *person => {
                    end(&mut out, current.remove(person), e.seq);
                    let theirs = own
                        .get(person)
                        .is_some_and(|k| k.contains(public_key.as_str()));
                    if had_key.contains(person) && !theirs {
                        out.push(AdminReplacedKey {
                            person: person.clone(),
                            admin: e.actor.person.clone(),
                            seq: e.seq,
                            revoked: revoked.get(person).cloned(),
                            entries_signed: 0,
                            ended_at: None,
                        });
                        current.insert(person, out.len() - 1);
                    } else if !had_key.contains(person) {
                        // A first key: trusted, and the person's own from now on.
                        own.entry(person).or_default().insert(public_key);
                    }
                    had_key.insert(person);
                }
                Action::EnrollKey { person, public_key } => {
                    had_key.insert(person);
                    if !current.contains_key(person) {
                        own.entry(person).or_default().insert(public_key);
                    }
                }
                _ => {}
            }
        }
        out
    }
}
