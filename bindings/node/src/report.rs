//! `ProgressReport`: the core's progress report kept in Rust, converted to JS
//! objects only when (and as far as) it is read.
//!
//! Building every objective and key result as JS objects costs many times the
//! roll-up itself (issue 7), so `org.progress()` returns this handle. Its
//! properties (`objectives`, `teams`, `cycles`, `asOf`, `milestones`) read like
//! the plain report's; `objectives`, `teams` and `cycles` are converted on first
//! access and then cached on the instance (an own, non-enumerable data
//! property shadowing the getter), so `report.objectives[0]` twice is one
//! conversion and the same array. `toJSON()` gives the whole plain report.
//!
//! Its native memory (the report's rows) is reported to V8, and `free()` (or
//! `using`) drops it before the garbage collector would: a loop computing a
//! report per step otherwise leaves each one to V8's finalizers.

use crate::convert::{Dates, arg, to_js};
use crate::error::OrThrow;
use crate::memory::{Held, Native};
use napi::bindgen_prelude::*;
use napi::{Property, PropertyAttributes};
use napi_derive::napi;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A progress report (R2), held natively: read it like the plain report
/// (`report.objectives[0].progress`), or ask for one objective, team or cycle
/// without converting the rest. `JSON.stringify(report)` gives the plain
/// report's JSON. Its rows' memory is reported to V8; `free()` (or `using`)
/// releases it early.
#[napi(custom_finalize)]
pub struct ProgressReport {
    held: Held<Computed>,
}

/// The core's report and the organisation it was computed on (titles, names,
/// units of its tables), with the report's objective index once built (all
/// dropped by `free()`).
pub(crate) struct Computed {
    pub(crate) report: okrkit::ProgressReport,
    pub(crate) org: Arc<okrkit::Org>,
    by_objective: OnceLock<HashMap<String, usize>>,
}

impl ProgressReport {
    /// A handle whose memory is reported when it reaches JS ([`Native::attach`]).
    pub fn detached(report: okrkit::ProgressReport, org: Arc<okrkit::Org>) -> Self {
        let bytes = crate::memory::progress_bytes(&report);
        let computed = Computed {
            report,
            org,
            by_objective: OnceLock::new(),
        };
        ProgressReport {
            held: Held::new("ProgressReport", computed, bytes),
        }
    }

    /// A handle built on the JS thread, its memory reported.
    pub fn of(env: &Env, report: okrkit::ProgressReport, org: Arc<okrkit::Org>) -> Self {
        let mut r = ProgressReport::detached(report, org);
        r.attach(env);
        r
    }

    /// The report and its org, or `invalid_state` once freed.
    pub(crate) fn computed(&self, env: &Env) -> Result<&Computed> {
        self.held.get(env)
    }

    fn report(&self, env: &Env) -> Result<&okrkit::ProgressReport> {
        Ok(&self.computed(env)?.report)
    }
}

crate::memory::held_handle!(ProgressReport);

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
    pub fn objectives<'e>(&self, env: &'e Env, mut this: This) -> Result<Unknown<'e>> {
        convert_and_cache(env, &mut this, "objectives", &self.report(env)?.objectives)
    }

    /// Per team and cycle, in document order of cycles then teams (converted on
    /// first access, then cached).
    #[napi(getter, catch_unwind, ts_return_type = "TeamProgress[]")]
    pub fn teams<'e>(&self, env: &'e Env, mut this: This) -> Result<Unknown<'e>> {
        convert_and_cache(env, &mut this, "teams", &self.report(env)?.teams)
    }

    /// Per cycle, in document order (converted on first access, then cached).
    #[napi(getter, catch_unwind, ts_return_type = "CycleProgress[]")]
    pub fn cycles<'e>(&self, env: &'e Env, mut this: This) -> Result<Unknown<'e>> {
        convert_and_cache(env, &mut this, "cycles", &self.report(env)?.cycles)
    }

    /// The day asked for ('YYYY-MM-DD'), or null.
    #[napi(getter, catch_unwind)]
    pub fn as_of(&self, env: &Env) -> Result<Option<String>> {
        Ok(self.report(env)?.as_of.map(|d| d.to_string()))
    }

    /// The milestone policy used.
    #[napi(getter, catch_unwind, ts_return_type = "MilestonePolicy")]
    pub fn milestones<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.report(env)?.milestones, Dates::Strings)
    }

    /// Number of objectives in the report.
    #[napi(getter, catch_unwind)]
    pub fn objective_count(&self, env: &Env) -> Result<u32> {
        Ok(self.report(env)?.objectives.len() as u32)
    }

    /// Number of key results of the reported objectives (counted or left out;
    /// the same with `keyResults: false`).
    #[napi(getter, catch_unwind)]
    pub fn key_result_count(&self, env: &Env) -> Result<u32> {
        Ok(self
            .report(env)?
            .objectives
            .iter()
            .map(|o| o.counted + o.left_out)
            .sum::<usize>() as u32)
    }

    /// One objective's progress, or null when the report has no such objective.
    /// Converts that objective only (a fresh object on each call).
    #[napi(
        catch_unwind,
        ts_args_type = "id: string",
        ts_return_type = "ObjectiveProgress | null"
    )]
    pub fn objective<'e>(&self, env: &'e Env, id: Unknown) -> Result<Option<Unknown<'e>>> {
        let id: String = arg(id, "id").or_throw(env)?;
        let computed = self.computed(env)?;
        let report = &computed.report;
        let index = computed.by_objective.get_or_init(|| {
            report
                .objectives
                .iter()
                .enumerate()
                .map(|(i, o)| (o.objective.as_str().to_owned(), i))
                .collect()
        });
        match index.get(&id) {
            Some(&i) => to_js(env, &report.objectives[i], Dates::Strings).map(Some),
            None => Ok(None),
        }
    }

    /// One team's progress in a cycle, or null.
    #[napi(
        catch_unwind,
        ts_args_type = "team: string, cycle: string",
        ts_return_type = "TeamProgress | null"
    )]
    pub fn team<'e>(
        &self,
        env: &'e Env,
        team: Unknown,
        cycle: Unknown,
    ) -> Result<Option<Unknown<'e>>> {
        let team: String = arg(team, "team").or_throw(env)?;
        let cycle: String = arg(cycle, "cycle").or_throw(env)?;
        match self
            .report(env)?
            .teams
            .iter()
            .find(|t| t.team.as_str() == team && t.cycle.as_str() == cycle)
        {
            Some(t) => to_js(env, t, Dates::Strings).map(Some),
            None => Ok(None),
        }
    }

    /// One cycle's progress, or null.
    #[napi(
        catch_unwind,
        ts_args_type = "id: string",
        ts_return_type = "CycleProgress | null"
    )]
    pub fn cycle<'e>(&self, env: &'e Env, id: Unknown) -> Result<Option<Unknown<'e>>> {
        let id: String = arg(id, "id").or_throw(env)?;
        match self
            .report(env)?
            .cycles
            .iter()
            .find(|c| c.cycle.as_str() == id)
        {
            Some(c) => to_js(env, c, Dates::Strings).map(Some),
            None => Ok(None),
        }
    }

    /// The whole report as a plain object (camelCase keys), freshly converted:
    /// what `JSON.stringify(report)` writes, and what `progress()` returned
    /// before it returned a handle.
    #[napi(
        js_name = "toJSON",
        catch_unwind,
        ts_return_type = "ProgressReportData"
    )]
    pub fn to_json<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.report(env)?, Dates::Strings)
    }
}
