//! A core table's Arrow buffers handed to JS as they are, without an IPC
//! stream: `{ schema, numRows, columns: [{ nullCount, validity, buffers }] }`.
//!
//! The table is moved into an Arrow record batch (`Table::into_arrow`: the
//! column vectors become the arrays' buffers, no copy), and each buffer
//! reaches JS as an external `ArrayBuffer` over that same memory, which the
//! `ArrayBuffer` keeps alive (it holds a reference to the Arrow buffer and
//! drops it when V8 collects it). So the columns outlive the report they
//! came from: `report.free()` drops the report, not the tables read from it.
//!
//! The schema (names, types, each field's `description`, the table's name as
//! `okrkit.table`) is the core's, as the bytes of an IPC stream holding only
//! the schema (`okrkit::table::arrow::schema_ipc`); buffers are in Arrow's
//! order for each type (a string column: offsets, then bytes), so a reader
//! puts them together knowing Arrow's layout and nothing of okrkit's columns
//! (`index.js`'s `toArrow` does, with apache-arrow's `makeData`). Those bytes
//! are written once per distinct schema and reused (a table's schema does not
//! depend on its rows): writing them was a tenth of a small table's hand-over.

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

/// The table's columns as Arrow buffers (see the [module docs](self)).
pub fn table_columns<'e>(env: &'e Env, table: Table) -> Body<Object<'e>> {
    let batch = table.into_arrow()?;
    let schema = schema_bytes(&batch.schema())?;
    let mut columns = Vec::with_capacity(batch.num_columns());
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
            Some(n) => Some(array_buffer(env, n.buffer())?),
            None => None,
        };
        let buffers = data
            .buffers()
            .iter()
            .map(|b| array_buffer(env, b))
            .collect::<Result<Vec<_>>>()?;
        let mut column = Object::new(env)?;
        column.set("nullCount", data.null_count() as f64)?;
        column.set("validity", validity)?;
        column.set("buffers", buffers)?;
        columns.push(column);
    }
    let mut out = Object::new(env)?;
    out.set("schema", Buffer::from(schema))?;
    out.set("numRows", batch.num_rows() as f64)?;
    out.set("columns", columns)?;
    Ok(out)
}
