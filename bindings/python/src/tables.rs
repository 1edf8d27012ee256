//! Tables for notebooks. The reports' tables are the core's typed tables
//! (`okrkit::table`: fixed column names, types and order whatever the data);
//! this file only converts them: to Python lists, to pandas / polars frames
//! with fixed dtypes (imported lazily: neither is a dependency), and exposes
//! the core's HTML and terminal views. The numbers are the core's, unrounded.
//!
//! dtypes: str → pandas `string` / polars `String`; f64 → `float64` /
//! `Float64` (null → NaN in pandas); i64 → `Int64` / `Int64`; bool →
//! `boolean` / `Boolean`; date → `datetime64[ns]` / `Date`; datetime →
//! `datetime64[ns, UTC]` / `Datetime("us", "UTC")`.
//!
//! The flat-record helpers (`Row`, `rows_to_py`, `to_pandas`, `to_polars`,
//! `html`) remain for the ledger's entry table.

use crate::convert;
use crate::error::argument_err;
use okrkit::ProblemCode;
use okrkit::table::{self as core, Column, DType, Values};
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value};
use std::sync::Arc;

/// One flat record.
pub type Row = Map<String, Value>;

/// Columns that hold dates or moments become `datetime.date` / `datetime.datetime`.
fn cell<'py>(py: Python<'py>, key: &str, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    if let Value::String(s) = v {
        if matches!(key, "at" | "last_at" | "since")
            && let Ok(t) = chrono::DateTime::parse_from_rfc3339(s)
        {
            return t
                .with_timezone(&chrono::Utc)
                .into_pyobject(py)
                .map(Bound::into_any);
        }
        if matches!(key, "as_of" | "start" | "end")
            && let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        {
            return d.into_pyobject(py).map(Bound::into_any);
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

// ---------------------------------------------------------------- core tables

/// One column's values as a Python list (None for nulls; dates as
/// `datetime.date`, moments as UTC `datetime.datetime`).
pub fn column_to_py<'py>(py: Python<'py>, c: &Column) -> PyResult<Bound<'py, PyList>> {
    fn list<'py, T, I>(py: Python<'py>, it: I) -> PyResult<Bound<'py, PyList>>
    where
        I: IntoIterator<Item = T>,
        T: IntoPyObject<'py>,
    {
        PyList::new(py, it)
    }
    match &c.values {
        Values::Str(v) => str_list(py, v),
        Values::F64(v) => list(py, v.iter().copied()),
        Values::I64(v) => list(py, v.iter().copied()),
        Values::Bool(v) => list(py, v.iter().copied()),
        Values::Date(v) => list(py, v.iter().copied()),
        Values::DateTime(v) => list(py, v.iter().copied()),
    }
}

/// Most distinct values a text column's conversion remembers.
const INTERN_MAX: usize = 4096;

/// A text column as a Python list. Repeated values (kinds, codes, team
/// names) share one Python string: no allocation or UTF-8 decoding per row.
fn str_list<'py>(py: Python<'py>, v: &[Option<String>]) -> PyResult<Bound<'py, PyList>> {
    let mut seen: std::collections::HashMap<&str, Bound<'py, PyString>> = Default::default();
    let out = PyList::empty(py);
    for x in v {
        match x.as_deref() {
            None => out.append(py.None())?,
            Some(s) => {
                if let Some(p) = seen.get(s) {
                    out.append(p)?;
                } else {
                    let p = PyString::new(py, s);
                    out.append(&p)?;
                    if seen.len() < INTERN_MAX {
                        seen.insert(s, p);
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The rows of a core table as a list of dicts (every column in every row).
pub fn table_rows<'py>(py: Python<'py>, t: &core::Table) -> PyResult<Bound<'py, PyList>> {
    let cols: Vec<Bound<'py, PyList>> = t
        .columns
        .iter()
        .map(|c| column_to_py(py, c))
        .collect::<PyResult<_>>()?;
    let out = PyList::empty(py);
    for i in 0..t.len() {
        let d = PyDict::new(py);
        for (c, values) in t.columns.iter().zip(&cols) {
            d.set_item(c.spec.name, values.get_item(i)?)?;
        }
        out.append(d)?;
    }
    Ok(out)
}

fn pandas_dtype(d: DType) -> &'static str {
    match d {
        DType::Str => "string",
        DType::F64 => "float64",
        DType::I64 => "Int64",
        DType::Bool => "boolean",
        DType::Date => "datetime64[ns]",
        DType::DateTime => "datetime64[ns, UTC]",
    }
}

/// A pandas DataFrame with the table's columns, in order, with fixed dtypes.
pub fn table_to_pandas<'py>(py: Python<'py>, t: &core::Table) -> PyResult<Bound<'py, PyAny>> {
    pandas_with(py, t, None)
}

/// Column values already held as Python objects (e.g. the caller's own
/// strings), used instead of converting the table's copy.
pub type Given<'a, 'py> = Option<(&'a str, &'a Bound<'py, PyList>)>;

fn column_values<'py>(
    py: Python<'py>,
    c: &Column,
    given: Given<'_, 'py>,
) -> PyResult<Bound<'py, PyList>> {
    match given {
        Some((name, list)) if name == c.spec.name && list.len() == c.values.len() => {
            Ok(list.clone())
        }
        _ => column_to_py(py, c),
    }
}

/// A pandas DataFrame of `t`, taking one column's values from `given`.
pub fn pandas_with<'py>(
    py: Python<'py>,
    t: &core::Table,
    given: Given<'_, 'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let pd = import_optional(py, "pandas", "to_pandas")?;
    let series = pd.getattr("Series")?;
    let to_datetime = pd.getattr("to_datetime")?;
    let data = PyDict::new(py);
    for c in &t.columns {
        let values = column_values(py, c, given)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("dtype", pandas_dtype(c.spec.dtype))?;
        kwargs.set_item("name", c.spec.name)?;
        let col = match c.spec.dtype {
            DType::Date | DType::DateTime => {
                let k = PyDict::new(py);
                if c.spec.dtype == DType::DateTime {
                    k.set_item("utc", true)?;
                }
                let parsed = to_datetime.call((values,), Some(&k))?;
                series.call((parsed,), Some(&kwargs))?
            }
            DType::F64 => {
                // None → NaN: float64 has no null.
                let nan = f64::NAN;
                let filled = PyList::new(
                    py,
                    match &c.values {
                        Values::F64(v) => v.iter().map(|x| x.unwrap_or(nan)).collect::<Vec<_>>(),
                        _ => Vec::new(),
                    },
                )?;
                series.call((filled,), Some(&kwargs))?
            }
            _ => series.call((values,), Some(&kwargs))?,
        };
        data.set_item(c.spec.name, col)?;
    }
    let frame = pd.getattr("DataFrame")?;
    let kwargs = PyDict::new(py);
    let names: Vec<&str> = t.columns.iter().map(|c| c.spec.name).collect();
    kwargs.set_item("columns", names)?;
    frame.call((data,), Some(&kwargs))
}

fn polars_dtype<'py>(pl: &Bound<'py, PyModule>, d: DType) -> PyResult<Bound<'py, PyAny>> {
    Ok(match d {
        DType::Str => pl.getattr("String")?,
        DType::F64 => pl.getattr("Float64")?,
        DType::I64 => pl.getattr("Int64")?,
        DType::Bool => pl.getattr("Boolean")?,
        DType::Date => pl.getattr("Date")?,
        DType::DateTime => pl.getattr("Datetime")?.call1(("us", "UTC"))?,
    })
}

/// A polars DataFrame with the table's columns, in order, with fixed dtypes
/// (never a Null-typed column, even when every value is null).
pub fn table_to_polars<'py>(py: Python<'py>, t: &core::Table) -> PyResult<Bound<'py, PyAny>> {
    polars_with(py, t, None)
}

/// A polars DataFrame of `t`, taking one column's values from `given`.
pub fn polars_with<'py>(
    py: Python<'py>,
    t: &core::Table,
    given: Given<'_, 'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let pl = import_optional(py, "polars", "to_polars")?;
    let series = pl.getattr("Series")?;
    let cols = PyList::empty(py);
    for c in &t.columns {
        let kwargs = PyDict::new(py);
        kwargs.set_item("dtype", polars_dtype(&pl, c.spec.dtype)?)?;
        kwargs.set_item("strict", true)?;
        cols.append(series.call((c.spec.name, column_values(py, c, given)?), Some(&kwargs))?)?;
    }
    pl.getattr("DataFrame")?.call1((cols,))
}

/// Rows the HTML view shows at most.
pub const HTML_ROWS: usize = 60;
/// Rows the terminal view shows at most, and its width.
pub const TEXT_ROWS: usize = 12;
/// Width of the terminal view.
pub const TEXT_WIDTH: usize = 100;

/// A table of a report, with a title: frames, rows, columns, HTML.
#[pyclass(frozen, module = "okrkit")]
pub struct Table {
    pub title: String,
    pub inner: Arc<core::Table>,
}

impl Table {
    pub fn new(title: impl Into<String>, inner: core::Table) -> Table {
        Table {
            title: title.into(),
            inner: Arc::new(inner),
        }
    }
}

#[pymethods]
impl Table {
    /// The table's name, e.g. "progress.key_results" (see `okrkit.table_schema`).
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name
    }

    /// Column names, in order.
    #[getter]
    fn columns(&self) -> Vec<&'static str> {
        self.inner.columns.iter().map(|c| c.spec.name).collect()
    }

    /// One column's values as a list (None for nulls).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let c = self.inner.column(name).ok_or_else(|| {
            argument_err(
                ProblemCode::InvalidValue,
                "name",
                format!(
                    "table {} has no column '{name}'; its columns are {}",
                    self.inner.name,
                    self.columns().join(", ")
                ),
            )
        })?;
        column_to_py(py, c)
    }

    /// The rows as dicts (every column in every row).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        table_rows(py, &self.inner)
    }

    /// A pandas DataFrame (needs pandas, imported only now).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table_to_pandas(py, &self.inner)
    }

    /// A polars DataFrame (needs polars, imported only now).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table_to_polars(py, &self.inner)
    }

    /// The table as CSV text (header row, null as an empty cell).
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn _repr_html_(&self) -> String {
        core::render::html(&self.title, &self.inner, HTML_ROWS)
    }

    fn __repr__(&self) -> String {
        core::render::text(&self.title, &self.inner, TEXT_ROWS, TEXT_WIDTH)
    }
}

/// The schema of a table: (name, dtype, doc) per column, in order. dtypes are
/// "str", "f64", "i64", "bool", "date", "datetime".
#[pyfunction]
pub fn table_schema(name: &str) -> PyResult<Vec<(&'static str, &'static str, &'static str)>> {
    let s = core::schema(name).ok_or_else(|| {
        let names: Vec<&str> = core::SCHEMAS.iter().map(|(n, _)| *n).collect();
        argument_err(
            ProblemCode::InvalidValue,
            "name",
            format!("no table '{name}'; the tables are {}", names.join(", ")),
        )
    })?;
    Ok(s.iter()
        .map(|c| (c.name, c.dtype.as_str(), c.doc))
        .collect())
}

/// The names of every table, in order.
#[pyfunction]
pub fn table_names() -> Vec<&'static str> {
    core::SCHEMAS.iter().map(|(n, _)| *n).collect()
}
