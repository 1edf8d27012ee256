use crate::ids::{PersonId, TeamId};
use serde::{Deserialize, Serialize};

/// A team. Teams form a hierarchy through `parent`; OKRs are owned by teams
/// (R6: the cascade stops at team level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Unique id of the team.
    pub id: TeamId,
    /// Human name.
    pub name: String,
    /// The team one level up, if any; dependencies that are declined escalate there (R7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TeamId>,
}

/// A person: an id and a name, nothing else.
///
/// People appear on key results as responsible person or key partner (seed 001),
/// never with a score or rating (R6). The type has no field that could carry one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Unique id of the person.
    pub id: PersonId,
    /// Display name.
    pub name: String,
}
