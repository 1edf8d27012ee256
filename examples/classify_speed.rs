// Classifier throughput in statements per second of CPU time on one core.
//
//     cargo run --release -p okrkit-examples --example classify_speed [ROUNDS]
//
// On a shared machine wall-clock benchmarks (criterion: `cargo bench -p
// okrkit-benches --bench classify`) measure the load as much as the code;
// this reads the thread's own CPU time (Linux: /proc/thread-self/schedstat)
// around ROUNDS passes (default 20,000) over the criterion mix of 50
// statements, and prints both figures.

use std::hint::black_box;
use std::time::Instant;

use okrkit::classify::{Classifier, StructureHint};

const STATEMENTS: &[&str] = &[
    "Checkout conversion rate > 65%",
    "Build a tool to remind people of their shopping cart",
    "Grow weekly active teams from 1,200 to 2,000",
    "Reduce p95 page load time from 3.2s to 1.5s",
    "hire 3 engineers",
    "Launch the partner portal",
    "Migrate the billing service to Kubernetes",
    "Average handle time under 6 minutes",
    "Zero critical incidents during the peak season",
    "New pricing page is live",
    "Undertake a supplier audit",
    "Make 40 sales calls a week",
    "8 of 10 trial users still active after 4 weeks",
    "The onboarding guide is written, reviewed and shared",
    "Increase the share of orders paid with saved cards from 35% to 50% in EMEA and APAC",
    "Improve activation rate (users who finish setup in their first session) from 22% to 35% by the end of Q3",
    "Write and publish the quarterly security report, then present it to the board",
    "Be great",
    "Daily orders exceed 10k on weekends",
    "Deploy monitoring",
];

/// CPU time of this thread, in nanoseconds (None off Linux).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn run(name: &str, rounds: usize, f: impl Fn(&str)) {
    let (c0, t0) = (cpu_ns(), Instant::now());
    for _ in 0..rounds {
        for s in STATEMENTS {
            f(black_box(s));
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let n = (rounds * STATEMENTS.len()) as f64;
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
