//! The outcome / output classifier (R1): `classify()`, `Classifier`, `Classification`.

use crate::convert::{self, List, Str, Text, arg_from_py};
use crate::error::OrPyErr;
use crate::hint::{self, Typed};
use okrkit::classify::{
    Classification as CoreClassification, Classifier as CoreClassifier, StatementKind,
    StructureHint, Vocabulary,
};
use pyo3::exceptions::{PyIndexError, PyOverflowError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyModule, PySlice, PyString};
use std::sync::{Arc, OnceLock};

static ENUMS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// A member of one of okrkit's Python enums (`okrkit.enums`), by value.
pub fn enum_member<'py>(py: Python<'py>, class: &str, value: &str) -> PyResult<Bound<'py, PyAny>> {
    let m = ENUMS.get_or_try_init(py, || py.import("okrkit.enums").map(Bound::unbind))?;
    m.bind(py).getattr(class)?.call1((value,))
}

/// A vocabulary from a dict (the core's `VocabularySpec`: output_verbs,
/// outcome_verbs, metric_nouns, output_nouns, completion_words, outcome_hints,
/// replace; the words are added to the English lists unless `replace` is true;
/// an unknown key is a `parse_error` at its path) or a `Classifier`
/// (its vocabulary).
pub fn vocabulary_from(obj: &Bound<'_, PyAny>) -> PyResult<Vocabulary> {
    if let Ok(c) = obj.cast::<Classifier>() {
        return Ok(c.get().inner.vocabulary().clone());
    }
    arg_from_py(obj, "vocabulary")
}

/// A structure hint ("metric", "threshold", "milestone", "none" or None),
/// read by the core as every option is: a bad one is `InvalidArgument`,
/// code `parse_error`, at `path`.
pub fn structure(hint: Option<&str>, path: &str) -> PyResult<StructureHint> {
    let read = |h: &str| crate::convert::core_read(serde_json::Value::String(h.into()), path);
    hint.map_or(Ok(StructureHint::None), read)
}

/// The `StatementKind` member of `kind`, each of the three looked up once (a
/// kind added to the core later: the Python enum member of that name, an
/// error, not a panic, if the Python enum lacks it).
fn kind_member<'py>(py: Python<'py>, kind: StatementKind) -> PyResult<Bound<'py, PyAny>> {
    static KINDS: PyOnceLock<Vec<(StatementKind, Py<PyAny>)>> = PyOnceLock::new();
    let kinds = KINDS.get_or_try_init(py, || {
        use StatementKind::{Outcome, Output, Undetermined};
        let member = |k: StatementKind| enum_member(py, "StatementKind", k.as_str());
        let all = [Outcome, Output, Undetermined].into_iter();
        all.map(|k| Ok((k, member(k)?.unbind())))
            .collect::<PyResult<Vec<_>>>()
    })?;
    match kinds.iter().find(|(k, _)| *k == kind) {
        Some((_, member)) => Ok(member.bind(py).clone()),
        None => enum_member(py, "StatementKind", kind.as_str()),
    }
}

/// How the classifier read one statement: outcome, output or not enough
/// evidence, with a confidence, the signals that decided it and a suggestion.
/// From `classify_many`, the kind and confidence are computed at once and the
/// explanation (signals, suggestion) when first read.
#[pyclass(frozen, module = "okrkit")]
pub struct Classification {
    /// The caller's own string object (no copy).
    text: Py<PyString>,
    hint: StructureHint,
    kind: StatementKind,
    confidence: f64,
    classifier: Arc<CoreClassifier>,
    detail: OnceLock<CoreClassification>,
}

impl Classification {
    fn full(
        text: &Bound<'_, PyString>,
        hint: StructureHint,
        classifier: Arc<CoreClassifier>,
    ) -> PyResult<Self> {
        let detail = classifier.classify_with(&convert::string(text, "text")?, hint);
        Ok(Classification {
            text: text.clone().unbind(),
            hint,
            kind: detail.kind,
            confidence: detail.confidence,
            classifier,
            detail: OnceLock::from(detail),
        })
    }

    /// The explanation, built on first use (the text was valid UTF-8 when
    /// the kind was computed, so it reads again).
    fn detail(&self, py: Python<'_>) -> &CoreClassification {
        self.detail.get_or_init(|| {
            let text = self.text.bind(py).to_str().unwrap_or_default();
            self.classifier.classify_with(text, self.hint)
        })
    }
}

#[okrkit_python_guard::guarded]
#[pymethods]
impl Classification {
    /// `StatementKind.OUTCOME`, `StatementKind.OUTPUT` or
    /// `StatementKind.UNDETERMINED` (not enough evidence either way).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        kind_member(py, self.kind)
    }
    /// Whether the statement reads as an outcome.
    #[getter]
    fn is_outcome(&self) -> bool {
        self.kind == StatementKind::Outcome
    }
    /// 0.5 (undecided) to 1.0.
    #[getter]
    fn confidence(&self) -> f64 {
        self.confidence
    }
    /// The signals that decided it, as dicts (named features with their
    /// contribution: `weight`, toward `points_to`).
    #[getter]
    fn signals<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Dicts>> {
        convert::ser_to_py(py, &self.detail(py).signals).map(Typed::from)
    }
    /// For an output: move it to initiatives and name the outcome it should
    /// move; with not enough evidence, what to write instead.
    #[getter]
    fn suggestion(&self, py: Python<'_>) -> Option<String> {
        self.detail(py).suggestion.clone()
    }
    /// The text classified.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.text.bind(py).clone()
    }
    #[pyo3(signature = () -> "dict[str, Any]")]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::ser_to_py(py, self.detail(py))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let text = self.text.bind(py).to_str().unwrap_or_default();
        okrkit::table::view::classification_title(text, self.kind, self.confidence)
    }
}

/// The result of `Classifier.classify_many`: one `Classification` per
/// text, in order, as a read-only sequence (`len()`, `seq[i]`, `seq[-1]`,
/// `seq[a:b]` as a list, iteration: Python's own, through `seq[i]`). The
/// kinds and confidences were computed by the call; each `Classification`
/// object is made when read (reading the same index twice gives two objects
/// with the same content, not the same one), so a batch read once costs no
/// object per statement held at once.
/// It is not a `list`: no `index`, `count`, `in` by value, `+`, pickling or
/// in-place sorting; `list(seq)` gives one.
#[pyclass(frozen, sequence, module = "okrkit")]
pub struct Classifications {
    /// The caller's own string objects (no copy).
    texts: Vec<Py<PyString>>,
    hints: Vec<StructureHint>,
    verdicts: Vec<(StatementKind, f64)>,
    classifier: Arc<CoreClassifier>,
}

impl Classifications {
    /// The classification at `i` (in range).
    fn item(&self, py: Python<'_>, i: usize) -> Classification {
        let (kind, confidence) = self.verdicts[i];
        Classification {
            text: self.texts[i].clone_ref(py),
            hint: self.hints[i],
            kind,
            confidence,
            classifier: Arc::clone(&self.classifier),
            detail: OnceLock::new(),
        }
    }
}

#[okrkit_python_guard::guarded]
#[pymethods]
impl Classifications {
    fn __len__(&self) -> usize {
        self.verdicts.len()
    }

    /// `seq[i]` (negative counts from the end; out of range is an
    /// `IndexError`) or `seq[a:b:c]` (a list).
    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Typed<'py, hint::ClassificationItems>> {
        let len = self.verdicts.len();
        if let Ok(slice) = index.cast::<PySlice>() {
            let s = slice.indices(len as isize)?;
            let items = (0..s.slicelength)
                .map(|k| Bound::new(py, self.item(py, (s.start + k as isize * s.step) as usize)))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(PyList::new(py, items)?.into_any().into());
        }
        // An int beyond isize is out of range (`IndexError`, as a list says),
        // not an `OverflowError`; anything that is not an int stays a `TypeError`.
        let i: isize = match index.extract() {
            Ok(i) => i,
            Err(e) if e.is_instance_of::<PyOverflowError>(py) => {
                return Err(PyIndexError::new_err(
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
            Err(e) => return Err(e),
        };
        let at = if i < 0 { i + len as isize } else { i };
        if at < 0 || at as usize >= len {
            return Err(PyIndexError::new_err("Classifications index out of range"));
        }
        Ok(Bound::new(py, self.item(py, at as usize))?
            .into_any()
            .into())
    }

    /// `Classifications(len=N, [first three items, …])`: what a notebook shows.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let shown = (0..self.verdicts.len().min(3))
            .map(|i| self.item(py, i).__repr__(py))
            .collect::<PyResult<Vec<String>>>()?;
        let more = if self.verdicts.len() > 3 { ", …" } else { "" };
        Ok(format!(
            "Classifications(len={}, [{}{more}])",
            self.verdicts.len(),
            shown.join(", ")
        ))
    }
}

/// A classifier with a vocabulary of your own: English by default, a
/// vocabulary dict, and words added by keyword.
#[pyclass(frozen, module = "okrkit")]
pub struct Classifier {
    inner: Arc<CoreClassifier>,
}

#[okrkit_python_guard::guarded]
#[pymethods]
impl Classifier {
    #[new]
    #[pyo3(signature = (vocabulary: "_Vocabulary" = None, *, output_verbs: "Sequence[str]" = List(Vec::new()), outcome_verbs: "Sequence[str]" = List(Vec::new()), metric_nouns: "Sequence[str]" = List(Vec::new()), output_nouns: "Sequence[str]" = List(Vec::new()), completion_words: "Sequence[str]" = List(Vec::new())))]
    fn new(
        vocabulary: Option<&Bound<'_, PyAny>>,
        output_verbs: List<Text>,
        outcome_verbs: List<Text>,
        metric_nouns: List<Text>,
        output_nouns: List<Text>,
        completion_words: List<Text>,
    ) -> PyResult<Self> {
        let v = vocabulary.map(vocabulary_from).transpose()?;
        let mut v = v.unwrap_or_else(Vocabulary::english);
        v.add_output_verbs(&output_verbs.0)
            .add_outcome_verbs(&outcome_verbs.0)
            .add_metric_nouns(&metric_nouns.0)
            .add_output_nouns(&output_nouns.0)
            .add_completion_words(&completion_words.0);
        Ok(Classifier {
            inner: Arc::new(CoreClassifier::new(v)),
        })
    }

    /// Classifies one statement; `structure` is the key result's measure type if known.
    #[pyo3(signature = (text, structure = None))]
    fn classify(&self, text: Str<'_>, structure: Option<Text>) -> PyResult<Classification> {
        let hint = self::structure(structure.as_deref(), "structure")?;
        Classification::full(&text.0, hint, Arc::clone(&self.inner))
    }

    /// Classifies many statements (the GIL is released meanwhile): the kind
    /// and confidence of each at once, into a read-only sequence
    /// (`Classifications`: `len()`, indexing, slicing, iteration) whose
    /// `Classification` objects are made when read, their explanation when
    /// first read.
    #[pyo3(signature = (texts: "Sequence[str]", structures: "Sequence[str | None] | None" = None, *, structure: "str | None" = None))]
    fn classify_many(
        &self,
        py: Python<'_>,
        texts: List<Str<'_>>,
        structures: Option<List<Option<Text>>>,
        structure: Option<Text>,
    ) -> PyResult<Classifications> {
        let (strs, hints) = batch(&texts.0, structure, structures)?;
        let c = &self.inner;
        let verdicts: Vec<(StatementKind, f64)> = py.detach(|| {
            strs.iter()
                .zip(&hints)
                .map(|(t, h)| c.kind_of(t, *h))
                .collect()
        });
        drop(strs);
        Ok(Classifications {
            texts: texts.0.into_iter().map(|t| t.0.unbind()).collect(),
            hints,
            verdicts,
            classifier: Arc::clone(&self.inner),
        })
    }

    /// The kind of each statement alone, as a list of `StatementKind`
    /// members (the GIL is released meanwhile): what `classify_many(...)[i].kind`
    /// gives, without one result object per statement (for large batches that
    /// read only the kind).
    #[pyo3(signature = (texts: "Sequence[str]", structures: "Sequence[str | None] | None" = None, *, structure: "str | None" = None) -> "list[Any]")]
    fn classify_kinds<'py>(
        &self,
        py: Python<'py>,
        texts: List<Str<'py>>,
        structures: Option<List<Option<Text>>>,
        structure: Option<Text>,
    ) -> PyResult<Bound<'py, PyList>> {
        let batch = self.classify_many(py, texts, structures, structure)?;
        // The members are looked up once (`KINDS`); the list holds references.
        let items = (batch.verdicts.iter())
            .map(|(k, _)| kind_member(py, *k))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The vocabulary as a dict (the form `Classifier(vocabulary=...)` reads).
    #[pyo3(signature = () -> "dict[str, Any]")]
    fn vocabulary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::ser_to_py(py, self.inner.vocabulary())
    }

    fn __repr__(&self) -> String {
        okrkit::table::view::classifier_title(self.inner.vocabulary())
    }
}

/// The texts of a batch (read by [`List`]: one `str` in place of the list,
/// or an item that is not a `str`, is `parse_error`), borrowed (the strings
/// stay alive in `texts`), and one structure hint per text, `structure` for
/// every text or `structures` one each (the core's `hints_for`): a text that
/// is not valid Unicode is an error at `texts[i]`, a `structures` list of
/// another length, or given with `structure`, one at `structures`.
pub fn batch<'a>(
    texts: &'a [Str<'_>],
    structure: Option<Text>,
    structures: Option<List<Option<Text>>>,
) -> PyResult<(Vec<&'a str>, Vec<StructureHint>)> {
    let one = self::structure(structure.as_deref(), "structure")?;
    let strs: Vec<&str> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.0.to_str()).map_err(|_| convert::not_unicode(&format!("texts[{i}]"))))
        .collect::<Result<_, _>>()?;
    let each = structures
        .map(|List(s)| {
            let at = |i| format!("structures[{i}]");
            let hint = |(i, h): (usize, &Option<Text>)| self::structure(h.as_deref(), &at(i));
            s.iter().enumerate().map(hint).collect::<PyResult<Vec<_>>>()
        })
        .transpose()?;
    // The core's rule: one hint per statement.
    let hints = okrkit::classify::hints_for(texts.len(), one, each.as_deref());
    Ok((strs, hints.py_err()?))
}

/// Classifies a key result statement as outcome or output (R1), with the
/// default English vocabulary; `structure` is its measure type if known.
#[okrkit_python_guard::guarded]
#[pyfunction]
#[pyo3(signature = (text, structure = None))]
pub fn classify(text: Str<'_>, structure: Option<Text>) -> PyResult<Classification> {
    let hint = self::structure(structure.as_deref(), "structure")?;
    Classification::full(&text.0, hint, default_arc())
}

/// The default classifier, shared (built once).
fn default_arc() -> Arc<CoreClassifier> {
    static DEFAULT: OnceLock<Arc<CoreClassifier>> = OnceLock::new();
    Arc::clone(DEFAULT.get_or_init(|| Arc::new(CoreClassifier::default())))
}
