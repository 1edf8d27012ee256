//! Checkpoints and proofs (issue 13): published vectors (RFC 9162 from
//! transparency-dev/merkle, signed notes from Go's sumdb/note), the shared
//! okrkit vector, and the attacks a person with write access to the stored
//! ledger could try — each detected with the right reason.

mod common;

use okrkit::generate::{GenerateOptions, LedgerOptions, generate, ledger};
use okrkit::ledger::merkle::{self, Hash, MerkleTree};
use okrkit::ledger::note::{self, SigningKey, VerifierKey};
use okrkit::ledger::{Checkpoint, Entry, InclusionProof, Ledger, entry_hash, first_difference};
use serde_json::Value;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn hash(s: &str) -> Hash {
    hex(s).try_into().expect("32 bytes")
}

fn vector(name: &str) -> Value {
    let p = common::vectors_dir().join("ledger/proof").join(name);
    serde_json::from_str(&std::fs::read_to_string(p).expect("vector")).expect("json")
}

fn hashes(v: &Value) -> Vec<Hash> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|h| hash(h.as_str().expect("hex")))
        .collect()
}

#[test]
fn rfc9162_published_vectors() {
    let v = vector("rfc9162_merkle.json");
    let leaves: Vec<Hash> = v["leaves_hex"]
        .as_array()
        .expect("leaves")
        .iter()
        .map(|l| merkle::leaf_hash(&hex(l.as_str().expect("hex"))))
        .collect();
    let tree = MerkleTree::from_leaves(leaves.iter().copied());
    let roots = hashes(&v["roots_hex"]);
    for (size, root) in roots.iter().enumerate() {
        assert_eq!(
            tree.root_at(size as u64).as_ref(),
            Some(root),
            "root of {size}"
        );
    }
    for p in v["inclusion"].as_array().expect("inclusion") {
        let (i, n) = (
            p["index"].as_u64().expect("i"),
            p["size"].as_u64().expect("n"),
        );
        let want = hashes(&p["proof_hex"]);
        assert_eq!(
            tree.inclusion_proof(i, n),
            Some(want.clone()),
            "PATH({i}, {n})"
        );
        let root = roots[n as usize];
        assert!(merkle::verify_inclusion(
            i,
            n,
            &leaves[i as usize],
            &want,
            &root
        ));
        // The wrong leaf, the wrong index, the wrong root, a cut proof: all fail.
        assert!(
            !merkle::verify_inclusion(i, n, &leaves[(i as usize + 1) % 8], &want, &root) || n == 1
        );
        assert!(!merkle::verify_inclusion(
            i + 1,
            n,
            &leaves[i as usize],
            &want,
            &root
        ));
        assert!(!merkle::verify_inclusion(
            i,
            n,
            &leaves[i as usize],
            &want,
            &roots[0]
        ));
        if !want.is_empty() {
            assert!(!merkle::verify_inclusion(
                i,
                n,
                &leaves[i as usize],
                &want[1..],
                &root
            ));
        }
    }
    for p in v["consistency"].as_array().expect("consistency") {
        let (m, n) = (
            p["old_size"].as_u64().expect("m"),
            p["new_size"].as_u64().expect("n"),
        );
        let want = hashes(&p["proof_hex"]);
        assert_eq!(
            tree.consistency_proof(m, n),
            Some(want.clone()),
            "PROOF({m}, {n})"
        );
        let (old, new) = (roots[m as usize], roots[n as usize]);
        assert!(merkle::verify_consistency(m, n, &old, &new, &want));
        if m != n {
            assert!(!merkle::verify_consistency(m, n, &roots[0], &new, &want));
            assert!(!merkle::verify_consistency(m, n, &old, &roots[0], &want));
            assert!(!merkle::verify_consistency(m, n, &old, &new, &want[1..]));
        }
    }
}

#[test]
fn go_signed_note_vectors() {
    let v = vector("signed_note_go.json");
    let s = |k: &str| v[k].as_str().expect(k).to_owned();
    let key = SigningKey::parse(&s("signing_key")).expect("Go's signing key");
    assert_eq!(key.verifier().to_string(), s("verifier_key"));
    assert_eq!(
        note::sign_note(&s("text"), &[&key]).expect("signs"),
        s("signed")
    );
    let peter = VerifierKey::parse(&s("verifier_key")).expect("key");
    let enoch = VerifierKey::parse(&s("other_verifier_key")).expect("key");
    let both = format!("{}{}", s("signed"), s("other_signature_line"));
    let opened = note::open_note(&both, &[peter.clone(), enoch.clone()], 2).expect("opens");
    assert_eq!(opened.text, s("text"));
    assert_eq!(
        opened.signed_by,
        ["PeterNeumann+c74f20a3", "EnochRoot+af0cfe78"]
    );
    assert_eq!(
        note::open_note(&s("signed"), &[enoch], 1)
            .unwrap_err()
            .code(),
        "unknown_key"
    );
    for bad in v["bad_verifier_keys"].as_array().expect("bad keys") {
        assert!(
            VerifierKey::parse(bad.as_str().expect("key")).is_err(),
            "{bad}"
        );
    }
    // Go's mangling test: every strict substring and every byte changed is refused.
    let vk = s("verifier_key");
    let b = vk.as_bytes();
    for i in 0..b.len() {
        let mut m = b.to_vec();
        m[i] = m[i].wrapping_add(1);
        if let Ok(t) = String::from_utf8(m) {
            assert!(VerifierKey::parse(&t).is_err(), "{t}");
        }
        for j in i + 1..=b.len() {
            if (i, j) != (0, b.len()) && !vk[i..j].trim().eq(vk.as_str()) {
                assert!(VerifierKey::parse(&vk[i..j]).is_err(), "{}", &vk[i..j]);
            }
        }
    }
}

/// A valid generated ledger of `n` entries.
pub fn sample(n: usize) -> Ledger {
    let doc = generate(&{
        let mut o = GenerateOptions::default();
        o.seed = 7;
        o.teams = 4;
        o.objectives = 6;
        o.key_results = 12;
        o.check_ins = 0;
        o.cycles = 1;
        o
    });
    ledger(&doc, &LedgerOptions::with_entries(n)).expect("valid")
}

/// Rebuilds the hash chain from `from` on, as an attacker with write access would.
fn rechain(entries: &mut [Entry], from: usize) {
    for i in from..entries.len() {
        entries[i].seq = i as u64;
        entries[i].id = okrkit::ledger::EntryId::from(format!("e{i}"));
        entries[i].prev_hash = if i == 0 {
            okrkit::ledger::GENESIS_PREV_HASH.into()
        } else {
            entries[i - 1].hash.clone()
        };
        entries[i].hash = entry_hash(&entries[i]);
    }
}

const ORIGIN: &str = "hr.example.com/okr-ledger";

fn host() -> SigningKey {
    SigningKey::from_seed(ORIGIN, &[0x11; 32]).expect("key")
}

fn reason(err: okrkit::Error) -> (String, Option<u64>) {
    match err {
        okrkit::Error::NotProven { reason, entry, .. } => (reason.as_str().to_owned(), entry),
        other => (other.code().to_owned(), None),
    }
}

#[test]
fn shared_okrkit_checkpoint_vector() {
    let v = vector("okrkit_checkpoint.json");
    let s = |k: &str| v[k].as_str().expect(k).to_owned();
    let ledger = Ledger::from_jsonl(s("ledger_jsonl").as_bytes()).expect("loads");
    let key = SigningKey::parse(&s("signing_key")).expect("key");
    assert_eq!(key.verifier().to_string(), s("verifier_key"));
    let origin = s("origin");
    assert_eq!(
        ledger.sign_checkpoint(&origin, &[&key]).expect("signs"),
        s("checkpoint")
    );
    let trusted = [VerifierKey::parse(&s("verifier_key")).expect("key")];
    ledger
        .verify_checkpoint(&s("checkpoint"), &trusted, 1, &origin)
        .expect("verifies");
    let p = &v["inclusion"];
    let index = p["index"].as_u64().expect("index");
    let proof = ledger.inclusion_proof(&origin, index, None).expect("proof");
    let want: InclusionProof = serde_json::from_value(p.clone()).expect("proof json");
    assert_eq!(proof, want);
    let cp = Checkpoint::open(&s("checkpoint"), &trusted, 1).expect("opens");
    proof
        .verify_entry(&ledger.entries()[index as usize], &cp)
        .expect("included");
    for case in v["forged_inclusion"].as_array().expect("forged_inclusion") {
        let mut forged = p.clone();
        for (k, val) in case["set"].as_object().expect("set") {
            forged[k] = val.clone();
        }
        let err = okrkit::ledger::proof_text::verify_inclusion_proof_json(
            &forged.to_string(),
            &s("checkpoint"),
            &trusted,
            1,
        )
        .expect_err(case["case"].as_str().expect("case"));
        assert_eq!(reason(err).0, case["expect"], "{}", case["case"]);
    }
    let c = &v["consistency"];
    let want: okrkit::ledger::ConsistencyProof =
        serde_json::from_value(c.clone()).expect("consistency json");
    assert_eq!(
        ledger
            .consistency_proof(&origin, want.old_size, want.new_size)
            .expect("proof"),
        want
    );
    for case in v["errors"].as_array().expect("errors") {
        let note = case["checkpoint"]
            .as_str()
            .map_or(s("checkpoint"), str::to_owned);
        let keep = case["ledger_entries"]
            .as_u64()
            .map_or(ledger.len(), |n| n as usize);
        let short = Ledger::from_entries(ledger.entries()[..keep].to_vec()).expect("prefix");
        let trust: Vec<VerifierKey> = case["trust"].as_str().map_or(trusted.to_vec(), |k| {
            vec![VerifierKey::parse(k).expect("key")]
        });
        let origin = case["origin"].as_str().unwrap_or(&origin);
        let min = case["min_signatures"].as_u64().map_or(1, |n| n as usize);
        let err = short
            .verify_checkpoint(&note, &trust, min, origin)
            .unwrap_err();
        assert_eq!(
            err.code(),
            case["expect"].as_str().expect("expect"),
            "{case}"
        );
    }
}

/// Prints the okrkit vector (run with `--ignored --nocapture` after a change
/// of format, then review the diff by hand).
#[test]
#[ignore]
fn print_okrkit_vector() {
    let ledger = sample(6);
    let key = host();
    let note = ledger.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    let other = SigningKey::from_seed("auditor.example", &[0x22; 32]).expect("key");
    let mut flipped = note.clone().into_bytes();
    flipped[3] ^= 1;
    let proof = ledger.inclusion_proof(ORIGIN, 3, None).expect("proof");
    let forged_inclusion = serde_json::json!([
        {"case": "entry_hash names no entry", "set": {"entry_hash": "deadbeef".repeat(8)}, "expect": "bad_proof"},
        {"case": "entry_hash names another entry", "set": {"entry_hash": ledger.entries()[2].hash.as_str()}, "expect": "bad_proof"},
        {"case": "entry_hash in upper case", "set": {"entry_hash": proof.entry_hash.to_uppercase()}, "expect": "parse_error"},
        {"case": "leaf_hash of another entry", "set": {"leaf_hash": proof.hashes[0]}, "expect": "bad_proof"},
        {"case": "root not base64 of 32 bytes", "set": {"root": "AAAA"}, "expect": "parse_error"},
        {"case": "root not the checkpoint's", "set": {"root": proof.hashes[1]}, "expect": "bad_proof"},
        {"case": "index of another entry", "set": {"index": 2}, "expect": "bad_proof"},
        {"case": "a member okrkit does not write", "set": {"entry": "e3"}, "expect": "parse_error"}
    ]);
    let v = serde_json::json!({
        "forged_inclusion": forged_inclusion,
        "description": "A ledger of 6 entries, checkpointed with a key from the fixed seed 0x11 x 32; the signature is deterministic (Ed25519).",
        "ledger_jsonl": ledger.to_jsonl(),
        "origin": ORIGIN,
        "signing_key": key.to_secret_text(),
        "verifier_key": key.verifier().to_string(),
        "checkpoint": note,
        "inclusion": serde_json::to_value(&proof).expect("json"),
        "consistency": serde_json::to_value(ledger.consistency_proof(ORIGIN, 2, 6).expect("proof")).expect("json"),
        "errors": [
            {"case": "the ledger cut to 4 entries", "ledger_entries": 4, "expect": "truncation"},
            {"case": "the ledger emptied", "ledger_entries": 0, "expect": "truncation"},
            {"case": "a byte of the note's origin changed", "checkpoint": String::from_utf8(flipped).expect("utf8"), "expect": "bad_signature"},
            {"case": "only an untrusted key is trusted", "trust": other.verifier().to_string(), "expect": "unknown_key"},
            {"case": "the reader expects another ledger", "origin": "other.example/ledger", "expect": "origin_mismatch"},
            {"case": "not a note", "checkpoint": "hello\n", "expect": "parse_error"},
            {"case": "more trusted signatures asked for than the note carries", "min_signatures": 2, "expect": "not_enough_signatures"},
            {"case": "a minimum of 0 signatures (refused before the note is read)", "min_signatures": 0, "checkpoint": "hello\n", "expect": "invalid_value"}
        ]
    });
    println!("{}", serde_json::to_string_pretty(&v).expect("json"));
}

#[test]
fn an_honest_extension_verifies_and_an_old_head_is_a_prefix() {
    let full = sample(40);
    let key = host();
    for n in [0, 1, 2, 17, 39, 40] {
        let prefix = Ledger::from_entries(full.entries()[..n].to_vec()).expect("prefix");
        let note = prefix.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
        let ok = full
            .verify_checkpoint(&note, &[key.verifier()], 1, ORIGIN)
            .expect("an honest extension verifies");
        assert_eq!((ok.checkpoint_size, ok.ledger_size), (n as u64, 40));
        if n > 0 {
            full.verify_head(prefix.head())
                .expect("an old head of an honest prefix verifies");
        }
    }
}

#[test]
fn a_rewrite_with_recomputed_hashes_is_detected_at_every_position() {
    let ledger = sample(30);
    let key = host();
    let note = ledger.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    for k in 1..ledger.len() {
        let mut entries = ledger.entries().to_vec();
        // A later time is always allowed by the rules; the chain is rebuilt.
        entries[k].at += chrono::Duration::seconds(1);
        for e in entries.iter_mut().skip(k + 1) {
            if e.at < entries_at(&ledger, k) + chrono::Duration::seconds(1) {
                e.at = entries_at(&ledger, k) + chrono::Duration::seconds(1);
            }
        }
        rechain(&mut entries, k);
        let forged = Ledger::from_entries(entries).expect("the chain alone cannot tell");
        forged
            .verify()
            .expect("a hash chain proves nothing against its keeper");
        let err = forged
            .verify_checkpoint(&note, &[key.verifier()], 1, ORIGIN)
            .unwrap_err();
        assert_eq!(reason(err).0, "rewrite", "rewrite of entry {k}");
        assert_eq!(
            first_difference(ledger.entries(), forged.entries()),
            Some(k as u64)
        );
    }
}

fn entries_at(l: &Ledger, k: usize) -> chrono::DateTime<chrono::Utc> {
    l.entries()[k].at
}

#[test]
fn truncation_at_every_position_names_the_first_missing_entry() {
    let ledger = sample(25);
    let key = host();
    let note = ledger.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    for n in 0..ledger.len() {
        let cut = Ledger::from_entries(ledger.entries()[..n].to_vec()).expect("prefix");
        let err = cut
            .verify_checkpoint(&note, &[key.verifier()], 1, ORIGIN)
            .unwrap_err();
        assert_eq!(reason(err), ("truncation".to_owned(), Some(n as u64)));
        assert!(cut.verify_head(ledger.head()).is_err());
    }
}

#[test]
fn a_reordered_or_spliced_ledger_is_a_rewrite() {
    let ledger = sample(20);
    let other = {
        let doc = generate(&{
            let mut o = GenerateOptions::default();
            o.seed = 8;
            o.teams = 4;
            o.objectives = 6;
            o.key_results = 12;
            o.check_ins = 0;
            o.cycles = 1;
            o
        });
        okrkit::generate::ledger(&doc, &LedgerOptions::check_ins_only(20)).expect("valid")
    };
    let key = host();
    let note = ledger.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    // Entry 0 of another ledger spliced in, every hash recomputed.
    let mut spliced = ledger.entries().to_vec();
    spliced[0] = other.entries()[0].clone();
    rechain(&mut spliced, 0);
    let err = okrkit::ledger::verify(&spliced)
        .map(|_| ())
        .and_then(|()| {
            Ledger::from_entries(spliced.clone())?.verify_checkpoint(
                &note,
                &[key.verifier()],
                1,
                ORIGIN,
            )
        })
        .unwrap_err();
    // Either the rules refuse the replay (a tampered chain) or the root differs.
    assert!(matches!(err.code(), "rewrite" | "tampered"), "{err}");
    // Two check-ins swapped (same time), chain rebuilt.
    let mut swapped = ledger.entries().to_vec();
    let (a, b) = (swapped.len() - 2, swapped.len() - 1);
    let t = swapped[b].at;
    swapped[a].at = t;
    swapped.swap(a, b);
    rechain(&mut swapped, a);
    if let Ok(l) = Ledger::from_entries(swapped) {
        let err = l
            .verify_checkpoint(&note, &[key.verifier()], 1, ORIGIN)
            .unwrap_err();
        assert_eq!(reason(err).0, "rewrite");
    }
}

#[test]
fn a_fork_is_two_checkpoints_that_disagree() {
    let ledger = sample(20);
    let key = host();
    let trusted = [key.verifier()];
    let old = Ledger::from_entries(ledger.entries()[..10].to_vec()).expect("prefix");
    let old_note = old.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    let new_note = ledger.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    okrkit::ledger::check_consistency(&old_note, &new_note, &trusted, 1, ORIGIN, &ledger)
        .expect("consistent");
    // The keeper shows another reader a history that shares a prefix of 5 entries.
    let mut fork = ledger.entries().to_vec();
    fork[5].at += chrono::Duration::seconds(1);
    for i in 6..fork.len() {
        if fork[i].at < fork[5].at {
            fork[i].at = fork[5].at;
        }
    }
    rechain(&mut fork, 5);
    let fork = Ledger::from_entries(fork).expect("valid chain");
    let fork_note = fork.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    // Same size, different roots.
    let err = okrkit::ledger::check_consistency(&new_note, &fork_note, &trusted, 1, ORIGIN, &fork)
        .unwrap_err();
    assert_eq!(reason(err).0, "fork");
    // The old checkpoint against the forked ledger's newer one.
    let err = okrkit::ledger::check_consistency(&old_note, &fork_note, &trusted, 1, ORIGIN, &fork)
        .unwrap_err();
    assert_eq!(reason(err).0, "fork");
    assert_eq!(first_difference(ledger.entries(), fork.entries()), Some(5));
}

#[test]
fn signatures_keys_and_origins() {
    let ledger = sample(8);
    let host = host();
    let auditor = SigningKey::from_seed("auditor.example", &[0x22; 32]).expect("key");
    let mallory = SigningKey::from_seed(ORIGIN, &[0x33; 32]).expect("key");
    let note = ledger.sign_checkpoint(ORIGIN, &[&host]).expect("signs");
    // Signed by an untrusted key only.
    let m = ledger.sign_checkpoint(ORIGIN, &[&mallory]).expect("signs");
    let err = ledger
        .verify_checkpoint(&m, &[host.verifier()], 1, ORIGIN)
        .unwrap_err();
    assert_eq!(reason(err).0, "unknown_key");
    // A forged signature line claiming the host's key id (mallory's signature bytes).
    let forged_sig = {
        let parsed = note::Note::parse(&m).expect("parses");
        let mut raw = host.id().to_be_bytes().to_vec();
        raw.extend_from_slice(&parsed.signatures[0].signature);
        use base64::Engine as _;
        format!(
            "{}\n\u{2014} {ORIGIN} {}\n",
            parsed.text,
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    };
    let err = ledger
        .verify_checkpoint(&forged_sig, &[host.verifier()], 1, ORIGIN)
        .unwrap_err();
    assert_eq!(reason(err).0, "bad_signature");
    // Several signers: host and auditor; a reader requiring both.
    let both = note::cosign_note(&note, &auditor).expect("cosigns");
    let trusted = [host.verifier(), auditor.verifier()];
    ledger
        .verify_checkpoint(&both, &trusted, 2, ORIGIN)
        .expect("two signers");
    let err = ledger
        .verify_checkpoint(&note, &trusted, 2, ORIGIN)
        .unwrap_err();
    assert_eq!(reason(err).0, "not_enough_signatures");
    // A checkpoint of another origin.
    let other = ledger
        .sign_checkpoint("other.example/ledger", &[&host])
        .expect("signs");
    let err = ledger
        .verify_checkpoint(&other, &[host.verifier()], 1, ORIGIN)
        .unwrap_err();
    assert_eq!(reason(err).0, "origin_mismatch");
    // A default origin names the first entry.
    let default = ledger.default_origin();
    assert!(default.starts_with("okrkit.ledger/"));
    let n = ledger.sign_checkpoint(&default, &[&host]).expect("signs");
    ledger
        .verify_checkpoint(&n, &[host.verifier()], 1, &default)
        .expect("verifies");
    let prefix = Ledger::from_entries(ledger.entries()[..3].to_vec()).expect("prefix");
    let p = prefix
        .sign_checkpoint(&prefix.default_origin(), &[&host])
        .expect("signs");
    ledger
        .verify_checkpoint(&p, &[host.verifier()], 1, &default)
        .expect("same first entry, same default origin");
}

#[test]
fn malformed_notes_are_parse_errors_not_panics() {
    let ledger = sample(3);
    let key = host();
    let note = ledger.sign_checkpoint(ORIGIN, &[&key]).expect("signs");
    for bad in [
        "",
        "\n",
        "x\n\n",
        "a\nb\n\n\u{2014} x\n",
        "a\n\n\u{2014} k AAAA\n",
        &note.replace('\n', "\r\n"),
        &note[..note.len() - 1],
        &note.replacen("\n3\n", "\n03\n", 1),
    ] {
        let err = ledger
            .verify_checkpoint(bad, &[key.verifier()], 1, ORIGIN)
            .unwrap_err();
        assert!(
            matches!(err.code(), "parse_error" | "bad_signature" | "unknown_key"),
            "{bad:?}: {err}"
        );
    }
}

/// The text forms the bindings hand over (`okrkit::ledger::proof_text`):
/// trusted keys as text, proofs as the core's JSON, checkpoints as notes.
#[test]
fn proofs_given_as_text_verify_or_fail_with_their_reason() {
    use okrkit::ledger::proof_text::{
        parse_verifier_keys, verify_consistency_proof_json, verify_inclusion_proof_json,
    };
    let v = vector("okrkit_checkpoint.json");
    let s = |k: &str| v[k].as_str().expect(k).to_owned();
    let ledger = Ledger::from_jsonl(s("ledger_jsonl").as_bytes()).expect("loads");
    let key = SigningKey::parse(&s("signing_key")).expect("key");
    let trusted = parse_verifier_keys(&[s("verifier_key")]).expect("keys");
    assert_eq!(trusted.len(), 1);
    assert_eq!(trusted[0].to_string(), key.verifier().to_string());
    let bad = parse_verifier_keys(&[s("verifier_key"), "not a key".into()]);
    assert_eq!(
        bad.map(|_| ()).map_err(reason),
        Err(("parse_error".into(), None))
    );

    let note = s("checkpoint");
    let inclusion = v["inclusion"].to_string();
    verify_inclusion_proof_json(&inclusion, &note, &trusted, 1).expect("included");
    let err = verify_inclusion_proof_json("{", &note, &trusted, 1).unwrap_err();
    assert_eq!(reason(err).0, "parse_error");
    let err = verify_inclusion_proof_json(&inclusion, &note, &trusted, 2).unwrap_err();
    assert_eq!(reason(err).0, "not_enough_signatures");

    let consistency = v["consistency"].to_string();
    let old = Ledger::from_entries(ledger.entries()[..2].to_vec())
        .expect("prefix")
        .sign_checkpoint(&s("origin"), &[&key])
        .expect("signs");
    verify_consistency_proof_json(&consistency, &old, &note, &trusted, 1).expect("consistent");
    // The checkpoints swapped: the "new" one is shorter than the proof's.
    let err = verify_consistency_proof_json(&consistency, &note, &old, &trusted, 1).unwrap_err();
    assert_eq!(reason(err).0, "truncation");
    let err =
        verify_consistency_proof_json(&consistency, &old, "hello\n", &trusted, 1).unwrap_err();
    assert_eq!(reason(err).0, "parse_error");
}

/// Finding 1 (session 14): an inclusion proof names an entry by its hash, and
/// verifying it derives the leaf from that hash, so a proof edited to name
/// another entry, or no entry, fails in the core's own check (the CLI and
/// every binding go through it). Every field of the proof JSON is attacked.
#[test]
fn a_forged_inclusion_proof_fails_whatever_field_was_edited() {
    use okrkit::ledger::proof_text::verify_inclusion_proof_json;
    let v = vector("okrkit_checkpoint.json");
    let s = |k: &str| v[k].as_str().expect(k).to_owned();
    let ledger = Ledger::from_jsonl(s("ledger_jsonl").as_bytes()).expect("loads");
    let trusted = [VerifierKey::parse(&s("verifier_key")).expect("key")];
    let note = s("checkpoint");
    let good = v["inclusion"].clone();
    verify_inclusion_proof_json(&good.to_string(), &note, &trusted, 1).expect("the honest proof");
    let other = ledger.entries()[2].hash.to_string();
    let leaf = good["leaf_hash"].clone();
    let edits: Vec<(&str, Value, &str)> = vec![
        ("entry_hash", Value::from("deadbeef".repeat(8)), "bad_proof"),
        ("entry_hash", Value::from(other), "bad_proof"),
        (
            "entry_hash",
            Value::from(good["entry_hash"].as_str().expect("h").to_uppercase()),
            "parse_error",
        ),
        ("entry_hash", Value::from("zz"), "parse_error"),
        ("entry_hash", Value::from(""), "parse_error"),
        ("leaf_hash", Value::from("AAAA"), "parse_error"),
        ("leaf_hash", good["hashes"][0].clone(), "bad_proof"),
        ("root", Value::from("AAAA"), "parse_error"),
        ("root", good["hashes"][0].clone(), "bad_proof"),
        ("index", Value::from(2), "bad_proof"),
        ("index", Value::from(6), "bad_proof"),
        ("index", Value::from(u64::MAX), "bad_proof"),
        ("size", Value::from(7), "bad_proof"),
        ("size", Value::from(0), "bad_proof"),
        ("hashes", Value::from(Vec::<String>::new()), "bad_proof"),
        (
            "origin",
            Value::from("other.example/ledger"),
            "origin_mismatch",
        ),
        ("extra", Value::from(1), "parse_error"),
    ];
    for (field, value, want) in edits {
        let mut p = good.clone();
        p[field] = value.clone();
        let err = verify_inclusion_proof_json(&p.to_string(), &note, &trusted, 1)
            .expect_err(&format!("{field} = {value} must fail"));
        assert_eq!(reason(err).0, want, "{field} = {value}");
    }
    // A member given twice (the honest hash, then a forged one) is refused.
    let honest = good.to_string();
    let twice = format!(
        "{},\"entry_hash\":\"{}\"}}",
        &honest[..honest.len() - 1],
        "deadbeef".repeat(8)
    );
    let err = verify_inclusion_proof_json(&twice, &note, &trusted, 1).unwrap_err();
    assert_eq!(reason(err).0, "parse_error", "{twice}");
    // One hash too many, or the path's hashes swapped.
    let mut p = good.clone();
    p["hashes"].as_array_mut().expect("a").push(leaf.clone());
    let err = verify_inclusion_proof_json(&p.to_string(), &note, &trusted, 1).unwrap_err();
    assert_eq!(reason(err).0, "bad_proof");
    let mut p = good.clone();
    p["hashes"].as_array_mut().expect("a").swap(0, 1);
    let err = verify_inclusion_proof_json(&p.to_string(), &note, &trusted, 1).unwrap_err();
    assert_eq!(reason(err).0, "bad_proof");
    // The Rust-side check against the entry itself: another entry's proof fails.
    let cp = Checkpoint::open(&note, &trusted, 1).expect("opens");
    let proof: InclusionProof = serde_json::from_value(good).expect("proof");
    let err = proof.verify_entry(&ledger.entries()[2], &cp).unwrap_err();
    assert_eq!(reason(err).0, "bad_proof");
    let mut edited = ledger.entries()[3].clone();
    edited.at += chrono::Duration::seconds(1);
    let err = proof.verify_entry(&edited, &cp).unwrap_err();
    assert_eq!(reason(err).0, "bad_proof");
}

/// Red team 14, finding 9: a head that is not a head (not 64 lower-case hex
/// digits: spaces around it, upper case, `zz`) is a `parse_error` naming
/// `head`, not a tamper alarm; a well-formed head the ledger does not
/// contain still is `tampered`.
#[test]
fn verify_head_refuses_text_that_is_not_a_head() {
    let l = sample(4);
    let head = l.head().to_owned();
    l.verify_head(&head).expect("its own head");
    l.verify_head(&l.entries()[1].hash)
        .expect("an earlier head");
    for bad in [
        format!(" {head}"),
        format!("{head} "),
        head.to_uppercase(),
        "zz".to_owned(),
        String::new(),
        format!("{head}0"),
    ] {
        let err = l.verify_head(&bad).expect_err(&bad);
        assert_eq!(err.code(), "parse_error", "{bad:?}: {err}");
        assert!(
            matches!(&err, okrkit::Error::Parse { path, .. } if path == "head"),
            "{err:?}"
        );
    }
    let err = l.verify_head(&"0".repeat(63)).expect_err("short");
    assert_eq!(err.code(), "parse_error");
    let err = l
        .verify_head(&"ab".repeat(32))
        .expect_err("not in the ledger");
    assert_eq!(err.code(), "tampered");
}
