//! `ProgressReport`: the core's progress report kept in Rust
//! (`okrkit::progress::LazyReport`), converted to JS objects only when, and as
//! far as, it is read (README.md, "The progress report is a handle").
//! `objectives`, `teams` and `cycles` convert on first access and cache the
//! array on the instance; its native memory is reported to V8 (`free()`).

use crate::convert::{Dates, to_js};
use crate::memory::Held;
use napi::bindgen_prelude::*;
use napi::{Property, PropertyAttributes};
use napi_derive::napi;
use okrkit::progress::LazyReport;
use std::sync::Arc;

/// A progress report (R2), held natively: read it like the plain report
/// (`report.objectives[0].progress`), or ask for one objective, team or cycle
/// without converting the rest. `JSON.stringify(report)` gives the plain
/// report's JSON. Its memory is reported to V8; `free()` (or `using`)
/// releases it early.
#[napi(custom_finalize)]
pub struct ProgressReport {
    held: Held<Computed>,
}

/// The core's lazily converted report (`okrkit::progress::LazyReport`:
/// the columnar roll-up, the rows and the objective index once built, all
/// dropped by `free()`) over the organisation it was computed on (titles,
/// names, units of its tables).
pub(crate) type Computed = LazyReport<Arc<okrkit::Org>>;

crate::memory::held_handle!(ProgressReport(Computed), Computed::heap_bytes);

// Its read operations (date, counts, one objective, team or cycle), generated
// from the core's `ReportQuery` (okrkit-codegen).
#[path = "report_queries.rs"]
mod queries;

impl ProgressReport {
    /// The row report, built on first call (its memory then reported to V8).
    fn report(&mut self, env: &Env) -> Result<&okrkit::ProgressReport> {
        let computed = self.held.get(env)?;
        if computed.built_rows().is_none() {
            let bytes = crate::memory::bytes(okrkit::heap::progress_bytes(computed.rows()));
            self.held.report(env, bytes);
        }
        Ok(self.held.get(env)?.rows())
    }
}

/// Converts `value` and caches it on `this` as a non-enumerable own property
/// named `name` (writable and configurable, as a plain object's would be).
fn convert_and_cache<'e, T: serde::Serialize + ?Sized>(
    env: &'e Env,
    this: &mut This,
    name: &str,
    value: &T,
) -> Result<Unknown<'e>> {
    let js = to_js(env, value, Dates::Strings)?;
    this.define_properties(&[Property::new()
        .with_utf8_name(name)?
        .with_value(&js)
        .with_property_attributes(
            PropertyAttributes::Writable | PropertyAttributes::Configurable,
        )])?;
    Ok(js)
}

#[napi]
impl ProgressReport {
    /// Per objective, in document order (converted on first access, then cached).
    #[napi(getter, catch_unwind, ts_return_type = "ObjectiveProgress[]")]
    pub fn objectives<'e>(&mut self, env: &'e Env, mut this: This) -> Result<Unknown<'e>> {
        convert_and_cache(env, &mut this, "objectives", &self.report(env)?.objectives)
    }

    /// Per team and cycle, in document order of cycles then teams (converted on
    /// first access, then cached).
    #[napi(getter, catch_unwind, ts_return_type = "TeamProgress[]")]
    pub fn teams<'e>(&mut self, env: &'e Env, mut this: This) -> Result<Unknown<'e>> {
        convert_and_cache(env, &mut this, "teams", &self.report(env)?.teams)
    }

    /// Per cycle, in document order (converted on first access, then cached).
    #[napi(getter, catch_unwind, ts_return_type = "CycleProgress[]")]
    pub fn cycles<'e>(&mut self, env: &'e Env, mut this: This) -> Result<Unknown<'e>> {
        convert_and_cache(env, &mut this, "cycles", &self.report(env)?.cycles)
    }

    /// The whole report as a plain object (camelCase keys), freshly converted:
    /// what `JSON.stringify(report)` writes, and what `progress()` returned
    /// before it returned a handle. `key` is the one argument
    /// `JSON.stringify` passes (the property's name); it is not read.
    #[napi(
        js_name = "toJSON",
        catch_unwind,
        ts_args_type = "key?: string",
        ts_return_type = "ProgressReportData"
    )]
    pub fn plain<'e>(&mut self, env: &'e Env, _key: Option<Unknown<'e>>) -> Result<Unknown<'e>> {
        to_js(env, self.report(env)?, Dates::Strings)
    }
}
