//! [`Org`]: a document that passed validation, with the indexes that make
//! progress, scoring and lint fast.

mod check_ins;
mod fast_load;
mod fast_objectives;
mod fast_time;
pub(crate) mod load;
mod lookup;
mod query;
#[cfg(feature = "arrow")]
mod text_columns;

pub use query::{OrgAnswer, OrgQuery};

use crate::error::{Error, Result};
use crate::ids::KeyResultId;
use crate::model::{CheckIn, CheckInRef, CheckIns, Document, DocumentRef};
pub(crate) use check_ins::CheckInIndex;

/// A validated document with its indexes.
///
/// The check-ins are held once, as columns grouped by key result (not as the
/// document's `Vec<CheckIn>`): [`Org::document`] is a borrowed view that
/// builds each check-in when it is read, and [`Org::into_document`] gives the
/// document back as it was validated.
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
#[derive(Clone)]
pub struct Org {
    /// The document without its check-ins (they are in `check_ins`).
    doc: Document,
    /// Per objective: flat index of its first key result (len = objectives + 1);
    /// the flat index of a key result is its objective's start plus its index.
    kr_start: Vec<u32>,
    /// The check-ins, grouped by key result (flat index), sorted by time:
    /// the only copy of them.
    pub(crate) check_ins: CheckInIndex,
    /// Per objective: index of its cycle and team.
    pub(crate) objective_cycle: Vec<u32>,
    pub(crate) objective_team: Vec<u32>,
    /// Per objective: the objectives aligned to it (CSR layout).
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// The text columns of its report tables, built on first use (see
    /// `org/text_columns.rs`).
    #[cfg(feature = "arrow")]
    text_columns: text_columns::TextColumns,
    /// The text columns of its `progress.objectives` table in the offsets
    /// layout, built on first use (see `table::from_columns`).
    pub(crate) objective_texts: crate::table::from_columns::ObjectiveTexts,
}

/// The document as the view gives it (check-ins included; the `Document`
/// held inside has none, they are columns), not the indexes.
impl std::fmt::Debug for Org {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Org")
            .field("document", &self.document())
            .finish_non_exhaustive()
    }
}

impl Org {
    /// Validates a document and builds its indexes.
    ///
    /// Returns [`Error::Invalid`] listing every problem when any rule is broken.
    pub fn new(mut doc: Document) -> Result<Org> {
        let check_ins = std::mem::take(&mut doc.check_ins);
        Org::build(doc, CheckInsIn::Document(check_ins))
    }

    /// Validates the document `doc` with the check-ins `input` (`doc`'s own
    /// are empty) and builds the organisation.
    fn build(doc: Document, input: CheckInsIn) -> Result<Org> {
        // The columns index check-ins, key results and objectives with `u32`:
        // beyond that (only reachable by building a `Document` in memory; a
        // JSON input is capped at 2 GiB) refuse rather than wrap.
        let n_check_ins = match &input {
            CheckInsIn::Document(c) => c.len(),
            CheckInsIn::Rows(r) => r.rows.len(),
        };
        let n_krs: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
        let most = n_check_ins.max(n_krs).max(doc.objectives.len());
        if u32::try_from(most).is_err() {
            return Err(Error::InvalidArgument {
                code: crate::ProblemCode::TooLarge,
                message: format!(
                    "{most} elements of one kind is more than an organisation indexes ({})",
                    u32::MAX
                ),
                path: String::new(),
            });
        }
        let view = DocumentRef::with_check_ins(
            &doc,
            match &input {
                CheckInsIn::Document(c) => CheckIns::of_slice(c),
                CheckInsIn::Rows(r) => CheckIns::of_rows(r),
            },
        );
        let (problems, lookups) = crate::validate::check(view);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let parts = Indexes::of(&doc, &lookups);
        let flat: Vec<u32> = lookups
            .check_in_key_results
            .iter()
            .map(|&(oi, ki)| parts.kr_start[oi as usize] + ki)
            .collect();
        drop(lookups);
        let n_kr = parts.key_results();
        let check_ins = match input {
            CheckInsIn::Document(mut c) => {
                let index = CheckInIndex::from_check_ins(&mut c, &flat, n_kr);
                drop(c);
                index
            }
            CheckInsIn::Rows(r) => CheckInIndex::from_rows(r, &flat, n_kr),
        };
        drop(flat);
        Ok(parts.into_org(doc, check_ins))
    }

    /// Reads, validates and indexes a JSON document.
    ///
    /// Gives what `Org::new(Document::from_json(text)?)` gives (the same
    /// organisation, the same errors), without building the document's
    /// `Vec<CheckIn>`. A valid document takes a fast route (its check-ins
    /// read by hand, each resolved to its key result and checked as it is
    /// read, straight into the organisation's columns); any text that route
    /// does not certify is read again by the general one, which reports
    /// every problem.
    ///
    /// ```
    /// // A syntax error in a check-in: the general route's error and position.
    /// let err = okrkit::Org::from_json(r#"{"check_ins": [{"key_result": "k", "value": 01}]}"#).unwrap_err();
    /// assert_eq!(err.code(), "parse_error");
    /// assert_eq!(err.path(), "check_ins[0].value");
    /// // A leading UTF-8 byte-order mark is skipped.
    /// assert!(okrkit::Org::from_slice(b"\xEF\xBB\xBF{\"schema_version\": 1}").is_ok());
    /// ```
    pub fn from_json(text: &str) -> Result<Org> {
        // A leading UTF-8 byte-order mark is skipped, as Document::from_json does.
        let text = crate::json::without_bom(text);
        // A valid document takes the fast route; anything it does not
        // certify (any error, any problem) is read again by the general one.
        if let Some(org) = fast_load::from_json(text) {
            return Ok(org);
        }
        let (doc, rows) = load::Loaded::from_json(text)?.into_parts();
        Org::build(doc, CheckInsIn::Rows(rows))
    }

    /// Reads, validates and indexes a JSON document from bytes (a file or a
    /// request body); bytes that are not UTF-8 give a `parse_error`.
    ///
    /// ```
    /// let org = okrkit::Org::from_slice(br#"{"schema_version": 1}"#).unwrap();
    /// assert_eq!(org.key_result_count(), 0);
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Org> {
        crate::json::from_str_bytes(bytes).and_then(Org::from_json)
    }

    /// The validated document, as a borrowed view: its parts as slices, its
    /// check-ins as a [`CheckIns`] view built from the columns.
    pub fn document(&self) -> DocumentRef<'_> {
        DocumentRef::with_check_ins(&self.doc, CheckIns::of_org(self))
    }

    /// Gives the document back, as it was validated (check-ins in their
    /// document order, each exactly as given).
    pub fn into_document(self) -> Document {
        let check_ins = self.document().check_ins.to_vec();
        let mut doc = self.doc;
        doc.check_ins = check_ins;
        doc
    }

    /// A copy of the document, as [`Org::into_document`] gives it.
    pub fn to_document(&self) -> Document {
        self.document().to_document()
    }

    /// Writes the document as compact JSON, byte for byte as
    /// [`Document::to_json`] writes the document the organisation was built from.
    pub fn to_json(&self) -> Result<String> {
        self.document().to_json()
    }

    /// The flat index of the key result with id `id` (a scan: for the
    /// occasional look-up by id, not for a loop over key results).
    pub(crate) fn key_result_index(&self, id: &str) -> Option<usize> {
        self.doc
            .objectives
            .iter()
            .flat_map(|o| &o.key_results)
            .position(|k| k.id.as_str() == id)
    }

    /// The id of the key result at flat index `k`.
    pub(crate) fn key_result_id(&self, k: usize) -> &KeyResultId {
        // The last objective whose key results start at or before `k`
        // (objectives without key results have empty ranges).
        let oi = self.kr_start.partition_point(|&s| s as usize <= k) - 1;
        &self.doc.objectives[oi].key_results[k - self.kr_start[oi] as usize].id
    }

    /// The check-in at position `pos` of the check-in index.
    pub(crate) fn check_in_at(&self, pos: usize) -> CheckInRef<'_> {
        let c = &self.check_ins;
        CheckInRef {
            key_result: self.key_result_id(c.key_result_of(pos)),
            at: c.time(pos),
            value: c.value[pos],
            confidence: c.confidence(pos),
            note: c.note(pos),
            author: c.author(pos),
        }
    }

    /// Number of key results in the document.
    pub fn key_result_count(&self) -> usize {
        self.kr_start.last().map_or(0, |&n| n as usize)
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

/// The indexes of a valid document's parts (all but its check-ins).
struct Indexes {
    kr_start: Vec<u32>,
    objective_cycle: Vec<u32>,
    objective_team: Vec<u32>,
    child_start: Vec<u32>,
    children: Vec<u32>,
}

impl Indexes {
    /// The indexes of `doc`, from the id look-ups its validation built.
    fn of(doc: &Document, lookups: &crate::validate::Lookups<'_>) -> Indexes {
        let n_obj = doc.objectives.len();
        let mut kr_start = Vec::with_capacity(n_obj + 1);
        let mut n_kr = 0u32;
        for o in &doc.objectives {
            kr_start.push(n_kr);
            n_kr += o.key_results.len() as u32;
        }
        kr_start.push(n_kr);
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
        Indexes {
            kr_start,
            objective_cycle,
            objective_team,
            child_start,
            children,
        }
    }

    /// Number of key results.
    fn key_results(&self) -> usize {
        self.kr_start.last().map_or(0, |&n| n as usize)
    }

    fn into_org(self, doc: Document, check_ins: CheckInIndex) -> Org {
        Org {
            doc,
            kr_start: self.kr_start,
            check_ins,
            objective_cycle: self.objective_cycle,
            objective_team: self.objective_team,
            child_start: self.child_start,
            children: self.children,
            #[cfg(feature = "arrow")]
            text_columns: Default::default(),
            objective_texts: Default::default(),
        }
    }
}

/// The check-ins an organisation is built from.
enum CheckInsIn {
    /// A document's own.
    Document(Vec<CheckIn>),
    /// Read from JSON as rows.
    Rows(load::Rows),
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
        // The view lends the key result's own id; the document given back
        // shares its text too (a clone of a long id is a reference count).
        let doc = org.into_document();
        let kr = doc.objectives[0].key_results[0].id.as_str();
        assert_eq!(doc.check_ins.len(), 2);
        for c in &doc.check_ins {
            assert_eq!(c.key_result, id);
            assert!(std::ptr::eq(c.key_result.as_str(), kr), "one text, shared");
        }
    }
}
