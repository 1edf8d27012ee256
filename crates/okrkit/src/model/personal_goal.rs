use crate::ids::{ObjectiveId, PersonId, PersonalGoalId};
use serde::{Deserialize, Serialize};

/// A personal goal in OKR format ("learn Rust", "deliver better proposals").
///
/// A separate type from [`Objective`](crate::Objective) on purpose (R6, seed 002):
/// never cascaded, never aligned to team OKRs, never scored. The `aligned_to`
/// field exists only so that an import carrying one is reported
/// (`personal_goal_aligned`) rather than silently dropped; validation always
/// rejects it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonalGoal {
    /// Unique id of the goal.
    pub id: PersonalGoalId,
    /// Whose goal it is.
    pub person: PersonId,
    /// The goal in words.
    pub title: String,
    /// How the person will judge it, in words. Plain text on purpose: no measure, no score.
    #[serde(default)]
    pub key_results: Vec<String>,
    /// Always rejected by validation (R6): personal goals are not aligned to team OKRs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aligned_to: Option<ObjectiveId>,
}
