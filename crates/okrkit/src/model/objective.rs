use crate::ids::{CycleId, ObjectiveId, TeamId};
use crate::model::KeyResult;
use serde::{Deserialize, Serialize};

/// Whether an objective is a commitment or a stretch (R5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ObjectiveType {
    /// Expected to land at 1.0; less asks for an explanation in the retrospective.
    Committed,
    /// A stretch: around 0.7 is a success, falling short of 1.0 carries no penalty.
    #[default]
    Aspirational,
}

/// How an objective relates to the parent objective it aligns to (R7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AlignmentKind {
    /// The parent team's objective guides this one (top-down).
    Cascaded,
    /// The team proposes how it contributes (bottom-up).
    Laddered,
}

/// Vertical alignment of an objective to a parent objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Alignment {
    /// The parent objective.
    pub objective: ObjectiveId,
    /// Cascaded or laddered up.
    pub how: AlignmentKind,
}

/// Who can see an objective. Public by default (R10, seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Visibility {
    /// Visible to the whole organisation.
    #[default]
    Public,
    /// Visible to the owning team and its approvers only.
    Restricted,
}

/// An objective, owned by a team, in a cycle, with its key results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Objective {
    /// Unique id of the objective.
    pub id: ObjectiveId,
    /// What the team wants to achieve, in words.
    pub title: String,
    /// The owning team (never a person: R6).
    pub team: TeamId,
    /// The cycle it belongs to.
    pub cycle: CycleId,
    /// Committed or aspirational.
    #[serde(rename = "type", default)]
    pub kind: ObjectiveType,
    /// The parent objective it aligns to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aligned_to: Option<Alignment>,
    /// Who can see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// The key results that measure it. Its progress comes from these only (R2).
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
}
