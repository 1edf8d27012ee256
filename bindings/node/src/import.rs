//! The importers: `readAsana`, `readGitlab`, `readQuantive`, `readTability`
//! and `readTable`. Conversion only: the export in (a plain object as parsed
//! from the API, JSON text, or a `Buffer` — CSV or XLSX bytes for a table),
//! `{ document, report, hasProblems }` out. Table options are the core's
//! `TableOptions` (camelCase or snake_case keys); an unknown one is refused there.

use crate::convert::{FromJs, dated, from_js, from_js_verbatim, parse_problem};
use crate::define::functions;
use crate::org::text_bytes;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::Error as OkrError;
use okrkit::import::table::TableOptions;
use okrkit::import::{ImportReport, Imported, Source};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
struct Out<'a> {
    document: &'a okrkit::Document,
    report: &'a ImportReport,
    has_problems: bool,
}

fn out<'e>(env: &'e Env, imported: &Imported) -> Result<Unknown<'e>> {
    let has_problems = imported.report.has_problems();
    dated(
        env,
        &Out {
            document: &imported.document,
            report: &imported.report,
            has_problems,
        },
    )
}

/// An export: bytes (text or a `Buffer`) or a JS value read with its keys as
/// written (another tool's field names).
enum Input {
    Bytes(Vec<u8>),
    Json(Value),
}

impl<'a> FromJs<'a> for Input {
    /// A value that is none of those is `parse_error` at the argument
    /// (`source`, as in Python); the export's own paths start at its root.
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        if let Some(text) = text_bytes(value)? {
            return Ok(Input::Bytes(text.into_vec()));
        }
        match value.get_type() {
            Ok(napi::ValueType::Object) => Ok(Input::Json(from_js_verbatim(value, "")?)),
            _ => Err(parse_problem(
                name,
                "expected an export: an object, JSON text or a Buffer",
            )),
        }
    }
}

fn read_json(source: Source, input: Input) -> okrkit::Result<Imported> {
    match input {
        Input::Bytes(b) => okrkit::import::read_bytes(source, &b, &TableOptions::default()),
        Input::Json(v) => okrkit::import::read_value(source, &v),
    }
}

/// Table options: the core's `TableOptions`, camelCase or snake_case keys,
/// except the column mapping, whose headers are the sheet's own words
/// (kept as written).
struct TableArgs(TableOptions);

impl<'a> FromJs<'a> for TableArgs {
    fn from_js(o: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        if crate::convert::is_absent(&o) {
            return Ok(TableArgs(TableOptions::default()));
        }
        crate::convert::as_written(o, name, || {
            let mut v = from_js(o, name)?;
            if let (Value::Object(m), Ok(napi::ValueType::Object)) = (&mut v, o.get_type()) {
                let napi_err = |e: napi::Error| parse_problem(name, e.reason.clone());
                let obj = Object::from_unknown(o).map_err(napi_err)?;
                if obj.has_named_property("columns").map_err(napi_err)? {
                    let cols: Unknown = obj.get_named_property("columns").map_err(napi_err)?;
                    m.insert("columns".into(), from_js_verbatim(cols, "options.columns")?);
                }
            }
            okrkit::options::from_value_at(v, name).map(TableArgs)
        })
    }
}

functions! { env {
    /// Reads Asana goals (the API's `{ data: [...] }`, a list, JSON text or a Buffer).
    [ts_args_type = "source: object | string | Buffer", ts_return_type = "Imported"]
    fn read_asana(source: Input) -> Unknown<'e> {
        out(env, &read_json(Source::Asana, source)?)?
    }

    /// Reads GitLab OKR work items (a GraphQL response or a list of nodes).
    [ts_args_type = "source: object | string | Buffer", ts_return_type = "Imported"]
    fn read_gitlab(source: Input) -> Unknown<'e> {
        out(env, &read_json(Source::Gitlab, source)?)?
    }

    /// Reads a Quantive Results export (`{ sessions, goals }`).
    [ts_args_type = "source: object | string | Buffer", ts_return_type = "Imported"]
    fn read_quantive(source: Input) -> Unknown<'e> {
        out(env, &read_json(Source::Quantive, source)?)?
    }

    /// Reads a Tability export (`{ plans, objectives, outcomes, checkins }`).
    [ts_args_type = "source: object | string | Buffer", ts_return_type = "Imported"]
    fn read_tability(source: Input) -> Unknown<'e> {
        out(env, &read_json(Source::Tability, source)?)?
    }

    /// Reads a spreadsheet: CSV text, a `Buffer` of CSV or XLSX bytes, or an
    /// array of row objects. `options`: `columns` (okrkit field → column header),
    /// `separator`, `decimalComma`, `thousands`, `percent`, `currency`, `empty`, `sheet`.
    [
        ts_args_type = "source: string | Buffer | Array<Record<string, unknown>>, options?: TableOptions",
        ts_return_type = "Imported"
    ]
    fn read_table(source: Unknown<'e>, options: TableArgs) -> Unknown<'e> {
        let imported = match crate::convert::read(source, "source")? {
            Input::Bytes(b) => okrkit::import::table::read_bytes(&b, &options.0)?,
            Input::Json(Value::Array(list)) => {
                okrkit::import::table::read_records(&list, &options.0)?
            }
            Input::Json(_) => {
                let why = "a table is CSV text, a Buffer or an array of rows";
                return Err(parse_problem("source", why).into());
            }
        };
        out(env, &imported)?
    }
}}
