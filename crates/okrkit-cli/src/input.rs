//! Reading documents and dates, and reporting errors the same way everywhere.

use chrono::NaiveDate;
use okrkit::{Document, Error};

/// Exit code for unreadable or invalid input.
pub const BAD_INPUT: u8 = 2;

/// The most bytes read from one input: `OKRKIT_MAX_INPUT_BYTES` if set (it
/// can only lower the library's limit), else
/// [`okrkit::limits::MAX_INPUT_BYTES`].
pub fn max_input_bytes() -> u64 {
    let most = okrkit::limits::MAX_INPUT_BYTES as u64;
    std::env::var("OKRKIT_MAX_INPUT_BYTES")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(most, |v| v.min(most))
}

/// Reads a file ("-" for stdin), never more than [`max_input_bytes`]: an
/// endless input (`/dev/zero`) is `too_large`, not an exhausted memory.
pub fn read(path: &str) -> Result<String, Error> {
    let io = |e: std::io::Error| Error::io(path, e);
    let limit = max_input_bytes();
    let with_path = |e: Error| match e {
        Error::Io {
            message, source, ..
        } => Error::Io {
            path: path.to_owned(),
            message,
            source,
        },
        other => other,
    };
    if path == "-" {
        okrkit::limits::read_to_string_limited(std::io::stdin().lock(), limit).map_err(with_path)
    } else {
        let f = std::fs::File::open(path).map_err(io)?;
        okrkit::limits::read_to_string_limited(f, limit).map_err(with_path)
    }
}

/// Reads and parses a document (not yet validated).
pub fn document(path: &str) -> Result<Document, Error> {
    Document::from_json(&read(path)?)
}

/// Reads `--at`: a date (`YYYY-MM-DD`) or an RFC 3339 instant (its UTC
/// day), as the bindings read `as_of` (`okrkit::options::parse_day`).
pub fn date(s: &str) -> Result<NaiveDate, Error> {
    okrkit::options::parse_day(s, "--at")
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
