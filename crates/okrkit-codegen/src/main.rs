//! okrkit-codegen: writes (or checks) the files generated from the core's shapes.
//!
//! ```text
//! cargo run -p okrkit-codegen -- write    # regenerate every file
//! cargo run -p okrkit-codegen -- check    # exit 1 naming each stale file
//! ```
//!
//! Generated: `crates/okrkit/schema/okrkit.schema.json` and
//! `ledger-queries.schema.json` and `org-queries.schema.json` (from `okrkit::schema`),
//! and from that schema `bindings/python/python/okrkit/enums.py`, `_types.py`
//! and `_ledger.py` (`okrkit.Ledger`: the native ledger plus its per-action
//! methods and its read-only queries (the core's `LedgerQuery`), and the
//! `Actor` type), and the Kotlin/Swift
//! binding's typed ledger methods (`bindings/ffi/src/actions.rs`) and ledger
//! queries (`bindings/ffi/src/ledger_queries.rs`), read operations
//! (`ledger_views.rs`, from the core's `LedgerView`), `Org` methods
//! (`bindings/ffi/src/org_queries.rs`, from the core's `OrgQuery`) and
//! `Classifier` methods (`classify_queries.rs`, from `ClassifyQuery`), and the Node binding's
//! ledger queries (`bindings/node/src/ledger_queries.rs`, and
//! `ledger_views.rs` from the core's `LedgerView`) and its organisation's,
//! progress reports' and classifier's (`bindings/node/src/org_queries.rs`,
//! `report_queries.rs`, `classify_queries.rs`, from the core's `OrgQuery`,
//! `ReportQuery` and `ClassifyQuery`), and from the Node binding's sources
//! the number of arguments of each of its native functions
//! (`bindings/node/arity.js`).

mod ffi;
mod node;
mod python;
mod schema;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every generated file: its path (from the repository root) and contents.
fn generated() -> Result<Vec<(&'static str, String)>, String> {
    let schema_text = okrkit::schema::json_schema() + "\n";
    let types = schema::read(&schema_text)?;
    let queries_text = okrkit::schema::ledger_queries_schema() + "\n";
    let queries = schema::queries(&queries_text)?;
    let views = schema::queries_of(&queries_text, "LedgerView", "ViewAnswer")?;
    let org_text = okrkit::schema::org_queries_schema() + "\n";
    let org_queries = schema::queries_of(&org_text, "OrgQuery", "OrgAnswer")?;
    let report_queries = schema::queries_of(&org_text, "ReportQuery", "ReportAnswer")?;
    let classify_queries = schema::queries_of(&org_text, "ClassifyQuery", "ClassifyAnswer")?;
    let instants = node::instant_keys(&[&schema_text, &queries_text, &org_text])?;
    let mut files = vec![
        ("crates/okrkit/schema/okrkit.schema.json", schema_text),
        (
            "crates/okrkit/schema/ledger-queries.schema.json",
            queries_text,
        ),
        ("crates/okrkit/schema/org-queries.schema.json", org_text),
        (
            "bindings/python/python/okrkit/enums.py",
            python::enums(&types),
        ),
        (
            "bindings/python/python/okrkit/_types.py",
            python::typed_dicts(&types),
        ),
        (
            "bindings/python/python/okrkit/__init__.py",
            python::init_exports(
                &types,
                &read_repo("bindings/python/python/okrkit/__init__.py")?,
            )?,
        ),
        (
            "bindings/python/python/okrkit/_ledger.py",
            python::ledger_actions(&types, &queries)?,
        ),
        ("bindings/ffi/src/actions.rs", ffi::ledger_actions(&types)?),
        (
            "bindings/ffi/src/ledger_queries.rs",
            ffi::ledger_queries(&queries)?,
        ),
        (
            "bindings/ffi/src/classify_queries.rs",
            ffi::classify_queries(&classify_queries)?,
        ),
        (
            "bindings/ffi/src/ledger_views.rs",
            ffi::ledger_views(&views)?,
        ),
        (
            "bindings/ffi/src/org_queries.rs",
            ffi::org_queries(&org_queries)?,
        ),
        (
            "bindings/node/src/ledger_queries.rs",
            node::ledger_queries(&queries, &types)?,
        ),
        (
            "bindings/node/src/ledger_views.rs",
            node::ledger_views(&views, &types, &instants)?,
        ),
        (
            "bindings/node/src/org_queries.rs",
            node::org_queries(&org_queries, &types, &instants)?,
        ),
        (
            "bindings/node/src/report_queries.rs",
            node::report_queries(&report_queries, &types)?,
        ),
        (
            "bindings/node/src/classify_queries.rs",
            node::classify_queries(&classify_queries, &types)?,
        ),
        (
            "bindings/node/src/instant_keys.rs",
            node::instant_keys_file(&instants),
        ),
    ];
    let arities = node::arities(&node_sources(&files)?)?;
    files.push(("bindings/node/arity.js", arities));
    Ok(files)
}

/// A file of the repository as it is on disk (a hand-written file with a
/// generated block).
fn read_repo(path: &str) -> Result<String, String> {
    std::fs::read_to_string(root().join(path)).map_err(|e| format!("{path}: {e}"))
}

/// Every `bindings/node/src/*.rs` by name, sorted: a generated one as this
/// run writes it, the others as they are on disk.
fn node_sources(files: &[(&str, String)]) -> Result<Vec<(String, String)>, String> {
    let dir = root().join("bindings/node/src");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("bindings/node/src: {e}"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = format!("bindings/node/src/{name}");
            let text = match files.iter().find(|(p, _)| *p == path) {
                Some((_, t)) => t.clone(),
                None => {
                    std::fs::read_to_string(dir.join(&name)).map_err(|e| format!("{path}: {e}"))?
                }
            };
            Ok((name, text))
        })
        .collect()
}

/// The paths of `files` whose committed contents differ from the generated.
fn stale<'a>(files: &[(&'a str, String)]) -> Vec<&'a str> {
    files
        .iter()
        .filter(|(path, text)| {
            std::fs::read_to_string(root().join(path)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(path, _)| *path)
        .collect()
}

fn main() -> ExitCode {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let files = match generated() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("okrkit-codegen: {e}");
            return ExitCode::FAILURE;
        }
    };
    match mode.trim_start_matches("--") {
        "write" => {
            for (path, text) in files {
                if let Err(e) = std::fs::write(root().join(path), text) {
                    eprintln!("okrkit-codegen: {path}: {e}");
                    return ExitCode::FAILURE;
                }
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        "check" => {
            let stale = stale(&files);
            if stale.is_empty() {
                println!("generated files are current ({})", files.len());
                return ExitCode::SUCCESS;
            }
            for path in stale {
                eprintln!("stale: {path}");
            }
            eprintln!("regenerate with: cargo run -p okrkit-codegen -- write");
            ExitCode::FAILURE
        }
        _ => {
            eprintln!("usage: okrkit-codegen write|check");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    /// `check` as a test, so that the workspace's `cargo test` (CI's first
    /// suite) fails on a stale generated file, with no build of its own.
    #[test]
    fn the_committed_generated_files_are_current() {
        let files = super::generated().unwrap();
        let stale = super::stale(&files);
        assert!(
            stale.is_empty(),
            "stale: {stale:?}; regenerate with: cargo run -p okrkit-codegen -- write"
        );
    }
}
