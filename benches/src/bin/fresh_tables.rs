//! What the first report tables of a freshly loaded organisation cost
//! (issue 18's "fresh org" frames): the four progress tables in the views
//! layout (what Python's `to_polars` / `to_pandas` hand over), on an org
//! with no text columns yet and then again, warm, against the native
//! roll-up, all in Rust.
//!
//! `cargo run --release -p okrkit-benches --features arrow --bin fresh_tables -- 1000000 [rounds]`
//!
//! Each round clones the loaded org (a clone has no text columns yet) and
//! times, in turn, the first objectives table (it builds the cycles',
//! teams' and objectives' text columns), the first key results table (it
//! builds the key results' columns and gathers the per-key-result
//! columns once), teams and cycles, then the four again (warm). Prints one
//! JSON object: each figure's best and worst over the rounds, the native
//! roll-up's best, and `text_columns_memory`; and, as a floor for the fresh
//! figure, the best time to allocate and write that many new bytes
//! (`fresh_pages_s`: what the kernel's fresh pages cost alone) added to the
//! warm tables' (`warm_tables_and_fresh_pages_vs_rollup`).

use okrkit::generate::{GenerateOptions, generate};
use okrkit::table::{TextLayout, from_columns as fc};
use okrkit::{Org, ProgressOptions};
use okrkit_benches::best;
use serde_json::json;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let org = Org::new(generate(&GenerateOptions::scaled(n))).expect("valid");
    let mut popts = ProgressOptions::default();
    popts.as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    let rollup_s = best(rounds, || org.progress(&popts));
    // Seconds of [objectives, key_results, teams + cycles] per round, fresh then warm.
    let (mut fresh, mut warm) = (Vec::new(), Vec::new());
    let mut memory = 0;
    for _ in 0..rounds.max(1) {
        let org = org.clone();
        let columns = org.progress_columns(&popts).expect("progress");
        for out in [&mut fresh, &mut warm] {
            let t = Instant::now();
            let a = fc::objectives(&columns, TextLayout::Views);
            let objectives = t.elapsed().as_secs_f64();
            let b = fc::key_results(&columns, TextLayout::Views);
            let key_results = t.elapsed().as_secs_f64() - objectives;
            let c = (
                fc::teams(&columns, TextLayout::Views),
                fc::cycles(&columns, TextLayout::Views),
            );
            let all = t.elapsed().as_secs_f64();
            out.push([objectives, key_results, all - objectives - key_results, all]);
            drop((a, b, c));
        }
        memory = org.text_columns_memory();
    }
    let range = |v: &[[f64; 4]], i: usize| {
        let x = v.iter().map(|r| r[i]);
        json!([
            x.clone().fold(f64::INFINITY, f64::min),
            x.fold(0.0, f64::max)
        ])
    };
    let part = |v: &[[f64; 4]]| {
        json!({
            "objectives_s": range(v, 0), "key_results_s": range(v, 1),
            "teams_cycles_s": range(v, 2), "four_tables_s": range(v, 3),
        })
    };
    let best_of = |v: &[[f64; 4]]| v.iter().map(|r| r[3]).fold(f64::INFINITY, f64::min);
    // What the fresh pages alone cost: as many new bytes as the text columns
    // hold, allocated and written once (each round a new allocation, which
    // the allocator maps fresh at this size, as it does the columns').
    let pages_s = best(rounds, || {
        let mut v: Vec<u8> = Vec::with_capacity(memory);
        v.resize(memory, 1);
        std::hint::black_box(v)
    });
    println!(
        "{}",
        json!({
            "key_results": n,
            "rounds": rounds,
            "rollup_s": rollup_s,
            "fresh": part(&fresh),
            "warm": part(&warm),
            "ratios": {
                "fresh_tables_vs_rollup": best_of(&fresh) / rollup_s,
                "warm_tables_vs_rollup": best_of(&warm) / rollup_s,
                "warm_tables_and_fresh_pages_vs_rollup": (best_of(&warm) + pages_s) / rollup_s,
            },
            "fresh_pages_s": pages_s,
            "text_columns_memory_bytes": memory,
        })
    );
}
