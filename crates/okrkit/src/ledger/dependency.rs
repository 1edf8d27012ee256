//! Dependencies between teams (R7, seed 003).
//!
//! A team records what help it needs from another team, for one of its own
//! objectives (and optionally one key result). The team asked accepts or
//! declines. The requesting team may escalate a decline "to the next level
//! of management" (seed 003), which decides.
//!
//! **Who decides an escalation**: the lowest common ancestor of the two
//! teams in the team hierarchy — the lowest level with authority over both,
//! so the decision "forces prioritization" between them. When that ancestor
//! is one of the two teams itself (one team is above the other), the
//! decision goes one level further up, so neither party decides its own
//! case. With no team above both, escalation is refused (`invalid_state`).

use crate::error::{RefusalCode, Result};
use crate::ids::{KeyResultId, ObjectiveId, TeamId};
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::ledger::state::{State, check_text, refuse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Where a dependency stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DependencyStatus {
    /// Waiting for the team asked.
    Requested,
    /// The team asked will help.
    Accepted,
    /// The team asked declined; the requester may escalate.
    Declined,
    /// Waiting for the team escalated to.
    Escalated,
    /// The escalation decided the team asked must help.
    Granted,
    /// The escalation decided it need not.
    Denied,
}

/// A request for help from one team to another (R7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Dependency {
    /// The id of the entry that requested it.
    pub id: EntryId,
    /// When it was requested.
    pub requested_at: DateTime<Utc>,
    /// Who requested it (their team is the requesting team).
    pub requested_by: Actor,
    /// The team asked for help.
    pub to: TeamId,
    /// What help is needed.
    pub help: String,
    /// The requesting team's objective it is for.
    pub objective: ObjectiveId,
    /// The key result it is for, if one.
    pub key_result: Option<KeyResultId>,
    /// Where it stands.
    pub status: DependencyStatus,
    /// When the team asked answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// Who answered.
    pub answered_by: Option<Actor>,
    /// Why it was declined.
    pub decline_reason: Option<String>,
    /// The team the decline was escalated to.
    pub escalated_to: Option<TeamId>,
    /// When it was escalated.
    pub escalated_at: Option<DateTime<Utc>>,
    /// When the escalation was decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who decided.
    pub decided_by: Option<Actor>,
    /// Why.
    pub decision_reason: Option<String>,
}

/// Which answer a waiting dependency waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum WaitingFor {
    /// The team asked has not answered.
    Answer,
    /// The team escalated to has not decided.
    Decision,
}

/// A dependency waiting for an answer or a decision as of a moment, with its age.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WaitingDependency {
    /// The dependency.
    pub dependency: EntryId,
    /// The requesting team.
    pub requested_by: TeamId,
    /// The team asked.
    pub to: TeamId,
    /// The team that has to answer or decide now.
    pub waiting_on: TeamId,
    /// What it waits for.
    pub waiting_for: WaitingFor,
    /// Since when (the request, or the escalation).
    pub since: DateTime<Utc>,
    /// Whole days waited (rounded down) as of the moment asked.
    pub age_days: i64,
}

impl Dependency {
    /// What the dependency waits for as of `as_of`, if anything, using only
    /// the times recorded on it.
    pub fn waiting(&self, as_of: DateTime<Utc>) -> Option<WaitingDependency> {
        if self.requested_at > as_of {
            return None;
        }
        let before = |t: Option<DateTime<Utc>>| t.is_some_and(|t| t <= as_of);
        let (waiting_on, waiting_for, since) = if !before(self.answered_at) {
            (self.to.clone(), WaitingFor::Answer, self.requested_at)
        } else if let (true, Some(to), Some(at)) = (
            before(self.escalated_at),
            &self.escalated_to,
            self.escalated_at,
        ) {
            if before(self.decided_at) {
                return None;
            }
            (to.clone(), WaitingFor::Decision, at)
        } else {
            return None;
        };
        Some(WaitingDependency {
            dependency: self.id.clone(),
            requested_by: self.requested_by.team.clone(),
            to: self.to.clone(),
            waiting_on,
            waiting_for,
            since,
            age_days: (as_of - since).num_days(),
        })
    }
}

impl State {
    /// The team that decides an escalation between `a` and `b` (see the module docs).
    pub fn escalation_team(&self, a: &TeamId, b: &TeamId) -> Option<TeamId> {
        let ancestors = |t: &TeamId| {
            let mut chain = vec![t.clone()];
            let mut cur = t.clone();
            while let Some(Some(p)) = self.teams.get(cur.as_str()) {
                if chain.len() > self.teams.len() {
                    break;
                }
                chain.push(p.clone());
                cur = p.clone();
            }
            chain
        };
        let of_a: HashSet<TeamId> = ancestors(a).into_iter().collect();
        let lca = ancestors(b).into_iter().find(|t| of_a.contains(t))?;
        if &lca == a || &lca == b {
            self.teams.get(lca.as_str()).cloned().flatten()
        } else {
            Some(lca)
        }
    }

    fn dependency_index(&self, id: &EntryId) -> Result<usize> {
        self.dependency_at.get(id.as_str()).copied().map_or_else(
            || {
                refuse(
                    RefusalCode::UnknownElement,
                    format!("dependencies[{id}]"),
                    format!("no dependency has id '{id}'"),
                )
            },
            Ok,
        )
    }

    pub(crate) fn request_dependency(
        &mut self,
        e: &Entry,
        to: &TeamId,
        help: &str,
        objective: &ObjectiveId,
        key_result: Option<&KeyResultId>,
    ) -> Result<()> {
        self.check_team(to, "action.to")?;
        if to == &e.actor.team {
            return refuse(
                RefusalCode::InvalidChange,
                "action.to",
                "a team does not depend on itself",
            );
        }
        let Some(o) = self.objective(objective.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                "action.objective",
                format!("no objective has id '{objective}'"),
            );
        };
        if o.team != e.actor.team {
            return refuse(
                RefusalCode::NotAllowed,
                "action.objective",
                format!(
                    "objective '{objective}' belongs to team '{}': a team asks for help with its own OKRs",
                    o.team
                ),
            );
        }
        if let Some(kr) = key_result
            && !o.key_results.iter().any(|k| &k.id == kr)
        {
            return refuse(
                RefusalCode::UnknownElement,
                "action.key_result",
                format!("objective '{objective}' has no key result '{kr}'"),
            );
        }
        check_text(help, "action.help", "the help needed")?;
        self.dependency_at
            .insert(e.id.clone(), self.dependencies.len());
        self.dependencies.push(Dependency {
            id: e.id.clone(),
            requested_at: e.at,
            requested_by: e.actor.clone(),
            to: to.clone(),
            help: help.to_owned(),
            objective: objective.clone(),
            key_result: key_result.cloned(),
            status: DependencyStatus::Requested,
            answered_at: None,
            answered_by: None,
            decline_reason: None,
            escalated_to: None,
            escalated_at: None,
            decided_at: None,
            decided_by: None,
            decision_reason: None,
        });
        Ok(())
    }

    pub(crate) fn answer_dependency(
        &mut self,
        e: &Entry,
        id: &EntryId,
        decline: Option<&String>,
    ) -> Result<()> {
        let i = self.dependency_index(id)?;
        let path = format!("dependencies[{id}]");
        let d = &self.dependencies[i];
        if d.to != e.actor.team {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!("only team '{}' answers this request", d.to),
            );
        }
        if d.requested_by.person == e.actor.person {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                "the person who asked for help cannot answer the request",
            );
        }
        if d.status != DependencyStatus::Requested {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "the request has already been answered",
            );
        }
        if let Some(reason) = decline {
            check_text(reason, "action.reason", "the reason")?;
        }
        let d = &mut self.dependencies[i];
        d.status = if decline.is_some() {
            DependencyStatus::Declined
        } else {
            DependencyStatus::Accepted
        };
        d.answered_at = Some(e.at);
        d.answered_by = Some(e.actor.clone());
        d.decline_reason = decline.cloned();
        Ok(())
    }

    pub(crate) fn escalate_dependency(&mut self, e: &Entry, id: &EntryId) -> Result<()> {
        let i = self.dependency_index(id)?;
        let path = format!("dependencies[{id}]");
        let d = &self.dependencies[i];
        if d.requested_by.team != e.actor.team {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "only the requesting team '{}' escalates",
                    d.requested_by.team
                ),
            );
        }
        if d.status != DependencyStatus::Declined {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "only a declined request is escalated",
            );
        }
        let Some(up) = self.escalation_team(&d.requested_by.team, &d.to) else {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "no team is above both teams to decide the escalation",
            );
        };
        let d = &mut self.dependencies[i];
        d.status = DependencyStatus::Escalated;
        d.escalated_to = Some(up);
        d.escalated_at = Some(e.at);
        Ok(())
    }

    pub(crate) fn decide_dependency(
        &mut self,
        e: &Entry,
        id: &EntryId,
        grant: bool,
        reason: &str,
    ) -> Result<()> {
        let i = self.dependency_index(id)?;
        let path = format!("dependencies[{id}]");
        let d = &self.dependencies[i];
        if d.status != DependencyStatus::Escalated {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "only an escalated request is decided",
            );
        }
        if d.escalated_to.as_ref() != Some(&e.actor.team) {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "only team '{}' decides this escalation",
                    d.escalated_to.as_ref().map_or("", |t| t.as_str())
                ),
            );
        }
        if d.requested_by.person == e.actor.person
            || d.answered_by
                .as_ref()
                .is_some_and(|a| a.person == e.actor.person)
        {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                "the person who asked or declined cannot decide the escalation",
            );
        }
        check_text(reason, "action.reason", "the reason")?;
        let d = &mut self.dependencies[i];
        d.status = if grant {
            DependencyStatus::Granted
        } else {
            DependencyStatus::Denied
        };
        d.decided_at = Some(e.at);
        d.decided_by = Some(e.actor.clone());
        d.decision_reason = Some(reason.to_owned());
        Ok(())
    }
}
