//! `okrkit import`: the document, the report and the exit codes.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_okrkit");

fn vector(name: &str) -> String {
    format!(
        "{}/../../tests/vectors/import/inputs/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("okrkit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn problems_exit_1_with_the_report() {
    let (code, out, err) = run(&[
        "import",
        "--from",
        "table",
        &vector("messy.xlsx"),
        "--mapping",
        &vector("messy.mapping.json"),
    ]);
    // That mapping is the CSV's: its `separator` does not apply to a
    // workbook, an error at the option (exit 2), never ignored.
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("separator"), "{err}");
    let (code, out, err) = run(&[
        "import",
        "--from",
        "tability",
        &vector("tability.input.json"),
        "--report",
    ]);
    assert_eq!(code, 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("report JSON");
    assert_eq!(report["problems"][0]["path"], "outcomes[3].outcome_type");
    assert!(err.contains("2 problems"));
}

#[test]
fn document_without_problems_exits_0() {
    let csv = std::env::temp_dir().join(format!("okrkit-import-{}.csv", std::process::id()));
    std::fs::write(
        &csv,
        "objective,team,cycle,key_result,title,type,baseline,target\no,t,2026-Q1,k,K,metric,0,10\n",
    )
    .expect("write");
    let (code, out, err) = run(&["import", "--from", "table", csv.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("document JSON");
    assert_eq!(doc["objectives"][0]["key_results"][0]["id"], "k");
    let _ = std::fs::remove_file(csv);
}

#[test]
fn unreadable_input_exits_2() {
    assert_eq!(
        run(&["import", "--from", "asana", "/nonexistent/goals.json"]).0,
        2
    );
    assert_eq!(
        run(&["import", "--from", "jira", &vector("asana.input.json")]).0,
        2
    );
    assert_eq!(
        run(&["import", "--from", "gitlab", &vector("messy.csv")]).0,
        2
    );
}
