//! `okrkit ledger keygen|checkpoint|verify --checkpoint|prove|verify-proof|consistency`
//! end to end, as an attacker with write access to the ledger file would try
//! it: each attack exits 1 with the right reason; unreadable input exits 2.

use okrkit::generate::{GenerateOptions, LedgerOptions, generate, ledger};
use okrkit::ledger::{Entry, GENESIS_PREV_HASH, Ledger, entry_hash};
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_okrkit");
const ORIGIN: &str = "hr.example.com/okr";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("okrkit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("okrkit-cp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn write(d: &std::path::Path, name: &str, content: &str) -> String {
    let p = d.join(name);
    std::fs::write(&p, content).expect("write");
    p.to_string_lossy().into_owned()
}

fn sample(n: usize, seed: u64) -> Ledger {
    let doc = generate(&{
        let mut o = GenerateOptions::default();
        o.seed = seed;
        o.teams = 4;
        o.objectives = 6;
        o.key_results = 12;
        o.check_ins = 0;
        o.cycles = 1;
        o
    });
    ledger(&doc, &LedgerOptions::with_entries(n)).expect("valid")
}

fn rechain(entries: &mut [Entry], from: usize) {
    for i in from..entries.len() {
        entries[i].prev_hash = if i == 0 {
            GENESIS_PREV_HASH.into()
        } else {
            entries[i - 1].hash.clone()
        };
        entries[i].hash = entry_hash(&entries[i]);
    }
}

/// A key, its verifier key text, a ledger file and its signed checkpoint.
struct Setup {
    d: PathBuf,
    key: String,
    vkey: String,
    file: String,
    cp: String,
    ledger: Ledger,
}

fn setup(name: &str, n: usize) -> Setup {
    let d = dir(name);
    let key = d.join("host.key").to_string_lossy().into_owned();
    let (code, vkey, err) = run(&["ledger", "keygen", ORIGIN, "--out", &key]);
    assert_eq!(code, 0, "{err}");
    let ledger = sample(n, 7);
    let file = write(&d, "ledger.jsonl", &ledger.to_jsonl());
    let (code, note, err) = run(&[
        "ledger",
        "checkpoint",
        &file,
        "--key",
        &key,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 0, "{err}");
    let cp = write(&d, "cp", &note);
    Setup {
        d,
        key,
        vkey: vkey.trim().to_owned(),
        file,
        cp,
        ledger,
    }
}

fn verify(s: &Setup, file: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "ledger",
        "verify",
        file,
        "--checkpoint",
        &s.cp,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn keygen_never_overwrites_and_prints_the_verifier_key() {
    let s = setup("keygen", 3);
    let secret = std::fs::read_to_string(&s.key).expect("key file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&s.key)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the key file is readable by its owner only"
        );
    }
    assert!(secret.starts_with(&format!("PRIVATE+KEY+{ORIGIN}+")));
    assert!(s.vkey.starts_with(&format!("{ORIGIN}+")) && !s.vkey.contains("PRIVATE"));
    let (code, out, err) = run(&["ledger", "keygen", "other", "--out", &s.key]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert_eq!(std::fs::read_to_string(&s.key).expect("key file"), secret);
    // Two keys are never the same (OS randomness).
    let (_, other, _) = run(&[
        "ledger",
        "keygen",
        ORIGIN,
        "--out",
        &s.d.join("k2").to_string_lossy(),
    ]);
    assert_ne!(other.trim(), s.vkey);
}

#[test]
fn the_checkpointed_ledger_and_an_honest_extension_verify() {
    let s = setup("honest", 12);
    let (code, out, err) = verify(&s, &s.file, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the ledger is the one checkpointed"), "{out}");
    // The trusted key given as a file.
    let vfile = write(&s.d, "host.pub", &s.vkey);
    let (code, _, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &s.cp,
        "--trust",
        &vfile,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 0, "{err}");
    // A checkpoint of the first 7 entries against the whole ledger.
    let prefix = Ledger::from_entries(s.ledger.entries()[..7].to_vec()).expect("prefix");
    let pfile = write(&s.d, "prefix.jsonl", &prefix.to_jsonl());
    let (_, note, _) = run(&[
        "ledger",
        "checkpoint",
        &pfile,
        "--key",
        &s.key,
        "--origin",
        ORIGIN,
    ]);
    let old = write(&s.d, "old_cp", &note);
    let (code, out, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &old,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("extends it with 5 entries"), "{out}");
    let (code, proof, err) = run(&[
        "ledger",
        "consistency",
        &old,
        &s.cp,
        &s.file,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(proof.contains("\"old_size\": 7"));
}

#[test]
fn without_a_checkpoint_verify_says_what_it_cannot_detect() {
    let s = setup("nocp", 3);
    let (code, _, err) = run(&["ledger", "verify", &s.file]);
    assert_eq!(code, 0);
    assert!(err.contains("without a checkpoint"), "{err}");
    // The weakness it names: an emptied file passes the chain check alone.
    let empty = write(&s.d, "empty.jsonl", "");
    assert_eq!(run(&["ledger", "verify", &empty]).0, 0);
    let (code, _, err) = verify(&s, &empty, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("[truncation] (entry 0)"), "{err}");
}

#[test]
fn truncation_at_every_position() {
    let s = setup("cut", 10);
    let all = s.ledger.to_jsonl();
    let lines: Vec<&str> = all.lines().collect();
    for k in 0..lines.len() {
        let text: String = lines[..k].iter().map(|l| format!("{l}\n")).collect();
        let cut = write(&s.d, "cut.jsonl", &text);
        let (code, _, err) = verify(&s, &cut, &[]);
        assert_eq!(code, 1, "cut at {k}: {err}");
        assert!(err.contains(&format!("[truncation] (entry {k})")), "{err}");
    }
}

#[test]
fn a_rewrite_with_recomputed_hashes_and_a_fork() {
    let s = setup("rewrite", 10);
    let mut entries = s.ledger.entries().to_vec();
    let k = 4;
    entries[k].at += chrono::Duration::seconds(1);
    for i in k + 1..entries.len() {
        if entries[i].at < entries[k].at {
            entries[i].at = entries[k].at;
        }
    }
    rechain(&mut entries, k);
    let forged = Ledger::from_entries(entries).expect("the chain alone cannot tell");
    let ffile = write(&s.d, "forged.jsonl", &forged.to_jsonl());
    assert_eq!(
        run(&["ledger", "verify", &ffile]).0,
        0,
        "a chain proves nothing alone"
    );
    let (code, _, err) = verify(&s, &ffile, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("[rewrite]"), "{err}");
    // The keeper signs the forged history too: two checkpoints of one origin, a fork.
    let (_, note, _) = run(&[
        "ledger",
        "checkpoint",
        &ffile,
        "--key",
        &s.key,
        "--origin",
        ORIGIN,
    ]);
    let fcp = write(&s.d, "forged_cp", &note);
    let (code, _, err) = run(&[
        "ledger",
        "consistency",
        &s.cp,
        &fcp,
        &ffile,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("[fork]"), "{err}");
}

#[test]
fn a_spliced_entry_untrusted_key_other_origin_and_unreadable_input() {
    let s = setup("misc", 6);
    // An entry of another ledger spliced in (its hashes kept): the chain breaks.
    let other = sample(6, 8);
    let mut lines: Vec<String> = s.ledger.to_jsonl().lines().map(str::to_owned).collect();
    lines[3] = other.to_jsonl().lines().nth(3).expect("line").to_owned();
    let spliced = write(&s.d, "spliced.jsonl", &(lines.join("\n") + "\n"));
    let (code, _, err) = verify(&s, &spliced, &[]);
    assert_eq!(code, 1, "{err}");
    // Signed by a key the reader does not trust.
    let mk = s.d.join("mallory.key").to_string_lossy().into_owned();
    let (_, mallory, _) = run(&["ledger", "keygen", ORIGIN, "--out", &mk]);
    let (code, _, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &s.cp,
        "--trust",
        mallory.trim(),
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("[unknown_key]"), "{err}");
    // Two signatures required, one given.
    let (code, _, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &s.cp,
        "--trust",
        &s.vkey,
        "--trust",
        mallory.trim(),
        "--min-signatures",
        "2",
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("[not_enough_signatures]"), "{err}");
    // None required is refused as a bad argument (exit 2), not read as 1.
    let (code, _, err) = verify(&s, &s.file, &["--min-signatures", "0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("[invalid_value] min_signatures"), "{err}");
    // The second signer co-signs: two trusted signatures, two required.
    let (code, both, err) = run(&["ledger", "cosign", &s.cp, "--key", &mk]);
    assert_eq!(code, 0, "{err}");
    let both = write(&s.d, "both_cp", &both);
    let (code, out, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &both,
        "--trust",
        &s.vkey,
        "--trust",
        mallory.trim(),
        "--min-signatures",
        "2",
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(", "), "two signers named: {out}");
    // A checkpoint of another origin.
    let (_, note, _) = run(&[
        "ledger",
        "checkpoint",
        &s.file,
        "--key",
        &s.key,
        "--origin",
        "other.example",
    ]);
    let ocp = write(&s.d, "other_cp", &note);
    let (code, _, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &ocp,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("[origin_mismatch]"), "{err}");
    // A changed byte of the note.
    let text = std::fs::read_to_string(&s.cp).expect("cp");
    let changed = write(&s.d, "changed_cp", &text.replacen("\n6\n", "\n5\n", 1));
    let (code, _, err) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &changed,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("[bad_signature]"), "{err}");
    // Unreadable: not a note, no such file, a malformed key.
    let junk = write(&s.d, "junk", "hello\n");
    assert_eq!(verify(&s, &s.file, &[]).0, 0);
    let (code, _, _) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &junk,
        "--trust",
        &s.vkey,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        "/nonexistent/cp",
        "--trust",
        &s.vkey,
    ]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&[
        "ledger",
        "verify",
        &s.file,
        "--checkpoint",
        &s.cp,
        "--trust",
        "not+a+key",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn prove_and_verify_proof() {
    let s = setup("prove", 9);
    let (code, proof, err) = run(&[
        "ledger",
        "prove",
        &s.file,
        "--entry",
        "4",
        "--checkpoint",
        &s.cp,
        "--origin",
        ORIGIN,
    ]);
    assert_eq!(code, 0, "{err}");
    let verify_proof = |name: &str, text: &str| {
        let file = write(&s.d, name, text);
        run(&[
            "ledger",
            "verify-proof",
            &file,
            "--checkpoint",
            &s.cp,
            "--trust",
            &s.vkey,
        ])
    };
    let (code, out, err) = verify_proof("proof.json", &proof);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("entry 4"), "{out}");
    // The proof claims another entry: it fails.
    let (code, _, err) = verify_proof("lied.json", &proof.replace("\"index\": 4", "\"index\": 5"));
    assert_eq!(code, 1);
    assert!(err.contains("[bad_proof]"), "{err}");
    // The proof names another entry's hash, or none (red team 14, finding 1):
    // the leaf is derived from it, so it fails.
    let v: serde_json::Value = serde_json::from_str(&proof).expect("json");
    let named = v["entry_hash"].as_str().expect("hash").to_owned();
    let other = s.ledger.entries()[3].hash.to_string();
    for forged in ["deadbeef".repeat(8), other] {
        let (code, out, err) = verify_proof("named.json", &proof.replace(&named, &forged));
        assert_eq!(code, 1, "{out}");
        assert!(err.contains("[bad_proof]"), "{err}");
    }
    let (code, _, _) = run(&["ledger", "prove", &s.file, "--entry", "9"]);
    assert_eq!(code, 2);
}

/// F9: `prove --checkpoint` takes the checkpoint's origin (the proof then
/// verifies), refuses a conflicting `--origin` (`invalid_value`, exit 2),
/// and against a ledger shorter than the checkpoint says `truncation`
/// (exit 1) as `verify --checkpoint` does, not "no entry N".
#[test]
fn prove_takes_the_checkpoints_origin_and_names_a_truncation() {
    let s = setup("prove-origin", 6);
    // `ledger prove FILE --entry N --checkpoint CP`, then `extra` flags.
    let prove = |file: &str, entry: &str, extra: &[&str]| {
        let mut args = vec![
            "ledger",
            "prove",
            file,
            "--entry",
            entry,
            "--checkpoint",
            &s.cp,
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let (code, proof, err) = prove(&s.file, "2", &[]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&proof).expect("json");
    assert_eq!(v["origin"], ORIGIN);
    let file = write(&s.d, "proof.json", &proof);
    let (code, _, err) = run(&[
        "ledger",
        "verify-proof",
        &file,
        "--checkpoint",
        &s.cp,
        "--trust",
        &s.vkey,
    ]);
    assert_eq!(code, 0, "{err}");
    // The same origin given: fine; another: refused, nothing printed.
    let (code, _, err) = prove(&s.file, "2", &["--origin", ORIGIN]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = prove(&s.file, "2", &["--origin", "wrong.example"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("[invalid_value]") && err.contains(ORIGIN) && err.contains("wrong.example"),
        "{err}"
    );
    // The ledger cut to 2 entries, the checkpoint of 6: a truncation, for an entry it has.
    let short: String = s
        .ledger
        .to_jsonl()
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    let short = write(&s.d, "short.jsonl", &short);
    let (code, out, err) = prove(&short, "1", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("[truncation]") && !err.contains("no entry"),
        "{err}"
    );
    let (code, _, verr) = verify(&s, &short, &[]);
    assert_eq!(code, 1);
    assert!(verr.contains("[truncation]"), "{verr}");
}
