//! What an entry records: the [`Action`] and, for renegotiations, the [`Change`].

use crate::ids::{CycleId, InitiativeId, KeyResultId, ObjectiveId, PersonId, TeamId};
use crate::ledger::entry::EntryId;
use crate::ledger::roles::Roles;
use crate::model::{Cycle, Document, Initiative, KeyResult, Objective, Person, Team};
use serde::{Deserialize, Serialize};

/// One of seed 003's negotiation questions (R8): what prompted a reviewer to
/// ask for changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReviewQuestion {
    /// Do these OKRs reflect the strategy of the organisation?
    Strategy,
    /// Do they demonstrate an understanding of where the company wants to go?
    Understanding,
    /// Are we clearly signalling what our contribution is?
    Contribution,
    /// Is the level of stretch appropriate?
    Stretch,
}

/// An OKR set already agreed when the ledger starts (migrating from another tool).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AgreedSet {
    /// The owning team.
    pub team: TeamId,
    /// The cycle.
    pub cycle: CycleId,
    /// The approver; the owning team's parent when absent. Naming another
    /// team is the importing admin's decision (never the owner or below it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<TeamId>,
    /// Who agreed it: an admin or a member of the approver team. Required:
    /// every agreed commitment has an agreement on record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_by: Option<PersonId>,
}

/// A change to an agreed objective or key result, proposed in a renegotiation (R4).
///
/// Every change concerns exactly one OKR set (the objective's team and
/// cycle); the proposing side and the other side are that set's owning team
/// and its approver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Change"))]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields,
    remote = "Self"
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Change {
    /// New target of a metric key result, or new bound of a threshold key result.
    Target {
        /// The key result.
        key_result: KeyResultId,
        /// The new target (or bound).
        target: f64,
    },
    /// New baseline of a metric key result.
    Baseline {
        /// The key result.
        key_result: KeyResultId,
        /// The new baseline.
        baseline: f64,
    },
    /// New wording of a key result.
    KeyResultWording {
        /// The key result.
        key_result: KeyResultId,
        /// The new title.
        title: String,
    },
    /// New wording of an objective.
    ObjectiveWording {
        /// The objective.
        objective: ObjectiveId,
        /// The new title.
        title: String,
    },
    /// New weight of a key result.
    Weight {
        /// The key result.
        key_result: KeyResultId,
        /// The new weight (finite, positive).
        weight: f64,
    },
    /// A key result added to an agreed objective.
    AddKeyResult {
        /// The objective.
        objective: ObjectiveId,
        /// The new key result (its id unique in the document).
        #[serde(deserialize_with = "crate::json::object_only")]
        key_result: Box<KeyResult>,
    },
    /// A key result dropped from an agreed objective. Its check-ins leave the
    /// replayed document (they stay in the ledger) and initiatives stop naming it.
    DropKeyResult {
        /// The key result.
        key_result: KeyResultId,
    },
    /// An objective added to an agreed set.
    AddObjective {
        /// The new objective (its team and cycle name the set).
        #[serde(deserialize_with = "crate::json::object_only")]
        objective: Box<Objective>,
    },
    /// An objective moved to another cycle. It joins the owning team's set of
    /// that cycle and takes that set's status (agreed, or a draft to negotiate).
    MoveObjective {
        /// The objective.
        objective: ObjectiveId,
        /// The cycle it moves to.
        cycle: CycleId,
    },
    /// An objective retired with its key results (as for a dropped key result,
    /// their check-ins leave the replayed document). Refused while another
    /// objective aligns to it.
    RetireObjective {
        /// The objective.
        objective: ObjectiveId,
    },
}

// No action removes or renames a person or a team: `State::apply` relies on
// it (a member of a team is taken to be a known person of a known team,
// without looking either up). An action that removes or renames one must
// also drop their memberships, or `State::apply` must drop that shortcut.
/// What an entry records. On the wire: a JSON object with a `type` member
/// (`"check_in"`, `"propose_change"`, …) and the variant's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Action"))]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    deny_unknown_fields,
    remote = "Self"
)]
#[non_exhaustive]
pub enum Action {
    /// The first entry, and only the first: the base document (cycles, teams,
    /// people, possibly drafted objectives, initiatives, check-ins). Its
    /// objectives are drafts, except those of the sets listed in `agreed`.
    Import {
        /// The base document; it must be valid.
        #[serde(deserialize_with = "crate::json::object_only")]
        document: Box<Document>,
        /// Sets already agreed before the ledger started.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[serde(deserialize_with = "crate::json::object_only")]
        agreed: Vec<AgreedSet>,
        /// Admins, team members, keys and signed mode. The importing person
        /// is always an admin.
        #[serde(default, skip_serializing_if = "Roles::is_empty")]
        #[serde(deserialize_with = "crate::json::object_only")]
        roles: Roles,
    },
    /// An admin adds a person to a team.
    AddMember {
        /// The team.
        team: TeamId,
        /// The person.
        person: PersonId,
    },
    /// An admin removes a person from a team.
    RemoveMember {
        /// The team.
        team: TeamId,
        /// The person.
        person: PersonId,
    },
    /// An admin makes a person an admin.
    GrantAdmin {
        /// The person.
        person: PersonId,
    },
    /// An admin revokes a person's admin role (never the last admin's).
    RevokeAdmin {
        /// The person.
        person: PersonId,
    },
    /// An admin names the approver of a set instead of the owning team's
    /// parent, before it is proposed. Never the owning team or a team below it.
    AssignApprover {
        /// The owning team.
        team: TeamId,
        /// The cycle.
        cycle: CycleId,
        /// The approving team.
        approver: TeamId,
    },
    /// An admin enrols a person's first Ed25519 public key; a person who has
    /// one replaces it with an entry of their own (signed with it).
    EnrollKey {
        /// The person.
        person: PersonId,
        /// 64 lower-case hex digits.
        public_key: String,
    },
    /// An admin revokes a person's key.
    RevokeKey {
        /// The person.
        person: PersonId,
    },
    /// An admin adds a cycle.
    AddCycle {
        /// The cycle.
        #[serde(deserialize_with = "crate::json::object_only")]
        cycle: Cycle,
    },
    /// An admin adds a team.
    AddTeam {
        /// The team.
        #[serde(deserialize_with = "crate::json::object_only")]
        team: Team,
    },
    /// An admin adds a person.
    AddPerson {
        /// The person.
        #[serde(deserialize_with = "crate::json::object_only")]
        person: Person,
    },
    /// The owning team drafts an objective (R8). Only while its set is a draft.
    DraftObjective {
        /// The objective; `team` must be the actor's team.
        #[serde(deserialize_with = "crate::json::object_only")]
        objective: Box<Objective>,
    },
    /// The owning team replaces a drafted objective (same id, team and cycle).
    EditObjective {
        /// The new version.
        #[serde(deserialize_with = "crate::json::object_only")]
        objective: Box<Objective>,
    },
    /// The owning team removes a drafted objective.
    RemoveObjective {
        /// The objective.
        objective: ObjectiveId,
    },
    /// The owning team proposes its set for agreement (R8).
    ProposeSet {
        /// The owning team (the actor's team).
        team: TeamId,
        /// The cycle.
        cycle: CycleId,
        /// The approving team, if named: it must be the one the hierarchy
        /// gives (an admin's [`Action::AssignApprover`], else the owning
        /// team's parent). The owning team never chooses its approver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approver: Option<TeamId>,
    },
    /// The approver asks for changes, saying which of seed 003's questions
    /// prompted it; the set goes back to draft.
    RequestChanges {
        /// The owning team.
        team: TeamId,
        /// The cycle.
        cycle: CycleId,
        /// Which questions prompted it (at least one).
        #[serde(deserialize_with = "crate::json::object_only")]
        questions: Vec<ReviewQuestion>,
        /// What should change.
        comment: String,
    },
    /// The approver agrees the set: from now on it changes only by renegotiation (R4).
    Agree {
        /// The owning team.
        team: TeamId,
        /// The cycle.
        cycle: CycleId,
    },
    /// Either side of an agreed set proposes a change, with a reason (R4).
    ProposeChange {
        /// The change.
        change: Change,
        /// Why.
        reason: String,
    },
    /// The other side accepts an open proposal: only now does the change apply.
    Accept {
        /// The proposal (id of the entry that made it).
        proposal: EntryId,
    },
    /// The other side declines an open proposal.
    Decline {
        /// The proposal.
        proposal: EntryId,
        /// Why.
        reason: String,
    },
    /// The other side answers with its own proposal, which supersedes the first.
    Counter {
        /// The proposal countered.
        proposal: EntryId,
        /// The change proposed instead.
        change: Change,
        /// Why.
        reason: String,
    },
    /// The proposing side withdraws its open proposal.
    Withdraw {
        /// The proposal.
        proposal: EntryId,
    },
    /// Feedback between the two sides of a set, in either direction.
    Feedback {
        /// The owning team of the set.
        team: TeamId,
        /// The cycle of the set.
        cycle: CycleId,
        /// The key result it is about, if one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key_result: Option<KeyResultId>,
        /// The feedback.
        text: String,
    },
    /// A check-in by the owning team: the value of a key result now.
    CheckIn {
        /// The key result.
        key_result: KeyResultId,
        /// The measured value (finite; 0 or 1 for a milestone).
        value: f64,
        /// Confidence 0–10.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidence: Option<f64>,
        /// Free text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A team starts an initiative (R3). Never touches the OKR.
    StartInitiative {
        /// The initiative (its team is the actor's team; status becomes active).
        #[serde(deserialize_with = "crate::json::object_only")]
        initiative: Box<Initiative>,
    },
    /// A team swaps an initiative for another (R3).
    SwapInitiative {
        /// The initiative swapped out.
        initiative: InitiativeId,
        /// The one started instead.
        #[serde(deserialize_with = "crate::json::object_only")]
        replacement: Box<Initiative>,
        /// Why.
        reason: String,
    },
    /// A team kills an initiative (R3).
    KillInitiative {
        /// The initiative.
        initiative: InitiativeId,
        /// Why.
        reason: String,
    },
    /// A team finishes an initiative.
    FinishInitiative {
        /// The initiative.
        initiative: InitiativeId,
    },
    /// The retrospective of an objective at the close of its cycle (R8, seed
    /// 003), by the owning team. The ledger computes the score itself; a
    /// committed objective below 1.0 must carry an explanation.
    Retrospective {
        /// The objective.
        objective: ObjectiveId,
        /// The answers to seed 003's questions.
        #[serde(deserialize_with = "crate::json::object_only")]
        answers: Box<crate::ledger::retrospective::RetrospectiveAnswers>,
    },
    /// A team asks another for help with one of its objectives (R7, seed 003).
    RequestDependency {
        /// The team asked.
        to: TeamId,
        /// What help is needed.
        help: String,
        /// The requesting team's objective it is for.
        objective: ObjectiveId,
        /// The key result it is for, if one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key_result: Option<KeyResultId>,
    },
    /// The team asked accepts.
    AcceptDependency {
        /// The dependency (id of the entry that requested it).
        dependency: EntryId,
    },
    /// The team asked declines.
    DeclineDependency {
        /// The dependency.
        dependency: EntryId,
        /// Why.
        reason: String,
    },
    /// The requesting team escalates a declined dependency to the next level up.
    EscalateDependency {
        /// The dependency.
        dependency: EntryId,
    },
    /// The team escalated to decides: the help is given (`grant`) or not.
    DecideDependency {
        /// The dependency.
        dependency: EntryId,
        /// Whether the team asked must help.
        grant: bool,
        /// Why.
        reason: String,
    },
}

impl Action {
    /// The genesis action for a base document with no agreed set.
    pub fn import(document: Document) -> Action {
        Action::Import {
            document: Box::new(document),
            agreed: Vec::new(),
            roles: Roles::default(),
        }
    }

    /// The genesis action for a base document with its roles.
    pub fn import_with_roles(document: Document, roles: Roles) -> Action {
        Action::Import {
            document: Box::new(document),
            agreed: Vec::new(),
            roles,
        }
    }

    /// Whether only an admin may take this action.
    pub fn is_admin_action(&self) -> bool {
        matches!(
            self,
            Action::AddCycle { .. }
                | Action::AddTeam { .. }
                | Action::AddPerson { .. }
                | Action::AddMember { .. }
                | Action::RemoveMember { .. }
                | Action::GrantAdmin { .. }
                | Action::RevokeAdmin { .. }
                | Action::AssignApprover { .. }
                | Action::EnrollKey { .. }
                | Action::RevokeKey { .. }
        )
    }

    /// The stable snake_case name of the action (its `type` on the wire).
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Import { .. } => "import",
            Action::AddMember { .. } => "add_member",
            Action::RemoveMember { .. } => "remove_member",
            Action::GrantAdmin { .. } => "grant_admin",
            Action::RevokeAdmin { .. } => "revoke_admin",
            Action::AssignApprover { .. } => "assign_approver",
            Action::EnrollKey { .. } => "enroll_key",
            Action::RevokeKey { .. } => "revoke_key",
            Action::AddCycle { .. } => "add_cycle",
            Action::AddTeam { .. } => "add_team",
            Action::AddPerson { .. } => "add_person",
            Action::DraftObjective { .. } => "draft_objective",
            Action::EditObjective { .. } => "edit_objective",
            Action::RemoveObjective { .. } => "remove_objective",
            Action::ProposeSet { .. } => "propose_set",
            Action::RequestChanges { .. } => "request_changes",
            Action::Agree { .. } => "agree",
            Action::ProposeChange { .. } => "propose_change",
            Action::Accept { .. } => "accept",
            Action::Decline { .. } => "decline",
            Action::Counter { .. } => "counter",
            Action::Withdraw { .. } => "withdraw",
            Action::Feedback { .. } => "feedback",
            Action::CheckIn { .. } => "check_in",
            Action::StartInitiative { .. } => "start_initiative",
            Action::SwapInitiative { .. } => "swap_initiative",
            Action::KillInitiative { .. } => "kill_initiative",
            Action::FinishInitiative { .. } => "finish_initiative",
            Action::Retrospective { .. } => "retrospective",
            Action::RequestDependency { .. } => "request_dependency",
            Action::AcceptDependency { .. } => "accept_dependency",
            Action::DeclineDependency { .. } => "decline_dependency",
            Action::EscalateDependency { .. } => "escalate_dependency",
            Action::DecideDependency { .. } => "decide_dependency",
        }
    }
}

/// `Serialize` and `Deserialize` for an internally tagged enum derived with
/// `#[serde(remote = "Self")]`: written as derived, read from a JSON object
/// only ([`crate::json::TaggedObject`]). serde alone also takes an array
/// with the tag first and the fields after it in order, which no reader of
/// okrkit's documents or JSON Schema expects.
macro_rules! read_from_objects_only {
    ($($ty:ident),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, s)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $ty::deserialize(crate::json::TaggedObject(d))
            }
        }
    )*};
}

read_from_objects_only!(Action, Change);
