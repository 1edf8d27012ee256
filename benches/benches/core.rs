//! Load + validate, progress roll-up, and scoring + health (issue 5), for the
//! organisation of issue 2:
//! 10,000 teams, 50,000 objectives, 200,000 key results, 2,000,000 check-ins.
//!
//! `cargo bench -p okrkit-benches --bench core`; the health of the last of
//! many cycles alone: `cargo bench -p okrkit-benches --bench core -- health_many`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use okrkit::generate::{GenerateOptions, generate};
use okrkit::{Org, ProgressOptions};
use std::hint::black_box;

fn options() -> GenerateOptions {
    let mut o = GenerateOptions::scaled(200_000);
    if let Ok(n) = std::env::var("OKRKIT_BENCH_KEY_RESULTS")
        && let Ok(n) = n.parse()
    {
        o = GenerateOptions::scaled(n);
    }
    o
}

fn load(c: &mut Criterion) {
    let doc = generate(&options());
    let json = doc.to_json().expect("generated documents are finite");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("parse_validate_index", |b| {
        b.iter(|| Org::from_json(black_box(&json)).expect("valid"))
    });
    group.finish();
}

fn rollup(c: &mut Criterion) {
    let org = Org::new(generate(&options())).expect("valid");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15).expect("date");
    let opts = {
        let mut o = ProgressOptions::default();
        o.as_of = Some(as_of);
        o
    };
    let mut group = c.benchmark_group("progress");
    group.sample_size(20);
    group.throughput(Throughput::Elements(org.key_result_count() as u64));
    group.bench_function("rollup_as_of_date", |b| {
        b.iter(|| org.progress(black_box(&opts)))
    });
    group.bench_function("columns_as_of_date", |b| {
        b.iter(|| org.progress_columns(black_box(&opts)))
    });
    group.finish();
}

fn score_health(c: &mut Criterion) {
    let org = Org::new(generate(&options())).expect("valid");
    let mut group = c.benchmark_group("score_health");
    group.sample_size(10);
    group.throughput(Throughput::Elements(org.key_result_count() as u64));
    group.bench_function("score_all_and_health_per_cycle", |b| {
        b.iter(|| {
            let scores = org.score_all();
            let health: Vec<_> = org
                .document()
                .cycles
                .iter()
                .map(|c| org.health(c.id.as_str(), &Default::default()))
                .collect();
            (scores, health)
        })
    });
    group.finish();
}

/// Health of the last cycle of an organisation of 20,000 key results and 20
/// teams spread over 50 or 200 cycles: its calibration rolls up every earlier cycle at its
/// close, which must cost one pass over the objectives, not one per cycle (the
/// time should not grow with the number of cycles).
fn health_many_cycles(c: &mut Criterion) {
    let mut group = c.benchmark_group("health_many_cycles");
    group.sample_size(10);
    for cycles in [50, 200] {
        let mut o = GenerateOptions::scaled(20_000);
        o.cycles = cycles;
        // 20 teams, so that the 5,000 objectives reach every cycle (the
        // generator fills cycles team by team).
        o.teams = 20;
        let org = Org::new(generate(&o)).expect("valid");
        let last = org.document().cycles.last().expect("cycles").id.clone();
        group.bench_function(format!("last_of_{cycles}_cycles"), |b| {
            b.iter(|| org.health(black_box(last.as_str()), &Default::default()))
        });
    }
    group.finish();
}

/// `calibrate` over 400 cycles' score reports of 50 teams each, the teams
/// renamed every cycle (20,000 teams in all, as in an organisation that
/// reorganises): the work must follow the 20,000 rows, not teams × reports.
fn calibrate_team_churn(c: &mut Criterion) {
    let reports: Vec<okrkit::score::ScoreReport> = (0..400)
        .map(|ci| {
            let teams: Vec<_> = (0..50)
                .map(|t| {
                    serde_json::json!({"team": format!("t{ci}-{t}"), "cycle": format!("c{ci}"),
                        "aspirational": 1.0, "committed": null, "objectives": 1})
                })
                .collect();
            serde_json::from_value(
                serde_json::json!({"cycle": format!("c{ci}"), "objectives": [], "teams": teams}),
            )
            .expect("a score report")
        })
        .collect();
    let mut group = c.benchmark_group("calibrate");
    group.sample_size(10);
    group.bench_function("team_churn_400_cycles", |b| {
        b.iter(|| okrkit::score::calibrate(black_box(&reports)))
    });
    group.finish();
}

criterion_group!(
    benches,
    load,
    rollup,
    score_health,
    health_many_cycles,
    calibrate_team_churn
);
criterion_main!(benches);
