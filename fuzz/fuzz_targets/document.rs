//! Any bytes as a document: loading, validation and every computation on a
//! document that loads must return, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okrkit::{Document, Org, ProgressOptions};

fuzz_target!(|data: &[u8]| {
    // `Org::from_slice` reads the check-ins straight into rows: it must give
    // the same organisation, or the same error, as the two steps.
    let direct = Org::from_slice(data).map(|o| o.to_json());
    let two_steps = Document::from_slice(data).and_then(|d| Org::new(d).map(|o| o.to_json()));
    assert_eq!(format!("{direct:?}"), format!("{two_steps:?}"));
    let Ok(doc) = Document::from_slice(data) else {
        return;
    };
    let _ = okrkit::validate(&doc);
    let _ = okrkit::lint::lint(&doc, &okrkit::lint::LintOptions::default());
    let Ok(org) = Org::new(doc.clone()) else {
        return;
    };
    // The organisation holds its check-ins as columns: it gives the very
    // document back, check-ins in their order, each exactly as read.
    assert_eq!(org.document(), doc);
    // As text too: `==` on numbers cannot tell -0.0 from 0.0.
    assert_eq!(
        org.to_json().expect("a valid org writes"),
        doc.to_json().expect("a valid document writes")
    );
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    for as_of in [None, date] {
        // Every finite number the rules produce stays finite (no overflow).
        let report = org
            .progress(&{
                let mut o = ProgressOptions::default();
                o.as_of = as_of;
                o
            })
            .expect("no cycle filter: progress cannot fail");
        for o in &report.objectives {
            if let Some(p) = o.progress {
                assert!((0.0..=1.0).contains(&p), "progress out of range: {p}");
            }
            for k in &o.key_results {
                assert!(
                    k.attainment.is_none_or(f64::is_finite),
                    "attainment not finite"
                );
            }
        }
    }
    let scores = org.score_all();
    let _ = okrkit::score::calibrate(&scores);
    for c in org.document().cycles {
        let _ = org.health(c.id.as_str(), &Default::default());
    }
    // What loads must write back and load again to the same document.
    // A valid document holds only finite numbers, so writing it cannot fail.
    let text = org.document().to_json().expect("a valid document writes");
    let back = Document::from_json(&text).expect("round trip");
    assert_eq!(back, org.document());
});
