//! Report tables: every report as typed columns with one fixed, documented
//! schema, whatever the data.
//!
//! A [`Table`] is a list of [`Column`]s of equal length. Each column has a
//! [`ColumnSpec`] — name, [`DType`], display hint and a one-line doc — taken
//! from the table's schema (a constant: [`schema`] lists them all), so the
//! same table always has the same column names, types and order: an empty
//! report gives the same columns as a full one, and a column that can be
//! missing is typed and holds nulls. No column holds a list or an object.
//!
//! The numbers are the reports' own, unrounded; percent columns (`*_pct`,
//! `0..100`) sit beside the fractions people compute with. Titles, team and
//! cycle names and units come from the document, so a table needs no join to
//! be read. Bindings turn tables into pandas / polars frames and the CLI into
//! CSV; [`render`] gives the HTML and terminal views.
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
//! let krs = table::progress::key_results(&org, &report);
//! assert_eq!(krs.column("team_name").and_then(|c| c.str(0)), Some("Web shop"));
//! assert_eq!(krs.column("progress_pct").and_then(|c| c.f64(0)), Some(40.0));
//! // The schema does not depend on the data.
//! let names: Vec<_> = krs.columns.iter().map(|c| c.spec.name).collect();
//! assert_eq!(names, table::schema("progress.key_results").unwrap().iter().map(|s| s.name).collect::<Vec<_>>());
//! # Ok::<(), okrkit::Error>(())
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
#[cfg(feature = "arrow-ipc")]
pub mod buffers;
mod build;
pub mod classification;
mod columns;
mod concat;
pub mod from_columns;
mod json;
pub mod ledger;
mod locate;
mod names;
#[cfg(feature = "pandas")]
pub mod pandas;
pub mod progress;
pub mod render;
pub mod reports;
pub mod select;
#[cfg(feature = "arrow")]
mod shared_text;
mod tag;
mod values;
pub mod view;
#[cfg(feature = "arrow")]
mod views;

pub(crate) use build::Builder;
pub use json::columns_json;
pub(crate) use names::Names;
#[cfg(feature = "arrow")]
pub(crate) use shared_text::SharedText;
pub(crate) use tag::tag;
pub use values::{Cells, TextLayout, Texts};

use chrono::{DateTime, NaiveDate, Utc};

/// The type of a column's values (each may be null).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DType {
    /// Text (ids, names, titles, codes).
    Str,
    /// A 64-bit float.
    F64,
    /// A 64-bit integer (counts, sequence numbers, bins).
    I64,
    /// True or false.
    Bool,
    /// A calendar date.
    Date,
    /// A moment, UTC.
    DateTime,
}

impl DType {
    /// The type's name: `str`, `f64`, `i64`, `bool`, `date`, `datetime`.
    pub fn as_str(self) -> &'static str {
        match self {
            DType::Str => "str",
            DType::F64 => "f64",
            DType::I64 => "i64",
            DType::Bool => "bool",
            DType::Date => "date",
            DType::DateTime => "datetime",
        }
    }
}

/// How a column is shown in HTML and terminal views (the values themselves
/// are never changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Show {
    /// Not shown in the summary views (still in every frame and CSV).
    Hidden,
    /// As it is (floats with 3 decimals).
    Plain,
    /// A `0..100` percent: `39.7%`.
    Percent,
    /// A score in `0..1`: `0.70`.
    Score,
    /// A coloured status (band, pace, severity, verdict, kind).
    Status,
    /// Long text, cut to fit.
    Text,
}

/// One column of a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Column name (snake_case).
    pub name: &'static str,
    /// Type of its values.
    pub dtype: DType,
    /// How the summary views show it.
    pub show: Show,
    /// What it holds.
    pub doc: &'static str,
}

/// The values of one column, each in Arrow's layout (see [`Texts`] and
/// [`Cells`]): one buffer per column, no allocation per cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text.
    Str(Texts),
    /// Floats.
    F64(Cells<f64>),
    /// Integers.
    I64(Cells<i64>),
    /// Booleans.
    Bool(Cells<bool>),
    /// Dates, as days since 1970-01-01 (read them with [`Column::date`]).
    Date(Cells<i32>),
    /// Moments (UTC).
    DateTime(Cells<DateTime<Utc>>),
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// A date as days since 1970-01-01 (Arrow's `Date32`).
pub(crate) fn days_since_epoch(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE
}

/// The date `days` after 1970-01-01 (None out of chrono's range).
pub(crate) fn date_from_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(UNIX_EPOCH_DAYS_FROM_CE)?)
}

#[cfg(test)]
mod day_tests {
    use super::{date_from_days, days_since_epoch};
    use chrono::NaiveDate;

    #[test]
    fn days_count_from_1970_01_01_as_arrow_date32_does() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        for (date, days) in [
            (d(1970, 1, 1), 0),
            (d(1969, 12, 31), -1),
            (d(2000, 3, 1), 11_017),
            (d(2026, 2, 15), 20_499),
        ] {
            assert_eq!(days_since_epoch(date), days, "{date}");
            assert_eq!(date_from_days(days), Some(date));
        }
        for edge in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(date_from_days(days_since_epoch(edge)), Some(edge));
        }
        assert_eq!(date_from_days(days_since_epoch(NaiveDate::MAX) + 1), None);
        assert_eq!(date_from_days(i32::MAX), None);
    }
}

impl Values {
    fn empty(dtype: DType, capacity: usize) -> Values {
        match dtype {
            DType::Str => Values::Str(Texts::with_capacity(capacity, capacity * 8)),
            DType::F64 => Values::F64(Cells::with_capacity(capacity)),
            DType::I64 => Values::I64(Cells::with_capacity(capacity)),
            DType::Bool => Values::Bool(Cells::with_capacity(capacity)),
            DType::Date => Values::Date(Cells::with_capacity(capacity)),
            DType::DateTime => Values::DateTime(Cells::with_capacity(capacity)),
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Values::Str(v) => v.len(),
            Values::F64(v) => v.len(),
            Values::I64(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Date(v) => v.len(),
            Values::DateTime(v) => v.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of nulls.
    pub fn null_count(&self) -> usize {
        match self {
            Values::Str(v) => v.null_count(),
            Values::F64(v) => v.null_count(),
            Values::I64(v) => v.null_count(),
            Values::Bool(v) => v.null_count(),
            Values::Date(v) => v.null_count(),
            Values::DateTime(v) => v.null_count(),
        }
    }

    /// Whether value `i` is null (or out of range).
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Values::Str(v) => v.get(i).is_none(),
            Values::F64(v) => v.get(i).is_none(),
            Values::I64(v) => v.get(i).is_none(),
            Values::Bool(v) => v.get(i).is_none(),
            Values::Date(v) => v.get(i).is_none(),
            Values::DateTime(v) => v.get(i).is_none(),
        }
    }

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

/// A column: its spec and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Name, type, display hint and doc.
    pub spec: &'static ColumnSpec,
    /// The values, one per row.
    pub values: Values,
}

impl Column {
    /// Text value `i` (None when null, out of range or not a text column).
    pub fn str(&self, i: usize) -> Option<&str> {
        match &self.values {
            Values::Str(v) => v.get(i),
            _ => None,
        }
    }

    /// Float value `i` (None when null, out of range or not a float column).
    pub fn f64(&self, i: usize) -> Option<f64> {
        match &self.values {
            Values::F64(v) => v.get(i),
            _ => None,
        }
    }

    /// Integer value `i` (None when null, out of range or not an integer column).
    pub fn i64(&self, i: usize) -> Option<i64> {
        match &self.values {
            Values::I64(v) => v.get(i),
            _ => None,
        }
    }

    /// Boolean value `i` (None when null, out of range or not a boolean column).
    pub fn bool(&self, i: usize) -> Option<bool> {
        match &self.values {
            Values::Bool(v) => v.get(i),
            _ => None,
        }
    }

    /// Date value `i` (None when null, out of range or not a date column).
    pub fn date(&self, i: usize) -> Option<NaiveDate> {
        match &self.values {
            Values::Date(v) => date_from_days(v.get(i)?),
            _ => None,
        }
    }

    /// Moment value `i` (None when null, out of range or not a datetime column).
    pub fn datetime(&self, i: usize) -> Option<DateTime<Utc>> {
        match &self.values {
            Values::DateTime(v) => v.get(i),
            _ => None,
        }
    }

    /// Value `i` as JSON (dates as `YYYY-MM-DD`, moments as RFC 3339, null as null).
    pub fn json(&self, i: usize) -> serde_json::Value {
        use serde_json::Value as J;
        let v = match &self.values {
            Values::Str(v) => v.get(i).map(|s| J::String(s.to_owned())),
            Values::F64(v) => v.get(i).map(J::from),
            Values::I64(v) => v.get(i).map(J::from),
            Values::Bool(v) => v.get(i).map(J::Bool),
            Values::Date(_) => self.date(i).map(|d| J::String(d.to_string())),
            Values::DateTime(v) => v
                .get(i)
                .map(|d| J::String(d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))),
        };
        v.unwrap_or(J::Null)
    }
}

/// A report as typed columns of equal length, in schema order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The table's name, e.g. `progress.key_results` (a key of [`schema`]).
    pub name: &'static str,
    /// The columns, in schema order.
    pub columns: Vec<Column>,
}

impl Table {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.spec.name == name)
    }

    /// The column called `name`, for a caller who named it: an unknown name
    /// is [`crate::Error::InvalidArgument`], code `invalid_value`, path
    /// `name`, listing the table's columns.
    ///
    /// ```
    /// let t = okrkit::table::ledger::entries(&[]);
    /// assert_eq!(t.column_named("seq")?.spec.name, "seq");
    /// let e = t.column_named("nope").unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("invalid_value", "name"));
    /// assert!(e.to_string().contains("table ledger.entries has no column 'nope'; its columns are seq, id, "));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn column_named(&self, name: &str) -> crate::Result<&Column> {
        self.column(name).ok_or_else(|| {
            let names: Vec<&str> = self.columns.iter().map(|c| c.spec.name).collect();
            crate::Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: format!(
                    "table {} has no column '{name}'; its columns are {}",
                    self.name,
                    names.join(", ")
                ),
                path: "name".into(),
            }
        })
    }

    /// The rows as JSON objects (nulls kept, so every row has every column).
    /// A `serde_json::Map` sorts its keys: for text with the keys in column
    /// order, use [`Table::to_json_rows_text`].
    pub fn to_json_rows(&self) -> serde_json::Value {
        let rows = (0..self.len())
            .map(|i| {
                let mut m = serde_json::Map::with_capacity(self.columns.len());
                for c in &self.columns {
                    m.insert(c.spec.name.to_owned(), c.json(i));
                }
                serde_json::Value::Object(m)
            })
            .collect();
        serde_json::Value::Array(rows)
    }

    /// The table as CSV (RFC 4180): a header row, then one row per record;
    /// null is an empty cell, floats print the shortest text that reads back
    /// to the same number.
    #[cfg(feature = "csv")]
    pub fn to_csv(&self) -> String {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = self.columns.iter().map(|c| c.spec.name).collect();
        let _ = w.write_record(&header);
        for i in 0..self.len() {
            let row: Vec<String> = self
                .columns
                .iter()
                .map(|c| match c.json(i) {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect();
            let _ = w.write_record(&row);
        }
        w.into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

/// Every table's name with its schema, in the order the reports offer them.
pub const SCHEMAS: &[(&str, &[ColumnSpec])] = &[
    ("progress.objectives", progress::OBJECTIVES),
    ("progress.key_results", progress::KEY_RESULTS),
    ("progress.teams", progress::TEAMS),
    ("progress.cycles", progress::CYCLES),
    ("progress.series", progress::SERIES),
    ("confidence.series", progress::CONFIDENCE_SERIES),
    ("check_ins", progress::CHECK_INS),
    ("lint.findings", reports::FINDINGS),
    ("score.objectives", reports::SCORE_OBJECTIVES),
    ("score.key_results", reports::SCORE_KEY_RESULTS),
    ("score.teams", reports::SCORE_TEAMS),
    ("score.bands", reports::SCORE_BANDS),
    ("health.teams", reports::HEALTH_TEAMS),
    ("health.histograms", reports::HEALTH_HISTOGRAMS),
    ("health.calibration", reports::CALIBRATION),
    ("history.versions", reports::VERSIONS),
    ("ledger.entries", ledger::ENTRIES),
    ("classification", classification::CLASSIFICATION),
];

/// The schema of the table called `name` (None for an unknown name).
///
/// ```
/// let s = okrkit::table::schema("lint.findings").unwrap();
/// assert!(s.iter().any(|c| c.name == "key_result"));
/// assert!(okrkit::table::schema("nope").is_none());
/// ```
pub fn schema(name: &str) -> Option<&'static [ColumnSpec]> {
    SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The names of every published table, in [`SCHEMAS`]' order.
pub fn names() -> Vec<&'static str> {
    SCHEMAS.iter().map(|(n, _)| *n).collect()
}

/// The columns of table `name`, as [`schema`], for a caller who named it: an
/// unknown name is [`crate::Error::InvalidArgument`], code `invalid_value`,
/// path `name`, listing the tables.
///
/// ```
/// use okrkit::table;
/// assert_eq!(table::schema_of("lint.findings")?.len(), table::schema("lint.findings").unwrap().len());
/// let e = table::schema_of("nope").unwrap_err();
/// assert_eq!((e.code(), e.path()), ("invalid_value", "name"));
/// assert!(e.to_string().contains("the tables are progress.objectives, "));
/// assert_eq!(table::names()[0], "progress.objectives");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn schema_of(name: &str) -> crate::Result<&'static [ColumnSpec]> {
    schema(name).ok_or_else(|| crate::Error::InvalidArgument {
        code: crate::ProblemCode::InvalidValue,
        message: format!("no table '{name}'; the tables are {}", names().join(", ")),
        path: "name".into(),
    })
}

/// A `0..1` fraction as a `0..100` percent (None stays None).
pub(crate) fn pct(x: Option<f64>) -> Option<f64> {
    x.map(|x| x * 100.0)
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
