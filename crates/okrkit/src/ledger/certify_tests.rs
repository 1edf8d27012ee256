//! The certified fast path against the writer: a line the reader certifies
//! is exactly the entry's JSON Lines record (and its canonical part is the
//! canonical form), and a line that is the record is certified — on
//! generated lines in canonical and other spellings, and damaged ones. Then
//! whole ledgers, damaged as an attacker who stores them would, read with
//! and without certification: the same entries, or the same error.

use super::Ledger;
use super::canonical;
use super::entry::Entry;
use super::fast_parse::{check_in, number_is_canonical, time_is_canonical};
use super::hash::{Hasher, entry_hash};
use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use proptest::prelude::*;

/// The canonical spelling of a number.
fn written(v: f64) -> String {
    let mut b = Vec::new();
    canonical::number(&mut b, v);
    String::from_utf8(b).expect("ASCII")
}

/// Finite numbers: plain and random, around the writer's switches between
/// plain and exponent forms and the 15/16/17-digit boundaries.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(0.1),
        Just(1e15),
        Just(999_999_999_999_999.0),
        Just(1e16),
        Just(1e-7),
        Just(5e-324),
        Just(f64::MAX),
        Just(0.30000000000000004),
        (-1000i64..1000).prop_map(|n| n as f64),
        (-100_000i64..100_000, 0u32..6).prop_map(|(n, k)| n as f64 / 10f64.powi(k as i32)),
        (1u64..1u64 << 53, -25i32..25).prop_map(|(m, e)| m as f64 * 10f64.powi(e)),
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
    ]
}

/// A spelling of `v` in JSON number syntax (or near it): the writer's, Rust's
/// `Display`, `Debug` and `{:e}`, a trailing zero, a capital `E`, a sign on
/// a zero, a fixed number of decimals, a leading zero.
fn spell(v: f64, style: u8) -> String {
    let w = written(v);
    match style % 9 {
        0 | 1 => w,
        2 => format!("{v}"),
        3 => format!("{v:?}"),
        4 => format!("{v:e}"),
        5 if !w.contains('e') => format!("{w}0"),
        6 => format!("{v:?}").replace('e', "E"),
        7 => format!("-{w}"),
        8 => format!("{v:.3}"),
        _ => format!("0{w}"),
    }
}

/// Instants from year 0 to 9999, with no, milli-, micro- or nanosecond parts.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (
        -62_167_219_200i64..253_402_300_799,
        0u32..4,
        0u32..1_000_000_000,
    )
        .prop_map(|(secs, kind, nanos)| {
            let nanos = match kind {
                0 => 0,
                1 => nanos / 1_000_000 * 1_000_000,
                2 => nanos / 1_000 * 1_000,
                _ => nanos,
            };
            Utc.timestamp_opt(secs, nanos).single().expect("in range")
        })
}

/// A spelling of `t`: chrono's forms (fixed digits, `Z` or `+00:00`), or a
/// fraction of one, two, four, five, seven or eight digits.
fn spell_time(t: &DateTime<Utc>, style: u8) -> String {
    let form = [
        SecondsFormat::AutoSi,
        SecondsFormat::Secs,
        SecondsFormat::Millis,
        SecondsFormat::Micros,
        SecondsFormat::Nanos,
    ];
    match style % 7 {
        0..=4 => t.to_rfc3339_opts(form[usize::from(style % 7)], style.is_multiple_of(2)),
        5 => {
            let digits = 1 + usize::from(style / 7) % 8;
            let frac = format!("{:09}", t.timestamp_subsec_nanos());
            format!("{}.{}Z", t.format("%Y-%m-%dT%H:%M:%S"), &frac[..digits])
        }
        _ => {
            let mut b = Vec::new();
            canonical::time(&mut b, t);
            String::from_utf8(b)
                .expect("ASCII")
                .trim_matches('"')
                .to_owned()
        }
    }
}

/// A check-in line with these spellings.
fn line(seq: u64, at: &str, value: &str, confidence: Option<&str>, note: Option<&str>) -> String {
    let confidence = confidence.map_or(String::new(), |c| format!(",\"confidence\":{c}"));
    let note = note.map_or(String::new(), |n| format!(",\"note\":\"{n}\""));
    format!(
        "{{\"seq\":{seq},\"id\":\"e{seq}\",\"at\":\"{at}\",\"actor\":{{\"person\":\"ana\",\"team\":\"web\"}},\
         \"action\":{{\"type\":\"check_in\",\"key_result\":\"kr1\",\"value\":{value}{confidence}{note}}},\
         \"prev_hash\":\"{p}\",\"hash\":\"{h}\"}}",
        p = "0".repeat(64),
        h = "ab".repeat(32)
    )
}

/// The property: the fast reader reads what serde_json reads, and certifies
/// a line exactly when it is the entry's record (its canonical part then
/// being the canonical form).
fn certified_iff_canonical(text: &str) -> Option<bool> {
    let mut scratch = Vec::new();
    let fast = check_in(text, &mut scratch)?;
    assert_eq!(
        Entry::from_json(text).ok().as_ref(),
        Some(&fast.entry),
        "{text}"
    );
    let mut hasher = Hasher::default();
    let is_record = hasher.line(&fast.entry) == text;
    assert_eq!(fast.canonical_end.is_some(), is_record, "{text}");
    if let Some(end) = fast.canonical_end {
        let mut canonical = text.as_bytes()[..end].to_vec();
        canonical.push(b'}');
        assert_eq!(hasher.canonical(&fast.entry), &canonical[..], "{text}");
    }
    Some(is_record)
}

#[test]
fn canonical_lines_are_certified_and_others_are_not() {
    let at = "2026-01-02T09:00:00Z";
    for (value, canonical) in [
        ("65.0", true),
        ("0.7", true),
        ("-3.25", true),
        ("0.0", true),
        ("1e+16", true),
        ("1e-7", true),
        ("1e16", false),
        ("65", false),
        ("65.00", false),
        ("6.5e1", false),
        ("1E+16", false),
        ("-0.0", false),
        ("0.70", false),
        ("1.0e16", false),
        ("10000000000000000.0", false),
        ("0.0000001", false),
    ] {
        assert_eq!(
            certified_iff_canonical(&line(1, at, value, None, None)),
            Some(canonical),
            "{value}"
        );
    }
    for (at, canonical) in [
        ("2026-01-02T09:00:00.5Z", false),
        ("2026-01-02T09:00:00.500Z", true),
        ("2026-01-02T09:00:00.500000Z", false),
        ("2026-01-02T09:00:00.000Z", false),
        ("2026-01-02T09:00:00.123456Z", true),
        ("2026-01-02T09:00:00.123456000Z", false),
        ("2026-01-02T09:00:00.123456789Z", true),
        ("2026-01-02T09:00:00+00:00", false),
        ("2026-01-02T10:00:00+01:00", false),
    ] {
        assert_eq!(
            certified_iff_canonical(&line(1, at, "1.0", Some("7.0"), Some("ok"))),
            Some(canonical),
            "{at}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// `plain_decimal`'s sure answers and the writer agree on every number
    /// and spelling.
    #[test]
    fn numbers_certified_as_the_writer_writes(v in value(), style in any::<u8>()) {
        let text = spell(v, style);
        let read: Option<f64> = text.parse().ok();
        if let Some(read) = read.filter(|r| r.is_finite()) {
            let mut scratch = Vec::new();
            prop_assert_eq!(
                number_is_canonical(&mut scratch, text.as_bytes(), read),
                written(read) == text,
                "{}", text
            );
        }
    }

    /// The same for times, as `parse_exact` reads them.
    #[test]
    fn times_certified_as_the_writer_writes(t in instant(), style in any::<u8>()) {
        let text = format!("\"{}\"", spell_time(&t, style));
        if let Some(at) = crate::rfc3339::parse_exact(text.trim_matches('"')) {
            let mut written = Vec::new();
            canonical::time(&mut written, &at);
            let mut scratch = Vec::new();
            prop_assert_eq!(
                time_is_canonical(&mut scratch, text.as_bytes(), &at),
                written == text.as_bytes(),
                "{}", text
            );
        }
    }

    /// Whole lines, spelled every way and damaged by one inserted or
    /// replaced character (a space, a quote, an escape, a digit, an `e`, a
    /// comma, a brace): certified exactly when they are the record.
    #[test]
    fn lines_certified_exactly_when_canonical(
        seq in 0u64..1_000_000,
        t in instant(),
        v in value(),
        c in proptest::option::of(value()),
        note in proptest::option::of("[a-zé✓ ]{0,6}"),
        styles in any::<[u8; 3]>(),
        damage in proptest::option::of((any::<prop::sample::Index>(), 0usize..9, any::<bool>())),
    ) {
        let c_text = c.map(|c| spell(c, styles[2]));
        let mut text = line(
            seq,
            &spell_time(&t, styles[0]),
            &spell(v, styles[1]),
            c_text.as_deref(),
            note.as_deref(),
        );
        if let Some((at, what, replace)) = damage {
            let chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len());
            let ch = [' ', '"', '\\', '0', 'e', ',', '}', '-', '\u{b}'][what];
            let mut out: String = chars[..i].iter().collect();
            out.push(ch);
            out.extend(&chars[i + usize::from(replace)..]);
            text = out;
        }
        certified_iff_canonical(&text);
    }
}

/// A small generated ledger as JSON Lines, one string per line.
fn small_ledger_lines() -> Vec<String> {
    use crate::generate::{GenerateOptions, LedgerOptions, generate, ledger};
    let doc = generate(&GenerateOptions::scaled(30));
    let l = ledger(&doc, &LedgerOptions::with_entries(80)).expect("a valid ledger");
    l.to_jsonl().lines().map(str::to_owned).collect()
}

/// Both readers on the same text: the same ledger or the same error.
fn same_outcome(text: &str) -> std::result::Result<(), String> {
    let certified = Ledger::read_jsonl(text.as_bytes(), u64::MAX, true);
    let written = Ledger::read_jsonl(text.as_bytes(), u64::MAX, false);
    match (&certified, &written) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.entries(), b.entries());
            assert_eq!(a.to_jsonl(), b.to_jsonl());
            Ok(())
        }
        (Err(a), Err(b)) => {
            assert_eq!((a.code(), a.to_string()), (b.code(), b.to_string()));
            Err(a.to_string())
        }
        _ => panic!("the readers disagree: {certified:?} / {written:?}"),
    }
}

/// Replaces the `"name":` member's value token (up to the next `,` or `}`)
/// in a line by `with`.
fn respell(line: &str, name: &str, with: &str) -> Option<String> {
    let key = format!("\"{name}\":");
    let start = line.find(&key)? + key.len();
    let end = start + line[start..].find([',', '}'])?;
    Some(format!("{}{with}{}", &line[..start], &line[end..]))
}

/// What an attacker who stores the ledger does after editing a line: puts
/// the hash of what the line now says in its hash member, so that only the
/// line's spelling can give the edit away.
fn rehash(line: &str) -> String {
    match Entry::from_json(line) {
        Ok(e) if line.len() > 66 => {
            format!("{}{}\"}}", &line[..line.len() - 66], entry_hash(&e))
        }
        _ => line.to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A check-in line of a real ledger respelled (value, confidence or
    /// time, with the hash fixed up) or damaged by one character: both
    /// readers agree, and a line that is not its record is refused.
    #[test]
    fn both_readers_agree_on_damaged_ledgers(
        pick in any::<prop::sample::Index>(),
        v in value(),
        t in instant(),
        style in any::<u8>(),
        what in 0u8..4,
        damage in (any::<prop::sample::Index>(), 0usize..6),
    ) {
        let mut lines = small_ledger_lines();
        let check_ins: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].contains("\"type\":\"check_in\""))
            .collect();
        let i = check_ins[pick.index(check_ins.len())];
        let edited = match what {
            0 => respell(&lines[i], "value", &spell(v, style)),
            1 => respell(&lines[i], "confidence", &spell(v, style))
                .or_else(|| respell(&lines[i], "value", &spell(v, style))),
            2 => respell(&lines[i], "at", &format!("\"{}\"", spell_time(&t, style))),
            _ => {
                let chars: Vec<char> = lines[i].chars().collect();
                let at = damage.0.index(chars.len());
                let ch = [' ', '\t', '0', 'E', '"', '\\'][damage.1];
                let mut out: String = chars[..at].iter().collect();
                out.push(ch);
                out.extend(&chars[at..]);
                Some(out)
            }
        };
        let edited = rehash(&edited.expect("a check-in has these members"));
        let is_record = Entry::from_json(&edited)
            .is_ok_and(|e| Hasher::default().line(&e) == edited);
        lines[i] = edited;
        let outcome = same_outcome(&(lines.join("\n") + "\n"));
        if !is_record {
            prop_assert!(outcome.is_err(), "a line that is not its record was accepted");
        }
    }
}

/// The last check-in line of a small ledger with its `at` replaced by `at`
/// (hash fixed up), and the whole ledger as text.
fn with_last_check_in_at(at: impl Fn(&DateTime<Utc>) -> String) -> String {
    let mut lines = small_ledger_lines();
    let i = (0..lines.len())
        .rev()
        .find(|&i| lines[i].contains("\"type\":\"check_in\""))
        .expect("a check-in");
    let e = Entry::from_json(&lines[i]).expect("an entry");
    let edited = respell(&lines[i], "at", &format!("\"{}\"", at(&e.at))).expect("an at");
    lines[i] = rehash(&edited);
    lines.join("\n") + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// F8: an entry's time finer than a microsecond, written canonically
    /// (9 digits; the fast path certifies that spelling), is refused by both
    /// readers alike (`bad_time`, as the entry's rule); a whole number of
    /// microseconds is kept.
    #[test]
    fn both_readers_refuse_a_time_finer_than_microseconds(
        extra in prop_oneof![Just(0u32), 1u32..1_000, (1u32..999).prop_map(|m| m * 1_000), 1_000u32..1_000_000],
    ) {
        let text = with_last_check_in_at(|t| {
            spell_time(&(*t + chrono::TimeDelta::nanoseconds(i64::from(extra))), 6)
        });
        let outcome = same_outcome(&text);
        if extra % 1_000 == 0 {
            prop_assert!(outcome.is_ok(), "{outcome:?}");
        } else {
            let err = outcome.expect_err("finer than a microsecond");
            prop_assert!(err.contains("(bad_time)") && err.contains("microseconds"), "{err}");
        }
    }
}

/// F1: a leap second (`:60`) is refused by both readers, by `from_entries`
/// and by `append`.
#[test]
fn a_leap_second_is_not_a_ledger_time() {
    for frac in ["", ".500", ".000001"] {
        let text = with_last_check_in_at(|t| format!("{}:60{frac}Z", t.format("%Y-%m-%dT%H:%M")));
        let err = same_outcome(&text).expect_err("a leap second");
        assert!(
            err.contains("(bad_time)") && err.contains("leap second"),
            "{err}"
        );
    }
    let lines = small_ledger_lines();
    let mut entries: Vec<Entry> = lines
        .iter()
        .map(|l| Entry::from_json(l).expect("entry"))
        .collect();
    let last = entries.len() - 1;
    let leap = chrono::NaiveDate::from_ymd_opt(2099, 12, 31)
        .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_000_000_000))
        .expect("a leap second")
        .and_utc();
    for (at, what) in [
        (leap, "leap second"),
        (
            entries[last].at + chrono::TimeDelta::nanoseconds(1),
            "microseconds",
        ),
    ] {
        let mut e = entries.clone();
        e[last].at = at;
        e[last].hash = entry_hash(&e[last]);
        let err = Ledger::from_entries(e).map(drop).expect_err("refused");
        assert_eq!(err.code(), "tampered");
        assert!(
            err.to_string().contains("(bad_time)") && err.to_string().contains(what),
            "{err}"
        );
    }
    entries.pop();
    let mut l = Ledger::from_entries(entries).expect("the ledger without its last entry");
    let at_leap = leap;
    let err = l
        .append_as_of(
            at_leap + chrono::TimeDelta::days(1),
            at_leap,
            l.entries()[0].actor.clone(),
            crate::ledger::Action::GrantAdmin {
                person: l.entries()[0].actor.person.clone(),
            },
        )
        .map(drop)
        .expect_err("a leap second");
    assert_eq!((err.code(), err.path()), ("bad_time", "at"), "{err}");
}

/// The generated ledger itself: every check-in line is certified, and both
/// readers give the same ledger.
#[test]
fn generated_check_ins_are_certified() {
    let lines = small_ledger_lines();
    let mut certified = 0;
    for l in &lines {
        if let Some(fast) = check_in(l, &mut Vec::new()) {
            assert!(fast.canonical_end.is_some(), "{l}");
            certified += 1;
        }
    }
    assert!(certified > 40, "{certified} check-ins");
    assert!(same_outcome(&(lines.join("\n") + "\n")).is_ok());
}
