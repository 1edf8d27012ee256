//! Renegotiation and dependency flow, counted from a ledger.

use serde::{Deserialize, Serialize};

/// Renegotiation proposals in a cycle (R4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RenegotiationFlow {
    /// Proposals made.
    pub proposed: usize,
    /// Accepted.
    pub accepted: usize,
    /// Declined.
    pub declined: usize,
    /// Countered.
    pub countered: usize,
    /// Withdrawn by the proposer.
    pub withdrawn: usize,
    /// Still open.
    pub open: usize,
}

/// Dependencies between teams (R7, seed 003).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DependencyFlow {
    /// Requests made.
    pub opened: usize,
    /// Accepted by the other team (or granted on escalation).
    pub accepted: usize,
    /// Declined by the other team (or denied on escalation).
    pub declined: usize,
    /// Escalated to the next level up (counted whatever came after).
    pub escalated: usize,
    /// Still waiting for an answer, or for a decision after escalation.
    pub unanswered: usize,
}

pub(super) fn count_proposal(flow: &mut RenegotiationFlow, p: &crate::ledger::Proposal) {
    use crate::ledger::ProposalStatus::*;
    flow.proposed += 1;
    match p.status {
        Open => flow.open += 1,
        Accepted => flow.accepted += 1,
        Declined => flow.declined += 1,
        Countered => flow.countered += 1,
        Withdrawn => flow.withdrawn += 1,
    }
}

pub(super) fn count_dependency(flow: &mut DependencyFlow, d: &crate::ledger::Dependency) {
    use crate::ledger::DependencyStatus::*;
    flow.opened += 1;
    if d.escalated_to.is_some() {
        flow.escalated += 1;
    }
    match d.status {
        Accepted | Granted => flow.accepted += 1,
        Declined | Denied => flow.declined += 1,
        Requested | Escalated => flow.unanswered += 1,
    }
}
