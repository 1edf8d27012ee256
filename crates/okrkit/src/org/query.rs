//! The organisation's read-only operations as data, for the bindings.
//!
//! [`OrgQuery`] has one variant per operation a binding offers on its `Org`
//! that reads options (or nothing), calls the core and returns the core's
//! answer (its name, its arguments as fields, its doc); [`Org::query`]
//! answers one with an [`OrgAnswer`], the core's own serialisable types. The
//! schema of both ([`crate::schema::org_queries_schema`]) is what
//! `okrkit-codegen` writes a binding's methods from (Node's
//! `bindings/node/src/org_queries.rs`), so such an operation is written once,
//! here, as [`crate::ledger::LedgerQuery`] does for the ledger. Rust code
//! calls the typed methods ([`Org::score_cycle`], [`Org::lint`], …) instead.
//!
//! ```
//! use okrkit::{Org, OrgQuery};
//! use serde_json::json;
//!
//! let org = Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1",
//!     "start": "2026-01-01", "end": "2026-03-31"}]}"#)?;
//! let q = OrgQuery::read("cycles", serde_json::Value::Null)?;
//! assert_eq!(serde_json::to_value(org.query(&q)?).unwrap(), json!(org.cycle_ids()));
//! let q = OrgQuery::read("score_cycle", json!({ "cycle": "nope" }))?;
//! assert_eq!(org.query(&q).unwrap_err().code(), "dangling_reference");
//! let err = OrgQuery::read("score_cycle", json!({ "cycle": 5 })).unwrap_err();
//! assert_eq!((err.code(), err.path()), ("parse_error", "cycle"));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::Org;
use crate::error::Result;
use crate::health::{HealthOptions, HealthReport};
use crate::ids::CycleId;
use crate::lint::{LintOptions, LintReport};
use crate::score::{Calibration, ScoreReport};
use serde::{Deserialize, Serialize};

/// A read-only operation of an [`Org`], as the bindings ask it. On the wire:
/// an object with one member, the operation's name, holding its arguments.
///
/// Schema extension read by the codegen: `x-property` (a variant answered
/// as a property, without arguments).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum OrgQuery {
    /// Number of key results.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    KeyResultCount {},
    /// The validated document (check-in times as instants).
    Document {},
    /// The cycle ids, in document order.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    Cycles {},
    /// The team ids, in document order.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    Teams {},
    /// Calibration flags across this org's cycles (R5): equal to calibrating
    /// the score reports of `score_all`.
    Calibrate {},
    /// Lints this (valid) document.
    Lint {
        /// The lint options (their defaults when left out).
        #[serde(default)]
        options: LintOptions,
    },
    /// Scores a cycle at its close (R5); never per person (R6).
    ScoreCycle {
        /// The cycle.
        cycle: CycleId,
    },
    /// Scores every cycle, oldest first (by start, then end, then id).
    ScoreAll {},
    /// Program health of a cycle (R10): check-in cadence, stale key results,
    /// outcome share, score bands, calibration.
    Health {
        /// The cycle.
        cycle: CycleId,
        /// The health options (their defaults when left out).
        #[serde(default)]
        options: HealthOptions,
    },
}

/// What an [`OrgQuery`] answers: one variant per operation, of the same
/// name, holding the core's own types. It serialises as the value it holds
/// (what the typed method returns, serialised).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OrgAnswer<'a> {
    /// [`Org::key_result_count`].
    KeyResultCount(usize),
    /// [`Org::document`].
    Document(
        #[cfg_attr(feature = "schema", schemars(with = "crate::Document"))]
        crate::model::DocumentRef<'a>,
    ),
    /// [`Org::cycle_ids`].
    Cycles(Vec<String>),
    /// [`Org::team_ids`].
    Teams(Vec<String>),
    /// [`Org::calibration`].
    Calibrate(Vec<Calibration>),
    /// [`Org::lint`].
    Lint(LintReport),
    /// [`Org::score_cycle`].
    ScoreCycle(ScoreReport),
    /// [`Org::score_all`].
    ScoreAll(Vec<ScoreReport>),
    /// [`Org::health`].
    Health(Box<HealthReport>),
}

impl Serialize for OrgAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            OrgAnswer::KeyResultCount(v) => v.serialize(s),
            OrgAnswer::Document(v) => v.serialize(s),
            OrgAnswer::Cycles(v) | OrgAnswer::Teams(v) => v.serialize(s),
            OrgAnswer::Calibrate(v) => v.serialize(s),
            OrgAnswer::Lint(v) => v.serialize(s),
            OrgAnswer::ScoreCycle(v) => v.serialize(s),
            OrgAnswer::ScoreAll(v) => v.serialize(s),
            OrgAnswer::Health(v) => v.serialize(s),
        }
    }
}

impl OrgQuery {
    /// The operation `name` with its arguments (a JSON object; null for
    /// none). An unknown name or argument, or an argument of the wrong type,
    /// is a `parse_error`; its path is the argument's name (empty for the
    /// operation itself).
    pub fn read(name: &str, args: serde_json::Value) -> Result<OrgQuery> {
        crate::ledger::query::read_named(name, args)
    }
}

impl Org {
    /// Answers an [`OrgQuery`] (for the bindings; see [`OrgQuery`]) with
    /// what the typed method returns; its error is that method's.
    pub fn query(&self, query: &OrgQuery) -> Result<OrgAnswer<'_>> {
        Ok(match query {
            OrgQuery::KeyResultCount {} => OrgAnswer::KeyResultCount(self.key_result_count()),
            OrgQuery::Document {} => OrgAnswer::Document(self.document()),
            OrgQuery::Cycles {} => OrgAnswer::Cycles(self.cycle_ids()),
            OrgQuery::Teams {} => OrgAnswer::Teams(self.team_ids()),
            OrgQuery::Calibrate {} => OrgAnswer::Calibrate(self.calibration()),
            OrgQuery::Lint { options } => OrgAnswer::Lint(self.lint(options)),
            OrgQuery::ScoreCycle { cycle } => OrgAnswer::ScoreCycle(self.score_cycle(cycle)?),
            OrgQuery::ScoreAll {} => OrgAnswer::ScoreAll(self.score_all()),
            OrgQuery::Health { cycle, options } => {
                OrgAnswer::Health(Box::new(self.health(cycle, options)?))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{OrgAnswer, OrgQuery};
    use crate::Org;
    use crate::ledger::query::json_of as value;
    use serde_json::json;

    fn org() -> Org {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/data/org.json"
        ))
        .unwrap();
        Org::from_json(&text).unwrap()
    }

    /// Each operation answers what its typed method returns, serialised.
    #[test]
    fn each_query_answers_its_typed_method() {
        let org = org();
        let cycle = org.cycle_ids()[0].clone();
        let ask = |name: &str, args| {
            let q = OrgQuery::read(name, args).unwrap();
            serde_json::to_value(org.query(&q).unwrap()).unwrap()
        };
        assert_eq!(
            ask("key_result_count", json!(null)),
            json!(org.key_result_count())
        );
        assert_eq!(ask("document", json!(null)), value(&org.document()));
        assert_eq!(ask("cycles", json!({})), json!(org.cycle_ids()));
        assert_eq!(ask("teams", json!(null)), json!(org.team_ids()));
        assert_eq!(ask("calibrate", json!(null)), value(&org.calibration()));
        assert_eq!(ask("score_all", json!(null)), value(&org.score_all()));
        assert_eq!(
            ask("score_cycle", json!({ "cycle": cycle })),
            value(&org.score_cycle(cycle.as_str()).unwrap())
        );
        let lint = crate::lint::LintOptions::default().stale_after_days(3);
        assert_eq!(
            ask("lint", json!({ "options": { "stale_after_days": 3 } })),
            value(&org.lint(&lint))
        );
        assert_eq!(
            ask("lint", json!({})),
            value(&org.lint(&Default::default()))
        );
        assert_eq!(
            ask("health", json!({ "cycle": cycle })),
            value(&org.health(&cycle, &Default::default()).unwrap())
        );
    }

    /// Errors: the typed method's (an unknown cycle), or a `parse_error` at
    /// the argument for a wrong one.
    #[test]
    fn errors_are_the_methods_or_at_the_argument() {
        let org = org();
        let q = OrgQuery::read("health", json!({ "cycle": "nope" })).unwrap();
        let err = org.query(&q).unwrap_err();
        let typed = org.health("nope", &Default::default()).unwrap_err();
        assert_eq!((err.code(), err.path()), (typed.code(), typed.path()));
        let err = OrgQuery::read("lint", json!({ "options": { "nope": 1 } })).unwrap_err();
        assert_eq!(err.code(), "parse_error");
        assert!(err.path().starts_with("options"), "{}", err.path());
        let err = OrgQuery::read("nope", json!(null)).unwrap_err();
        assert_eq!((err.code(), err.path()), ("parse_error", ""));
        assert!(matches!(
            org.query(&OrgQuery::Teams {}),
            Ok(OrgAnswer::Teams(t)) if t == org.team_ids()
        ));
    }

    /// Every variant of the schema's `OrgQuery` has an answer of its name.
    #[cfg(feature = "schema")]
    #[test]
    fn the_schema_pairs_each_query_with_its_answer() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::schema::org_queries_schema()).unwrap();
        let names = |def: &str, key: &str| -> Vec<String> {
            schema["$defs"][def]["oneOf"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v[key].as_object().unwrap().keys().next().unwrap().clone())
                .collect()
        };
        let queries = names("OrgQuery", "properties");
        assert_eq!(queries.len(), 9);
        assert_eq!(queries, names("OrgAnswer", "properties"));
    }
}
