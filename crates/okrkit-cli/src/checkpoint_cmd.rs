//! `okrkit ledger keygen|checkpoint|cosign|prove|verify-proof|consistency` and
//! `ledger verify --checkpoint`: signed checkpoints and proofs (issue 13).
//! Exit codes: 0 proven, 1 not proven (rewrite, truncation, fork, bad or
//! unknown signature, another origin, a bad proof), 2 unreadable input.

use crate::ledger_cmd::{EXIT_BAD_INPUT, EXIT_OK, EXIT_TAMPERED, load};
use clap::Subcommand;
use okrkit::Error;
use okrkit::ledger::note::{SigningKey, VerifierKey};
use okrkit::ledger::{Checkpoint, InclusionProof, check_consistency};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The checkpoint and proof subcommands (flattened into `okrkit ledger`).
#[derive(Debug, Subcommand)]
pub enum CheckpointCommand {
    /// Generate a signing key: writes it to KEYFILE (never overwriting one)
    /// and prints its verifier key (public, one line) on stdout.
    Keygen {
        /// The key's name (e.g. the ledger's origin, or "auditor.example.com").
        name: String,
        /// Where to write the secret signing key.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the signed checkpoint (C2SP tlog-checkpoint as a signed note) of the ledger as it stands.
    Checkpoint {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// A signing key file (repeat for several signers).
        #[arg(long, required = true)]
        key: Vec<PathBuf>,
        /// The ledger's origin (default: okrkit.ledger/ and its first entry's hash).
        #[arg(long)]
        origin: Option<String>,
    },
    /// Add a signature (a witness, an auditor) to a signed checkpoint; prints the note with it.
    Cosign {
        /// The signed checkpoint file.
        checkpoint: PathBuf,
        /// The signing key file of the co-signer.
        #[arg(long)]
        key: PathBuf,
    },
    /// Print the inclusion proof (JSON) of entry N, for the whole ledger or the size of a checkpoint.
    Prove {
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// The entry's position (seq).
        #[arg(long)]
        entry: u64,
        /// A signed checkpoint file: prove against its origin and size (its signatures are checked by verify-proof).
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// The ledger's origin (default: the checkpoint's, else okrkit.ledger/ and its first entry's hash); with --checkpoint it must be the checkpoint's.
        #[arg(long)]
        origin: Option<String>,
    },
    /// Verify an inclusion proof against a signed checkpoint.
    VerifyProof {
        /// The proof (JSON, as `prove` prints it).
        proof: PathBuf,
        /// The signed checkpoint file.
        #[arg(long)]
        checkpoint: PathBuf,
        /// A trusted verifier key (the text keygen printed, or a file holding it); repeatable.
        #[arg(long, required = true)]
        trust: Vec<String>,
        /// How many distinct trusted keys must have signed.
        #[arg(long, default_value_t = 1)]
        min_signatures: usize,
    },
    /// Check that NEW_CP extends OLD_CP (two signed checkpoints of the ledger in FILE); prints the consistency proof.
    Consistency {
        /// The older signed checkpoint file.
        old_cp: PathBuf,
        /// The newer signed checkpoint file.
        new_cp: PathBuf,
        /// The ledger file (JSON Lines).
        file: PathBuf,
        /// A trusted verifier key (text or file); repeatable.
        #[arg(long, required = true)]
        trust: Vec<String>,
        /// How many distinct trusted keys must have signed each checkpoint.
        #[arg(long, default_value_t = 1)]
        min_signatures: usize,
        /// The ledger's origin (default: okrkit.ledger/ and its first entry's hash).
        #[arg(long)]
        origin: Option<String>,
    },
}

/// Runs a checkpoint subcommand and returns the process exit code.
pub fn run(cmd: CheckpointCommand) -> i32 {
    match cmd {
        CheckpointCommand::Keygen { name, out } => keygen(&name, &out),
        CheckpointCommand::Checkpoint { file, key, origin } => {
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let mut keys = Vec::new();
            for k in &key {
                match read(k).and_then(|t| SigningKey::parse(&t).map_err(|e| fail(k, &e))) {
                    Ok(k) => keys.push(k),
                    Err(code) => return code,
                }
            }
            let origin = origin.unwrap_or_else(|| ledger.default_origin());
            let refs: Vec<&SigningKey> = keys.iter().collect();
            match ledger.sign_checkpoint(&origin, &refs) {
                Ok(note) => {
                    print!("{note}");
                    EXIT_OK
                }
                Err(e) => fail(&file, &e),
            }
        }
        CheckpointCommand::Cosign { checkpoint, key } => {
            let note = match read(&checkpoint) {
                Ok(n) => n,
                Err(code) => return code,
            };
            let key =
                match read(&key).and_then(|t| SigningKey::parse(&t).map_err(|e| fail(&key, &e))) {
                    Ok(k) => k,
                    Err(code) => return code,
                };
            match okrkit::ledger::note::cosign_note(&note, &key) {
                Ok(n) => {
                    print!("{n}");
                    EXIT_OK
                }
                Err(e) => fail(&checkpoint, &e),
            }
        }
        CheckpointCommand::Prove {
            file,
            entry,
            checkpoint,
            origin,
        } => {
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let proof = match checkpoint.as_deref().map(checkpoint_body).transpose() {
                Ok(Some(cp)) => ledger.inclusion_proof_for(&cp, entry, origin.as_deref()),
                Ok(None) => {
                    let origin = origin.unwrap_or_else(|| ledger.default_origin());
                    ledger.inclusion_proof(&origin, entry, None)
                }
                Err(code) => return code,
            };
            match proof {
                Ok(p) => {
                    println!("{}", p.to_json());
                    EXIT_OK
                }
                Err(e) => fail(&file, &e),
            }
        }
        CheckpointCommand::VerifyProof {
            proof,
            checkpoint,
            trust,
            min_signatures,
        } => {
            let p = match read(&proof)
                .and_then(|t| InclusionProof::from_json(&t).map_err(|e| fail(&proof, &e)))
            {
                Ok(p) => p,
                Err(code) => return code,
            };
            let (note, keys) = match read(&checkpoint).and_then(|n| Ok((n, trusted(&trust)?))) {
                Ok(x) => x,
                Err(code) => return code,
            };
            match Checkpoint::open(&note, &keys, min_signatures).and_then(|cp| p.verify(&cp)) {
                Ok(()) => {
                    println!(
                        "ok: entry {} ({}) is in the ledger '{}' of {} entries",
                        p.index, p.entry_hash, p.origin, p.size
                    );
                    EXIT_OK
                }
                Err(e) => fail(&proof, &e),
            }
        }
        CheckpointCommand::Consistency {
            old_cp,
            new_cp,
            file,
            trust,
            min_signatures,
            origin,
        } => {
            let ledger = match load(&file) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let (old, new, keys) =
                match read(&old_cp).and_then(|o| Ok((o, read(&new_cp)?, trusted(&trust)?))) {
                    Ok(x) => x,
                    Err(code) => return code,
                };
            let origin = origin.unwrap_or_else(|| ledger.default_origin());
            match check_consistency(&old, &new, &keys, min_signatures, &origin, &ledger) {
                Ok(p) => {
                    eprintln!(
                        "ok: the checkpoint of {} entries extends the one of {}",
                        p.new_size, p.old_size
                    );
                    println!("{}", p.to_json());
                    EXIT_OK
                }
                Err(e) => fail(&new_cp, &e),
            }
        }
    }
}

/// `ledger verify FILE --checkpoint CP --trust KEY`: the ledger against a signed checkpoint.
pub fn verify_against(
    file: &Path,
    checkpoint: &Path,
    trust: &[String],
    min_signatures: usize,
    origin: Option<String>,
) -> i32 {
    if trust.is_empty() {
        eprintln!(
            "error: --checkpoint needs at least one --trust key (the verifier key keygen printed)"
        );
        return EXIT_BAD_INPUT;
    }
    let ledger = match load(file) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let (note, keys) = match read(checkpoint).and_then(|n| Ok((n, trusted(trust)?))) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let origin = origin.unwrap_or_else(|| ledger.default_origin());
    match ledger.verify_checkpoint(&note, &keys, min_signatures, &origin) {
        Ok(v) => {
            let how = if v.ledger_size == v.checkpoint_size {
                "the ledger is the one checkpointed".to_owned()
            } else {
                format!(
                    "the ledger extends it with {} entries",
                    v.ledger_size - v.checkpoint_size
                )
            };
            println!(
                "ok: {} entries verified against the checkpoint of '{}' at {} entries signed by {}; {how}",
                v.ledger_size,
                v.origin,
                v.checkpoint_size,
                v.signed_by.join(", ")
            );
            EXIT_OK
        }
        Err(e) => fail(file, &e),
    }
}

fn keygen(name: &str, out: &Path) -> i32 {
    let key = match SigningKey::generate(name) {
        Ok(k) => k,
        Err(e) => return fail(out, &e),
    };
    // create_new: never overwrite a key (it may be the only copy); readable by
    // its owner only from the moment it exists.
    let mut options = File::options();
    options.write(true).create_new(true);
    owner_only(&mut options);
    let mut f = match options.open(out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "error: {}: {e} (keygen never overwrites a key file)",
                out.display()
            );
            return EXIT_BAD_INPUT;
        }
    };
    if let Err(e) = writeln!(f, "{}", key.to_secret_text()) {
        eprintln!("error: {}: {e}", out.display());
        return EXIT_BAD_INPUT;
    }
    println!("{}", key.verifier());
    EXIT_OK
}

#[cfg(unix)]
fn owner_only(options: &mut std::fs::OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(0o600);
}

#[cfg(not(unix))]
fn owner_only(_options: &mut std::fs::OpenOptions) {}

fn read(path: &Path) -> Result<String, i32> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: {}: {e}", path.display());
        EXIT_BAD_INPUT
    })
}

/// The checkpoint body of a signed note file, signatures not checked.
fn checkpoint_body(path: &Path) -> Result<Checkpoint, i32> {
    let text = read(path)?;
    okrkit::ledger::note::Note::parse(&text)
        .and_then(|n| Checkpoint::parse(&n.text))
        .map_err(|e| fail(path, &e))
}

/// Trusted keys: each the verifier key text, or a file holding it.
fn trusted(trust: &[String]) -> Result<Vec<VerifierKey>, i32> {
    trust
        .iter()
        .map(|t| {
            let text = if Path::new(t).is_file() {
                read(Path::new(t))?
            } else {
                t.clone()
            };
            VerifierKey::parse(&text).map_err(|e| fail(Path::new(t), &e))
        })
        .collect()
}

fn fail(path: &Path, err: &Error) -> i32 {
    match err {
        Error::NotProven { reason, entry, .. } => {
            let at = entry.map_or_else(String::new, |e| format!(" (entry {e})"));
            eprintln!("FAILED: {}: [{reason}]{at} {err}", path.display());
            EXIT_TAMPERED
        }
        Error::Tampered {
            index,
            entry_id,
            message,
        } => {
            eprintln!(
                "FAILED: {}: [tampered] entry {index} ({entry_id}) fails verification: {message}",
                path.display()
            );
            EXIT_TAMPERED
        }
        other => {
            eprintln!("error: {}: [{}] {other}", path.display(), other.code());
            EXIT_BAD_INPUT
        }
    }
}
