//! The ledger's other read operations as data, for the bindings.
//!
//! [`LedgerView`] describes, as [`LedgerQuery`](super::LedgerQuery) does,
//! read operations a binding offers on its ledger (name, arguments, doc),
//! answered by [`Ledger::view`] with a [`ViewAnswer`] of the core's own
//! serialisable types. They are apart from `LedgerQuery` because Python's
//! native `Ledger` writes these by hand today (returning its own types),
//! and Python's generated ledger class has a method per `LedgerQuery`.
//! Their schema (in `ledger-queries.schema.json`) is what `okrkit-codegen`
//! writes Node's `bindings/node/src/ledger_views.rs` from.
//!
//! ```
//! use okrkit::ledger::{Ledger, LedgerView};
//! use serde_json::json;
//!
//! let ledger = Ledger::new();
//! let length = ledger.view(&LedgerView::read("length", json!(null))?)?;
//! assert_eq!(serde_json::to_value(length).unwrap(), json!(0));
//! let err = LedgerView::read("history", json!({ "key_result": 5 })).unwrap_err();
//! assert_eq!((err.code(), err.path()), ("parse_error", "key_result"));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::query::{Moment, read_named};
use super::{Entry, KeyResultVersion, Ledger, Proposal, Verified};
use crate::error::Result;
use crate::health::{HealthOptions, HealthReport};
use crate::ids::{CycleId, KeyResultId};
use crate::lint::{LintOptions, LintReport};
use crate::model::Document;
use serde::{Deserialize, Serialize};

/// A read operation of a [`Ledger`] (answered by
/// [`Ledger::view`](crate::ledger::Ledger::view)). On the wire: an object
/// with one member, the operation's name, holding its arguments. Schema
/// extension: `x-property` (answered as a property).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum LedgerView {
    /// Number of entries.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    Length {},
    /// The last entry's hash (64 zeros when empty). Keep it outside the ledger, to check the ledger against later.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    Head {},
    /// Verifies the whole ledger again from its first entry.
    Verify {},
    /// The document as of a moment (every entry at or before it), or now. A date (`YYYY-MM-DD`) is the whole day (UTC), as in progress.
    Replay {
        /// The moment (left out: now).
        #[serde(default)]
        at: Option<Moment>,
    },
    /// Every version a key result had: target, baseline, wording, weight, who proposed and who accepted each, when and why.
    History {
        /// The key result.
        key_result: KeyResultId,
    },
    /// The entries, oldest first.
    Entries {},
    /// The current document.
    Document {},
    /// The proposals waiting for an answer.
    OpenProposals {},
    /// Lints the current document and the ledger's flow: key results renegotiated too often (R4), dependencies left waiting (R7), keys an admin replaced in a signed ledger (R4). The options are the core's lint options whole, the renegotiation and dependency limits included.
    Lint {
        /// The lint options (their defaults when left out).
        #[serde(default)]
        options: LintOptions,
    },
    /// Program health of a cycle (R10) with the ledger's renegotiation and dependency flow (R4, R7).
    Health {
        /// The cycle.
        cycle: CycleId,
        /// The health options (their defaults when left out).
        #[serde(default)]
        options: HealthOptions,
    },
}

/// What a [`LedgerView`] answers: the variant of the same name, holding what
/// the typed method returns; it serialises as that value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ViewAnswer<'a> {
    /// [`Ledger::len`].
    Length(usize),
    /// [`Ledger::head`].
    Head(&'a str),
    /// [`Ledger::verify`].
    Verify(Verified),
    /// [`Ledger::replay`].
    Replay(Box<Document>),
    /// [`Ledger::history`].
    History(&'a [KeyResultVersion]),
    /// [`Ledger::entries`].
    Entries(&'a [Entry]),
    /// [`Ledger::document`].
    Document(&'a Document),
    /// [`Ledger::open_proposals`].
    OpenProposals(Vec<&'a Proposal>),
    /// [`Ledger::lint`].
    Lint(LintReport),
    /// [`Ledger::health`].
    Health(Box<HealthReport>),
}

impl Serialize for ViewAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ViewAnswer::Length(v) => v.serialize(s),
            ViewAnswer::Head(v) => v.serialize(s),
            ViewAnswer::Verify(v) => v.serialize(s),
            ViewAnswer::Replay(v) => v.serialize(s),
            ViewAnswer::History(v) => v.serialize(s),
            ViewAnswer::Entries(v) => v.serialize(s),
            ViewAnswer::Document(v) => v.serialize(s),
            ViewAnswer::OpenProposals(v) => v.serialize(s),
            ViewAnswer::Lint(v) => v.serialize(s),
            ViewAnswer::Health(v) => v.serialize(s),
        }
    }
}

impl LedgerView {
    /// The operation `name` with its arguments (a JSON object; null for
    /// none), as [`LedgerQuery::read`](super::LedgerQuery::read) reads a query.
    pub fn read(name: &str, args: serde_json::Value) -> Result<LedgerView> {
        read_named(name, args)
    }
}

impl Ledger {
    /// Answers a [`LedgerView`] (for the bindings) with what the typed
    /// method returns; its error is that method's.
    pub fn view(&self, view: &LedgerView) -> Result<ViewAnswer<'_>> {
        Ok(match view {
            LedgerView::Length {} => ViewAnswer::Length(self.len()),
            LedgerView::Head {} => ViewAnswer::Head(self.head()),
            LedgerView::Verify {} => ViewAnswer::Verify(self.verify()?),
            LedgerView::Replay { at } => {
                ViewAnswer::Replay(Box::new(self.replay(at.map(|m| m.0))?))
            }
            LedgerView::History { key_result } => ViewAnswer::History(self.history(key_result)?),
            LedgerView::Entries {} => ViewAnswer::Entries(self.entries()),
            LedgerView::Document {} => ViewAnswer::Document(self.document()),
            LedgerView::OpenProposals {} => ViewAnswer::OpenProposals(self.open_proposals()),
            LedgerView::Lint { options } => ViewAnswer::Lint(self.lint(options)),
            LedgerView::Health { cycle, options } => {
                ViewAnswer::Health(Box::new(self.health(cycle.as_str(), options)?))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::query::json_of as value;
    use serde_json::json;

    fn ledger() -> Ledger {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json");
        let doc = Document::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut ledger = Ledger::new();
        let at = "2026-01-02T09:00:00Z".parse().unwrap();
        let actor = crate::ledger::Actor::new("ana", "web");
        let import = crate::ledger::Action::Import {
            document: Box::new(doc),
            agreed: Vec::new(),
            roles: Default::default(),
        };
        ledger.append_as_of(at, at, actor, import).unwrap();
        ledger
    }

    /// Each operation answers what its typed method returns, serialised.
    #[test]
    fn each_view_answers_its_typed_method() {
        let l = ledger();
        let ask =
            |name: &str, args| value(&l.view(&LedgerView::read(name, args).unwrap()).unwrap());
        assert_eq!(ask("length", json!(null)), json!(1));
        assert_eq!(ask("head", json!(null)), json!(l.head()));
        assert_eq!(ask("verify", json!(null)), value(&l.verify().unwrap()));
        assert_eq!(ask("replay", json!(null)), value(&l.replay(None).unwrap()));
        let day = super::super::parse_moment("2026-01-01", "at").unwrap();
        let replayed = ask("replay", json!({ "at": "2026-01-01" }));
        assert_eq!(replayed, value(&l.replay(Some(day)).unwrap()));
        let kr = l.document().objectives[0].key_results[0].id.clone();
        let history = ask("history", json!({ "key_result": kr }));
        assert_eq!(history, value(&l.history(&kr).unwrap()));
        assert_eq!(ask("entries", json!({})), value(&l.entries()));
        assert_eq!(ask("document", json!(null)), value(l.document()));
        let open = ask("open_proposals", json!(null));
        assert_eq!(open, value(&l.open_proposals()));
        assert_eq!(
            ask("lint", json!(null)),
            value(&l.lint(&Default::default()))
        );
        let cycle = l.document().cycles[0].id.clone();
        let health = l.health(cycle.as_str(), &Default::default()).unwrap();
        assert_eq!(ask("health", json!({ "cycle": cycle })), value(&health));
        let unknown = LedgerView::read("health", json!({ "cycle": "nope" })).unwrap();
        assert!(l.view(&unknown).is_err());
    }

    /// Every variant of the schema's `LedgerView` has an answer of its name.
    #[cfg(feature = "schema")]
    #[test]
    fn the_schema_pairs_each_view_with_its_answer() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::schema::ledger_queries_schema()).unwrap();
        let names = |def: &str| -> Vec<String> {
            let variants = schema["$defs"][def]["oneOf"].as_array().unwrap();
            let name =
                |v: &serde_json::Value| v["properties"].as_object().unwrap().keys().next().cloned();
            variants.iter().filter_map(name).collect()
        };
        assert_eq!(names("LedgerView").len(), 10);
        assert_eq!(names("LedgerView"), names("ViewAnswer"));
    }
}
