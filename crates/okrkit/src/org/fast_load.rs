//! The fast route of [`Org::from_json`](crate::Org::from_json) for a valid
//! document, the common case; `None` sends the text to the general route
//! (serde_json for the whole document, then validation), which gives the
//! organisation or the exact error.
//!
//! The document's members are found by a strict scan of its top-level
//! object; each member but `check_ins` is read by serde_json as
//! [`Document`] reads it. The check-ins — ten or more per key result, most
//! of the bytes — are read by hand (JSON whitespace, members in any order,
//! plain strings, JSON numbers) straight into columns, their key result's id
//! borrowed from the text; a check-in the scan does not read (an escape, an
//! unknown member, a `null` where a value is required…) is read by
//! serde_json as a [`CheckIn`]. Then the document is validated as
//! [`Org::new`](crate::Org::new) validates it, the check-ins by the very
//! rules of [`crate::validate`], each key result looked up once per run of
//! check-ins on it.
//!
//! Any doubt gives `None`: a member the scan does not know, a duplicate
//! member, an error anywhere, any problem found by validation. So what this
//! route returns is what the general route returns for the same text, and
//! every error comes from the general route.

use super::{CheckInIndex, Indexes, Org};
use crate::ids::{KeyResultId, PersonId};
use crate::json_scan::Cursor;
use crate::limits::MAX_INPUT_BYTES;
use crate::model::{CheckIn, CheckInRef, CheckIns, Document, DocumentRef};
use crate::validate::{Validator, check, check_in};
use chrono::{DateTime, Utc};

/// Reads, validates and indexes a valid document; `None` for anything else.
pub(super) fn from_json(text: &str) -> Option<Org> {
    if text.len() > MAX_INPUT_BYTES {
        return None;
    }
    let (doc, check_ins) = read(text)?;
    build(doc, check_ins)
}

/// The check-ins as read, by document position.
#[derive(Default)]
struct Read<'a> {
    /// The key result's id as it stands in the text, or `""` where the
    /// check-in was read by serde_json (its id is then in `owned`).
    key_result: Vec<&'a str>,
    /// `(document position, key result)` of the check-ins read by serde_json.
    owned: Vec<(u32, KeyResultId)>,
    at: Vec<DateTime<Utc>>,
    value: Vec<f64>,
    confidence: Vec<Option<f64>>,
    /// `(document position, note)`, sorted by position.
    notes: Vec<(u32, Box<str>)>,
    /// `(document position, author)`, sorted by position.
    authors: Vec<(u32, PersonId)>,
}

impl Read<'_> {
    fn push(&mut self, at: DateTime<Utc>, value: f64, confidence: Option<f64>) {
        self.at.push(at);
        self.value.push(value);
        self.confidence.push(confidence);
    }

    /// A check-in read by serde_json.
    fn push_owned(&mut self, c: CheckIn) {
        let i = self.at.len() as u32;
        self.key_result.push("");
        self.owned.push((i, c.key_result));
        if let Some(note) = c.note {
            self.notes.push((i, note.into_boxed_str()));
        }
        if let Some(author) = c.author {
            self.authors.push((i, author));
        }
        self.push(c.at, c.value, c.confidence);
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

/// The document without its check-ins, and the check-ins.
fn read(text: &str) -> Option<(Document, Read<'_>)> {
    let mut doc = Document {
        schema_version: crate::SCHEMA_VERSION,
        cycles: Vec::new(),
        teams: Vec::new(),
        people: Vec::new(),
        objectives: Vec::new(),
        initiatives: Vec::new(),
        check_ins: Vec::new(),
        personal_goals: Vec::new(),
    };
    let mut check_ins = Read::default();
    let mut c = Cursor::new(text);
    c.ws();
    c.lit(b"{")?;
    c.ws();
    if c.lit(b"}").is_none() {
        let mut seen = [false; MEMBERS.len()];
        loop {
            c.ws();
            let key = c.quoted()?;
            let member = MEMBERS.iter().position(|&m| m == key)?;
            if std::mem::replace(&mut seen[member], true) {
                return None;
            }
            c.ws();
            c.lit(b":")?;
            match member {
                0 => doc.schema_version = c.serde()?,
                1 => doc.cycles = c.serde()?,
                2 => doc.teams = c.serde()?,
                3 => doc.people = c.serde()?,
                4 => doc.objectives = c.serde()?,
                5 => doc.initiatives = c.serde()?,
                6 => read_check_ins(&mut c, &mut check_ins)?,
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
    (c.i == text.len() && doc.schema_version == crate::SCHEMA_VERSION).then_some((doc, check_ins))
}

/// The array of check-ins at the cursor.
fn read_check_ins<'a>(c: &mut Cursor<'a>, out: &mut Read<'a>) -> Option<()> {
    c.ws();
    c.lit(b"[")?;
    c.ws();
    if c.lit(b"]").is_some() {
        return Some(());
    }
    loop {
        let start = c.i;
        if read_check_in(c, out).is_none() {
            c.i = start;
            let check_in: CheckIn = c.serde()?;
            out.push_owned(check_in);
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
    c.lit(b"\"")?;
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

/// One check-in object at the cursor, read by hand; `None` (and nothing
/// kept) where serde_json must read it.
fn read_check_in<'a>(c: &mut Cursor<'a>, out: &mut Read<'a>) -> Option<()> {
    c.lit(b"{")?;
    let (mut key_result, mut at, mut value) = (None, None, None);
    let (mut confidence, mut note, mut author) = (None, None, None);
    loop {
        c.ws();
        let field = member(c)?;
        c.ws();
        c.lit(b":")?;
        c.ws();
        // A member given twice is serde's `duplicate field` error.
        match field {
            Field::KeyResult if key_result.is_none() => key_result = Some(c.quoted()?),
            Field::At if at.is_none() => at = Some(crate::rfc3339::parse(c.quoted()?).ok()?),
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
    let i = out.at.len() as u32;
    out.key_result.push(key_result?);
    if let Some(note) = note.flatten() {
        out.notes.push((i, note.into()));
    }
    if let Some(author) = author.flatten() {
        out.authors.push((i, PersonId::from(author)));
    }
    out.push(at?, value?, confidence.flatten());
    Some(())
}

/// The entry of `list` (sorted by position) at position `i`, moving `next`
/// past it; positions are asked for in increasing order.
fn take_at<'l, T>(list: &'l [(u32, T)], next: &mut usize, i: usize) -> Option<&'l T> {
    let e = list.get(*next).filter(|e| e.0 as usize == i)?;
    *next += 1;
    Some(&e.1)
}

/// Validates the document and its check-ins and builds the organisation;
/// `None` at the first problem (the general route then reports them all).
fn build(doc: Document, r: Read<'_>) -> Option<Org> {
    let n = r.at.len();
    let n_krs: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    u32::try_from(n.max(n_krs).max(doc.objectives.len())).ok()?;
    if r.key_result.len() != n {
        return None;
    }
    let (problems, lookups) = check(DocumentRef::with_check_ins(&doc, CheckIns::of_slice(&[])));
    if !problems.is_empty() {
        return None;
    }
    let parts = Indexes::of(&doc, &lookups);
    let mut flat = Vec::with_capacity(n);
    let mut v = Validator::new();
    let (mut next_owned, mut next_note, mut next_author) = (0, 0, 0);
    // The key result of the previous check-in: runs of check-ins on one key
    // result (as okrkit writes them) take one hash look-up per run.
    let mut last: Option<(&str, (usize, usize))> = None;
    for i in 0..n {
        let id = match take_at(&r.owned, &mut next_owned, i) {
            Some(id) => id.as_str(),
            None => r.key_result[i],
        };
        let (oi, ki) = match last {
            Some((last_id, k)) if last_id == id => k,
            _ => {
                let k = *lookups.key_results.get(id)?;
                last = Some((id, k));
                k
            }
        };
        flat.push(parts.kr_start[oi] + ki as u32);
        let c = CheckInRef {
            key_result: &doc.objectives[oi].key_results[ki].id,
            at: r.at[i],
            value: r.value[i],
            confidence: r.confidence[i],
            note: take_at(&r.notes, &mut next_note, i).map(|s| &**s),
            author: take_at(&r.authors, &mut next_author, i),
        };
        check_in(&mut v, &lookups, &doc.objectives, i, &c, Some((oi, ki)));
        if !v.problems.is_empty() {
            return None;
        }
    }
    drop(lookups);
    let Read {
        at,
        value,
        confidence,
        notes,
        authors,
        ..
    } = r;
    let check_ins = CheckInIndex::assemble(
        &flat,
        parts.key_results(),
        |i| at[i],
        |i| value[i],
        |i| confidence[i],
        notes,
        authors,
    );
    Some(parts.into_org(doc, check_ins))
}
