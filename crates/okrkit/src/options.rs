//! Option types read from JSON, as the Python and Node bindings read them.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Reads an options type ([`crate::lint::LintOptions`],
/// [`crate::ProgressOptions`], [`crate::health::HealthOptions`], the
/// generator's options…) from JSON. Defaults are the type's own (serde
/// `default`); an unknown key or a value of the wrong type is
/// [`Error::Parse`] — code `parse_error` — whose path names the key. Python
/// and Node read their options through this function, so a bad option has one
/// code in both (`tests/vectors/options/bad_options.json`). Kotlin and Swift
/// take typed records instead (no key can be misspelt there; a negative count
/// is `invalid_value` at its field), and the CLI takes flags.
///
/// ```
/// use okrkit::ProgressOptions;
/// let err = okrkit::options::from_value::<ProgressOptions>(serde_json::json!({ "asof": "2026-02-01" }))
///     .unwrap_err();
/// assert_eq!((err.code(), err.path()), ("parse_error", "asof"));
/// let ok: ProgressOptions = okrkit::options::from_value(serde_json::json!({ "cycle": "q1" })).unwrap();
/// assert_eq!(ok.cycle.as_ref().map(|c| c.as_str()), Some("q1"));
/// ```
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        // serde_path_to_error names an unknown key in the path too
        // (`rules.stale_key_results`); the root is "." there, "" here.
        let path = match e.path().to_string() {
            p if p == "." => String::new(),
            p => p,
        };
        Error::Parse {
            path,
            message: e.inner().to_string(),
            position: None,
        }
    })
}
