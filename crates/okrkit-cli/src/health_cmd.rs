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
    /// Report as of this date, YYYY-MM-DD or an RFC 3339 instant (its UTC day; default: each cycle's last day).
    #[arg(long)]
    pub at: Option<String>,
    /// Days without a check-in before a key result is stale (R10).
    #[arg(long, default_value_t = 14)]
    pub stale_days: u32,
    /// Print JSON (a list of reports, one per cycle); not with `--format` (one output at a time).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print one table instead: its rows as CSV (`csv`) or JSON records
    /// (`json-rows`), with the same columns as the Python and Node tables
    /// (the core's `okrkit::table`). `teams` holds every cycle's rows;
    /// `histograms` and `calibration` need `--cycle` when there are several.
    #[arg(long, value_enum)]
    pub format: Option<crate::table_out::Format>,
    /// The table `--format` prints (`health.*` of `okrkit::table`); only with `--format`.
    #[arg(long, requires = "format", default_value = "teams",
          value_parser = clap::builder::PossibleValuesParser::new(okrkit::table::select::HEALTH))]
    pub table: String,
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
    let mut opts = {
        let mut o = HealthOptions::default();
        o.stale_after_days = args.stale_days;
        o
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
            .map(|c| c.id.to_string())
            .collect(),
    };
    let mut reports = Vec::new();
    for c in &cycles {
        match org.health(c, &opts) {
            Ok(r) => reports.push(r),
            Err(e) => return crate::input::fail(&e, args.json),
        }
    }
    if let Some(format) = args.format {
        // Histograms have no cycle column and calibration covers every cycle
        // up to the report's: one cycle's, or the rows would be ambiguous.
        if reports.len() > 1 && args.table != "teams" {
            let e = okrkit::Error::InvalidArgument {
                code: okrkit::ProblemCode::InvalidValue,
                message: format!(
                    "the {} table is one cycle's: give --cycle (the document has {} cycles)",
                    args.table,
                    reports.len()
                ),
                path: "--cycle".into(),
            };
            return crate::input::fail(&e, false);
        }
        let mut tables = Vec::with_capacity(reports.len());
        for r in &reports {
            match okrkit::table::select::health(org.document(), r, Some(&args.table)) {
                Ok(t) => tables.push(t),
                Err(e) => return crate::input::fail(&e, false),
            }
        }
        return crate::table_out::print_all(format, tables);
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
                "  calibration: team {} {} over {} cycles",
                c.team,
                crate::table_out::name(&c.flag),
                c.cycles.len()
            );
        }
    }
    0
}
