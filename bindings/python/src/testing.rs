//! Hooks for okrkit's own tests and benchmarks, kept out of the public API:
//! they live in the private submodule `okrkit._okrkit._testing`, which the
//! `okrkit` package does not re-export.

use crate::convert;
use crate::org::Org;
use okrkit::ProgressOptions;
use pyo3::prelude::*;

/// Benchmark entry point: runs the core's progress roll-up `n` times in Rust
/// (GIL released, no conversion to Python objects) and returns the total
/// seconds. `benches/python/compare.py` uses it as the native baseline.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (org, n, as_of = None))]
pub fn bench_progress(
    py: Python<'_>,
    org: &Bound<'_, Org>,
    n: usize,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let opts: ProgressOptions = convert::options_as_of(None, as_of)?;
    let org = org.get().inner.clone();
    Ok(py.detach(move || {
        let start = std::time::Instant::now();
        for _ in 0..n {
            let _ = std::hint::black_box(org.progress(std::hint::black_box(&opts)));
        }
        start.elapsed().as_secs_f64()
    }))
}

/// Benchmark entry point: builds the four progress tables of `report` `n`
/// times in Rust (GIL released) and returns the total seconds. `arrow`
/// says what follows each build: `None` nothing, `"utf8"` the tables moved
/// into Arrow with text as `Utf8`, `"views"` built with text as `Utf8View`
/// and moved into Arrow (what `to_polars` does). `benches/python/table_handover.py` uses it to
/// split `to_polars` into its Rust and its Python halves.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (report, n, arrow = None))]
pub fn bench_tables(
    py: Python<'_>,
    report: &Bound<'_, crate::reports::ProgressReport>,
    n: usize,
    arrow: Option<&str>,
) -> PyResult<f64> {
    use okrkit::table::{TextLayout, select};
    let r = report.get();
    // `views`: what `to_polars` builds, text columns as views from the start.
    let (views, layout) = match arrow {
        None => (None, TextLayout::Offsets),
        Some("utf8") => (Some(false), TextLayout::Offsets),
        Some("views") => (Some(true), TextLayout::Views),
        Some(other) => {
            let message = format!("arrow must be None, 'utf8' or 'views', not '{other}'");
            return Err(pyo3::exceptions::PyValueError::new_err(message));
        }
    };
    py.detach(move || {
        let start = std::time::Instant::now();
        for _ in 0..n {
            for name in select::PROGRESS {
                // What `to_polars` and `table()` build: from the report's
                // columns (or its rows, for an unpickled report).
                let table = r.inner.table(Some(name), layout);
                let table = table.map_err(crate::error::to_pyerr)?;
                let batch = match views {
                    None => {
                        std::hint::black_box(table);
                        continue;
                    }
                    Some(false) => table.into_arrow(),
                    Some(true) => table.into_arrow_views(),
                };
                std::hint::black_box(batch.map_err(crate::error::to_pyerr)?);
            }
        }
        Ok(start.elapsed().as_secs_f64())
    })
}

/// Each column's name and the addresses of its buffers.
type BufferAddresses = std::collections::HashMap<String, Vec<usize>>;

/// Test hook: the Arrow columns `report.to_polars(name)` hands to polars,
/// made by the very functions `to_polars` calls (`Handle::table_for_frames`,
/// then `tables::polars_columns`), with the address of every buffer of each
/// column (validity bitmaps left out), so a test can check that polars holds
/// these very buffers: no copy.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn polars_columns<'py>(
    py: Python<'py>,
    report: &Bound<'py, crate::reports::ProgressReport>,
    name: &str,
) -> PyResult<(Bound<'py, pyo3_arrow::PyTable>, BufferAddresses)> {
    let table = crate::reports::Handle::table_for_frames(report.get(), name)?;
    let columns = crate::tables::polars_columns(py, table)?;
    let batch = &columns.get().batches()[0];
    let schema = batch.schema();
    let addresses = schema
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(f, c)| {
            let data = c.to_data();
            let buffers = data.buffers().iter().map(|b| b.as_ptr() as usize);
            (f.name().clone(), buffers.collect())
        })
        .collect();
    Ok((columns, addresses))
}

/// Test hook: `table` as a pandas frame converted by pyarrow (what
/// `to_pandas()` does before pandas 3.0), for the tests to compare with the
/// frame `to_pandas()` builds from its blocks.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn pandas_via_pyarrow<'py>(
    py: Python<'py>,
    table: &Bound<'py, crate::tables::Table>,
) -> PyResult<Bound<'py, PyAny>> {
    let large = crate::tables::pandas_takes_large_strings(py)?;
    let (pd, pa) = (py.import("pandas")?, py.import("pyarrow")?);
    crate::tables::pandas_via_pyarrow(py, &pd, &pa, table.get().batch(py)?, large, None)
}

/// Makes the next `n` ledger appends on this thread panic inside the core,
/// after the state took the entry (tests of the core's `Ledger::recover`).
/// Only in a build with the `test-hooks` feature (test.sh's), never a wheel.
#[cfg(feature = "test-hooks")]
#[okrkit_python_guard::guarded]
#[pyfunction]
fn inject_append_panics(n: u32) {
    okrkit::ledger::test_hooks::inject_append_panics(n)
}

/// Panics with `message` (a stand-in for a bug anywhere in okrkit), so a
/// test can see what every guarded entry point raises: `InternalError`.
#[cfg(feature = "test-hooks")]
#[okrkit_python_guard::guarded]
#[pyfunction]
fn panic(message: &str) {
    panic!("{message}")
}

/// Adds the `_testing` submodule to the native module.
pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let m = PyModule::new(parent.py(), "_testing")?;
    m.add_function(wrap_pyfunction!(bench_progress, &m)?)?;
    #[cfg(feature = "test-hooks")]
    m.add_function(wrap_pyfunction!(inject_append_panics, &m)?)?;
    #[cfg(feature = "test-hooks")]
    m.add_function(wrap_pyfunction!(panic, &m)?)?;
    m.add_function(wrap_pyfunction!(bench_tables, &m)?)?;
    m.add_function(wrap_pyfunction!(polars_columns, &m)?)?;
    m.add_function(wrap_pyfunction!(pandas_via_pyarrow, &m)?)?;
    // A plain attribute: not in the module's `__all__`, so `from okrkit._okrkit import *` skips it.
    parent.as_any().setattr("_testing", m)
}
