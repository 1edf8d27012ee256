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
//! ([`okrkit::generate::LedgerOptions::with_entries`]). With `tables`, the
//! roll-up and the building of its four report tables, from the row report
//! and from the columnar roll-up. Without a mode, the
//! other operations on an organisation loaded from its JSON text (the text is
//! dropped before anything is timed).
//!
//! A timing stops when the operation returns: freeing its result is not part
//! of it (`okrkit_benches::best`, as criterion's `iter_with_large_drop`);
//! `load` and `ledger` report that time apart (`free_org`, `free_ledger`).
//!
//! Every mode also times a reference in the same process, so that the targets
//! of issue 18 are ratios that do not depend on the machine:
//! - `load`: `serde_json::from_slice::<IgnoredAny>` over the same bytes (a
//!   parse that builds nothing): `load_vs_ignored_any` is okrkit's throughput
//!   as a fraction of it (target: at least 0.5);
//! - `ledger`: SHA-256 (`sha2`) over the same JSON Lines bytes:
//!   `ledger_vs_sha256` is replay+verify time over hashing time (target: at
//!   most 3), both the best of the same rounds, replay and hash alternated
//!   (`ledger_vs_sha256_median`: the median of each round's ratio);
//! - default: a plain scan of the check-in time and value columns (sum of the
//!   values, latest time), the columns built once beforehand:
//!   `rollup_vs_scan` is the roll-up's time over the scan's (target: at most
//!   3), `rollup_columns_vs_scan` the same for the columnar roll-up
//!   (`Org::progress_columns`); and the resident memory of the loaded organisation, then with every
//!   report alive, over the size of its JSON text (`rss_org_vs_text`,
//!   target at most 0.5; `rss_reports_vs_text`, target at most 0.8), with
//!   what each report adds in turn (`rss_each_report`, bytes: progress,
//!   lint, `score_all`, every cycle's health).

use okrkit::generate::{GenerateOptions, generate};
use okrkit::{Org, ProgressOptions};
use okrkit_benches::best;
use serde_json::json;
use std::hint::black_box;

/// Peak resident set size of this process, in bytes (Linux; 0 elsewhere).
fn peak_rss() -> u64 {
    status_bytes("VmHWM:")
}

/// Resident set size of this process now, in bytes (Linux; 0 elsewhere).
fn rss() -> u64 {
    status_bytes("VmRSS:")
}

/// A size field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
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
        // Replay and reference in alternation, the same number of rounds
        // each: both meet the same moments of a shared machine (timed one
        // after the other, a slow or fast spell fell on one side only and
        // moved the ratio). The ratio is of the best times, as before; the
        // median of each round's ratio (replay and hash a moment apart)
        // is the steadier figure on a loaded machine.
        let t = okrkit_benches::alternating(
            runs,
            || okrkit::ledger::Ledger::from_jsonl(text.as_bytes()).expect("verifies"),
            || {
                use sha2::Digest;
                sha2::Sha256::digest(black_box(text.as_bytes()))
            },
        );
        let (ledger_s, sha_s) = (okrkit_benches::min(&t.a), okrkit_benches::min(&t.b));
        let free_s = okrkit_benches::free_time(
            okrkit::ledger::Ledger::from_jsonl(text.as_bytes()).expect("verifies"),
        );
        let ratios: Vec<f64> = t.a.iter().zip(&t.b).map(|(a, b)| a / b).collect();
        let median_ratio = okrkit_benches::median(&ratios);
        let result = json!({
            "key_results": n,
            "ledger_entries": n,
            "ledger_bytes": text.len(),
            "ops": {
                "ledger_replay_verify": {"seconds": ledger_s, "per_second": n as f64 / ledger_s, "unit": "entries"},
                "sha256_same_bytes": {"seconds": sha_s, "per_second": text.len() as f64 / sha_s, "unit": "bytes"},
                "free_ledger": {"seconds": free_s},
            },
            "ratios": {"ledger_vs_sha256": ledger_s / sha_s, "ledger_vs_sha256_median": median_ratio},
            "rounds": t.a.len(),
            "peak_rss_bytes": peak_rss(),
        });
        println!("{result}");
        return;
    }
    if std::env::args().nth(2).as_deref() == Some("tables") {
        // The roll-up, then its four report tables (what Python's `to_polars`
        // of every progress table builds before handing Arrow columns over).
        let org = Org::new(generate(&opts)).expect("valid");
        let mut popts = ProgressOptions::default();
        popts.as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
        let rollup_s = best(runs, || org.progress(&popts));
        let report = org.progress(&popts).expect("progress");
        let tables_s = best(runs, || {
            use okrkit::table::progress as t;
            (
                t::objectives(&org, &report),
                t::key_results(&org, &report),
                t::teams(&org, &report),
                t::cycles(&org, &report),
            )
        });
        // The same four tables from the columnar roll-up (what the bindings'
        // report handles hold), against the same native roll-up.
        let columns = org.progress_columns(&popts).expect("progress");
        let from_columns_s = best(runs, || {
            use okrkit::table::select::progress_columns as t;
            okrkit::table::select::PROGRESS
                .iter()
                .map(|name| t(&columns, Some(name)).expect("table"))
                .collect::<Vec<_>>()
        });
        let columns_rollup_s = best(runs, || org.progress_columns(&popts));
        let result = json!({
            "key_results": n,
            "ops": {
                "progress_rollup": {"seconds": rollup_s, "per_second": n as f64 / rollup_s, "unit": "key results"},
                "progress_tables": {"seconds": tables_s, "per_second": n as f64 / tables_s, "unit": "key results"},
                "progress_columns_rollup": {"seconds": columns_rollup_s, "per_second": n as f64 / columns_rollup_s, "unit": "key results"},
                "progress_tables_from_columns": {"seconds": from_columns_s, "per_second": n as f64 / from_columns_s, "unit": "key results"},
            },
            "ratios": {
                "progress_tables_vs_rollup": tables_s / rollup_s,
                "progress_tables_from_columns_vs_rollup": from_columns_s / rollup_s,
            },
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
        let parse_s = best(runs.min(3), || {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(json_text.as_bytes()))
                .expect("valid JSON")
        });
        let free_s = okrkit_benches::free_time(Org::from_json(&json_text).expect("valid"));
        let result = json!({
            "key_results": n,
            "document_bytes": bytes,
            "ops": {
                "load_validate": {"seconds": load_s, "per_second": bytes as f64 / load_s, "unit": "bytes"},
                "ignored_any_same_bytes": {"seconds": parse_s, "per_second": bytes as f64 / parse_s, "unit": "bytes"},
                "free_org": {"seconds": free_s},
            },
            "ratios": {"load_vs_ignored_any": parse_s / load_s},
            "peak_rss_bytes": peak_rss(),
        });
        println!("{result}");
        return;
    }
    let (org, text_bytes) = {
        let text = generate(&opts)
            .to_json()
            .expect("generated documents are finite");
        (Org::from_json(&text).expect("valid"), text.len())
    };
    let rss_org = rss();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    let popts = {
        let mut o = ProgressOptions::default();
        o.as_of = as_of;
        o
    };
    let lint_cfg = {
        let mut o = okrkit::lint::LintOptions::default();
        o.as_of = as_of;
        o
    };
    // Every report alive at once, for the memory with reports (before any
    // timing, so that the allocator holds no garbage of earlier runs).
    // Each report is built in turn and the resident memory read after it,
    // so that `rss_each_report` says what each one adds.
    let progress = org.progress(&popts);
    let rss_progress = rss();
    let lint = org.lint(&lint_cfg);
    let rss_lint = rss();
    let scores = org.score_all();
    let rss_scores = rss();
    let health = org
        .document()
        .cycles
        .iter()
        .map(|c| org.health(c.id.as_str(), &Default::default()))
        .collect::<Vec<_>>();
    let rss_reports = rss();
    let rss_each_report = json!({
        "progress": rss_progress.saturating_sub(rss_org),
        "lint": rss_lint.saturating_sub(rss_progress),
        "score_all": rss_scores.saturating_sub(rss_lint),
        "health": rss_reports.saturating_sub(rss_scores),
    });
    let reports = (progress, lint, scores, health);
    drop(reports);
    // The reference: the check-in times and values as two plain columns,
    // scanned once (sum of the values, latest time).
    let (times, values): (Vec<i64>, Vec<f64>) = org
        .document()
        .check_ins
        .iter()
        .map(|c| (c.at.timestamp_micros(), c.value))
        .unzip();
    let rollup_s = best(runs, || org.progress(&popts));
    let columns_s = best(runs, || org.progress_columns(&popts));
    let scan_s = best(runs, || {
        let (times, values) = (black_box(&times), black_box(&values));
        let sum: f64 = values.iter().sum();
        let latest = times.iter().copied().max();
        (sum, latest)
    });
    drop((times, values));
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
        "document_bytes": text_bytes,
        "objectives": org.document().objectives.len(),
        "check_ins": org.document().check_ins.len(),
        "ops": {
            "progress_rollup": {"seconds": rollup_s, "per_second": n as f64 / rollup_s, "unit": "key results"},
            "progress_columns": {"seconds": columns_s, "per_second": n as f64 / columns_s, "unit": "key results"},
            "classify": {"seconds": classify_s, "per_second": titles.len() as f64 / classify_s, "unit": "statements"},
            "lint": {"seconds": lint_s, "per_second": n as f64 / lint_s, "unit": "key results"},
            "score_health": {"seconds": score_s, "per_second": n as f64 / score_s, "unit": "key results"},
            "check_in_column_scan": {"seconds": scan_s, "per_second": org.document().check_ins.len() as f64 / scan_s, "unit": "check-ins"},
        },
        "ratios": {
            "rollup_vs_scan": rollup_s / scan_s,
            "rollup_columns_vs_scan": columns_s / scan_s,
            "rss_org_vs_text": rss_org as f64 / text_bytes as f64,
            "rss_reports_vs_text": rss_reports as f64 / text_bytes as f64,
        },
        "rss_org_bytes": rss_org,
        "rss_reports_bytes": rss_reports,
        "rss_each_report": rss_each_report,
        "peak_rss_bytes": peak_rss(),
    });
    println!("{result}");
}
