//! `classify_many(texts, frame=...)`: many statements classified (R1) into
//! one table — the core's `classification` table (kind, confidence, the
//! deciding signals as columns) — as a pandas or polars frame. The GIL is
//! released while the core classifies.

use crate::classify::vocabulary_from;
use crate::convert;
use crate::error::argument_err;
use crate::tables::{self, Table};
use okrkit::ProblemCode;
use okrkit::classify::{Classifier, StructureHint, default_classifier};
use okrkit::table::classification;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The statements as Rust strings.
fn texts_from(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if texts.is_instance_of::<PyString>() {
        return Err(argument_err(
            ProblemCode::InvalidValue,
            "texts",
            "texts must be a list (or column) of statements, not one string: use classify() for one"
                .into(),
        ));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, t) in texts.try_iter()?.enumerate() {
        let t = t?;
        let s = t.cast::<PyString>().map_err(|_| {
            argument_err(
                ProblemCode::InvalidValue,
                &format!("texts[{i}]"),
                format!(
                    "texts[{i}] is {}, not a str (drop or fill missing values first)",
                    t.get_type().name().map_or("?".into(), |n| n.to_string())
                ),
            )
        })?;
        out.push(convert::string(s, &format!("texts[{i}]"))?);
    }
    Ok(out)
}

fn hints_from(
    structures: Option<&Bound<'_, PyAny>>,
    n: usize,
) -> PyResult<Option<Vec<StructureHint>>> {
    let Some(obj) = structures else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(n);
    for (i, h) in obj.try_iter()?.enumerate() {
        let h = h?;
        if h.is_none() {
            out.push(StructureHint::None);
            continue;
        }
        out.push(convert::arg_from_py(&h, &format!("structures[{i}]"))?);
    }
    if out.len() != n {
        return Err(argument_err(
            ProblemCode::InvalidValue,
            "structures",
            format!(
                "{} structures for {n} texts: give one per text (or None)",
                out.len()
            ),
        ));
    }
    Ok(Some(out))
}

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
/// ("metric", "threshold", "milestone" or None); `vocabulary` a custom
/// vocabulary (a dict or a `Classifier`).
#[pyfunction]
#[pyo3(signature = (texts: "Iterable[str]", *, frame: "str" = "pandas", structures: "Iterable[str | None] | None" = None, vocabulary: "_Vocabulary" = None))]
pub fn classify_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = frame_arg)] frame: &'static str,
    structures: Option<&Bound<'py, PyAny>>,
    vocabulary: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // pandas and pyarrow imported before classifying (a missing one fails fast).
    let large = if frame == "pandas" {
        tables::pandas_takes_large_strings(py)?
    } else {
        false
    };
    let texts = texts_from(texts)?;
    let hints = hints_from(structures, texts.len())?;
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
        classification::classify_many(classifier, &texts, hints.as_deref())
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
