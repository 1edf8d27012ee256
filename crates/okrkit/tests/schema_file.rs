//! The committed JSON Schema (`crates/okrkit/schema/okrkit.schema.json`) is the
//! one the core generates: a shape changed in Rust without regenerating the file
//! (and the bindings' types generated from it) fails here.

const SCHEMA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/okrkit.schema.json");

#[test]
fn committed_schema_is_current() {
    let fresh = okrkit::schema::json_schema();
    let committed = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    assert!(
        committed.trim_end() == fresh.trim_end(),
        "{SCHEMA_FILE} is stale; regenerate it and the bindings' types with\n    \
         cargo run -p okrkit-codegen -- write"
    );
}

#[test]
fn schema_names_every_core_enum_the_bindings_mirror() {
    let schema: serde_json::Value = serde_json::from_str(&okrkit::schema::json_schema()).unwrap();
    let defs = schema["$defs"].as_object().unwrap();
    for name in [
        "Document",
        "ProgressOptions",
        "LintConfig",
        "HealthOptions",
        "ProgressReport",
        "LintReport",
        "ScoreReport",
        "HealthReport",
        "Entry",
        "Action",
        "Retrospective",
        "PaceStatus",
        "RuleCode",
        "ProblemCode",
        "RefusalCode",
    ] {
        assert!(defs.contains_key(name), "the schema has no {name}");
    }
    // No type is silently renamed `Foo2` because two types share a name.
    for name in defs.keys() {
        assert!(
            !name.ends_with(char::is_numeric),
            "ambiguous schema name {name}"
        );
    }
}
