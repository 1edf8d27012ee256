//! Times on the wire (RFC 3339), read fast in their common exact form.
//!
//! A document or a ledger holds one time per check-in, so reading them is a
//! large part of loading (issue 18's profile: a fifth of `Org::from_json` went
//! to chrono's general, relaxed RFC 3339 parser). [`parse_exact`] reads the
//! form okrkit and most tools write — `YYYY-MM-DDTHH:MM:SS[.f{1,9}]` followed
//! by `Z` or `±HH:MM` — with a few byte comparisons; every other string
//! (lowercase `t`/`z`, a space, a leap second `:60`, ten or more fraction
//! digits, `UTC`, out-of-range fields, …) gives `None` and [`parse`] hands it
//! to chrono — and refuses a leap second, which chrono reads but okrkit's
//! microseconds cannot hold (it would count as the next second). Where the fast path answers, it builds the instant with
//! chrono's own constructors (`NaiveDate::from_ymd_opt`,
//! `and_hms_nano_opt`, `NaiveDateTime::checked_sub_offset`), so the accepted
//! strings, the refused ones (with chrono's error) and the resulting instants
//! are exactly those of chrono's `Deserialize for DateTime<Utc>`, leap
//! seconds aside; a property test compares the two on generated and mutated
//! strings.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Why a time is not read: chrono refused it, or it names second 60.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TimeError {
    /// chrono's reader refused the text (its message).
    Chrono(chrono::ParseError),
    /// A leap second (`23:59:60Z`, `09:00:60+02:00`): chrono reads it, but
    /// the microseconds okrkit keeps have no leap seconds, so it would count
    /// as the next second (the next day at `23:59:60Z`) and duplicate
    /// `:00` of the next minute. Refused (r15 finding 5 of F1).
    LeapSecond,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            TimeError::Chrono(e) => e.fmt(f),
            TimeError::LeapSecond => f.write_str(
                "second 60 (a leap second) is not a time okrkit reads: its instants have no leap seconds; write :59 or the next minute's :00",
            ),
        }
    }
}

/// Reads an RFC 3339 time as chrono's `Deserialize for DateTime<Utc>` does
/// (the fast path when it applies, chrono's relaxed parser otherwise), but
/// refuses a leap second (second 60), which chrono accepts.
pub(crate) fn parse(s: &str) -> Result<DateTime<Utc>, TimeError> {
    match parse_exact(s) {
        Some(t) => Ok(t),
        None => {
            let t = s
                .parse::<DateTime<FixedOffset>>()
                .map_err(TimeError::Chrono)?
                .with_timezone(&Utc);
            // chrono keeps a leap second as a fraction of 1 s or more.
            if chrono::Timelike::nanosecond(&t) >= 1_000_000_000 {
                return Err(TimeError::LeapSecond);
            }
            Ok(t)
        }
    }
}

/// Two ASCII digits at `b[i..i + 2]` as a number, or `None`.
fn two_digits(b: &[u8], i: usize) -> Option<u32> {
    let hi = b.get(i)?.wrapping_sub(b'0');
    let lo = b.get(i + 1)?.wrapping_sub(b'0');
    (hi < 10 && lo < 10).then(|| u32::from(hi) * 10 + u32::from(lo))
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` with valid fields, as an
/// instant; `None` for anything else (including strings chrono accepts in
/// another form, which [`parse`] then gives to chrono).
pub(crate) fn parse_exact(s: &str) -> Option<DateTime<Utc>> {
    exact(s, NaiveDate::from_ymd_opt)
}

/// The fields of the exact form `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)`
/// at the start of a string, as written (the date and the time of day are
/// not checked against the calendar: the caller does, as chrono would).
pub(crate) struct Fields {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    /// 0–59: a leap second (`:60`) is left to chrono.
    pub second: u32,
    pub nano: u32,
    /// Within ±23:59.
    pub offset_seconds: i32,
    /// The bytes the form takes.
    pub len: usize,
}

/// The [`Fields`] of the exact form at the start of `b`, or `None`.
/// Always inlined: out of line, its struct returned through memory cost the
/// loading path 3% more instructions (callgrind).
#[inline(always)]
pub(crate) fn exact_fields(b: &[u8]) -> Option<Fields> {
    let head: &[u8; 19] = b.get(..19)?.try_into().ok()?;
    // The separators and the fourteen digits, checked without a branch each
    // (one string per check-in: this is on the loading path).
    let mut bad = (head[4] ^ b'-')
        | (head[7] ^ b'-')
        | (head[10] ^ b'T')
        | (head[13] ^ b':')
        | (head[16] ^ b':');
    let mut d = [0u32; 14];
    for (k, p) in [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        .into_iter()
        .enumerate()
    {
        let x = head[p].wrapping_sub(b'0');
        bad |= u8::from(x > 9);
        d[k] = u32::from(x);
    }
    if bad != 0 {
        return None;
    }
    let second = d[12] * 10 + d[13];
    if second >= 60 {
        // A leap second: chrono's own rules apply.
        return None;
    }
    let mut i = 19;
    let mut nano = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && i - start < 9 && b[i].is_ascii_digit() {
            nano = nano * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || b.get(i).is_some_and(u8::is_ascii_digit) {
            // No digit, or ten or more (chrono ignores those past the ninth).
            return None;
        }
        nano *= 10u32.pow(9 - digits as u32);
    }
    let (offset_seconds, len) = match b.get(i..)? {
        [b'Z', ..] => (0, i + 1),
        [sign @ (b'+' | b'-'), _, _, b':', _, _, ..] => {
            let hours = two_digits(b, i + 1)?;
            let minutes = two_digits(b, i + 4)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            (if *sign == b'-' { -seconds } else { seconds }, i + 6)
        }
        _ => return None,
    };
    Some(Fields {
        year: d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3],
        month: d[4] * 10 + d[5],
        day: d[6] * 10 + d[7],
        hour: d[8] * 10 + d[9],
        minute: d[10] * 10 + d[11],
        second,
        nano,
        offset_seconds,
        len,
    })
}

/// [`parse_exact`] with `date` for `NaiveDate::from_ymd_opt`.
fn exact(s: &str, date: impl FnOnce(i32, u32, u32) -> Option<NaiveDate>) -> Option<DateTime<Utc>> {
    let Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nano,
        offset_seconds,
        len,
    } = exact_fields(s.as_bytes())?;
    if len != s.len() {
        return None;
    }
    let local = date(year as i32, month, day)?.and_hms_nano_opt(hour, minute, second, nano)?;
    if offset_seconds == 0 {
        return Some(local.and_utc());
    }
    // What `FixedOffset::from_local_datetime` does (chrono 0.4), without
    // its `MappedLocalTime` wrapping.
    let utc = local.checked_sub_offset(FixedOffset::east_opt(offset_seconds)?)?;
    Some(utc.and_utc())
}

/// `#[serde(deserialize_with = "crate::rfc3339::deserialize")]` for a
/// `DateTime<Utc>` field: the same strings, instants and error messages as
/// chrono's own `Deserialize` (but a leap second, refused), without chrono's
/// general parser for the common form.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(TimeVisitor)
}

/// Reads the string in place (serde_json lends it without a copy).
struct TimeVisitor;

impl Visitor<'_> for TimeVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // chrono's wording, so that errors read the same as before.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        parse(value).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests;
