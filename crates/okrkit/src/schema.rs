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
        crate::Problem, crate::ProblemCode, crate::RefusalCode,
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
        ledger::ConsistencyProof, ledger::LedgerQuery, ledger::QueryAnswer,
    );
    // The generator's options, when the `generate` feature is on (the
    // bindings, which generate their types from this schema, enable it).
    #[cfg(feature = "generate")]
    roots!(generator: crate::generate::GenerateOptions, crate::generate::LedgerOptions);
    let defs: Map<String, Value> = generator
        .definitions()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        Value::from("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert("title".into(), Value::from("okrkit"));
    root.insert(
        "description".into(),
        Value::from("Every public input and output shape of okrkit, by type name."),
    );
    root.insert("$defs".into(), Value::Object(defs));
    crate::json::to_string_pretty(&Value::Object(root))
}
