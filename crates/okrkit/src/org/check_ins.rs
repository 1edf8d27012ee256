//! The check-ins of an [`Org`](crate::Org), stored once, as columns.
//!
//! A check-in's key result is implied by its place in the index (the
//! check-ins are grouped by key result, CSR layout); its time and value are
//! plain columns the roll-up scans; what the computations rarely read
//! (confidence, note, author, a time finer than a microsecond) costs little
//! or nothing when absent. The document's order is kept as a permutation, so
//! the document comes back exactly as it was given.

use super::load::Rows;
use crate::ids::PersonId;
use crate::model::CheckIn;
use chrono::{DateTime, Utc};
use std::sync::OnceLock;

/// Check-ins per key result, in time order, as parallel arrays (CSR layout).
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckInIndex {
    /// len = key results + 1; check-ins of key result k are `start[k]..start[k+1]`.
    pub start: Vec<u32>,
    /// Time in microseconds since the Unix epoch.
    pub at: Vec<i64>,
    pub value: Vec<f64>,
    /// Position of each check-in in the document's `check_ins`.
    pub source: Vec<u32>,
    /// The confidences, by position in the index.
    confidence: Confidence,
    /// The notes, `(position in the index, text)`, sorted by position.
    notes: Vec<(u32, Box<str>)>,
    /// The authors, `(position in the index, person)`, sorted by position.
    authors: Vec<(u32, PersonId)>,
    /// The times that `at` does not give back exactly (a fraction of a
    /// microsecond, a leap second), sorted by position.
    exact_at: Vec<(u32, DateTime<Utc>)>,
    /// Document position -> position in the index (the inverse of `source`),
    /// built on first use: only reading check-ins in document order needs it.
    by_document: OnceLock<Vec<u32>>,
}

/// The confidence column: nothing when no check-in has one, one byte per
/// check-in when every confidence is a whole number 0–10 (the common case),
/// else a full `f64` per check-in.
#[derive(Debug, Clone, Default)]
enum Confidence {
    #[default]
    Absent,
    /// `NO_CONFIDENCE` for none.
    Whole(Vec<u8>),
    /// NaN for none (validation refuses a NaN confidence).
    Full(Vec<f64>),
}

const NO_CONFIDENCE: u8 = u8::MAX;

impl Confidence {
    /// The column of `n` confidences, `of(p)` the one at position `p`.
    fn build(n: usize, of: impl Fn(usize) -> Option<f64>) -> Confidence {
        if !(0..n).any(|p| of(p).is_some()) {
            return Confidence::Absent;
        }
        if (0..n).all(|p| of(p).is_none_or(|x| whole(x).is_some())) {
            let byte = |p| of(p).and_then(whole).unwrap_or(NO_CONFIDENCE);
            Confidence::Whole((0..n).map(byte).collect())
        } else {
            Confidence::Full((0..n).map(|p| of(p).unwrap_or(f64::NAN)).collect())
        }
    }
}

/// `x` as a byte when that byte gives `x` back bit for bit.
fn whole(x: f64) -> Option<u8> {
    let b = x as u8;
    (b < NO_CONFIDENCE && f64::from(b).to_bits() == x.to_bits()).then_some(b)
}

/// A check-in's time as [`CheckInIndex::assemble`] reads it: ordered as
/// the instants are, and split into the `at` column's microseconds and, when
/// those do not give the time back, the exact time.
pub(super) trait Instant: Ord + Copy {
    /// The microseconds since the Unix epoch, and the exact time where the
    /// microseconds alone lose something (a fraction of a microsecond, a
    /// leap second).
    fn split(self) -> (i64, Option<DateTime<Utc>>);
}

impl Instant for DateTime<Utc> {
    fn split(self) -> (i64, Option<DateTime<Utc>>) {
        let micros = self.timestamp_micros();
        (
            micros,
            (DateTime::from_timestamp_micros(micros) != Some(self)).then_some(self),
        )
    }
}

/// Microseconds since the Unix epoch that give their time back exactly
/// (ordered as the instants are).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Micros(pub i64);

impl Instant for Micros {
    fn split(self) -> (i64, Option<DateTime<Utc>>) {
        (self.0, None)
    }
}

/// Where each key result's check-ins start in the index (CSR), from the
/// flat index of each check-in's key result; `n_kr + 1` entries.
fn starts(flat: &[u32], n_kr: usize) -> Vec<u32> {
    let mut start = vec![0u32; n_kr + 1];
    for &k in flat {
        start[k as usize + 1] += 1;
    }
    for i in 0..n_kr {
        start[i + 1] += start[i];
    }
    start
}

/// An empty vector of `U` in the buffer of `v` (a `T` of the same size:
/// std's collection in place keeps the allocation), so that its pages,
/// already written, are not mapped afresh; a fresh vector where std does
/// not.
fn emptied<T, U>(mut v: Vec<T>) -> Vec<U>
where
    U: From<u8>,
{
    // std does not guarantee the collection in place (it is an
    // optimisation): without it the result is still an empty vector, only
    // in a fresh buffer (slower, never wrong).
    v.clear();
    v.into_iter().map(|_| U::from(0)).collect()
}

/// Re-keys `(document position, x)` to `(position in the index, x)`, sorted.
fn rekey_list<T>(index: &CheckInIndex, list: &mut [(u32, T)]) {
    for e in list.iter_mut() {
        e.0 = index.position_of(e.0 as usize).unwrap_or_default() as u32;
    }
    list.sort_unstable_by_key(|e| e.0);
}

fn find<T>(list: &[(u32, T)], pos: usize) -> Option<&T> {
    list.binary_search_by_key(&(pos as u32), |e| e.0)
        .ok()
        .map(|i| &list[i].1)
}

impl CheckInIndex {
    /// Builds the columns from a document's check-ins (their notes and
    /// authors are taken). `flat[i]` is the flat index of check-in `i`'s key result.
    pub fn from_check_ins(check_ins: &mut [CheckIn], flat: &[u32], n_kr: usize) -> CheckInIndex {
        let (mut notes, mut authors) = (Vec::new(), Vec::new());
        for (i, c) in check_ins.iter_mut().enumerate() {
            if let Some(note) = c.note.take() {
                notes.push((i as u32, note.into_boxed_str()));
            }
            if let Some(author) = c.author.take() {
                authors.push((i as u32, author));
            }
        }
        let c = &*check_ins;
        Self::assemble(
            flat,
            n_kr,
            |i| c[i].at,
            |i| c[i].value,
            |i| c[i].confidence,
            notes,
            authors,
        )
    }

    /// Builds the columns from check-ins read as rows.
    pub fn from_rows(rows: Rows, flat: &[u32], n_kr: usize) -> CheckInIndex {
        let Rows {
            rows,
            notes,
            authors,
        } = rows;
        Self::assemble(
            flat,
            n_kr,
            |i| rows[i].at,
            |i| rows[i].value,
            |i| rows[i].confidence,
            notes,
            authors,
        )
    }

    /// The columns of `flat.len()` check-ins, check-in `i` (document order)
    /// read by the accessors; `notes` and `authors` by document position.
    pub(super) fn assemble<T: Instant>(
        flat: &[u32],
        n_kr: usize,
        time: impl Fn(usize) -> T,
        value_of: impl Fn(usize) -> f64,
        confidence_of: impl Fn(usize) -> Option<f64>,
        notes: Vec<(u32, Box<str>)>,
        authors: Vec<(u32, PersonId)>,
    ) -> CheckInIndex {
        let n = flat.len();
        let start = starts(flat, n_kr);
        let mut fill = start.clone();
        let mut order = vec![0u32; n];
        for (i, &k) in flat.iter().enumerate() {
            order[fill[k as usize] as usize] = i as u32;
            fill[k as usize] += 1;
        }
        drop(fill);
        for k in 0..n_kr {
            let r = start[k] as usize..start[k + 1] as usize;
            // Stable: two check-ins at the same instant keep document order, the later one wins.
            order[r].sort_by_key(|&i| time(i as usize));
        }
        let (mut at, mut value) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut exact_at = Vec::new();
        let confidence = Confidence::build(n, |p| confidence_of(order[p] as usize));
        for (p, &i) in order.iter().enumerate() {
            let i = i as usize;
            let (micros, exact) = time(i).split();
            if let Some(t) = exact {
                exact_at.push((p as u32, t));
            }
            at.push(micros);
            value.push(value_of(i));
        }
        let index = CheckInIndex {
            start,
            at,
            value,
            source: order,
            confidence,
            notes: Vec::new(),
            authors: Vec::new(),
            exact_at,
            by_document: OnceLock::new(),
        };
        index.with_people(notes, authors, true)
    }

    /// Whether check-ins are already in the index's order: grouped by key
    /// result in flat order, each group in time order (as okrkit writes a
    /// document). `flat` and `at` (microseconds) by document position.
    pub(super) fn is_in_order(flat: &[u32], at: &[i64]) -> bool {
        flat.len() == at.len()
            && (1..flat.len())
                .all(|i| flat[i - 1] < flat[i] || (flat[i - 1] == flat[i] && at[i - 1] <= at[i]))
    }

    /// The index of check-ins in its order ([`Self::is_in_order`]), each
    /// time exactly its microseconds: `at` and `value` become the columns
    /// without a copy; `confidence` is NaN for none; notes and authors by
    /// document position (which is the position in the index).
    pub(super) fn in_order(
        flat: &[u32],
        n_kr: usize,
        (mut at, mut value): (Vec<i64>, Vec<f64>),
        confidence: &[f64],
        notes: Vec<(u32, Box<str>)>,
        authors: Vec<(u32, PersonId)>,
    ) -> CheckInIndex {
        let n = flat.len();
        debug_assert!(Self::is_in_order(flat, &at) && value.len() == n && confidence.len() == n);
        let start = starts(flat, n_kr);
        at.shrink_to_fit();
        value.shrink_to_fit();
        let index = CheckInIndex {
            start,
            at,
            value,
            source: (0..n as u32).collect(),
            confidence: Confidence::build(n, |p| {
                confidence.get(p).copied().filter(|x| !x.is_nan())
            }),
            notes: Vec::new(),
            authors: Vec::new(),
            exact_at: Vec::new(),
            by_document: OnceLock::new(),
        };
        index.with_people(notes, authors, false)
    }

    /// Where each key result's run of check-ins starts in the document,
    /// when the check-ins come in runs — all the check-ins of a key result
    /// one after another, in time order, whatever the order of the key
    /// results (as okrkit writes a document); `u32::MAX` for a key result
    /// without check-ins. `None` when they do not come so (or `at`'s length
    /// is not `flat`'s).
    pub(super) fn run_starts(flat: &[u32], n_kr: usize, at: &[i64]) -> Option<Vec<u32>> {
        let n = flat.len();
        if at.len() != n {
            return None;
        }
        let mut run = vec![u32::MAX; n_kr];
        for i in 0..n {
            let k = flat[i] as usize;
            if i == 0 || flat[i - 1] != flat[i] {
                if *run.get(k)? != u32::MAX {
                    // A second run of one key result.
                    return None;
                }
                run[k] = i as u32;
            } else if at[i - 1] > at[i] {
                return None;
            }
        }
        Some(run)
    }

    /// The index of check-ins that come in runs (`run`, from
    /// [`Self::run_starts`] over the same `flat` and `at`), built by copying
    /// each run, without a sort. Every time must be its microseconds
    /// exactly; `confidence` is NaN for none; notes and authors are added by
    /// [`Self::with_people`]. `None` when the columns' lengths differ.
    ///
    /// The columns read are given up and their buffers hold the index's
    /// columns (`flat`'s the document positions, `confidence`'s the times,
    /// `at`'s the values), whose pages are already mapped: at a million key
    /// results, fresh buffers for the copies (past glibc's mmap threshold)
    /// cost page faults (BENCHMARKS.md, "Loading at a million key results").
    pub(super) fn from_runs(
        run: &[u32],
        flat: Vec<u32>,
        n_kr: usize,
        (at, value, confidence): (Vec<i64>, Vec<f64>, Vec<f64>),
    ) -> Option<CheckInIndex> {
        let n = flat.len();
        if at.len() != n || value.len() != n || confidence.len() != n || run.len() != n_kr {
            return None;
        }
        let start = starts(&flat, n_kr);
        // Each key result's run in the document, in the index's order.
        let runs = || {
            run.iter()
                .enumerate()
                .filter(|&(_, &first)| first != u32::MAX)
                .map(|(k, &first)| {
                    first as usize..first as usize + (start[k + 1] - start[k]) as usize
                })
        };
        let mut source = flat;
        source.clear();
        for r in runs() {
            source.extend(r.start as u32..r.end as u32);
        }
        let confidence_column = Confidence::build(n, |p| {
            confidence
                .get(source[p] as usize)
                .copied()
                .filter(|x| !x.is_nan())
        });
        let mut at_out = emptied::<f64, i64>(confidence);
        for r in runs() {
            at_out.extend_from_slice(&at[r]);
        }
        let mut value_out = emptied::<i64, f64>(at);
        for r in runs() {
            value_out.extend_from_slice(&value[r]);
        }
        // Capacity beyond the check-ins (reserved while reading) given back.
        at_out.shrink_to_fit();
        value_out.shrink_to_fit();
        source.shrink_to_fit();
        Some(CheckInIndex {
            start,
            at: at_out,
            value: value_out,
            source,
            confidence: confidence_column,
            notes: Vec::new(),
            authors: Vec::new(),
            exact_at: Vec::new(),
            by_document: OnceLock::new(),
        })
    }

    /// Notes and authors by document position, kept by position in the
    /// index (re-keyed unless the two are the same).
    pub(super) fn with_people(
        mut self,
        mut notes: Vec<(u32, Box<str>)>,
        mut authors: Vec<(u32, PersonId)>,
        rekey: bool,
    ) -> CheckInIndex {
        if rekey && (!notes.is_empty() || !authors.is_empty()) {
            rekey_list(&self, &mut notes);
            rekey_list(&self, &mut authors);
            // The inverse was only needed here.
            self.by_document = OnceLock::new();
        }
        self.notes = notes;
        self.authors = authors;
        self
    }

    /// Whether two check-ins of one key result are at the same instant
    /// (neighbours in the index, which is in time order per key result):
    /// validation refuses that (`duplicate_check_in`), and `Org::from_json`'s
    /// fast route, which builds the index without validating the check-ins
    /// against each other, leaves such a document to the general route.
    pub(super) fn has_same_instant(&self) -> bool {
        (0..self.start.len().saturating_sub(1)).any(|k| {
            let r = self.range(k);
            (r.start + 1..r.end)
                .any(|p| self.at[p - 1] == self.at[p] && self.time(p - 1) == self.time(p))
        })
    }

    /// Number of check-ins.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// The position (in the parallel arrays) of the last check-in of key result
    /// `kr` at or before `cutoff` (exclusive upper bound in microseconds), if any.
    #[inline]
    pub fn last_before(&self, kr: usize, cutoff: Option<i64>) -> Option<usize> {
        let lo = self.start[kr] as usize;
        let hi = self.start[kr + 1] as usize;
        if lo == hi {
            return None;
        }
        match cutoff {
            None => Some(hi - 1),
            // The common case of a date after the latest check-in: one comparison.
            Some(cut) if self.at[hi - 1] < cut => Some(hi - 1),
            Some(cut) => {
                let n = self.at[lo..hi].partition_point(|&t| t < cut);
                if n == 0 { None } else { Some(lo + n - 1) }
            }
        }
    }

    /// Positions of the check-ins of key result `kr`.
    pub fn range(&self, kr: usize) -> std::ops::Range<usize> {
        self.start[kr] as usize..self.start[kr + 1] as usize
    }

    /// The flat index of the key result of the check-in at `pos`.
    pub fn key_result_of(&self, pos: usize) -> usize {
        // The last key result whose range starts at or before `pos`: key
        // results without check-ins have empty ranges and are skipped.
        self.start.partition_point(|&s| s as usize <= pos) - 1
    }

    /// The time of the check-in at `pos`, exactly as the document gave it.
    pub fn time(&self, pos: usize) -> DateTime<Utc> {
        if let Some(t) = find(&self.exact_at, pos) {
            return *t;
        }
        // Every time that `at` does not give back is in `exact_at`.
        DateTime::from_timestamp_micros(self.at[pos]).unwrap_or_default()
    }

    /// The confidence of the check-in at `pos`.
    pub fn confidence(&self, pos: usize) -> Option<f64> {
        match &self.confidence {
            Confidence::Absent => None,
            Confidence::Whole(v) => v
                .get(pos)
                .filter(|&&b| b != NO_CONFIDENCE)
                .map(|&b| f64::from(b)),
            Confidence::Full(v) => v.get(pos).copied().filter(|x| !x.is_nan()),
        }
    }

    /// The note of the check-in at `pos`.
    pub fn note(&self, pos: usize) -> Option<&str> {
        find(&self.notes, pos).map(|s| &**s)
    }

    /// The author of the check-in at `pos`.
    pub fn author(&self, pos: usize) -> Option<&PersonId> {
        find(&self.authors, pos)
    }

    /// The position in the index of the document's check-in `i`.
    pub fn position_of(&self, i: usize) -> Option<usize> {
        let inverse = self.by_document.get_or_init(|| {
            let mut inv = vec![0u32; self.source.len()];
            for (p, &i) in self.source.iter().enumerate() {
                inv[i as usize] = p as u32;
            }
            inv
        });
        inverse.get(i).map(|&p| p as usize)
    }
}
