//! Text in Arrow's `Utf8View` layout, written while a table is built (feature
//! `arrow`): what a [`Texts`](super::Texts) built for Python's `to_polars`
//! holds instead of offsets.
//!
//! Each value is a 16-byte view: up to 12 bytes inside the view itself
//! (ids, codes, short names: no buffer at all), a longer value as its
//! length, first 4 bytes, buffer index and offset. A run of one value
//! ([`Views::push_run`]: an objective's cycle, team and title repeated on
//! each of its key results) writes the value's bytes once and repeats its
//! view. arrow-rs's own builder writes them, so the finished array needs no
//! second pass (no UTF-8 check, no view written from offsets): the values
//! came in as `&str`.

use arrow_array::StringViewArray;
use arrow_array::builder::{ArrayBuilder, StringViewBuilder};

/// Largest block of long values' bytes: a column that knows its bytes asks
/// for one block of that size, up to this (without a size, arrow-rs starts
/// at 8 KiB and doubles up to 2 MiB).
const MAX_BLOCK: usize = 16 << 20;

/// Smallest block: a column given too few bytes (or appended to later)
/// still fills blocks of at least this, never one buffer per value.
const MIN_BLOCK: usize = 8 << 10;

/// Longest value a view may hold: Arrow's view lengths are signed 32-bit
/// (and arrow-rs refuses a block past that). A longer value makes the caller
/// keep the column as offsets.
const MAX_VALUE: usize = i32::MAX as usize;

/// Longest value a view holds inside itself.
const INLINE: usize = 12;

/// Views of text values and the buffers of their long values.
pub(crate) struct Views {
    b: StringViewBuilder,
    /// Bytes written to the buffers (values over 12 bytes, a run's once).
    bytes: usize,
}

impl Views {
    /// No values; room for `values` views and `bytes` bytes of long values
    /// (the builders pass the exact count, so the block holds no spare room).
    pub(crate) fn with_capacity(values: usize, bytes: usize) -> Views {
        let b = StringViewBuilder::with_capacity(values);
        let b = match u32::try_from(bytes.clamp(MIN_BLOCK, MAX_BLOCK)) {
            Ok(block) if bytes > 0 => b.with_fixed_block_size(block),
            _ => b,
        };
        Views { b, bytes: 0 }
    }

    /// Appends `n` copies of `v` (None: nulls): the bytes once, the view `n`
    /// times. False, with nothing appended, for a value past 2 GiB (a view
    /// holds a signed 32-bit length): the caller keeps such a column as
    /// offsets.
    #[inline(always)]
    pub(crate) fn push_run(&mut self, v: Option<&str>, n: usize) -> bool {
        match v {
            None => {
                for _ in 0..n {
                    self.b.append_null();
                }
                true
            }
            Some(s) if s.len() > MAX_VALUE => false,
            Some(s) => {
                if n == 1 {
                    // One value (most columns) without the run's extra
                    // steps. The builder refuses only a length past 32
                    // bits (checked above) or a 2^32nd buffer (blocks are
                    // 8 KiB or more: 32 TiB of text), so this cannot panic;
                    // `try_append_value` would cost a call per value to
                    // drop its `Result`.
                    self.b.append_value(s);
                } else if self.b.try_append_value_n(s, n).is_err() {
                    return false;
                }
                if n > 0 && s.len() > INLINE {
                    self.bytes += s.len();
                }
                true
            }
        }
    }

    /// Value `i` of a non-null slot (None out of range).
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        if i >= self.b.len() {
            return None;
        }
        // Written from `&str` only: the check cannot fail (no unsafe code).
        std::str::from_utf8(self.b.get_value(i)).ok()
    }

    /// Appends `other`'s values as they are, its views (shared runs kept)
    /// and its buffers, when those hold a block's worth of bytes or more.
    /// False, with nothing appended, for a smaller `other`: its buffers would
    /// each become one of this column's (arrow-rs appends an array's buffers
    /// whole), so its values are better pushed one by one into this
    /// column's own block.
    pub(crate) fn append(&mut self, other: &Views) -> bool {
        if other.bytes < MIN_BLOCK {
            return false;
        }
        self.b.append_array(&other.b.finish_cloned());
        self.bytes += other.bytes;
        true
    }

    /// Bytes held in buffers (values over 12 bytes, a run's bytes once).
    pub(crate) fn bytes_len(&self) -> usize {
        self.bytes
    }

    /// The finished array, its views and buffers moved (nulls are the
    /// caller's bitmap, whose bits this builder's own equal).
    pub(crate) fn finish(mut self) -> StringViewArray {
        self.b.finish()
    }
}

impl Clone for Views {
    fn clone(&self) -> Views {
        let mut b = Views::with_capacity(self.b.len(), 0);
        b.b.append_array(&self.b.finish_cloned());
        b.bytes = self.bytes;
        b
    }
}

impl std::fmt::Debug for Views {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Views")
            .field("len", &self.b.len())
            .field("bytes", &self.bytes)
            .finish()
    }
}
