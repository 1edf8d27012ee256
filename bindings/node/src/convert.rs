//! Values across the boundary, with README.md's conventions ("Conventions"):
//! a JS value is read into JSON (keys to snake_case, `Date`s to ISO 8601
//! text, `NaN` refused as `not_finite` at its path), then the core's serde
//! types; a core value goes out as camelCase JSON text (`okrkit::json_case`)
//! parsed by V8's `JSON.parse`, one string instead of one napi call per
//! property, its instants revived as `Date`s where asked.

use napi::bindgen_prelude::*;
use napi::{JsString, JsValue, ValueType};
use okrkit::Error as OkrError;
pub use okrkit::json_case::parse_error as parse_problem;
use okrkit::json_case::{join_path, snake_keys};
use serde::Serialize;
use serde_json::{Map, Number, Value};

/// Deepest nesting read from a JS value (the core's JSON limit).
const MAX_DEPTH: usize = okrkit::limits::MAX_JSON_DEPTH;

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
    /// An option's or argument's `BigInt` beyond 64 bits is out of range
    /// ([`okrkit::json_case::beyond_64_bits`]), not its nearest double.
    exact_ints: bool,
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

/// Why the value at `path` could not be read. When the caller's own code
/// threw while it was read (a getter, a `Proxy` trap, a `getTime` or
/// `toJSON` of the caller's), that exception is taken from the environment
/// and the error is the caller's: `parse_error` at `path` quoting it, never
/// the bare exception that `index.js` would call a bug (`internal_error`).
pub fn napi_problem(env: napi::sys::napi_env, path: &str, e: napi::Error) -> OkrError {
    match thrown_by_caller(env) {
        Some(what) => parse_problem(path, format!("reading this value threw: {what}")),
        None => parse_problem(path, format!("cannot read this value: {}", e.reason)),
    }
}

/// The exception pending in `env` (thrown by the caller's code while okrkit
/// read a value), cleared, as text: its `message`, or the thrown string.
fn thrown_by_caller(env: napi::sys::napi_env) -> Option<String> {
    let thrown = take_exception(env)?;
    let text = (|| -> napi::Result<Option<String>> {
        Ok(match thrown.get_type()? {
            ValueType::String => Some(String::from_unknown(thrown)?),
            ValueType::Object => {
                let message: Unknown =
                    Object::from_unknown(thrown)?.get_named_property("message")?;
                match message.get_type()? {
                    ValueType::String => Some(String::from_unknown(message)?),
                    _ => None,
                }
            }
            _ => None,
        })
    })();
    // A hostile `message` getter throws in turn: that one is dropped.
    let _ = take_exception(env);
    Some(
        text.ok()
            .flatten()
            .unwrap_or_else(|| "an exception".to_owned()),
    )
}

/// The pending exception of `env`, cleared; `None` when none is pending.
fn take_exception<'e>(env: napi::sys::napi_env) -> Option<Unknown<'e>> {
    use napi::sys;
    let mut pending = false;
    let mut raw = std::ptr::null_mut();
    // SAFETY: `env` is the live environment of the value being read, on its
    // thread; N-API hands the cleared exception back as one of its values.
    unsafe {
        if sys::napi_is_exception_pending(env, &mut pending) != sys::Status::napi_ok
            || !pending
            || sys::napi_get_and_clear_last_exception(env, &mut raw) != sys::Status::napi_ok
            || raw.is_null()
        {
            return None;
        }
        Some(Unknown::from_raw_unchecked(env, raw))
    }
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
        let env = value.value().env;
        let np = |e| napi_problem(env, path, e);
        match value.get_type().map_err(np)? {
            ValueType::Null | ValueType::Undefined => Ok(Value::Null),
            ValueType::Boolean => Ok(Value::Bool(bool::from_unknown(value).map_err(np)?)),
            ValueType::Number => {
                let x = f64::from_unknown(value).map_err(np)?;
                if !x.is_finite() && self.keep_non_finite {
                    self.non_finite.push((path.to_owned(), x));
                    return Ok(Value::Number(Number::from(0)));
                }
                okrkit::json_case::number(x, path)
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
                } else if self.exact_ints {
                    let shown = okrkit::json_case::decimal_of_words(b.sign_bit, &b.words);
                    Err(parse_problem(
                        path,
                        okrkit::json_case::beyond_64_bits(&shown),
                    ))
                } else {
                    // Beyond 64 bits: the nearest double, as JSON text reads
                    // the same literal (and as Python reads such an int).
                    okrkit::json_case::integer_of_words(b.sign_bit, &b.words, path)
                }
            }
            ValueType::Object => {
                if value.is_date().map_err(np)? {
                    let obj = Object::from_unknown(value).map_err(np)?;
                    let get_time: Function<(), f64> =
                        obj.get_named_property("getTime").map_err(np)?;
                    let ms = get_time.apply(obj, ()).map_err(np)?;
                    // The exact text the library gave a Date finer than a
                    // millisecond (`DATE_REVIVER`).
                    let exact: Unknown = obj.get_named_property(EXACT_INSTANT).map_err(np)?;
                    let exact = match exact.get_type().map_err(np)? {
                        ValueType::String => Some(String::from_unknown(exact).map_err(np)?),
                        _ => None,
                    };
                    return match okrkit::json_case::instant_of_date(ms, exact.as_deref()) {
                        Some(t) => Ok(Value::String(t)),
                        None => {
                            okrkit::json_case::instant_of_js_millis(ms, path).map(Value::String)
                        }
                    };
                }
                if value.is_array().map_err(np)? {
                    let arr = Array::from_unknown(value).map_err(np)?;
                    let n = arr.len();
                    let mut out = Vec::with_capacity(n as usize);
                    for i in 0..n {
                        let p = format!("{path}[{i}]");
                        let item: Option<Unknown> =
                            arr.get(i).map_err(|e| napi_problem(env, &p, e))?;
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
                        okrkit::json_case::snake_key(&key)
                    };
                    let p = join_path(path, &name);
                    let item: Unknown = obj
                        .get_named_property(&key)
                        .map_err(|e| napi_problem(env, &p, e))?;
                    if item.get_type().map_err(|e| napi_problem(env, &p, e))?
                        == ValueType::Undefined
                    {
                        continue; // as JSON.stringify does
                    }
                    let item = self.read(item, &p, depth + 1)?;
                    if map.insert(name, item).is_some() {
                        return Err(okrkit::json_case::ambiguous_key(&p));
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
    let n = okrkit::json_case::count(x, name)?;
    T::try_from(n).map_err(|_| parse_problem(name, format!("{x} is too large here")))
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

/// Whether an argument was left out (`undefined`) or is `null`.
pub fn is_absent(value: &Unknown<'_>) -> bool {
    matches!(value.get_type(), Ok(ValueType::Undefined | ValueType::Null))
}

/// An argument of a native function, read from the JS value with okrkit's
/// errors at the argument's `name` (see [`arg`]). The functions
/// [`crate::define`] writes read each argument with it.
pub trait FromJs<'a>: Sized {
    /// Reads `value`, the argument `name`.
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError>;
}

macro_rules! from_js_with {
    ($read:ident: $($t:ty),*) => {$(
        impl<'a> FromJs<'a> for $t {
            fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
                $read(value, name)
            }
        }
    )*};
}
from_js_with!(arg: String, bool, Uint8Array, BufferSlice<'a>);
from_js_with!(count_arg: u32, u64, usize, i64);

/// The JS value as it is (read by the function itself).
impl<'a> FromJs<'a> for Unknown<'a> {
    fn from_js(value: Unknown<'a>, _name: &str) -> std::result::Result<Self, OkrError> {
        Ok(value)
    }
}

/// An optional argument: `undefined` or `null` is `None`.
impl<'a, T: FromJs<'a>> FromJs<'a> for Option<T> {
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        if is_absent(&value) {
            return Ok(None);
        }
        T::from_js(value, name).map(Some)
    }
}

/// An instance of a native class (`a Ledger`, `a SigningKey`).
impl<'a, C: 'a + MaybeTypeTag> FromJs<'a> for ClassInstance<'a, C>
where
    &'a C: TypeName,
{
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        arg(value, name)
    }
}

/// An argument read through serde from the JSON of the JS value (a
/// `string[]`, an actor, an action): errors name the element (`texts[3]`).
pub struct De<T>(pub T);

impl<'a, T: serde::de::DeserializeOwned> FromJs<'a> for De<T> {
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        okrkit::options::from_value_at(from_js(value, name)?, name).map(De)
    }
}

/// An options argument: the core's options type whole, its defaults when
/// left out (`okrkit::options::from_object_at`: an unknown key is refused
/// there, and an option that would be ignored; `asOf` takes a `Date`, its
/// UTC day).
pub struct Opts<T>(pub T);

impl<'a, T: okrkit::options::ReadOptions + Default> FromJs<'a> for Opts<T> {
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        // Strict integers: an option is a count, a day or an index.
        let exact = || {
            Reader {
                exact_ints: true,
                ..Reader::default()
            }
            .read(value, name, 0)
        };
        as_written(value, name, || match exact()? {
            Value::Null => Ok(Opts(T::default())),
            v => okrkit::options::from_object_at(v, name).map(Opts),
        })
    }
}

/// `read`'s result, its error's path in the caller's spelling of each key
/// below `name` (`options.keyResults` where the caller wrote `keyResults`,
/// not the `options.key_results` the core read): the value is read again
/// with its keys as written (`okrkit::json_case::as_written`), on error only.
pub fn as_written<T>(
    value: Unknown<'_>,
    name: &str,
    read: impl FnOnce() -> std::result::Result<T, OkrError>,
) -> std::result::Result<T, OkrError> {
    read().map_err(|e| {
        let mut written = Reader {
            keep_non_finite: true,
            verbatim_keys: true,
            ..Reader::default()
        };
        match written.read(value, name, 0) {
            Ok(w) => okrkit::json_case::as_written(e, name, &w),
            // Unreadable either way: the same error, at the key as written.
            Err(again) => again,
        }
    })
}

/// An instant (`at` of a ledger entry): a `Date` or RFC 3339 text, read
/// strictly (the core's `parse_instant`; a date alone is refused).
impl<'a> FromJs<'a> for chrono::DateTime<chrono::Utc> {
    fn from_js(value: Unknown<'a>, path: &str) -> std::result::Result<Self, OkrError> {
        let Value::String(s) = from_js(value, path)? else {
            return Err(parse_problem(path, "expected a Date or an RFC 3339 string"));
        };
        okrkit::ledger::parse_instant(&s, path)
    }
}

/// A moment a query is "as of" (`replay`, `asOf`, waiting dependencies): a
/// `Date` or RFC 3339 text is that instant, a `'YYYY-MM-DD'` date the whole
/// day, as in progress (the core's `parse_moment`).
pub struct Moment(pub chrono::DateTime<chrono::Utc>);

impl<'a> FromJs<'a> for Moment {
    fn from_js(value: Unknown<'a>, path: &str) -> std::result::Result<Self, OkrError> {
        match from_js(value, path)? {
            Value::String(s) => okrkit::ledger::parse_moment(&s, path).map(Moment),
            _ => Err(parse_problem(
                path,
                "expected a Date, an RFC 3339 time or a 'YYYY-MM-DD' date",
            )),
        }
    }
}

/// Reads an argument as [`FromJs`] does (for a function written by hand).
pub fn read<'a, T: FromJs<'a>>(value: Unknown<'a>, name: &str) -> std::result::Result<T, OkrError> {
    T::from_js(value, name)
}

/// JSON text of a core value with camelCase keys (`okrkit::json_case`).
pub fn camel_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    okrkit::json_case::to_camel_json(value)
        .map_err(|e| napi::Error::from_reason(format!("okrkit: cannot serialise a result: {e}")))
}

/// The reviver turning instants into `Date` objects: an ISO 8601 instant
/// at a key that holds one in the core's types (`INSTANT_KEYS`, generated
/// from the schema's `format: date-time`, put in place of `INSTANT_KEYS`
/// here; any other string, a date included, stays a string).
///
/// A `Date` keeps milliseconds: an instant with finer digits (a ledger entry
/// appended by Python or read from a database keeps microseconds) gets an own
/// `toJSON` giving its exact text, so the library's own objects, and their
/// `JSON.stringify`, read back (`Ledger.fromEntries(ledger.entries())`); the
/// text is also kept as the non-enumerable `okrkitInstant`, which the reader
/// takes while the `Date` still falls in that millisecond
/// (`okrkit::json_case::instant_of_date`).
const DATE_REVIVER: &str = r"(function (keys) { return function (k, v) {
  if (typeof v !== 'string' || !keys.has(k) ||
    !/^\d{4}-\d\d-\d\dT/.test(v)) return v;
  const d = new Date(v);
  if (/\.\d{4,}/.test(v)) {
    const ms = d.getTime();
    Object.defineProperty(d, 'okrkitInstant', { value: v });
    Object.defineProperty(d, 'toJSON', { value: function () { return this.getTime() === ms ? v : Date.prototype.toJSON.call(this) }, writable: true, configurable: true });
  }
  return d;
} })(new Set(INSTANT_KEYS))";

/// The non-enumerable property holding a `Date`'s exact instant (`DATE_REVIVER`).
const EXACT_INSTANT: &str = "okrkitInstant";

/// Whether instants in the output become `Date` objects.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Keep strings (reports that carry calendar days only).
    Strings,
    /// Instants (the keys of `INSTANT_KEYS`) become `Date`.
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

/// A core value as a plain JS value (camelCase keys, instants as strings).
pub fn plain<'e, T: Serialize + ?Sized>(env: &'e Env, value: &T) -> Result<Unknown<'e>> {
    to_js(env, value, Dates::Strings)
}

/// A core value as a plain JS value whose instants are `Date`s.
pub fn dated<'e, T: Serialize + ?Sized>(env: &'e Env, value: &T) -> Result<Unknown<'e>> {
    to_js(env, value, Dates::Revive)
}

/// `JSON.stringify` with a replacer that notes anything JSON would not say
/// faithfully, or not as [`from_js`] reads it: a non-finite number (it would
/// become `null`), an invalid `Date` or one beyond 4-digit years, a function,
/// a `Symbol`, a `BigInt`, an object that is not plain data (a `Map` would
/// become `{}`), and any object with a `toJSON` method other than a `Date`'s
/// (`JSON.stringify` would call it; [`from_js`] reads an object's own
/// enumerable properties and never calls it). A `Date` is written as
/// [`from_js`] writes it (`okrkit::json_case::instant_of_millis`: no `.000`
/// for whole seconds; a `Date` with its own `toJSON` goes to [`from_js`]), so
/// the synchronous and the `…Async` calls read one object the same way.
const DATA_STRINGIFY: &str = r"(function () {
  let bad = false
  const plain = (o) => { const p = Object.getPrototypeOf(o); return p === null || Object.getPrototypeOf(p) === null }
  const getTime = Date.prototype.getTime, toISOString = Date.prototype.toISOString
  function replacer(k, v) {
    if (bad) return undefined
    const o = this[k]
    if (o instanceof Date) {
      // A Date with its own toJSON (one the library revived with an instant
      // finer than a millisecond): the synchronous reader decides.
      if (Object.prototype.hasOwnProperty.call(o, 'toJSON')) { bad = true; return undefined }
      const t = getTime.call(o)
      const s = Number.isFinite(t) ? toISOString.call(o) : ''
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s)) { bad = true; return undefined }
      return s.endsWith('.000Z') ? s.slice(0, -5) + 'Z' : s
    }
    if (o !== null && typeof o === 'object' && typeof o.toJSON === 'function') { bad = true; return undefined }
    switch (typeof v) {
      case 'number': if (!Number.isFinite(v)) bad = true; return v
      case 'string': case 'boolean': case 'undefined': return v
      case 'object':
        if (v !== null && !Array.isArray(v) && !plain(o)) bad = true
        return v
      default: bad = true; return undefined
    }
  }
  return function (value) { bad = false; const t = JSON.stringify(value, replacer); return bad ? undefined : t }
})()";

/// A plain JS value as JSON text with one native `JSON.stringify` (no napi
/// call per property), or `None` when the value holds anything JSON text
/// would change or drop, or when reading it threw: the caller then reads it
/// with [`from_js`], which names the offending element.
pub fn stringify_data(env: &Env, value: Unknown<'_>) -> Result<Option<String>> {
    let f: Function<Unknown, Unknown> = script(env, Script::Stringify)?;
    let Ok(out) = f.call(value) else {
        // The caller's code threw (a getter, a Proxy trap): [`from_js`] reads
        // the value again and names the element whose reading throws.
        let _ = take_exception(env.raw());
        return Ok(None);
    };
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
    Stringify = 0,
    Strings = 1,
    Reviver = 2,
}

struct Scripts([FunctionRef<(), ()>; 3]);

/// The compiled `script`, as a function of the caller's type.
fn script<F: FromNapiValue>(env: &Env, which: Script) -> Result<F> {
    let scripts = match env.get_instance_data::<Scripts>()? {
        Some(s) => s,
        None => {
            let compile = |text: &str| -> Result<FunctionRef<(), ()>> {
                env.run_script::<_, Function<(), ()>>(text)?.create_ref()
            };
            let reviver = DATE_REVIVER.replace("INSTANT_KEYS", crate::instant_keys::INSTANT_KEYS);
            let [a, b, c] = [DATA_STRINGIFY, STRINGS_STRINGIFY, &reviver];
            let scripts = Scripts([compile(a)?, compile(b)?, compile(c)?]);
            // At teardown the environment frees its references itself.
            env.set_instance_data(scripts, (), |ctx| std::mem::forget(ctx.value))?;
            env.get_instance_data::<Scripts>()?
                .ok_or_else(|| napi::Error::from_reason("okrkit: instance data not kept"))?
        }
    };
    let f: Function<(), ()> = scripts.0[which as usize].borrow_back(env)?;
    F::from_unknown(f.to_unknown())
}

/// A value handed to an `…Async` call, taken on the JS thread as cheaply as
/// it can be and read in the task (off the JS thread) whenever it can be.
pub enum Pending<T> {
    /// JSON bytes given as text or a `Buffer` (a document: okrkit's JSON
    /// format first, the library's camelCase output as well).
    Bytes(Vec<u8>),
    /// JSON text of a JS value from one native `JSON.stringify` (no napi
    /// call per element), keys as written: parsed once in the task, its keys
    /// turned to snake_case as [`from_js`] does.
    Json(String),
    /// Read on the JS thread: a value holding what JSON cannot say (`NaN`, a
    /// `BigInt`, a `Map`…), read as the synchronous call does so that the
    /// error names the same element.
    Read(T),
    /// Refused on the JS thread: the Promise rejects with it (an `…Async`
    /// call never throws).
    Failed(OkrError),
}

impl<T: serde::de::DeserializeOwned> Pending<T> {
    /// Takes an array of strings (argument `name`) with a plain
    /// `JSON.stringify`, V8's native one; anything else is read on the JS
    /// thread by [`from_js`], so its error is the synchronous call's.
    pub fn strings(env: &Env, value: Unknown<'_>, name: &str) -> Self {
        let text = (|| -> Result<Option<String>> {
            let f: Function<Unknown, Unknown> = script(env, Script::Strings)?;
            let out = f.call(value)?;
            match out.get_type()? {
                ValueType::String => Ok(Some(String::from_unknown(out)?)),
                _ => Ok(None),
            }
        })();
        match text {
            Ok(Some(text)) => Pending::Json(text),
            // Not strings, or the caller's code threw (a getter): read on the
            // JS thread, which names the element.
            Ok(None) | Err(_) => {
                let _ = take_exception(env.raw());
                Pending::taken(read::<De<T>>(value, name).map(|d| d.0))
            }
        }
    }

    /// The value (in the task), errors naming the element.
    pub fn read(self, name: &str) -> std::result::Result<T, OkrError> {
        match self {
            Pending::Bytes(b) => okrkit::options::from_value_at(json(&b, name)?, name),
            Pending::Json(t) => okrkit::options::from_value_at(json(t.as_bytes(), name)?, name),
            Pending::Read(v) => Ok(v),
            Pending::Failed(e) => Err(e),
        }
    }
}

impl<T> Pending<T> {
    /// What was read on the JS thread, or its error.
    pub fn taken(read: std::result::Result<T, OkrError>) -> Self {
        read.map_or_else(Pending::Failed, Pending::Read)
    }
}

/// JSON text of a JS value (in a task) as [`from_js`] reads the value: its
/// keys in snake_case.
pub fn json(text: &[u8], name: &str) -> std::result::Result<Value, OkrError> {
    let mut v: Value =
        serde_json::from_slice(text).map_err(|e| parse_problem(name, e.to_string()))?;
    snake_keys(&mut v, name)?;
    Ok(v)
}
