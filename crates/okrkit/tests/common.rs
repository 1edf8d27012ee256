//! Helpers shared by the integration tests: reading the shared vectors in
//! `tests/vectors/` and comparing results with them.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository's `tests/vectors` folder.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

/// Every `*.json` vector in a sub-folder, sorted by name, as (name, value).
pub fn load_vectors(sub: &str) -> Vec<(String, Value)> {
    let dir = vectors_dir().join(sub);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vectors in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable vector");
            let name = p
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (name, serde_json::from_str(&text).expect("vector is JSON"))
        })
        .collect()
}

/// Asserts that every field of `expected` is in `actual` with the same value
/// (numbers compared as f64, to the last bit; arrays element by element and of
/// equal length). Fields of `actual` not named in `expected` are not checked.
pub fn assert_subset(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in actual {actual}"));
                assert_subset(ev, av, &format!("{path}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(
                e.len(),
                a.len(),
                "{path}: array length differs: actual {actual}"
            );
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_subset(ev, av, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().expect("f64"), a.as_f64().expect("f64"));
            assert!(
                e.to_bits() == a.to_bits(),
                "{path}: expected {e:?}, got {a:?}"
            );
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}
