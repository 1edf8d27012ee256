//! `okrkit score`.

use okrkit::score::{Verdict, calibrate};

/// Arguments of `okrkit score`.
#[derive(clap::Args)]
pub struct Args {
    /// The document (JSON); "-" reads stdin.
    pub file: String,
    /// Only this cycle (default: every cycle).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Print JSON: {"cycles": [...], "calibration": [...]}; not with `--format` (one output at a time).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print one table instead: its rows as CSV (`csv`) or JSON records
    /// (`json-rows`), every scored cycle's rows in one table, with the same
    /// columns as the Python and Node tables (the core's `okrkit::table`).
    #[arg(long, value_enum)]
    pub format: Option<crate::table_out::Format>,
    /// The table `--format` prints (`score.*` of `okrkit::table`); only with `--format`.
    #[arg(long, requires = "format", default_value = "objectives",
          value_parser = clap::builder::PossibleValuesParser::new(okrkit::table::select::SCORE))]
    pub table: String,
}

/// Runs it.
pub fn run(args: Args) -> u8 {
    let org = match crate::input::document(&args.file).and_then(okrkit::Org::new) {
        Ok(org) => org,
        Err(e) => return crate::input::fail(&e, args.json),
    };
    let reports = match &args.cycle {
        Some(c) => match org.score_cycle(c) {
            Ok(r) => vec![r],
            Err(e) => return crate::input::fail(&e, args.json),
        },
        None => org.score_all(),
    };
    if let Some(format) = args.format {
        let mut tables = Vec::with_capacity(reports.len());
        for r in &reports {
            match okrkit::table::select::score(org.document(), r, Some(&args.table)) {
                Ok(t) => tables.push(t),
                Err(e) => return crate::input::fail(&e, false),
            }
        }
        return crate::table_out::print_all(format, tables);
    }
    let calibration = calibrate(&org.score_all());
    if args.json {
        let v = serde_json::json!({"cycles": reports, "calibration": calibration});
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return 0;
    }
    for r in &reports {
        println!("cycle {}", r.cycle);
        // Columns as wide as their widest cell in the cycle: a score that
        // needs more digits to keep its band (`score_text`'s "0.64999999")
        // or a long objective id moves no other row's columns.
        let scores: Vec<String> = r
            .objectives
            .iter()
            .map(|o| o.score.map_or("—".into(), okrkit::score::score_text))
            .collect();
        let score_width = scores.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        let id_width = r
            .objectives
            .iter()
            .map(|o| o.objective.as_str().chars().count())
            .fold(28, usize::max);
        for (o, score) in r.objectives.iter().zip(&scores) {
            let band = o.band.map_or(String::new(), |b| crate::table_out::name(&b));
            let mark = if o.verdict == Verdict::ExplanationRequired {
                "  ← explain in the retrospective"
            } else {
                ""
            };
            println!(
                "  {score:>score_width$} {band:<6} {:<id_width$} {}{mark}",
                o.objective.as_str(),
                o.message
            );
        }
    }
    for c in &calibration {
        println!(
            "calibration: team {} {} in {:?}",
            c.team,
            crate::table_out::name(&c.flag),
            c.cycles.iter().map(|c| c.as_str()).collect::<Vec<_>>()
        );
    }
    0
}
