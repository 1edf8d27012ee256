//! The renegotiation ledger (R4, R8): append-only, hash-chained.

use crate::convert::{
    Dates, arg, count_arg, decode, from_js, instant, moment, optional_instant, to_js,
};
use crate::error::OrThrow;
use crate::memory::{Held, Native};
use crate::org::{Org, read_document};
use crate::tasks::HandleTask;
use napi::ValueType;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::ledger::{Action, Actor, AgreedSet, Entry, Ledger as CoreLedger, Roles};
use serde_json::Value;

fn actor(env: &Env, value: Unknown) -> Result<Actor> {
    let v = from_js(value, "actor").or_throw(env)?;
    decode(v, "actor").or_throw(env)
}

fn entry_of(value: Unknown, i: usize) -> std::result::Result<Entry, okrkit::Error> {
    let path = format!("entries[{i}]");
    if let Some(bytes) = text_bytes(value)? {
        return entry_of_text(&bytes, &path);
    }
    decode(from_js(value, &path)?, &path)
}

/// An entry from its JSON line, or from the library's own camelCase output
/// (`JSON.stringify(entry)`).
fn entry_of_text(bytes: &[u8], path: &str) -> std::result::Result<Entry, okrkit::Error> {
    crate::convert::from_text(
        bytes,
        path,
        |b| match std::str::from_utf8(b) {
            Ok(t) => Entry::from_json(t),
            Err(e) => Err(crate::convert::parse_problem(
                path.to_owned(),
                format!("not UTF-8: {e}"),
            )),
        },
        |v| decode(v, path),
    )
}

/// The bytes of a string or a `Buffer`; `None` for any other value.
fn text_bytes(value: Unknown) -> std::result::Result<Option<Vec<u8>>, okrkit::Error> {
    let err = |e: napi::Error| crate::convert::parse_problem("", e.reason.clone());
    if value.is_buffer().map_err(err)? {
        return Ok(Some(
            BufferSlice::from_unknown(value).map_err(err)?.to_vec(),
        ));
    }
    if value.get_type().map_err(err)? == ValueType::String {
        return Ok(Some(String::from_unknown(value).map_err(err)?.into_bytes()));
    }
    Ok(None)
}

/// Entries from an array (entry objects or JSON lines), or the JSON text (or
/// `Buffer`) of such an array: `JSON.stringify(ledger.entries())`.
fn entries_of(value: Unknown) -> std::result::Result<Vec<Entry>, okrkit::Error> {
    if let Some(bytes) = text_bytes(value)? {
        let direct = |b: &[u8]| -> std::result::Result<Vec<Entry>, okrkit::Error> {
            let v: Value = serde_json::from_slice(b).map_err(|e| okrkit::Error::Parse {
                path: String::new(),
                message: e.to_string(),
                position: okrkit::Position::at(e.line(), e.column()),
            })?;
            decode(v, "entries")
        };
        return crate::convert::from_text(&bytes, "entries", direct, |v| decode(v, "entries"));
    }
    if !value.is_array().unwrap_or(false) {
        return Err(crate::convert::parse_problem(
            "entries",
            "expected an array of entries, or its JSON text",
        ));
    }
    let arr = Array::from_unknown(value)
        .map_err(|e| crate::convert::parse_problem("entries", e.reason.clone()))?;
    (0..arr.len())
        .map(|i| {
            let item: Unknown = arr.get_element(i).map_err(|e| {
                crate::convert::parse_problem(format!("entries[{i}]"), e.reason.clone())
            })?;
            entry_of(item, i as usize)
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

impl Ledger {
    /// A handle built off the JS thread: its memory is estimated here and
    /// reported when it reaches JS ([`Native::attach`]).
    fn detached(ledger: CoreLedger) -> Ledger {
        let bytes = crate::memory::bytes(okrkit::heap::entries_bytes(ledger.entries()));
        Ledger {
            held: Held::new("Ledger", ledger, bytes),
        }
    }

    /// A handle built on the JS thread, its memory reported.
    fn of(env: &Env, ledger: CoreLedger) -> Ledger {
        let mut l = Ledger::detached(ledger);
        l.attach(env);
        l
    }

    /// The core ledger, or `invalid_state` once freed.
    pub(crate) fn core(&self, env: &Env) -> Result<&CoreLedger> {
        self.held.get(env)
    }

    fn core_mut(&mut self, env: &Env) -> Result<&mut CoreLedger> {
        self.held.get_mut(env)
    }

    /// Reports an appended entry's memory and returns it as a JS object.
    fn appended<'e>(&mut self, env: &'e Env) -> Result<Unknown<'e>> {
        let core = self.core(env)?;
        let Some(entry) = core.entries().last() else {
            return to_js(env, &Value::Null, Dates::Revive);
        };
        let bytes = crate::memory::bytes(okrkit::heap::entries_bytes([entry]));
        let out = to_js(env, entry, Dates::Revive)?;
        self.held.report(env, bytes);
        Ok(out)
    }

    fn push<'e>(
        &mut self,
        env: &'e Env,
        at: Unknown,
        who: Actor,
        action: Action,
    ) -> Result<Unknown<'e>> {
        let at = instant(at, "at").or_throw(env)?;
        self.core_mut(env)?.append(at, who, action).or_throw(env)?;
        self.appended(env)
    }

    /// Appends with the host's "now" (else the system clock) and, when given,
    /// the actor's 32-byte Ed25519 secret key.
    fn push_as_of<'e>(
        &mut self,
        env: &'e Env,
        at: Unknown,
        who: Actor,
        action: Action,
        now: Option<Unknown>,
        secret_key: Option<&[u8]>,
    ) -> Result<Unknown<'e>> {
        let at = instant(at, "at").or_throw(env)?;
        let now = optional_instant(now, "now")
            .or_throw(env)?
            .unwrap_or_else(chrono::Utc::now);
        match secret_key {
            None => self.core_mut(env)?.append_as_of(now, at, who, action),
            Some(k) => {
                let key = secret_key_bytes(k).or_throw(env)?;
                self.core_mut(env)?
                    .append_signed(now, at, who, action, &key)
            }
        }
        .or_throw(env)?;
        self.appended(env)
    }
}

crate::memory::held_handle!(Ledger);

#[napi]
impl Ledger {
    /// An empty ledger; its first entry must import a document (`importDocument`).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env) -> Self {
        Ledger::of(&env, CoreLedger::new())
    }

    /// Reads a JSON Lines ledger, verifying the hash chain and the rules as
    /// it goes (`code: 'tampered'` names the first bad entry in `err.index`).
    #[napi(factory, catch_unwind, ts_args_type = "text: string")]
    pub fn from_jsonl(env: Env, text: Unknown) -> Result<Ledger> {
        let text: String = arg(text, "text").or_throw(&env)?;
        let inner = CoreLedger::from_jsonl(text.as_bytes()).or_throw(&env)?;
        Ok(Ledger::of(&env, inner))
    }

    /// `fromJsonl` off the JS thread.
    #[napi(
        catch_unwind,
        ts_args_type = "text: string",
        ts_return_type = "Promise<Ledger>"
    )]
    pub fn from_jsonl_async(text: Unknown) -> AsyncTask<HandleTask<Ledger>> {
        let text = arg::<String>(text, "text");
        HandleTask::new(move || Ok(Ledger::detached(CoreLedger::from_jsonl(text?.as_bytes())?)))
    }

    /// Rebuilds a ledger from stored entries, in `seq` order: entry objects (as
    /// `append` returns them) or their JSON lines. Verifies the chain.
    #[napi(
        factory,
        catch_unwind,
        ts_args_type = "entries: Array<Input<LedgerEntry> | string | Buffer> | string | Buffer"
    )]
    pub fn from_entries(env: Env, entries: Unknown) -> Result<Ledger> {
        let entries = entries_of(entries).or_throw(&env)?;
        let inner = CoreLedger::from_entries(entries).or_throw(&env)?;
        Ok(Ledger::of(&env, inner))
    }

    /// Number of entries.
    #[napi(getter, catch_unwind)]
    pub fn length(&self, env: &Env) -> Result<u32> {
        Ok(self.core(env)?.len() as u32)
    }

    /// The last entry's hash (64 zeros when empty). Keep it outside the ledger
    /// and check it with `verifyHead`.
    #[napi(getter, catch_unwind)]
    pub fn head(&self, env: &Env) -> Result<String> {
        Ok(self.core(env)?.head().to_owned())
    }

    /// Applies any action and records it; returns the new entry. `at` is a
    /// `Date` or an ISO 8601 string, never earlier than the last entry.
    #[napi(
        catch_unwind,
        ts_args_type = "at: Date | string, actor: Actor, action: LedgerActionInput, now?: Date | string",
        ts_return_type = "LedgerEntry"
    )]
    pub fn append<'e>(
        &mut self,
        env: &'e Env,
        at: Unknown,
        actor_: Unknown,
        action: Unknown,
        now: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let who = actor(env, actor_)?;
        let v = from_js(action, "action").or_throw(env)?;
        let action: Action = decode(v, "action").or_throw(env)?;
        self.push_as_of(env, at, who, action, now, None)
    }

    /// Appends an entry signed with the actor's 32-byte Ed25519 secret key
    /// (signed ledgers: the key must be the one enrolled for the actor, else
    /// `code: 'bad_signature'`). The key is used, never stored.
    #[napi(
        catch_unwind,
        ts_args_type = "at: Date | string, actor: Actor, action: LedgerActionInput, secretKey: Uint8Array, now?: Date | string",
        ts_return_type = "LedgerEntry"
    )]
    pub fn append_signed<'e>(
        &mut self,
        env: &'e Env,
        at: Unknown,
        actor_: Unknown,
        action: Unknown,
        secret_key: Unknown,
        now: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let secret_key: Uint8Array = arg(secret_key, "secretKey").or_throw(env)?;
        let who = actor(env, actor_)?;
        let v = from_js(action, "action").or_throw(env)?;
        let action: Action = decode(v, "action").or_throw(env)?;
        self.push_as_of(env, at, who, action, now, Some(&secret_key))
    }

    /// Whether every entry must carry its actor's signature.
    #[napi(getter)]
    pub fn is_signed(&self, env: &Env) -> Result<bool> {
        Ok(self.core(env)?.is_signed())
    }

    /// The organisation admins as of the last entry.
    #[napi]
    pub fn admins(&self, env: &Env) -> Result<Vec<String>> {
        Ok(self
            .core(env)?
            .admins()
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// The members of a team as of the last entry.
    #[napi(ts_args_type = "team: string")]
    pub fn members(&self, env: &Env, team: Unknown) -> Result<Vec<String>> {
        let team: String = arg(team, "team").or_throw(env)?;
        Ok(self
            .core(env)?
            .members(&team)
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// How far ahead of "now" an entry may be dated, in seconds (default 300).
    #[napi(ts_args_type = "seconds: number")]
    pub fn set_max_skew_seconds(&mut self, env: &Env, seconds: Unknown) -> Result<()> {
        let seconds: i64 = count_arg(seconds, "seconds").or_throw(env)?;
        self.core_mut(env)?
            .set_max_skew(chrono::Duration::seconds(seconds.min(1 << 40)));
        Ok(())
    }

    /// The first entry: the base document; the sets listed in `agreed` are
    /// already agreed.
    #[napi(
        catch_unwind,
        ts_args_type = "at: Date | string, actor: Actor, document: OkrDocumentInput | string | Buffer, agreed?: AgreedSet[], roles?: Roles",
        ts_return_type = "LedgerEntry"
    )]
    pub fn import_document<'e>(
        &mut self,
        env: &'e Env,
        at: Unknown,
        actor_: Unknown,
        document: Unknown,
        agreed: Option<Unknown>,
        roles: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let who = actor(env, actor_)?;
        let doc = read_document(document).or_throw(env)?;
        let agreed: Vec<AgreedSet> =
            match crate::convert::optional(agreed, "agreed").or_throw(env)? {
                None => Vec::new(),
                Some(v) => decode(v, "agreed").or_throw(env)?,
            };
        let roles: Roles = match crate::convert::optional(roles, "roles").or_throw(env)? {
            None => Roles::default(),
            Some(v) => decode(v, "roles").or_throw(env)?,
        };
        self.push(
            env,
            at,
            who,
            Action::Import {
                document: Box::new(doc),
                agreed,
                roles,
            },
        )
    }

    /// Verifies the whole ledger again from its first entry.
    #[napi(catch_unwind, ts_return_type = "Verified")]
    pub fn verify<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        let v = self.core(env)?.verify().or_throw(env)?;
        to_js(env, &v, Dates::Strings)
    }

    /// Throws `tampered` unless the ledger ends at `head` (kept elsewhere):
    /// catches entries cut from the end or a rebuilt chain.
    #[napi(catch_unwind, ts_args_type = "head: string")]
    pub fn verify_head(&self, env: Env, head: Unknown) -> Result<()> {
        let head: String = arg(head, "head").or_throw(&env)?;
        self.core(&env)?.verify_head(&head).or_throw(&env)
    }

    /// The document as of a moment (every entry at or before `at`), or now. A
    /// `'YYYY-MM-DD'` date is the whole day (UTC), as in progress.
    #[napi(
        catch_unwind,
        ts_args_type = "at?: Date | string",
        ts_return_type = "OkrDocument"
    )]
    pub fn replay<'e>(&self, env: &'e Env, at: Option<Unknown>) -> Result<Unknown<'e>> {
        let at = match at {
            Some(v) if !matches!(v.get_type(), Ok(ValueType::Undefined | ValueType::Null)) => {
                Some(moment(v, "at").or_throw(env)?)
            }
            _ => None,
        };
        let doc = self.core(env)?.replay(at).or_throw(env)?;
        to_js(env, &doc, Dates::Revive)
    }

    /// The whole ledger as of a moment: its entries at or before `at` (a date:
    /// the whole day).
    #[napi(catch_unwind, ts_args_type = "at: Date | string")]
    pub fn as_of(&self, env: Env, at: Unknown) -> Result<Ledger> {
        let at = moment(at, "at").or_throw(&env)?;
        let inner = self.core(&env)?.as_of(at).or_throw(&env)?;
        Ok(Ledger::of(&env, inner))
    }

    /// The current document, validated, as an `Org` for progress and scoring.
    #[napi(catch_unwind)]
    pub fn org(&self, env: Env) -> Result<Org> {
        let org = self.core(&env)?.org().or_throw(&env)?;
        Ok(Org::of(&env, org))
    }

    /// Every version a key result had: target, baseline, wording, weight, who
    /// proposed and who accepted each, when and why.
    #[napi(
        catch_unwind,
        ts_args_type = "keyResult: string",
        ts_return_type = "KeyResultVersion[]"
    )]
    pub fn history<'e>(&self, env: &'e Env, key_result: Unknown) -> Result<Unknown<'e>> {
        let key_result: String = arg(key_result, "keyResult").or_throw(env)?;
        let h = self.core(env)?.history(&key_result).or_throw(env)?;
        to_js(env, &h, Dates::Revive)
    }

    /// The entries, oldest first.
    #[napi(catch_unwind, ts_return_type = "LedgerEntry[]")]
    pub fn entries<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.entries(), Dates::Revive)
    }

    /// One entry as its JSON line (snake_case, the stored form whose hash is
    /// `entry.hash`): what to put in your database.
    #[napi(catch_unwind, ts_args_type = "seq: number")]
    pub fn entry_json(&self, env: Env, seq: Unknown) -> Result<String> {
        let seq: u32 = count_arg(seq, "seq").or_throw(&env)?;
        self.core(&env)?
            .entries()
            .get(seq as usize)
            .map(Entry::to_json)
            .ok_or_else(|| okrkit::Error::InvalidArgument {
                code: okrkit::ProblemCode::InvalidValue,
                message: format!("no entry at seq {seq}"),
                path: "seq".into(),
            })
            .or_throw(&env)
    }

    /// The ledger as JSON Lines (one entry per line).
    #[napi(catch_unwind)]
    pub fn to_jsonl(&self, env: &Env) -> Result<String> {
        Ok(self.core(env)?.to_jsonl())
    }

    /// The current document.
    #[napi(catch_unwind, ts_return_type = "OkrDocument")]
    pub fn document<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.document(), Dates::Revive)
    }

    /// Lints the current document and the ledger's flow: key results
    /// renegotiated too often (R4), dependencies left waiting (R7). Options
    /// are the core's lint options whole (`maxRenegotiationsPerCycle`,
    /// `dependencyAnswerDays`, …).
    #[napi(
        catch_unwind,
        ts_args_type = "options?: LintOptions",
        ts_return_type = "LintReport"
    )]
    pub fn lint<'e>(&self, env: &'e Env, options: Option<Unknown>) -> Result<Unknown<'e>> {
        let config: okrkit::lint::LintOptions =
            crate::org::read_options(options, "options").or_throw(env)?;
        to_js(env, &self.core(env)?.lint(&config), Dates::Strings)
    }

    /// Program health of a cycle (R10) with the ledger's renegotiation and
    /// dependency flow (R4, R7).
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string, options?: HealthOptions",
        ts_return_type = "HealthReport"
    )]
    pub fn health<'e>(
        &self,
        env: &'e Env,
        cycle: Unknown,
        options: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        let opts: okrkit::health::HealthOptions =
            crate::org::read_options(options, "options").or_throw(env)?;
        let report = self.core(env)?.health(&cycle, &opts).or_throw(env)?;
        to_js(env, &report, Dates::Strings)
    }

    /// The retrospectives recorded (seed 003's questions), oldest first.
    #[napi(catch_unwind, ts_return_type = "Retrospective[]")]
    pub fn retrospectives<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.retrospectives(), Dates::Revive)
    }

    /// Every renegotiation proposal, oldest first.
    #[napi(catch_unwind, ts_return_type = "Proposal[]")]
    pub fn proposals<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.proposals(), Dates::Revive)
    }

    /// The proposals waiting for an answer.
    #[napi(catch_unwind, ts_return_type = "Proposal[]")]
    pub fn open_proposals<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.core(env)?.open_proposals(), Dates::Revive)
    }

    /// One proposal by id, or `null`.
    #[napi(
        catch_unwind,
        ts_args_type = "id: string",
        ts_return_type = "Proposal | null"
    )]
    pub fn proposal<'e>(&self, env: &'e Env, id: Unknown) -> Result<Unknown<'e>> {
        let id: String = arg(id, "id").or_throw(env)?;
        to_js(env, &self.core(env)?.proposal(&id), Dates::Revive)
    }

    /// Every dependency between teams (R7), oldest first.
    #[napi(catch_unwind, ts_return_type = "Dependency[]")]
    pub fn dependencies<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.dependencies(), Dates::Revive)
    }

    /// Dependencies waiting, as of `asOf`, for an answer or a decision.
    #[napi(
        catch_unwind,
        ts_args_type = "asOf: Date | string",
        ts_return_type = "WaitingDependency[]"
    )]
    pub fn waiting_dependencies<'e>(&self, env: &'e Env, as_of: Unknown) -> Result<Unknown<'e>> {
        let at = moment(as_of, "asOf").or_throw(env)?;
        to_js(
            env,
            &self.core(env)?.waiting_dependencies(at),
            Dates::Revive,
        )
    }

    /// Every OKR set proposed or imported as agreed.
    #[napi(catch_unwind, ts_return_type = "OkrSetState[]")]
    pub fn sets<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.core(env)?.sets(), Dates::Revive)
    }

    /// The status of one OKR set (`'draft'` if never proposed).
    #[napi(
        catch_unwind,
        ts_args_type = "team: string, cycle: string",
        ts_return_type = "SetStatus"
    )]
    pub fn set_status<'e>(
        &self,
        env: &'e Env,
        team: Unknown,
        cycle: Unknown,
    ) -> Result<Unknown<'e>> {
        let team: String = arg(team, "team").or_throw(env)?;
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        to_js(
            env,
            &self.core(env)?.set_status(&team, &cycle),
            Dates::Strings,
        )
    }

    /// Feedback between the sides of OKR sets, oldest first.
    #[napi(catch_unwind, ts_return_type = "FeedbackNote[]")]
    pub fn feedback<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.feedback(), Dates::Revive)
    }

    /// Requests for changes made in review, oldest first.
    #[napi(catch_unwind, ts_return_type = "Review[]")]
    pub fn reviews<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.core(env)?.reviews(), Dates::Revive)
    }

    /// Accepted renegotiations per key result in a cycle.
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string",
        ts_return_type = "KeyResultRenegotiations[]"
    )]
    pub fn renegotiation_counts<'e>(&self, env: &'e Env, cycle: Unknown) -> Result<Unknown<'e>> {
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        to_js(
            env,
            &self.core(env)?.renegotiation_counts(&cycle),
            Dates::Revive,
        )
    }
}

/// The Ed25519 public key (64 hex digits) of a 32-byte secret key, to enrol
/// with an `enroll_key` action or in the import's `roles.keys`.
#[napi(catch_unwind, ts_args_type = "secretKey: Uint8Array")]
pub fn public_key_hex(env: Env, secret_key: Unknown) -> Result<String> {
    let secret_key: Uint8Array = arg(secret_key, "secretKey").or_throw(&env)?;
    let key = secret_key_bytes(&secret_key).or_throw(&env)?;
    Ok(okrkit::ledger::public_key_hex(&key))
}

/// A 32-byte Ed25519 secret key, or `invalid_value` at `secretKey`.
fn secret_key_bytes(k: &[u8]) -> std::result::Result<[u8; 32], okrkit::Error> {
    k.try_into().map_err(|_| okrkit::Error::InvalidArgument {
        code: okrkit::ProblemCode::InvalidValue,
        message: "an Ed25519 secret key is 32 bytes".into(),
        path: "secretKey".into(),
    })
}
