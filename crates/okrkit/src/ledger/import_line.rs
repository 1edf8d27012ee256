//! A direct reader for the import entry, the ledger's first and usually its
//! largest record: it holds the whole base document (210 KB of a generated
//! ledger's 537 KB at 1,000 entries and 1,000 key results).
//!
//! [`Action`] is an internally tagged enum (`"type"` among the variant's
//! members), and serde reads such an enum by first copying the whole object
//! into a buffer of its own, then reading the variant from that buffer: for
//! the import, every string of the document is allocated twice and every
//! member looked at twice. Here, an entry whose action starts with
//! `"type":"import"` (as okrkit writes it) is read in one pass into the same
//! types, the document straight from the text.
//!
//! Anything this reader does not accept in full gives `None`, and the entry
//! is read by [`crate::json::from_str`] as every other entry is, with its
//! errors and their paths. What this reader accepts, the general reader
//! accepts too, into an equal entry: a test compares them on generated
//! imports and on damaged ones.

use crate::ids::EntryId;
use crate::ledger::action::{Action, AgreedSet};
use crate::ledger::entry::{Actor, Entry};
use crate::ledger::entry_hash::EntryHash;
use crate::ledger::roles::Roles;
use crate::limits::MAX_INPUT_BYTES;
use crate::model::Document;
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The beginning of an import's action as okrkit writes it. Quotes inside
/// a JSON string are escaped, so this text cannot come from inside one.
const IMPORT_ACTION: &str = r#""action":{"type":"import""#;

/// An [`Entry`] whose action is an import: the same members, read the same
/// way (each member's type is the entry's).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportEntry {
    seq: u64,
    id: EntryId,
    at: DateTime<Utc>,
    actor: Actor,
    action: ImportAction,
    prev_hash: EntryHash,
    #[serde(default)]
    sig: Option<String>,
    hash: EntryHash,
}

/// [`Action::Import`] with its tag as a member.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportAction {
    /// Must be `import`: only a JSON string (the general reader takes the
    /// tag from a string only).
    #[serde(rename = "type")]
    kind: String,
    document: Box<Document>,
    #[serde(default)]
    agreed: Vec<AgreedSet>,
    #[serde(default)]
    roles: Roles,
}

/// The entry of `text` when it is an import this reader takes whole; `None`
/// for anything else (read by the general reader).
pub(crate) fn entry(text: &str) -> Option<Entry> {
    if text.len() > MAX_INPUT_BYTES || !text.contains(IMPORT_ACTION) {
        return None;
    }
    let e: ImportEntry = crate::json::serde_from_str(text).ok()?;
    if e.action.kind != "import" {
        return None;
    }
    Some(Entry {
        seq: e.seq,
        id: e.id,
        at: e.at,
        actor: e.actor,
        action: Action::Import {
            document: e.action.document,
            agreed: e.action.agreed,
            roles: e.action.roles,
        },
        prev_hash: e.prev_hash,
        sig: e.sig,
        hash: e.hash,
    })
}

#[cfg(test)]
mod tests {
    use super::entry;
    use crate::generate::{GenerateOptions, LedgerOptions, generate, ledger};
    use crate::ledger::entry::Entry;
    use proptest::prelude::*;

    /// The import line of a generated ledger over an organisation of about
    /// `key_results` key results.
    fn import_line(key_results: usize) -> String {
        let org = generate(&GenerateOptions::scaled(key_results));
        let l = ledger(&org, &LedgerOptions::with_entries(1)).expect("a valid ledger");
        l.entries()[0].to_json()
    }

    /// The general reader: serde's tagged enum, through its buffer.
    fn general(text: &str) -> crate::Result<Entry> {
        crate::json::from_str(text)
    }

    #[test]
    fn an_import_is_read_directly_into_the_entry_the_general_reader_gives() {
        for n in [1, 10, 300] {
            let line = import_line(n);
            let direct = entry(&line).expect("an import as okrkit writes it");
            assert_eq!(
                Some(&direct),
                general(&line).ok().as_ref(),
                "{n} key results"
            );
            assert_eq!(direct.to_json(), line);
        }
    }

    #[test]
    fn anything_but_an_import_is_left_to_the_general_reader() {
        let line = import_line(10);
        let cases = [
            // another action's tag, or the tag after the document
            line.replacen(r#""type":"import""#, r#""type":"check_in""#, 1),
            line.replacen(r#"{"type":"import","#, "{", 1).replacen(
                r#"},"prev_hash""#,
                r#","type":"import"},"prev_hash""#,
                1,
            ),
            // an unknown member, a repeated one, a missing one
            line.replacen(r#""seq":0,"#, r#""seq":0,"extra":1,"#, 1),
            line.replacen(r#""seq":0,"#, r#""seq":0,"seq":0,"#, 1),
            line.replacen(r#","prev_hash":"#, r#","prev":"#, 1),
            // trailing text, a document that is not one
            format!("{line} x"),
            line.replacen(r#""document":{"#, r#""document":{"x":1,"#, 1),
        ];
        for (i, text) in cases.iter().enumerate() {
            assert_ne!(text, &line, "case {i} changes the line");
            assert!(entry(text).is_none(), "case {i}: {text:.120}");
        }
    }

    /// Every one-byte change of an import (each byte in turn replaced by a
    /// letter, a digit, a quote or a brace): wherever the direct reader
    /// takes the changed line, the general reader gives the same entry. The
    /// counts keep the comparison from passing by declining everything: a
    /// letter changed inside a title and a digit inside a number are still
    /// imports, and both readers must take them (the property below only
    /// samples lines, without counting what it compared).
    #[test]
    fn every_one_byte_change_is_read_as_the_general_reader_reads_it() {
        let line = import_line(3);
        for byte in [b'x', b'7', b'"', b'}'] {
            let mut direct_taken = 0;
            for i in 0..line.len() {
                let mut bytes = line.clone().into_bytes();
                if bytes[i] == byte {
                    continue;
                }
                bytes[i] = byte;
                let Ok(text) = String::from_utf8(bytes) else {
                    continue;
                };
                let general = general(&text).ok();
                if let Some(direct) = entry(&text) {
                    direct_taken += 1;
                    assert_eq!(
                        Some(&direct),
                        general.as_ref(),
                        "byte {i} as {}",
                        byte as char
                    );
                }
            }
            if byte.is_ascii_alphanumeric() {
                assert!(
                    direct_taken >= line.len() / 10,
                    "{} as every byte: the direct reader took {direct_taken} of {} lines",
                    byte as char,
                    line.len()
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// On a damaged import (a byte replaced, removed or repeated, or a
        /// span cut out), the direct reader either declines or gives the
        /// general reader's entry: never an entry the general reader refuses
        /// or reads otherwise.
        #[test]
        fn a_damaged_import_is_read_as_the_general_reader_reads_it(
            at in any::<prop::sample::Index>(),
            len in 0usize..40,
            byte in prop::sample::select(&b"\"{}[],:0123456789.-+eE tnfa\\xyz"[..]),
            how in 0u8..4,
        ) {
            let line = import_line(3);
            let mut bytes = line.clone().into_bytes();
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, bytes[i]),
                _ => { bytes.drain(i..(i + len).min(bytes.len())); }
            }
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
            if let Some(direct) = entry(&text) {
                prop_assert_eq!(Some(direct), general(&text).ok());
            }
        }
    }
}
