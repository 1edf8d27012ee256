//! The import report: what happened to every source field, every problem, and
//! the source's own progress beside okrkit's.

use super::reconcile::Reconciliation;
use crate::error::{Error, Problem};
use crate::model::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What happened to a source field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fate {
    /// Copied as it is.
    Carried,
    /// Carried with a change of unit, scale, type or shape (the note says which).
    Converted,
    /// An okrkit field the source does not have, given a default (the note says which).
    Defaulted,
    /// Present in the source, with no place in okrkit: not in the document.
    NotCarried,
}

/// One source field (or defaulted okrkit field) and its fate, with a count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FieldReport {
    /// The field in the source's terms, without indexes (`goals[].metric.unit`,
    /// `columns.Target`); for `defaulted`, the okrkit field.
    pub field: String,
    /// What happened to it.
    pub fate: Fate,
    /// How many values (cells, records) had this fate.
    pub count: usize,
    /// The okrkit field it went into (empty when not carried).
    pub into: String,
    /// How it was converted or defaulted, or why it is not carried.
    pub note: String,
}

/// What an import found: field fates, problems and reconciliation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ImportReport {
    /// The source format (`asana`, `gitlab`, `quantive`, `tability`, `table`).
    pub source: String,
    /// Every source field met, by field then fate.
    pub fields: Vec<FieldReport>,
    /// Every problem, in the order met, located in the source's terms.
    pub problems: Vec<Problem>,
    /// The source's own progress / score / status beside okrkit's.
    pub reconciliation: Vec<Reconciliation>,
}

impl ImportReport {
    /// Whether anything could not be read as it should (the CLI exits 1).
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// The count of one field's fate, 0 when absent.
    ///
    /// ```
    /// let imported = okrkit::import::table::read_csv(
    ///     "objective,team,cycle,key_result,title,type,done,colour\no,t,2026-Q1,k,Ship,milestone,yes,red\n",
    ///     &okrkit::import::table::TableOptions::default())?;
    /// assert_eq!(imported.report.count("columns.colour", okrkit::import::Fate::NotCarried), 1);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn count(&self, field: &str, fate: Fate) -> usize {
        self.fields
            .iter()
            .filter(|f| f.field == field && f.fate == fate)
            .map(|f| f.count)
            .sum()
    }

    /// The report as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_string_pretty(self)
    }
}

/// The result of an import: the document and the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Imported {
    /// What could be read (check the report's problems before trusting it).
    pub document: Document,
    /// What happened to every source field.
    pub report: ImportReport,
}

impl Imported {
    /// The document when the report has no problem, else `Error::Invalid`
    /// with every problem.
    pub fn into_document(self) -> crate::Result<Document> {
        if self.report.problems.is_empty() {
            Ok(self.document)
        } else {
            Err(Error::Invalid(self.report.problems))
        }
    }
}

/// Counts field fates while an importer runs; becomes `ImportReport::fields`.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    // field -> fate -> (count, into, note); looked up by &str without allocating.
    map: BTreeMap<String, BTreeMap<Fate, (usize, String, String)>>,
}

impl Tally {
    pub(crate) fn add(&mut self, field: &str, fate: Fate, into: &str, note: &str) {
        self.add_n(field, fate, into, note, 1);
    }

    pub(crate) fn add_n(&mut self, field: &str, fate: Fate, into: &str, note: &str, n: usize) {
        if n == 0 {
            return;
        }
        let fates = match self.map.get_mut(field) {
            Some(f) => f,
            None => self.map.entry(field.to_owned()).or_default(),
        };
        fates
            .entry(fate)
            .or_insert_with(|| (0, into.to_owned(), note.to_owned()))
            .0 += n;
    }

    pub(crate) fn carried(&mut self, field: &str, into: &str) {
        self.add(field, Fate::Carried, into, "");
    }

    pub(crate) fn converted(&mut self, field: &str, into: &str, note: &str) {
        self.add(field, Fate::Converted, into, note);
    }

    pub(crate) fn defaulted(&mut self, field: &str, note: &str) {
        self.add(field, Fate::Defaulted, field, note);
    }

    pub(crate) fn not_carried(&mut self, field: &str, note: &str) {
        self.add(field, Fate::NotCarried, "", note);
    }

    pub(crate) fn into_fields(self) -> Vec<FieldReport> {
        self.map
            .into_iter()
            .flat_map(|(field, fates)| {
                fates
                    .into_iter()
                    .map(move |(fate, (count, into, note))| FieldReport {
                        field: field.clone(),
                        fate,
                        count,
                        into,
                        note,
                    })
            })
            .collect()
    }
}
