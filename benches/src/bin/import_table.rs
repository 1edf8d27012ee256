//! Times the table importer on generated spreadsheets of N rows (one key
//! result per row, half as many distinct people as rows), to show it grows
//! linearly: `cargo run --release -p okrkit-benches --bin import_table -- 10000 100000`.
//!
//! Three layouts per size: okrkit's own CSV preset, a "messy" export
//! (`;` separator, renamed columns, decimal comma, thousands, `%` and `€`),
//! and a "wide header": N named columns over N short rows (csv's records
//! iterator once copied the header's width for every row, N² in all).
//! Prints one JSON object per size and layout.

use okrkit::import::table::{self, TableOptions};
use serde_json::json;
use std::fmt::Write;
use std::hint::black_box;
use std::time::Instant;

fn preset(n: usize) -> String {
    let mut s = String::with_capacity(n * 100);
    s.push_str("objective,objective_title,team,cycle,key_result,title,type,baseline,target,current,unit,weight,responsible,key_partner\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "o{},Objective {},t{},2026-Q1,kr{i},Key result {i},metric,{},{},{},%,1,p{},p{}",
            i / 4,
            i / 4,
            i / 100,
            i % 50,
            100 + i % 50,
            60 + i % 70,
            i / 2,
            i / 2 + 1
        );
    }
    s
}

fn messy(n: usize) -> String {
    let mut s = String::with_capacity(n * 110);
    s.push_str("Objective ID;Objective;Team;Period;KR ID;Key result;Kind;Start;Target;Now;Owner\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "o{};Objective {};t{};2026-Q1;kr{i};Key result {i};metric;{} %;1.{:03}.000 €;{},5 %;p{}",
            i / 4,
            i / 4,
            i / 100,
            i % 50,
            i % 1000,
            i % 90,
            i / 2
        );
    }
    s
}

/// A header of `n` columns (okrkit's own, then `extra{i}`), and `n` rows of
/// two cells each: every row is cut short, a problem at its row.
fn wide(n: usize) -> String {
    let mut s = String::from("objective,team,cycle,key_result,title,type,target");
    for i in 0..n {
        let _ = write!(s, ",extra{i}");
    }
    s.push('\n');
    for i in 0..n {
        let _ = writeln!(s, "o{i},t");
    }
    s
}

fn messy_options() -> TableOptions {
    TableOptions::from_json(
        r#"{"separator": ";", "decimal_comma": true, "thousands": ".", "currency": "€",
            "columns": {"objective": "Objective ID", "objective_title": "Objective", "team": "Team",
              "cycle": "Period", "key_result": "KR ID", "title": "Key result", "type": "Kind",
              "baseline": "Start", "target": "Target", "current": "Now", "responsible": "Owner"}}"#,
    )
    .expect("options")
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        for (layout, text, opts) in [
            ("okrkit preset", preset(n), TableOptions::default()),
            ("messy export", messy(n), messy_options()),
            ("wide header", wide(n), TableOptions::default()),
        ] {
            let mut best = f64::INFINITY;
            let mut people = 0;
            let mut problems = 0;
            for _ in 0..3 {
                let t = Instant::now();
                let imported = black_box(table::read_csv(&text, &opts).expect("reads"));
                best = best.min(t.elapsed().as_secs_f64());
                people = imported.document.people.len();
                problems = imported.report.problems.len();
            }
            println!(
                "{}",
                json!({"rows": n, "layout": layout, "people": people, "problems": problems,
                       "bytes": text.len(), "seconds": best,
                       "rows_per_second": (n as f64 / best).round()})
            );
        }
    }
}
