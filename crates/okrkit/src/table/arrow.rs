//! Report tables as Apache Arrow record batches (feature `arrow`).
//!
//! A [`Table`] becomes one [`RecordBatch`] whose schema follows the table's
//! [`ColumnSpec`]s, whatever the data: the same names, in the same order,
//! every column nullable, and the types
//!
//! | [`DType`] | Arrow type |
//! |---|---|
//! | `str` | `Utf8` |
//! | `f64` | `Float64` (a null stays null, never NaN) |
//! | `i64` | `Int64` |
//! | `bool` | `Boolean` |
//! | `date` | `Date32` (days since 1970-01-01) |
//! | `datetime` | `Timestamp(Microsecond, "UTC")` — the ledger's precision |
//!
//! Each field carries its one-line doc as the metadata key `description`; the
//! schema carries the table's name as `okrkit.table`. Bindings hand the batch
//! to Python through the Arrow C data interface, so polars, pyarrow, pandas
//! and DuckDB read the columns without copying them.
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
pub use {arrow_array, arrow_schema};

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::types::TimestampMicrosecondType;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, PrimitiveArray, RecordBatch,
    RecordBatchOptions, StringArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{Datelike, NaiveDate};

use super::{ColumnSpec, DType, Table, Values};
use crate::{Error, ProblemCode, Result};

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

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

fn days_since_epoch(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE
}

fn array(values: &Values) -> ArrayRef {
    match values {
        Values::Str(v) => Arc::new(v.iter().map(Option::as_deref).collect::<StringArray>()),
        Values::F64(v) => Arc::new(v.iter().copied().collect::<Float64Array>()),
        Values::I64(v) => Arc::new(v.iter().copied().collect::<Int64Array>()),
        Values::Bool(v) => Arc::new(v.iter().copied().collect::<BooleanArray>()),
        Values::Date(v) => Arc::new(
            v.iter()
                .map(|d| d.map(days_since_epoch))
                .collect::<Date32Array>(),
        ),
        Values::DateTime(v) => Arc::new(
            v.iter()
                .map(|t| t.map(|t| t.timestamp_micros()))
                .collect::<PrimitiveArray<TimestampMicrosecondType>>()
                .with_timezone(TIME_ZONE),
        ),
    }
}

impl Table {
    /// The table as one Arrow [`RecordBatch`] (see the [module docs](self) for
    /// the types). Fails only on a table built by hand whose columns differ in
    /// length or whose values do not match their spec's type.
    pub fn to_arrow(&self) -> Result<RecordBatch> {
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
        }
        let schema = Arc::new(schema_from(self.name, self.columns.iter().map(|c| c.spec)));
        let arrays = self.columns.iter().map(|c| array(&c.values)).collect();
        // The row count is explicit so a table with no columns keeps its length.
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        RecordBatch::try_new_with_options(schema, arrays, &options)
            .map_err(|e| bad_table("columns".to_owned(), e.to_string()))
    }
}

fn bad_table(path: String, message: String) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::InvalidValue,
        message,
        path,
    }
}

impl Values {
    /// The type of these values.
    pub fn dtype(&self) -> DType {
        match self {
            Values::Str(_) => DType::Str,
            Values::F64(_) => DType::F64,
            Values::I64(_) => DType::I64,
            Values::Bool(_) => DType::Bool,
            Values::Date(_) => DType::Date,
            Values::DateTime(_) => DType::DateTime,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Column;
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
    fn every_type_and_null_survives() {
        let t = table(vec![
            Column {
                spec: spec("s", DType::Str),
                values: Values::Str(vec![Some("a".into()), None]),
            },
            Column {
                spec: spec("f", DType::F64),
                values: Values::F64(vec![None, Some(-0.0)]),
            },
            Column {
                spec: spec("i", DType::I64),
                values: Values::I64(vec![Some(i64::MIN), None]),
            },
            Column {
                spec: spec("b", DType::Bool),
                values: Values::Bool(vec![Some(false), None]),
            },
            Column {
                spec: spec("d", DType::Date),
                values: Values::Date(vec![NaiveDate::from_ymd_opt(1969, 12, 31), None]),
            },
            Column {
                spec: spec("t", DType::DateTime),
                values: Values::DateTime(vec![
                    None,
                    Some(Utc.with_ymd_and_hms(2026, 2, 5, 12, 0, 1).unwrap()),
                ]),
            },
        ]);
        let b = t.to_arrow().unwrap();
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

    #[test]
    fn an_empty_table_keeps_its_schema() {
        let b = table(vec![Column {
            spec: spec("x", DType::F64),
            values: Values::F64(vec![]),
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
                values: Values::I64(vec![Some(1)]),
            },
            Column {
                spec: spec("b", DType::I64),
                values: Values::I64(vec![]),
            },
        ]);
        let e = uneven.to_arrow().unwrap_err();
        assert!(
            matches!(e, Error::InvalidArgument { ref path, .. } if path == "columns[1]"),
            "{e}"
        );
        let mistyped = table(vec![Column {
            spec: spec("a", DType::Str),
            values: Values::I64(vec![Some(1)]),
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
}
