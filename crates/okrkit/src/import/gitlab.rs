//! GitLab OKRs: work items of type *Objective* and *Key Result*, as GitLab's
//! GraphQL API returns them (`project.workItems.nodes`, or a bare list of
//! nodes), with their widgets.
//!
//! Field names from GitLab's GraphQL API reference
//! (<https://docs.gitlab.com/api/graphql/reference/>): `WorkItem` (`id`,
//! `iid`, `title`, `state`, `workItemType.name`, `widgets`), and the widgets
//! `WorkItemWidgetProgress` (`progress`, `startValue`, `currentValue`,
//! `endValue` — see <https://gitlab.com/gitlab-org/gitlab/-/merge_requests/128142>),
//! `WorkItemWidgetHealthStatus` (`healthStatus`), `WorkItemWidgetHierarchy`
//! (`parent.id`), `WorkItemWidgetAssignees` (`assignees.nodes[]`),
//! `WorkItemWidgetMilestone` (`milestone.title/startDate/dueDate`) and
//! `WorkItemWidgetStartAndDueDate` (`startDate`, `dueDate`). A widget is
//! recognised by its `type` (`PROGRESS`, `HEALTH_STATUS`, …).
//!
//! Semantics:
//! - an Objective is an objective; one whose hierarchy parent is an
//!   objective is aligned to it (cascaded); a Key Result belongs to its parent
//!   objective; other work item types (tasks, issues) are not carried;
//! - the progress widget's `startValue`/`endValue`/`currentValue` are the
//!   metric's baseline, target and current; a key result with only a typed
//!   `progress` percentage becomes a 0–100 % metric (reported as converted,
//!   `manual_progress` in the reconciliation); `startValue == endValue` is a
//!   `target_equals_baseline` problem, not guessed;
//! - the first assignee of a key result is its responsible person (further
//!   assignees and an objective's assignees are not carried: R6);
//! - GitLab has no teams: the `fullPath` of the project or group the export
//!   came from is the team (defaulted to `gitlab` when absent);
//! - the cycle is the objective's milestone (`title`, `startDate`,
//!   `dueDate`), else its start and due dates;
//! - GitLab's own `progress` (a whole percent, capped, averaged over children
//!   for an objective) and `healthStatus` are reported beside okrkit's.
//!
//! ```
//! let imported = okrkit::import::gitlab::read_str(r#"{"data": {"project": {"fullPath": "acme/web",
//!   "workItems": {"nodes": [
//!     {"id": "gid://gitlab/WorkItem/1", "title": "Delight shoppers", "workItemType": {"name": "Objective"},
//!      "widgets": [{"type": "MILESTONE", "milestone": {"title": "FY26-Q1", "startDate": "2026-01-01", "dueDate": "2026-03-31"}},
//!                  {"type": "PROGRESS", "progress": 40}]},
//!     {"id": "gid://gitlab/WorkItem/2", "title": "NPS from 30 to 40", "workItemType": {"name": "Key Result"},
//!      "widgets": [{"type": "HIERARCHY", "parent": {"id": "gid://gitlab/WorkItem/1"}},
//!                  {"type": "PROGRESS", "progress": 40, "startValue": 30, "currentValue": 34, "endValue": 40}]}]}}}}"#)?;
//! assert!(!imported.report.has_problems());
//! assert_eq!(imported.document.objectives[0].key_results.len(), 1);
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

/// Reads GitLab OKR work items from JSON text.
pub fn read_str(text: &str) -> Result<Imported> {
    Ok(read(&parse(text)?))
}

#[derive(Default)]
struct Item {
    index: usize,
    id: String,
    title: String,
    kind: String,
    parent: Option<String>,
    progress: Option<f64>,
    start: Option<f64>,
    current: Option<f64>,
    end: Option<f64>,
    health: Option<String>,
    assignees: Vec<(String, Option<String>)>,
    cycle: Option<(String, Option<String>, chrono::NaiveDate, chrono::NaiveDate)>,
    dates_path: String,
    progress_path: String,
}

fn owner_path(root: &Value) -> Option<String> {
    let data = root.get("data").unwrap_or(root);
    ["project", "group", "namespace"]
        .iter()
        .find_map(|k| data.get(*k)?.get("fullPath")?.as_str().map(str::to_owned))
}

/// Reads GitLab OKR work items from a JSON value.
pub fn read(root: &Value) -> Imported {
    let mut ctx = Ctx::default();
    let mut b = DocBuilder::default();
    let mut recon = Vec::new();
    // A GraphQL response with `errors` may hold part of the data, or none.
    if let Some(errors) = root.get("errors").filter(|e| !e.is_null()) {
        let n = errors.as_array().map_or(1, Vec::len);
        ctx.tally.add(
            "errors",
            super::Fate::NotCarried,
            "",
            "GraphQL errors: the data may be partial (see problems)",
        );
        if n > 0 {
            let first = errors
                .get(0)
                .and_then(|e| e.get("message"))
                .and_then(Value::as_str)
                .unwrap_or("no message");
            partial(
                &mut ctx,
                "errors",
                &format!("the GraphQL response has {n} error(s), the first: '{first}'"),
            );
        }
    }
    let Some(nodes) = list(
        root,
        &["workItems", "nodes", "work_items", "project", "group"],
    ) else {
        ctx.problem(
            ProblemCode::Parse,
            "work_items",
            "expected a list of work items (or a GraphQL response with workItems.nodes)",
        );
        return finish(b, ctx, recon);
    };
    // A connection's `pageInfo` says whether pages come before or after
    // this one (`hasNextPage`, `hasPreviousPage`; cursors `endCursor`,
    // `startCursor`): either, and the export is partial.
    envelope(root, nodes, &mut ctx, |path, key, v, ctx| {
        if path.is_empty() && key == "errors" {
            return Envelope::Read;
        }
        if key == "fullPath"
            && [
                "data.project",
                "data.group",
                "data.namespace",
                "project",
                "group",
                "namespace",
            ]
            .contains(&path)
        {
            return Envelope::Read;
        }
        if key != "pageInfo" {
            return Envelope::Other;
        }
        let at = if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        let Some(info) = v.as_object() else {
            return Envelope::Other;
        };
        page_info(ctx, &at, info, "work items");
        Envelope::Reported
    });
    let team = match owner_path(root) {
        Some(p) => {
            ctx.tally.converted(
                "project.fullPath",
                "team",
                "the project or group owning the work items is the team",
            );
            b.team(&p, None)
        }
        None => {
            ctx.tally.defaulted(
                "objective.team",
                "'gitlab' (GitLab has no teams and the export names no project)",
            );
            b.team("gitlab", Some("GitLab".into()))
        }
    };
    let mut items = Vec::new();
    for (i, v) in nodes.iter().enumerate() {
        let Some(mut o) = Obj::new(
            v,
            format!("work_items[{i}]"),
            "work_items[]".into(),
            &mut ctx,
        ) else {
            continue;
        };
        let mut it = Item {
            index: i,
            ..Item::default()
        };
        it.kind = match o.obj("workItemType", &mut ctx) {
            Some(mut t) => {
                let n = t.str("name", &mut ctx).unwrap_or_default();
                t.skip(&["id", "__typename", "iconName"]);
                t.finish(&mut ctx);
                n
            }
            None => String::new(),
        };
        if it.kind != "Objective" && it.kind != "Key Result" {
            ctx.tally
                .not_carried("work_items[]", "not an Objective or Key Result work item");
            continue;
        }
        ctx.tally
            .carried("work_items[].workItemType.name", "objective / key_result");
        match o.str("id", &mut ctx) {
            Some(id) => {
                ctx.tally
                    .carried("work_items[].id", "objective.id / key_result.id");
                if !b.claim(&id, &o.at("id"), &mut ctx) {
                    o.finish(&mut ctx);
                    continue;
                }
                it.id = id;
            }
            None => {
                ctx.problem(ProblemCode::EmptyId, &o.at("id"), "the work item has no id");
                o.finish(&mut ctx);
                continue;
            }
        }
        it.title = o.str("title", &mut ctx).unwrap_or_default();
        ctx.tally.carried("work_items[].title", "title");
        o.skip(&["__typename"]);
        if let Some(ws) = o.arr("widgets", &mut ctx) {
            for (j, w) in ws.iter().enumerate() {
                let Some(mut w) = Obj::new(
                    w,
                    format!("work_items[{i}].widgets[{j}]"),
                    String::new(),
                    &mut ctx,
                ) else {
                    continue;
                };
                let ty = w.str("type", &mut ctx).unwrap_or_else(|| "UNTYPED".into());
                w.skip(&["__typename"]);
                w.generic = format!("work_items[].widgets[{ty}]");
                if ty == "PROGRESS" {
                    it.progress_path = w.path.clone();
                }
                widget(&ty, &mut w, &mut it, &mut ctx);
                w.finish(&mut ctx);
            }
        }
        it.dates_path = format!("work_items[{i}].widgets");
        o.finish(&mut ctx);
        items.push(it);
    }
    let kind_of: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(k, it)| (it.id.clone(), k))
        .collect();
    let mut objective_at: HashMap<String, usize> = HashMap::new();
    let mut source_of: HashMap<String, (Option<f64>, Option<String>, String)> = HashMap::new();
    for it in items.iter().filter(|it| it.kind == "Objective") {
        let path = format!("work_items[{}]", it.index);
        let cycle = match &it.cycle {
            Some((id, name, s, e)) => b.cycle(id, name.clone(), *s, *e, &it.dates_path, &mut ctx),
            None => {
                ctx.problem(
                    ProblemCode::Parse,
                    &it.dates_path,
                    "the objective has no milestone and no start/due dates: no cycle",
                );
                CycleId::from(String::new())
            }
        };
        let aligned_to = it.parent.as_ref().and_then(|p| {
            let k = *kind_of.get(p)?;
            (items[k].kind == "Objective").then(|| Alignment {
                objective: ObjectiveId::from(p.clone()),
                how: AlignmentKind::Cascaded,
            })
        });
        if !it.assignees.is_empty() {
            ctx.tally.add_n(
                "work_items[].widgets[ASSIGNEES].assignees.nodes[]",
                super::Fate::NotCarried,
                "",
                "an objective is owned by its team, never a person (R6)",
                it.assignees.len(),
            );
        }
        ctx.tally.defaulted(
            "objective.type",
            "aspirational (GitLab has no committed/aspirational)",
        );
        objective_at.insert(it.id.clone(), b.doc.objectives.len());
        let ppath = if it.progress_path.is_empty() {
            format!("{path}.widgets")
        } else {
            format!("{}.progress", it.progress_path)
        };
        source_of.insert(
            it.id.clone(),
            (it.progress.map(|p| p / 100.0), it.health.clone(), ppath),
        );
        b.doc.objectives.push(Objective {
            id: ObjectiveId::from(it.id.clone()),
            title: it.title.clone(),
            team: team.clone(),
            cycle,
            kind: ObjectiveType::Aspirational,
            aligned_to,
            visibility: Visibility::Public,
            key_results: Vec::new(),
        });
    }
    let mut children: HashMap<usize, Vec<Option<f64>>> = HashMap::new();
    for it in items.iter().filter(|it| it.kind == "Key Result") {
        let path = format!("work_items[{}]", it.index);
        let Some(&oi) = it.parent.as_ref().and_then(|p| objective_at.get(p)) else {
            ctx.problem(
                ProblemCode::DanglingReference,
                &format!("{path}.widgets"),
                "the key result has no parent objective in the export",
            );
            continue;
        };
        if it.cycle.is_some() {
            ctx.tally.not_carried(
                "work_items[].widgets[MILESTONE]",
                "a key result has its objective's cycle",
            );
        }
        let mut hints = Vec::new();
        let measure = match (it.start, it.end) {
            (Some(s), Some(e)) => {
                if s == e {
                    ctx.problem(ProblemCode::TargetEqualsBaseline, &format!("{}.endValue", it.progress_path), format!("endValue equals startValue ({s}): nothing to progress toward (not guessed)"));
                }
                Measure::Metric {
                    baseline: s,
                    target: e,
                    current: it.current,
                    unit: None,
                }
            }
            _ => match it.progress {
                Some(p) => {
                    hints.push(Difference::ManualProgress);
                    ctx.tally.converted(
                        "work_items[].widgets[PROGRESS].progress",
                        "key_result.measure",
                        "a typed percentage becomes a 0–100 % metric",
                    );
                    Measure::Metric {
                        baseline: 0.0,
                        target: 100.0,
                        current: Some(p),
                        unit: Some("%".into()),
                    }
                }
                None => {
                    ctx.problem(
                        ProblemCode::Parse,
                        &format!("{path}.widgets"),
                        "the key result has no progress widget: nothing to measure",
                    );
                    Measure::Metric {
                        baseline: 0.0,
                        target: 100.0,
                        current: None,
                        unit: Some("%".into()),
                    }
                }
            },
        };
        let responsible = it.assignees.first().map(|(u, n)| b.person(u, n.clone()));
        if it.assignees.len() > 1 {
            ctx.tally.add_n(
                "work_items[].widgets[ASSIGNEES].assignees.nodes[]",
                super::Fate::NotCarried,
                "",
                "okrkit has one responsible person per key result",
                it.assignees.len() - 1,
            );
        }
        ctx.tally
            .defaulted("key_result.weight", "1 (GitLab has no weights)");
        let kr = KeyResult {
            id: KeyResultId::from(it.id.clone()),
            title: it.title.clone(),
            measure,
            weight: 1.0,
            responsible,
            key_partner: None,
        };
        let source = it.progress.map(|p| p / 100.0);
        children.entry(oi).or_default().push(source);
        if source.is_some() || it.health.is_some() {
            let (ours, differences) = explain_kr(source, &kr, &hints);
            recon.push(Reconciliation {
                element: ElementKind::KeyResult,
                id: it.id.clone(),
                source_path: format!("{}.progress", it.progress_path),
                source_progress: source,
                source_status: it.health.clone(),
                okrkit_progress: ours,
                differences,
            });
        }
        b.doc.objectives[oi].key_results.push(kr);
    }
    for (oi, o) in b.doc.objectives.iter().enumerate() {
        let Some((source, health, path)) = source_of.get(o.id.as_str()) else {
            continue;
        };
        if source.is_none() && health.is_none() {
            continue;
        }
        let kids = children.get(&oi).cloned().unwrap_or_default();
        let (ours, differences) = explain_objective(*source, &o.key_results, &kids, &[]);
        recon.push(Reconciliation {
            element: ElementKind::Objective,
            id: o.id.to_string(),
            source_path: path.clone(),
            source_progress: *source,
            source_status: health.clone(),
            okrkit_progress: ours,
            differences,
        });
    }
    finish(b, ctx, recon)
}

fn widget(ty: &str, w: &mut Obj<'_>, it: &mut Item, ctx: &mut Ctx) {
    match ty {
        "PROGRESS" => {
            it.progress = w.num("progress", ctx);
            it.start = w.num("startValue", ctx);
            it.current = w.num("currentValue", ctx);
            it.end = w.num("endValue", ctx);
            w.skip(&["updatedAt"]);
            if it.progress.is_some() {
                ctx.tally.carried(
                    "work_items[].widgets[PROGRESS].progress",
                    "report.reconciliation.source_progress",
                );
            }
            for (f, v, into) in [
                ("startValue", it.start, "baseline"),
                ("currentValue", it.current, "current"),
                ("endValue", it.end, "target"),
            ] {
                if v.is_some() {
                    ctx.tally.carried(
                        &format!("work_items[].widgets[PROGRESS].{f}"),
                        &format!("key_result.measure.{into}"),
                    );
                }
            }
            if w.map.get("updatedAt").is_some_and(|v| !v.is_null()) {
                ctx.tally.not_carried(
                    "work_items[].widgets[PROGRESS].updatedAt",
                    "okrkit keeps dates on check-ins, not on the key result",
                );
            }
        }
        "HEALTH_STATUS" => {
            it.health = w.str("healthStatus", ctx);
            if it.health.is_some() {
                ctx.tally.carried(
                    "work_items[].widgets[HEALTH_STATUS].healthStatus",
                    "report.reconciliation.source_status",
                );
            }
        }
        "HIERARCHY" => {
            if let Some(mut p) = w.obj("parent", ctx) {
                it.parent = p.str("id", ctx);
                p.skip(&["__typename"]);
                p.finish(ctx);
                ctx.tally.converted(
                    "work_items[].widgets[HIERARCHY].parent.id",
                    "key_result's objective / objective.aligned_to",
                    "the hierarchy becomes objective → key result, or an aligned objective",
                );
            }
            w.skip(&["children", "hasChildren", "hasParent"]);
        }
        "ASSIGNEES" => {
            if let Some(mut a) = w.obj("assignees", ctx) {
                if let Some(nodes) = a.arr("nodes", ctx) {
                    for (k, n) in nodes.iter().enumerate() {
                        if let Some(mut n) = Obj::new(
                            n,
                            format!("{}.assignees.nodes[{k}]", w.path),
                            "work_items[].widgets[ASSIGNEES].assignees.nodes[]".into(),
                            ctx,
                        ) {
                            let user = n.str("username", ctx).or_else(|| n.str("id", ctx));
                            let name = n.str("name", ctx);
                            n.skip(&["__typename"]);
                            if let Some(u) = user {
                                it.assignees.push((u, name));
                            }
                            n.finish(ctx);
                        }
                    }
                }
                // The assignees are a connection of their own: more pages
                // of them and the export is partial, as for the work items.
                if let Some(mut p) = a.obj("pageInfo", ctx) {
                    page_info(ctx, &p.path, p.map, "assignees");
                    let keys: Vec<&str> = p.map.keys().map(String::as_str).collect();
                    p.skip(&keys);
                    p.finish(ctx);
                }
                a.skip(&["__typename"]);
                a.finish(ctx);
            }
            if !it.assignees.is_empty() && it.kind == "Key Result" {
                ctx.tally.carried(
                    "work_items[].widgets[ASSIGNEES].assignees.nodes[0]",
                    "key_result.responsible",
                );
            }
            w.skip(&["allowsMultipleAssignees", "canInviteMembers"]);
        }
        "MILESTONE" => {
            if let Some(mut m) = w.obj("milestone", ctx) {
                let title = m.str("title", ctx);
                let s = m.str("startDate", ctx).and_then(|d| date(&d));
                let e = m.str("dueDate", ctx).and_then(|d| date(&d));
                m.skip(&["__typename"]);
                if let (Some(t), Some(s), Some(e)) = (title.clone(), s, e) {
                    it.cycle = Some((t.clone(), Some(t), s, e));
                    if it.kind == "Objective" {
                        ctx.tally.converted(
                            "work_items[].widgets[MILESTONE].milestone",
                            "cycle",
                            "the milestone is the objective's cycle",
                        );
                    }
                }
                m.finish(ctx);
            }
        }
        "START_AND_DUE_DATE" => {
            let s = w.str("startDate", ctx).and_then(|d| date(&d));
            let e = w.str("dueDate", ctx).and_then(|d| date(&d));
            w.skip(&["rollUp", "isFixed"]);
            if let (Some(s), Some(e), None) = (s, e, &it.cycle) {
                it.cycle = Some((format!("{s}..{e}"), None, s, e));
                if it.kind == "Objective" {
                    ctx.tally.converted(
                        "work_items[].widgets[START_AND_DUE_DATE]",
                        "cycle",
                        "a cycle of the objective's own dates",
                    );
                }
            }
        }
        _ => {}
    }
}

fn finish(b: DocBuilder, ctx: Ctx, reconciliation: Vec<Reconciliation>) -> Imported {
    super::json_source::finish("gitlab", b, ctx, reconciliation)
}

/// A connection's `pageInfo` at `at` (the work items', or a work item's
/// assignees'): each `has…` flag and cursor in the report's fields, and
/// `hasNextPage` / `hasPreviousPage` true a partial export, naming `items`.
fn page_info(ctx: &mut Ctx, at: &str, info: &serde_json::Map<String, Value>, items: &str) {
    for (k, x) in info {
        let field = format!("{at}.{k}");
        let more = x.as_bool() == Some(true);
        if k.starts_with("has") {
            paging_field(ctx, &field, more);
        } else if !x.is_null() {
            ctx.tally
                .add(&field, super::Fate::NotCarried, "", "a paging cursor");
        }
        if more && (k == "hasNextPage" || k == "hasPreviousPage") {
            let side = if k == "hasNextPage" {
                "after"
            } else {
                "before"
            };
            partial(
                ctx,
                &field,
                &format!("{k} is true: more {items} come {side} this page"),
            );
        }
    }
}
