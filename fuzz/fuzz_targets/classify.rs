//! Any text through the classifier: a kind, a confidence in [0, 1], no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let c = okrkit::classify::classify(&text);
    assert!(
        (0.0..=1.0).contains(&c.confidence),
        "confidence {}",
        c.confidence
    );
    for hint in [
        okrkit::classify::StructureHint::Metric,
        okrkit::classify::StructureHint::Threshold,
        okrkit::classify::StructureHint::Milestone,
    ] {
        let c = okrkit::classify::default_classifier().classify_with(&text, hint);
        assert!((0.0..=1.0).contains(&c.confidence));
    }
});
