//! Python binding of okrkit: `import okrkit`.
//!
//! A binding converts types, maps errors and releases the GIL around long
//! calls; every rule lives in the core crate. The native module is private
//! (`okrkit._okrkit`); the package `okrkit` (python/okrkit) re-exports it and
//! adds the Python-only pieces: exceptions, enums, ledger helpers, `load()`,
//! the matplotlib helper.
//!
//! The type stubs (`python/okrkit/_okrkit.pyi`) are generated from this
//! crate's pyo3 introspection data (the README's "The stubs are generated
//! from the compiled module"); [`hint::Typed`] annotates getters.

mod chart_data;
mod checkpoint;
mod classify;
mod classify_table;
mod convert;
mod error;
mod hint;
#[path = "import.rs"]
mod import_fns;
mod ledger;
mod org;
mod reports;
mod tables;
mod testing;

// Declared item by item (a declarative `#[pymodule] mod`, not a function adding
// members at run time) so that pyo3's introspection sees every member: a function
// module is opaque to it, and its stub would be one `__getattr__`.
/// The native part of okrkit (`okrkit._okrkit`): use it through `import okrkit`.
#[pyo3::pymodule]
mod _okrkit {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::chart_data::{
        calibration, check_ins, confidence_series, progress_series, score_history,
    };
    #[pymodule_export]
    use crate::checkpoint::{
        SigningKey, consistency_proof, cosign_checkpoint, default_origin, inclusion_proof,
        sign_checkpoint, verify_checkpoint, verify_consistency_proof, verify_inclusion_proof,
    };
    #[pymodule_export]
    use crate::classify::{Classification, Classifications, Classifier, classify};
    #[pymodule_export]
    use crate::classify_table::classify_many;
    #[pymodule_export]
    use crate::import_fns::{
        _source_is_text, Imported, read_asana, read_gitlab, read_quantive, read_tability,
        read_table,
    };
    #[pymodule_export]
    use crate::ledger::{Ledger, public_key_hex};
    #[pymodule_export]
    use crate::org::{Document, Org, calibrate, generate, lint, validate};
    #[pymodule_export]
    use crate::reports::{
        _from_state, HealthReport, KeyResultHistory, LintReport, ProgressReport, ScoreReport,
    };
    #[pymodule_export]
    use crate::tables::{Table, table_names, table_schema};

    /// The version of the okrkit crates this module was built from.
    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const __version__: &str = env!("CARGO_PKG_VERSION");

    /// The version of the document format this build reads and writes.
    #[pymodule_export]
    const SCHEMA_VERSION: u32 = okrkit::SCHEMA_VERSION;

    /// Adds the private `_testing` submodule as a plain attribute (outside `__all__`).
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        crate::testing::register(m)
    }
}
