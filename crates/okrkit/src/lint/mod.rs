//! Lint: the traps the seeds describe, as a catalog of rules with stable codes.
//!
//! Each [`Finding`] carries a stable code, a severity, a message, the path of
//! the element, and the rule of DESIGN.md it enforces (so a user can look up
//! why). Rules can be turned off or given another severity ([`LintConfig`]).
//! A document that fails validation is linted too: each validation problem
//! becomes an error-level finding with the problem's own code.

mod catalog;
mod config;
mod rules;

pub use catalog::*;
pub use config::{LintConfig, RuleCode, RuleLevel};

use crate::Org;
use crate::model::Document;
use serde::{Deserialize, Serialize};

/// One thing lint found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable code of the rule (or of the validation problem).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
    /// Path of the element, e.g. `objectives[2].key_results[0]`.
    pub path: String,
    /// The rule of DESIGN.md it enforces.
    pub design_rule: String,
    /// What to do about it, when there is something to suggest.
    pub suggestion: Option<String>,
}

/// The result of a lint run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    fn new(mut findings: Vec<Finding>) -> Self {
        findings.sort_by(|a, b| b.severity.cmp(&a.severity));
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
/// let report = okrkit::lint::lint(&doc, &okrkit::lint::LintConfig::default());
/// let codes: Vec<_> = report.findings.iter().map(|f| f.code.as_str()).collect();
/// // A milestone is an output by its structure; the finding suggests where it belongs.
/// assert!(codes.contains(&"milestone_key_result"));
/// assert!(report.findings[0].suggestion.is_some());
/// ```
pub fn lint(doc: &Document, config: &LintConfig) -> LintReport {
    let problems = crate::validate::validate(doc);
    let mut findings = Vec::new();
    if problems.is_empty() {
        match Org::new(doc.clone()) {
            Ok(org) => rules::run(&org, config, &mut findings),
            Err(e) => rules::from_problems(&e.problems(), config, &mut findings),
        }
    } else {
        rules::from_problems(&problems, config, &mut findings);
    }
    LintReport::new(findings)
}

impl crate::ledger::Ledger {
    /// Lints the ledger's current document and its flow: key results
    /// renegotiated too often (R4) and dependencies left waiting (R7). Waiting
    /// is judged at the end of `config.as_of`, or at the last entry's time.
    pub fn lint(&self, config: &LintConfig) -> LintReport {
        let mut findings = Vec::new();
        match self.org() {
            Ok(org) => rules::run(&org, config, &mut findings),
            Err(e) => rules::from_problems(&e.problems(), config, &mut findings),
        }
        rules::ledger(self, config, &mut findings);
        LintReport::new(findings)
    }
}

impl Org {
    /// Lints this (valid) document.
    pub fn lint(&self, config: &LintConfig) -> LintReport {
        let mut findings = Vec::new();
        rules::run(self, config, &mut findings);
        LintReport::new(findings)
    }
}
