//! A check-in's time read straight to the column's representation
//! (microseconds since the Unix epoch), on `Org::from_json`'s fast route
//! (see [`super::fast_load`]): no `DateTime` per check-in.
//!
//! It reads the exact form `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` that
//! [`crate::rfc3339`] reads fast, with the same rules for every field (a
//! valid calendar date, hours 0–23, minutes and seconds 0–59, offsets up to
//! ±23:59); anything else gives `None` and the caller reads the string with
//! [`crate::rfc3339::parse`] (chrono's relaxed forms, its errors). A unit
//! test compares the two on generated and mutated strings.

/// The instant of an exact RFC 3339 time: microseconds since the Unix
/// epoch, and the nanoseconds below the microsecond (0–999), or `None`.
#[cfg(test)]
fn at(s: &[u8]) -> Option<(i64, u32)> {
    prefix(s).and_then(|(micros, sub, n)| (n == s.len()).then_some((micros, sub)))
}

/// [`at`] for the time at the start of `s`, and its length in bytes (the
/// caller checks what follows: a string's closing quote).
#[cfg(test)]
fn prefix(s: &[u8]) -> Option<(i64, u32, usize)> {
    prefix_with(s, &mut Days::default())
}

/// The last year read and the day number of its first of January: a
/// document's check-ins fall in few years, so the day number of a date is
/// then a table look-up and two additions.
#[derive(Default)]
pub(super) struct Days {
    /// The year plus one (0: none yet).
    key: u32,
    /// Days from 1970-01-01 to the year's first of January.
    days: i64,
}

/// Days before the first of each month in a common year.
const BEFORE_MONTH: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/// [`prefix`], the first of January of the last year remembered in `last`.
#[inline]
pub(super) fn prefix_with(s: &[u8], last: &mut Days) -> Option<(i64, u32, usize)> {
    // The form read as `rfc3339` reads it; the calendar checked here as
    // chrono's constructors check it there.
    let f = crate::rfc3339::exact_fields(s)?;
    let (year, month, day) = (f.year, f.month, f.day);
    if f.hour > 23 || f.minute > 59 || day == 0 || day > days_in(year, month)? {
        return None;
    }
    if last.key != year + 1 {
        *last = Days {
            key: year + 1,
            days: days_from_civil(year, 1, 1),
        };
    }
    // Month 1–12 and day within it were checked above.
    let leap_day = u32::from(month > 2 && is_leap(year));
    let day_of_year = u32::from(BEFORE_MONTH[month as usize - 1]) + leap_day + day - 1;
    let days = last.days + i64::from(day_of_year);
    let time_of_day = f.hour * 3600 + f.minute * 60 + f.second;
    let seconds = days * 86_400 + i64::from(time_of_day) - i64::from(f.offset_seconds);
    Some((
        seconds * 1_000_000 + i64::from(f.nano / 1000),
        f.nano % 1000,
        f.len,
    ))
}

/// The days of `month` in `year` (proleptic Gregorian, as chrono), `None`
/// for a month outside 1–12.
fn days_in(year: u32, month: u32) -> Option<u32> {
    let leap = is_leap(year);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// Whether `year` has a 29 February (proleptic Gregorian).
fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Days from 1970-01-01 to a valid date of years 0–9999 (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::at;
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    thread_local! {
        static LAST: std::cell::RefCell<super::Days> = std::cell::RefCell::default();
    }

    /// What `at` gives for `s`, from chrono's instant; `None` where the
    /// fast form does not apply (`at` must then decline too, or agree).
    fn check(s: &str) -> Result<(), TestCaseError> {
        let chrono: Option<DateTime<Utc>> = crate::rfc3339::parse(s).ok();
        // With the last date remembered across every string a test reads
        // (hits and misses): the same answer as without.
        let remembered = LAST.with(|d| super::prefix_with(s.as_bytes(), &mut d.borrow_mut()));
        prop_assert_eq!(remembered, super::prefix(s.as_bytes()), "{}", s);
        match at(s.as_bytes()) {
            Some((micros, sub)) => {
                let t = chrono.expect("chrono accepts what the fast form accepts");
                prop_assert_eq!(micros, t.timestamp_micros(), "{}", s);
                prop_assert_eq!(sub, t.timestamp_subsec_nanos() % 1000, "{}", s);
            }
            None => {
                // Declined: the exact form's own reader declines it too, or
                // it is a leap second (both leave those to chrono).
                let exact = crate::rfc3339::parse_exact(s);
                prop_assert!(
                    exact.is_none() || s.get(17..19) == Some("60"),
                    "declined {} that rfc3339 reads fast",
                    s
                );
            }
        }
        Ok(())
    }

    #[test]
    fn edges() {
        for s in [
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:00:01.5Z",
            "0000-01-01T00:00:00+23:59",
            "0000-03-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999-23:59",
            "2000-02-29T12:00:00Z",
            "1900-02-29T12:00:00Z",
            "2100-02-29T12:00:00Z",
            "2024-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "2026-01-05T24:00:00Z",
            "2026-01-05T23:60:00Z",
            "2026-06-30T23:59:60Z",
            "2026-01-05T10:00:00.1234567891Z",
            "2026-01-05T10:00:00.Z",
            "2026-01-05T10:00:00.000001001Z",
            "2026-01-05T10:00:00+24:00",
            "2026-01-05T10:00:00+01:60",
            "2026-01-05T10:00:00-00:00",
            "2026-01-05t10:00:00z",
            "2026-01-05 10:00:00Z",
            "2026-01-05T10:00:00",
            "2026-01-05T10:00:00ZZ",
            "1969-12-31T23:59:59.999999Z",
        ] {
            check(s).expect(s);
        }
        assert_eq!(at(b"1970-01-01T00:00:01.5Z"), Some((1_500_000, 0)));
        assert_eq!(at(b"1969-12-31T23:59:59.0000005Z"), Some((-1_000_000, 500)));
    }

    proptest! {
        /// Generated times (valid and invalid fields) and mutated ones.
        #[test]
        fn generated_times_read_as_chrono_reads_them(
            y in 0u32..10_000, mo in 0u32..14, d in 0u32..33, h in 0u32..26,
            mi in 0u32..62, se in 0u32..62,
            frac in prop::option::of("[0-9]{0,11}"),
            zone in prop::sample::select(vec!["Z", "z", "+00:00", "-23:59", "+24:00", "+05:30", "-01:60", ""]),
            cut in 0usize..40, byte in any::<u8>(),
        ) {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            let s = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}{frac}{zone}");
            check(&s)?;
            let mut bytes = s.clone().into_bytes();
            if cut < bytes.len() && byte.is_ascii() {
                bytes[cut] = byte;
                check(&String::from_utf8(bytes).expect("ASCII"))?;
            }
        }
    }
}
