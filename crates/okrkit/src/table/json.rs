//! A table's rows as JSON text with every row's keys in column order
//! (a `serde_json::Map` sorts its keys; this writes them as the schema lists
//! them).

use super::{ColumnSpec, Table};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// The rows of a table, serialised as an array of objects.
struct Rows<'a>(&'a Table);

/// One row.
struct Row<'a>(&'a Table, usize);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for i in 0..self.0.len() {
            seq.serialize_element(&Row(self.0, i))?;
        }
        seq.end()
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.columns.len()))?;
        for c in &self.0.columns {
            map.serialize_entry(c.spec.name, &c.json(self.1))?;
        }
        map.end()
    }
}

impl Table {
    /// The rows as JSON text: an array of objects, each with every column
    /// (null kept) in column order — what the CLI's `--format json-rows`
    /// prints and the Node binding parses.
    ///
    /// ```
    /// let t = okrkit::table::classification::classify_many(
    ///     okrkit::classify::default_classifier(), &["Ship the app"], None);
    /// let text = t.to_json_rows_text(false);
    /// let names: Vec<_> = t.columns.iter().map(|c| format!("\"{}\":", c.spec.name)).collect();
    /// let at: Vec<_> = names.iter().map(|n| text.find(n.as_str()).unwrap()).collect();
    /// assert!(at.windows(2).all(|w| w[0] < w[1]), "keys in column order");
    /// ```
    pub fn to_json_rows_text(&self, pretty: bool) -> String {
        let r = if pretty {
            serde_json::to_string_pretty(&Rows(self))
        } else {
            serde_json::to_string(&Rows(self))
        };
        // Serialising strings, numbers, booleans and nulls cannot fail.
        r.unwrap_or_else(|_| "[]".to_owned())
    }

    /// The whole table as JSON text: `{"name", "columns", "rows"}`, the
    /// columns as [`columns_json`] writes them, the rows as
    /// [`Table::to_json_rows_text`] (keys in column order) — what the Node
    /// binding's `table()` methods parse.
    ///
    /// ```
    /// let t = okrkit::table::classification::classify_many(
    ///     okrkit::classify::default_classifier(), &["Raise NPS to 40".to_owned()], None);
    /// let v: serde_json::Value = serde_json::from_str(&t.to_json_text()).unwrap();
    /// assert_eq!(v["name"], "classification");
    /// assert_eq!(v["columns"][0]["name"], t.columns[0].spec.name);
    /// assert_eq!(v["rows"].as_array().map(Vec::len), Some(1));
    /// ```
    pub fn to_json_text(&self) -> String {
        let specs: Vec<ColumnSpec> = self.columns.iter().map(|c| *c.spec).collect();
        format!(
            "{{\"name\":{},\"columns\":{},\"rows\":{}}}",
            serde_json::Value::from(self.name),
            columns_json(&specs),
            self.to_json_rows_text(false)
        )
    }
}

/// A schema's columns as JSON: `[{ "name", "type", "doc" }]`, the type as
/// [`super::DType::as_str`] spells it.
///
/// ```
/// let spec = okrkit::table::schema_of("lint.findings").unwrap();
/// let v = okrkit::table::columns_json(spec);
/// assert_eq!(v[0]["name"], spec[0].name);
/// assert_eq!(v[0]["type"], spec[0].dtype.as_str());
/// ```
pub fn columns_json(spec: &[ColumnSpec]) -> serde_json::Value {
    spec.iter()
        .map(|c| serde_json::json!({ "name": c.name, "type": c.dtype.as_str(), "doc": c.doc }))
        .collect()
}
