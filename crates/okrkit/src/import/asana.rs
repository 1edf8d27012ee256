//! Asana Goals, as the Asana API returns them: a list of goal records
//! (`GET /goals`, each as from `GET /goals/{goal_gid}`), bare or inside the
//! API's `{"data": [...]}` envelope.
//!
//! Field names from Asana's API reference: the Goal object
//! (<https://developers.asana.com/docs/goal>) and its metric, GoalMetricBase
//! (<https://developers.asana.com/reference/updategoalmetric-1>:
//! `initial_number_value`, `target_number_value`, `current_number_value`,
//! `unit`, `currency_code`, `precision`, `progress_source`).
//!
//! The hierarchy comes from `parent_goals` on each goal (the compact goals of
//! `GET /goals/{goal_gid}/parentGoals`, embedded by the exporter):
//! - a goal with no parent in the export is an **objective**; one that is a
//!   parent and has a parent is an objective aligned (cascaded) to it;
//! - a goal under an objective, with no subgoals, is a **key result** of it;
//! - an objective with no key-result subgoal gets one key result from its own
//!   metric (id `<gid>-metric`, reported as converted).
//!
//! Semantics, not just names:
//! - `progress_source` `task_completion`, `project_task_completion` or
//!   `project_milestone_completion`: progress counts finished tasks — an
//!   output (R1), so the key result is a **milestone**, done when the current
//!   value reaches the target (or the status is `achieved`);
//! - `unit: percentage` values are fractions in Asana (0.25 is 25 %): they
//!   become percents with unit `%`; `unit: currency` keeps `currency_code` as the unit;
//! - `initial_number_value == target_number_value` is a `target_equals_baseline`
//!   problem at `goals[i].metric.target_number_value` (reported, not guessed);
//! - the goal's `owner` is the key result's responsible person (an objective
//!   is owned by its `team`, R6: an objective's owner is not carried);
//! - `team` (or, for workspace-level goals, `workspace`, reported as
//!   defaulted) is the owning team; `time_period` (or `start_on`/`due_on`) the cycle;
//! - `status` is kept beside okrkit's progress in the reconciliation.
//!
//! ```
//! let imported = okrkit::import::asana::read_str(r#"{"data": [
//!   {"gid": "1", "name": "Grow web traffic", "team": {"gid": "t1", "name": "Web"},
//!    "time_period": {"gid": "q1", "display_name": "Q1 FY26", "start_on": "2026-01-01", "end_on": "2026-03-31"}},
//!   {"gid": "2", "name": "Visits from 10k to 13k", "parent_goals": [{"gid": "1"}],
//!    "metric": {"initial_number_value": 10000, "target_number_value": 13000,
//!               "current_number_value": 11500, "unit": "none", "progress_source": "manual"}}]}"#)?;
//! assert!(!imported.report.has_problems());
//! assert_eq!(imported.document.objectives[0].key_results[0].id.as_str(), "2");
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::json_source::{
    Ctx, DocBuilder, Envelope, Obj, date, envelope, list, paging_field, parse, partial,
};
use super::reconcile::{Difference, ElementKind, Reconciliation, explain_kr, explain_objective};
use super::report::Imported;
use crate::error::{ProblemCode, Result};
use crate::ids::*;
use crate::model::*;
use serde_json::Value;
use std::collections::HashMap;

/// Reads Asana goals from JSON text.
pub fn read_str(text: &str) -> Result<Imported> {
    Ok(read(&parse(text)?))
}

struct Goal<'a> {
    index: usize,
    gid: String,
    obj: Obj<'a>,
    parents: Vec<String>,
}

/// Reads Asana goals from a JSON value.
pub fn read(root: &Value) -> Imported {
    let mut ctx = Ctx::default();
    let mut b = DocBuilder::default();
    let mut recon = Vec::new();
    let Some(items) = list(root, &["goals"]) else {
        ctx.problem(
            ProblemCode::Parse,
            "goals",
            "expected a list of goals (or {\"data\": [...]})",
        );
        return finish(b, ctx, recon);
    };
    // `next_page` (`offset`, `path`, `uri`) is null on the last page of a
    // paginated list: set, the export is one page of a longer one.
    envelope(root, items, &mut ctx, |path, key, v, ctx| {
        if path.is_empty() && key == "next_page" {
            let more = !v.is_null();
            paging_field(ctx, "next_page", more);
            if more {
                let offset = v.get("offset").and_then(Value::as_str).unwrap_or("?");
                partial(
                    ctx,
                    "next_page",
                    &format!("next_page is set (offset '{offset}'): more goals follow"),
                );
            }
            return Envelope::Reported;
        }
        Envelope::Other
    });
    let mut goals: Vec<Goal> = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let Some(mut obj) = Obj::new(v, format!("goals[{i}]"), "goals[]".into(), &mut ctx) else {
            continue;
        };
        let Some(gid) = obj.str("gid", &mut ctx) else {
            ctx.problem(ProblemCode::EmptyId, &obj.at("gid"), "the goal has no gid");
            obj.finish(&mut ctx);
            continue;
        };
        ctx.tally
            .carried("goals[].gid", "objective.id / key_result.id");
        if !b.claim(&gid, &obj.at("gid"), &mut ctx) {
            obj.finish(&mut ctx);
            continue;
        }
        let mut parents = Vec::new();
        if let Some(ps) = obj.arr("parent_goals", &mut ctx) {
            for (j, p) in ps.iter().enumerate() {
                if let Some(mut po) = Obj::new(
                    p,
                    format!("goals[{i}].parent_goals[{j}]"),
                    "goals[].parent_goals[]".into(),
                    &mut ctx,
                ) {
                    if let Some(g) = po.str("gid", &mut ctx) {
                        parents.push(g);
                        ctx.tally.converted(
                            "goals[].parent_goals[].gid",
                            "hierarchy",
                            "the goal's place: key result of its parent, or aligned objective",
                        );
                    }
                    po.finish(&mut ctx);
                }
            }
        }
        goals.push(Goal {
            index: i,
            gid,
            obj,
            parents,
        });
    }
    let at: HashMap<String, usize> = goals
        .iter()
        .enumerate()
        .map(|(k, g)| (g.gid.clone(), k))
        .collect();
    // The parent in the export, if any (two parents in the export is a problem).
    let mut parent: Vec<Option<usize>> = vec![None; goals.len()];
    let mut has_children = vec![false; goals.len()];
    for (k, g) in goals.iter().enumerate() {
        let inside: Vec<usize> = g
            .parents
            .iter()
            .filter_map(|p| at.get(p).copied())
            .collect();
        if inside.len() > 1 {
            ctx.problem(
                ProblemCode::InvalidValue,
                &format!("goals[{}].parent_goals", g.index),
                format!("goal '{}' has {} parent goals in the export; a key result belongs to one objective", g.gid, inside.len()),
            );
        }
        if let Some(&p) = inside.first()
            && p != k
        {
            parent[k] = Some(p);
            has_children[p] = true;
        }
    }
    let is_objective: Vec<bool> = (0..goals.len())
        .map(|k| parent[k].is_none() || has_children[k])
        .collect();
    let mut objective_of: HashMap<usize, usize> = HashMap::new();
    let mut source_status: HashMap<String, (String, String)> = HashMap::new();
    let gids: Vec<String> = goals.iter().map(|g| g.gid.clone()).collect();
    // Objectives first (in export order), then key results.
    for k in 0..goals.len() {
        if !is_objective[k] {
            continue;
        }
        let g = &mut goals[k];
        let path = format!("goals[{}]", g.index);
        let title = g.obj.str("name", &mut ctx).unwrap_or_default();
        ctx.tally.carried("goals[].name", "objective.title");
        let team = match g.obj.obj("team", &mut ctx) {
            Some(mut t) => {
                let id = t.str("gid", &mut ctx);
                let name = t.str("name", &mut ctx);
                t.finish(&mut ctx);
                ctx.tally.carried("goals[].team", "objective.team");
                id.map(|id| b.team(&id, name))
            }
            None => None,
        };
        let team = match team {
            Some(t) => {
                g.obj.skip(&["workspace"]);
                ctx.tally
                    .not_carried("goals[].workspace", "the goal has a team");
                t
            }
            None => match g.obj.obj("workspace", &mut ctx) {
                Some(mut w) => {
                    let id = w.str("gid", &mut ctx).unwrap_or_default();
                    let name = w.str("name", &mut ctx);
                    w.finish(&mut ctx);
                    ctx.tally.defaulted(
                        "objective.team",
                        "the workspace, for a workspace-level goal",
                    );
                    b.team(&id, name)
                }
                None => {
                    ctx.problem(
                        ProblemCode::Parse,
                        &format!("{path}.team"),
                        "the goal has no team and no workspace: no owning team",
                    );
                    TeamId::from(String::new())
                }
            },
        };
        let cycle = match g.obj.obj("time_period", &mut ctx) {
            Some(mut tp) => {
                let id = tp.str("gid", &mut ctx).unwrap_or_default();
                let name = tp.str("display_name", &mut ctx);
                let s = tp.str("start_on", &mut ctx).and_then(|d| date(&d));
                let e = tp.str("end_on", &mut ctx).and_then(|d| date(&d));
                let tpath = tp.path.clone();
                tp.finish(&mut ctx);
                ctx.tally.carried("goals[].time_period", "cycle");
                match (s, e) {
                    (Some(s), Some(e)) => b.cycle(&id, name, s, e, &tpath, &mut ctx),
                    _ => {
                        ctx.problem(
                            ProblemCode::Parse,
                            &format!("{tpath}.start_on"),
                            "the time period has no start_on/end_on dates",
                        );
                        CycleId::from(id)
                    }
                }
            }
            None => {
                let s = g.obj.str("start_on", &mut ctx).and_then(|d| date(&d));
                let e = g.obj.str("due_on", &mut ctx).and_then(|d| date(&d));
                match (s, e) {
                    (Some(s), Some(e)) => {
                        ctx.tally.converted(
                            "goals[].start_on/due_on",
                            "cycle",
                            "a cycle of the goal's own dates",
                        );
                        let id = format!("{s}..{e}");
                        b.cycle(&id, None, s, e, &path, &mut ctx)
                    }
                    _ => {
                        ctx.problem(
                            ProblemCode::Parse,
                            &format!("{path}.time_period"),
                            "the goal has no time_period and no start_on/due_on: no cycle",
                        );
                        CycleId::from(String::new())
                    }
                }
            }
        };
        if g.obj.raw("owner").is_some() {
            ctx.tally.not_carried(
                "goals[].owner",
                "an objective is owned by its team, never a person (R6)",
            );
        }
        let aligned_to = parent[k].map(|p| Alignment {
            objective: ObjectiveId::from(gids[p].clone()),
            how: AlignmentKind::Cascaded,
        });
        let g = &mut goals[k];
        if aligned_to.is_some() {
            ctx.tally.converted(
                "goals[].parent_goals[].gid",
                "objective.aligned_to",
                "a goal with subgoals under another goal is an aligned objective",
            );
        }
        if let Some(s) = g.obj.str("status", &mut ctx) {
            ctx.tally
                .carried("goals[].status", "report.reconciliation.source_status");
            source_status.insert(g.gid.clone(), (s, format!("{path}.status")));
        }
        objective_of.insert(k, b.doc.objectives.len());
        b.doc.objectives.push(Objective {
            id: ObjectiveId::from(g.gid.clone()),
            title,
            team,
            cycle,
            kind: ObjectiveType::Aspirational,
            aligned_to,
            visibility: Visibility::Public,
            key_results: Vec::new(),
        });
        ctx.tally.defaulted(
            "objective.type",
            "aspirational (Asana has no committed/aspirational)",
        );
    }
    for k in 0..goals.len() {
        let (oi, own) = if is_objective[k] {
            if has_children[k] && (0..goals.len()).any(|c| parent[c] == Some(k) && !is_objective[c])
            {
                // Its metric is a roll-up of the subgoals: kept for reconciliation only.
                let g = &mut goals[k];
                if let Some(mut m) = g.obj.obj("metric", &mut ctx) {
                    m.skip(&[
                        "initial_number_value",
                        "target_number_value",
                        "current_number_value",
                        "progress_source",
                        "unit",
                        "precision",
                        "resource_subtype",
                        "currency_code",
                        "current_display_value",
                        "gid",
                        "resource_type",
                    ]);
                    ctx.tally.not_carried(
                        "goals[].metric",
                        "an objective's own metric: its progress comes from its key results (R2)",
                    );
                    m.finish(&mut ctx);
                }
                continue;
            }
            (objective_of[&k], true)
        } else {
            match parent[k].and_then(|p| objective_of.get(&p)) {
                Some(&oi) => (oi, false),
                None => continue,
            }
        };
        let g = &mut goals[k];
        let path = format!("goals[{}]", g.index);
        let kr_id = if own {
            format!("{}-metric", g.gid)
        } else {
            g.gid.clone()
        };
        let title = if own {
            if g.obj.map.get("metric").is_some_and(|v| !v.is_null()) {
                ctx.tally.converted(
                    "goals[].metric",
                    "key_result",
                    "the goal's own metric becomes its only key result",
                );
            }
            b.doc.objectives[oi].title.clone()
        } else {
            ctx.tally.carried("goals[].name", "key_result.title");
            g.obj.str("name", &mut ctx).unwrap_or_default()
        };
        let responsible = if own {
            None
        } else {
            match g.obj.obj("owner", &mut ctx) {
                Some(mut o) => {
                    let id = o.str("gid", &mut ctx);
                    let name = o.str("name", &mut ctx);
                    o.finish(&mut ctx);
                    ctx.tally.carried("goals[].owner", "key_result.responsible");
                    id.map(|id| b.person(&id, name))
                }
                None => None,
            }
        };
        let status = if own {
            source_status.get(&g.gid).map(|s| s.0.clone())
        } else {
            let s = g.obj.str("status", &mut ctx);
            if s.is_some() {
                ctx.tally
                    .carried("goals[].status", "report.reconciliation.source_status");
            }
            s
        };
        if !own {
            for key in ["team", "time_period", "workspace", "start_on", "due_on"] {
                if g.obj.raw(key).is_some() {
                    ctx.tally.not_carried(
                        &format!("goals[].{key}"),
                        "a key result has its objective's team and cycle",
                    );
                }
            }
        }
        let mut hints = Vec::new();
        let measure = match g.obj.obj("metric", &mut ctx) {
            Some(m) => metric(m, status.as_deref(), &mut ctx, &mut hints),
            None => {
                ctx.tally.converted(
                    "goals[].status",
                    "key_result.measure",
                    "a goal without a metric is a milestone, done when its status is 'achieved'",
                );
                Measure::Milestone {
                    done: status.as_deref() == Some("achieved"),
                }
            }
        };
        ctx.tally
            .defaulted("key_result.weight", "1 (Asana goals have no weight)");
        let kr = KeyResult {
            id: KeyResultId::from(kr_id.clone()),
            title,
            measure,
            weight: 1.0,
            responsible,
            key_partner: None,
        };
        if status.is_some() {
            let (ours, differences) = explain_kr(None, &kr, &hints);
            recon.push(Reconciliation {
                element: ElementKind::KeyResult,
                id: kr_id,
                source_path: format!("{path}.status"),
                source_progress: None,
                source_status: status,
                okrkit_progress: ours,
                differences,
            });
        }
        b.doc.objectives[oi].key_results.push(kr);
    }
    for (k, g) in goals.into_iter().enumerate() {
        if is_objective[k]
            && let Some((status, spath)) = source_status.get(&g.gid)
        {
            let o = &b.doc.objectives[objective_of[&k]];
            let (ours, differences) = explain_objective(None, &o.key_results, &[], &[]);
            recon.push(Reconciliation {
                element: ElementKind::Objective,
                id: g.gid.clone(),
                source_path: spath.clone(),
                source_progress: None,
                source_status: Some(status.clone()),
                okrkit_progress: ours,
                differences,
            });
        }
        g.obj.finish(&mut ctx);
    }
    finish(b, ctx, recon)
}

fn metric(
    mut m: Obj<'_>,
    status: Option<&str>,
    ctx: &mut Ctx,
    hints: &mut Vec<Difference>,
) -> Measure {
    let measure = metric_values(&mut m, status, ctx, hints);
    m.finish(ctx);
    measure
}

fn metric_values(
    m: &mut Obj<'_>,
    status: Option<&str>,
    ctx: &mut Ctx,
    hints: &mut Vec<Difference>,
) -> Measure {
    let initial = m.num("initial_number_value", ctx);
    let target = m.num("target_number_value", ctx);
    let current = m.num("current_number_value", ctx);
    let source = m.str("progress_source", ctx);
    let unit_kind = m.str("unit", ctx);
    let currency = m.str("currency_code", ctx);
    m.skip(&["precision", "current_display_value", "resource_subtype"]);
    for f in ["precision", "current_display_value", "resource_subtype"] {
        if m.map.get(f).is_some_and(|v| !v.is_null()) {
            ctx.tally.not_carried(
                &format!("goals[].metric.{f}"),
                "display detail (okrkit keeps full precision)",
            );
        }
    }
    let tasks = matches!(
        source.as_deref(),
        Some("task_completion" | "project_task_completion" | "project_milestone_completion")
    );
    if tasks {
        hints.push(Difference::BlendsTasks);
        ctx.tally.converted(
            "goals[].metric.progress_source",
            "key_result.measure",
            "progress from task completion is an output (R1): a milestone",
        );
        let done =
            status == Some("achieved") || matches!((current, target), (Some(c), Some(t)) if c >= t);
        for (f, v) in [
            ("initial_number_value", initial),
            ("target_number_value", target),
            ("current_number_value", current),
        ] {
            if v.is_some() {
                ctx.tally.converted(
                    &format!("goals[].metric.{f}"),
                    "key_result.measure.done",
                    "done when current reaches target",
                );
            }
        }
        return Measure::Milestone { done };
    }
    if source.is_some() {
        ctx.tally
            .carried("goals[].metric.progress_source", "key_result.measure.type");
    }
    let (scale, unit) = match unit_kind.as_deref() {
        Some("percentage") => {
            ctx.tally.converted(
                "goals[].metric.unit",
                "key_result.measure.unit",
                "Asana percentages are fractions (0.25 = 25%): values times 100, unit %",
            );
            (100.0, Some("%".to_owned()))
        }
        Some("currency") => {
            ctx.tally.converted(
                "goals[].metric.unit",
                "key_result.measure.unit",
                "the currency_code is the unit",
            );
            (1.0, currency.clone())
        }
        Some("none") | None => (1.0, None),
        Some(other) => {
            ctx.problem(
                ProblemCode::InvalidValue,
                &m.at("unit"),
                format!("'{other}' is not none, percentage or currency"),
            );
            (1.0, None)
        }
    };
    if currency.is_some() && unit_kind.as_deref() != Some("currency") {
        ctx.tally
            .not_carried("goals[].metric.currency_code", "the unit is not currency");
    } else if currency.is_some() {
        ctx.tally
            .carried("goals[].metric.currency_code", "key_result.measure.unit");
    }
    let s = |x: f64| {
        if scale == 1.0 {
            x
        } else {
            (x * scale * 1e9).round() / 1e9
        }
    };
    let note = if scale == 1.0 {
        ""
    } else {
        "times 100 (percentage)"
    };
    for (f, into, v) in [
        ("initial_number_value", "baseline", initial),
        ("target_number_value", "target", target),
        ("current_number_value", "current", current),
    ] {
        if v.is_some() {
            if scale == 1.0 {
                ctx.tally.carried(
                    &format!("goals[].metric.{f}"),
                    &format!("key_result.measure.{into}"),
                );
            } else {
                ctx.tally.converted(
                    &format!("goals[].metric.{f}"),
                    &format!("key_result.measure.{into}"),
                    note,
                );
            }
        }
    }
    let (Some(b0), Some(t0)) = (initial, target) else {
        let missing = if initial.is_none() {
            "initial_number_value"
        } else {
            "target_number_value"
        };
        ctx.problem(
            ProblemCode::Parse,
            &m.at(missing),
            format!("the metric has no {missing}"),
        );
        return Measure::Metric {
            baseline: initial.map(s).unwrap_or(0.0),
            target: target.map(s).unwrap_or(0.0),
            current: current.map(s),
            unit,
        };
    };
    if b0 == t0 {
        ctx.problem(
            ProblemCode::TargetEqualsBaseline,
            &m.at("target_number_value"),
            format!("the target ({t0}) equals the initial value: nothing to progress toward (not guessed)"),
        );
    }
    Measure::Metric {
        baseline: s(b0),
        target: s(t0),
        current: current.map(s),
        unit,
    }
}

fn finish(b: DocBuilder, ctx: Ctx, reconciliation: Vec<Reconciliation>) -> Imported {
    super::json_source::finish("asana", b, ctx, reconciliation)
}
