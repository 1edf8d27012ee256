//! Governance (R8, seed 003): drafting, proposing a set for agreement,
//! review (changes requested, naming seed 003's questions), agreement, and
//! feedback between the two sides.
//!
//! An OKR set is a team's objectives in one cycle. Its two sides are the
//! owning team and its approver: the team named when the set is proposed
//! for agreement, else the owning team's parent in the team hierarchy.

use crate::error::{RefusalCode, Result};
use crate::ids::{CycleId, KeyResultId, ObjectiveId, TeamId};
use crate::ledger::action::ReviewQuestion;
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::ledger::history::KeyResultEvent;
use crate::ledger::state::{State, Who, check_text, refuse};
use crate::model::Objective;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an OKR set stands in governance (R8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SetStatus {
    /// Being drafted: the owning team adds, edits and removes objectives freely.
    #[default]
    Draft,
    /// Proposed for agreement; the approver reviews it. Frozen meanwhile.
    Proposed,
    /// The approver asked for changes; editable again.
    ChangesRequested,
    /// Agreed: it changes only by renegotiation (R4).
    Agreed,
}

impl SetStatus {
    /// Whether the owning team may edit its drafts.
    pub fn is_editable(self) -> bool {
        matches!(self, SetStatus::Draft | SetStatus::ChangesRequested)
    }
}

/// One side of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Side {
    /// The team that owns the OKR set.
    Owner,
    /// The team that approves it.
    Approver,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Owner => Side::Approver,
            Side::Approver => Side::Owner,
        }
    }
}

/// The governance state of one OKR set (a team's objectives in one cycle).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OkrSetState {
    /// The owning team.
    pub team: TeamId,
    /// The cycle.
    pub cycle: CycleId,
    /// Where it stands.
    pub status: SetStatus,
    /// The approving team, once proposed (or imported as agreed).
    pub approver: Option<TeamId>,
    /// Who last proposed it for agreement.
    pub proposed_by: Option<Actor>,
    /// When it was agreed.
    pub agreed_at: Option<DateTime<Utc>>,
    /// Who agreed it.
    pub agreed_by: Option<Actor>,
}

/// A request for changes by the approver (R8), naming seed 003's questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Review {
    /// The entry that recorded it.
    pub entry: EntryId,
    /// When.
    pub at: DateTime<Utc>,
    /// Who asked.
    pub by: Actor,
    /// The owning team of the set.
    pub team: TeamId,
    /// The cycle of the set.
    pub cycle: CycleId,
    /// The questions that prompted it.
    pub questions: Vec<ReviewQuestion>,
    /// What should change.
    pub comment: String,
}

/// Feedback between the two sides of a set (seed 000: two-way feedback).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FeedbackNote {
    /// The entry that recorded it.
    pub entry: EntryId,
    /// When.
    pub at: DateTime<Utc>,
    /// Who gave it.
    pub by: Actor,
    /// The side it came from.
    pub from: Side,
    /// The owning team of the set.
    pub team: TeamId,
    /// The cycle of the set.
    pub cycle: CycleId,
    /// The key result it is about, if one.
    pub key_result: Option<KeyResultId>,
    /// The feedback.
    pub text: String,
}

fn set_path(team: &TeamId, cycle: &CycleId) -> String {
    format!("sets[{team}/{cycle}]")
}

impl State {
    pub fn set_status(&self, team: &TeamId, cycle: &CycleId) -> SetStatus {
        self.sets
            .get(&(team.clone(), cycle.clone()))
            .map_or(SetStatus::Draft, |s| s.status)
    }

    pub fn set_mut(&mut self, team: &TeamId, cycle: &CycleId) -> &mut OkrSetState {
        self.sets
            .entry((team.clone(), cycle.clone()))
            .or_insert_with(|| OkrSetState {
                team: team.clone(),
                cycle: cycle.clone(),
                status: SetStatus::Draft,
                approver: None,
                proposed_by: None,
                agreed_at: None,
                agreed_by: None,
            })
    }

    /// The approver of a set: recorded at proposal, else the team's parent.
    pub fn approver_of(&self, team: &TeamId, cycle: &CycleId) -> Option<TeamId> {
        self.sets
            .get(&(team.clone(), cycle.clone()))
            .and_then(|s| s.approver.clone())
            .or_else(|| self.teams.get(team.as_str()).cloned().flatten())
    }

    /// Which side of set (team, cycle) the actor's team is on.
    pub fn side_of(&self, actor: &Actor, team: &TeamId, cycle: &CycleId) -> Option<Side> {
        if &actor.team == team {
            Some(Side::Owner)
        } else if self.approver_of(team, cycle).as_ref() == Some(&actor.team) {
            Some(Side::Approver)
        } else {
            None
        }
    }

    /// The approver of a set about to be proposed or imported: the one the
    /// hierarchy gives (an admin's assignment, else the parent team).
    pub fn resolve_approver(&self, team: &TeamId, cycle: &CycleId, path: &str) -> Result<TeamId> {
        let Some(derived) = self.default_approver(team, cycle) else {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!("team '{team}' has no parent team: an admin assigns its approver"),
            );
        };
        self.check_approver_team(team, &derived, path)?;
        Ok(derived)
    }

    /// A named approver must be the one the hierarchy gives: the owning
    /// team never chooses its approver.
    fn check_named_approver(
        &self,
        team: &TeamId,
        derived: &TeamId,
        approver: Option<&TeamId>,
        path: &str,
    ) -> Result<TeamId> {
        if let Some(a) = approver
            && a != derived
        {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "the approver of team '{team}' is '{derived}' (its parent, or an admin's assignment): the owning team does not choose its approver"
                ),
            );
        }
        self.check_approver_team(team, derived, path)?;
        Ok(derived.clone())
    }

    /// Refuses unless the actor's team owns the set and the set is editable.
    fn check_draftable(&self, e: &Entry, team: &TeamId, cycle: &CycleId, path: &str) -> Result<()> {
        if &e.actor.team != team {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "only team '{team}' drafts its own objectives (actor's team is '{}')",
                    e.actor.team
                ),
            );
        }
        match self.set_status(team, cycle) {
            s if s.is_editable() => Ok(()),
            SetStatus::Agreed => refuse(
                RefusalCode::AgreedCommitment,
                path,
                format!(
                    "the OKRs of team '{team}' for cycle '{cycle}' are agreed: propose a change instead (R4)"
                ),
            ),
            _ => refuse(
                RefusalCode::InvalidState,
                path,
                format!("the OKRs of team '{team}' for cycle '{cycle}' are under review"),
            ),
        }
    }

    pub(crate) fn draft_objective(&mut self, e: &Entry, objective: &Objective) -> Result<()> {
        let path = format!("objectives[{}]", objective.id);
        self.check_draftable(e, &objective.team, &objective.cycle, &path)?;
        self.append_objective(objective)?;
        self.record_objective(e, &objective.id, KeyResultEvent::Drafted, Who::default());
        Ok(())
    }

    pub(crate) fn edit_objective(&mut self, e: &Entry, objective: &Objective) -> Result<()> {
        let path = format!("objectives[{}]", objective.id);
        let Some(&oi) = self.obj_at.get(objective.id.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no objective has id '{}'", objective.id),
            );
        };
        let old = self.doc.objectives[oi].clone();
        if old.team != objective.team || old.cycle != objective.cycle {
            return refuse(
                RefusalCode::InvalidChange,
                path,
                "an edit keeps the objective's team and cycle: remove it and draft it again",
            );
        }
        self.check_draftable(e, &old.team, &old.cycle, &path)?;
        self.structural(true, |objs, _| {
            objs[oi] = objective.clone();
            Ok(())
        })?;
        for kr in &old.key_results {
            if !objective.key_results.iter().any(|k| k.id == kr.id) {
                self.record_of(e, KeyResultEvent::Removed, &old, kr, Who::default());
            }
        }
        for (ki, kr) in objective.key_results.iter().enumerate() {
            match old.key_results.iter().find(|k| k.id == kr.id) {
                Some(before) if before == kr => {}
                Some(_) => self.record(e, KeyResultEvent::Edited, oi, ki, Who::default()),
                None => self.record(e, KeyResultEvent::Drafted, oi, ki, Who::default()),
            }
        }
        Ok(())
    }

    pub(crate) fn remove_objective(&mut self, e: &Entry, id: &ObjectiveId) -> Result<()> {
        let path = format!("objectives[{id}]");
        let Some(&oi) = self.obj_at.get(id.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no objective has id '{id}'"),
            );
        };
        let old = self.doc.objectives[oi].clone();
        self.check_draftable(e, &old.team, &old.cycle, &path)?;
        self.structural(true, |objs, _| {
            objs.remove(oi);
            Ok(())
        })?;
        for kr in &old.key_results {
            self.record_of(e, KeyResultEvent::Removed, &old, kr, Who::default());
        }
        Ok(())
    }

    /// Records a version of every key result of an objective.
    pub fn record_objective(
        &mut self,
        e: &Entry,
        id: &ObjectiveId,
        event: KeyResultEvent,
        who: Who,
    ) {
        if let Some(&oi) = self.obj_at.get(id.as_str()) {
            for ki in 0..self.doc.objectives[oi].key_results.len() {
                self.record(e, event, oi, ki, who.clone());
            }
        }
    }

    pub(crate) fn propose_set(
        &mut self,
        e: &Entry,
        team: &TeamId,
        cycle: &CycleId,
        approver: Option<&TeamId>,
    ) -> Result<()> {
        let path = set_path(team, cycle);
        self.check_team(team, &path)?;
        if !self.cycles.contains(cycle.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no cycle has id '{cycle}'"),
            );
        }
        self.check_draftable(e, team, cycle, &path)?;
        if !self
            .doc
            .objectives
            .iter()
            .any(|o| &o.team == team && &o.cycle == cycle)
        {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!("team '{team}' has no objective in cycle '{cycle}' to propose"),
            );
        }
        let apath = format!("{path}.approver");
        let derived = self.resolve_approver(team, cycle, &apath)?;
        let approver = self.check_named_approver(team, &derived, approver, &apath)?;
        if self.is_member(&e.actor.person, &approver) {
            return refuse(
                RefusalCode::NotAllowed,
                apath,
                format!(
                    "'{}' belongs to the approver team '{approver}' too: someone on one side only proposes",
                    e.actor.person
                ),
            );
        }
        let s = self.set_mut(team, cycle);
        s.status = SetStatus::Proposed;
        s.approver = Some(approver);
        s.proposed_by = Some(e.actor.clone());
        Ok(())
    }

    /// Refuses unless the set is proposed and the actor is its approver (and
    /// not the person who proposed it).
    fn check_reviewer(&self, e: &Entry, team: &TeamId, cycle: &CycleId, path: &str) -> Result<()> {
        let Some(s) = self.sets.get(&(team.clone(), cycle.clone())) else {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "the set has not been proposed for agreement",
            );
        };
        if s.status != SetStatus::Proposed {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "the set is not proposed for agreement",
            );
        }
        if s.approver.as_ref() != Some(&e.actor.team) {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "only the approver ({}) reviews this set, not team '{}'",
                    s.approver.as_ref().map_or("none", |a| a.as_str()),
                    e.actor.team
                ),
            );
        }
        if s.proposed_by
            .as_ref()
            .is_some_and(|p| p.person == e.actor.person)
        {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                "the person who proposed the set cannot review it",
            );
        }
        Ok(())
    }

    pub(crate) fn request_changes(
        &mut self,
        e: &Entry,
        team: &TeamId,
        cycle: &CycleId,
        questions: &[ReviewQuestion],
        comment: &str,
    ) -> Result<()> {
        let path = set_path(team, cycle);
        self.check_reviewer(e, team, cycle, &path)?;
        if questions.is_empty() {
            return refuse(
                RefusalCode::InvalidChange,
                format!("{path}.questions"),
                "name the questions that prompted the request: strategy, understanding, contribution, stretch (seed 003)",
            );
        }
        check_text(comment, &format!("{path}.comment"), "comment")?;
        let mut questions = questions.to_vec();
        questions.sort();
        questions.dedup();
        self.set_mut(team, cycle).status = SetStatus::ChangesRequested;
        self.reviews.push(Review {
            entry: e.id.clone(),
            at: e.at,
            by: e.actor.clone(),
            team: team.clone(),
            cycle: cycle.clone(),
            questions,
            comment: comment.to_owned(),
        });
        Ok(())
    }

    pub(crate) fn agree(&mut self, e: &Entry, team: &TeamId, cycle: &CycleId) -> Result<()> {
        let path = set_path(team, cycle);
        self.check_reviewer(e, team, cycle, &path)?;
        let s = self.set_mut(team, cycle);
        s.status = SetStatus::Agreed;
        s.agreed_at = Some(e.at);
        s.agreed_by = Some(e.actor.clone());
        let who = Who {
            proposed_by: s.proposed_by.clone(),
            accepted_by: Some(e.actor.clone()),
            proposal: None,
            reason: None,
        };
        let ids: Vec<ObjectiveId> = self
            .doc
            .objectives
            .iter()
            .filter(|o| &o.team == team && &o.cycle == cycle)
            .map(|o| o.id.clone())
            .collect();
        for id in &ids {
            self.record_objective(e, id, KeyResultEvent::Agreed, who.clone());
        }
        Ok(())
    }

    pub(crate) fn give_feedback(
        &mut self,
        e: &Entry,
        team: &TeamId,
        cycle: &CycleId,
        key_result: Option<&KeyResultId>,
        text: &str,
    ) -> Result<()> {
        let path = set_path(team, cycle);
        self.check_team(team, &path)?;
        if !self.cycles.contains(cycle.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no cycle has id '{cycle}'"),
            );
        }
        let Some(from) = self.side_of(&e.actor, team, cycle) else {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "team '{}' is not a party to this set: feedback runs between the owning team and its approver",
                    e.actor.team
                ),
            );
        };
        if let Some(kr) = key_result {
            match self.objective_of_kr(kr.as_str()) {
                Some(o) if &o.team == team && &o.cycle == cycle => {}
                Some(_) => {
                    return refuse(
                        RefusalCode::InvalidChange,
                        format!("{path}.key_result"),
                        "the key result is not in this set",
                    );
                }
                None => {
                    return refuse(
                        RefusalCode::UnknownElement,
                        format!("{path}.key_result"),
                        format!("no key result has id '{kr}'"),
                    );
                }
            }
        }
        check_text(text, &format!("{path}.text"), "feedback")?;
        self.feedback.push(FeedbackNote {
            entry: e.id.clone(),
            at: e.at,
            by: e.actor.clone(),
            from,
            team: team.clone(),
            cycle: cycle.clone(),
            key_result: key_result.cloned(),
            text: text.to_owned(),
        });
        Ok(())
    }
}
