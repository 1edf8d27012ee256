//! The importers: Asana, GitLab, Quantive and Tability exports (JSON text)
//! and tables (CSV or XLSX bytes). Only conversion: the core reads them.

use crate::guard;
use crate::org::Org;
use crate::{OkrError, Problem};
use okrkit::import::Source;
use okrkit::import::table::TableOptions;

/// What an import read: the document (JSON text), every problem met, and the
/// full report (every source field's fate, the source's own progress beside
/// okrkit's) as JSON text.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Imported {
    /// The source named in the report (`asana`, `table`, …).
    pub source: String,
    /// The document read, as JSON text (check `problems` before trusting it).
    pub document_json: String,
    /// Problems of the import, each with code and path; empty when clean.
    pub problems: Vec<Problem>,
    /// The whole import report as JSON text.
    pub report_json: String,
}

impl Imported {
    fn from_core(i: okrkit::import::Imported) -> Result<Self, OkrError> {
        Ok(Imported {
            source: i.report.source.clone(),
            document_json: i.document.to_json()?,
            problems: i.report.problems.clone(),
            report_json: serde_json::to_string(&i.report)
                .map_err(|e| OkrError::internal(format!("the import report: {e}")))?,
        })
    }
}

fn read(source: Source, bytes: &[u8], options: &TableOptions) -> Result<Imported, OkrError> {
    guard(|| Imported::from_core(okrkit::import::read_bytes(source, bytes, options)?))
}

/// The core's table options from their JSON form (a mapping file:
/// `{"columns": {"objective": "Objective ID", …}, …}`); `null` / `nil`: the
/// defaults. An unknown key is an error, never ignored.
fn table_options(json: Option<&str>) -> Result<TableOptions, OkrError> {
    Ok(match json {
        Some(text) => TableOptions::from_json(text)?,
        None => TableOptions::default(),
    })
}

/// One reader per JSON export: `name => Source`.
macro_rules! json_readers {
    ($($(#[$doc:meta])* $name:ident => $source:ident;)+) => {$(
        $(#[$doc])*
        #[uniffi::export]
        pub fn $name(json: String) -> Result<Imported, OkrError> {
            read(Source::$source, json.as_bytes(), &TableOptions::default())
        }
    )+};
}

json_readers! {
    /// Reads an Asana goals export (JSON text).
    read_asana => Asana;
    /// Reads a GitLab OKR export (JSON text).
    read_gitlab => Gitlab;
    /// Reads a Quantive (Gtmhub) export (JSON text).
    read_quantive => Quantive;
    /// Reads a Tability export (JSON text).
    read_tability => Tability;
}

guarded! {
    /// Reads a table of key results: CSV or XLSX bytes; `options_json` is the
    /// core's table options as JSON (column names, defaults), `null` / `nil` for
    /// the default column names.
    #[uniffi::export(default(options_json = None))]
    fn read_table(bytes: Vec<u8>, options_json: Option<String>) -> Imported = {
        let options = table_options(options_json.as_deref())?;
        read(Source::Table, &bytes, &options)?
    };

    /// Loads a CSV/XLSX table as a validated [`Org`]: `Invalid` with every
    /// problem of the import or of validation.
    #[uniffi::export(default(options_json = None))]
    fn load_csv(bytes: Vec<u8>, options_json: Option<String>) -> Org = {
        let options = table_options(options_json.as_deref())?;
        let imported = okrkit::import::read_bytes(Source::Table, &bytes, &options)?;
        Org {
            inner: okrkit::Org::new(imported.into_document()?)?,
        }
    };
}
