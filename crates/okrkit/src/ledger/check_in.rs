//! Check-ins, validated locally (the rules of the core's validation for one
//! check-in: known key result, finite value, confidence 0–10, 0 or 1 for a
//! milestone, note length) so that a million check-ins never re-validate
//! the whole document.

use crate::error::{RefusalCode, Result};
use crate::ids::KeyResultId;
use crate::ledger::entry::Entry;
use crate::ledger::state::{State, check_free_text, refuse};
use crate::model::{CheckIn, Measure};

impl State {
    pub(crate) fn check_in(
        &mut self,
        e: &Entry,
        key_result: &KeyResultId,
        value: f64,
        confidence: Option<f64>,
        note: Option<&String>,
    ) -> Result<()> {
        let Some(&(oi, ki)) = self.kr_at.get(key_result.as_str()) else {
            return refuse(
                RefusalCode::UnknownElement,
                "action.key_result",
                format!("no key result has id '{key_result}'"),
            );
        };
        let o = &self.doc.objectives[oi];
        if o.team != e.actor.team {
            return refuse(
                RefusalCode::NotAllowed,
                "action.key_result",
                format!(
                    "key result '{key_result}' belongs to team '{}': the owning team checks in",
                    o.team
                ),
            );
        }
        if !value.is_finite() {
            return refuse(
                RefusalCode::InvalidChange,
                "action.value",
                format!("{value} is not a finite number"),
            );
        }
        if let Measure::Milestone { .. } = o.key_results[ki].measure
            && value != 0.0
            && value != 1.0
        {
            return refuse(
                RefusalCode::InvalidChange,
                "action.value",
                format!("a milestone check-in is 1 (done) or 0 (not done), not {value}"),
            );
        }
        if let Some(c) = confidence
            && !(c.is_finite() && (0.0..=10.0).contains(&c))
        {
            return refuse(
                RefusalCode::InvalidChange,
                "action.confidence",
                format!("confidence {c} is outside 0–10"),
            );
        }
        if let Some(n) = note {
            check_free_text(n, "action.note", "the note")?;
        }
        let c = CheckIn {
            key_result: key_result.clone(),
            at: e.at,
            value,
            confidence,
            note: note.cloned(),
            author: Some(e.actor.person.clone()),
        };
        // A document refuses two check-ins of one key result at one instant
        // (`duplicate_check_in`); in the ledger the later entry supersedes
        // the earlier (as progress read it before). Entry times never go
        // back, so the check-ins the ledger appended are in time order: the
        // look-back stops at the first earlier one (at once, but for
        // check-ins at this very instant).
        let same = self
            .doc
            .check_ins
            .iter()
            .rev()
            .take_while(|c| c.at >= e.at)
            .position(|c| c.at == e.at && c.key_result == *key_result);
        match same {
            Some(back) => {
                let i = self.doc.check_ins.len() - 1 - back;
                self.doc.check_ins[i] = c;
            }
            None => self.doc.check_ins.push(c),
        }
        Ok(())
    }
}
