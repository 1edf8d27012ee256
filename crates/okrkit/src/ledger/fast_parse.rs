//! A fast reader for the most frequent JSON Lines record, a check-in, exactly
//! as okrkit writes it (members in order, no whitespace, no escapes). Any
//! other line — another action, a reordered or escaped record, anything
//! unusual — gives `None` and is read by serde_json instead.
//!
//! Whatever this reader accepts is valid JSON that serde_json reads into the
//! same entry (strict number and time syntax, no control characters), so the
//! verification that follows (the line must be the entry's canonical record,
//! and match its hash) holds exactly as for the serde path.
//!
//! **Certified lines.** As it reads, the reader also checks that each member
//! is spelled exactly as the canonical writer (`canonical::write`) would
//! spell it: the members' names, order and punctuation are literals; strings
//! hold no escape and no control character, which the writer copies as they
//! are; `seq` has no sign, fraction or leading zero; each number and the time
//! are compared with what the writer makes of the value read. When every
//! member passes, the line *is* the entry's record, so its bytes up to the
//! final `,"hash":"…"` member, followed by `}`, are the canonical form, and
//! they are hashed in place instead of being written again and compared
//! ([`Record::Certified`](super::hash::Record::Certified)). Any doubt (a
//! `-0.0`, `1e2`, `1.50`, a `+00:00` offset, `.500000`…) leaves the line
//! uncertified, and it is checked by writing its canonical form, as before:
//! the outcome (accepted, or refused with the same error) is the same either
//! way, which tests compare on generated and damaged lines.

use crate::json_scan::Cursor;
use crate::ledger::action::Action;
use crate::ledger::canonical;
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::limits::MAX_INPUT_BYTES;

/// A check-in read by the fast path.
pub(crate) struct FastCheckIn {
    /// The entry the line holds.
    pub entry: Entry,
    /// When the line is certified to be exactly the entry's record: the
    /// offset of its final `,"hash":"…"` member (`line[..end]` followed by
    /// `}` is the entry's canonical form).
    pub canonical_end: Option<usize>,
}

/// Whether `text` is exactly what `write` makes (into `scratch`, cleared).
fn spelled_as(scratch: &mut Vec<u8>, text: &[u8], write: impl FnOnce(&mut Vec<u8>)) -> bool {
    scratch.clear();
    write(scratch);
    scratch.as_slice() == text
}

/// Whether `text`, a number as [`Cursor::number`] read it, is the canonical
/// spelling of `value` ([`canonical::number`]).
pub(crate) fn number_is_canonical(scratch: &mut Vec<u8>, text: &[u8], value: f64) -> bool {
    plain_decimal(text) || spelled_as(scratch, text, |b| canonical::number(b, value))
}

/// A sure "yes" without writing the number, for the usual spellings: a
/// plain decimal `I.F` (optionally negative) of at most 15 significant
/// digits, at least 0.1 and below 10^15, without a trailing zero in `F`
/// unless `F` is that one `0` of an integral value. At most 15 significant
/// digits name a distinct double each, so no shorter spelling reads back to
/// the same double: the shortest round-trip digits the writer uses are these
/// digits, and it writes values in this range as plain decimals. `false`
/// means "ask the writer", not "no" (tests compare this with the writer).
fn plain_decimal(text: &[u8]) -> bool {
    let digits = text.strip_prefix(b"-").unwrap_or(text);
    let Some(dot) = digits.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (int, frac) = (&digits[..dot], &digits[dot + 1..]);
    if int.is_empty()
        || frac.is_empty()
        || !int.iter().chain(frac).all(u8::is_ascii_digit)
        || (int.len() > 1 && int[0] == b'0')
    {
        return false;
    }
    if int == b"0" {
        // 0.1 <= value < 1 (a zero is "0.0" and a negative zero is not canonical:
        // both left to the writer).
        frac[0] != b'0' && frac[frac.len() - 1] != b'0' && frac.len() <= 15
    } else if frac == b"0" {
        int.len() <= 15
    } else {
        frac[frac.len() - 1] != b'0' && int.len() + frac.len() <= 15
    }
}

/// Whether `text`, a quoted time that [`crate::rfc3339::parse_exact`] read
/// as `at`, is its canonical spelling ([`canonical::time`]): UTC with `Z`,
/// and no fraction, or 3, 6 or 9 digits, the fewest that hold the value.
pub(crate) fn time_is_canonical(
    scratch: &mut Vec<u8>,
    text: &[u8],
    at: &chrono::DateTime<chrono::Utc>,
) -> bool {
    // `"YYYY-MM-DDTHH:MM:SS` is 20 bytes; `parse_exact` read the fields and
    // a `Z` before the closing quote can only be the offset.
    let n = text.len();
    let sure = match n {
        22 => text[20] == b'Z',
        26 | 29 | 32 => text[20] == b'.' && text[n - 2] == b'Z' && &text[n - 5..n - 2] != b"000",
        _ => false,
    };
    sure || spelled_as(scratch, text, |b| canonical::time(b, at))
}

/// Reads a check-in record as okrkit writes it, or `None`. `scratch` is a
/// buffer reused from line to line (for the spelling checks).
pub(crate) fn check_in(line: &str, scratch: &mut Vec<u8>) -> Option<FastCheckIn> {
    // A line over the limit is refused before it is parsed.
    if line.len() > MAX_INPUT_BYTES {
        return None;
    }
    check_in_prefix(line, scratch).and_then(|(fast, end)| (end == line.len()).then_some(fast))
}

/// [`check_in`] of the record that `text` starts with, and the offset where
/// it ends (just after its closing `}`): `text` may go on past it, as when
/// it is a reader's buffer of several lines. What follows is not read, and
/// the record read never holds a line end (no string holds a control
/// character), so the record is a line's whole text, and `check_in` of that
/// line gives the same, exactly when `text[end..]` starts with a line end.
pub(crate) fn check_in_prefix(text: &str, scratch: &mut Vec<u8>) -> Option<(FastCheckIn, usize)> {
    let bytes = text.as_bytes();
    let mut c = Cursor::new(text);
    c.tag(b"{\"seq\":")?;
    let seq = c.uint()?;
    c.tag(b",\"id\":\"")?;
    let id = c.string()?;
    c.tag(b",\"at\":")?;
    let at_start = c.i;
    c.byte(b'"')?;
    let at = crate::rfc3339::parse_exact(c.string()?)?;
    let mut certified = time_is_canonical(scratch, &bytes[at_start..c.i], &at);
    c.tag(b",\"actor\":{\"person\":\"")?;
    let person = c.string()?;
    c.tag(b",\"team\":\"")?;
    let team = c.string()?;
    c.tag(b"},\"action\":{\"type\":\"check_in\",\"key_result\":\"")?;
    let key_result = c.string()?;
    c.tag(b",\"value\":")?;
    let value_start = c.i;
    let value = c.finite()?;
    certified &= number_is_canonical(scratch, &bytes[value_start..c.i], value);
    let confidence = if c.tag(b",\"confidence\":").is_some() {
        let start = c.i;
        let confidence = c.finite()?;
        certified &= number_is_canonical(scratch, &bytes[start..c.i], confidence);
        Some(confidence)
    } else {
        None
    };
    let note = if c.tag(b",\"note\":\"").is_some() {
        Some(c.string()?.to_owned())
    } else {
        None
    };
    c.tag(b"},\"prev_hash\":\"")?;
    let prev_hash = c.string()?;
    let hash_member = c.i;
    c.tag(b",\"hash\":\"")?;
    let hash = c.string()?;
    c.tag(b"}")?;
    // A record over the limit is refused (`text` may be longer than the
    // record, so the limit applies to the record read, once it is read).
    if c.i > MAX_INPUT_BYTES {
        return None;
    }
    let entry = Entry {
        seq,
        id: EntryId::from(id),
        at,
        actor: Actor::new(person, team),
        action: Action::CheckIn {
            key_result: key_result.into(),
            value,
            confidence,
            note,
        },
        prev_hash: prev_hash.into(),
        sig: None,
        hash: hash.into(),
    };
    Some((
        FastCheckIn {
            entry,
            canonical_end: certified.then_some(hash_member),
        },
        c.i,
    ))
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
        let fast = super::check_in(line, &mut Vec::new())
            .expect("the fast path reads it")
            .entry;
        assert_eq!(fast, Entry::from_json(line).expect("serde reads it"));
        assert_eq!(fast.actor.person.as_str(), "josé");
    }

    /// Anything the fast path does not read exactly goes to serde_json.
    #[test]
    fn leaves_escapes_and_bad_bytes_to_serde() {
        let escaped = r#"{"seq":1,"id":"e1","at":"2026-01-02T09:00:00Z","actor":{"person":"jo\u00e9","team":"t"},"action":{"type":"check_in","key_result":"k","value":1.0},"prev_hash":"p","hash":"h"}"#;
        assert!(super::check_in(escaped, &mut Vec::new()).is_none());
        let control = "{\"seq\":1,\"id\":\"e\u{1}1\",\"at\":\"2026-01-02T09:00:00Z\",\"actor\":{\"person\":\"j\",\"team\":\"t\"},\"action\":{\"type\":\"check_in\",\"key_result\":\"k\",\"value\":1.0},\"prev_hash\":\"p\",\"hash\":\"h\"}";
        assert!(super::check_in(control, &mut Vec::new()).is_none());
    }
}
