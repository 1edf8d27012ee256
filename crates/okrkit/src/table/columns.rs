//! Building a table column by column: one typed loop per column, instead of
//! a row of cells each matched against its column's type.
//!
//! A column repeated per group (an objective's cycle, team and title on each
//! of its key results) is appended as runs ([`runs`]); a text column
//! reserves its bytes up front (two passes over borrowed text: the lengths,
//! then the copy), so no buffer grows while it is filled.

use super::{Cells, Column, ColumnSpec, DType, Table, TextLayout, Texts, Values, pct, tag};
use crate::progress::{Pace, PaceStatus};

/// A table from one [`Values`] per column of its schema:
/// `table!("name", SPECS, [values, values, ...])`. A list with more or fewer
/// columns than `SPECS` does not compile; the types and lengths are checked
/// against the schema by [`finish`].
macro_rules! table {
    ($name:expr, $specs:ident, [$($v:expr),* $(,)?]) => {{
        const {
            assert!(
                <[&str]>::len(&[$(stringify!($v)),*]) == $specs.len(),
                "a table must have one column per column of its schema"
            )
        };
        $crate::table::columns::finish($name, $specs, [$($v),*])
    }};
}
pub(crate) use table;

/// The table `name` with `values` in the order of `specs`. A column of the
/// wrong type or length (a bug, caught by the schema tests in debug builds)
/// becomes a column of nulls: never a panic, never columns of unequal length.
pub(crate) fn finish<const N: usize>(
    name: &'static str,
    specs: &'static [ColumnSpec],
    values: [Values; N],
) -> Table {
    let len = values.first().map_or(0, Values::len);
    let columns = specs
        .iter()
        .zip(values)
        .map(|(spec, mut values)| {
            if let Values::F64(c) = &mut values {
                c.zero_without_sign();
            }
            let fits = values.dtype() == spec.dtype && values.len() == len;
            debug_assert!(fits, "{name}.{}: type or length", spec.name);
            Column {
                spec,
                values: if fits { values } else { nulls(spec.dtype, len) },
            }
        })
        .collect();
    Table { name, columns }
}

/// `n` nulls of type `dtype`.
fn nulls(dtype: DType, n: usize) -> Values {
    let mut v = Values::empty(dtype, 0);
    match &mut v {
        Values::Str(t) => t.push_run(None, n),
        Values::F64(c) => c.push_run(None, n),
        Values::I64(c) => c.push_run(None, n),
        Values::Bool(c) => c.push_run(None, n),
        Values::Date(c) => c.push_run(None, n),
        Values::DateTime(c) => c.push_run(None, n),
    }
    v
}

/// A text column of the values `it` gives, in Arrow's `Utf8` layout.
#[inline(always)]
pub(crate) fn texts<S: AsRef<str>>(it: impl Iterator<Item = Option<S>> + Clone) -> Values {
    texts_in(TextLayout::Offsets, it)
}

/// The layout a column asked for in `layout` gets: views need the `arrow`
/// feature, and without it the column holds offsets (and its bytes are
/// reserved as such).
#[inline(always)]
pub(crate) fn effective(layout: TextLayout) -> TextLayout {
    if cfg!(feature = "arrow") {
        layout
    } else {
        TextLayout::Offsets
    }
}

/// The bytes a text column of `layout` keeps for a value of `len` bytes:
/// with views, only a value over 12 bytes has bytes outside its view.
#[inline(always)]
fn kept(layout: TextLayout, len: usize) -> usize {
    match layout {
        TextLayout::Views if len <= 12 => 0,
        _ => len,
    }
}

/// A text column of the values `it` gives, in `layout`, its bytes reserved
/// first (the iterator is walked twice: borrowed text only, no work per
/// value).
#[inline(always)]
pub(crate) fn texts_in<S: AsRef<str>>(
    layout: TextLayout,
    it: impl Iterator<Item = Option<S>> + Clone,
) -> Values {
    let layout = effective(layout);
    let (n, bytes) = it.clone().fold((0usize, 0usize), |(n, b), v| {
        (
            n + 1,
            b + v.as_ref().map_or(0, |s| kept(layout, s.as_ref().len())),
        )
    });
    let mut t = Texts::with_layout(layout, n, bytes);
    for v in it {
        t.push(v.as_ref().map(AsRef::as_ref));
    }
    Values::Str(t)
}

/// A text column of runs, in `layout`: each `(value, count)` repeated
/// `count` times (with views, each run's bytes written once).
#[inline(always)]
pub(crate) fn runs<'s>(
    layout: TextLayout,
    it: impl Iterator<Item = (Option<&'s str>, usize)> + Clone,
) -> Values {
    let layout = effective(layout);
    let (n, bytes) = it.clone().fold((0usize, 0usize), |(n, b), (v, k)| {
        let len = kept(layout, v.map_or(0, str::len));
        let once = match layout {
            TextLayout::Views => usize::from(k > 0),
            TextLayout::Offsets => k,
        };
        (n + k, b + len * once)
    });
    let mut t = Texts::with_layout(layout, n, bytes);
    for (v, k) in it {
        t.push_run(v, k);
    }
    Values::Str(t)
}

/// A text column of `n` copies of `v` (None: `n` nulls), in Arrow's `Utf8`
/// layout.
pub(crate) fn repeat_text(v: Option<&str>, n: usize) -> Values {
    runs(TextLayout::Offsets, std::iter::once((v, n)))
}

/// A column of `n` fixed-size values from `it` (room for `n` reserved).
#[inline(always)]
pub(crate) fn cells<T: Copy + Default>(n: usize, it: impl Iterator<Item = Option<T>>) -> Cells<T> {
    let mut c = Cells::with_capacity(n);
    for v in it {
        c.push(v);
    }
    c
}

/// Each row's pace as its four columns: expected, expected_pct, pace_delta
/// and pace_status. One pass over the `n` rows (the three numbers are null
/// together: one validity bitmap), each status's name read once, not
/// serialised per row.
pub(crate) fn pace_columns(
    layout: TextLayout,
    n: usize,
    pace: impl Iterator<Item = Option<Pace>>,
) -> [Values; 4] {
    let names = [PaceStatus::Ahead, PaceStatus::OnTrack, PaceStatus::Behind].map(|s| tag(&s));
    let name = |s: PaceStatus| match s {
        PaceStatus::Ahead => names[0].as_deref(),
        PaceStatus::OnTrack => names[1].as_deref(),
        PaceStatus::Behind => names[2].as_deref(),
    };
    let mut status = Vec::with_capacity(n);
    let [expected, expected_pct, delta] = Cells::together(
        n,
        pace.map(|p| {
            status.push(p.and_then(|p| name(p.status)));
            let expected = p.map(|p| p.expected);
            Some([expected?, pct(expected)?, p?.delta])
        }),
    );
    [
        Values::F64(expected),
        Values::F64(expected_pct),
        Values::F64(delta),
        texts_in(layout, status.iter().copied()),
    ]
}

/// A column of `n` copies of `v`.
pub(crate) fn repeat<T: Copy + Default>(v: Option<T>, n: usize) -> Cells<T> {
    let mut c = Cells::with_capacity(n);
    c.push_run(v, n);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::progress::CYCLES;

    #[test]
    fn pace_columns_are_null_together_and_name_each_status() {
        let rows = [
            Some(Pace::new(0.9, 0.5)),
            None,
            Some(Pace::new(0.5, 0.5)),
            Some(Pace::new(0.1, 0.5)),
        ];
        let [
            Values::F64(e),
            Values::F64(ep),
            Values::F64(d),
            Values::Str(s),
        ] = pace_columns(TextLayout::Offsets, rows.len(), rows.into_iter())
        else {
            panic!("three f64 columns and a text column");
        };
        assert_eq!(
            e.iter().collect::<Vec<_>>(),
            [Some(0.5), None, Some(0.5), Some(0.5)]
        );
        assert_eq!(
            ep.iter().collect::<Vec<_>>(),
            [Some(50.0), None, Some(50.0), Some(50.0)]
        );
        assert_eq!(d.get(0), Some(0.9 - 0.5));
        assert_eq!((d.get(1), d.get(3)), (None, Some(0.1 - 0.5)));
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            [Some("ahead"), None, Some("on_track"), Some("behind")]
        );
        assert_eq!((e.null_count(), ep.null_count(), d.null_count()), (1, 1, 1));
    }

    #[test]
    fn runs_equal_values_pushed_one_by_one() {
        let Values::Str(t) = runs(
            TextLayout::Offsets,
            [(Some("ab"), 3), (None, 2), (Some(""), 1), (Some("c"), 0)].into_iter(),
        ) else {
            panic!("text");
        };
        let want = [Some("ab"), Some("ab"), Some("ab"), None, None, Some("")];
        assert_eq!(t.iter().collect::<Vec<_>>(), want);
        assert_eq!(t.bytes_len(), 6);
    }

    #[test]
    #[cfg(not(debug_assertions))]
    fn a_column_of_the_wrong_type_or_length_becomes_nulls() {
        let t = finish(
            "progress.cycles",
            &CYCLES[..2],
            [
                Values::Date(repeat(Some(1), 2)),
                Values::Str(Texts::default()),
            ],
        );
        assert_eq!(t.columns[1].values.len(), 2);
        assert_eq!(t.columns[1].values.null_count(), 2);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "type or length")]
    fn a_column_of_the_wrong_length_is_a_bug_in_debug_builds() {
        finish(
            "progress.cycles",
            &CYCLES[..2],
            [
                Values::Date(repeat(Some(1), 2)),
                Values::Str(Texts::default()),
            ],
        );
    }
}
