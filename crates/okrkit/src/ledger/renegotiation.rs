//! Renegotiation (R4, seeds 000 and 003): after agreement a commitment changes
//! only through a proposal that the other side accepts.
//!
//! Either side of an agreed set proposes a [`Change`] with a reason. The other
//! side — never the proposing person, never a third team — accepts, declines
//! or counters (a counter is a new proposal from the other side that
//! supersedes the first); the proposing side may withdraw. Only an accepted
//! proposal changes the document, and only if the result is still a valid
//! document (`invalid_change` otherwise). A proposal is checked when made and
//! again when accepted, since the document may have moved on meanwhile.

use crate::error::{RefusalCode, Result};
use crate::ids::{CycleId, KeyResultId, ObjectiveId, TeamId};
use crate::ledger::action::Change;
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::ledger::governance::{SetStatus, Side};
use crate::ledger::history::KeyResultEvent;
use crate::ledger::state::{State, Who, check_text, refuse};
use crate::model::{Document, DocumentRef, Initiative, Measure, Objective};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ProposalStatus {
    /// Waiting for the other side.
    Open,
    /// Accepted: the change was applied.
    Accepted,
    /// Declined by the other side.
    Declined,
    /// Superseded by the other side's counter-proposal.
    Countered,
    /// Withdrawn by the proposing side.
    Withdrawn,
}

/// A proposal to change an agreed commitment (R4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Proposal {
    /// The id of the entry that made it.
    pub id: EntryId,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// The owning team of the set it concerns.
    pub team: TeamId,
    /// The cycle of the set it concerns.
    pub cycle: CycleId,
    /// The side that proposed it.
    pub side: Side,
    /// Who proposed it.
    pub proposed_by: Actor,
    /// The change.
    pub change: Change,
    /// Why.
    pub reason: String,
    /// Where it stands.
    pub status: ProposalStatus,
    /// The proposal this one counters, if any.
    pub supersedes: Option<EntryId>,
    /// The counter-proposal that superseded this one, if any.
    pub superseded_by: Option<EntryId>,
    /// Who answered (accepted, declined, countered or withdrew).
    pub answered_by: Option<Actor>,
    /// When.
    pub answered_at: Option<DateTime<Utc>>,
    /// The answer's reason (decline or counter).
    pub answer_reason: Option<String>,
}

/// Which set a change concerns, or why it cannot be found.
fn set_of_change(state: &State, change: &Change) -> Result<(TeamId, CycleId)> {
    let by_kr = |kr: &KeyResultId| match state.objective_of_kr(kr.as_str()) {
        Some(o) => Ok((o.team.clone(), o.cycle.clone())),
        None => refuse(
            RefusalCode::UnknownElement,
            format!("key_results[{kr}]"),
            format!("no key result has id '{kr}'"),
        ),
    };
    let by_obj = |id: &ObjectiveId| match state.objective(id.as_str()) {
        Some(o) => Ok((o.team.clone(), o.cycle.clone())),
        None => refuse(
            RefusalCode::UnknownElement,
            format!("objectives[{id}]"),
            format!("no objective has id '{id}'"),
        ),
    };
    match change {
        Change::Target { key_result, .. }
        | Change::Baseline { key_result, .. }
        | Change::KeyResultWording { key_result, .. }
        | Change::Weight { key_result, .. }
        | Change::DropKeyResult { key_result } => by_kr(key_result),
        Change::ObjectiveWording { objective, .. }
        | Change::AddKeyResult { objective, .. }
        | Change::MoveObjective { objective, .. }
        | Change::RetireObjective { objective } => by_obj(objective),
        Change::AddObjective { objective } => Ok((objective.team.clone(), objective.cycle.clone())),
    }
}

fn find_kr<'a>(
    objs: &'a mut [Objective],
    id: &KeyResultId,
) -> Result<&'a mut crate::model::KeyResult> {
    objs.iter_mut()
        .flat_map(|o| o.key_results.iter_mut())
        .find(|k| &k.id == id)
        .map_or_else(
            || {
                refuse(
                    RefusalCode::UnknownElement,
                    format!("key_results[{id}]"),
                    format!("no key result has id '{id}'"),
                )
            },
            Ok,
        )
}

fn find_obj<'a>(objs: &'a mut [Objective], id: &ObjectiveId) -> Result<&'a mut Objective> {
    objs.iter_mut().find(|o| &o.id == id).map_or_else(
        || {
            refuse(
                RefusalCode::UnknownElement,
                format!("objectives[{id}]"),
                format!("no objective has id '{id}'"),
            )
        },
        Ok,
    )
}

fn not_finite(path: String, x: f64) -> Result<()> {
    if x.is_finite() {
        Ok(())
    } else {
        refuse(
            RefusalCode::InvalidChange,
            path,
            format!("{x} is not a finite number"),
        )
    }
}

/// Applies a change to copies of the objectives (validation follows).
fn apply_change(
    change: &Change,
    objs: &mut Vec<Objective>,
    _inis: &mut [Initiative],
) -> Result<()> {
    match change {
        Change::Target { key_result, target } => {
            not_finite(format!("key_results[{key_result}].measure.target"), *target)?;
            let kr = find_kr(objs, key_result)?;
            match &mut kr.measure {
                Measure::Metric { target: t, .. } => *t = *target,
                Measure::Threshold { bound, .. } => *bound = *target,
                Measure::Milestone { .. } => {
                    return refuse(
                        RefusalCode::InvalidChange,
                        format!("key_results[{key_result}].measure"),
                        "a milestone key result has no target",
                    );
                }
            }
        }
        Change::Baseline {
            key_result,
            baseline,
        } => {
            not_finite(
                format!("key_results[{key_result}].measure.baseline"),
                *baseline,
            )?;
            let kr = find_kr(objs, key_result)?;
            match &mut kr.measure {
                Measure::Metric { baseline: b, .. } => *b = *baseline,
                _ => {
                    return refuse(
                        RefusalCode::InvalidChange,
                        format!("key_results[{key_result}].measure"),
                        "only a metric key result has a baseline",
                    );
                }
            }
        }
        Change::KeyResultWording { key_result, title } => {
            check_text(title, &format!("key_results[{key_result}].title"), "title")?;
            find_kr(objs, key_result)?.title = title.clone();
        }
        Change::ObjectiveWording { objective, title } => {
            check_text(title, &format!("objectives[{objective}].title"), "title")?;
            find_obj(objs, objective)?.title = title.clone();
        }
        Change::Weight { key_result, weight } => {
            find_kr(objs, key_result)?.weight = *weight;
        }
        Change::AddKeyResult {
            objective,
            key_result,
        } => {
            find_obj(objs, objective)?
                .key_results
                .push((**key_result).clone());
        }
        Change::DropKeyResult { key_result } => {
            let before: usize = objs.iter().map(|o| o.key_results.len()).sum();
            for o in objs.iter_mut() {
                o.key_results.retain(|k| &k.id != key_result);
            }
            if objs.iter().map(|o| o.key_results.len()).sum::<usize>() == before {
                return refuse(
                    RefusalCode::UnknownElement,
                    format!("key_results[{key_result}]"),
                    format!("no key result has id '{key_result}'"),
                );
            }
        }
        Change::AddObjective { objective } => objs.push((**objective).clone()),
        Change::MoveObjective { objective, cycle } => {
            let o = find_obj(objs, objective)?;
            if &o.cycle == cycle {
                return refuse(
                    RefusalCode::InvalidChange,
                    format!("objectives[{objective}].cycle"),
                    "the objective is already in that cycle",
                );
            }
            o.cycle = cycle.clone();
        }
        Change::RetireObjective { objective } => {
            let before = objs.len();
            objs.retain(|o| &o.id != objective);
            if objs.len() == before {
                return refuse(
                    RefusalCode::UnknownElement,
                    format!("objectives[{objective}]"),
                    format!("no objective has id '{objective}'"),
                );
            }
        }
    }
    Ok(())
}

/// The objective a change touches when it touches only that one objective's
/// own fields (no id appears or disappears).
fn local_target(state: &State, change: &Change) -> Option<usize> {
    match change {
        Change::Target { key_result, .. }
        | Change::Baseline { key_result, .. }
        | Change::KeyResultWording { key_result, .. }
        | Change::Weight { key_result, .. } => {
            state.kr_at.get(key_result.as_str()).map(|&(oi, _)| oi)
        }
        Change::ObjectiveWording { objective, .. } => state.obj_at.get(objective.as_str()).copied(),
        _ => None,
    }
}

/// The cycles a change touches: the one its element is in now and, for a
/// move, the one it moves to (unknown ids are the rule's to refuse).
fn cycles_of_change(state: &State, change: &Change) -> Vec<CycleId> {
    let mut cycles: Vec<CycleId> = set_of_change(state, change)
        .map(|(_, c)| c)
        .into_iter()
        .collect();
    if let Change::MoveObjective { cycle, .. } = change {
        cycles.push(cycle.clone());
    }
    cycles
}

/// What an entry writes of a cycle, for [`State::check_cycle_open`]: the
/// cycles it touches and the objectives whose recorded retrospective it
/// would contradict.
struct Touches {
    cycles: Vec<CycleId>,
    objectives: Vec<ObjectiveId>,
}

impl State {
    /// What `e` writes of a cycle; `None` when it writes no objective, set,
    /// key result or check-in of one.
    fn touches(&self, e: &Entry) -> Option<Touches> {
        use crate::ledger::action::Action;
        let cycle_of = |id: &str| {
            self.obj_at
                .get(id)
                .map(|&oi| self.doc.objectives[oi].cycle.clone())
        };
        let set_objectives = |team: &TeamId, cycle: &CycleId| {
            self.doc
                .objectives
                .iter()
                .filter(|o| &o.team == team && &o.cycle == cycle)
                .map(|o| o.id.clone())
                .collect()
        };
        let change = match &e.action {
            Action::ProposeChange { change, .. } | Action::Counter { change, .. } => change,
            Action::Accept { proposal } => {
                &self.proposals[*self.proposal_at.get(proposal.as_str())?].change
            }
            Action::DraftObjective { objective } => {
                return Some(Touches {
                    cycles: vec![objective.cycle.clone()],
                    objectives: Vec::new(),
                });
            }
            Action::EditObjective { objective } => {
                let mut cycles = vec![objective.cycle.clone()];
                cycles.extend(cycle_of(objective.id.as_str()));
                return Some(Touches {
                    cycles,
                    objectives: vec![objective.id.clone()],
                });
            }
            Action::RemoveObjective { objective } => {
                return Some(Touches {
                    cycles: cycle_of(objective.as_str()).into_iter().collect(),
                    objectives: vec![objective.clone()],
                });
            }
            Action::ProposeSet { team, cycle, .. }
            | Action::RequestChanges { team, cycle, .. }
            | Action::Agree { team, cycle } => {
                return Some(Touches {
                    cycles: vec![cycle.clone()],
                    objectives: set_objectives(team, cycle),
                });
            }
            _ => return None,
        };
        let objective = match change {
            Change::Target { key_result, .. }
            | Change::Baseline { key_result, .. }
            | Change::KeyResultWording { key_result, .. }
            | Change::Weight { key_result, .. }
            | Change::DropKeyResult { key_result } => self
                .objective_of_kr(key_result.as_str())
                .map(|o| o.id.clone()),
            Change::ObjectiveWording { objective, .. }
            | Change::AddKeyResult { objective, .. }
            | Change::MoveObjective { objective, .. }
            | Change::RetireObjective { objective } => Some(objective.clone()),
            Change::AddObjective { .. } => None,
        };
        Some(Touches {
            cycles: cycles_of_change(self, change),
            objectives: objective.into_iter().collect(),
        })
    }

    /// Refuses an entry that writes an objective, a set or a key result of
    /// a cycle after the cycle's last day (UTC): a proposal (or
    /// counter-proposal) of a change or the acceptance of one, and the
    /// draft path (draft, edit or removal of an objective, proposing a set,
    /// requesting changes, agreeing). A closed cycle's objectives are what
    /// its retrospective scores (`invalid_change` at `at`). On the last day
    /// itself, such an entry is refused for an objective whose retrospective
    /// is recorded (`invalid_change` at `objectives[id]`), and so is a
    /// check-in of one of its key results (`invalid_change` at `at`): the
    /// retrospective's score is the one the cycle keeps. Checked when an
    /// entry is appended, not on replay: a ledger written before the rule
    /// still loads, and its closed cycles still score with the targets in
    /// force at the close ([`State::doc_at_close`]).
    pub(crate) fn check_cycle_open(&self, e: &Entry) -> Result<()> {
        if let crate::ledger::action::Action::CheckIn { key_result, .. } = &e.action {
            return self.check_not_retrospected(key_result.as_str());
        }
        let Some(touches) = self.touches(e) else {
            return Ok(());
        };
        for id in touches.cycles {
            let Some(c) = self.doc.cycles.iter().find(|c| c.id == id) else {
                continue;
            };
            if e.at > crate::ledger::end_of_day(c.end) {
                return refuse(
                    RefusalCode::InvalidChange,
                    "at",
                    format!(
                        "cycle '{id}' ended on {} (its last day, UTC): {} is after the close, and a closed cycle's objectives and key results no longer change (its retrospective scores the targets in force at the close)",
                        c.end,
                        e.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                    ),
                );
            }
        }
        // The last day itself is open, but not for an objective whose
        // retrospective is already recorded (with the score in force then).
        if let Some(r) = self
            .retrospectives
            .iter()
            .find(|r| touches.objectives.contains(&r.objective))
        {
            return refuse(
                RefusalCode::InvalidChange,
                format!("objectives[{}]", r.objective),
                format!(
                    "objective '{}' has its retrospective (entry {}, scored with the commitment in force then): it no longer changes",
                    r.objective, r.entry
                ),
            );
        }
        Ok(())
    }

    /// Refuses a check-in of key result `kr` when its objective's
    /// retrospective is recorded: the retrospective's score is the cycle's
    /// (`invalid_change` at `at`).
    fn check_not_retrospected(&self, kr: &str) -> Result<()> {
        let Some(o) = self.objective_of_kr(kr) else {
            return Ok(());
        };
        match self.retrospectives.iter().find(|r| r.objective == o.id) {
            Some(r) => refuse(
                RefusalCode::InvalidChange,
                "at",
                format!(
                    "objective '{}' has its retrospective (entry {}, recorded {}): a check-in of key result '{kr}' would change the score it recorded",
                    r.objective,
                    r.entry,
                    r.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                ),
            ),
            None => Ok(()),
        }
    }
}

impl State {
    /// The problems of objective `o` (its alignment taken out) in the
    /// document as it stands: the validator's answer for a document of the
    /// document's cycles, teams and people and `o` alone
    /// ([`State::problems_in_document`]), computed from the few of them `o`
    /// names.
    ///
    /// The document's cycles, teams and people are valid among themselves
    /// (the import and every entry adding one validate the whole document,
    /// and nothing else changes them), and the validator checks an
    /// objective against them only by looking its team, cycle and people up
    /// (ids are compared for look-alikes within their own kind only). So the
    /// context needs only the elements `o` names, each as a stub with its
    /// id (no name, no parent; a cycle keeps its dates, which the validator reads), and no problem can
    /// come from them: the same problems, in the same order, without
    /// hashing every id of the document for look-alikes on each
    /// renegotiation. Proven against the whole context in
    /// `context_tests` (proptest) and checked on every renegotiation of
    /// debug and test builds.
    pub(crate) fn problems_of_one(&self, o: &Objective) -> Vec<crate::error::Problem> {
        use crate::model::{Cycle, Person, Team};
        let teams: Vec<Team> = self
            .teams
            .contains_key(o.team.as_str())
            .then(|| Team {
                id: o.team.clone(),
                name: String::new(),
                parent: None,
            })
            .into_iter()
            .collect();
        let cycles: Vec<Cycle> = self
            .doc
            .cycles
            .iter()
            .find(|c| c.id == o.cycle)
            .map(|c| Cycle {
                id: c.id.clone(),
                name: String::new(),
                start: c.start,
                end: c.end,
            })
            .into_iter()
            .collect();
        // The team's id may name a person (an objective owned by a person
        // is `cascade_below_team`), and each key result may name two.
        let named = std::iter::once(o.team.as_str()).chain(o.key_results.iter().flat_map(|kr| {
            [kr.responsible.as_ref(), kr.key_partner.as_ref()]
                .into_iter()
                .flatten()
                .map(|p| p.as_str())
        }));
        // Each person once, in linear time: an objective may name as many
        // people as the document has (no bound but a lint's), and this runs
        // on every replay of a renegotiation.
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
        let people: Vec<Person> = named
            .filter(|id| self.people.contains(*id) && seen.insert(id))
            .map(|id| Person {
                id: id.into(),
                name: String::new(),
            })
            .collect();
        self.problems_beside(&cycles, &teams, &people, o)
    }

    /// The validator's problems for a document of the document's cycles,
    /// teams and people, borrowed, with objective `o` alone: the reference
    /// [`State::problems_of_one`] is checked against.
    pub(crate) fn problems_in_document(&self, o: &Objective) -> Vec<crate::error::Problem> {
        self.problems_beside(&self.doc.cycles, &self.doc.teams, &self.doc.people, o)
    }

    /// The validator's problems for a document of these cycles, teams and
    /// people (borrowed) with objective `o` alone.
    fn problems_beside(
        &self,
        cycles: &[crate::model::Cycle],
        teams: &[crate::model::Team],
        people: &[crate::model::Person],
        o: &Objective,
    ) -> Vec<crate::error::Problem> {
        let empty = Document::default();
        let mut mini = DocumentRef::from(&empty);
        mini.schema_version = self.doc.schema_version;
        mini.cycles = cycles;
        mini.teams = teams;
        mini.people = people;
        mini.objectives = std::slice::from_ref(o);
        crate::validate::validate(mini)
    }

    /// Applies a change (when `commit`) after checking that the document
    /// stays valid. A change to one objective's own fields is validated on
    /// that objective alone (with the cycles, teams and people it names), so
    /// a renegotiation costs the same in a ledger of any size; anything else
    /// re-validates the document's structure.
    fn apply_checked(&mut self, change: &Change, commit: bool) -> Result<()> {
        let Some(oi) = local_target(self, change) else {
            return self.structural(commit, |objs, inis| apply_change(change, objs, inis));
        };
        let mut one = vec![self.doc.objectives[oi].clone()];
        apply_change(change, &mut one, &mut [])?;
        let mut changed = one.pop();
        if let Some(o) = changed.as_mut() {
            let aligned = o.aligned_to.take();
            let problems = self.problems_of_one(o);
            // Debug and test builds check the shortcut on every
            // renegotiation against the whole context.
            debug_assert_eq!(problems, self.problems_in_document(o));
            if !problems.is_empty() {
                return Err(crate::ledger::state::invalid_change(&problems));
            }
            o.aligned_to = aligned;
        }
        if commit && let Some(o) = changed {
            self.doc.objectives[oi] = o;
        }
        Ok(())
    }

    /// Checks that a change may be proposed by the actor now; returns its set
    /// and the actor's side.
    fn check_proposable(
        &mut self,
        e: &Entry,
        change: &Change,
        reason: &str,
    ) -> Result<(TeamId, CycleId, Side)> {
        let (team, cycle) = set_of_change(self, change)?;
        let path = format!("sets[{team}/{cycle}]");
        if self.set_status(&team, &cycle) != SetStatus::Agreed {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!(
                    "the OKRs of team '{team}' for cycle '{cycle}' are not agreed: edit the draft instead"
                ),
            );
        }
        let Some(side) = self.side_of(&e.actor, &team, &cycle) else {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "team '{}' is not a party to the agreement of team '{team}' for cycle '{cycle}'",
                    e.actor.team
                ),
            );
        };
        let other = match side {
            Side::Owner => self.approver_of(&team, &cycle),
            Side::Approver => Some(team.clone()),
        };
        if let Some(other) = other.filter(|o| self.is_member(&e.actor.person, o)) {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "'{}' belongs to both sides (also to team '{other}'): someone on one side only proposes",
                    e.actor.person
                ),
            );
        }
        check_text(reason, "action.reason", "the reason")?;
        // Checked now, and again on acceptance.
        self.apply_checked(change, false)?;
        Ok((team, cycle, side))
    }

    pub(crate) fn propose_change(
        &mut self,
        e: &Entry,
        change: &Change,
        reason: &str,
        supersedes: Option<EntryId>,
    ) -> Result<()> {
        let (team, cycle, side) = self.check_proposable(e, change, reason)?;
        self.push_proposal(e, team, cycle, side, change, reason, supersedes);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn push_proposal(
        &mut self,
        e: &Entry,
        team: TeamId,
        cycle: CycleId,
        side: Side,
        change: &Change,
        reason: &str,
        supersedes: Option<EntryId>,
    ) {
        self.proposal_at.insert(e.id.clone(), self.proposals.len());
        self.proposals.push(Proposal {
            id: e.id.clone(),
            at: e.at,
            team,
            cycle,
            side,
            proposed_by: e.actor.clone(),
            change: change.clone(),
            reason: reason.to_owned(),
            status: ProposalStatus::Open,
            supersedes,
            superseded_by: None,
            answered_by: None,
            answered_at: None,
            answer_reason: None,
        });
    }

    /// Refuses unless the proposal is open and the actor answers for the
    /// other side (and is not the person who proposed it). Returns its index.
    fn check_answer(&self, e: &Entry, id: &EntryId) -> Result<usize> {
        let path = format!("proposals[{id}]");
        let Some(&i) = self.proposal_at.get(id.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no proposal has id '{id}'"),
            );
        };
        let p = &self.proposals[i];
        if p.status != ProposalStatus::Open {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!("the proposal is {:?}, not open", p.status),
            );
        }
        if p.proposed_by.person == e.actor.person {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                "the person who proposed a change cannot answer it",
            );
        }
        match self.side_of(&e.actor, &p.team, &p.cycle) {
            Some(s) if s == p.side.other() => Ok(i),
            Some(_) => refuse(
                RefusalCode::NotAllowed,
                path,
                "only the other side of the agreement answers a proposal",
            ),
            None => refuse(
                RefusalCode::NotAllowed,
                path,
                format!("team '{}' is not a party to this agreement", e.actor.team),
            ),
        }
    }

    fn close(&mut self, i: usize, e: &Entry, status: ProposalStatus, reason: Option<&str>) {
        let p = &mut self.proposals[i];
        p.status = status;
        p.answered_by = Some(e.actor.clone());
        p.answered_at = Some(e.at);
        p.answer_reason = reason.map(str::to_owned);
    }

    pub(crate) fn accept(&mut self, e: &Entry, id: &EntryId) -> Result<()> {
        let i = self.check_answer(e, id)?;
        let p = self.proposals[i].clone();
        let path = format!("proposals[{id}]");
        let (team, cycle) = set_of_change(self, &p.change)?;
        if (team != p.team || cycle != p.cycle)
            || self.set_status(&team, &cycle) != SetStatus::Agreed
        {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "the element has moved since the proposal: it is no longer in the agreed set proposed for",
            );
        }
        // Versions of key results about to leave the document.
        let leaving: Vec<(Objective, usize)> = match &p.change {
            Change::DropKeyResult { key_result } => self
                .kr_at
                .get(key_result.as_str())
                .map(|&(oi, ki)| (self.doc.objectives[oi].clone(), ki))
                .into_iter()
                .collect(),
            Change::RetireObjective { objective } => self
                .objective(objective.as_str())
                .map(|o| (0..o.key_results.len()).map(|ki| (o.clone(), ki)).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        // Accepted after a cycle's close (a ledger written before that was
        // refused at append): keep what the cycle scores as it stood then.
        let closing: Vec<CycleId> = cycles_of_change(self, &p.change)
            .into_iter()
            .filter(|c| {
                !self.closed.contains_key(c)
                    && self
                        .doc
                        .cycles
                        .iter()
                        .any(|x| &x.id == c && e.at > crate::ledger::end_of_day(x.end))
            })
            .collect();
        let snapshots: Vec<_> = closing.iter().map(|c| self.at_close(c)).collect();
        self.apply_checked(&p.change, true)?;
        self.closed.extend(closing.into_iter().zip(snapshots));
        let who = Who {
            proposed_by: Some(p.proposed_by.clone()),
            accepted_by: Some(e.actor.clone()),
            proposal: Some(p.id.clone()),
            reason: Some(p.reason.clone()),
        };
        match &p.change {
            Change::Target { key_result, .. }
            | Change::Baseline { key_result, .. }
            | Change::KeyResultWording { key_result, .. }
            | Change::Weight { key_result, .. } => {
                if let Some(&(oi, ki)) = self.kr_at.get(key_result.as_str()) {
                    self.record(e, KeyResultEvent::Renegotiated, oi, ki, who);
                }
            }
            Change::AddKeyResult { key_result, .. } => {
                if let Some(&(oi, ki)) = self.kr_at.get(key_result.id.as_str()) {
                    self.record(e, KeyResultEvent::Added, oi, ki, who);
                }
            }
            Change::DropKeyResult { .. } | Change::RetireObjective { .. } => {
                let event = if matches!(p.change, Change::DropKeyResult { .. }) {
                    KeyResultEvent::Dropped
                } else {
                    KeyResultEvent::Retired
                };
                for (o, ki) in &leaving {
                    if let Some(kr) = o.key_results.get(*ki) {
                        self.record_of(e, event, o, kr, who.clone());
                    }
                }
            }
            Change::AddObjective { objective } => {
                self.record_objective(e, &objective.id, KeyResultEvent::Added, who);
            }
            Change::MoveObjective { objective, .. } => {
                self.record_objective(e, objective, KeyResultEvent::Moved, who);
            }
            Change::ObjectiveWording { .. } => {}
        }
        self.close(i, e, ProposalStatus::Accepted, None);
        Ok(())
    }

    pub(crate) fn decline(&mut self, e: &Entry, id: &EntryId, reason: &str) -> Result<()> {
        let i = self.check_answer(e, id)?;
        check_text(reason, "action.reason", "the reason")?;
        self.close(i, e, ProposalStatus::Declined, Some(reason));
        Ok(())
    }

    pub(crate) fn counter(
        &mut self,
        e: &Entry,
        id: &EntryId,
        change: &Change,
        reason: &str,
    ) -> Result<()> {
        let i = self.check_answer(e, id)?;
        let (team, cycle, side) = self.check_proposable(e, change, reason)?;
        if team != self.proposals[i].team || cycle != self.proposals[i].cycle {
            return refuse(
                RefusalCode::InvalidChange,
                "action.change",
                "a counter-proposal concerns the same OKR set as the proposal it counters",
            );
        }
        self.close(i, e, ProposalStatus::Countered, Some(reason));
        self.proposals[i].superseded_by = Some(e.id.clone());
        self.push_proposal(e, team, cycle, side, change, reason, Some(id.clone()));
        Ok(())
    }

    pub(crate) fn withdraw(&mut self, e: &Entry, id: &EntryId) -> Result<()> {
        let path = format!("proposals[{id}]");
        let Some(&i) = self.proposal_at.get(id.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no proposal has id '{id}'"),
            );
        };
        let p = &self.proposals[i];
        if p.status != ProposalStatus::Open {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!("the proposal is {:?}, not open", p.status),
            );
        }
        if self.side_of(&e.actor, &p.team, &p.cycle) != Some(p.side) {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                "only the proposing side withdraws a proposal",
            );
        }
        self.close(i, e, ProposalStatus::Withdrawn, None);
        Ok(())
    }
}
