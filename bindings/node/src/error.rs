//! okrkit's one error enum -> a JS `Error` with the stable `code`, the `path`
//! of the offending element and every `problems` entry.
//!
//! ```js
//! try { new Org(doc) } catch (err) {
//!   err.code      // 'invalid_document', 'parse_error', 'not_finite', 'not_allowed', 'tampered', …
//!   err.path      // 'objectives[3].key_results[1].measure.target'
//!   err.problems  // [{ code, message, path }, …] — every problem of an invalid document
//! }
//! ```

use napi::bindgen_prelude::*;
use napi::{JsValue, Status};
use okrkit::Error as OkrError;
use serde_json::json;

/// Builds the JS `Error` for a core error.
pub fn js_error(env: &Env, err: &OkrError) -> napi::Error {
    let problems = err.problems();
    coded(
        env,
        (err.code(), err.to_string(), err.path()),
        &problems,
        Some(err),
    )
}

/// A JS `Error` with `code`, `path` and `problems` (the error itself when it
/// has none, so `problems` is never empty), and the core error's own fields.
fn coded(
    env: &Env,
    (code, message, path): (&'static str, String, &str),
    problems: &[okrkit::Problem],
    err: Option<&OkrError>,
) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut obj = env.create_error(napi::Error::new(Status::GenericFailure, &message))?;
        obj.set_named_property("code", code)?;
        obj.set_named_property("path", path)?;
        // The core's problems (their codes stable: `parse_error`); for
        // `tampered`, `not_proven`, a panic…: the error itself.
        let problems = match problems {
            [] => crate::convert::plain(
                env,
                &[json!({ "code": code, "message": message, "path": path })],
            )?,
            all => crate::convert::plain(env, all)?,
        };
        obj.set_named_property("problems", problems)?;
        // The core error's own fields (`line`, `index`, `entryId`, `entry`…).
        if let Some(err) = err {
            let fields: serde_json::Map<String, serde_json::Value> = err
                .fields()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            let details = Object::from_unknown(crate::convert::plain(env, &fields)?)?;
            for key in Object::keys(&details)? {
                let value: Unknown = details.get_named_property(&key)?;
                obj.set_named_property(&key, value)?;
            }
        }
        Ok(napi::Error::from(obj.to_unknown()))
    };
    // Building the object failed (out of memory?): still a coded error.
    build()
        .unwrap_or_else(|_| napi::Error::new(Status::GenericFailure, format!("[{code}] {message}")))
}

/// Why a native function's body, or background work, failed: a core error
/// (thrown as [`js_error`] builds it), an error already made for JS, or a
/// caught panic (a bug). `?` takes the first two, so a body reads as the core
/// call it forwards.
#[derive(Debug)]
pub enum Failure {
    /// The core refused (bad input and the like).
    Core(OkrError),
    /// napi failed, or the error is already a JS `Error`.
    Js(napi::Error),
    /// A panic was caught (the process lives on), or another bug: the
    /// message, made by `okrkit::Error::internal_message`.
    Panic(String),
}

impl From<OkrError> for Failure {
    fn from(e: OkrError) -> Self {
        Failure::Core(e)
    }
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Failure::Js(e)
    }
}

impl Failure {
    /// The JS `Error` for this failure.
    pub fn into_js(self, env: &Env) -> napi::Error {
        match self {
            Failure::Core(e) => js_error(env, &e),
            Failure::Js(e) => e,
            Failure::Panic(m) => internal_error(env, &m),
        }
    }
}

/// What a native function's body returns.
pub type Body<T> = std::result::Result<T, Failure>;

/// A body's result as napi's: a failure becomes its JS `Error`.
pub fn thrown<T>(env: &Env, result: Body<T>) -> napi::Result<T> {
    result.map_err(|e| e.into_js(env))
}

/// A JS `Error` with code `internal_error` (a caught panic: a bug in okrkit)
/// and `message`, made by `okrkit::Error::internal_message`.
pub fn internal_error(env: &Env, message: &str) -> napi::Error {
    let code = OkrError::INTERNAL_CODE;
    coded(env, (code, message.to_owned(), ""), &[], None)
}

/// Runs work off the JS thread, turning a panic into [`Failure::Panic`].
pub fn guarded<T>(
    f: impl FnOnce() -> std::result::Result<T, Failure>,
) -> std::result::Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|p| Err(Failure::Panic(OkrError::internal_message(&*p))))
}
