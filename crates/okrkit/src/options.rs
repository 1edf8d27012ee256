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

/// [`from_value`] for an argument named `at` (`"options"`, `"texts[3]"`, or
/// `""` for the root): the error's path is the key's path below `at`
/// (`options.asof`, `options.rules.stale_key_results`, `texts[3]`), so each
/// binding names the argument the same way without rewriting the core's path.
///
/// ```
/// use okrkit::ProgressOptions;
/// let err = okrkit::options::from_value_at::<ProgressOptions>(
///     serde_json::json!({ "asof": "2026-02-01" }), "options").unwrap_err();
/// assert_eq!((err.code(), err.path()), ("parse_error", "options.asof"));
/// let err = okrkit::options::from_value_at::<Vec<String>>(serde_json::json!([1]), "texts")
///     .unwrap_err();
/// assert_eq!(err.path(), "texts[0]");
/// let err = okrkit::options::from_value_at::<String>(serde_json::json!(1), "name").unwrap_err();
/// assert_eq!(err.path(), "name");
/// ```
pub fn from_value_at<T: DeserializeOwned>(value: serde_json::Value, at: &str) -> Result<T> {
    from_value(value).map_err(|e| match e {
        Error::Parse {
            path,
            message,
            position,
        } => Error::Parse {
            path: join(at, &path),
            message,
            position,
        },
        other => other,
    })
}

/// `at` then `key`: `options.asof`, `texts[3]` (an index follows without a dot).
fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else if key.is_empty() {
        at.to_owned()
    } else if key.starts_with('[') {
        format!("{at}{key}")
    } else {
        format!("{at}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::from_value_at;
    use crate::lint::LintOptions;
    use serde_json::json;

    #[test]
    fn the_path_below_an_argument_is_joined_once() {
        // At the root, the core's path alone.
        let e = from_value_at::<LintOptions>(json!({ "nope": 1 }), "").unwrap_err();
        assert_eq!((e.code(), e.path()), ("parse_error", "nope"));
        // A nested key and an index inside a list.
        let e = from_value_at::<Vec<Vec<String>>>(json!([["a"], ["b", 2]]), "texts").unwrap_err();
        assert_eq!(e.path(), "texts[1][1]");
        let e =
            from_value_at::<LintOptions>(json!({ "max_objectives": "x" }), "options").unwrap_err();
        assert_eq!(e.path(), "options.max_objectives");
        // Anything but a parse error passes through unchanged.
        let ok = from_value_at::<Vec<String>>(json!(["a"]), "texts").unwrap();
        assert_eq!(ok, vec!["a".to_owned()]);
    }
}
