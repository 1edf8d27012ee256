// Classifier throughput in statements per second of CPU time on one core.
//
//     cargo run --release -p okrkit-examples --example classify_speed [ROUNDS]
//
// On a shared machine wall-clock benchmarks (criterion: `cargo bench -p
// okrkit-benches --bench classify`) measure the load as much as the code;
// this reads the thread's own CPU time (Linux: /proc/thread-self/schedstat)
// around ROUNDS passes (default 20,000) over the 20-statement mix in
// benches/data/classify_mix.txt, and prints both figures.

use std::hint::black_box;
use std::time::Instant;

use okrkit::classify::{Classifier, StructureHint};

/// The statement mix, one per line, shared with `benches/python/classify_kind.py`.
const MIX: &str = include_str!("../benches/data/classify_mix.txt");

/// CPU time of this thread, in nanoseconds (None off Linux).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn run(name: &str, rounds: usize, f: impl Fn(&str)) {
    let (c0, t0) = (cpu_ns(), Instant::now());
    for _ in 0..rounds {
        for s in MIX.lines() {
            f(black_box(s));
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let n = (rounds * MIX.lines().count()) as f64;
    match (c0, cpu_ns()) {
        (Some(a), Some(b)) => println!(
            "{name}: {:.0} statements/s of CPU time ({:.0} ns each); {:.0}/s wall clock",
            n / ((b - a) as f64 / 1e9),
            (b - a) as f64 / n,
            n / wall
        ),
        _ => println!("{name}: {:.0} statements/s wall clock", n / wall),
    }
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(20_000);
    let c = Classifier::default();
    run("classify (with explanation)", rounds, |s| {
        black_box(c.classify(s));
    });
    run("kind_of (kind and confidence)", rounds, |s| {
        black_box(c.kind_of(s, StructureHint::None));
    });
}
