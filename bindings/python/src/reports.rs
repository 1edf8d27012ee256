//! Result classes: each holds the core's report unchanged (so its numbers are
//! the core's to the last bit) and offers plain data (`to_dict()`,
//! `to_json()`, typed getters), typed tables (`table()`, `rows()`,
//! `to_pandas()`, `to_polars()`: the core's `okrkit::table` schemas) and
//! display (`_repr_html_`, a terminal `__repr__`), both rendered by the core.

use crate::convert;
use crate::error::argument_err;
use crate::hint::{self, Typed};
use crate::progress_rows::Rows;
use crate::tables::{self, HTML_ROWS, TEXT_ROWS, TEXT_WIDTH};
use okrkit::ProblemCode;
use okrkit::health::HealthReport as CoreHealth;
use okrkit::ledger::KeyResultVersion;
use okrkit::lint::LintReport as CoreLint;
use okrkit::progress::ProgressColumns;
use okrkit::score::ScoreReport as CoreScore;
use okrkit::table::{self as core, render};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;
use std::sync::Arc;

/// Plain-data views of a report, each converted once on first read and then
/// returned as the same object (`report.objectives is report.objectives`), so
/// a loop that reads a property is not quadratic (reads are O(1) after the
/// first).
///
/// A list view is a **tuple**: being shared by every read, it must not be
/// changeable, or a caller who sorts or appends to it would change what the
/// next read returns. A tuple costs nothing per read, where a fresh copy
/// would cost O(n) per read; `sorted(report.objectives, key=…)` or
/// `list(report.objectives)` gives a list of one's own. The dicts inside are
/// shared too: copy one before editing it, or take `report.to_dict()`, which
/// is built afresh on each call.
pub struct Cache([PyOnceLock<Py<PyAny>>; 3]);

impl Default for Cache {
    fn default() -> Self {
        Cache([PyOnceLock::new(), PyOnceLock::new(), PyOnceLock::new()])
    }
}

impl Cache {
    fn get<'py>(
        &self,
        py: Python<'py>,
        slot: usize,
        make: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frozen = || -> PyResult<Py<PyAny>> {
            let v = make()?;
            Ok(match v.cast::<PyList>() {
                Ok(list) => list.to_tuple().into_any().unbind(),
                Err(_) => v.unbind(),
            })
        };
        self.0[slot]
            .get_or_try_init(py, frozen)
            .map(|v| v.bind(py).clone())
    }
}

/// A result's value: what `==` compares and what pickling stores (the core's
/// JSON of the report and of the document it refers to).
pub trait Persist: Sized {
    /// The class name `_from_state` dispatches on.
    const KIND: &'static str;
    /// The report and its document as JSON values.
    fn state(&self) -> serde_json::Value;
    /// Equal by value.
    fn same(&self, other: &Self) -> bool;
    /// Builds, with the GIL released, what the handle computes only when
    /// first read (a progress report's rows); nothing for the others.
    fn ready(&self, _py: Python<'_>) {}
}

/// What a result class knows about its tables.
pub trait Tables {
    /// Table names; the first is the default.
    const TABLES: &'static [&'static str];
    /// One table (a name from `TABLES`).
    fn table(&self, name: &str) -> core::Table;
    /// One table (a name from `TABLES`) for `to_polars` and `to_pandas`:
    /// its text columns in Arrow's `Utf8View` layout where the core builds
    /// them so (the progress tables: gathered from the org's text columns,
    /// built once per org), else as `table` gives them.
    fn table_for_frames(&self, name: &str) -> PyResult<core::Table> {
        Ok(self.table(name))
    }
    /// One line: the class and its main numbers (`__repr__`, HTML title).
    fn title(&self) -> String;
    /// The HTML view (default: the first table).
    fn html(&self) -> String {
        render::html(&self.title(), &self.table(Self::TABLES[0]), HTML_ROWS)
    }
}

/// The HTML of a report with `objectives` and `key_results` tables: each
/// objective followed by its key results.
fn objectives_with_key_results<T: Tables>(report: &T) -> String {
    render::html_nested(
        &report.title(),
        &report.table("objectives"),
        &report.table("key_results"),
        "objective",
        HTML_ROWS,
    )
}

fn pick<T: Tables>(_: &T, table: Option<&str>) -> PyResult<&'static str> {
    match table {
        None => Ok(T::TABLES[0]),
        Some(t) => T::TABLES.iter().copied().find(|x| *x == t).ok_or_else(|| {
            argument_err(
                ProblemCode::InvalidValue,
                "table",
                format!("no table '{t}'; the tables are {}", T::TABLES.join(", ")),
            )
        }),
    }
}

/// `{"report": .., "document": .., "org": ..}`: what a result is, as JSON.
fn state<T: serde::Serialize>(
    report: &T,
    document: Option<okrkit::DocumentRef<'_>>,
    org: bool,
) -> serde_json::Value {
    serde_json::json!({ "report": report, "document": document, "org": org })
}

fn parse_state<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    key: &str,
) -> PyResult<T> {
    serde_json::from_value(value.get(key).cloned().unwrap_or_default()).map_err(|e| {
        argument_err(
            ProblemCode::Parse,
            key,
            format!("not a pickled okrkit result: {e}"),
        )
    })
}

fn org_of(value: &serde_json::Value) -> PyResult<Arc<okrkit::Org>> {
    let doc: okrkit::Document = parse_state(value, "document")?;
    okrkit::Org::new(doc)
        .map(Arc::new)
        .map_err(crate::error::to_pyerr)
}

/// Rebuilds a pickled result (`__reduce__` of every result class): not part of
/// the API, only what pickle calls.
#[pyfunction]
pub fn _from_state(py: Python<'_>, kind: &str, state: &str) -> PyResult<Py<PyAny>> {
    let v: serde_json::Value = serde_json::from_str(state)
        .map_err(|e| argument_err(ProblemCode::Parse, "state", e.to_string()))?;
    let obj = match kind {
        "ProgressReport" => ProgressReport::new(parse_state(&v, "report")?, org_of(&v)?)
            .into_pyobject(py)?
            .into_any(),
        "ScoreReport" => ScoreReport::new(parse_state(&v, "report")?, org_of(&v)?)
            .into_pyobject(py)?
            .into_any(),
        "HealthReport" => HealthReport::new(parse_state(&v, "report")?, org_of(&v)?)
            .into_pyobject(py)?
            .into_any(),
        "KeyResultHistory" => {
            KeyResultHistory::new(parse_state(&v, "key_result")?, parse_state(&v, "report")?)
                .into_pyobject(py)?
                .into_any()
        }
        "LintReport" => {
            let doc = match v.get("document") {
                Some(serde_json::Value::Null) | None => None,
                Some(_) if v.get("org") == Some(&serde_json::Value::Bool(true)) => {
                    Some(DocRef::Org(org_of(&v)?))
                }
                Some(_) => Some(DocRef::Doc(Arc::new(parse_state(&v, "document")?))),
            };
            LintReport::new(parse_state(&v, "report")?, doc)
                .into_pyobject(py)?
                .into_any()
        }
        other => {
            return Err(argument_err(
                ProblemCode::InvalidValue,
                "kind",
                format!("no result class '{other}'"),
            ));
        }
    };
    Ok(obj.unbind())
}

fn json_text<T: serde::Serialize>(value: &T, indent: bool) -> String {
    let r = if indent {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    r.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// `new` and `Persist` of a report computed on an organisation.
macro_rules! on_org {
    ($name:ident, $core:ty) => {
        impl $name {
            /// A report on `org`.
            pub fn new(inner: $core, org: Arc<okrkit::Org>) -> Self {
                $name {
                    inner: Arc::new(inner),
                    org,
                    cache: Cache::default(),
                }
            }
        }

        impl Persist for $name {
            const KIND: &'static str = stringify!($name);
            fn state(&self) -> serde_json::Value {
                state(&*self.inner, Some(self.org.document()), true)
            }
            fn same(&self, other: &Self) -> bool {
                self.inner == other.inner && self.org.document() == other.org.document()
            }
        }
    };
}

/// Generates a result class's common methods plus its own (`$extra`).
macro_rules! result_class {
    ($name:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $name {
            /// The result as plain data (dicts, lists, str, int, float, bool, None),
            /// exactly the core's JSON form.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.ready(py);
                convert::ser_to_py(py, &*self.inner)
            }

            /// The result as JSON text.
            #[pyo3(signature = (indent = false))]
            fn to_json(&self, py: Python<'_>, indent: bool) -> String {
                self.ready(py);
                py.detach(|| json_text(&*self.inner, indent))
            }

            /// Names of the tables `table()`, `rows()`, `to_pandas()` and `to_polars()` accept.
            #[classattr]
            fn tables() -> Vec<&'static str> {
                <$name as Tables>::TABLES.to_vec()
            }

            /// One table as a `Table` (typed columns, fixed schema; see `okrkit.table_schema`).
            #[pyo3(signature = (table = None))]
            fn table(&self, table: Option<&str>) -> PyResult<tables::Table> {
                let t = pick(self, table)?;
                Ok(tables::Table::new(format!("{} · {t}", self.title()), Tables::table(self, t)))
            }

            /// One table as a list of dicts (every column in every row).
            #[pyo3(signature = (table = None) -> "list[dict[str, Any]]")]
            fn rows<'py>(&self, py: Python<'py>, table: Option<&str>) -> PyResult<Bound<'py, pyo3::types::PyList>> {
                let t = pick(self, table)?;
                tables::table_rows(py, &Tables::table(self, t))
            }

            /// One table as a pandas DataFrame with fixed dtypes, text as `string[pyarrow]` (needs pandas and pyarrow, imported only now).
            #[pyo3(signature = (table = None))]
            fn to_pandas<'py>(&self, py: Python<'py>, table: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
                let t = pick(self, table)?;
                let large = tables::pandas_takes_large_strings(py)?;
                tables::table_to_pandas(py, Tables::table_for_frames(self, t)?, large)
            }

            /// One table as a polars DataFrame with fixed dtypes (needs polars, imported only now).
            #[pyo3(signature = (table = None))]
            fn to_polars<'py>(&self, py: Python<'py>, table: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
                let t = pick(self, table)?;
                tables::table_to_polars(py, Tables::table_for_frames(self, t)?)
            }

            fn _repr_html_(&self) -> String {
                self.html()
            }

            fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
                other.cast::<$name>().is_ok_and(|o| {
                    self.ready(py);
                    o.get().ready(py);
                    self.same(o.get())
                })
            }

            /// Pickles through the core's JSON (exact to the last bit of every number).
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (&'static str, String))> {
                let rebuild = py.import("okrkit._okrkit")?.getattr("_from_state")?;
                self.ready(py);
                Ok((rebuild, (<$name as Persist>::KIND, json_text(&self.state(), false))))
            }

            fn __repr__(&self) -> String {
                let t = Tables::table(self, <$name as Tables>::TABLES[0]);
                render::text(&self.title(), &t, TEXT_ROWS, TEXT_WIDTH).trim_end().to_owned()
            }

            $($extra)*
        }
    };
}

// ---------------------------------------------------------------- progress

/// Progress per objective, key result, team and cycle (R2: from key results only).
#[pyclass(frozen, module = "okrkit")]
pub struct ProgressReport {
    /// The columnar roll-up; dereferences to the row report, built on first read.
    pub inner: Rows,
    /// The organisation it is computed on (titles, names, units).
    pub org: Arc<okrkit::Org>,
    cache: Cache,
}

impl ProgressReport {
    /// A report on `org` given as rows (an unpickled one).
    pub fn new(inner: okrkit::ProgressReport, org: Arc<okrkit::Org>) -> Self {
        ProgressReport {
            inner: Rows::Report(inner),
            org,
            cache: Cache::default(),
        }
    }

    /// The columnar roll-up `columns`, computed on `org`.
    pub fn from_columns(columns: ProgressColumns<Arc<okrkit::Org>>, org: Arc<okrkit::Org>) -> Self {
        ProgressReport {
            inner: Rows::from(columns),
            org,
            cache: Cache::default(),
        }
    }

    /// Table `name` (one of `TABLES`) with its text in `layout`: from the
    /// columns when the report has them, else from its rows.
    pub(crate) fn table_in(&self, name: &str, layout: core::TextLayout) -> PyResult<core::Table> {
        match self.inner.columns() {
            Some(c) => core::select::progress_columns_in(c, Some(name), layout),
            None => core::select::progress_in(&self.org, &self.inner, Some(name), layout),
        }
        .map_err(crate::error::to_pyerr)
    }
}

impl Persist for ProgressReport {
    const KIND: &'static str = "ProgressReport";
    fn state(&self) -> serde_json::Value {
        state(&*self.inner, Some(self.org.document()), true)
    }
    fn same(&self, other: &Self) -> bool {
        *self.inner == *other.inner && self.org.document() == other.org.document()
    }
    fn ready(&self, py: Python<'_>) {
        self.inner.ready(py);
    }
}

impl Tables for ProgressReport {
    const TABLES: &'static [&'static str] = okrkit::table::select::PROGRESS;
    fn table(&self, name: &str) -> core::Table {
        let from_columns = |c: &ProgressColumns<Arc<okrkit::Org>>| match name {
            "objectives" => core::from_columns::objectives(c, core::TextLayout::Offsets),
            "key_results" => core::from_columns::key_results(c, core::TextLayout::Offsets),
            "teams" => core::from_columns::teams(c, core::TextLayout::Offsets),
            _ => core::from_columns::cycles(c, core::TextLayout::Offsets),
        };
        if let Some(c) = self.inner.columns() {
            return from_columns(c);
        }
        let (org, r) = (&*self.org, &*self.inner);
        match name {
            "objectives" => core::progress::objectives(org, r),
            "key_results" => core::progress::key_results(org, r),
            "teams" => core::progress::teams(org, r),
            _ => core::progress::cycles(org, r),
        }
    }
    fn table_for_frames(&self, name: &str) -> PyResult<core::Table> {
        self.table_in(name, core::TextLayout::Views)
    }
    fn html(&self) -> String {
        objectives_with_key_results(self)
    }
    fn title(&self) -> String {
        let r = &self.inner;
        let (objectives, teams, cycles) = r.counts();
        format!(
            "ProgressReport(as_of={}, milestones={}, objectives={objectives}, teams={teams}, cycles={cycles})",
            r.as_of().map_or("None".into(), |d| d.to_string()),
            serde_json::to_value(r.milestones())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        )
    }
}

result_class!(ProgressReport, {
    /// The date progress is computed at (None: latest values).
    #[getter]
    fn as_of(&self) -> Option<chrono::NaiveDate> {
        self.inner.as_of()
    }

    /// The milestone policy used: "leave_out" or "count_as_imported".
    #[getter]
    fn milestones<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Str>> {
        convert::ser_to_py(py, &self.inner.milestones()).map(Typed::from)
    }

    /// Per objective, with its key results and the objectives aligned to it.
    #[getter]
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::ObjectiveProgresses>> {
        self.cache
            .get(py, 0, || {
                self.ready(py);
                convert::ser_to_py(py, &self.inner.objectives)
            })
            .map(Typed::from)
    }

    /// Per team and cycle: the mean progress of its objectives.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamProgresses>> {
        self.cache
            .get(py, 1, || {
                self.ready(py);
                convert::ser_to_py(py, &self.inner.teams)
            })
            .map(Typed::from)
    }

    /// Per cycle.
    #[getter]
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::CycleProgresses>> {
        self.cache
            .get(py, 2, || {
                self.ready(py);
                convert::ser_to_py(py, &self.inner.cycles)
            })
            .map(Typed::from)
    }

    /// One objective's progress by id (None when absent from the report).
    #[pyo3(signature = (id) -> "_t.ObjectiveProgress | None")]
    fn objective<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        if let Some(c) = self.inner.columns() {
            // One row from the columns: the rows of the others are not built.
            return c
                .objectives()
                .find(|o| o.id() == id)
                .map(|o| convert::ser_to_py(py, &o.to_row()))
                .transpose();
        }
        self.inner
            .objectives
            .iter()
            .find(|o| o.objective.as_str() == id)
            .map(|o| convert::ser_to_py(py, o))
            .transpose()
    }

    fn __len__(&self) -> usize {
        self.inner.counts().0
    }
});

// ---------------------------------------------------------------- lint

/// Lint findings, errors first.
#[pyclass(frozen, module = "okrkit")]
pub struct LintReport {
    pub inner: Arc<CoreLint>,
    /// The document linted (titles and team names of the findings' elements).
    pub doc: Option<DocRef>,
    cache: Cache,
}

impl LintReport {
    /// A report on `doc`.
    pub fn new(inner: CoreLint, doc: Option<DocRef>) -> Self {
        LintReport {
            inner: Arc::new(inner),
            doc,
            cache: Cache::default(),
        }
    }
}

impl Persist for LintReport {
    const KIND: &'static str = "LintReport";
    fn state(&self) -> serde_json::Value {
        let org = matches!(self.doc, Some(DocRef::Org(_)));
        state(&*self.inner, self.doc.as_ref().map(DocRef::get), org)
    }
    fn same(&self, other: &Self) -> bool {
        self.inner == other.inner
            && self.doc.as_ref().map(DocRef::get) == other.doc.as_ref().map(DocRef::get)
    }
}

/// A document, held as it came.
pub enum DocRef {
    /// A document (perhaps invalid).
    Doc(Arc<okrkit::Document>),
    /// A validated organisation.
    Org(Arc<okrkit::Org>),
}

impl DocRef {
    fn get(&self) -> okrkit::DocumentRef<'_> {
        match self {
            DocRef::Doc(d) => d.as_ref().into(),
            DocRef::Org(o) => o.document(),
        }
    }
}

impl Tables for LintReport {
    const TABLES: &'static [&'static str] = okrkit::table::select::LINT;
    fn table(&self, _: &str) -> core::Table {
        core::reports::findings(&self.inner, self.doc.as_ref().map(DocRef::get))
    }
    fn title(&self) -> String {
        let r = &self.inner;
        format!(
            "LintReport(errors={}, warnings={}, infos={})",
            r.errors, r.warnings, r.infos
        )
    }
}

result_class!(LintReport, {
    /// Every finding: code, severity, message, path, design_rule, suggestion.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Findings>> {
        self.cache
            .get(py, 0, || convert::ser_to_py(py, &self.inner.findings))
            .map(Typed::from)
    }
    #[getter]
    fn errors(&self) -> usize {
        self.inner.errors
    }
    #[getter]
    fn warnings(&self) -> usize {
        self.inner.warnings
    }
    #[getter]
    fn infos(&self) -> usize {
        self.inner.infos
    }
    /// Whether an error-level rule fired.
    #[getter]
    fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }
    /// The codes found, in report order (repeats kept).
    fn codes(&self) -> Vec<String> {
        self.inner
            .findings
            .iter()
            .map(|f| f.code.to_string())
            .collect()
    }
    fn __len__(&self) -> usize {
        self.inner.findings.len()
    }
});

// ---------------------------------------------------------------- score

/// End-of-cycle stretch scores with bands and verdicts (R5).
#[pyclass(frozen, module = "okrkit")]
pub struct ScoreReport {
    pub inner: Arc<CoreScore>,
    /// The organisation scored (titles, names).
    pub org: Arc<okrkit::Org>,
    cache: Cache,
}

on_org!(ScoreReport, CoreScore);

impl Tables for ScoreReport {
    const TABLES: &'static [&'static str] = okrkit::table::select::SCORE;
    fn table(&self, name: &str) -> core::Table {
        let (doc, r) = (self.org.document(), &*self.inner);
        match name {
            "objectives" => core::reports::score_objectives(doc, r),
            "key_results" => core::reports::score_key_results(doc, r),
            "teams" => core::reports::score_teams(doc, std::slice::from_ref(r)),
            _ => core::reports::score_bands(doc, r),
        }
    }
    fn html(&self) -> String {
        objectives_with_key_results(self)
    }
    fn title(&self) -> String {
        format!(
            "ScoreReport(cycle={}, objectives={}, teams={})",
            self.inner.cycle,
            self.inner.objectives.len(),
            self.inner.teams.len()
        )
    }
}

result_class!(ScoreReport, {
    #[getter]
    fn cycle(&self) -> String {
        self.inner.cycle.to_string()
    }
    /// Per objective: score, band, verdict, message, key results.
    #[getter]
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::ObjectiveScores>> {
        self.cache
            .get(py, 0, || convert::ser_to_py(py, &self.inner.objectives))
            .map(Typed::from)
    }
    /// Per team: aspirational and committed mean scores.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamCycleScores>> {
        self.cache
            .get(py, 1, || convert::ser_to_py(py, &self.inner.teams))
            .map(Typed::from)
    }
});

// ---------------------------------------------------------------- health

/// Program health of a cycle, for the organisation and each team (R10).
#[pyclass(frozen, module = "okrkit")]
pub struct HealthReport {
    pub inner: Arc<CoreHealth>,
    /// The organisation (team names).
    pub org: Arc<okrkit::Org>,
    cache: Cache,
}

on_org!(HealthReport, CoreHealth);

impl Tables for HealthReport {
    const TABLES: &'static [&'static str] = okrkit::table::select::HEALTH;
    fn table(&self, name: &str) -> core::Table {
        let (doc, r) = (self.org.document(), &*self.inner);
        match name {
            "teams" => core::reports::health_teams(doc, r),
            "histograms" => core::reports::health_histograms(r),
            _ => core::reports::calibration(doc, r),
        }
    }
    fn html(&self) -> String {
        let mut out = render::html(&self.title(), &Tables::table(self, "teams"), HTML_ROWS);
        let cal = Tables::table(self, "calibration");
        if !cal.is_empty() {
            out.push_str(&render::html("Calibration flags (R5)", &cal, HTML_ROWS));
        }
        out
    }
    fn title(&self) -> String {
        let r = &self.inner;
        format!(
            "HealthReport(cycle={}, as_of={}, teams={}, outcome_share={})",
            r.cycle,
            r.as_of,
            r.teams.len(),
            r.organisation
                .outcome_share
                .map_or("None".into(), |x| format!("{x:.3}"))
        )
    }
}

result_class!(HealthReport, {
    #[getter]
    fn cycle(&self) -> String {
        self.inner.cycle.to_string()
    }
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.inner.as_of
    }
    /// The organisation as a whole.
    #[getter]
    fn organisation<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamHealth>> {
        self.cache
            .get(py, 0, || convert::ser_to_py(py, &self.inner.organisation))
            .map(Typed::from)
    }
    /// Each team.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamHealths>> {
        self.cache
            .get(py, 1, || convert::ser_to_py(py, &self.inner.teams))
            .map(Typed::from)
    }
    /// Calibration flags (safe goals, overreaching) up to this cycle.
    #[getter]
    fn calibration<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Calibrations>> {
        self.cache
            .get(py, 2, || convert::ser_to_py(py, &self.inner.calibration))
            .map(Typed::from)
    }
});

// ---------------------------------------------------------------- ledger history

/// Every version a key result had, with who proposed and accepted each, when and why (R4).
#[pyclass(frozen, module = "okrkit")]
pub struct KeyResultHistory {
    pub key_result: String,
    pub inner: Arc<Vec<KeyResultVersion>>,
    cache: Cache,
}

impl KeyResultHistory {
    /// The versions of `key_result`.
    pub fn new(key_result: String, versions: Vec<KeyResultVersion>) -> Self {
        KeyResultHistory {
            key_result,
            inner: Arc::new(versions),
            cache: Cache::default(),
        }
    }
}

impl Persist for KeyResultHistory {
    const KIND: &'static str = "KeyResultHistory";
    fn state(&self) -> serde_json::Value {
        serde_json::json!({ "key_result": self.key_result, "report": &*self.inner })
    }
    fn same(&self, other: &Self) -> bool {
        self.key_result == other.key_result && self.inner == other.inner
    }
}

impl Tables for KeyResultHistory {
    const TABLES: &'static [&'static str] = &["versions"];
    fn table(&self, _: &str) -> core::Table {
        core::reports::versions(&self.inner)
    }
    fn title(&self) -> String {
        format!(
            "KeyResultHistory(key_result={}, versions={})",
            self.key_result,
            self.inner.len()
        )
    }
}

result_class!(KeyResultHistory, {
    #[getter]
    fn key_result(&self) -> String {
        self.key_result.clone()
    }
    /// The versions, oldest first, as dicts.
    #[getter]
    fn versions<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::KeyResultVersions>> {
        self.cache
            .get(py, 0, || convert::ser_to_py(py, &*self.inner))
            .map(Typed::from)
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: isize,
    ) -> PyResult<Typed<'py, hint::KeyResultVersion>> {
        let n = self.inner.len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "history index out of range",
            ));
        }
        convert::ser_to_py(py, &self.inner[i as usize]).map(Typed::from)
    }
});
