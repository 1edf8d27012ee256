//! Any bytes as a JSON export of one of the tools okrkit imports (Asana,
//! GitLab, Quantive, Tability; the first byte picks which, the rest is the
//! file): an error or an import, never a panic, an abort or memory past
//! libFuzzer's limit. An import that comes out validates or reports its
//! problems. The corpus holds each source's vector input behind its byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okrkit::import::{Source, read_bytes};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let source = match pick % 4 {
        0 => Source::Asana,
        1 => Source::Gitlab,
        2 => Source::Quantive,
        _ => Source::Tability,
    };
    if let Ok(imported) = read_bytes(source, file, &Default::default()) {
        let _ = okrkit::Org::new(imported.document);
    }
});
