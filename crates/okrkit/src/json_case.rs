//! The camelCase spelling of okrkit's JSON, for bindings whose language
//! spells keys that way (Node): writing a core value with camelCase keys, and
//! reading the library's own camelCase output back (`keyResults` is
//! `key_results`). Enum values stay the core's snake_case strings; only
//! object keys change.
//!
//! ```
//! use okrkit::json_case::{snake_keys, to_camel_json};
//! let value = serde_json::json!({ "key_results": [{ "start_value": 1 }] });
//! let text = to_camel_json(&value).unwrap();
//! assert_eq!(text, r#"{"keyResults":[{"startValue":1}]}"#);
//! let mut back: serde_json::Value = serde_json::from_str(&text).unwrap();
//! assert!(snake_keys(&mut back, "").unwrap());
//! assert_eq!(back, serde_json::json!({ "key_results": [{ "start_value": 1 }] }));
//! ```

use crate::error::{Error, ProblemCode, Result};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::io;

/// `keyResults` -> `key_results`; snake_case keys are unchanged.
pub fn snake_key(key: &str) -> String {
    if !key.bytes().any(|b| b.is_ascii_uppercase()) {
        return key.to_owned();
    }
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `path` then `key`: `objectives[3]`, `options.as_of` (an index follows
/// without a dot; the root is `""`).
pub fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else if key.starts_with('[') {
        format!("{path}{key}")
    } else {
        format!("{path}.{key}")
    }
}

/// A `parse_error` at `path`.
pub fn parse_error(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Parse {
        path: path.into(),
        message: message.into(),
        position: None,
    }
}

/// Two spellings of one key in one object (`checkIns` and `check_ins`): a
/// `parse_error` at the key, never one of them kept silently.
pub fn ambiguous_key(path: &str) -> Error {
    parse_error(
        path,
        "this key is given twice, in camelCase and in snake_case: keep one",
    )
}

/// The `not_finite` error for `NaN` or ±Infinity at `path` (okrkit never
/// reads such a number as `null`).
pub fn not_finite(path: &str, x: f64) -> Error {
    not_finite_as(path, if x.is_nan() { "NaN" } else { "Infinity" })
}

/// [`not_finite`] naming the value (`"an invalid Date"`).
pub fn not_finite_as(path: &str, what: &str) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::NotFinite,
        message: format!("{what} is not a finite number; okrkit never reads it as null"),
        path: path.to_owned(),
    }
}

/// 2^53: every whole number up to it is an exact f64 (JavaScript's
/// `Number.MAX_SAFE_INTEGER` + 1).
const SAFE: f64 = 9_007_199_254_740_992.0;

/// A host's number (an f64, as JavaScript has) as JSON: a whole number up to
/// 2^53 stays an integer (so `schema_version: 1` reads as one), everything
/// else is the same f64 to the last bit; `NaN` and ±Infinity are
/// [`not_finite`]. `-0` is the integer 0, as `JSON.stringify` writes it (so a
/// value reads the same through an object and through its JSON text) and as
/// a count reads it ([`count`]): an option such as `staleAfterDays: -0` is 0,
/// never a float refused where an integer is expected.
pub fn number(x: f64, path: &str) -> Result<Value> {
    if !x.is_finite() {
        return Err(not_finite(path, x));
    }
    if x.fract() == 0.0 && x.abs() <= SAFE {
        return Ok(Value::Number(Number::from(x as i64)));
    }
    Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| not_finite_as(path, "this number"))
}

/// Why an integer beyond 64 bits (a Python `int`, a JavaScript `BigInt`;
/// `shown` is how the host writes it) is refused where it is an option or an
/// argument: a count, a number of days or an index, for which its nearest
/// float ([`integer_of_words`], what a document reads) would be another
/// value. The bindings give it as `parse_error` at the option's path.
///
/// ```
/// let m = okrkit::json_case::beyond_64_bits("1000000000000000000000000000000");
/// assert_eq!(m, "1000000000000000000000000000000 is out of range: an integer beyond 64 bits");
/// ```
pub fn beyond_64_bits(shown: &str) -> String {
    format!("{shown} is out of range: an integer beyond 64 bits")
}

/// An integer given as its sign and its magnitude's 64-bit words, least
/// significant first (a JavaScript `BigInt`), in decimal, for a message
/// ([`beyond_64_bits`]).
///
/// ```
/// use okrkit::json_case::decimal_of_words;
/// assert_eq!(decimal_of_words(false, &[0x6bc7_5e2d_6310_0000, 5]), "100000000000000000000");
/// assert_eq!(decimal_of_words(true, &[0, 1]), "-18446744073709551616");
/// assert_eq!(decimal_of_words(true, &[0, 0]), "0");
/// ```
pub fn decimal_of_words(negative: bool, words: &[u64]) -> String {
    const CHUNK: u64 = 10_000_000_000_000_000_000; // 10^19, the largest power of ten in a u64
    let mut rest: Vec<u64> = words.to_vec();
    let mut chunks = Vec::new(); // base 10^19, least significant first
    while rest.iter().any(|&w| w != 0) {
        let mut remainder = 0u128;
        for w in rest.iter_mut().rev() {
            let n = (remainder << 64) | u128::from(*w);
            *w = (n / u128::from(CHUNK)) as u64;
            remainder = n % u128::from(CHUNK);
        }
        chunks.push(remainder as u64);
    }
    let Some((top, lower)) = chunks.split_last() else {
        return "0".to_owned();
    };
    let mut out = format!("{}{top}", if negative { "-" } else { "" });
    for c in lower.iter().rev() {
        out.push_str(&format!("{c:019}"));
    }
    out
}

/// A host's integer beyond 64 bits (a JavaScript `BigInt`), given as its sign
/// and its magnitude's 64-bit words, least significant first, read as JSON
/// text reads the same literal (serde_json, which okrkit's documents use): the
/// nearest f64, ties to even (`10n ** 20n` is `1e20`, as the text
/// `100000000000000000000` is). Beyond an f64's range it is a `parse_error` at
/// `path`, as that text is ("number out of range"). A magnitude that fits 64
/// bits is read here too (as an f64 above 2^53 when it is not an i64/u64
/// integer: the caller keeps those exact).
///
/// ```
/// use okrkit::json_case::integer_of_words;
/// let v = integer_of_words(false, &[0x6bc7_5e2d_6310_0000, 5], "target")?;
/// assert_eq!(v, serde_json::json!(1e20));
/// assert_eq!(integer_of_words(true, &[0, 1], "x")?, serde_json::json!(-18446744073709551616.0));
/// let err = integer_of_words(false, &[1; 17], "target").unwrap_err();
/// assert_eq!((err.code(), err.path()), ("parse_error", "target"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn integer_of_words(negative: bool, words: &[u64], path: &str) -> Result<Value> {
    let n = words.iter().rposition(|&w| w != 0).map_or(0, |i| i + 1);
    let magnitude = match n {
        0 => 0.0,
        1 => words[0] as f64,
        _ => {
            // The top two words, exact, with a sticky bit for any lower one:
            // the top word is not 0, so bit 0 lies far below an f64's last
            // bit and only breaks ties (`u128 as f64` rounds to nearest,
            // ties to even); the scale is a power of two (exact, or
            // infinite beyond the range).
            let top = (u128::from(words[n - 1]) << 64) | u128::from(words[n - 2]);
            let sticky = u128::from(words[..n - 2].iter().any(|&w| w != 0));
            let exponent = 64 * (n as i32 - 2);
            if exponent > 1024 {
                f64::INFINITY
            } else {
                (top | sticky) as f64 * 2f64.powi(exponent)
            }
        }
    };
    if !magnitude.is_finite() {
        return Err(parse_error(
            path,
            "an integer beyond the range of a number (a double), as JSON text \
             reads it: number out of range",
        ));
    }
    let x = if negative { -magnitude } else { magnitude };
    Ok(Value::Number(
        Number::from_f64(x).unwrap_or_else(|| Number::from(0)),
    ))
}

/// A host's number as a count (an index, a size, a number of seconds or of
/// signatures): a whole number from 0 to 2^53. NaN, ±Infinity, a fraction, a
/// negative number or one beyond is `parse_error` at `path`, never truncated,
/// wrapped or read as 0.
///
/// # Errors
///
/// `parse_error`.
pub fn count(x: f64, path: &str) -> Result<u64> {
    if !x.is_finite() || x.fract() != 0.0 || !(0.0..=SAFE).contains(&x) {
        return Err(parse_error(
            path,
            format!("expected a whole number from 0, got {x}"),
        ));
    }
    Ok(x as u64)
}

/// A host's time as milliseconds since the epoch (a JavaScript `Date`) as
/// RFC 3339 text in UTC, with milliseconds unless whole seconds
/// (`2026-02-01T10:00:00.500Z`, `2026-02-01T10:00:00Z`); `None` for an
/// invalid time (NaN, out of range).
pub fn instant_of_millis(ms: f64) -> Option<String> {
    if !ms.is_finite() {
        return None;
    }
    let t = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms as i64)?;
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

/// A host's time in milliseconds since the epoch (a JavaScript `Date`) at
/// `path` as [`instant_of_millis`] writes it. An invalid `Date` (NaN) is
/// [`not_finite`]; a valid one beyond the years okrkit's times can hold
/// (`new Date(-8.64e15)`, year -271821) is `parse_error` saying so.
pub fn instant_of_js_millis(ms: f64, path: &str) -> Result<String> {
    if !ms.is_finite() {
        return Err(not_finite_as(path, "an invalid Date"));
    }
    instant_of_millis(ms).ok_or_else(|| {
        use chrono::Datelike;
        parse_error(
            path,
            format!(
                "this Date ({ms} ms from 1970) is outside the years {} to {}, the times okrkit can hold",
                chrono::DateTime::<chrono::Utc>::MIN_UTC.year(),
                chrono::DateTime::<chrono::Utc>::MAX_UTC.year()
            ),
        )
    })
}

/// The instant a JS `Date` stands for, as RFC 3339 text: `exact` (the text
/// the library gave the `Date`, with digits finer than a millisecond) when it
/// is an RFC 3339 time within that millisecond — the `Date` was not changed
/// since — else the millisecond itself ([`instant_of_millis`]). `None` for
/// an invalid `Date`.
///
/// ```
/// use okrkit::json_case::instant_of_date;
/// let exact = "2026-02-05T09:00:00.123456Z";
/// let ms = 1_770_282_000_123.0;
/// assert_eq!(instant_of_date(ms, Some(exact)).as_deref(), Some(exact));
/// // The Date was moved: its own time wins.
/// assert_eq!(instant_of_date(ms + 1.0, Some(exact)).as_deref(), Some("2026-02-05T09:00:00.124Z"));
/// assert_eq!(instant_of_date(ms, None).as_deref(), Some("2026-02-05T09:00:00.123Z"));
/// ```
pub fn instant_of_date(ms: f64, exact: Option<&str>) -> Option<String> {
    let within = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t)
            .is_ok_and(|d| ms.is_finite() && d.timestamp_millis() as f64 == ms.floor())
    };
    match exact {
        Some(t) if within(t) => Some(t.to_owned()),
        _ => instant_of_millis(ms),
    }
}

/// Turns every object key into snake_case ([`snake_key`]), so the library's
/// camelCase output reads back. `Ok(false)` when no key changed; a key given
/// in both spellings is [`ambiguous_key`].
pub fn snake_keys(value: &mut Value, path: &str) -> Result<bool> {
    match value {
        Value::Array(items) => {
            let mut changed = false;
            for (i, item) in items.iter_mut().enumerate() {
                changed |= snake_keys(item, &format!("{path}[{i}]"))?;
            }
            Ok(changed)
        }
        Value::Object(map) => {
            let mut changed = false;
            let mut out = Map::new();
            for (key, mut item) in std::mem::take(map) {
                let name = snake_key(&key);
                changed |= name != key;
                let p = join_path(path, &name);
                changed |= snake_keys(&mut item, &p)?;
                if out.insert(name, item).is_some() {
                    return Err(ambiguous_key(&p));
                }
            }
            *map = out;
            Ok(changed)
        }
        _ => Ok(false),
    }
}

/// `err` with its path as the caller spelled it: a binding that read the
/// value at `at` with its keys in snake_case ([`snake_key`]) gives each key
/// of the path below `at` back as written in `written` (that value, its keys
/// as the caller wrote them): `options.key_results` is `options.keyResults`
/// when the caller wrote `keyResults`. A key not found in `written` keeps
/// its name, and an error whose path is not below `at` is unchanged.
///
/// ```
/// use okrkit::json_case::{as_written, parse_error};
/// let written = serde_json::json!({ "rules": { "staleKeyResult": "loud" } });
/// let err = as_written(parse_error("options.rules.stale_key_result", "no"), "options", &written);
/// assert_eq!(err.path(), "options.rules.staleKeyResult");
/// ```
pub fn as_written(mut err: Error, at: &str, written: &Value) -> Error {
    let path = match &mut err {
        Error::Parse { path, .. }
        | Error::InvalidArgument { path, .. }
        | Error::Refused { path, .. } => path,
        _ => return err,
    };
    let Some(mut rest) = path.strip_prefix(at) else {
        return err;
    };
    if !(at.is_empty() || rest.is_empty() || rest.starts_with(['.', '['])) {
        return err;
    }
    let mut out = at.to_owned();
    let mut value = Some(written);
    while !rest.is_empty() {
        let key_start = usize::from(rest.starts_with('.'));
        let end = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '.' || c == '[')
            .map_or(rest.len(), |(i, _)| i);
        let (segment, tail) = rest.split_at(end);
        let seen = value.take();
        if let Some(i) = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            value = seen.and_then(|v| v.get(i.parse::<usize>().ok()?));
            out.push_str(segment);
        } else {
            let name = &segment[key_start..];
            let found = seen.and_then(Value::as_object).and_then(|m| {
                m.get_key_value(name)
                    .or_else(|| m.iter().find(|(k, _)| snake_key(k) == name))
            });
            out = join_path(&out, found.map_or(name, |(k, _)| k.as_str()));
            value = found.map(|(_, v)| v);
        }
        rest = tail;
    }
    *path = out;
    err
}

/// Reads a core type from JSON bytes, taking the library's camelCase output
/// as well: `direct` first (the JSON format, with line and column on error);
/// when that fails and the text has camelCase keys, again with its keys in
/// snake_case, read by `of_value`. The first error stands when no key was
/// camelCase.
pub fn from_text<T>(
    bytes: &[u8],
    path: &str,
    direct: impl FnOnce(&[u8]) -> Result<T>,
    of_value: impl FnOnce(Value) -> Result<T>,
) -> Result<T> {
    let first = match direct(bytes) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(bytes) else {
        return Err(first);
    };
    if !snake_keys(&mut value, path)? {
        return Err(first);
    }
    of_value(value)
}

/// A document from JSON bytes: okrkit's JSON format, or the library's own
/// camelCase output (`JSON.stringify(org.document())` in Node).
///
/// # Errors
///
/// Those of [`crate::Document::from_slice`] (line and column for bad JSON);
/// for camelCase text, those of [`crate::Document::from_value`].
pub fn document(bytes: &[u8]) -> Result<crate::Document> {
    from_text(
        bytes,
        "",
        crate::Document::from_slice,
        crate::Document::from_value,
    )
}

/// A document from JSON whose non-finite numbers (`NaN`, ±Infinity: JSON
/// cannot carry them) a host handed apart, each with its path, a placeholder
/// in the JSON: each is put back where the document had it, so that
/// validation sees the same f64 a Rust caller would pass (`not_finite` with
/// its path). When the JSON does not read as a document, the first such
/// number is the error (it may be why); a path that names no number field
/// is `not_finite` too.
///
/// # Errors
///
/// Those of [`crate::Document::from_value`], and `not_finite`.
pub fn document_with_numbers(json: Value, numbers: &[(String, f64)]) -> Result<crate::Document> {
    let mut doc = match (crate::Document::from_value(json), numbers.first()) {
        (Ok(doc), _) => doc,
        (Err(_), Some((path, x))) => return Err(not_finite(path, *x)),
        (Err(e), None) => return Err(e),
    };
    for (path, x) in numbers {
        if !doc.set_number_at(path, *x) {
            return Err(not_finite(path, *x));
        }
    }
    Ok(doc)
}

/// An organisation from JSON bytes, read as [`document`] reads them but
/// through [`crate::Org::from_slice`] (the check-ins straight into the
/// organisation's columns).
///
/// # Errors
///
/// Those of [`document`], and of validation.
pub fn org(bytes: &[u8]) -> Result<crate::Org> {
    from_text(bytes, "", crate::Org::from_slice, |v| {
        crate::Document::from_value(v).and_then(crate::Org::new)
    })
}

/// A ledger entry from its JSON line, or from the library's own camelCase
/// output, errors at `path` (`entries[3]`).
///
/// # Errors
///
/// `parse_error` (text that is not UTF-8 or not an entry) and those of
/// [`crate::ledger::Entry::from_json`].
pub fn entry(bytes: &[u8], path: &str) -> Result<crate::ledger::Entry> {
    let direct = |b: &[u8]| match std::str::from_utf8(b) {
        Ok(t) => crate::ledger::Entry::from_json(t),
        Err(e) => Err(parse_error(path, format!("not UTF-8: {e}"))),
    };
    from_text(bytes, path, direct, |v| {
        crate::options::from_value_at(v, path)
    })
}

/// Ledger entries from the JSON text of an array of them, snake_case or the
/// library's camelCase (`JSON.stringify(ledger.entries())`); errors name the
/// entry (`entries[3]`), with line and column for bad JSON.
///
/// # Errors
///
/// `parse_error`.
pub fn entries(bytes: &[u8]) -> Result<Vec<crate::ledger::Entry>> {
    let of_value = |v| crate::options::from_value_at(v, "entries");
    let direct = |b: &[u8]| {
        let v: Value = serde_json::from_slice(b).map_err(|e| Error::Parse {
            path: String::new(),
            message: e.to_string(),
            position: crate::Position::at(e.line(), e.column()),
        })?;
        of_value(v)
    };
    from_text(bytes, "entries", direct, of_value)
}

/// A serde_json formatter that writes object keys in camelCase.
#[derive(Default)]
struct CamelKeys {
    in_key: bool,
    upper_next: bool,
}

impl serde_json::ser::Formatter for CamelKeys {
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.in_key = true;
        self.upper_next = false;
        if first { Ok(()) } else { w.write_all(b",") }
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.in_key = false;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !self.in_key {
            return w.write_all(fragment.as_bytes());
        }
        for &b in fragment.as_bytes() {
            if b == b'_' {
                self.upper_next = true;
                continue;
            }
            if self.upper_next {
                w.write_all(&[b.to_ascii_uppercase()])?;
                self.upper_next = false;
            } else {
                w.write_all(&[b])?;
            }
        }
        Ok(())
    }
}

/// JSON text of a core value with its object keys in camelCase
/// (`key_results` -> `keyResults`), written in one pass: no `Value` is built.
pub fn to_camel_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, CamelKeys::default());
    value.serialize(&mut ser)?;
    // The formatter writes keys' ASCII bytes and everything else as given.
    Ok(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An error's path below `at` takes the caller's spelling of each key;
    /// indexes, unknown keys and paths elsewhere stay as they are.
    #[test]
    fn as_written_gives_each_key_as_the_caller_wrote_it() {
        let written = json!({
            "keyResults": false,
            "as_of": "x",
            "rules": { "staleKeyResult": "loud" },
            "list": [{ "startValue": 1 }],
        });
        let path = |p: &str| {
            as_written(parse_error(p, "m"), "options", &written)
                .path()
                .to_owned()
        };
        assert_eq!(path("options.key_results"), "options.keyResults");
        assert_eq!(path("options.as_of"), "options.as_of");
        assert_eq!(
            path("options.rules.stale_key_result"),
            "options.rules.staleKeyResult"
        );
        assert_eq!(
            path("options.list[0].start_value"),
            "options.list[0].startValue"
        );
        assert_eq!(path("options.never_given"), "options.never_given");
        assert_eq!(
            path("options.never_given.deeper_key"),
            "options.never_given.deeper_key"
        );
        assert_eq!(path("options"), "options");
        assert_eq!(path("optionsX.key_results"), "optionsX.key_results");
        assert_eq!(path("dates[0]"), "dates[0]");
        let message = as_written(parse_error("options.key_results", "m"), "options", &written);
        assert_eq!(
            message.to_string(),
            parse_error("options.keyResults", "m").to_string()
        );
        let other = Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: "m".into(),
            path: "options.key_results".into(),
        };
        assert_eq!(
            as_written(other, "options", &written).path(),
            "options.keyResults"
        );
        // Read at the root (`at` empty): the whole path is the caller's.
        let root = as_written(parse_error("key_results", "m"), "", &written);
        assert_eq!(root.path(), "keyResults");
    }

    /// Decimal text of a magnitude given as 64-bit words (least significant first).
    fn decimal(words: &[u64]) -> String {
        let mut w = words.to_vec();
        let mut digits = Vec::new();
        while w.iter().any(|&x| x != 0) {
            let mut rem = 0u128;
            for x in w.iter_mut().rev() {
                let cur = (rem << 64) | u128::from(*x);
                *x = (cur / 10) as u64;
                rem = cur % 10;
            }
            digits.push(b'0' + rem as u8);
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        digits.reverse();
        String::from_utf8(digits).unwrap()
    }

    proptest::proptest! {
        /// Up to two words, the decimal is u128's; more words are checked
        /// against the value rebuilt from the digits, one 10^19 chunk at a time.
        #[test]
        fn decimal_of_words_is_the_integer_in_decimal(
            negative: bool,
            words in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..5),
        ) {
            let text = decimal_of_words(negative, &words);
            let magnitude = text.strip_prefix('-').unwrap_or(&text);
            proptest::prop_assert!(magnitude == "0" || !magnitude.starts_with('0'));
            proptest::prop_assert_eq!(text.starts_with('-'), negative && magnitude != "0");
            if words.len() <= 2 {
                let n = words.iter().rev().fold(0u128, |n, &w| (n << 64) | u128::from(w));
                proptest::prop_assert_eq!(magnitude, n.to_string());
            }
            // Rebuilt word by word from the decimal digits.
            let mut back = vec![0u64; words.len().max(1)];
            for d in magnitude.bytes() {
                let mut carry = u128::from(d - b'0');
                for w in back.iter_mut() {
                    let n = u128::from(*w) * 10 + carry;
                    *w = n as u64;
                    carry = n >> 64;
                }
                proptest::prop_assert_eq!(carry, 0);
            }
            let mut given = words.clone();
            given.resize(back.len(), 0);
            proptest::prop_assert_eq!(back, given);
        }

        /// r15 finding 11: a host's integer beyond 64 bits is the number the
        /// same literal in JSON text is (serde_json), to the last bit, or
        /// refused where the text is.
        #[test]
        fn a_big_integer_reads_as_its_json_literal(
            negative: bool,
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u64>(),
                    proptest::prelude::Just(0u64),
                    proptest::prelude::Just(1u64 << 63),
                    proptest::prelude::Just(1u64 << 11),
                    // Halfway cases: a top word 1 with 1 << 11 below it, or
                    // bit 10 of a full top word; the sticky bit decides.
                    proptest::prelude::Just(1u64),
                    proptest::prelude::Just((1u64 << 63) | (1 << 10)),
                    proptest::prelude::Just(u64::MAX),
                ],
                1..18,
            ),
        ) {
            let text = format!("{}{}", if negative { "-" } else { "" }, decimal(&words));
            let from_text = serde_json::from_str::<Value>(&text);
            let ours = integer_of_words(negative, &words, "x");
            match (from_text, ours) {
                (Ok(t), Ok(o)) => {
                    let (t, o) = (t.as_f64().unwrap(), o.as_f64().unwrap());
                    // `==`: the same f64, but for the sign of a zero.
                    proptest::prop_assert!(t == o, "{}: text {}, ours {}", text, t, o);
                }
                (Err(_), Err(e)) => proptest::prop_assert_eq!((e.code(), e.path()), ("parse_error", "x")),
                (t, o) => proptest::prop_assert!(false, "{}: text {:?}, ours {:?}", text, t, o),
            }
        }
    }

    #[test]
    fn keys_change_case_and_values_do_not() {
        assert_eq!(snake_key("keyResults"), "key_results");
        assert_eq!(snake_key("key_results"), "key_results");
        assert_eq!(snake_key("Id"), "id");
        let v = json!({ "check_ins": [{ "at": "x", "kind": "check_in" }], "as_of": null });
        let text = to_camel_json(&v).unwrap();
        assert_eq!(
            text,
            r#"{"asOf":null,"checkIns":[{"at":"x","kind":"check_in"}]}"#
        );
        let mut back: Value = serde_json::from_str(&text).unwrap();
        assert!(snake_keys(&mut back, "").unwrap());
        assert_eq!(back, v);
        // Already snake_case: nothing changed.
        assert!(!snake_keys(&mut back, "").unwrap());
    }

    #[test]
    fn a_key_in_both_spellings_is_refused_with_its_path() {
        let mut v = json!({ "objectives": [{ "checkIns": [], "check_ins": [] }] });
        let e = snake_keys(&mut v, "").unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("parse_error", "objectives[0].check_ins")
        );
        let mut v = json!([{ "aB": 1, "a_b": 2 }]);
        assert_eq!(
            snake_keys(&mut v, "entries").unwrap_err().path(),
            "entries[0].a_b"
        );
    }

    #[test]
    fn from_text_reads_camel_case_only_when_the_format_fails() {
        let direct = |b: &[u8]| -> Result<Value> {
            let v: Value = serde_json::from_slice(b).map_err(|e| parse_error("", e.to_string()))?;
            match v.get("start_value") {
                Some(_) => Ok(v),
                None => Err(parse_error("start_value", "missing")),
            }
        };
        let ok = from_text(br#"{"startValue":2}"#, "", direct, Ok).unwrap();
        assert_eq!(ok, json!({ "start_value": 2 }));
        // No camelCase key: the format's own error stands.
        let e = from_text(br#"{"other":2}"#, "", direct, Ok).unwrap_err();
        assert_eq!(e.path(), "start_value");
        // Not JSON: the format's error, with nothing tried again.
        let e = from_text(b"{", "", direct, Ok).unwrap_err();
        assert_eq!(e.code(), "parse_error");
    }

    #[test]
    fn numbers_keep_integers_and_refuse_non_finite() {
        assert_eq!(number(1.0, "x").unwrap(), json!(1));
        assert_eq!(number(0.1, "x").unwrap(), json!(0.1));
        // -0 is 0, as JSON.stringify writes it and as a count reads it.
        assert_eq!(number(-0.0, "x").unwrap(), json!(0));
        let o: crate::lint::LintOptions = crate::options::from_value(
            json!({ "stale_after_days": number(-0.0, "stale_after_days").unwrap() }),
        )
        .unwrap();
        assert_eq!(o.stale_after_days, 0);
        assert!(number(9_007_199_254_740_994.0, "x").unwrap().is_f64());
        let e = number(f64::NAN, "a.b").unwrap_err();
        assert_eq!((e.code(), e.path()), ("not_finite", "a.b"));
        assert!(e.to_string().contains("NaN"));
        assert!(
            number(f64::NEG_INFINITY, "x")
                .unwrap_err()
                .to_string()
                .contains("Infinity")
        );
    }

    #[test]
    fn the_librarys_camel_case_output_reads_back() {
        let text = r#"{"cycles": [{"id": "q1", "name": "Q1",
                "start": "2026-01-01", "end": "2026-03-31"}],
            "teams": [{"id": "t", "name": "T"}], "people": [{"id": "ana", "name": "Ana"}]}"#;
        let doc = document(text.as_bytes()).unwrap();
        let camel = to_camel_json(&doc).unwrap();
        assert!(camel.contains("\"schemaVersion\""));
        assert_eq!(document(camel.as_bytes()).unwrap(), doc);
        assert_eq!(org(camel.as_bytes()).unwrap().key_result_count(), 0);
        // Bad JSON keeps its line and column; an unknown key is the format's error.
        let e = document(b"{\n  \"cycles\": [,]}").unwrap_err();
        assert_eq!(e.code(), "parse_error");
        assert!(e.to_string().contains("line 2"), "{e}");

        let mut ledger = crate::ledger::Ledger::new();
        let at = "2026-01-02T00:00:00Z".parse().unwrap();
        let actor = crate::ledger::Actor::new("ana", "t");
        let action = crate::ledger::Action::Import {
            document: Box::new(doc),
            agreed: Vec::new(),
            roles: Default::default(),
        };
        let e0 = ledger.append(at, actor, action).unwrap().clone();
        assert_eq!(entry(e0.to_json().as_bytes(), "entries[0]").unwrap(), e0);
        assert_eq!(
            entry(to_camel_json(&e0).unwrap().as_bytes(), "x").unwrap(),
            e0
        );
        let all = to_camel_json(ledger.entries()).unwrap();
        assert_eq!(entries(all.as_bytes()).unwrap(), ledger.entries());
        let e = entries(b"[{}]").unwrap_err();
        assert_eq!(
            (e.code(), e.path().starts_with("entries[0]")),
            ("parse_error", true)
        );
        assert_eq!(
            entry(&[0xff], "entries[2]").unwrap_err().path(),
            "entries[2]"
        );
    }

    #[test]
    fn non_finite_numbers_go_back_where_the_document_had_them() {
        let json = serde_json::json!({
            "cycles": [{ "id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31" }],
            "teams": [{ "id": "t", "name": "T" }],
            "check_ins": [{ "key_result": "k", "at": "2026-01-02T00:00:00Z", "value": 0 }]
        });
        let numbers = [("check_ins[0].value".to_owned(), f64::NAN)];
        let doc = document_with_numbers(json.clone(), &numbers).unwrap();
        assert!(doc.check_ins[0].value.is_nan());
        let e = document_with_numbers(json.clone(), &[("teams[0].id".into(), f64::INFINITY)])
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("not_finite", "teams[0].id"));
        // Not a document: the first such number is the error.
        let e = document_with_numbers(serde_json::json!({ "cycles": 1 }), &numbers).unwrap_err();
        assert_eq!((e.code(), e.path()), ("not_finite", "check_ins[0].value"));
        let e = document_with_numbers(serde_json::json!({ "cycles": 1 }), &[]).unwrap_err();
        assert_eq!(e.code(), "parse_error");
    }

    #[test]
    fn counts_are_whole_and_times_are_rfc_3339() {
        assert_eq!(count(3.0, "seq").unwrap(), 3);
        assert_eq!(count(9_007_199_254_740_992.0, "seq").unwrap(), 1 << 53);
        for x in [f64::NAN, f64::INFINITY, 1.5, -1.0, 9_007_199_254_740_994.0] {
            let e = count(x, "seq").unwrap_err();
            assert_eq!((e.code(), e.path()), ("parse_error", "seq"), "{x}");
        }
        assert_eq!(
            instant_of_millis(0.0).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            instant_of_millis(1500.0).as_deref(),
            Some("1970-01-01T00:00:01.500Z")
        );
        assert_eq!(instant_of_millis(f64::NAN), None);
        assert_eq!(instant_of_millis(1e300), None);
        // A JavaScript Date: invalid is not_finite, valid but out of range parse_error.
        let e = instant_of_js_millis(f64::NAN, "at").unwrap_err();
        assert_eq!((e.code(), e.path()), ("not_finite", "at"));
        for ms in [-8.64e15, 8.64e15] {
            let e = instant_of_js_millis(ms, "at").unwrap_err();
            assert_eq!((e.code(), e.path()), ("parse_error", "at"), "{ms}");
            assert!(e.to_string().contains("outside the years"), "{e}");
        }
        assert_eq!(
            instant_of_js_millis(1500.0, "at").unwrap(),
            "1970-01-01T00:00:01.500Z"
        );
    }

    #[test]
    fn paths_join_keys_and_indexes() {
        assert_eq!(join_path("", "a"), "a");
        assert_eq!(join_path("a", "b"), "a.b");
        assert_eq!(join_path("a", "[3]"), "a[3]");
    }
}
