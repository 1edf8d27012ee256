//! The check-ins of an [`Org`](crate::Org), stored once, as columns.
//!
//! A check-in's key result is implied by its place in the index (the
//! check-ins are grouped by key result, CSR layout); its time and value are
//! plain columns the roll-up scans; what the computations rarely read
//! (confidence, note, author, a time finer than a microsecond) costs little
//! or nothing when absent. The document's order is kept as a permutation, so
//! the document comes back exactly as it was given.

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

fn find<T>(list: &[(u32, T)], pos: usize) -> Option<&T> {
    list.binary_search_by_key(&(pos as u32), |e| e.0)
        .ok()
        .map(|i| &list[i].1)
}

impl CheckInIndex {
    /// Builds the columns from the document's check-ins, taking their notes
    /// and authors. `flat[i]` is the flat index of check-in `i`'s key result.
    pub fn build(check_ins: &mut [CheckIn], flat: &[u32], n_kr: usize) -> CheckInIndex {
        let mut start = vec![0u32; n_kr + 1];
        for &k in flat {
            start[k as usize + 1] += 1;
        }
        for i in 0..n_kr {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; check_ins.len()];
        for (i, &k) in flat.iter().enumerate() {
            order[fill[k as usize] as usize] = i as u32;
            fill[k as usize] += 1;
        }
        drop(fill);
        for k in 0..n_kr {
            let r = start[k] as usize..start[k + 1] as usize;
            // Stable: two check-ins at the same instant keep document order, the later one wins.
            order[r].sort_by_key(|&i| check_ins[i as usize].at);
        }
        let n = order.len();
        let (mut at, mut value) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut notes, mut authors, mut exact_at) = (Vec::new(), Vec::new(), Vec::new());
        let any_confidence = check_ins.iter().any(|c| c.confidence.is_some());
        let all_whole = check_ins
            .iter()
            .all(|c| c.confidence.is_none_or(|x| whole(x).is_some()));
        let mut confidence = match (any_confidence, all_whole) {
            (false, _) => Confidence::Absent,
            (true, true) => Confidence::Whole(Vec::with_capacity(n)),
            (true, false) => Confidence::Full(Vec::with_capacity(n)),
        };
        for (p, &i) in order.iter().enumerate() {
            let c = &mut check_ins[i as usize];
            let micros = c.at.timestamp_micros();
            if DateTime::from_timestamp_micros(micros) != Some(c.at) {
                exact_at.push((p as u32, c.at));
            }
            at.push(micros);
            value.push(c.value);
            match &mut confidence {
                Confidence::Absent => {}
                Confidence::Whole(v) => {
                    v.push(c.confidence.and_then(whole).unwrap_or(NO_CONFIDENCE))
                }
                Confidence::Full(v) => v.push(c.confidence.unwrap_or(f64::NAN)),
            }
            if let Some(note) = c.note.take() {
                notes.push((p as u32, note.into_boxed_str()));
            }
            if let Some(author) = c.author.take() {
                authors.push((p as u32, author));
            }
        }
        CheckInIndex {
            start,
            at,
            value,
            source: order,
            confidence,
            notes,
            authors,
            exact_at,
            by_document: OnceLock::new(),
        }
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
