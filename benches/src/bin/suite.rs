//! One size of the benchmark suite, in its own process so that its peak memory
//! is its own: generates an organisation of N key results (with check-ins and
//! ledger entries in proportion), times each operation on one thread, prints
//! one JSON object. `scripts/bench.sh` runs it for every size and prints the table.
//!
//! `cargo run --release -p okrkit-benches --bin suite -- 100000 [load]`
//!
//! With `load`, only loading (parse + validate + index) is measured, from the
//! JSON text, and the peak memory is that of holding the text and the
//! organisation at once. With `ledger`, replay with verification of a ledger of
//! N entries (JSON Lines) over a 1,000-key-result organisation: mostly
//! check-ins, with renegotiations, initiatives and dependencies mixed in
//! ([`okrkit::generate::LedgerOptions::with_entries`]). Without a mode, the
//! other operations on an organisation generated in memory.

use okrkit::generate::{GenerateOptions, generate};
use okrkit::{Org, ProgressOptions};
use serde_json::json;
use std::hint::black_box;
use std::time::Instant;

/// Best wall time of `runs` runs, in seconds.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

/// Peak resident set size of this process, in bytes (Linux; 0 elsewhere).
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let runs = if n >= 1_000_000 {
        3
    } else if n >= 100_000 {
        5
    } else {
        20
    };
    let opts = GenerateOptions::scaled(n);
    if std::env::args().nth(2).as_deref() == Some("ledger") {
        let base = generate(&GenerateOptions::scaled(1_000));
        let ledger =
            okrkit::generate::ledger(&base, &okrkit::generate::LedgerOptions::with_entries(n))
                .expect("a valid organisation gives a valid ledger");
        let text = ledger.to_jsonl();
        drop((ledger, base));
        let ledger_s = best(runs.min(3), || {
            okrkit::ledger::Ledger::from_jsonl(text.as_bytes()).expect("verifies")
        });
        let result = json!({
            "key_results": n,
            "ledger_entries": n,
            "ledger_bytes": text.len(),
            "ops": {"ledger_replay_verify": {"seconds": ledger_s, "per_second": n as f64 / ledger_s, "unit": "entries"}},
            "peak_rss_bytes": peak_rss(),
        });
        println!("{result}");
        return;
    }
    if std::env::args().nth(2).as_deref() == Some("load") {
        let json_text = generate(&opts)
            .to_json()
            .expect("generated documents are finite");
        let bytes = json_text.len();
        let load_s = best(runs.min(3), || Org::from_json(&json_text).expect("valid"));
        let result = json!({
            "key_results": n,
            "document_bytes": bytes,
            "ops": {"load_validate": {"seconds": load_s, "per_second": bytes as f64 / load_s, "unit": "bytes"}},
            "peak_rss_bytes": peak_rss(),
        });
        println!("{result}");
        return;
    }
    let org = Org::new(generate(&opts)).expect("valid");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    let popts = {
        let mut o = ProgressOptions::default();
        o.as_of = as_of;
        o
    };
    let rollup_s = best(runs, || org.progress(&popts));
    let titles: Vec<&str> = org
        .document()
        .objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(|k| k.title.as_str()))
        .collect();
    let classifier = okrkit::classify::default_classifier();
    let classify_s = best(runs, || {
        titles
            .iter()
            .map(|t| classifier.classify(t).confidence)
            .sum::<f64>()
    });
    let lint_cfg = {
        let mut o = okrkit::lint::LintOptions::default();
        o.as_of = as_of;
        o
    };
    let lint_s = best(runs.min(5), || org.lint(&lint_cfg));
    let score_s = best(runs.min(5), || {
        let scores = org.score_all();
        let health: Vec<_> = org
            .document()
            .cycles
            .iter()
            .map(|c| org.health(c.id.as_str(), &Default::default()))
            .collect();
        (scores, health)
    });
    let result = json!({
        "key_results": n,
        "objectives": org.document().objectives.len(),
        "check_ins": org.document().check_ins.len(),
        "ops": {
            "progress_rollup": {"seconds": rollup_s, "per_second": n as f64 / rollup_s, "unit": "key results"},
            "classify": {"seconds": classify_s, "per_second": titles.len() as f64 / classify_s, "unit": "statements"},
            "lint": {"seconds": lint_s, "per_second": n as f64 / lint_s, "unit": "key results"},
            "score_health": {"seconds": score_s, "per_second": n as f64 / score_s, "unit": "key results"},
        },
        "peak_rss_bytes": peak_rss(),
    });
    println!("{result}");
}
