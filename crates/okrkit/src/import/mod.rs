//! Importers: the exports of the OKR tools people already use, read into a
//! [`Document`](crate::Document) with an [`ImportReport`] that says what
//! happened to every source field — nothing is lost silently.
//!
//! | module | reads | the source's own terms in paths |
//! |---|---|---|
//! | [`asana`] | Asana Goals API JSON (goals, subgoals, metric, time period) | `goals[3].metric.target_number_value` |
//! | [`gitlab`] | GitLab OKR work items (GraphQL: objective / key result, progress widget) | `work_items[2].widgets.progress.endValue` |
//! | [`quantive`] | Quantive Results goals and metrics | `goals[0].metrics[1].target` |
//! | [`tability`] | Tability plans, objectives, outcomes and check-ins | `outcomes[4].to` |
//! | [`table`] | any CSV or XLSX sheet, with a column mapping and cleaning options (okrkit's own CSV layout is the `okrkit` preset) | `rows[16].target` |
//!
//! Every importer returns an [`Imported`]: the document and the report. The
//! report lists
//! - each source field with its fate and how often ([`FieldReport`]):
//!   `carried` (as is), `converted` (a unit, scale or shape changed),
//!   `defaulted` (an okrkit field the source does not have, given a default),
//!   `not_carried` (present in the source, with no place in okrkit);
//! - every problem at once, located in the source's terms ([`Problem`](crate::Problem));
//! - a [`Reconciliation`] line per key result and objective where the source
//!   has its own progress, score or status, beside okrkit's, with the reason
//!   for each difference ([`Difference`]).
//!
//! An export that says it is one page of a longer list — Asana `next_page`
//! set, GitLab `pageInfo.hasNextPage` / `hasPreviousPage` true or a GraphQL
//! `errors` list, Quantive `totalCount` above the goals given — is a
//! `parse_error` problem at that field, and every field of the API's
//! envelope is in the report's fields (Tability pages in HTTP headers only).
//!
//! An import with problems still returns what could be read; check
//! [`ImportReport::has_problems`] (the CLI exits 1) before trusting it.
//! [`Org::new`](crate::Org::new) validates the document; the table importer
//! also runs that validation and reports its problems at the source's rows.
//!
//! ```
//! use okrkit::import::table;
//! let csv = "Objective;Team;Quarter;KR;Statement;Kind;Start;Goal;Now\n\
//!            o1;web;2026-Q1;kr1;Conversion to 65 %;metric;55 %;65 %;58,5 %\n";
//! let mut opts = table::TableOptions::default();
//! opts.separator = ';';
//! opts.decimal_comma = true;
//! opts.columns = [("objective", "Objective"), ("team", "Team"), ("cycle", "Quarter"),
//!     ("key_result", "KR"), ("title", "Statement"), ("type", "Kind"),
//!     ("baseline", "Start"), ("target", "Goal"), ("current", "Now")]
//!     .into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect();
//! let imported = table::read_csv(csv, &opts)?;
//! assert!(!imported.report.has_problems());
//! let kr = &imported.document.objectives[0].key_results[0];
//! assert_eq!(kr.measure, okrkit::Measure::Metric {
//!     baseline: 55.0, target: 65.0, current: Some(58.5), unit: Some("%".into()) });
//! # Ok::<(), okrkit::Error>(())
//! ```

pub mod asana;
pub mod gitlab;
mod json_source;
pub mod quantive;
mod reconcile;
mod report;
pub mod tability;
pub mod table;
mod table_mapping;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use reconcile::{Difference, ElementKind, Reconciliation};
pub use report::{Fate, FieldReport, ImportReport, Imported};

/// The formats okrkit imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Asana Goals API JSON.
    Asana,
    /// GitLab OKR work items (GraphQL JSON).
    Gitlab,
    /// Quantive Results goals and metrics JSON.
    Quantive,
    /// Tability plans, objectives, outcomes and check-ins JSON.
    Tability,
    /// A CSV or XLSX sheet with a column mapping.
    Table,
}

impl std::str::FromStr for Source {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Source> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "asana" => Source::Asana,
            "gitlab" => Source::Gitlab,
            "quantive" | "gtmhub" => Source::Quantive,
            "tability" => Source::Tability,
            "table" | "csv" | "xlsx" => Source::Table,
            other => {
                return Err(crate::Error::InvalidArgument {
                    code: crate::ProblemCode::InvalidValue,
                    message: format!(
                        "'{other}' is not a source: asana, gitlab, quantive, tability or table"
                    ),
                    path: "from".into(),
                });
            }
        })
    }
}

/// Reads an export of any source from bytes (a file's content). `table`
/// options apply to [`Source::Table`] only.
///
/// ```
/// use okrkit::import::{read_bytes, Source, table::TableOptions};
/// let imported = read_bytes(Source::Gitlab, br#"[]"#, &TableOptions::default())?;
/// assert!(imported.document.objectives.is_empty());
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn read_bytes(
    source: Source,
    bytes: &[u8],
    table: &table::TableOptions,
) -> crate::Result<Imported> {
    if source == Source::Table {
        return table::read_bytes(bytes, table);
    }
    let text = crate::utf8::check(bytes).map_err(|e| crate::Error::Parse {
        path: String::new(),
        message: format!("the file is not UTF-8 text: {e}"),
        position: None,
    })?;
    let value = json_source::parse(text)?;
    read_value(source, &value)
}

/// Reads a JSON source from a parsed value (a dict or JS object handed over
/// by a binding). [`Source::Table`] is refused: use [`table`].
pub fn read_value(source: Source, value: &serde_json::Value) -> crate::Result<Imported> {
    Ok(match source {
        Source::Asana => asana::read(value),
        Source::Gitlab => gitlab::read(value),
        Source::Quantive => quantive::read(value),
        Source::Tability => tability::read(value),
        Source::Table => {
            return Err(crate::Error::InvalidArgument {
                code: crate::ProblemCode::InvalidValue,
                message: "a table is read from CSV/XLSX bytes or rows, not JSON".into(),
                path: "from".into(),
            });
        }
    })
}
