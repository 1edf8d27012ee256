//! The renegotiation ledger (R4, R8): append-only, hash-chained.

use crate::convert::{De, Moment, dated, parse_problem, read};
use crate::define::{functions, methods, statics};
use crate::error::Body;
use crate::memory::Held;
use crate::org::Org;
use crate::tasks::HandleTask;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::Document;
use okrkit::json_case;
use okrkit::ledger::signing::SecretKey;
use okrkit::ledger::{Action, Actor, AgreedSet, Entry, Ledger as CoreLedger, Roles};
use serde_json::Value;

// The read-only queries, generated from the core's `LedgerQuery` (okrkit-codegen).
#[path = "ledger_queries.rs"]
mod queries;
// Its other read operations, generated from the core's `LedgerView`.
#[path = "ledger_views.rs"]
mod views;

/// Entries from an array (entry objects or JSON lines), or the JSON text (or
/// `Buffer`) of such an array: `JSON.stringify(ledger.entries())`.
fn entries_of(value: Unknown) -> std::result::Result<Vec<Entry>, okrkit::Error> {
    if let Some(bytes) = crate::org::text_bytes(value)? {
        return json_case::entries(&bytes);
    }
    if !value.is_array().unwrap_or(false) {
        return Err(parse_problem(
            "entries",
            "expected an array of entries, or its JSON text",
        ));
    }
    let arr = Array::from_unknown(value).map_err(|e| parse_problem("entries", e.reason.clone()))?;
    (0..arr.len())
        .map(|i| {
            let path = format!("entries[{i}]");
            let item: Unknown = arr
                .get_element(i)
                .map_err(|e| parse_problem(&path, e.reason.clone()))?;
            match crate::org::text_bytes(item)? {
                Some(bytes) => json_case::entry(&bytes, &path),
                None => read::<De<Entry>>(item, &path).map(|d| d.0),
            }
        })
        .collect()
}

/// An append-only, hash-chained log of OKR decisions (R4, R8) and the state it
/// adds up to. A refused action throws an `Error` (`code`: `not_allowed`,
/// `invalid_state`, `unknown_element`, `agreed_commitment`, `invalid_change`,
/// `out_of_order`) and leaves the ledger exactly as it was.
///
/// okrkit is not an authentication system: your product says who the actor is.
///
/// Its native memory is reported to V8; `free()` (or `using`) releases it early.
#[napi(custom_finalize)]
pub struct Ledger {
    held: Held<CoreLedger>,
}

crate::memory::held_handle!(Ledger(CoreLedger), |l: &CoreLedger| {
    okrkit::heap::entries_bytes(l.entries())
});

impl Ledger {
    /// Appends `action` by `who` at `at` with the host's "now" (else the
    /// system clock) and, when given, the actor's 32-byte Ed25519 secret key;
    /// reports the entry's memory and returns it as a JS object.
    fn push<'e>(
        &mut self,
        env: &'e Env,
        (at, who, action): (Unknown, Actor, Action),
        now: Option<Unknown>,
        secret_key: Option<&[u8]>,
    ) -> Body<Unknown<'e>> {
        let at = read(at, "at")?;
        let now: Option<chrono::DateTime<chrono::Utc>> = match now {
            Some(v) => read(v, "now")?,
            None => None,
        };
        let now = now.unwrap_or_else(chrono::Utc::now);
        let core = self.held.get_mut(env)?;
        let key = secret_key.map(secret_key_bytes).transpose()?;
        let appended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &key {
            None => core.append_as_of(now, at, who, action).map(drop),
            Some(k) => core.append_signed(now, at, who, action, k).map(drop),
        }));
        // A panic whose own recovery failed too (a double fault) leaves the
        // state ahead of the entries: put it back now, while this call
        // holds the ledger, so no read in between sees it (Python's and
        // Kotlin/Swift's locks do the same when next taken).
        if core.is_interrupted() {
            let _ = core.recover();
        }
        appended.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let Some(entry) = self.core(env)?.entries().last() else {
            return Ok(dated(env, &Value::Null)?);
        };
        let bytes = crate::memory::bytes(okrkit::heap::entries_bytes([entry]));
        let out = dated(env, entry)?;
        self.held.report(env, bytes);
        Ok(out)
    }
}

methods! { mut Ledger as (this, env) {
    /// Applies any action and records it; returns the new entry. `at` is a
    /// `Date` or an ISO 8601 string, never earlier than the last entry.
    [
        ts_args_type = "at: Date | string, actor: Actor, action: LedgerActionInput, now?: Date | string",
        ts_return_type = "LedgerEntry"
    ]
    fn append(
        at: Unknown<'e>,
        actor: De<Actor>,
        action: De<Action>,
        now: Unknown<'e>,
    ) -> Unknown<'e> {
        this.push(env, (at, actor.0, action.0), Some(now), None)?
    }

    /// Appends an entry signed with the actor's 32-byte Ed25519 secret key
    /// (signed ledgers: the key must be the one enrolled for the actor, else
    /// `code: 'bad_signature'`). The key is used, never stored.
    [
        ts_args_type = "at: Date | string, actor: Actor, action: LedgerActionInput, secretKey: Uint8Array, now?: Date | string",
        ts_return_type = "LedgerEntry"
    ]
    fn append_signed(
        at: Unknown<'e>,
        actor: Unknown<'e>,
        action: Unknown<'e>,
        secretKey: Uint8Array,
        now: Unknown<'e>,
    ) -> Unknown<'e> {
        // The key is read first, then the actor and the action.
        let actor = read::<De<Actor>>(actor, "actor")?.0;
        let action = read::<De<Action>>(action, "action")?.0;
        this.push(env, (at, actor, action), Some(now), Some(&secretKey))?
    }

    /// How far ahead of "now" an entry may be dated, in seconds (default 300).
    [ts_args_type = "seconds: number"]
    fn set_max_skew_seconds(seconds: i64) -> () {
        let skew = chrono::Duration::seconds(seconds.min(1 << 40));
        this.held.get_mut(env)?.set_max_skew(skew)
    }

    /// The first entry: the base document; the sets listed in `agreed` are
    /// already agreed.
    [
        ts_args_type = "at: Date | string, actor: Actor, document: OkrDocumentInput | string | Buffer, agreed?: AgreedSet[], roles?: Roles",
        ts_return_type = "LedgerEntry"
    ]
    fn import_document(
        at: Unknown<'e>,
        actor: De<Actor>,
        document: Document,
        agreed: Option<De<Vec<AgreedSet>>>,
        roles: Option<De<Roles>>,
    ) -> Unknown<'e> {
        let action = Action::Import {
            document: Box::new(document),
            agreed: agreed.map(|a| a.0).unwrap_or_default(),
            roles: roles.map(|r| r.0).unwrap_or_default(),
        };
        this.push(env, (at, actor.0, action), None, None)?
    }
}}

statics! { Ledger as env {
    /// An empty ledger; its first entry must import a document (`importDocument`).
    [constructor]
    fn new() -> Ledger {
        Ledger::of(env, CoreLedger::new())
    }

    /// `fromJsonl` off the JS thread.
    [ts_args_type = "text: string", ts_return_type = "Promise<Ledger>"]
    async fn from_jsonl_async(text: Unknown<'e>) -> AsyncTask<HandleTask<Ledger>> {
        let text = read::<String>(text, "text");
        HandleTask::handle(move || Ok(Ledger::detached(CoreLedger::from_jsonl(text?.as_bytes())?)))
    }

    /// Reads a JSON Lines ledger, verifying the hash chain and the rules as
    /// it goes (`code: 'tampered'` names the first bad entry in `err.index`).
    [factory, ts_args_type = "text: string"]
    fn from_jsonl(text: String) -> Ledger {
        Ledger::of(env, CoreLedger::from_jsonl(text.as_bytes())?)
    }

    /// Rebuilds a ledger from stored entries, in `seq` order: entry objects (as
    /// `append` returns them) or their JSON lines. Verifies the chain.
    [
        factory,
        ts_args_type = "entries: Array<Input<LedgerEntry> | string | Buffer> | string | Buffer"
    ]
    fn from_entries(entries: Unknown<'e>) -> Ledger {
        Ledger::of(env, CoreLedger::from_entries(entries_of(entries)?)?)
    }
}}

methods! { Ledger as (l, env) {
    /// Throws `tampered` unless the ledger ends at `head` (kept elsewhere):
    /// catches entries cut from the end or a rebuilt chain.
    [ts_args_type = "head: string"]
    fn verify_head(head: String) -> () {
        l.verify_head(&head)?
    }

    /// The whole ledger as of a moment: its entries at or before `at` (a date:
    /// the whole day).
    [ts_args_type = "at: Date | string"]
    fn as_of(at: Moment) -> Ledger {
        Ledger::of(env, l.as_of(at.0)?)
    }

    /// The current document, validated, as an `Org` for progress and scoring.
    []
    fn org() -> Org {
        Org::of(env, l.org()?)
    }

    /// One entry as its JSON line (snake_case, the stored form whose hash is
    /// `entry.hash`): what to put in your database.
    [ts_args_type = "seq: number"]
    fn entry_json(seq: u32) -> String {
        let entry = l.entries().get(seq as usize);
        entry
            .map(Entry::to_json)
            .ok_or_else(|| okrkit::Error::InvalidArgument {
                code: okrkit::ProblemCode::InvalidValue,
                message: format!("no entry at seq {seq}"),
                path: "seq".into(),
            })?
    }

    /// The ledger as JSON Lines (one entry per line).
    []
    fn to_jsonl() -> String {
        l.to_jsonl()
    }
}}

functions! { env {
    /// The Ed25519 public key (64 hex digits) of a 32-byte secret key, to enrol
    /// with an `enroll_key` action or in the import's `roles.keys`.
    [ts_args_type = "secretKey: Uint8Array"]
    fn public_key_hex(secretKey: Uint8Array) -> String {
        okrkit::ledger::public_key_hex(&*secret_key_bytes(&secretKey)?)
    }
}}

/// A 32-byte Ed25519 secret key, or `invalid_value` at `secretKey` (copied
/// into a buffer wiped when dropped; the caller's array is left as it is).
fn secret_key_bytes(k: &[u8]) -> std::result::Result<SecretKey, okrkit::Error> {
    SecretKey::new(k, "secretKey")
}
