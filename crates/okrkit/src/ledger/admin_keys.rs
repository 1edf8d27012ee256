//! Keys an admin enrolled for a person who had held one before: the one way
//! left for an admin to sign as someone else in a signed ledger (revoke the
//! person's key, enrol one the admin holds). Both entries are allowed and in
//! plain sight; this finds them, so that the lint rule
//! `key_replaced_by_admin` reports them instead of leaving the audit to
//! whoever reads the ledger by hand.

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
    /// The entry that revoked the person's previous key, if one did.
    pub revoked_at: Option<u64>,
    /// Entries made as `person` since, while that key (or a key enrolled
    /// with it) was theirs.
    pub entries_since: u32,
}

impl Ledger {
    /// Every key an admin enrolled for a person who had held one before, in
    /// ledger order (none in an unsigned ledger, where keys sign nothing).
    pub(crate) fn keys_replaced_by_admins(&self) -> Vec<AdminReplacedKey> {
        let mut out: Vec<AdminReplacedKey> = Vec::new();
        if !self.is_signed() {
            return out;
        }
        let mut had_key: HashSet<&PersonId> = HashSet::new();
        let mut revoked: HashMap<&PersonId, u64> = HashMap::new();
        // The finding whose key each person holds now, if an admin gave it.
        let mut current: HashMap<&PersonId, usize> = HashMap::new();
        for e in self.entries() {
            // An entry signed with a key an admin gave (a rotation the
            // person "makes" with it included: whoever holds that key can).
            if let Some(&i) = current.get(&e.actor.person)
                && let Some(f) = out.get_mut(i)
            {
                f.entries_since = f.entries_since.saturating_add(1);
            }
            match &e.action {
                Action::Import { roles, .. } => {
                    had_key.extend(roles.keys.iter().map(|k| &k.person));
                }
                Action::RevokeKey { person } => {
                    revoked.insert(person, e.seq);
                    current.remove(person);
                }
                Action::EnrollKey { person, .. } if e.actor.person != *person => {
                    current.remove(person);
                    if had_key.contains(person) {
                        out.push(AdminReplacedKey {
                            person: person.clone(),
                            admin: e.actor.person.clone(),
                            seq: e.seq,
                            revoked_at: revoked.get(person).copied(),
                            entries_since: 0,
                        });
                        current.insert(person, out.len() - 1);
                    }
                    had_key.insert(person);
                }
                Action::EnrollKey { person, .. } => {
                    had_key.insert(person);
                }
                _ => {}
            }
        }
        out
    }
}
