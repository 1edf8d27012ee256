//! The one place where okrkit's errors become Python exceptions.
//!
//! The exception classes are defined in `okrkit/errors.py` (so they can
//! inherit from both `OkrError` and a builtin such as `ValueError` or
//! `OSError`); this file decides which class each kind of core error maps to,
//! and fills in the stable `code`, the `path` and every problem.
//!
//! | core error | Python class | `code` |
//! |---|---|---|
//! | `Error::Parse` | `ValidationError` (also `ValueError`) | `parse_error` |
//! | `Error::Invalid` | `ValidationError` | `invalid_document` (each problem has its own code) |
//! | a conversion problem (NaN, lone surrogate, bad type) | `ValidationError` | the problem's code (`not_finite`, `parse_error`) |
//! | `Error::Refused` | `LedgerRefused` | the refusal's code (`not_allowed`, `invalid_state`, …) |
//! | `Error::Tampered` | `TamperedError` | `tampered` (+ `index`, `entry_id`) |
//! | `Error::NotProven` | `ProofError` | its reason (`rewrite`, `truncation`, `fork`, `bad_signature`, …) (+ `entry`) |
//! | `Error::InvalidArgument` | `InvalidArgument` (also `ValueError`) | its problem code |
//! | `Error::Io` | `OkrIOError` (also `OSError`) | `io_error` |
//! | a panic inside okrkit (a bug), at any entry point | `InternalError` | `internal_error` |
//! | anything newer | `OkrError` | its code |

use okrkit::{Error, Problem, ProblemCode};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let module = ERRORS.get_or_try_init(py, || py.import("okrkit.errors").map(Bound::unbind))?;
    module.bind(py).getattr(name)
}

/// The exception `class_name(message, code=…, path=…, problems=…, **extra)`.
fn build(
    class_name: &str,
    message: String,
    code: &str,
    path: &str,
    problems: &[Problem],
    extra: Vec<(&str, serde_json::Value)>,
) -> PyErr {
    Python::attach(|py| {
        let made = (|| -> PyResult<PyErr> {
            let kwargs = PyDict::new(py);
            kwargs.set_item("code", code)?;
            kwargs.set_item("path", path)?;
            kwargs.set_item("problems", problem_objects(py, problems)?)?;
            for (key, value) in extra {
                kwargs.set_item(key, crate::convert::ser_to_py(py, &value)?)?;
            }
            let exc = class(py, class_name)?.call((message.as_str(),), Some(&kwargs))?;
            Ok(PyErr::from_value(exc))
        })();
        // If okrkit.errors cannot be imported (a broken install), still raise something clear.
        made.unwrap_or_else(|e| e)
    })
}

/// Maps a core error to the Python exception of its kind, with the error's
/// own fields (`Error::fields`: `line`, `column`, `index`, `entry_id`,
/// `entry`; a `ValidationError` without a position keeps 0 for its line and
/// column, its documented API).
pub fn to_pyerr(err: Error) -> PyErr {
    let class = match &err {
        Error::Parse { .. } | Error::Invalid(_) => "ValidationError",
        Error::Refused { .. } => "LedgerRefused",
        Error::Tampered { .. } => "TamperedError",
        Error::NotProven { .. } => "ProofError",
        Error::InvalidArgument { .. } => "InvalidArgument",
        Error::Io { source, .. }
            if (source.as_ref()).is_some_and(|s| s.kind() == std::io::ErrorKind::NotFound) =>
        {
            "OkrFileNotFoundError"
        }
        Error::Io { .. } => "OkrIOError",
        _ => "OkrError",
    };
    let (message, problems) = (err.to_string(), err.problems());
    build(
        class,
        message,
        err.code(),
        err.path(),
        &problems,
        err.fields(),
    )
}

/// A panic caught at an entry point (`#[guarded]`, bindings/python/guard):
/// `InternalError`, code `internal_error`, a bug in okrkit. Never pyo3's
/// `PanicException`, which `except Exception` would miss.
pub fn panicked(payload: &(dyn std::any::Any + Send)) -> PyErr {
    let message = Error::internal_message(payload);
    build(
        "InternalError",
        message,
        Error::INTERNAL_CODE,
        "",
        &[],
        vec![],
    )
}

/// A problem found while converting a Python value (NaN, a lone surrogate, a
/// wrong type): a `ValidationError` whose code is the problem's own code.
pub fn problem_err(problem: Problem) -> PyErr {
    let message = problem.to_string();
    let code = problem.code.as_str();
    let path = problem.path.clone();
    build("ValidationError", message, code, &path, &[problem], vec![])
}

/// An invalid argument to a binding function (e.g. an unknown table name).
pub fn argument_err(code: ProblemCode, path: &str, message: String) -> PyErr {
    to_pyerr(Error::InvalidArgument {
        code,
        message,
        path: path.to_owned(),
    })
}

/// An argument (or, with a `suffix` such as `[3]`, an item of one) that could
/// not be read, raised while pyo3 extracts it (see `convert::Count`): an
/// `InvalidArgument` with `code` whose path is still empty. pyo3 then adds the
/// note "while processing '<name>'", and `InvalidArgument.add_note`
/// (`okrkit/errors.py`) makes `<name>` + `suffix` its path and the start of
/// its message, as [`argument_err`] writes them.
pub fn unnamed_item_err(code: ProblemCode, suffix: &str, message: String) -> PyErr {
    let problem = Problem::new(code, message.clone());
    let extra = vec![("_unnamed_argument", serde_json::Value::from(suffix))];
    build(
        "InvalidArgument",
        message,
        code.as_str(),
        "",
        &[problem],
        extra,
    )
}

/// `.map_err(err)` on core results.
pub trait OrPyErr<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> OrPyErr<T> for okrkit::Result<T> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_pyerr)
    }
}

/// Problems as `okrkit.errors.Problem` objects (`validate()`, an exception's `problems`).
pub fn problem_objects<'py>(py: Python<'py>, problems: &[Problem]) -> PyResult<Bound<'py, PyList>> {
    let cls = class(py, "Problem")?;
    let list = PyList::empty(py);
    for p in problems {
        list.append(cls.call1((p.code.as_str(), p.message.as_str(), p.path.as_str()))?)?;
    }
    Ok(list)
}
