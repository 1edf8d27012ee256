//! Lint: the traps the seeds describe, as a catalog of rules with stable codes.
//!
//! Each [`Finding`] carries a stable code, a severity, a message, the path of
//! the element, and the rule of DESIGN.md it enforces (so a user can look up
//! why). Rules can be turned off or given another severity ([`LintOptions`]).
//! A document that fails validation is linted too: each validation problem
//! becomes an error-level finding with the problem's own code.
//!
//! Day counts in [`LintOptions`] are unsigned, so a negative limit (which
//! would make every key result stale) cannot be written:
//!
//! ```compile_fail
//! let options = okrkit::lint::LintOptions::default().stale_after_days(-1);
//! ```
//!
//! while the same with `14` builds:
//!
//! ```
//! let options = okrkit::lint::LintOptions::default().stale_after_days(14);
//! assert_eq!(options.stale_after_days, 14);
//! ```

mod catalog;
mod code;
mod config;
mod rules;

pub use crate::text::SharedText;
pub use catalog::*;
pub use code::FindingCode;
#[allow(deprecated)]
pub use config::LintConfig;
pub use config::{LintOptions, RuleCode, RuleLevel};

use crate::Org;
use crate::model::DocumentRef;
use serde::{Deserialize, Serialize};

/// One thing lint found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Finding {
    /// Stable code of the rule (or of the validation problem).
    pub code: FindingCode,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
    /// Path of the element, e.g. `objectives[2].key_results[0]`.
    pub path: String,
    /// The rule of DESIGN.md it enforces.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub design_rule: SharedText,
    /// What to do about it, when there is something to suggest.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub suggestion: Option<SharedText>,
    /// The element the path points into, as ids (so findings join to the
    /// progress and score tables): filled by [`locate`] for paths under
    /// `objectives[i]`, `teams[i]`, `cycles[i]`, `initiatives[i]`,
    /// `check_ins[i]`, `key_results[<id>]`; `None` where the path says nothing
    /// (a ledger's `dependencies[<entry id>]`, or `entries[<seq>]`: the
    /// entry a `key_replaced_by_admin` finding is about).
    #[serde(default, flatten)]
    pub location: Location,
}

/// The ids a finding's path points into (each `None` when the path does not
/// name one). A key result's finding names its key result, objective, team
/// and cycle; an objective's names its objective, team and cycle; a team's
/// names the team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Location {
    /// The cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub cycle: Option<SharedText>,
    /// The team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub team: Option<SharedText>,
    /// The objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub objective: Option<SharedText>,
    /// The key result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub key_result: Option<SharedText>,
}

/// Reads the leading `name[index]` of a path: `("objectives", "2", rest)`.
fn step(path: &str) -> Option<(&str, &str, &str)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    Some((&path[..open], &path[open + 1..close], &path[close + 1..]))
}

/// Where in `doc` a path points, as ids. Unknown or out-of-range paths give
/// an empty [`Location`] (never a panic: paths of invalid documents too).
///
/// ```
/// let doc = okrkit::Document::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 65%",
///                      "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]
/// }"#).unwrap();
/// let at = okrkit::lint::locate(&doc, "objectives[0].key_results[0].responsible");
/// assert_eq!(at.key_result.as_deref(), Some("kr1"));
/// assert_eq!(at.team.as_deref(), Some("web"));
/// assert_eq!(okrkit::lint::locate(&doc, "objectives[9]").objective, None);
/// ```
pub fn locate<'a>(doc: impl Into<DocumentRef<'a>>, path: &str) -> Location {
    let doc = doc.into();
    let mut at = Location::default();
    let Some((head, index, rest)) = step(path) else {
        return at;
    };
    let idx = index.parse::<usize>().ok();
    let objective = |at: &mut Location, o: &crate::model::Objective| {
        at.objective = Some(SharedText::of_id(o.id.text()));
        at.team = Some(SharedText::of_id(o.team.text()));
        at.cycle = Some(SharedText::of_id(o.cycle.text()));
    };
    match head {
        "objectives" => {
            if let Some(o) = idx.and_then(|i| doc.objectives.get(i)) {
                objective(&mut at, o);
                if let Some(("key_results", k, _)) = rest.strip_prefix('.').and_then(step)
                    && let Some(kr) = k.parse::<usize>().ok().and_then(|k| o.key_results.get(k))
                {
                    at.key_result = Some(SharedText::of_id(kr.id.text()));
                }
            }
        }
        "teams" => {
            at.team = idx
                .and_then(|i| doc.teams.get(i))
                .map(|t| SharedText::of_id(t.id.text()))
        }
        "cycles" => {
            at.cycle = idx
                .and_then(|i| doc.cycles.get(i))
                .map(|c| SharedText::of_id(c.id.text()))
        }
        "initiatives" => {
            at.team = idx
                .and_then(|i| doc.initiatives.get(i))
                .map(|i| SharedText::of_id(i.team.text()))
        }
        "check_ins" | "key_results" => {
            let id = if head == "check_ins" {
                idx.and_then(|i| doc.check_ins.get(i))
                    .map(|c| c.key_result.as_str())
            } else {
                Some(index)
            };
            if let Some(id) = id {
                for o in doc.objectives {
                    if let Some(kr) = o.key_results.iter().find(|k| k.id.as_str() == id) {
                        objective(&mut at, o);
                        at.key_result = Some(SharedText::of_id(kr.id.text()));
                        break;
                    }
                }
            }
        }
        _ => {}
    }
    at
}

/// The result of a lint run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LintReport {
    /// Every finding, errors first, then warnings, then info; in document order within each.
    pub findings: Vec<Finding>,
    /// Number of error-level findings.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of info findings.
    pub infos: usize,
}

impl LintReport {
    fn new<'a>(doc: impl Into<DocumentRef<'a>>, mut findings: Vec<Finding>) -> Self {
        let doc = doc.into();
        for f in &mut findings {
            f.location = locate(doc, &f.path);
        }
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        // A grown vector has up to twice the room it needs; shrink it, or the report would keep it.
        findings.shrink_to_fit();
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        LintReport {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            findings,
        }
    }

    /// Whether any error-level rule fired.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// Lints a document, valid or not.
///
/// ```
/// let doc = okrkit::Document::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Build a cart reminder tool",
///                      "measure": {"type": "milestone", "done": false}}]}]
/// }"#).unwrap();
/// let report = okrkit::lint::lint(&doc, &okrkit::lint::LintOptions::default());
/// let codes: Vec<_> = report.findings.iter().map(|f| f.code.as_str()).collect();
/// // A milestone is an output by its structure; the finding suggests where it belongs.
/// assert!(codes.contains(&"milestone_key_result"));
/// assert!(report.findings[0].suggestion.is_some());
/// ```
pub fn lint<'a>(doc: impl Into<DocumentRef<'a>>, config: &LintOptions) -> LintReport {
    let doc = doc.into();
    let problems = crate::validate::validate(doc);
    let mut findings = Vec::new();
    if problems.is_empty() {
        match Org::new(doc.to_document()) {
            Ok(org) => rules::run(&org, config, &mut findings),
            Err(e) => rules::from_problems(&e.problems(), config, &mut findings),
        }
    } else {
        rules::from_problems(&problems, config, &mut findings);
    }
    LintReport::new(doc, findings)
}

impl crate::ledger::Ledger {
    /// Lints the ledger's current document and its flow: key results
    /// renegotiated too often (R4), dependencies left waiting (R7) and, in a
    /// signed ledger, keys an admin enrolled for someone who had one (R4). Waiting
    /// is judged at the end of `config.as_of`, or at the last entry's time.
    pub fn lint(&self, config: &LintOptions) -> LintReport {
        let mut findings = Vec::new();
        match self.org() {
            Ok(org) => rules::run(&org, config, &mut findings),
            Err(e) => rules::from_problems(&e.problems(), config, &mut findings),
        }
        rules::ledger(self, config, &mut findings);
        LintReport::new(self.document(), findings)
    }
}

impl Org {
    /// Lints this (valid) document.
    pub fn lint(&self, config: &LintOptions) -> LintReport {
        let mut findings = Vec::new();
        rules::run(self, config, &mut findings);
        LintReport::new(self.document(), findings)
    }
}
