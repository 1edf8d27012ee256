//! A fast reader for the most frequent JSON Lines record, a check-in, exactly
//! as okrkit writes it (members in order, no whitespace, no escapes). Any
//! other line — another action, a reordered or escaped record, anything
//! unusual — gives `None` and is read by serde_json instead.
//!
//! Whatever this reader accepts is valid JSON that serde_json reads into the
//! same entry (strict number and time syntax, no control characters), so the
//! verification that follows (the line must be the entry's canonical record,
//! and match its hash) holds exactly as for the serde path.

use crate::ledger::action::Action;
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::limits::MAX_INPUT_BYTES;

struct Cursor<'a> {
    /// The line, already valid UTF-8 (a `&str`): strings are sliced from it
    /// rather than validated a second time.
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn lit(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.i.checked_add(lit.len())?;
        (self.s.get(self.i..end)? == lit).then(|| self.i = end)
    }

    /// A string's contents (after its opening quote), up to the closing quote.
    fn string(&mut self) -> Option<&'a str> {
        let rest = &self.s[self.i..];
        let n = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest[n] != b'"' {
            return None;
        }
        let start = self.i;
        self.i += n + 1;
        // Both ends sit next to an ASCII quote, so they are char boundaries
        // (`get` checks that in constant time, without rescanning the bytes).
        self.text.get(start..start + n)
    }

    fn digits(&mut self) -> usize {
        let n = self.s[self.i..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.i += n;
        n
    }

    /// A JSON number, strictly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<f64> {
        let start = self.i;
        let _ = self.lit(b"-");
        let int = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[int] == b'0') {
            return None;
        }
        if self.lit(b".").is_some() && self.digits() == 0 {
            return None;
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }

    fn uint(&mut self) -> Option<u64> {
        let start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[start] == b'0') {
            return None;
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }
}

/// Reads a check-in record as okrkit writes it, or `None`.
pub(crate) fn check_in(line: &str) -> Option<Entry> {
    if line.len() > MAX_INPUT_BYTES {
        return None;
    }
    let mut c = Cursor {
        text: line,
        s: line.as_bytes(),
        i: 0,
    };
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
