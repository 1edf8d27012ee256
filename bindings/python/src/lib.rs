//! Python binding of okrkit: `import okrkit`.
//!
//! A binding converts types, maps errors and releases the GIL around long
//! calls; every rule lives in the core crate. The native module is private
//! (`okrkit._okrkit`); the package `okrkit` (python/okrkit) re-exports it and
//! adds the Python-only pieces: exceptions, enums, ledger helpers, `load()`,
//! the matplotlib helper.

mod chart_data;
mod checkpoint;
mod classify;
mod classify_table;
mod convert;
mod error;
#[path = "import.rs"]
mod import_fns;
mod ledger;
mod org;
mod progress_rows;
mod reports;
mod tables;
mod testing;

use pyo3::prelude::*;

#[pymodule]
fn _okrkit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", okrkit::SCHEMA_VERSION)?;
    m.add_class::<org::Document>()?;
    m.add_class::<org::Org>()?;
    m.add_class::<reports::ProgressReport>()?;
    m.add_class::<reports::LintReport>()?;
    m.add_class::<reports::ScoreReport>()?;
    m.add_class::<reports::HealthReport>()?;
    m.add_class::<reports::KeyResultHistory>()?;
    m.add_class::<classify::Classification>()?;
    m.add_class::<classify::Classifications>()?;
    m.add_class::<classify::Classifier>()?;
    m.add_class::<ledger::Ledger>()?;
    m.add_class::<tables::Table>()?;
    m.add_function(wrap_pyfunction!(tables::table_schema, m)?)?;
    m.add_function(wrap_pyfunction!(tables::table_names, m)?)?;
    m.add_function(wrap_pyfunction!(classify_table::classify_many, m)?)?;
    m.add_function(wrap_pyfunction!(chart_data::progress_series, m)?)?;
    m.add_function(wrap_pyfunction!(chart_data::check_ins, m)?)?;
    m.add_function(wrap_pyfunction!(chart_data::confidence_series, m)?)?;
    m.add_function(wrap_pyfunction!(chart_data::score_history, m)?)?;
    m.add_function(wrap_pyfunction!(chart_data::calibration, m)?)?;
    m.add_function(wrap_pyfunction!(org::lint, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::public_key_hex, m)?)?;
    m.add_function(wrap_pyfunction!(org::validate, m)?)?;
    m.add_function(wrap_pyfunction!(org::calibrate, m)?)?;
    m.add_function(wrap_pyfunction!(org::generate, m)?)?;
    m.add_function(wrap_pyfunction!(classify::classify, m)?)?;
    m.add_function(wrap_pyfunction!(reports::_from_state, m)?)?;
    checkpoint::register(m)?;
    testing::register(m)?;
    m.add_class::<import_fns::Imported>()?;
    m.add_function(wrap_pyfunction!(import_fns::read_asana, m)?)?;
    m.add_function(wrap_pyfunction!(import_fns::read_gitlab, m)?)?;
    m.add_function(wrap_pyfunction!(import_fns::read_quantive, m)?)?;
    m.add_function(wrap_pyfunction!(import_fns::read_tability, m)?)?;
    m.add_function(wrap_pyfunction!(import_fns::read_table, m)?)?;
    Ok(())
}
