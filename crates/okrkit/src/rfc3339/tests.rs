//! The fast path against chrono: same acceptance, same instants, same errors.

use super::*;
use proptest::prelude::*;

/// What chrono's `Deserialize for DateTime<Utc>` does with a string, a leap
/// second refused.
fn chrono_reference(s: &str) -> Result<DateTime<Utc>, TimeError> {
    let t = s
        .parse::<DateTime<FixedOffset>>()
        .map(|t| t.with_timezone(&Utc))
        .map_err(TimeError::Chrono)?;
    if chrono::Timelike::nanosecond(&t) >= 1_000_000_000 {
        return Err(TimeError::LeapSecond);
    }
    Ok(t)
}

/// `parse` equals chrono (leap seconds refused), and the fast path, where it
/// answers, too.
fn assert_same(s: &str) {
    let expected = chrono_reference(s);
    assert_eq!(parse(s), expected, "{s:?}");
    if let Some(fast) = parse_exact(s) {
        assert_eq!(Ok(fast), expected, "fast path on {s:?}");
    }
    // Through serde, as a check-in's `at` is read: same value or same message
    // (a leap second with okrkit's own).
    let json = serde_json::to_string(s).expect("a string");
    let ours =
        deserialize(&mut serde_json::Deserializer::from_str(&json)).map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<DateTime<Utc>>(&json).map_err(|e| e.to_string());
    if expected == Err(TimeError::LeapSecond) {
        assert!(theirs.is_ok(), "chrono reads the leap second {s:?}");
        assert!(
            ours.is_err_and(|e| e.contains("leap second")),
            "serde on {s:?}"
        );
    } else {
        assert_eq!(ours, theirs, "serde on {s:?}");
    }
}

/// A leap second names an instant okrkit's microseconds cannot hold: it is
/// refused, whatever the minute or offset (r15 finding 1).
#[test]
fn a_leap_second_is_refused() {
    for s in [
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2026-02-05T23:59:60Z",
        "2026-02-12T09:00:60Z",
        "2026-02-12T09:00:60.000001+02:00",
        "2026-02-12t09:00:60z",
    ] {
        assert_eq!(parse(s), Err(TimeError::LeapSecond), "{s}");
    }
    assert!(parse("2026-02-12T09:00:59.999999999Z").is_ok());
}

#[test]
fn common_forms_take_the_fast_path() {
    for s in [
        "2026-02-05T10:30:00Z",
        "2026-02-05T10:30:00.5Z",
        "2026-02-05T10:30:00.123456789Z",
        "2026-02-05T10:30:00+02:00",
        "2026-02-05T10:30:00-05:30",
        "2026-02-05T00:30:00.25+01:00",
        "2024-02-29T23:59:59.999999999-23:59",
        "0000-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59.999999999-23:59",
        "2026-01-01T00:00:00-00:00",
    ] {
        assert!(parse_exact(s).is_some(), "{s}");
        assert_same(s);
    }
    assert_eq!(
        parse("2026-02-05T10:30:00.25+02:00").map(|t| t.to_rfc3339()),
        Ok("2026-02-05T08:30:00.250+00:00".to_owned())
    );
}

#[test]
fn other_forms_go_to_chrono_with_its_answer() {
    for s in [
        // accepted by chrono, not by the fast path
        "2026-02-05t10:30:00z",
        "2026-02-05 10:30:00Z",
        "2026-02-05T10:30:00UTC",
        "2026-02-05T10:30:00 Z",
        "2026-02-05T10:30:00.1234567891234Z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2026-02-05T10:30:00+0200",
        "2026-02-05T10:30:00+02",
        "2026-02-05T10:30:00\u{2212}02:00",
        "2026-2-5T1:3:0Z",
        "+12026-02-05T10:30:00Z",
        "-0001-02-05T10:30:00Z",
        "2026-02-05T10:30:00+24:00",
        "2026-02-05T10:30:00+99:59",
        // refused by both
        "2026-02-05T10:30:00+02:60",
        "2026-02-30T10:30:00Z",
        "2025-02-29T10:30:00Z",
        "2026-13-05T10:30:00Z",
        "2026-00-05T10:30:00Z",
        "2026-02-00T10:30:00Z",
        "2026-02-05T24:00:00Z",
        "2026-02-05T10:60:00Z",
        "2026-02-05T10:30:61Z",
        "2026-02-05T10:30:00.Z",
        "2026-02-05T10:30:00",
        "2026-02-05T10:30:00ZZ",
        "2026-02-05T10:30:00Z ",
        " 2026-02-05T10:30:00Z",
        "2026-02-05T10:30:00+02:00:00",
        "2026-02-05",
        "",
        "2026-02-05T10:30:0aZ",
        "2026-02-05T10:30:00.12a4Z",
        "２026-02-05T10:30:00Z",
    ] {
        assert_same(s);
    }
}

#[test]
fn a_wrong_type_reads_as_chrono_says() {
    let ours =
        deserialize(&mut serde_json::Deserializer::from_str("17")).map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<DateTime<Utc>>("17").map_err(|e| e.to_string());
    assert_eq!(ours, theirs);
    assert!(ours.is_err());
}

/// A plausible time string from its parts (some fields out of range).
fn time_string() -> impl Strategy<Value = String> {
    (
        0u32..10_000,
        0u32..14,
        0u32..33,
        0u32..26,
        0u32..62,
        0u32..62,
        prop::option::of("[0-9]{0,12}"),
        prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            Just("UTC".to_owned()),
            Just(String::new()),
            (prop_oneof![Just('+'), Just('-')], 0u32..30, 0u32..65)
                .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
        ],
        prop_oneof![Just('T'), Just('t'), Just(' ')],
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, off, sep)| {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{off}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_strings_read_as_chrono_reads_them(s in time_string()) {
        assert_same(&s);
    }

    #[test]
    fn mutated_strings_read_as_chrono_reads_them(
        s in time_string(),
        at in any::<prop::sample::Index>(),
        byte in prop_oneof![
            Just(b'0'), Just(b'9'), Just(b':'), Just(b'-'), Just(b'+'), Just(b'.'),
            Just(b'T'), Just(b'Z'), Just(b' '), Just(b'a'), any::<u8>().prop_filter("ascii", u8::is_ascii),
        ],
        how in 0u8..3,
    ) {
        let mut b = s.into_bytes();
        let i = at.index(b.len() + 1);
        match how {
            0 if i < b.len() => b[i] = byte,
            1 => b.insert(i, byte),
            _ if i < b.len() => { b.remove(i); }
            _ => b.push(byte),
        }
        let s = String::from_utf8(b).expect("ascii edits keep UTF-8");
        assert_same(&s);
    }

    #[test]
    fn any_instant_written_by_chrono_reads_back(secs in -62_000_000_000i64..253_000_000_000, nano in 0u32..1_000_000_000, off in -86_399i32..86_400) {
        let t = DateTime::from_timestamp(secs, nano).expect("in range");
        let off = FixedOffset::east_opt(off - off % 60).expect("in range");
        for s in [t.to_rfc3339(), t.with_timezone(&off).to_rfc3339(), t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)] {
            assert_same(&s);
            prop_assert_eq!(parse(&s), Ok(t));
        }
    }
}
