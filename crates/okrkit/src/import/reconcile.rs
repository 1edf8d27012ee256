//! The source's own progress beside okrkit's, with the reason for each difference.

use crate::model::{KeyResult, Measure};
use crate::progress::{attainment, clamp_progress, threshold_met, weighted_mean};
use serde::{Deserialize, Serialize};

/// Which element a reconciliation line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ElementKind {
    /// A key result.
    KeyResult,
    /// An objective.
    Objective,
}

/// Why the source's progress differs from okrkit's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Difference {
    /// The source rounds (to whole percents or its display precision).
    Rounds,
    /// The source keeps progress above 100%; okrkit's progress caps at 1
    /// (its unclamped attainment keeps the overshoot).
    OvershootKept,
    /// The source reports movement below the start as negative progress;
    /// okrkit counts it as 0.
    BelowStartKept,
    /// The source counts completed tasks or initiatives into progress; okrkit
    /// measures key results only (R2).
    BlendsTasks,
    /// The source averages its children without weights (or with milestones);
    /// okrkit takes the weighted mean of counted key results.
    AveragesChildren,
    /// okrkit leaves milestone key results (outputs, R1) out of objective progress.
    MilestoneLeftOut,
    /// The source's progress was typed by hand, not computed from values.
    ManualProgress,
    /// okrkit has no value to compare (e.g. a threshold never measured).
    NoOkrkitValue,
    /// None of the known reasons explains the gap.
    Unexplained,
}

/// One key result or objective: the source's progress and status beside okrkit's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Reconciliation {
    /// Key result or objective.
    pub element: ElementKind,
    /// Its okrkit id.
    pub id: String,
    /// Where the source's figure is, in the source's terms.
    pub source_path: String,
    /// The source's progress or score as a fraction (0.42 for 42%), if it has one.
    pub source_progress: Option<f64>,
    /// The source's own status / health / confidence, as written there.
    pub source_status: Option<String>,
    /// okrkit's progress (clamped to [0, 1]); `None` when it has none.
    pub okrkit_progress: Option<f64>,
    /// Why the two differ; empty when they agree (or there is nothing to compare).
    pub differences: Vec<Difference>,
}

/// okrkit's progress and unclamped attainment of a key result from its own
/// values (the default milestone policy leaves milestones out of objectives).
pub(crate) fn kr_progress(kr: &KeyResult) -> (Option<f64>, Option<f64>) {
    match &kr.measure {
        Measure::Metric {
            baseline,
            target,
            current,
            ..
        } => {
            if baseline == target {
                return (None, None);
            }
            let a = attainment(*baseline, *target, current.unwrap_or(*baseline));
            (Some(clamp_progress(a)), Some(a))
        }
        Measure::Threshold {
            direction,
            bound,
            current,
            ..
        } => match current {
            Some(c) => {
                let v = if threshold_met(*direction, *bound, *c) {
                    1.0
                } else {
                    0.0
                };
                (Some(v), Some(v))
            }
            None => (None, None),
        },
        Measure::Milestone { done } => {
            let v = if *done { 1.0 } else { 0.0 };
            (Some(v), Some(v))
        }
    }
}

/// okrkit's objective progress from its key results (milestones left out).
pub(crate) fn objective_progress(krs: &[KeyResult]) -> Option<f64> {
    weighted_mean(krs.iter().filter_map(|kr| {
        if matches!(kr.measure, Measure::Milestone { .. }) {
            return None;
        }
        kr_progress(kr).0.map(|p| (kr.weight, p))
    }))
}

const EPS: f64 = 1e-9;

fn rounds_to(source: f64, ours: f64) -> bool {
    // whole percents, or tenths of a percent
    ((ours * 100.0).round() / 100.0 - source).abs() < EPS
        || ((ours * 1000.0).round() / 1000.0 - source).abs() < EPS
}

/// Reasons a key result's source progress differs from okrkit's.
pub(crate) fn explain_kr(
    source: Option<f64>,
    kr: &KeyResult,
    hints: &[Difference],
) -> (Option<f64>, Vec<Difference>) {
    let (ours, att) = kr_progress(kr);
    let Some(source) = source else {
        return (ours, Vec::new());
    };
    let Some(ours) = ours else {
        return (None, vec![Difference::NoOkrkitValue]);
    };
    if (source - ours).abs() < EPS {
        return (Some(ours), Vec::new());
    }
    let mut why: Vec<Difference> = Vec::new();
    if let Some(a) = att {
        if a > 1.0 && source > 1.0 {
            why.push(Difference::OvershootKept);
        }
        if a < 0.0 && source < 0.0 {
            why.push(Difference::BelowStartKept);
        }
        if why.is_empty() && rounds_to(source, ours) {
            why.push(Difference::Rounds);
        }
        if !why.is_empty() && (a - source).abs() >= EPS && !rounds_to(source, a) {
            why.push(Difference::Rounds);
        }
    }
    for h in hints {
        if !why.contains(h) {
            why.push(*h);
        }
    }
    if why.is_empty() {
        why.push(Difference::Unexplained);
    }
    why.dedup();
    (Some(ours), why)
}

/// Reasons an objective's source progress differs from okrkit's.
/// `children` are the source progress values of its key results, if known.
pub(crate) fn explain_objective(
    source: Option<f64>,
    krs: &[KeyResult],
    children: &[Option<f64>],
    hints: &[Difference],
) -> (Option<f64>, Vec<Difference>) {
    let ours = objective_progress(krs);
    let Some(source) = source else {
        return (ours, Vec::new());
    };
    let Some(o) = ours else {
        return (None, vec![Difference::NoOkrkitValue]);
    };
    if (source - o).abs() < EPS {
        return (Some(o), Vec::new());
    }
    let mut why = Vec::new();
    if krs
        .iter()
        .any(|k| matches!(k.measure, Measure::Milestone { .. }))
    {
        why.push(Difference::MilestoneLeftOut);
    }
    // An unweighted mean of every key result (milestones included), as many tools take.
    let all: Vec<f64> = krs.iter().filter_map(|k| kr_progress(k).0).collect();
    if !all.is_empty() {
        let plain = all.iter().sum::<f64>() / all.len() as f64;
        if (plain - o).abs() >= EPS && krs.iter().any(|k| k.weight != 1.0) {
            why.push(Difference::AveragesChildren);
        }
    }
    if children.iter().flatten().any(|v| *v > 1.0) {
        why.push(Difference::OvershootKept);
    }
    if why.is_empty() && (source - o).abs() < 0.01 {
        why.push(Difference::Rounds);
    }
    for h in hints {
        if !why.contains(h) {
            why.push(*h);
        }
    }
    if why.is_empty() {
        why.push(Difference::Unexplained);
    }
    (Some(o), why)
}
