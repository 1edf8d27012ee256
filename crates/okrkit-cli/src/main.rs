//! `okrkit`: check, classify and report OKR files from the command line.
//!
//! Exit codes: 0 success; 1 an error-level lint rule fired, the ledger
//! failed verification, or an import report lists problems; 2 the input could not be read or is invalid;
//! 141 stdout's reader went away (`okrkit lint … | head -1`), nothing printed.

mod checkpoint_cmd;
mod classify_cmd;
mod health_cmd;
mod import_cmd;
mod input;
mod ledger_cmd;
mod lint_cmd;
mod progress_cmd;
mod score_cmd;
mod table_out;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The rules of OKRs, checked: classify key results, lint OKR files, report progress.
#[derive(Parser)]
#[command(name = "okrkit", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify statements as outcome or output (R1). Reads one per line from stdin when none are given.
    Classify(classify_cmd::Args),
    /// Lint an OKR document: outputs as key results, focus, staleness, alignment (exit 1 on an error-level finding).
    Lint(lint_cmd::Args),
    /// Progress per objective, team and cycle, from key results only (R2).
    Progress(progress_cmd::Args),
    /// Score each cycle at its close (R5): bands, verdicts by objective type, stretch calibration.
    Score(score_cmd::Args),
    /// Program health per team and organisation over a cycle (R10).
    Health(health_cmd::Args),
    /// The renegotiation ledger (R4): verify, replay, history of a key result.
    #[command(subcommand)]
    Ledger(ledger_cmd::LedgerCommand),
    /// Import another tool's export (asana, gitlab, quantive, tability, table = CSV/XLSX) with a report of every field (exit 1 when the report has problems).
    Import(import_cmd::Args),
    /// Validate a document and list every problem with its path (exit 2 when invalid).
    Validate(input::ValidateArgs),
    /// Print the JSON Schema of the document format.
    Schema,
}

/// Exit code when stdout's reader has gone (`okrkit lint … | head -1`):
/// 128 + SIGPIPE, what a shell reports for a Unix tool stopped there.
const BROKEN_PIPE: i32 = 141;

/// Stops quietly, as other Unix tools do, when stdout's reader has gone:
/// Rust ignores SIGPIPE, so a write to a closed pipe fails with EPIPE and
/// `println!` panics "failed printing to stdout: Broken pipe". That one panic
/// (on any command) becomes exit 141 with nothing printed; every other panic
/// is reported as before. (The workspace forbids `unsafe`, which restoring
/// SIGPIPE's default action would take.)
fn exit_quietly_on_broken_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let broken_pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        if payload.starts_with("failed printing to stdout")
            && (payload.contains("Broken pipe") || payload.contains(&broken_pipe.to_string()))
        {
            std::process::exit(BROKEN_PIPE);
        }
        report(info);
    }));
}

fn main() -> ExitCode {
    exit_quietly_on_broken_pipe();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Classify(args) => classify_cmd::run(args),
        Command::Lint(args) => lint_cmd::run(args),
        Command::Progress(args) => progress_cmd::run(args),
        Command::Score(args) => score_cmd::run(args),
        Command::Health(args) => health_cmd::run(args),
        Command::Ledger(cmd) => u8::try_from(ledger_cmd::run(cmd)).unwrap_or(2),
        Command::Import(args) => import_cmd::run(args),
        Command::Validate(args) => input::validate(args),
        Command::Schema => {
            println!("{}", okrkit::Document::json_schema());
            0
        }
    };
    ExitCode::from(code)
}
