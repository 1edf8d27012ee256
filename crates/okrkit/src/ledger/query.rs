//! The ledger's read-only queries as data, for the bindings.
//!
//! [`LedgerQuery`] has one variant per query a binding offers on its ledger
//! (its name, its arguments as fields, its doc); [`Ledger::query`] answers
//! one with a [`QueryAnswer`], the core's own serialisable types. The schema
//! of both (`okrkit::schema`) is what `okrkit-codegen` writes each binding's
//! query methods from, so a query is written once, here; the bindings pass
//! the method's name and arguments to one native method. Rust code calls the
//! typed methods ([`Ledger::sets`], [`Ledger::members`], …) instead.
//!
//! A query is read by [`LedgerQuery::read`] from its name and its arguments
//! as a JSON object; an argument of the wrong type is a `parse_error` whose
//! path is the argument's name.
//!
//! ```
//! use okrkit::ledger::{Ledger, LedgerQuery};
//! use serde_json::json;
//!
//! let ledger = Ledger::new();
//! let q = LedgerQuery::read("members", json!({ "team": "web" }))?;
//! assert_eq!(q, LedgerQuery::Members { team: "web".into() });
//! let answer = serde_json::to_value(ledger.query(&q)).unwrap();
//! assert_eq!(answer, json!([]));
//! let q = LedgerQuery::read("waiting_dependencies", json!({ "as_of": "2026-02-05" }))?;
//! assert_eq!(serde_json::to_value(ledger.query(&q)).unwrap(), json!([]));
//! let err = LedgerQuery::read("members", json!({ "team": 5 })).unwrap_err();
//! assert_eq!((err.code(), err.path()), ("parse_error", "team"));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::{
    Dependency, FeedbackNote, KeyResultRenegotiations, Ledger, OkrSetState, Proposal,
    Retrospective, Review, SetStatus, WaitingDependency,
};
use crate::error::{Error, Result};
use crate::ids::{CycleId, TeamId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A moment a query is asked at: RFC 3339 text is that instant, a date
/// (`YYYY-MM-DD`) the whole day ([`super::parse_moment`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment(pub DateTime<Utc>);

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_moment(&text, "")
            .map(Moment)
            .map_err(|e| match e {
                Error::InvalidArgument { message, .. } => serde::de::Error::custom(message),
                other => serde::de::Error::custom(other),
            })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Moment {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Moment".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A moment: RFC 3339 text is that instant; a date (YYYY-MM-DD) is the whole day (UTC).",
            "type": "string",
        })
    }
}

/// A read-only query of a [`Ledger`], as the bindings ask it. On the wire: an
/// object with one member, the query's name, holding its arguments.
///
/// Schema extensions read by the codegen: `x-property` (a variant answered
/// as a property, without arguments) and `x-keyword-only` (an argument given
/// by keyword only).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum LedgerQuery {
    /// Whether every entry must carry its actor's signature.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    IsSigned {},
    /// The organisation admins as of the last entry.
    Admins {},
    /// The members of a team as of the last entry.
    Members {
        /// The team.
        team: TeamId,
    },
    /// The status of an OKR set: "draft", "proposed", "changes_requested", "agreed"…
    SetStatus {
        /// The owning team.
        team: TeamId,
        /// The cycle.
        cycle: CycleId,
    },
    /// Every OKR set that was proposed or imported as agreed.
    Sets {},
    /// Every renegotiation proposal, oldest first.
    Proposals {
        /// Only the proposals waiting for an answer.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(extend("x-keyword-only" = true)))]
        open_only: bool,
    },
    /// One proposal by id, or nothing (null) if there is none.
    Proposal {
        /// The id of the entry that made it.
        id: super::EntryId,
    },
    /// Every dependency between teams, oldest first.
    Dependencies {},
    /// Dependencies waiting for an answer or a decision as of a moment, with
    /// their age ("who waits on whom"); with a number of days, only those
    /// waiting longer.
    WaitingDependencies {
        /// The moment.
        as_of: Moment,
        /// Keep those waiting more than this many whole days.
        #[serde(default)]
        longer_than_days: Option<i64>,
    },
    /// Feedback notes between the sides of OKR sets.
    FeedbackNotes {},
    /// Retrospectives recorded at the end of cycles, oldest first.
    Retrospectives {},
    /// Requests for changes made in review.
    Reviews {},
    /// Per key result, accepted renegotiations while in `cycle`.
    RenegotiationCounts {
        /// The cycle.
        cycle: CycleId,
    },
}

/// What a [`LedgerQuery`] answers: one variant per query, of the same name,
/// holding the core's own types. It serialises as the value it holds (what
/// the typed method returns, serialised).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum QueryAnswer<'a> {
    /// [`Ledger::is_signed`].
    IsSigned(bool),
    /// [`Ledger::admins`].
    Admins(Vec<&'a str>),
    /// [`Ledger::members`].
    Members(Vec<&'a str>),
    /// [`Ledger::set_status`].
    SetStatus(SetStatus),
    /// [`Ledger::sets`].
    Sets(Vec<&'a OkrSetState>),
    /// [`Ledger::proposals`] or [`Ledger::open_proposals`].
    Proposals(Vec<&'a Proposal>),
    /// [`Ledger::proposal`].
    Proposal(Option<&'a Proposal>),
    /// [`Ledger::dependencies`].
    Dependencies(&'a [Dependency]),
    /// [`Ledger::waiting_dependencies`] or [`Ledger::dependencies_waiting_longer_than`].
    WaitingDependencies(Vec<WaitingDependency>),
    /// [`Ledger::feedback`].
    FeedbackNotes(&'a [FeedbackNote]),
    /// [`Ledger::retrospectives`].
    Retrospectives(&'a [Retrospective]),
    /// [`Ledger::reviews`].
    Reviews(&'a [Review]),
    /// [`Ledger::renegotiation_counts`].
    RenegotiationCounts(Vec<KeyResultRenegotiations>),
}

impl Serialize for QueryAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            QueryAnswer::IsSigned(v) => v.serialize(s),
            QueryAnswer::Admins(v) | QueryAnswer::Members(v) => v.serialize(s),
            QueryAnswer::SetStatus(v) => v.serialize(s),
            QueryAnswer::Sets(v) => v.serialize(s),
            QueryAnswer::Proposals(v) => v.serialize(s),
            QueryAnswer::Proposal(v) => v.serialize(s),
            QueryAnswer::Dependencies(v) => v.serialize(s),
            QueryAnswer::WaitingDependencies(v) => v.serialize(s),
            QueryAnswer::FeedbackNotes(v) => v.serialize(s),
            QueryAnswer::Retrospectives(v) => v.serialize(s),
            QueryAnswer::Reviews(v) => v.serialize(s),
            QueryAnswer::RenegotiationCounts(v) => v.serialize(s),
        }
    }
}

impl LedgerQuery {
    /// Whether argument `arg` of query `name` is a [`Moment`]: the one kind
    /// of argument a binding may take as its language's own date or time
    /// (Python's `datetime`, `date`) and write as text for [`LedgerQuery::read`].
    /// An id given as a date is refused by the binding, never read as the
    /// date's text (`members(date(2026, 2, 1))` would answer `[]`).
    ///
    /// ```
    /// use okrkit::ledger::LedgerQuery;
    /// assert!(LedgerQuery::takes_moment("waiting_dependencies", "as_of"));
    /// assert!(!LedgerQuery::takes_moment("members", "team"));
    /// ```
    pub fn takes_moment(name: &str, arg: &str) -> bool {
        matches!((name, arg), ("waiting_dependencies", "as_of"))
    }

    /// The query `name` with its arguments (a JSON object; null for none).
    /// An unknown name or argument, or an argument of the wrong type, is a
    /// `parse_error`; its path is the argument's name (empty for the query itself).
    pub fn read(name: &str, args: serde_json::Value) -> Result<LedgerQuery> {
        read_named(name, args)
    }
}

/// A query's answer as JSON, to compare with its typed method's (the
/// query modules' tests).
#[cfg(test)]
pub(crate) fn json_of<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("an answer serialises")
}

/// An externally tagged query (`LedgerQuery`, `crate::OrgQuery`) from its
/// name and its arguments (a JSON object; null for none): a `parse_error`'s
/// path is the argument's, below the query's name.
pub(crate) fn read_named<T: serde::de::DeserializeOwned>(
    name: &str,
    args: serde_json::Value,
) -> Result<T> {
    let args = if args.is_null() {
        serde_json::Value::Object(Default::default())
    } else {
        args
    };
    let mut wire = serde_json::Map::new();
    wire.insert(name.to_owned(), args);
    crate::options::from_value(serde_json::Value::Object(wire)).map_err(|e| match e {
        Error::Parse {
            path,
            message,
            position,
        } => {
            // The path below the query's own name: its argument.
            let path = match path.split_once('.') {
                Some((first, rest)) if first == name => rest.to_owned(),
                _ if path == name => String::new(),
                _ => path,
            };
            Error::Parse {
                path,
                message,
                position,
            }
        }
        other => other,
    })
}

impl Ledger {
    /// Answers a [`LedgerQuery`] (for the bindings; see the
    /// [module documentation](crate::ledger::query)) with what the typed method returns.
    pub fn query(&self, query: &LedgerQuery) -> QueryAnswer<'_> {
        match query {
            LedgerQuery::IsSigned {} => QueryAnswer::IsSigned(self.is_signed()),
            LedgerQuery::Admins {} => QueryAnswer::Admins(self.admins()),
            LedgerQuery::Members { team } => QueryAnswer::Members(self.members(team)),
            LedgerQuery::SetStatus { team, cycle } => {
                QueryAnswer::SetStatus(self.set_status(team, cycle))
            }
            LedgerQuery::Sets {} => QueryAnswer::Sets(self.sets()),
            LedgerQuery::Proposals { open_only: true } => {
                QueryAnswer::Proposals(self.open_proposals())
            }
            LedgerQuery::Proposals { open_only: false } => {
                QueryAnswer::Proposals(self.proposals().iter().collect())
            }
            LedgerQuery::Proposal { id } => QueryAnswer::Proposal(self.proposal(id)),
            LedgerQuery::Dependencies {} => QueryAnswer::Dependencies(self.dependencies()),
            LedgerQuery::WaitingDependencies {
                as_of,
                longer_than_days,
            } => QueryAnswer::WaitingDependencies(match longer_than_days {
                Some(days) => self.dependencies_waiting_longer_than(as_of.0, *days),
                None => self.waiting_dependencies(as_of.0),
            }),
            LedgerQuery::FeedbackNotes {} => QueryAnswer::FeedbackNotes(self.feedback()),
            LedgerQuery::Retrospectives {} => QueryAnswer::Retrospectives(self.retrospectives()),
            LedgerQuery::Reviews {} => QueryAnswer::Reviews(self.reviews()),
            LedgerQuery::RenegotiationCounts { cycle } => {
                QueryAnswer::RenegotiationCounts(self.renegotiation_counts(cycle))
            }
        }
    }
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    use super::LedgerQuery;

    /// `takes_moment` names exactly the arguments the schema types `Moment`:
    /// a new moment argument fails here until it is listed.
    #[test]
    fn takes_moment_names_every_moment_argument_of_the_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::schema::ledger_queries_schema()).unwrap();
        let variants = schema["$defs"]["LedgerQuery"]["oneOf"].as_array().unwrap();
        let mut seen = 0;
        for v in variants {
            let (name, query) = v["properties"].as_object().unwrap().iter().next().unwrap();
            let args = query["properties"].as_object().cloned().unwrap_or_default();
            for (arg, spec) in &args {
                let moment = spec["$ref"] == "#/$defs/Moment";
                assert_eq!(LedgerQuery::takes_moment(name, arg), moment, "{name}.{arg}");
                seen += usize::from(moment);
            }
        }
        assert_eq!(seen, 1);
    }
}
