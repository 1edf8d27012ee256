//! The document model's pieces that cross the boundary as typed values (a
//! key result and an objective, for renegotiations that add one). Whole
//! documents cross as JSON text: a mobile app gets them from its server.
//!
//! These are `remote` declarations: they mirror the core's types field for
//! field (the compiler checks it) without putting uniffi into the core.

use okrkit::{
    Alignment, AlignmentKind, CycleId, KeyResult, KeyResultId, Measure, MeasureKind, Objective,
    ObjectiveId, ObjectiveType, PersonId, TeamId, ThresholdDirection, Visibility,
};

/// Which way a threshold holds.
#[uniffi::remote(Enum)]
pub enum ThresholdDirection {
    /// Met when the value is at or above the bound.
    AtLeast,
    /// Met when the value is at or below the bound.
    AtMost,
}

/// How a key result is measured.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Measure {
    /// A metric moving from `baseline` toward `target`.
    Metric {
        baseline: f64,
        target: f64,
        current: Option<f64>,
        unit: Option<String>,
    },
    /// A level to hold ("stay at or above 99.9%"): met (1) or not (0), inclusive.
    Threshold {
        direction: ThresholdDirection,
        bound: f64,
        current: Option<f64>,
        unit: Option<String>,
    },
    /// Done / not done: an output (R1), left out of progress by default.
    Milestone { done: bool },
}

/// The kind of a measure.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum MeasureKind {
    Metric,
    Threshold,
    Milestone,
}

/// Committed (expected at 1.0) or aspirational (expected around 0.7), R5.
#[uniffi::remote(Enum)]
pub enum ObjectiveType {
    Committed,
    Aspirational,
}

/// How an objective aligns to another (R7).
#[uniffi::remote(Enum)]
pub enum AlignmentKind {
    Cascaded,
    Laddered,
}

/// Who may see an objective (R10: public by default).
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Visibility {
    Public,
    Restricted,
}

/// An objective's alignment to a parent objective.
#[uniffi::remote(Record)]
pub struct Alignment {
    pub objective: ObjectiveId,
    pub how: AlignmentKind,
}

/// A key result: an outcome measured by a metric or threshold (R1).
#[uniffi::remote(Record)]
pub struct KeyResult {
    pub id: KeyResultId,
    pub title: String,
    pub measure: Measure,
    /// Weight in the objective's progress (1 by default).
    pub weight: f64,
    /// The responsible person: a role, never a score (R6).
    pub responsible: Option<PersonId>,
    /// The key partner: a role, never a score (R6).
    pub key_partner: Option<PersonId>,
}

/// An objective of a team in a cycle, with its key results.
#[uniffi::remote(Record)]
pub struct Objective {
    pub id: ObjectiveId,
    pub title: String,
    pub team: TeamId,
    pub cycle: CycleId,
    /// Committed or aspirational (`"type"` in JSON).
    pub kind: ObjectiveType,
    pub aligned_to: Option<Alignment>,
    pub visibility: Visibility,
    pub key_results: Vec<KeyResult>,
}
