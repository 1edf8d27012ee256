//! Any bytes as a spreadsheet, CSV text or an XLSX workbook, read by the
//! table reader with its default options: an error or an import, never a
//! panic that reaches the caller, an abort or memory past libFuzzer's limit
//! (4 GiB in the smoke run; a workbook's grid and inflation are bounded,
//! `okrkit::limits`). An import that comes out validates or reports its
//! problems.
//!
//! calamine's cell-reference arithmetic overflows on hostile references and
//! panics under this build's overflow checks; the table reader catches that
//! panic and returns `parse_error` (`import::xlsx::sheet_rows`). libFuzzer's
//! panic hook aborts on any panic, caught or not, so the hook here lets a
//! panic raised inside calamine's own source unwind to that guard. Any other
//! panic still aborts, and so does one that escapes `read_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        let libfuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|at| at.file().contains("/calamine-"));
            if !in_calamine {
                libfuzzer(info);
            }
        }));
    });
    if let Ok(imported) = okrkit::import::table::read_bytes(data, &Default::default()) {
        let _ = okrkit::Org::new(imported.document);
    }
});
