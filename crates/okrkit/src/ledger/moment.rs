//! What a moment written by a person means: one rule for every query "as of".
//!
//! A date means the whole day (UTC), as in progress (`ProgressOptions::as_of`):
//! "as of 2026-02-05" counts every entry of that day. So a date given where the
//! ledger asks for a moment (`replay`, `as_of`, waiting dependencies) is the last
//! instant of that day; a time (RFC 3339) is that instant.

use crate::error::{Error, ProblemCode, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// The last instant of `date` in UTC (23:59:59.999999999), so that "at or
/// before" it takes every entry of the day.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
/// let end = okrkit::ledger::end_of_day(d);
/// assert_eq!(end.to_rfc3339(), "2026-02-05T23:59:59.999999999+00:00");
/// ```
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    let last = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap_or(NaiveTime::MIN);
    date.and_time(last).and_utc()
}

/// Reads a moment: RFC 3339 text is that instant; a date (`YYYY-MM-DD`) is the
/// whole day, i.e. its [`end_of_day`]. Anything else is a `parse_error` at `path`,
/// including the forms chrono's lenient reader takes (a space or a lower-case
/// `t` between date and time, a lower-case `z`, a leap second `:60`): the
/// instant is read strictly, `YYYY-MM-DDTHH:MM:SS[.f](Z|±HH:MM)`, as every
/// other date of the crate (`options::parse_day`).
///
/// ```
/// use okrkit::ledger::parse_moment;
/// assert_eq!(parse_moment("2026-02-05", "at")?.to_rfc3339(), "2026-02-05T23:59:59.999999999+00:00");
/// assert_eq!(parse_moment("2026-02-05T10:00:00+01:00", "at")?.to_rfc3339(), "2026-02-05T09:00:00+00:00");
/// let err = parse_moment("05/02/2026", "at").unwrap_err();
/// assert_eq!((err.code(), err.path()), ("parse_error", "at"));
/// let err = parse_moment("2026-02-05 10:00:00Z", "at").unwrap_err();
/// assert_eq!((err.code(), err.path()), ("parse_error", "at"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn parse_moment(text: &str, path: &str) -> Result<DateTime<Utc>> {
    if let Some(t) = crate::rfc3339::parse_exact(text) {
        return Ok(t);
    }
    crate::options::parse_date(text, path)
        .map(end_of_day)
        .map_err(|_| Error::InvalidArgument {
            code: ProblemCode::Parse,
            message: format!("'{text}' is neither an RFC 3339 time nor a date (YYYY-MM-DD)"),
            path: path.to_owned(),
        })
}

/// Reads the instant of an event (an entry's `at`, a signing clock's
/// `now`): RFC 3339 text in the strict form [`parse_moment`] reads. A date
/// alone is refused (`parse_error` at `path`): an event happens at an
/// instant, and reading a day as its midnight, or as its last instant,
/// would record a time the caller never gave.
///
/// ```
/// use okrkit::ledger::parse_instant;
/// assert_eq!(parse_instant("2026-02-05T10:00:00+01:00", "at")?.to_rfc3339(), "2026-02-05T09:00:00+00:00");
/// for bad in ["2026-02-05", "2026-02-05 10:00:00Z", "2026-02-05t10:00:00z", "2026-02-05T10:00:00+0100"] {
///     let err = parse_instant(bad, "at").unwrap_err();
///     assert_eq!((err.code(), err.path()), ("parse_error", "at"));
/// }
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn parse_instant(text: &str, path: &str) -> Result<DateTime<Utc>> {
    if let Some(t) = crate::rfc3339::parse_exact(text) {
        return Ok(t);
    }
    let message = if crate::options::parse_date(text, path).is_ok() {
        format!(
            "'{text}' is a date, and an entry's time is an instant: give the time too \
             (RFC 3339, e.g. '{text}T09:00:00Z')"
        )
    } else {
        format!(
            "'{text}' is not an RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.fraction], then Z or ±HH:MM)"
        )
    };
    Err(Error::InvalidArgument {
        code: ProblemCode::Parse,
        message,
        path: path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_the_whole_day() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap_or_default();
        let last_ns: DateTime<Utc> = "2026-02-05T23:59:59.999999999Z".parse().unwrap_or_default();
        let next_day: DateTime<Utc> = "2026-02-06T00:00:00Z".parse().unwrap_or_default();
        assert_eq!(end_of_day(d), last_ns);
        assert!(end_of_day(d) < next_day);
        assert_eq!(parse_moment("2026-02-05", "at").ok(), Some(last_ns));
    }

    #[test]
    fn chrono_lenient_forms_are_refused() {
        for bad in [
            "2026-02-05 10:00:00Z",
            "2026-02-05t10:00:00Z",
            "2026-02-05T10:00:00z",
            "2026-02-05T23:59:60Z",
            "2026-02-05T10:00:00+0100",
        ] {
            let err = parse_moment(bad, "at").err();
            assert_eq!(
                err.as_ref().map(|e| (e.code(), e.path())),
                Some(("parse_error", "at")),
                "{bad}"
            );
        }
        // The strict forms still read, offsets and fractions included.
        let t: DateTime<Utc> = "2026-02-05T09:00:00.5Z".parse().unwrap_or_default();
        assert_eq!(
            parse_moment("2026-02-05T10:00:00.5+01:00", "at").ok(),
            Some(t)
        );
        assert_eq!(parse_moment("2026-02-05T09:00:00.5Z", "at").ok(), Some(t));
    }

    #[test]
    fn garbage_is_a_parse_error_at_its_path() {
        for bad in ["", "2026-02-30", "tomorrow", "2026-02-05 10:00"] {
            let err = parse_moment(bad, "as_of").err();
            assert_eq!(
                err.as_ref().map(|e| (e.code(), e.path())),
                Some(("parse_error", "as_of")),
                "{bad}"
            );
        }
    }
}
