//! One ledger entry: who did what, when, chained to the previous entry.

use crate::ids::{PersonId, TeamId};
use crate::ledger::action::Action;
use crate::ledger::entry_hash::EntryHash;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_PREV_HASH: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// Identifies an entry: `e<seq>` (`e0`, `e1`, …). Proposals and dependencies
/// are named by the id of the entry that created them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct EntryId(pub String);

impl EntryId {
    /// The id of the entry at position `seq`.
    pub(crate) fn for_seq(seq: u64) -> Self {
        EntryId(format!("e{seq}"))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for EntryId {
    fn from(s: &str) -> Self {
        EntryId(s.to_owned())
    }
}

impl From<String> for EntryId {
    fn from(s: String) -> Self {
        EntryId(s)
    }
}

impl AsRef<str> for EntryId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for EntryId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for EntryId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl crate::ids::IdArg<EntryId> for EntryId {
    fn id_str(&self) -> &str {
        &self.0
    }
}

impl crate::ids::IdArg<EntryId> for &EntryId {
    fn id_str(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for EntryId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Who acts: a person on behalf of a team.
///
/// okrkit is not an authentication system: the host product says who the
/// actor is. okrkit checks that the person and team exist and that the team is
/// allowed to do what is asked (the owning team, its approver, the team asked
/// for help…).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Actor {
    /// The person acting.
    pub person: PersonId,
    /// The team on whose behalf the person acts.
    pub team: TeamId,
}

impl Actor {
    /// Builds an actor.
    ///
    /// ```
    /// let ana = okrkit::ledger::Actor::new("ana", "web");
    /// assert_eq!(ana.team.as_str(), "web");
    /// ```
    pub fn new(person: impl Into<PersonId>, team: impl Into<TeamId>) -> Self {
        Actor {
            person: person.into(),
            team: team.into(),
        }
    }
}

/// One entry of the ledger. Entries are never edited: a change is a new entry.
///
/// On the wire (JSON Lines) an entry is one compact JSON object with its
/// fields in this order: `seq`, `id`, `at`, `actor`, `action`, `prev_hash`,
/// `sig` (signed ledgers only), `hash`. See [`crate::ledger`] for how `hash` is computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 0-based position in the ledger.
    pub seq: u64,
    /// `e<seq>`.
    pub id: EntryId,
    /// When it happened (UTC). Never earlier than the previous entry's time.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: Actor,
    /// What was done, with its details.
    pub action: Action,
    /// The previous entry's `hash` ([`GENESIS_PREV_HASH`] for the first).
    pub prev_hash: EntryHash,
    /// In a signed ledger: the actor's Ed25519 signature (128 hex digits)
    /// over the entry's canonical bytes without `sig` (see
    /// [`crate::ledger::signing`]). Absent in an unsigned ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
    /// SHA-256 (lower-case hex) of the entry's canonical form.
    pub hash: EntryHash,
}
