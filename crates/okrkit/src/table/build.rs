//! Filling a table row by row against its schema.

use super::{Column, ColumnSpec, Table, Values};
use chrono::{DateTime, NaiveDate, Utc};

/// One cell, typed; `From` conversions make rows short to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Str(Option<String>),
    F64(Option<f64>),
    I64(Option<i64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
    DateTime(Option<DateTime<Utc>>),
}

impl From<&str> for Cell {
    fn from(v: &str) -> Cell {
        Cell::Str(Some(v.to_owned()))
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Str(Some(v))
    }
}
impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        Cell::Str(v)
    }
}
impl From<Option<&str>> for Cell {
    fn from(v: Option<&str>) -> Cell {
        Cell::Str(v.map(str::to_owned))
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::F64(Some(v))
    }
}
impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        Cell::F64(v)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Cell {
        Cell::I64(i64::try_from(v).ok())
    }
}
impl From<u64> for Cell {
    fn from(v: u64) -> Cell {
        Cell::I64(i64::try_from(v).ok())
    }
}
impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::I64(Some(v))
    }
}
impl From<bool> for Cell {
    fn from(v: bool) -> Cell {
        Cell::Bool(Some(v))
    }
}
impl From<Option<bool>> for Cell {
    fn from(v: Option<bool>) -> Cell {
        Cell::Bool(v)
    }
}
impl From<NaiveDate> for Cell {
    fn from(v: NaiveDate) -> Cell {
        Cell::Date(Some(v))
    }
}
impl From<Option<NaiveDate>> for Cell {
    fn from(v: Option<NaiveDate>) -> Cell {
        Cell::Date(v)
    }
}
impl From<DateTime<Utc>> for Cell {
    fn from(v: DateTime<Utc>) -> Cell {
        Cell::DateTime(Some(v))
    }
}

/// Builds a table row by row; each row gives one cell per schema column, in order.
pub(crate) struct Builder {
    name: &'static str,
    specs: &'static [ColumnSpec],
    values: Vec<Values>,
}

impl Builder {
    /// An empty table with the schema's columns.
    pub fn new(name: &'static str, specs: &'static [ColumnSpec], capacity: usize) -> Builder {
        Builder {
            name,
            specs,
            values: specs
                .iter()
                .map(|s| Values::empty(s.dtype, capacity))
                .collect(),
        }
    }

    /// Appends one row. A cell of the wrong type (a bug, caught by the
    /// schema tests) is stored as null, never a panic in release builds.
    pub fn row<const N: usize>(&mut self, cells: [Cell; N]) {
        debug_assert_eq!(N, self.specs.len(), "{}: row width", self.name);
        for (i, (values, cell)) in self.values.iter_mut().zip(cells).enumerate() {
            match (values, cell) {
                (Values::Str(v), Cell::Str(c)) => v.push(c),
                (Values::F64(v), Cell::F64(c)) => v.push(c),
                (Values::I64(v), Cell::I64(c)) => v.push(c),
                (Values::Bool(v), Cell::Bool(c)) => v.push(c),
                (Values::Date(v), Cell::Date(c)) => v.push(c),
                (Values::DateTime(v), Cell::DateTime(c)) => v.push(c),
                (values, _) => {
                    debug_assert!(
                        false,
                        "{}: column {} has another type",
                        self.name, self.specs[i].name
                    );
                    push_null(values)
                }
            }
        }
    }

    /// The table.
    pub fn finish(self) -> Table {
        Table {
            name: self.name,
            columns: self
                .specs
                .iter()
                .zip(self.values)
                .map(|(spec, values)| Column { spec, values })
                .collect(),
        }
    }
}

fn push_null(values: &mut Values) {
    match values {
        Values::Str(v) => v.push(None),
        Values::F64(v) => v.push(None),
        Values::I64(v) => v.push(None),
        Values::Bool(v) => v.push(None),
        Values::Date(v) => v.push(None),
        Values::DateTime(v) => v.push(None),
    }
}
