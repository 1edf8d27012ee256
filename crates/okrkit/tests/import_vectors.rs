//! The shared import vectors (tests/vectors/import): each source's fixture,
//! written from the product's published field list, must give the expected
//! document exactly and the expected report (problems, field fates,
//! reconciliation).

mod common;

use common::{assert_subset, load_vectors, vectors_dir};
use okrkit::import::{Source, read_bytes, table::TableOptions};

#[test]
fn every_import_vector() {
    let vectors = load_vectors("import");
    assert!(vectors.len() >= 6, "expected a vector per source");
    for (name, v) in vectors {
        let source: Source = v["source"]
            .as_str()
            .expect("source")
            .parse()
            .expect("known source");
        let input = vectors_dir()
            .join("import")
            .join(v["input"].as_str().expect("input"));
        let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let opts: TableOptions = match v.get("options") {
            Some(o) => serde_json::from_value(o.clone()).expect("options"),
            None => TableOptions::default(),
        };
        let imported = read_bytes(source, &bytes, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
        let doc = serde_json::to_value(&imported.document).expect("document");
        assert_eq!(doc, v["expected_document"], "{name}: document");
        let report = serde_json::to_value(&imported.report).expect("report");
        assert_subset(&v["expected_report"], &report, &name);
    }
}

/// Every vector's problems make `into_document` fail with exactly them, and
/// a vector without problems loads and validates.
#[test]
fn problems_refuse_the_document() {
    for (name, v) in load_vectors("import") {
        let source: Source = v["source"]
            .as_str()
            .expect("source")
            .parse()
            .expect("source");
        let input = vectors_dir()
            .join("import")
            .join(v["input"].as_str().expect("input"));
        let bytes = std::fs::read(&input).expect("input");
        let opts: TableOptions = v
            .get("options")
            .map(|o| serde_json::from_value(o.clone()).expect("options"))
            .unwrap_or_default();
        let imported = read_bytes(source, &bytes, &opts).expect("reads");
        let n = imported.report.problems.len();
        match imported.into_document() {
            Ok(doc) => {
                assert_eq!(n, 0, "{name}");
                okrkit::Org::new(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            Err(e) => assert_eq!(e.problems().len(), n, "{name}"),
        }
    }
}
