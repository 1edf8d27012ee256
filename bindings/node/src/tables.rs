//! Report tables: the core's typed tables (`okrkit::table`: fixed column
//! names, types and order whatever the data) handed to JS as
//! `{ name, columns: [{ name, type, doc }], rows: [{ column: value }] }`.
//!
//! Nothing here knows a column: the schema, the values and which tables a
//! report offers (`okrkit::table::select`) are the core's. Column names stay
//! the schema's snake_case (the same keys as the CLI's `--format json-rows`,
//! the Python frames and `tests/vectors/tables/schemas.json`); every row has
//! every column, null where a value is missing; dates are `'YYYY-MM-DD'` and
//! moments RFC 3339 strings, as in the CLI's output. The numbers are the
//! core's, unrounded.
//!
//! Each table also comes as Arrow (`…Arrow` methods): the bytes of an Arrow
//! IPC stream in a `Buffer`, the columns in Arrow's types (see the core's
//! `okrkit::table::arrow`), for apache-arrow, DuckDB or polars (timings in
//! benches/node).

use crate::classify::Hint;
use crate::convert::{Dates, De, Opts, parse_json};
use crate::define::{functions, methods};
use crate::ledger::Ledger;
use crate::org::{Org, read_document};
use crate::report::{Computed, ProgressReport};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::classify::default_classifier;
use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::table::{self as core, ColumnSpec, select};
use serde_json::{Value, json};

/// A schema's columns as JSON: `[{ name, type, doc }]`.
fn columns_json(spec: &[ColumnSpec]) -> Value {
    spec.iter()
        .map(|c| json!({ "name": c.name, "type": c.dtype.as_str(), "doc": c.doc }))
        .collect()
}

/// A core table as a JS object (one `JSON.parse`, no per-cell napi call).
fn table_js<'e>(env: &'e Env, table: &core::Table) -> Result<Unknown<'e>> {
    let specs: Vec<ColumnSpec> = table.columns.iter().map(|c| *c.spec).collect();
    // The rows' keys in column order (a `serde_json::Map` would sort them).
    let text = format!(
        "{{\"name\":{},\"columns\":{},\"rows\":{}}}",
        Value::from(table.name),
        columns_json(&specs),
        table.to_json_rows_text(false)
    );
    parse_json(env, &text, Dates::Strings)
}

/// A core table as the bytes of an Arrow IPC stream, in a `Buffer` that owns
/// them (no copy into JS): `tableFromIPC(buffer)` of the apache-arrow package
/// reads it, as do DuckDB and polars. The schema is the table's.
fn table_arrow(table: core::Table) -> okrkit::Result<Buffer> {
    Ok(table.into_arrow_ipc()?.into())
}

fn lint_findings(document: Unknown, options: &LintOptions) -> okrkit::Result<core::Table> {
    let doc = read_document(document)?;
    let report = okrkit::lint::lint(&doc, options);
    Ok(core::reports::findings(&report, Some((&doc).into())))
}

fn classifications(texts: &[String], hint: Hint) -> core::Table {
    let hints = vec![hint.0; texts.len()];
    core::classification::classify_many(default_classifier(), texts, Some(&hints))
}

functions! { env {
    /// The names of every table okrkit publishes (`'progress.key_results'`,
    /// `'lint.findings'`, …), in the order the reports offer them.
    []
    fn table_names() -> Vec<&'static str> {
        core::names()
    }

    /// The schema of a table: its columns, in order, each with its name, type
    /// (`'str' | 'f64' | 'i64' | 'bool' | 'date' | 'datetime'`) and what it
    /// holds. Throws `invalid_value` (path `name`) for an unknown table.
    [ts_args_type = "name: string", ts_return_type = "TableColumn[]"]
    fn table_schema(name: String) -> Unknown<'e> {
        let spec = core::schema_of(&name)?;
        parse_json(env, &columns_json(spec).to_string(), Dates::Strings)?
    }

    /// Lints a document, valid or not, into the `lint.findings` table (each
    /// finding with its key result, objective, team and titles).
    [
        ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions",
        ts_return_type = "Table"
    ]
    fn lint_table(document: Unknown<'e>, options: Opts<LintOptions>) -> Unknown<'e> {
        table_js(env, &lint_findings(document, &options.0)?)?
    }

    /// `lintTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    [ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions"]
    fn lint_table_arrow(document: Unknown<'e>, options: Opts<LintOptions>) -> Buffer {
        table_arrow(lint_findings(document, &options.0)?)?
    }

    /// Classifies many statements (R1) into the `classification` table: kind,
    /// confidence, the weights for each side and the deciding signals as columns.
    [ts_args_type = "texts: string[], structure?: StructureHint", ts_return_type = "Table"]
    fn classify_table(texts: De<Vec<String>>, structure: Hint) -> Unknown<'e> {
        table_js(env, &classifications(&texts.0, structure))?
    }

    /// `classifyTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    [ts_args_type = "texts: string[], structure?: StructureHint"]
    fn classify_table_arrow(texts: De<Vec<String>>, structure: Hint) -> Buffer {
        table_arrow(classifications(&texts.0, structure))?
    }
}}

/// A report's table by name, its text columns as offsets (what Arrow takes).
fn progress_table(report: &Computed, table: Option<String>) -> okrkit::Result<core::Table> {
    report.table(table.as_deref(), core::TextLayout::Offsets)
}

methods! { ProgressReport as (report, env) {
    /// One table of the report: `'objectives'` (default), `'key_results'`,
    /// `'teams'` or `'cycles'` (or the full name, `'progress.teams'`). Throws
    /// `invalid_value` (path `table`) for another name, or for `'key_results'`
    /// when the report was computed with `keyResults: false`.
    [ts_args_type = "table?: ProgressTableName", ts_return_type = "Table"]
    fn table(table: Option<String>) -> Unknown<'e> {
        table_js(env, &progress_table(report, table)?)?
    }

    /// `table` as an Arrow IPC stream (a `Buffer`): `tableFromIPC(report.tableArrow())`
    /// of the apache-arrow package gives the objectives with typed columns.
    [ts_args_type = "table?: ProgressTableName"]
    fn table_arrow(table: Option<String>) -> Buffer {
        table_arrow(progress_table(report, table)?)?
    }

    /// `table` as Arrow buffers without an IPC stream: `{ schema, numRows,
    /// buffers, layout }` (see `ArrowColumns`): the smallest buffers, up to
    /// 64 KiB in all, copied into one `ArrayBuffer`, each other one an
    /// `ArrayBuffer` over the memory the core filled (no copy); all stay
    /// valid after `free()`.
    /// The schema is an IPC stream of the schema alone, `layout` says where
    /// each column's buffers are. `report.toArrow(table)` (index.js) makes an
    /// apache-arrow `Table` of it.
    [ts_args_type = "table?: ProgressTableName", ts_return_type = "ArrowColumns"]
    fn table_arrow_columns(table: Option<String>) -> Object<'e> {
        crate::arrow::table_columns(env, progress_table(report, table)?)?
    }
}}

/// A score or health report's table, by name (`None`: the default one).
type TableName = Option<String>;

methods! { Org as (org, env) {
    /// One table of a cycle's score report (R5): `'objectives'` (default),
    /// `'key_results'`, `'teams'` or `'bands'`.
    [ts_args_type = "cycle: string, table?: ScoreTableName", ts_return_type = "Table"]
    fn score_table(cycle: String, table: TableName) -> Unknown<'e> {
        let report = org.score_cycle(&cycle)?;
        table_js(
            env,
            &select::score(org.document(), &report, table.as_deref())?,
        )?
    }

    /// `scoreTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    [ts_args_type = "cycle: string, table?: ScoreTableName"]
    fn score_table_arrow(cycle: String, table: TableName) -> Buffer {
        let report = org.score_cycle(&cycle)?;
        table_arrow(select::score(org.document(), &report, table.as_deref())?)?
    }

    /// One table of a cycle's health report (R10): `'teams'` (default),
    /// `'histograms'` or `'calibration'`.
    [
        ts_args_type = "cycle: string, table?: HealthTableName, options?: HealthOptions",
        ts_return_type = "Table"
    ]
    fn health_table(cycle: String, table: TableName, options: Opts<HealthOptions>) -> Unknown<'e> {
        let report = org.health(&cycle, &options.0)?;
        table_js(
            env,
            &select::health(org.document(), &report, table.as_deref())?,
        )?
    }

    /// `healthTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    [ts_args_type = "cycle: string, table?: HealthTableName, options?: HealthOptions"]
    fn health_table_arrow(cycle: String, table: TableName, options: Opts<HealthOptions>) -> Buffer {
        let report = org.health(&cycle, &options.0)?;
        table_arrow(select::health(org.document(), &report, table.as_deref())?)?
    }

    /// The `lint.findings` table of this document.
    [ts_args_type = "options?: LintOptions", ts_return_type = "Table"]
    fn lint_table(options: Opts<LintOptions>) -> Unknown<'e> {
        table_js(
            env,
            &select::lint(&org.lint(&options.0), Some(org.document()), None)?,
        )?
    }

    /// `lintTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    [ts_args_type = "options?: LintOptions"]
    fn lint_table_arrow(options: Opts<LintOptions>) -> Buffer {
        table_arrow(select::lint(
            &org.lint(&options.0),
            Some(org.document()),
            None,
        )?)?
    }
}}

methods! { Ledger as (ledger, env) {
    /// The entries as the `ledger.entries` table: seq, id, at, actor_person,
    /// actor_team, action, prev_hash, hash — one row per entry, in order.
    [ts_return_type = "Table"]
    fn table() -> Unknown<'e> {
        table_js(env, &core::ledger::entries(ledger.entries()))?
    }

    /// `table` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    []
    fn table_arrow() -> Buffer {
        table_arrow(core::ledger::entries(ledger.entries()))?
    }
}}
