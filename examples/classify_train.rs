// Trains the outcome/output classifier (R1) and writes the model the crate
// embeds.
//
//     cargo run -p okrkit-examples --example classify_train [DATA]
//
// DATA defaults to <repo>/../shared/data/kr_dev.jsonl (labeled key results,
// kept outside the repository; <repo>/../../shared/… is tried too). Fits an L2-regularised logistic regression
// over the classifier's named features (okrkit::classify::train, Newton's
// method: deterministic; the L2 penalty chosen among train::L2_GRID by 5-fold
// cross-validation grouped by publisher, train::choose_l2) and writes
// crates/okrkit/src/classify/model/weights.tsv. The test
// `crates/okrkit/tests/classify_model.rs` checks that the embedded file is
// exactly what this writes.

use std::path::PathBuf;
use std::process::ExitCode;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `<repo>/../shared/data/kr_dev.jsonl` (CI's layout), or one level up
/// (a git worktree under a folder beside shared/).
fn default_data() -> PathBuf {
    let near = repo().join("../shared/data/kr_dev.jsonl");
    let far = repo().join("../../shared/data/kr_dev.jsonl");
    if !near.exists() && far.exists() {
        far
    } else {
        near
    }
}

fn main() -> ExitCode {
    let data = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(default_data);
    let Ok(text) = std::fs::read_to_string(&data) else {
        eprintln!("no training data at {}: nothing written", data.display());
        return ExitCode::from(2);
    };
    let (model, l2) = match okrkit::classify::train::train_jsonl_with_l2(&text) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}: {e}", data.display());
            return ExitCode::from(2);
        }
    };
    let out = repo().join("crates/okrkit/src/classify/model/weights.tsv");
    if let Err(e) = std::fs::write(&out, model.to_tsv()) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::from(1);
    }
    print!("{}", model.to_tsv());
    println!(
        "L2 penalty {l2} (chosen by {}-fold grouped cross-validation)",
        okrkit::classify::train::L2_FOLDS
    );
    println!("written to {}", out.display());
    ExitCode::SUCCESS
}
