//! How a caller's mapping reads as [`TableOptions`]: a binding's `mapping`
//! argument (an object) or a mapping file (JSON text).

use super::table::TableOptions;
use crate::{Error, ProblemCode, Result};
use serde_json::{Map, Value};

impl TableOptions {
    /// The option keys a caller's `mapping` gives (a map the caller adds its
    /// own keys to, then reads as [`TableOptions`]): an object holding any
    /// [`TableOptions`] key is the whole options; anything else is the
    /// `columns` (okrkit field → column header).
    ///
    /// ```
    /// use okrkit::import::table::TableOptions;
    /// use serde_json::json;
    /// let columns = TableOptions::options_from_mapping(json!({"objective": "Goal"}));
    /// assert_eq!(columns["columns"], json!({"objective": "Goal"}));
    /// let mapping = json!({"separator": ";", "columns": {"objective": "Goal"}});
    /// let whole = TableOptions::options_from_mapping(mapping);
    /// assert_eq!(whole["separator"], json!(";"));
    /// ```
    pub fn options_from_mapping(mapping: Value) -> Map<String, Value> {
        let names = serde_json::to_value(TableOptions::default()).unwrap_or_default();
        match mapping {
            Value::Object(map) if map.keys().any(|k| names.get(k).is_some()) => map,
            other => Map::from_iter([("columns".to_owned(), other)]),
        }
    }

    /// `options` (a binding's keyword options) added to the keys a
    /// `mapping` gave. A key given in both is `invalid_value` at that key:
    /// neither silently replaces the other.
    ///
    /// ```
    /// use okrkit::import::table::TableOptions;
    /// use serde_json::{Map, json};
    /// let mapping = TableOptions::options_from_mapping(json!({"separator": ";"}));
    /// let both = TableOptions::options_with(mapping.clone(),
    ///     Map::from_iter([("decimal_comma".to_owned(), json!(true))]))?;
    /// assert_eq!((both["separator"].clone(), both["decimal_comma"].clone()), (json!(";"), json!(true)));
    /// let twice = TableOptions::options_with(mapping,
    ///     Map::from_iter([("separator".to_owned(), json!(","))])).unwrap_err();
    /// assert_eq!((twice.code(), twice.path()), ("invalid_value", "separator"));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn options_with(
        mut mapping: Map<String, Value>,
        options: Map<String, Value>,
    ) -> Result<Map<String, Value>> {
        for (key, value) in options {
            if mapping.contains_key(&key) {
                return Err(Error::InvalidArgument {
                    code: ProblemCode::InvalidValue,
                    message: format!(
                        "'{key}' is given both in the mapping and as an option: keep one"
                    ),
                    path: key,
                });
            }
            mapping.insert(key, value);
        }
        Ok(mapping)
    }

    /// The option keys a mapping file holds (its bytes: a JSON object of
    /// [`TableOptions`] keys, read lossily as UTF-8, a leading byte-order mark
    /// skipped); anything else is
    /// [`Error::InvalidArgument`], code `parse_error`, path `mapping`.
    ///
    /// ```
    /// use okrkit::import::table::TableOptions;
    /// let opts = TableOptions::options_from_mapping_file(br#"{"separator": ";"}"#)?;
    /// assert_eq!(opts["separator"], ";");
    /// let e = TableOptions::options_from_mapping_file(b"[1]").unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("parse_error", "mapping"));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn options_from_mapping_file(bytes: &[u8]) -> Result<Map<String, Value>> {
        let text = String::from_utf8_lossy(bytes);
        match serde_json::from_str::<Value>(super::json_source::without_bom(&text)) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(Error::InvalidArgument {
                code: ProblemCode::Parse,
                message: "the mapping file is not a JSON object".into(),
                path: "mapping".into(),
            }),
        }
    }
}
