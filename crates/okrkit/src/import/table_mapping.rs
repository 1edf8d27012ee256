//! How a caller's mapping reads as [`TableOptions`]: a binding's `mapping`
//! argument (an object) or a mapping file (JSON text).

use super::table::TableOptions;
use crate::{Error, ProblemCode, Result};
use serde_json::{Map, Value};

impl TableOptions {
    /// The options a caller's `mapping` gives: an object holding any
    /// [`TableOptions`] key is the whole options; anything else is the
    /// `columns` (okrkit field → column header).
    ///
    /// ```
    /// use okrkit::import::table::TableOptions;
    /// use serde_json::json;
    /// let columns = TableOptions::mapping(json!({"objective": "Goal"}));
    /// assert_eq!(columns["columns"], json!({"objective": "Goal"}));
    /// let whole = TableOptions::mapping(json!({"separator": ";", "columns": {"objective": "Goal"}}));
    /// assert_eq!(whole["separator"], json!(";"));
    /// ```
    pub fn mapping(mapping: Value) -> Map<String, Value> {
        let names = serde_json::to_value(TableOptions::default()).unwrap_or_default();
        match mapping {
            Value::Object(map) if map.keys().any(|k| names.get(k).is_some()) => map,
            other => Map::from_iter([("columns".to_owned(), other)]),
        }
    }

    /// The options a mapping file holds: a JSON object of [`TableOptions`]
    /// keys (read lossily as UTF-8); anything else is
    /// [`Error::InvalidArgument`], code `parse_error`, path `mapping`.
    ///
    /// ```
    /// use okrkit::import::table::TableOptions;
    /// let opts = TableOptions::mapping_file(br#"{"separator": ";"}"#)?;
    /// assert_eq!(opts["separator"], ";");
    /// let e = TableOptions::mapping_file(b"[1]").unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("parse_error", "mapping"));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn mapping_file(bytes: &[u8]) -> Result<Map<String, Value>> {
        match serde_json::from_str::<Value>(&String::from_utf8_lossy(bytes)) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(Error::InvalidArgument {
                code: ProblemCode::Parse,
                message: "the mapping file is not a JSON object".into(),
                path: "mapping".into(),
            }),
        }
    }
}
