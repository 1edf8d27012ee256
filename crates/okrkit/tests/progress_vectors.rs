//! Runs the shared progress vectors (`tests/vectors/progress/`), which every
//! binding runs too.

mod common;

use okrkit::{Document, Org, ProgressOptions};

#[test]
fn progress_vectors() {
    for (name, v) in common::load_vectors("progress") {
        let doc = Document::from_value(v["document"].clone())
            .unwrap_or_else(|e| panic!("{name}: document does not load: {e}"));
        let org = Org::new(doc).unwrap_or_else(|e| panic!("{name}: invalid: {e}"));
        let opts: ProgressOptions = serde_json::from_value(v["options"].clone())
            .unwrap_or_else(|e| panic!("{name}: bad options: {e}"));
        let report = org
            .progress(&opts)
            .unwrap_or_else(|e| panic!("{name}: progress: {e}"));
        let report = serde_json::to_value(report).expect("serialisable");
        common::assert_subset(&v["expected"], &report, &name);
    }
}
