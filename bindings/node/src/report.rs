//! `ProgressReport`: the core's progress report kept in Rust
//! (`okrkit::progress::LazyReport`), converted to JS objects only when, and as
//! far as, it is read (README.md, "The progress report is a handle").
//! `objectives`, `teams` and `cycles` convert on first access and cache the
//! array on the instance; its native memory is reported to V8 (`free()`).

use crate::convert::{Dates, plain, to_js};
use crate::define::methods;
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
    /// before it returned a handle.
    #[napi(
        js_name = "toJSON",
        catch_unwind,
        ts_return_type = "ProgressReportData"
    )]
    pub fn plain<'e>(&mut self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.report(env)?, Dates::Strings)
    }
}

methods! { ProgressReport as (report, env) {
    /// The day asked for ('YYYY-MM-DD'), or null.
    [getter]
    fn as_of() -> Option<String> {
        report.as_of().map(|d| d.to_string())
    }

    /// The milestone policy used.
    [getter, ts_return_type = "MilestonePolicy"]
    fn milestones() -> Unknown<'e> {
        plain(env, &report.milestones())?
    }

    /// Number of objectives in the report.
    [getter]
    fn objective_count() -> u32 {
        report.counts().0 as u32
    }

    /// Number of key results of the reported objectives (counted or left out;
    /// the same with `keyResults: false`).
    [getter]
    fn key_result_count() -> u32 {
        report.key_result_count() as u32
    }

    /// One objective's progress, or null when the report has no such objective.
    /// Converts that objective only (a fresh object on each call).
    [ts_args_type = "id: string", ts_return_type = "ObjectiveProgress | null"]
    fn objective(id: String) -> Option<Unknown<'e>> {
        report.objective(&id).map(|o| plain(env, &o)).transpose()?
    }

    /// One team's progress in a cycle, or null.
    [ts_args_type = "team: string, cycle: string", ts_return_type = "TeamProgress | null"]
    fn team(team: String, cycle: String) -> Option<Unknown<'e>> {
        // From the columns: the row report is not built for one row.
        let row = report.team(&team, &cycle);
        row.map(|t| plain(env, &t)).transpose()?
    }

    /// One cycle's progress, or null.
    [ts_args_type = "id: string", ts_return_type = "CycleProgress | null"]
    fn cycle(id: String) -> Option<Unknown<'e>> {
        report.cycle(&id).map(|c| plain(env, &c)).transpose()?
    }
}}
