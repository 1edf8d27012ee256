//! A deterministic generator of realistic organisations, for benchmarks and
//! for users who want to load-test their own deployment.
//!
//! The same [`GenerateOptions`] always give the same document, in every
//! version of okrkit and on every platform: the random numbers come from a
//! fixed, documented SplitMix64 sequence rather than a general-purpose RNG
//! crate whose algorithm may change between releases.
//!
//! [`generate`] builds a document; [`ledger`] builds a renegotiation ledger
//! for a document (its import, then check-ins, renegotiations, initiatives
//! and dependencies), to load-test ledger storage and replay.

mod ledger;
mod read;

pub use ledger::{LedgerOptions, ledger};
pub use read::LIMIT;

use crate::ids::*;
use crate::model::*;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Size and seed of a generated organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct GenerateOptions {
    /// Seed of the random sequence.
    pub seed: u64,
    /// Number of teams (a hierarchy about ten wide); at least 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub teams: usize,
    /// Number of objectives, spread over teams and cycles; at least 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub objectives: usize,
    /// Number of key results, spread over objectives.
    pub key_results: usize,
    /// Number of check-ins, spread over key results in time order.
    pub check_ins: usize,
    /// Number of quarterly cycles, starting 2026-01-01; at least 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub cycles: usize,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            seed: 42,
            teams: 10,
            objectives: 50,
            key_results: 200,
            check_ins: 2_000,
            cycles: 2,
        }
    }
}

impl GenerateOptions {
    /// An organisation with `key_results` key results and everything else in
    /// the proportions of the benchmarks (1 team : 5 objectives : 20 key results
    /// : 200 check-ins).
    ///
    /// ```
    /// let doc = okrkit::generate::generate(&okrkit::generate::GenerateOptions::scaled(1_000));
    /// assert_eq!(doc.check_ins.len(), 10_000);
    /// assert!(okrkit::Org::new(doc).is_ok());
    /// ```
    pub fn scaled(key_results: usize) -> Self {
        GenerateOptions {
            seed: 42,
            teams: (key_results / 20).max(1),
            objectives: (key_results / 4).max(1),
            key_results,
            check_ins: key_results * 10,
            cycles: 2,
        }
    }
}

/// SplitMix64: tiny, fast, and fixed forever.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const METRICS: &[(&str, f64, f64, &str)] = &[
    ("Checkout conversion rate", 55.0, 65.0, "%"),
    ("Net Promoter Score", 30.0, 45.0, "pts"),
    ("Weekly active teams", 1200.0, 1800.0, ""),
    ("p95 page load time", 2400.0, 1200.0, "ms"),
    ("Monthly churn", 4.0, 2.5, "%"),
    ("Customer satisfaction score", 7.1, 8.0, ""),
    ("Trial to paid conversion", 8.0, 12.0, "%"),
    ("Mean time to restore", 90.0, 30.0, "min"),
];

const OUTPUTS: &[&str] = &[
    "Build a cart reminder tool",
    "Launch the partner portal",
    "Hire 3 engineers",
    "Hold 5 customer interviews",
];

/// Generates a valid document. The options are not checked here (0 teams,
/// objectives or cycles make 1): [`GenerateOptions::check`] refuses them, as
/// every binding does.
pub fn generate(opts: &GenerateOptions) -> Document {
    let mut rng = SplitMix(opts.seed);
    let n_cycles = opts.cycles.max(1);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let cycles: Vec<Cycle> = (0..n_cycles)
        .map(|i| {
            let s = start + Duration::days(91 * i as i64);
            Cycle {
                id: CycleId::from(format!("c{i}")),
                name: format!("Cycle {}", i + 1),
                start: s,
                end: s + Duration::days(90),
            }
        })
        .collect();
    let n_teams = opts.teams.max(1);
    let teams: Vec<Team> = (0..n_teams)
        .map(|i| Team {
            id: TeamId::from(format!("t{i}")),
            name: format!("Team {i}"),
            parent: (i > 0).then(|| TeamId::from(format!("t{}", (i - 1) / 10))),
        })
        .collect();
    let people: Vec<Person> = (0..n_teams * 2)
        .map(|i| Person {
            id: PersonId::from(format!("p{i}")),
            name: format!("Person {i}"),
        })
        .collect();
    let n_obj = opts.objectives.max(1);
    let mut objectives: Vec<Objective> = (0..n_obj)
        .map(|i| {
            let team = i % n_teams;
            let cycle = (i / n_teams) % n_cycles;
            Objective {
                id: ObjectiveId::from(format!("o{i}")),
                title: format!("Objective {i} of team {team}"),
                team: TeamId::from(format!("t{team}")),
                cycle: CycleId::from(format!("c{cycle}")),
                kind: if rng.below(3) == 0 {
                    ObjectiveType::Committed
                } else {
                    ObjectiveType::Aspirational
                },
                aligned_to: None,
                visibility: Visibility::Public,
                key_results: Vec::new(),
            }
        })
        .collect();
    // Align some objectives to an objective of the parent team in the same cycle (no cycles possible:
    // parents have lower indexes).
    for (i, objective) in objectives.iter_mut().enumerate() {
        let team = i % n_teams;
        if team > 0 && rng.below(2) == 0 {
            let parent_team = (team - 1) / 10;
            let parent = i - team + parent_team;
            if parent < i {
                objective.aligned_to = Some(Alignment {
                    objective: ObjectiveId::from(format!("o{parent}")),
                    how: if rng.below(2) == 0 {
                        AlignmentKind::Cascaded
                    } else {
                        AlignmentKind::Laddered
                    },
                });
            }
        }
    }
    let mut kr_meta = Vec::with_capacity(opts.key_results);
    for k in 0..opts.key_results {
        let oi = k % n_obj;
        let team = oi % n_teams;
        let roll = rng.below(20);
        let (title, measure) = if roll < 16 {
            let (name, b, t, unit) = METRICS[rng.below(METRICS.len())];
            (
                format!("{name} from {b} to {t}{unit}"),
                Measure::Metric {
                    baseline: b,
                    target: t,
                    current: None,
                    unit: (!unit.is_empty()).then(|| unit.to_owned()),
                },
            )
        } else if roll < 18 {
            (
                "Availability stays at or above 99.9%".to_owned(),
                Measure::Threshold {
                    direction: ThresholdDirection::AtLeast,
                    bound: 99.9,
                    current: None,
                    unit: Some("%".into()),
                },
            )
        } else {
            (
                OUTPUTS[rng.below(OUTPUTS.len())].to_owned(),
                Measure::Milestone { done: false },
            )
        };
        kr_meta.push((oi, measure.clone()));
        objectives[oi].key_results.push(KeyResult {
            id: KeyResultId::from(format!("k{k}")),
            title,
            measure,
            weight: if rng.below(5) == 0 { 2.0 } else { 1.0 },
            responsible: Some(PersonId::from(format!("p{}", team * 2))),
            key_partner: (rng.below(2) == 0).then(|| PersonId::from(format!("p{}", team * 2 + 1))),
        });
    }
    let mut check_ins = Vec::with_capacity(opts.check_ins);
    let n_kr = opts.key_results;
    if let Some(per) = opts.check_ins.checked_div(n_kr) {
        let extra = opts.check_ins % n_kr;
        for (k, (oi, measure)) in kr_meta.iter().enumerate() {
            let n = per + usize::from(k < extra);
            let cycle = &cycles[(oi / n_teams) % n_cycles];
            let begin =
                Utc.from_utc_datetime(&cycle.start.and_hms_opt(9, 0, 0).unwrap_or_default());
            let span = cycle.days().max(1) * 86_400;
            for j in 0..n {
                let frac = (j + 1) as f64 / (n + 1) as f64;
                let value = match measure {
                    Measure::Metric {
                        baseline, target, ..
                    } => {
                        let drift = (rng.unit() - 0.3) * 0.4;
                        baseline + (target - baseline) * (frac + drift)
                    }
                    Measure::Threshold { bound, .. } => bound - 0.2 + rng.unit() * 0.3,
                    Measure::Milestone { .. } => f64::from(u8::from(frac > 0.8)),
                };
                check_ins.push(CheckIn {
                    key_result: KeyResultId::from(format!("k{k}")),
                    at: begin + Duration::seconds((span as f64 * frac) as i64),
                    value,
                    confidence: Some((rng.below(11)) as f64),
                    note: None,
                    author: None,
                });
            }
        }
    }
    Document {
        schema_version: SCHEMA_VERSION,
        cycles,
        teams,
        people,
        objectives,
        initiatives: Vec::new(),
        check_ins,
        personal_goals: Vec::new(),
    }
}

setters!(GenerateOptions {
    seed: u64,
    teams: usize,
    objectives: usize,
    key_results: usize,
    check_ins: usize,
    cycles: usize
});
