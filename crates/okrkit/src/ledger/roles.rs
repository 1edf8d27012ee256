//! Who may act: team membership, the organisation admin role, approvers
//! derived from the team hierarchy, and enrolled signing keys — all recorded
//! in the ledger, so every check is "as of that entry".
//!
//! | who | may |
//! |---|---|
//! | an **admin** | add people, teams, cycles; add or remove members; grant or revoke admin; assign a set's approver (never the owner, its descendant); enrol or revoke a key |
//! | a **member of the owning team** | draft, propose the set, check in, run initiatives, request and escalate dependencies, propose changes, accept the approver's proposals |
//! | a **member of the approver team** | request changes, agree, propose changes, accept the owner's proposals |
//! | a **member of the team asked** | accept or decline a dependency (never the person who asked) |
//! | a **member of the team above both** | decide an escalated dependency (never the person who asked or declined) |
//!
//! Nobody accepts or agrees what they proposed themselves, and a person who
//! belongs to both sides of a set cannot propose to it. An admin, too, acts
//! only for a team they are a member of, except the importing person for
//! the team they imported as.

use crate::error::{RefusalCode, Result};
use crate::ids::{CycleId, PersonId, TeamId};
use crate::ledger::entry::Entry;
use crate::ledger::state::{State, refuse};
use serde::{Deserialize, Serialize};

/// A person's membership of a team.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Membership {
    /// The team.
    pub team: TeamId,
    /// The person.
    pub person: PersonId,
}

impl Membership {
    /// Builds a membership.
    pub fn new(team: impl Into<TeamId>, person: impl Into<PersonId>) -> Self {
        Membership {
            team: team.into(),
            person: person.into(),
        }
    }
}

/// A person's Ed25519 public key, enrolled by an admin (signed ledgers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EnrolledKey {
    /// The person.
    pub person: PersonId,
    /// The 32-byte public key, 64 lower-case hex digits.
    pub public_key: String,
}

/// The roles a ledger starts with, recorded in its import.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Organisation admins besides the importing person (who is always one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admins: Vec<PersonId>,
    /// Who belongs to which team. Only members act on behalf of a team.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Membership>,
    /// Signing keys enrolled from the start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<EnrolledKey>,
    /// Signed mode: every entry, the import included, carries its actor's
    /// signature (see [`crate::ledger::signing`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed: bool,
}

impl Roles {
    /// Whether nothing is set (the member is left out on the wire).
    pub fn is_empty(&self) -> bool {
        *self == Roles::default()
    }
}

impl State {
    pub fn is_member(&self, person: &PersonId, team: &TeamId) -> bool {
        self.members
            .get(team.as_str())
            .is_some_and(|m| m.contains(person.as_str()))
    }

    pub fn is_admin(&self, person: &PersonId) -> bool {
        self.admins.contains(person.as_str())
    }

    /// Refuses unless the actor is an admin.
    pub fn check_admin(&self, e: &Entry) -> Result<()> {
        if self.is_admin(&e.actor.person) {
            Ok(())
        } else {
            refuse(
                RefusalCode::NotAllowed,
                "actor.person",
                format!(
                    "'{}' is not an admin: only an admin may {}",
                    e.actor.person,
                    e.action.kind().replace('_', " ")
                ),
            )
        }
    }

    /// Refuses unless the actor's person belongs to the actor's team.
    pub fn check_member(&self, e: &Entry) -> Result<()> {
        if self.is_member(&e.actor.person, &e.actor.team) {
            Ok(())
        } else {
            refuse(
                RefusalCode::NotAllowed,
                "actor",
                format!(
                    "'{}' is not a member of team '{}': only members act on its behalf",
                    e.actor.person, e.actor.team
                ),
            )
        }
    }

    /// Whether `team` is `ancestor` or below it in the hierarchy.
    pub fn is_at_or_below(&self, team: &TeamId, ancestor: &TeamId) -> bool {
        let mut cur = Some(team.clone());
        let mut steps = 0;
        while let Some(t) = cur {
            if &t == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.teams.len() {
                return false;
            }
            cur = self.teams.get(t.as_str()).cloned().flatten();
        }
        false
    }

    /// Refuses an approver that is the owning team or one of its descendants.
    pub fn check_approver_team(&self, team: &TeamId, approver: &TeamId, path: &str) -> Result<()> {
        self.check_team(approver, path)?;
        if self.is_at_or_below(approver, team) {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "team '{approver}' cannot approve the OKRs of team '{team}': it is the team itself or below it"
                ),
            );
        }
        Ok(())
    }

    pub(crate) fn add_member(&mut self, team: &TeamId, person: &PersonId, add: bool) -> Result<()> {
        let path = format!("members[{team}/{person}]");
        self.check_team(team, &path)?;
        if !self.people.contains(person.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no person has id '{person}'"),
            );
        }
        let set = self.members.entry(team.clone()).or_default();
        let changed = if add {
            set.insert(person.clone())
        } else {
            set.remove(person.as_str())
        };
        if !changed {
            return refuse(
                RefusalCode::InvalidState,
                path,
                if add {
                    format!("'{person}' is already a member of team '{team}'")
                } else {
                    format!("'{person}' is not a member of team '{team}'")
                },
            );
        }
        if !add
            && self
                .importer
                .as_ref()
                .is_some_and(|a| a.person == *person && a.team == *team)
        {
            // Removed from the team they imported as: the importer's right to
            // act for it ends with their membership.
            self.importer = None;
        }
        Ok(())
    }

    pub(crate) fn set_admin(&mut self, person: &PersonId, admin: bool) -> Result<()> {
        let path = format!("admins[{person}]");
        if !self.people.contains(person.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no person has id '{person}'"),
            );
        }
        if admin {
            if !self.admins.insert(person.clone()) {
                return refuse(
                    RefusalCode::InvalidState,
                    path,
                    format!("'{person}' is already an admin"),
                );
            }
        } else {
            if !self.admins.contains(person.as_str()) {
                return refuse(
                    RefusalCode::InvalidState,
                    path,
                    format!("'{person}' is not an admin"),
                );
            }
            if self.admins.len() == 1 {
                return refuse(
                    RefusalCode::InvalidState,
                    path,
                    "the last admin cannot be revoked",
                );
            }
            self.admins.remove(person.as_str());
        }
        Ok(())
    }

    /// An admin assigns the approver of a set that is not yet proposed or agreed.
    pub(crate) fn assign_approver(
        &mut self,
        team: &TeamId,
        cycle: &CycleId,
        approver: &TeamId,
    ) -> Result<()> {
        let path = format!("sets[{team}/{cycle}].approver");
        self.check_team(team, &path)?;
        if !self.cycles.contains(cycle.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no cycle has id '{cycle}'"),
            );
        }
        self.check_approver_team(team, approver, &path)?;
        if !self.set_status(team, cycle).is_editable() {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "the set is proposed or agreed: its approver no longer changes",
            );
        }
        self.assigned_approvers
            .insert((team.clone(), cycle.clone()), approver.clone());
        Ok(())
    }

    /// The approver a set gets when proposed: an admin's assignment, else the parent team.
    pub fn default_approver(&self, team: &TeamId, cycle: &CycleId) -> Option<TeamId> {
        self.assigned_approvers
            .get(&(team.clone(), cycle.clone()))
            .cloned()
            .or_else(|| self.teams.get(team.as_str()).cloned().flatten())
    }
}

impl State {
    /// Records the roles of an import (on a state that already holds its document).
    pub(crate) fn import_roles(&mut self, e: &Entry, roles: &Roles) -> Result<()> {
        self.admins.insert(e.actor.person.clone());
        self.importer = Some(e.actor.clone());
        for (i, p) in roles.admins.iter().enumerate() {
            if !self.people.contains(p.as_str()) {
                return refuse(
                    RefusalCode::UnknownElement,
                    format!("action.roles.admins[{i}]"),
                    format!("no person has id '{p}'"),
                );
            }
            self.admins.insert(p.clone());
        }
        for m in &roles.members {
            if !self.is_member(&m.person, &m.team) {
                self.add_member(&m.team, &m.person, true)?;
            }
        }
        for k in &roles.keys {
            self.enroll_key(&k.person, &k.public_key)?;
        }
        self.signed = roles.signed;
        Ok(())
    }
}
