//! A core table's Arrow buffers handed to JS without an IPC stream:
//! `{ schema, numRows, buffers, layout }` (README.md, "Arrow without the IPC
//! stream"; `ArrowColumns` in types.d.ts). Where each buffer goes is the
//! core's (`okrkit::table::buffers`); here the packed block becomes
//! `buffers[0]` and each other buffer an external `ArrayBuffer` over the
//! core's memory (zero-copy), kept alive until V8 collects it.

use crate::error::Body;
use napi::bindgen_prelude::*;
use okrkit::table::Table;
use okrkit::table::arrow::arrow_buffer::Buffer as ArrowBuffer;
use okrkit::table::buffers::{PACK_MAX, handover};

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
    // record batch the core moved the table into) is dropped before JS runs
    // again.
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

/// `PACK_MAX`, or in a build with the `test-hooks` feature the limit in
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

/// The table's columns as Arrow buffers (see the module docs).
pub fn table_columns<'e>(env: &'e Env, table: Table) -> Body<Object<'e>> {
    let h = handover(table, pack_max())?;
    let mut buffers = Vec::with_capacity(1 + h.external.len());
    // The packed block as a `Vec` that V8 owns from then on (no zero-filling
    // of what is copied over, as a new JS `ArrayBuffer` would).
    buffers.push(if h.packed.is_empty() {
        ArrayBuffer::copy_from(env, [])?
    } else {
        ArrayBuffer::from_data(env, h.packed)?
    });
    for buffer in &h.external {
        buffers.push(array_buffer(env, buffer)?);
    }
    let mut out = Object::new(env)?;
    out.set("schema", Buffer::from(h.schema))?;
    out.set("numRows", h.num_rows as f64)?;
    out.set("buffers", buffers)?;
    out.set("layout", Float64ArraySlice::copy_from(env, &h.layout)?)?;
    Ok(out)
}
