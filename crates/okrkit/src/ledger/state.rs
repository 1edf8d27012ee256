//! The state derived from the entries, and the dispatch of an entry to the
//! rule that applies it.
//!
//! Every handler checks everything before it changes anything, so a refused
//! action leaves the state as it was.

use crate::error::{Error, Problem, RefusalCode, Result};
use crate::ids::{CycleId, InitiativeId, KeyResultId, ObjectiveId, PersonId, TeamId};
use crate::ledger::action::Action;
use crate::ledger::dependency::Dependency;
use crate::ledger::entry::{Actor, Entry, EntryId};
use crate::ledger::governance::{FeedbackNote, OkrSetState, Review};
use crate::ledger::history::{KeyResultEvent, KeyResultVersion};
use crate::ledger::renegotiation::Proposal;
use crate::model::{
    Cycle, Document, Initiative, KeyResult, MeasureKind, Objective, Person, SCHEMA_VERSION, Team,
};
use crate::validate::appended::{self, IdIndex, Known};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Everything the entries so far add up to.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub doc: Document,
    /// Key result id -> (objective index, key result index). The maps
    /// looked up on every entry (key results, teams, people) use foldhash,
    /// seeded per process like std's `RandomState` but several times
    /// faster on short ids than SipHash (profile of ledger replay).
    pub kr_at: foldhash::HashMap<KeyResultId, (usize, usize)>,
    pub obj_at: foldhash::HashMap<ObjectiveId, usize>,
    /// Team id -> its parent.
    pub teams: foldhash::HashMap<TeamId, Option<TeamId>>,
    pub people: foldhash::HashSet<PersonId>,
    pub cycles: HashSet<CycleId>,
    pub initiative_at: HashMap<InitiativeId, usize>,
    pub sets: BTreeMap<(TeamId, CycleId), OkrSetState>,
    pub proposals: Vec<Proposal>,
    pub proposal_at: HashMap<EntryId, usize>,
    pub dependencies: Vec<Dependency>,
    pub dependency_at: HashMap<EntryId, usize>,
    pub history: HashMap<KeyResultId, Vec<KeyResultVersion>>,
    pub feedback: Vec<FeedbackNote>,
    pub reviews: Vec<Review>,
    pub retrospectives: Vec<crate::ledger::retrospective::Retrospective>,
    /// The objectives (and their key results' check-ins) of each cycle a
    /// renegotiation changed after its close, as they stood at the close:
    /// what the cycle scores ([`State::doc_at_close`]). Filled only by a ledger
    /// written before such changes were refused at append.
    pub closed: HashMap<CycleId, crate::ledger::retrospective::AtClose>,
    /// Team -> its members (foldhash: looked up on every entry).
    pub members: foldhash::HashMap<TeamId, foldhash::HashSet<PersonId>>,
    pub admins: BTreeSet<PersonId>,
    /// Approvers assigned by an admin, per set.
    pub assigned_approvers: HashMap<(TeamId, CycleId), TeamId>,
    /// Person -> enrolled Ed25519 public key.
    pub keys: HashMap<PersonId, [u8; 32]>,
    /// Every public key ever enrolled -> the person it was enrolled for: a
    /// key signs for one person only ([`State::enroll_key`]).
    pub key_holders: HashMap<[u8; 32], PersonId>,
    /// Whether every entry must be signed.
    pub signed: bool,
    pub started: bool,
    /// Who imported, and for which team: the one actor whose admin actions
    /// may be for a team they are not a member of (the team they imported as).
    pub importer: Option<crate::ledger::Actor>,
    /// The imported document's check-ins by key result and instant (they
    /// need not be in time order, unlike those the ledger appends).
    pub imported_check_ins: crate::ledger::check_in::ImportedCheckIns,
    /// The document's ids by kind and look-alike key, built when first
    /// needed after [`State::reindex`] and kept up to date by the entries
    /// that append an element (validated against it, not in full).
    pub ids: Option<IdIndex>,
    /// Whether the entry being applied is a new one ([`State::apply_new`],
    /// from `Ledger::append`), not one replayed from stored entries: a rule
    /// added after ledgers were stored (an initiative id that looks like
    /// another's) refuses only new entries, so a ledger that holds such an
    /// entry still loads and replays as before.
    pub new_entry: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            doc: Document {
                schema_version: SCHEMA_VERSION,
                ..Document::default()
            },
            kr_at: foldhash::HashMap::default(),
            obj_at: foldhash::HashMap::default(),
            teams: foldhash::HashMap::default(),
            people: foldhash::HashSet::default(),
            cycles: HashSet::new(),
            initiative_at: HashMap::new(),
            sets: BTreeMap::new(),
            proposals: Vec::new(),
            proposal_at: HashMap::new(),
            dependencies: Vec::new(),
            dependency_at: HashMap::new(),
            history: HashMap::new(),
            feedback: Vec::new(),
            reviews: Vec::new(),
            retrospectives: Vec::new(),
            closed: HashMap::new(),
            members: foldhash::HashMap::default(),
            admins: BTreeSet::new(),
            assigned_approvers: HashMap::new(),
            keys: HashMap::new(),
            key_holders: HashMap::new(),
            signed: false,
            started: false,
            importer: None,
            imported_check_ins: Default::default(),
            ids: None,
            new_entry: false,
        }
    }
}

pub(crate) fn refuse<T>(
    reason: RefusalCode,
    path: impl Into<String>,
    message: impl Into<String>,
) -> Result<T> {
    Err(Error::refused(reason, path, message))
}

/// Refuses an empty text, or one a document would refuse ([`check_free_text`]).
pub(crate) fn check_text(text: &str, path: &str, what: &str) -> Result<()> {
    if text.trim().is_empty() {
        return refuse(RefusalCode::InvalidChange, path, format!("{what} is empty"));
    }
    check_free_text(text, path, what)
}

/// Refuses a text a document would refuse: over-long, or holding a control
/// character (the document's own check, so an accepted entry never makes
/// [`Ledger::org`](crate::ledger::Ledger::org) fail).
pub(crate) fn check_free_text(text: &str, path: &str, what: &str) -> Result<()> {
    match crate::validate::text_problem(text, false) {
        None => Ok(()),
        Some((code, message)) => refuse(
            RefusalCode::InvalidChange,
            path,
            format!("{what}: [{code}] {message}"),
        ),
    }
}

/// Refuses an id a document would refuse (control or invisible characters,
/// spaces at either end, not NFC, too long).
pub(crate) fn check_id(id: &str, path: &str) -> Result<()> {
    match crate::validate::id_problem(id) {
        None => Ok(()),
        Some(message) => refuse(RefusalCode::InvalidChange, path, message),
    }
}

pub(crate) fn invalid_change(problems: &[Problem]) -> Error {
    let path = problems.first().map(|p| p.path.clone()).unwrap_or_default();
    let message = problems
        .iter()
        .take(5)
        .map(|p| format!("{}: [{}] {}", p.path, p.code, p.message))
        .collect::<Vec<_>>()
        .join("; ");
    Error::refused(
        RefusalCode::InvalidChange,
        path,
        format!("the change would make the document invalid: {message}"),
    )
}

impl State {
    /// [`State::apply`] for a new entry (`Ledger::append`): also refuses
    /// what only new entries are refused for — a change to a closed cycle
    /// ([`State::check_cycle_open`]) and a look-alike initiative id
    /// ([`State::new_entry`]) — so replay keeps loading ledgers written
    /// before those rules.
    pub fn apply_new(&mut self, e: &Entry) -> Result<()> {
        self.check_cycle_open(e)?;
        self.new_entry = true;
        let applied = self.apply(e);
        self.new_entry = false;
        applied
    }

    /// Applies one entry, or refuses it and changes nothing.
    pub fn apply(&mut self, e: &Entry) -> Result<()> {
        use chrono::Datelike;
        if !(0..=9999).contains(&e.at.year()) {
            return refuse(
                RefusalCode::BadTime,
                "at",
                format!("{} is outside the years 0000–9999", e.at),
            );
        }
        // The ledger's precision: microseconds, and no leap second (chrono
        // keeps one as a second's nanoseconds past 10^9). `append` truncates
        // to it; a stored entry finer than that (JSON Lines, `from_entries`)
        // would read back from a microsecond column as another instant.
        let nanos = e.at.timestamp_subsec_nanos();
        let unit = 10u32.pow(9 - u32::from(crate::ledger::TIME_PRECISION_DIGITS));
        if nanos >= 1_000_000_000 || !nanos.is_multiple_of(unit) {
            return refuse(
                RefusalCode::BadTime,
                "at",
                format!(
                    "{} is not a ledger time: {}",
                    e.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                    if nanos >= 1_000_000_000 {
                        "a leap second (:60) is not kept".to_owned()
                    } else {
                        format!(
                            "entries keep {} fraction digits of a second (microseconds)",
                            crate::ledger::TIME_PRECISION_DIGITS
                        )
                    }
                ),
            );
        }
        if !self.started {
            return match &e.action {
                Action::Import {
                    document,
                    agreed,
                    roles,
                } => self.import(e, document, agreed, roles),
                _ => refuse(
                    RefusalCode::InvalidState,
                    "action",
                    "the first entry of a ledger must be an import of the base document",
                ),
            };
        }
        // One lookup instead of three for the usual entry (a cost per
        // entry): a member of a team is a known person of a known team
        // (memberships are only recorded for known people and teams, and
        // neither people nor teams ever leave the state), so a member needs
        // neither of the two lookups below. Anyone else is checked as
        // before, in the same order, with the same errors.
        //
        // This rests on people and teams never leaving: an action added
        // later that removes or renames a person or a team must also drop
        // their memberships (every team's set, under the old id), or drop
        // this shortcut; otherwise a removed person, or a member acting for
        // a removed team, would pass as a member. `ledger::actor_tests`
        // compares these checks with the ones written before.
        let member = self.is_member(&e.actor.person, &e.actor.team);
        debug_assert!(
            !member
                || (self.people.contains(e.actor.person.as_str())
                    && self.teams.contains_key(e.actor.team.as_str())),
            "members are known people of known teams"
        );
        if !member && !self.people.contains(e.actor.person.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                "actor.person",
                format!("no person has id '{}'", e.actor.person),
            );
        }
        if !member && !self.teams.contains_key(e.actor.team.as_str()) {
            return refuse(
                RefusalCode::UnknownElement,
                "actor.team",
                format!("no team has id '{}'", e.actor.team),
            );
        }
        if self.signed || e.sig.is_some() {
            let bytes = crate::ledger::hash::Hasher::default().signing(e).to_vec();
            self.check_signature(e, &bytes)?;
        }
        crate::ledger::texts::check_action_texts(&e.action)?;
        // A person replaces their own enrolled key (in a signed ledger the
        // entry is signed with that key): no admin needed.
        let own_key = matches!(&e.action, Action::EnrollKey { person, .. }
            if *person == e.actor.person && self.keys.contains_key(person.as_str()));
        if e.action.is_admin_action() && !own_key {
            self.check_admin(e)?;
            // An admin, too, acts only for a team they are a member of (the
            // entry records that team), except the importing person for the
            // team they imported as.
            if !member && self.importer.as_ref() != Some(&e.actor) {
                self.check_member(e)?;
            }
        } else if !member {
            self.check_member(e)?;
        }
        match &e.action {
            Action::AddMember { team, person } => self.add_member(team, person, true),
            Action::RemoveMember { team, person } => self.add_member(team, person, false),
            Action::GrantAdmin { person } => self.set_admin(person, true),
            Action::RevokeAdmin { person } => self.set_admin(person, false),
            Action::AssignApprover {
                team,
                cycle,
                approver,
            } => self.assign_approver(team, cycle, approver),
            Action::EnrollKey { person, public_key } => {
                self.check_second_key(e, person)?;
                self.enroll_key(person, public_key)
            }
            Action::RevokeKey { person } => self.revoke_key(person),
            Action::Import { .. } => refuse(
                RefusalCode::InvalidState,
                "action",
                "only the first entry of a ledger is an import",
            ),
            Action::AddCycle { cycle } => self.add_cycle(cycle),
            Action::AddTeam { team } => self.add_team(team),
            Action::AddPerson { person } => self.add_person(person),
            Action::DraftObjective { objective } => self.draft_objective(e, objective),
            Action::EditObjective { objective } => self.edit_objective(e, objective),
            Action::RemoveObjective { objective } => self.remove_objective(e, objective),
            Action::ProposeSet {
                team,
                cycle,
                approver,
            } => self.propose_set(e, team, cycle, approver.as_ref()),
            Action::RequestChanges {
                team,
                cycle,
                questions,
                comment,
            } => self.request_changes(e, team, cycle, questions, comment),
            Action::Agree { team, cycle } => self.agree(e, team, cycle),
            Action::ProposeChange { change, reason } => {
                self.propose_change(e, change, reason, None)
            }
            Action::Accept { proposal } => self.accept(e, proposal),
            Action::Decline { proposal, reason } => self.decline(e, proposal, reason),
            Action::Counter {
                proposal,
                change,
                reason,
            } => self.counter(e, proposal, change, reason),
            Action::Withdraw { proposal } => self.withdraw(e, proposal),
            Action::Feedback {
                team,
                cycle,
                key_result,
                text,
            } => self.give_feedback(e, team, cycle, key_result.as_ref(), text),
            Action::CheckIn {
                key_result,
                value,
                confidence,
                note,
            } => self.check_in(e, key_result, *value, *confidence, note.as_ref()),
            Action::StartInitiative { initiative } => self.start_initiative(e, initiative),
            Action::SwapInitiative {
                initiative,
                replacement,
                reason,
            } => self.swap_initiative(e, initiative, replacement, reason),
            Action::KillInitiative { initiative, reason } => {
                self.kill_initiative(e, initiative, reason)
            }
            Action::FinishInitiative { initiative } => self.finish_initiative(e, initiative),
            Action::Retrospective { objective, answers } => {
                self.record_retrospective(e, objective, answers)
            }
            Action::RequestDependency {
                to,
                help,
                objective,
                key_result,
            } => self.request_dependency(e, to, help, objective, key_result.as_ref()),
            Action::AcceptDependency { dependency } => self.answer_dependency(e, dependency, None),
            Action::DeclineDependency { dependency, reason } => {
                self.answer_dependency(e, dependency, Some(reason))
            }
            Action::EscalateDependency { dependency } => self.escalate_dependency(e, dependency),
            Action::DecideDependency {
                dependency,
                grant,
                reason,
            } => self.decide_dependency(e, dependency, *grant, reason),
        }
    }

    fn import(
        &mut self,
        e: &Entry,
        document: &Document,
        agreed: &[crate::ledger::action::AgreedSet],
        roles: &crate::ledger::roles::Roles,
    ) -> Result<()> {
        let problems = crate::validate::validate(document);
        if !problems.is_empty() {
            return Err(invalid_change(&problems));
        }
        let mut next = State {
            doc: document.clone(),
            started: true,
            ..State::default()
        };
        next.reindex();
        next.imported_check_ins = crate::ledger::check_in::ImportedCheckIns::of(&next.doc);
        if !next.people.contains(e.actor.person.as_str())
            || !next.teams.contains_key(e.actor.team.as_str())
        {
            return refuse(
                RefusalCode::UnknownElement,
                "actor",
                "the importing actor's person and team must be in the imported document",
            );
        }
        next.import_roles(e, roles)?;
        if next.signed || e.sig.is_some() {
            let bytes = crate::ledger::hash::Hasher::default().signing(e).to_vec();
            next.check_signature(e, &bytes)?;
        }
        for (i, set) in agreed.iter().enumerate() {
            let path = format!("action.agreed[{i}]");
            if !next.teams.contains_key(set.team.as_str())
                || !next.cycles.contains(set.cycle.as_str())
            {
                return refuse(RefusalCode::UnknownElement, path, "unknown team or cycle");
            }
            let approver = match &set.approver {
                Some(a) => {
                    next.check_approver_team(&set.team, a, &format!("{path}.approver"))?;
                    a.clone()
                }
                None => next.resolve_approver(&set.team, &set.cycle, &path)?,
            };
            let Some(by) = &set.agreed_by else {
                return refuse(
                    RefusalCode::InvalidChange,
                    format!("{path}.agreed_by"),
                    "name who agreed the set (an admin or a member of the approver team): every agreed commitment has an agreement on record",
                );
            };
            let by_team = if next.is_member(by, &approver) {
                approver.clone()
            } else if next.is_admin(by) {
                e.actor.team.clone()
            } else {
                return refuse(
                    RefusalCode::NotAllowed,
                    format!("{path}.agreed_by"),
                    format!(
                        "'{by}' is neither an admin nor a member of the approver team '{approver}'"
                    ),
                );
            };
            let s = next.set_mut(&set.team, &set.cycle);
            s.status = crate::ledger::governance::SetStatus::Agreed;
            s.approver = Some(approver);
            s.agreed_at = Some(e.at);
            s.agreed_by = Some(Actor::new(by.clone(), by_team));
        }
        for oi in 0..next.doc.objectives.len() {
            let o = &next.doc.objectives[oi];
            let agreed =
                next.set_status(&o.team, &o.cycle) == crate::ledger::governance::SetStatus::Agreed;
            let event = if agreed {
                KeyResultEvent::ImportedAgreed
            } else {
                KeyResultEvent::Imported
            };
            for ki in 0..next.doc.objectives[oi].key_results.len() {
                next.record(e, event, oi, ki, Default::default());
            }
        }
        *self = next;
        Ok(())
    }

    /// Adds a cycle, team or person, validates, and undoes on failure.
    fn add_to_document(
        &mut self,
        add: impl FnOnce(&mut Document),
        undo: impl FnOnce(&mut Document),
    ) -> Result<()> {
        add(&mut self.doc);
        let check_ins = std::mem::take(&mut self.doc.check_ins);
        let problems = crate::validate::validate(&self.doc);
        self.doc.check_ins = check_ins;
        if !problems.is_empty() {
            undo(&mut self.doc);
            return Err(invalid_change(&problems));
        }
        self.reindex();
        Ok(())
    }

    /// The document's ids by kind and look-alike key (built if needed).
    pub fn id_index(&mut self) -> &mut IdIndex {
        self.ids.get_or_insert_with(|| IdIndex::build(&self.doc))
    }

    /// Whether an element appended to the document may be validated alone
    /// ([`crate::validate::appended`]): the document without its check-ins
    /// is valid. Everything that changes the document validates it; a new
    /// initiative whose id looks like another initiative's is refused when
    /// appended ([`State::new_entry`]), but a stored ledger may hold one
    /// from before (then the document is validated in full, and refused,
    /// as before).
    fn appendable(&mut self) -> bool {
        !self.id_index().ids_clash()
    }

    pub(crate) fn add_cycle(&mut self, c: &Cycle) -> Result<()> {
        let n = self.doc.cycles.len();
        self.add_incrementally(
            ("cycle", c.id.as_str(), n),
            |index, _| appended::appended_cycle(index, n, c),
            |d| d.cycles.push(c.clone()),
            |d| {
                d.cycles.pop();
            },
            |s| {
                s.cycles.insert(c.id.clone());
            },
        )
    }

    pub(crate) fn add_team(&mut self, t: &Team) -> Result<()> {
        let n = self.doc.teams.len();
        self.add_incrementally(
            ("team", t.id.as_str(), n),
            |index, s| appended::appended_team(index, &|id| s.teams.contains_key(id), n, t),
            |d| d.teams.push(t.clone()),
            |d| {
                d.teams.pop();
            },
            |s| {
                s.teams.insert(t.id.clone(), t.parent.clone());
            },
        )
    }

    pub(crate) fn add_person(&mut self, p: &Person) -> Result<()> {
        let n = self.doc.people.len();
        self.add_incrementally(
            ("person", p.id.as_str(), n),
            |index, _| appended::appended_person(index, n, p),
            |d| d.people.push(p.clone()),
            |d| {
                d.people.pop();
            },
            |s| {
                s.people.insert(p.id.clone());
            },
        )
    }

    /// Tests: applies an `add_cycle`, `add_team` or `add_person` action.
    #[cfg(test)]
    pub fn add_element(&mut self, action: &Action) -> Result<()> {
        match action {
            Action::AddCycle { cycle } => self.add_cycle(cycle),
            Action::AddTeam { team } => self.add_team(team),
            Action::AddPerson { person } => self.add_person(person),
            _ => unreachable!("not an element"),
        }
    }

    /// Adds a cycle, team or person (`what`, its `id`, its index `n`) when
    /// `problems` (of the document with it appended,
    /// [`crate::validate::appended`]) finds none, then `index`es it: the same decision and problems as
    /// [`State::add_to_document`], which tests check on every call.
    fn add_incrementally(
        &mut self,
        (what, id, n): (&'static str, &str, usize),
        problems: impl FnOnce(&IdIndex, &State) -> Vec<Problem>,
        add: impl Fn(&mut Document),
        undo: impl Fn(&mut Document),
        index: impl FnOnce(&mut State),
    ) -> Result<()> {
        #[cfg(test)]
        let full = {
            let mut s = self.clone();
            let r = s.add_to_document(&add, &undo);
            (s, r)
        };
        let r = if self.appendable() {
            let ids = self.ids.as_ref().expect("built by appendable");
            let problems = problems(ids, self);
            if problems.is_empty() {
                add(&mut self.doc);
                index(self);
                self.id_index().insert(what, id, (n, 0));
                Ok(())
            } else {
                Err(invalid_change(&problems))
            }
        } else {
            self.add_to_document(&add, &undo)
        };
        #[cfg(test)]
        self.assert_same_as(&full.0, &full.1, &r);
        r
    }

    /// Appends a drafted objective when the document stays valid: the same
    /// decision and problems as [`State::structural`] pushing it (which
    /// tests check on every call), in a time independent of the document's
    /// size.
    pub fn append_objective(&mut self, o: &Objective) -> Result<()> {
        #[cfg(test)]
        let full = {
            let mut s = self.clone();
            let r = s.structural(true, |objs, _| {
                objs.push(o.clone());
                Ok(())
            });
            (s, r)
        };
        let r = if self.appendable() {
            self.append_objective_alone(o)
        } else {
            self.structural(true, |objs, _| {
                objs.push(o.clone());
                Ok(())
            })
        };
        #[cfg(test)]
        self.assert_same_as(&full.0, &full.1, &r);
        r
    }

    fn append_objective_alone(&mut self, o: &Objective) -> Result<()> {
        // `structural`'s rule first: a key result id of the document given
        // to a milestone, where that key result is not one and has
        // check-ins other than 0 or 1 (only when an id is reused: the scan
        // of the check-ins is on that path alone).
        let now_milestone: HashSet<&str> = o
            .key_results
            .iter()
            .filter(|kr| {
                kr.measure.kind() == MeasureKind::Milestone
                    && self
                        .key_result(kr.id.as_str())
                        .is_some_and(|old| old.measure.kind() != MeasureKind::Milestone)
            })
            .map(|kr| kr.id.as_str())
            .collect();
        if !now_milestone.is_empty()
            && self.doc.check_ins.iter().any(|c| {
                now_milestone.contains(c.key_result.as_str()) && c.value != 0.0 && c.value != 1.0
            })
        {
            return refuse(
                RefusalCode::InvalidChange,
                "measure",
                "a key result with check-ins other than 0 or 1 cannot become a milestone",
            );
        }
        let n = self.doc.objectives.len();
        let index = self.ids.get_or_insert_with(|| IdIndex::build(&self.doc));
        let (cycles, teams, people, obj_at) =
            (&self.cycles, &self.teams, &self.people, &self.obj_at);
        let known = Known {
            cycle: &|id| cycles.contains(id),
            team: &|id| teams.contains_key(id),
            person: &|id| people.contains(id),
            objective: &|id| obj_at.contains_key(id),
        };
        let problems = appended::appended_objective(index, &known, n, o);
        if !problems.is_empty() {
            return Err(invalid_change(&problems));
        }
        index.add_objective(n, o);
        self.obj_at.insert(o.id.clone(), n);
        for (k, kr) in o.key_results.iter().enumerate() {
            self.kr_at.insert(kr.id.clone(), (n, k));
        }
        self.doc.objectives.push(o.clone());
        Ok(())
    }

    /// Tests: this state, after the incremental path answered `r`, is
    /// `full`, which validated the whole document and answered `want`.
    #[cfg(test)]
    fn assert_same_as(&mut self, full: &State, want: &Result<()>, r: &Result<()>) {
        assert_eq!(
            format!("{r:?}"),
            format!("{want:?}"),
            "decision and problems"
        );
        assert_eq!(self.doc, full.doc);
        assert_eq!(self.obj_at, full.obj_at);
        assert_eq!(self.kr_at, full.kr_at);
        assert_eq!(self.teams, full.teams);
        assert_eq!(self.people, full.people);
        assert_eq!(self.cycles, full.cycles);
        assert_eq!(self.initiative_at, full.initiative_at);
        if let Some(ids) = &self.ids {
            assert_eq!(
                *ids,
                IdIndex::build(&self.doc),
                "the id index is up to date"
            );
        }
    }

    /// Rebuilds the id indexes after a structural change (rare: drafts,
    /// agreements, accepted renegotiations — never a check-in).
    pub fn reindex(&mut self) {
        self.ids = None;
        self.obj_at.clear();
        self.kr_at.clear();
        for (oi, o) in self.doc.objectives.iter().enumerate() {
            self.obj_at.insert(o.id.clone(), oi);
            for (ki, kr) in o.key_results.iter().enumerate() {
                self.kr_at.insert(kr.id.clone(), (oi, ki));
            }
        }
        self.teams = self
            .doc
            .teams
            .iter()
            .map(|t| (t.id.clone(), t.parent.clone()))
            .collect();
        self.people = self.doc.people.iter().map(|p| p.id.clone()).collect();
        self.cycles = self.doc.cycles.iter().map(|c| c.id.clone()).collect();
        self.initiative_at = self
            .doc
            .initiatives
            .iter()
            .enumerate()
            .map(|(i, ini)| (ini.id.clone(), i))
            .collect();
    }

    /// Runs `f` on copies of the objectives and initiatives, checks that the
    /// resulting document is valid and, when `commit`, keeps the result.
    /// Check-ins of key results that disappear leave the document, and
    /// initiatives stop naming them. Nothing changes when refused.
    pub fn structural(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Vec<Objective>, &mut Vec<Initiative>) -> Result<()>,
    ) -> Result<()> {
        let mut objectives = self.doc.objectives.clone();
        let mut initiatives = self.doc.initiatives.clone();
        f(&mut objectives, &mut initiatives)?;
        let kept: HashSet<&str> = objectives
            .iter()
            .flat_map(|o| o.key_results.iter().map(|k| k.id.as_str()))
            .collect();
        let removed: HashSet<KeyResultId> = self
            .kr_at
            .keys()
            .filter(|k| !kept.contains(k.as_str()))
            .cloned()
            .collect();
        // Key results that became milestones: their check-ins must be 0 or 1.
        let mut now_milestone: HashSet<&str> = HashSet::new();
        for o in &objectives {
            for kr in &o.key_results {
                if kr.measure.kind() == MeasureKind::Milestone
                    && self
                        .key_result(kr.id.as_str())
                        .is_some_and(|old| old.measure.kind() != MeasureKind::Milestone)
                {
                    now_milestone.insert(kr.id.as_str());
                }
            }
        }
        if !now_milestone.is_empty()
            && self.doc.check_ins.iter().any(|c| {
                now_milestone.contains(c.key_result.as_str()) && c.value != 0.0 && c.value != 1.0
            })
        {
            return refuse(
                RefusalCode::InvalidChange,
                "measure",
                "a key result with check-ins other than 0 or 1 cannot become a milestone",
            );
        }
        drop(now_milestone);
        drop(kept);
        for ini in &mut initiatives {
            ini.key_results.retain(|k| !removed.contains(k.as_str()));
        }
        std::mem::swap(&mut self.doc.objectives, &mut objectives);
        std::mem::swap(&mut self.doc.initiatives, &mut initiatives);
        let check_ins = std::mem::take(&mut self.doc.check_ins);
        let problems = crate::validate::validate(&self.doc);
        self.doc.check_ins = check_ins;
        if !problems.is_empty() || !commit {
            std::mem::swap(&mut self.doc.objectives, &mut objectives);
            std::mem::swap(&mut self.doc.initiatives, &mut initiatives);
            return if problems.is_empty() {
                Ok(())
            } else {
                Err(invalid_change(&problems))
            };
        }
        if !removed.is_empty() {
            self.doc
                .check_ins
                .retain(|c| !removed.contains(c.key_result.as_str()));
            // The positions the same-instant rule looks up moved.
            self.imported_check_ins = crate::ledger::check_in::ImportedCheckIns::of(&self.doc);
        }
        self.reindex();
        Ok(())
    }

    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        let &(oi, ki) = self.kr_at.get(id)?;
        self.doc.objectives.get(oi)?.key_results.get(ki)
    }

    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.doc.objectives.get(*self.obj_at.get(id)?)
    }

    /// The objective holding a key result.
    pub fn objective_of_kr(&self, id: &str) -> Option<&Objective> {
        let &(oi, _) = self.kr_at.get(id)?;
        self.doc.objectives.get(oi)
    }

    /// Appends a version of key result (oi, ki) to its history.
    pub fn record(&mut self, e: &Entry, event: KeyResultEvent, oi: usize, ki: usize, who: Who) {
        let Some(o) = self.doc.objectives.get(oi) else {
            return;
        };
        let Some(kr) = o.key_results.get(ki) else {
            return;
        };
        let v = KeyResultVersion::new(e, event, o, kr, who);
        push_version(&mut self.history, &kr.id, v);
    }

    /// Appends a version built from a given objective and key result (for
    /// key results that are about to leave the document).
    pub fn record_of(
        &mut self,
        e: &Entry,
        event: KeyResultEvent,
        o: &Objective,
        kr: &KeyResult,
        who: Who,
    ) {
        let v = KeyResultVersion::new(e, event, o, kr, who);
        push_version(&mut self.history, &kr.id, v);
    }

    pub fn check_team(&self, team: &TeamId, path: &str) -> Result<()> {
        if self.teams.contains_key(team.as_str()) {
            Ok(())
        } else {
            refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no team has id '{team}'"),
            )
        }
    }
}

/// Appends `v` to the history of key result `id`. A new history starts with
/// room for one version, not the four a `Vec` makes room for on its first
/// push: most key results of a ledger have only the version of the import,
/// and the unused room was fresh memory (peak RSS of `suite 10000 ledger`
/// 18 MB before, 16 MB with this).
fn push_version(
    history: &mut HashMap<KeyResultId, Vec<KeyResultVersion>>,
    id: &KeyResultId,
    v: KeyResultVersion,
) {
    history
        .entry(id.clone())
        .or_insert_with(|| Vec::with_capacity(1))
        .push(v);
}

/// Who proposed, who accepted, which proposal, why — for a history version.
#[derive(Debug, Clone, Default)]
pub(crate) struct Who {
    pub proposed_by: Option<Actor>,
    pub accepted_by: Option<Actor>,
    pub proposal: Option<EntryId>,
    pub reason: Option<String>,
}
