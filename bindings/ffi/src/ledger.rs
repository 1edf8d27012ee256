//! The renegotiation ledger (R4, R8): append-only, hash-chained, replayable.
//!
//! Every action whose fields cross uniffi as they are has a typed method,
//! generated from the core's `Action` (`actions.rs`, by okrkit-codegen); the
//! others (new cycles, teams, people, initiatives) go through
//! [`Ledger::append_json`] in the core's wire format, and an import through
//! `import_document`. Each returns the new
//! [`Entry`] — store its `json` (one JSON Lines record) — or throws
//! `Refused` and leaves the ledger unchanged. The read-only queries (sets,
//! proposals, dependencies, members, …) are generated from the core's
//! `LedgerQuery` (`ledger_queries.rs`), the reads (length, head, entries,
//! verification, history, lint, health) from its `LedgerView`
//! (`ledger_views.rs`), both by okrkit-codegen.

use crate::OkrError;
use crate::guard;
use crate::org::Org;
use crate::types::{count64, to_utc};
use okrkit::PersonId;
use okrkit::ledger::signing::SecretKey;
use okrkit::ledger::{Action, Actor, AgreedSet, EntryId, Membership};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

// The actor, changes, proposals, the governance, dependency and history
// views and their enums are the core's records (feature `uniffi`). An entry
// is this crate's: it carries its action as JSON text.

/// One ledger entry. Store `json` (its JSON Lines record) as it comes.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Entry {
    pub seq: i64,
    /// `e<seq>`.
    pub id: EntryId,
    /// When it was recorded. A plain timestamp, not the core's checked
    /// instant: `fromEntries` reads only `json`, so an entry an app edited
    /// (even to `Instant.MAX`) must reach it and fail there as
    /// `InvalidArgument`, not fail while uniffi lifts the record (which
    /// uniffi reports as an internal error).
    pub at: SystemTime,
    pub actor: Actor,
    /// The action's type (`check_in`, `propose_change`, …).
    pub action_type: String,
    /// The action in the core's wire format (JSON).
    pub action_json: String,
    pub prev_hash: String,
    /// Signed ledgers: the actor's Ed25519 signature (hex).
    pub sig: Option<String>,
    pub hash: String,
    /// The whole entry as one JSON Lines record.
    pub json: String,
}

impl From<&okrkit::ledger::Entry> for Entry {
    fn from(e: &okrkit::ledger::Entry) -> Self {
        Entry {
            seq: count64(e.seq),
            id: e.id.clone(),
            at: e.at.into(),
            actor: e.actor.clone(),
            action_type: e.action.kind().to_string(),
            action_json: serde_json::to_string(&e.action).unwrap_or_default(),
            prev_hash: e.prev_hash.to_string(),
            sig: e.sig.clone(),
            hash: e.hash.to_string(),
            json: e.to_json(),
        }
    }
}

/// An append-only, hash-chained log of OKR decisions and the state it adds up to.
/// Thread-safe: calls are serialised.
#[derive(uniffi::Object)]
pub struct Ledger {
    inner: Mutex<okrkit::ledger::Ledger>,
}

impl Ledger {
    /// Locks the ledger. After a panic inside an earlier call (caught by
    /// `guard`), the lock is taken back, as in Python: an append that
    /// panics has already put the ledger back as its entries say, and should
    /// that have failed, the core's [`okrkit::ledger::Ledger::recover`]
    /// does it here.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, okrkit::ledger::Ledger>, OkrError> {
        let mut ledger = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        ledger.recover()?;
        Ok(ledger)
    }

    /// Appends `action`, signed with `secret_key` when given (a signed
    /// ledger refuses an unsigned entry: `BadSignature`).
    pub(crate) fn append(
        &self,
        at: SystemTime,
        actor: Actor,
        action: Action,
        secret_key: Option<Vec<u8>>,
    ) -> Result<Entry, OkrError> {
        let at = to_utc(at, "at")?;
        let key = secret(secret_key)?;
        let mut ledger = self.lock()?;
        let entry = match &key {
            None => ledger.append(at, actor, action)?,
            Some(k) => ledger.append_signed(chrono::Utc::now(), at, actor, action, k)?,
        };
        Ok(Entry::from(entry))
    }

    /// Appends with the time taken *under the ledger's lock*: the current
    /// time, or the last entry's when the wall clock went backwards, so
    /// concurrent appends are never `out_of_order`.
    pub(crate) fn append_now(
        &self,
        actor: Actor,
        action: Action,
        secret_key: Option<Vec<u8>>,
    ) -> Result<Entry, OkrError> {
        let key = secret(secret_key)?;
        let mut ledger = self.lock()?;
        let entry = match &key {
            None => ledger.append_now(actor, action)?,
            Some(k) => ledger.append_now_signed(actor, action, k)?,
        };
        Ok(Entry::from(entry))
    }
}

#[uniffi::export]
impl Ledger {
    /// An empty ledger; its first entry must be an import.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Ledger {
            inner: Mutex::new(okrkit::ledger::Ledger::new()),
        }
    }

    /// Loads JSON Lines, verifying the chain and replaying the rules on the way
    /// in (`Tampered` names the first bad entry; `Parse` a malformed line).
    #[uniffi::constructor]
    pub fn from_jsonl(jsonl: String) -> Result<Self, OkrError> {
        guard(|| {
            Ok(Ledger {
                inner: Mutex::new(okrkit::ledger::Ledger::from_jsonl(jsonl.as_bytes())?),
            })
        })
    }

    /// Rebuilds a ledger from stored entries (each entry's `json`, in `seq`
    /// order), verifying the hash chain and replaying the rules: `Tampered`
    /// names the first bad entry, `Parse` an entry whose `json` is malformed.
    #[uniffi::constructor]
    pub fn from_entries(entries: Vec<Entry>) -> Result<Self, OkrError> {
        guard(|| {
            let core = entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    OkrError::read_json::<okrkit::ledger::Entry>(
                        format!("entries[{i}].json"),
                        &e.json,
                    )
                })
                .collect::<Result<Vec<_>, OkrError>>()?;
            Ok(Ledger {
                inner: Mutex::new(okrkit::ledger::Ledger::from_entries(core)?),
            })
        })
    }

    /// Appends any action of the core, in its wire format (a JSON object with
    /// a `type`: `import`, `draft_objective`, `start_initiative`,
    /// `request_dependency`, …). A malformed action is `Parse`. In a signed
    /// ledger pass the actor's 32-byte Ed25519 `secret_key` (used, never
    /// stored); the import that starts one (`roles.signed`, `roles.keys`)
    /// is signed by the importing person.
    #[uniffi::method(default(secret_key = None))]
    pub fn append_json(
        &self,
        at: SystemTime,
        actor: Actor,
        action_json: String,
        secret_key: Option<Vec<u8>>,
    ) -> Result<Entry, OkrError> {
        guard(|| {
            let action: Action = OkrError::read_json("action", &action_json)?;
            self.append(at, actor, action, secret_key)
        })
    }

    /// The first entry: the base document (JSON text); sets in `agreed`
    /// start agreed; `members` says who belongs to which team; `admins` are
    /// admins besides the importing person. `signed_ledger` starts a signed
    /// ledger (the core's `roles.signed`; `signed` is a word C reserves):
    /// `keys` holds each person's public key (`publicKeyHex`), and the
    /// import, like every later entry, is signed with the actor's
    /// `secret_key`.
    #[uniffi::method(default(
        agreed = [],
        members = [],
        admins = [],
        keys = [],
        signed_ledger = false,
        secret_key = None
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn import_document(
        &self,
        at: SystemTime,
        actor: Actor,
        document_json: String,
        agreed: Vec<AgreedSet>,
        members: Vec<Membership>,
        admins: Vec<PersonId>,
        keys: Vec<okrkit::ledger::EnrolledKey>,
        signed_ledger: bool,
        secret_key: Option<Vec<u8>>,
    ) -> Result<Entry, OkrError> {
        guard(|| {
            let document = okrkit::Document::from_json(&document_json)?;
            self.append(
                at,
                actor,
                Action::Import {
                    document: Box::new(document),
                    agreed,
                    roles: {
                        // Default then fields: no struct literal of a core type outside the core.
                        let mut roles = okrkit::ledger::Roles::default();
                        roles.admins = admins;
                        roles.members = members;
                        roles.keys = keys;
                        roles.signed = signed_ledger;
                        roles
                    },
                },
                secret_key,
            )
        })
    }
}

/// The 32-byte secret key a caller gave, if any (`InvalidArgument` at
/// `secret_key` for another length); uniffi's copy of it is wiped.
fn secret(key: Option<Vec<u8>>) -> Result<Option<SecretKey>, OkrError> {
    Ok(key
        .map(|mut k| SecretKey::take(&mut k, "secret_key"))
        .transpose()?)
}

/// The Ed25519 public key (64 hex digits) of a 32-byte secret key, to enrol
/// with `enrollKey` or in the import's `roles.keys` (`InvalidArgument` at
/// `secret_key` for another length).
#[uniffi::export]
pub fn public_key_hex(mut secret_key: Vec<u8>) -> Result<String, OkrError> {
    guard(|| {
        let key = SecretKey::take(&mut secret_key, "secret_key")?;
        Ok(okrkit::ledger::public_key_hex(&key))
    })
}

forward!(Ledger via lock {
    /// The whole ledger as JSON Lines.
    fn to_jsonl() -> String = |l| l.to_jsonl();

    /// Checks the head against one kept elsewhere (catches entries cut from the end).
    fn verify_head(head: String) -> () = |l| l.verify_head(&head)?;

    /// The document as of an instant (every entry at or before it), or now
    /// with `null` / `nil`, as JSON text.
    #[uniffi::method(default(at = None))]
    fn replay_json(at: Option<SystemTime>) -> String =
        let at = at.map(|t| to_utc(t, "at")).transpose()?;
        |l| l.replay(at)?.to_json()?;

    /// The document as of an instant (or now), validated, for progress and scores.
    #[uniffi::method(default(at = None))]
    fn org(at: Option<SystemTime>) -> Org =
        let at = at.map(|t| to_utc(t, "at")).transpose()?;
        |l| Org {
            inner: match at {
                None => l.org()?,
                Some(t) => okrkit::Org::new(l.replay(Some(t))?)?,
            },
        };
});

impl Default for Ledger {
    fn default() -> Self {
        Ledger::new()
    }
}
