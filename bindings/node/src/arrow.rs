//! A core table's Arrow buffers handed to JS without an IPC stream:
//! `{ schema, numRows, buffers, layout }`.
//!
//! The table is moved into an Arrow record batch (`Table::into_arrow`: the
//! column vectors become the arrays' buffers, no copy). Its buffers reach JS
//! in `buffers`, `ArrayBuffer`s of two kinds:
//!
//! - `buffers[0]`, always there: one `ArrayBuffer` holding a copy of the
//!   table's buffers, the smallest first, as long as it stays within
//!   [`PACK_MAX`] (64 KiB), each at a byte offset that is a multiple of 64
//!   (the block itself is allocated as bytes: its address is what the
//!   allocator gives, enough for every typed array over it, not Arrow's
//!   64-byte alignment; Arrow's
//!   alignment). For a small table (the benchmark's objectives up to some
//!   370 rows) that is every buffer: one allocation and one copy, where one
//!   external `ArrayBuffer` per buffer (35 for the objectives), each with
//!   its finalizer, cost more; for a larger one, its smallest buffers
//!   (benches/node/arrow_pack.js measures the limit).
//! - `buffers[1..]`: each other buffer as an external `ArrayBuffer` over the
//!   core's own memory (zero-copy), which the `ArrayBuffer` keeps alive (it
//!   holds a reference to the Arrow buffer and drops it when V8 collects it).
//!
//! Either way the columns outlive the report they came from: `report.free()`
//! drops the report, not the tables read from it. `layout` (a
//! `Float64Array`) says where each column's buffers are: [`STRIDE`] numbers
//! per column, in the schema's order: its null count, then the validity
//! bitmap, the offsets and the values, each as (index in `buffers`, byte
//! offset, byte length), the index -1 when the column has no such buffer (no
//! bitmap without nulls, no offsets but for text). A buffer shared by
//! several columns (the pace columns' one bitmap) is handed over once.
//!
//! The schema (names, types, each field's `description`, the table's name as
//! `okrkit.table`) is the core's, as the bytes of an IPC stream holding only
//! the schema (`okrkit::table::arrow::schema_ipc`); so a reader puts the
//! columns together knowing Arrow's layout and nothing of okrkit's columns
//! (`index.js`'s `toArrow` does, as apache-arrow's `makeData` would). Those
//! bytes are written once per distinct schema and reused (a table's schema
//! does not depend on its rows): writing them was a tenth of a small table's
//! hand-over.

use crate::error::Body;
use napi::bindgen_prelude::*;
use okrkit::table::Table;
use okrkit::table::arrow::arrow_array::Array;
use okrkit::table::arrow::arrow_buffer::Buffer as ArrowBuffer;
use okrkit::table::arrow::arrow_schema::SchemaRef;
use okrkit::table::arrow::schema_ipc;
use std::cell::RefCell;

/// An Arrow buffer as a JS `ArrayBuffer` over the same memory; the buffer is
/// kept alive until V8 finalizes the `ArrayBuffer`.
fn array_buffer<'e>(env: &'e Env, buffer: &ArrowBuffer) -> Result<ArrayBuffer<'e>> {
    if buffer.is_empty() {
        // V8 takes no external memory of length 0 (napi refuses the dangling pointer).
        return ArrayBuffer::from_data(env, Vec::new());
    }
    let keep = buffer.clone();
    // SAFETY: the pointer and length are those of `keep`, an owner of the
    // memory (a reference-counted Arrow buffer, never reallocated), which
    // the finalizer drops only when V8 has collected the ArrayBuffer. JS may
    // write through the ArrayBuffer: every other owner of this memory (the
    // record batch below) is dropped before JS runs again.
    unsafe {
        ArrayBuffer::from_external(
            env,
            keep.as_ptr().cast_mut(),
            keep.len(),
            keep,
            |_, keep| drop(keep),
        )
    }
}

/// A layout this module does not hand over (a nested, sliced or
/// offset array): never produced by `Table::into_arrow` today; a clear
/// error, not wrong columns, if that changes.
fn unsupported(i: usize, what: &str) -> okrkit::Error {
    okrkit::Error::InvalidArgument {
        code: okrkit::ProblemCode::InvalidValue,
        message: format!("column {i} is {what}: not handed over as Arrow buffers"),
        path: format!("columns[{i}]"),
    }
}

thread_local! {
    /// The schemas handed over on this thread with their IPC bytes, oldest
    /// first: a few (one per report table and text width), at most
    /// [`SCHEMAS_KEPT`].
    static SCHEMAS: RefCell<Vec<(SchemaRef, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// How many schemas [`SCHEMAS`] keeps (the oldest is dropped first).
const SCHEMAS_KEPT: usize = 32;

/// `schema_ipc(schema)`, written once per distinct schema on this thread.
fn schema_bytes(schema: &SchemaRef) -> okrkit::Result<Vec<u8>> {
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

/// The most the packed `ArrayBuffer` holds (see the [module docs](self)):
/// the table's buffers, smallest first, are copied into it while it stays
/// within this size; the others are handed over as they are, no copy.
/// Measured (benches/node/arrow_pack.js, arrow_handover.js): copying a small
/// table's buffers into one allocation costs less than one external
/// `ArrayBuffer` per buffer, but a packed allocation of a few hundred KiB
/// costs more (fresh pages to fault in, as the allocator maps an allocation
/// that large on its own).
const PACK_MAX: usize = 64 * 1024;

/// [`PACK_MAX`], or in a build with the `test-hooks` feature the limit in
/// `OKRKIT_NODE_PACK_MAX` when set (read on each call: the tests and
/// benches/node/arrow_pack.js hand one table over both ways).
fn pack_max() -> usize {
    #[cfg(feature = "test-hooks")]
    if let Some(limit) = std::env::var("OKRKIT_NODE_PACK_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return limit;
    }
    PACK_MAX
}

/// Where each buffer starts in the packed `ArrayBuffer`: a byte offset that
/// is a multiple of Arrow's alignment (the block's own address is the
/// allocator's: typed arrays need only their element's size).
const ALIGN: usize = 64;

/// The numbers `layout` holds per column (see the [module docs](self)).
const STRIDE: usize = 10;

/// Where the buffers go: copied into the packed `ArrayBuffer` (each with its
/// offset there), or handed over as they are (`buffers[1..]`).
#[derive(Default)]
struct Placed {
    packed: Vec<(ArrowBuffer, usize)>,
    packed_len: usize,
    external: Vec<ArrowBuffer>,
    /// Each distinct buffer's (index in `buffers`, byte offset).
    places: Vec<(usize, usize)>,
}

impl Placed {
    /// Places `distinct` (buffers, each once): the smallest first into the
    /// packed `ArrayBuffer` while it stays within `pack_max` bytes, the
    /// others as they are.
    fn new(distinct: &[ArrowBuffer], pack_max: usize) -> Self {
        let mut by_len: Vec<usize> = (0..distinct.len()).collect();
        by_len.sort_by_key(|&i| distinct[i].len());
        let mut placed = Placed {
            places: vec![(0, 0); distinct.len()],
            ..Placed::default()
        };
        for i in by_len {
            let buffer = &distinct[i];
            let at = placed.packed_len.next_multiple_of(ALIGN);
            if at + buffer.len() <= pack_max {
                placed.packed_len = at + buffer.len();
                placed.packed.push((buffer.clone(), at));
                placed.places[i] = (0, at);
            } else {
                placed.external.push(buffer.clone());
                placed.places[i] = (placed.external.len(), 0);
            }
        }
        placed
    }

    /// The `buffers` array's `ArrayBuffer`s.
    fn array_buffers<'e>(&self, env: &'e Env) -> Result<Vec<ArrayBuffer<'e>>> {
        let mut out = Vec::with_capacity(1 + self.external.len());
        out.push(self.packed_buffer(env)?);
        for buffer in &self.external {
            out.push(array_buffer(env, buffer)?);
        }
        Ok(out)
    }

    /// One `ArrayBuffer` holding a copy of each packed buffer at its offset
    /// (zeros between them): a `Vec` (no zero-filling of what is copied
    /// over, as a new JS `ArrayBuffer` would) that V8 owns from then on.
    fn packed_buffer<'e>(&self, env: &'e Env) -> Result<ArrayBuffer<'e>> {
        if self.packed_len == 0 {
            return ArrayBuffer::copy_from(env, []);
        }
        let mut bytes = Vec::with_capacity(self.packed_len);
        for (buffer, at) in &self.packed {
            bytes.resize(*at, 0);
            bytes.extend_from_slice(buffer.as_slice());
        }
        ArrayBuffer::from_data(env, bytes)
    }
}

/// The table's columns as Arrow buffers (see the [module docs](self)).
pub fn table_columns<'e>(env: &'e Env, table: Table) -> Body<Object<'e>> {
    let batch = table.into_arrow()?;
    let schema = schema_bytes(&batch.schema())?;
    // Each column's null count and its three buffers' indices in `distinct`
    // (a buffer shared by several columns is there once).
    let mut columns = Vec::with_capacity(batch.num_columns());
    let mut distinct: Vec<ArrowBuffer> = Vec::new();
    for (i, array) in batch.columns().iter().enumerate() {
        let data = array.to_data();
        if data.offset() != 0 {
            return Err(unsupported(i, "sliced").into());
        }
        if !data.child_data().is_empty() {
            return Err(unsupported(i, "nested").into());
        }
        let validity = match data.nulls() {
            Some(n) if n.offset() != 0 => {
                return Err(unsupported(i, "offset in its validity bitmap").into());
            }
            Some(n) => Some(n.buffer()),
            None => None,
        };
        let (offsets, values) = match data.buffers() {
            [values] => (None, values),
            [offsets, values] => (Some(offsets), values),
            _ => return Err(unsupported(i, "of another layout").into()),
        };
        let slots = [validity, offsets, Some(values)].map(|buffer| {
            buffer.map(|b| {
                let same = |d: &ArrowBuffer| d.as_ptr() == b.as_ptr() && d.len() == b.len();
                distinct.iter().position(same).unwrap_or_else(|| {
                    distinct.push(b.clone());
                    distinct.len() - 1
                })
            })
        });
        columns.push((data.null_count(), slots));
    }
    let placed = Placed::new(&distinct, pack_max());
    let mut layout = Vec::with_capacity(columns.len() * STRIDE);
    for (null_count, slots) in columns {
        layout.push(null_count as f64);
        for slot in slots {
            match slot {
                Some(d) => {
                    let (index, at) = placed.places[d];
                    layout.extend([index as f64, at as f64, distinct[d].len() as f64]);
                }
                None => layout.extend([-1.0, 0.0, 0.0]),
            }
        }
    }
    let mut out = Object::new(env)?;
    out.set("schema", Buffer::from(schema))?;
    out.set("numRows", batch.num_rows() as f64)?;
    out.set("buffers", placed.array_buffers(env)?)?;
    out.set("layout", Float64ArraySlice::copy_from(env, &layout)?)?;
    Ok(out)
}
