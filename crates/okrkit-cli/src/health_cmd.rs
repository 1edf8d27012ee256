//! `okrkit health`.

use okrkit::health::{HealthOptions, TeamHealth};

/// Arguments of `okrkit health`.
#[derive(clap::Args)]
pub struct Args {
    /// The document (JSON); "-" reads stdin.
    pub file: String,
    /// The cycle (default: every cycle).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Report as of this date, YYYY-MM-DD (default: each cycle's last day).
    #[arg(long)]
    pub at: Option<String>,
    /// Days without a check-in before a key result is stale (R10).
    #[arg(long, default_value_t = 14)]
    pub stale_days: i64,
    /// Print JSON (a list of reports, one per cycle).
    #[arg(long)]
    pub json: bool,
}

fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{:.0}%", x * 100.0))
}

fn line(name: &str, h: &TeamHealth) {
    println!(
        "  {name:<18} {:>3} KRs  outcomes {:>4}  check-ins/KR/week {:>5}  stale {:>3}  bands r/y/g {}/{}/{}  confidence {}",
        h.key_results,
        pct(h.outcome_share),
        h.check_ins_per_key_result_per_week
            .map_or("—".into(), |x| format!("{x:.2}")),
        h.stale_key_results.len(),
        h.score_bands.red,
        h.score_bands.yellow,
        h.score_bands.green,
        h.mean_confidence.map_or("—".into(), |x| format!("{x:.1}")),
    );
}

/// Runs it.
pub fn run(args: Args) -> u8 {
    let org = match crate::input::document(&args.file).and_then(okrkit::Org::new) {
        Ok(org) => org,
        Err(e) => return crate::input::fail(&e, args.json),
    };
    let mut opts = HealthOptions {
        stale_after_days: args.stale_days,
        ..HealthOptions::default()
    };
    if let Some(at) = &args.at {
        match crate::input::date(at) {
            Ok(d) => opts.as_of = Some(d),
            Err(e) => return crate::input::fail(&e, args.json),
        }
    }
    let cycles: Vec<String> = match &args.cycle {
        Some(c) => vec![c.clone()],
        None => org
            .document()
            .cycles
            .iter()
            .map(|c| c.id.0.clone())
            .collect(),
    };
    let mut reports = Vec::new();
    for c in &cycles {
        match org.health(c, &opts) {
            Ok(r) => reports.push(r),
            Err(e) => return crate::input::fail(&e, args.json),
        }
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&reports).unwrap_or_default()
        );
        return 0;
    }
    for r in &reports {
        println!("cycle {} as of {}", r.cycle, r.as_of);
        line("organisation", &r.organisation);
        for t in &r.teams {
            line(t.team.as_ref().map_or("", |t| t.as_str()), t);
        }
        for c in &r.calibration {
            println!(
                "  calibration: team {} {:?} over {} cycles",
                c.team,
                c.flag,
                c.cycles.len()
            );
        }
    }
    0
}
