//! The JSON Schema of every public input and output shape of okrkit.
//!
//! One document (`$defs` keyed by type name) covers the organisation document,
//! every option type a method takes and every report it returns. It is
//! committed as `crates/okrkit/schema/okrkit.schema.json` (a test fails when
//! that file is stale) and the bindings' types (Python enums, TypedDicts and
//! stubs) are generated from it, so a shape is written once, here.
//!
//! ```
//! let schema: serde_json::Value = serde_json::from_str(&okrkit::schema::json_schema())?;
//! assert_eq!(schema["$defs"]["PaceStatus"]["oneOf"][0]["const"], "ahead");
//! assert!(schema["$defs"]["ProgressOptions"]["properties"]["as_of"].is_object());
//! # Ok::<(), serde_json::Error>(())
//! ```

use crate::{classify, health, import, ledger, lint, progress, score};
use schemars::SchemaGenerator;
use serde_json::{Map, Value};

/// Adds the schema of each listed type (and of every type it refers to) to the generator.
macro_rules! roots {
    ($generator:ident: $($ty:ty),+ $(,)?) => {
        $(let _ = $generator.subschema_for::<$ty>();)+
    };
}

/// Every public input and output type, by name, as one JSON Schema document
/// (draft 2020-12) whose `$defs` hold one entry per type, sorted by name.
pub fn json_schema() -> String {
    let mut generator = SchemaGenerator::default();
    roots!(generator:
        // the document and its elements
        crate::Document,
        crate::Problem, crate::ProblemCode, crate::RefusalCode, crate::ProofFailure,
        // options
        progress::ProgressOptions, lint::LintOptions, lint::RuleCode,
        health::HealthOptions,
        import::table::TableOptions,
        classify::Vocabulary, classify::VocabularySpec, classify::StructureHint,
        // reports
        progress::ProgressReport, lint::LintReport, lint::Rule, score::ScoreReport,
        score::Calibration, health::HealthReport, classify::Classification,
        import::Imported, import::Reconciliation, import::Source,
        // the ledger
        ledger::Entry, ledger::Action, ledger::Verified, ledger::KeyResultVersion,
        ledger::Proposal, ledger::Dependency, ledger::WaitingDependency, ledger::OkrSetState,
        ledger::FeedbackNote, ledger::Review,
        ledger::Retrospective, ledger::Roles, ledger::KeyResultRenegotiations,
        ledger::CheckpointVerified, ledger::InclusionProof,
        ledger::ConsistencyProof,
    );
    // The generator's options, when the `generate` feature is on (the
    // bindings, which generate their types from this schema, enable it).
    #[cfg(feature = "generate")]
    roots!(generator: crate::generate::GenerateOptions, crate::generate::LedgerOptions);
    document(
        "okrkit",
        "Every public input and output shape of okrkit, by type name.",
        &generator,
        |_| true,
    )
}

/// The bindings' ledger queries ([`ledger::LedgerQuery`], each answered by the
/// [`ledger::QueryAnswer`] variant of the same name), and its other read
/// operations ([`ledger::LedgerView`], answered by [`ledger::ViewAnswer`]), as
/// a JSON Schema document: what okrkit-codegen writes the bindings' query
/// methods from. Committed as
/// `crates/okrkit/schema/ledger-queries.schema.json`, apart from
/// [`json_schema`] (they are calls, not shapes a product stores); the types an
/// answer holds are [`json_schema`]'s (`okrkit.schema.json#/$defs/…`).
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&okrkit::schema::ledger_queries_schema())?;
/// let members = &schema["$defs"]["LedgerQuery"]["oneOf"][2]["properties"]["members"];
/// assert_eq!(members["required"][0], "team");
/// assert!(schema["$defs"].get("Proposal").is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn ledger_queries_schema() -> String {
    let mut generator = SchemaGenerator::default();
    roots!(generator: ledger::LedgerQuery, ledger::QueryAnswer);
    roots!(generator: ledger::LedgerView, ledger::ViewAnswer);
    queries_document(
        "okrkit ledger queries",
        "The ledger's read-only queries and other read operations the bindings offer \
         (LedgerQuery, LedgerView), and their answers.",
        &generator,
        &[
            "LedgerQuery",
            "QueryAnswer",
            "LedgerView",
            "ViewAnswer",
            "Moment",
        ],
    )
}

/// The organisation's read-only operations the bindings offer
/// ([`crate::OrgQuery`], each answered by the [`crate::OrgAnswer`] variant of
/// the same name) and its progress reports' ([`progress::ReportQuery`],
/// answered by [`progress::ReportAnswer`]) and a classifier's
/// ([`classify::ClassifyQuery`], [`classify::ClassifyAnswer`]), as [`ledger_queries_schema`] has
/// the ledger's: committed
/// as `crates/okrkit/schema/org-queries.schema.json`, the types an answer
/// holds being [`json_schema`]'s.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&okrkit::schema::org_queries_schema())?;
/// let score = &schema["$defs"]["OrgQuery"]["oneOf"][6]["properties"]["score_cycle"];
/// assert_eq!(score["required"][0], "cycle");
/// assert!(schema["$defs"].get("ScoreReport").is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn org_queries_schema() -> String {
    let mut generator = SchemaGenerator::default();
    roots!(generator: crate::OrgQuery, crate::OrgAnswer);
    roots!(generator: progress::ReportQuery, progress::ReportAnswer);
    roots!(generator: classify::ClassifyQuery, classify::ClassifyAnswer);
    queries_document(
        "okrkit organisation queries",
        "The read-only operations the bindings offer on an organisation (OrgQuery), on \
         its progress reports (ReportQuery) and on a classifier (ClassifyQuery), and their \
         answers.",
        &generator,
        &[
            "OrgQuery",
            "OrgAnswer",
            "ReportQuery",
            "ReportAnswer",
            "ClassifyQuery",
            "ClassifyAnswer",
        ],
    )
}

/// A schema document of the queries' own definitions (`own`); every other
/// type is referred to in okrkit.schema.json.
fn queries_document(
    title: &str,
    description: &str,
    generator: &SchemaGenerator,
    own: &[&str],
) -> String {
    let mut text = document(title, description, generator, |name| own.contains(&name));
    let local = "\"$ref\": \"#/$defs/";
    for name in generator.definitions().keys() {
        if !own.contains(&name.as_str()) {
            let from = format!("{local}{name}\"");
            let to = format!("\"$ref\": \"okrkit.schema.json#/$defs/{name}\"");
            text = text.replace(&from, &to);
        }
    }
    text
}

/// A JSON Schema document (draft 2020-12) of the generator's definitions
/// whose name `keep` takes, sorted by name.
fn document(
    title: &str,
    description: &str,
    generator: &SchemaGenerator,
    keep: impl Fn(&str) -> bool,
) -> String {
    let defs: Map<String, Value> = generator
        .definitions()
        .iter()
        .filter(|(k, _)| keep(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        Value::from("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert("title".into(), Value::from(title));
    root.insert("description".into(), Value::from(description));
    let mut defs = Value::Object(defs);
    plain_descriptions(&mut defs);
    root.insert("$defs".into(), defs);
    crate::json::to_string_pretty(&Value::Object(root))
}

/// Rewrites every `description` under `v` with [`plain_links`].
fn plain_descriptions(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(text) if key == "description" => *text = plain_links(text),
                    _ => plain_descriptions(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
        _ => {}
    }
}

/// A doc comment's rustdoc links as plain text, for readers of the schema
/// and of the bindings' docs written from it, where they do not resolve:
/// ``[`Cycle`](crate::Cycle)`` is `` `Cycle` ``, ``[`crate::limits`]`` is
/// `` `okrkit::limits` ``. Web links (`https://…`) stay as they are.
fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("[`") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // `[`label`]`, then maybe `(target)`.
        let Some(close) = after.find("`]") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let label = &after[..close + 1];
        let mut tail = &after[close + 2..];
        let mut web = false;
        if let Some(target) = tail.strip_prefix('(').and_then(|t| t.split_once(')')) {
            web = target.0.contains("://");
            if !web {
                tail = target.1;
            }
        }
        if web {
            out.push_str(&rest[open..open + close + 3]);
        } else {
            out.push_str(&label.replace("`crate::", "`okrkit::"));
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::plain_links;

    #[test]
    fn rustdoc_links_become_plain_code() {
        for (doc, plain) in [
            (
                "Identifies a [`Cycle`](crate::Cycle).",
                "Identifies a `Cycle`.",
            ),
            (
                "see [`crate::ledger::signing`])",
                "see `okrkit::ledger::signing`)",
            ),
            (
                "([`Error::NotProven`]) and [`A`] [`B`](Self::b)",
                "(`Error::NotProven`) and `A` `B`",
            ),
            (
                "[`spec`](https://c2sp.org/tlog-checkpoint) stays",
                "[`spec`](https://c2sp.org/tlog-checkpoint) stays",
            ),
            ("no links, [3] and `code`", "no links, [3] and `code`"),
            ("an unclosed [`link", "an unclosed [`link"),
        ] {
            assert_eq!(plain_links(doc), plain, "{doc}");
        }
    }
}
