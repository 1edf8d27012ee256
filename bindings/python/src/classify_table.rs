//! `classify_many(texts, frame=...)`: many statements classified (R1) into
//! one table — the core's `classification` table (kind, confidence, the
//! deciding signals as columns) — as a pandas or polars frame. The GIL is
//! released while the core classifies.

use crate::classify::{batch, vocabulary_from};
use crate::convert::{self, List, Str, Text};
use crate::error::argument_err;
use crate::tables::{self, Table};
use okrkit::ProblemCode;
use okrkit::classify::{Classifier, default_classifier};
use okrkit::table::classification;
use pyo3::prelude::*;

/// `classify_many`'s `frame`: a str (else `parse_error` at `frame`, as any
/// `Text` argument) naming one of the frames (else `invalid_value`).
fn frame_arg(obj: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let frame = obj.extract::<convert::Text>()?;
    ["pandas", "polars", "table"]
        .into_iter()
        .find(|f| *f == &*frame)
        .ok_or_else(|| {
            argument_err(
                ProblemCode::InvalidValue,
                "frame",
                format!("frame is 'pandas', 'polars' or 'table', not '{}'", &*frame),
            )
        })
}

/// Classifies many statements at once into a table: one row per text, in
/// order, with kind, confidence and the deciding signals as columns (the
/// core's `classification` schema). `frame` is "pandas", "polars" or "table"
/// (an `okrkit.Table`). `structures` gives each text's structure hint
/// ("metric", "threshold", "milestone" or None), `structure` one hint for
/// every text (not both); `vocabulary` a custom
/// vocabulary (a dict or a `Classifier`).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (texts: "Iterable[str]", *, frame: "str" = "pandas", structures: "Iterable[str | None] | None" = None, structure: "str | None" = None, vocabulary: "_Vocabulary" = None))]
pub fn classify_many<'py>(
    py: Python<'py>,
    texts: List<Str<'py>>,
    #[pyo3(from_py_with = frame_arg)] frame: &'static str,
    structures: Option<List<Option<Text>>>,
    structure: Option<Text>,
    vocabulary: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // pandas and pyarrow imported before classifying (a missing one fails fast).
    let large = if frame == "pandas" {
        tables::pandas_takes_large_strings(py)?
    } else {
        false
    };
    let (strs, hints) = batch(&texts.0, structure, structures)?;
    let custom = vocabulary.map(vocabulary_from).transpose()?;
    let table = py.detach(|| {
        let own;
        let classifier: &Classifier = match custom {
            Some(v) => {
                own = Classifier::new(v);
                &own
            }
            None => default_classifier(),
        };
        classification::classify_many(classifier, &strs, Some(&hints))
    });
    match frame {
        "pandas" => tables::table_to_pandas(py, table, large, None),
        "polars" => tables::table_to_polars(py, table),
        _ => Ok(Bound::new(
            py,
            Table::new(format!("classify_many({} texts)", table.len()), table),
        )?
        .into_any()),
    }
}
