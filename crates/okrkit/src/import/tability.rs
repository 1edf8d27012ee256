//! Tability: plans, objectives, outcomes (key results) and check-ins, as the
//! Tability API v2 returns them, gathered in one object:
//! `{"plans": [...], "objectives": [...], "outcomes": [...], "checkins": [...]}`.
//!
//! Field names from the Tability API reference: outcomes
//! (<https://guides.tability.app/api/tability-api/api-reference/outcomes>:
//! `id`, `objective_id`, `title`, `from`, `to`, `score_format`,
//! `outcome_type`, `weight`, `membership`, `current_checkin`,
//! `outcome_progress_prct`, `initiative_progress_prct`, `completed`) and
//! check-ins (<https://guides.tability.app/api/tability-api/api-reference/checkins>:
//! `outcome_id`, `checkin_date`, `score`, `confidence`, `body`,
//! `membership`); outcome types from
//! <https://guides.tability.io/docs/become-a-tability-power-user/features/outcomes-key-results/outcome-types>.
//! Plans: `id`, `title`, `start_at`, `finish_at`; objectives: `id`,
//! `plan_id`, `title`.
//!
//! Semantics:
//! - a plan is a team's plan for a period: its `id`/`title` become the team
//!   and its dates the cycle (both reported as converted);
//! - `outcome_type` `improve_metric` (from X to Y) is a metric from `from` to
//!   `to`; `stay_above` / `stay_below` is a **threshold** at `to`;
//!   `no_metric` (non-measurable) and `milestones` (progress from
//!   initiatives: an output, R1) are milestones, done when `completed`;
//!   another type (`kpi`, `rollup`) is a problem, not guessed;
//! - a check-in `id` given twice is a `duplicate_id` problem, and the second
//!   check-in is not carried (never the last one winning);
//!   `from == to` on a metric is `target_equals_baseline`;
//! - the latest check-in's `score` is the current value; every check-in is
//!   carried with its `body` as the note; its colour `confidence`
//!   (green/yellow/red) is not turned into okrkit's 0–10 number (not
//!   carried), and the outcome's latest colour is kept in the reconciliation;
//! - `score_format` gives the unit (`%`, a currency sign) with the number
//!   placeholder removed;
//! - the outcome's `membership` (its owner) is its responsible person;
//! - Tability's `outcome_progress_prct` is reported beside okrkit's progress.
//! - paging: Tability's API pages in HTTP headers (`X-Total`, `Link`;
//!   <https://guides.tability.io/api/tability-api/pagination>), not in the
//!   JSON, so an export cannot say it is partial; a top-level key other
//!   than the four lists is reported as `not_carried`.
//!
//! ```
//! let imported = okrkit::import::tability::read_str(r#"{
//!   "plans": [{"id": "p1", "title": "Sales Q1", "start_at": "2026-01-01", "finish_at": "2026-03-31"}],
//!   "objectives": [{"id": "o1", "plan_id": "p1", "title": "Grow revenue"}],
//!   "outcomes": [{"id": "k1", "objective_id": "o1", "title": "Revenue from $1M to $1.3M",
//!     "from": 1000000, "to": 1300000, "score_format": "$_number_", "outcome_type": "improve_metric", "weight": 1}],
//!   "checkins": [{"outcome_id": "k1", "checkin_date": "2026-02-01T00:00:00.000Z", "score": 1100000, "confidence": "yellow"}]}"#)?;
//! assert!(!imported.report.has_problems());
//! assert_eq!(imported.document.check_ins.len(), 1);
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::json_source::{Ctx, DocBuilder, Obj, date, parse};
use super::reconcile::{Difference, ElementKind, Reconciliation, explain_kr, explain_objective};
use super::report::Imported;
use crate::error::{ProblemCode, Result};
use crate::ids::*;
use crate::model::*;
use serde_json::Value;
use std::collections::HashMap;

/// Reads a Tability export from JSON text.
pub fn read_str(text: &str) -> Result<Imported> {
    Ok(read(&parse(text)?))
}

fn array<'a>(root: &'a Value, key: &str, ctx: &mut Ctx) -> &'a [Value] {
    match root.get(key) {
        Some(Value::Array(a)) => a,
        None | Some(Value::Null) => &[],
        Some(_) => {
            ctx.problem(ProblemCode::Parse, key, format!("'{key}' is not a list"));
            &[]
        }
    }
}

fn unit_of(format: &str) -> Option<String> {
    let u = format.replace("_number_", "").replace("_number", "");
    let u = u.trim();
    (!u.is_empty()).then(|| u.to_owned())
}

/// Reads a Tability export from a JSON value.
pub fn read(root: &Value) -> Imported {
    let mut ctx = Ctx::default();
    let mut b = DocBuilder::default();
    let mut recon = Vec::new();
    if !root.is_object() {
        ctx.problem(
            ProblemCode::Parse,
            "",
            "expected an object with plans, objectives, outcomes and checkins",
        );
        return finish(b, ctx, recon);
    }
    if let Some(map) = root.as_object() {
        for k in map.keys() {
            if !["plans", "objectives", "outcomes", "checkins"].contains(&k.as_str()) {
                ctx.tally.not_carried(k, "not a Tability list okrkit reads");
            }
        }
    }
    let mut plans: HashMap<String, (TeamId, CycleId)> = HashMap::new();
    for (i, p) in array(root, "plans", &mut ctx).iter().enumerate() {
        let Some(mut p) = Obj::new(p, format!("plans[{i}]"), "plans[]".into(), &mut ctx) else {
            continue;
        };
        let id = p.str("id", &mut ctx).unwrap_or_default();
        let title = p.str("title", &mut ctx);
        let s = p.str("start_at", &mut ctx).and_then(|d| date(&d));
        let e = p.str("finish_at", &mut ctx).and_then(|d| date(&d));
        let team = b.team(&id, title.clone());
        ctx.tally.converted(
            "plans[].id",
            "team / cycle",
            "a plan is a team's plan for a period",
        );
        let cycle = match (s, e) {
            (Some(s), Some(e)) => {
                ctx.tally.converted(
                    "plans[].start_at/finish_at",
                    "cycle",
                    "the plan's period is the cycle",
                );
                let path = p.path.clone();
                b.cycle(&id, title, s, e, &path, &mut ctx)
            }
            _ => {
                ctx.problem(
                    ProblemCode::Parse,
                    &p.at("start_at"),
                    "the plan has no start_at/finish_at dates: no cycle",
                );
                CycleId::from(id.clone())
            }
        };
        plans.insert(id, (team, cycle));
        p.finish(&mut ctx);
    }
    let mut objective_at: HashMap<String, usize> = HashMap::new();
    for (i, o) in array(root, "objectives", &mut ctx).iter().enumerate() {
        let Some(mut o) = Obj::new(
            o,
            format!("objectives[{i}]"),
            "objectives[]".into(),
            &mut ctx,
        ) else {
            continue;
        };
        let id = o.str("id", &mut ctx).unwrap_or_default();
        if id.is_empty() || !b.claim(&id, &o.at("id"), &mut ctx) {
            if id.is_empty() {
                ctx.problem(ProblemCode::EmptyId, &o.at("id"), "the objective has no id");
            }
            o.finish(&mut ctx);
            continue;
        }
        let title = o.str("title", &mut ctx).unwrap_or_default();
        let (team, cycle) = match o
            .str("plan_id", &mut ctx)
            .and_then(|p| plans.get(&p).cloned())
        {
            Some(tc) => tc,
            None => {
                ctx.problem(
                    ProblemCode::DanglingReference,
                    &o.at("plan_id"),
                    "the objective's plan is not in the export",
                );
                (TeamId::from(String::new()), CycleId::from(String::new()))
            }
        };
        ctx.tally
            .add_n("objectives[]", super::Fate::Carried, "objective", "", 1);
        ctx.tally.defaulted(
            "objective.type",
            "aspirational (Tability has no committed/aspirational)",
        );
        objective_at.insert(id.clone(), b.doc.objectives.len());
        b.doc.objectives.push(Objective {
            id: ObjectiveId::from(id),
            title,
            team,
            cycle,
            kind: ObjectiveType::Aspirational,
            aligned_to: None,
            visibility: Visibility::Public,
            key_results: Vec::new(),
        });
        o.finish(&mut ctx);
    }
    // Check-ins first: the latest score is the current value.
    struct Ci {
        index: usize,
        at: chrono::DateTime<chrono::Utc>,
        score: f64,
        confidence: Option<String>,
        note: Option<String>,
        author: Option<PersonId>,
    }
    let mut checkins: HashMap<String, Vec<Ci>> = HashMap::new();
    // Check-in id → where it was first: a second check-in with the same id
    // is a problem, never the last one winning.
    let mut checkin_ids: HashMap<String, usize> = HashMap::new();
    for (i, c) in array(root, "checkins", &mut ctx).iter().enumerate() {
        let Some(mut c) = Obj::new(c, format!("checkins[{i}]"), "checkins[]".into(), &mut ctx)
        else {
            continue;
        };
        if let Some(id) = c.str("id", &mut ctx) {
            ctx.tally.not_carried(
                "checkins[].id",
                "okrkit check-ins have no id (read to refuse duplicates)",
            );
            if let Some(first) = checkin_ids.get(&id) {
                ctx.problem(
                    ProblemCode::DuplicateId,
                    &c.at("id"),
                    format!("check-in id '{id}' is also at checkins[{first}]: which one is meant is ambiguous"),
                );
                ctx.tally
                    .not_carried("checkins[]", "its id is given twice (see problems)");
                c.finish(&mut ctx);
                continue;
            }
            checkin_ids.insert(id, i);
        }
        let outcome = c.str("outcome_id", &mut ctx);
        let at = c.str("checkin_date", &mut ctx).and_then(|d| {
            chrono::DateTime::parse_from_rfc3339(&d)
                .map(|t| t.to_utc())
                .ok()
                .or_else(|| {
                    date(&d)
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map(|t| t.and_utc())
                })
        });
        let score = c.num("score", &mut ctx);
        let confidence = c.str("confidence", &mut ctx);
        let note = c.str("body", &mut ctx);
        let author = match c.obj("membership", &mut ctx) {
            Some(m) => person(
                m,
                &mut b,
                &mut ctx,
                "checkins[].membership",
                "check_in.author",
            ),
            None => None,
        };
        match (outcome, at, score) {
            (Some(o), Some(at), Some(score)) => {
                if confidence.is_some() {
                    ctx.tally.not_carried(
                        "checkins[].confidence",
                        "a colour (green/yellow/red), not okrkit's 0–10 confidence",
                    );
                }
                checkins.entry(o).or_default().push(Ci {
                    index: i,
                    at,
                    score,
                    confidence,
                    note,
                    author,
                });
            }
            (o, at, _) => {
                let missing = if o.is_none() {
                    "outcome_id"
                } else if at.is_none() {
                    "checkin_date"
                } else {
                    "score"
                };
                ctx.problem(
                    ProblemCode::Parse,
                    &c.at(missing),
                    format!("the check-in has no readable {missing}"),
                );
            }
        }
        c.finish(&mut ctx);
    }
    let mut kids: HashMap<usize, Vec<Option<f64>>> = HashMap::new();
    let mut pending = Vec::new();
    for (i, o) in array(root, "outcomes", &mut ctx).iter().enumerate() {
        let Some(mut o) = Obj::new(o, format!("outcomes[{i}]"), "outcomes[]".into(), &mut ctx)
        else {
            continue;
        };
        let path = o.path.clone();
        let id = o.str("id", &mut ctx).unwrap_or_default();
        if id.is_empty() || !b.claim(&id, &o.at("id"), &mut ctx) {
            if id.is_empty() {
                ctx.problem(ProblemCode::EmptyId, &o.at("id"), "the outcome has no id");
            }
            o.finish(&mut ctx);
            continue;
        }
        ctx.tally.carried("outcomes[].id", "key_result.id");
        let title = o.str("title", &mut ctx).unwrap_or_default();
        ctx.tally.carried("outcomes[].title", "key_result.title");
        let Some(oi) = o
            .str("objective_id", &mut ctx)
            .and_then(|p| objective_at.get(&p).copied())
        else {
            ctx.problem(
                ProblemCode::DanglingReference,
                &o.at("objective_id"),
                "the outcome's objective is not in the export",
            );
            o.finish(&mut ctx);
            continue;
        };
        let from = o.num("from", &mut ctx);
        let to = o.num("to", &mut ctx);
        let unit = o.str("score_format", &mut ctx).and_then(|f| {
            ctx.tally.converted(
                "outcomes[].score_format",
                "key_result.measure.unit",
                "the format without its number placeholder",
            );
            unit_of(&f)
        });
        let kind = o.str("outcome_type", &mut ctx);
        let weight = o.num("weight", &mut ctx);
        let completed = o.bool("completed", &mut ctx);
        let source = o.num("outcome_progress_prct", &mut ctx);
        let tasks = o.num("initiative_progress_prct", &mut ctx);
        let responsible = match o.obj("membership", &mut ctx) {
            Some(m) => person(
                m,
                &mut b,
                &mut ctx,
                "outcomes[].membership",
                "key_result.responsible",
            ),
            None => None,
        };
        if let Some(mut cur) = o.obj("current_checkin", &mut ctx) {
            cur.skip(&["score", "confidence", "id", "outcome_id", "checkin_date"]);
            ctx.tally.not_carried(
                "outcomes[].current_checkin",
                "the same check-in is in checkins[] (its score is the current value)",
            );
        }
        let mut list = checkins.remove(&id).unwrap_or_default();
        list.sort_by_key(|c| c.at);
        let latest = list.last().map(|c| c.score);
        let colour = list.last().and_then(|c| c.confidence.clone());
        let mut hints = Vec::new();
        let measure = match kind.as_deref() {
            Some("improve_metric") | None => {
                if kind.is_some() {
                    ctx.tally
                        .carried("outcomes[].outcome_type", "key_result.measure.type");
                } else {
                    ctx.tally
                        .defaulted("key_result.measure.type", "metric (no outcome_type given)");
                }
                match (from, to) {
                    (Some(f), Some(t)) => {
                        if f == t {
                            ctx.problem(ProblemCode::TargetEqualsBaseline, &o.at("to"), format!("'to' equals 'from' ({f}): nothing to progress toward (not guessed)"));
                        }
                        ctx.tally
                            .carried("outcomes[].from", "key_result.measure.baseline");
                        ctx.tally
                            .carried("outcomes[].to", "key_result.measure.target");
                        Some(Measure::Metric {
                            baseline: f,
                            target: t,
                            current: latest,
                            unit,
                        })
                    }
                    _ => {
                        let missing = if from.is_none() { "from" } else { "to" };
                        ctx.problem(
                            ProblemCode::Parse,
                            &o.at(missing),
                            format!("a from-X-to-Y outcome needs '{missing}'"),
                        );
                        None
                    }
                }
            }
            Some(k @ ("stay_above" | "stay_below")) => {
                ctx.tally.converted(
                    "outcomes[].outcome_type",
                    "key_result.measure",
                    "stay above/below is a threshold",
                );
                if from.is_some() {
                    ctx.tally
                        .not_carried("outcomes[].from", "a threshold has no start");
                }
                match to {
                    Some(t) => {
                        ctx.tally
                            .converted("outcomes[].to", "key_result.measure.bound", "");
                        let direction = if k == "stay_above" {
                            ThresholdDirection::AtLeast
                        } else {
                            ThresholdDirection::AtMost
                        };
                        Some(Measure::Threshold {
                            direction,
                            bound: t,
                            current: latest,
                            unit,
                        })
                    }
                    None => {
                        ctx.problem(
                            ProblemCode::Parse,
                            &o.at("to"),
                            "a stay-above/below outcome needs 'to'",
                        );
                        None
                    }
                }
            }
            Some(k @ ("no_metric" | "milestones")) => {
                if k == "milestones" {
                    hints.push(Difference::BlendsTasks);
                }
                ctx.tally.converted("outcomes[].outcome_type", "key_result.measure", "non-measurable / initiative-driven: a milestone (an output, R1), done when completed");
                Some(Measure::Milestone {
                    done: completed == Some(true),
                })
            }
            Some(other) => {
                ctx.problem(ProblemCode::InvalidValue, &o.at("outcome_type"), format!("'{other}' has no okrkit measure (from X to Y, stay above/below, no_metric, milestones)"));
                None
            }
        };
        if completed.is_some() {
            ctx.tally.carried(
                "outcomes[].completed",
                "key_result.measure.done (milestones)",
            );
        }
        if tasks.is_some() {
            ctx.tally.not_carried(
                "outcomes[].initiative_progress_prct",
                "initiatives never move progress (R2)",
            );
        }
        let weight = match weight {
            Some(w) => {
                ctx.tally.carried("outcomes[].weight", "key_result.weight");
                w
            }
            None => {
                ctx.tally
                    .defaulted("key_result.weight", "1 (no weight given)");
                1.0
            }
        };
        o.finish(&mut ctx);
        let Some(measure) = measure else {
            ctx.tally.not_carried(
                "outcomes[]",
                "no okrkit measure for this outcome (see problems)",
            );
            for c in list {
                ctx.tally
                    .not_carried("checkins[]", "its outcome is not carried");
                let _ = c;
            }
            continue;
        };
        let kr = KeyResult {
            id: KeyResultId::from(id.clone()),
            title,
            measure,
            weight,
            responsible,
            key_partner: None,
        };
        for c in list {
            ctx.tally.carried("checkins[].score", "check_in.value");
            ctx.tally.carried("checkins[].checkin_date", "check_in.at");
            if c.note.is_some() {
                ctx.tally.carried("checkins[].body", "check_in.note");
            }
            b.doc.check_ins.push(CheckIn {
                key_result: KeyResultId::from(id.clone()),
                at: c.at,
                value: c.score,
                confidence: None,
                note: c.note,
                author: c.author,
            });
        }
        if source.is_some() {
            ctx.tally.carried(
                "outcomes[].outcome_progress_prct",
                "report.reconciliation.source_progress",
            );
        }
        kids.entry(oi).or_default().push(source);
        if source.is_some() || colour.is_some() {
            let (ours, differences) = explain_kr(source, &kr, &hints);
            recon.push(Reconciliation {
                element: ElementKind::KeyResult,
                id: id.clone(),
                source_path: format!("{path}.outcome_progress_prct"),
                source_progress: source,
                source_status: colour,
                okrkit_progress: ours,
                differences,
            });
        }
        pending.push((oi, kr));
    }
    for (oi, kr) in pending {
        b.doc.objectives[oi].key_results.push(kr);
    }
    let mut orphans: Vec<(usize, String)> = checkins
        .into_iter()
        .flat_map(|(o, list)| list.into_iter().map(move |c| (c.index, o.clone())))
        .collect();
    orphans.sort();
    for (i, o) in orphans {
        ctx.tally
            .not_carried("checkins[]", "its outcome is not in the export");
        ctx.problem(
            ProblemCode::UnknownKeyResult,
            &format!("checkins[{i}].outcome_id"),
            format!("the check-in names outcome '{o}', which is not in the export"),
        );
    }
    for (oi, o) in b.doc.objectives.iter().enumerate() {
        if let Some(k) = kids.get(&oi)
            && k.iter().any(Option::is_some)
        {
            let mean = {
                let known: Vec<f64> = k.iter().flatten().copied().collect();
                known.iter().sum::<f64>() / known.len() as f64
            };
            let (ours, differences) = explain_objective(Some(mean), &o.key_results, k, &[]);
            recon.push(Reconciliation {
                element: ElementKind::Objective,
                id: o.id.to_string(),
                source_path: format!(
                    "objectives[{}] (mean of its outcomes' outcome_progress_prct)",
                    oi
                ),
                source_progress: Some(mean),
                source_status: None,
                okrkit_progress: ours,
                differences,
            });
        }
    }
    finish(b, ctx, recon)
}

fn person(
    mut m: Obj<'_>,
    b: &mut DocBuilder,
    ctx: &mut Ctx,
    field: &str,
    into: &str,
) -> Option<PersonId> {
    let uid = m.str("user_id", ctx);
    let first = m.str("cached_firstname", ctx);
    let last = m.str("cached_lastname", ctx);
    m.finish(ctx);
    let uid = uid?;
    ctx.tally.carried(field, into);
    let name = match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.or(l),
    };
    Some(b.person(&uid, name))
}

fn finish(b: DocBuilder, ctx: Ctx, reconciliation: Vec<Reconciliation>) -> Imported {
    super::json_source::finish("tability", b, ctx, reconciliation)
}
