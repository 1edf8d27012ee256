//! `okrkit progress`.

use okrkit::progress::{MilestonePolicy, ProgressOptions, ProgressReport};

/// Arguments of `okrkit progress`.
#[derive(clap::Args)]
pub struct Args {
    /// The document (JSON); "-" reads stdin.
    pub file: String,
    /// Progress as of the end of this day (YYYY-MM-DD, or an RFC 3339 instant: its UTC day), from the check-ins, with pace.
    #[arg(long)]
    pub at: Option<String>,
    /// Only this cycle.
    #[arg(long)]
    pub cycle: Option<String>,
    /// Count milestones (1 done, 0 not) instead of leaving them out (R1).
    #[arg(long)]
    pub count_milestones: bool,
    /// Print the full report as JSON; not with `--format` (one output at a time).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print one table instead: its rows as CSV (`csv`) or JSON records
    /// (`json-rows`), with the same columns as the Python and Node tables
    /// (the core's `okrkit::table` schema).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The table `--format` prints; only with `--format`.
    #[arg(long, requires = "format", value_enum, default_value = "key-results")]
    pub table: Level,
}

pub use crate::table_out::Format;

/// Which table of the report.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Level {
    /// `progress.objectives`.
    Objectives,
    /// `progress.key_results` (`key_results`, the table's name, is accepted too).
    #[value(alias = "key_results")]
    KeyResults,
    /// `progress.teams`.
    Teams,
    /// `progress.cycles`.
    Cycles,
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "   —".to_owned(), |p| format!("{:>3.0}%", p * 100.0))
}

fn print(report: &ProgressReport) {
    for c in &report.cycles {
        // Beside a verdict, percentages with as many decimals as it takes
        // to read it (29.6% against 40% is behind; "30%" would not say so).
        let (progress, pace) = match (c.progress, c.pace) {
            (Some(progress), Some(p)) => {
                let (progress, expected) = okrkit::progress::pace_text(progress, p.expected);
                let status = crate::table_out::name(&p.status);
                (progress, format!(" (expected {expected}, {status})"))
            }
            (progress, _) => (pct(progress).trim().to_owned(), String::new()),
        };
        println!("cycle {}: {progress}{pace}", c.cycle);
        for t in report.teams.iter().filter(|t| t.cycle == c.cycle) {
            println!("  team {:<20} {}", t.team.as_str(), pct(t.progress));
            for o in report
                .objectives
                .iter()
                .filter(|o| o.cycle == c.cycle && o.team == t.team)
            {
                let pace = o
                    .pace
                    .map(|p| format!("  {}", crate::table_out::name(&p.status)))
                    .unwrap_or_default();
                println!("    {} {}{pace}", pct(o.progress), o.objective);
                for k in &o.key_results {
                    let note = match k.left_out {
                        Some(r) => format!(
                            "  (left out: {})",
                            serde_json::to_value(r)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        ),
                        None => String::new(),
                    };
                    println!("      {} {}{note}", pct(k.progress), k.key_result);
                }
            }
        }
    }
}

/// Runs it.
pub fn run(args: Args) -> u8 {
    let org = match crate::input::document(&args.file).and_then(okrkit::Org::new) {
        Ok(org) => org,
        Err(e) => return crate::input::fail(&e, args.json),
    };
    let mut opts = {
        let mut o = ProgressOptions::default();
        o.cycle = args.cycle.map(Into::into);
        o
    };
    if args.count_milestones {
        opts.milestones = MilestonePolicy::CountAsImported;
    }
    if let Some(at) = &args.at {
        match crate::input::date(at) {
            Ok(d) => opts.as_of = Some(d),
            Err(e) => return crate::input::fail(&e, args.json),
        }
    }
    // An unknown --cycle is the core's error (dangling_reference), exit 2.
    let report = match org.progress(&opts) {
        Ok(report) => report,
        Err(e) => return crate::input::fail(&e, args.json),
    };
    if let Some(format) = args.format {
        use okrkit::table::progress as t;
        let table = match args.table {
            Level::Objectives => t::objectives(&org, &report),
            Level::KeyResults => t::key_results(&org, &report),
            Level::Teams => t::teams(&org, &report),
            Level::Cycles => t::cycles(&org, &report),
        };
        crate::table_out::print(format, &table);
    } else if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print(&report);
    }
    0
}
