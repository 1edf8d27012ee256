//! The canonical form of an entry and its SHA-256 hash.
//!
//! **Canonical form**: the entry serialised as compact JSON (no whitespace)
//! with the members `seq`, `id`, `at`, `actor`, `action`, `prev_hash` in that
//! order (then `sig` in a signed ledger), exactly as okrkit writes a JSON
//! Lines record, minus the final
//! `,"hash":"…"` member. Inside `actor` and `action` members follow the field
//! order of the Rust types (as in the JSON Lines files); optional members that
//! are absent are left out; strings escape only `"`, `\` and control
//! characters; times are RFC 3339 in UTC with a `Z` and only the fractional
//! digits needed; numbers are the shortest decimal that reads back to the same
//! `f64` (integral values keep a `.0`, e.g. `65.0`; `-0` is written `0.0`). The hash is the SHA-256 of
//! those UTF-8 bytes, written as 64 lower-case hex digits.
//!
//! So a database can recompute a hash from a stored line by removing its last
//! member; the shared vectors in `tests/vectors/ledger/` pin the hashes.

use crate::ledger::entry::Entry;
#[cfg(test)]
use crate::ledger::{
    action::Action,
    entry::{Actor, EntryId},
};
#[cfg(test)]
use chrono::{DateTime, Utc};
#[cfg(test)]
use serde::Serialize;
use sha2::{Digest, Sha256};

#[cfg(test)]
#[derive(Serialize)]
struct Body<'a> {
    seq: u64,
    id: &'a EntryId,
    at: &'a DateTime<Utc>,
    actor: &'a Actor,
    action: &'a Action,
    prev_hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sig: &'a Option<String>,
}

/// Reusable hashing state (keeps one buffer, so hashing a million entries
/// allocates nothing per entry).
#[derive(Debug, Clone, Default)]
pub(crate) struct Hasher {
    buf: Vec<u8>,
}

impl Hasher {
    /// Writes the canonical form of the entry's fields into the buffer and
    /// returns it.
    pub fn canonical(&mut self, entry: &Entry) -> &[u8] {
        self.buf.clear();
        crate::ledger::canonical::write(&mut self.buf, entry, entry.sig.as_deref());
        &self.buf
    }

    /// The bytes a signed entry's signature covers: its canonical form
    /// without `sig` (the same as [`Hasher::canonical`] for an unsigned entry).
    pub fn signing(&mut self, entry: &Entry) -> &[u8] {
        self.buf.clear();
        crate::ledger::canonical::write(&mut self.buf, entry, None);
        &self.buf
    }

    /// The entry's JSON Lines record: its canonical form plus the hash member.
    pub fn line(&mut self, entry: &Entry) -> String {
        let canonical = self.canonical(entry);
        let mut line = String::with_capacity(canonical.len() + 80);
        line.push_str(&String::from_utf8_lossy(&canonical[..canonical.len() - 1]));
        line.push_str(",\"hash\":");
        line.push_str(&crate::json::to_string(&entry.hash));
        line.push('}');
        line
    }

    /// The canonical form written by serde_json alone: the reference the
    /// hand-written writer is tested against.
    #[cfg(test)]
    pub fn canonical_serde(&mut self, entry: &Entry) -> &[u8] {
        self.buf.clear();
        let body = Body {
            seq: entry.seq,
            id: &entry.id,
            at: &entry.at,
            actor: &entry.actor,
            action: &entry.action,
            prev_hash: &entry.prev_hash,
            sig: &entry.sig,
        };
        if serde_json::to_writer(&mut self.buf, &body).is_err() {
            self.buf.clear();
        }
        &self.buf
    }

    /// The hash of an entry (ignoring its `hash` field).
    pub fn hash(&mut self, entry: &Entry) -> String {
        hex(&Sha256::digest(self.canonical(entry)))
    }

    /// Checks, without allocating, the entry's hash against its record: the
    /// canonical form written from the entry's fields (and, for a line, that
    /// the line is exactly the entry's JSON Lines record), or a line the
    /// reader certified canonical as it read it, hashed in place.
    pub fn check(&mut self, entry: &Entry, record: Record<'_>) -> Check {
        let want = entry.hash.as_bytes();
        let line = match record {
            Record::Certified(body) => {
                // `body` followed by `}` is the canonical form (see `Record`);
                // debug and test builds check the certifier on every line.
                #[cfg(debug_assertions)]
                {
                    let canonical = self.canonical(entry);
                    debug_assert!(
                        entry.sig.is_none()
                            && canonical.len() == body.len() + 1
                            && canonical.starts_with(body)
                            && canonical.ends_with(b"}"),
                        "a certified line is its entry's canonical record"
                    );
                }
                let mut sha = Sha256::new();
                sha.update(body);
                sha.update(b"}");
                return if hex_eq(&sha.finalize().into(), want) {
                    Check::Ok
                } else {
                    Check::BadHash
                };
            }
            Record::Entry => None,
            Record::Line(line) => Some(line),
        };
        let canonical = self.canonical(entry);
        if !hex_eq(&Sha256::digest(canonical).into(), want) {
            return Check::BadHash;
        }
        if let Some(line) = line {
            let line = line.as_bytes();
            let body = &canonical[..canonical.len().saturating_sub(1)];
            let tail = line.get(body.len()..).unwrap_or_default();
            let exact = line.starts_with(body)
                && tail.len() == 11 + want.len()
                && tail.starts_with(b",\"hash\":\"")
                && &tail[9..9 + want.len()] == want
                && tail.ends_with(b"\"}");
            if !exact {
                return Check::NotCanonical;
            }
        }
        Check::Ok
    }
}

/// What an entry's hash is checked against, besides the entry's own fields.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Record<'a> {
    /// The entry alone (entries from a database, or held in memory): its
    /// canonical form is written from its fields.
    Entry,
    /// The JSON Lines line the entry was read from, which must be exactly the
    /// entry's record (its canonical form is written and compared).
    Line(&'a str),
    /// The bytes of a line that the reader certified, member by member as it
    /// read them, to be exactly the entry's record, up to (not including)
    /// its final `,"hash":"…"` member: these bytes followed by `}` are the
    /// entry's canonical form. See `fast_parse`.
    Certified(&'a [u8]),
}

/// Whether `want` is the lower-case hex spelling of `digest`.
fn hex_eq(digest: &[u8; 32], want: &[u8]) -> bool {
    // Spelled out whole, then compared at once (not digit by digit: a cost
    // per entry).
    let mut hex = [0u8; 64];
    for (pair, b) in hex.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[(b >> 4) as usize];
        pair[1] = HEX[(b & 15) as usize];
    }
    want == hex.as_slice()
}

/// The outcome of [`Hasher::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    Ok,
    BadHash,
    NotCanonical,
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// The bytes a signed entry's signature covers: the canonical bytes without
/// `sig` (see [`crate::ledger::signing`]).
pub fn signing_bytes(entry: &Entry) -> Vec<u8> {
    Hasher::default().signing(entry).to_vec()
}

/// The canonical bytes of an entry (what its hash is computed over), for
/// products that recompute hashes elsewhere.
///
/// ```
/// # use okrkit::ledger::{Ledger, Actor, Action, canonical_bytes};
/// # let doc = okrkit::Document::from_json(r#"{"teams":[{"id":"web","name":"Web"}],"people":[{"id":"ana","name":"Ana"}]}"#)?;
/// # let mut ledger = Ledger::new();
/// # let at = "2026-01-02T09:00:00Z".parse().unwrap();
/// let entry = ledger.append(at, Actor::new("ana", "web"), Action::import(doc))?.clone();
/// let line = okrkit::ledger::jsonl_line(&entry);
/// let canonical = String::from_utf8(canonical_bytes(&entry)).unwrap();
/// // The canonical form is the JSON line without its final "hash" member.
/// assert_eq!(format!("{},\"hash\":\"{}\"}}", &canonical[..canonical.len() - 1], entry.hash), line);
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn canonical_bytes(entry: &Entry) -> Vec<u8> {
    Hasher::default().canonical(entry).to_vec()
}

/// The SHA-256 (64 lower-case hex digits) of an entry's canonical form; equals
/// `entry.hash` for an untampered entry.
pub fn entry_hash(entry: &Entry) -> crate::ledger::EntryHash {
    Hasher::default().hash(entry).into()
}
