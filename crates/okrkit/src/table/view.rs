//! What a front end shows of a report (the Python binding's result classes):
//! its tables by short name, a one-line title, an HTML view (a notebook's)
//! and a terminal view, and its value as JSON (what pickling stores and reads
//! back). Each report is seen through a view that borrows it with the
//! document its tables name things from; [`ReportView`] gives them one shape.
//!
//! Only the Python binding uses this module today (Node picks tables through
//! [`super::select`] and [`LazyReport::table`]), and some of its text is
//! that binding's wording, kept here so that its messages and reprs stay as
//! they were: [`ReportView::KIND`] is the Python class name, an absent value
//! in a title is `None`, and [`rebuild`]'s errors speak of pickled results
//! and result classes.
//!
//! ```
//! use okrkit::Org;
//! use okrkit::table::view::{ReportView, ScoreView};
//!
//! let org = Org::from_json(r#"{
//!   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "web", "name": "Web"}],
//!   "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
//!     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
//!       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
//! }"#)?;
//! let report = org.score_cycle("q1")?;
//! let view = ScoreView { report: &report, doc: org.document() };
//! assert_eq!(view.title(), "ScoreReport(cycle=q1, objectives=1, teams=1)");
//! assert_eq!(ScoreView::pick(Some("bands"))?, "bands");
//! assert_eq!(ScoreView::pick(None)?, "objectives");
//! assert_eq!(ScoreView::pick(Some("nope")).unwrap_err().path(), "table");
//! assert_eq!(view.table(Some("bands"))?.name, "score.bands");
//! assert_eq!(view.table(Some("nope")).unwrap_err().code(), "invalid_value");
//! assert!(view.html().contains("<table"));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::{Table, TextLayout, render, reports as r, select};
use crate::classify::{StatementKind, Vocabulary};
use crate::health::HealthReport;
use crate::import::Imported;
use crate::ledger::{KeyResultVersion, Ledger};
use crate::lint::LintReport;
use crate::progress::LazyReport;
use crate::score::ScoreReport;
use crate::{Document, DocumentRef, Error, Org, ProblemCode, ProgressReport, Result};
use serde_json::{Value, json};
use std::sync::Arc;

/// Rows the HTML view shows at most.
pub const HTML_ROWS: usize = 60;
/// Rows the terminal view shows at most.
pub const TEXT_ROWS: usize = 12;
/// Width of the terminal view.
pub const TEXT_WIDTH: usize = 100;

/// What only this crate implements and calls: a view's table by a name
/// [`ReportView::pick`] found, unchecked. The name is a [`Picked`](sealed::Picked),
/// which nothing outside this module makes, so no caller can reach the
/// match arms' fallback with a name of its own.
mod sealed {
    use super::Table;

    /// A name among a view's tables, as [`super::ReportView::pick`] found it.
    #[allow(unnameable_types)] // Sealed: made and read in view.rs only.
    pub struct Picked(pub(super) &'static str);

    /// Table `name` of a view (its `TABLES` list it).
    #[allow(unnameable_types)] // Sealed: implemented in view.rs only.
    pub trait Tables {
        /// Table `name`, unchecked.
        fn table_of(&self, name: Picked) -> Table;
    }
}

use sealed::{Picked, Tables};

/// Table `name` of view `V`, written in this module by its name: a name
/// outside `V::TABLES` would reach the match arms' fallback (another table,
/// silently), so debug builds and the tests check it.
fn named<V: ReportView + ?Sized>(name: &'static str) -> Picked {
    debug_assert!(V::TABLES.contains(&name), "no table {name} in {}", V::KIND);
    Picked(name)
}

/// A report as a front end shows it (the views of this module implement it;
/// it is sealed).
pub trait ReportView: Tables {
    /// The report's class name in the Python binding (`"ScoreReport"`): the
    /// name a pickled report is rebuilt by ([`rebuild`]), and the start of
    /// its title.
    const KIND: &'static str;
    /// Its tables' short names; the first is the default.
    const TABLES: &'static [&'static str];

    /// Table `name` (None: the first of [`Self::TABLES`]); an unknown name
    /// is the error of [`Self::pick`].
    fn table(&self, name: Option<&str>) -> Result<Table> {
        Ok(self.table_of(Picked(Self::pick(name)?)))
    }

    /// One line: the class and its main numbers (terminal and HTML title);
    /// an absent value shows as `None`, as Python shows it.
    fn title(&self) -> String;

    /// The report and the document it refers to, as JSON: what the report is
    /// by value (what pickling stores).
    fn state(&self) -> Value;

    /// The name among [`Self::TABLES`] of `name` (None: the default); an
    /// unknown one is [`Error::InvalidArgument`], code `invalid_value`, path
    /// `table`, listing the tables.
    fn pick(name: Option<&str>) -> Result<&'static str> {
        let Some(name) = name else {
            return Ok(Self::TABLES[0]);
        };
        select::find(Self::TABLES, name, || {
            let tables = Self::TABLES.join(", ");
            format!("no table '{name}'; the tables are {tables}")
        })
    }

    /// The title of table `name`: the report's title, then the table's.
    fn table_title(&self, name: &str) -> String {
        format!("{} · {name}", self.title())
    }

    /// The HTML view (default: the first table, at most [`HTML_ROWS`] rows).
    fn html(&self) -> String {
        render::html(&self.title(), &first(self), HTML_ROWS)
    }

    /// The terminal view: the first table, at most [`TEXT_ROWS`] rows of
    /// [`TEXT_WIDTH`] characters.
    fn text(&self) -> String {
        let t = first(self);
        render::text(&self.title(), &t, TEXT_ROWS, TEXT_WIDTH)
            .trim_end()
            .to_owned()
    }
}

/// The first of a view's tables (its default).
fn first<V: ReportView + ?Sized>(view: &V) -> Table {
    view.table_of(Picked(V::TABLES[0]))
}

/// The HTML of a report with `objectives` and `key_results` tables: each
/// objective followed by its key results.
fn objectives_with_key_results<V: ReportView>(view: &V) -> String {
    render::html_nested(
        &view.title(),
        &view.table_of(named::<V>("objectives")),
        &view.table_of(named::<V>("key_results")),
        "objective",
        HTML_ROWS,
    )
}

/// `{"report": .., "document": .., "org": ..}`: a report on a document.
fn on_document<T: serde::Serialize>(report: &T, doc: Option<DocumentRef<'_>>, org: bool) -> Value {
    json!({ "report": report, "document": doc, "org": org })
}

/// Part `key` of a report's state (see [`ReportView::state`]); anything else
/// is [`Error::InvalidArgument`], code `parse_error`, path `key` (the
/// message, "not a pickled okrkit result", is the Python binding's).
pub(crate) fn from_state<T: serde::de::DeserializeOwned>(state: &Value, key: &str) -> Result<T> {
    serde_json::from_value(state.get(key).cloned().unwrap_or_default()).map_err(|e| {
        Error::InvalidArgument {
            code: ProblemCode::Parse,
            message: format!("not a pickled okrkit result: {e}"),
            path: key.to_owned(),
        }
    })
}

/// The organisation of a report's state (its document, validated again).
pub(crate) fn org_from_state(state: &Value) -> Result<Arc<Org>> {
    Org::new(from_state(state, "document")?).map(Arc::new)
}

/// A document as a report holds it: as it came (perhaps invalid: a lint
/// report's) or validated.
///
/// ```
/// use okrkit::table::view::HeldDocument;
/// use okrkit::{Document, Org};
/// use std::sync::Arc;
///
/// let text = r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]
/// }"#;
/// let doc = HeldDocument::Document(Arc::new(Document::from_json(text)?));
/// let org = HeldDocument::Org(Arc::new(Org::from_json(text)?));
/// assert_eq!(doc.get(), org.get());
/// assert_eq!(doc.get().cycles.len(), 1);
/// // Either is linted as its kind is: the same findings here.
/// let config = okrkit::lint::LintOptions::default();
/// assert_eq!(doc.lint(&config), org.lint(&config));
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug)]
pub enum HeldDocument {
    /// A document, perhaps invalid.
    Document(Arc<Document>),
    /// A validated organisation.
    Org(Arc<Org>),
}

impl HeldDocument {
    /// The document.
    pub fn get(&self) -> DocumentRef<'_> {
        match self {
            HeldDocument::Document(d) => d.as_ref().into(),
            HeldDocument::Org(o) => o.document(),
        }
    }

    /// Lints the document: a validated one as [`Org::lint`] does, any other
    /// as [`crate::lint::lint`] does (valid or not).
    pub fn lint(&self, config: &crate::lint::LintOptions) -> crate::lint::LintReport {
        match self {
            HeldDocument::Document(d) => crate::lint::lint(&**d, config),
            HeldDocument::Org(o) => o.lint(config),
        }
    }
}

/// A report rebuilt from the kind and the state a [`ReportView`] gave
/// ([`ReportView::KIND`], [`ReportView::state`] as JSON text).
// One per call, taken apart at once: boxing the health report would add an
// allocation for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Rebuilt {
    /// A progress report (its rows) on its organisation.
    Progress(ProgressReport, Arc<Org>),
    /// A score report on its organisation.
    Score(ScoreReport, Arc<Org>),
    /// A health report on its organisation.
    Health(HealthReport, Arc<Org>),
    /// A key result and its versions.
    History(String, Vec<KeyResultVersion>),
    /// A lint report, with the document linted when known.
    Lint(LintReport, Option<HeldDocument>),
}

/// The report `kind` whose state is `state` (JSON text): text that is not
/// JSON is [`Error::InvalidArgument`], code `parse_error`, path `state`; an
/// unknown kind the same with `invalid_value`, path `kind`; a state that is
/// not that report's, `parse_error` at its part (`report`, `document`,
/// `key_result`). An organisation is validated again: a document that reads
/// but does not validate is that validation's error, with its own code. The
/// messages are the
/// Python binding's (its `_from_state`, which pickle calls): "not a pickled
/// okrkit result", "no result class".
///
/// ```
/// use okrkit::Org;
/// use okrkit::table::view::{Rebuilt, ReportView, ScoreView, rebuild};
///
/// let org = Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]
/// }"#)?;
/// let report = org.score_cycle("q1")?;
/// let view = ScoreView { report: &report, doc: org.document() };
/// let Rebuilt::Score(back, _) = rebuild(ScoreView::KIND, &view.state().to_string())? else {
///     panic!("a score report's state rebuilds a score report");
/// };
/// assert_eq!(back, report);
/// assert_eq!(rebuild("Nope", "{}").unwrap_err().path(), "kind");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn rebuild(kind: &str, state: &str) -> Result<Rebuilt> {
    let argument = |code, path: &str, message| Error::InvalidArgument {
        code,
        message,
        path: path.to_owned(),
    };
    let v: Value = serde_json::from_str(state)
        .map_err(|e| argument(ProblemCode::Parse, "state", e.to_string()))?;
    Ok(match kind {
        "ProgressReport" => Rebuilt::Progress(from_state(&v, "report")?, org_from_state(&v)?),
        "ScoreReport" => Rebuilt::Score(from_state(&v, "report")?, org_from_state(&v)?),
        "HealthReport" => Rebuilt::Health(from_state(&v, "report")?, org_from_state(&v)?),
        "KeyResultHistory" => {
            Rebuilt::History(from_state(&v, "key_result")?, from_state(&v, "report")?)
        }
        "LintReport" => {
            let doc = match v.get("document") {
                Some(Value::Null) | None => None,
                Some(_) if v.get("org") == Some(&Value::Bool(true)) => {
                    Some(HeldDocument::Org(org_from_state(&v)?))
                }
                Some(_) => Some(HeldDocument::Document(Arc::new(from_state(
                    &v, "document",
                )?))),
            };
            Rebuilt::Lint(from_state(&v, "report")?, doc)
        }
        other => {
            let message = format!("no result class '{other}'");
            return Err(argument(ProblemCode::InvalidValue, "kind", message));
        }
    })
}

/// A progress report on its organisation (the one it holds).
///
/// ```
/// use okrkit::progress::LazyReport;
/// use okrkit::table::view::{ProgressView, ReportView};
///
/// let org = std::sync::Arc::new(okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]
/// }"#)?);
/// let data = LazyReport::new(org, &Default::default(), true)?;
/// let view = ProgressView { data: &data };
/// assert!(view.title().starts_with("ProgressReport(as_of=None, milestones=leave_out, "));
/// assert_eq!(view.table(Some("teams"))?.name, "progress.teams");
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug)]
pub struct ProgressView<'a> {
    /// The report.
    pub data: &'a LazyReport<Arc<Org>>,
}

impl Tables for ProgressView<'_> {
    fn table_of(&self, name: Picked) -> Table {
        self.data.table_of(name.0, TextLayout::Offsets)
    }
}

impl ReportView for ProgressView<'_> {
    const KIND: &'static str = "ProgressReport";
    const TABLES: &'static [&'static str] = select::PROGRESS;
    fn title(&self) -> String {
        let d = self.data;
        let (objectives, teams, cycles) = d.counts();
        format!(
            "ProgressReport(as_of={}, milestones={}, objectives={objectives}, teams={teams}, cycles={cycles})",
            d.as_of().map_or("None".into(), |d| d.to_string()),
            serde_json::to_value(d.milestones())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        )
    }
    fn state(&self) -> Value {
        on_document(self.data.rows(), Some(self.data.org().document()), true)
    }
    fn html(&self) -> String {
        objectives_with_key_results(self)
    }
}

/// A score report on its document (see the [module](self)'s example).
#[derive(Debug)]
pub struct ScoreView<'a> {
    /// The report.
    pub report: &'a ScoreReport,
    /// The document scored (titles, names).
    pub doc: DocumentRef<'a>,
}

impl Tables for ScoreView<'_> {
    fn table_of(&self, name: Picked) -> Table {
        select::score_table(self.doc, self.report, name.0)
    }
}

impl ReportView for ScoreView<'_> {
    const KIND: &'static str = "ScoreReport";
    const TABLES: &'static [&'static str] = select::SCORE;
    fn title(&self) -> String {
        let r = self.report;
        format!(
            "ScoreReport(cycle={}, objectives={}, teams={})",
            r.cycle,
            r.objectives.len(),
            r.teams.len()
        )
    }
    fn state(&self) -> Value {
        on_document(self.report, Some(self.doc), true)
    }
    fn html(&self) -> String {
        objectives_with_key_results(self)
    }
}

/// A health report on its document.
///
/// ```
/// use okrkit::Org;
/// use okrkit::table::view::{HealthView, ReportView};
///
/// let org = Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]
/// }"#)?;
/// let report = org.health("q1", &Default::default())?;
/// let view = HealthView { report: &report, doc: org.document() };
/// assert!(view.title().starts_with("HealthReport(cycle=q1, "));
/// assert_eq!(view.table(None)?.name, "health.teams");
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug)]
pub struct HealthView<'a> {
    /// The report.
    pub report: &'a HealthReport,
    /// The document (team names).
    pub doc: DocumentRef<'a>,
}

impl Tables for HealthView<'_> {
    fn table_of(&self, name: Picked) -> Table {
        select::health_table(self.doc, self.report, name.0)
    }
}

impl ReportView for HealthView<'_> {
    const KIND: &'static str = "HealthReport";
    const TABLES: &'static [&'static str] = select::HEALTH;
    fn title(&self) -> String {
        let r = self.report;
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
    fn state(&self) -> Value {
        on_document(self.report, Some(self.doc), true)
    }
    /// The teams, then the calibration flags when there are.
    fn html(&self) -> String {
        let mut out = render::html(&self.title(), &first(self), HTML_ROWS);
        let cal = self.table_of(named::<Self>("calibration"));
        if !cal.is_empty() {
            out.push_str(&render::html("Calibration flags (R5)", &cal, HTML_ROWS));
        }
        out
    }
}

/// A lint report, with the document linted when known.
///
/// ```
/// use okrkit::Org;
/// use okrkit::table::view::{LintView, ReportView};
///
/// let org = Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]
/// }"#)?;
/// let report = org.lint(&Default::default());
/// let view = LintView { report: &report, doc: Some(org.document()), org: true };
/// assert!(view.title().starts_with("LintReport(errors="));
/// assert_eq!(view.table(Some("findings"))?.name, "lint.findings");
/// assert_eq!(view.state()["org"], true);
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug)]
pub struct LintView<'a> {
    /// The report.
    pub report: &'a LintReport,
    /// The document linted (titles and teams of the findings' elements).
    pub doc: Option<DocumentRef<'a>>,
    /// Whether that document is a validated organisation.
    pub org: bool,
}

impl Tables for LintView<'_> {
    fn table_of(&self, _: Picked) -> Table {
        r::findings(self.report, self.doc)
    }
}

impl ReportView for LintView<'_> {
    const KIND: &'static str = "LintReport";
    const TABLES: &'static [&'static str] = select::LINT;
    fn title(&self) -> String {
        let r = self.report;
        format!(
            "LintReport(errors={}, warnings={}, infos={})",
            r.errors, r.warnings, r.infos
        )
    }
    fn state(&self) -> Value {
        on_document(self.report, self.doc, self.org)
    }
}

/// The versions of one key result (the ledger's history).
///
/// ```
/// use okrkit::table::view::{HistoryView, ReportView};
///
/// let view = HistoryView { key_result: "kr1", versions: &[] };
/// assert_eq!(view.title(), "KeyResultHistory(key_result=kr1, versions=0)");
/// assert_eq!(view.table(None)?.name, "history.versions");
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug)]
pub struct HistoryView<'a> {
    /// The key result.
    pub key_result: &'a str,
    /// Its versions, oldest first.
    pub versions: &'a [KeyResultVersion],
}

impl Tables for HistoryView<'_> {
    fn table_of(&self, _: Picked) -> Table {
        r::versions(self.versions)
    }
}

impl ReportView for HistoryView<'_> {
    const KIND: &'static str = "KeyResultHistory";
    const TABLES: &'static [&'static str] = &["versions"];
    fn title(&self) -> String {
        format!(
            "KeyResultHistory(key_result={}, versions={})",
            self.key_result,
            self.versions.len()
        )
    }
    fn state(&self) -> Value {
        json!({ "key_result": self.key_result, "report": self.versions })
    }
}

/// A document's size, element by element: `cycles=2, teams=3, objectives=4,
/// key_results=9, initiatives=0, check_ins=12` (a `Document` or `Org` repr).
///
/// ```
/// use okrkit::Org;
/// use okrkit::table::view::document_summary;
///
/// let org = Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]
/// }"#)?;
/// let line = "cycles=1, teams=0, objectives=0, key_results=0, initiatives=0, check_ins=0";
/// assert_eq!(document_summary(org.document()), line);
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn document_summary(d: DocumentRef<'_>) -> String {
    format!(
        "cycles={}, teams={}, objectives={}, key_results={}, initiatives={}, check_ins={}",
        d.cycles.len(),
        d.teams.len(),
        d.objectives.len(),
        d.objectives
            .iter()
            .map(|o| o.key_results.len())
            .sum::<usize>(),
        d.initiatives.len(),
        d.check_ins.len()
    )
}

/// One classification's line: `Classification(text="…", kind=output,
/// confidence=0.912)`.
///
/// ```
/// use okrkit::classify::StatementKind;
/// use okrkit::table::view::classification_title;
///
/// let line = classification_title("Ship it", StatementKind::Output, 0.91234);
/// assert_eq!(line, r#"Classification(text="Ship it", kind=output, confidence=0.912)"#);
/// ```
pub fn classification_title(text: &str, kind: StatementKind, confidence: f64) -> String {
    let kind = kind.as_str();
    format!("Classification(text={text:?}, kind={kind}, confidence={confidence:.3})")
}

/// A classifier's line: the sizes of its vocabulary's word lists.
///
/// ```
/// use okrkit::classify::Vocabulary;
/// use okrkit::table::view::classifier_title;
///
/// let english = Vocabulary::english();
/// let verbs = english.output_verbs().len();
/// assert!(classifier_title(&english).starts_with(&format!("Classifier(output_verbs={verbs}, ")));
/// ```
pub fn classifier_title(v: &Vocabulary) -> String {
    format!(
        "Classifier(output_verbs={}, outcome_verbs={}, metric_nouns={}, output_nouns={})",
        v.output_verbs().len(),
        v.outcome_verbs().len(),
        v.metric_nouns().len(),
        v.output_nouns().len()
    )
}

/// An import's line: its source, the objectives read and the problems found.
///
/// ```
/// use okrkit::table::view::imported_title;
///
/// let imported = okrkit::import::asana::read(&serde_json::json!({"data": []}));
/// let (source, problems) = (&imported.report.source, imported.report.problems.len());
/// let line = format!("Imported(source={source}, objectives=0, problems={problems})");
/// assert_eq!(imported_title(&imported), line);
/// ```
pub fn imported_title(imported: &Imported) -> String {
    let r = &imported.report;
    format!(
        "Imported(source={}, objectives={}, problems={})",
        r.source,
        imported.document.objectives.len(),
        r.problems.len()
    )
}

/// A ledger's title line: its size and the start of its head hash.
///
/// ```
/// use okrkit::ledger::Ledger;
/// use okrkit::table::view::ledger_title;
///
/// let ledger = Ledger::new();
/// let head = &ledger.head()[..12];
/// assert_eq!(ledger_title(&ledger), format!("Ledger(entries=0, head={head}…)"));
/// ```
pub fn ledger_title(ledger: &Ledger) -> String {
    format!(
        "Ledger(entries={}, head={:.12}…)",
        ledger.len(),
        ledger.head()
    )
}

/// A ledger's HTML view: its `ledger.entries` table under its title.
///
/// ```
/// use okrkit::ledger::Ledger;
/// use okrkit::table::view::{ledger_html, ledger_title};
///
/// let ledger = Ledger::new();
/// assert!(ledger_html(&ledger).contains(&ledger_title(&ledger)));
/// ```
pub fn ledger_html(ledger: &Ledger) -> String {
    let entries = super::ledger::entries(ledger.entries());
    render::html(&ledger_title(ledger), &entries, HTML_ROWS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        let doc = crate::generate::generate(&crate::generate::GenerateOptions::scaled(40));
        Org::new(doc).expect("a generated document is valid")
    }

    #[test]
    fn progress_tables_are_the_same_from_columns_and_from_rows() {
        let org = Arc::new(org());
        let opts = crate::ProgressOptions::default();
        let columns = LazyReport::new(Arc::clone(&org), &opts, true).unwrap();
        let rows = LazyReport::from_rows(columns.rows().clone(), Arc::clone(&org));
        let (a, b) = (
            ProgressView { data: &columns },
            ProgressView { data: &rows },
        );
        for name in ProgressView::TABLES {
            assert_eq!(a.table(Some(name)), b.table(Some(name)), "{name}");
        }
        assert_eq!(a.title(), b.title());
        assert!(
            a.title()
                .starts_with("ProgressReport(as_of=None, milestones=leave_out, ")
        );
        assert_eq!(a.state(), b.state());
        assert_eq!(a.html(), b.html());
    }

    #[test]
    fn a_state_reads_back_as_the_same_report() {
        let org = org();
        let cycle = org.document().cycles[0].id.to_string();
        let report = org.score_cycle(&cycle).unwrap();
        let view = ScoreView {
            report: &report,
            doc: org.document(),
        };
        let state = view.state();
        let Ok(Rebuilt::Score(back, back_org)) = rebuild("ScoreReport", &state.to_string()) else {
            panic!("a score report's state rebuilds it");
        };
        assert_eq!((&back, back_org.document()), (&report, org.document()));
        let e = rebuild("Nope", "{}")
            .err()
            .map(|e| (e.code(), e.path().to_owned()));
        assert_eq!(e, Some(("invalid_value", "kind".to_owned())));
        let e = rebuild("ScoreReport", "{")
            .err()
            .map(|e| (e.code(), e.path().to_owned()));
        assert_eq!(e, Some(("parse_error", "state".to_owned())));
        let lint = org.lint(&Default::default());
        let doc = HeldDocument::Document(Arc::new(org.to_document()));
        let linted = LintView {
            report: &lint,
            doc: Some(doc.get()),
            org: false,
        };
        let Ok(Rebuilt::Lint(back, Some(HeldDocument::Document(d)))) =
            rebuild("LintReport", &linted.state().to_string())
        else {
            panic!("a lint report's state rebuilds it with its document");
        };
        assert_eq!((back, d.as_ref()), (lint, &org.to_document()));
        let back: ScoreReport = from_state(&state, "report").unwrap();
        assert_eq!(back, report);
        assert_eq!(org_from_state(&state).unwrap().document(), org.document());
        let n = org.key_result_count();
        assert!(document_summary(org.document()).contains(&format!(", key_results={n}, ")));
        let e = from_state::<ScoreReport>(&json!({}), "report").unwrap_err();
        assert_eq!((e.code(), e.path()), ("parse_error", "report"));
        assert!(e.to_string().contains("not a pickled okrkit result"), "{e}");
    }

    /// The public `table` picks first: an unknown name is the error `pick`
    /// gives, never another table (the match arms' fallback).
    #[test]
    fn table_refuses_an_unknown_name_on_every_view() {
        fn refused<V: ReportView>(view: &V) {
            for name in ["nope", "", "score.bands", "versions"] {
                if V::TABLES.contains(&name) {
                    continue;
                }
                let e = view.table(Some(name)).unwrap_err();
                assert_eq!((e.code(), e.path()), ("invalid_value", "table"), "{name}");
                let want = format!("no table '{name}'; the tables are {}", V::TABLES.join(", "));
                assert_eq!(e.to_string(), V::pick(Some(name)).unwrap_err().to_string());
                assert!(e.to_string().contains(&want), "{e}");
            }
            for name in V::TABLES {
                assert_eq!(view.table(Some(name)).unwrap(), view.table_of(Picked(name)));
            }
            assert_eq!(view.table(None).unwrap(), first(view));
            // The table names the views write themselves (objectives with
            // their key results, health's calibration) are asserted in debug
            // builds: a wrong one panics here.
            assert!(!view.html().is_empty());
        }
        let org = Arc::new(org());
        let cycle = org.document().cycles[0].id.to_string();
        let data = LazyReport::new(Arc::clone(&org), &Default::default(), true).unwrap();
        refused(&ProgressView { data: &data });
        let score = org.score_cycle(&cycle).unwrap();
        let doc = org.document();
        refused(&ScoreView {
            report: &score,
            doc,
        });
        let health = org.health(&cycle, &Default::default()).unwrap();
        refused(&HealthView {
            report: &health,
            doc,
        });
        let lint = org.lint(&Default::default());
        refused(&LintView {
            report: &lint,
            doc: Some(doc),
            org: true,
        });
        refused(&HistoryView {
            key_result: "kr1",
            versions: &[],
        });
    }

    #[test]
    fn an_unknown_table_names_the_tables() {
        let e = HealthView::pick(Some("bands")).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_value", "table"));
        assert!(
            e.to_string()
                .contains("the tables are teams, histograms, calibration")
        );
        assert_eq!(LintView::pick(None).unwrap(), "findings");
        let lint = org().lint(&Default::default());
        let view = LintView {
            report: &lint,
            doc: None,
            org: false,
        };
        let (e, w, i) = (lint.errors, lint.warnings, lint.infos);
        assert_eq!(
            view.title(),
            format!("LintReport(errors={e}, warnings={w}, infos={i})")
        );
        assert_eq!(view.state()["org"], json!(false));
        assert_eq!(
            view.table_title("findings"),
            format!("{} · findings", view.title())
        );
        let english = Vocabulary::english();
        let line = classifier_title(&english);
        let verbs = english.output_verbs().len();
        assert!(line.starts_with(&format!("Classifier(output_verbs={verbs}, ")));
        let line = classification_title("Ship \"it\"", StatementKind::Output, 0.91234);
        let want = r#"Classification(text="Ship \"it\"", kind=output, confidence=0.912)"#;
        assert_eq!(line, want);
        let history = HistoryView {
            key_result: "kr1",
            versions: &[],
        };
        assert_eq!(
            history.title(),
            "KeyResultHistory(key_result=kr1, versions=0)"
        );
        assert!(history.text().starts_with("KeyResultHistory"));
        let ledger = Ledger::new();
        assert_eq!(
            ledger_title(&ledger),
            format!("Ledger(entries=0, head={:.12}…)", ledger.head())
        );
        assert!(ledger_html(&ledger).contains(&ledger_title(&ledger)));
    }
}
