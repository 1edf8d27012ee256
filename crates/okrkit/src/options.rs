//! Option types read from JSON, as the Python and Node bindings read them.

use crate::error::{Error, Result};
use crate::json_case::join_path;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

/// Reads an options type ([`crate::lint::LintOptions`],
/// [`crate::ProgressOptions`], [`crate::health::HealthOptions`], the
/// generator's options…) from JSON. Defaults are the type's own (serde
/// `default`); an unknown key or a value of the wrong type is
/// [`Error::Parse`] — code `parse_error` — whose path names the key. Python
/// and Node read their options through this function ([`read_at`], which
/// adds the type's rule for keys given together), so a bad option has one
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
    // A struct is read from an object only (`json::MapsOnly`).
    serde_path_to_error::deserialize::<_, T>(crate::json::MapsOnly(value)).map_err(|e| {
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
            // The root's own error (path "") is at `at` itself.
            path: if path.is_empty() {
                at.to_owned()
            } else {
                join_path(at, &path)
            },
            message,
            position,
        },
        other => other,
    })
}

/// Options as a binding's caller writes them: an object (anything else is a
/// `parse_error` at `at`) whose day fields (`as_of`) take a date
/// (`YYYY-MM-DD`) or an RFC 3339 instant, meaning its UTC day (a JS `Date`
/// arrives as one), read by [`from_value_at`].
///
/// ```
/// use okrkit::ProgressOptions;
/// let o: ProgressOptions = okrkit::options::from_object_at(
///     serde_json::json!({ "as_of": "2026-02-05T23:30:00-01:00" }), "options")?;
/// assert_eq!(o.as_of.map(|d| d.to_string()).as_deref(), Some("2026-02-06"));
/// let err = okrkit::options::from_object_at::<ProgressOptions>(serde_json::json!(3), "options")
///     .unwrap_err();
/// assert_eq!((err.code(), err.path()), ("parse_error", "options"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn from_object_at<T: ReadOptions>(value: serde_json::Value, at: &str) -> Result<T> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(crate::json_case::parse_error(
            at,
            "expected an options object",
        ));
    };
    for field in ["as_of"] {
        if let Some(serde_json::Value::String(s)) = map.get(field) {
            let day = parse_day(s, &join_path(at, field))?;
            map.insert(field.into(), serde_json::Value::String(day.to_string()));
        }
    }
    read_at(map, at)
}

/// An options type a binding reads from its caller's keys: after the keys
/// are read ([`from_value_at`]), [`ReadOptions::given`] sees which keys the
/// caller gave, for a rule that no type can state (an option that does
/// nothing without another is refused, never ignored). Without a rule of its
/// own, a type reads as [`from_value_at`] reads it.
pub trait ReadOptions: DeserializeOwned {
    /// Checks the options read against the keys the caller gave (`given`,
    /// those not null); an error's path is the key's, below `at`.
    fn given(&self, given: &BTreeSet<String>, at: &str) -> Result<()> {
        let _ = (given, at);
        Ok(())
    }
}

impl ReadOptions for crate::ProgressOptions {}
impl ReadOptions for crate::health::HealthOptions {}
/// What [`generate`](crate::generate::generate) can make
/// ([`GenerateOptions::check`](crate::generate::GenerateOptions::check)): 0
/// teams, objectives or cycles is `invalid_value` at the option's key below
/// `at`; more than the limit stays `too_large` at `generate`.
#[cfg(feature = "generate")]
impl ReadOptions for crate::generate::GenerateOptions {
    fn given(&self, _given: &BTreeSet<String>, at: &str) -> Result<()> {
        self.check().map_err(|e| match e {
            Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message,
                path,
            } => Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message,
                path: join_path(at, &path),
            },
            other => other,
        })
    }
}

/// A `stale_after_days` given without `as_of` is `invalid_value` at
/// `stale_after_days`: without a date the stale rule does not run, so the
/// option would be ignored. (`as_of` null is not given. The Rust API and the
/// typed records of Kotlin and Swift always carry both fields: there the
/// rule of [`LintOptions::as_of`](crate::lint::LintOptions::as_of) applies.)
///
/// ```
/// use okrkit::lint::LintOptions;
/// let map = |v: serde_json::Value| v.as_object().unwrap().clone();
/// let err = okrkit::options::read_at::<LintOptions>(
///     map(serde_json::json!({ "stale_after_days": 7 })), "options").unwrap_err();
/// assert_eq!((err.code(), err.path()), ("invalid_value", "options.stale_after_days"));
/// let o: LintOptions = okrkit::options::read_at(
///     map(serde_json::json!({ "stale_after_days": 7, "as_of": "2026-02-01" })), "")?;
/// assert_eq!(o.stale_after_days, 7);
/// # Ok::<(), okrkit::Error>(())
/// ```
impl ReadOptions for crate::lint::LintOptions {
    fn given(&self, given: &BTreeSet<String>, at: &str) -> Result<()> {
        if given.contains("stale_after_days") && !given.contains("as_of") {
            return Err(Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: "stale_after_days needs as_of (the date staleness is judged at); \
                          without it the stale rule does not run"
                    .into(),
                path: join_path(at, "stale_after_days"),
            });
        }
        Ok(())
    }
}

/// Options a binding's caller gave as keys (`map`), read by
/// [`from_value_at`] and then checked by the type's [`ReadOptions::given`]
/// rule: the one reader of the bindings' options (Python's keyword options,
/// Node's options object through [`from_object_at`]).
pub fn read_at<T: ReadOptions>(
    map: serde_json::Map<String, serde_json::Value>,
    at: &str,
) -> Result<T> {
    let given: BTreeSet<String> = map
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.clone())
        .collect();
    let options: T = from_value_at(serde_json::Value::Object(map), at)?;
    options.given(&given, at)?;
    Ok(options)
}

/// A date written exactly `YYYY-MM-DD` (four-digit year, two-digit month
/// and day, nothing before or after): the one date parser of okrkit's
/// options and arguments (the CLI's `--at`, the bindings' `as_of`). Chrono's
/// own reading also takes `" 2026-02-15"`, `"2026-2-5"` and `"+2026-02-15"`;
/// those, and days that do not exist (`2026-02-30`), are a `parse_error` at
/// `path`.
///
/// ```
/// let d = okrkit::options::parse_date("2026-02-15", "--at")?;
/// assert_eq!(d.to_string(), "2026-02-15");
/// for bad in [" 2026-02-15", "2026-2-5", "+2026-02-15", "2026-02-30", "2026-02-15 "] {
///     let err = okrkit::options::parse_date(bad, "--at").unwrap_err();
///     assert_eq!((err.code(), err.path()), ("parse_error", "--at"));
/// }
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn parse_date(text: &str, path: &str) -> Result<chrono::NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((digits(0..4)?, digits(5..7)?, digits(8..10)?)))
        .flatten()
        .and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y as i32, m, d));
    date.ok_or_else(|| {
        crate::json_case::parse_error(
            path,
            format!("'{text}' is not a date written YYYY-MM-DD (e.g. 2026-02-05)"),
        )
    })
}

/// An options type's day (`as_of`): null, or text read by [`parse_date`]
/// (chrono's own reading is lenient), so `from_value` is as strict as the
/// CLI.
pub(crate) fn strict_day<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<chrono::NaiveDate>, D::Error> {
    let text = <Option<String> as serde::Deserialize>::deserialize(d)?;
    text.map(|t| {
        parse_date(&t, "").map_err(|_| {
            serde::de::Error::custom(format!(
                "'{t}' is not a date written YYYY-MM-DD (e.g. 2026-02-05)"
            ))
        })
    })
    .transpose()
}

/// A document's day (a cycle's `start` and `end`): text read by
/// [`parse_date`], so a document is as strict as the options (chrono's own
/// reading took `" 2026-01-01"`, `"2026-1-1"` and `"+2026-01-01"`).
pub(crate) fn strict_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<chrono::NaiveDate, D::Error> {
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    parse_date(&text, "").map_err(|_| {
        serde::de::Error::custom(format!(
            "'{text}' is not a date written YYYY-MM-DD (e.g. 2026-02-05)"
        ))
    })
}

/// A day from text: a date (`YYYY-MM-DD`, read by [`parse_date`]) or an RFC
/// 3339 instant in its strict form — `YYYY-MM-DDTHH:MM:SS[.f{1,9}]` then `Z`
/// or `±HH:MM`, upper-case `T` and `Z`, no leap second `:60` — meaning its
/// UTC day. The one reading of `as_of` text: the CLI's `--at`, Python's and
/// Node's `as_of` and `dates`. Anything else (a space for the `T`, a
/// lower-case `t` or `z`, `23:59:60`, no offset) is a `parse_error` at
/// `path` (shared vector `tests/vectors/options/as_of.json`).
///
/// ```
/// let d = okrkit::options::parse_day("2026-02-15T01:00:00+02:00", "asOf")?;
/// assert_eq!(d.to_string(), "2026-02-14");
/// assert_eq!(okrkit::options::parse_day("soon", "dates[1]").unwrap_err().path(), "dates[1]");
/// for bad in ["2026-02-15 10:00:00Z", "2026-02-15t10:00:00Z", "2026-02-15T10:00:00z",
///             "2026-02-15T23:59:60Z", "2026-02-15T10:00:00"] {
///     let err = okrkit::options::parse_day(bad, "--at").unwrap_err();
///     assert_eq!((err.code(), err.path()), ("parse_error", "--at"), "{bad}");
/// }
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn parse_day(text: &str, path: &str) -> Result<chrono::NaiveDate> {
    if let Ok(d) = parse_date(text, path) {
        return Ok(d);
    }
    // The crate's strict reader: chrono's own (`parse_from_rfc3339`) also
    // takes a space, `t`, `z` and a leap second.
    crate::rfc3339::parse_exact(text)
        .map(|t| t.date_naive())
        .ok_or_else(|| {
            crate::json_case::parse_error(
                path,
                format!(
                    "'{text}' is not a date (YYYY-MM-DD) or an RFC 3339 instant \
                     (YYYY-MM-DDTHH:MM:SS with Z or an offset such as +02:00)"
                ),
            )
        })
}

/// Whether a string a caller passed where a binding takes *either* a path
/// or the source itself (Python's `load`, `validate`, `lint`, `load_csv`,
/// `read_table` and the JSON importers) is the source's text: it is empty or
/// blank, starts with `{` or `[` (after a UTF-8 byte-order mark and white
/// space), or holds a line break. Anything else is a path. One rule for
/// every such argument, so a string reads the same way whichever function
/// it is given to.
///
/// ```
/// use okrkit::options::source_is_text;
/// assert!(source_is_text("\u{feff} {\"objectives\": []}"));
/// assert!(source_is_text("[1]"));
/// assert!(source_is_text("objective,team\no,t\n"));
/// assert!(source_is_text(""));
/// assert!(!source_is_text("examples/data/org.json"));
/// assert!(!source_is_text("exports/okrs, q1.csv"));
/// ```
pub fn source_is_text(s: &str) -> bool {
    let t = s.trim_start_matches('\u{feff}').trim_start();
    t.is_empty() || t.starts_with('{') || t.starts_with('[') || s.contains(['\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::from_value_at;
    use crate::lint::LintOptions;
    use serde_json::json;

    /// A binding's generate options get the core's check where they are
    /// read: 0 teams is `invalid_value` at the key below the argument.
    #[cfg(feature = "generate")]
    #[test]
    fn generate_options_read_from_keys_are_checked() {
        let map = |v: serde_json::Value| v.as_object().cloned().unwrap_or_default();
        let e = super::read_at::<crate::generate::GenerateOptions>(
            map(json!({ "teams": 0 })),
            "options",
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_value", "options.teams"));
        assert!(
            super::read_at::<crate::generate::GenerateOptions>(
                map(json!({ "teams": 2 })),
                "options"
            )
            .is_ok()
        );
    }

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
