//! Verification: the hash chain and the rules, entry by entry.

use crate::error::{Error, Result};
use crate::ledger::entry::{Entry, GENESIS_PREV_HASH};
use crate::ledger::hash::{Check, Hasher, Record};
use crate::ledger::state::State;
use serde::{Deserialize, Serialize};

/// The result of a successful verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Verified {
    /// Number of entries checked.
    pub entries: usize,
    /// The hash of the last entry ([`GENESIS_PREV_HASH`] for an empty ledger).
    /// Keep it elsewhere (another database, a signed receipt): a chain can
    /// prove that nothing inside it was rewritten, but only a head kept
    /// outside proves that nothing was cut from its end.
    pub head: String,
}

/// Checks entries one at a time and applies them to a state.
#[derive(Debug, Default)]
pub(crate) struct Verifier {
    pub state: State,
    hasher: Hasher,
}

/// Whether `id` is `e<index>` (`index` in decimal, without leading zeros),
/// without formatting it (a cost per entry).
fn is_id_of(id: &str, index: usize) -> bool {
    id.strip_prefix('e').is_some_and(|digits| {
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'))
            && digits.parse::<u64>().ok() == Some(index as u64)
    })
}

fn tampered(index: usize, e: &Entry, message: impl Into<String>) -> Error {
    Error::Tampered {
        index,
        entry_id: e.id.to_string(),
        message: message.into(),
    }
}

impl Verifier {
    /// The state `entries` add up to, each verified as
    /// [`Ledger::from_entries`](crate::ledger::Ledger::from_entries) verifies it.
    pub fn replayed(entries: &[Entry]) -> Result<State> {
        let mut v = Verifier::default();
        let check_ins = entries
            .iter()
            .filter(|e| matches!(e.action, crate::ledger::Action::CheckIn { .. }))
            .count();
        for i in 0..entries.len() {
            let prev = if i == 0 { None } else { entries.get(i - 1) };
            v.next(i, prev, &entries[i], Record::Entry)?;
            if i == 0 {
                // One allocation for the check-ins instead of a doubling series.
                v.state.doc.check_ins.reserve(check_ins);
            }
        }
        Ok(v.state)
    }

    /// Verifies entry `index` given the previous one, then applies it. With
    /// a line ([`Record::Line`] or [`Record::Certified`]), the raw JSON Lines
    /// record must also be exactly the entry's canonical record, so that no
    /// byte of a file can change unnoticed.
    pub fn next(
        &mut self,
        index: usize,
        prev: Option<&Entry>,
        e: &Entry,
        record: Record<'_>,
    ) -> Result<()> {
        if e.seq != index as u64 {
            return Err(tampered(
                index,
                e,
                format!(
                    "expected seq {index}, found {}: entries were removed, inserted or reordered here",
                    e.seq
                ),
            ));
        }
        if !is_id_of(e.id.as_str(), index) {
            return Err(tampered(index, e, format!("expected id 'e{index}'")));
        }
        let prev_hash = prev.map_or(GENESIS_PREV_HASH.as_bytes(), |p| p.hash.as_bytes());
        if e.prev_hash.as_bytes() != prev_hash {
            return Err(tampered(
                index,
                e,
                "prev_hash is not the previous entry's hash: the previous entry was rewritten, or entries were removed, inserted or reordered here",
            ));
        }
        match self.hasher.check(e, record) {
            Check::Ok => {}
            Check::BadHash => {
                return Err(tampered(
                    index,
                    e,
                    "the entry's content does not match its hash: it was edited",
                ));
            }
            Check::NotCanonical => {
                return Err(tampered(
                    index,
                    e,
                    "the line is not the entry's canonical record: its bytes were edited",
                ));
            }
        }
        if prev.is_some_and(|p| e.at < p.at) {
            return Err(tampered(
                index,
                e,
                "the entry is earlier than the one before it",
            ));
        }
        self.state.apply(e).map_err(|err| {
            tampered(
                index,
                e,
                format!(
                    "the chain is intact but the entry breaks the rules ({}): {err}",
                    err.code()
                ),
            )
        })
    }
}

/// Verifies a sequence of entries: the hash chain (any edited, removed,
/// reordered or inserted entry) and the rules (an entry that could never have
/// been appended). Names the first bad entry in [`Error::Tampered`].
///
/// ```
/// use okrkit::ledger::{Ledger, Actor, Action, verify};
/// let doc = okrkit::Document::from_json(r#"{"teams":[{"id":"web","name":"Web"}],"people":[{"id":"ana","name":"Ana"}]}"#)?;
/// let mut ledger = Ledger::new();
/// ledger.append("2026-01-02T09:00:00Z".parse().unwrap(), Actor::new("ana", "web"), Action::import(doc))?;
/// let mut entries = ledger.entries().to_vec();
/// assert_eq!(verify(&entries)?.entries, 1);
/// entries[0].at = "2026-01-01T09:00:00Z".parse().unwrap(); // rewriting history
/// assert_eq!(verify(&entries).unwrap_err().code(), "tampered");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn verify(entries: &[Entry]) -> Result<Verified> {
    let mut v = Verifier::default();
    let mut prev = None;
    for (i, e) in entries.iter().enumerate() {
        v.next(i, prev, e, Record::Entry)?;
        prev = Some(e);
    }
    Ok(Verified {
        entries: entries.len(),
        head: prev
            .map_or(GENESIS_PREV_HASH, |p| p.hash.as_str())
            .to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::is_id_of;

    /// Exactly the ids `format!("e{index}")` gives.
    #[test]
    fn ids_are_e_and_the_index_in_plain_decimal() {
        for index in [0usize, 1, 7, 10, 99, 100_000, usize::MAX] {
            assert!(is_id_of(&format!("e{index}"), index));
            for other in [
                format!("e0{index}"),
                format!("e+{index}"),
                format!("E{index}"),
                format!("e{index} "),
                format!("e{index}0"),
                format!(" e{index}"),
                format!("e{}", index.wrapping_add(1)),
                "e".to_owned(),
                String::new(),
            ] {
                assert!(!is_id_of(&other, index), "{other}");
            }
        }
    }
}
