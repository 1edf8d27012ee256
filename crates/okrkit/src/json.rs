//! JSON reading and writing with paths in errors.

mod maps_only;

use crate::error::{Error, Problem, ProblemCode};
use crate::limits::MAX_INPUT_BYTES;
pub(crate) use maps_only::{MapsOnly, TaggedObject};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(serde::Deserialize)]
struct VersionOnly {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

fn check_version(text: Option<&str>, value: Option<&serde_json::Value>) -> Option<Error> {
    let version = match (text, value) {
        (Some(t), _) => serde_from_str::<VersionOnly>(t).ok()?.schema_version,
        (_, Some(v)) => v.get("schema_version").cloned(),
        _ => None,
    }?;
    if version.as_u64() == Some(u64::from(crate::SCHEMA_VERSION)) {
        return None;
    }
    version_error(version)
}

/// The `unsupported_schema_version` error for any version but the one this
/// crate reads (`None` for that one).
pub(crate) fn version_error(version: impl Into<serde_json::Value>) -> Option<Error> {
    let version = version.into();
    if version.as_u64() == Some(u64::from(crate::SCHEMA_VERSION)) {
        return None;
    }
    Some(Error::Invalid(vec![
        Problem::new(
            ProblemCode::UnsupportedSchemaVersion,
            format!(
                "schema version {version} is not supported; this okrkit reads version {}",
                crate::SCHEMA_VERSION
            ),
        )
        .at("schema_version"),
    ]))
}

/// The error for a top-level value that is not an object, at its position.
pub(crate) fn not_an_object(line: usize, column: usize) -> Error {
    Error::Parse {
        path: String::new(),
        message: "a document is a JSON object ({…}); this input is another kind of value".into(),
        position: crate::error::Position::at(line, column),
    }
}

/// Refuses text whose first value is not an object (serde would read a
/// struct from an array too). Empty or malformed text is left to the parser.
pub(crate) fn require_object(text: &str) -> crate::Result<()> {
    let (mut line, mut column) = (1, 1);
    for c in text.chars() {
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            ' ' | '\t' | '\r' => column += 1,
            '{' => return Ok(()),
            _ => return Err(not_an_object(line, column)),
        }
    }
    Ok(())
}

/// UTF-8 text of JSON bytes, or a `parse_error`.
pub(crate) fn from_str_bytes(bytes: &[u8]) -> crate::Result<&str> {
    crate::utf8::check(bytes).map_err(|e| Error::Parse {
        path: String::new(),
        message: format!("the input is not UTF-8: {e}"),
        position: None,
    })
}

fn parse_error(path: String, err: &serde_json::Error) -> Error {
    let mut message = err.to_string();
    // serde_json appends " at line L column C": keep the message itself.
    if let Some(pos) = message.find(" at line ") {
        message.truncate(pos);
    }
    let path = if path == "." { String::new() } else { path };
    // serde reports a key given twice at the object holding it (after the
    // key is read); name the key itself, as an unknown key is named.
    let path = match duplicated_key(&message) {
        Some(key) => crate::json_case::join_path(&path, key),
        None => path,
    };
    Error::Parse {
        path,
        message,
        position: crate::error::Position::at(err.line(), err.column()),
    }
}

/// The key of serde's "duplicate field `key`" message.
fn duplicated_key(message: &str) -> Option<&str> {
    message
        .strip_prefix("duplicate field `")?
        .strip_suffix('`')
        .filter(|k| !k.contains('`'))
}

/// Reads `T` from JSON text, with the path of the offending element on failure.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> crate::Result<T> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::InvalidArgument {
            code: ProblemCode::TooLarge,
            message: format!(
                "input is {} bytes; the limit is {MAX_INPUT_BYTES}",
                text.len()
            ),
            path: String::new(),
        });
    }
    // Fast path: serde_json without path tracking. Only when it fails is the
    // input read again with it, which allocates for every key it passes. A
    // struct is read from an object only (`MapsOnly`), on both reads.
    match serde_from_str::<T>(text) {
        Ok(value) => Ok(value),
        Err(plain) => {
            let mut de = serde_json::Deserializer::from_str(text);
            let err = match serde_path_to_error::deserialize::<_, T>(MapsOnly(&mut de)) {
                Err(e) => parse_error(e.path().to_string(), e.inner()),
                // The tracked read got further (e.g. trailing characters): report the plain error.
                Ok(_) => parse_error(String::new(), &plain),
            };
            Err(check_version(Some(text), None).unwrap_or(err))
        }
    }
}

/// `serde_json::from_str`, except that a struct is read from an object only
/// ([`MapsOnly`]); no path in the error, no size limit.
pub(crate) fn serde_from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_str::<ObjectsOnly<T>>(text).map(|v| v.0)
}

/// `T` read through [`MapsOnly`]: for serde_json's own entry points (a
/// stream of values, `from_str`), which take a type, not a deserializer.
pub(crate) struct ObjectsOnly<T>(pub(crate) T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectsOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(MapsOnly(d)).map(ObjectsOnly)
    }
}

/// `T` read through [`MapsOnly`], for a field serde reads from content it
/// buffered first, which the deserializer around it does not reach: the
/// fields of an internally tagged enum's variant (a ledger action's
/// document, objective, key result…), as
/// `#[serde(deserialize_with = "crate::json::object_only")]`.
pub(crate) fn object_only<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(MapsOnly(d))
}

/// Reads `T` from a JSON value.
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> crate::Result<T> {
    if let Some(err) = check_version(None, Some(&value)) {
        return Err(err);
    }
    match T::deserialize(MapsOnly(&value)) {
        Ok(v) => Ok(v),
        Err(_) => serde_path_to_error::deserialize::<_, T>(MapsOnly(value))
            .map_err(|e| parse_error(e.path().to_string(), e.inner())),
    }
}

/// Writes compact JSON. Serialising okrkit's own types cannot fail (string
/// keys only, no custom serialisers that error), so a failure is a bug.
pub(crate) fn to_string<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// Writes indented JSON.
pub(crate) fn to_string_pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// `text` without a leading UTF-8 byte-order mark (U+FEFF), which some
/// editors and Windows tools write: the document readers skip it rather than
/// fail at "expected value (line 1, column 1)".
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
