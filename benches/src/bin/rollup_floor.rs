//! What the progress report's shape alone costs, against the roll-up and the
//! plain scan of issue 18's target (`rollup_vs_scan` at most 3).
//!
//! `cargo run --release -p okrkit-benches --bin rollup_floor -- 100000`
//!
//! Times, in one process, on the organisation the suite generates (loaded
//! from its JSON text, as of 2026-02-15), each the best of `runs` runs:
//! - `progress_rollup`: `Org::progress`, the report built and dropped (as the
//!   suite times it);
//! - `check_in_column_scan`: the suite's reference (sum of the check-in
//!   values, latest time, over two plain columns);
//! - `report_shape`: the report's shape and nothing else — a row per key
//!   result in a `Vec` per objective and a row per objective, of the same
//!   field types and sizes as `KeyResultProgress` and `ObjectiveProgress`,
//!   the ids cloned from the document (so each key result of the document is
//!   read once) — built and dropped, with no check-in read and no
//!   arithmetic, no aligned children, team or cycle rows. No roll-up that
//!   returns these types can be faster than this floor.

use okrkit::generate::{GenerateOptions, generate};
use okrkit::progress::{KeyResultProgress, LeftOutReason, ObjectiveProgress, Pace, ValueSource};
use okrkit::{
    CycleId, KeyResultId, MeasureKind, ObjectiveId, ObjectiveType, Org, ProgressOptions, TeamId,
};
use okrkit_benches::best;
use serde_json::json;
use std::hint::black_box;

/// The fields of a `KeyResultProgress`, in a struct this crate can build.
#[allow(dead_code)]
struct KeyResultRow {
    key_result: KeyResultId,
    measure: MeasureKind,
    weight: f64,
    value: Option<f64>,
    value_source: ValueSource,
    attainment: Option<f64>,
    progress: Option<f64>,
    counted: bool,
    left_out: Option<LeftOutReason>,
}

/// The fields of an `ObjectiveProgress`, likewise. The `aligned` rows are
/// left empty here although about half the generated objectives of non-root
/// teams have aligned children, and the teams' and cycles' rows are not
/// built: the floor is, if anything, low.
#[allow(dead_code)]
struct ObjectiveRow {
    objective: ObjectiveId,
    team: TeamId,
    cycle: CycleId,
    kind: ObjectiveType,
    progress: Option<f64>,
    pace: Option<Pace>,
    counted: usize,
    left_out: usize,
    milestones_counted: bool,
    key_results: Vec<KeyResultRow>,
    aligned: Vec<[usize; 3]>,
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let org = {
        let text = generate(&GenerateOptions::scaled(n))
            .to_json()
            .expect("generated documents are finite");
        Org::from_json(&text).expect("valid")
    };
    let doc = org.document();
    let mut popts = ProgressOptions::default();
    popts.as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    let (times, values): (Vec<i64>, Vec<f64>) = doc
        .check_ins
        .iter()
        .map(|c| (c.at.timestamp_micros(), c.value))
        .unzip();
    let mut rollup_s = f64::INFINITY;
    let mut scan_s = f64::INFINITY;
    let mut shape_s = f64::INFINITY;
    // Alternated, so that the three see the same moments of a shared machine.
    for _ in 0..runs {
        rollup_s = rollup_s.min(best(1, || org.progress(&popts)));
        scan_s = scan_s.min(best(1, || {
            let (times, values) = (black_box(&times), black_box(&values));
            let sum: f64 = values.iter().sum();
            (sum, times.iter().copied().max())
        }));
        shape_s = shape_s.min(best(1, || {
            let mut rows = Vec::with_capacity(doc.objectives.len());
            for o in doc.objectives.iter() {
                let key_results: Vec<KeyResultRow> = o
                    .key_results
                    .iter()
                    .map(|kr| KeyResultRow {
                        key_result: kr.id.clone(),
                        measure: kr.measure.kind(),
                        weight: kr.weight,
                        value: None,
                        value_source: ValueSource::CheckIn,
                        attainment: None,
                        progress: None,
                        counted: true,
                        left_out: None,
                    })
                    .collect();
                rows.push(ObjectiveRow {
                    objective: o.id.clone(),
                    team: o.team.clone(),
                    cycle: o.cycle.clone(),
                    kind: o.kind,
                    progress: None,
                    pace: None,
                    counted: key_results.len(),
                    left_out: 0,
                    milestones_counted: false,
                    key_results,
                    aligned: Vec::new(),
                });
            }
            rows
        }));
    }
    let result = json!({
        "key_results": n,
        "check_ins": times.len(),
        "row_bytes": {
            "key_result": [std::mem::size_of::<KeyResultRow>(), std::mem::size_of::<KeyResultProgress>()],
            "objective": [std::mem::size_of::<ObjectiveRow>(), std::mem::size_of::<ObjectiveProgress>()],
        },
        "ops": {
            "progress_rollup": {"seconds": rollup_s},
            "check_in_column_scan": {"seconds": scan_s},
            "report_shape": {"seconds": shape_s},
        },
        "ratios": {
            "rollup_vs_scan": rollup_s / scan_s,
            "report_shape_vs_scan": shape_s / scan_s,
            "report_shape_vs_rollup": shape_s / rollup_s,
        },
    });
    println!("{result}");
}
