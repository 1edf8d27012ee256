//! Filling a table row by row against its schema.

use super::{Column, ColumnSpec, Table, Values};
use chrono::{DateTime, NaiveDate, Utc};
use std::borrow::Cow;

/// One cell, typed; `From` conversions make rows short to write. Text is
/// borrowed where the caller has it (ids, titles, names, tags): the builder
/// copies its bytes into the column's buffer, no `String` per cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Str(Option<Cow<'a, str>>),
    F64(Option<f64>),
    I64(Option<i64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
    DateTime(Option<DateTime<Utc>>),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(v: &'a str) -> Cell<'a> {
        Cell::Str(Some(Cow::Borrowed(v)))
    }
}
impl<'a> From<&'a String> for Cell<'a> {
    fn from(v: &'a String) -> Cell<'a> {
        Cell::Str(Some(Cow::Borrowed(v)))
    }
}
impl From<String> for Cell<'_> {
    fn from(v: String) -> Self {
        Cell::Str(Some(Cow::Owned(v)))
    }
}
impl From<Option<String>> for Cell<'_> {
    fn from(v: Option<String>) -> Self {
        Cell::Str(v.map(Cow::Owned))
    }
}
impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(v: Option<&'a str>) -> Cell<'a> {
        Cell::Str(v.map(Cow::Borrowed))
    }
}
impl<'a> From<Option<&'a String>> for Cell<'a> {
    fn from(v: Option<&'a String>) -> Cell<'a> {
        Cell::Str(v.map(|s| Cow::Borrowed(s.as_str())))
    }
}
impl<'a> From<Cow<'a, str>> for Cell<'a> {
    fn from(v: Cow<'a, str>) -> Cell<'a> {
        Cell::Str(Some(v))
    }
}
impl<'a> From<Option<Cow<'a, str>>> for Cell<'a> {
    fn from(v: Option<Cow<'a, str>>) -> Cell<'a> {
        Cell::Str(v)
    }
}
impl From<f64> for Cell<'_> {
    fn from(v: f64) -> Self {
        Cell::F64(Some(v))
    }
}
impl From<Option<f64>> for Cell<'_> {
    fn from(v: Option<f64>) -> Self {
        Cell::F64(v)
    }
}
impl From<usize> for Cell<'_> {
    fn from(v: usize) -> Self {
        Cell::I64(i64::try_from(v).ok())
    }
}
impl From<u64> for Cell<'_> {
    fn from(v: u64) -> Self {
        Cell::I64(i64::try_from(v).ok())
    }
}
impl From<i64> for Cell<'_> {
    fn from(v: i64) -> Self {
        Cell::I64(Some(v))
    }
}
impl From<bool> for Cell<'_> {
    fn from(v: bool) -> Self {
        Cell::Bool(Some(v))
    }
}
impl From<Option<bool>> for Cell<'_> {
    fn from(v: Option<bool>) -> Self {
        Cell::Bool(v)
    }
}
impl From<NaiveDate> for Cell<'_> {
    fn from(v: NaiveDate) -> Self {
        Cell::Date(Some(v))
    }
}
impl From<Option<NaiveDate>> for Cell<'_> {
    fn from(v: Option<NaiveDate>) -> Self {
        Cell::Date(v)
    }
}
impl From<DateTime<Utc>> for Cell<'_> {
    fn from(v: DateTime<Utc>) -> Self {
        Cell::DateTime(Some(v))
    }
}

/// Appends one row to a [`Builder`]: `row!(b, SPECS, [cell, cell, ...])`,
/// one cell per column of the schema `SPECS` (the constant the builder was
/// made with), in order. A row with more or fewer cells than `SPECS` has
/// columns does not compile. Each cell is pushed where it is written (no
/// array of cells looped over), so the compiler sees every cell's type and
/// the push is straight-line code.
macro_rules! row {
    ($b:ident, $specs:ident, [$($c:expr),* $(,)?]) => {{
        const {
            assert!(
                <[&str]>::len(&[$(stringify!($c)),*]) == $specs.len(),
                "a row must have one cell per column of its schema"
            )
        };
        let mut i = 0usize;
        $(
            $b.put(i, $c);
            i += 1;
        )*
        $b.end_row(i);
    }};
}
pub(crate) use row;

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

    /// Appends cell `i` of the current row (see [`row!`]). A cell of the
    /// wrong type (a bug, caught by the schema tests) is stored as null, a
    /// cell past the last column is dropped: never a panic in release builds.
    #[inline(always)]
    pub fn put(&mut self, i: usize, cell: Cell<'_>) {
        let Some(values) = self.values.get_mut(i) else {
            debug_assert!(false, "{}: more cells than columns", self.name);
            return;
        };
        match (values, cell) {
            (Values::Str(v), Cell::Str(c)) => v.push(c.as_deref()),
            (Values::F64(v), Cell::F64(c)) => v.push(c),
            (Values::I64(v), Cell::I64(c)) => v.push(c),
            (Values::Bool(v), Cell::Bool(c)) => v.push(c),
            (Values::Date(v), Cell::Date(c)) => v.push(c.map(super::days_since_epoch)),
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

    /// Ends a row of `cells` cells. [`row!`] checks the width when it
    /// compiles; should a row still be short, the columns it did not reach
    /// get a null, so every column keeps the same length.
    #[inline(always)]
    pub fn end_row(&mut self, cells: usize) {
        debug_assert_eq!(cells, self.specs.len(), "{}: row width", self.name);
        for values in self.values.iter_mut().skip(cells) {
            push_null(values);
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
                .map(|(spec, mut values)| {
                    // No -0.0 in a table (README), whatever a row was given.
                    if let Values::F64(c) = &mut values {
                        c.zero_without_sign();
                    }
                    Column { spec, values }
                })
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
