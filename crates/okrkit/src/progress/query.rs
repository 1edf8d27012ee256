//! A progress report's read operations as data, for the bindings.
//!
//! [`ReportQuery`] describes, as [`crate::OrgQuery`] does for the
//! organisation, what a binding reads from a [`LazyReport`] one value at a
//! time (its date, counts, one objective, team or cycle); [`LazyReport::query`]
//! answers with a [`ReportAnswer`] of the core's own serialisable types. Their
//! schema (in `org-queries.schema.json`) is what `okrkit-codegen` writes Node's
//! `bindings/node/src/report_queries.rs` from.
//!
//! ```
//! use okrkit::progress::{LazyReport, ReportQuery};
//! use serde_json::json;
//!
//! let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1",
//!     "start": "2026-01-01", "end": "2026-03-31"}]}"#)?;
//! let report = LazyReport::new(&org, &Default::default(), true)?;
//! let count = report.query(&ReportQuery::read("objective_count", json!(null))?);
//! assert_eq!(serde_json::to_value(count).unwrap(), json!(0));
//! let none = report.query(&ReportQuery::read("cycle", json!({ "id": "q2" }))?);
//! assert_eq!(serde_json::to_value(none).unwrap(), json!(null));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::{CycleProgress, LazyReport, MilestonePolicy, ObjectiveProgress, TeamProgress};
use crate::error::Result;
use crate::ids::{CycleId, ObjectiveId, TeamId};
use crate::org::Org;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Deref;

/// A read operation of a progress report (answered by
/// [`LazyReport::query`](crate::progress::LazyReport::query)).
/// Schema extension: `x-property` (answered as a property).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ReportQuery {
    /// The day asked for ('YYYY-MM-DD'), or null.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    AsOf {},
    /// The milestone policy used.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    Milestones {},
    /// Number of objectives in the report.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    ObjectiveCount {},
    /// Number of key results of the reported objectives (counted or left out: the same without key result detail).
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    KeyResultCount {},
    /// One objective's progress, or null when the report has no such objective. Converts that objective only (a fresh object on each call).
    Objective {
        /// The objective.
        id: ObjectiveId,
    },
    /// One team's progress in a cycle, or null.
    Team {
        /// The team.
        team: TeamId,
        /// The cycle.
        cycle: CycleId,
    },
    /// One cycle's progress, or null.
    Cycle {
        /// The cycle.
        id: CycleId,
    },
}

/// What a [`ReportQuery`] answers: the variant of the same name, holding
/// what the typed method returns; it serialises as that value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReportAnswer<'a> {
    /// [`LazyReport::as_of`].
    AsOf(Option<NaiveDate>),
    /// [`LazyReport::milestones`].
    Milestones(MilestonePolicy),
    /// The first of [`LazyReport::counts`].
    ObjectiveCount(usize),
    /// [`LazyReport::key_result_count`].
    KeyResultCount(usize),
    /// [`LazyReport::objective`].
    Objective(Option<Cow<'a, ObjectiveProgress>>),
    /// [`LazyReport::team`].
    Team(Option<Cow<'a, TeamProgress>>),
    /// [`LazyReport::cycle`].
    Cycle(Option<Cow<'a, CycleProgress>>),
}

impl Serialize for ReportAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ReportAnswer::AsOf(v) => v.serialize(s),
            ReportAnswer::Milestones(v) => v.serialize(s),
            ReportAnswer::ObjectiveCount(v) | ReportAnswer::KeyResultCount(v) => v.serialize(s),
            ReportAnswer::Objective(v) => v.serialize(s),
            ReportAnswer::Team(v) => v.serialize(s),
            ReportAnswer::Cycle(v) => v.serialize(s),
        }
    }
}

impl ReportQuery {
    /// The operation `name` with its arguments (a JSON object; null for
    /// none), as [`crate::OrgQuery::read`] reads one.
    pub fn read(name: &str, args: serde_json::Value) -> Result<ReportQuery> {
        crate::ledger::query::read_named(name, args)
    }
}

impl<O: Deref<Target = Org>> LazyReport<O> {
    /// Answers a [`ReportQuery`] (for the bindings) with what the typed
    /// method returns.
    pub fn query(&self, query: &ReportQuery) -> ReportAnswer<'_> {
        match query {
            ReportQuery::AsOf {} => ReportAnswer::AsOf(self.as_of()),
            ReportQuery::Milestones {} => ReportAnswer::Milestones(self.milestones()),
            ReportQuery::ObjectiveCount {} => ReportAnswer::ObjectiveCount(self.counts().0),
            ReportQuery::KeyResultCount {} => ReportAnswer::KeyResultCount(self.key_result_count()),
            ReportQuery::Objective { id } => ReportAnswer::Objective(self.objective(id.as_str())),
            ReportQuery::Team { team, cycle } => {
                ReportAnswer::Team(self.team(team.as_str(), cycle.as_str()))
            }
            ReportQuery::Cycle { id } => ReportAnswer::Cycle(self.cycle(id.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::query::json_of as value;
    use serde_json::json;

    /// Each operation answers what its typed method returns, serialised.
    #[test]
    fn each_query_answers_its_typed_method() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json");
        let org = Org::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let opts =
            crate::ProgressOptions::default().as_of(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
        let r = LazyReport::new(&org, &opts, false).unwrap();
        let ask = |name: &str, args| value(&r.query(&ReportQuery::read(name, args).unwrap()));
        assert_eq!(ask("as_of", json!(null)), json!("2026-02-01"));
        assert_eq!(ask("milestones", json!(null)), value(&r.milestones()));
        assert_eq!(ask("objective_count", json!({})), json!(r.counts().0));
        assert_eq!(
            ask("key_result_count", json!(null)),
            json!(r.key_result_count())
        );
        let first = &r.rows().objectives[0];
        let id = first.objective.as_str();
        assert_eq!(ask("objective", json!({ "id": id })), value(first));
        assert_eq!(ask("objective", json!({ "id": "nope" })), json!(null));
        let t = &r.rows().teams[0];
        let (team, cycle) = (t.team.as_str(), t.cycle.as_str());
        assert_eq!(
            ask("team", json!({ "team": team, "cycle": cycle })),
            value(t)
        );
        let c = &r.rows().cycles[0];
        assert_eq!(ask("cycle", json!({ "id": c.cycle.as_str() })), value(c));
        let err = ReportQuery::read("team", json!({ "team": "web" })).unwrap_err();
        assert_eq!(err.code(), "parse_error");
    }
}
