//! Seed 004's checkout objective, end to end: the blended version (outputs
//! written as key results) and the separated one (initiatives apart).
//!
//! `cargo run -p okrkit-examples --example checkout`

use okrkit::lint::LintOptions;
use okrkit::{MilestonePolicy, Org, ProgressOptions};

fn load(name: &str) -> Result<Org, okrkit::Error> {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).map_err(|e| okrkit::Error::io(path.clone(), e))?;
    Org::from_json(&text)
}

fn main() -> Result<(), okrkit::Error> {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
    println!("Seed 004: 'Create a world class checkout experience', as of 2026-02-15\n");

    println!("1. Blended: two metrics and two things to build, all as key results.");
    let blended = load("checkout_blended.json")?;
    for f in &blended.lint(&LintOptions::default()).findings {
        println!("   lint {:<22} {} ({})", f.code, f.path, f.design_rule);
    }
    let counted = blended.progress(&{
        let mut o = ProgressOptions::default();
        o.as_of = as_of;
        o.milestones = MilestonePolicy::CountAsImported;
        o
    })?;
    let default = blended.progress(&{
        let mut o = ProgressOptions::default();
        o.as_of = as_of;
        o
    })?;
    let p = |r: &okrkit::ProgressReport| r.objectives[0].progress.unwrap_or(f64::NAN) * 100.0;
    println!(
        "   counting the milestones as done/not done blends work with results: {:.1}%",
        p(&counted)
    );
    println!(
        "   okrkit's default leaves them out, and says so: {:.1}% ({} key results left out)\n",
        p(&default),
        default.objectives[0].left_out
    );

    println!("2. Separated: the metrics are the key results; the work is initiatives (R2, R3).");
    let separated = load("checkout.json")?;
    let report = separated.progress(&{
        let mut o = ProgressOptions::default();
        o.as_of = as_of;
        o
    })?;
    let o = &report.objectives[0];
    for k in &o.key_results {
        println!(
            "   {:<14} value {:>5}  progress {:>5.1}%",
            k.key_result.as_str(),
            k.value.map_or("—".into(), |v| v.to_string()),
            k.progress.unwrap_or(0.0) * 100.0
        );
    }
    if let Some(pace) = o.pace {
        println!(
            "   objective {:.1}% against {:.1}% expected by the calendar: {:?}",
            o.progress.unwrap_or(0.0) * 100.0,
            pace.expected * 100.0,
            pace.status
        );
    }
    for i in separated.document().initiatives {
        println!(
            "   initiative '{}' ({:?}) moves {:?} but never counts in progress",
            i.title,
            i.status,
            i.key_results.iter().map(|k| k.as_str()).collect::<Vec<_>>()
        );
    }
    Ok(())
}
