//! `ledger.entries`: the renegotiation ledger's entries as a table, one row
//! per entry, in sequence order.

use super::build::row;
use super::progress::col;
use super::{Builder, ColumnSpec, DType, Show, Table};
use crate::ledger::Entry;
use DType::{DateTime, I64, Str};
use Show::{Hidden, Plain, Status};

/// `ledger.entries`: one row per ledger entry.
pub const ENTRIES: &[ColumnSpec] = &[
    col("seq", I64, Plain, "sequence number (0: the import)"),
    col("id", Str, Hidden, "entry id"),
    col("at", DateTime, Plain, "when (UTC)"),
    col("actor_person", Str, Plain, "who recorded it"),
    col("actor_team", Str, Plain, "on behalf of which team"),
    col(
        "action",
        Str,
        Status,
        "the action's type: import, propose_change, accept, ...",
    ),
    col("prev_hash", Str, Hidden, "hash of the previous entry"),
    col("hash", Str, Hidden, "this entry's hash"),
];

/// The `ledger.entries` table of a ledger's entries (`ledger.entries()`).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use okrkit::ledger::{Action, Actor, Ledger};
/// let mut ledger = Ledger::new();
/// let doc = okrkit::Document::from_json(
///     r#"{"teams": [{"id": "web", "name": "Web"}], "people": [{"id": "ana", "name": "Ana"}]}"#,
/// )?;
/// let at = Utc.with_ymd_and_hms(2026, 1, 2, 9, 0, 0).unwrap();
/// ledger.append(at, Actor::new("ana", "web"), Action::import(doc))?;
/// let t = okrkit::table::ledger::entries(ledger.entries());
/// assert_eq!(t.name, "ledger.entries");
/// assert_eq!(t.column("action").and_then(|c| c.str(0)), Some("import"));
/// assert_eq!(t.column("actor_person").and_then(|c| c.str(0)), Some("ana"));
/// assert_eq!(t.len(), 1);
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn entries(entries: &[Entry]) -> Table {
    let mut b = Builder::new("ledger.entries", ENTRIES, entries.len());
    for e in entries {
        row!(
            b,
            ENTRIES,
            [
                e.seq.into(),
                e.id.as_str().into(),
                e.at.into(),
                e.actor.person.as_str().into(),
                e.actor.team.as_str().into(),
                e.action.kind().into(),
                e.prev_hash.as_str().into(),
                e.hash.as_str().into(),
            ]
        );
    }
    b.finish()
}
