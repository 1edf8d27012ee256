//! Result classes: each holds the core's report unchanged (so its numbers are
//! the core's to the last bit) and offers plain data (`to_dict()`,
//! `to_json()`, typed getters), typed tables (`table()`, `rows()`,
//! `to_pandas()`, `to_polars()`: the core's `okrkit::table` schemas) and
//! display (`_repr_html_`, a terminal `__repr__`), both rendered by the core.

use crate::convert::{self, Text};
use crate::error::to_pyerr;
use crate::hint::{self, Typed};
use crate::tables;
use okrkit::health::HealthReport as CoreHealth;
use okrkit::ledger::KeyResultVersion;
use okrkit::lint::LintReport as CoreLint;
use okrkit::progress::LazyReport;
use okrkit::score::ScoreReport as CoreScore;
use okrkit::table as core;
use okrkit::table::view::{self, HeldDocument, Rebuilt, ReportView};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;
use std::sync::Arc;

/// Plain-data views of a report, each converted once on first read and then
/// returned as the same object, a list as a **tuple** so that no caller
/// changes what the next read returns (README: "Results are values").
pub struct Cache([PyOnceLock<Py<PyAny>>; 3]);

impl Default for Cache {
    fn default() -> Self {
        Cache([PyOnceLock::new(), PyOnceLock::new(), PyOnceLock::new()])
    }
}

impl Cache {
    /// One getter's plain data (`make`), converted on first read into slot `slot`.
    fn get<'py, H>(
        &self,
        py: Python<'py>,
        slot: usize,
        make: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Typed<'py, H>> {
        let frozen = || -> PyResult<Py<PyAny>> {
            let v = make()?;
            Ok(match v.cast::<PyList>() {
                Ok(list) => list.to_tuple().into_any().unbind(),
                Err(_) => v.unbind(),
            })
        };
        self.0[slot]
            .get_or_try_init(py, frozen)
            .map(|v| Typed::from(v.bind(py).clone()))
    }

    /// [`Cache::get`] of a part of the core's report, as plain data.
    fn ser<'py, H, T: serde::Serialize + ?Sized>(
        &self,
        py: Python<'py>,
        slot: usize,
        part: &T,
    ) -> PyResult<Typed<'py, H>> {
        self.get(py, slot, || convert::ser_to_py(py, part))
    }
}

/// What a result class holds: the core's view of its report (tables, title,
/// HTML, state: `okrkit::table::view`), its value, and the rows it builds
/// only when first read.
pub trait Handle {
    /// The core's view of the report.
    type View<'a>: ReportView
    where
        Self: 'a;
    /// The core's report (what `to_dict` and `to_json` give).
    type Report: serde::Serialize + ?Sized;
    /// The report as the core shows it.
    fn view(&self) -> Self::View<'_>;
    /// The core's report.
    fn report(&self) -> &Self::Report;
    /// Equal by value.
    fn same(&self, other: &Self) -> bool;
    /// Builds, with the GIL released, what the handle computes only when
    /// first read (a progress report's rows); nothing for the others.
    fn ready(&self, _py: Python<'_>) {}
    /// One table (a name from `TABLES`) for `to_polars` and `to_pandas`:
    /// its text columns in Arrow's `Utf8View` layout where the core builds
    /// them so (the progress tables: gathered from the org's text columns,
    /// built once per org), else as `table` gives them.
    fn table_for_frames(&self, name: &str) -> PyResult<core::Table> {
        self.view().table(Some(name)).map_err(to_pyerr)
    }
    /// The org whose cached text `table_for_frames`' tables hold (the
    /// progress report's), for `to_pandas` to share its whole columns.
    fn frames_org(&self) -> Option<&okrkit::Org> {
        None
    }
}

/// Rebuilds a pickled result (`__reduce__` of every result class): not part of
/// the API, only what pickle calls.
#[okrkit_python_guard::guarded]
#[pyfunction]
pub fn _from_state(py: Python<'_>, kind: &str, state: &str) -> PyResult<Py<PyAny>> {
    let obj = match view::rebuild(kind, state).map_err(to_pyerr)? {
        Rebuilt::Progress(r, org) => {
            Bound::new(py, ProgressReport::new(LazyReport::from_rows(r, org)))?.into_any()
        }
        Rebuilt::Score(r, org) => Bound::new(py, ScoreReport::new(r, org))?.into_any(),
        Rebuilt::Health(r, org) => Bound::new(py, HealthReport::new(r, org))?.into_any(),
        Rebuilt::History(kr, versions) => {
            Bound::new(py, KeyResultHistory::new(kr, versions))?.into_any()
        }
        Rebuilt::Lint(r, doc) => Bound::new(py, LintReport::new(r, doc))?.into_any(),
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

/// A report computed on an organisation: its class, `new` and `Handle`.
macro_rules! on_org {
    ($(#[$doc:meta])* $name:ident, $core:ty, $view:ident) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "okrkit")]
        pub struct $name {
            pub inner: Arc<$core>,
            /// The organisation it is computed on (titles, names).
            pub org: Arc<okrkit::Org>,
            cache: Cache,
        }

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

        impl Handle for $name {
            type View<'a> = view::$view<'a>;
            type Report = $core;
            fn report(&self) -> &$core {
                &self.inner
            }
            fn view(&self) -> view::$view<'_> {
                view::$view {
                    report: &self.inner,
                    doc: self.org.document(),
                }
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
        #[okrkit_python_guard::guarded]
        #[pymethods]
        impl $name {
            /// The result as plain data (dicts, lists, str, int, float, bool, None),
            /// exactly the core's JSON form.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.ready(py);
                convert::ser_to_py(py, self.report())
            }

            /// The result as JSON text.
            #[pyo3(signature = (indent: "bool" = false))]
            fn to_json(
                &self,
                py: Python<'_>,
                #[pyo3(from_py_with = convert::flag)] indent: bool,
            ) -> String {
                self.ready(py);
                py.detach(|| json_text(self.report(), indent))
            }

            /// Names of the tables `table()`, `rows()`, `to_pandas()` and `to_polars()` accept.
            #[classattr]
            fn tables() -> Vec<&'static str> {
                <<$name as Handle>::View<'static> as ReportView>::TABLES.to_vec()
            }

            /// One table as a `Table` (typed columns, fixed schema; see `okrkit.table_schema`).
            #[pyo3(signature = (table = None))]
            fn table(&self, table: Option<Text>) -> PyResult<tables::Table> {
                let t = pick::<Self>(table.as_deref())?;
                let view = self.view();
                let rows = view.table(Some(t)).map_err(to_pyerr)?;
                Ok(tables::Table::new(view.table_title(t), rows))
            }

            /// One table as a list of dicts (every column in every row).
            #[pyo3(signature = (table = None) -> "list[dict[str, Any]]")]
            fn rows<'py>(&self, py: Python<'py>, table: Option<Text>) -> PyResult<Bound<'py, pyo3::types::PyList>> {
                let t = self.view().table(table.as_deref()).map_err(to_pyerr)?;
                tables::table_rows(py, &t)
            }

            /// One table as a pandas DataFrame with fixed dtypes, text as `string[pyarrow]` (needs pandas and pyarrow, imported only now).
            #[pyo3(signature = (table = None))]
            fn to_pandas<'py>(&self, py: Python<'py>, table: Option<Text>) -> PyResult<Bound<'py, PyAny>> {
                let t = pick::<Self>(table.as_deref())?;
                let large = tables::pandas_takes_large_strings(py)?;
                tables::table_to_pandas(py, self.table_for_frames(t)?, large, self.frames_org())
            }

            /// One table as a polars DataFrame with fixed dtypes (needs polars, imported only now).
            #[pyo3(signature = (table = None))]
            fn to_polars<'py>(&self, py: Python<'py>, table: Option<Text>) -> PyResult<Bound<'py, PyAny>> {
                let t = pick::<Self>(table.as_deref())?;
                tables::table_to_polars(py, self.table_for_frames(t)?)
            }

            fn _repr_html_(&self) -> String {
                self.view().html()
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
                let kind = <<$name as Handle>::View<'static> as ReportView>::KIND;
                Ok((rebuild, (kind, json_text(&self.view().state(), false))))
            }

            fn __repr__(&self) -> String {
                self.view().text()
            }

            $($extra)*
        }
    };
}

/// The table name `table` picks among `H`'s (None: the first).
fn pick<H: Handle>(table: Option<&str>) -> PyResult<&'static str> {
    <H::View<'_> as ReportView>::pick(table).map_err(to_pyerr)
}

// ---------------------------------------------------------------- progress

/// Progress per objective, key result, team and cycle (R2: from key results only).
#[pyclass(frozen, module = "okrkit")]
pub struct ProgressReport {
    /// The columnar roll-up, with its rows built on first read, on the
    /// organisation it is computed on (titles, names, units).
    pub inner: LazyReport<Arc<okrkit::Org>>,
    cache: Cache,
}

impl ProgressReport {
    /// A report: computed (`LazyReport::from(columns)`) or unpickled.
    pub fn new(inner: LazyReport<Arc<okrkit::Org>>) -> Self {
        ProgressReport {
            inner,
            cache: Cache::default(),
        }
    }

    /// One row list of the report (built first, with the GIL released).
    fn rows_of<'py, T: serde::Serialize>(
        &self,
        py: Python<'py>,
        part: impl FnOnce(&okrkit::ProgressReport) -> &T,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.ready(py);
        convert::ser_to_py(py, part(self.inner.rows()))
    }
}

impl Handle for ProgressReport {
    type View<'a> = view::ProgressView<'a>;
    type Report = okrkit::ProgressReport;
    fn view(&self) -> view::ProgressView<'_> {
        view::ProgressView { data: &self.inner }
    }
    fn report(&self) -> &okrkit::ProgressReport {
        self.inner.rows()
    }
    fn same(&self, other: &Self) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        a.rows() == b.rows() && a.org().document() == b.org().document()
    }
    /// Builds the rows, if they are not built yet, with the GIL released
    /// (the build is pure Rust and can take long on a large report), so that
    /// the first read that needs them does not hold other Python threads.
    fn ready(&self, py: Python<'_>) {
        if self.inner.built_rows().is_none() {
            py.detach(|| {
                self.inner.rows();
            });
        }
    }
    fn table_for_frames(&self, name: &str) -> PyResult<core::Table> {
        let layout = core::TextLayout::Views;
        self.inner.table(Some(name), layout).map_err(to_pyerr)
    }
    fn frames_org(&self) -> Option<&okrkit::Org> {
        Some(self.inner.org())
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
            .get(py, 0, || self.rows_of(py, |r| &r.objectives))
    }

    /// Per team and cycle: the mean progress of its objectives.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamProgresses>> {
        self.cache.get(py, 1, || self.rows_of(py, |r| &r.teams))
    }

    /// Per cycle.
    #[getter]
    fn cycles<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::CycleProgresses>> {
        self.cache.get(py, 2, || self.rows_of(py, |r| &r.cycles))
    }

    /// One objective's progress by id (None when absent from the report).
    #[pyo3(signature = (id) -> "_t.ObjectiveProgress | None")]
    fn objective<'py>(&self, py: Python<'py>, id: Text) -> PyResult<Option<Bound<'py, PyAny>>> {
        let row = self.inner.objective(&id);
        row.map(|o| convert::ser_to_py(py, &o)).transpose()
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
    pub doc: Option<HeldDocument>,
    cache: Cache,
}

impl LintReport {
    /// A report on `doc`.
    pub fn new(inner: CoreLint, doc: Option<HeldDocument>) -> Self {
        LintReport {
            inner: Arc::new(inner),
            doc,
            cache: Cache::default(),
        }
    }
}

impl Handle for LintReport {
    type View<'a> = view::LintView<'a>;
    type Report = CoreLint;
    fn view(&self) -> view::LintView<'_> {
        view::LintView {
            report: &self.inner,
            doc: self.doc.as_ref().map(HeldDocument::get),
            org: matches!(self.doc, Some(HeldDocument::Org(_))),
        }
    }
    fn report(&self) -> &CoreLint {
        &self.inner
    }
    fn same(&self, other: &Self) -> bool {
        self.inner == other.inner
            && self.doc.as_ref().map(HeldDocument::get) == other.doc.as_ref().map(HeldDocument::get)
    }
}

result_class!(LintReport, {
    /// Every finding: code, severity, message, path, design_rule, suggestion.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Findings>> {
        self.cache.ser(py, 0, &self.inner.findings)
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

on_org!(
    /// End-of-cycle stretch scores with bands and verdicts (R5).
    ScoreReport,
    CoreScore,
    ScoreView
);

result_class!(ScoreReport, {
    #[getter]
    fn cycle(&self) -> String {
        self.inner.cycle.to_string()
    }
    /// Per objective: score, band, verdict, message, key results.
    #[getter]
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::ObjectiveScores>> {
        self.cache.ser(py, 0, &self.inner.objectives)
    }
    /// Per team: aspirational and committed mean scores.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamCycleScores>> {
        self.cache.ser(py, 1, &self.inner.teams)
    }
});

// ---------------------------------------------------------------- health

on_org!(
    /// Program health of a cycle, for the organisation and each team (R10).
    HealthReport,
    CoreHealth,
    HealthView
);

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
        self.cache.ser(py, 0, &self.inner.organisation)
    }
    /// Each team.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::TeamHealths>> {
        self.cache.ser(py, 1, &self.inner.teams)
    }
    /// Calibration flags (safe goals, overreaching) up to this cycle.
    #[getter]
    fn calibration<'py>(&self, py: Python<'py>) -> PyResult<Typed<'py, hint::Calibrations>> {
        self.cache.ser(py, 2, &self.inner.calibration)
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

impl Handle for KeyResultHistory {
    type View<'a> = view::HistoryView<'a>;
    type Report = Vec<KeyResultVersion>;
    fn view(&self) -> view::HistoryView<'_> {
        view::HistoryView {
            key_result: &self.key_result,
            versions: &self.inner,
        }
    }
    fn report(&self) -> &Vec<KeyResultVersion> {
        &self.inner
    }
    fn same(&self, other: &Self) -> bool {
        self.key_result == other.key_result && self.inner == other.inner
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
        self.cache.ser(py, 0, &*self.inner)
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    /// `versions[index]` (negative counts from the end).
    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: isize,
    ) -> PyResult<Typed<'py, hint::KeyResultVersion>> {
        let versions: Typed<'py, hint::KeyResultVersions> = self.cache.ser(py, 0, &*self.inner)?;
        versions.0.get_item(index).map(Typed::from)
    }
});
