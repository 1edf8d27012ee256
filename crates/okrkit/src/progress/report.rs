//! What a progress computation returns: plain data, serde out.

use super::pace::Pace;
use crate::ids::{CycleId, KeyResultId, ObjectiveId, TeamId};
use crate::model::{MeasureKind, ObjectiveType};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether milestone (done / not done) key results count toward objective progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MilestonePolicy {
    /// Default: milestones are outputs (R1) and are left out, reported as left out.
    #[default]
    LeaveOut,
    /// Count a milestone as 1 when done and 0 when not, for imported data that
    /// relies on them. The result says so (`milestones_counted`).
    CountAsImported,
}

/// Options of a progress computation. `#[non_exhaustive]`: start from
/// `Default` and use the setters, so a new option never breaks a caller.
///
/// ```
/// use okrkit::{MilestonePolicy, ProgressOptions};
/// let options = ProgressOptions::default()
///     .as_of(chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap())
///     .cycle("q1")
///     .milestones(MilestonePolicy::CountAsImported);
/// assert_eq!(options.cycle.as_ref().map(|c| c.as_str()), Some("q1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgressOptions {
    /// Compute as of the end of this day (UTC), from the check-in history.
    /// `None`: the latest known values, and no pace.
    #[serde(deserialize_with = "crate::options::strict_day")]
    pub as_of: Option<NaiveDate>,
    /// What to do with milestone key results.
    pub milestones: MilestonePolicy,
    /// Only objectives of this cycle.
    pub cycle: Option<CycleId>,
    /// Only objectives owned by this team (not its sub-teams); the report's
    /// team and cycle lines then cover those objectives alone.
    pub team: Option<TeamId>,
}

/// Where the value of a key result came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ValueSource {
    /// The latest check-in (at or before the date asked for).
    CheckIn,
    /// The key result's own `current` value (or `done` flag).
    Current,
    /// No value yet: the baseline (a metric starts at attainment 0; a
    /// milestone starts not done).
    Baseline,
    /// No value at all (a threshold with no measurement yet).
    None,
}

/// Why a key result was left out of its objective's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LeftOutReason {
    /// A milestone is an output (R1); left out by the default policy.
    Milestone,
    /// A threshold with no measurement yet.
    NoValue,
}

/// Progress of one key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KeyResultProgress {
    /// The key result.
    pub key_result: KeyResultId,
    /// How it is measured.
    pub measure: MeasureKind,
    /// Its weight in the objective.
    pub weight: f64,
    /// The value used.
    pub value: Option<f64>,
    /// Where that value came from.
    pub value_source: ValueSource,
    /// Unclamped attainment (metric: `(c − b) / (t − b)`; threshold and
    /// milestone: 1 or 0).
    pub attainment: Option<f64>,
    /// Attainment clamped to [0, 1].
    pub progress: Option<f64>,
    /// Whether it counted toward the objective's progress.
    pub counted: bool,
    /// Why it did not, if it did not.
    pub left_out: Option<LeftOutReason>,
}

/// Progress of an objective aligned to another one, reported beside the
/// parent's own progress, never blended into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlignedProgress {
    /// The aligned (child) objective.
    pub objective: ObjectiveId,
    /// Its team.
    pub team: TeamId,
    /// Its own progress.
    pub progress: Option<f64>,
}

/// Progress of one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ObjectiveProgress {
    /// The objective.
    pub objective: ObjectiveId,
    /// Its team.
    pub team: TeamId,
    /// Its cycle.
    pub cycle: CycleId,
    /// Committed or aspirational.
    #[serde(rename = "type")]
    pub kind: ObjectiveType,
    /// Weighted mean of the counted key results' progress; `None` when no key
    /// result counted (an objective without key results has no progress, not 0).
    pub progress: Option<f64>,
    /// Progress against the calendar, when a date was given.
    pub pace: Option<Pace>,
    /// Number of key results that counted.
    pub counted: usize,
    /// Number left out.
    pub left_out: usize,
    /// Whether milestones were counted (policy `count_as_imported`).
    pub milestones_counted: bool,
    /// Every key result, counted or not, with the reason.
    pub key_results: Vec<KeyResultProgress>,
    /// Objectives aligned to this one, with their own progress.
    pub aligned: Vec<AlignedProgress>,
}

/// Progress of a team in a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamProgress {
    /// The team.
    pub team: TeamId,
    /// The cycle.
    pub cycle: CycleId,
    /// Mean progress of the team's objectives that have progress.
    pub progress: Option<f64>,
    /// Progress against the calendar, when a date was given.
    pub pace: Option<Pace>,
    /// Number of objectives.
    pub objectives: usize,
    /// Number of objectives with no progress (no key result counted).
    pub objectives_without_progress: usize,
}

/// Progress of a whole cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CycleProgress {
    /// The cycle.
    pub cycle: CycleId,
    /// Mean progress of the cycle's objectives that have progress.
    pub progress: Option<f64>,
    /// Progress against the calendar, when a date was given.
    pub pace: Option<Pace>,
    /// Number of objectives.
    pub objectives: usize,
    /// Number of objectives with no progress.
    pub objectives_without_progress: usize,
}

/// The result of [`Org::progress`](crate::Org::progress).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ProgressReport {
    /// The date asked for, if any.
    pub as_of: Option<NaiveDate>,
    /// The milestone policy used.
    pub milestones: MilestonePolicy,
    /// Per objective, in document order.
    pub objectives: Vec<ObjectiveProgress>,
    /// Per team and cycle, in document order of cycles then teams.
    pub teams: Vec<TeamProgress>,
    /// Per cycle, in document order.
    pub cycles: Vec<CycleProgress>,
}

setters!(ProgressOptions { milestones: MilestonePolicy } some { as_of: NaiveDate, cycle: CycleId, team: TeamId });
