//! Any text as a CSV export of key results: an error or a document, never a
//! panic; a document that comes out validates or reports its problems.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = okrkit::Document::from_csv_key_results(&text) {
        let _ = okrkit::Org::new(doc);
    }
});
