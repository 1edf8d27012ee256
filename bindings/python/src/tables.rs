//! Tables for notebooks: a report's rows as flat records (nested objects
//! joined with `_`, e.g. `pace_expected`), turned into pandas / polars frames
//! (imported lazily: neither is a dependency) and into HTML for Jupyter.
//! Pure presentation: the numbers are the core's, unrounded; only the HTML
//! rounds for display.

use crate::convert;
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::{Map, Value};

/// One flat record.
pub type Row = Map<String, Value>;

/// Flattens nested objects of `value` into `out` (`a.b` becomes `a_b`).
/// Arrays stay as they are.
pub fn flatten_into(out: &mut Row, prefix: &str, value: Value) {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k
                } else {
                    format!("{prefix}_{k}")
                };
                flatten_into(out, &key, v);
            }
        }
        other => {
            out.insert(prefix.to_owned(), other);
        }
    }
}

/// Serialises `item` and flattens it, after the `context` columns.
pub fn row<T: serde::Serialize>(context: &[(&str, Value)], item: &T) -> Row {
    let mut out = Row::new();
    for (k, v) in context {
        out.insert((*k).to_owned(), v.clone());
    }
    if let Ok(v) = serde_json::to_value(item) {
        flatten_into(&mut out, "", v);
    }
    out
}

/// Columns that hold dates or moments become `datetime.date` / `datetime.datetime`.
fn cell<'py>(py: Python<'py>, key: &str, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    if let Value::String(s) = v {
        if matches!(key, "at" | "last_at" | "since") {
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                return t
                    .with_timezone(&chrono::Utc)
                    .into_pyobject(py)
                    .map(Bound::into_any);
            }
        }
        if matches!(key, "as_of" | "start" | "end") {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                return d.into_pyobject(py).map(Bound::into_any);
            }
        }
    }
    convert::to_py(py, v)
}

/// The rows as a list of dicts (keys in table column order).
pub fn rows_to_py<'py>(py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyList>> {
    let cols = columns(rows);
    let list = PyList::empty(py);
    for r in rows {
        let d = PyDict::new(py);
        for k in &cols {
            if let Some(v) = r.get(k) {
                d.set_item(k, cell(py, k, v)?)?;
            }
        }
        list.append(d)?;
    }
    Ok(list)
}

/// Columns shown first, in this order (ids, then the main numbers); the
/// others follow alphabetically.
const LEAD: &[&str] = &[
    "scope",
    "seq",
    "entry",
    "id",
    "at",
    "cycle",
    "team",
    "objective",
    "key_result",
    "event",
    "severity",
    "code",
    "path",
    "type",
    "measure",
    "progress",
    "score",
    "band",
    "verdict",
    "attainment",
    "value",
    "value_source",
    "weight",
    "counted",
    "left_out",
];

/// Column names: LEAD columns first, then the rest alphabetically (rows may
/// lack optional columns; serde_json maps are sorted).
fn columns(rows: &[Row]) -> Vec<String> {
    let mut cols: Vec<String> = Vec::new();
    for r in rows {
        for k in r.keys() {
            if !cols.iter().any(|c| c == k) {
                cols.push(k.clone());
            }
        }
    }
    let rank = |c: &String| LEAD.iter().position(|l| l == c).unwrap_or(LEAD.len());
    cols.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    cols
}

/// The rows as a dict of columns (every column as long as the table).
fn columns_to_py<'py>(py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for c in columns(rows) {
        let col = PyList::empty(py);
        for r in rows {
            match r.get(&c) {
                Some(v) => col.append(cell(py, &c, v)?)?,
                None => col.append(py.None())?,
            }
        }
        d.set_item(c, col)?;
    }
    Ok(d)
}

fn import_optional<'py>(
    py: Python<'py>,
    module: &str,
    method: &str,
) -> PyResult<Bound<'py, PyModule>> {
    py.import(module).map_err(|e| {
        let err = PyImportError::new_err(format!(
            "{method}() needs {module}, which okrkit does not install: pip install {module}"
        ));
        err.set_cause(py, Some(e));
        err
    })
}

/// A pandas DataFrame of the rows (pandas imported only now).
pub fn to_pandas<'py>(py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyAny>> {
    let pd = import_optional(py, "pandas", "to_pandas")?;
    pd.getattr("DataFrame")?.call1((columns_to_py(py, rows)?,))
}

/// A polars DataFrame of the rows (polars imported only now).
pub fn to_polars<'py>(py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyAny>> {
    let pl = import_optional(py, "polars", "to_polars")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("strict", false)?;
    pl.getattr("DataFrame")?
        .call((columns_to_py(py, rows)?,), Some(&kwargs))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn display(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            format!("{x:.3}")
        }
        Value::String(s) => escape(s),
        Value::Array(a) if a.len() > 6 => format!("[{} items]", a.len()),
        other => escape(&other.to_string()),
    }
}

/// Most rows an HTML table shows.
const HTML_ROWS: usize = 60;

/// An HTML summary and table, for Jupyter (`_repr_html_`). Numbers are
/// rounded here, for display only.
pub fn html(title: &str, rows: &[Row]) -> String {
    let cols = columns(rows);
    let mut out = String::with_capacity(256 + rows.len().min(HTML_ROWS) * 128);
    out.push_str("<div class=\"okrkit\"><p><strong>");
    out.push_str(&escape(title));
    out.push_str("</strong></p><table><thead><tr>");
    for c in &cols {
        out.push_str("<th>");
        out.push_str(&escape(c));
        out.push_str("</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows.iter().take(HTML_ROWS) {
        out.push_str("<tr>");
        for c in &cols {
            out.push_str("<td>");
            out.push_str(&r.get(c).map_or_else(String::new, display));
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    if rows.len() > HTML_ROWS {
        out.push_str(&format!(
            "<p>… {} more rows (to_pandas() shows them all)</p>",
            rows.len() - HTML_ROWS
        ));
    }
    out.push_str("</div>");
    out
}
