//! Reading documents and dates, and reporting errors the same way everywhere.

use chrono::NaiveDate;
use okrkit::{Document, Error};
use std::io::Read;

/// Exit code for unreadable or invalid input.
pub const BAD_INPUT: u8 = 2;

/// Reads a file ("-" for stdin).
pub fn read(path: &str) -> Result<String, Error> {
    let io = |e: std::io::Error| Error::io(path, e);
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(io)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(io)
    }
}

/// Reads and parses a document (not yet validated).
pub fn document(path: &str) -> Result<Document, Error> {
    Document::from_json(&read(path)?)
}

/// Parses `YYYY-MM-DD`.
pub fn date(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| Error::InvalidArgument {
        code: okrkit::ProblemCode::Parse,
        message: format!("'{s}' is not a date YYYY-MM-DD: {e}"),
        path: "--at".into(),
    })
}

/// Prints an error for a person (or as JSON) and returns the exit code for bad input.
pub fn fail(err: &Error, json: bool) -> u8 {
    if json {
        let value = serde_json::json!({
            "error": err.code(),
            "message": err.to_string(),
            "path": err.path(),
            "problems": err.problems(),
        });
        println!("{value}");
    } else {
        eprintln!("okrkit: {err}");
    }
    BAD_INPUT
}

/// Arguments of `okrkit validate`.
#[derive(clap::Args)]
pub struct ValidateArgs {
    /// The document (JSON); "-" reads stdin.
    pub file: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `okrkit validate`.
pub fn validate(args: ValidateArgs) -> u8 {
    match document(&args.file).and_then(okrkit::Org::new) {
        Ok(org) => {
            let doc = org.document();
            if args.json {
                println!("{}", serde_json::json!({"valid": true, "problems": []}));
            } else {
                println!(
                    "{}: valid ({} objectives, {} key results, {} check-ins)",
                    args.file,
                    doc.objectives.len(),
                    org.key_result_count(),
                    doc.check_ins.len()
                );
            }
            0
        }
        Err(e) => fail(&e, args.json),
    }
}
