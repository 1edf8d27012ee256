//! okrkit's benchmarks: criterion benches in `benches/`, the per-size suite
//! driver in `src/bin/suite.rs` (run by `scripts/bench.sh`), and drivers for
//! instruction counting: ledger replay in `src/bin/ledger_replay.rs`, loading
//! a document in `src/bin/load_once.rs`.
//! The organisations and ledgers come from [`okrkit::generate`].

use okrkit::generate::{GenerateOptions, LedgerOptions, generate, ledger};
use okrkit::ledger::Ledger;
use std::hint::black_box;
use std::time::Instant;

/// Best wall time of `runs` runs (at least one), in seconds: what the suite
/// driver and `rollup_floor` report for each timing.
pub fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

/// The ledger the ledger benchmarks measure: `n` valid entries over a
/// 25-team, 225-key-result organisation, the same every time (seed 42), so
/// the criterion bench, the checkpoint driver and the replay driver time the
/// same data.
pub fn bench_ledger(n: usize) -> Ledger {
    let doc = generate(&{
        let mut o = GenerateOptions::default();
        o.seed = 42;
        o.teams = 25;
        o.objectives = 75;
        o.key_results = 225;
        o.check_ins = 0;
        o.cycles = 1;
        o
    });
    ledger(&doc, &LedgerOptions::with_entries(n)).expect("generated entries are valid")
}
