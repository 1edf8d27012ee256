//! The core's types can be shared between threads (issue 9): an `Org`, its
//! reports and a `Ledger` are `Send + Sync`, and concurrent use gives the same
//! answers as sequential use.

use okrkit::ledger::Ledger;
use okrkit::{Org, ProgressOptions};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn core_types_are_send_and_sync() {
    assert_send_sync::<Org>();
    assert_send_sync::<okrkit::Document>();
    assert_send_sync::<okrkit::ProgressReport>();
    assert_send_sync::<okrkit::progress::ProgressColumns<&'static Org>>();
    assert_send_sync::<okrkit::progress::ProgressColumns<std::sync::Arc<Org>>>();
    assert_send_sync::<okrkit::lint::LintReport>();
    assert_send_sync::<okrkit::score::ScoreReport>();
    assert_send_sync::<okrkit::health::HealthReport>();
    assert_send_sync::<okrkit::classify::Classifier>();
    assert_send_sync::<Ledger>();
    assert_send_sync::<okrkit::Error>();
}

#[test]
fn threads_sharing_one_org_agree() {
    let org = Org::new(okrkit::generate::generate(
        &okrkit::generate::GenerateOptions::scaled(2_000),
    ))
    .expect("valid");
    let opts = {
        let mut o = ProgressOptions::default();
        o.as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
        o
    };
    let expected = serde_json::to_string(&org.progress(&opts).expect("progress")).expect("json");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    serde_json::to_string(&org.progress(&opts).expect("progress")).expect("json")
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("no panic"), expected);
        }
    });
}
