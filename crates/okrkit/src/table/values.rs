//! A column's values in Apache Arrow's layout: one buffer per column, not one
//! allocation per cell.
//!
//! * text ([`Texts`]): every value's UTF-8 bytes end to end in one buffer,
//!   `len + 1` offsets into it, and a validity bitmap — or, for a table
//!   built for polars ([`TextLayout::Views`]), Arrow's 16-byte views;
//! * numbers, booleans, dates and moments ([`Cells`]): one `Vec<T>` (a null
//!   slot holds `T::default()`) and a validity bitmap.
//!
//! Building a report table therefore allocates per column (the vectors grow
//! geometrically), and [`Table::into_arrow`](super::Table::into_arrow) hands
//! the vectors to Arrow without copying them. Readers go through `len`,
//! `get(i)` and `iter()`; the buffers themselves stay private.
//!
//! ```
//! use okrkit::table::{Cells, Texts};
//!
//! let t: Texts = ["kr1", "", "kr2"].iter().map(|s| (!s.is_empty()).then_some(*s)).collect();
//! assert_eq!(t.get(0), Some("kr1"));
//! assert_eq!(t.get(1), None);
//! assert_eq!(t.iter().collect::<Vec<_>>(), [Some("kr1"), None, Some("kr2")]);
//! let f: Cells<f64> = vec![Some(0.5), None].into();
//! assert_eq!((f.get(0), f.get(1), f.null_count()), (Some(0.5), None, 1));
//! ```

/// A bitmap, least significant bit first (Arrow's validity layout).
///
/// Most report columns have no null, so the bytes are written only from the
/// first unset bit on: while every bit is set, `bytes` stays empty and a push
/// only counts (the invariant: `bytes` is empty exactly when every bit is
/// set; otherwise it holds `len` bits, those past `len` zero).
#[derive(Debug, Clone, Default)]
pub(crate) struct Bits {
    bytes: Vec<u8>,
    len: usize,
    ones: usize,
}

impl PartialEq for Bits {
    fn eq(&self, other: &Bits) -> bool {
        self.len == other.len
            && self.ones == other.ones
            && (self.ones == self.len || self.bytes == other.bytes)
    }
}

impl Eq for Bits {}

impl Bits {
    fn with_capacity(_bits: usize) -> Bits {
        // Nothing to reserve until a bit is unset (see the type's doc).
        Bits::default()
    }

    /// The validity of an Arrow array: its bitmap's bytes copied as they
    /// are when it starts on a byte (the bits past the end cleared, as
    /// [`Bits::push`] leaves them), else read bit by bit; none when every
    /// value is valid.
    #[cfg(feature = "arrow")]
    fn from_nulls(nulls: &arrow_buffer::NullBuffer) -> Bits {
        let (len, ones) = (nulls.len(), nulls.len() - nulls.null_count());
        if ones == len {
            return Bits {
                bytes: Vec::new(),
                len,
                ones,
            };
        }
        let bits = nulls.inner();
        let start = bits.offset() / 8;
        let whole = bits.values().get(start..start + len.div_ceil(8));
        if let Some(whole) = whole.filter(|_| bits.offset().is_multiple_of(8)) {
            let mut bytes = whole.to_vec();
            if let Some(last) = bytes.last_mut().filter(|_| !len.is_multiple_of(8)) {
                *last &= (1u8 << (len % 8)) - 1;
            }
            return Bits { bytes, len, ones };
        }
        let mut b = Bits::default();
        nulls.iter().for_each(|v| b.push(v));
        b
    }

    /// The bits of `flags` (at most `n` of them), eight to a byte: one
    /// store per byte, not a test of the bitmap's state per bit; no bytes
    /// kept when every bit is set (the type's invariant).
    fn from_flags(flags: impl Iterator<Item = bool>, n: usize) -> Bits {
        let mut bytes = Vec::with_capacity(n.div_ceil(8));
        let (mut byte, mut len, mut ones) = (0u8, 0usize, 0usize);
        for bit in flags {
            byte |= u8::from(bit) << (len % 8);
            ones += usize::from(bit);
            len += 1;
            if len.is_multiple_of(8) {
                bytes.push(byte);
                byte = 0;
            }
        }
        if !len.is_multiple_of(8) {
            bytes.push(byte);
        }
        if ones == len {
            bytes = Vec::new();
        }
        Bits { bytes, len, ones }
    }

    /// Writes out the set bits so far (once, at the first unset bit).
    #[cold]
    fn materialize(&mut self) {
        let mut bytes = vec![u8::MAX; self.len / 8];
        if !self.len.is_multiple_of(8) {
            bytes.push((1u8 << (self.len % 8)) - 1);
        }
        self.bytes = bytes;
    }

    #[inline(always)]
    fn push(&mut self, bit: bool) {
        if bit && self.bytes.is_empty() {
            self.len += 1;
            self.ones += 1;
            return;
        }
        if self.bytes.is_empty() {
            self.materialize();
        }
        if self.len.is_multiple_of(8) {
            self.bytes.push(u8::from(bit));
        } else if bit && let Some(last) = self.bytes.last_mut() {
            *last |= 1 << (self.len % 8);
        }
        self.ones += usize::from(bit);
        self.len += 1;
    }

    /// Appends `n` copies of `bit`: whole bytes at a time once aligned.
    fn push_run(&mut self, bit: bool, n: usize) {
        if n == 0 {
            return;
        }
        if bit && self.bytes.is_empty() {
            self.len += n;
            self.ones += n;
            return;
        }
        let mut left = n;
        while left > 0 && !self.len.is_multiple_of(8) {
            self.push(bit);
            left -= 1;
        }
        if self.bytes.is_empty() {
            self.materialize();
        }
        let whole = left / 8;
        let byte = if bit { u8::MAX } else { 0 };
        self.bytes.resize(self.bytes.len() + whole, byte);
        self.len += whole * 8;
        if bit {
            self.ones += whole * 8;
        }
        for _ in 0..left % 8 {
            self.push(bit);
        }
    }

    fn get(&self, i: usize) -> bool {
        i < self.len
            && (self.bytes.is_empty()
                || self
                    .bytes
                    .get(i / 8)
                    .is_some_and(|b| b & (1 << (i % 8)) != 0))
    }

    fn extend(&mut self, other: &Bits) {
        if other.bytes.is_empty() {
            self.push_run(true, other.len);
        } else if self.len.is_multiple_of(8) && !self.bytes.is_empty() {
            // Byte-aligned: the other bitmap's bytes as they are.
            self.bytes.extend_from_slice(&other.bytes);
            self.len += other.len;
            self.ones += other.ones;
        } else {
            for i in 0..other.len {
                self.push(other.get(i));
            }
        }
    }

    /// Whether every bit is set (a column without nulls).
    #[cfg(feature = "arrow")]
    pub(crate) fn all_set(&self) -> bool {
        self.ones == self.len
    }

    /// The bitmap's bytes (bits past `len` are zero) and its length in bits.
    #[cfg(feature = "arrow")]
    pub(crate) fn into_parts(mut self) -> (Vec<u8>, usize) {
        if self.bytes.is_empty() {
            self.materialize();
        }
        (self.bytes, self.len)
    }
}

/// Values of a fixed-size type with their validity: `f64`, `i64`, `bool`,
/// dates as `i32` days since 1970-01-01 (Arrow's `Date32`) and moments.
#[derive(Debug, Clone, PartialEq)]
pub struct Cells<T> {
    data: Vec<T>,
    valid: Bits,
}

impl<T> Default for Cells<T> {
    fn default() -> Self {
        Cells {
            data: Vec::new(),
            valid: Bits::default(),
        }
    }
}

impl<T: Copy + Default> Cells<T> {
    /// No values, room for `capacity`.
    pub fn with_capacity(capacity: usize) -> Self {
        Cells {
            data: Vec::with_capacity(capacity),
            valid: Bits::with_capacity(capacity),
        }
    }

    /// Appends a value (None: null).
    #[inline(always)]
    pub fn push(&mut self, v: Option<T>) {
        self.valid.push(v.is_some());
        self.data.push(v.unwrap_or_default());
    }

    /// Appends `n` copies of `v` (None: `n` nulls).
    pub fn push_run(&mut self, v: Option<T>, n: usize) {
        self.valid.push_run(v.is_some(), n);
        self.data.resize(self.data.len() + n, v.unwrap_or_default());
    }

    /// `K` columns of the same rows that are null together (each row's `K`
    /// values, or None), filled in one pass: one validity bitmap, copied
    /// into each column.
    pub(crate) fn together<const K: usize>(
        n: usize,
        rows: impl Iterator<Item = Option<[T; K]>>,
    ) -> [Self; K] {
        let mut data: [Vec<T>; K] = std::array::from_fn(|_| Vec::with_capacity(n));
        let mut valid = Bits::with_capacity(n);
        for row in rows {
            valid.push(row.is_some());
            for (d, v) in data.iter_mut().zip(row.unwrap_or([T::default(); K])) {
                d.push(v);
            }
        }
        data.map(|data| Cells {
            data,
            valid: valid.clone(),
        })
    }

    /// The values of `data` where `valid` says so, null elsewhere: the
    /// buffer moved in as it is (one copy of a column a caller already holds
    /// instead of a push per value). A null slot must already hold
    /// `T::default()` (tables compare buffers); `valid` gives one flag per
    /// value (a shorter one leaves the rest null, a longer one is cut).
    pub(crate) fn from_valid(data: Vec<T>, valid: impl Iterator<Item = bool>) -> Self {
        let mut bits = Bits::from_flags(valid.take(data.len()), data.len());
        bits.push_run(false, data.len() - bits.len);
        Cells { data, valid: bits }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Value `i` (None when null or out of range).
    pub fn get(&self, i: usize) -> Option<T> {
        if self.valid.get(i) {
            self.data.get(i).copied()
        } else {
            None
        }
    }

    /// Number of nulls.
    pub fn null_count(&self) -> usize {
        self.valid.len - self.valid.ones
    }

    /// Every value in order (None for nulls).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<T>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Appends `other`'s values.
    pub fn extend(&mut self, other: &Cells<T>) {
        self.data.extend_from_slice(&other.data);
        self.valid.extend(&other.valid);
    }

    /// The values (a null slot holds `T::default()`) and the validity bitmap.
    #[cfg(feature = "arrow")]
    pub(crate) fn into_parts(self) -> (Vec<T>, Bits) {
        (self.data, self.valid)
    }

    /// The values' buffer (a null slot holds `T::default()`).
    #[cfg(all(test, feature = "arrow"))]
    pub(crate) fn data(&self) -> &[T] {
        &self.data
    }
}

impl Cells<f64> {
    /// Turns every `-0.0` into `0.0` (`x + 0.0`; other values, NaN included,
    /// unchanged): the README's rule that no report or table holds `-0.0`,
    /// applied once where a core table is finished.
    pub(crate) fn zero_without_sign(&mut self) {
        for x in &mut self.data {
            *x += 0.0;
        }
    }
}

impl<T: Copy + Default> FromIterator<Option<T>> for Cells<T> {
    fn from_iter<I: IntoIterator<Item = Option<T>>>(it: I) -> Self {
        let it = it.into_iter();
        let mut c = Cells::with_capacity(it.size_hint().0);
        for v in it {
            c.push(v);
        }
        c
    }
}

impl<T: Copy + Default> From<Vec<Option<T>>> for Cells<T> {
    fn from(v: Vec<Option<T>>) -> Self {
        v.into_iter().collect()
    }
}

/// Where each text value ends in the byte buffer; 32-bit (Arrow's `Utf8`)
/// until a column holds more than 2 GiB of text, 64-bit (`LargeUtf8`) after.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Offsets {
    Small(Vec<i32>),
    Large(Vec<i64>),
}

/// How a [`Texts`] column holds its values: Arrow's `Utf8` layout (every
/// value's bytes end to end, offsets into them), or `Utf8View` (a 16-byte
/// view per value, bytes of values over 12 bytes in buffers, a run's bytes
/// once; feature `arrow`). Readers see the same values either way; views are
/// what polars holds, so a table built with them reaches polars with no
/// conversion (see [`select::progress_in`](super::select::progress_in)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextLayout {
    /// `Utf8` (`LargeUtf8` past 2 GiB): what CSV, rows, pandas and Node read.
    #[default]
    Offsets,
    /// `Utf8View`; without the `arrow` feature, the same as `Offsets`.
    Views,
}

/// Where a [`Texts`] keeps its values.
#[derive(Debug, Clone)]
enum Store {
    /// Arrow's `Utf8`: the bytes end to end and where each value ends.
    Offsets { bytes: String, offsets: Offsets },
    /// Arrow's `Utf8View` (boxed: the builder is large, and every column,
    /// numbers included, would carry its size).
    #[cfg(feature = "arrow")]
    Views(Box<super::views::Views>),
    /// A finished `Utf8View` array whose text buffers are shared (gathered
    /// from an org's cached text columns, see `shared_text`); appending to
    /// it moves the values to offsets first. Boxed, as `Views` is.
    #[cfg(feature = "arrow")]
    Shared(Box<arrow_array::StringViewArray>),
    /// A finished `Utf8` array whose buffers are shared (an org's cached
    /// objective text columns, see [`Texts::into_shared`]): a clone is a
    /// reference count, not a copy of the text. Appending to it moves the
    /// values to offsets first. Boxed, as `Views` is.
    #[cfg(feature = "arrow")]
    Utf8(Box<arrow_array::StringArray>),
}

/// Text values with their validity: Arrow's `Utf8` layout (UTF-8 bytes end
/// to end and offsets; `LargeUtf8` past 2 GiB of text in one column), or
/// its `Utf8View` layout when built with [`TextLayout::Views`]. Two columns
/// are equal when they hold the same values, whatever their layout or
/// offsets' width.
#[derive(Debug, Clone)]
pub struct Texts {
    store: Store,
    valid: Bits,
    /// Bytes the 32-bit offsets may address (`i32::MAX`; lower in tests).
    small_limit: usize,
}

impl Default for Texts {
    fn default() -> Self {
        Texts::with_capacity(0, 0)
    }
}

impl Texts {
    /// No values; room for `values` of `bytes` bytes in all.
    pub fn with_capacity(values: usize, bytes: usize) -> Texts {
        let mut offsets = Vec::with_capacity(values + 1);
        offsets.push(0);
        Texts {
            store: Store::Offsets {
                bytes: String::with_capacity(bytes),
                offsets: Offsets::Small(offsets),
            },
            valid: Bits::with_capacity(values),
            small_limit: i32::MAX as usize,
        }
    }

    /// No values, in `layout`; room for `values` of at most `bytes` bytes.
    ///
    /// ```
    /// use okrkit::table::{TextLayout, Texts};
    ///
    /// let mut t = Texts::with_layout(TextLayout::Views, 3, 64);
    /// t.push_run(Some("Objective: a world-class checkout"), 2);
    /// t.push(None);
    /// let offsets: Texts = [Some("Objective: a world-class checkout"); 2]
    ///     .into_iter().chain([None]).collect();
    /// assert_eq!(t, offsets, "the same values, whatever the layout");
    /// ```
    pub fn with_layout(layout: TextLayout, values: usize, bytes: usize) -> Texts {
        match layout {
            #[cfg(feature = "arrow")]
            TextLayout::Views => Texts {
                store: Store::Views(Box::new(super::views::Views::with_capacity(values, bytes))),
                valid: Bits::with_capacity(values),
                small_limit: i32::MAX as usize,
            },
            _ => Texts::with_capacity(values, bytes),
        }
    }

    /// A column holding a finished `Utf8View` array as it is (its views and
    /// buffers shared, not copied); its validity read from the array's.
    #[cfg(feature = "arrow")]
    pub(crate) fn from_views(a: arrow_array::StringViewArray) -> Texts {
        use arrow_array::Array;
        let valid = match a.nulls() {
            Some(nulls) => Bits::from_nulls(nulls),
            None => {
                let mut valid = Bits::with_capacity(a.len());
                valid.push_run(true, a.len());
                valid
            }
        };
        Texts {
            store: Store::Shared(Box::new(a)),
            valid,
            small_limit: i32::MAX as usize,
        }
    }

    /// The column as a finished `Utf8` array, so that a clone shares its
    /// buffers (a column an org caches and hands to every table that holds
    /// it: a reference count per table, not a copy of the text). Its values
    /// are unchanged. The array is built from a copy, once, so that a
    /// column Arrow would refuse (none that `push` builds) stays as it is,
    /// as does any column not in 32-bit offsets (views, or past 2 GiB).
    #[cfg(feature = "arrow")]
    pub(crate) fn into_shared(self) -> Texts {
        let Store::Offsets {
            bytes,
            offsets: Offsets::Small(ends),
        } = &self.store
        else {
            return self;
        };
        match super::arrow::utf8(bytes.as_bytes(), ends, &self.valid) {
            Some(a) => Texts {
                store: Store::Utf8(Box::new(a)),
                ..self
            },
            None => self,
        }
    }

    /// The layout the values are held in.
    pub fn layout(&self) -> TextLayout {
        match self.store {
            Store::Offsets { .. } => TextLayout::Offsets,
            #[cfg(feature = "arrow")]
            Store::Utf8(_) => TextLayout::Offsets,
            #[cfg(feature = "arrow")]
            Store::Views(_) | Store::Shared(_) => TextLayout::Views,
        }
    }

    /// Appends a value (None: null). Copies the bytes into the column's
    /// buffer (with views, only a value over 12 bytes): no allocation of its
    /// own.
    #[inline(always)]
    pub fn push(&mut self, v: Option<&str>) {
        match &mut self.store {
            Store::Offsets { bytes, offsets } => {
                if let Some(s) = v {
                    bytes.push_str(s);
                }
                self.valid.push(v.is_some());
                push_end(offsets, bytes.len(), self.small_limit);
            }
            #[cfg(feature = "arrow")]
            Store::Views(views) => {
                if views.push_run(v, 1) {
                    self.valid.push(v.is_some());
                } else {
                    self.switch_to_offsets().push(v);
                }
            }
            #[cfg(feature = "arrow")]
            Store::Shared(_) | Store::Utf8(_) => self.switch_to_offsets().push(v),
        }
    }

    /// Appends `n` copies of `v` (None: `n` nulls): one validity run and,
    /// with the bytes reserved once, `n` copies of the text (with views, the
    /// bytes once and `n` copies of the view).
    pub fn push_run(&mut self, v: Option<&str>, n: usize) {
        let small_limit = self.small_limit;
        let (bytes, offsets) = match &mut self.store {
            Store::Offsets { bytes, offsets } => (bytes, offsets),
            #[cfg(feature = "arrow")]
            Store::Views(views) => {
                if views.push_run(v, n) {
                    self.valid.push_run(v.is_some(), n);
                } else {
                    self.switch_to_offsets().push_run(v, n);
                }
                return;
            }
            #[cfg(feature = "arrow")]
            Store::Shared(_) | Store::Utf8(_) => {
                self.switch_to_offsets().push_run(v, n);
                return;
            }
        };
        self.valid.push_run(v.is_some(), n);
        let s = v.unwrap_or_default();
        let start = bytes.len();
        bytes.reserve(s.len().saturating_mul(n));
        for _ in 0..n {
            bytes.push_str(s);
        }
        match offsets {
            // Every end fits in 32 bits: the ends in one extend.
            Offsets::Small(o) if bytes.len() <= small_limit => {
                // ends <= bytes.len() <= small_limit <= i32::MAX.
                o.extend((1..n + 1).map(|i| (start + i * s.len()) as i32));
            }
            _ => {
                for i in 1..=n {
                    push_end(offsets, start + i * s.len(), small_limit);
                }
            }
        }
    }

    /// The column in the offsets layout, held by itself, from now on (a
    /// value a view cannot hold: past 4 GiB; or a value appended to a shared
    /// column). Every value is kept.
    #[cfg(feature = "arrow")]
    #[cold]
    fn switch_to_offsets(&mut self) -> &mut Texts {
        if !matches!(self.store, Store::Offsets { .. }) {
            let mut t = Texts::with_capacity(self.len(), 0);
            t.small_limit = self.small_limit;
            t.extend(self);
            *self = t;
        }
        self
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.valid.len
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of nulls.
    pub fn null_count(&self) -> usize {
        self.valid.len - self.valid.ones
    }

    /// Value `i` (None when null or out of range).
    pub fn get(&self, i: usize) -> Option<&str> {
        if !self.valid.get(i) {
            return None;
        }
        match &self.store {
            Store::Offsets { bytes, offsets } => {
                let (a, b) = match offsets {
                    Offsets::Small(o) => (*o.get(i)? as usize, *o.get(i + 1)? as usize),
                    Offsets::Large(o) => (*o.get(i)? as usize, *o.get(i + 1)? as usize),
                };
                bytes.get(a..b)
            }
            #[cfg(feature = "arrow")]
            Store::Views(views) => views.get(i),
            #[cfg(feature = "arrow")]
            Store::Shared(a) => (i < arrow_array::Array::len(&**a)).then(|| a.value(i)),
            #[cfg(feature = "arrow")]
            Store::Utf8(a) => (i < arrow_array::Array::len(&**a)).then(|| a.value(i)),
        }
    }

    /// Every value in order (None for nulls).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Total bytes of text held (with views: in buffers, values over 12
    /// bytes only, a run's bytes once).
    pub fn bytes_len(&self) -> usize {
        match &self.store {
            Store::Offsets { bytes, .. } => bytes.len(),
            #[cfg(feature = "arrow")]
            Store::Views(views) => views.bytes_len(),
            #[cfg(feature = "arrow")]
            // The bytes its views point to (values over 12 bytes), not the
            // whole of the buffers they share with the org's other tables.
            Store::Shared(a) => a.total_buffer_bytes_used(),
            #[cfg(feature = "arrow")]
            Store::Utf8(a) => a.value_data().len(),
        }
    }

    /// Appends `other`'s values.
    // `mine.append` needs `mine` mutably, which a match guard cannot borrow.
    #[allow(clippy::collapsible_match)]
    pub fn extend(&mut self, other: &Texts) {
        match (&mut self.store, &other.store) {
            (Store::Offsets { bytes, .. }, _) => bytes.reserve(other.bytes_len()),
            // Views into views: a large column's views and buffers as they
            // are (a run's bytes stay shared), not one value at a time.
            #[cfg(feature = "arrow")]
            (Store::Views(mine), Store::Views(theirs)) => {
                if mine.append(theirs) {
                    for i in 0..other.len() {
                        self.valid.push(other.valid.get(i));
                    }
                    return;
                }
            }
            #[cfg(feature = "arrow")]
            _ => {}
        }
        for v in other.iter() {
            self.push(v);
        }
    }

    /// The column's parts in Arrow's layouts: the bytes, offsets and
    /// validity bitmap, or the finished views (whose nulls are the bitmap's).
    #[cfg(feature = "arrow")]
    pub(crate) fn into_parts(self) -> Parts {
        match self.store {
            Store::Offsets { bytes, offsets } => {
                Parts::Offsets(bytes.into_bytes(), offsets, self.valid)
            }
            Store::Views(views) => Parts::Views((*views).finish()),
            Store::Shared(a) => Parts::Views(*a),
            Store::Utf8(a) => Parts::Utf8(*a),
        }
    }

    /// The byte buffer's address (tests that Arrow shares it).
    #[cfg(all(test, feature = "arrow"))]
    pub(crate) fn bytes_ptr(&self) -> *const u8 {
        match &self.store {
            Store::Offsets { bytes, .. } => bytes.as_ptr(),
            Store::Utf8(a) => a.value_data().as_ptr(),
            Store::Views(_) | Store::Shared(_) => std::ptr::null(),
        }
    }

    /// A column whose 32-bit offsets end at `limit` bytes (tests of the
    /// 64-bit switch without 2 GiB of text).
    #[cfg(test)]
    pub(crate) fn with_small_limit(limit: usize) -> Texts {
        Texts {
            small_limit: limit,
            ..Texts::default()
        }
    }

    #[cfg(test)]
    pub(crate) fn is_large(&self) -> bool {
        matches!(
            self.store,
            Store::Offsets {
                offsets: Offsets::Large(_),
                ..
            }
        )
    }
}

/// Records in `offsets` where the value just appended ends (`end`), as
/// 32-bit offsets while `end` is within `small_limit`.
#[inline(always)]
fn push_end(offsets: &mut Offsets, end: usize, small_limit: usize) {
    if let Offsets::Small(o) = offsets
        && end <= small_limit
    {
        // end <= small_limit <= i32::MAX: the cast keeps the value.
        o.push(end as i32);
        return;
    }
    push_end_slow(offsets, end);
}

/// The offset of a value past the 32-bit limit, or in a 64-bit column.
#[cold]
fn push_end_slow(offsets: &mut Offsets, end: usize) {
    match offsets {
        Offsets::Small(o) => {
            let mut large: Vec<i64> = o.iter().map(|&x| i64::from(x)).collect();
            large.push(end as i64);
            *offsets = Offsets::Large(large);
        }
        Offsets::Large(o) => o.push(end as i64),
    }
}

/// A text column's parts as Arrow takes them ([`Texts::into_parts`]).
#[cfg(feature = "arrow")]
pub(crate) enum Parts {
    /// The bytes, where each value ends, and the validity bitmap.
    Offsets(Vec<u8>, Offsets, Bits),
    /// The finished `Utf8View` array.
    Views(arrow_array::StringViewArray),
    /// A finished `Utf8` array (its buffers shared).
    Utf8(arrow_array::StringArray),
}

impl PartialEq for Texts {
    fn eq(&self, other: &Texts) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<'a> FromIterator<Option<&'a str>> for Texts {
    fn from_iter<I: IntoIterator<Item = Option<&'a str>>>(it: I) -> Self {
        let it = it.into_iter();
        let mut t = Texts::with_capacity(it.size_hint().0, 0);
        for v in it {
            t.push(v);
        }
        t
    }
}

impl From<Vec<Option<String>>> for Texts {
    fn from(v: Vec<Option<String>>) -> Self {
        v.iter().map(Option::as_deref).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cells_together_share_their_nulls_and_hold_the_default_there() {
        let rows = (0..20).map(|i| (i % 9 != 4).then_some([i, -i]));
        let [a, b] = Cells::<i64>::together(20, rows);
        let want = |sign: i64| (0..20).map(move |i| (i % 9 != 4).then_some(sign * i));
        assert_eq!(a, want(1).collect::<Cells<i64>>());
        assert_eq!(b, want(-1).collect::<Cells<i64>>());
        assert_eq!((a.null_count(), b.null_count()), (2, 2));
        let [all] = Cells::<f64>::together(3, [Some([1.0]); 3].into_iter());
        assert_eq!(all, vec![Some(1.0); 3].into());
    }

    #[test]
    fn text_switches_to_64_bit_offsets_without_losing_a_value() {
        let mut t = Texts::with_small_limit(8);
        t.push(Some("abcd"));
        t.push(None);
        assert!(!t.is_large());
        t.push(Some("efghij"));
        assert!(t.is_large(), "10 bytes > the 8-byte limit");
        t.push(Some(""));
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            [Some("abcd"), None, Some("efghij"), Some("")]
        );
    }

    #[test]
    fn out_of_range_is_none() {
        let t: Texts = [Some("a")].into_iter().collect();
        assert_eq!(t.get(1), None);
        let c: Cells<i64> = vec![Some(1)].into();
        assert_eq!(c.get(7), None);
    }

    proptest! {
        /// A column made of a buffer and its flags (`from_valid`, eight
        /// bits to a byte) equals one pushed value by value, whatever the
        /// flags, a shorter list of flags (the rest null) or a longer one.
        #[test]
        fn from_valid_equals_pushing_each_value(
            flags in proptest::collection::vec(any::<bool>(), 0..40),
            extra in 0..12usize,
            cut in 0..12usize,
        ) {
            let n = (flags.len() + extra).saturating_sub(cut);
            let want: Cells<i64> = (0..n)
                .map(|i| flags.get(i).copied().unwrap_or(false).then_some(i as i64))
                .collect();
            let data: Vec<i64> = want.iter().map(Option::unwrap_or_default).collect();
            let got = Cells::from_valid(data, flags.iter().copied());
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(got.null_count(), want.null_count());
            prop_assert_eq!(got.valid.bytes.is_empty(), want.valid.bytes.is_empty());
            let mut both = got.clone();
            both.push(None);
            let mut again = want.clone();
            again.push(None);
            prop_assert_eq!(both, again);
        }

        /// Whatever the values, nulls and empty strings, the columns read back
        /// what was pushed, and appending equals pushing one after the other.
        #[test]
        fn columns_read_back_what_was_pushed(
            a in proptest::collection::vec(proptest::option::of(".{0,6}"), 0..40),
            b in proptest::collection::vec(proptest::option::of(".{0,6}"), 0..40),
            n in proptest::collection::vec(proptest::option::of(any::<i64>()), 0..40),
            m in proptest::collection::vec(proptest::option::of(any::<i64>()), 0..40),
        ) {
            let mut t: Texts = a.iter().map(Option::as_deref).collect();
            prop_assert_eq!(t.iter().map(|x| x.map(str::to_owned)).collect::<Vec<_>>(), a.clone());
            t.extend(&b.iter().map(Option::as_deref).collect());
            let all: Vec<_> = a.iter().chain(&b).cloned().collect();
            prop_assert_eq!(t.iter().map(|x| x.map(str::to_owned)).collect::<Vec<_>>(), all.clone());
            prop_assert_eq!(t.null_count(), all.iter().filter(|x| x.is_none()).count());
            let mut c: Cells<i64> = n.clone().into();
            c.extend(&m.clone().into());
            let all: Vec<_> = n.iter().chain(&m).copied().collect();
            prop_assert_eq!(c.iter().collect::<Vec<_>>(), all.clone());
            prop_assert_eq!(c.null_count(), all.iter().filter(|x| x.is_none()).count());
        }

        /// Runs (`push_run`) hold exactly what pushing each copy holds: the
        /// values, the nulls, the bitmap whether or not a null came yet, and
        /// the switch to 64-bit offsets (limit lowered to 12 bytes).
        #[test]
        fn runs_equal_pushing_each_copy(
            runs in proptest::collection::vec((proptest::option::of(".{0,4}"), 0..20usize), 0..12),
            small in any::<bool>(),
        ) {
            let new = || if small { Texts::with_small_limit(12) } else { Texts::default() };
            let (mut by_run, mut by_one) = (new(), new());
            let (mut c_run, mut c_one) = (Cells::<i64>::default(), Cells::<i64>::default());
            let mut want = Vec::new();
            for (v, n) in &runs {
                by_run.push_run(v.as_deref(), *n);
                c_run.push_run(v.as_ref().map(|s| s.len() as i64), *n);
                for _ in 0..*n {
                    by_one.push(v.as_deref());
                    c_one.push(v.as_ref().map(|s| s.len() as i64));
                    want.push(v.clone());
                }
            }
            prop_assert_eq!(by_run.iter().map(|x| x.map(str::to_owned)).collect::<Vec<_>>(), want.clone());
            prop_assert_eq!(&by_run, &by_one);
            prop_assert_eq!(by_run.is_large(), by_one.is_large());
            prop_assert_eq!(by_run.null_count(), want.iter().filter(|x| x.is_none()).count());
            prop_assert_eq!(&c_run, &c_one);
            prop_assert_eq!(c_run.iter().collect::<Vec<_>>(), c_one.iter().collect::<Vec<_>>());
            prop_assert_eq!(c_run.null_count(), c_one.null_count());
        }
    }

    #[cfg(feature = "arrow")]
    proptest! {
        /// A column built as views holds what one built with offsets holds,
        /// pushed one by one or as runs, empty strings, nulls, short (inline)
        /// and long values alike; a run's bytes are kept once; a views
        /// column appended to an offsets one (and back) keeps every value.
        #[test]
        fn views_hold_what_offsets_hold(
            // Any text, values at the 12/13-byte edge of a view, and
            // multi-byte characters crossing the view's 4-byte prefix and
            // its 12-byte inline limit.
            runs in proptest::collection::vec((
                proptest::option::of(proptest::prop_oneof![".{0,20}", "[a-z]{11,14}", "[éü€]{2,8}", "a[é€]{4,6}"]),
                0..6usize,
            ), 0..16),
        ) {
            let mut views = Texts::with_layout(TextLayout::Views, 0, 0);
            let mut offsets = Texts::default();
            let mut once = 0;
            for (i, (v, n)) in runs.iter().enumerate() {
                if i % 2 == 0 {
                    views.push_run(v.as_deref(), *n);
                } else {
                    for _ in 0..*n {
                        views.push(v.as_deref());
                    }
                }
                offsets.push_run(v.as_deref(), *n);
                let long = v.as_ref().map_or(0, |s| if s.len() > 12 { s.len() } else { 0 });
                once += if i % 2 == 0 { long * usize::from(*n > 0) } else { long * n };
            }
            prop_assert_eq!(views.layout(), TextLayout::Views);
            prop_assert_eq!(&views, &offsets);
            prop_assert_eq!(views.null_count(), offsets.null_count());
            prop_assert_eq!(views.bytes_len(), once);
            prop_assert_eq!(views.get(views.len()), None);
            let copy = views.clone();
            prop_assert_eq!(&copy, &offsets);
            let mut both = offsets.clone();
            both.extend(&views);
            let mut back = Texts::with_layout(TextLayout::Views, 0, 0);
            back.extend(&offsets);
            back.extend(&copy);
            prop_assert_eq!(&both, &back);
        }
    }

    /// Views appended to views keep their runs shared and fill blocks: a
    /// column built for one long value then given a thousand more holds a
    /// few buffers, not one per value.
    #[cfg(feature = "arrow")]
    #[test]
    fn appended_views_fill_blocks() {
        use arrow_array::Array;
        let mut column = Texts::with_layout(TextLayout::Views, 1, 13);
        column.push(Some("thirteen char"));
        for i in 0..1000 {
            let mut more = Texts::with_layout(TextLayout::Views, 1, 0);
            more.push(Some(&format!("a longer value number {i}")));
            column.extend(&more);
            column.push(Some(&format!("another long value {i}")));
        }
        // A large column appended keeps its runs' bytes shared.
        let title = "a title shared by five key results ".repeat(300);
        let mut run = Texts::with_layout(TextLayout::Views, 5, title.len());
        run.push_run(Some(&title), 5);
        let before = column.bytes_len();
        column.extend(&run);
        assert_eq!(
            column.bytes_len(),
            before + title.len(),
            "the run's bytes once"
        );
        assert_eq!(column.len(), 2006);
        assert_eq!(column.get(2005), Some(title.as_str()));
        let Parts::Views(a) = column.clone().into_parts() else {
            panic!("views")
        };
        assert!(
            a.data_buffers().len() <= 16,
            "{} buffers",
            a.data_buffers().len()
        );
        // As `Utf8` (what Node and pandas read), the same values.
        let t: Vec<Option<String>> = column.iter().map(|v| v.map(str::to_owned)).collect();
        let batch = super::super::arrow::texts_as_utf8_for_tests(column);
        assert_eq!(batch, t);
        let _ = a.len();
    }

    /// A column's size does not grow with the views builder (boxed): every
    /// table holds many columns, numbers included.
    #[test]
    fn a_column_stays_small() {
        // 104 bytes without the views layout; 264 when it held the builder inline.
        let size = std::mem::size_of::<super::super::Values>();
        assert!(size <= 104, "{size} bytes");
    }

    /// The bitmap is written out at the first null with every earlier bit
    /// set, and reads back the same either way.
    #[test]
    fn bitmap_written_at_the_first_null_keeps_earlier_bits() {
        let mut b = Bits::default();
        b.push_run(true, 11);
        assert!(b.bytes.is_empty(), "no bytes while every bit is set");
        b.push(false);
        b.push(true);
        assert_eq!(b.bytes, [0xFF, 0b0001_0111]);
        assert_eq!((b.len, b.ones), (13, 12));
        assert!((0..13).all(|i| b.get(i) == (i != 11)));
        assert!(!b.get(13));
        let mut all = Bits::default();
        all.push_run(true, 3);
        let mut some = Bits::default();
        some.push(false);
        some.extend(&all);
        assert_eq!(some.bytes, [0b0000_1110]);
    }

    /// An Arrow validity bitmap copied whole (byte-aligned, trailing bits
    /// set in the buffer) or read bit by bit (a slice off a byte) gives
    /// the bits pushing each value gives.
    #[cfg(feature = "arrow")]
    #[test]
    fn arrow_validity_reads_as_pushed() {
        let valid: Vec<bool> = (0..70).map(|i| i % 3 != 0 || i == 69).collect();
        let nulls = arrow_buffer::NullBuffer::from(valid.clone());
        for (start, len) in [(0, 70), (0, 13), (8, 61), (3, 40), (5, 0), (1, 2)] {
            let slice = nulls.slice(start, len);
            let mut want = Bits::default();
            valid[start..start + len].iter().for_each(|&v| want.push(v));
            let got = Bits::from_nulls(&slice);
            assert_eq!((got.len, got.ones), (want.len, want.ones), "{start}+{len}");
            assert_eq!(got, want, "{start}+{len}");
            assert!(
                got.ones == got.len || got.bytes == want.bytes,
                "{start}+{len}"
            );
        }
    }
}
