//! Replay with verification of a realistic ledger of 1,000,000 entries
//! (target: at least 1,000,000 entries a second on one core).
//!
//! The ledger is generated deterministically: 24 teams under one parent, 3
//! objectives of 3 key results each per team, every set proposed and agreed,
//! then mostly check-ins (with confidence, sometimes a note), about 1 in 400
//! entries a renegotiation (a target proposed by the owning team and accepted
//! by the parent), and a few initiatives and dependencies.
//!
//! Run: `cargo bench -p okrkit-benches --bench ledger`

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use okrkit::ledger::{Action, Actor, Change, Entry, Ledger};
use okrkit::{
    Cycle, Document, Initiative, InitiativeStatus, KeyResult, Measure, Objective, Person, Team,
};
use std::hint::black_box;

/// splitmix64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const TEAMS: usize = 24;

fn base_document() -> Document {
    let mut doc = Document::from_json(r#"{"schema_version": 1}"#).expect("empty document");
    doc.cycles.push(Cycle {
        id: "2026-Q1".into(),
        name: "Q1 2026".into(),
        start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        end: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).expect("date"),
    });
    doc.teams.push(Team {
        id: "company".into(),
        name: "Company".into(),
        parent: None,
    });
    doc.people.push(Person {
        id: "ceo".into(),
        name: "CEO".into(),
    });
    for t in 0..TEAMS {
        doc.teams.push(Team {
            id: format!("team-{t}").into(),
            name: format!("Team {t}"),
            parent: Some("company".into()),
        });
        doc.people.push(Person {
            id: format!("lead-{t}").into(),
            name: format!("Lead {t}"),
        });
        for o in 0..3 {
            doc.objectives.push(Objective {
                id: format!("o-{t}-{o}").into(),
                title: format!("Objective {o} of team {t}"),
                team: format!("team-{t}").into(),
                cycle: "2026-Q1".into(),
                kind: Default::default(),
                aligned_to: None,
                visibility: Default::default(),
                key_results: (0..3)
                    .map(|k| KeyResult {
                        id: format!("kr-{t}-{o}-{k}").into(),
                        title: format!("Metric {k} moves from 100 to 150"),
                        measure: Measure::Metric {
                            baseline: 100.0,
                            target: 150.0,
                            current: None,
                            unit: Some("%".into()),
                        },
                        weight: 1.0,
                        responsible: Some(format!("lead-{t}").into()),
                        key_partner: None,
                    })
                    .collect(),
            });
        }
    }
    doc
}

/// A valid ledger of `n` entries, the same every time.
fn generate(n: usize) -> Vec<Entry> {
    let mut rng = Rng(42);
    let mut ledger = Ledger::new();
    let mut at: DateTime<Utc> = "2026-01-01T08:00:00Z".parse().expect("time");
    let ceo = Actor::new("ceo", "company");
    let lead = |t: usize| Actor::new(format!("lead-{t}"), format!("team-{t}"));
    let push = |ledger: &mut Ledger, at: &mut DateTime<Utc>, actor: Actor, action: Action| {
        *at += Duration::seconds(1);
        ledger
            .append(*at, actor, action)
            .expect("generated entries are valid");
    };
    push(
        &mut ledger,
        &mut at,
        ceo.clone(),
        Action::import(base_document()),
    );
    for t in 0..TEAMS {
        let (team, cycle) = (format!("team-{t}"), "2026-Q1".to_string());
        push(
            &mut ledger,
            &mut at,
            lead(t),
            Action::ProposeSet {
                team: team.clone().into(),
                cycle: cycle.clone().into(),
                approver: None,
            },
        );
        push(
            &mut ledger,
            &mut at,
            ceo.clone(),
            Action::Agree {
                team: team.into(),
                cycle: cycle.into(),
            },
        );
    }
    let mut initiatives = 0;
    while ledger.len() < n {
        let t = rng.below(TEAMS as u64) as usize;
        let (o, k) = (rng.below(3), rng.below(3));
        let kr = format!("kr-{t}-{o}-{k}");
        let roll = rng.below(1000);
        if roll < 5 && ledger.len() + 2 <= n {
            let target = 120.0 + rng.below(80) as f64;
            let id = ledger
                .append(
                    at + Duration::seconds(1),
                    lead(t),
                    Action::ProposeChange {
                        change: Change::Target {
                            key_result: kr.into(),
                            target,
                        },
                        reason: "Re-planned after the mid-quarter review".into(),
                    },
                )
                .expect("valid proposal")
                .id
                .clone();
            at += Duration::seconds(1);
            push(
                &mut ledger,
                &mut at,
                ceo.clone(),
                Action::Accept { proposal: id },
            );
        } else if roll < 7 {
            initiatives += 1;
            push(
                &mut ledger,
                &mut at,
                lead(t),
                Action::StartInitiative {
                    initiative: Box::new(Initiative {
                        id: format!("i-{initiatives}").into(),
                        title: "Try a hypothesis".into(),
                        team: format!("team-{t}").into(),
                        key_results: vec![kr.into()],
                        status: InitiativeStatus::Active,
                    }),
                },
            );
        } else if roll < 8 {
            push(
                &mut ledger,
                &mut at,
                lead(t),
                Action::RequestDependency {
                    to: format!("team-{}", (t + 1) % TEAMS).into(),
                    help: "An API for our checkout".into(),
                    objective: format!("o-{t}-{o}").into(),
                    key_result: None,
                },
            );
        } else {
            let value = 100.0 + rng.below(6000) as f64 / 100.0;
            let note = if roll % 10 == 0 {
                Some("Weekly check-in after the release".to_string())
            } else {
                None
            };
            push(
                &mut ledger,
                &mut at,
                lead(t),
                Action::CheckIn {
                    key_result: kr.into(),
                    value,
                    confidence: Some(rng.below(11) as f64),
                    note,
                },
            );
        }
    }
    ledger.entries().to_vec()
}

fn bench(c: &mut Criterion) {
    let n = std::env::var("LEDGER_BENCH_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let entries = generate(n);
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
