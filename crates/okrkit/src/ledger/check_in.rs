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
        // (`duplicate_check_in`). In the ledger a check-in at the instant of
        // one by the same author (appended, or imported with that author)
        // supersedes it (a correction, as progress read it before); one at
        // the instant of another person's check-in, or of an imported one
        // without an author, is refused: nobody rewrites a value someone
        // else recorded. Entry times never go back, so the check-ins the
        // ledger appended are in time order and the look-back stops at the
        // first earlier one; the imported ones are looked up by instant.
        let same = self
            .doc
            .check_ins
            .iter()
            .rev()
            .take_while(|c| c.at >= e.at)
            .position(|c| c.at == e.at && c.key_result == *key_result)
            .map(|back| self.doc.check_ins.len() - 1 - back)
            .or_else(|| {
                self.imported_check_ins
                    .at(&self.doc.check_ins, key_result, e.at)
            });
        match same {
            Some(i) if self.doc.check_ins[i].author.as_ref() == c.author.as_ref() => {
                self.doc.check_ins[i] = c;
            }
            Some(i) => {
                let by = match &self.doc.check_ins[i].author {
                    Some(a) => format!("'{a}'"),
                    None => "the imported document (no author)".to_owned(),
                };
                return refuse(
                    RefusalCode::InvalidChange,
                    "at",
                    format!(
                        "key result '{key_result}' already has a check-in at {} by {by}: \
                         check in at another instant",
                        e.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                    ),
                );
            }
            None => self.doc.check_ins.push(c),
        }
        Ok(())
    }
}

/// The check-ins an import brought, by key result and instant, with the
/// index each has in the ledger's document (an import's check-ins need not
/// be in time order); rebuilt from the whole document when check-ins are
/// removed. Only an entry at or before the latest of them is
/// looked up, so replaying a ledger whose check-ins come after its import
/// pays nothing for it.
#[derive(Debug, Default, Clone)]
pub(crate) struct ImportedCheckIns {
    at: foldhash::HashMap<(KeyResultId, chrono::DateTime<chrono::Utc>), usize>,
    last: Option<chrono::DateTime<chrono::Utc>>,
}

impl ImportedCheckIns {
    /// The check-ins of a ledger's document (validated at import: no two of
    /// one key result at one instant), at import and after a removal.
    pub(crate) fn of(doc: &crate::model::Document) -> Self {
        ImportedCheckIns {
            at: doc
                .check_ins
                .iter()
                .enumerate()
                .map(|(i, c)| ((c.key_result.clone(), c.at), i))
                .collect(),
            last: doc.check_ins.iter().map(|c| c.at).max(),
        }
    }

    /// The index in `check_ins` (the ledger's document's) of the imported
    /// check-in of `key_result` at `at`. The positions are rebuilt whenever
    /// check-ins are removed (a removed key result's); should one not hold
    /// the check-in it names, the document is searched instead, so a stale
    /// position can never name another check-in or one past the end.
    fn at(
        &self,
        check_ins: &[CheckIn],
        key_result: &KeyResultId,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Option<usize> {
        if self.last.is_none_or(|last| at > last) {
            return None;
        }
        let i = *self.at.get(&(key_result.clone(), at))?;
        match check_ins.get(i) {
            Some(c) if c.at == at && c.key_result == *key_result => Some(i),
            _ => {
                debug_assert!(false, "a stale position of an imported check-in");
                check_ins
                    .iter()
                    .position(|c| c.at == at && c.key_result == *key_result)
            }
        }
    }
}
