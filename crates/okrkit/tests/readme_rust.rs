//! The README's Rust section is the doc-tested example of the model's
//! constructors (crates/okrkit/src/model/build.rs): the same code, so the
//! README cannot drift from what compiles.

fn rust_block(markdown: &str) -> String {
    let section = markdown
        .split("\n## Rust\n")
        .nth(1)
        .expect("README has a Rust section");
    let code = section.split("```rust\n").nth(1).expect("a rust block");
    code.split("```").next().expect("closed").trim().to_owned()
}

#[test]
fn readme_rust_section_is_the_doc_tested_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../../README.md")).expect("README");
    let src = std::fs::read_to_string(root.join("src/model/build.rs")).expect("build.rs");
    let doc: String = src
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let code = doc.split("```\n").nth(1).expect("a doc example");
    let code = code.split("```").next().expect("closed");
    let visible: Vec<&str> = code
        .lines()
        .filter(|l| !l.starts_with("# ") && *l != "#")
        .collect();
    assert_eq!(rust_block(&readme), visible.join("\n").trim());
}
