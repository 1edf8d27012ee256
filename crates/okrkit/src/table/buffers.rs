//! A table's Arrow buffers laid out for a runtime that builds its Arrow
//! arrays from raw buffers, without an IPC stream (feature `arrow-ipc`):
//! Node's `report.tableArrowColumns()` and `toArrow()`, whose binding only
//! turns a [`Handover`] into `ArrayBuffer`s.
//!
//! The table is moved into a record batch ([`Table::into_arrow`]: no copy).
//! Its distinct buffers (a buffer shared by several columns, like the pace
//! columns' one validity bitmap, counts once) are placed smallest first into
//! one packed block while it stays within `pack_max` bytes, each at a byte
//! offset that is a multiple of [`ALIGN`]; every other buffer is handed over
//! as it is (zero-copy). [`Handover::layout`] says where each column's
//! buffers are: [`STRIDE`] numbers per column, in the schema's order: its
//! null count, then the validity bitmap, the offsets and the values, each as
//! (index, byte offset, byte length), where index 0 is the packed block and
//! `i > 0` is `external[i - 1]`; the index is -1 when the column has no such
//! buffer (no bitmap without nulls, offsets for text only). Every external
//! buffer is the hand-over's alone: one the table shared with another owner
//! (an org's cached text columns) is handed over as a copy, so a runtime
//! that lets its caller write into the memory (a JS `ArrayBuffer`) changes
//! nothing the core reads again. The schema comes
//! as [`schema_ipc`] bytes, written once per distinct schema on each thread
//! (a table's schema does not depend on its rows; writing it was a tenth of
//! a small table's hand-over).
//!
//! ```
//! # use okrkit::{Org, ProgressOptions, table};
//! # let org = Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
//! #   "teams": [{"id": "web", "name": "Web"}],
//! #   "objectives": [{"id": "o1", "title": "A", "team": "web", "cycle": "q1", "key_results": [{"id": "k1",
//! #     "title": "NPS 20 to 40", "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]}"#)?;
//! let t = table::progress::objectives(&org, &org.progress(&ProgressOptions::default())?);
//! let columns = t.columns.len();
//! let h = table::buffers::handover(t, table::buffers::PACK_MAX)?;
//! assert_eq!(h.num_rows, 1);
//! assert_eq!(h.layout.len(), columns * table::buffers::STRIDE);
//! assert!(h.external.is_empty()); // a small table: every buffer packed
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::Table;
use super::arrow::arrow_array::Array;
use super::arrow::arrow_buffer::Buffer;
use super::arrow::arrow_schema::SchemaRef;
use super::arrow::schema_ipc;
use crate::{Error, ProblemCode, Result};
use std::cell::RefCell;

/// The most the packed block holds by default. Measured
/// (benches/node/arrow_pack.js, arrow_handover.js): copying a small table's
/// buffers into one allocation costs less than one external `ArrayBuffer`
/// per buffer, but a packed allocation of a few hundred KiB costs more
/// (fresh pages to fault in, as the allocator maps an allocation that large
/// on its own).
pub const PACK_MAX: usize = 64 * 1024;

/// Where each buffer starts in the packed block: a byte offset that is a
/// multiple of Arrow's alignment (the block's own address is the
/// allocator's: a typed array over it needs only its element's size).
pub const ALIGN: usize = 64;

/// The numbers [`Handover::layout`] holds per column.
pub const STRIDE: usize = 10;

/// A table's buffers and where each column's are (see the module docs).
#[derive(Debug)]
pub struct Handover {
    /// The schema as the bytes of an IPC stream holding only it.
    pub schema: Vec<u8>,
    /// The number of rows.
    pub num_rows: usize,
    /// The packed block (buffer index 0): copies of the smallest buffers,
    /// zeros between them.
    pub packed: Vec<u8>,
    /// The buffers handed over as they are (buffer indices 1, 2, …).
    pub external: Vec<Buffer>,
    /// [`STRIDE`] numbers per column (see the module docs).
    pub layout: Vec<f64>,
}

thread_local! {
    /// The schemas written on this thread with their IPC bytes, oldest
    /// first: a few (one per report table and text width), at most
    /// [`SCHEMAS_KEPT`].
    static SCHEMAS: RefCell<Vec<(SchemaRef, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// How many schemas [`SCHEMAS`] keeps (the oldest is dropped first).
const SCHEMAS_KEPT: usize = 32;

/// `schema_ipc(schema)`, written once per distinct schema on this thread.
fn schema_bytes(schema: &SchemaRef) -> Result<Vec<u8>> {
    SCHEMAS.with_borrow_mut(|kept| {
        if let Some((_, bytes)) = kept.iter().find(|(s, _)| s == schema) {
            return Ok(bytes.clone());
        }
        let bytes = schema_ipc(schema)?;
        if kept.len() == SCHEMAS_KEPT {
            kept.remove(0);
        }
        kept.push((SchemaRef::clone(schema), bytes.clone()));
        Ok(bytes)
    })
}

/// A layout this module does not hand over (a nested, sliced or offset
/// array): never produced by [`Table::into_arrow`] today; a clear error, not
/// wrong columns, if that changes.
fn unsupported(i: usize, what: &str) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::InvalidValue,
        message: format!("column {i} is {what}: not handed over as Arrow buffers"),
        path: format!("columns[{i}]"),
    }
}

/// The table's buffers, the smallest copied into the packed block while it
/// stays within `pack_max` bytes ([`PACK_MAX`] in the package), and their
/// layout (see the module docs).
///
/// # Errors
///
/// Those of [`Table::into_arrow`] and [`schema_ipc`]; `invalid_value` at
/// `columns[i]` for a column of a layout not handed over (nested or sliced:
/// never made by `into_arrow` today).
pub fn handover(table: Table, pack_max: usize) -> Result<Handover> {
    let batch = table.into_arrow()?;
    let schema = schema_bytes(&batch.schema())?;
    // Each column's null count and its three buffers' indices in `distinct`.
    let mut columns = Vec::with_capacity(batch.num_columns());
    let mut distinct: Vec<Buffer> = Vec::new();
    for (i, array) in batch.columns().iter().enumerate() {
        let data = array.to_data();
        if data.offset() != 0 {
            return Err(unsupported(i, "sliced"));
        }
        if !data.child_data().is_empty() {
            return Err(unsupported(i, "nested"));
        }
        let validity = match data.nulls() {
            Some(n) if n.offset() != 0 => {
                return Err(unsupported(i, "offset in its validity bitmap"));
            }
            Some(n) => Some(n.buffer()),
            None => None,
        };
        let (offsets, values) = match data.buffers() {
            [values] => (None, values),
            [offsets, values] => (Some(offsets), values),
            _ => return Err(unsupported(i, "of another layout")),
        };
        let slots = [validity, offsets, Some(values)].map(|buffer| {
            buffer.map(|b| {
                let same = |d: &Buffer| d.as_ptr() == b.as_ptr() && d.len() == b.len();
                distinct.iter().position(same).unwrap_or_else(|| {
                    distinct.push(b.clone());
                    distinct.len() - 1
                })
            })
        });
        columns.push((data.null_count(), slots));
    }
    let num_rows = batch.num_rows();
    // From here `distinct` holds the batch's only references to the
    // buffers it owns: a count above one is a buffer shared with another
    // owner.
    drop(batch);
    let (packed, external, places) = place(&distinct, pack_max);
    let mut layout = Vec::with_capacity(columns.len() * STRIDE);
    for (null_count, slots) in columns {
        layout.push(null_count as f64);
        for slot in slots {
            match slot {
                Some(d) => {
                    let (index, at) = places[d];
                    layout.extend([index as f64, at as f64, distinct[d].len() as f64]);
                }
                None => layout.extend([-1.0, 0.0, 0.0]),
            }
        }
    }
    Ok(Handover {
        schema,
        num_rows,
        packed,
        external,
        layout,
    })
}

/// Places `distinct` (buffers, each once): the smallest first, copied into
/// the packed block while it stays within `pack_max` bytes, the others
/// handed over as they are, or as a copy when another owner shares them.
/// Returns the block, the others, and each buffer's (index, byte offset).
fn place(distinct: &[Buffer], pack_max: usize) -> (Vec<u8>, Vec<Buffer>, Vec<(usize, usize)>) {
    let mut by_len: Vec<usize> = (0..distinct.len()).collect();
    by_len.sort_by_key(|&i| distinct[i].len());
    let mut places = vec![(0, 0); distinct.len()];
    let mut packed: Vec<(&Buffer, usize)> = Vec::new();
    let mut packed_len: usize = 0;
    let mut external = Vec::new();
    for i in by_len {
        let buffer = &distinct[i];
        let at = packed_len.next_multiple_of(ALIGN);
        if at + buffer.len() <= pack_max {
            packed_len = at + buffer.len();
            packed.push((buffer, at));
            places[i] = (0, at);
        } else {
            external.push(if buffer.strong_count() > 1 {
                Buffer::from(buffer.as_slice())
            } else {
                buffer.clone()
            });
            places[i] = (external.len(), 0);
        }
    }
    let mut bytes = Vec::with_capacity(packed_len);
    for (buffer, at) in packed {
        bytes.resize(at, 0);
        bytes.extend_from_slice(buffer.as_slice());
    }
    (bytes, external, places)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};
    use crate::{Org, ProgressOptions};

    fn objectives(n: usize) -> Table {
        let doc = generate(&GenerateOptions {
            objectives: n,
            key_results: 3 * n,
            ..GenerateOptions::default()
        });
        let org = Org::new(doc).expect("a generated org is valid");
        let report = org.progress(&ProgressOptions::default()).expect("progress");
        crate::table::progress::objectives(&org, &report)
    }

    /// The bytes of buffer slot `at` of `layout` (index, offset, length).
    fn bytes_at(h: &Handover, at: usize) -> Option<&[u8]> {
        let (index, offset, len) = (h.layout[at], h.layout[at + 1] as usize, h.layout[at + 2]);
        let len = len as usize;
        match index {
            i if i < 0.0 => None,
            0.0 => Some(&h.packed[offset..offset + len]),
            i => Some(&h.external[i as usize - 1].as_slice()[offset..offset + len]),
        }
    }

    /// Every column's buffers as the record batch has them, wherever placed.
    fn assert_same_buffers(h: &Handover, table: Table) {
        let batch = table.into_arrow().expect("arrow");
        assert_eq!(h.num_rows, batch.num_rows());
        assert_eq!(h.layout.len(), batch.num_columns() * STRIDE);
        for (i, array) in batch.columns().iter().enumerate() {
            let data = array.to_data();
            let at = i * STRIDE;
            assert_eq!(h.layout[at], data.null_count() as f64, "column {i}");
            let nulls = data.nulls().map(|n| n.buffer().as_slice());
            assert_eq!(bytes_at(h, at + 1), nulls, "column {i}'s bitmap");
            let values = data.buffers().last().map(|b| b.as_slice());
            assert_eq!(bytes_at(h, at + 7), values, "column {i}'s values");
            let offsets = (data.buffers().len() == 2).then(|| data.buffers()[0].as_slice());
            assert_eq!(bytes_at(h, at + 4), offsets, "column {i}'s offsets");
        }
    }

    #[test]
    fn a_small_table_is_packed_whole_each_buffer_aligned() {
        let h = handover(objectives(40), PACK_MAX).expect("handover");
        assert!(h.external.is_empty());
        assert!(!h.packed.is_empty() && h.packed.len() <= PACK_MAX);
        for column in h.layout.chunks(STRIDE) {
            for slot in column[1..].chunks(3) {
                assert!(slot[0] == 0.0 || slot[0] == -1.0);
                assert_eq!(slot[1] as usize % ALIGN, 0);
            }
        }
        assert_same_buffers(&h, objectives(40));
    }

    #[test]
    fn nothing_packed_with_a_limit_of_zero_each_buffer_handed_over_once() {
        let h = handover(objectives(40), 0).expect("handover");
        assert!(h.packed.is_empty());
        let used: Vec<usize> = h
            .layout
            .chunks(STRIDE)
            .flat_map(|c| c[1..].chunks(3).map(|s| (s[0], s[2])).collect::<Vec<_>>())
            .filter(|&(i, len)| i >= 0.0 && len > 0.0)
            .map(|(i, _)| i as usize)
            .collect();
        // Every buffer that is not empty is external, each handed over once,
        // each one used.
        assert!(used.iter().all(|&i| i >= 1 && i <= h.external.len()));
        let mut seen: Vec<usize> = used.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(
            seen.len(),
            h.external.iter().filter(|b| !b.is_empty()).count()
        );
        assert_same_buffers(&h, objectives(40));
    }

    /// A whole-org objectives table shares its text with the org's cache
    /// (a reference count per table): every buffer handed over is still the
    /// hand-over's alone, a copy where the cache shares it, so memory a
    /// runtime lets its caller write is never the org's.
    #[test]
    fn buffers_shared_with_the_org_are_handed_over_as_copies() {
        let org = Org::new(generate(&GenerateOptions::scaled(400))).expect("a generated org");
        let c = org
            .progress_columns(&ProgressOptions::default())
            .expect("columns");
        let table =
            || crate::table::from_columns::objectives(&c, crate::table::TextLayout::Offsets);
        // The two tables share the cached title bytes.
        let title = |t: &Table| match t.column("title").map(|c| &c.values) {
            Some(crate::table::Values::Str(s)) => s.get(0).map(str::as_ptr),
            _ => panic!("a text column title"),
        };
        let (a, b) = (table(), table());
        assert_eq!(title(&a), title(&b), "the cache is shared, not copied");
        let (ha, hb) = (
            handover(a, 0).expect("handover"),
            handover(b, 0).expect("handover"),
        );
        assert!(!ha.external.is_empty());
        for h in [&ha, &hb] {
            assert!(h.external.iter().all(|buffer| buffer.strong_count() == 1));
        }
        for x in &ha.external {
            assert!(
                hb.external
                    .iter()
                    .all(|y| y.is_empty() || x.as_ptr() != y.as_ptr())
            );
        }
        assert_same_buffers(&ha, table());
    }

    #[test]
    fn a_large_table_packs_its_smallest_buffers_only() {
        let h = handover(objectives(5_000), PACK_MAX).expect("handover");
        assert!(!h.external.is_empty() && h.packed.len() <= PACK_MAX);
        let largest_packed = h
            .layout
            .chunks(STRIDE)
            .flat_map(|c| c[1..].chunks(3).map(|s| (s[0], s[2])).collect::<Vec<_>>())
            .filter(|&(i, _)| i == 0.0)
            .map(|(_, len)| len as usize)
            .max()
            .unwrap_or(0);
        assert!(h.external.iter().all(|b| b.len() >= largest_packed));
        assert_same_buffers(&h, objectives(5_000));
    }

    #[test]
    fn the_schema_is_the_ipc_of_the_batch_schema_and_written_once() {
        let a = handover(objectives(10), PACK_MAX).expect("handover");
        let b = handover(objectives(10), PACK_MAX).expect("handover");
        let schema = objectives(10).into_arrow().expect("arrow").schema();
        assert_eq!(a.schema, schema_ipc(&schema).expect("ipc"));
        assert_eq!(a.schema, b.schema);
        let kept = SCHEMAS.with_borrow(|k| k.iter().filter(|(s, _)| *s == schema).count());
        assert_eq!(kept, 1);
    }
}
