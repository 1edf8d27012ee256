//! The renegotiation ledger (R4, R8): an append-only, hash-chained log of who
//! changed what, when, why and with whose agreement.
//!
//! Seed 000: accountability is "a cycle of agreement, negotiation, and
//! feedback" — not holding a target at all costs. The ledger records that
//! cycle and lets a product prove nobody rewrote it.
//!
//! # How it works
//!
//! * A ledger starts with an [`Action::Import`] of a base document (teams,
//!   people, cycles, possibly drafted objectives). Its objectives are drafts
//!   unless their set is listed as already agreed.
//! * Each later entry is an [`Action`] by an [`Actor`] (a person on behalf of a
//!   team they are a member of — the host product says who; okrkit is not an
//!   authentication system, but see signed mode below).
//! * **Roles**: membership and the organisation admin role are recorded in
//!   the ledger ([`Roles`] in the import, then [`Action::AddMember`],
//!   [`Action::GrantAdmin`], …). Adding people, teams, cycles and members is
//!   an admin action; everything else is done by a member of the team named
//!   in the actor, checked as of that entry. The module [`signing`] and
//!   SECURITY.md have the who-may-do-what table. [`Ledger::append`] applies the rules and either records the
//!   entry or refuses it with [`Error::Refused`] and
//!   leaves the ledger exactly as it was.
//! * **Governance (R8, seed 003)**: an OKR set — a team's objectives in a
//!   cycle — is drafted freely, proposed for agreement to an approver (the
//!   parent team, or the team an admin assigned — never the owning team, a
//!   team below it or a team the proposer belongs to), sent back with the seed 003 questions
//!   that prompted it ([`ReviewQuestion`]) or agreed. Feedback runs both ways
//!   between the owning team and the approver.
//! * **Renegotiation (R4)**: once agreed, a set changes only through a
//!   [`Change`] proposed by one side and accepted by the other side — never by
//!   the proposing person, never by a third team. Decline, counter (the other
//!   side's proposal supersedes) and withdraw change nothing. Drafting into an
//!   agreed set is refused with `agreed_commitment`.
//! * Check-ins by the owning team, initiatives started / swapped / killed
//!   (R3, never touching the OKR) and dependencies between teams (R7, seed
//!   003: requested, accepted or declined, a decline escalated to the lowest
//!   team above both, which decides) are entries too.
//! * Any change that would make the document invalid is refused
//!   (`invalid_change`), with the path of the first problem.
//!
//! # Tamper evidence
//!
//! Every [`Entry`] holds `prev_hash`, the previous entry's hash (64 zeros for
//! the first), and `hash`, the SHA-256 of its canonical form: its JSON Lines
//! record without the final `,"hash":"…"` member (see [`canonical_bytes`] for
//! the exact rules). [`verify`] names the first entry that was edited,
//! removed, reordered or inserted. Keep [`Ledger::head`] outside the ledger as
//! well, and check it with [`Ledger::verify_head`]: that also catches entries
//! cut from the end or a chain rebuilt from scratch.
//!
//! # Storing a ledger
//!
//! * **A file**: [`Ledger::to_jsonl`] / [`Ledger::write_jsonl`] write JSON
//!   Lines; append each new entry's [`Entry::to_json`] line as it comes;
//!   [`Ledger::from_jsonl`] streams it back from any `BufRead`, verifying as it
//!   goes.
//! * **Your own database**: store what [`Ledger::append`] returns — the entry's
//!   JSON ([`Entry::to_json`]) in a text/JSONB column, or its fields in columns
//!   (`seq` as the primary key, `hash` unique). To load, read the rows ordered
//!   by `seq` and pass them to [`Ledger::from_entries`], which verifies the
//!   chain and replays the rules. Never update or delete a row.
//!
//! The bindings ask their read-only queries as data ([`LedgerQuery`],
//! answered by [`Ledger::query`]; module [`query`]), so their query methods
//! are generated from one description.
//!
//! ```
//! use okrkit::ledger::{Action, Actor, Change, Ledger, Membership, Roles};
//! use okrkit::Document;
//!
//! let doc = Document::from_json(r#"{
//!   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
//!   "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "cy", "name": "Cy"}],
//!   "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
//!     "key_results": [{"id": "kr1", "title": "Checkout conversion > 65%",
//!       "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]
//! }"#)?;
//! let ana = Actor::new("ana", "web"); // owning team
//! let bo = Actor::new("bo", "shop"); // approver (web's parent)
//! let t = |s: &str| s.parse().unwrap();
//!
//! // Cy (an admin) imports the base document with who belongs to which team.
//! let roles = Roles {
//!     members: vec![Membership::new("web", "ana"), Membership::new("shop", "bo")],
//!     ..Roles::default()
//! };
//! let mut ledger = Ledger::new();
//! ledger.append(t("2026-01-02T09:00:00Z"), Actor::new("cy", "shop"), Action::import_with_roles(doc, roles))?;
//! ledger.append(t("2026-01-03T09:00:00Z"), ana.clone(),
//!     Action::ProposeSet { team: "web".into(), cycle: "q1".into(), approver: None })?;
//! ledger.append(t("2026-01-04T09:00:00Z"), bo.clone(), Action::Agree { team: "web".into(), cycle: "q1".into() })?;
//!
//! // Agreed: the target changes only by renegotiation (R4).
//! let p = ledger.append(t("2026-02-01T09:00:00Z"), ana.clone(), Action::ProposeChange {
//!     change: Change::Target { key_result: "kr1".into(), target: 60.0 },
//!     reason: "the payment provider migration slipped".into(),
//! })?.id.clone();
//! // Ana cannot accept her own proposal; the ledger is unchanged.
//! let before = ledger.to_jsonl();
//! let err = ledger.append(t("2026-02-01T10:00:00Z"), ana.clone(), Action::Accept { proposal: p.clone() });
//! assert_eq!(err.unwrap_err().code(), "not_allowed");
//! assert_eq!(ledger.to_jsonl(), before);
//! // Nor can she add a look-alike "Bo" and accept as him: adding people is for admins.
//! let err = ledger.append(t("2026-02-01T11:00:00Z"), ana.clone(),
//!     Action::AddPerson { person: okrkit::Person { id: "Bo".into(), name: "Bo".into() } });
//! assert_eq!(err.unwrap_err().code(), "not_allowed");
//! ledger.append(t("2026-02-02T09:00:00Z"), bo.clone(), Action::Accept { proposal: p })?;
//!
//! let history = ledger.history("kr1")?;
//! assert_eq!(history.last().unwrap().reason.as_deref(), Some("the payment provider migration slipped"));
//! // The state as of January still has the agreed target.
//! let january = ledger.replay(Some(t("2026-01-31T00:00:00Z")))?;
//! assert!(matches!(january.objectives[0].key_results[0].measure,
//!     okrkit::Measure::Metric { target, .. } if target == 65.0));
//! // Round trip through JSON Lines, verified on the way in.
//! let back = Ledger::from_jsonl(ledger.to_jsonl().as_bytes())?;
//! assert_eq!(back.head(), ledger.head());
//! # Ok::<(), okrkit::Error>(())
//! ```

mod action;
#[cfg(test)]
mod actor_tests;
mod admin_keys;
#[cfg(test)]
mod appended_tests;
mod canonical;
#[cfg(test)]
mod certify_tests;
mod check_in;
pub mod checkpoint;
#[cfg(test)]
mod context_tests;
mod dependency;
mod entry;
mod entry_hash;
mod fast_parse;
mod governance;
mod hash;
mod history;
mod import_line;
mod initiative;
#[cfg(test)]
mod interrupted_tests;
mod jsonl;
mod lint_data;
pub mod merkle;
mod moment;
pub mod note;
pub mod proof_text;
pub mod query;
mod renegotiation;
mod retrospective;
mod roles;
pub mod signing;
mod state;
#[cfg(any(test, feature = "test-hooks"))]
pub mod test_hooks;
mod texts;
mod verify;
mod view;

pub use action::{Action, AgreedSet, Change, ReviewQuestion};
pub use checkpoint::{
    Checkpoint, CheckpointVerified, ConsistencyProof, InclusionProof, Prover, check_consistency,
    first_difference,
};
pub use dependency::{Dependency, DependencyStatus, WaitingDependency, WaitingFor};
pub use entry::{Actor, Entry, EntryId, GENESIS_PREV_HASH};
pub use entry_hash::EntryHash;
pub use governance::{FeedbackNote, OkrSetState, Review, SetStatus, Side};
pub use hash::{canonical_bytes, entry_hash, signing_bytes};
pub use history::{KeyResultEvent, KeyResultVersion};
pub use jsonl::jsonl_line;
pub use lint_data::KeyResultRenegotiations;
pub use moment::{end_of_day, parse_instant, parse_moment};
pub use query::{LedgerQuery, Moment, QueryAnswer};
pub use renegotiation::{Proposal, ProposalStatus};
pub use retrospective::{Retrospective, RetrospectiveAnswers};
pub use roles::{EnrolledKey, Membership, Roles};
pub use signing::public_key_hex;
pub use verify::{Verified, verify};
pub use view::{LedgerView, ViewAnswer};

use crate::error::{Error, ProblemCode, RefusalCode, Result};
use crate::ids::{CycleId, IdArg, KeyResultId, TeamId};
use crate::model::Document;
use crate::org::Org;
use chrono::{DateTime, Utc};
use hash::Hasher;
use state::State;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use verify::Verifier;

/// An append-only, hash-chained log of OKR decisions and the state it adds
/// up to. See the [module documentation](self) for the rules and an example.
#[derive(Debug, Clone)]
pub struct Ledger {
    entries: Vec<Entry>,
    state: State,
    hasher: Hasher,
    max_skew: chrono::Duration,
    /// Set while an entry is being applied to `state` and pushed: still set
    /// afterwards only when that was cut short by a panic, which may have
    /// left `state` changed with no entry for the change
    /// ([`Ledger::recover`]).
    interrupted: bool,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            entries: Vec::new(),
            state: State::default(),
            hasher: Hasher::default(),
            max_skew: DEFAULT_MAX_SKEW,
            interrupted: false,
        }
    }
}

/// The digits of a second an entry's time keeps: 6, microseconds (what most
/// databases store). [`Ledger::append`] truncates `at` to it; an entry read
/// back (JSON Lines, [`Ledger::from_entries`]) with a finer time, or at a
/// leap second, breaks the rules (`bad_time` at `at`, reported as
/// `tampered` on load), and so does a leap second given to `append`.
pub const TIME_PRECISION_DIGITS: u16 = 6;

/// A typical length of a JSON Lines record, in bytes, to size the entries of
/// a ledger read from a byte slice (a check-in with its two hashes is about
/// 330 bytes; a shorter estimate only reserves room that is given back).
const TYPICAL_RECORD_BYTES: usize = 256;
/// The most entries [`Ledger::from_jsonl`] reserves room for before reading.
const MAX_RESERVED_ENTRIES: usize = 1 << 20;

/// How far ahead of the host's "now" an entry may be dated by default (5 minutes).
pub const DEFAULT_MAX_SKEW: chrono::Duration = chrono::Duration::minutes(5);

impl Ledger {
    /// An empty ledger; its first entry must be an [`Action::Import`].
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Applies an action and records it, returning the new entry (store it:
    /// see "Storing a ledger" in the module docs). "Now" is the system
    /// clock; a host with its own clock uses [`Ledger::append_as_of`].
    ///
    /// A refused action is [`Error::Refused`] with a stable
    /// [`RefusalCode`] and leaves the ledger byte for byte
    /// unchanged. `at` must not be earlier than the last entry's time
    /// (`out_of_order`), nor more than the allowed skew ahead of now, nor
    /// outside the years 0000–9999, nor a leap second (`bad_time`). In a signed ledger an
    /// unsigned entry is refused (`bad_signature`): use [`Ledger::append_signed`].
    ///
    /// **Precision**: an entry's time is kept to the microsecond — `at` is
    /// truncated (never rounded) at append and the truncated time is what is
    /// hashed and returned — so an entry stored in a microsecond column
    /// (PostgreSQL `timestamptz`, MySQL `DATETIME(6)`, SQLite text) reads
    /// back with the same hash. See [`TIME_PRECISION_DIGITS`].
    ///
    /// **Texts**: every text of the action (notes, titles, reasons, answers,
    /// feedback…) passes the document's own checks — no control character
    /// but tab, newline and carriage return, no more than
    /// [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES) — or the entry is
    /// refused (`invalid_change`, with the path of the text), so an accepted
    /// entry never makes [`Ledger::org`] fail.
    ///
    /// **Closed cycles**: a proposal, counter-proposal or acceptance of a
    /// change to an objective or key result of a cycle whose last day (UTC)
    /// ended before `at` is refused (`invalid_change` at `at`), and so is
    /// one of an objective whose retrospective is recorded: what a
    /// retrospective scores is the commitment in force at the close.
    pub fn append(&mut self, at: DateTime<Utc>, actor: Actor, action: Action) -> Result<&Entry> {
        self.append_as_of(Utc::now(), at, actor, action)
    }

    /// Appends at the current time, taken now — under whatever lock guards
    /// this `&mut` — and never earlier than the last entry (a wall clock that
    /// went backwards gives the last entry's time), so concurrent callers that
    /// serialise on one lock are never refused as `out_of_order`.
    ///
    /// ```
    /// use okrkit::ledger::{Action, Actor, Ledger, Roles};
    /// let doc = okrkit::Document::from_json(r#"{"cycles": [], "objectives": [], "people": [{"id": "cy", "name": "Cy"}],
    ///   "teams": [{"id": "web", "name": "Web"}]}"#)?;
    /// let mut ledger = Ledger::new();
    /// ledger.append_now(Actor::new("cy", "web"), Action::import_with_roles(doc, Roles::default()))?;
    /// // Kept at the ledger's precision (microseconds).
    /// assert_eq!(ledger.entries()[0].at.timestamp_subsec_nanos() % 1_000, 0);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn append_now(&mut self, actor: Actor, action: Action) -> Result<&Entry> {
        let (now, at) = self.now_and_at();
        self.append_as_of(now, at, actor, action)
    }

    /// [`Ledger::append_now`] for a signed ledger, signed as
    /// [`Ledger::append_signed`] signs (the time is taken before signing:
    /// the signature covers it).
    pub fn append_now_signed(
        &mut self,
        actor: Actor,
        action: Action,
        secret_key: &[u8; 32],
    ) -> Result<&Entry> {
        let (now, at) = self.now_and_at();
        self.append_signed(now, at, actor, action, secret_key)
    }

    /// The host's "now" and the time [`Ledger::append_now`] gives an entry.
    fn now_and_at(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        use chrono::SubsecRound;
        let now = Utc::now();
        let mut at = now.trunc_subsecs(TIME_PRECISION_DIGITS);
        if let Some(last) = self.entries().last().map(|e| e.at)
            && at < last
        {
            // Not before the last entry, at the precision entries are kept
            // (an entry from before that precision may hold nanoseconds).
            let floor = last.trunc_subsecs(TIME_PRECISION_DIGITS);
            at = if floor < last {
                floor + chrono::TimeDelta::microseconds(1)
            } else {
                floor
            };
        }
        (now.max(at), at)
    }

    /// [`Ledger::append`] with the host's "now": an entry dated more than
    /// [`Ledger::max_skew`] after `now` is refused (`bad_time`), so one
    /// entry dated 9999-12-31 cannot freeze the ledger.
    pub fn append_as_of(
        &mut self,
        now: DateTime<Utc>,
        at: DateTime<Utc>,
        actor: Actor,
        action: Action,
    ) -> Result<&Entry> {
        self.push(now, at, actor, action, None)
    }

    /// [`Ledger::append_as_of`] for a signed ledger: signs the entry's
    /// canonical bytes with the actor's 32-byte Ed25519 secret key. The
    /// signature must verify against the key enrolled for the actor
    /// (`bad_signature` otherwise). The key is used, never stored.
    pub fn append_signed(
        &mut self,
        now: DateTime<Utc>,
        at: DateTime<Utc>,
        actor: Actor,
        action: Action,
        secret_key: &[u8; 32],
    ) -> Result<&Entry> {
        self.push(now, at, actor, action, Some(secret_key))
    }

    /// How far ahead of "now" an entry may be dated ([`DEFAULT_MAX_SKEW`] unless set).
    pub fn max_skew(&self) -> chrono::Duration {
        self.max_skew
    }

    /// Sets how far ahead of "now" an entry may be dated (negative counts as 0).
    pub fn set_max_skew(&mut self, skew: chrono::Duration) {
        self.max_skew = skew.max(chrono::Duration::zero());
    }

    /// Whether every entry must carry its actor's signature.
    pub fn is_signed(&self) -> bool {
        self.state.signed
    }

    /// The organisation admins, as of the last entry.
    pub fn admins(&self) -> Vec<&str> {
        self.state.admins.iter().map(|p| p.as_str()).collect()
    }

    /// The members of a team, as of the last entry (sorted).
    pub fn members(&self, team: impl IdArg<TeamId>) -> Vec<&str> {
        let mut members: Vec<&str> = self
            .state
            .members
            .get(team.id_str())
            .map(|m| m.iter().map(|p| p.as_str()).collect())
            .unwrap_or_default();
        members.sort_unstable();
        members
    }

    fn push(
        &mut self,
        now: DateTime<Utc>,
        at: DateTime<Utc>,
        actor: Actor,
        action: Action,
        secret_key: Option<&[u8; 32]>,
    ) -> Result<&Entry> {
        use chrono::SubsecRound;
        self.recover()?;
        let at = at.trunc_subsecs(TIME_PRECISION_DIGITS);
        if let Some(last) = self.entries.last()
            && at < last.at
        {
            return Err(Error::refused(
                RefusalCode::OutOfOrder,
                "at",
                format!("{at} is earlier than the last entry ({})", last.at),
            ));
        }
        if at > now + self.max_skew {
            return Err(Error::refused(
                RefusalCode::BadTime,
                "at",
                format!(
                    "{at} is more than {} s ahead of now ({now})",
                    self.max_skew.num_seconds()
                ),
            ));
        }
        let seq = self.entries.len() as u64;
        let mut entry = Entry {
            seq,
            id: EntryId::for_seq(seq),
            at,
            actor,
            action: canonical::unsigned_zeros(action),
            prev_hash: self.head().into(),
            sig: None,
            hash: EntryHash::default(),
        };
        if let Some(key) = secret_key {
            entry.sig = Some(signing::sign(key, self.hasher.signing(&entry)));
        }
        // A refusal leaves the state as it was. A panic (a bug) between
        // applying the entry and recording it would leave the state holding
        // a change no entry records: the ledger is put back as its entries
        // say before the panic goes on to the caller.
        self.interrupted = true;
        let recorded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.state.apply_new(&entry)?;
            #[cfg(any(test, feature = "test-hooks"))]
            test_hooks::maybe_panic();
            entry.hash = self.hasher.hash(&entry).into();
            self.entries.push(entry);
            Ok(())
        }));
        match recorded {
            Ok(recorded) => {
                self.interrupted = false;
                recorded?;
            }
            Err(panic) => {
                // Should this fail too, `interrupted` stays set and the next
                // append (or `recover`) tries again.
                let _ = self.recover();
                std::panic::resume_unwind(panic);
            }
        }
        Ok(&self.entries[self.entries.len() - 1])
    }

    /// Whether the ledger's state may hold a change no entry records: only
    /// after a panic inside an append whose own recovery also failed
    /// ([`Ledger::recover`]).
    pub fn is_interrupted(&self) -> bool {
        self.interrupted
    }

    /// Puts the ledger's state back as its entries say, when a panic cut an
    /// append short; returns whether there was anything to put back.
    ///
    /// An append applies the entry to the ledger's state before it records
    /// the entry. Should a panic (a bug in okrkit) come in between, the
    /// append replays the entries into a new state before the panic reaches
    /// the caller, so a caller that catches it (every binding does) finds
    /// the ledger as it was before that call. Only if that replay fails too
    /// is the ledger left [interrupted](Ledger::is_interrupted); the next
    /// append recovers first (Python, Kotlin and Swift also recover each
    /// time they take the ledger's lock). A Rust caller reading a ledger
    /// after such a double fault calls this first.
    ///
    /// ```
    /// let mut ledger = okrkit::ledger::Ledger::new();
    /// assert!(!ledger.is_interrupted());
    /// assert!(!ledger.recover()?); // nothing to put back
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn recover(&mut self) -> Result<bool> {
        if !self.interrupted {
            return Ok(false);
        }
        #[cfg(any(test, feature = "test-hooks"))]
        test_hooks::maybe_panic();
        self.state = Verifier::replayed(&self.entries)?;
        self.interrupted = false;
        Ok(true)
    }

    /// Rebuilds a ledger from stored entries (in `seq` order), verifying the
    /// hash chain and replaying the rules; the first bad entry is named in
    /// [`Error::Tampered`].
    pub fn from_entries(entries: Vec<Entry>) -> Result<Ledger> {
        Ok(Ledger {
            state: Verifier::replayed(&entries)?,
            entries,
            ..Ledger::default()
        })
    }

    /// Reads a JSON Lines ledger from any reader, one line at a time,
    /// verifying each entry as it arrives. Each line must be exactly the
    /// record okrkit wrote (a file reformatted by another tool fails with
    /// `tampered`), so any changed byte is detected; blank lines are skipped.
    /// Entries re-encoded elsewhere (a database's JSON column) load with
    /// [`Ledger::from_entries`], which verifies what they say.
    ///
    /// A line that lies whole in the reader's buffer (every line of a byte
    /// slice) is read where it is, without a copy. A check-in line written
    /// as okrkit writes it is certified canonical member by member as it is
    /// read, and its own bytes are hashed; any other line is checked by
    /// writing the entry's canonical record and comparing it with the line.
    /// Both ways accept and refuse the same lines, with the same errors.
    ///
    /// At most [`MAX_LEDGER_BYTES`](crate::limits::MAX_LEDGER_BYTES) are
    /// read: a longer or endless input (`/dev/zero`) is `too_large`
    /// ([`Ledger::from_jsonl_limited`] sets another limit).
    pub fn from_jsonl<R: BufRead>(reader: R) -> Result<Ledger> {
        Ledger::from_jsonl_limited(reader, crate::limits::MAX_LEDGER_BYTES)
    }

    /// [`Ledger::from_jsonl`] reading at most `max_bytes` bytes; beyond
    /// that, `too_large` without reading the rest.
    ///
    /// ```
    /// let endless = std::io::BufReader::new(std::io::repeat(0));
    /// let err = okrkit::ledger::Ledger::from_jsonl_limited(endless, 1 << 20).unwrap_err();
    /// assert_eq!(err.code(), "too_large");
    /// ```
    pub fn from_jsonl_limited<R: BufRead>(reader: R, max_bytes: u64) -> Result<Ledger> {
        Ledger::read_jsonl(reader, max_bytes, true)
    }

    /// [`Ledger::from_jsonl_limited`]; without `certify`, every line is
    /// checked by writing the entry's canonical record and comparing it with
    /// the line (the reference the certified path is tested against).
    fn read_jsonl<R: BufRead>(reader: R, max_bytes: u64, certify: bool) -> Result<Ledger> {
        let mut v = Verifier::default();
        let mut entries: Vec<Entry> = Vec::new();
        // A byte slice is all in the reader's buffer: room for as many
        // entries as it could hold at a typical length, instead of a doubling
        // series of copies (what is left over is given back at the end).
        // Never more than the limit lets in, nor more than a million entries
        // up front (the Vec grows past that): a slice of blank lines, or one
        // far beyond the limit, reserves nothing it cannot fill.
        let buffered = std::cell::Cell::new(0);
        let tell = |bytes: usize| {
            let allowed = usize::try_from(max_bytes).unwrap_or(usize::MAX).min(bytes);
            buffered.set((allowed / TYPICAL_RECORD_BYTES).min(MAX_RESERVED_ENTRIES));
        };
        // The reader pushes each entry, which is then checked where it lies
        // (a refused entry is taken off again, and the error discards the
        // entries).
        jsonl::read_jsonl(
            reader,
            max_bytes,
            certify,
            &mut entries,
            tell,
            |entries, record| {
                if entries.len() == 1 {
                    // Address space only until written; if even that is refused,
                    // the entries grow as they come.
                    let _ = entries.try_reserve(buffered.get());
                }
                verify_last(&mut v, entries, record)
            },
        )?;
        if entries.capacity() > entries.len() + entries.len() / 8 {
            entries.shrink_to_fit();
        }
        Ok(Ledger {
            entries,
            state: v.state,
            ..Ledger::default()
        })
    }

    /// The ledger as JSON Lines (one entry per line, each ending with `\n`).
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            out.push_str(&e.to_json());
            out.push('\n');
        }
        out
    }

    /// Writes the ledger as JSON Lines.
    pub fn write_jsonl<W: Write>(&self, writer: W) -> Result<()> {
        jsonl::write_jsonl(&self.entries, writer)
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the ledger has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The last entry's hash ([`GENESIS_PREV_HASH`] when empty). Keep it
    /// outside the ledger to detect a cut or rebuilt chain ([`Ledger::verify_head`]).
    pub fn head(&self) -> &str {
        self.entries
            .last()
            .map_or(GENESIS_PREV_HASH, |e| e.hash.as_str())
    }

    /// Verifies the whole ledger again from its first entry ([`verify`]).
    pub fn verify(&self) -> Result<Verified> {
        verify(&self.entries)
    }

    /// Checks a head kept elsewhere against the ledger: it passes when the
    /// ledger ends at that head, or goes on after it (an honest append: the
    /// chain, verified on load, ties every later entry to it). A head the
    /// ledger does not contain — entries cut from its end, or a chain rebuilt
    /// from scratch — gives [`Error::Tampered`]. A head proves nothing against
    /// whoever can rebuild the chain; a signed checkpoint kept by someone else
    /// does ([`Ledger::verify_checkpoint`]).
    ///
    /// A head is compared as the text [`Ledger::head`] gives: 64 lower-case
    /// hex digits. Any other text — upper case, a space around it, another
    /// length — is not a head: a `parse_error` at `head`, never a tamper
    /// alarm (lower-case an upper-case copy before checking it).
    pub fn verify_head(&self, head: &str) -> Result<()> {
        entry_hash::hash_from_hex("head", head)?;
        if self.head() == head || self.entries.iter().any(|e| e.hash == head) {
            return Ok(());
        }
        let index = self.entries.len();
        Err(Error::Tampered {
            index,
            entry_id: String::new(),
            message: "the ledger does not contain the expected head: entries were cut from its end, or it was rebuilt"
                .to_owned(),
        })
    }

    /// The state of the document as of a moment (every entry at or before
    /// `at`), or now with `None`. Before the first entry: an empty document.
    /// A date means the whole day: pass [`end_of_day`] (or [`parse_moment`] of
    /// the text), as progress does with its `as_of`.
    pub fn replay(&self, at: Option<DateTime<Utc>>) -> Result<Document> {
        match at {
            None => Ok(self.state.doc.clone()),
            Some(t) => Ok(self.state_at(t)?.doc),
        }
    }

    /// The whole ledger as of a moment: its entries at or before `at`, with
    /// every query (sets, proposals, dependencies, history) as of then.
    pub fn as_of(&self, at: DateTime<Utc>) -> Result<Ledger> {
        let state = self.state_at(at)?;
        let n = self.entries.partition_point(|e| e.at <= at);
        Ok(Ledger {
            entries: self.entries[..n].to_vec(),
            state,
            max_skew: self.max_skew,
            ..Ledger::default()
        })
    }

    fn state_at(&self, at: DateTime<Utc>) -> Result<State> {
        let mut state = State::default();
        for (i, e) in self.entries.iter().take_while(|e| e.at <= at).enumerate() {
            state.apply(e).map_err(|err| Error::Tampered {
                index: i,
                entry_id: e.id.to_string(),
                message: format!("replay failed: {err}"),
            })?;
        }
        Ok(state)
    }

    /// The organisation as it stood at the end of `cycle`'s last day, when a
    /// renegotiation changed that cycle after its close and the report
    /// judges it at or after that day; `None` otherwise (the current
    /// document holds the targets in force at the close).
    pub(crate) fn closed_cycle_org(
        &self,
        cycle: &str,
        opts: &crate::health::HealthOptions,
    ) -> Result<Option<Org>> {
        let Some(c) = self.state.doc.cycles.iter().find(|c| c.id == cycle) else {
            return Ok(None);
        };
        if !self.state.closed.contains_key(&c.id) || opts.as_of.is_some_and(|d| d < c.end) {
            return Ok(None);
        }
        let doc = self.replay(Some(end_of_day(c.end)))?;
        Ok(Some(Org::new(doc)?))
    }

    /// The current document.
    pub fn document(&self) -> &Document {
        &self.state.doc
    }

    /// The current document, validated and indexed for progress and scoring.
    pub fn org(&self) -> Result<Org> {
        Org::new(self.state.doc.clone())
    }

    /// The governance state of one OKR set; `None` if never proposed (a draft).
    ///
    /// The team comes first and the cycle second, each typed: swapped typed
    /// ids do not compile.
    ///
    /// ```compile_fail
    /// # let ledger = okrkit::ledger::Ledger::new();
    /// let (team, cycle) = (okrkit::TeamId::new("web"), okrkit::CycleId::new("q1"));
    /// ledger.set(&cycle, &team); // swapped: a CycleId is not a team
    /// ```
    ///
    /// ```
    /// # let ledger = okrkit::ledger::Ledger::new();
    /// let (team, cycle) = (okrkit::TeamId::new("web"), okrkit::CycleId::new("q1"));
    /// assert!(ledger.set(&team, &cycle).is_none());
    /// assert!(ledger.set("web", "q1").is_none());
    /// ```
    pub fn set(
        &self,
        team: impl IdArg<TeamId>,
        cycle: impl IdArg<CycleId>,
    ) -> Option<&OkrSetState> {
        self.state
            .sets
            .get(&(TeamId::from(team.id_str()), CycleId::from(cycle.id_str())))
    }

    /// The status of one OKR set ([`SetStatus::Draft`] if never proposed).
    pub fn set_status(&self, team: impl IdArg<TeamId>, cycle: impl IdArg<CycleId>) -> SetStatus {
        self.set(team, cycle).map_or(SetStatus::Draft, |s| s.status)
    }

    /// Every OKR set that was proposed or imported as agreed, by team then cycle.
    pub fn sets(&self) -> Vec<&OkrSetState> {
        self.state.sets.values().collect()
    }

    /// Every renegotiation proposal, oldest first.
    pub fn proposals(&self) -> &[Proposal] {
        &self.state.proposals
    }

    /// One proposal by id (the id of the entry that made it).
    pub fn proposal(&self, id: impl IdArg<EntryId>) -> Option<&Proposal> {
        self.state
            .proposal_at
            .get(id.id_str())
            .map(|&i| &self.state.proposals[i])
    }

    /// The proposals waiting for an answer.
    pub fn open_proposals(&self) -> Vec<&Proposal> {
        self.state
            .proposals
            .iter()
            .filter(|p| p.status == ProposalStatus::Open)
            .collect()
    }

    /// Every dependency, oldest first.
    pub fn dependencies(&self) -> &[Dependency] {
        &self.state.dependencies
    }

    /// One dependency by id (the id of the entry that requested it).
    pub fn dependency(&self, id: impl IdArg<EntryId>) -> Option<&Dependency> {
        self.state
            .dependency_at
            .get(id.id_str())
            .map(|&i| &self.state.dependencies[i])
    }

    /// Dependencies waiting, as of `as_of`, for an answer (requested) or a
    /// decision (escalated), with their age — the unanswered and escalated
    /// dependencies R7 makes visible.
    pub fn waiting_dependencies(&self, as_of: DateTime<Utc>) -> Vec<WaitingDependency> {
        self.state
            .dependencies
            .iter()
            .filter_map(|d| d.waiting(as_of))
            .collect()
    }

    /// Lint data: dependencies waiting for more than `days` whole days as of
    /// `as_of`.
    pub fn dependencies_waiting_longer_than(
        &self,
        as_of: DateTime<Utc>,
        days: i64,
    ) -> Vec<WaitingDependency> {
        let mut out = self.waiting_dependencies(as_of);
        out.retain(|w| w.age_days > days);
        out
    }

    /// Feedback between the sides of OKR sets, oldest first.
    pub fn feedback(&self) -> &[FeedbackNote] {
        &self.state.feedback
    }

    /// Retrospectives recorded at the close of cycles (R8), oldest first.
    pub fn retrospectives(&self) -> &[Retrospective] {
        &self.state.retrospectives
    }

    /// Requests for changes made in review, oldest first.
    pub fn reviews(&self) -> &[Review] {
        &self.state.reviews
    }

    /// Every version a key result had, oldest first: its target, baseline,
    /// wording and weight, who proposed and who accepted each, when and why.
    /// Unknown to the ledger: `unknown_key_result`.
    ///
    /// ```compile_fail
    /// # let ledger = okrkit::ledger::Ledger::new();
    /// ledger.history(&okrkit::ObjectiveId::new("o1")); // an objective is not a key result
    /// ```
    pub fn history(&self, key_result: impl IdArg<KeyResultId>) -> Result<&[KeyResultVersion]> {
        let key_result = key_result.id_str();
        self.state
            .history
            .get(key_result)
            .map(Vec::as_slice)
            .ok_or_else(|| Error::InvalidArgument {
                code: ProblemCode::UnknownKeyResult,
                message: format!("no key result '{key_result}' was ever in the ledger"),
                path: "key_result".into(),
            })
    }

    /// Lint data: per key result, the number of accepted renegotiations of the
    /// key result itself (see [`KeyResultEvent::is_key_result_renegotiation`])
    /// while its objective was in `cycle`. Key results never renegotiated are
    /// left out; sorted by key result id.
    pub fn renegotiation_counts(&self, cycle: impl IdArg<CycleId>) -> Vec<KeyResultRenegotiations> {
        let cycle = cycle.id_str();
        let mut out: BTreeMap<&str, KeyResultRenegotiations> = BTreeMap::new();
        for versions in self.state.history.values() {
            for v in versions {
                if v.cycle.as_str() != cycle || !v.event.is_key_result_renegotiation() {
                    continue;
                }
                let c =
                    out.entry(v.key_result.as_str())
                        .or_insert_with(|| KeyResultRenegotiations {
                            key_result: v.key_result.clone(),
                            objective: v.objective.clone(),
                            team: v.team.clone(),
                            cycle: v.cycle.clone(),
                            accepted: 0,
                            last_at: v.at,
                        });
                c.accepted += 1;
                c.objective = v.objective.clone();
                c.last_at = v.at;
            }
        }
        out.into_values().collect()
    }
}

/// Verifies the last of `entries` (the entry just read) after the ones
/// before it, then applies it (`Verifier::next`). With no entry
/// (which the reader never gives) it fails closed, with an internal error,
/// instead of passing what it has not verified.
fn verify_last(v: &mut Verifier, entries: &[Entry], record: hash::Record<'_>) -> Result<()> {
    let Some((e, before)) = entries.split_last() else {
        return Err(Error::Io {
            path: String::new(),
            message: "internal error: the ledger reader gave no entry to verify".into(),
            source: None,
        });
    };
    v.next(before.len(), before.last(), e, record)
}
