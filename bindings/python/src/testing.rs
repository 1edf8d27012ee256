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
#[pyfunction]
#[pyo3(signature = (org, n, as_of = None))]
pub fn bench_progress(
    py: Python<'_>,
    org: &Bound<'_, Org>,
    n: usize,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let opts: ProgressOptions =
        convert::options(None, vec![("as_of", convert::date_value(as_of, "as_of")?)])?;
    let org = org.get().inner.clone();
    Ok(py.detach(move || {
        let start = std::time::Instant::now();
        for _ in 0..n {
            let _ = std::hint::black_box(org.progress(std::hint::black_box(&opts)));
        }
        start.elapsed().as_secs_f64()
    }))
}

/// Adds the `_testing` submodule to the native module.
pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let m = PyModule::new(parent.py(), "_testing")?;
    m.add_function(wrap_pyfunction!(bench_progress, &m)?)?;
    // A plain attribute: not in the module's `__all__`, so `from okrkit._okrkit import *` skips it.
    parent.as_any().setattr("_testing", m)
}
