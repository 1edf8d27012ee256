//! Any bytes as a spreadsheet, CSV text or an XLSX workbook, read by the
//! table reader with its default options: an error or an import, never a
//! panic, an abort or memory past libFuzzer's limit (4 GiB in the smoke run;
//! a workbook's grid and inflation are bounded, `okrkit::limits`). An import
//! that comes out validates or reports its problems.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = okrkit::import::table::read_bytes(data, &Default::default()) {
        let _ = okrkit::Org::new(imported.document);
    }
});
