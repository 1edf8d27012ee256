//! `Org` (a validated document), loading, validation, lint, scoring, health,
//! the generator.

use crate::convert::{
    Dates, FromJs, Opts, Pending, as_written, camel_json, dated, from_js, parse_problem, plain,
    read,
};
use crate::define::{functions, methods, statics};
use crate::error::Failure;
use crate::memory::{Held, Native};
use crate::report::{Computed, ProgressReport};
use crate::tasks::{HandleTask, JsonTask};
use napi::ValueType;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::Error as OkrError;
use okrkit::json_case;
use okrkit::lint::LintOptions;
use okrkit::{Document, ProgressOptions};
use serde_json::Value;
use std::sync::Arc;

// The read-only operations, generated from the core's `OrgQuery` (okrkit-codegen).
#[path = "org_queries.rs"]
mod queries;

/// JSON given as text or as a `Buffer` of its bytes (read in place).
pub(crate) enum Text<'a> {
    Buffer(BufferSlice<'a>),
    String(String),
}

impl std::ops::Deref for Text<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Text::Buffer(b) => b,
            Text::String(s) => s.as_bytes(),
        }
    }
}

impl Text<'_> {
    /// The bytes, owned (to read in a task).
    pub(crate) fn into_vec(self) -> Vec<u8> {
        match self {
            Text::Buffer(b) => b.to_vec(),
            Text::String(s) => s.into_bytes(),
        }
    }
}

/// The text of a string or a `Buffer`; `None` for any other value.
pub(crate) fn text_bytes(value: Unknown<'_>) -> std::result::Result<Option<Text<'_>>, OkrError> {
    let err = |e: napi::Error| parse_problem("", e.reason.clone());
    if value.is_buffer().map_err(err)? {
        return Ok(Some(Text::Buffer(
            BufferSlice::from_unknown(value).map_err(err)?,
        )));
    }
    if value.get_type().map_err(err)? == ValueType::String {
        return Ok(Some(Text::String(
            String::from_unknown(value).map_err(err)?,
        )));
    }
    Ok(None)
}

/// Reads a document: JSON text, a `Buffer` of JSON bytes (as `fs.readFileSync`
/// gives), or a JS object (camelCase or snake_case keys).
pub fn read_document(value: Unknown<'_>) -> std::result::Result<Document, OkrError> {
    if let Some(text) = text_bytes(value)? {
        return json_case::document(&text);
    }
    if !matches!(value.get_type(), Ok(ValueType::Object)) || value.is_array().unwrap_or(false) {
        return Err(parse_problem(
            "",
            "expected an OKR document: an object, a JSON string or a Buffer",
        ));
    }
    let (json, non_finite) = crate::convert::from_js_keeping_non_finite(value, "")?;
    // The core validates the same f64 a Rust caller would pass.
    json_case::document_with_numbers(json, &non_finite)
}

/// A document argument, read by [`read_document`].
impl<'a> FromJs<'a> for Document {
    fn from_js(value: Unknown<'a>, _name: &str) -> std::result::Result<Self, OkrError> {
        read_document(value)
    }
}

/// An organisation from what `new Org(…)` takes: text and bytes through
/// [`json_case::org`], a JS object through [`read_document`].
fn read_org(value: Unknown<'_>) -> std::result::Result<okrkit::Org, OkrError> {
    match text_bytes(value)? {
        Some(text) => json_case::org(&text),
        None => okrkit::Org::new(read_document(value)?),
    }
}

/// Progress options, and whether the report keeps each key result's detail
/// (`keyResults: false` leaves it out: same numbers; `report.objectives` then
/// converts a fifth as much, and the rows, once built, hold less memory).
pub struct ProgressArgs(ProgressOptions, bool);

impl<'a> FromJs<'a> for ProgressArgs {
    fn from_js(value: Unknown<'a>, name: &str) -> std::result::Result<Self, OkrError> {
        as_written(value, name, || {
            let mut json = from_js(value, name)?;
            let detail = match json.as_object_mut().and_then(|m| m.remove("key_results")) {
                None | Some(Value::Null) => true,
                Some(Value::Bool(b)) => b,
                Some(_) => return Err(parse_problem("options.key_results", "expected a boolean")),
            };
            match json {
                Value::Null => Ok(ProgressArgs(ProgressOptions::default(), detail)),
                v => Ok(ProgressArgs(
                    okrkit::options::from_object_at(v, name)?,
                    detail,
                )),
            }
        })
    }
}

fn json_failure<T: serde::Serialize>(value: &T) -> std::result::Result<String, Failure> {
    camel_json(value).map_err(|e| Failure::Panic(okrkit::Error::internal_message(&e.reason)))
}

/// A validated OKR document with its indexes: progress, lint, scoring and
/// health run on it. Immutable; safe to share (its methods never change it).
///
/// Its native memory is reported to V8; `free()` (or `using`, through
/// `Symbol.dispose`) drops this handle's hold on it before the garbage
/// collector would. A `ProgressReport` computed from the org shares it (its
/// tables read the org's titles): the memory is released when the org is
/// freed and no such report is alive.
#[napi(custom_finalize)]
pub struct Org {
    held: Held<Arc<okrkit::Org>>,
}

crate::memory::held_handle!(Org(Arc<okrkit::Org>), |o: &Arc<okrkit::Org>| {
    okrkit::heap::org_bytes(o)
});

statics! { Org as env {
    /// Validates a document (a plain object with camelCase or snake_case keys,
    /// or JSON text). Throws an `Error` with `code: 'invalid_document'` and
    /// every problem in `err.problems`, or `code: 'parse_error'` / `'not_finite'`
    /// with `err.path`.
    [constructor, ts_args_type = "document: OkrDocumentInput | string | Buffer"]
    fn new(document: Unknown<'e>) -> Org {
        Org::of(env, read_org(document)?)
    }

    /// Reads, validates and indexes JSON text.
    [factory, ts_args_type = "text: string"]
    fn from_json(text: String) -> Org {
        Org::of(env, json_case::org(text.as_bytes())?)
    }
}}

methods! { Org as (org, env) {
    /// `progress` computed off the JS thread.
    [ts_args_type = "options?: ProgressOptions", ts_return_type = "Promise<ProgressReport>"]
    async fn progress_async(options: Unknown<'e>) -> AsyncTask<HandleTask<ProgressReport>> {
        let parsed = read::<ProgressArgs>(options, "options");
        let org = Arc::clone(org);
        HandleTask::handle(move || {
            let ProgressArgs(opts, detail) = parsed?;
            // Rows too: reading `objectives` would otherwise build them on the JS thread.
            let computed = Computed::new(org, &opts, detail)?.with_rows();
            Ok(ProgressReport::detached(computed))
        })
    }

    /// The document in okrkit's JSON format (snake_case keys): what to store,
    /// or hand to the CLI, Python or Kotlin.
    [ts_args_type = "pretty?: boolean"]
    fn to_json(pretty: Option<bool>) -> String {
        let doc = org.document();
        if pretty.unwrap_or(false) {
            doc.to_json_pretty()?
        } else {
            doc.to_json()?
        }
    }

    /// Progress from key results only (R2), per objective, team and cycle: a
    /// `ProgressReport` handle that keeps the report in Rust and converts what
    /// is read (`report.objectives`, `report.objective(id)`, `report.toJSON()`).
    [ts_args_type = "options?: ProgressOptions"]
    fn progress(options: ProgressArgs) -> ProgressReport {
        let ProgressArgs(opts, detail) = options;
        ProgressReport::of(env, Computed::new(Arc::clone(org), &opts, detail)?)
    }
}}

// Arguments first, then the handle (`invalid_state` once freed), as before
// the macros: `freed.progressOver(5)` is the `parse_error` at `dates`.
methods! { ref Org as (this, env) {
    /// Progress as of each date (a `Date` or `'YYYY-MM-DD'`), one report per
    /// date: the core's `progress` with `asOf` set to it. `options` as for
    /// `progress`, without `asOf` (the dates give it).
    [
        ts_args_type = "dates: Array<Date | string>, options?: Omit<ProgressOptions, 'asOf'>",
        ts_return_type = "ProgressReport[]"
    ]
    fn progress_over(dates: Unknown<'e>, options: Unknown<'e>) -> Vec<ProgressReport> {
        let ProgressArgs(base, detail) = as_written(options, "options", || {
            let args: ProgressArgs = read(options, "options")?;
            if args.0.as_of.is_some() {
                return Err(OkrError::InvalidArgument {
                    code: okrkit::ProblemCode::InvalidValue,
                    message: "each report's date comes from `dates`: leave asOf out".into(),
                    path: "options.as_of".into(),
                });
            }
            Ok(args)
        })?;
        let dates: Vec<Value> = read::<crate::convert::De<_>>(dates, "dates")?.0;
        let days = (dates.iter().enumerate())
            .map(|(i, d)| match d {
                Value::String(s) => okrkit::options::parse_day(s, &format!("dates[{i}]")),
                _ => Err(parse_problem(
                    format!("dates[{i}]"),
                    "expected a Date or a 'YYYY-MM-DD' string",
                )),
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let org = Arc::clone(this.core(env)?);
        let computed = Computed::over(org, &days, &base, detail)?;
        let mut out: Vec<_> = computed.into_iter().map(ProgressReport::detached).collect();
        // Reported to V8 only once every report is made: a later date's
        // error drops the earlier ones here, where no finalizer would give
        // their memory back.
        for r in &mut out {
            r.attach(env);
        }
        out
    }
}}

/// Takes a document handed to an `…Async` call: text and bytes as they are,
/// a plain object with one `JSON.stringify`, anything else read now.
fn pending(env: &Env, value: Unknown<'_>) -> Pending<Document> {
    let taken = || -> std::result::Result<Pending<Document>, OkrError> {
        if let Some(text) = text_bytes(value)? {
            return Ok(Pending::Bytes(text.into_vec()));
        }
        if matches!(value.get_type(), Ok(ValueType::Object)) && !value.is_array().unwrap_or(false) {
            let text = crate::convert::stringify_data(env, value)
                .map_err(|e| parse_problem("", e.reason.clone()))?;
            if let Some(text) = text {
                return Ok(Pending::Json(text));
            }
        }
        read_document(value).map(Pending::Read)
    };
    taken().unwrap_or_else(Pending::Failed)
}

/// The document (in the task): bytes through [`json_case::document`].
fn document_of(pending: Pending<Document>) -> std::result::Result<Document, OkrError> {
    match pending {
        Pending::Bytes(b) => json_case::document(&b),
        Pending::Json(t) => Document::from_value(crate::convert::json(t.as_bytes(), "")?),
        Pending::Read(d) => Ok(d),
        Pending::Failed(e) => Err(e),
    }
}

functions! { env {
    /// `loadDocument` with parsing (of JSON text), validation and indexing off the
    /// JS thread.
    [
        ts_args_type = "document: OkrDocumentInput | string | Buffer",
        ts_return_type = "Promise<Org>"
    ]
    async fn load_async(document: Unknown<'e>) -> AsyncTask<HandleTask<Org>> {
        let pending = pending(env, document);
        HandleTask::handle(move || {
            Ok(Org::detached(match pending {
                // Bytes through `json_case::org`: the check-ins straight into columns.
                Pending::Bytes(b) => json_case::org(&b)?,
                other => okrkit::Org::new(document_of(other)?)?,
            }))
        })
    }

    /// `lint` off the JS thread.
    [
        ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions",
        ts_return_type = "Promise<LintReport>"
    ]
    async fn lint_async(document: Unknown<'e>, options: Unknown<'e>) -> AsyncTask<JsonTask> {
        let config = read::<Opts<LintOptions>>(options, "options");
        let pending = pending(env, document);
        JsonTask::run(Dates::Strings, move || {
            json_failure(&okrkit::lint::lint(&document_of(pending)?, &config?.0))
        })
    }

    /// Reads and validates a document into an `Org` (same as `new Org(document)`).
    [ts_args_type = "document: OkrDocumentInput | string | Buffer"]
    fn load_document(document: Unknown<'e>) -> Org {
        Org::of(env, read_org(document)?)
    }

    /// Reads okrkit's CSV layout, one row per key result (text or a `Buffer`),
    /// into an `Org`. The columns and the rules for reading them are the core's
    /// (`Document::from_csv_key_results`); errors name the row and column.
    [ts_args_type = "csv: string | Buffer"]
    fn load_csv(csv: Unknown<'e>) -> Org {
        let doc = if csv.is_buffer().unwrap_or(false) {
            Document::from_csv_key_results_bytes(&read::<BufferSlice>(csv, "csv")?)?
        } else {
            Document::from_csv_key_results(&read::<String>(csv, "csv")?)?
        };
        Org::of(env, okrkit::Org::new(doc)?)
    }

    /// Every problem of a document (empty when valid), without throwing.
    [ts_args_type = "document: OkrDocumentInput | string | Buffer", ts_return_type = "Problem[]"]
    fn validate(document: Unknown<'e>) -> Unknown<'e> {
        let problems = match read_document(document) {
            Ok(doc) => okrkit::validate(&doc),
            Err(e) => e.problems(),
        };
        // The stable codes (`parse_error`), as `err.problems` has them.
        plain(env, &problems)?
    }

    /// Lints a document, valid or not: each validation problem becomes an
    /// error-level finding.
    [
        ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions",
        ts_return_type = "LintReport"
    ]
    fn lint(document: Unknown<'e>, options: Opts<LintOptions>) -> Unknown<'e> {
        plain(
            env,
            &okrkit::lint::lint(&read_document(document)?, &options.0),
        )?
    }

    /// Flags teams whose stretch is miscalibrated across cycles (R5), from the
    /// score reports of `org.scoreAll()`.
    [ts_args_type = "reports: ScoreReport[]", ts_return_type = "Calibration[]"]
    fn calibrate(reports: crate::convert::De<Vec<okrkit::score::ScoreReport>>) -> Unknown<'e> {
        plain(env, &okrkit::score::calibrate(&reports.0))?
    }

    /// The JSON Schema of the document format.
    [ts_return_type = "Record<string, unknown>"]
    fn document_schema() -> Unknown<'e> {
        crate::convert::parse_json(env, &Document::json_schema(), Dates::Strings)?
    }

    /// A deterministic, valid organisation of the given size, as a plain object
    /// (camelCase keys). Same options, same document, in every language.
    [ts_args_type = "options?: GenerateOptions", ts_return_type = "OkrDocument"]
    fn generate(options: Opts<okrkit::generate::GenerateOptions>) -> Unknown<'e> {
        dated(env, &okrkit::generate::generate(&options.0))?
    }

    /// `generate` as okrkit's JSON text (snake_case keys), e.g. for `Org.fromJson`.
    [ts_args_type = "options?: GenerateOptions"]
    fn generate_json(options: Opts<okrkit::generate::GenerateOptions>) -> String {
        okrkit::generate::generate(&options.0).to_json()?
    }
}}

/// Benchmark helper: runs the progress roll-up `iterations` times in Rust,
/// with no JS in the loop, and returns the mean time of one roll-up in
/// milliseconds — the native baseline `benches/node/compare.js` compares the
/// Node API with. Only in a build with the `test-hooks` feature (tests and
/// `benches/node`), never in the package.
#[cfg(feature = "test-hooks")]
#[napi(catch_unwind, js_name = "__benchProgress", skip_typescript)]
pub fn bench_progress(
    env: Env,
    org: &Org,
    iterations: u32,
    options: Option<Unknown>,
) -> Result<f64> {
    // A test hook, not API: napi's own argument conversion is fine here.
    let opts: Option<Opts<ProgressOptions>> = match options {
        Some(o) => read(o, "options").map_err(|e| crate::error::js_error(&env, &e))?,
        None => None,
    };
    let opts = opts.map(|o| o.0).unwrap_or_default();
    let n = iterations.max(1);
    let start = std::time::Instant::now();
    for _ in 0..n {
        let _ = std::hint::black_box(org.core(&env)?.progress(std::hint::black_box(&opts)));
    }
    Ok(start.elapsed().as_secs_f64() * 1000.0 / f64::from(n))
}
