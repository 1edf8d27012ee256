//! Report tables as Apache Arrow record batches (feature `arrow`).
//!
//! A [`Table`] becomes one [`RecordBatch`] whose schema follows the table's
//! [`ColumnSpec`]s, whatever the data: the same names, in the same order,
//! every column nullable, and the types
//!
//! | [`DType`] | Arrow type |
//! |---|---|
//! | `str` | `Utf8` (`LargeUtf8` for a column past 2 GiB of text) |
//! | `f64` | `Float64` (a null stays null, never NaN) |
//! | `i64` | `Int64` |
//! | `bool` | `Boolean` |
//! | `date` | `Date32` (days since 1970-01-01) |
//! | `datetime` | `Timestamp(Microsecond, "UTC")` — the ledger's precision |
//!
//! [`Table::into_arrow`] moves the table's column buffers into the arrays
//! (text bytes, offsets, floats, integers, dates and validity bitmaps are
//! the same memory, not copies); only booleans (packed into bits) and moments
//! (to microseconds) are converted, one pass each. [`Table::to_arrow`] keeps
//! the table: it copies each buffer once, never cell by cell.
//!
//! Each field carries its one-line doc as the metadata key `description`; the
//! schema carries the table's name as `okrkit.table`. Bindings hand the batch
//! to Python through the Arrow C data interface, so polars, pyarrow, pandas
//! and DuckDB read the columns without copying them; Node gets the bytes of
//! an Arrow IPC stream ([`Table::into_arrow_ipc`], feature `arrow-ipc`),
//! which apache-arrow's `tableFromIPC` reads.
//!
//! ```
//! use okrkit::{Org, ProgressOptions, table};
//!
//! let org = Org::from_json(r#"{
//!   "cycles": [{"id": "q1", "name": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "web", "name": "Web shop"}],
//!   "objectives": [{"id": "o1", "title": "A world-class checkout", "team": "web", "cycle": "q1",
//!     "key_results": [{"id": "kr1", "title": "Checkout conversion from 50% to 65%",
//!       "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56, "unit": "%"}}]}]
//! }"#)?;
//! let report = org.progress(&ProgressOptions::default())?;
//! let batch = table::progress::key_results(&org, &report).to_arrow()?;
//! assert_eq!(batch.num_rows(), 1);
//! let schema = batch.schema();
//! assert_eq!(schema.metadata()["okrkit.table"], "progress.key_results");
//! assert_eq!(schema.field_with_name("progress_pct").unwrap().data_type(),
//!            &table::arrow::arrow_schema::DataType::Float64);
//! # Ok::<(), okrkit::Error>(())
//! ```

/// The arrow-rs crates this module builds on, re-exported so callers use the
/// same versions.
pub use {arrow_array, arrow_buffer, arrow_schema};

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::types::TimestampMicrosecondType;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, LargeStringArray,
    PrimitiveArray, RecordBatch, RecordBatchOptions, StringArray, StringViewArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

use super::values::{Bits, Offsets, Parts};
use super::{ColumnSpec, DType, Table, Values};
use crate::{Error, ProblemCode, Result};

/// The time zone of every `datetime` column.
pub const TIME_ZONE: &str = "UTC";

/// The Arrow type of a column type.
pub fn data_type(dtype: DType) -> DataType {
    match dtype {
        DType::Str => DataType::Utf8,
        DType::F64 => DataType::Float64,
        DType::I64 => DataType::Int64,
        DType::Bool => DataType::Boolean,
        DType::Date => DataType::Date32,
        DType::DateTime => DataType::Timestamp(TimeUnit::Microsecond, Some(TIME_ZONE.into())),
    }
}

/// The Arrow field of a column: its name, type (nullable) and doc.
pub fn field(spec: &ColumnSpec) -> Field {
    Field::new(spec.name, data_type(spec.dtype), true).with_metadata(HashMap::from([(
        "description".to_owned(),
        spec.doc.to_owned(),
    )]))
}

/// The Arrow schema of the table called `name` (a key of [`super::schema`]),
/// or `None` for an unknown name.
pub fn schema_of(name: &str) -> Option<SchemaRef> {
    let specs = super::schema(name)?;
    Some(Arc::new(schema_from(name, specs.iter())))
}

fn schema_from<'a>(name: &str, specs: impl Iterator<Item = &'a ColumnSpec>) -> Schema {
    Schema::new(specs.map(field).collect::<Vec<_>>()).with_metadata(HashMap::from([(
        "okrkit.table".to_owned(),
        name.to_owned(),
    )]))
}

/// A validity bitmap as Arrow nulls (None when nothing is null), by move.
fn nulls(valid: Bits) -> Option<NullBuffer> {
    if valid.all_set() {
        return None;
    }
    let (bytes, len) = valid.into_parts();
    let n = NullBuffer::new(BooleanBuffer::new(Buffer::from_vec(bytes), 0, len));
    (n.null_count() > 0).then_some(n)
}

/// How text columns become Arrow arrays.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    /// `Utf8` (`LargeUtf8` past 2 GiB): the column's bytes and offsets, moved.
    Offsets,
    /// `Utf8View`: the column's bytes moved, one 16-byte view per value
    /// (values up to 12 bytes inside their view, longer ones as their first
    /// 4 bytes, a buffer index and an offset).
    Views,
}

/// A text column as `Utf8View`. A column built with views
/// ([`TextLayout::Views`](super::TextLayout)) is moved as it is: no pass
/// over its values. One built with offsets moves its bytes (such a column
/// past 2 GiB of text stays `LargeUtf8`: views address their buffer with 32
/// bits): the
/// `Utf8` array is built first (its bytes checked as UTF-8 once, as a whole);
/// arrow-rs then writes the views over the same buffer without checking
/// each value again.
fn string_views(v: super::Texts) -> std::result::Result<ArrayRef, String> {
    match v.into_parts() {
        Parts::Views(a) => Ok(Arc::new(a)),
        Parts::Utf8(a) => Ok(Arc::new(StringViewArray::from(&a))),
        Parts::Offsets(bytes, offsets, valid) => Ok(match string_array(bytes, offsets, valid)? {
            Utf8::Small(a) => Arc::new(StringViewArray::from(&a)),
            Utf8::Large(a) => Arc::new(a),
        }),
    }
}

/// A text column as `Utf8` (`LargeUtf8` past 2 GiB), moving its bytes and
/// offsets; a column built with views is written out as offsets first (one
/// copy of its values, `LargeUtf8` past 2 GiB as any other).
fn string_offsets(v: super::Texts) -> std::result::Result<ArrayRef, String> {
    let v = if v.layout() == super::TextLayout::Views {
        let bytes = v.iter().map(|s| s.map_or(0, str::len)).sum();
        let mut offsets = super::Texts::with_capacity(v.len(), bytes);
        offsets.extend(&v);
        offsets
    } else {
        v
    };
    match v.into_parts() {
        Parts::Views(a) => Ok(Arc::new(a.iter().collect::<StringArray>())),
        Parts::Utf8(a) => Ok(Arc::new(a)),
        Parts::Offsets(bytes, offsets, valid) => Ok(match string_array(bytes, offsets, valid)? {
            Utf8::Small(a) => Arc::new(a),
            Utf8::Large(a) => Arc::new(a),
        }),
    }
}

/// `string_offsets` of a column, read back as strings (tests of the views
/// layout's `Utf8` path).
#[cfg(test)]
pub(crate) fn texts_as_utf8_for_tests(v: super::Texts) -> Vec<Option<String>> {
    let a = string_offsets(v).expect("offsets");
    let a = a
        .as_any()
        .downcast_ref::<StringArray>()
        .expect("Utf8 under 2 GiB");
    a.iter().map(|v| v.map(str::to_owned)).collect()
}

/// A `Utf8` or `LargeUtf8` array.
enum Utf8 {
    Small(StringArray),
    Large(LargeStringArray),
}

/// The `Utf8` array of a column's bytes, offsets and validity, moved.
fn string_array(
    bytes: Vec<u8>,
    offsets: Offsets,
    valid: Bits,
) -> std::result::Result<Utf8, String> {
    let e = |e: arrow_schema::ArrowError| e.to_string();
    let bytes = Buffer::from_vec(bytes);
    Ok(match offsets {
        Offsets::Small(o) => Utf8::Small(
            StringArray::try_new(OffsetBuffer::new(o.into()), bytes, nulls(valid)).map_err(e)?,
        ),
        Offsets::Large(o) => Utf8::Large(
            LargeStringArray::try_new(OffsetBuffer::new(o.into()), bytes, nulls(valid))
                .map_err(e)?,
        ),
    })
}

/// The `Utf8` array of a column's bytes, 32-bit offsets (from the leading
/// 0) and validity, copied; None if they are not a `Utf8` column's.
pub(crate) fn utf8(bytes: &[u8], offsets: &[i32], valid: &Bits) -> Option<StringArray> {
    let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets.to_vec()));
    StringArray::try_new(offsets, Buffer::from(bytes), nulls(valid.clone())).ok()
}

/// One column as an Arrow array, moving its buffers.
fn array(values: Values, text: Text) -> std::result::Result<ArrayRef, String> {
    Ok(match values {
        Values::Str(v) if text == Text::Views => string_views(v)?,
        Values::Str(v) => string_offsets(v)?,
        Values::F64(v) => {
            let (data, valid) = v.into_parts();
            Arc::new(Float64Array::new(ScalarBuffer::from(data), nulls(valid)))
        }
        Values::I64(v) => {
            let (data, valid) = v.into_parts();
            Arc::new(Int64Array::new(ScalarBuffer::from(data), nulls(valid)))
        }
        Values::Bool(v) => {
            let (data, valid) = v.into_parts();
            let bits = BooleanBuffer::collect_bool(data.len(), |i| data[i]);
            Arc::new(BooleanArray::new(bits, nulls(valid)))
        }
        Values::Date(v) => {
            let (data, valid) = v.into_parts();
            Arc::new(Date32Array::new(ScalarBuffer::from(data), nulls(valid)))
        }
        Values::DateTime(v) => {
            let (data, valid) = v.into_parts();
            let micros: Vec<i64> = data.iter().map(|t| t.timestamp_micros()).collect();
            Arc::new(
                PrimitiveArray::<TimestampMicrosecondType>::new(micros.into(), nulls(valid))
                    .with_timezone(TIME_ZONE),
            )
        }
    })
}

impl Table {
    /// The table as one Arrow [`RecordBatch`] (see the [module docs](self) for
    /// the types), keeping the table: each column buffer is copied once. Fails
    /// only on a table built by hand whose columns differ in length or whose
    /// values do not match their spec's type.
    pub fn to_arrow(&self) -> Result<RecordBatch> {
        self.check()?;
        self.clone().into_arrow()
    }

    /// The table as one Arrow [`RecordBatch`], moving its column buffers into
    /// the arrays without copying them (see the [module docs](self)).
    ///
    /// ```
    /// # use okrkit::{Org, ProgressOptions, table};
    /// # let org = Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    /// #   "teams": [{"id": "web", "name": "Web"}],
    /// #   "objectives": [{"id": "o1", "title": "A", "team": "web", "cycle": "q1", "key_results": [{"id": "k1",
    /// #     "title": "NPS 20 to 40", "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]}"#)?;
    /// let t = table::progress::key_results(&org, &org.progress(&ProgressOptions::default())?);
    /// let batch = t.into_arrow()?;
    /// assert_eq!(batch.num_rows(), 1);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn into_arrow(self) -> Result<RecordBatch> {
        self.into_batch(Text::Offsets)
    }

    /// [`Table::into_arrow`] with every text column as `Utf8View` instead of
    /// `Utf8` (its bytes moved as they are, a 16-byte view written per value):
    /// the string type polars holds, so `polars.DataFrame` takes it without
    /// converting each string (its import of `Utf8` writes those views
    /// itself, one copy per string). Readers that know no view types
    /// (apache-arrow JS, pyarrow before 16) want [`Table::into_arrow`]. A
    /// text column built with offsets and holding more than 2 GiB stays
    /// `LargeUtf8` (its bytes are not split into several view buffers).
    ///
    /// ```
    /// # use okrkit::{Org, ProgressOptions, table};
    /// # use okrkit::table::arrow::arrow_array::{Array, StringViewArray};
    /// # let org = Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    /// #   "teams": [{"id": "web", "name": "Web"}],
    /// #   "objectives": [{"id": "o1", "title": "A world-class checkout", "team": "web", "cycle": "q1", "key_results": [{"id": "k1",
    /// #     "title": "NPS 20 to 40", "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]}"#)?;
    /// let t = table::progress::objectives(&org, &org.progress(&ProgressOptions::default())?);
    /// let batch = t.into_arrow_views()?;
    /// let title = batch.column_by_name("title").unwrap();
    /// let title = title.as_any().downcast_ref::<StringViewArray>().unwrap();
    /// assert_eq!(title.value(0), "A world-class checkout");
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn into_arrow_views(self) -> Result<RecordBatch> {
        self.into_batch(Text::Views)
    }

    fn into_batch(self, text: Text) -> Result<RecordBatch> {
        self.check()?;
        let rows = self.len();
        let mut fields = Vec::with_capacity(self.columns.len());
        let mut arrays = Vec::with_capacity(self.columns.len());
        for (i, c) in self.columns.into_iter().enumerate() {
            let a = array(c.values, text).map_err(|m| bad_table(format!("columns[{i}]"), m))?;
            fields.push(field(c.spec).with_data_type(a.data_type().clone()));
            arrays.push(a);
        }
        let schema = Arc::new(Schema::new(fields).with_metadata(HashMap::from([(
            "okrkit.table".to_owned(),
            self.name.to_owned(),
        )])));
        // The row count is explicit so a table with no columns keeps its length.
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        RecordBatch::try_new_with_options(schema, arrays, &options)
            .map_err(|e| bad_table("columns".to_owned(), e.to_string()))
    }

    /// The table as the bytes of an Arrow IPC stream (one schema message, one
    /// record batch, the end marker; feature `arrow-ipc`): what runtimes
    /// without the Arrow C data interface read, such as JavaScript's
    /// apache-arrow (`tableFromIPC`) or DuckDB. The schema, its metadata and
    /// the types are those of [`Table::into_arrow`]; the buffers are copied
    /// once into the stream, never cell by cell.
    ///
    /// ```
    /// # use okrkit::{Org, ProgressOptions, table};
    /// # let org = Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    /// #   "teams": [{"id": "web", "name": "Web"}],
    /// #   "objectives": [{"id": "o1", "title": "A", "team": "web", "cycle": "q1", "key_results": [{"id": "k1",
    /// #     "title": "NPS 20 to 40", "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]}"#)?;
    /// let t = table::progress::objectives(&org, &org.progress(&ProgressOptions::default())?);
    /// let bytes = t.into_arrow_ipc()?;
    /// // An IPC stream opens with the continuation marker.
    /// assert_eq!(&bytes[..4], &[0xFF, 0xFF, 0xFF, 0xFF]);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    #[cfg(feature = "arrow-ipc")]
    pub fn into_arrow_ipc(self) -> Result<Vec<u8>> {
        let batch = self.into_arrow()?;
        let ipc = |e: arrow_schema::ArrowError| bad_table("columns".to_owned(), e.to_string());
        // Room for the buffers (and the schema) up front: the stream is not
        // copied again each time it would outgrow its allocation.
        let room = batch.get_array_memory_size() + 64 * 1024;
        let mut writer =
            arrow_ipc::writer::StreamWriter::try_new(Vec::with_capacity(room), &batch.schema())
                .map_err(ipc)?;
        writer.write(&batch).map_err(ipc)?;
        writer.finish().map_err(ipc)?;
        let mut bytes = writer.into_inner().map_err(ipc)?;
        // A binding hands these bytes over as they are (Node: a `Buffer`
        // that owns them), so no spare room is kept beyond the stream.
        bytes.shrink_to_fit();
        Ok(bytes)
    }

    /// Every column as long as the first and of its spec's type.
    fn check(&self) -> Result<()> {
        let rows = self.len();
        for (i, c) in self.columns.iter().enumerate() {
            let path = format!("columns[{i}]");
            if c.values.len() != rows {
                return Err(bad_table(
                    path,
                    format!(
                        "column '{}' has {} values, the first column {rows}",
                        c.spec.name,
                        c.values.len()
                    ),
                ));
            }
            if c.spec.dtype != c.values.dtype() {
                return Err(bad_table(
                    path,
                    format!(
                        "column '{}' is declared {} but holds {} values",
                        c.spec.name,
                        c.spec.dtype.as_str(),
                        c.values.dtype().as_str()
                    ),
                ));
            }
            // A day count beyond the calendar reads as null in JSON, CSV and
            // Python, so Arrow must not show it as a date either.
            if let Values::Date(days) = &c.values {
                // The calendar's days are one range: its ends decide, and
                // only a column past them is searched for the first bad day.
                let (lo, hi) = days
                    .iter()
                    .flatten()
                    .fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
                let fits = |d| super::date_from_days(d).is_some();
                let bad = if lo > hi || (fits(lo) && fits(hi)) {
                    None
                } else {
                    days.iter().flatten().find(|&d| !fits(d))
                };
                if let Some(bad) = bad {
                    return Err(bad_table(
                        path,
                        format!(
                            "column '{}' holds day {bad} after 1970-01-01, beyond the calendar",
                            c.spec.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The bytes of an Arrow IPC stream that holds only `schema` (its message,
/// then the end marker; no record batch; feature `arrow-ipc`). A binding that
/// hands a batch's buffers over by themselves, without copying them into a
/// stream (Node's `tableArrowColumns`), sends the schema this way: the reader
/// parses types, names and metadata with its own IPC code, so the schema is
/// written once, here.
///
/// ```
/// # use okrkit::{Org, ProgressOptions, table};
/// # let org = Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
/// #   "teams": [{"id": "web", "name": "Web"}],
/// #   "objectives": [{"id": "o1", "title": "A", "team": "web", "cycle": "q1", "key_results": [{"id": "k1",
/// #     "title": "NPS 20 to 40", "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]}"#)?;
/// let batch = table::progress::objectives(&org, &org.progress(&ProgressOptions::default())?).into_arrow()?;
/// let bytes = table::arrow::schema_ipc(&batch.schema())?;
/// assert_eq!(&bytes[..4], &[0xFF, 0xFF, 0xFF, 0xFF]);
/// # Ok::<(), okrkit::Error>(())
/// ```
#[cfg(feature = "arrow-ipc")]
pub fn schema_ipc(schema: &Schema) -> Result<Vec<u8>> {
    let ipc = |e: arrow_schema::ArrowError| bad_table("schema".to_owned(), e.to_string());
    let mut writer = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), schema).map_err(ipc)?;
    writer.finish().map_err(ipc)?;
    writer.into_inner().map_err(ipc)
}

fn bad_table(path: String, message: String) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::InvalidValue,
        message,
        path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Cells, Column};
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type};
    use chrono::{TimeZone, Utc};

    fn spec(name: &'static str, dtype: DType) -> &'static ColumnSpec {
        Box::leak(Box::new(ColumnSpec {
            name,
            dtype,
            show: crate::table::Show::Plain,
            doc: "a test column",
        }))
    }

    fn table(columns: Vec<Column>) -> Table {
        Table {
            name: "test.table",
            columns,
        }
    }

    #[test]
    fn a_day_beyond_the_calendar_is_refused_not_shown() {
        // JSON and CSV show such a cell as null; Arrow must not show a date.
        let t = table(vec![Column {
            spec: spec("d", DType::Date),
            values: Values::Date(Cells::from(vec![Some(0), Some(i32::MAX)])),
        }]);
        let err = t.to_arrow().unwrap_err();
        assert_eq!(err.code(), "invalid_value");
        assert!(err.to_string().contains("beyond the calendar"), "{err}");
    }

    /// Two rows with a cell of every type, and a null of every type.
    fn every_type() -> Table {
        table(vec![
            Column {
                spec: spec("s", DType::Str),
                values: Values::Str([Some("a"), None].into_iter().collect()),
            },
            Column {
                spec: spec("f", DType::F64),
                values: Values::F64(Cells::from(vec![None, Some(-0.0)])),
            },
            Column {
                spec: spec("i", DType::I64),
                values: Values::I64(Cells::from(vec![Some(i64::MIN), None])),
            },
            Column {
                spec: spec("b", DType::Bool),
                values: Values::Bool(Cells::from(vec![Some(false), None])),
            },
            Column {
                spec: spec("d", DType::Date),
                values: Values::Date(Cells::from(vec![Some(-1), None])),
            },
            Column {
                spec: spec("t", DType::DateTime),
                values: Values::DateTime(Cells::from(vec![
                    None,
                    Some(Utc.with_ymd_and_hms(2026, 2, 5, 12, 0, 1).unwrap()),
                ])),
            },
        ])
    }

    #[test]
    fn every_type_and_null_survives() {
        let b = every_type().to_arrow().unwrap();
        assert_eq!(b.num_rows(), 2);
        assert_eq!(b.column(0).as_string::<i32>().value(0), "a");
        assert!(b.column(0).is_null(1));
        let f = b.column(1).as_primitive::<Float64Type>();
        assert!(f.is_null(0), "a null float is null, not NaN");
        assert!(f.value(1).is_sign_negative(), "-0.0 keeps its sign");
        assert_eq!(
            b.column(2)
                .as_primitive::<arrow_array::types::Int64Type>()
                .value(0),
            i64::MIN
        );
        assert!(!b.column(3).as_boolean().value(0));
        assert_eq!(b.column(4).as_primitive::<Date32Type>().value(0), -1);
        let ts = b.column(5).as_primitive::<TimestampMicrosecondType>();
        assert_eq!(ts.value(1), 1_770_292_801_000_000);
        assert_eq!(
            b.schema().field(5).data_type(),
            &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
        );
        assert_eq!(
            b.schema().field(0).metadata()["description"],
            "a test column"
        );
    }

    /// What apache-arrow, DuckDB or polars read from the IPC bytes is the
    /// batch itself: schema (with its metadata), types, values and nulls.
    #[cfg(feature = "arrow-ipc")]
    #[test]
    fn the_ipc_stream_reads_back_as_the_batch() {
        for t in [
            every_type(),
            table(vec![Column {
                spec: spec("x", DType::F64),
                values: Values::F64(Cells::from(vec![])),
            }]),
        ] {
            let batch = t.to_arrow().unwrap();
            let bytes = t.into_arrow_ipc().unwrap();
            assert_eq!(bytes.capacity(), bytes.len(), "no spare room handed over");
            let mut reader =
                arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None)
                    .unwrap();
            assert_eq!(reader.schema(), batch.schema());
            let read = reader.next().expect("one batch").unwrap();
            assert_eq!(read, batch);
            assert!(reader.next().is_none(), "one batch, then the end");
        }
    }

    proptest::proptest! {
        /// With text as views, every value and null reads back as with
        /// offsets (short values inside their view, long ones in the
        /// buffer), the other columns are the same arrays, and the text
        /// bytes are the table's own, moved, not copied.
        #[test]
        fn text_as_views_reads_back_as_text_with_offsets(
            texts in proptest::collection::vec(proptest::option::of(".{0,20}"), 0..40),
        ) {
            let col: crate::table::Texts = texts.iter().map(Option::as_deref).collect();
            let ptr = col.bytes_ptr();
            let n = texts.len();
            let mut t = every_type();
            t.columns.truncate(4);
            t.columns.remove(2);
            t.columns[0].values = Values::Str(col);
            t.columns[1].values = Values::F64(vec![Some(1.5); n].into());
            t.columns[2].values = Values::Bool(vec![None; n].into());
            let plain = t.to_arrow().expect("a valid table");
            let views = t.into_arrow_views().expect("a valid table");
            let schema = views.schema();
            proptest::prop_assert_eq!(schema.field(0).data_type(), &DataType::Utf8View);
            let (a, b) = (plain.column(0).as_string::<i32>(), views.column(0).as_string_view());
            proptest::prop_assert_eq!(a.len(), b.len());
            for (i, want) in texts.iter().enumerate() {
                proptest::prop_assert_eq!(a.is_valid(i).then(|| a.value(i)), want.as_deref());
                proptest::prop_assert_eq!(b.is_valid(i).then(|| b.value(i)), want.as_deref());
            }
            if let Some(buf) = b.data_buffers().first() {
                proptest::prop_assert_eq!(buf.as_ptr(), ptr, "the bytes are moved");
            }
            for i in 1..views.num_columns() {
                proptest::prop_assert_eq!(views.column(i), plain.column(i));
            }
        }
    }

    /// The schema-only stream reads back as the batch's schema (metadata
    /// included), followed by no batch.
    #[cfg(feature = "arrow-ipc")]
    #[test]
    fn the_schema_stream_holds_the_schema_and_no_batch() {
        let batch = every_type().to_arrow().unwrap();
        let bytes = schema_ipc(&batch.schema()).unwrap();
        let mut reader =
            arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None).unwrap();
        assert_eq!(reader.schema(), batch.schema());
        assert!(reader.next().is_none(), "no record batch");
    }

    #[test]
    fn an_empty_table_keeps_its_schema() {
        let b = table(vec![Column {
            spec: spec("x", DType::F64),
            values: Values::F64(Cells::from(vec![])),
        }])
        .to_arrow()
        .unwrap();
        assert_eq!(b.num_rows(), 0);
        assert_eq!(b.schema().field(0).name(), "x");
    }

    #[test]
    fn a_hand_built_table_that_lies_is_refused() {
        let uneven = table(vec![
            Column {
                spec: spec("a", DType::I64),
                values: Values::I64(Cells::from(vec![Some(1)])),
            },
            Column {
                spec: spec("b", DType::I64),
                values: Values::I64(Cells::from(vec![])),
            },
        ]);
        let e = uneven.to_arrow().unwrap_err();
        assert!(
            matches!(e, Error::InvalidArgument { ref path, .. } if path == "columns[1]"),
            "{e}"
        );
        let mistyped = table(vec![Column {
            spec: spec("a", DType::Str),
            values: Values::I64(Cells::from(vec![Some(1)])),
        }]);
        assert!(mistyped.to_arrow().is_err());
    }

    #[test]
    fn every_schema_maps() {
        for (name, _) in crate::table::SCHEMAS {
            let s = schema_of(name).unwrap();
            assert_eq!(s.fields().len(), crate::table::schema(name).unwrap().len());
        }
        assert!(schema_of("no.such.table").is_none());
    }

    /// `into_arrow` moves the buffers: the Arrow arrays point at the memory
    /// the table filled (text bytes, floats, dates), no copy.
    #[test]
    fn into_arrow_shares_the_tables_buffers() {
        let mut texts = crate::table::Texts::default();
        for i in 0..1000 {
            texts.push((i % 7 != 0).then_some("kr-title"));
        }
        let floats: Cells<f64> = (0..1000)
            .map(|i| (i % 5 != 0).then_some(i as f64))
            .collect();
        let dates: Cells<i32> = (0..1000).map(Some).collect();
        let (tp, fp, dp) = (
            texts.bytes_ptr(),
            floats.data().as_ptr(),
            dates.data().as_ptr(),
        );
        let t = table(vec![
            Column {
                spec: spec("s", DType::Str),
                values: Values::Str(texts),
            },
            Column {
                spec: spec("f", DType::F64),
                values: Values::F64(floats),
            },
            Column {
                spec: spec("d", DType::Date),
                values: Values::Date(dates),
            },
        ]);
        let copied = t.to_arrow().expect("a well-formed table");
        let b = t.into_arrow().expect("a well-formed table");
        assert_eq!(b, copied, "the same batch either way");
        let s = b.column(0).as_string::<i32>();
        assert_eq!(s.values().as_ptr(), tp, "text bytes moved, not copied");
        assert_eq!(s.value(1), "kr-title");
        assert!(s.is_null(0) && s.is_null(7));
        let f = b.column(1).as_primitive::<Float64Type>();
        assert_eq!(f.values().as_ptr(), fp, "floats moved, not copied");
        assert_eq!(f.null_count(), 200);
        let d = b.column(2).as_primitive::<Date32Type>();
        assert_eq!(d.values().as_ptr(), dp, "dates moved, not copied");
        assert!(d.nulls().is_none(), "no validity buffer without nulls");
    }

    /// A text column past the 32-bit offsets becomes `LargeUtf8`, every value kept.
    #[test]
    fn a_huge_text_column_becomes_large_utf8() {
        let mut texts = crate::table::Texts::with_small_limit(4);
        for v in [Some("abc"), None, Some("defg")] {
            texts.push(v);
        }
        let b = table(vec![Column {
            spec: spec("s", DType::Str),
            values: Values::Str(texts),
        }])
        .into_arrow()
        .expect("a well-formed table");
        assert_eq!(b.schema().field(0).data_type(), &DataType::LargeUtf8);
        let s = b.column(0).as_string::<i64>();
        assert_eq!(
            (s.value(0), s.is_null(1), s.value(2)),
            ("abc", true, "defg")
        );
    }
}
