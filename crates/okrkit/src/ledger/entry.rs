//! One ledger entry: who did what, when, chained to the previous entry.

use crate::ids::{PersonId, TeamId};
use crate::ledger::action::Action;
use crate::ledger::entry_hash::EntryHash;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_PREV_HASH: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

pub use crate::ids::EntryId;

/// Who acts: a person on behalf of a team.
///
/// okrkit is not an authentication system: the host product says who the
/// actor is. okrkit checks that the person and team exist and that the team is
/// allowed to do what is asked (the owning team, its approver, the team asked
/// for help…).
///
/// It is written as an object, `{"person": "ana", "team": "web"}`, and read
/// from that or from a `["ana", "web"]` pair (person, then team: what
/// Python's `("ana", "web")` becomes). The pair is a form of the actor
/// alone: everything else written as an object must be one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Actor {
    /// The person acting.
    pub person: PersonId,
    /// The team on whose behalf the person acts.
    pub team: TeamId,
}

/// An actor's object form, as serde derives its reading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFields {
    person: PersonId,
    team: TeamId,
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, SeqAccess, Visitor};

        struct ActorVisitor;

        impl<'de> Visitor<'de> for ActorVisitor {
            type Value = Actor;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(r#"an actor: {"person": …, "team": …} or a [person, team] pair"#)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Actor, A::Error> {
                let f = ActorFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Actor::new(f.person, f.team))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Actor, A::Error> {
                let person: PersonId = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let team: TeamId = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(Actor::new(person, team))
            }
        }

        d.deserialize_any(ActorVisitor)
    }
}

impl Actor {
    /// Builds an actor.
    ///
    /// ```
    /// let ana = okrkit::ledger::Actor::new("ana", "web");
    /// assert_eq!(ana.team.as_str(), "web");
    /// let read = |v| okrkit::options::from_value::<okrkit::ledger::Actor>(v);
    /// assert_eq!(read(serde_json::json!({"person": "ana", "team": "web"}))?, ana);
    /// assert_eq!(read(serde_json::json!(["ana", "web"]))?, ana);
    /// assert!(read(serde_json::json!(["ana"])).is_err());
    /// assert!(read(serde_json::json!(["ana", "web", "x"])).is_err());
    /// assert!(read(serde_json::json!({"person": "ana", "team": "web", "x": 1})).is_err());
    /// # Ok::<(), okrkit::Error>(())
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

#[cfg(test)]
mod tests {
    /// An entry's size is a cost per entry when a ledger is read (the
    /// vector's pages first touched, each entry moved into it and dropped):
    /// pinned so that it does not grow unnoticed. 376 bytes on a 64-bit
    /// target: the action is 112 (the import's roles and the renegotiations'
    /// changes inline), each hash 72 (its 64 hex digits inline), the ids 24
    /// each. (A 32-bit target has other sizes, not pinned.)
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn entry_size_is_pinned() {
        let grew = "the entry must not grow (a cost per entry of every ledger read)";
        assert!(std::mem::size_of::<super::Entry>() <= 376, "{grew}");
        assert!(std::mem::size_of::<super::Action>() <= 112, "{grew}");
        assert!(std::mem::size_of::<super::EntryHash>() <= 72, "{grew}");
    }
}
