//! Report tables: the core's typed tables (`okrkit::table`: fixed columns
//! whatever the data; which tables a report offers is `okrkit::table::select`)
//! as `{ name, columns, rows }` objects, or as Arrow (`…Arrow`: an IPC stream
//! in a `Buffer`; `tableArrowColumns`: the buffers themselves). README.md,
//! "Tables", says what the rows hold.

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
use okrkit::table::{self as core, select};

/// A core table as a JS object (one `JSON.parse` of the core's
/// `Table::to_json_text`, no per-cell napi call).
fn table_js<'e>(env: &'e Env, table: &core::Table) -> Result<Unknown<'e>> {
    parse_json(env, &table.to_json_text(), Dates::Strings)
}

/// A core table as the bytes of an Arrow IPC stream, in a `Buffer` that owns
/// them (no copy into JS): `tableFromIPC(buffer)` of the apache-arrow package
/// reads it, as do DuckDB and polars. The schema is the table's.
fn table_arrow(table: core::Table) -> okrkit::Result<Buffer> {
    Ok(table.into_arrow_ipc()?.into())
}

/// Table methods in pairs, written with `define`'s macro `$kind`: `name`
/// gives the core table its body makes as a JS object (`Table`), `nameArrow`
/// the same table as an Arrow IPC stream ([`table_arrow`]). The doc and the
/// argument types are the first method's; the second's doc says what it is.
/// `$env` repeats the head's name of the environment, for the bodies to use.
macro_rules! table_pairs {
    ($kind:ident! { $($head:tt)* } $env:ident {
        $(
            $(#[$doc:meta])*
            [$($ts:literal)?]
            fn $name:ident / $arrow:ident ($($arg:ident: $t:ty),*) $body:block
        )*
    }) => {
        $kind! { $($head)* {
            $(
                $(#[$doc])*
                [$(ts_args_type = $ts,)? ts_return_type = "Table"]
                fn $name($($arg: $t),*) -> Unknown<'e> {
                    table_js($env, &$body)?
                }

                /// The table of the method named without `Arrow`, as an Arrow IPC stream
                /// (a `Buffer`; `tableFromIPC` of apache-arrow reads it, as do DuckDB and polars).
                [$(ts_args_type = $ts)?]
                fn $arrow($($arg: $t),*) -> Buffer {
                    table_arrow($body)?
                }
            )*
        }}
    };
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
        parse_json(env, &core::columns_json(spec).to_string(), Dates::Strings)?
    }
}}

table_pairs! { functions! { env } env {
    /// Lints a document, valid or not, into the `lint.findings` table (each
    /// finding with its key result, objective, team and titles).
    ["document: OkrDocumentInput | string | Buffer, options?: LintOptions"]
    fn lint_table / lint_table_arrow(document: Unknown<'e>, options: Opts<LintOptions>) {
        let document = read_document(document)?;
        let report = okrkit::lint::lint(&document, &options.0);
        core::reports::findings(&report, Some((&document).into()))
    }

    /// Classifies many statements (R1) into the `classification` table: kind,
    /// confidence, the weights for each side and the deciding signals as columns.
    ["texts: string[], structure?: StructureHint"]
    fn classify_table / classify_table_arrow(texts: De<Vec<String>>, structure: Hint) {
        classifications(&texts.0, structure)
    }
}}

/// A report's table by name, its text columns as offsets (what Arrow takes).
fn progress_table(report: &Computed, table: Option<String>) -> okrkit::Result<core::Table> {
    report.table(table.as_deref(), core::TextLayout::Offsets)
}

table_pairs! { methods! { ProgressReport as (report, env) } env {
    /// One table of the report: `'objectives'` (default), `'key_results'`,
    /// `'teams'` or `'cycles'` (or the full name, `'progress.teams'`). Throws
    /// `invalid_value` (path `table`) for another name, or for `'key_results'`
    /// when the report was computed with `keyResults: false`.
    ["table?: ProgressTableName"]
    fn table / table_arrow(table: Option<String>) {
        progress_table(report, table)?
    }
}}

methods! { ProgressReport as (report, env) {
    /// `table` as Arrow buffers without an IPC stream (see `ArrowColumns`):
    /// what `report.toArrow(table)` makes an apache-arrow `Table` of.
    [ts_args_type = "table?: ProgressTableName", ts_return_type = "ArrowColumns"]
    fn table_arrow_columns(table: Option<String>) -> Object<'e> {
        crate::arrow::table_columns(env, progress_table(report, table)?)?
    }
}}

/// A score or health report's table, by name (`None`: the default one).
type TableName = Option<String>;

table_pairs! { methods! { Org as (org, env) } env {
    /// One table of a cycle's score report (R5): `'objectives'` (default),
    /// `'key_results'`, `'teams'` or `'bands'`.
    ["cycle: string, table?: ScoreTableName"]
    fn score_table / score_table_arrow(cycle: String, table: TableName) {
        let report = org.score_cycle(&cycle)?;
        select::score(org.document(), &report, table.as_deref())?
    }

    /// One table of a cycle's health report (R10): `'teams'` (default),
    /// `'histograms'` or `'calibration'`.
    ["cycle: string, table?: HealthTableName, options?: HealthOptions"]
    fn health_table / health_table_arrow(cycle: String, table: TableName, options: Opts<HealthOptions>) {
        let report = org.health(&cycle, &options.0)?;
        select::health(org.document(), &report, table.as_deref())?
    }

    /// The `lint.findings` table of this document.
    ["options?: LintOptions"]
    fn lint_table / lint_table_arrow(options: Opts<LintOptions>) {
        select::lint(&org.lint(&options.0), Some(org.document()), None)?
    }
}}

table_pairs! { methods! { Ledger as (ledger, env) } env {
    /// The entries as the `ledger.entries` table: seq, id, at, actor_person,
    /// actor_team, action, prev_hash, hash — one row per entry, in order.
    []
    fn table / table_arrow() {
        core::ledger::entries(ledger.entries())
    }
}}
