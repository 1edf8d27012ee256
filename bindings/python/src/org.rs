//! `Document` (plain data, maybe invalid) and `Org` (a validated document),
//! with progress, lint, scoring and health. Heavy calls release the GIL.

use crate::convert::{self, List, Obj};
use crate::error::to_pyerr;
use crate::error::{OrPyErr, argument_err, problem_objects};
use crate::reports::{HealthReport, LintReport, ProgressReport, ScoreReport};
use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::progress::ProgressColumns;
use okrkit::table::view::HeldDocument;
use okrkit::{ProblemCode, ProgressOptions};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use std::sync::Arc;

/// An OKR document: plain data, not yet validated.
#[pyclass(frozen, module = "okrkit")]
pub struct Document {
    pub inner: Arc<okrkit::Document>,
}

impl From<okrkit::Document> for Document {
    fn from(d: okrkit::Document) -> Self {
        Document { inner: Arc::new(d) }
    }
}

/// The methods `Document` and `Org` share, on the document each holds (`$doc`,
/// a `DocumentRef` made from `$this`; `$held`, as a lint report holds it),
/// plus each class's own (`$extra`); `$reduce` is the class's `__reduce__`
/// docstring, `$lint` its `lint`'s.
macro_rules! document_class {
    ($name:ident, $this:ident => $doc:expr, $held:expr, $reduce:literal, $lint:literal, { $($extra:tt)* }) => {
        #[okrkit_python_guard::guarded]
        #[pymethods]
        impl $name {
            /// The document as plain data.
            #[pyo3(signature = () -> "_t.Document")]
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $this = self;
                convert::ser_to_py(py, &$doc)
            }

            /// The document as JSON text.
            #[pyo3(signature = (indent: "bool" = false))]
            fn to_json(
                &self,
                py: Python<'_>,
                #[pyo3(from_py_with = convert::flag)] indent: bool,
            ) -> PyResult<String> {
                let $this = self;
                let d = $doc;
                py.detach(|| if indent { d.to_json_pretty() } else { d.to_json() })
                    .map_err(to_pyerr)
            }

            /// Equal when the documents are equal.
            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other.cast::<$name>().is_ok_and(|o| {
                    let $this = o.get();
                    let theirs = $doc;
                    let $this = self;
                    theirs == $doc
                })
            }

            #[doc = $reduce]
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let text = self.to_json(py, false)?;
                Ok((py.get_type::<$name>().into_any(), (text,)))
            }

            fn __repr__(&self) -> String {
                let $this = self;
                format!("{}({})", stringify!($name), okrkit::table::view::document_summary($doc))
            }

            #[doc = $lint]
            #[pyo3(signature = (*, as_of: "_DateLike | None" = None, vocabulary: "_Vocabulary" = None, **options: "Any"))]
            fn lint(
                &self,
                py: Python<'_>,
                as_of: Option<&Bound<'_, PyAny>>,
                vocabulary: Option<&Bound<'_, PyAny>>,
                options: Option<&Bound<'_, PyDict>>,
            ) -> PyResult<LintReport> {
                let $this = self;
                lint_held(py, $held, lint_config(as_of, vocabulary, options)?)
            }

            $($extra)*
        }
    };
}

/// Reads a document from a dict, a `Document`, an `Org` or JSON text.
pub fn document_from(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Arc<okrkit::Document>> {
    if let Ok(d) = obj.cast::<Document>() {
        return Ok(d.get().inner.clone());
    }
    if let Ok(o) = obj.cast::<Org>() {
        return Ok(Arc::new(o.get().inner.to_document()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = convert::string(s, "")?;
        return py
            .detach(|| okrkit::Document::from_json(&text))
            .py_err()
            .map(Arc::new);
    }
    let value = convert::to_value(obj, "")?;
    py.detach(|| okrkit::Document::from_value(value))
        .py_err()
        .map(Arc::new)
}

document_class!(Document, d => okrkit::DocumentRef::from(&*d.inner),
    HeldDocument::Document(d.inner.clone()),
    "Pickles as the document's JSON.",
    "Lints the document, valid or not (see `okrkit.lint`).", {
    /// Reads a document from a dict (as from `json.load`), JSON text, or another Document.
    #[new]
    #[pyo3(signature = (data: "_DocumentLike"))]
    fn new(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Document {
            inner: document_from(py, data)?,
        })
    }

    /// Reads a document from a dict.
    #[staticmethod]
    #[pyo3(signature = (data: "dict[str, Any]"))]
    fn from_dict(py: Python<'_>, data: Obj<'_, PyDict>) -> PyResult<Self> {
        Document::new(py, data.0.as_any())
    }

    /// Reads a document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: Obj<'_, PyString>) -> PyResult<Self> {
        Document::new(py, text.0.as_any())
    }

    /// Builds a document from CSV text with one row per key result (see the README).
    #[staticmethod]
    fn from_csv(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Self> {
        let text = convert::string(text, "")?;
        let doc = py.detach(|| okrkit::Document::from_csv_key_results(&text));
        doc.py_err().map(Document::from)
    }

    /// The JSON Schema of the document format.
    #[staticmethod]
    fn json_schema() -> String {
        okrkit::Document::json_schema()
    }

    /// Every problem, each with code, message and path (empty when valid).
    #[pyo3(signature = () -> "list[Any]")]
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let d = &self.inner;
        let problems = py.detach(|| okrkit::validate(&**d));
        problem_objects(py, &problems)
    }

    /// Validates the document and indexes it: raises `ValidationError` listing every problem.
    fn org(&self, py: Python<'_>) -> PyResult<Org> {
        let d = (*self.inner).clone();
        py.detach(|| okrkit::Org::new(d)).py_err().map(Org::from)
    }

    #[getter]
    fn schema_version(&self) -> u32 {
        self.inner.schema_version
    }
});

/// The core's lint settings from keyword options: `as_of` (a date) and
/// `vocabulary` (a dict or a `Classifier`) read here, every other key is a
/// field of the core's `LintOptions` (unknown keys and rule codes refused).
pub fn lint_config(
    as_of: Option<&Bound<'_, PyAny>>,
    vocabulary: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<LintOptions> {
    let vocabulary = vocabulary
        .map(crate::classify::vocabulary_from)
        .transpose()?;
    let vocabulary = serde_json::to_value(vocabulary).unwrap_or_default();
    convert::options(
        options,
        vec![
            ("as_of", convert::date_value(as_of, "as_of")?),
            ("vocabulary", vocabulary),
        ],
    )
}

/// A validated OKR document with its indexes. Immutable and thread-safe.
#[pyclass(frozen, module = "okrkit")]
pub struct Org {
    pub inner: Arc<okrkit::Org>,
}

impl From<okrkit::Org> for Org {
    fn from(o: okrkit::Org) -> Self {
        Org { inner: Arc::new(o) }
    }
}

document_class!(Org, o => o.inner.document(),
    HeldDocument::Org(o.inner.clone()),
    "Pickles as the document's JSON (validated again when unpickled).",
    "The lint catalog on this (valid) document (options: see `okrkit.lint`).", {
    /// Validates and indexes a document: a dict, a `Document`, or JSON text.
    #[new]
    #[pyo3(signature = (document: "_DocumentLike"))]
    fn new(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let doc = document_from(py, document)?;
        let doc = Arc::try_unwrap(doc).unwrap_or_else(|a| (*a).clone());
        py.detach(|| okrkit::Org::new(doc)).py_err().map(Org::from)
    }

    /// Validates and indexes a document given as a dict.
    #[staticmethod]
    #[pyo3(signature = (data: "dict[str, Any]"))]
    fn from_dict(py: Python<'_>, data: Obj<'_, PyDict>) -> PyResult<Self> {
        Org::new(py, data.0.as_any())
    }

    /// Reads, validates and indexes JSON text (str, or bytes that must be UTF-8).
    #[staticmethod]
    #[pyo3(signature = (text: "str | bytes"))]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(b) = text.cast::<PyBytes>() {
            let bytes = b.as_bytes();
            return py.detach(|| okrkit::Org::from_slice(bytes)).py_err().map(Org::from);
        }
        let Ok(s) = text.cast::<PyString>() else {
            return Err(argument_err(
                ProblemCode::InvalidValue,
                "text",
                "expected str or bytes".into(),
            ));
        };
        let text = convert::string(s, "")?;
        py.detach(|| okrkit::Org::from_json(&text)).py_err().map(Org::from)
    }

    /// The validated document.
    #[getter]
    fn document(&self) -> Document {
        Document::from(self.inner.to_document())
    }

    /// Number of key results.
    #[getter]
    fn key_result_count(&self) -> usize {
        self.inner.key_result_count()
    }

    /// The cycle ids, in document order.
    #[getter]
    fn cycles(&self) -> Vec<String> {
        self.inner.cycle_ids()
    }

    /// The team ids, in document order.
    #[getter]
    fn teams(&self) -> Vec<String> {
        self.inner.team_ids()
    }

    /// Progress from key results only (R2), as of a date (`date` or "YYYY-MM-DD")
    /// or from the latest values. Other options are the core's `ProgressOptions`:
    /// `milestones` ("leave_out", the default, or "count_as_imported"), `cycle`.
    #[pyo3(signature = (as_of: "_DateLike | None" = None, **options: "Any"))]
    fn progress(
        &self,
        py: Python<'_>,
        as_of: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<ProgressReport> {
        let opts: ProgressOptions = convert::options_as_of(options, as_of)?;
        let org = &self.inner;
        let columns = py
            .detach(|| ProgressColumns::new(org.clone(), &opts))
            .map_err(to_pyerr)?;
        Ok(ProgressReport::new(columns.into()))
    }

    /// Progress as of each date (for charts of progress against expected pace).
    /// Each report comes from the core's `progress` at that date.
    #[pyo3(signature = (dates: "Iterable[_DateLike]", **options: "Any"))]
    fn progress_over(
        &self,
        py: Python<'_>,
        dates: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<ProgressReport>> {
        let days = convert::dates_arg(dates, "dates", true)?;
        let opts: ProgressOptions = convert::options(options, Vec::new())?;
        let org = &self.inner;
        let reports = py
            .detach(|| ProgressColumns::over(org.clone(), &days, &opts))
            .map_err(to_pyerr)?;
        Ok(reports
            .into_iter()
            .map(|c| ProgressReport::new(c.into()))
            .collect())
    }

    /// End-of-cycle scores of one cycle (R5).
    fn score_cycle(&self, py: Python<'_>, cycle: convert::Text) -> PyResult<ScoreReport> {
        let org = &self.inner;
        let report = py.detach(|| org.score_cycle(&*cycle)).py_err()?;
        Ok(ScoreReport::new(report, org.clone()))
    }

    /// Scores of every cycle, in cycle order.
    fn score_all(&self, py: Python<'_>) -> Vec<ScoreReport> {
        let org = &self.inner;
        py.detach(|| org.score_all())
            .into_iter()
            .map(|r| ScoreReport::new(r, org.clone()))
            .collect()
    }

    /// Calibration flags across cycles: safe goals, overreaching (R5).
    #[pyo3(signature = () -> "list[_t.Calibration]")]
    fn calibrate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let org = &self.inner;
        let flags = py.detach(|| org.calibration());
        convert::ser_to_py(py, &flags)
    }

    /// Program health of a cycle (R10).
    /// Other options are the core's `HealthOptions` (`stale_after_days`).
    #[pyo3(signature = (cycle, as_of: "_DateLike | None" = None, **options: "Any"))]
    fn health(
        &self,
        py: Python<'_>,
        cycle: convert::Text,
        as_of: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<HealthReport> {
        let opts: HealthOptions = convert::options_as_of(options, as_of)?;
        let org = &self.inner;
        let report = py.detach(|| org.health(&*cycle, &opts)).py_err()?;
        Ok(HealthReport::new(report, org.clone()))
    }
});

/// Lints a document, valid or not: a dict, a `Document`, an `Org` or JSON text
/// (`okrkit.lint` calls it after reading a path; its docstring lists the options).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (document: "_DocumentLike", *, as_of: "_DateLike | None" = None, vocabulary: "_Vocabulary" = None, **options: "Any"))]
pub fn lint(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    vocabulary: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<LintReport> {
    let config = lint_config(as_of, vocabulary, options)?;
    let doc = document_from(py, document)?;
    lint_held(py, HeldDocument::Document(doc), config)
}

/// A lint report on `held` (the GIL released while it lints).
fn lint_held(py: Python<'_>, held: HeldDocument, config: LintOptions) -> PyResult<LintReport> {
    let report = py.detach(|| held.lint(&config));
    Ok(LintReport::new(report, Some(held)))
}

/// Every problem of a document (empty when valid); a document that cannot be
/// read at all raises `ValidationError`.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (document: "_DocumentLike") -> "list[Any]")]
pub fn validate<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let doc = document_from(py, document)?;
    let problems = py.detach(|| okrkit::validate(&*doc));
    problem_objects(py, &problems)
}

/// Calibration flags from score reports in cycle order (see `Org.score_all`).
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (reports: "Sequence[ScoreReport]") -> "list[_t.Calibration]")]
pub fn calibrate<'py>(
    py: Python<'py>,
    reports: List<Obj<'py, ScoreReport>>,
) -> PyResult<Bound<'py, PyAny>> {
    let reports: Vec<okrkit::score::ScoreReport> =
        reports.0.iter().map(|r| (*r.inner).clone()).collect();
    let flags = okrkit::score::calibrate(&reports);
    convert::ser_to_py(py, &flags)
}

/// A deterministic, realistic organisation (the same options give the same document everywhere).
/// Options are the core's `GenerateOptions` (`seed`, `teams`, `objectives`,
/// `key_results`, `check_ins`, `cycles`) with its defaults; with `scaled=N`,
/// the shape the core's benchmarks use for N key results, each option given
/// overriding it.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (*, scaled = None, **options: "Any"))]
pub fn generate(
    py: Python<'_>,
    scaled: Option<convert::Count<usize>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Document> {
    use okrkit::generate::GenerateOptions;
    // A `scaled` over the limit is refused before the options are read.
    let base = scaled
        .map(|n| GenerateOptions::scaled_within(n.0))
        .transpose();
    let base = base.py_err()?.unwrap_or_default();
    let opts = base.with_overrides(convert::option_map(options)?);
    let opts = opts.map_err(convert::option_err)?;
    Ok(Document::from(
        py.detach(|| okrkit::generate::generate(&opts)),
    ))
}
