//! The importers: `read_asana`, `read_gitlab`, `read_quantive`,
//! `read_tability` and `read_table`. Only conversion lives here: sources in
//! (a path, text, bytes, a dict, a pandas or polars DataFrame), the core's
//! `Imported` out. The table options (names, defaults, allowed values) are the
//! core's `TableOptions`: keyword arguments are handed to it as they are, and
//! an unknown one is refused there.

use crate::convert::{self, is_numpy_scalar};
use crate::error::OrPyErr;
use crate::hint::{self, Typed};
use crate::org::Document;
use okrkit::import::table::{Cell, TableOptions};
use okrkit::import::{Imported as CoreImported, Source};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDate, PyDict, PyFloat, PyInt, PyString};
use serde_json::Value;

/// An import's result: the document and the report of every source field.
#[pyclass(frozen, module = "okrkit")]
pub struct Imported {
    inner: CoreImported,
}

#[okrkit_python_guard::guarded]
#[pymethods]
impl Imported {
    /// The document read (check `has_problems` before trusting it).
    #[getter]
    fn document(&self) -> Document {
        Document::from(self.inner.document.clone())
    }

    /// The import report as a dict: `source`, `fields`, `problems`, `reconciliation`.
    #[getter]
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Dict>> {
        convert::ser_to_py(py, &self.inner.report).map(Typed::from)
    }

    /// Whether the report lists problems.
    #[getter]
    fn has_problems(&self) -> bool {
        self.inner.report.has_problems()
    }

    /// The problems, each a dict with `code`, `message`, `path`.
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Dicts>> {
        convert::ser_to_py(py, &self.inner.report.problems).map(Typed::from)
    }

    /// The source's own progress and status beside okrkit's, as a pandas
    /// DataFrame when pandas is installed, else a list of dicts.
    fn reconciliation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = convert::ser_to_py(py, &self.inner.report.reconciliation)?;
        match py.import("pandas") {
            Ok(pd) => pd.call_method1("DataFrame", (rows,)),
            Err(_) => Ok(rows),
        }
    }

    /// The document, validated: raises `ValidationError` with every problem
    /// of the report (or of validation).
    fn org(&self, py: Python<'_>) -> PyResult<crate::org::Org> {
        let imported = self.inner.clone();
        let org = py.detach(|| imported.into_document().and_then(okrkit::Org::new));
        org.py_err().map(crate::org::Org::from)
    }

    fn __repr__(&self) -> String {
        okrkit::table::view::imported_title(&self.inner)
    }
}

/// Bytes of a source given as the argument `name`: `bytes`, a path (str or
/// os.PathLike) to a file, or the text itself: a str that is blank, starts
/// with `{` or `[` (after a byte-order mark and blanks) or holds a line
/// break is text, any other str a path (a missing file is
/// `OkrFileNotFoundError`). Anything else is `InvalidArgument`
/// (`parse_error` at `name`), never a bare `TypeError`.
pub(crate) fn source_bytes(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    let path = if let Ok(text) = obj.cast::<PyString>() {
        let s = crate::convert::string(text, name)?;
        if okrkit::options::source_is_text(&s) {
            return Ok(s.into_bytes());
        }
        s
    } else {
        let os = py.import("os")?;
        let not_a_source = || {
            let message = format!(
                "expected text, bytes or a path (str or os.PathLike), got {}",
                convert::shown(obj)
            );
            crate::error::argument_err(okrkit::ProblemCode::Parse, name, message)
        };
        let fspath = os
            .call_method1("fspath", (obj,))
            .map_err(|_| not_a_source())?;
        fspath.extract::<String>().map_err(|_| not_a_source())?
    };
    py.detach(|| std::fs::read(&path))
        .map_err(|e| crate::error::to_pyerr(okrkit::Error::io(path, e)))
}

/// Whether `text`, passed where a path or the source itself is taken, is
/// the source's text (the core's `okrkit::options::source_is_text`): for
/// the package's `load`, `validate`, `lint` and `load_csv`.
/// A str holding a lone surrogate is `InvalidArgument` (`parse_error`), as
/// any text argument.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn _source_is_text(source: convert::Text) -> bool {
    okrkit::options::source_is_text(&source)
}

fn json_source(py: Python<'_>, source: Source, obj: &Bound<'_, PyAny>) -> PyResult<Imported> {
    let inner = if obj.is_instance_of::<PyDict>() || obj.cast::<pyo3::types::PyList>().is_ok() {
        let value: Value = convert::to_value(obj, "")?;
        py.detach(|| okrkit::import::read_value(source, &value))
            .py_err()?
    } else {
        let bytes = source_bytes(py, obj, "source")?;
        let opts = TableOptions::default();
        py.detach(|| okrkit::import::read_bytes(source, &bytes, &opts))
            .py_err()?
    };
    Ok(Imported { inner })
}

/// The JSON importers, one function per source: `$name` reads `$source`.
macro_rules! json_readers {
    ($($(#[$doc:meta])* $name:ident => $source:ident;)*) => {$(
        $(#[$doc])*
        #[okrkit_python_guard::guarded]
        #[pyfunction]
        pub fn $name(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Imported> {
            json_source(py, Source::$source, source)
        }
    )*};
}

json_readers! {
    /// Reads Asana goals: a dict (as from `json.load`), JSON text, bytes or a path.
    read_asana => Asana;
    /// Reads GitLab OKR work items (a GraphQL response or a list of nodes).
    read_gitlab => Gitlab;
    /// Reads a Quantive Results export (sessions, goals with metrics).
    read_quantive => Quantive;
    /// Reads a Tability export (plans, objectives, outcomes, checkins).
    read_tability => Tability;
}

/// One data-frame value as a cell. Missing values (None, NaT, pd.NA) are
/// empty cells; a float NaN is one only in a pandas frame (`nan_is_missing`:
/// pandas' own missing value in float columns), a `not_finite` number
/// elsewhere (the core's `Cell::float`); numpy scalars are read through
/// `.item()`.
fn cell(v: &Bound<'_, PyAny>, nan_is_missing: bool) -> PyResult<Cell> {
    if v.is_none() {
        return Ok(Cell::Empty);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(Cell::Bool(b.is_true()));
    }
    if v.is_instance_of::<PyInt>() {
        // An int beyond a float's range: okrkit's error, never a bare OverflowError.
        return v.extract::<f64>().map(Cell::Number).map_err(|_| {
            crate::error::argument_err(
                okrkit::ProblemCode::Parse,
                "source",
                format!(
                    "a cell holds an int too large for a number: {}",
                    convert::shown(v)
                ),
            )
        });
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(Cell::float(f.value(), nan_is_missing));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Cell::Text(convert::string(s, "")?));
    }
    if is_numpy_scalar(v) {
        let item = v.call_method0("item")?;
        if item.is_instance_of::<PyInt>()
            && v.get_type().name()?.to_string().starts_with("datetime")
        {
            return Ok(Cell::Empty);
        }
        return cell(&item, nan_is_missing);
    }
    let type_name = v.get_type().name()?.to_string();
    if type_name == "NAType" || type_name == "NaTType" {
        return Ok(Cell::Empty);
    }
    if type_name == "Decimal" {
        // A typed number, as a float is: never text for the cleaning
        // options to re-read (`Decimal("1.500")` is 1.5 with decimal_comma).
        return Ok(Cell::Number(v.extract::<f64>()?));
    }
    if v.is_instance_of::<PyDate>() || type_name == "Timestamp" {
        let iso: String = v.call_method0("isoformat")?.extract()?;
        if let Some(d) = iso
            .get(..10)
            .and_then(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        {
            return Ok(Cell::Date(d));
        }
    }
    Ok(Cell::Text(v.str()?.to_string()))
}

/// A frame's column headers and its rows of cells.
type Grid = (Vec<String>, Vec<Vec<Cell>>);

/// A pandas or polars DataFrame as headers and rows of cells.
fn frame(obj: &Bound<'_, PyAny>) -> PyResult<Option<Grid>> {
    let Ok(columns) = obj.getattr("columns") else {
        return Ok(None);
    };
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Ok(None);
    }
    // pandas writes a missing float as NaN; polars has null for that.
    let pandas = obj.hasattr("itertuples")?;
    let rows_iter = if pandas {
        let kw = PyDict::new(obj.py());
        kw.set_item("index", false)?;
        kw.set_item("name", obj.py().None())?;
        obj.call_method("itertuples", (), Some(&kw))?
    } else if obj.hasattr("iter_rows")? {
        obj.call_method0("iter_rows")?
    } else {
        return Ok(None);
    };
    let mut headers = Vec::new();
    for c in columns.try_iter()? {
        headers.push(c?.str()?.to_string());
    }
    let mut rows = Vec::new();
    for r in rows_iter.try_iter()? {
        let mut cells = Vec::with_capacity(headers.len());
        for v in r?.try_iter()? {
            cells.push(cell(&v?, pandas)?);
        }
        rows.push(cells);
    }
    Ok(Some((headers, rows)))
}

/// Reads a spreadsheet: a pandas or polars DataFrame, a list of row dicts
/// (column → value, as Node's array of row objects), a path to a CSV or
/// XLSX file, CSV text, or bytes. `mapping` maps okrkit fields to column
/// headers (a dict, or the path of a JSON mapping file holding all the options);
/// keyword arguments are the core's table options (`separator`,
/// `decimal_comma`, `thousands`, `percent`, `currency`, `empty`, `sheet`).
/// An unknown or ill-typed option, or one the mapping gives too, raises
/// `InvalidArgument` at its name.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (source, mapping = None, **options: "Any"))]
pub fn read_table(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    mapping: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Imported> {
    let from_mapping = match mapping {
        None => serde_json::Map::new(),
        Some(m) if m.is_instance_of::<PyDict>() => {
            TableOptions::options_from_mapping(convert::to_value(m, "mapping")?)
        }
        Some(m) => {
            TableOptions::options_from_mapping_file(&source_bytes(py, m, "mapping")?).py_err()?
        }
    };
    let opts = TableOptions::options_with(from_mapping, convert::option_map(options)?)
        .map_err(convert::option_err)?;
    // Options, as every call's: an unknown or ill-typed key is `InvalidArgument`.
    let opts: TableOptions = convert::core_read(Value::Object(opts), "")?;
    let inner = match frame(source)? {
        Some((headers, rows)) => py
            .detach(|| okrkit::import::table::read_rows(headers, rows, &opts))
            .py_err()?,
        // A list of row dicts, as Node's array of row objects.
        None if source.cast::<pyo3::types::PyList>().is_ok() => {
            let records = (source.try_iter()?.enumerate())
                .map(|(i, row)| Ok(convert::to_value(&row?, &format!("[{i}]"))?))
                .collect::<PyResult<Vec<Value>>>()?;
            py.detach(|| okrkit::import::table::read_records(&records, &opts))
                .py_err()?
        }
        None => {
            let bytes = source_bytes(py, source, "source")?;
            py.detach(|| okrkit::import::table::read_bytes(&bytes, &opts))
                .py_err()?
        }
    };
    Ok(Imported { inner })
}
