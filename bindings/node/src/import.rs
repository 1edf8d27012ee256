//! The importers: `readAsana`, `readGitlab`, `readQuantive`, `readTability`
//! and `readTable`. Conversion only: the export in (a plain object as parsed
//! from the API, JSON text, or a `Buffer` — CSV or XLSX bytes for a table),
//! `{ document, report, hasProblems }` out. Table options are the core's
//! `TableOptions` (camelCase or snake_case keys); an unknown one is refused there.

use crate::convert::{self, Dates};
use crate::error::OrThrow;
use napi::ValueType;
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
    convert::to_js(
        env,
        &Out {
            document: &imported.document,
            report: &imported.report,
            has_problems: imported.report.has_problems(),
        },
        Dates::Revive,
    )
}

fn parse_err(message: String) -> OkrError {
    OkrError::Parse {
        path: String::new(),
        message,
        position: None,
    }
}

enum Input {
    Bytes(Vec<u8>),
    Json(Value),
}

fn read_input(value: Unknown<'_>) -> std::result::Result<Input, OkrError> {
    if value.is_buffer().unwrap_or(false) {
        let bytes = BufferSlice::from_unknown(value).map_err(|e| parse_err(e.reason.clone()))?;
        return Ok(Input::Bytes(bytes.to_vec()));
    }
    match value.get_type() {
        Ok(ValueType::String) => {
            let text = String::from_unknown(value).map_err(|e| parse_err(e.reason.clone()))?;
            Ok(Input::Bytes(text.into_bytes()))
        }
        Ok(ValueType::Object) => Ok(Input::Json(convert::from_js_verbatim(value, "")?)),
        _ => Err(parse_err(
            "expected an export: an object, JSON text or a Buffer".into(),
        )),
    }
}

fn read_json<'a>(env: &'a Env, source: Source, value: Unknown<'a>) -> Result<Unknown<'a>> {
    let imported = match read_input(value).or_throw(env)? {
        Input::Bytes(b) => {
            okrkit::import::read_bytes(source, &b, &TableOptions::default()).or_throw(env)?
        }
        Input::Json(v) => okrkit::import::read_value(source, &v).or_throw(env)?,
    };
    out(env, &imported)
}

/// Reads Asana goals (the API's `{ data: [...] }`, a list, JSON text or a Buffer).
#[napi(
    catch_unwind,
    ts_args_type = "input: object | string | Buffer",
    ts_return_type = "Imported"
)]
pub fn read_asana<'e>(env: &'e Env, input: Unknown<'e>) -> Result<Unknown<'e>> {
    read_json(env, Source::Asana, input)
}

/// Reads GitLab OKR work items (a GraphQL response or a list of nodes).
#[napi(
    catch_unwind,
    ts_args_type = "input: object | string | Buffer",
    ts_return_type = "Imported"
)]
pub fn read_gitlab<'e>(env: &'e Env, input: Unknown<'e>) -> Result<Unknown<'e>> {
    read_json(env, Source::Gitlab, input)
}

/// Reads a Quantive Results export (`{ sessions, goals }`).
#[napi(
    catch_unwind,
    ts_args_type = "input: object | string | Buffer",
    ts_return_type = "Imported"
)]
pub fn read_quantive<'e>(env: &'e Env, input: Unknown<'e>) -> Result<Unknown<'e>> {
    read_json(env, Source::Quantive, input)
}

/// Reads a Tability export (`{ plans, objectives, outcomes, checkins }`).
#[napi(
    catch_unwind,
    ts_args_type = "input: object | string | Buffer",
    ts_return_type = "Imported"
)]
pub fn read_tability<'e>(env: &'e Env, input: Unknown<'e>) -> Result<Unknown<'e>> {
    read_json(env, Source::Tability, input)
}

/// Reads a spreadsheet: CSV text, a `Buffer` of CSV or XLSX bytes, or an
/// array of row objects. `options`: `columns` (okrkit field → column header),
/// `separator`, `decimalComma`, `thousands`, `percent`, `currency`, `empty`, `sheet`.
#[napi(
    catch_unwind,
    ts_args_type = "input: string | Buffer | Array<Record<string, unknown>>, options?: TableOptions",
    ts_return_type = "Imported"
)]
pub fn read_table<'e>(
    env: &'e Env,
    input: Unknown<'e>,
    options: Option<Unknown<'e>>,
) -> Result<Unknown<'e>> {
    let opts: TableOptions = match options {
        Some(o) if !matches!(o.get_type()?, ValueType::Undefined | ValueType::Null) => {
            let mut v = convert::from_js(o, "options").or_throw(env)?;
            // Column headers are the sheet's own words: keep the mapping as written.
            if let (Value::Object(m), Ok(ValueType::Object)) = (&mut v, o.get_type()) {
                let obj = Object::from_unknown(o)?;
                if obj.has_named_property("columns")? {
                    let cols: Unknown = obj.get_named_property("columns")?;
                    m.insert(
                        "columns".into(),
                        convert::from_js_verbatim(cols, "options.columns").or_throw(env)?,
                    );
                }
            }
            convert::decode(v, "options").or_throw(env)?
        }
        _ => TableOptions::default(),
    };
    let imported = match read_input(input).or_throw(env)? {
        Input::Bytes(b) => okrkit::import::table::read_bytes(&b, &opts).or_throw(env)?,
        Input::Json(Value::Array(list)) => {
            okrkit::import::table::read_records(&list, &opts).or_throw(env)?
        }
        Input::Json(_) => {
            return Err(crate::error::js_error(
                env,
                &parse_err("a table is CSV text, a Buffer or an array of rows".into()),
            ));
        }
    };
    out(env, &imported)
}
