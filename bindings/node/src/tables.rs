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

use crate::classify::hint;
use crate::convert::{Dates, arg, arg_de, opt_arg, parse_json};
use crate::error::OrThrow;
use crate::ledger::Ledger;
use crate::org::{Org, read_document, read_options};
use crate::report::ProgressReport;
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
fn table_arrow(env: &Env, table: core::Table) -> Result<Buffer> {
    Ok(table.into_arrow_ipc().or_throw(env)?.into())
}

/// The names of every table okrkit publishes (`'progress.key_results'`,
/// `'lint.findings'`, …), in the order the reports offer them.
#[napi(catch_unwind)]
pub fn table_names() -> Vec<&'static str> {
    core::SCHEMAS.iter().map(|(n, _)| *n).collect()
}

/// The schema of a table: its columns, in order, each with its name, type
/// (`'str' | 'f64' | 'i64' | 'bool' | 'date' | 'datetime'`) and what it
/// holds. Throws `invalid_value` (path `name`) for an unknown table.
#[napi(
    catch_unwind,
    ts_args_type = "name: string",
    ts_return_type = "TableColumn[]"
)]
pub fn table_schema<'e>(env: &'e Env, name: Unknown) -> Result<Unknown<'e>> {
    let name: String = arg(name, "name").or_throw(env)?;
    let spec = core::schema(&name)
        .ok_or_else(|| okrkit::Error::InvalidArgument {
            code: okrkit::ProblemCode::InvalidValue,
            message: format!(
                "no table '{name}'; the tables are {}",
                table_names().join(", ")
            ),
            path: "name".into(),
        })
        .or_throw(env)?;
    parse_json(env, &columns_json(spec).to_string(), Dates::Strings)
}

/// Lints a document, valid or not, into the `lint.findings` table (each
/// finding with its key result, objective, team and titles).
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions",
    ts_return_type = "Table"
)]
pub fn lint_table<'e>(
    env: &'e Env,
    document: Unknown,
    options: Option<Unknown>,
) -> Result<Unknown<'e>> {
    table_js(env, &lint_findings(env, document, options)?)
}

/// `lintTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions"
)]
pub fn lint_table_arrow(env: &Env, document: Unknown, options: Option<Unknown>) -> Result<Buffer> {
    table_arrow(env, lint_findings(env, document, options)?)
}

fn lint_findings(env: &Env, document: Unknown, options: Option<Unknown>) -> Result<core::Table> {
    let config: LintOptions = read_options(options, "options").or_throw(env)?;
    let doc = read_document(document).or_throw(env)?;
    let report = okrkit::lint::lint(&doc, &config);
    Ok(core::reports::findings(&report, Some((&doc).into())))
}

/// Classifies many statements (R1) into the `classification` table: kind,
/// confidence, the weights for each side and the deciding signals as columns.
#[napi(
    catch_unwind,
    ts_args_type = "texts: string[], structure?: StructureHint",
    ts_return_type = "Table"
)]
pub fn classify_table<'e>(
    env: &'e Env,
    texts: Unknown,
    structure: Option<Unknown>,
) -> Result<Unknown<'e>> {
    table_js(env, &classifications(env, texts, structure)?)
}

/// `classifyTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
#[napi(
    catch_unwind,
    ts_args_type = "texts: string[], structure?: StructureHint"
)]
pub fn classify_table_arrow(
    env: &Env,
    texts: Unknown,
    structure: Option<Unknown>,
) -> Result<Buffer> {
    table_arrow(env, classifications(env, texts, structure)?)
}

fn classifications(env: &Env, texts: Unknown, structure: Option<Unknown>) -> Result<core::Table> {
    let texts: Vec<String> = arg_de(texts, "texts").or_throw(env)?;
    let h = hint(structure).or_throw(env)?;
    let hints = vec![h; texts.len()];
    Ok(core::classification::classify_many(
        default_classifier(),
        &texts,
        Some(&hints),
    ))
}

#[napi]
impl ProgressReport {
    /// One table of the report: `'objectives'` (default), `'key_results'`,
    /// `'teams'` or `'cycles'` (or the full name, `'progress.teams'`). Throws
    /// `invalid_value` (path `table`) for another name, or for `'key_results'`
    /// when the report was computed with `keyResults: false`.
    #[napi(
        catch_unwind,
        ts_args_type = "table?: ProgressTableName",
        ts_return_type = "Table"
    )]
    pub fn table<'e>(&self, env: &'e Env, table: Option<Unknown>) -> Result<Unknown<'e>> {
        table_js(env, &self.core_table(env, table)?)
    }

    /// `table` as an Arrow IPC stream (a `Buffer`): `tableFromIPC(report.tableArrow())`
    /// of the apache-arrow package gives the objectives with typed columns.
    #[napi(catch_unwind, ts_args_type = "table?: ProgressTableName")]
    pub fn table_arrow(&self, env: &Env, table: Option<Unknown>) -> Result<Buffer> {
        table_arrow(env, self.core_table(env, table)?)
    }

    /// `table` as Arrow buffers without an IPC stream: `{ schema, numRows,
    /// columns: [{ nullCount, validity, buffers }] }`, each buffer an
    /// `ArrayBuffer` over the memory the core filled (no copy; it stays valid
    /// after `free()`), the schema an IPC stream of the schema alone.
    /// `report.toArrow(table)` (index.js) makes an apache-arrow `Table` of it.
    #[napi(
        catch_unwind,
        ts_args_type = "table?: ProgressTableName",
        ts_return_type = "ArrowColumns"
    )]
    pub fn table_arrow_columns<'e>(
        &self,
        env: &'e Env,
        table: Option<Unknown>,
    ) -> Result<Object<'e>> {
        crate::arrow::table_columns(env, self.core_table(env, table)?)
    }

    fn core_table(&self, env: &Env, table: Option<Unknown>) -> Result<core::Table> {
        let table: Option<String> = opt_arg(table, "table").or_throw(env)?;
        self.computed(env)?
            .table(table.as_deref(), core::TextLayout::Offsets)
            .or_throw(env)
    }
}

#[napi]
impl Org {
    /// One table of a cycle's score report (R5): `'objectives'` (default),
    /// `'key_results'`, `'teams'` or `'bands'`.
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string, table?: ScoreTableName",
        ts_return_type = "Table"
    )]
    pub fn score_table<'e>(
        &self,
        env: &'e Env,
        cycle: Unknown,
        table: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        table_js(env, &self.score(env, cycle, table)?)
    }

    /// `scoreTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    #[napi(catch_unwind, ts_args_type = "cycle: string, table?: ScoreTableName")]
    pub fn score_table_arrow(
        &self,
        env: &Env,
        cycle: Unknown,
        table: Option<Unknown>,
    ) -> Result<Buffer> {
        table_arrow(env, self.score(env, cycle, table)?)
    }

    fn score(&self, env: &Env, cycle: Unknown, table: Option<Unknown>) -> Result<core::Table> {
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        let table: Option<String> = opt_arg(table, "table").or_throw(env)?;
        let report = self.core(env)?.score_cycle(&cycle).or_throw(env)?;
        select::score(self.core(env)?.document(), &report, table.as_deref()).or_throw(env)
    }

    /// One table of a cycle's health report (R10): `'teams'` (default),
    /// `'histograms'` or `'calibration'`.
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string, table?: HealthTableName, options?: HealthOptions",
        ts_return_type = "Table"
    )]
    pub fn health_table<'e>(
        &self,
        env: &'e Env,
        cycle: Unknown,
        table: Option<Unknown>,
        options: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        table_js(env, &self.health_of(env, cycle, table, options)?)
    }

    /// `healthTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string, table?: HealthTableName, options?: HealthOptions"
    )]
    pub fn health_table_arrow(
        &self,
        env: &Env,
        cycle: Unknown,
        table: Option<Unknown>,
        options: Option<Unknown>,
    ) -> Result<Buffer> {
        table_arrow(env, self.health_of(env, cycle, table, options)?)
    }

    fn health_of(
        &self,
        env: &Env,
        cycle: Unknown,
        table: Option<Unknown>,
        options: Option<Unknown>,
    ) -> Result<core::Table> {
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        let table: Option<String> = opt_arg(table, "table").or_throw(env)?;
        let opts: HealthOptions = read_options(options, "options").or_throw(env)?;
        let report = self.core(env)?.health(&cycle, &opts).or_throw(env)?;
        select::health(self.core(env)?.document(), &report, table.as_deref()).or_throw(env)
    }

    /// The `lint.findings` table of this document.
    #[napi(
        catch_unwind,
        ts_args_type = "options?: LintOptions",
        ts_return_type = "Table"
    )]
    pub fn lint_table<'e>(&self, env: &'e Env, options: Option<Unknown>) -> Result<Unknown<'e>> {
        table_js(env, &self.findings(env, options)?)
    }

    /// `lintTable` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    #[napi(catch_unwind, ts_args_type = "options?: LintOptions")]
    pub fn lint_table_arrow(&self, env: &Env, options: Option<Unknown>) -> Result<Buffer> {
        table_arrow(env, self.findings(env, options)?)
    }

    fn findings(&self, env: &Env, options: Option<Unknown>) -> Result<core::Table> {
        let config: LintOptions = read_options(options, "options").or_throw(env)?;
        let report = self.core(env)?.lint(&config);
        select::lint(&report, Some(self.core(env)?.document()), None).or_throw(env)
    }
}

#[napi]
impl Ledger {
    /// The entries as the `ledger.entries` table: seq, id, at, actor_person,
    /// actor_team, action, prev_hash, hash — one row per entry, in order.
    #[napi(catch_unwind, ts_return_type = "Table")]
    pub fn table<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        table_js(env, &core::ledger::entries(self.core(env)?.entries()))
    }

    /// `table` as an Arrow IPC stream (a `Buffer`; `tableFromIPC` reads it).
    #[napi(catch_unwind)]
    pub fn table_arrow(&self, env: &Env) -> Result<Buffer> {
        table_arrow(env, core::ledger::entries(self.core(env)?.entries()))
    }
}
