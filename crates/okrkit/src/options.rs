//! Option types read from JSON, as the CLI and every binding read them.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Reads an options type ([`crate::lint::LintOptions`],
/// [`crate::ProgressOptions`], [`crate::health::HealthOptions`], the
/// generator's options…) from JSON. Defaults are the type's own (serde
/// `default`); an unknown key or a value of the wrong type is
/// [`Error::Parse`] — code `parse_error` — whose path names the key. Every
/// binding reads its options through this function, so a bad option has one
/// code everywhere (`tests/vectors/options/bad_options.json`).
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
        let path = e.path().to_string();
        let message = e.inner().to_string();
        // serde names an unknown key in its message only: put it in the path.
        let path = match (path.as_str(), unknown_field(&message)) {
            (".", Some(key)) => key.to_owned(),
            (p, Some(key)) if !p.ends_with(key) => format!("{p}.{key}"),
            (".", None) => String::new(),
            (p, _) => p.to_owned(),
        };
        Error::Parse {
            path,
            message,
            position: None,
        }
    })
}

/// The key named by serde's "unknown field `x`, expected …".
fn unknown_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
}
