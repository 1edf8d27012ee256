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
        let mut start = vec![0u32; n_kr + 1];
        for &k in flat {
            start[k as usize + 1] += 1;
        }
        for i in 0..n_kr {
            start[i + 1] += start[i];
        }
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
        let any_confidence = (0..n).any(|i| confidence_of(i).is_some());
        let all_whole = (0..n).all(|i| confidence_of(i).is_none_or(|x| whole(x).is_some()));
        let mut confidence = match (any_confidence, all_whole) {
            (false, _) => Confidence::Absent,
            (true, true) => Confidence::Whole(Vec::with_capacity(n)),
            (true, false) => Confidence::Full(Vec::with_capacity(n)),
        };
        for (p, &i) in order.iter().enumerate() {
            let i = i as usize;
            let (micros, exact) = time(i).split();
            if let Some(t) = exact {
                exact_at.push((p as u32, t));
            }
            at.push(micros);
            value.push(value_of(i));
            match &mut confidence {
                Confidence::Absent => {}
                Confidence::Whole(v) => {
                    v.push(confidence_of(i).and_then(whole).unwrap_or(NO_CONFIDENCE))
                }
                Confidence::Full(v) => v.push(confidence_of(i).unwrap_or(f64::NAN)),
            }
        }
        let mut index = CheckInIndex {
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
        // Notes and authors by document position -> by position in the index.
        if !notes.is_empty() || !authors.is_empty() {
            let (mut notes, mut authors) = (notes, authors);
            rekey_list(&index, &mut notes);
            rekey_list(&index, &mut authors);
            index.notes = notes;
            index.authors = authors;
            // The inverse was only needed here.
            index.by_document = OnceLock::new();
        }
        index
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
