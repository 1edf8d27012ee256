//! Properties of the lint catalog on generated organisations (proptest), valid
//! or broken: every finding's path names an element of the document, its
//! code is a catalog rule or a validation problem, its severity is the
//! rule's level, and a rule's setting changes that rule's findings only —
//! off removes them, a level re-grades them, and nothing else moves.

use okrkit::generate::{GenerateOptions, generate};
use okrkit::lint::{self, Finding, LintOptions, RULES, RuleCode, RuleLevel, Severity};
use okrkit::*;
use proptest::prelude::*;
use serde_json::Value;

/// A generated organisation, sometimes broken: (seed, teams, objectives, key
/// results, check-ins, cycles, breakage).
fn document() -> impl Strategy<Value = Document> {
    (
        any::<u64>(),
        1..4usize,
        1..14usize,
        0..40usize,
        0..120usize,
        1..3usize,
        0..4u8,
        any::<prop::sample::Index>(),
    )
        .prop_map(
            |(seed, teams, objectives, key_results, check_ins, cycles, broken, at)| {
                let mut opts = GenerateOptions::default();
                opts.seed = seed;
                opts.teams = teams;
                opts.objectives = objectives;
                opts.key_results = key_results;
                opts.check_ins = check_ins;
                opts.cycles = cycles;
                let mut doc = generate(&opts);
                let o = at.index(doc.objectives.len());
                match broken {
                    // An objective in a cycle that does not exist.
                    1 => doc.objectives[o].cycle = "no-such-cycle".into(),
                    // Two objectives with one id.
                    2 if doc.objectives.len() > 1 => {
                        let id = doc.objectives[0].id.clone();
                        doc.objectives[o.max(1)].id = id;
                    }
                    // A key result whose target is its baseline.
                    3 => {
                        if let Some(Measure::Metric {
                            baseline, target, ..
                        }) = doc.objectives[o]
                            .key_results
                            .first_mut()
                            .map(|k| &mut k.measure)
                        {
                            *target = *baseline;
                        }
                    }
                    _ => {}
                }
                doc
            },
        )
}

fn options(as_of_day: Option<u64>) -> LintOptions {
    let mut o = LintOptions::default();
    o.as_of = as_of_day
        .map(|d| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + chrono::Days::new(d));
    o
}

/// Whether `path` (`objectives[2].key_results[0].measure.target`,
/// `key_results[<id>]`, `""`) names an element of `doc`: an index within its
/// array, or an id some element of that array has.
fn resolves(doc: &Value, path: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    let mut here = doc;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, Some(rest.trim_end_matches(']'))),
            None => (part, None),
        };
        if !name.is_empty() {
            let Some(next) = here.get(name) else {
                return false;
            };
            here = next;
        }
        if let Some(index) = index {
            let Some(items) = here.as_array() else {
                return false;
            };
            let found = match index.parse::<usize>() {
                Ok(i) => items.get(i),
                Err(_) => items.iter().find(|item| item["id"] == index),
            };
            match found {
                Some(next) => here = next,
                None => return false,
            }
        }
    }
    true
}

/// A `key_results[<id>]` path is the document's key result of that id,
/// wherever it sits: the document with every key result also listed at the
/// top level.
fn with_key_results(doc: &Document) -> Value {
    let mut v = serde_json::to_value(doc).expect("serialisable");
    let krs: Vec<Value> = doc
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| serde_json::to_value(k).expect("serialisable"))
        .collect();
    v["key_results"] = Value::Array(krs);
    v
}

/// The findings as comparable rows: (code, path, message, severity).
fn rows(findings: &[Finding]) -> Vec<(String, String, String, Severity)> {
    let mut rows: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.code.to_string(),
                f.path.clone(),
                f.message.clone(),
                f.severity,
            )
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    rows
}

fn level_severity(level: RuleLevel) -> Option<Severity> {
    match level {
        RuleLevel::Off => None,
        RuleLevel::Info => Some(Severity::Info),
        RuleLevel::Warning => Some(Severity::Warning),
        RuleLevel::Error => Some(Severity::Error),
        other => unreachable!("a level the test does not set: {other:?}"),
    }
}

proptest! {
    /// Every finding points at an element of the document, and carries a
    /// catalog code (or a validation problem's) with the rule's severity.
    #[test]
    fn findings_point_at_the_document_with_catalog_codes(doc in document(), day in prop::option::of(0..400u64)) {
        let report = lint::lint(&doc, &options(day));
        let json = with_key_results(&doc);
        for f in &report.findings {
            prop_assert!(resolves(&json, &f.path), "{}: path `{}` names nothing", f.code, f.path);
            match f.code.rule() {
                Some(code) => {
                    let rule = lint::rule(code.as_str()).expect("a rule code is in the catalog");
                    prop_assert_eq!(f.severity, rule.default_severity, "{}", f.code);
                }
                None => prop_assert!(f.code.problem().is_some(), "{} is neither a rule nor a problem", f.code),
            }
        }
    }

    /// A rule set to a level changes that rule's findings only: off removes
    /// them, a level re-grades them; every other finding stays as it was.
    #[test]
    fn a_rule_setting_changes_that_rule_only(
        doc in document(),
        day in prop::option::of(0..400u64),
        which in any::<prop::sample::Index>(),
        level in prop_oneof![Just(RuleLevel::Off), Just(RuleLevel::Info), Just(RuleLevel::Warning), Just(RuleLevel::Error)],
    ) {
        let base = lint::lint(&doc, &options(day));
        let rule = RULES[which.index(RULES.len())];
        let code: RuleCode = rule.code.parse().expect("catalog code");
        let mut set = options(day);
        set.rules.insert(code, level);
        let changed = lint::lint(&doc, &set);
        // What the setting should give: the base findings, the rule's
        // re-graded or removed. A validation problem is reported under its
        // own code, so `invalid_document` covers every finding whose code is
        // a problem's.
        let is_rule = |f: &Finding| match f.code.rule() {
            Some(c) => c == code,
            None => rule.code == "invalid_document",
        };
        let expected: Vec<Finding> = base
            .findings
            .iter()
            .filter_map(|f| {
                if !is_rule(f) {
                    return Some(f.clone());
                }
                level_severity(level).map(|s| {
                    let mut f = f.clone();
                    f.severity = s;
                    f
                })
            })
            .collect();
        prop_assert_eq!(rows(&changed.findings), rows(&expected), "{} set to {:?}", rule.code, level);
    }
}
