//! Replay with verification of a realistic ledger of 1,000,000 entries
//! (target: at least 1,000,000 entries a second on one core).
//!
//! The ledger comes from [`okrkit::generate::ledger`] with its default mix,
//! on a generated organisation of 25 teams (one root and its children), 75
//! objectives and 225 key results in one cycle: the import (every set of a
//! non-root team agreed), then mostly check-ins (with confidence, one in ten
//! with a note), about 1 in 200 entries part of a renegotiation (a target
//! proposed by the owning team and accepted by the parent), and a few
//! initiatives and dependencies.
//!
//! Run: `cargo bench -p okrkit-benches --bench ledger`

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use okrkit::ledger::{Entry, Ledger};
use std::hint::black_box;

/// A valid ledger of `n` entries, the same every time.
fn entries(n: usize) -> Vec<Entry> {
    okrkit_benches::bench_ledger(n).entries().to_vec()
}

fn bench(c: &mut Criterion) {
    let n = std::env::var("LEDGER_BENCH_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let entries = entries(n);
    let jsonl = Ledger::from_entries(entries.clone())
        .expect("valid")
        .to_jsonl();
    let mut g = c.benchmark_group("ledger");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("replay_with_verification/{n}"), |b| {
        b.iter_batched(
            || entries.clone(),
            |e| Ledger::from_entries(black_box(e)).expect("verifies"),
            BatchSize::LargeInput,
        )
    });
    g.bench_function(format!("verify/{n}"), |b| {
        b.iter(|| okrkit::ledger::verify(black_box(&entries)).expect("verifies"))
    });
    g.bench_function(format!("from_jsonl/{n}"), |b| {
        b.iter(|| Ledger::from_jsonl(black_box(jsonl.as_bytes())).expect("verifies"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
