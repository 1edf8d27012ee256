//! `Org` (a validated document), loading, validation, lint, scoring, health,
//! the generator.

use crate::convert::{Dates, arg, camel_json, decode, from_js, opt_arg, optional, to_js};
use crate::error::{Failure, OrThrow};
use crate::memory::{Held, Native};
use crate::report::{Computed, ProgressReport};
use crate::tasks::{HandleTask, JsonTask};
use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use napi_derive::napi;
use okrkit::Error as OkrError;
use okrkit::health::HealthOptions;
use okrkit::lint::LintOptions;
use okrkit::{Document, ProgressOptions};
use serde_json::Value;
use std::sync::Arc;

/// Reads a document: JSON text, a `Buffer` of JSON bytes (as `fs.readFileSync`
/// gives), or a JS object (camelCase or snake_case keys).
pub fn read_document(value: Unknown<'_>) -> std::result::Result<Document, OkrError> {
    if value.is_buffer().unwrap_or(false) {
        let bytes = BufferSlice::from_unknown(value)
            .map_err(|e| crate::convert::parse_problem("", e.reason.clone()))?;
        return document_of_text(&bytes);
    }
    match value.get_type() {
        Ok(ValueType::String) => {
            let text = String::from_unknown(value)
                .map_err(|e| crate::convert::parse_problem("", e.reason.clone()))?;
            document_of_text(text.as_bytes())
        }
        Ok(ValueType::Object) if !value.is_array().unwrap_or(false) => {
            let (json, non_finite) = crate::convert::from_js_keeping_non_finite(value, "")?;
            let first = non_finite
                .first()
                .map(|(p, x)| crate::convert::not_finite_error(p, *x));
            let mut doc = match (Document::from_value(json), first) {
                (Ok(doc), _) => doc,
                (Err(_), Some(nf)) => return Err(nf),
                (Err(e), None) => return Err(e),
            };
            for (path, x) in &non_finite {
                // Back where the JS document had it: the core validates the
                // same f64 a Rust caller would pass.
                if !doc.set_number_at(path, *x) {
                    return Err(crate::convert::not_finite_error(path, *x));
                }
            }
            Ok(doc)
        }
        _ => Err(crate::convert::parse_problem(
            "",
            "expected an OKR document: an object, a JSON string or a Buffer",
        )),
    }
}

/// A document from JSON bytes: okrkit's JSON format, or the library's own
/// camelCase output (`JSON.stringify(org.document())`).
pub fn document_of_text(bytes: &[u8]) -> std::result::Result<Document, OkrError> {
    crate::convert::from_text(bytes, "", Document::from_slice, Document::from_value)
}

/// An organisation from JSON bytes, read as [`document_of_text`] reads them
/// but through `Org::from_slice`: the check-ins go straight into the
/// organisation's columns, never a `Vec<CheckIn>` (issue 18).
pub fn org_of_text(bytes: &[u8]) -> std::result::Result<okrkit::Org, OkrError> {
    crate::convert::from_text(bytes, "", okrkit::Org::from_slice, |v| {
        Document::from_value(v).and_then(okrkit::Org::new)
    })
}

/// An organisation from what `new Org(…)` takes: text and bytes through
/// [`org_of_text`], a JS object through [`read_document`].
fn read_org(value: Unknown<'_>) -> std::result::Result<okrkit::Org, OkrError> {
    if value.is_buffer().unwrap_or(false) {
        let bytes = BufferSlice::from_unknown(value)
            .map_err(|e| crate::convert::parse_problem("", e.reason.clone()))?;
        return org_of_text(&bytes);
    }
    if let Ok(ValueType::String) = value.get_type() {
        let text = String::from_unknown(value)
            .map_err(|e| crate::convert::parse_problem("", e.reason.clone()))?;
        return org_of_text(text.as_bytes());
    }
    okrkit::Org::new(read_document(value)?)
}

/// Reads an options object into a core options type. Day fields (`asOf`)
/// accept a `Date` (its UTC day) or an ISO string.
pub fn read_options<T: serde::de::DeserializeOwned + Default>(
    value: Option<Unknown<'_>>,
    path: &str,
) -> std::result::Result<T, OkrError> {
    match optional(value, path)? {
        None => Ok(T::default()),
        Some(v) => decode_options(v, path),
    }
}

fn decode_options<T: serde::de::DeserializeOwned>(
    value: Value,
    path: &str,
) -> std::result::Result<T, OkrError> {
    match value {
        Value::Object(mut map) => {
            for day_field in ["as_of"] {
                if let Some(Value::String(s)) = map.get(day_field) {
                    let p = format!("{path}.{day_field}");
                    let d = crate::convert::parse_day_str(s, &p)?;
                    map.insert(day_field.into(), Value::String(d.to_string()));
                }
            }
            // The core reads the options (`parse_error` at the key for a bad
            // one, as in every binding); the path gets the argument's name.
            okrkit::options::from_value_at(Value::Object(map), path)
        }
        _ => Err(crate::convert::parse_problem(
            path,
            "expected an options object",
        )),
    }
}

/// Progress options, and whether the report keeps each key result's detail
/// (`keyResults: false` leaves it out: same numbers; `report.objectives` then
/// converts a fifth as much, and the rows, once built, hold less memory).
fn progress_options(
    value: Option<Unknown<'_>>,
) -> std::result::Result<(ProgressOptions, bool), OkrError> {
    let json = optional(value, "options")?;
    let detail = match json.as_ref().and_then(|v| v.get("key_results")) {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(crate::convert::parse_problem(
                "options.key_results",
                "expected a boolean",
            ));
        }
    };
    let opts = match json {
        None => ProgressOptions::default(),
        Some(mut v) => {
            if let Value::Object(m) = &mut v {
                m.remove("key_results");
            }
            decode_options(v, "options")?
        }
    };
    Ok((opts, detail))
}

fn json_failure<T: serde::Serialize>(value: &T) -> std::result::Result<String, Failure> {
    camel_json(value).map_err(|e| Failure::Panic(e.reason.clone()))
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

impl Org {
    /// A handle built off the JS thread: its memory is estimated here and
    /// reported when it reaches JS ([`Native::attach`]).
    pub(crate) fn detached(org: okrkit::Org) -> Org {
        let bytes = crate::memory::bytes(okrkit::heap::org_bytes(&org));
        Org {
            held: Held::new("Org", Arc::new(org), bytes),
        }
    }

    /// A handle built on the JS thread, its memory reported.
    pub(crate) fn of(env: &Env, org: okrkit::Org) -> Org {
        let mut o = Org::detached(org);
        o.attach(env);
        o
    }

    /// The core org, or `invalid_state` once freed.
    pub(crate) fn core(&self, env: &Env) -> Result<&Arc<okrkit::Org>> {
        self.held.get(env)
    }
}

crate::memory::held_handle!(Org);

#[napi]
impl Org {
    /// Validates a document (a plain object with camelCase or snake_case keys,
    /// or JSON text). Throws an `Error` with `code: 'invalid_document'` and
    /// every problem in `err.problems`, or `code: 'parse_error'` / `'not_finite'`
    /// with `err.path`.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "document: OkrDocumentInput | string | Buffer"
    )]
    pub fn new(env: Env, document: Unknown) -> Result<Self> {
        let org = read_org(document).or_throw(&env)?;
        Ok(Org::of(&env, org))
    }

    /// Reads, validates and indexes JSON text.
    #[napi(factory, catch_unwind, ts_args_type = "text: string")]
    pub fn from_json(env: Env, text: Unknown) -> Result<Org> {
        let text: String = arg(text, "text").or_throw(&env)?;
        let org = org_of_text(text.as_bytes()).or_throw(&env)?;
        Ok(Org::of(&env, org))
    }

    /// Number of key results.
    #[napi(getter, catch_unwind)]
    pub fn key_result_count(&self, env: &Env) -> Result<u32> {
        Ok(self.core(env)?.key_result_count() as u32)
    }

    /// The validated document as a plain object (camelCase keys; check-in
    /// times as `Date`).
    #[napi(catch_unwind, ts_return_type = "OkrDocument")]
    pub fn document<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.core(env)?.document(), Dates::Revive)
    }

    /// The document in okrkit's JSON format (snake_case keys): what to store,
    /// or hand to the CLI, Python or Kotlin.
    #[napi(catch_unwind, ts_args_type = "pretty?: boolean")]
    pub fn to_json(&self, env: Env, pretty: Option<Unknown>) -> Result<String> {
        let pretty: Option<bool> = opt_arg(pretty, "pretty").or_throw(&env)?;
        let doc = self.core(&env)?.document();
        let text = if pretty.unwrap_or(false) {
            doc.to_json_pretty()
        } else {
            doc.to_json()
        };
        text.or_throw(&env)
    }

    /// Progress from key results only (R2), per objective, team and cycle: a
    /// `ProgressReport` handle that keeps the report in Rust and converts what
    /// is read (`report.objectives`, `report.objective(id)`, `report.toJSON()`).
    #[napi(catch_unwind, ts_args_type = "options?: ProgressOptions")]
    pub fn progress(&self, env: Env, options: Option<Unknown>) -> Result<ProgressReport> {
        let (opts, detail) = progress_options(options).or_throw(&env)?;
        let org = Arc::clone(self.core(&env)?);
        let computed = Computed::new(org, &opts, detail).or_throw(&env)?;
        Ok(ProgressReport::of(&env, computed))
    }

    /// `progress` computed off the JS thread.
    #[napi(
        catch_unwind,
        ts_args_type = "options?: ProgressOptions",
        ts_return_type = "Promise<ProgressReport>"
    )]
    pub fn progress_async(
        &self,
        env: Env,
        options: Option<Unknown>,
    ) -> Result<AsyncTask<HandleTask<ProgressReport>>> {
        let parsed = progress_options(options);
        let org = Arc::clone(self.core(&env)?);
        Ok(HandleTask::new(move || {
            let (opts, detail) = parsed?;
            // Rows too: reading `objectives` would otherwise build them on the JS thread.
            let computed = Computed::new(org, &opts, detail)?.with_rows();
            Ok(ProgressReport::detached(computed))
        }))
    }

    /// Progress as of each date (a `Date` or `'YYYY-MM-DD'`), one report per
    /// date: the core's `progress` with `asOf` set to it. `options` as for
    /// `progress`, without `asOf` (the dates give it).
    #[napi(
        catch_unwind,
        ts_args_type = "dates: Array<Date | string>, options?: Omit<ProgressOptions, 'asOf'>",
        ts_return_type = "ProgressReport[]"
    )]
    pub fn progress_over(
        &self,
        env: Env,
        dates: Unknown,
        options: Option<Unknown>,
    ) -> Result<Vec<ProgressReport>> {
        let (base, detail) = progress_options(options).or_throw(&env)?;
        if base.as_of.is_some() {
            return Err(OkrError::InvalidArgument {
                code: okrkit::ProblemCode::InvalidValue,
                message: "each report's date comes from `dates`: leave asOf out".into(),
                path: "options.as_of".into(),
            })
            .or_throw(&env);
        }
        let dates: Vec<Value> =
            decode(from_js(dates, "dates").or_throw(&env)?, "dates").or_throw(&env)?;
        let org = Arc::clone(self.core(&env)?);
        let mut out = Vec::with_capacity(dates.len());
        for (i, d) in dates.iter().enumerate() {
            let path = format!("dates[{i}]");
            let Value::String(s) = d else {
                return Err(OkrError::Parse {
                    path,
                    message: "expected a Date or a 'YYYY-MM-DD' string".into(),
                    position: None,
                })
                .or_throw(&env);
            };
            let mut opts = base.clone();
            opts.as_of = Some(crate::convert::parse_day_str(s, &path).or_throw(&env)?);
            let computed = Computed::new(Arc::clone(&org), &opts, detail).or_throw(&env)?;
            out.push(ProgressReport::detached(computed));
        }
        // Reported to V8 only once every report is made: a later date's
        // error drops the earlier ones here, where no finalizer would give
        // their memory back.
        for r in &mut out {
            r.attach(&env);
        }
        Ok(out)
    }

    /// The cycle ids, in document order.
    #[napi(getter, catch_unwind)]
    pub fn cycles(&self, env: &Env) -> Result<Vec<String>> {
        let doc = self.core(env)?.document();
        Ok(doc.cycles.iter().map(|c| c.id.to_string()).collect())
    }

    /// The team ids, in document order.
    #[napi(getter, catch_unwind)]
    pub fn teams(&self, env: &Env) -> Result<Vec<String>> {
        let doc = self.core(env)?.document();
        Ok(doc.teams.iter().map(|t| t.id.to_string()).collect())
    }

    /// Calibration flags across this org's cycles (R5): the core's
    /// `Org::calibration`, equal to `calibrate(org.scoreAll())`.
    #[napi(catch_unwind, ts_return_type = "Calibration[]")]
    pub fn calibrate<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        let flags = self.core(env)?.calibration();
        to_js(env, &flags, Dates::Strings)
    }

    /// Lints this (valid) document.
    #[napi(
        catch_unwind,
        ts_args_type = "options?: LintOptions",
        ts_return_type = "LintReport"
    )]
    pub fn lint<'e>(&self, env: &'e Env, options: Option<Unknown>) -> Result<Unknown<'e>> {
        let config: LintOptions = read_options(options, "options").or_throw(env)?;
        to_js(env, &self.core(env)?.lint(&config), Dates::Strings)
    }

    /// Scores a cycle at its close (R5); never per person (R6).
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string",
        ts_return_type = "ScoreReport"
    )]
    pub fn score_cycle<'e>(&self, env: &'e Env, cycle: Unknown) -> Result<Unknown<'e>> {
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        let report = self.core(env)?.score_cycle(&cycle).or_throw(env)?;
        to_js(env, &report, Dates::Strings)
    }

    /// Scores every cycle, in document order.
    #[napi(catch_unwind, ts_return_type = "ScoreReport[]")]
    pub fn score_all<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.core(env)?.score_all(), Dates::Strings)
    }

    /// Program health of a cycle (R10): check-in cadence, stale key results,
    /// outcome share, score bands, calibration.
    #[napi(
        catch_unwind,
        ts_args_type = "cycle: string, options?: HealthOptions",
        ts_return_type = "HealthReport"
    )]
    pub fn health<'e>(
        &self,
        env: &'e Env,
        cycle: Unknown,
        options: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        let opts: HealthOptions = read_options(options, "options").or_throw(env)?;
        let report = self.core(env)?.health(&cycle, &opts).or_throw(env)?;
        to_js(env, &report, Dates::Strings)
    }
}

/// Reads and validates a document into an `Org` (same as `new Org(document)`).
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer"
)]
pub fn load_document(env: Env, document: Unknown) -> Result<Org> {
    Org::new(env, document)
}

/// `loadDocument` with parsing (of JSON text), validation and indexing off the
/// JS thread.
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer",
    ts_return_type = "Promise<Org>"
)]
pub fn load_async(env: Env, document: Unknown) -> Result<AsyncTask<HandleTask<Org>>> {
    let pending = Pending::of(&env, document);
    Ok(HandleTask::new(move || {
        Ok(Org::detached(pending.into_org()?))
    }))
}

/// A document handed to an `…Async` call, read in the task (off the JS
/// thread) whenever it can be.
pub enum Pending {
    /// JSON bytes given as text or a `Buffer` (okrkit's JSON format first,
    /// the library's camelCase output as well).
    Bytes(Vec<u8>),
    /// A plain object serialised by V8's `JSON.stringify` (one native call):
    /// parsed once in the task, its keys turned to snake_case as
    /// [`from_js`] does — never first tried as okrkit's snake_case format
    /// and parsed again.
    Object(crate::convert::PendingValue),
    /// Already read on the JS thread: an object holding what JSON cannot say
    /// (`NaN`, a `BigInt`, a `Map`…), read as the synchronous calls do so
    /// that the errors are the same.
    Doc(Document),
    /// Refused on the JS thread: the Promise rejects with it (an `…Async`
    /// call never throws).
    Failed(OkrError),
}

impl Pending {
    /// Takes what can be taken without reading the document on the JS thread.
    pub fn of(env: &Env, value: Unknown<'_>) -> Pending {
        Self::take(env, value).unwrap_or_else(Pending::Failed)
    }

    fn take(env: &Env, value: Unknown<'_>) -> std::result::Result<Pending, OkrError> {
        let napi_err = |e: napi::Error| crate::convert::parse_problem("", e.reason.clone());
        if value.is_buffer().unwrap_or(false) {
            let bytes = BufferSlice::from_unknown(value).map_err(napi_err)?;
            return Ok(Pending::Bytes(bytes.to_vec()));
        }
        match value.get_type().map_err(napi_err)? {
            ValueType::String => Ok(Pending::Bytes(
                String::from_unknown(value).map_err(napi_err)?.into_bytes(),
            )),
            ValueType::Object if !value.is_array().unwrap_or(false) => {
                match crate::convert::stringify_data(env, value).map_err(napi_err)? {
                    Some(text) => Ok(Pending::Object(crate::convert::PendingValue::Text(text))),
                    None => read_document(value).map(Pending::Doc),
                }
            }
            _ => read_document(value).map(Pending::Doc),
        }
    }

    /// The organisation (in the task): bytes through [`org_of_text`].
    pub fn into_org(self) -> std::result::Result<okrkit::Org, OkrError> {
        match self {
            Pending::Bytes(b) => org_of_text(&b),
            other => okrkit::Org::new(other.read()?),
        }
    }

    /// The document (in the task).
    pub fn read(self) -> std::result::Result<Document, OkrError> {
        match self {
            Pending::Bytes(b) => document_of_text(&b),
            Pending::Object(v) => Document::from_value(v.json("")?),
            Pending::Doc(d) => Ok(d),
            Pending::Failed(e) => Err(e),
        }
    }
}

/// Reads okrkit's CSV layout, one row per key result (text or a `Buffer`),
/// into an `Org`. The columns and the rules for reading them are the core's
/// (`Document::from_csv_key_results`); errors name the row and column.
#[napi(catch_unwind, ts_args_type = "csv: string | Buffer")]
pub fn load_csv(env: Env, csv: Unknown) -> Result<Org> {
    let text = if csv.is_buffer().unwrap_or(false) {
        let bytes: BufferSlice = arg(csv, "csv").or_throw(&env)?;
        std::str::from_utf8(&bytes)
            .map(str::to_owned)
            .map_err(|e| crate::convert::parse_problem("", format!("the CSV is not UTF-8: {e}")))
            .or_throw(&env)?
    } else {
        arg::<String>(csv, "csv").or_throw(&env)?
    };
    let doc = Document::from_csv_key_results(&text).or_throw(&env)?;
    Ok(Org::of(&env, okrkit::Org::new(doc).or_throw(&env)?))
}

/// Every problem of a document (empty when valid), without throwing.
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer",
    ts_return_type = "Problem[]"
)]
pub fn validate<'e>(env: &'e Env, document: Unknown) -> Result<Unknown<'e>> {
    let problems = match read_document(document) {
        Ok(doc) => okrkit::validate(&doc),
        Err(e) => e.problems(),
    };
    // The stable codes (`parse_error`), as `err.problems` has them.
    let problems: Vec<crate::error::ProblemOut> = problems.into_iter().map(Into::into).collect();
    to_js(env, &problems, Dates::Strings)
}

/// Lints a document, valid or not: each validation problem becomes an
/// error-level finding.
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions",
    ts_return_type = "LintReport"
)]
pub fn lint<'e>(env: &'e Env, document: Unknown, options: Option<Unknown>) -> Result<Unknown<'e>> {
    let config: LintOptions = read_options(options, "options").or_throw(env)?;
    let doc = read_document(document).or_throw(env)?;
    to_js(env, &okrkit::lint::lint(&doc, &config), Dates::Strings)
}

/// `lint` off the JS thread.
#[napi(
    catch_unwind,
    ts_args_type = "document: OkrDocumentInput | string | Buffer, options?: LintOptions",
    ts_return_type = "Promise<LintReport>"
)]
pub fn lint_async(
    env: Env,
    document: Unknown,
    options: Option<Unknown>,
) -> Result<AsyncTask<JsonTask>> {
    let config = read_options::<LintOptions>(options, "options");
    let pending = Pending::of(&env, document);
    Ok(JsonTask::new(Dates::Strings, move || {
        json_failure(&okrkit::lint::lint(&pending.read()?, &config?))
    }))
}

/// Flags teams whose stretch is miscalibrated across cycles (R5), from the
/// score reports of `org.scoreAll()`.
#[napi(
    catch_unwind,
    ts_args_type = "reports: ScoreReport[]",
    ts_return_type = "Calibration[]"
)]
pub fn calibrate<'e>(env: &'e Env, reports: Unknown) -> Result<Unknown<'e>> {
    let value = from_js(reports, "reports").or_throw(env)?;
    let reports: Vec<okrkit::score::ScoreReport> = decode(value, "reports").or_throw(env)?;
    to_js(env, &okrkit::score::calibrate(&reports), Dates::Strings)
}

/// The JSON Schema of the document format.
#[napi(catch_unwind, ts_return_type = "Record<string, unknown>")]
pub fn document_schema<'e>(env: &'e Env) -> Result<Unknown<'e>> {
    crate::convert::parse_json(env, &Document::json_schema(), Dates::Strings)
}

/// A deterministic, valid organisation of the given size, as a plain object
/// (camelCase keys). Same options, same document, in every language.
#[napi(
    catch_unwind,
    ts_args_type = "options?: GenerateOptions",
    ts_return_type = "OkrDocument"
)]
pub fn generate<'e>(env: &'e Env, options: Option<Unknown>) -> Result<Unknown<'e>> {
    let opts: okrkit::generate::GenerateOptions = read_options(options, "options").or_throw(env)?;
    to_js(env, &okrkit::generate::generate(&opts), Dates::Revive)
}

/// `generate` as okrkit's JSON text (snake_case keys), e.g. for `Org.fromJson`.
#[napi(catch_unwind, ts_args_type = "options?: GenerateOptions")]
pub fn generate_json(env: Env, options: Option<Unknown>) -> Result<String> {
    let opts: okrkit::generate::GenerateOptions =
        read_options(options, "options").or_throw(&env)?;
    okrkit::generate::generate(&opts).to_json().or_throw(&env)
}

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
    let opts: ProgressOptions = read_options(options, "options").or_throw(&env)?;
    let n = iterations.max(1);
    let start = std::time::Instant::now();
    for _ in 0..n {
        let _ = std::hint::black_box(org.core(&env)?.progress(std::hint::black_box(&opts)));
    }
    Ok(start.elapsed().as_secs_f64() * 1000.0 / f64::from(n))
}
