//! Progress from key results only (R2), as of a date.

use crate::OkrError;
use crate::types::count;
use chrono::NaiveDate;
use okrkit::progress::{AlignedProgress, CycleProgress, KeyResultProgress, Pace, TeamProgress};
use okrkit::{CycleId, MilestonePolicy, ObjectiveId, ObjectiveType, TeamId};
use std::collections::HashMap;

// The key results' progress, pace, team and cycle lines and their enums are
// the core's records (feature `uniffi`). An objective's line and the report
// are this crate's: they add the objective's title.

/// Options of a progress computation. This crate's record, not the core's:
/// uniffi 0.32's proc-macros give no default to an enum field (`milestones`).
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
                    pace: o.pace,
                    counted: count(o.counted),
                    left_out: count(o.left_out),
                    milestones_counted: o.milestones_counted,
                    key_results: o.key_results,
                    aligned: o.aligned,
                })
                .collect(),
            teams: r.teams,
            cycles: r.cycles,
        }
    }
}
