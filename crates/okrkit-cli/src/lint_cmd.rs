//! `okrkit lint`.

use okrkit::lint::{LintOptions, RuleLevel};

/// Arguments of `okrkit lint`.
#[derive(clap::Args)]
pub struct Args {
    /// The document (JSON); "-" reads stdin.
    pub file: String,
    /// Print the report as JSON; not with `--format` (one output at a time).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Judge staleness as of this date (YYYY-MM-DD, or an RFC 3339 instant: its UTC day; a cycle that has ended is
    /// judged at its last day, as `health` does); without it the stale rule does not run.
    #[arg(long)]
    pub at: Option<String>,
    /// Most objectives per team and cycle (R9).
    #[arg(long, default_value_t = 5)]
    pub max_objectives: usize,
    /// Most key results per objective (R9).
    #[arg(long, default_value_t = 5)]
    pub max_key_results: usize,
    /// Days without a check-in before a key result is stale (R10); judged
    /// `--at` a date, so it needs `--at` (never silently ignored).
    #[arg(long, default_value_t = 14, requires = "at")]
    pub stale_days: u32,
    /// Turn a rule off (repeatable), by code; a code may not be given to
    /// `--off` and `--error` both.
    #[arg(long = "off", value_name = "CODE")]
    pub off: Vec<String>,
    /// Report a rule as an error (repeatable), by code.
    #[arg(long = "error", value_name = "CODE")]
    pub error: Vec<String>,
    /// Print the findings as a table instead: CSV (`csv`) or JSON records
    /// (`json-rows`), each finding with its cycle, team, objective, key
    /// result and title (the core's `lint.findings`). The exit code is the
    /// same.
    #[arg(long, value_enum)]
    pub format: Option<crate::table_out::Format>,
    /// The table `--format` prints (`lint.*` of `okrkit::table`); only with `--format`.
    #[arg(long, requires = "format", default_value = "findings",
          value_parser = clap::builder::PossibleValuesParser::new(okrkit::table::select::LINT))]
    pub table: String,
}

/// Runs it.
pub fn run(args: Args) -> u8 {
    // One level per rule: `--off X --error X` would drop one of the two.
    if let Some(code) = args.off.iter().find(|c| args.error.contains(c)) {
        use clap::CommandFactory;
        crate::Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("the rule '{code}' is given to both '--off' and '--error': choose one"),
            )
            .exit();
    }
    let doc = match crate::input::document(&args.file) {
        Ok(doc) => doc,
        Err(e) => return crate::input::fail(&e, args.json),
    };
    let mut config = {
        let mut o = LintOptions::default();
        o.max_objectives_per_team_cycle = args.max_objectives;
        o.max_key_results_per_objective = args.max_key_results;
        o.stale_after_days = args.stale_days;
        o
    };
    if let Some(at) = &args.at {
        match crate::input::date(at) {
            Ok(d) => config.as_of = Some(d),
            Err(e) => return crate::input::fail(&e, args.json),
        }
    }
    for (codes, level) in [(&args.off, RuleLevel::Off), (&args.error, RuleLevel::Error)] {
        for code in codes {
            match okrkit::lint::RuleCode::new(code) {
                Ok(code) => config.rules.insert(code, level),
                Err(e) => return crate::input::fail(&e, args.json),
            };
        }
    }
    let report = okrkit::lint::lint(&doc, &config);
    if let Some(format) = args.format {
        match okrkit::table::select::lint(&report, Some((&doc).into()), Some(&args.table)) {
            Ok(t) => crate::table_out::print(format, &t),
            Err(e) => return crate::input::fail(&e, false),
        }
        return u8::from(report.has_errors());
    }
    print_report(&args.file, &report, args.json);
    u8::from(report.has_errors())
}

/// Prints a lint report for a person, or as JSON.
pub fn print_report(file: &str, report: &okrkit::lint::LintReport, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(report).unwrap_or_default()
        );
        return;
    }
    for f in &report.findings {
        println!(
            "{:<7} {} [{} {}] {}",
            f.severity.to_string(),
            f.path,
            f.code,
            f.design_rule,
            f.message
        );
        if let Some(s) = &f.suggestion {
            println!("        suggestion: {s}");
        }
    }
    println!(
        "{file}: {} error(s), {} warning(s), {} info",
        report.errors, report.warnings, report.infos
    );
}
