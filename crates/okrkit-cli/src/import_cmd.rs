//! `okrkit import`: read another tool's export into an okrkit document, with
//! the import report.
//!
//! Exit codes: 0 imported without problems; 1 the report lists problems (the
//! document is still written: check the report); 2 the file, or the mapping,
//! could not be read.

use crate::input::{BAD_INPUT, fail};
use okrkit::Error;
use okrkit::import::{Source, read_bytes, table::TableOptions};

/// Arguments of `okrkit import`.
#[derive(clap::Args)]
pub struct Args {
    /// The source: asana, gitlab, quantive, tability or table (CSV/XLSX).
    #[arg(long = "from")]
    pub from: String,
    /// The export file ("-" reads stdin).
    pub file: String,
    /// A JSON mapping file for `--from table`: columns and cleaning options
    /// (columns, separator, decimal_comma, thousands, percent, currency, empty, sheet).
    #[arg(long)]
    pub mapping: Option<String>,
    /// Write the document here instead of stdout.
    #[arg(short = 'o', long = "output")]
    pub output: Option<String>,
    /// Print the import report (JSON) on stdout; the document goes to -o only.
    #[arg(long)]
    pub report: bool,
}

fn read_file(path: &str) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::io(path, e);
    if path == "-" {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut v).map_err(io)?;
        Ok(v)
    } else {
        std::fs::read(path).map_err(io)
    }
}

/// Runs it.
pub fn run(args: Args) -> u8 {
    let source: Source = match args.from.parse() {
        Ok(s) => s,
        Err(e) => return fail(&e, false),
    };
    let opts = match &args.mapping {
        Some(m) => match crate::input::read(m).and_then(|t| TableOptions::from_json(&t)) {
            Ok(o) => o,
            Err(e) => return fail(&e, false),
        },
        None => TableOptions::default(),
    };
    if args.mapping.is_some() && source != Source::Table {
        eprintln!("okrkit: --mapping applies to --from table only");
        return BAD_INPUT;
    }
    let imported = match read_file(&args.file).and_then(|b| read_bytes(source, &b, &opts)) {
        Ok(i) => i,
        Err(e) => return fail(&e, false),
    };
    // A NaN cannot come out of an import (numbers are checked on the way in),
    // but the writer says so rather than writing a null.
    let doc = match imported.document.to_json_pretty() {
        Ok(d) => d,
        Err(e) => return fail(&e, false),
    };
    match &args.output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, doc + "\n") {
                eprintln!("okrkit: {out}: {e}");
                return BAD_INPUT;
            }
        }
        None if !args.report => println!("{doc}"),
        None => {}
    }
    let report = &imported.report;
    if args.report {
        println!("{}", report.to_json_pretty());
    }
    for p in &report.problems {
        eprintln!("okrkit: {p}");
    }
    if report.has_problems() {
        eprintln!(
            "okrkit: {} problem{} in {}",
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" },
            args.file
        );
        1
    } else {
        0
    }
}
