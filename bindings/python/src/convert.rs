//! Type conversion between Python objects and serde. Documents and options
//! come in as dicts/lists, read here into `serde_json::Value` (pythonize's
//! `Depythonizer` would not keep what follows: it has no element paths in its
//! errors, no dates, numpy scalars or depth limit, and reads NaN as null);
//! reports go out as dicts/lists, serialised by pythonize. No rule lives here.
//!
//! In: dict (str keys), list/tuple, str, int, float, bool, None,
//! `datetime.datetime` (RFC 3339; a naive datetime is taken as UTC),
//! `datetime.date` (ISO `YYYY-MM-DD`). A NaN or infinite float is never turned
//! into null: it is the core's `not_finite` problem, with the element's path.
//! A str that is not valid Unicode (a lone surrogate) is a `parse_error`.

use crate::error::OrPyErr as _;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat};
use okrkit::{Problem, ProblemCode};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Deepest nesting accepted from Python (the core's JSON limit), so that a
/// pathological object cannot overflow the stack.
const MAX_DEPTH: usize = okrkit::limits::MAX_JSON_DEPTH;

/// Why a Python object could not be converted: a core problem, or a Python
/// exception raised while reading the object (e.g. by a custom `__iter__`).
pub enum ConvertError {
    Problem(Problem),
    Py(PyErr),
}

impl From<PyErr> for ConvertError {
    fn from(e: PyErr) -> Self {
        ConvertError::Py(e)
    }
}

impl From<ConvertError> for PyErr {
    fn from(e: ConvertError) -> PyErr {
        match e {
            ConvertError::Problem(p) => crate::error::problem_err(p),
            ConvertError::Py(e) => e,
        }
    }
}

fn problem(code: ProblemCode, path: &str, message: String) -> ConvertError {
    ConvertError::Problem(Problem::new(code, message).at(path))
}

/// Converts a Python object to a JSON value; `path` names it in errors.
pub fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, ConvertError> {
    to_value_at(obj, path, 0, false)
}

/// [`to_value`]; with `exact_ints` (an argument or an option, never data
/// from JSON text), an int beyond 64 bits is refused as out of range rather
/// than read as its nearest float.
fn to_value_at(
    obj: &Bound<'_, PyAny>,
    path: &str,
    depth: usize,
    exact_ints: bool,
) -> Result<Value, ConvertError> {
    let child = |v: &Bound<'_, PyAny>, path: &str| to_value_at(v, path, depth + 1, exact_ints);
    if depth > MAX_DEPTH {
        return Err(problem(
            ProblemCode::Parse,
            path,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return string(s, path).map(Value::String);
    }
    // bool before int: bool is a subclass of int in Python.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        if exact_ints {
            let message = okrkit::json_case::beyond_64_bits(&shown(obj));
            return Err(problem(ProblemCode::Parse, path, message));
        }
        // Beyond 64 bits: the nearest float, as JSON text reads the same
        // literal (`json.load` gives `10**20` an int; its text reads as
        // 1e20). CPython rounds to nearest, ties to even, as serde_json
        // does; beyond a float's range the text is refused too.
        return match obj.extract::<f64>() {
            Ok(x) => Ok(Number::from_f64(x).map_or(Value::Null, Value::Number)),
            Err(_) => Err(problem(
                ProblemCode::Parse,
                path,
                "an integer beyond the range of a number (a double), as JSON text \
                 reads it: number out of range"
                    .into(),
            )),
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let x = f.value();
        return Number::from_f64(x).map(Value::Number).ok_or_else(|| {
            problem(
                ProblemCode::NotFinite,
                path,
                format!("{x} is not a finite number"),
            )
        });
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let Ok(ks) = k.cast::<PyString>() else {
                let message = format!("dict keys must be str, not {}", type_name(&k));
                return Err(problem(ProblemCode::Parse, path, message));
            };
            let key = string(ks, path)?;
            let value = child(&v, &okrkit::json_case::join_path(path, &key))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::with_capacity(obj.len()?);
        for (i, v) in obj.try_iter()?.enumerate() {
            out.push(child(&v?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(out));
    }
    // datetime before date: datetime is a subclass of date.
    if obj.is_instance_of::<PyDateTime>() {
        return datetime(obj, path).map(Value::String);
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        return Ok(Value::String(d.format("%Y-%m-%d").to_string()));
    }
    // numpy scalars (numpy.float64, numpy.int64, numpy.bool_): their Python value.
    if is_numpy_scalar(obj) {
        return child(&obj.call_method0("item")?, path);
    }
    // okrkit's own handles (Document, Org, reports) convert through their dict.
    if let Ok(to_dict) = obj.getattr("to_dict")
        && to_dict.is_callable()
        && !obj.is_instance_of::<pyo3::types::PyType>()
    {
        return child(&to_dict.call0()?, path);
    }
    Err(problem(
        ProblemCode::Parse,
        path,
        format!(
            "a {} cannot be read as JSON (use dict, list, str, int, float, bool, None, date or datetime)",
            type_name(obj)
        ),
    ))
}

/// The name of `obj`'s type, for an error message ("?" if it has none).
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".into(), |n| n.to_string())
}

/// Whether `obj` is a numpy scalar (a `numpy.generic`), read through `.item()`.
pub fn is_numpy_scalar(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    ty.module().is_ok_and(|m| m == "numpy")
        && obj.hasattr("item").unwrap_or(false)
        && obj.hasattr("dtype").unwrap_or(false)
}

/// A Python str as UTF-8; a lone surrogate is a `parse_error`.
pub fn string(s: &Bound<'_, PyString>, path: &str) -> Result<String, ConvertError> {
    s.to_str().map(str::to_owned).map_err(|_| not_unicode(path))
}

/// The `parse_error` of a str holding a lone surrogate, at `path`.
pub fn not_unicode(path: &str) -> ConvertError {
    let message = "text is not valid Unicode (it holds a lone surrogate)";
    problem(ProblemCode::Parse, path, message.into())
}

/// RFC 3339 text of a Python datetime; a naive one is taken as UTC.
fn datetime(obj: &Bound<'_, PyAny>, path: &str) -> Result<String, ConvertError> {
    if let Ok(dt) = obj.extract::<DateTime<FixedOffset>>() {
        return Ok(dt.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    }
    match obj.extract::<NaiveDateTime>() {
        Ok(naive) => Ok(naive.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        Err(e) => Err(problem(
            ProblemCode::Parse,
            path,
            format!("unreadable datetime: {e}"),
        )),
    }
}

/// pythonize's Python types with each dict's keys in order (a struct's
/// fields sorted by name), as `serde_json::Value`'s maps held them.
struct SortedKeys;

impl pythonize::PythonizeTypes for SortedKeys {
    type Map = SortedKeys;
    type NamedMap = pythonize::PythonizeUnnamedMappingAdapter<SortedKeys>;
    type List = PyList;
}

impl pythonize::PythonizeMappingType for SortedKeys {
    type Builder<'py> = (Python<'py>, Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>);

    fn builder<'py>(py: Python<'py>, len: Option<usize>) -> PyResult<Self::Builder<'py>> {
        Ok((py, Vec::with_capacity(len.unwrap_or(0))))
    }

    fn push_item<'py>(
        (_, items): &mut Self::Builder<'py>,
        key: Bound<'py, PyAny>,
        value: Bound<'py, PyAny>,
    ) -> PyResult<()> {
        items.push((key, value));
        Ok(())
    }

    fn finish<'py>(
        (py, mut items): Self::Builder<'py>,
    ) -> PyResult<Bound<'py, pyo3::types::PyMapping>> {
        fn text<'a>(k: &'a Bound<'_, PyAny>) -> Option<&'a str> {
            k.cast::<PyString>().ok()?.to_str().ok()
        }
        items.sort_by(|a, b| text(&a.0).cmp(&text(&b.0)));
        let dict = PyDict::new(py);
        for (k, v) in items {
            dict.set_item(k, v)?;
        }
        Ok(dict.into_mapping())
    }
}

/// Serialises any core value straight to plain Python objects (dict, list,
/// str, int, float, bool, None) with pythonize: no `serde_json::Value` in
/// between, each dict's keys sorted as that `Value`'s were.
pub fn ser_to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize_custom::<SortedKeys, _>(py, value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("okrkit: {e}")))
}

/// Reads a core value from a Python object through serde, with paths in
/// errors: the core's reader (paths below `path`: `entries[0].at`), a
/// mismatch its `parse_error` as a problem.
pub fn from_py<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<T> {
    let value = to_value(obj, path)?;
    okrkit::options::from_value_at(value, path).map_err(|e| {
        let path = e.path().to_owned();
        let message = match e {
            okrkit::Error::Parse { message, .. } => message,
            other => other.to_string(),
        };
        crate::error::problem_err(Problem::new(ProblemCode::Parse, message).at(path))
    })
}

/// A date or time argument as Python gives it, before the caller's rule
/// reads it: a `datetime` (naive = UTC), a `date`, or text.
enum When {
    Instant(DateTime<chrono::Utc>),
    Day(NaiveDate),
    Text(String),
}

/// `obj` as a [`When`] (a `numpy.datetime64` through its `.item()`); any
/// other type is `InvalidArgument`, code `parse_error`: `expected` at `name`.
fn when(obj: &Bound<'_, PyAny>, name: &str, expected: &str) -> PyResult<When> {
    if let Some(item) = numpy_time(obj)? {
        return when(&item, name, expected);
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Ok(When::Instant(
            match obj.extract::<DateTime<FixedOffset>>() {
                Ok(d) => d.with_timezone(&chrono::Utc),
                Err(_) => obj.extract::<NaiveDateTime>()?.and_utc(),
            },
        ));
    }
    if obj.is_instance_of::<PyDate>() {
        return Ok(When::Day(obj.extract()?));
    }
    match obj.cast::<PyString>() {
        Ok(s) => Ok(When::Text(string(s, name)?)),
        Err(_) => Err(crate::error::argument_err(
            ProblemCode::Parse,
            name,
            expected.into(),
        )),
    }
}

/// A date argument: `datetime.date`, `datetime.datetime` (its UTC date), a
/// `YYYY-MM-DD` str or an RFC 3339 str (its UTC date: `okrkit::options::parse_day`,
/// the rule Node's `asOf` reads too).
pub fn date_arg(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<NaiveDate>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match when(obj, name, "expected a datetime.date or an ISO date string")? {
        When::Instant(t) => Ok(Some(t.date_naive())),
        When::Day(d) => Ok(Some(d)),
        When::Text(text) => okrkit::options::parse_day(&text, name)
            .map(Some)
            .map_err(option_err),
    }
}

/// Each date of an iterable argument ([`date_arg`], at `name[i]`); a None is
/// left out, or with `required` an `InvalidArgument` (`invalid_value`).
pub fn dates_arg(obj: &Bound<'_, PyAny>, name: &str, required: bool) -> PyResult<Vec<NaiveDate>> {
    // One str (its characters) or a value that is not iterable: refused whole.
    let not_a_list = || {
        let message = format!("expected a list of dates, got {}", shown(obj));
        crate::error::argument_err(ProblemCode::Parse, name, message)
    };
    if obj.is_instance_of::<PyString>() {
        return Err(not_a_list());
    }
    let items = obj.try_iter().map_err(|_| not_a_list())?;
    let mut out = Vec::new();
    for (i, d) in items.enumerate() {
        let path = format!("{name}[{i}]");
        match date_arg(Some(&d?), &path)? {
            Some(day) => out.push(day),
            None if required => {
                let message = "a date is required".into();
                return Err(crate::error::argument_err(
                    ProblemCode::InvalidValue,
                    &path,
                    message,
                ));
            }
            None => {}
        }
    }
    Ok(out)
}

/// The instant of an event (an entry's `at`, a clock's `now`):
/// `datetime.datetime` (naive = UTC) or RFC 3339 text, read strictly (the
/// core's `parse_instant`, as Node reads it). A date alone is refused: an
/// event has a time of day, and its midnight would be a time the caller
/// never gave.
pub fn instant_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<chrono::Utc>> {
    let expected = "expected a datetime.datetime or RFC 3339 text";
    match when(obj, name, expected)? {
        When::Instant(t) => Ok(t),
        When::Day(d) => okrkit::ledger::parse_instant(&d.to_string(), name).py_err(),
        When::Text(text) => okrkit::ledger::parse_instant(&text, name).py_err(),
    }
}

/// A core option type (`LintOptions`, `ProgressOptions`, `HealthOptions`) from
/// keyword arguments plus the ones the binding read itself (`set`, skipped when
/// null): the keys are the core's field names, the core reads them
/// (`okrkit::options::read_at`: its defaults, `parse_error` at the key for an
/// unknown or ill-typed one, `invalid_value` for one that would be ignored,
/// as in every binding), raised as `InvalidArgument`.
pub fn options<T: okrkit::options::ReadOptions>(
    kwargs: Option<&Bound<'_, PyDict>>,
    set: Vec<(&str, Value)>,
) -> PyResult<T> {
    let mut map = option_map(kwargs)?;
    // The keys the call read itself are its own named parameters, which
    // Python never puts among the keyword options (`**options`): no key is
    // in both.
    let set = set.into_iter().filter(|(_, v)| !v.is_null());
    map.extend(set.map(|(key, value)| (key.to_owned(), value)));
    okrkit::options::read_at(map, "").map_err(option_err)
}

/// Reads `value` with the core's option reader; its `parse_error` becomes an
/// `InvalidArgument` with the same code, at `name` + the core's path.
pub fn core_read<T: serde::de::DeserializeOwned>(value: Value, name: &str) -> PyResult<T> {
    okrkit::options::from_value_at(value, name).map_err(option_err)
}

/// An error of the core's option reader as `core_read` raises it: its
/// `parse_error` as an `InvalidArgument` with the same code and path; any
/// other error as itself.
pub fn option_err(e: okrkit::Error) -> PyErr {
    match e {
        okrkit::Error::Parse { path, message, .. } => {
            crate::error::argument_err(ProblemCode::Parse, &path, message)
        }
        other => crate::error::to_pyerr(other),
    }
}

/// [`options`] with the `as_of` date the call reads itself ([`date_arg`]).
pub fn options_as_of<T: okrkit::options::ReadOptions>(
    kwargs: Option<&Bound<'_, PyDict>>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<T> {
    options(kwargs, vec![("as_of", date_value(as_of, "as_of")?)])
}

/// Keyword options as a JSON object (keys at their own names in errors).
pub fn option_map(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Map<String, Value>> {
    match kwargs.map(|k| arg_value(k.as_any(), "")).transpose()? {
        Some(Value::Object(m)) => Ok(m),
        _ => Ok(Map::new()),
    }
}

/// A date option as the core's JSON (`"YYYY-MM-DD"`), or null.
pub fn date_value(obj: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Value> {
    Ok(date_arg(obj, name)?.map_or(Value::Null, |d| Value::String(d.to_string())))
}

/// A `numpy.datetime64` (a cell of a pandas or numpy date column) as the
/// `date` or `datetime` its `.item()` gives (day or microsecond units); None
/// for anything else, so the caller's own error names what it takes.
fn numpy_time<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    if !is_numpy_scalar(obj) {
        return Ok(None);
    }
    let item = obj.call_method0("item")?;
    Ok((item.is_instance_of::<PyDate>()).then_some(item))
}

/// Whether `obj` is a date or a time (`datetime.date`, `datetime.datetime`,
/// a `numpy.datetime64`): what `to_value` writes as text.
pub fn is_time(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.is_instance_of::<PyDate>() || numpy_time(obj)?.is_some())
}

/// A moment a query is made at: a `datetime` is that instant (naive = UTC); a
/// `date` or `"YYYY-MM-DD"` is the whole day, as in progress (the core's
/// `end_of_day` / `parse_moment`: one meaning everywhere).
pub fn moment_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<chrono::Utc>> {
    let expected = "expected a datetime.datetime, a datetime.date or RFC 3339 text";
    match when(obj, name, expected)? {
        When::Instant(t) => Ok(t),
        When::Day(d) => Ok(okrkit::ledger::end_of_day(d)),
        When::Text(text) => {
            okrkit::ledger::parse_moment(&text, name).map_err(crate::error::to_pyerr)
        }
    }
}

/// Reads an option (a policy name, a rule level, a vocabulary…) with the
/// core's option reader: a bad value is an `InvalidArgument`, code
/// `parse_error`, naming the argument.
pub fn arg_from_py<T: serde::de::DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<T> {
    core_read(arg_value(obj, name)?, name)
}

/// [`to_value`] for an argument or an option: a value no JSON can hold (an
/// int beyond 64 bits, out of range as any option's, never its nearest
/// float; NaN, a lone surrogate) is an `InvalidArgument` with the problem's
/// code and path, as the core's reading of the option would say.
pub fn arg_value(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    to_value_at(obj, name, 0, true).map_err(|e| match e {
        ConvertError::Problem(p) => crate::error::argument_err(p.code, &p.path, p.message),
        ConvertError::Py(e) => e,
    })
}

/// An argument okrkit could not read, raised from an argument type's
/// `FromPyObject` ([`Count`], [`Text`]): `parse_error` at the name pyo3 gives
/// it (see [`crate::error::unnamed_item_err`]), as Node's `FromJs` reads one.
fn unread(message: String) -> PyErr {
    crate::error::unnamed_item_err(ProblemCode::Parse, "", message)
}

/// `repr(obj)`, shortened, for an error message.
pub fn shown(obj: &Bound<'_, PyAny>) -> String {
    let text = obj
        .repr()
        .map_or_else(|_| "?".to_owned(), |r| r.to_string_lossy().into_owned());
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// A whole-number argument from 0 (an index, a size, a count of signatures
/// or days): a Python `int` (or anything with `__index__`, e.g. `numpy.int64`).
/// A negative or too large int, a bool, a float, None or any other type is
/// `InvalidArgument`, code `parse_error`, at the argument's name (Node's
/// `count_arg`), never a bare `OverflowError` or `TypeError`.
pub struct Count<T>(pub T);

impl<'a, 'py, T: TryFrom<u64>> FromPyObject<'a, 'py> for Count<T> {
    type Error = PyErr;

    #[cfg(feature = "stubs")]
    const INPUT_TYPE: pyo3::inspect::PyStaticExpr = <u64 as FromPyObject<'a, 'py>>::INPUT_TYPE;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        let refused = || {
            unread(format!(
                "expected a whole number from 0, got {}",
                shown(&obj)
            ))
        };
        if obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyFloat>() {
            return Err(refused());
        }
        let Ok(index) = obj.call_method0("__index__") else {
            return Err(refused());
        };
        match index.extract::<u64>() {
            Ok(n) => T::try_from(n)
                .map(Count)
                .map_err(|_| unread(format!("{n} is too large here"))),
            Err(_) if index.lt(0).unwrap_or(false) => Err(refused()),
            Err(_) => Err(unread(format!("{} is too large here", shown(&index)))),
        }
    }
}

/// A yes/no argument (`indent`, `as_org`; `#[pyo3(from_py_with = flag)]`, so
/// that the signature keeps its literal default): a Python `bool` or a
/// `numpy.bool_`. Anything else (`1`, `"yes"`, None) is `InvalidArgument`,
/// code `parse_error`, at the argument's name (Node's `arg::<bool>`), never a
/// bare `TypeError`, and never read by its truth value.
pub fn flag(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(b.is_true());
    }
    if is_numpy_scalar(obj)
        && let Ok(item) = obj.call_method0("item")
        && let Ok(b) = item.cast::<PyBool>()
    {
        return Ok(b.is_true());
    }
    Err(unread(format!(
        "expected True or False, got {}",
        shown(obj)
    )))
}

/// A `str` argument: anything else (None included) or a str holding a lone
/// surrogate is `InvalidArgument`, code `parse_error`, at the argument's name
/// (Node's `arg::<String>`), never a bare `TypeError`.
pub struct Text(pub String);

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Text {
    type Error = PyErr;

    #[cfg(feature = "stubs")]
    const INPUT_TYPE: pyo3::inspect::PyStaticExpr = <String as FromPyObject<'a, 'py>>::INPUT_TYPE;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let Ok(s) = obj.cast::<PyString>() else {
            return Err(not_a_str(&obj));
        };
        match s.to_str() {
            Ok(t) => Ok(Text(t.to_owned())),
            Err(_) => Err(unread(
                "text is not valid Unicode (it holds a lone surrogate)".into(),
            )),
        }
    }
}

/// The error of a `str` argument given something else.
fn not_a_str(obj: &pyo3::Borrowed<'_, '_, PyAny>) -> PyErr {
    let obj = obj.to_owned();
    // None, NaN or pandas' NA where a str belongs is most often a missing
    // value of a column: say so.
    let missing = obj.is_none()
        || obj.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
        || obj
            .get_type()
            .name()
            .is_ok_and(|n| n.to_string_lossy() == "NAType");
    let hint = if missing {
        " (a missing value? drop or fill missing values first)"
    } else {
        ""
    };
    unread(format!("expected a str, got {}{hint}", shown(&obj)))
}

/// A `str` argument kept as the Python string (read later, or never copied:
/// `classify`'s text): anything else (None included) is `InvalidArgument`,
/// code `parse_error`, at the argument's name, as [`Text`].
pub struct Str<'py>(pub Bound<'py, PyString>);

impl<'a, 'py> FromPyObject<'a, 'py> for Str<'py> {
    type Error = PyErr;

    #[cfg(feature = "stubs")]
    const INPUT_TYPE: pyo3::inspect::PyStaticExpr = <String as FromPyObject<'a, 'py>>::INPUT_TYPE;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.cast::<PyString>() {
            Ok(s) => Ok(Str(s.to_owned())),
            Err(_) => Err(not_a_str(&obj)),
        }
    }
}

/// An argument that must be an instance of `T`: one of okrkit's objects
/// (`Org`, `Ledger`, `ScoreReport`, `SigningKey`) or a Python type (`dict`,
/// `str`). Anything else is `InvalidArgument`, code `parse_error`, at the
/// argument's name (`ledger`) or item (`keys[1]`), as [`Text`] is for a
/// str; never pyo3's bare `TypeError`. Derefs to the object for okrkit's
/// (frozen) classes.
pub struct Obj<'py, T>(pub Bound<'py, T>);

impl<'a, 'py, T: pyo3::type_object::PyTypeCheck + 'a> FromPyObject<'a, 'py> for Obj<'py, T> {
    type Error = PyErr;

    #[cfg(feature = "stubs")]
    const INPUT_TYPE: pyo3::inspect::PyStaticExpr = T::TYPE_HINT;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.cast::<T>() {
            Ok(b) => Ok(Obj(b.to_owned())),
            Err(e) => Err(unread(e.to_string())),
        }
    }
}

impl<T> std::ops::Deref for Obj<'_, T>
where
    T: pyo3::PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync,
{
    type Target = T;

    fn deref(&self) -> &T {
        self.0.get()
    }
}

/// A `bytes` argument (a secret key): `bytes` or `bytearray`, copied;
/// anything else is `InvalidArgument`, code `parse_error`, at the argument's
/// name (pyo3 read any sequence of ints and raised `TypeError` for the rest).
pub struct Bytes(pub Vec<u8>);

impl<'a, 'py> FromPyObject<'a, 'py> for Bytes {
    type Error = PyErr;

    #[cfg(feature = "stubs")]
    const INPUT_TYPE: pyo3::inspect::PyStaticExpr = <Vec<u8> as FromPyObject<'a, 'py>>::INPUT_TYPE;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(b) = obj.cast::<pyo3::types::PyBytes>() {
            return Ok(Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(b) = obj.cast::<pyo3::types::PyByteArray>() {
            return Ok(Bytes(b.to_vec()));
        }
        Err(unread(format!(
            "expected bytes, got {}",
            shown(&obj.to_owned())
        )))
    }
}

/// A list argument (a list, tuple or any iterable but a `str`) whose items
/// are read as `T` ([`Str`], [`Text`]): one `str` in place of the list, a
/// value that is not iterable, or an item `T` refuses is `InvalidArgument`,
/// code `parse_error`, at the argument's name (`texts`) or the item's
/// (`texts[3]`), never a bare `TypeError`.
pub struct List<T>(pub Vec<T>);

impl<'a, 'py, T> FromPyObject<'a, 'py> for List<T>
where
    T: for<'b> FromPyObject<'b, 'py, Error = PyErr>,
{
    type Error = PyErr;

    #[cfg(feature = "stubs")]
    const INPUT_TYPE: pyo3::inspect::PyStaticExpr = <Vec<T> as FromPyObject<'a, 'py>>::INPUT_TYPE;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        if obj.is_instance_of::<PyString>() {
            return Err(unread(format!(
                "expected a list of str, got one str ({})",
                shown(&obj)
            )));
        }
        // bytes iterate as ints: refuse them whole, as one str is.
        if obj.is_instance_of::<pyo3::types::PyBytes>()
            || obj.is_instance_of::<pyo3::types::PyByteArray>()
        {
            return Err(unread(format!(
                "expected a list, got bytes ({})",
                shown(&obj)
            )));
        }
        let Ok(items) = obj.try_iter() else {
            return Err(unread(format!("expected a list, got {}", shown(&obj))));
        };
        let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
        for (i, item) in items.enumerate() {
            let item = item?;
            match T::extract(item.as_borrowed()) {
                Ok(v) => out.push(v),
                Err(e) => {
                    let message = e.value(obj.py()).str().map_or_else(
                        |_| format!("item {i} cannot be read"),
                        |m| m.to_string_lossy().into_owned(),
                    );
                    return Err(crate::error::unnamed_item_err(
                        ProblemCode::Parse,
                        &format!("[{i}]"),
                        message,
                    ));
                }
            }
        }
        Ok(List(out))
    }
}
