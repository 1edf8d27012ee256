//! Renegotiation and dependency flow, counted from a ledger.

use serde::{Deserialize, Serialize};

/// Renegotiation proposals in a cycle (R4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct DependencyFlow {
    /// Requests made.
    pub opened: usize,
    /// Accepted by the other team.
    pub accepted: usize,
    /// Declined by the other team.
    pub declined: usize,
    /// Escalated to the next level up.
    pub escalated: usize,
    /// Not answered yet.
    pub unanswered: usize,
}
