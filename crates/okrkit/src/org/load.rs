//! Reading a document's JSON straight into an [`Org`](crate::Org): the
//! check-ins are read into compact rows (key result, time, value,
//! confidence; notes and authors aside, only where present), never into a
//! `Vec<CheckIn>`, then validated and turned into the organisation's columns.
//!
//! The other parts read as [`Document`](crate::Document)'s own: the same
//! field names in the same order, the same defaults, so a malformed document
//! gives the very error [`Document::from_json`](crate::Document::from_json) gives.

use crate::ids::{KeyResultId, PersonId};
use crate::model::{CheckIn, Cycle, Document, Initiative, Objective, Person, PersonalGoal, Team};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::{SeqAccess, Visitor};

fn schema_version() -> u32 {
    crate::SCHEMA_VERSION
}

/// A document as [`Document`] reads it, its check-ins as [`Rows`].
#[derive(Deserialize)]
#[serde(rename = "Document", deny_unknown_fields)]
pub(crate) struct Loaded {
    #[serde(default = "schema_version")]
    schema_version: u32,
    #[serde(default)]
    cycles: Vec<Cycle>,
    #[serde(default)]
    teams: Vec<Team>,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    objectives: Vec<Objective>,
    #[serde(default)]
    initiatives: Vec<Initiative>,
    #[serde(default)]
    check_ins: Rows,
    #[serde(default)]
    personal_goals: Vec<PersonalGoal>,
}

impl Loaded {
    /// Reads JSON text as [`Document::from_json`] does (same errors).
    pub fn from_json(text: &str) -> crate::Result<Loaded> {
        crate::json::require_object(text)?;
        let loaded = crate::json::from_str::<Loaded>(text)?;
        match crate::json::version_error(loaded.schema_version) {
            None => Ok(loaded),
            Some(err) => Err(err),
        }
    }

    /// The document without its check-ins, and the check-ins.
    pub fn into_parts(self) -> (Document, Rows) {
        let doc = Document {
            schema_version: self.schema_version,
            cycles: self.cycles,
            teams: self.teams,
            people: self.people,
            objectives: self.objectives,
            initiatives: self.initiatives,
            check_ins: Vec::new(),
            personal_goals: self.personal_goals,
        };
        (doc, self.check_ins)
    }
}

/// Check-ins as read: one compact row each, notes and authors aside.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    pub rows: Vec<Row>,
    /// `(document position, note)`, sorted by position.
    pub notes: Vec<(u32, Box<str>)>,
    /// `(document position, author)`, sorted by position.
    pub authors: Vec<(u32, PersonId)>,
}

/// A check-in without its note and author.
#[derive(Debug)]
pub(crate) struct Row {
    pub key_result: KeyResultId,
    pub at: DateTime<Utc>,
    pub value: f64,
    pub confidence: Option<f64>,
}

impl<'de> Deserialize<'de> for Rows {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rows, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Rows;
            // As `Vec<CheckIn>` says it, for the same error messages.
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows, A::Error> {
                let mut out = Rows::default();
                // Each element is read as a `CheckIn` (its fields, checks and
                // errors), then kept as a row.
                while let Some(c) = seq.next_element::<CheckIn>()? {
                    let i = out.rows.len() as u32;
                    if let Some(note) = c.note {
                        out.notes.push((i, note.into_boxed_str()));
                    }
                    if let Some(author) = c.author {
                        out.authors.push((i, author));
                    }
                    out.rows.push(Row {
                        key_result: c.key_result,
                        at: c.at,
                        value: c.value,
                        confidence: c.confidence,
                    });
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V)
    }
}
