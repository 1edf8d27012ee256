//! Initiatives (R3, seed 004): hypotheses about what will move key results.
//! A team starts, swaps, kills or finishes its own initiatives, with a reason
//! where it changes course; none of it touches an objective or key result —
//! these handlers only ever write `Document::initiatives`.

use crate::error::{Problem, ProblemCode, RefusalCode, Result};
use crate::ids::InitiativeId;
use crate::ledger::entry::Entry;
use crate::ledger::state::{State, check_id, check_text, invalid_change, refuse};
use crate::model::{Initiative, InitiativeStatus};

impl State {
    /// Checks a new initiative; returns it as it will be stored (active).
    /// In a new entry ([`State::new_entry`]), an id that looks like another
    /// initiative's (`Launch` after `launch`: the document's look-alike rule)
    /// is refused, as the document would be; a stored ledger's entry is
    /// replayed as it was accepted.
    fn check_new_initiative(&self, e: &Entry, ini: &Initiative, path: &str) -> Result<Initiative> {
        if ini.team != e.actor.team {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "the initiative belongs to team '{}', not the actor's team '{}'",
                    ini.team, e.actor.team
                ),
            );
        }
        if ini.id.as_str().is_empty() {
            return refuse(
                RefusalCode::InvalidChange,
                format!("{path}.id"),
                "initiative id is empty",
            );
        }
        check_id(ini.id.as_str(), &format!("{path}.id"))?;
        if self.initiative_at.contains_key(ini.id.as_str()) {
            return refuse(
                RefusalCode::InvalidChange,
                format!("{path}.id"),
                format!("initiative id '{}' is already used", ini.id),
            );
        }
        if self.new_entry
            && let Some((other, i)) = self.look_alike_initiative(ini.id.as_str())
        {
            let message = format!(
                "initiative id '{}' looks like '{}' (initiatives[{i}].id): ids must not be confusable (UTS #39 skeleton or case)",
                ini.id.as_str().escape_debug(),
                other.escape_debug(),
            );
            return Err(invalid_change(&[Problem::new(
                ProblemCode::LookAlikeId,
                message,
            )
            .at(format!("{path}.id"))]));
        }
        check_text(&ini.title, &format!("{path}.title"), "title")?;
        for (k, kr) in ini.key_results.iter().enumerate() {
            if !self.kr_at.contains_key(kr.as_str()) {
                return refuse(
                    RefusalCode::UnknownElement,
                    format!("{path}.key_results[{k}]"),
                    format!("no key result has id '{kr}'"),
                );
            }
        }
        let mut ini = ini.clone();
        ini.status = InitiativeStatus::Active;
        Ok(ini)
    }

    /// The first initiative whose id looks like `id` ([`State::ids`] when
    /// built; else the initiatives, no more than building it would read)
    /// and its index.
    fn look_alike_initiative(&self, id: &str) -> Option<(&str, usize)> {
        if let Some(index) = &self.ids {
            return index
                .get("initiative", id)
                .map(|(other, (i, _))| (other, i));
        }
        let key = crate::validate::ids::look_alike_key(id);
        self.doc
            .initiatives
            .iter()
            .enumerate()
            .find(|(_, o)| crate::validate::ids::look_alike_key(o.id.as_str()) == key)
            .map(|(i, o)| (o.id.as_str(), i))
    }

    pub(super) fn push_initiative(&mut self, ini: Initiative) {
        if let Some(ids) = &mut self.ids {
            ids.insert(
                "initiative",
                ini.id.as_str(),
                (self.doc.initiatives.len(), 0),
            );
        }
        self.initiative_at
            .insert(ini.id.clone(), self.doc.initiatives.len());
        self.doc.initiatives.push(ini);
    }

    /// The index of a live (proposed or active) initiative of the actor's team.
    fn live_initiative(&self, e: &Entry, id: &InitiativeId) -> Result<usize> {
        let path = format!("initiatives[{id}]");
        let Some(&i) = self.initiative_at.get(id.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no initiative has id '{id}'"),
            );
        };
        let ini = &self.doc.initiatives[i];
        if ini.team != e.actor.team {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!("only team '{}' changes its initiative", ini.team),
            );
        }
        if !matches!(
            ini.status,
            InitiativeStatus::Proposed | InitiativeStatus::Active
        ) {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!("the initiative is already {:?}", ini.status),
            );
        }
        Ok(i)
    }

    pub(crate) fn start_initiative(&mut self, e: &Entry, ini: &Initiative) -> Result<()> {
        let ini = self.check_new_initiative(e, ini, "action.initiative")?;
        self.push_initiative(ini);
        Ok(())
    }

    pub(crate) fn swap_initiative(
        &mut self,
        e: &Entry,
        id: &InitiativeId,
        replacement: &Initiative,
        reason: &str,
    ) -> Result<()> {
        let i = self.live_initiative(e, id)?;
        let new = self.check_new_initiative(e, replacement, "action.replacement")?;
        check_text(reason, "action.reason", "the reason")?;
        self.doc.initiatives[i].status = InitiativeStatus::Swapped;
        self.push_initiative(new);
        Ok(())
    }

    pub(crate) fn kill_initiative(
        &mut self,
        e: &Entry,
        id: &InitiativeId,
        reason: &str,
    ) -> Result<()> {
        let i = self.live_initiative(e, id)?;
        check_text(reason, "action.reason", "the reason")?;
        self.doc.initiatives[i].status = InitiativeStatus::Killed;
        Ok(())
    }

    pub(crate) fn finish_initiative(&mut self, e: &Entry, id: &InitiativeId) -> Result<()> {
        let i = self.live_initiative(e, id)?;
        self.doc.initiatives[i].status = InitiativeStatus::Done;
        Ok(())
    }
}
