//! Plain data for two lint rules (R10: renegotiation and dependency flow).
//! The lint catalog turns these into warnings; nothing here judges.

use crate::ids::{CycleId, KeyResultId, ObjectiveId, TeamId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many accepted renegotiations changed one key result in a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KeyResultRenegotiations {
    /// The key result.
    pub key_result: KeyResultId,
    /// Its objective (at the last renegotiation).
    pub objective: ObjectiveId,
    /// The owning team.
    pub team: TeamId,
    /// The cycle counted.
    pub cycle: CycleId,
    /// Accepted proposals that changed its target, baseline, wording or
    /// weight, added it or dropped it, while its objective was in the cycle.
    pub accepted: u32,
    /// When the last one was accepted.
    pub last_at: DateTime<Utc>,
}
