// Throughput of the outcome/output classifier (R1), in statements per second.
//
//     cargo bench -p okrkit-benches --bench classify

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use okrkit::classify::{Classifier, StructureHint, classify};

/// A mix of key results, outcomes and outputs, short and long, written for
/// this benchmark.
const STATEMENTS: &[&str] = &[
    "Checkout conversion rate > 65%",
    "Avg. Customer Satisfaction Score > 8",
    "Build a tool to remind people of their shopping cart",
    "Integrate sign-in via Amazon",
    "Grow weekly active teams from 1,200 to 2,000",
    "Reduce p95 page load time from 3.2s to 1.5s",
    "Raise trial-to-paid conversion by 15%",
    "Keep monthly logo churn below 1.5%",
    "Maintain 99.9% uptime for the public API",
    "Net revenue retention at least 110%",
    "hire 3 engineers",
    "hold 5 interviews",
    "publish 10 posts",
    "Launch the partner portal",
    "Ship dark mode on iOS and Android",
    "Migrate the billing service to Kubernetes",
    "Run two pricing experiments",
    "Create an onboarding checklist for new hires",
    "Implement SSO for enterprise accounts",
    "Redesign the settings page",
    "Average handle time under 6 minutes",
    "Reach $3M in annual recurring revenue",
    "Employee engagement score of 4.2 or higher",
    "Zero critical incidents during the peak season",
    "Time to hire under 30 days",
    "Survey response rate above 40%",
    "Sign 25 new enterprise customers",
    "Double the number of paying customers",
    "Monthly active users reach 50,000",
    "Bounce rate 60% → 45%",
    "Set up alerting for the payment pipeline",
    "Roll out the new support playbook to all agents",
    "Organize a customer advisory board",
    "Complete the SOC 2 audit",
    "New pricing page is live",
    "Data warehouse migration completed by end of March",
    "A weekly release process in place",
    "Deliver 4 workshops for sales teams",
    "Improve customer satisfaction",
    "Cut cloud spend per customer by 20% without hurting p99 latency",
    "Increase the share of orders paid with saved cards from 35% to 50% in EMEA and APAC",
    "Write and publish the quarterly security report, then present it to the board",
    "Réduire le délai de livraison de 5 à 3 jours",
    "Lower mean time to recovery from 4 hours to 45 minutes",
    "Document the incident response runbook",
    "Improve activation rate (users who finish setup in their first session) from 22% to 35% by the end of Q3",
    "Train all support agents on the new refund policy",
    "Daily orders exceed 10k on weekends",
    "Increase NPS from 30 to 45",
    "Deploy monitoring",
];

fn bench(c: &mut Criterion) {
    let classifier = Classifier::default();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(STATEMENTS.len() as u64));
    group.bench_function("mix_of_50", |b| {
        b.iter(|| {
            for s in STATEMENTS {
                black_box(classifier.classify(black_box(s)));
            }
        })
    });
    group.bench_function("mix_of_50_with_structure", |b| {
        b.iter(|| {
            for s in STATEMENTS {
                black_box(classifier.classify_with(black_box(s), StructureHint::Metric));
            }
        })
    });
    group.bench_function("mix_of_50_shared_default", |b| {
        b.iter(|| {
            for s in STATEMENTS {
                black_box(classify(black_box(s)));
            }
        })
    });
    // What a batch call that reads only the kind costs (Python's
    // `classify_many`): no explanation built.
    group.bench_function("mix_of_50_kind_only", |b| {
        b.iter(|| {
            for s in STATEMENTS {
                black_box(classifier.kind_of(black_box(s), StructureHint::None));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
