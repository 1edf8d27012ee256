//! Replays a generated ledger once, for profilers (`valgrind --tool=callgrind`,
//! `perf stat`): `ledger_replay N entries|jsonl|none`. The mode names what is
//! timed after generation: `Ledger::from_entries`, `Ledger::from_jsonl`, or
//! nothing (to subtract the generation's cost).
//!
//! `cargo run --release -p okrkit-benches --bin ledger_replay -- 100000 jsonl`

use okrkit::ledger::Ledger;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mode = args.next().unwrap_or_else(|| "jsonl".to_owned());
    let repeats: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let ledger = okrkit_benches::bench_ledger(n);
    let text = ledger.to_jsonl();
    let entries = ledger.entries().to_vec();
    drop(ledger);
    // Each replay from entries takes its own copy, made before the clock starts.
    let mut copies: Vec<_> = match mode.as_str() {
        "entries" => (0..repeats).map(|_| entries.clone()).collect(),
        _ => Vec::new(),
    };
    let t = Instant::now();
    let mut head = String::new();
    for _ in 0..repeats {
        head = match mode.as_str() {
            "entries" => Ledger::from_entries(black_box(copies.pop().unwrap_or_default()))
                .expect("verifies")
                .head()
                .to_owned(),
            "jsonl" => Ledger::from_jsonl(black_box(text.as_bytes()))
                .expect("verifies")
                .head()
                .to_owned(),
            _ => String::new(),
        };
    }
    let s = t.elapsed().as_secs_f64() / repeats as f64;
    eprintln!(
        "{mode} {n}: {s:.3} s, {:.0} entries/s, head {head}",
        n as f64 / s
    );
}
