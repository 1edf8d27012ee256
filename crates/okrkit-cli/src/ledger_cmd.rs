//! `okrkit ledger verify|replay|history`: the renegotiation ledger (R4) from
//! the command line. Exit codes: 0 ok, 1 verification failed, 2 bad input.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use okrkit::ledger::{KeyResultVersion, Ledger};
use okrkit::{Error, Measure};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Exit code: everything verified.
pub const EXIT_OK: i32 = 0;
/// Exit code: the ledger fails verification (edited, removed, reordered or inserted entries).
pub const EXIT_TAMPERED: i32 = 1;
/// Exit code: unreadable file, malformed line, bad argument.
pub const EXIT_BAD_INPUT: i32 = 2;

/// The ledger subcommands.
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Verify a JSON Lines ledger: hash chain and rules. Names the first bad entry.
    /// With --checkpoint: also that it is the checkpointed ledger or an honest extension of it.
    Verify {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// A signed checkpoint file kept elsewhere (see `ledger checkpoint`).
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// A trusted verifier key (the text keygen printed, or a file holding it); repeatable.
        #[arg(long, requires = "checkpoint")]
        trust: Vec<String>,
        /// How many distinct trusted keys must have signed the checkpoint.
        #[arg(long, default_value_t = 1, requires = "checkpoint")]
        min_signatures: usize,
        /// The ledger's origin (default: okrkit.ledger/ and its first entry's hash).
        #[arg(long, requires = "checkpoint")]
        origin: Option<String>,
    },
    /// Signed checkpoints and proofs.
    #[command(flatten)]
    Checkpoint(crate::checkpoint_cmd::CheckpointCommand),
    /// Print the state of the OKRs as of a moment (default: now).
    Replay {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// RFC 3339 time (2026-02-01T12:00:00Z) or a date (2026-02-01, meaning the end of that day, UTC).
        #[arg(long)]
        at: Option<String>,
        /// Print the document as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lint the ledger's current OKRs and its flow: renegotiation churn (R4), waiting dependencies (R7), keys an admin replaced (R4).
    Lint {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Program health of a cycle with renegotiation and dependency flow (R10), as JSON.
    Health {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// The cycle.
        #[arg(long)]
        cycle: String,
    },
    /// Print every version a key result had: who proposed, who accepted, when, why.
    History {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// The key result's id.
        kr_id: String,
        /// Print the versions as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a ledger subcommand and returns the process exit code.
pub fn run(cmd: LedgerCommand) -> i32 {
    match cmd {
        LedgerCommand::Lint { file, json } => {
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let report = ledger.lint(&okrkit::lint::LintOptions::default());
            crate::lint_cmd::print_report(&file.display().to_string(), &report, json);
            if report.has_errors() {
                EXIT_TAMPERED
            } else {
                EXIT_OK
            }
        }
        LedgerCommand::Health { file, cycle } => {
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            match ledger.health(&cycle, &okrkit::health::HealthOptions::default()) {
                Ok(h) => {
                    println!("{}", serde_json::to_string_pretty(&h).unwrap_or_default());
                    EXIT_OK
                }
                Err(e) => report(&file, &e),
            }
        }
        LedgerCommand::Checkpoint(cmd) => crate::checkpoint_cmd::run(cmd),
        LedgerCommand::Verify {
            file,
            checkpoint: Some(cp),
            trust,
            min_signatures,
            origin,
        } => crate::checkpoint_cmd::verify_against(&file, &cp, &trust, min_signatures, origin),
        LedgerCommand::Verify { file, .. } => match load(&file) {
            Ok(ledger) => {
                println!(
                    "ok: {} entries verified, head {}",
                    ledger.len(),
                    ledger.head()
                );
                println!("{}", signing_note(&ledger));
                eprintln!(
                    "note: without a checkpoint this proves only that the chain is intact: a history rewritten with recomputed hashes, entries cut from the end or an emptied file also pass; verify with --checkpoint (see `okrkit ledger checkpoint`)"
                );
                EXIT_OK
            }
            Err(code) => code,
        },
        LedgerCommand::Replay { file, at, json } => {
            let at = match at.as_deref().map(parse_time).transpose() {
                Ok(at) => at,
                Err(message) => {
                    eprintln!("error: --at: {message}");
                    return EXIT_BAD_INPUT;
                }
            };
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let ledger = match at {
                Some(t) => match ledger.as_of(t) {
                    Ok(l) => l,
                    Err(e) => return report(&file, &e),
                },
                None => ledger,
            };
            if json {
                match ledger.document().to_json_pretty() {
                    Ok(text) => println!("{text}"),
                    Err(e) => return report(&file, &e),
                }
            } else {
                print_state(&ledger, at);
            }
            EXIT_OK
        }
        LedgerCommand::History { file, kr_id, json } => {
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let versions = match ledger.history(&kr_id) {
                Ok(v) => v,
                Err(e) => return report(&file, &e),
            };
            if json {
                match serde_json::to_string_pretty(versions) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return EXIT_BAD_INPUT;
                    }
                }
            } else {
                print_history(&kr_id, versions);
            }
            EXIT_OK
        }
    }
}

/// Reads and verifies a ledger, printing the error and returning the exit code on failure.
pub(crate) fn load(file: &Path) -> Result<Ledger, i32> {
    let f = File::open(file).map_err(|e| {
        eprintln!("error: {}: {e}", file.display());
        EXIT_BAD_INPUT
    })?;
    Ledger::from_jsonl_limited(BufReader::new(f), crate::input::max_input_bytes())
        .map_err(|e| report(file, &e))
}

fn report(file: &Path, err: &Error) -> i32 {
    match err {
        Error::Tampered {
            index,
            entry_id,
            message,
        } => {
            eprintln!(
                "FAILED: {}: entry {index} ({entry_id}) fails verification: {message}",
                file.display()
            );
            EXIT_TAMPERED
        }
        Error::Parse { position, .. } => {
            match position {
                Some(p) => eprintln!("error: {}: line {}: {err}", file.display(), p.line),
                None => eprintln!("error: {}: {err}", file.display()),
            }
            EXIT_BAD_INPUT
        }
        other => {
            eprintln!("error: {}: [{}] {other}", file.display(), other.code());
            EXIT_BAD_INPUT
        }
    }
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    // One meaning everywhere: the core's (a date is the whole day, UTC).
    okrkit::ledger::parse_moment(s, "at").map_err(|e| e.to_string())
}

fn measure_text(m: &Measure) -> String {
    match m {
        Measure::Metric {
            baseline,
            target,
            unit,
            ..
        } => format!("{baseline} -> {target}{}", unit.as_deref().unwrap_or("")),
        Measure::Threshold {
            direction,
            bound,
            unit,
            ..
        } => format!(
            "{} {bound}{}",
            crate::table_out::name(direction),
            unit.as_deref().unwrap_or("")
        ),
        Measure::Milestone { done } => format!("milestone (done: {done})"),
        // A measure added to the core later: its kind.
        other => crate::table_out::name(&other.kind()),
    }
}

fn print_state(ledger: &Ledger, at: Option<DateTime<Utc>>) {
    let doc = ledger.document();
    match at {
        Some(t) => println!("as of {t} ({} entries)", ledger.len()),
        None => println!("now ({} entries)", ledger.len()),
    }
    for o in &doc.objectives {
        println!(
            "{} [{} / {}, {}] {}",
            o.id,
            o.team,
            o.cycle,
            crate::table_out::name(&ledger.set_status(o.team.as_str(), o.cycle.as_str())),
            o.title
        );
        for kr in &o.key_results {
            let last = doc.check_ins.iter().rev().find(|c| c.key_result == kr.id);
            println!(
                "  {} {} | {} | weight {} | latest {}",
                kr.id,
                kr.title,
                measure_text(&kr.measure),
                kr.weight,
                last.map_or_else(|| "-".to_string(), |c| format!("{} at {}", c.value, c.at))
            );
        }
    }
    let open = ledger.open_proposals();
    if !open.is_empty() {
        println!("open proposals: {}", open.len());
        for p in open {
            println!(
                "  {} by {} ({}): {}",
                p.id, p.proposed_by.person, p.proposed_by.team, p.reason
            );
        }
    }
}

fn print_history(kr_id: &str, versions: &[KeyResultVersion]) {
    println!("history of {kr_id}: {} versions", versions.len());
    for v in versions {
        let who = match (&v.proposed_by, &v.accepted_by) {
            (Some(p), Some(a)) => format!(
                "proposed by {} ({}), accepted by {} ({})",
                p.person, p.team, a.person, a.team
            ),
            _ => format!("by {} ({})", v.recorded_by.person, v.recorded_by.team),
        };
        println!(
            "{} {} {}: \"{}\" {} weight {} [{}]; {}{}",
            v.at,
            v.entry,
            crate::table_out::name(&v.event),
            v.title,
            measure_text(&v.measure),
            v.weight,
            v.cycle,
            who,
            v.reason
                .as_deref()
                .map(|r| format!("; why: {r}"))
                .unwrap_or_default()
        );
    }
}

/// What a verified ledger proves about who acted (signed vs unsigned mode).
fn signing_note(ledger: &Ledger) -> &'static str {
    if ledger.is_signed() {
        "signed: every entry carries its actor's Ed25519 signature, checked against the key enrolled at that time"
    } else {
        "unsigned: the chain and the rules hold for the actors named, but nothing proves the named person acted (sign the ledger to prove it)"
    }
}
