//! A report table's Arrow columns as pandas reads them (feature `pandas`).
//!
//! pandas' `string[pyarrow]` dtype holds text as Arrow `Utf8` (pandas 1.3 to
//! 2.1) or `LargeUtf8` (pandas 2.2 on), and `datetime64[ns]` holds
//! nanoseconds; the core's batches ([`super::arrow`]) hold text as `Utf8` or
//! `Utf8View`, dates as `Date32` and moments as microseconds, and `float64`
//! holds a null as NaN. [`pandas_batch`] converts those columns so that
//! pyarrow's `to_pandas` builds each one without a Python object per cell
//! and copies each number column as it is; the others are shared as they are.
//!
//! ```
//! use okrkit::{Org, ProgressOptions, table};
//! use okrkit::table::arrow::arrow_schema::{DataType, TimeUnit};
//!
//! let org = Org::from_json(r#"{
//!   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "web", "name": "Web"}],
//!   "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
//!     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
//!       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
//! }"#)?;
//! let report = org.progress(&ProgressOptions::default())?;
//! let batch = table::progress::cycles(&org, &report).into_arrow_views()?;
//! let pandas = table::pandas::pandas_batch(&batch, true)?;
//! let schema = pandas.schema();
//! assert_eq!(schema.field_with_name("cycle")?.data_type(), &DataType::LargeUtf8);
//! assert_eq!(
//!     schema.field_with_name("start")?.data_type(),
//!     &DataType::Timestamp(TimeUnit::Nanosecond, None)
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::Arc;

use arrow_array::types::{TimestampMicrosecondType, TimestampNanosecondType};
use arrow_array::{
    Array, ArrayRef, Date32Array, Float64Array, GenericStringArray, OffsetSizeTrait,
    PrimitiveArray, RecordBatch, RecordBatchOptions, StringViewArray,
};
use arrow_buffer::{Buffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Schema, TimeUnit};

use super::SharedText;
use super::arrow::{arrow_array, arrow_buffer, arrow_schema};
use crate::{Error, Org, ProblemCode, Result};

const NS_PER_DAY: i64 = 86_400_000_000_000;

/// `batch` as pandas reads it without a Python object per cell: text as
/// `LargeUtf8` (`Utf8` when `large` is false), the string array pandas'
/// `string[pyarrow]` holds (an `Utf8` column's bytes shared, its offsets
/// widened; a `Utf8View` column's values copied once into one buffer);
/// dates and moments as nanosecond timestamps, what `datetime64[ns]` holds;
/// a float column's nulls as NaN (a copy of the column without a validity
/// bitmap), what `float64` holds. A date or moment beyond that range (before 1677-09-22 or after
/// 2262-04-11) is refused ([`Error::InvalidArgument`], code
/// `invalid_value`, path the column's name), never wrapped; its message
/// points to `to_polars()` or `pyarrow.table()`, the Python binding's way
/// round (pandas is a Python library: that binding is this module's user).
pub fn pandas_batch(batch: &RecordBatch, large: bool) -> Result<RecordBatch> {
    convert(batch, large, None)
}

/// [`pandas_batch`] of a table of a report on `org`: a text column that is
/// one of the org's cached text columns whole (a report of the whole org:
/// its ids, titles, kinds, units) is written out as `LargeUtf8` once per
/// org, on its first frame, and every later frame shares that array
/// ([`Org::text_columns_memory`] counts it). Any other column is converted
/// as [`pandas_batch`] converts it. The cache is never built here: only a
/// table in the views layout builds it.
///
/// ```
/// use okrkit::table::{from_columns, pandas, TextLayout};
/// use okrkit::table::arrow::arrow_array::{Array, RecordBatch};
///
/// let org = okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "A world-class checkout", "team": "web",
///     "cycle": "q1", "key_results": [{"id": "kr1", "title": "Conversion from 50% to 65%",
///       "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56}}]}]
/// }"#)?;
/// let columns = org.progress_columns(&Default::default())?;
/// let frame = || -> okrkit::Result<RecordBatch> {
///     let t = from_columns::key_results(&columns, TextLayout::Views);
///     pandas::pandas_batch_of(&org, &t.into_arrow_views()?, true)
/// };
/// let (a, b) = (frame()?, frame()?);
/// let title = |b: &RecordBatch| b.column_by_name("title").map(|c| c.to_data().buffers()[1].as_ptr());
/// assert_eq!(title(&a), title(&b), "one LargeUtf8 title column, shared");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn pandas_batch_of(org: &Org, batch: &RecordBatch, large: bool) -> Result<RecordBatch> {
    convert(batch, large, org.built_text_columns())
}

fn convert(batch: &RecordBatch, large: bool, cache: Option<&SharedText>) -> Result<RecordBatch> {
    let schema = batch.schema();
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut arrays = Vec::with_capacity(batch.num_columns());
    for (field, a) in schema.fields().iter().zip(batch.columns()) {
        let a = pandas_column(field.name(), a, large, cache)?.unwrap_or_else(|| a.clone());
        fields.push(field.as_ref().clone().with_data_type(a.data_type().clone()));
        arrays.push(a);
    }
    let schema = Schema::new(fields).with_metadata(schema.metadata().clone());
    let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
    RecordBatch::try_new_with_options(Arc::new(schema), arrays, &options)
        .map_err(|e| invalid("columns", e.to_string()))
}

/// A table's columns as the blocks of a pandas frame (pandas 3's
/// `pandas.api.internals.create_dataframe_from_blocks`): what pyarrow's
/// `to_pandas` builds with the dtypes of [`pandas_batch`] (text as
/// `LargeUtf8`), made here so that the binding needs one Python call per
/// block, not pyarrow's conversion of each column. Numbers of one dtype
/// share a block, as pyarrow consolidates them.
#[derive(Debug)]
pub struct Blocks {
    /// The column names, in order.
    pub names: Vec<String>,
    /// The number of rows.
    pub rows: usize,
    /// The blocks; their columns together are every column once.
    pub blocks: Vec<Block>,
    /// The text columns (`LargeUtf8`, as [`pandas_batch`] makes them, the
    /// org's whole columns shared as [`pandas_batch_of`] shares them) as
    /// one batch, so that a binding imports them in one call: its columns,
    /// named `0`, `1`, …, in the order of the [`Block::Text`] blocks, with
    /// the table's row count; None when the table has no text column.
    pub text: Option<RecordBatch>,
}

/// One block of [`Blocks`]: its columns (indexes into the frame's) and
/// values. A 2D block's values are its columns one after another
/// (`columns.len() × rows`, the shape pandas holds).
#[derive(Debug)]
pub enum Block {
    /// `float64` columns; a null is NaN.
    Float64 {
        /// The block's columns.
        columns: Vec<usize>,
        /// Their values, column after column.
        values: Vec<f64>,
    },
    /// `datetime64[ns]` columns (dates), nanoseconds since 1970; a null is
    /// NaT (`i64::MIN`).
    Datetime64 {
        /// The block's columns.
        columns: Vec<usize>,
        /// Their values, column after column.
        values: Vec<i64>,
    },
    /// One `Int64` column (0 at a null).
    Int64(Masked<i64>),
    /// One `boolean` column (false at a null).
    Boolean(Masked<bool>),
    /// One `string[pyarrow]` column.
    Text {
        /// The column.
        column: usize,
        /// Where its `LargeUtf8` array is in [`Blocks::text`].
        index: usize,
    },
}

/// One column of a pandas masked array (`Int64`, `boolean`).
#[derive(Debug)]
pub struct Masked<T> {
    /// The column.
    pub column: usize,
    /// Its values.
    pub values: Vec<T>,
    /// Its mask (true: null).
    pub mask: Vec<bool>,
}

/// [`Blocks`] of `batch`, a table of a report on `org` if any (its whole
/// text columns shared as [`pandas_batch_of`] shares them). None when a
/// column's type has no block here (a moment with a time zone: the caller
/// builds the frame through [`pandas_batch`] and pyarrow). The errors of
/// [`pandas_batch`] (a date beyond `datetime64[ns]`).
pub fn pandas_blocks(batch: &RecordBatch, org: Option<&Org>) -> Result<Option<Blocks>> {
    let schema = batch.schema();
    let rows = batch.num_rows();
    let cache = org.and_then(Org::built_text_columns);
    // The 2D blocks' room reserved up front: one allocation each, no copy
    // on growing.
    let of = |t: DataType| {
        batch
            .columns()
            .iter()
            .filter(|a| *a.data_type() == t)
            .count()
    };
    let (mut floats, mut float_at) = (Vec::with_capacity(of(DataType::Float64) * rows), Vec::new());
    let (mut dates, mut date_at) = (Vec::with_capacity(of(DataType::Date32) * rows), Vec::new());
    let (mut blocks, mut text) = (Vec::new(), Vec::new());
    // pandas' mask of a masked array (true: null), set at the nulls only.
    let mask = |a: &dyn Array| -> Vec<bool> {
        let mut m = vec![false; a.len()];
        set_at_nulls(&mut m, a.nulls(), true);
        m
    };
    for (column, (field, a)) in schema.fields().iter().zip(batch.columns()).enumerate() {
        let any = a.as_any();
        match a.data_type() {
            DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8 => {
                let t = pandas_column(field.name(), a, true, cache)?.unwrap_or_else(|| a.clone());
                blocks.push(Block::Text {
                    column,
                    index: text.len(),
                });
                text.push(t);
            }
            DataType::Float64 => {
                let Some(f) = any.downcast_ref::<Float64Array>() else {
                    return Ok(None);
                };
                push_nan_at_nulls(&mut floats, f);
                float_at.push(column);
            }
            DataType::Date32 => {
                let Some(d) = any.downcast_ref::<Date32Array>() else {
                    return Ok(None);
                };
                push_date_nanos(&mut dates, field.name(), d)?;
                date_at.push(column);
            }
            DataType::Int64 => {
                let Some(v) = any.downcast_ref::<arrow_array::Int64Array>() else {
                    return Ok(None);
                };
                blocks.push(Block::Int64(Masked {
                    column,
                    values: v.values().to_vec(),
                    mask: mask(v),
                }));
            }
            DataType::Boolean => {
                let Some(v) = any.downcast_ref::<arrow_array::BooleanArray>() else {
                    return Ok(None);
                };
                let mut values: Vec<bool> = v.values().iter().collect();
                set_at_nulls(&mut values, v.nulls(), false);
                blocks.push(Block::Boolean(Masked {
                    column,
                    values,
                    mask: mask(v),
                }));
            }
            _ => return Ok(None),
        }
    }
    if !float_at.is_empty() {
        blocks.push(Block::Float64 {
            columns: float_at,
            values: floats,
        });
    }
    if !date_at.is_empty() {
        blocks.push(Block::Datetime64 {
            columns: date_at,
            values: dates,
        });
    }
    Ok(Some(Blocks {
        names: schema.fields().iter().map(|f| f.name().clone()).collect(),
        rows,
        blocks,
        text: text_batch(text, rows)?,
    }))
}

/// The text columns of [`Blocks::text`] as one batch of `rows` rows (None
/// for none), named by their place.
fn text_batch(text: Vec<ArrayRef>, rows: usize) -> Result<Option<RecordBatch>> {
    if text.is_empty() {
        return Ok(None);
    }
    let fields: Vec<arrow_schema::Field> = (text.iter().enumerate())
        .map(|(i, a)| arrow_schema::Field::new(i.to_string(), a.data_type().clone(), true))
        .collect();
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), text, &options)
        .map(Some)
        .map_err(|e| invalid("columns", e.to_string()))
}

/// `f`'s values pushed onto `out`, NaN at its nulls (pandas' `float64`
/// holds a null so).
fn push_nan_at_nulls(out: &mut Vec<f64>, f: &Float64Array) {
    let start = out.len();
    out.extend_from_slice(f.values());
    set_at_nulls(
        out.get_mut(start..).unwrap_or_default(),
        f.nulls(),
        f64::NAN,
    );
}

/// `d`'s dates pushed onto `out` as nanoseconds since 1970 (what
/// `datetime64[ns]` holds), NaT (`i64::MIN`) at its nulls; a date beyond
/// that range is refused at column `name` (never wrapped).
fn push_date_nanos(out: &mut Vec<i64>, name: &str, d: &Date32Array) -> Result<()> {
    let start = out.len();
    out.reserve(d.len());
    for (i, &day) in d.values().iter().enumerate() {
        match i64::from(day).checked_mul(NS_PER_DAY) {
            Some(ns) => out.push(ns),
            None if d.is_null(i) => out.push(i64::MIN),
            None => return Err(refused(name, day_text(day))),
        }
    }
    set_at_nulls(
        out.get_mut(start..).unwrap_or_default(),
        d.nulls(),
        i64::MIN,
    );
    Ok(())
}

/// `to` at every null of `nulls` (the positions of `values`, one per row):
/// the nulls found a word of the bitmap at a time, not tested row by row.
fn set_at_nulls<T: Copy>(values: &mut [T], nulls: Option<&arrow_buffer::NullBuffer>, to: T) {
    let Some(n) = nulls.filter(|n| n.null_count() > 0) else {
        return;
    };
    for i in (!n.inner()).set_indices() {
        if let Some(v) = values.get_mut(i) {
            *v = to;
        }
    }
}

/// Whether pandas of `version` (its `__version__`) holds Arrow `LargeUtf8`
/// text as it is in `string[pyarrow]`: pandas 2.2 on (its
/// `ArrowStringArray` casts an `Utf8` array to `large_string`); older pandas
/// (1.3 to 2.1) hold only `Utf8`. An unreadable version counts as old.
///
/// ```
/// use okrkit::table::pandas::takes_large_strings;
/// assert!(takes_large_strings("2.2.0") && takes_large_strings("3.0.0rc1"));
/// assert!(!takes_large_strings("2.1.4") && !takes_large_strings("1.5.3"));
/// assert!(takes_large_strings("2.2.0.dev0+123") && !takes_large_strings("dev"));
/// ```
pub fn takes_large_strings(version: &str) -> bool {
    let mut parts = version.split('.').map(|p| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u32>()
            .ok()
    });
    let major = parts.next().flatten();
    let minor = parts.next().flatten().unwrap_or(0);
    major.is_some_and(|m| (m, minor) >= (2, 2))
}

/// Column `name` converted for pandas, or None when it is shared as it is.
fn pandas_column(
    name: &str,
    a: &ArrayRef,
    large: bool,
    cache: Option<&SharedText>,
) -> Result<Option<ArrayRef>> {
    let any = a.as_any();
    Ok(match a.data_type() {
        DataType::Utf8View => match any.downcast_ref::<StringViewArray>() {
            Some(v) => {
                let cached = cache.filter(|_| large).and_then(|c| {
                    c.large_text(v, |whole| {
                        views_to_offsets::<i64>(whole, view_bytes(whole)).ok()
                    })
                });
                match cached {
                    Some(l) => Some(Arc::new(l) as ArrayRef),
                    None => Some(text(name, a, view_bytes(v), large)?),
                }
            }
            None => None,
        },
        DataType::Utf8 if large => Some(text(name, a, 0, large)?),
        // pandas' `float64` holds a null as NaN: written here, in one pass
        // over the values, so that pyarrow copies the column as it is (its
        // conversion of a column with nulls tests each value's bit).
        DataType::Float64 if a.null_count() > 0 => match any.downcast_ref::<Float64Array>() {
            Some(f) => {
                let mut nan = Vec::with_capacity(f.len());
                push_nan_at_nulls(&mut nan, f);
                Some(Arc::new(Float64Array::new(ScalarBuffer::from(nan), None)))
            }
            None => None,
        },
        DataType::Date32 => match any.downcast_ref::<Date32Array>() {
            Some(days) => {
                let mut ns = Vec::with_capacity(days.len());
                push_date_nanos(&mut ns, name, days)?;
                Some(Arc::new(PrimitiveArray::<TimestampNanosecondType>::new(
                    ScalarBuffer::from(ns),
                    days.nulls().cloned(),
                )))
            }
            None => None,
        },
        DataType::Timestamp(TimeUnit::Microsecond, tz) => {
            match any.downcast_ref::<PrimitiveArray<TimestampMicrosecondType>>() {
                Some(us) => {
                    let ns = us.try_unary::<_, TimestampNanosecondType, _>(|t| {
                        t.checked_mul(1000).ok_or_else(|| {
                            refused(name, format!("{t} µs after 1970-01-01T00:00:00Z"))
                        })
                    })?;
                    Some(Arc::new(ns.with_timezone_opt(tz.clone())))
                }
                None => None,
            }
        }
        _ => None,
    })
}

/// The bytes of a view array's values (their lengths summed, nulls' views
/// included): room enough to write them out in one buffer.
fn view_bytes(v: &StringViewArray) -> usize {
    v.views().iter().map(|&w| w as u32 as usize).sum()
}

/// Text recast: a view column written out by [`views_to_offsets`] (its
/// `bytes` copied once into a buffer sized up front), an `Utf8` column's
/// offsets widened by arrow-cast. `Utf8` unless pandas takes `LargeUtf8` or
/// the text passes 2 GiB, decided before the copy (`Utf8`'s offsets would
/// not reach).
fn text(name: &str, a: &ArrayRef, bytes: usize, large: bool) -> Result<ArrayRef> {
    let to = if large || bytes > i32::MAX as usize {
        DataType::LargeUtf8
    } else {
        DataType::Utf8
    };
    if *a.data_type() == to {
        return Ok(a.clone());
    }
    if let Some(v) = a.as_any().downcast_ref::<StringViewArray>() {
        let e = |e: arrow_schema::ArrowError| invalid(name, e.to_string());
        return Ok(if to == DataType::LargeUtf8 {
            Arc::new(views_to_offsets::<i64>(v, bytes).map_err(e)?)
        } else {
            Arc::new(views_to_offsets::<i32>(v, bytes).map_err(e)?)
        });
    }
    arrow_cast::cast(a, &to).map_err(|e| invalid(name, e.to_string()))
}

/// A `Utf8View` array written out as one offsets array (`O`: `i32` for
/// `Utf8`, `i64` for `LargeUtf8`): its values copied once, in order, into
/// one buffer of `bytes` (their total length, reserved up front), straight
/// from each view (a value of up to 12 bytes is inside its view) with no
/// builder call per value; the validity bitmap shared. A null's view is not
/// read. Its bytes come from a valid `Utf8View` array, and the array
/// checks them as UTF-8 once, as a whole. `bytes` beyond `O`'s range is
/// refused up front (an error, never a panic or wrapped offsets).
fn views_to_offsets<O: OffsetSizeTrait>(
    v: &StringViewArray,
    bytes: usize,
) -> std::result::Result<GenericStringArray<O>, arrow_schema::ArrowError> {
    let too_long = || arrow_schema::ArrowError::ComputeError("text past the offsets' range".into());
    let past = |i: usize| {
        arrow_schema::ArrowError::InvalidArgumentError(format!("view {i} points past its buffers"))
    };
    let views = v.views();
    let buffers = v.data_buffers();
    let nulls = v.nulls().filter(|n| n.null_count() > 0);
    // Every offset is at most `bytes` (the nulls' views counted too): the
    // offsets' range checked once, here.
    O::from_usize(bytes).ok_or_else(too_long)?;
    // The buffer at its full size up front (16 spare bytes: an inline value
    // is written as one 16-byte store of its view shifted past the length,
    // and the next value starts where it ends), each value written at its
    // place and the offsets collected at their known length: no capacity
    // check or length update per value; cut to the values' length after.
    let mut data = vec![0u8; bytes + 16];
    let mut at = 0usize;
    let mut failed = None;
    let ends = views.iter().enumerate().map(|(i, &w)| {
        if failed.is_none() && nulls.is_none_or(|n| n.is_valid(i)) {
            let len = w as u32 as usize;
            let written = if len <= 12 {
                let inline = (w >> 32).to_le_bytes();
                data.get_mut(at..at + 16)
                    .map(|d| d.copy_from_slice(&inline))
            } else {
                let buffer = (w >> 64) as u32 as usize;
                let start = (w >> 96) as u32 as usize;
                let value = buffers.get(buffer).and_then(|b| b.get(start..start + len));
                value
                    .zip(data.get_mut(at..at + len))
                    .map(|(v, d)| d.copy_from_slice(v))
            };
            match written {
                Some(()) => at += len,
                None => failed = Some(past(i)),
            }
        }
        // at <= bytes, in O's range (checked above).
        O::usize_as(at)
    });
    let offsets: Vec<O> = std::iter::once(O::usize_as(0)).chain(ends).collect();
    if let Some(e) = failed {
        return Err(e);
    }
    if at > bytes {
        // Only with a `bytes` short of the views' lengths (not the callers').
        return Err(too_long());
    }
    data.truncate(at);
    GenericStringArray::try_new(
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Buffer::from_vec(data),
        nulls.cloned(),
    )
}

fn invalid(path: &str, message: String) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::InvalidValue,
        message,
        path: path.to_owned(),
    }
}

fn refused(name: &str, what: String) -> Error {
    invalid(
        name,
        format!(
            "column '{name}' holds a date pandas cannot hold as datetime64[ns] \
             (1677-09-22 to 2262-04-11): {what}; to_polars() or pyarrow.table() read it"
        ),
    )
}

/// The date itself (a day count only past chrono's calendar).
fn day_text(d: i32) -> String {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::TimeDelta::try_days(i64::from(d))?))
        .map_or_else(
            || format!("day {d} after 1970-01-01"),
            |date| date.to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{StringArray, TimestampMicrosecondArray};
    use arrow_schema::Field;

    fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
        let fields: Vec<Field> = columns
            .iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect();
        let arrays = columns.into_iter().map(|(_, a)| a).collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).unwrap()
    }

    #[test]
    fn text_is_recast_to_what_pandas_holds() {
        let views: ArrayRef = Arc::new(StringViewArray::from(vec![Some("a"), None, Some("bc")]));
        let utf8: ArrayRef = Arc::new(StringArray::from(vec![Some("x"), None, Some("y")]));
        let b = batch(vec![("v", views), ("u", utf8)]);
        let small = pandas_batch(&b, false).unwrap();
        assert_eq!(small.column(0).data_type(), &DataType::Utf8);
        assert_eq!(small.column(1).data_type(), &DataType::Utf8);
        assert_eq!(small.column(0).null_count(), 1);
        let large = pandas_batch(&b, true).unwrap();
        assert_eq!(large.column(0).data_type(), &DataType::LargeUtf8);
        assert_eq!(large.column(1).data_type(), &DataType::LargeUtf8);
        assert_eq!(large.schema().field(1).data_type(), &DataType::LargeUtf8);
    }

    /// The hand-written copy of views into one buffer gives what arrow's
    /// own cast gives, for short (inline) and long values, empty ones,
    /// nulls, several buffers and a sliced array, in both offset widths.
    #[test]
    fn views_written_out_equal_arrows_cast() {
        let long = "a value longer than twelve bytes".repeat(3);
        let mut b = arrow_array::builder::StringViewBuilder::new().with_fixed_block_size(64);
        for i in 0..200 {
            match i % 5 {
                0 => b.append_null(),
                1 => b.append_value(""),
                2 => b.append_value(format!("short{i}")),
                3 => b.append_value("exactly12byt"),
                _ => b.append_value(format!("{long}{i}")),
            }
        }
        let whole = b.finish();
        assert!(whole.data_buffers().len() > 1, "several buffers");
        for v in [whole.clone(), whole.slice(7, 150), whole.slice(200, 0)] {
            let a: ArrayRef = Arc::new(v.clone());
            let bytes = v.views().iter().map(|&w| w as u32 as usize).sum();
            for large in [false, true] {
                let got = text("t", &a, bytes, large).unwrap();
                let to = if large {
                    DataType::LargeUtf8
                } else {
                    DataType::Utf8
                };
                assert_eq!(got.data_type(), &to);
                let want = arrow_cast::cast(&a, &to).unwrap();
                assert_eq!(got.to_data(), want.to_data(), "large: {large}");
                assert_eq!(got.null_count(), v.null_count());
            }
        }
    }

    #[test]
    fn float_nulls_become_nan_and_other_numbers_stay_shared() {
        let with: ArrayRef = Arc::new(Float64Array::from(vec![Some(1.5), None, Some(-0.0)]));
        let without: ArrayRef = Arc::new(Float64Array::from(vec![2.5, f64::NAN, 3.0]));
        let ints: ArrayRef = Arc::new(arrow_array::Int64Array::from(vec![Some(1), None, Some(3)]));
        let b = batch(vec![
            ("f", with),
            ("g", without.clone()),
            ("i", ints.clone()),
        ]);
        let out = pandas_batch(&b, true).unwrap();
        let f = out
            .column(0)
            .as_any()
            .downcast_ref::<Float64Array>()
            .unwrap();
        assert_eq!(f.null_count(), 0);
        assert_eq!(f.value(0), 1.5);
        assert!(f.value(1).is_nan());
        assert!(f.value(2) == 0.0 && f.value(2).is_sign_negative());
        assert!(Arc::ptr_eq(out.column(1), &without), "no nulls: shared");
        assert!(
            Arc::ptr_eq(out.column(2), &ints),
            "Int64 keeps its nulls (pandas `Int64`)"
        );
    }

    #[test]
    fn dates_and_moments_become_nanoseconds() {
        let days: ArrayRef = Arc::new(Date32Array::from(vec![Some(1), None]));
        let us: ArrayRef =
            Arc::new(TimestampMicrosecondArray::from(vec![Some(2), None]).with_timezone("UTC"));
        let out = pandas_batch(&batch(vec![("d", days), ("t", us)]), false).unwrap();
        let d = out
            .column(0)
            .as_any()
            .downcast_ref::<PrimitiveArray<TimestampNanosecondType>>();
        assert_eq!(d.unwrap().value(0), NS_PER_DAY);
        assert!(d.unwrap().is_null(1));
        let t = out
            .column(1)
            .as_any()
            .downcast_ref::<PrimitiveArray<TimestampNanosecondType>>();
        assert_eq!(t.unwrap().value(0), 2000);
        assert_eq!(
            out.schema().field(1).data_type(),
            &DataType::Timestamp(TimeUnit::Nanosecond, Some("UTC".into()))
        );
    }

    #[test]
    fn a_date_beyond_nanoseconds_is_refused_naming_its_column() {
        let days: ArrayRef = Arc::new(Date32Array::from(vec![Some(200_000)]));
        let e = pandas_batch(&batch(vec![("start", days)]), false).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        assert_eq!(e.path(), "start");
        assert!(e.to_string().contains("2517-08-01"), "{e}");
        let us: ArrayRef = Arc::new(TimestampMicrosecondArray::from(vec![Some(i64::MAX)]));
        let e = pandas_batch(&batch(vec![("at", us)]), false).unwrap_err();
        assert_eq!(e.path(), "at");
        assert!(
            e.to_string().contains("µs after 1970-01-01T00:00:00Z"),
            "{e}"
        );
    }

    /// The blocks hold what `pandas_batch` gives, column by column: numbers
    /// of one dtype in one block (their columns one after another, NaN and
    /// NaT for nulls), each Int64 and boolean column with its mask, text as
    /// `LargeUtf8`; a moment with a time zone has no block.
    #[test]
    fn blocks_hold_the_pandas_batch_values() {
        use arrow_array::{BooleanArray, Int64Array};
        let b = batch(vec![
            (
                "f",
                Arc::new(Float64Array::from(vec![Some(1.5), None])) as ArrayRef,
            ),
            ("d", Arc::new(Date32Array::from(vec![None, Some(2)]))),
            ("s", Arc::new(StringViewArray::from(vec![Some("a"), None]))),
            ("g", Arc::new(Float64Array::from(vec![3.0, -0.0]))),
            ("i", Arc::new(Int64Array::from(vec![None, Some(7)]))),
            ("b", Arc::new(BooleanArray::from(vec![Some(true), None]))),
        ]);
        let got = pandas_blocks(&b, None).unwrap().expect("blocks");
        fn masked<T: PartialEq + std::fmt::Debug>(m: &Masked<T>, v: &[T], mask: &[bool]) -> usize {
            assert_eq!((m.values.as_slice(), m.mask.as_slice()), (v, mask));
            m.column
        }
        assert_eq!((got.rows, got.names.join(",")), (2, "f,d,s,g,i,b".into()));
        let want = pandas_batch(&b, true).unwrap();
        let text = got.text.as_ref().expect("a text column");
        assert_eq!((text.num_columns(), text.num_rows()), (1, 2));
        assert_eq!(text.column(0).to_data(), want.column(2).to_data());
        let mut seen = Vec::new();
        for block in &got.blocks {
            match block {
                Block::Float64 { columns, values } => {
                    assert_eq!(columns, &[0, 3]);
                    assert_eq!(values[0], 1.5);
                    assert!(values[1].is_nan());
                    assert_eq!(
                        values[2..].iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                        [3.0f64.to_bits(), (-0.0f64).to_bits()]
                    );
                    seen.extend(columns);
                }
                Block::Datetime64 { columns, values } => {
                    assert_eq!(
                        (columns.as_slice(), values.as_slice()),
                        (&[1][..], &[i64::MIN, 2 * NS_PER_DAY][..])
                    );
                    seen.extend(columns);
                }
                Block::Text { column, index } => seen.push(*column + 10 * index),
                Block::Int64(m) => seen.push(masked(m, &[0, 7], &[true, false])),
                Block::Boolean(m) => seen.push(masked(m, &[true, false], &[false, true])),
            }
        }
        seen.sort_unstable();
        assert_eq!(seen, [0, 1, 2, 3, 4, 5], "every column in one block");
        // No text column: no text batch.
        let numbers: ArrayRef = Arc::new(Float64Array::from(vec![1.0]));
        let got = pandas_blocks(&batch(vec![("f", numbers)]), None).unwrap();
        assert!(got.expect("blocks").text.is_none());

        let moments: ArrayRef =
            Arc::new(TimestampMicrosecondArray::from(vec![Some(2)]).with_timezone("UTC"));
        assert!(
            pandas_blocks(&batch(vec![("t", moments)]), None)
                .unwrap()
                .is_none()
        );
        let days: ArrayRef = Arc::new(Date32Array::from(vec![Some(200_000)]));
        let e = pandas_blocks(&batch(vec![("start", days)]), None).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_value", "start"));
    }
}
