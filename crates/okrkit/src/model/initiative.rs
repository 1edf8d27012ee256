use crate::ids::{InitiativeId, KeyResultId, TeamId};
use serde::{Deserialize, Serialize};

/// Where an initiative stands. Changing it never touches the OKR (R3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InitiativeStatus {
    /// Suggested, not started.
    #[default]
    Proposed,
    /// Being worked on.
    Active,
    /// Finished.
    Done,
    /// Replaced by another initiative.
    Swapped,
    /// Stopped.
    Killed,
}

/// An initiative: work a team does, a hypothesis about what will move key
/// results (R3, seed 004).
///
/// Initiatives are never an input to progress: the progress functions take no
/// initiative at all, so no status can change a number (R2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Unique id of the initiative.
    pub id: InitiativeId,
    /// What will be done, e.g. "Build a cart reminder tool".
    pub title: String,
    /// The team doing the work.
    pub team: TeamId,
    /// The key results it is meant to move.
    #[serde(default)]
    pub key_results: Vec<KeyResultId>,
    /// Where it stands.
    #[serde(default)]
    pub status: InitiativeStatus,
}
