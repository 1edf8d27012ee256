//! Progress from key results only (R2), as of a date.

use crate::error::OkrError;
use crate::mirror::mirror_record;
use crate::types::count;
use chrono::NaiveDate;
use okrkit::progress::{LeftOutReason, MilestonePolicy, PaceStatus, ValueSource};
use okrkit::{CycleId, KeyResultId, MeasureKind, ObjectiveId, ObjectiveType, TeamId};
use std::collections::HashMap;

/// What to do with milestone (done / not done) key results.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum MilestonePolicy {
    /// Leave them out of objective progress, and say so (the default, R1).
    LeaveOut,
    /// Count them as 1 / 0, as imported; the result says it did.
    CountAsImported,
}

/// Where a key result's value came from.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ValueSource {
    CheckIn,
    Current,
    Baseline,
    None,
}

/// Why a key result is not counted in its objective's progress.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum LeftOutReason {
    Milestone,
    NoValue,
}

/// Progress compared with the linear expectation over the cycle.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum PaceStatus {
    Ahead,
    OnTrack,
    Behind,
}

mirror_record! {
    /// Pace at a date: `delta` = progress − `expected`; on track within ±0.1.
    Pace from okrkit::progress::Pace {
        expected: f64,
        delta: f64,
        status: PaceStatus,
    }
}

mirror_record! {
    /// One key result's progress. `attainment` is unclamped; `progress` is it
    /// clamped to [0, 1]. Full precision: round only for display.
    KeyResultProgress from okrkit::progress::KeyResultProgress {
        key_result: KeyResultId,
        measure: MeasureKind,
        weight: f64,
        value: Option<f64>,
        value_source: ValueSource,
        attainment: Option<f64>,
        progress: Option<f64>,
        counted: bool,
        left_out: Option<LeftOutReason>,
    }
}

mirror_record! {
    /// An aligned child objective's own progress, reported beside its parent.
    AlignedProgress from okrkit::progress::AlignedProgress {
        objective: ObjectiveId,
        team: TeamId,
        progress: Option<f64>,
    }
}

/// Options of a progress computation.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProgressOptions {
    /// Values as of the end of that day (UTC), and pace (Kotlin
    /// `LocalDate`, Swift ISO-8601 text). `null` / `nil`: current values, no pace.
    #[uniffi(default = None)]
    pub as_of: Option<NaiveDate>,
    /// Milestones left out (default) or counted.
    #[uniffi(default = None)]
    pub milestones: Option<MilestonePolicy>,
    /// Only this cycle's objectives.
    #[uniffi(default = None)]
    pub cycle: Option<String>,
    /// Only the objectives this team owns (not its sub-teams); the report's
    /// team and cycle lines then cover those objectives alone.
    #[uniffi(default = None)]
    pub team: Option<String>,
}

impl ProgressOptions {
    pub(crate) fn to_core(&self) -> Result<okrkit::ProgressOptions, OkrError> {
        // Default then fields: no struct literal of a core type outside the core.
        let mut o = okrkit::ProgressOptions::default();
        o.as_of = self.as_of;
        o.milestones = self.milestones.unwrap_or_default();
        o.cycle = self.cycle.clone().map(CycleId::from);
        o.team = self.team.clone().map(okrkit::TeamId::from);
        Ok(o)
    }
}

/// One objective's progress: the weighted mean of its counted key results;
/// `null` / `nil` when none can be counted (never 0).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ObjectiveProgress {
    pub objective: ObjectiveId,
    /// The objective's title, for the screen that shows it.
    pub title: String,
    pub team: TeamId,
    pub cycle: CycleId,
    /// Committed or aspirational (`"type"` in JSON).
    pub kind: ObjectiveType,
    pub progress: Option<f64>,
    pub pace: Option<Pace>,
    pub counted: i32,
    pub left_out: i32,
    pub milestones_counted: bool,
    pub key_results: Vec<KeyResultProgress>,
    pub aligned: Vec<AlignedProgress>,
}

/// A team's progress in a cycle: the mean of its objectives' progress.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TeamProgress {
    pub team: TeamId,
    pub cycle: CycleId,
    pub progress: Option<f64>,
    pub pace: Option<Pace>,
    pub objectives: i32,
    pub objectives_without_progress: i32,
}

/// A cycle's progress: the mean of its objectives' progress.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CycleProgress {
    pub cycle: CycleId,
    pub progress: Option<f64>,
    pub pace: Option<Pace>,
    pub objectives: i32,
    pub objectives_without_progress: i32,
}

/// Progress per objective, team and cycle.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProgressReport {
    /// The date used, ISO-8601.
    pub as_of: Option<NaiveDate>,
    pub milestones: MilestonePolicy,
    pub objectives: Vec<ObjectiveProgress>,
    pub teams: Vec<TeamProgress>,
    pub cycles: Vec<CycleProgress>,
}

/// One objective of a report, without walking the list in the app.
#[uniffi::export]
impl ProgressReport {
    /// The progress of objective `id`, or `null` / `nil` when the report has none.
    pub fn objective(&self, id: String) -> Option<ObjectiveProgress> {
        self.objectives
            .iter()
            .find(|o| o.objective.as_str() == id)
            .cloned()
    }
}

impl ProgressReport {
    /// The core's report, with each objective's title from `org`.
    pub(crate) fn from_core(r: okrkit::ProgressReport, org: &okrkit::Org) -> Self {
        let titles: HashMap<&str, &str> = org
            .document()
            .objectives
            .iter()
            .map(|o| (o.id.as_str(), o.title.as_str()))
            .collect();
        ProgressReport {
            as_of: r.as_of,
            milestones: r.milestones,
            objectives: r
                .objectives
                .into_iter()
                .map(|o| ObjectiveProgress {
                    title: titles
                        .get(o.objective.as_str())
                        .map(|t| (*t).to_string())
                        .unwrap_or_default(),
                    objective: o.objective,
                    team: o.team,
                    cycle: o.cycle,
                    kind: o.kind,
                    progress: o.progress,
                    pace: o.pace.map(Into::into),
                    counted: count(o.counted),
                    left_out: count(o.left_out),
                    milestones_counted: o.milestones_counted,
                    key_results: crate::mirror::each(o.key_results),
                    aligned: crate::mirror::each(o.aligned),
                })
                .collect(),
            teams: r
                .teams
                .into_iter()
                .map(|t| TeamProgress {
                    team: t.team,
                    cycle: t.cycle,
                    progress: t.progress,
                    pace: t.pace.map(Into::into),
                    objectives: count(t.objectives),
                    objectives_without_progress: count(t.objectives_without_progress),
                })
                .collect(),
            cycles: r
                .cycles
                .into_iter()
                .map(|c| CycleProgress {
                    cycle: c.cycle,
                    progress: c.progress,
                    pace: c.pace.map(Into::into),
                    objectives: count(c.objectives),
                    objectives_without_progress: count(c.objectives_without_progress),
                })
                .collect(),
        }
    }
}
