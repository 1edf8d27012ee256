//! The rules themselves: each a small function over a validated [`Org`].

use super::catalog::{self, Rule, Severity};
use super::config::LintOptions;
use super::{Finding, FindingCode, SharedText};
use crate::Org;
use crate::classify::{Classifier, StatementKind};
use crate::error::{Problem, ProblemCode};
use crate::model::Measure;
use crate::progress::Staleness;
use crate::score::exact_text;
use crate::text::Interner;
use std::collections::HashMap;

struct Sink<'a> {
    config: &'a LintOptions,
    out: &'a mut Vec<Finding>,
    /// The suggestions given so far: findings with the same suggestion share
    /// one text (the classifier's are a few hundred bytes, and the same for
    /// every milestone key result).
    suggestions: Interner,
}

/// A suggestion written in the rule itself: never copied.
fn fixed(text: &'static str) -> Option<SharedText> {
    Some(SharedText::new_static(text))
}

impl<'a> Sink<'a> {
    fn new(config: &'a LintOptions, out: &'a mut Vec<Finding>) -> Self {
        Sink {
            config,
            out,
            suggestions: Interner::default(),
        }
    }

    fn on(&self, rule: &Rule) -> Option<Severity> {
        self.config.severity(rule.code, rule.default_severity)
    }

    /// `text`, shared with an earlier finding's suggestion of the same text.
    fn shared(&mut self, text: Option<String>) -> Option<SharedText> {
        Some(self.suggestions.get(&text?))
    }

    fn push(&mut self, rule: &Rule, path: String, message: String, suggestion: Option<SharedText>) {
        if let Some(severity) = self.on(rule) {
            // A report keeps every finding: only the text, not the room
            // `format!` reserved (about twice as much).
            let (path, message) = (exact_text(path), exact_text(message));
            self.out.push(Finding {
                code: FindingCode::catalog(rule),
                severity,
                message,
                path,
                design_rule: SharedText::new_static(rule.design_rule),
                suggestion,
                location: Default::default(),
            });
        }
    }
}

/// Validation problems as error-level findings (R6/R7 problems under their own rules).
pub(super) fn from_problems(problems: &[Problem], config: &LintOptions, out: &mut Vec<Finding>) {
    let sink = Sink::new(config, out);
    for p in problems {
        let rule = match p.code {
            ProblemCode::PersonalGoalAligned => &catalog::PERSONAL_GOAL_ALIGNED,
            ProblemCode::CascadeBelowTeam => &catalog::CASCADE_BELOW_TEAM,
            _ => &catalog::INVALID_DOCUMENT,
        };
        let Some(severity) = sink.on(rule) else {
            continue;
        };
        sink.out.push(Finding {
            code: p.code.into(),
            severity,
            message: p.message.clone(),
            path: p.path.clone(),
            design_rule: SharedText::new_static(rule.design_rule),
            suggestion: None,
            location: Default::default(),
        });
    }
}

pub(super) fn run(org: &Org, config: &LintOptions, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(config, out);
    key_results(org, &mut sink);
    focus(org, &mut sink);
    initiatives(org, &mut sink);
    stale(org, &mut sink);
    stretch(org, &mut sink);
}

fn stretch(org: &Org, sink: &mut Sink<'_>) {
    use crate::score::CalibrationFlag;
    if sink.on(&catalog::STRETCH_SAFE_GOALS).is_none()
        && sink.on(&catalog::STRETCH_OVERREACHING).is_none()
    {
        return;
    }
    let doc = org.document();
    // As known on `as_of`: a cycle still running then is left out of the
    // run until it ends.
    let calibration = org.calibration_as_of(sink.config.as_of);
    for c in calibration {
        let ti = doc.teams.iter().position(|t| t.id == c.team).unwrap_or(0);
        let cycles: Vec<&str> = c.cycles.iter().map(|c| c.as_str()).collect();
        let scores: Vec<String> = c
            .scores
            .iter()
            .map(|&s| crate::score::score_text(s))
            .collect();
        let (rule, message, suggestion) = match c.flag {
            CalibrationFlag::SafeGoals => (
                &catalog::STRETCH_SAFE_GOALS,
                format!(
                    "team '{}' scored {} on its aspirational objectives in cycles {}: at or above 1.0 cycle after cycle means the goals are safe, not stretch (R5, seed 002)",
                    c.team,
                    scores.join(", "),
                    cycles.join(", ")
                ),
                "set aspirational objectives the team expects to land around 0.7; and keep scores out of individual reviews, which is what makes people play safe (R6)",
            ),
            CalibrationFlag::Overreaching => (
                &catalog::STRETCH_OVERREACHING,
                format!(
                    "team '{}' scored {} on its aspirational objectives in cycles {}: near 0 again and again means the goals are out of reach (R5)",
                    c.team,
                    scores.join(", "),
                    cycles.join(", ")
                ),
                "set fewer, reachable stretch goals, and check the key results measure what the team can move",
            ),
        };
        sink.push(rule, format!("teams[{ti}]"), message, fixed(suggestion));
    }
}

fn key_results(org: &Org, sink: &mut Sink<'_>) {
    let classifier = sink.config.vocabulary.clone().map(Classifier::new);
    let classifier = classifier
        .as_ref()
        .unwrap_or_else(|| crate::classify::default_classifier());
    let max_krs = sink.config.max_key_results_per_objective;
    for (oi, o) in org.document().objectives.iter().enumerate() {
        let op = format!("objectives[{oi}]");
        if o.key_results.is_empty() {
            sink.push(
                &catalog::OBJECTIVE_WITHOUT_KEY_RESULTS,
                op.clone(),
                format!(
                    "objective '{}' has no key result, so it has no progress (R2)",
                    o.id
                ),
                fixed(
                    "add one to three key results that measure the outcome this objective is after",
                ),
            );
        }
        if o.key_results.len() > max_krs {
            sink.push(
                &catalog::TOO_MANY_KEY_RESULTS,
                format!("{op}.key_results"),
                format!(
                    "objective '{}' has {} key results; keep at most {max_krs} so the few that matter stand out (R9)",
                    o.id,
                    o.key_results.len()
                ),
                fixed("keep the key results that best measure the objective; move the rest to initiatives or drop them"),
            );
        }
        for (ki, kr) in o.key_results.iter().enumerate() {
            let kp = format!("{op}.key_results[{ki}]");
            let classification = classifier.classify_with(&kr.title, kr.measure.structure_hint());
            if matches!(kr.measure, Measure::Milestone { .. }) {
                let suggestion = sink.shared(classification.suggestion);
                sink.push(
                    &catalog::MILESTONE_KEY_RESULT,
                    kp.clone(),
                    format!(
                        "key result '{}' is a milestone (done / not done): that is an output, and it is left out of progress (R1)",
                        kr.id
                    ),
                    suggestion,
                );
            } else if classification.kind == StatementKind::Output {
                let suggestion = sink.shared(classification.suggestion);
                sink.push(
                    &catalog::OUTPUT_KEY_RESULT,
                    kp.clone(),
                    format!(
                        "key result '{}' (\"{}\") reads as an output, work to do, not an outcome (R1; confidence {:.2})",
                        kr.id, kr.title, classification.confidence
                    ),
                    suggestion,
                );
            }
            if kr.responsible.is_none() {
                sink.push(
                    &catalog::KEY_RESULT_WITHOUT_RESPONSIBLE,
                    format!("{kp}.responsible"),
                    format!("key result '{}' names no responsible person (seed 001)", kr.id),
                    fixed("name the person responsible and, if useful, a key partner — roles, never scores (R6)"),
                );
            }
        }
    }
}

fn focus(org: &Org, sink: &mut Sink<'_>) {
    let doc = org.document();
    let max = sink.config.max_objectives_per_team_cycle;
    let mut per: HashMap<(u32, u32), usize> = HashMap::new();
    let mut first: Vec<(u32, u32)> = Vec::new();
    for oi in 0..doc.objectives.len() {
        let key = (org.objective_team[oi], org.objective_cycle[oi]);
        let n = per.entry(key).or_insert(0);
        if *n == 0 {
            first.push(key);
        }
        *n += 1;
    }
    for key in first {
        let n = per[&key];
        if n > max {
            let team = &doc.teams[key.0 as usize];
            let cycle = &doc.cycles[key.1 as usize];
            sink.push(
                &catalog::TOO_MANY_OBJECTIVES,
                format!("teams[{}]", key.0),
                format!(
                    "team '{}' has {n} objectives in cycle '{}'; keep at most {max}: OKRs are about what matters most right now (R9, seed 003)",
                    team.id, cycle.id
                ),
                fixed("pick the objectives that are the big wins for this cycle"),
            );
        }
    }
}

fn initiatives(org: &Org, sink: &mut Sink<'_>) {
    for (i, ini) in org.document().initiatives.iter().enumerate() {
        if ini.key_results.is_empty() {
            sink.push(
                &catalog::INITIATIVE_WITHOUT_KEY_RESULT,
                format!("initiatives[{i}].key_results"),
                format!(
                    "initiative '{}' is linked to no key result: an initiative is a hypothesis about what will move a key result (R3)",
                    ini.id
                ),
                fixed("link it to the key results it is meant to move, or question why the team does it"),
            );
        }
    }
}

fn stale(org: &Org, sink: &mut Sink<'_>) {
    let Some(as_of) = sink.config.as_of else {
        return;
    };
    if sink.on(&catalog::STALE_KEY_RESULT).is_none() {
        return;
    }
    let limit = sink.config.stale_after_days;
    let doc = org.document();
    for (oi, o) in doc.objectives.iter().enumerate() {
        // An ended cycle is judged at its close, as health judges it.
        let cycle = &doc.cycles[org.objective_cycle[oi] as usize];
        for (flat, (ki, kr)) in org
            .key_result_range(oi)
            .zip(o.key_results.iter().enumerate())
        {
            let Some(stale) = Staleness::of(org, flat, kr, cycle, as_of) else {
                continue;
            };
            if stale.is_stale(limit) {
                let days = stale.days;
                let by = if as_of > cycle.end {
                    format!(" by the end of its cycle on {}", cycle.end)
                } else {
                    String::new()
                };
                let what = match stale.last {
                    Some(d) if d >= cycle.start => format!("last check-in on {d}"),
                    Some(d) => format!(
                        "no check-in since the cycle started on {} (the last was on {d})",
                        cycle.start
                    ),
                    None => format!("no check-in since the cycle started on {}", cycle.start),
                };
                sink.push(
                    &catalog::STALE_KEY_RESULT,
                    format!("objectives[{oi}].key_results[{ki}]"),
                    format!(
                        "key result '{}' has had no check-in for {days} days{by} ({what}); the limit is {limit} (R10)",
                        kr.id
                    ),
                    fixed("check in on it: a value and a confidence from 0 to 10"),
                );
            }
        }
    }
}

pub(super) fn ledger(ledger: &crate::ledger::Ledger, config: &LintOptions, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(config, out);
    let doc = ledger.document();
    if sink.on(&catalog::RENEGOTIATED_OFTEN).is_some() {
        let max = config.max_renegotiations_per_cycle;
        for c in &doc.cycles {
            for r in ledger.renegotiation_counts(c.id.as_str()) {
                if r.accepted > max {
                    sink.push(
                        &catalog::RENEGOTIATED_OFTEN,
                        format!("key_results[{}]", r.key_result),
                        format!(
                            "key result '{}' was renegotiated {} times in cycle '{}' (the limit is {max}): renegotiating is healthy (R4), but this often the key result may not measure the right thing",
                            r.key_result, r.accepted, c.id
                        ),
                        fixed("talk about whether this key result measures the outcome the team is after; a retrospective question (R8)"),
                    );
                }
            }
        }
    }
    if sink.on(&catalog::KEY_REPLACED_BY_ADMIN).is_some() {
        for k in ledger.keys_replaced_by_admins() {
            let revoked = k.revoked.as_ref().map_or(String::new(), |(at, by)| {
                format!(", after '{by}' revoked their key at entry {at}")
            });
            let n = k.entries_signed;
            let signed = format!(
                "{n} {} signed as '{}' with it",
                if n == 1 { "entry was" } else { "entries were" },
                k.person
            );
            let until = k.ended_at.map_or_else(
                || "it is still in force".to_owned(),
                |at| format!("it stopped signing at entry {at}"),
            );
            sink.push(
                &catalog::KEY_REPLACED_BY_ADMIN,
                format!("entries[{}]", k.seq),
                format!(
                    "admin '{}' enrolled a new key for '{}' at entry {}{revoked}; {signed} (or with a key rotated from it), and {until}: a key the person did not enrol themselves (R4: an agreement is the approver's own)",
                    k.admin, k.person, k.seq
                ),
                fixed("confirm with that person, outside the ledger, that they hold the new key (a lost key's recovery is expected; then set this rule to info); if not, revoke it and review the entries signed with it"),
            );
        }
    }
    if sink.on(&catalog::DEPENDENCY_UNANSWERED).is_some() {
        let as_of = config
            .as_of
            .and_then(crate::progress::end_of_day_micros)
            .and_then(chrono::DateTime::from_timestamp_micros)
            .or_else(|| ledger.entries().last().map(|e| e.at));
        if let Some(as_of) = as_of {
            for w in ledger
                .dependencies_waiting_longer_than(as_of, i64::from(config.dependency_answer_days))
            {
                sink.push(
                    &catalog::DEPENDENCY_UNANSWERED,
                    format!("dependencies[{}]", w.dependency),
                    format!(
                        "team '{}' has waited {} days on team '{}' ({:?}) for dependency '{}' (the limit is {} days, R7, seed 003)",
                        w.requested_by, w.age_days, w.waiting_on, w.waiting_for, w.dependency, config.dependency_answer_days
                    ),
                    fixed("answer it, or escalate it to the next level up, which decides"),
                );
            }
        }
    }
}
