//! An org's text columns in Arrow's `Utf8View` layout, built once per org
//! (issue 18): the ids, titles, names and fixed tags the four progress
//! tables carry, one array per field over every cycle, team, objective and
//! key result in document order.
//!
//! An [`Org`] is immutable and its text does not depend on the date, so
//! [`from_columns`](super::from_columns) with [`TextLayout::Views`](super::TextLayout)
//! gathers these arrays at a report's rows (`take`: 16 bytes of view per
//! cell, the text buffers shared by reference count) instead of reading
//! 20,000 key results into fresh buffers on every call. The arrays are built
//! on the first views-layout table of an org that reads them
//! ([`Org::text_columns`]), never before: an org whose tables are never
//! asked for in that layout holds none. They come in two parts built apart
//! (the cycles', teams' and objectives'; the key results' with their measure
//! numbers), so that a table of objectives, teams or cycles does not build
//! the key results' columns, most of the cache.

use super::from_columns::{Field, MeasureNumbers, Per};
use super::progress::unit;
use super::{Texts, Values, tag};
use crate::Org;
use crate::model::{KeyResult, Measure};
use arrow_array::builder::StringViewBuilder;
use arrow_array::{Array, StringViewArray, UInt32Array};
use std::sync::OnceLock;

/// One cached column: None when a value could not be held as a view (one
/// value longer than `u32::MAX` bytes; only a document built in memory can
/// have one), and the tables
/// build that column from the document as before.
type Column = Option<StringViewArray>;

/// How many derived columns there are: [`Per::Objective`] of the four
/// fields `CycleId` to `TeamName`, [`Per::KeyResult`] of the six `CycleId` to
/// `ObjectiveTitle`.
const DERIVED: usize = 10;

/// The slot of `field` gathered `per` in [`SharedText::derived`], if it has one.
fn derived_slot(per: Per, field: Field) -> Option<usize> {
    let f = field as usize;
    match per {
        Per::Objective if f <= Field::TeamName as usize => Some(f),
        Per::KeyResult if f <= Field::ObjectiveTitle as usize => Some(4 + f),
        _ => None,
    }
}

/// The cached text columns of an org (see the module documentation), one
/// per [`Field`], and where each objective's key results start in the key
/// result columns.
///
/// The columns come in two parts, each built by the first table that reads
/// one of its columns: the cycles', teams' and objectives' (a few per
/// objective), and the key results' with their measure numbers (five text
/// columns and four number columns over every key result: most of the
/// cache). A table of objectives, teams or cycles never builds the second.
#[derive(Debug, Clone)]
pub(crate) struct SharedText {
    /// The columns of the fields `CycleId` to `ObjectiveAlignedTo`, in
    /// [`Field`]'s order.
    objective_part: OnceLock<Vec<Column>>,
    /// The columns of the fields `KeyResultId` to `KeyResultDirection`, and
    /// the baseline, target, bound and weight columns of every key result
    /// in document order (they do not depend on the date either): a report
    /// of the whole org clones them instead of reading 20,000 key results.
    key_result_part: OnceLock<([Column; 5], [Values; 4])>,
    /// The whole-org columns gathered from the cached columns at rows that
    /// depend on the org alone ([`Per`]): each built by the first whole-org
    /// table that holds it, then shared by every later one (no gather per
    /// table; for pandas, one `LargeUtf8` copy per org instead of one per
    /// frame).
    derived: [OnceLock<Column>; DERIVED],
    /// Each column (then each derived column) written out as `LargeUtf8`
    /// (pandas' text), made by the first pandas frame that holds the column
    /// whole and kept (feature `pandas`; [`SharedText::large_text`]).
    #[cfg(feature = "pandas")]
    large: Vec<OnceLock<Option<arrow_array::LargeStringArray>>>,
    kr_start: Vec<u32>,
}

/// A `Utf8View` array of `it`'s values (None: null); None if one is too
/// long for a view.
fn array<S: AsRef<str>>(it: impl ExactSizeIterator<Item = Option<S>>) -> Column {
    let mut b = StringViewBuilder::with_capacity(it.len());
    for v in it {
        match v {
            Some(s) => b.try_append_value(s.as_ref()).ok()?,
            None => b.append_null(),
        }
    }
    Some(b.finish())
}

/// How many fields the objective part holds (`CycleId` to
/// `ObjectiveAlignedTo`); the key result part holds the rest.
const OBJECTIVE_FIELDS: usize = Field::KeyResultId as usize;

impl SharedText {
    /// The cache of `org`, empty: each part is built by the first table
    /// that reads it ([`SharedText::column`]).
    pub(crate) fn new(org: &Org) -> SharedText {
        let doc = org.document();
        let mut kr_start = Vec::with_capacity(doc.objectives.len() + 1);
        let mut at = 0u32;
        kr_start.push(at);
        for o in doc.objectives.iter() {
            // An org's key results are counted in u32 (checked on loading).
            at = at.saturating_add(u32::try_from(o.key_results.len()).unwrap_or(u32::MAX));
            kr_start.push(at);
        }
        SharedText {
            objective_part: OnceLock::new(),
            key_result_part: OnceLock::new(),
            derived: Default::default(),
            #[cfg(feature = "pandas")]
            large: (0..Field::ALL.len() + DERIVED)
                .map(|_| OnceLock::new())
                .collect(),
            kr_start,
        }
    }

    /// The cycles', teams' and objectives' columns of `org`, from its
    /// document, in [`Field`]'s order.
    fn objective_columns(org: &Org) -> Vec<Column> {
        let doc = org.document();
        let objectives = || doc.objectives.iter();
        Field::ALL[..OBJECTIVE_FIELDS]
            .iter()
            .map(|f| match f {
                Field::CycleId => array(doc.cycles.iter().map(|c| Some(c.id.as_str()))),
                Field::CycleName => array(doc.cycles.iter().map(|c| Some(c.name.as_str()))),
                Field::TeamId => array(doc.teams.iter().map(|t| Some(t.id.as_str()))),
                Field::TeamName => array(doc.teams.iter().map(|t| Some(t.name.as_str()))),
                Field::ObjectiveId => array(objectives().map(|o| Some(o.id.as_str()))),
                Field::ObjectiveTitle => array(objectives().map(|o| Some(o.title.as_str()))),
                Field::ObjectiveKind => array(objectives().map(|o| tag(&o.kind))),
                Field::ObjectiveAlignedTo => {
                    array(objectives().map(|o| o.aligned_to.as_ref().map(|a| a.objective.as_str())))
                }
                _ => None,
            })
            .collect()
    }

    /// The key result part, built on the first call.
    fn key_result_part(&self, org: &Org) -> &([Column; 5], [Values; 4]) {
        self.key_result_part.get_or_init(|| {
            let krs: Vec<&KeyResult> = org
                .document()
                .objectives
                .iter()
                .flat_map(|o| &o.key_results)
                .collect();
            key_result_columns(&krs)
        })
    }

    /// The baseline, target, bound and weight columns of every key result
    /// of the org, in document order.
    pub(crate) fn measures(&self, org: &Org) -> &[Values; 4] {
        &self.key_result_part(org).1
    }

    /// The columns built so far, one per [`Field`] in its order (None: not
    /// built, or not held as views).
    fn built(&self) -> impl Iterator<Item = Option<&StringViewArray>> {
        let objectives = self.objective_part.get();
        let key_results = self.key_result_part.get().map(|(c, _)| c);
        Field::ALL.iter().map(move |&f| {
            let i = f as usize;
            match i.checked_sub(OBJECTIVE_FIELDS) {
                None => objectives?.get(i)?.as_ref(),
                Some(k) => key_results?.get(k)?.as_ref(),
            }
        })
    }

    /// `a` written out as `LargeUtf8` by `convert` when `a` is one of the
    /// cached columns itself (the same views, length and nulls: a
    /// whole-org table's column), converted on the first call and kept; None
    /// for any other array (a gathered column).
    #[cfg(feature = "pandas")]
    pub(crate) fn large_text(
        &self,
        a: &StringViewArray,
        convert: impl FnOnce(&StringViewArray) -> Option<arrow_array::LargeStringArray>,
    ) -> Option<arrow_array::LargeStringArray> {
        let same = |c: &&StringViewArray| {
            c.len() == a.len() && c.views().as_ptr() == a.views().as_ptr() && c.nulls() == a.nulls()
        };
        let derived = self
            .derived
            .iter()
            .map(|d| d.get().and_then(Option::as_ref));
        let (i, cached) = self
            .built()
            .chain(derived)
            .enumerate()
            .find_map(|(i, c)| c.filter(same).map(|c| (i, c)))?;
        self.large.get(i)?.get_or_init(|| convert(cached)).clone()
    }

    /// The whole-org column of `field` gathered `per` ([`Per`]; `rows`, the
    /// gather's rows, are read only by the first call): built on the first
    /// call, then the same array. None when `field` has no derived column
    /// or its cached column is not held as views (the caller builds it).
    pub(crate) fn derived(
        &self,
        org: &Org,
        per: Per,
        field: Field,
        rows: impl FnOnce() -> Vec<u32>,
    ) -> Option<Values> {
        let slot = self.derived.get(derived_slot(per, field)?)?;
        let a = slot
            .get_or_init(|| take(self.column(org, field).as_ref()?, rows()))
            .as_ref()?;
        Some(Values::Str(Texts::from_views(a.clone())))
    }

    /// Bytes of the `LargeUtf8` copies [`SharedText::large_text`] made.
    fn large_memory(&self) -> usize {
        #[cfg(feature = "pandas")]
        return self
            .large
            .iter()
            .filter_map(|l| l.get().and_then(Option::as_ref))
            .map(|a| a.get_buffer_memory_size())
            .sum();
        #[cfg(not(feature = "pandas"))]
        0
    }

    /// The cached column of `f` of `org` (None: not held as views),
    /// building its part of the cache on the first call.
    pub(crate) fn column(&self, org: &Org, f: Field) -> &Column {
        static NONE: Column = None;
        let i = f as usize;
        match i.checked_sub(OBJECTIVE_FIELDS) {
            None => self
                .objective_part
                .get_or_init(|| Self::objective_columns(org))
                .get(i),
            Some(k) => self.key_result_part(org).0.get(k),
        }
        .unwrap_or(&NONE)
    }

    /// The key result rows (indexes into the key result columns) of the
    /// objectives `objectives`, each objective's in order.
    pub(crate) fn key_result_rows(&self, objectives: &[u32]) -> Vec<u32> {
        let mut rows = Vec::new();
        for &o in objectives {
            let o = o as usize;
            if let (Some(&a), Some(&b)) = (self.kr_start.get(o), self.kr_start.get(o + 1)) {
                rows.extend(a..b);
            }
        }
        rows
    }

    /// Bytes the cache holds (views, text buffers, null bitmaps, starts,
    /// the measure columns' values and validity: 8 bytes per `f64`, and a
    /// bitmap only for a column with a null, as [`Cells`](super::Cells)
    /// keeps none without; the `LargeUtf8` copies pandas frames made).
    pub(crate) fn memory_size(&self) -> usize {
        let derived = self.derived.iter().map(|d| d.get()?.as_ref());
        let measures = self.key_result_part.get().map(|(_, m)| m);
        self.large_memory()
            + self
                .built()
                .chain(derived)
                .flatten()
                .map(|a| a.get_buffer_memory_size())
                .sum::<usize>()
            + self.kr_start.len() * 4
            + measures
                .into_iter()
                .flatten()
                .map(|v| {
                    let bitmap = if v.null_count() > 0 {
                        v.len().div_ceil(8)
                    } else {
                        0
                    };
                    v.len() * 8 + bitmap
                })
                .sum::<usize>()
    }
}

/// The five key result text columns (id, title, kind, unit, direction, in
/// [`Field`]'s order) of `krs`, and their measure numbers, read in one
/// pass: each key result is read once, not once per column (the structs are
/// far apart in memory).
fn key_result_columns(krs: &[&KeyResult]) -> ([Column; 5], [Values; 4]) {
    let n = krs.len();
    let mut numbers = MeasureNumbers::with_capacity(n);
    let mut b: [Option<StringViewBuilder>; 5] =
        std::array::from_fn(|_| Some(StringViewBuilder::with_capacity(n)));
    let put = |b: &mut Option<StringViewBuilder>, v: Option<&str>| {
        if let Some(builder) = b {
            let ok = match v {
                Some(s) => builder.try_append_value(s).is_ok(),
                None => {
                    builder.append_null();
                    true
                }
            };
            if !ok {
                *b = None;
            }
        }
    };
    for k in krs {
        let [id, title, kind, unit_b, direction] = &mut b;
        put(id, Some(k.id.as_str()));
        put(title, Some(k.title.as_str()));
        put(kind, tag(&k.measure.kind()).as_deref());
        put(unit_b, unit(Some(&k.measure)));
        let d = match &k.measure {
            Measure::Threshold { direction, .. } => tag(direction),
            _ => None,
        };
        put(direction, d.as_deref());
        numbers.push(k);
    }
    (b.map(|b| b.map(|mut b| b.finish())), numbers.finish())
}

/// `column` gathered at `rows` as a text column (its views copied, its text
/// buffers shared); None when the column is not cached or a row is out of
/// range (then the caller builds the column from the document).
///
/// A table of less than half the org's rows (a report filtered by cycle or
/// team) gets its own compact buffers instead (`gc`): a frame of 20 rows
/// must not keep the whole org's text alive after the org is gone.
pub(crate) fn gather(column: &Column, rows: Vec<u32>) -> Option<Values> {
    let a = column.as_ref()?;
    let n = rows.len();
    if n == a.len() && super::from_columns::is_identity(&rows) {
        // Every row in order (a report of the whole org): the array itself.
        return Some(Values::Str(Texts::from_views(a.clone())));
    }
    let views = take(a, rows)?;
    let views = if n.saturating_mul(2) < a.len() {
        views.gc()
    } else {
        views
    };
    Some(Values::Str(Texts::from_views(views)))
}

/// `a` at `rows` (its views copied, its text buffers shared); None when a
/// row is out of range.
pub(crate) fn take(a: &StringViewArray, rows: Vec<u32>) -> Option<StringViewArray> {
    let rows = UInt32Array::from(rows);
    let bounds = arrow_select::take::TakeOptions { check_bounds: true };
    let taken = arrow_select::take::take(a, &rows, Some(bounds)).ok()?;
    taken.as_any().downcast_ref::<StringViewArray>().cloned()
}

/// `column` as it is when it has `n` rows (the table of a whole-org
/// report: every row in order); None when it is not cached or is not that
/// long (then the caller gathers or builds the column).
pub(crate) fn whole(column: &Column, n: usize) -> Option<Values> {
    let a = column.as_ref().filter(|a| a.len() == n)?;
    Some(Values::Str(Texts::from_views(a.clone())))
}

#[cfg(test)]
mod tests {
    use crate::Org;
    use crate::generate::{GenerateOptions, generate};
    use crate::model::Measure;
    use crate::progress::{ProgressColumns, ProgressOptions};
    use crate::table::from_columns::Field;
    use crate::table::values::Parts;
    use crate::table::{Table, TextLayout, Values, from_columns};
    use arrow_array::Array;

    /// The text buffers of `t`'s column `name` (views layout).
    fn data_buffers(t: Table, name: &str) -> Vec<arrow_buffer::Buffer> {
        let Some(Values::Str(texts)) = t.column(name).map(|c| c.values.clone()) else {
            panic!("a text column {name}");
        };
        match texts.into_parts() {
            Parts::Views(a) => a.data_buffers().to_vec(),
            Parts::Offsets(..) | Parts::Utf8(_) => panic!("views"),
        }
    }

    /// Where the text buffers of `t`'s column `name` start.
    fn texts_views_for_tests(t: Table, name: &str) -> Vec<*const u8> {
        data_buffers(t, name).iter().map(|b| b.as_ptr()).collect()
    }

    fn org() -> Org {
        Org::new(generate(&GenerateOptions::scaled(200))).expect("a generated org is valid")
    }

    /// The roll-up of every objective of `org`.
    fn all(org: &Org) -> ProgressColumns<&Org> {
        org.progress_columns(&ProgressOptions::default())
            .expect("columns")
    }

    #[test]
    fn the_cache_is_built_by_the_first_views_table_only() {
        let org = org();
        let c = all(&org);
        let _ = from_columns::key_results(&c, TextLayout::Offsets);
        assert_eq!(
            org.text_columns_memory(),
            0,
            "offsets tables build no cache"
        );
        let _ = from_columns::key_results(&c, TextLayout::Views);
        let size = org.text_columns_memory();
        assert!(size > 0);
        let _ = from_columns::objectives(&c, TextLayout::Views);
        let more = org.text_columns_memory();
        assert!(more > size, "the objectives' cycle and team columns added");
        let _ = from_columns::objectives(&c, TextLayout::Views);
        let _ = from_columns::key_results(&c, TextLayout::Views);
        assert_eq!(org.text_columns_memory(), more, "built once");
    }

    /// A table of objectives, teams or cycles builds the cycles', teams'
    /// and objectives' columns only: the key results' (five text columns
    /// and four number columns over every key result, most of the cache)
    /// wait for a table that reads them.
    #[test]
    fn an_objectives_table_leaves_the_key_result_columns_unbuilt() {
        let org = org();
        let c = all(&org);
        let objectives = from_columns::objectives(&c, TextLayout::Views);
        let _ = (
            from_columns::teams(&c, TextLayout::Views),
            from_columns::cycles(&c, TextLayout::Views),
        );
        let cache = org.text_columns();
        assert!(cache.objective_part.get().is_some());
        assert!(cache.key_result_part.get().is_none(), "not built");
        let size = org.text_columns_memory();
        assert!(size > 0);
        let _ = from_columns::key_results(&c, TextLayout::Views);
        assert!(cache.key_result_part.get().is_some());
        assert!(org.text_columns_memory() > size);
        // The objectives table read the same columns either way.
        let fresh = Org::new(org.document().to_document()).expect("valid");
        let c = all(&fresh);
        let _ = from_columns::key_results(&c, TextLayout::Views);
        assert_eq!(from_columns::objectives(&c, TextLayout::Views), objectives);
    }

    /// A whole-org table's gathered columns (cycle and team at each
    /// objective, objective fields at each key result) are built once per
    /// org and shared by every later table (the same views, not a gather per
    /// table), each cell as the offsets layout reads it from the document;
    /// a filtered report gathers its own.
    #[test]
    fn gathered_whole_org_columns_are_built_once() {
        let org = org();
        let c = all(&org);
        let views = |t: &Table, name: &str| match t.column(name).map(|c| c.values.clone()) {
            Some(Values::Str(texts)) => match texts.into_parts() {
                Parts::Views(a) => a.views().as_ptr(),
                Parts::Offsets(..) | Parts::Utf8(_) => panic!("views"),
            },
            _ => panic!("a text column {name}"),
        };
        let tables = || {
            [
                from_columns::key_results(&c, TextLayout::Views),
                from_columns::objectives(&c, TextLayout::Views),
            ]
        };
        let (a, b) = (tables(), tables());
        for (i, names) in [
            &[
                "cycle",
                "cycle_name",
                "team",
                "team_name",
                "objective",
                "objective_title",
            ][..],
            &["cycle", "cycle_name", "team", "team_name"][..],
        ]
        .iter()
        .enumerate()
        {
            for name in *names {
                assert_eq!(views(&a[i], name), views(&b[i], name), "{name}: shared");
            }
        }
        assert_eq!(a[0], from_columns::key_results(&c, TextLayout::Offsets));
        assert_eq!(a[1], from_columns::objectives(&c, TextLayout::Offsets));
        let options = ProgressOptions {
            team: Some(org.document().teams[0].id.clone()),
            ..ProgressOptions::default()
        };
        let one = org.progress_columns(&options).expect("columns");
        let t = from_columns::key_results(&one, TextLayout::Views);
        assert_ne!(views(&t, "team_name"), views(&a[0], "team_name"), "its own");
        assert_eq!(t, from_columns::key_results(&one, TextLayout::Offsets));
    }

    #[test]
    fn two_calls_share_the_text_buffers() {
        let org = org();
        let c = all(&org);
        let a = texts_views_for_tests(from_columns::key_results(&c, TextLayout::Views), "title");
        let b = texts_views_for_tests(from_columns::key_results(&c, TextLayout::Views), "title");
        assert!(!a.is_empty());
        assert_eq!(a, b, "the same text buffers, not copies");
    }

    /// A report filtered to one team gets compact buffers of its own text,
    /// not the org's whole buffers (a small frame must not pin them).
    #[test]
    fn a_filtered_table_holds_only_its_own_text() {
        let org = org();
        let all = all(&org);
        let whole: usize = buffer_bytes(from_columns::key_results(&all, TextLayout::Views));
        let options = ProgressOptions {
            team: Some(org.document().teams[0].id.clone()),
            ..ProgressOptions::default()
        };
        let one = org.progress_columns(&options).expect("columns");
        let t = from_columns::key_results(&one, TextLayout::Views);
        assert!(
            t.len() * 2
                < org
                    .document()
                    .objectives
                    .iter()
                    .map(|o| o.key_results.len())
                    .sum::<usize>()
        );
        let own = buffer_bytes(t);
        assert!(
            own * 2 < whole,
            "{own} bytes of text buffers against {whole}"
        );
    }

    /// A report of the whole org takes the cached arrays themselves (no
    /// gather), and its measure columns are the cached ones, each cell the
    /// same as the offsets layout's (read from the key results).
    #[test]
    fn a_whole_org_table_is_the_cached_columns() {
        let org = org();
        let c = all(&org);
        let t = from_columns::key_results(&c, TextLayout::Views);
        let Some(Values::Str(texts)) = t.column("title").map(|c| c.values.clone()) else {
            panic!("a text column title");
        };
        let Parts::Views(got) = texts.into_parts() else {
            panic!("views");
        };
        let cached = org
            .text_columns()
            .column(&org, Field::KeyResultTitle)
            .clone()
            .expect("cached");
        assert_eq!(got.views().as_ptr(), cached.views().as_ptr(), "not a copy");
        let offsets = from_columns::key_results(&c, TextLayout::Offsets);
        for name in ["baseline", "target", "bound", "weight"] {
            assert_eq!(
                t.column(name).map(|c| &c.values),
                offsets.column(name).map(|c| &c.values),
                "{name}"
            );
        }
    }

    /// The measure columns are counted in `text_columns_memory`: 8 bytes
    /// per key result in each of the four, a bitmap for each column with a
    /// null (baseline and target: every key result that is not a metric;
    /// bound: every one that is not a threshold; weight has none).
    #[test]
    fn the_cached_measures_are_counted() {
        let org = org();
        let c = all(&org);
        let _ = from_columns::key_results(&c, TextLayout::Views);
        let cache = org.text_columns();
        let text: usize = Field::ALL
            .iter()
            .filter_map(|&f| cache.column(&org, f).as_ref())
            .chain(cache.derived.iter().filter_map(|d| d.get()?.as_ref()))
            .map(|a| a.get_buffer_memory_size())
            .sum();
        let doc = org.document();
        let starts = (doc.objectives.len() + 1) * 4;
        let krs: Vec<_> = doc.objectives.iter().flat_map(|o| &o.key_results).collect();
        let n = krs.len();
        assert!(n > 0);
        let all = |f: fn(&Measure) -> bool| krs.iter().all(|k| f(&k.measure));
        let metric = all(|m| matches!(m, Measure::Metric { .. }));
        let threshold = all(|m| matches!(m, Measure::Threshold { .. }));
        assert!(!metric && !threshold, "the org has nulls in both");
        let bitmaps = 3 * n.div_ceil(8);
        let total = org.text_columns_memory();
        assert!(total >= text + 32 * n, "{total} against {text} + 32 * {n}");
        assert_eq!(total, text + starts + 32 * n + bitmaps);
    }

    /// The cached measure columns serve a whole-org report in the views
    /// layout only, and hold what the offsets table reads from the key
    /// results.
    #[test]
    fn cached_measures_serve_whole_org_views_tables_only() {
        let org = org();
        let c = all(&org);
        let oi = c.objective_indexes();
        let n = c.key_result_count();
        assert!(n > 0);
        let whole = |layout| from_columns::whole_org(&c, layout, oi);
        assert!(from_columns::cached_measures(&c, whole(TextLayout::Offsets)).is_none());
        let got = from_columns::cached_measures(&c, whole(TextLayout::Views))
            .expect("a whole-org report");
        let offsets = from_columns::key_results(&c, TextLayout::Offsets);
        for (name, v) in ["baseline", "target", "bound", "weight"].iter().zip(&got) {
            assert_eq!(v.len(), n, "{name}");
            assert_eq!(offsets.column(name).map(|c| &c.values), Some(v), "{name}");
        }

        assert!(org.document().teams.len() >= 2);
        let options = ProgressOptions {
            team: Some(org.document().teams[0].id.clone()),
            ..ProgressOptions::default()
        };
        let one = org.progress_columns(&options).expect("columns");
        let oi = one.objective_indexes();
        assert!(!oi.is_empty() && oi.len() < org.document().objectives.len());
        assert!(
            from_columns::cached_measures(
                &one,
                from_columns::whole_org(&one, TextLayout::Views, oi)
            )
            .is_none()
        );
    }

    /// pandas frames of a whole-org report share one `LargeUtf8` copy of
    /// each whole cached column (counted in `text_columns_memory`); a
    /// filtered report's gathered columns are written out each time; every
    /// batch equals what `pandas_batch` gives without the cache.
    #[cfg(feature = "pandas")]
    #[test]
    fn pandas_frames_share_the_whole_columns_as_large_text() {
        use crate::table::pandas::{pandas_batch, pandas_batch_of};
        let org = org();
        let c = all(&org);
        let batch = |c: &ProgressColumns<&Org>| {
            from_columns::key_results(c, TextLayout::Views)
                .into_arrow_views()
                .expect("arrow")
        };
        let whole = batch(&c);
        let before = org.text_columns_memory();
        let a = pandas_batch_of(&org, &whole, true).expect("pandas");
        let after = org.text_columns_memory();
        assert!(after > before, "{after} against {before}");
        let b = pandas_batch_of(&org, &batch(&c), true).expect("pandas");
        assert_eq!(org.text_columns_memory(), after, "made once");
        let data = |b: &arrow_array::RecordBatch, name: &str| {
            b.column_by_name(name)
                .map(|c| c.to_data().buffers()[1].as_ptr())
        };
        for name in ["key_result", "title", "measure", "unit", "direction"] {
            assert_eq!(data(&a, name), data(&b, name), "{name}: shared");
        }
        assert_eq!(
            data(&a, "team_name"),
            data(&b, "team_name"),
            "gathered once per org: shared too"
        );
        assert_eq!(a, pandas_batch(&whole, true).expect("pandas"));
        // Pandas before 2.2 (Utf8): no cache.
        let small = pandas_batch_of(&org, &whole, false).expect("pandas");
        assert_eq!(small, pandas_batch(&whole, false).expect("pandas"));
        assert_eq!(org.text_columns_memory(), after);

        let options = ProgressOptions {
            team: Some(org.document().teams[0].id.clone()),
            ..ProgressOptions::default()
        };
        let one = org.progress_columns(&options).expect("columns");
        let filtered = batch(&one);
        let got = pandas_batch_of(&org, &filtered, true).expect("pandas");
        assert_eq!(got, pandas_batch(&filtered, true).expect("pandas"));
        assert_eq!(
            org.text_columns_memory(),
            after,
            "nothing cached for a filtered report"
        );
    }

    fn buffer_bytes(t: Table) -> usize {
        data_buffers(t, "title").iter().map(|b| b.len()).sum()
    }
}
