//! The embedded model is what the training command writes from the shared
//! labeled data (`<repo>/../shared/data/kr_dev.jsonl`); skipped, with a
//! message, where that data is absent.

use okrkit::classify::{Model, train};

const EMBEDDED: &str = include_str!("../src/classify/model/weights.tsv");

#[test]
fn embedded_model_is_the_trained_one() {
    // <repo>/../shared (CI), or one level up (a git worktree).
    let near = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/kr_dev.jsonl"
    );
    let far = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../../shared/data/kr_dev.jsonl"
    );
    let path = if std::path::Path::new(near).exists() {
        near
    } else {
        far
    };
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skipped: no training data at {near}; the embedded model is not re-derived");
        return;
    };
    let trained = train::train_jsonl(&data).expect("the data reads");
    assert_eq!(
        trained.to_tsv(),
        EMBEDDED,
        "the embedded model differs from what `cargo run -p okrkit-examples --example \
         classify_train` writes: run it and commit the model"
    );
}

#[test]
fn embedded_model_reads_and_has_weights() {
    let m = Model::from_tsv(EMBEDDED).expect("the embedded model reads");
    assert_eq!(&m, Model::embedded());
    assert_eq!(m.to_tsv(), EMBEDDED);
}

#[test]
fn a_bad_model_file_is_an_error_with_its_line() {
    let err = Model::from_tsv("bias\t0.1\nno_such_feature\t1.0\n").unwrap_err();
    assert!(err.to_string().contains("line 2"), "{err}");
    let err = Model::from_tsv("bias\tNaN\n").unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}
