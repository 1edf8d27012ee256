//! Estimated native (heap) sizes of the core's values, for a host whose
//! garbage collector should weigh a small handle by the memory behind it
//! (Node's `napi_adjust_external_memory`).
//!
//! A document or an organisation is estimated from its counts (objectives,
//! key results, check-ins, entries…), never by serialising it: each element
//! counts twice its typical size as JSON, as measured with
//! `bindings/node/scripts/native-memory.js` (an organisation of 10,000 key
//! results and 10,000 check-ins, 2.9 MB of JSON, is about 4 MB). An `Org`'s
//! check-ins are counted at their columns' size, a document's (a ledger's
//! import) at their structs'. A progress report is counted exactly, from its
//! vectors' capacities.
//!
//! ```
//! let org = okrkit::Org::from_json(r#"{"schema_version": 1, "cycles": [
//!   {"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]}"#).unwrap();
//! assert_eq!(okrkit::heap::org_bytes(&org), 140);
//! assert_eq!(okrkit::heap::document_bytes(&okrkit::Document::default()), 0);
//! ```

use crate::ledger::{Action, Entry};
use crate::{Document, DocumentRef, Org, ProgressReport};

/// Estimated bytes per element: twice its typical JSON size in a generated
/// document (`generate`), which the module doc's measure matches.
const PER_OBJECTIVE: usize = 320;
const PER_KEY_RESULT: usize = 320;
const PER_CHECK_IN: usize = 180;
/// A check-in of an `Org`: held once, as columns (time, value, position,
/// confidence; notes and authors only where present), about 21 bytes in the
/// suite's organisations; rounded up for the notes and the index built on
/// first use.
const PER_CHECK_IN_COLUMN: usize = 40;
/// A cycle, team, person, initiative or personal goal.
const PER_SMALL_ITEM: usize = 140;
/// A ledger entry beyond what it carries.
const PER_ENTRY: usize = 600;

/// The estimated size of a document (a ledger's import), from its counts.
pub fn document_bytes(doc: &Document) -> usize {
    parts_bytes(doc.into(), PER_CHECK_IN)
}

/// The estimated size of an organisation, whose check-ins are columns
/// rather than structs.
pub fn org_bytes(org: &Org) -> usize {
    parts_bytes(org.document(), PER_CHECK_IN_COLUMN)
}

fn parts_bytes(doc: DocumentRef<'_>, per_check_in: usize) -> usize {
    let krs: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    let small = doc.cycles.len()
        + doc.teams.len()
        + doc.people.len()
        + doc.initiatives.len()
        + doc.personal_goals.len();
    (doc.objectives.len() * PER_OBJECTIVE)
        .saturating_add(krs * PER_KEY_RESULT)
        .saturating_add(doc.check_ins.len() * per_check_in)
        .saturating_add(small * PER_SMALL_ITEM)
}

/// The estimated size of ledger entries (an import carries its document).
pub fn entries_bytes<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> usize {
    entries
        .into_iter()
        .map(|e| match &e.action {
            Action::Import { document, .. } => document_bytes(document).saturating_add(PER_ENTRY),
            _ => PER_ENTRY,
        })
        .fold(0, usize::saturating_add)
}

/// The heap size of a progress report's rows, from its vectors' capacities
/// (exact, where an organisation's is estimated: a report is a few plain
/// vectors). Ids of more than 23 bytes share the organisation's text and
/// cost nothing more.
pub fn progress_bytes(report: &ProgressReport) -> usize {
    use crate::progress::{
        AlignedProgress, CycleProgress, KeyResultProgress, ObjectiveProgress, TeamProgress,
    };
    use std::mem::size_of;
    let rows: usize = report
        .objectives
        .iter()
        .map(|o| {
            o.key_results.capacity() * size_of::<KeyResultProgress>()
                + o.aligned.capacity() * size_of::<AlignedProgress>()
        })
        .sum();
    rows + report.objectives.capacity() * size_of::<ObjectiveProgress>()
        + report.teams.capacity() * size_of::<TeamProgress>()
        + report.cycles.capacity() * size_of::<CycleProgress>()
}
