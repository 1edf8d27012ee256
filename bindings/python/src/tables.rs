//! Tables for notebooks: the core's typed tables (`okrkit::table`: fixed
//! names, types and order, the numbers unrounded) converted to Python lists,
//! pandas and polars frames (imported lazily: neither is a dependency) and
//! Arrow streams; the dtypes of each are the README's ("Python"). HTML and
//! terminal views are the core's.

use okrkit::table::arrow::arrow_array::{RecordBatch, StructArray};
use okrkit::table::arrow::arrow_schema::Field;
use okrkit::table::{self as core, Column, Values, view};
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};
use pyo3_arrow::PyTable;
use pyo3_arrow::ffi::to_schema_pycapsule;
use std::sync::{Arc, OnceLock};

/// `module`, or an `ImportError` that says which frame needs it (every
/// caller makes a pandas or a polars frame: `to_pandas`, `to_polars`,
/// `classify_many(frame=…)`) and how to install it.
fn import_optional<'py>(py: Python<'py>, module: &str) -> PyResult<Bound<'py, PyModule>> {
    imported(py, module).map_err(|e| {
        let (frame, extra) = match module {
            "polars" => ("polars", ""),
            _ => (
                "pandas",
                " (or the okrkit[pandas] extra: pandas and pyarrow)",
            ),
        };
        let err = PyImportError::new_err(format!(
            "a {frame} frame needs {module}, which okrkit does not install by itself: \
             pip install {module}{extra}"
        ));
        err.set_cause(py, Some(e));
        err
    })
}

/// `module` as `import` gives it: the module in `sys.modules` when it is
/// there and initialised (what `import` returns then, without its
/// `importlib` round: the frames of a report import pandas and pyarrow on
/// every call, about 2 µs each), else `py.import` (its first import, its
/// errors, a module another thread is still initialising).
fn imported<'py>(py: Python<'py>, module: &str) -> PyResult<Bound<'py, PyModule>> {
    static MODULES: pyo3::sync::PyOnceLock<Py<PyDict>> = pyo3::sync::PyOnceLock::new();
    let modules = MODULES.get_or_try_init(py, || -> PyResult<Py<PyDict>> {
        Ok(py
            .import("sys")?
            .getattr("modules")?
            .cast_into::<PyDict>()?
            .unbind())
    })?;
    if let Some(m) = modules.bind(py).get_item(module)?
        && let Ok(m) = m.cast_into::<PyModule>()
        && !initialising(&m)
    {
        return Ok(m);
    }
    py.import(module)
}

/// Whether `m` is still being imported (`m.__spec__._initializing`, what
/// `import` checks before it returns a module found in `sys.modules`).
fn initialising(m: &Bound<'_, PyModule>) -> bool {
    m.getattr(pyo3::intern!(m.py(), "__spec__"))
        .and_then(|spec| spec.getattr(pyo3::intern!(m.py(), "_initializing")))
        .and_then(|i| i.is_truthy())
        .unwrap_or(false)
}

/// One column's values as a Python list (None for nulls; dates as
/// `datetime.date`, moments as UTC `datetime.datetime`).
pub fn column_to_py<'py>(py: Python<'py>, c: &Column) -> PyResult<Bound<'py, PyList>> {
    match &c.values {
        Values::Str(v) => str_list(py, v),
        Values::F64(v) => PyList::new(py, v.iter()),
        Values::I64(v) => PyList::new(py, v.iter()),
        Values::Bool(v) => PyList::new(py, v.iter()),
        Values::Date(_) => PyList::new(py, (0..c.values.len()).map(|i| c.date(i))),
        Values::DateTime(v) => PyList::new(py, v.iter()),
    }
}

/// Most distinct values a text column's conversion remembers.
const INTERN_MAX: usize = 4096;

/// A text column as a Python list. Repeated values (kinds, codes, team
/// names) share one Python string: no allocation or UTF-8 decoding per row.
fn str_list<'py>(py: Python<'py>, v: &core::Texts) -> PyResult<Bound<'py, PyList>> {
    let mut seen: std::collections::HashMap<&str, Bound<'py, PyString>> = Default::default();
    let out = PyList::empty(py);
    for x in v.iter() {
        match x {
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

/// A pandas DataFrame with the table's columns, in order, with fixed dtypes
/// (the module doc's list), built by pyarrow from the table's Arrow columns:
/// one conversion per column, not a Python object per cell.
/// A table whose text is held as views (`TextLayout::Views`: the progress
/// tables of a report's `to_pandas`) is moved into Arrow as views and each
/// text column copied once into the string array pandas holds; any other as
/// `Utf8`, its bytes shared. `large`: [`pandas_takes_large_strings`], called
/// before the table is built. `org`: the org of the report the table is
/// of, whose whole text columns pandas frames share
/// (`okrkit::table::pandas::pandas_batch_of`).
pub fn table_to_pandas<'py>(
    py: Python<'py>,
    t: core::Table,
    large: bool,
    org: Option<&okrkit::Org>,
) -> PyResult<Bound<'py, PyAny>> {
    let views = t
        .columns
        .iter()
        .any(|c| matches!(&c.values, Values::Str(v) if v.layout() == core::TextLayout::Views));
    let batch = py
        .detach(|| {
            if views {
                t.into_arrow_views()
            } else {
                t.into_arrow()
            }
        })
        .map_err(crate::error::to_pyerr)?;
    pandas_of(py, &batch, large, org)
}

/// Imports pandas and pyarrow (an `ImportError` naming the missing one,
/// raised before any table is built) and tells whether pandas' Arrow-backed
/// strings hold `LargeUtf8` as it is: pandas 2.2 on
/// (`ArrowStringArray` casts a `Utf8` array to `large_string`), the
/// `large` argument of [`table_to_pandas`]. Older pandas (1.3 to 2.1) hold
/// only `Utf8` in `string[pyarrow]`.
pub fn pandas_takes_large_strings(py: Python<'_>) -> PyResult<bool> {
    let pd = import_optional(py, "pandas")?;
    import_optional(py, "pyarrow")?;
    let version: String = pd.getattr("__version__")?.extract()?;
    Ok(core::pandas::takes_large_strings(&version))
}

/// `batch` as a pandas DataFrame (see the core's `okrkit::table::pandas`): pyarrow converts
/// each column to its fixed pandas dtype; text becomes pandas `string` with
/// pyarrow storage (`string[pyarrow]`: the Arrow array itself, no Python
/// string per cell).
fn pandas_of<'py>(
    py: Python<'py>,
    batch: &RecordBatch,
    large: bool,
    org: Option<&okrkit::Org>,
) -> PyResult<Bound<'py, PyAny>> {
    let pd = import_optional(py, "pandas")?;
    let pa = import_optional(py, "pyarrow")?;
    if large && let Some(frame) = pandas_from_blocks(py, &pd, &pa, batch, org)? {
        return Ok(frame);
    }
    pandas_via_pyarrow(py, &pd, &pa, batch, large, org)
}

/// [`pandas_of`] by pyarrow's `to_pandas` (pandas before 3.0, or a column
/// without a block): the table's Arrow columns after
/// `okrkit::table::pandas`'s conversions, each converted by pyarrow.
pub(crate) fn pandas_via_pyarrow<'py>(
    py: Python<'py>,
    pd: &Bound<'py, PyModule>,
    pa: &Bound<'py, PyModule>,
    batch: &RecordBatch,
    large: bool,
    org: Option<&okrkit::Org>,
) -> PyResult<Bound<'py, PyAny>> {
    let batch = py
        .detach(|| match org {
            Some(org) => core::pandas::pandas_batch_of(org, batch, large),
            None => core::pandas::pandas_batch(batch, large),
        })
        .map_err(crate::error::to_pyerr)?;
    let arrow = pa.call_method1("table", (arrow_table(py, batch)?,))?;
    // Arrow's types to the nullable pandas dtypes; floats keep NaN for null.
    let mapping = PyDict::new(py);
    let strings = pd.call_method1("StringDtype", ("pyarrow",))?;
    mapping.set_item(pa.call_method0("string")?, &strings)?;
    // `LargeUtf8`: always with pandas 2.2 on, else only a column past 2 GiB
    // of text, which pandas before 2.2 cannot hold as `string[pyarrow]`
    // (its `ArrowStringArray` refuses `large_string`): `string` with Python
    // storage then, one `str` per cell, never `object`.
    let large_strings = if large {
        strings
    } else {
        pd.call_method1("StringDtype", ("python",))?
    };
    mapping.set_item(pa.call_method0("large_string")?, large_strings)?;
    for (arrow_type, dtype) in [("int64", "Int64Dtype"), ("bool_", "BooleanDtype")] {
        mapping.set_item(pa.call_method0(arrow_type)?, pd.call_method0(dtype)?)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("types_mapper", mapping.getattr("get")?)?;
    // One thread: a report table's columns are small, and handing them to
    // pyarrow's thread pool cost more than it saved (BENCHMARKS.md, "pandas
    // frames without a second pass over their text").
    kwargs.set_item("use_threads", false)?;
    // Not `split_blocks=True` (a little faster): its number columns would be
    // read-only views of Arrow memory, and `frame.loc[i, c] = x` would fail.
    arrow.call_method("to_pandas", (), Some(&kwargs))
}

/// `batch` as a pandas DataFrame built from its blocks
/// (`okrkit::table::pandas::pandas_blocks`: the same dtypes and values as
/// [`pandas_of`]'s pyarrow conversion) by pandas 3's
/// `pandas.api.internals.create_dataframe_from_blocks`: one numpy array or
/// extension array per block, no pyarrow conversion per column. None when
/// pandas has no such function (before 3.0) or a column has no block (a
/// moment with a time zone): then pyarrow converts the table.
fn pandas_from_blocks<'py>(
    py: Python<'py>,
    pd: &Bound<'py, PyModule>,
    pa: &Bound<'py, PyModule>,
    batch: &RecordBatch,
    org: Option<&okrkit::Org>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    use core::pandas::Block;
    use numpy::{PyArray1, PyArrayMethods};
    let Ok(internals) = imported(py, "pandas.api.internals") else {
        return Ok(None);
    };
    let Ok(from_blocks) = internals.getattr("create_dataframe_from_blocks") else {
        return Ok(None);
    };
    let Some(parts) = py
        .detach(|| core::pandas::pandas_blocks(batch, org))
        .map_err(crate::error::to_pyerr)?
    else {
        return Ok(None);
    };
    let n = parts.rows;
    let place = |columns: Vec<usize>| {
        let at: Vec<i64> = columns.iter().map(|&c| c as i64).collect();
        PyArray1::from_vec(py, at)
    };
    let arrays = pd.getattr("arrays")?;
    let strings = pd.call_method1("StringDtype", ("pyarrow",))?;
    let string_array = arrays.getattr("ArrowStringArray")?;
    let (integers, booleans) = (
        arrays.getattr("IntegerArray")?,
        arrays.getattr("BooleanArray")?,
    );
    let text = (parts.text)
        .map(|b| pyarrow_columns(py, pa, b))
        .transpose()?;
    // The first text column's array is built by `ArrowStringArray(column,
    // dtype=...)`; the others by its `_from_pyarrow_array` (pandas' own
    // constructor of an array of the same dtype from a `large_string`
    // column: the same three attributes, without the type checks of
    // `__init__`, a third of its time), when `ArrowStringArray` has its own
    // (the one it would inherit from `ArrowExtensionArray` makes an
    // `ArrowDtype` array).
    let own = string_array
        .getattr("__dict__")
        .and_then(|d| d.contains("_from_pyarrow_array"))
        .unwrap_or(false);
    let mut first_text: Option<Bound<'py, PyAny>> = None;
    let text_array = |column: Bound<'py, PyAny>,
                      first: &mut Option<Bound<'py, PyAny>>|
     -> PyResult<Bound<'py, PyAny>> {
        // A private constructor: should a pandas change it, its error falls
        // back to the public one (the test without it compares the frames).
        if let Some(like) = first.as_ref().filter(|_| own)
            && let Ok(make) = like.getattr(pyo3::intern!(py, "_from_pyarrow_array"))
            && let Ok(a) = make.call1((&column,))
        {
            return Ok(a);
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("dtype", &strings)?;
        let a = string_array.call((column,), Some(&kwargs))?;
        *first = Some(a.clone());
        Ok(a)
    };
    // A datetime block handed over as pandas' `DatetimeArray` of the numpy
    // block (`DatetimeArray._simple_new`: what pandas itself wraps it in,
    // without the checks of `_from_sequence` on every frame), when pandas
    // has it; else as the numpy block.
    let datetimes = arrays
        .getattr("DatetimeArray")
        .and_then(|d| d.getattr("_simple_new"))
        .ok();
    let blocks = PyList::empty(py);
    for block in parts.blocks {
        let (values, placement): (Bound<'py, PyAny>, _) = match block {
            Block::Float64 { columns, values } => {
                let k = columns.len();
                let a = PyArray1::from_vec(py, values).reshape([k, n])?;
                (a.into_any(), place(columns))
            }
            Block::Datetime64 { columns, values } => {
                let k = columns.len();
                let a = PyArray1::from_vec(py, values).reshape([k, n])?;
                let a = a.call_method1("view", ("datetime64[ns]",))?;
                // A private constructor too: on its error, the numpy block.
                let wrapped = datetimes.as_ref().and_then(|wrap| {
                    let kwargs = PyDict::new(py);
                    kwargs.set_item("dtype", a.getattr("dtype").ok()?).ok()?;
                    wrap.call((&a,), Some(&kwargs)).ok()
                });
                let a = wrapped.unwrap_or(a);
                (a, place(columns))
            }
            Block::Int64(m) => masked(&integers, m, place)?,
            Block::Boolean(m) => masked(&booleans, m, place)?,
            Block::Text { column, index } => {
                let Some(t) = &text else {
                    return Ok(None);
                };
                (
                    text_array(t.get_item(index)?, &mut first_text)?,
                    place(vec![column]),
                )
            }
        };
        blocks.append((values, placement))?;
    }
    let index = pd.getattr("RangeIndex")?.call1((n,))?;
    let columns = column_index(py, pd, parts.names)?;
    Ok(Some(from_blocks.call1((blocks, index, columns))?))
}

/// The columns of `batch` as pyarrow arrays: imported as one record batch
/// through the Arrow C data interface
/// (`pyarrow.RecordBatch._import_from_c_capsule`, what `pa.record_batch`
/// calls on an `__arrow_c_array__` export: no stream, reader and table to
/// build, about 15 µs less a frame), or, with a pyarrow without it, through
/// the stream as `pa.table` imports it. Either way the arrays share the
/// batch's buffers, one chunk each.
fn pyarrow_columns<'py>(
    py: Python<'py>,
    pa: &Bound<'py, PyModule>,
    batch: RecordBatch,
) -> PyResult<Bound<'py, PyList>> {
    let import = pa
        .getattr("RecordBatch")
        .and_then(|b| b.getattr("_import_from_c_capsule"));
    // A private importer: on its error, the public stream (the batch's
    // buffers are shared by reference count, so the clone copies none).
    let fast = import.ok().and_then(|import| {
        let schema = batch.schema();
        let field = Arc::new(
            Field::new_struct("", schema.fields().clone(), false)
                .with_metadata(schema.metadata().clone()),
        );
        let array = StructArray::from(batch.clone());
        let capsules = pyo3_arrow::ffi::to_array_pycapsules(py, field, &array, None).ok()?;
        import.call1(capsules).ok()
    });
    let imported = match fast {
        Some(imported) => imported,
        None => pa.call_method1("table", (arrow_table(py, batch)?,))?,
    };
    Ok(imported.getattr("columns")?.cast_into::<PyList>()?)
}

/// A masked array's block: `class` (`IntegerArray`, `BooleanArray`) of the
/// column's values and mask, and its placement (`place`).
fn masked<'py, T: numpy::Element, P>(
    class: &Bound<'py, PyAny>,
    m: core::pandas::Masked<T>,
    place: impl Fn(Vec<usize>) -> P,
) -> PyResult<(Bound<'py, PyAny>, P)> {
    let py = class.py();
    let (values, mask) = (
        numpy::PyArray1::from_vec(py, m.values),
        numpy::PyArray1::from_vec(py, m.mask),
    );
    Ok((class.call1((values, mask))?, place(vec![m.column])))
}

/// `pandas.Index(names)`, the frame's columns as pyarrow makes them: a
/// shallow copy (`Index.copy()`: a new `Index` object, its name its own) of
/// one built on the first frame with these names and kept, keyed by the
/// names and by the `Index` class (a reloaded pandas builds anew). An
/// `Index`'s values cannot change; building one from a list infers its
/// dtype each time (about 80 µs, a third of the native roll-up of four
/// tables at 20,000 key results).
fn column_index<'py>(
    py: Python<'py>,
    pd: &Bound<'py, PyModule>,
    names: Vec<String>,
) -> PyResult<Bound<'py, PyAny>> {
    static KEPT: pyo3::sync::PyOnceLock<Py<PyDict>> = pyo3::sync::PyOnceLock::new();
    let kept = KEPT.get_or_init(py, || PyDict::new(py).unbind()).bind(py);
    let class = pd.getattr("Index")?;
    let key = (class.clone(), pyo3::types::PyTuple::new(py, &names)?);
    if let Some(index) = kept.get_item(&key)? {
        return index.call_method0("copy");
    }
    let index = class.call1((names,))?;
    kept.set_item(key, &index)?;
    index.call_method0("copy")
}

/// A polars DataFrame of `t`, through the Arrow C stream interface: the
/// table's buffers are moved into Arrow (`into_arrow_views`: text as
/// `Utf8View`, the string type polars holds, so it copies no string) and
/// polars takes them without copying, with the types of
/// [`okrkit::table::arrow`] (never a Null-typed column, even when every value
/// is null).
pub fn table_to_polars<'py>(py: Python<'py>, t: core::Table) -> PyResult<Bound<'py, PyAny>> {
    let pl = import_optional(py, "polars")?;
    pl.getattr("DataFrame")?.call1((polars_columns(py, t)?,))
}

/// The Arrow columns `to_polars` hands to polars: `t` moved into Arrow with
/// text as `Utf8View`.
pub(crate) fn polars_columns(py: Python<'_>, t: core::Table) -> PyResult<Bound<'_, PyTable>> {
    let batch = py
        .detach(|| t.into_arrow_views())
        .map_err(crate::error::to_pyerr)?;
    arrow_table(py, batch)
}

/// `batch` as pyo3-arrow's Arrow table object (`PyTable`, the PyCapsule
/// protocol's `__arrow_c_schema__` and `__arrow_c_stream__`, the schema's
/// metadata — the table name, each column's doc — included): what polars and
/// pyarrow read the columns of a table no one else holds through
/// (`report.to_polars(name)`, `to_pandas(name)`), without any copy (for
/// pandas, after `okrkit::table::pandas`'s conversions). Never returned to
/// Python code (only the frames are).
pub(crate) fn arrow_table(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyTable>> {
    let schema = batch.schema();
    Bound::new(py, PyTable::try_new(vec![batch], schema)?)
}

/// A table of a report, with a title: frames, rows, columns, HTML.
#[pyclass(frozen, module = "okrkit")]
pub struct Table {
    pub title: String,
    pub inner: Arc<core::Table>,
    /// The Arrow columns, built on first use and shared by every export.
    arrow: OnceLock<RecordBatch>,
}

impl Table {
    pub fn new(title: impl Into<String>, inner: core::Table) -> Table {
        Table {
            title: title.into(),
            inner: Arc::new(inner),
            arrow: OnceLock::new(),
        }
    }

    pub(crate) fn batch(&self, py: Python<'_>) -> PyResult<&RecordBatch> {
        if let Some(b) = self.arrow.get() {
            return Ok(b);
        }
        let built = py
            .detach(|| self.inner.to_arrow())
            .map_err(crate::error::to_pyerr)?;
        Ok(self.arrow.get_or_init(|| built))
    }
}

#[okrkit_python_guard::guarded]
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
    #[pyo3(signature = (name) -> "list[Any]")]
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let c = self.inner.column_named(name);
        column_to_py(py, c.map_err(crate::error::to_pyerr)?)
    }

    /// The rows as dicts (every column in every row).
    #[pyo3(signature = () -> "list[dict[str, Any]]")]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        table_rows(py, &self.inner)
    }

    /// A pandas DataFrame (needs pandas and pyarrow, imported only now),
    /// built from the table's Arrow columns; text as `string[pyarrow]`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let large = pandas_takes_large_strings(py)?;
        pandas_of(py, self.batch(py)?, large, None)
    }

    /// A polars DataFrame (needs polars, imported only now), built from the
    /// table's Arrow columns without copying them.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let pl = import_optional(py, "polars")?;
        pl.getattr("DataFrame")?.call1((slf,))
    }

    /// The Arrow schema (Arrow PyCapsule interface): pyarrow, polars, pandas
    /// and DuckDB read this table directly, e.g. `pyarrow.table(t)`.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.batch(py)?.schema().as_ref())?)
    }

    /// The columns as an Arrow C stream (Arrow PyCapsule interface), shared,
    /// not copied: every reader sees the same buffers.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let table = arrow_table(py, self.batch(py)?.clone())?;
        let stream = table.call_method1("__arrow_c_stream__", (requested_schema,))?;
        Ok(stream.cast_into()?)
    }

    /// The table as CSV text (header row, null as an empty cell).
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn _repr_html_(&self) -> String {
        core::render::html(&self.title, &self.inner, view::HTML_ROWS)
    }

    fn __repr__(&self) -> String {
        core::render::text(&self.title, &self.inner, view::TEXT_ROWS, view::TEXT_WIDTH)
    }
}

/// The schema of a table: (name, dtype, doc) per column, in order. dtypes are
/// "str", "f64", "i64", "bool", "date", "datetime".
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn table_schema(
    name: crate::convert::Text,
) -> PyResult<Vec<(&'static str, &'static str, &'static str)>> {
    let s = core::schema_of(&name).map_err(crate::error::to_pyerr)?;
    Ok(s.iter()
        .map(|c| (c.name, c.dtype.as_str(), c.doc))
        .collect())
}

/// The names of every table, in order.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn table_names() -> Vec<&'static str> {
    core::names()
}
