//! The README's `okrkit` commands, run as a user copies them, with the built
//! binary on `PATH`:
//!
//! - a block whose lines start with `$ ` shows what each command prints: the
//!   output must be those lines (a shown line ending in `…` is the start of
//!   the real one), with exit code 0;
//! - every other `sh`/`bash` block that calls `okrkit` (or `cargo run -q -p
//!   okrkit-cli --`) runs, in order, in a scratch folder holding the
//!   repository's `examples/`, and must exit 0 — lines of other tools
//!   (`cargo run -p okrkit-examples`, `bash scripts/…`) are left out; a block
//!   that names the user's own files is listed in `NOT_RUN` with the reason;
//! - the README's example document validates, and its mapping file is one the
//!   table import accepts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_okrkit");

/// Blocks not run, by their first `okrkit` line, and why.
const NOT_RUN: &[(&str, &str)] = &[(
    "okrkit import --from gitlab okrs.json",
    "names the user's own exports (okrs.json, viva-goals.csv)",
)];

/// Shell lines, besides `okrkit` itself, that a block may rely on.
const UTILITIES: &[&str] = &["head "];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Block {
    lang: String,
    /// 1-based line of the opening fence.
    line: usize,
    body: Vec<String>,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (k, line) in markdown.lines().enumerate() {
        match (open.take(), line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    lang: lang.trim().to_owned(),
                    line: k + 1,
                    body: Vec::new(),
                })
            }
            (Some(block), Some(_)) => out.push(block),
            (Some(mut block), None) => {
                block.body.push(line.to_owned());
                open = Some(block);
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README has an unclosed code block");
    out
}

fn readme_blocks() -> Vec<Block> {
    let text = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    blocks(&text)
}

fn is_shell(b: &Block) -> bool {
    b.lang == "sh" || b.lang == "bash"
}

/// A shell line of the README run through `sh`, with the built `okrkit`
/// first on `PATH`.
fn sh(script: &str, dir: &Path) -> Output {
    let bin_dir = Path::new(BIN).parent().expect("bin dir");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("sh runs")
}

/// A scratch folder with the repository's `examples/` in it, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("okrkit-readme-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        std::os::unix::fs::symlink(repo().join("examples"), dir.join("examples"))
            .expect("examples link");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `actual` is what the README shows as `shown`: equal, or, for a shown line
/// ending in `…`, starting with what comes before it.
fn line_matches(shown: &str, actual: &str) -> bool {
    match shown.strip_suffix('…') {
        Some(start) => actual.starts_with(start),
        None => shown == actual,
    }
}

/// Each `$ command` of a block with the lines it shows below it.
fn prompted(block: &Block) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in &block.body {
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push((cmd.to_owned(), Vec::new()));
        } else if let Some((_, shown)) = out.last_mut() {
            shown.push(line.clone());
        } else {
            panic!(
                "README line {}: a block with `$ ` prompts starts with output",
                block.line
            );
        }
    }
    out
}

fn check_shown(cmd: &str, shown: &[String], dir: &Path, at: usize) -> Result<(), String> {
    let out = sh(cmd, dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let actual: Vec<&str> = stdout.lines().collect();
    let mut errors = Vec::new();
    if out.status.code() != Some(0) {
        errors.push(format!(
            "exit {:?}, stderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if actual.len() != shown.len() {
        errors.push(format!(
            "{} lines printed, {} shown",
            actual.len(),
            shown.len()
        ));
    }
    for (k, (s, a)) in shown.iter().zip(&actual).enumerate() {
        if !line_matches(s, a) {
            errors.push(format!("line {}:\n  shown:   {s}\n  printed: {a}", k + 1));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "README block at line {at}, `$ {cmd}`:\n{}",
            errors.join("\n")
        ))
    }
}

#[test]
fn shown_output_is_what_the_commands_print() {
    let scratch = Scratch::new("shown");
    let mut checked = 0;
    let mut failures = Vec::new();
    let shown_blocks = readme_blocks()
        .into_iter()
        .filter(|b| is_shell(b) && b.body.iter().any(|l| l.starts_with("$ ")));
    for block in shown_blocks {
        for (cmd, shown) in prompted(&block) {
            checked += 1;
            if let Err(e) = check_shown(&cmd, &shown, &scratch.0, block.line) {
                failures.push(e);
            }
        }
    }
    assert!(checked >= 1, "no README block shows a command's output");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn shown_output_check_fails_on_a_changed_figure() {
    let scratch = Scratch::new("drift");
    let shown = vec!["output  0.97  Hire 3 engineers".to_owned()];
    let err = check_shown("okrkit classify 'Hire 3 engineers'", &shown, &scratch.0, 0)
        .expect_err("a changed confidence is caught");
    assert!(err.contains("shown:   output  0.97"), "{err}");
    assert!(line_matches("a b …", "a b c"));
    assert!(!line_matches("a b …", "a c"));
}

/// The `okrkit` line of the README as the installed command: the quick
/// start's `cargo run -q -p okrkit-cli --` is the same binary.
fn okrkit_line(line: &str) -> Option<String> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("cargo run -q -p okrkit-cli -- ") {
        return Some(format!("okrkit {rest}"));
    }
    line.starts_with("okrkit ").then(|| line.to_owned())
}

#[test]
fn every_okrkit_block_runs_as_written() {
    let mut ran = 0;
    let mut skipped = Vec::new();
    let mut failures = Vec::new();
    for block in readme_blocks().iter().filter(|b| is_shell(b)) {
        if block.body.iter().any(|l| l.starts_with("$ ")) {
            continue; // checked with its output above
        }
        let Some(first) = block.body.iter().find_map(|l| okrkit_line(l)) else {
            continue; // no okrkit command: another tool's block
        };
        if let Some((key, _why)) = NOT_RUN.iter().find(|(key, _)| first.starts_with(key)) {
            skipped.push(*key);
            continue;
        }
        let mut script = String::from("set -e\n");
        for line in &block.body {
            if let Some(cmd) = okrkit_line(line) {
                script.push_str(&cmd);
                script.push('\n');
            } else if UTILITIES.iter().any(|u| line.starts_with(u)) {
                script.push_str(line);
                script.push('\n');
            }
        }
        let scratch = Scratch::new(&format!("block{}", block.line));
        let out = sh(&script, &scratch.0);
        ran += 1;
        if !out.status.success() {
            failures.push(format!(
                "README block at line {} exits {:?}:\n{script}stderr: {}",
                block.line,
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    for (key, why) in NOT_RUN {
        assert!(
            skipped.contains(key),
            "NOT_RUN names a block the README no longer has: {key} ({why})"
        );
    }
    assert!(
        ran >= 4,
        "only {ran} README blocks with okrkit commands ran"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_example_document_validates_and_the_mapping_is_accepted() {
    let all = readme_blocks();
    let json: Vec<&Block> = all.iter().filter(|b| b.lang == "json").collect();
    let document = json
        .iter()
        .find(|b| b.body.iter().any(|l| l.contains("\"schema_version\"")))
        .expect("README shows a document");
    let mapping = json
        .iter()
        .find(|b| b.body.iter().any(|l| l.contains("\"columns\"")))
        .expect("README shows a table mapping");
    let scratch = Scratch::new("json");
    std::fs::write(scratch.0.join("doc.json"), document.body.join("\n")).expect("write");
    let out = sh("okrkit validate doc.json", &scratch.0);
    assert!(
        out.status.success(),
        "the README's document (line {}) does not validate:\n{}{}",
        document.line,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // A sheet with the mapping's columns, its separator, decimal comma,
    // thousands and currency: read without a problem.
    std::fs::write(scratch.0.join("mapping.json"), mapping.body.join("\n")).expect("write");
    std::fs::write(
        scratch.0.join("sheet.csv"),
        "Objective ID;Key result;key_result;team;cycle;Start;Target;Current\n\
         O1;Monthly revenue;kr1;sales;2026-Q1;1.200,5 €;2.000 €;1.500 €\n",
    )
    .expect("write");
    let out = sh(
        "okrkit import --from table sheet.csv --mapping mapping.json --report -o out.json",
        &scratch.0,
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the import report is JSON");
    assert_eq!(
        report["problems"],
        serde_json::json!([]),
        "the README's mapping (line {}) is not read cleanly: {}",
        mapping.line,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.0.join("out.json")).expect("out"))
            .expect("document");
    let measure = &doc["objectives"][0]["key_results"][0]["measure"];
    assert_eq!(measure["baseline"], 1200.5);
    assert_eq!(measure["target"], 2000.0);
    assert_eq!(measure["unit"], "€");
}
