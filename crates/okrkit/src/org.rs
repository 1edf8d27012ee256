//! [`Org`]: a document that passed validation, with the indexes that make
//! progress, scoring and lint fast.

use crate::error::{Error, Result};
use crate::model::{CheckIn, Document};

/// A validated document with its indexes.
///
/// Build it with [`Org::new`] (from a [`Document`]) or [`Org::from_json`]; both
/// check every rule and report every problem. An `Org` is immutable, `Send`
/// and `Sync`: share it between threads freely.
///
/// ```
/// let org = okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Checkout conversion > 65%",
///       "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56}}]}]
/// }"#).unwrap();
/// assert_eq!(org.document().objectives.len(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct Org {
    doc: Document,
    /// Flat index of each key result -> (objective index, key result index).
    kr_pos: Vec<(u32, u32)>,
    /// Per objective: flat index of its first key result (len = objectives + 1).
    kr_start: Vec<u32>,
    /// Check-ins grouped by key result (flat index), sorted by time.
    pub(crate) check_ins: CheckInIndex,
    /// Per objective: index of its cycle and team.
    pub(crate) objective_cycle: Vec<u32>,
    pub(crate) objective_team: Vec<u32>,
    /// Per objective: the objectives aligned to it (CSR layout).
    child_start: Vec<u32>,
    children: Vec<u32>,
}

/// Check-ins per key result, in time order, as parallel arrays (CSR layout).
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckInIndex {
    /// len = key results + 1; check-ins of key result k are `start[k]..start[k+1]`.
    pub start: Vec<u32>,
    /// Time in microseconds since the Unix epoch.
    pub at: Vec<i64>,
    pub value: Vec<f64>,
    /// Index into `Document::check_ins`.
    pub source: Vec<u32>,
}

impl CheckInIndex {
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
}

impl Org {
    /// Validates a document and builds its indexes.
    ///
    /// Returns [`Error::Invalid`] listing every problem when any rule is broken.
    pub fn new(doc: Document) -> Result<Org> {
        let (problems, lookups) = crate::validate::check(&doc);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let n_obj = doc.objectives.len();
        let mut kr_start = Vec::with_capacity(n_obj + 1);
        let mut kr_pos = Vec::new();
        for (oi, o) in doc.objectives.iter().enumerate() {
            kr_start.push(kr_pos.len() as u32);
            for ki in 0..o.key_results.len() {
                kr_pos.push((oi as u32, ki as u32));
            }
        }
        kr_start.push(kr_pos.len() as u32);
        let objective_cycle = doc
            .objectives
            .iter()
            .map(|o| lookups.cycles.get(o.cycle.as_str()).copied().unwrap_or(0) as u32)
            .collect();
        let objective_team = doc
            .objectives
            .iter()
            .map(|o| lookups.teams.get(o.team.as_str()).copied().unwrap_or(0) as u32)
            .collect();

        // Children of each objective (CSR).
        let mut child_count = vec![0u32; n_obj + 1];
        let parents: Vec<Option<usize>> = doc
            .objectives
            .iter()
            .map(|o| {
                o.aligned_to
                    .as_ref()
                    .and_then(|a| lookups.objectives.get(a.objective.as_str()).copied())
            })
            .collect();
        for p in parents.iter().flatten() {
            child_count[*p + 1] += 1;
        }
        for i in 0..n_obj {
            child_count[i + 1] += child_count[i];
        }
        let child_start = child_count;
        let mut fill = child_start.clone();
        let mut children = vec![0u32; child_start[n_obj] as usize];
        for (i, p) in parents.iter().enumerate() {
            if let Some(p) = p {
                children[fill[*p] as usize] = i as u32;
                fill[*p] += 1;
            }
        }

        let flat: Vec<u32> = lookups
            .check_in_key_results
            .iter()
            .map(|&(oi, ki)| kr_start[oi as usize] + ki)
            .collect();
        let check_ins = index_check_ins(&doc.check_ins, &flat, kr_pos.len());
        drop(lookups);
        let doc = share_check_in_ids(doc, &flat, &kr_pos);
        Ok(Org {
            doc,
            kr_pos,
            kr_start,
            check_ins,
            objective_cycle,
            objective_team,
            child_start,
            children,
        })
    }

    /// Reads, validates and indexes a JSON document.
    pub fn from_json(text: &str) -> Result<Org> {
        Org::new(Document::from_json(text)?)
    }

    /// Reads, validates and indexes a JSON document from bytes (a file or a
    /// request body); bytes that are not UTF-8 give a `parse_error`.
    ///
    /// ```
    /// let org = okrkit::Org::from_slice(br#"{"schema_version": 1}"#).unwrap();
    /// assert_eq!(org.key_result_count(), 0);
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Org> {
        Org::new(Document::from_slice(bytes)?)
    }

    /// The validated document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Gives the document back.
    pub fn into_document(self) -> Document {
        self.doc
    }

    /// Number of key results in the document.
    pub fn key_result_count(&self) -> usize {
        self.kr_pos.len()
    }

    /// Index of the cycle with id `cycle`: one lookup, one error, for every
    /// function that takes a cycle (progress, scoring, health).
    pub(crate) fn cycle_index(&self, cycle: &str) -> Result<usize> {
        self.doc
            .cycles
            .iter()
            .position(|c| c.id.as_str() == cycle)
            .ok_or_else(|| crate::Error::InvalidArgument {
                code: crate::ProblemCode::DanglingReference,
                message: format!("no cycle has id '{cycle}'"),
                path: "cycle".into(),
            })
    }

    /// Index of the team with id `team`, or `dangling_reference` at `team`.
    pub(crate) fn team_index(&self, team: &str) -> Result<usize> {
        self.doc
            .teams
            .iter()
            .position(|t| t.id.as_str() == team)
            .ok_or_else(|| crate::Error::InvalidArgument {
                code: crate::ProblemCode::DanglingReference,
                message: format!("no team has id '{team}'"),
                path: "team".into(),
            })
    }

    /// Flat indexes of the key results of objective `oi`.
    pub(crate) fn key_result_range(&self, oi: usize) -> std::ops::Range<usize> {
        self.kr_start[oi] as usize..self.kr_start[oi + 1] as usize
    }

    /// Indexes of the objectives aligned to objective `oi`.
    pub(crate) fn children_of(&self, oi: usize) -> &[u32] {
        &self.children[self.child_start[oi] as usize..self.child_start[oi + 1] as usize]
    }
}

fn index_check_ins(check_ins: &[CheckIn], flat: &[u32], n_kr: usize) -> CheckInIndex {
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
    for k in 0..n_kr {
        let r = start[k] as usize..start[k + 1] as usize;
        // Stable: two check-ins at the same instant keep document order, the later one wins.
        order[r].sort_by_key(|&i| check_ins[i as usize].at);
    }
    let at = order
        .iter()
        .map(|&i| check_ins[i as usize].at.timestamp_micros())
        .collect();
    let value = order.iter().map(|&i| check_ins[i as usize].value).collect();
    CheckInIndex {
        start,
        at,
        value,
        source: order,
    }
}

/// Makes each check-in's key result id share its key result's text: ids longer
/// than the 23 bytes held inline are `Arc<str>`, so one allocation per key
/// result instead of one per check-in (10M at the 1M-key-result scale).
/// `flat[i]` is check-in `i`'s key result.
fn share_check_in_ids(mut doc: Document, flat: &[u32], kr_pos: &[(u32, u32)]) -> Document {
    let Document {
        objectives,
        check_ins,
        ..
    } = &mut doc;
    for (c, &k) in check_ins.iter_mut().zip(flat) {
        if let Some(kr) = kr_pos
            .get(k as usize)
            .and_then(|&(oi, ki)| objectives.get(oi as usize)?.key_results.get(ki as usize))
        {
            c.key_result = kr.id.clone();
        }
    }
    doc
}

#[cfg(test)]
mod share_tests {
    use super::Org;

    #[test]
    fn check_ins_share_their_key_results_id_text() {
        // Longer than the 23 bytes an id holds inline: the text is on the heap.
        let id = "kr-checkout-conversion-rate-2026";
        let org = Org::from_json(&format!(
            r#"{{"cycles": [{{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}}],
            "teams": [{{"id": "web", "name": "Web"}}],
            "objectives": [{{"id": "o", "title": "O", "team": "web", "cycle": "q1",
              "key_results": [{{"id": "{id}", "title": "A from 0 to 10",
                "measure": {{"type": "metric", "baseline": 0, "target": 10, "current": 5}}}}]}}],
            "check_ins": [{{"key_result": "{id}", "at": "2026-01-05T00:00:00Z", "value": 1}},
                          {{"key_result": "{id}", "at": "2026-01-06T00:00:00Z", "value": 2}}]}}"#
        ))
        .expect("valid");
        let doc = org.document();
        let kr = doc.objectives[0].key_results[0].id.as_str();
        for c in &doc.check_ins {
            assert_eq!(c.key_result, id);
            assert!(std::ptr::eq(c.key_result.as_str(), kr), "one text, shared");
        }
    }
}
