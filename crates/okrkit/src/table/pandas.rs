//! A report table's Arrow columns as pandas reads them (feature `pandas`).
//!
//! pandas' `string[pyarrow]` dtype holds text as Arrow `Utf8` (pandas 1.3 to
//! 2.1) or `LargeUtf8` (pandas 2.2 on), and `datetime64[ns]` holds
//! nanoseconds; the core's batches ([`super::arrow`]) hold text as `Utf8` or
//! `Utf8View`, dates as `Date32` and moments as microseconds. [`pandas_batch`]
//! converts those columns so that pyarrow's `to_pandas` builds each one
//! without a Python object per cell; the others are shared as they are.
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
    Array, ArrayRef, Date32Array, PrimitiveArray, RecordBatch, RecordBatchOptions, StringViewArray,
};
use arrow_schema::{DataType, Schema, TimeUnit};

use super::arrow::{arrow_array, arrow_schema};
use crate::{Error, ProblemCode, Result};

const NS_PER_DAY: i64 = 86_400_000_000_000;

/// `batch` as pandas reads it without a Python object per cell: text as
/// `LargeUtf8` (`Utf8` when `large` is false), the string array pandas'
/// `string[pyarrow]` holds (an `Utf8` column's bytes shared, its offsets
/// widened; a `Utf8View` column's values copied once into one buffer);
/// dates and moments as nanosecond timestamps, what `datetime64[ns]` holds.
/// A date or moment beyond that range (before 1677-09-22 or after
/// 2262-04-11) is refused ([`Error::InvalidArgument`], code
/// `invalid_value`, path the column's name), never wrapped; its message
/// points to `to_polars()` or `pyarrow.table()`, the Python binding's way
/// round (pandas is a Python library: that binding is this module's user).
pub fn pandas_batch(batch: &RecordBatch, large: bool) -> Result<RecordBatch> {
    let schema = batch.schema();
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut arrays = Vec::with_capacity(batch.num_columns());
    for (field, a) in schema.fields().iter().zip(batch.columns()) {
        let a = pandas_column(field.name(), a, large)?.unwrap_or_else(|| a.clone());
        fields.push(field.as_ref().clone().with_data_type(a.data_type().clone()));
        arrays.push(a);
    }
    let schema = Schema::new(fields).with_metadata(schema.metadata().clone());
    let options = RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
    RecordBatch::try_new_with_options(Arc::new(schema), arrays, &options)
        .map_err(|e| invalid("columns", e.to_string()))
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
fn pandas_column(name: &str, a: &ArrayRef, large: bool) -> Result<Option<ArrayRef>> {
    let any = a.as_any();
    Ok(match a.data_type() {
        DataType::Utf8View => match any.downcast_ref::<StringViewArray>() {
            Some(v) => {
                let bytes = v.views().iter().map(|&w| w as u32 as usize).sum();
                Some(text(name, a, bytes, large)?)
            }
            None => None,
        },
        DataType::Utf8 if large => Some(text(name, a, 0, large)?),
        DataType::Date32 => match any.downcast_ref::<Date32Array>() {
            Some(days) => Some(Arc::new(days.try_unary::<_, TimestampNanosecondType, _>(
                |d| {
                    i64::from(d)
                        .checked_mul(NS_PER_DAY)
                        .ok_or_else(|| refused(name, day_text(d)))
                },
            )?)),
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

/// Text recast by arrow-cast (a view's bytes copied once into a buffer sized
/// up front; an `Utf8` column's offsets widened). `Utf8` unless pandas takes
/// `LargeUtf8` or the text passes 2 GiB, decided before the cast (arrow's
/// `Utf8` builder would panic past its offsets' range).
fn text(name: &str, a: &ArrayRef, bytes: usize, large: bool) -> Result<ArrayRef> {
    let to = if large || bytes > i32::MAX as usize {
        DataType::LargeUtf8
    } else {
        DataType::Utf8
    };
    if *a.data_type() == to {
        return Ok(a.clone());
    }
    arrow_cast::cast(a, &to).map_err(|e| invalid(name, e.to_string()))
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
}
