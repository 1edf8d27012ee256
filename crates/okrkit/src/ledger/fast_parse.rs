//! A fast reader for the most frequent JSON Lines record, a check-in, exactly
//! as okrkit writes it (members in order, no whitespace, no escapes). Any
//! other line — another action, a reordered or escaped record, anything
//! unusual — gives `None` and is read by serde_json instead.
//!
//! Whatever this reader accepts is valid JSON that serde_json reads into the
//! same entry (strict number and time syntax, no control characters), so the
//! verification that follows (the line must be the entry's canonical record,
//! and match its hash) holds exactly as for the serde path.

use crate::json_scan::Cursor;
use crate::ledger::action::Action;
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::limits::MAX_INPUT_BYTES;

/// Reads a check-in record as okrkit writes it, or `None`.
pub(crate) fn check_in(line: &str) -> Option<Entry> {
    if line.len() > MAX_INPUT_BYTES {
        return None;
    }
    let mut c = Cursor::new(line);
    c.lit(b"{\"seq\":")?;
    let seq = c.uint()?;
    c.lit(b",\"id\":\"")?;
    let id = c.string()?;
    c.lit(b",\"at\":\"")?;
    let at = crate::rfc3339::parse_exact(c.string()?)?;
    c.lit(b",\"actor\":{\"person\":\"")?;
    let person = c.string()?;
    c.lit(b",\"team\":\"")?;
    let team = c.string()?;
    c.lit(b"},\"action\":{\"type\":\"check_in\",\"key_result\":\"")?;
    let key_result = c.string()?;
    c.lit(b",\"value\":")?;
    let value = c.number()?;
    let confidence = if c.lit(b",\"confidence\":").is_some() {
        Some(c.number()?)
    } else {
        None
    };
    let note = if c.lit(b",\"note\":\"").is_some() {
        Some(c.string()?.to_owned())
    } else {
        None
    };
    c.lit(b"},\"prev_hash\":\"")?;
    let prev_hash = c.string()?;
    c.lit(b",\"hash\":\"")?;
    let hash = c.string()?;
    c.lit(b"}")?;
    if c.i != line.len() {
        return None;
    }
    Some(Entry {
        seq,
        id: EntryId(id.to_owned()),
        at,
        actor: Actor::new(person, team),
        action: Action::CheckIn {
            key_result: key_result.into(),
            value,
            confidence,
            note,
        },
        prev_hash: prev_hash.to_owned(),
        sig: None,
        hash: hash.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use crate::ledger::entry::Entry;

    /// Strings are sliced from the line, not re-validated: multi-byte text
    /// (two-, three- and four-byte characters) next to the quotes must read
    /// exactly as serde_json reads it.
    #[test]
    fn reads_multi_byte_strings_as_serde_does() {
        let line = r#"{"seq":1,"id":"e1","at":"2026-01-02T09:00:00.5Z","actor":{"person":"josé","team":"équipe"},"action":{"type":"check_in","key_result":"kr-ü✓","value":65.0,"confidence":0.7,"note":"🚀café✓"},"prev_hash":"é","hash":"✓"}"#;
        let fast = super::check_in(line).expect("the fast path reads it");
        assert_eq!(fast, Entry::from_json(line).expect("serde reads it"));
        assert_eq!(fast.actor.person.as_str(), "josé");
    }

    /// Anything the fast path does not read exactly goes to serde_json.
    #[test]
    fn leaves_escapes_and_bad_bytes_to_serde() {
        let escaped = r#"{"seq":1,"id":"e1","at":"2026-01-02T09:00:00Z","actor":{"person":"jo\u00e9","team":"t"},"action":{"type":"check_in","key_result":"k","value":1.0},"prev_hash":"p","hash":"h"}"#;
        assert!(super::check_in(escaped).is_none());
        let control = "{\"seq\":1,\"id\":\"e\u{1}1\",\"at\":\"2026-01-02T09:00:00Z\",\"actor\":{\"person\":\"j\",\"team\":\"t\"},\"action\":{\"type\":\"check_in\",\"key_result\":\"k\",\"value\":1.0},\"prev_hash\":\"p\",\"hash\":\"h\"}";
        assert!(super::check_in(control).is_none());
    }
}
