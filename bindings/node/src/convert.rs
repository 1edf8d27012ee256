//! Values across the boundary.
//!
//! * **In**: a JS value (a plain object straight from a database row or a
//!   request body) becomes a `serde_json::Value`, then the core's serde types.
//!   Keys may be camelCase (`keyResults`) or the JSON format's snake_case
//!   (`key_results`): each key is converted to snake_case. `Date` objects
//!   become ISO 8601 strings; `undefined` properties are skipped (as
//!   `JSON.stringify` does). A `NaN` or infinite number is refused with the
//!   code `not_finite` and its path — never turned into `null`.
//! * **Out**: a core report is written as JSON whose object keys are turned to
//!   camelCase on the fly (a serde_json `Formatter`), then parsed by V8's
//!   `JSON.parse` — one string crossing the boundary instead of one napi call
//!   per property. Enum values (`"aspirational"`, `"check_in"`) stay the
//!   stable snake_case strings of the core. Where the output holds instants
//!   (`at`, `…At`, `since`), they become `Date` objects.

use napi::bindgen_prelude::*;
use napi::{JsString, JsValue, ValueType};
use okrkit::{Error as OkrError, ProblemCode};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::io;

/// Deepest nesting read from a JS value (the core's JSON limit).
const MAX_DEPTH: usize = okrkit::limits::MAX_JSON_DEPTH;

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

/// A `parse_error` at `path`.
pub fn parse_problem(path: impl Into<String>, message: impl Into<String>) -> OkrError {
    OkrError::Parse {
        path: path.into(),
        message: message.into(),
        position: None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else if key.starts_with('[') {
        format!("{path}{key}") // an index: `texts[3]`
    } else {
        format!("{path}.{key}")
    }
}

/// Milliseconds since the epoch -> ISO 8601 (UTC, millisecond precision).
pub fn iso_of_millis(ms: f64) -> Option<String> {
    if !ms.is_finite() {
        return None;
    }
    let dt = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms as i64)?;
    Some(dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

/// Reads any JS value into JSON, with the path of anything that cannot be. A
/// `NaN` or infinite number is an error (`not_finite`).
pub fn from_js(value: Unknown<'_>, path: &str) -> std::result::Result<Value, OkrError> {
    Reader::default().read(value, path, 0)
}

/// Reads a JS value into JSON, setting each `NaN` or infinite number aside
/// (with its path, a 0 in its place) so the caller can hand it to the core as
/// the f64 it is: the core's validation then decides (`not_finite` with the
/// path), exactly as in Rust.
pub fn from_js_keeping_non_finite(
    value: Unknown<'_>,
    path: &str,
) -> std::result::Result<(Value, Vec<(String, f64)>), OkrError> {
    let mut r = Reader {
        keep_non_finite: true,
        ..Reader::default()
    };
    let v = r.read(value, path, 0)?;
    Ok((v, r.non_finite))
}

#[derive(Default)]
struct Reader {
    keep_non_finite: bool,
    non_finite: Vec<(String, f64)>,
    /// Keep object keys as they are (another tool's export: `startValue` is
    /// GitLab's own name, not a camelCase spelling of okrkit's).
    verbatim_keys: bool,
}

/// Reads a JS value into JSON keeping every key as written (an export of
/// another tool, read by its own field names).
pub fn from_js_verbatim(value: Unknown<'_>, path: &str) -> std::result::Result<Value, OkrError> {
    Reader {
        verbatim_keys: true,
        ..Reader::default()
    }
    .read(value, path, 0)
}

fn napi_problem(path: &str, e: napi::Error) -> OkrError {
    parse_problem(path, format!("cannot read this value: {}", e.reason))
}

impl Reader {
    fn read(
        &mut self,
        value: Unknown<'_>,
        path: &str,
        depth: usize,
    ) -> std::result::Result<Value, OkrError> {
        if depth > MAX_DEPTH {
            return Err(parse_problem(
                path,
                format!("nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        let np = |e| napi_problem(path, e);
        match value.get_type().map_err(np)? {
            ValueType::Null | ValueType::Undefined => Ok(Value::Null),
            ValueType::Boolean => Ok(Value::Bool(bool::from_unknown(value).map_err(np)?)),
            ValueType::Number => {
                let x = f64::from_unknown(value).map_err(np)?;
                if !x.is_finite() && self.keep_non_finite {
                    self.non_finite.push((path.to_owned(), x));
                    return Ok(Value::Number(Number::from(0)));
                }
                number(x, path)
            }
            ValueType::String => Ok(Value::String(String::from_unknown(value).map_err(np)?)),
            ValueType::BigInt => {
                let b = BigInt::from_unknown(value).map_err(np)?;
                let (v, lossless) = b.get_i64();
                if lossless {
                    return Ok(Value::Number(Number::from(v)));
                }
                let (negative, u, lossless) = b.get_u64();
                if lossless && !negative {
                    Ok(Value::Number(Number::from(u)))
                } else {
                    Err(parse_problem(path, "a BigInt outside the 64-bit range"))
                }
            }
            ValueType::Object => {
                if value.is_date().map_err(np)? {
                    let obj = Object::from_unknown(value).map_err(np)?;
                    let get_time: Function<(), f64> =
                        obj.get_named_property("getTime").map_err(np)?;
                    let ms = get_time.apply(obj, ()).map_err(np)?;
                    return iso_of_millis(ms)
                        .map(Value::String)
                        .ok_or_else(|| not_finite(path, "an invalid Date"));
                }
                if value.is_array().map_err(np)? {
                    let arr = Array::from_unknown(value).map_err(np)?;
                    let n = arr.len();
                    let mut out = Vec::with_capacity(n as usize);
                    for i in 0..n {
                        let p = format!("{path}[{i}]");
                        let item: Option<Unknown> = arr.get(i).map_err(|e| napi_problem(&p, e))?;
                        out.push(match item {
                            Some(item) => self.read(item, &p, depth + 1)?,
                            None => Value::Null, // a hole, or undefined: as JSON.stringify does
                        });
                    }
                    return Ok(Value::Array(out));
                }
                let obj = Object::from_unknown(value).map_err(np)?;
                if !is_plain(&obj).map_err(np)? {
                    return Err(parse_problem(
                        path,
                        "expected a plain object (a Map, a Set, a typed array or a class \
                         instance is not data: convert it first)",
                    ));
                }
                let keys = Object::keys(&obj).map_err(np)?;
                let mut map = Map::new();
                for key in keys {
                    let name = if self.verbatim_keys {
                        key.clone()
                    } else {
                        snake_key(&key)
                    };
                    let p = join(path, &name);
                    let item: Unknown = obj
                        .get_named_property(&key)
                        .map_err(|e| napi_problem(&p, e))?;
                    if item.get_type().map_err(|e| napi_problem(&p, e))? == ValueType::Undefined {
                        continue; // as JSON.stringify does
                    }
                    let item = self.read(item, &p, depth + 1)?;
                    if map.insert(name, item).is_some() {
                        return Err(ambiguous(&p));
                    }
                }
                Ok(Value::Object(map))
            }
            ValueType::Function => Err(parse_problem(path, "a function is not data")),
            ValueType::Symbol => Err(parse_problem(path, "a Symbol is not data")),
            ValueType::External | ValueType::Unknown => {
                Err(parse_problem(path, "this value is not data"))
            }
        }
    }
}

/// Whether an object is plain data: its prototype is `Object.prototype` (of
/// any realm) or `null`. A `Map`, a `Set`, a boxed primitive, a typed array or
/// a class instance is not.
fn is_plain(obj: &Object<'_>) -> napi::Result<bool> {
    let proto = obj.get_prototype()?;
    if proto.get_type()? == ValueType::Null {
        return Ok(true);
    }
    let proto = Object::from_unknown(proto)?;
    Ok(proto.get_prototype()?.get_type()? == ValueType::Null)
}

/// Two spellings of one key in one object (`checkIns` and `check_ins`).
fn ambiguous(path: &str) -> OkrError {
    parse_problem(
        path,
        "this key is given twice, in camelCase and in snake_case: keep one",
    )
}

/// Turns every object key of JSON read from text into snake_case
/// (`keyResults` -> `key_results`), as for a JS object: the library's own
/// camelCase output reads back. `Ok(false)` when no key changed.
pub fn snake_keys(value: &mut Value, path: &str) -> std::result::Result<bool, OkrError> {
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
                let p = join(path, &name);
                changed |= snake_keys(&mut item, &p)?;
                if out.insert(name, item).is_some() {
                    return Err(ambiguous(&p));
                }
            }
            *map = out;
            Ok(changed)
        }
        _ => Ok(false),
    }
}

/// Reads a core type from JSON text, taking the library's camelCase output
/// as well: `direct` first (the JSON format, with line and column on error);
/// when that fails and the text has camelCase keys, again with its keys in
/// snake_case, read by `of_value`. The first error stands when no key was
/// camelCase.
pub fn from_text<T>(
    bytes: &[u8],
    path: &str,
    direct: impl FnOnce(&[u8]) -> std::result::Result<T, OkrError>,
    of_value: impl FnOnce(Value) -> std::result::Result<T, OkrError>,
) -> std::result::Result<T, OkrError> {
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

/// The error for a `NaN` or infinite number at `path`.
pub fn not_finite_error(path: &str, x: f64) -> OkrError {
    not_finite(path, if x.is_nan() { "NaN" } else { "Infinity" })
}

fn not_finite(path: &str, what: &str) -> OkrError {
    OkrError::InvalidArgument {
        code: ProblemCode::NotFinite,
        message: format!("{what} is not a finite number; okrkit never reads it as null"),
        path: path.to_owned(),
    }
}

/// A JS number as JSON: integers stay integers (so `schema_version: 1`
/// reads as an integer), everything else is the same f64 to the last bit.
fn number(x: f64, path: &str) -> std::result::Result<Value, OkrError> {
    if !x.is_finite() {
        let what = if x.is_nan() { "NaN" } else { "Infinity" };
        return Err(not_finite(path, what));
    }
    const SAFE: f64 = 9_007_199_254_740_992.0; // 2^53
    if x.fract() == 0.0 && x.abs() <= SAFE && !(x == 0.0 && x.is_sign_negative()) {
        return Ok(Value::Number(Number::from(x as i64)));
    }
    Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| not_finite(path, "this number"))
}

/// A typed argument read with okrkit's own error: a value of the wrong type,
/// or an argument left out, is `parse_error` whose `path` is the argument's
/// name, never napi's pathless `StringExpected`/`NumberExpected`. Every
/// native function takes its arguments as `Unknown` and reads them here.
///
/// ```js
/// org.scoreCycle(42) // OkrError { code: 'parse_error', path: 'cycle' }
/// ```
pub fn arg<T: FromNapiValue + TypeName>(
    value: Unknown<'_>,
    name: &str,
) -> std::result::Result<T, OkrError> {
    let got = value.get_type().unwrap_or(ValueType::Unknown);
    let wanted = match T::value_type() {
        // A class instance or a typed array: name it (`a Ledger`, `a Uint8Array`).
        ValueType::Object => format!("a {}", T::type_name()),
        t => describe(t).to_owned(),
    };
    let refused = || parse_problem(name, format!("expected {wanted}, got {}", describe(got)));
    if got != T::value_type() {
        return Err(refused());
    }
    T::from_unknown(value).map_err(|_| refused())
}

/// A whole, non-negative number argument (an index, a size, a count of
/// seconds or of signatures): NaN, ±Infinity, a fraction, a negative number
/// or one beyond 2^53 is `parse_error` at the argument's name. napi's own
/// integer conversion would truncate it, wrap it or read it as 0.
///
/// ```js
/// ledger.entryJson(NaN) // OkrError { code: 'parse_error', path: 'seq' }
/// ```
pub fn count_arg<T: TryFrom<u64>>(
    value: Unknown<'_>,
    name: &str,
) -> std::result::Result<T, OkrError> {
    let x: f64 = arg(value, name)?;
    const SAFE: f64 = 9_007_199_254_740_992.0; // 2^53
    if !x.is_finite() || x.fract() != 0.0 || !(0.0..=SAFE).contains(&x) {
        return Err(parse_problem(
            name,
            format!("expected a whole number from 0, got {x}"),
        ));
    }
    T::try_from(x as u64).map_err(|_| parse_problem(name, format!("{x} is too large here")))
}

/// [`count_arg`] for an optional argument: `undefined` or `null` is `None`.
pub fn opt_count_arg<T: TryFrom<u64>>(
    value: Option<Unknown<'_>>,
    name: &str,
) -> std::result::Result<Option<T>, OkrError> {
    match value {
        Some(v) if !matches!(v.get_type(), Ok(ValueType::Undefined | ValueType::Null)) => {
            count_arg(v, name).map(Some)
        }
        _ => Ok(None),
    }
}

/// [`arg`] for an optional argument: `undefined` or `null` is `None`.
pub fn opt_arg<T: FromNapiValue + TypeName>(
    value: Option<Unknown<'_>>,
    name: &str,
) -> std::result::Result<Option<T>, OkrError> {
    match value {
        Some(v) if !matches!(v.get_type(), Ok(ValueType::Undefined | ValueType::Null)) => {
            arg(v, name).map(Some)
        }
        _ => Ok(None),
    }
}

/// An argument read through serde (a `string[]`, a number): errors name the
/// element (`texts[3]`).
pub fn arg_de<T: serde::de::DeserializeOwned>(
    value: Unknown<'_>,
    name: &str,
) -> std::result::Result<T, OkrError> {
    decode(from_js(value, name)?, name)
}

fn describe(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "nothing (undefined)",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a Symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external value",
        ValueType::BigInt => "a BigInt",
        _ => "a value of another type",
    }
}

/// Reads an optional JS value (`undefined`/`null` -> `None`).
pub fn optional(
    value: Option<Unknown<'_>>,
    path: &str,
) -> std::result::Result<Option<Value>, OkrError> {
    match value {
        None => Ok(None),
        Some(v) => match from_js(v, path)? {
            Value::Null => Ok(None),
            v => Ok(Some(v)),
        },
    }
}

/// Deserialises a core type from JSON read off a JS value, keeping the path of
/// the offending element.
pub fn decode<T: serde::de::DeserializeOwned>(
    value: Value,
    path: &str,
) -> std::result::Result<T, OkrError> {
    okrkit::options::from_value_at(value, path)
}

// ---------------------------------------------------------------- dates

/// A day from an ISO string (`2026-02-15`, or an instant: its UTC day).
pub fn parse_day_str(s: &str, path: &str) -> std::result::Result<chrono::NaiveDate, OkrError> {
    parse_day(s).ok_or_else(|| {
        parse_problem(
            path,
            format!("'{s}' is not a date (YYYY-MM-DD) or an ISO 8601 instant"),
        )
    })
}

fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    if let Ok(d) = s.parse::<chrono::NaiveDate>() {
        return Some(d);
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc).date_naive())
}

/// An instant (`at` of a ledger entry): a `Date` or an ISO 8601 string with a
/// time zone.
pub fn instant(
    value: Unknown<'_>,
    path: &str,
) -> std::result::Result<chrono::DateTime<chrono::Utc>, OkrError> {
    let v = from_js(value, path)?;
    let Value::String(s) = v else {
        return Err(parse_problem(path, "expected a Date or an ISO 8601 string"));
    };
    s.parse::<chrono::DateTime<chrono::Utc>>()
        .map_err(|e| parse_problem(path, format!("'{s}' is not an ISO 8601 instant: {e}")))
}

/// A moment a query is "as of" (`replay`, `asOf`, waiting dependencies): a
/// `Date` or RFC 3339 text is that instant, a `'YYYY-MM-DD'` date the whole
/// day, as in progress (the core's `parse_moment`).
pub fn moment(
    value: Unknown<'_>,
    path: &str,
) -> std::result::Result<chrono::DateTime<chrono::Utc>, OkrError> {
    match from_js(value, path)? {
        Value::String(s) => okrkit::ledger::parse_moment(&s, path),
        _ => Err(parse_problem(
            path,
            "expected a Date, an RFC 3339 time or a 'YYYY-MM-DD' date",
        )),
    }
}

/// An optional instant.
pub fn optional_instant(
    value: Option<Unknown<'_>>,
    path: &str,
) -> std::result::Result<Option<chrono::DateTime<chrono::Utc>>, OkrError> {
    match value {
        None => Ok(None),
        Some(v) if matches!(v.get_type(), Ok(ValueType::Undefined | ValueType::Null)) => Ok(None),
        Some(v) => instant(v, path).map(Some),
    }
}

// ---------------------------------------------------------------- out

/// A serde_json formatter that writes object keys in camelCase.
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

/// JSON text of a core value with camelCase keys.
pub fn camel_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        CamelKeys {
            in_key: false,
            upper_next: false,
        },
    );
    value
        .serialize(&mut ser)
        .map_err(|e| napi::Error::from_reason(format!("okrkit: cannot serialise a result: {e}")))?;
    String::from_utf8(out).map_err(|e| napi::Error::from_reason(e.to_string()))
}

/// The reviver turning instants (`at`, `…At`, `since`) into `Date` objects.
const DATE_REVIVER: &str = r"(function (k, v) {
  return typeof v === 'string' && (k === 'at' || k === 'since' || (k.length > 2 && k.endsWith('At'))) &&
    /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v;
})";

/// Whether instants in the output become `Date` objects.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Keep strings (reports that carry calendar days only).
    Strings,
    /// `at`, `…At` and `since` become `Date`.
    Revive,
}

/// A core value as a plain JS value with camelCase keys.
pub fn to_js<'e, T: Serialize + ?Sized>(
    env: &'e Env,
    value: &T,
    dates: Dates,
) -> Result<Unknown<'e>> {
    let text = camel_json(value)?;
    parse_json(env, &text, dates)
}

/// `JSON.stringify` with a replacer that notes anything JSON would not say
/// faithfully: a non-finite number (it would become `null`), an invalid
/// `Date`, a function, a `Symbol`, a `BigInt`, an object that is not plain
/// data (a `Map` would become `{}`).
const DATA_STRINGIFY: &str = r"(function () {
  let bad = false
  const plain = (o) => { const p = Object.getPrototypeOf(o); return p === null || Object.getPrototypeOf(p) === null }
  function replacer(k, v) {
    if (bad) return undefined
    const o = this[k]
    switch (typeof v) {
      case 'number': if (!Number.isFinite(v)) bad = true; return v
      case 'string': case 'boolean': case 'undefined': return v
      case 'object':
        if (o instanceof Date) { if (v === null) bad = true; return v }
        if (v !== null && !Array.isArray(v) && !plain(o)) bad = true
        return v
      default: bad = true; return undefined
    }
  }
  return function (value) { bad = false; const t = JSON.stringify(value, replacer); return bad ? undefined : t }
})()";

/// A plain JS value as JSON text with one native `JSON.stringify` (no napi
/// call per property), or `None` when the value holds anything JSON text
/// would change or drop: the caller then reads it with [`from_js`], which
/// names the offending element.
pub fn stringify_data(env: &Env, value: Unknown<'_>) -> Result<Option<String>> {
    let f: Function<Unknown, Unknown> = script(env, Script::Stringify)?;
    let out = f.call(value)?;
    if out.get_type()? != ValueType::String {
        return Ok(None);
    }
    Ok(Some(String::from_unknown(out)?))
}

/// `JSON.parse` of text, optionally with the date reviver.
pub fn parse_json<'e>(env: &'e Env, text: &str, dates: Dates) -> Result<Unknown<'e>> {
    let global = env.get_global()?;
    let json: Object = global.get_named_property("JSON")?;
    let s: JsString = env.create_string(text)?;
    match dates {
        Dates::Strings => {
            let parse: Function<JsString, Unknown> = json.get_named_property("parse")?;
            parse.apply(json, s)
        }
        Dates::Revive => {
            let parse: Function<FnArgs<(JsString, Unknown)>, Unknown> =
                json.get_named_property("parse")?;
            let reviver: Unknown = script::<Function<(), ()>>(env, Script::Reviver)?.to_unknown();
            parse.apply(json, FnArgs::from((s, reviver)))
        }
    }
}

/// An array of strings as JSON text with one plain `JSON.stringify` (no
/// replacer: nothing in such an array is changed or dropped), or `undefined`
/// for anything else.
const STRINGS_STRINGIFY: &str = r"(function (v) {
  return Array.isArray(v) && v.every((t) => typeof t === 'string') ? JSON.stringify(v) : undefined
})";

/// The scripts this module runs, compiled once per JS environment (the main
/// thread and each worker have their own) and kept as references in the
/// environment's instance data, not compiled again on every call.
#[derive(Clone, Copy)]
enum Script {
    Stringify,
    Strings,
    Reviver,
}

struct Scripts {
    stringify: FunctionRef<(), ()>,
    strings: FunctionRef<(), ()>,
    reviver: FunctionRef<(), ()>,
}

/// The compiled `script`, as a function of the caller's type.
fn script<F: FromNapiValue>(env: &Env, which: Script) -> Result<F> {
    let scripts = match env.get_instance_data::<Scripts>()? {
        Some(s) => s,
        None => {
            let compile = |text: &str| -> Result<FunctionRef<(), ()>> {
                env.run_script::<_, Function<(), ()>>(text)?.create_ref()
            };
            let scripts = Scripts {
                stringify: compile(DATA_STRINGIFY)?,
                strings: compile(STRINGS_STRINGIFY)?,
                reviver: compile(DATE_REVIVER)?,
            };
            // At teardown the environment frees its references itself.
            env.set_instance_data(scripts, (), |ctx| std::mem::forget(ctx.value))?;
            env.get_instance_data::<Scripts>()?
                .ok_or_else(|| napi::Error::from_reason("okrkit: instance data not kept"))?
        }
    };
    let f = match which {
        Script::Stringify => &scripts.stringify,
        Script::Strings => &scripts.strings,
        Script::Reviver => &scripts.reviver,
    };
    let f: Function<(), ()> = f.borrow_back(env)?;
    F::from_unknown(f.to_unknown())
}

/// A value handed to an `…Async` call, taken on the JS thread with one
/// native `JSON.stringify` (no napi call per element) and read in the task;
/// a value JSON would change (`NaN`, a `Map`…) is read on the JS thread by
/// [`from_js`] so that its error names the element, as the synchronous call's.
pub enum PendingValue {
    /// JSON text of a JS value (keys as written: camelCase or snake_case).
    Text(String),
    /// Read on the JS thread.
    Value(Value),
    /// Refused on the JS thread: the Promise rejects with it.
    Failed(OkrError),
}

impl PendingValue {
    /// Takes an array of strings (argument `name`) with a plain
    /// `JSON.stringify`, V8's native one; anything else is read on the JS
    /// thread by [`from_js`], so its error is the synchronous call's.
    pub fn of_strings(env: &Env, value: Unknown<'_>, name: &str) -> PendingValue {
        let text = (|| -> Result<Option<String>> {
            let f: Function<Unknown, Unknown> = script(env, Script::Strings)?;
            let out = f.call(value)?;
            match out.get_type()? {
                ValueType::String => Ok(Some(String::from_unknown(out)?)),
                _ => Ok(None),
            }
        })();
        Self::taken(text, value, name)
    }

    fn taken(text: Result<Option<String>>, value: Unknown<'_>, name: &str) -> PendingValue {
        match text {
            Ok(Some(text)) => PendingValue::Text(text),
            Ok(None) => match from_js(value, name) {
                Ok(v) => PendingValue::Value(v),
                Err(e) => PendingValue::Failed(e),
            },
            Err(e) => PendingValue::Failed(napi_problem(name, e)),
        }
    }

    /// The value as JSON (in the task), keys in snake_case as [`from_js`]
    /// gives them.
    pub fn json(self, name: &str) -> std::result::Result<Value, OkrError> {
        match self {
            PendingValue::Text(t) => {
                let mut v: Value =
                    serde_json::from_str(&t).map_err(|e| parse_problem(name, e.to_string()))?;
                snake_keys(&mut v, name)?;
                Ok(v)
            }
            PendingValue::Value(v) => Ok(v),
            PendingValue::Failed(e) => Err(e),
        }
    }

    /// The value read as `T` (in the task), errors naming the element.
    pub fn read<T: serde::de::DeserializeOwned>(
        self,
        name: &str,
    ) -> std::result::Result<T, OkrError> {
        decode(self.json(name)?, name)
    }
}
