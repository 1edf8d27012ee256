//! Quantive Results (formerly Gtmhub): goals (objectives) with their
//! metrics (key results), and the sessions (cycles) they belong to.
//!
//! Input: `{"sessions": [...], "goals": [...]}` (or `items` for goals, as the
//! API's list envelope), each goal with its `metrics` expanded.
//!
//! Field names from the Quantive Results API reference — Goals
//! (<https://developer.quantive.com/api-reference/results/goals.html>; "Goals
//! is the programmatic name of Objectives"), Metrics
//! (<https://developer.us.gtmhub.com/api-reference/metrics.html>; "Metrics is
//! the programmatic name of Key Results") — and the data-source reference for
//! sessions (<https://help.quantive.com/en/articles/3831332-reference-quantive-results-data-source>:
//! `id`, `title`, `start`, `end`). Goal: `id`, `name`, `sessionId`,
//! `assignee` (`id`, `name`, `type`), `parentId`, `attainment`, `metrics`.
//! Metric: `id`, `name`, `initialValue`, `target`, `actual`, `operator`
//! (also read as `targetOperator`), `manualType`, `weight`, `attainment`,
//! `confidence.value`, `assignee`.
//!
//! Semantics:
//! - `operator` *should increase* / *should decrease* (`increase`,
//!   `decrease`, and the `should_` forms) is a metric from `initialValue` to
//!   `target` — a target on the wrong side of the start for the stated
//!   direction is a problem; *stay above* / *stay below* (`stay_above`,
//!   `at_least`, `stay_below`, `at_most`) is a **threshold** at `target`;
//!   another operator is a problem (not guessed);
//! - `manualType: boolean` is a milestone, done when `actual >= target`;
//! - `target == initialValue` on a metric is `target_equals_baseline`;
//! - a goal assigned to a team (`assignee.type: team`) is owned by it; a goal
//!   assigned to a person gets the team `unassigned` (defaulted; the person is
//!   not carried: objectives are never a person's, R6); a metric's person
//!   assignee is its responsible person;
//! - `parentId` naming a goal of the export aligns the objective to it;
//! - Quantive's `attainment` (a fraction) and `confidence.value` are kept
//!   beside okrkit's progress in the reconciliation.
//!
//! ```
//! let imported = okrkit::import::quantive::read_str(r#"{
//!   "sessions": [{"id": "s1", "title": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "goals": [{"id": "g1", "name": "Reliable platform", "sessionId": "s1",
//!     "assignee": {"id": "t1", "name": "SRE", "type": "team"},
//!     "metrics": [{"id": "m1", "name": "Uptime stays above 99.9", "operator": "stay_above",
//!                  "target": 99.9, "actual": 99.95}]}]}"#)?;
//! assert!(!imported.report.has_problems());
//! assert!(matches!(imported.document.objectives[0].key_results[0].measure,
//!     okrkit::Measure::Threshold { direction: okrkit::ThresholdDirection::AtLeast, .. }));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::json_source::{
    Ctx, DocBuilder, Envelope, Obj, date, envelope, list, paging_field, parse, partial,
};
use super::reconcile::{ElementKind, Reconciliation, explain_kr, explain_objective};
use super::report::Imported;
use crate::error::{ProblemCode, Result};
use crate::ids::*;
use crate::model::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Reads a Quantive Results export from JSON text.
pub fn read_str(text: &str) -> Result<Imported> {
    Ok(read(&parse(text)?))
}

/// Reads a Quantive Results export from a JSON value.
pub fn read(root: &Value) -> Imported {
    let mut ctx = Ctx::default();
    let mut b = DocBuilder::default();
    let mut recon = Vec::new();
    let mut sessions: HashMap<String, CycleId> = HashMap::new();
    if let Some(list) = root.get("sessions").and_then(Value::as_array) {
        for (i, s) in list.iter().enumerate() {
            let Some(mut s) = Obj::new(s, format!("sessions[{i}]"), "sessions[]".into(), &mut ctx)
            else {
                continue;
            };
            let id = s.str("id", &mut ctx).unwrap_or_default();
            let title = s.str("title", &mut ctx);
            let start = s.str("start", &mut ctx).and_then(|d| date(&d));
            let end = s.str("end", &mut ctx).and_then(|d| date(&d));
            match (start, end) {
                (Some(st), Some(en)) => {
                    ctx.tally.carried("sessions[]", "cycle");
                    let path = s.path.clone();
                    sessions.insert(id.clone(), b.cycle(&id, title, st, en, &path, &mut ctx));
                }
                _ => ctx.problem(
                    ProblemCode::Parse,
                    &s.at("start"),
                    "the session has no start/end dates",
                ),
            }
            s.finish(&mut ctx);
        }
    }
    let goals = root
        .get("goals")
        .and_then(Value::as_array)
        .or_else(|| list(root, &["goals", "items"]));
    let Some(goals) = goals else {
        ctx.problem(ProblemCode::Parse, "goals", "expected a list of goals");
        return finish(b, ctx, recon);
    };
    // The list endpoints return `totalCount`, the size of the whole
    // collection: more than the goals here, and the export is one page
    // (the API pages with `skip` and `take`).
    envelope(root, goals, &mut ctx, |path, key, v, ctx| {
        if path.is_empty() && key == "sessions" {
            return Envelope::Read;
        }
        if key == "totalCount" {
            let field = if path.is_empty() {
                key.to_owned()
            } else {
                format!("{path}.{key}")
            };
            let total = v.as_f64();
            let more = total.is_some_and(|t| t > goals.len() as f64);
            paging_field(ctx, &field, more);
            if more {
                partial(
                    ctx,
                    &field,
                    &format!("totalCount is {v}, and {} goals are here", goals.len()),
                );
            }
            return Envelope::Reported;
        }
        Envelope::Other
    });
    let ids: HashSet<&str> = goals.iter().filter_map(|g| g.get("id")?.as_str()).collect();
    for (i, g) in goals.iter().enumerate() {
        let Some(mut g) = Obj::new(g, format!("goals[{i}]"), "goals[]".into(), &mut ctx) else {
            continue;
        };
        let Some(id) = g.str("id", &mut ctx) else {
            ctx.problem(ProblemCode::EmptyId, &g.at("id"), "the goal has no id");
            g.finish(&mut ctx);
            continue;
        };
        if !b.claim(&id, &g.at("id"), &mut ctx) {
            g.finish(&mut ctx);
            continue;
        }
        ctx.tally.carried("goals[].id", "objective.id");
        let title = g.str("name", &mut ctx).unwrap_or_default();
        ctx.tally.carried("goals[].name", "objective.title");
        let cycle = match g.str("sessionId", &mut ctx) {
            Some(s) => match sessions.get(&s) {
                Some(c) => {
                    ctx.tally.carried("goals[].sessionId", "objective.cycle");
                    c.clone()
                }
                None => {
                    ctx.problem(
                        ProblemCode::DanglingReference,
                        &g.at("sessionId"),
                        format!("session '{s}' is not in the export's sessions"),
                    );
                    CycleId::from(s)
                }
            },
            None => {
                ctx.problem(
                    ProblemCode::Parse,
                    &g.at("sessionId"),
                    "the goal has no sessionId: no cycle",
                );
                CycleId::from(String::new())
            }
        };
        let team = match g.obj("assignee", &mut ctx) {
            Some(mut a) => {
                let aid = a.str("id", &mut ctx).unwrap_or_default();
                let name = a.str("name", &mut ctx);
                let ty = a.str("type", &mut ctx);
                a.finish(&mut ctx);
                if ty.as_deref() == Some("team") {
                    ctx.tally.carried("goals[].assignee", "objective.team");
                    b.team(&aid, name)
                } else {
                    ctx.tally.not_carried(
                        "goals[].assignee",
                        "a person: objectives are owned by teams (R6)",
                    );
                    ctx.tally.defaulted(
                        "objective.team",
                        "'unassigned' (the goal is assigned to a person)",
                    );
                    b.team("unassigned", None)
                }
            }
            None => {
                ctx.tally
                    .defaulted("objective.team", "'unassigned' (the goal has no assignee)");
                b.team("unassigned", None)
            }
        };
        let aligned_to = g
            .str("parentId", &mut ctx)
            .filter(|p| !p.is_empty())
            .and_then(|p| {
                if ids.contains(p.as_str()) {
                    ctx.tally.converted(
                        "goals[].parentId",
                        "objective.aligned_to",
                        "cascaded alignment",
                    );
                    Some(Alignment {
                        objective: ObjectiveId::from(p),
                        how: AlignmentKind::Cascaded,
                    })
                } else {
                    ctx.tally
                        .not_carried("goals[].parentId", "the parent goal is not in the export");
                    None
                }
            });
        let source = g.num("attainment", &mut ctx);
        if source.is_some() {
            ctx.tally.carried(
                "goals[].attainment",
                "report.reconciliation.source_progress",
            );
        }
        let mut krs = Vec::new();
        let mut kids = Vec::new();
        if let Some(ms) = g.arr("metrics", &mut ctx) {
            for (j, m) in ms.iter().enumerate() {
                let Some(m) = Obj::new(
                    m,
                    format!("goals[{i}].metrics[{j}]"),
                    "goals[].metrics[]".into(),
                    &mut ctx,
                ) else {
                    continue;
                };
                if let Some((kr, src, conf)) = metric(m, &mut b, &mut ctx) {
                    kids.push(src);
                    if src.is_some() || conf.is_some() {
                        let (ours, differences) = explain_kr(src, &kr, &[]);
                        recon.push(Reconciliation {
                            element: ElementKind::KeyResult,
                            id: kr.id.to_string(),
                            source_path: format!("goals[{i}].metrics[{j}].attainment"),
                            source_progress: src,
                            source_status: conf,
                            okrkit_progress: ours,
                            differences,
                        });
                    }
                    krs.push(kr);
                }
            }
        }
        if source.is_some() {
            let (ours, differences) = explain_objective(source, &krs, &kids, &[]);
            recon.push(Reconciliation {
                element: ElementKind::Objective,
                id: id.clone(),
                source_path: format!("goals[{i}].attainment"),
                source_progress: source,
                source_status: None,
                okrkit_progress: ours,
                differences,
            });
        }
        ctx.tally.defaulted(
            "objective.type",
            "aspirational (Quantive has no committed/aspirational)",
        );
        b.doc.objectives.push(Objective {
            id: ObjectiveId::from(id),
            title,
            team,
            cycle,
            kind: ObjectiveType::Aspirational,
            aligned_to,
            visibility: Visibility::Public,
            key_results: krs,
        });
        g.finish(&mut ctx);
    }
    finish(b, ctx, recon)
}

fn norm(op: &str) -> String {
    op.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

fn metric(
    mut m: Obj<'_>,
    b: &mut DocBuilder,
    ctx: &mut Ctx,
) -> Option<(KeyResult, Option<f64>, Option<String>)> {
    let Some(id) = m.str("id", ctx) else {
        ctx.problem(ProblemCode::EmptyId, &m.at("id"), "the metric has no id");
        m.finish(ctx);
        return None;
    };
    if !b.claim(&id, &m.at("id"), ctx) {
        m.finish(ctx);
        return None;
    }
    ctx.tally.carried("goals[].metrics[].id", "key_result.id");
    let title = m.str("name", ctx).unwrap_or_default();
    ctx.tally
        .carried("goals[].metrics[].name", "key_result.title");
    m.skip(&["goalId"]);
    let initial = m.num("initialValue", ctx);
    let target = m.num("target", ctx);
    let actual = m.num("actual", ctx);
    let op_a = m.str("operator", ctx);
    let op_b = m.str("targetOperator", ctx);
    let op = match (op_a, op_b) {
        (Some(a), Some(b2)) if norm(&a) != norm(&b2) => {
            ctx.problem(
                ProblemCode::InvalidValue,
                &m.at("targetOperator"),
                format!("operator '{a}' and targetOperator '{b2}' disagree"),
            );
            Some(a)
        }
        (a, b2) => a.or(b2),
    };
    let manual = m.str("manualType", ctx);
    let weight = m.num("weight", ctx);
    let src = m.num("attainment", ctx);
    let conf = match m.obj("confidence", ctx) {
        Some(mut c) => {
            let v = c.num("value", ctx);
            c.finish(ctx);
            v.map(|v| {
                ctx.tally.carried(
                    "goals[].metrics[].confidence.value",
                    "report.reconciliation.source_status",
                );
                format!("confidence {v}")
            })
        }
        None => None,
    };
    if src.is_some() {
        ctx.tally.carried(
            "goals[].metrics[].attainment",
            "report.reconciliation.source_progress",
        );
    }
    let responsible = match m.obj("assignee", ctx) {
        Some(mut a) => {
            let aid = a.str("id", ctx);
            let name = a.str("name", ctx);
            let ty = a.str("type", ctx);
            a.finish(ctx);
            match (aid, ty.as_deref()) {
                (Some(aid), Some("user") | None) => {
                    ctx.tally
                        .carried("goals[].metrics[].assignee", "key_result.responsible");
                    Some(b.person(&aid, name))
                }
                _ => {
                    ctx.tally.not_carried(
                        "goals[].metrics[].assignee",
                        "a team: the key result has its objective's team",
                    );
                    None
                }
            }
        }
        None => None,
    };
    let path = m.path.clone();
    let measure = if manual.as_deref().map(norm).as_deref() == Some("boolean") {
        ctx.tally.converted(
            "goals[].metrics[].manualType",
            "key_result.measure",
            "a yes/no metric is a milestone (an output, R1)",
        );
        Measure::Milestone {
            done: matches!((actual, target), (Some(a), Some(t)) if a >= t)
                || (target.is_none() && actual == Some(1.0)),
        }
    } else {
        if manual.is_some() {
            ctx.tally.not_carried(
                "goals[].metrics[].manualType",
                "numeric: the measure's type says it",
            );
        }
        let threshold = match op.as_deref().map(norm).as_deref() {
            None | Some("increase" | "should_increase" | "decrease" | "should_decrease") => None,
            Some("stay_above" | "should_stay_above" | "at_least" | "above") => {
                Some(ThresholdDirection::AtLeast)
            }
            Some("stay_below" | "should_stay_below" | "at_most" | "below") => {
                Some(ThresholdDirection::AtMost)
            }
            Some(other) => {
                ctx.problem(
                    ProblemCode::InvalidValue,
                    &format!("{path}.operator"),
                    format!("'{other}' is not should increase/decrease or stay above/below"),
                );
                None
            }
        };
        match threshold {
            Some(direction) => {
                ctx.tally.converted(
                    "goals[].metrics[].operator",
                    "key_result.measure",
                    "stay above/below is a threshold",
                );
                if initial.is_some() {
                    ctx.tally
                        .not_carried("goals[].metrics[].initialValue", "a threshold has no start");
                }
                let Some(bound) = target else {
                    ctx.problem(
                        ProblemCode::Parse,
                        &format!("{path}.target"),
                        "the metric has no target",
                    );
                    m.finish(ctx);
                    return None;
                };
                ctx.tally
                    .converted("goals[].metrics[].target", "key_result.measure.bound", "");
                if actual.is_some() {
                    ctx.tally
                        .carried("goals[].metrics[].actual", "key_result.measure.current");
                }
                Measure::Threshold {
                    direction,
                    bound,
                    current: actual,
                    unit: None,
                }
            }
            None => {
                if op.is_some() {
                    ctx.tally.carried(
                        "goals[].metrics[].operator",
                        "key_result.measure (direction from start and target)",
                    );
                }
                let (Some(b0), Some(t0)) = (initial, target) else {
                    let missing = if initial.is_none() {
                        "initialValue"
                    } else {
                        "target"
                    };
                    ctx.problem(
                        ProblemCode::Parse,
                        &format!("{path}.{missing}"),
                        format!("the metric has no {missing}"),
                    );
                    m.finish(ctx);
                    return None;
                };
                if b0 == t0 {
                    ctx.problem(ProblemCode::TargetEqualsBaseline, &format!("{path}.target"), format!("the target ({t0}) equals initialValue: nothing to progress toward (not guessed)"));
                }
                match op.as_deref().map(norm).as_deref() {
                    Some("increase" | "should_increase") if t0 < b0 => ctx.problem(
                        ProblemCode::InvalidValue,
                        &format!("{path}.target"),
                        format!(
                            "'should increase' but the target ({t0}) is below initialValue ({b0})"
                        ),
                    ),
                    Some("decrease" | "should_decrease") if t0 > b0 => ctx.problem(
                        ProblemCode::InvalidValue,
                        &format!("{path}.target"),
                        format!(
                            "'should decrease' but the target ({t0}) is above initialValue ({b0})"
                        ),
                    ),
                    _ => {}
                }
                for (f, v, into) in [
                    ("initialValue", initial, "baseline"),
                    ("target", target, "target"),
                    ("actual", actual, "current"),
                ] {
                    if v.is_some() {
                        ctx.tally.carried(
                            &format!("goals[].metrics[].{f}"),
                            &format!("key_result.measure.{into}"),
                        );
                    }
                }
                Measure::Metric {
                    baseline: b0,
                    target: t0,
                    current: actual,
                    unit: None,
                }
            }
        }
    };
    let weight = match weight {
        Some(w) => {
            ctx.tally
                .carried("goals[].metrics[].weight", "key_result.weight");
            w
        }
        None => {
            ctx.tally
                .defaulted("key_result.weight", "1 (no weight given)");
            1.0
        }
    };
    m.finish(ctx);
    Some((
        KeyResult {
            id: KeyResultId::from(id),
            title,
            measure,
            weight,
            responsible,
            key_partner: None,
        },
        src,
        conf,
    ))
}

fn finish(b: DocBuilder, ctx: Ctx, reconciliation: Vec<Reconciliation>) -> Imported {
    super::json_source::finish("quantive", b, ctx, reconciliation)
}
