//! Loads a generated document R times, for profilers (`valgrind
//! --tool=callgrind --toggle-collect='okrkit::org::Org::from_json'`, `perf
//! record`): `load_once N [R]`, N key results as the suite generates them
//! (ten check-ins each), the JSON text written once, then `Org::from_json`
//! R times (default 1), each organisation dropped before the next load.
//! With a third argument, the text is read from that file when it exists,
//! else generated and written there: `load_once N R FILE` run twice profiles
//! loading without the generation in the profile. A file that cannot be read
//! (other than missing), or whose document does not hold N key results, is
//! an error (exit status 1); it is never overwritten.
//!
//! `cargo run --release -p okrkit-benches --bin load_once -- 100000 5`

use okrkit::Org;
use okrkit::generate::{GenerateOptions, generate};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let file = args.next();
    let generated = || {
        generate(&GenerateOptions::scaled(n))
            .to_json()
            .expect("generated documents are finite")
    };
    let text = match &file {
        None => generated(),
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let text = generated();
                std::fs::write(path, &text).unwrap_or_else(|e| fail(path, e));
                text
            }
            Err(e) => fail(path, e),
        },
    };
    for _ in 0..runs {
        let t = Instant::now();
        let org = Org::from_json(black_box(&text)).expect("valid");
        let s = t.elapsed().as_secs_f64();
        if org.key_result_count() != n {
            let path = file.as_deref().unwrap_or_default();
            fail(
                path,
                format!("{} key results, not {n}", org.key_result_count()),
            );
        }
        eprintln!(
            "{n} key results, {} bytes: {s:.4} s, {:.0} MB/s",
            text.len(),
            text.len() as f64 / s / 1e6
        );
        drop(black_box(org));
    }
}

/// Reports a problem with the file `path` and exits with status 1.
fn fail(path: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("load_once: {path}: {e}");
    std::process::exit(1)
}
