//! The fast route of [`Org::from_json`](crate::Org::from_json) for a valid
//! document, the common case; `None` sends the text to the general route
//! (serde_json for the whole document, then validation), which gives the
//! organisation or the exact error.
//!
//! The document's members are found by a strict scan of its top-level
//! object; each member but `objectives` and `check_ins` is read by
//! serde_json as [`Document`] reads it, the objectives and their key results
//! by [`super::fast_objectives`]. The check-ins — ten or more per key result, most
//! of the bytes — are read by hand (JSON whitespace, members in any order,
//! plain strings, JSON numbers; see [`crate::json_scan`]); a check-in the
//! scan does not read (an escape, an unknown member, a relaxed time…) is
//! read by serde_json as a [`CheckIn`] (an array in its place is refused
//! there, as on the general route: `crate::json::MapsOnly`). Each check-in is
//! resolved to its key result as it is read (once per run of check-ins on
//! one key result: the key result at the last step first, see
//! `KeyResults::predicted`, else a hash look-up) and checked by the very rules of
//! [`crate::validate`] (value, confidence, measure); then the rest of the
//! document is validated as [`Org::new`](crate::Org::new) validates it, and
//! the check-ins become the organisation's columns.
//!
//! Any doubt gives `None`: a member the scan does not know, a member given
//! twice, an error anywhere, check-ins before the key results they name, any
//! problem found by validation. So what this route returns is what the
//! general route returns for the same text, and every error comes from the
//! general route.

use super::check_ins::{Instant, Micros};
use super::fast_time::Days;
use super::{CheckInIndex, Indexes, Org};
use crate::ids::PersonId;
use crate::json_scan::Cursor;
use crate::limits::MAX_INPUT_BYTES;
use crate::model::{CheckIn, CheckIns, Document, DocumentRef, Objective};
use crate::validate::{self, KeyResultIds, Validator};
use chrono::{DateTime, Utc};

/// Reads, validates and indexes a valid document; `None` for anything else.
pub(super) fn from_json(text: &str) -> Option<Org> {
    if text.len() > MAX_INPUT_BYTES {
        return None;
    }
    let (doc, check_ins, key_result_ids) = read(text)?;
    build(doc, check_ins, key_result_ids)
}

/// The check-ins as read, by document position, each checked against its
/// key result as it is read.
struct Read<'d> {
    /// The key results of the document, when it gave them before its
    /// check-ins (as okrkit writes it); else the fast route is not taken.
    key_results: Option<KeyResults<'d>>,
    /// The check-ins read so far.
    columns: Columns,
    /// Problems found in the check-ins' numbers (any gives up the fast route).
    problems: Validator<'d>,
    /// The key result of the previous check-in: runs of check-ins on one key
    /// result (as okrkit writes them) take one look-up per run.
    last: Option<(&'d str, (usize, usize))>,
    /// The step in places (objective, key result) from the run before the
    /// last to the last: a run's key result is first looked for at the
    /// same step from the last ([`KeyResults::predicted`]).
    step: (usize, usize),
}

/// The key results of a document by id, with their place.
struct KeyResults<'d> {
    objectives: &'d [Objective],
    /// Id to (objective index, key result index); the first of two equal
    /// ids (validation then refuses the document). Handed to validation
    /// once the check-ins are read.
    by_id: KeyResultIds,
    /// Per objective: the flat index of its first key result.
    start: Vec<u32>,
}

impl<'d> KeyResults<'d> {
    /// `None` where the indexes do not fit a `u32` (the general route
    /// reports it).
    fn new(objectives: &'d [Objective]) -> Option<KeyResults<'d>> {
        let by_id = KeyResultIds::build(objectives)?;
        let mut start = Vec::with_capacity(objectives.len());
        let mut flat = 0u32;
        for o in objectives {
            start.push(flat);
            flat = flat.wrapping_add(o.key_results.len() as u32);
        }
        Some(KeyResults {
            objectives,
            by_id,
            start,
        })
    }

    /// The place of key result `id` when it is at the step `step` from the
    /// place `last` (wrapping differences: a step may go back), or the key
    /// result after it in document order; `None` for anything else.
    ///
    /// Check-ins come in runs, one per key result, in some order: document
    /// order, the order of their ids (as the generator writes them), or a
    /// week's check-ins in the order of the week before. At a million key
    /// results the hash table and the key results it points to outgrow the
    /// caches, and each run's hash look-up cost several misses (BENCHMARKS.md,
    /// "Loading at a million key results"); the key results at a regular
    /// step are read in memory order and mostly cached. Where the place
    /// found is not the one the table gives (a duplicate id, or an empty
    /// one, which the table leaves out), validation refuses the document
    /// and the general route reports it.
    #[inline]
    fn predicted(
        &self,
        id: &str,
        last: (usize, usize),
        step: (usize, usize),
    ) -> Option<(usize, usize)> {
        let at = |oi: usize, ki: usize| {
            self.objectives
                .get(oi)
                .and_then(|o| o.key_results.get(ki))
                .filter(|kr| same(kr.id.as_str(), id))
                .map(|_| (oi, ki))
        };
        at(last.0.wrapping_add(step.0), last.1.wrapping_add(step.1))
            .or_else(|| at(last.0, last.1 + 1))
            .or_else(|| at(last.0 + 1, 0))
    }
}

impl<'d> Read<'d> {
    fn new(key_results: Option<KeyResults<'d>>) -> Read<'d> {
        Read {
            key_results,
            columns: Columns::default(),
            problems: Validator::new(),
            last: None,
            step: (0, 0),
        }
    }

    /// Keeps a check-in on the key result `id`; `None` when that key result
    /// is unknown or a number breaks a rule (the general route reports it).
    fn push(
        &mut self,
        id: &str,
        (micros, exact): (i64, Option<DateTime<Utc>>),
        value: f64,
        confidence: Option<f64>,
    ) -> Option<()> {
        let krs = self.key_results.as_ref()?;
        let (oi, ki) = match &self.last {
            Some((last, k)) if same(last, id) => *k,
            last => {
                let (oi, ki) = match last {
                    Some((_, place)) => krs
                        .predicted(id, *place, self.step)
                        .or_else(|| krs.by_id.get(krs.objectives, id)),
                    None => krs.by_id.get(krs.objectives, id),
                }?;
                if let Some((_, (lo, lk))) = self.last {
                    self.step = (oi.wrapping_sub(lo), ki.wrapping_sub(lk));
                }
                self.last = Some((krs.objectives[oi].key_results[ki].id.as_str(), (oi, ki)));
                (oi, ki)
            }
        };
        let i = self.columns.flat.len();
        let v = &mut self.problems;
        validate::check_in_number(v, i, value, confidence);
        validate::check_in_value(v, i, &krs.objectives[oi].key_results[ki].measure, value);
        if !v.problems.is_empty() {
            return None;
        }
        let out = &mut self.columns;
        if let Some(t) = exact {
            out.exact_at.push((i as u32, t));
        }
        out.flat.push(krs.start[oi].wrapping_add(ki as u32));
        out.at.push(micros);
        out.value.push(value);
        out.confidence.push(confidence.unwrap_or(f64::NAN));
        Some(())
    }

    /// A check-in read by serde_json.
    fn push_owned(&mut self, c: CheckIn) -> Option<()> {
        let out = &mut self.columns;
        let i = out.flat.len() as u32;
        if let Some(note) = c.note {
            out.notes.push((i, note.into_boxed_str()));
        }
        if let Some(author) = c.author {
            out.authors.push((i, author));
        }
        self.push(c.key_result.as_str(), c.at.split(), c.value, c.confidence)
    }
}

/// The members of a document, as [`Loaded`](super::load::Loaded) names them.
const MEMBERS: [&str; 8] = [
    "schema_version",
    "cycles",
    "teams",
    "people",
    "objectives",
    "initiatives",
    "check_ins",
    "personal_goals",
];

/// The document without its check-ins, the check-ins, and the key result
/// ids when they were indexed to read the check-ins.
fn read(text: &str) -> Option<(Document, Option<Columns>, Option<KeyResultIds>)> {
    let mut doc = Document::default();
    let mut c = Cursor::new(text);
    let (mut check_ins, mut key_result_ids) = (None, None);
    c.ws();
    c.byte(b'{')?;
    c.ws();
    if c.byte(b'}').is_none() {
        let mut seen = [false; MEMBERS.len()];
        loop {
            c.ws();
            let key = c.quoted()?;
            let member = MEMBERS.iter().position(|&m| m == key)?;
            if std::mem::replace(&mut seen[member], true) {
                return None;
            }
            c.ws();
            c.byte(b':')?;
            match member {
                0 => doc.schema_version = c.serde()?,
                1 => doc.cycles = c.serde()?,
                2 => doc.teams = c.serde()?,
                3 => doc.people = c.serde()?,
                4 => doc.objectives = super::fast_objectives::objectives(&mut c)?,
                5 => doc.initiatives = c.serde()?,
                6 => {
                    // The key results must come first (as okrkit writes them).
                    let krs = if seen[4] {
                        Some(KeyResults::new(&doc.objectives)?)
                    } else {
                        None
                    };
                    let mut read = Read::new(krs);
                    read_check_ins(&mut c, &mut read)?;
                    check_ins = Some(read.columns);
                    key_result_ids = read.key_results.map(|k| k.by_id);
                }
                _ => doc.personal_goals = c.serde()?,
            }
            c.ws();
            match c.next_byte()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    c.ws();
    // The general route refuses trailing text and other versions, each with its error.
    (c.i == text.len() && doc.schema_version == crate::SCHEMA_VERSION).then_some((
        doc,
        check_ins,
        key_result_ids,
    ))
}

/// The most check-ins reserved up front (16M: 28 bytes each, about 470 MB of columns).
const MAX_RESERVED: usize = 1 << 24;

/// The array of check-ins at the cursor.
fn read_check_ins<'a>(c: &mut Cursor<'a>, out: &mut Read<'_>) -> Option<()> {
    c.ws();
    c.byte(b'[')?;
    c.ws();
    if c.byte(b']').is_some() {
        return Some(());
    }
    // Sized once for the text that remains (okrkit writes 90–120 bytes a
    // check-in): no doubling copies while a large array is read. Only the
    // pages written are touched; what is left over is given back (the
    // columns are shrunk or dropped once the index is built). Not when the
    // route will give up at the first check-in (no key results read before
    // them), and at most `MAX_RESERVED` check-ins (the text after the array
    // counts too; past that the columns grow as usual).
    if out.key_results.is_some() {
        let room = ((c.s.len() - c.i) / 80).min(MAX_RESERVED);
        let columns = &mut out.columns;
        columns.flat.reserve(room);
        columns.at.reserve(room);
        columns.value.reserve(room);
        columns.confidence.reserve(room);
    }
    let mut days = Days::default();
    loop {
        let start = c.i;
        match read_check_in(c, &mut days) {
            Some(p) => {
                let columns = &mut out.columns;
                let i = columns.flat.len() as u32;
                if let Some(note) = p.note {
                    columns.notes.push((i, note.into()));
                }
                if let Some(author) = p.author {
                    columns.authors.push((i, PersonId::from(author)));
                }
                out.push(p.key_result, p.at, p.value, p.confidence)?;
            }
            None => {
                c.i = start;
                let check_in: CheckIn = c.serde()?;
                out.push_owned(check_in)?;
            }
        }
        c.ws();
        match c.next_byte()? {
            b',' => c.ws(),
            b']' => return Some(()),
            _ => return None,
        }
    }
}

/// A string, or `null` for `None`.
fn nullable<'a>(c: &mut Cursor<'a>) -> Option<Option<&'a str>> {
    if c.lit(b"null").is_some() {
        return Some(None);
    }
    c.quoted().map(Some)
}

/// A member of a check-in.
enum Field {
    KeyResult,
    At,
    Value,
    Confidence,
    Note,
    Author,
}

/// The name of a check-in's member at the cursor, quotes included, matched
/// byte for byte (a name written with an escape is left to serde_json).
fn member(c: &mut Cursor<'_>) -> Option<Field> {
    c.byte(b'"')?;
    let (name, field): (&[u8], Field) = match c.s.get(c.i)? {
        b'k' => (b"key_result\"", Field::KeyResult),
        b'a' if c.s.get(c.i + 1) == Some(&b't') => (b"at\"", Field::At),
        b'a' => (b"author\"", Field::Author),
        b'v' => (b"value\"", Field::Value),
        b'c' => (b"confidence\"", Field::Confidence),
        b'n' => (b"note\"", Field::Note),
        _ => return None,
    };
    c.lit(name)?;
    Some(field)
}

/// A check-in as the scan reads it, its strings borrowed from the text.
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Parsed<'a> {
    key_result: &'a str,
    /// Microseconds, and the exact time where they lose something.
    at: (i64, Option<DateTime<Utc>>),
    value: f64,
    confidence: Option<f64>,
    note: Option<&'a str>,
    author: Option<&'a str>,
}

/// One check-in object at the cursor, read by hand; `None` where
/// serde_json must read it.
fn read_check_in<'a>(c: &mut Cursor<'a>, days: &mut Days) -> Option<Parsed<'a>> {
    let start = c.i;
    if let Some(p) = read_compact(c, days) {
        return Some(p);
    }
    c.i = start;
    read_members(c, days)
}

/// A check-in as okrkit writes it (`Document::to_json`): no whitespace,
/// `key_result`, `at`, `value`, then `confidence` or nothing, then the end
/// of the object; each member name matched in one comparison. `None` for
/// anything else (a note, an author, whitespace, another order…), which
/// [`read_members`] then reads from the start of the object.
fn read_compact<'a>(c: &mut Cursor<'a>, days: &mut Days) -> Option<Parsed<'a>> {
    c.tag(b"{\"key_result\":")?;
    let key_result = c.quoted()?;
    c.tag(b",\"at\":")?;
    let at = time(c, days)?;
    c.tag(b",\"value\":")?;
    let value = c.finite()?;
    let confidence = match c.tag(b",\"confidence\":") {
        Some(()) => Some(c.finite()?),
        None => None,
    };
    c.byte(b'}')?;
    Some(Parsed {
        key_result,
        at,
        value,
        confidence,
        note: None,
        author: None,
    })
}

/// One check-in object at the cursor, its members in any order and with
/// any whitespace.
fn read_members<'a>(c: &mut Cursor<'a>, days: &mut Days) -> Option<Parsed<'a>> {
    c.byte(b'{')?;
    let (mut key_result, mut at, mut value) = (None, None, None);
    let (mut confidence, mut note, mut author) = (None, None, None);
    loop {
        c.ws();
        let field = member(c)?;
        c.ws();
        c.byte(b':')?;
        c.ws();
        // A member given twice is serde's `duplicate field` error.
        match field {
            Field::KeyResult if key_result.is_none() => key_result = Some(c.quoted()?),
            Field::At if at.is_none() => at = Some(time(c, days)?),
            Field::Value if value.is_none() => value = Some(c.finite()?),
            Field::Confidence if confidence.is_none() => {
                confidence = Some(if c.lit(b"null").is_some() {
                    None
                } else {
                    Some(c.finite()?)
                })
            }
            Field::Note if note.is_none() => note = Some(nullable(c)?),
            Field::Author if author.is_none() => author = Some(nullable(c)?),
            _ => return None,
        }
        c.ws();
        match c.next_byte()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    Some(Parsed {
        key_result: key_result?,
        at: at?,
        value: value?,
        confidence: confidence.flatten(),
        note: note.flatten(),
        author: author.flatten(),
    })
}

/// A check-in's time at the cursor (a string): read straight to
/// microseconds in the exact RFC 3339 form, else by [`crate::rfc3339::parse`]
/// (chrono's relaxed forms; `None` for what it refuses).
fn time(c: &mut Cursor<'_>, days: &mut Days) -> Option<(i64, Option<DateTime<Utc>>)> {
    let quote = c.i;
    c.byte(b'"')?;
    if let Some((micros, 0, n)) =
        c.s.get(c.i..)
            .and_then(|s| super::fast_time::prefix_with(s, days))
        && c.s.get(c.i + n) == Some(&b'"')
    {
        c.i += n + 1;
        return Some((micros, None));
    }
    c.i = quote;
    Some(crate::rfc3339::parse(c.quoted()?).ok()?.split())
}

/// `a == b`, byte by byte: ids are short, and a call to `memcmp` per
/// check-in cost more than the comparison (profile).
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return false;
        }
    }
    true
}

/// The check-ins of a document, read and checked, by document position.
#[derive(Default)]
struct Columns {
    /// The flat index of each check-in's key result.
    flat: Vec<u32>,
    /// Microseconds since the Unix epoch.
    at: Vec<i64>,
    /// `(document position, time)` where `at` loses something, sorted by position.
    exact_at: Vec<(u32, DateTime<Utc>)>,
    value: Vec<f64>,
    /// NaN for none (a JSON number is never NaN).
    confidence: Vec<f64>,
    /// `(document position, note)`, sorted by position.
    notes: Vec<(u32, Box<str>)>,
    /// `(document position, author)`, sorted by position.
    authors: Vec<(u32, PersonId)>,
}

/// Validates the document (its check-ins' numbers were checked as they were
/// read) and builds the organisation; `None` at the first problem (the
/// general route then reports them all).
fn build(
    doc: Document,
    columns: Option<Columns>,
    key_result_ids: Option<KeyResultIds>,
) -> Option<Org> {
    let Columns {
        flat,
        at,
        exact_at,
        value,
        confidence,
        notes,
        authors,
    } = columns.unwrap_or_default();
    let n_krs: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    u32::try_from(flat.len().max(n_krs).max(doc.objectives.len())).ok()?;
    let (problems, lookups) = validate::check_with(
        DocumentRef::with_check_ins(&doc, CheckIns::of_slice(&[])),
        key_result_ids,
        validate::LookAlikeIds::Detect,
    );
    if !problems.is_empty() {
        return None;
    }
    // What remains of the check-ins' rules: notes and authors, where present.
    let mut v = Validator::new();
    let (mut next_author, mut next_note) = (0, 0);
    while next_note < notes.len() || next_author < authors.len() {
        let i = match (notes.get(next_note), authors.get(next_author)) {
            (Some(n), Some(a)) => n.0.min(a.0),
            (Some(n), None) => n.0,
            (None, Some(a)) => a.0,
            (None, None) => break,
        };
        let note = notes.get(next_note).filter(|e| e.0 == i);
        let author = authors.get(next_author).filter(|e| e.0 == i);
        next_note += usize::from(note.is_some());
        next_author += usize::from(author.is_some());
        validate::check_in_person(
            &mut v,
            &lookups,
            i as usize,
            note.map(|e| &*e.1),
            author.map(|e| &e.1),
        );
    }
    if !v.problems.is_empty() {
        return None;
    }
    let parts = Indexes::of(&doc, &lookups);
    drop(lookups);
    let n_kr = parts.key_results();
    let value_of = |i: usize| value[i];
    let confidence_of = |i: usize| Some(confidence[i]).filter(|x| !x.is_nan());
    let in_order = exact_at.is_empty() && CheckInIndex::is_in_order(&flat, &at);
    let runs = (exact_at.is_empty() && !in_order)
        .then(|| CheckInIndex::run_starts(&flat, n_kr, &at))
        .flatten();
    let check_ins = if in_order {
        // As okrkit writes them: the columns read are the index's columns.
        CheckInIndex::in_order(&flat, n_kr, (at, value), &confidence, notes, authors)
    } else if let Some(run) = runs {
        // Grouped by key result, in time order, the key results in another
        // order (as okrkit writes a document): each run copied, into the
        // buffers of the columns read.
        CheckInIndex::from_runs(&run, flat, n_kr, (at, value, confidence))?
            .with_people(notes, authors, true)
    } else if exact_at.is_empty() {
        // Every time is its microseconds (the common case): compared and
        // stored as integers.
        let time = |i: usize| Micros(at[i]);
        CheckInIndex::assemble(&flat, n_kr, time, value_of, confidence_of, notes, authors)
    } else {
        let time = |i: usize| match exact_at.binary_search_by_key(&(i as u32), |e| e.0) {
            Ok(k) => exact_at[k].1,
            Err(_) => DateTime::from_timestamp_micros(at[i]).unwrap_or_default(),
        };
        CheckInIndex::assemble(&flat, n_kr, time, value_of, confidence_of, notes, authors)
    };
    if check_ins.has_same_instant() {
        // `duplicate_check_in`: the general route reports it.
        return None;
    }
    Some(parts.into_org(doc, check_ins))
}

#[cfg(test)]
mod tests {
    use super::from_json;
    use proptest::prelude::*;

    /// A check-in read from `text`, by the compact form or by members, and
    /// where the cursor stopped.
    fn read_with(
        text: &str,
        f: for<'a> fn(&mut super::Cursor<'a>, &mut super::Days) -> Option<super::Parsed<'a>>,
    ) -> Option<(super::Parsed<'_>, usize)> {
        let mut c = super::Cursor::new(text);
        let p = f(&mut c, &mut super::Days::default())?;
        Some((p, c.i))
    }

    /// The compact form is what okrkit writes.
    #[test]
    fn okrkit_writes_the_compact_form() {
        let org = crate::Org::from_json(&doc(
            r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1.5,"confidence":7},
               {"key_result":"k","at":"2026-01-06T10:00:00Z","value":2}"#,
        ))
        .expect("valid");
        let text = org.to_json().expect("finite");
        let first = text.find(r#"{"key_result""#).expect("a check-in");
        for (i, (want_value, want_confidence)) in
            [(1.5, Some(7.0)), (2.0, None)].into_iter().enumerate()
        {
            let at = first
                + text[first..]
                    .match_indices(r#"{"key_result""#)
                    .nth(i)
                    .expect("two")
                    .0;
            let (p, _) = read_with(&text[at..], super::read_compact).expect("the compact form");
            assert_eq!(
                (p.key_result, p.value, p.confidence),
                ("k", want_value, want_confidence)
            );
        }
    }

    proptest! {
        /// What the compact form reads, reading the members reads the same
        /// (values, and the end of the object); what it declines, the
        /// check-in reader still reads by members.
        #[test]
        fn the_compact_form_reads_as_the_members_do(
            id in "[a-z0-9\"\\\\é-]{0,6}",
            at in prop::sample::select(vec![
                "2026-01-05T10:00:00Z", "2026-01-05T10:00:00.5+01:00", "2026-01-05t10:00:00z",
                "2026-02-30T10:00:00Z", "2026-01-05 10:00:00Z", "x",
            ]),
            value in prop::sample::select(vec![
                "1", "-0", "56.12345678901234", "1e400", "01", "1.", "0.30000000000000004", "null", "\"1\"",
            ]),
            confidence in prop::sample::select(vec!["", ",\"confidence\":7", ",\"confidence\":null",
                ",\"confidence\":1e1", ",\"confidence\" :7", ",\"confidenc\":7"]),
            tail in prop::sample::select(vec!["", ",\"note\":\"n\"", ",\"author\":null", ",\"value\":2", " ", ",", "x"]),
            space in any::<bool>(),
        ) {
            let sep = if space { " " } else { "" };
            let text = format!(
                r#"{{"key_result":{sep}"{id}","at":"{at}","value":{value}{confidence}{tail}}}"#
            );
            let compact = read_with(&text, super::read_compact);
            let members = read_with(&text, super::read_members);
            if let Some(compact) = compact {
                prop_assert_eq!(Some(compact), members, "{}", text);
            }
            prop_assert_eq!(read_with(&text, super::read_check_in), read_with(&text, super::read_members), "{}", text);
        }
    }

    const HEAD: &str = r#""cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "t", "name": "T"}], "people": [{"id": "ana", "name": "Ana"}]"#;
    const OBJECTIVES: &str = r#""objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "q",
      "key_results": [{"id": "k", "title": "K from 0 to 10", "measure": {"type": "metric", "baseline": 0, "target": 10}},
                      {"id": "m", "title": "Ship it", "measure": {"type": "milestone"}}]}]"#;

    fn doc(check_ins: &str) -> String {
        format!(r#"{{{HEAD}, {OBJECTIVES}, "check_ins": [{check_ins}]}}"#)
    }

    /// The fast route takes what okrkit writes, in any layout, and the
    /// check-ins it hands to serde_json one by one.
    #[test]
    fn takes_valid_documents() {
        for check_ins in [
            "",
            r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1}"#,
            r#"{"key_result": "k", "at": "2026-01-05T10:00:00.5+01:00", "value": -0.0, "confidence": 5, "note": "ok", "author": "ana"}"#,
            "\n  {\n \"value\" : 1e1 ,\"at\":\"2026-01-05T10:00:00Z\",\t\"key_result\":\"k\"\n}\n",
            r#"{"key_result":"m","at":"2026-01-05T10:00:00Z","value":0,"note":null,"author":null,"confidence":null}"#,
            // An escape or chrono's relaxed time: that check-in goes to serde_json.
            r#"{"key_result":"\u006b","at":"2026-01-05T10:00:00Z","value":1}"#,
            r#"{"key_result":"k","at":"2026-01-05t10:00:00z","value":1}"#,
        ] {
            assert!(from_json(&doc(check_ins)).is_some(), "{check_ins}");
        }
        // An array where a check-in is (serde would read a struct from it):
        // declined here, refused at its path by the general route.
        let text = doc(r#"["k", "2026-01-05T10:00:00Z", 1]"#);
        assert!(from_json(&text).is_none());
        let err = crate::Org::from_json(&text).unwrap_err();
        assert_eq!((err.code(), err.path()), ("parse_error", "check_ins[0]"));
        assert!(
            err.to_string()
                .contains("expected a JSON object for struct CheckIn"),
            "{err}"
        );
        assert!(from_json(r#"{"schema_version": 1}"#).is_some());
        assert!(from_json(" {} ").is_some());
    }

    /// Generated documents, their check-ins in runs in the generator's order
    /// (`k0`, `k1`…: one objective after another, not document order) and
    /// in shuffled orders of runs: the scan reads runs out of document
    /// order, and the fast route takes them (a look-alike false positive, a
    /// missed prediction's look-up or `from_runs` refusing would give
    /// `None`), with the general route's organisation and roll-up.
    #[test]
    fn takes_generated_documents_in_reordered_runs() {
        use super::CheckInIndex;
        for (krs, seed) in [(8, 1), (41, 2), (200, 3), (1_000, 4)] {
            let mut opts = crate::generate::GenerateOptions::scaled(krs);
            opts.seed = seed;
            let generated = crate::generate::generate(&opts);
            for shuffle in [None, Some(seed), Some(0x9e37_79b9_u64 ^ seed)] {
                let mut doc = generated.clone();
                if let Some(s) = shuffle {
                    // A rank per key result (`k<n>`); the sort is stable, so
                    // each run keeps its time order.
                    let rank = |c: &crate::CheckIn| {
                        let n: u64 = c.key_result.as_str()[1..].parse().expect("k<n>");
                        (n ^ s).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    };
                    doc.check_ins.sort_by_key(rank);
                }
                let text = doc.to_json().expect("finite");
                let (_, columns, _) = super::read(&text).expect("the scan reads it");
                let columns = columns.expect("check-ins");
                assert!(
                    !CheckInIndex::is_in_order(&columns.flat, &columns.at),
                    "{krs} {shuffle:?}: runs out of document order"
                );
                assert!(
                    CheckInIndex::run_starts(&columns.flat, krs, &columns.at).is_some(),
                    "{krs} {shuffle:?}: one run per key result"
                );
                let fast = from_json(&text).expect("the fast route takes it");
                let general = crate::Org::new(doc).expect("valid");
                assert_eq!(fast.to_json().ok(), general.to_json().ok());
                let opts = crate::ProgressOptions::default();
                assert_eq!(
                    format!("{:?}", fast.progress(&opts)),
                    format!("{:?}", general.progress(&opts))
                );
            }
        }
    }

    /// Key result ids that share all but their last byte, or are one
    /// byte longer than another (14–16 and 39–40 bytes), in runs that step
    /// back and forth between two objectives: each check-in is kept on its
    /// own key result (the general route's organisation), and a check-in
    /// on an id one byte short or long of a key result's is declined.
    #[test]
    fn resolves_ids_that_share_a_prefix() {
        let ids = [
            "k".repeat(14),
            "k".repeat(15),
            "k".repeat(16),
            format!("{}x", "k".repeat(14)),
            "k".repeat(40),
            format!("{}y", "k".repeat(39)),
        ];
        let krs: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(
                    r#"{{"id": "{id}", "title": "K from 0 to 10", "measure": {{"type": "metric", "baseline": 0, "target": 10}}}}"#
                )
            })
            .collect();
        let text = |check_ins: &[String]| {
            format!(
                r#"{{{HEAD}, "objectives": [{{"id": "o", "title": "O", "team": "t", "cycle": "q",
                  "key_results": [{}]}}, {{"id": "p", "title": "P", "team": "t", "cycle": "q",
                  "key_results": [{}]}}], "check_ins": [{}]}}"#,
                krs[..3].join(","),
                krs[3..].join(","),
                check_ins.join(",")
            )
        };
        let check_in = |id: &str, day: usize| {
            format!(r#"{{"key_result":"{id}","at":"2026-01-{day:02}T10:00:00Z","value":{day}}}"#)
        };
        // Runs in document order, then backwards, then each id once more.
        let order: Vec<usize> = (0..ids.len())
            .chain((0..ids.len()).rev())
            .chain(0..ids.len())
            .collect();
        let all: Vec<String> = order
            .iter()
            .enumerate()
            .map(|(day, &k)| check_in(&ids[k], day + 1))
            .collect();
        let fast = from_json(&text(&all)).expect("the fast route takes it");
        let general = crate::Org::from_json(&text(&all)).expect("valid");
        assert_eq!(fast.to_json().ok(), general.to_json().ok());
        for id in &ids {
            let kr = fast.key_result_index(id).expect("a key result");
            assert_eq!(fast.check_ins.range(kr).len(), 3, "{id}");
        }
        for unknown in [
            "k".repeat(13),
            "k".repeat(17),
            "k".repeat(41),
            "k".repeat(39),
        ] {
            let one = vec![check_in(&ids[4], 1), check_in(&unknown, 2)];
            assert!(from_json(&text(&one)).is_none(), "{unknown}");
        }
    }

    /// Anything else goes to the general route, which gives the error.
    #[test]
    fn declines_the_rest() {
        for text in [
            // Invalid check-ins.
            doc(r#"{"key_result":"x","at":"2026-01-05T10:00:00Z","value":1}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1,"confidence":11}"#),
            doc(r#"{"key_result":"m","at":"2026-01-05T10:00:00Z","value":0.5}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1,"author":"bo"}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1,"note":"a\u0001b"}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1e400}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1,"value":2}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z"}"#),
            doc(r#"{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1},"#),
            // The document's own shape.
            format!(r#"{{{HEAD}, "check_ins": [], {OBJECTIVES}, "extra": 1}}"#),
            format!(r#"{{{HEAD}, {OBJECTIVES}, "teams": []}}"#),
            format!(r#"{{{HEAD}, {OBJECTIVES}}} x"#),
            r#"{"schema_version": 2}"#.to_owned(),
            r#"{"schema\u005fversion": 1}"#.to_owned(),
            "[]".to_owned(),
            String::new(),
        ] {
            assert!(from_json(&text).is_none(), "{text}");
        }
        // Check-ins before the key results they name: the general route.
        let late = format!(
            r#"{{{HEAD}, "check_ins": [{{"key_result":"k","at":"2026-01-05T10:00:00Z","value":1}}], {OBJECTIVES}}}"#
        );
        assert!(from_json(&late).is_none());
        assert!(crate::Org::from_json(&late).is_ok());
    }
}
