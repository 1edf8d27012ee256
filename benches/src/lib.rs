//! okrkit's benchmarks: criterion benches in `benches/`, the per-size suite
//! driver in `src/bin/suite.rs` (run by `scripts/bench.sh`), and drivers for
//! instruction counting: ledger replay in `src/bin/ledger_replay.rs`, loading
//! a document in `src/bin/load_once.rs`; the first report tables of a fresh
//! organisation in `src/bin/fresh_tables.rs` (feature `arrow`).
//! The organisations and ledgers come from [`okrkit::generate`].

use okrkit::generate::{GenerateOptions, LedgerOptions, generate, ledger};
use okrkit::ledger::Ledger;
use std::hint::black_box;
use std::time::Instant;

/// Best wall time of `runs` runs (at least one), in seconds: what the suite
/// driver and `rollup_floor` report for each timing. The clock stops when
/// `f` returns: freeing its result (a loaded organisation, a replayed
/// ledger, a report) is not timed, as criterion's `iter_with_large_drop`
/// leaves it out; it is not part of loading, replaying or rolling up.
pub fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let result = black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
        drop(result);
    }
    best
}

/// Seconds to free `value` (its drop): what [`best`] leaves out, reported
/// beside the timings it leaves it out of.
pub fn free_time<T>(value: T) -> f64 {
    let t = Instant::now();
    drop(black_box(value));
    t.elapsed().as_secs_f64()
}

/// Wall times of `a` and `b` over `runs` rounds (at least one), in seconds:
/// what is measured and its reference, alternated so that both meet the
/// same moments of a shared machine. One untimed pair runs first (warm-up);
/// then even rounds time `a` then `b`, odd rounds `b` then `a`, so that
/// neither always runs first (after the other's caches and clock).
pub fn alternating<A, B>(
    runs: usize,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> Timings {
    black_box(a());
    black_box(b());
    let mut t = Timings::default();
    for round in 0..runs.max(1) {
        if round % 2 == 0 {
            t.a.push(best(1, &mut a));
            t.b.push(best(1, &mut b));
        } else {
            t.b.push(best(1, &mut b));
            t.a.push(best(1, &mut a));
        }
    }
    t
}

/// The rounds of [`alternating`], in seconds.
#[derive(Debug, Default)]
pub struct Timings {
    /// The first closure's times.
    pub a: Vec<f64>,
    /// The second closure's times.
    pub b: Vec<f64>,
}

/// The least of `times` (infinity when empty).
pub fn min(times: &[f64]) -> f64 {
    times.iter().copied().fold(f64::INFINITY, f64::min)
}

/// The median of `times` (the mean of the middle two for an even count).
pub fn median(times: &[f64]) -> f64 {
    let mut t = times.to_vec();
    t.sort_by(f64::total_cmp);
    let n = t.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => t[n / 2],
        _ => (t[n / 2 - 1] + t[n / 2]) / 2.0,
    }
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
