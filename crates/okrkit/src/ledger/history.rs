//! The history of a key result: every version it had (target, baseline,
//! wording, weight), with who proposed it, who accepted it, when and why (R4).

use crate::ids::{CycleId, KeyResultId, ObjectiveId, TeamId};
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::ledger::state::Who;
use crate::model::{KeyResult, Measure, Objective};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What produced a version of a key result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum KeyResultEvent {
    /// In the base document as a draft.
    Imported,
    /// In the base document, in a set already agreed.
    ImportedAgreed,
    /// Drafted by the owning team.
    Drafted,
    /// Edited as a draft.
    Edited,
    /// Removed as a draft.
    Removed,
    /// Its set was agreed (proposed by `proposed_by`, agreed by `accepted_by`).
    Agreed,
    /// Changed by an accepted renegotiation (target, baseline, wording, weight).
    Renegotiated,
    /// Added by an accepted renegotiation.
    Added,
    /// Dropped by an accepted renegotiation (the version is its last).
    Dropped,
    /// Its objective moved to another cycle by an accepted renegotiation.
    Moved,
    /// Its objective retired by an accepted renegotiation (the version is its last).
    Retired,
}

impl KeyResultEvent {
    /// Whether the event is an accepted renegotiation of the key result itself
    /// (what the "renegotiated too often" lint counts).
    pub fn is_key_result_renegotiation(self) -> bool {
        matches!(
            self,
            KeyResultEvent::Renegotiated | KeyResultEvent::Added | KeyResultEvent::Dropped
        )
    }
}

/// One version of a key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KeyResultVersion {
    /// Position of the entry that produced it.
    pub seq: u64,
    /// Id of that entry.
    pub entry: EntryId,
    /// When.
    pub at: DateTime<Utc>,
    /// What happened.
    pub event: KeyResultEvent,
    /// The key result.
    pub key_result: KeyResultId,
    /// Its objective.
    pub objective: ObjectiveId,
    /// The owning team.
    pub team: TeamId,
    /// The cycle.
    pub cycle: CycleId,
    /// Its wording in this version.
    pub title: String,
    /// Its measure (target, baseline…) in this version.
    pub measure: Measure,
    /// Its weight in this version.
    pub weight: f64,
    /// Who proposed this version (renegotiation, or the set's proposal for agreement).
    pub proposed_by: Option<Actor>,
    /// Who accepted it (the other side).
    pub accepted_by: Option<Actor>,
    /// The proposal, for a renegotiation.
    pub proposal: Option<EntryId>,
    /// Why, for a renegotiation.
    pub reason: Option<String>,
    /// Who recorded the entry.
    pub recorded_by: Actor,
}

impl KeyResultVersion {
    pub(crate) fn new(
        e: &Entry,
        event: KeyResultEvent,
        o: &Objective,
        kr: &KeyResult,
        who: Who,
    ) -> Self {
        KeyResultVersion {
            seq: e.seq,
            entry: e.id.clone(),
            at: e.at,
            event,
            key_result: kr.id.clone(),
            objective: o.id.clone(),
            team: o.team.clone(),
            cycle: o.cycle.clone(),
            title: kr.title.clone(),
            measure: kr.measure.clone(),
            weight: kr.weight,
            proposed_by: who.proposed_by,
            accepted_by: who.accepted_by,
            proposal: who.proposal,
            reason: who.reason,
            recorded_by: e.actor.clone(),
        }
    }
}
