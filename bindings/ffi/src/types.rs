//! This crate's small types. The core converts its own (ids as strings,
//! dates, instants, counts: crates/okrkit/src/uniffi_types.rs); here are the
//! calendar date an app gives in (`java.time.LocalDate` in Kotlin through the
//! custom-type entry of `uniffi.toml`, ISO-8601 text in Swift), the core's
//! instant reused, and the checks of what an app gives in. This crate's
//! counts are signed (`Int` / `Long`, Swift `Int32` / `Int64`), and a negative
//! count or index given in is `InvalidArgument`; a few core fields stay
//! unsigned (`KeyResultVersion.seq`, `KeyResultRenegotiations.accepted`).

use crate::error::OkrError;
use chrono::{DateTime, NaiveDate, Utc};
use std::time::SystemTime;

// Ids, instants and the counts of reports are the core's (feature `uniffi`,
// crates/okrkit/src/uniffi_types.rs). This crate's own records and arguments
// (options, `Entry`, `Proposal`) use the core's instant:
/// An instant (UTC): `java.time.Instant` in Kotlin, `Date` in Swift.
pub type UtcInstant = DateTime<Utc>;
uniffi::use_remote_type!(okrkit::UtcInstant);

/// A calendar date given in by the app (`as_of` of the options) or in this
/// crate's own reports. The core has its own converter (`NaiveDate`, for its
/// records); this one is named apart (the Swift module holds both) and turns
/// text that is not a date into `InvalidArgument`, not an internal error.
pub type CalendarDate = NaiveDate;

// ISO-8601 text ("2026-02-15") on the wire. Kotlin sees `java.time.LocalDate`
// (uniffi.toml maps it), so a date given in is always well formed there;
// Swift sees the text.
uniffi::custom_type!(CalendarDate, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |s| Ok(s.parse::<NaiveDate>().map_err(|e| OkrError::argument(
        "date",
        format!("'{s}' is not a calendar date (YYYY-MM-DD): {e}"),
    ))?),
});

/// An instant from the app, range-checked by the core's converter (chrono's
/// `From<SystemTime>` panics out of range): out of range is `InvalidArgument`
/// at `path`.
pub(crate) fn to_utc(t: SystemTime, path: &str) -> Result<DateTime<Utc>, OkrError> {
    type Core = okrkit::UniFfiTag;
    let lowered = <SystemTime as uniffi::Lower<Core>>::lower(t);
    <UtcInstant as uniffi::Lift<Core>>::try_lift(lowered)
        .map_err(|_| OkrError::argument(path, "the instant is out of range"))
}

/// A count for the app (`Int`): saturates instead of wrapping (as the
/// core's `usize` converter does).
pub(crate) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A count for the app that may exceed `Int` (`Long`).
pub(crate) fn count64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A count or index from the app: negative is `InvalidArgument`.
pub(crate) fn non_negative(n: i64, path: &str) -> Result<u64, OkrError> {
    u64::try_from(n).map_err(|_| OkrError::argument(path, format!("{n} is negative")))
}

/// A number of days from the app (`Long`): negative, or more than the core's
/// `u32`, is `InvalidArgument`.
pub(crate) fn days(n: i64, path: &str) -> Result<u32, OkrError> {
    if n < 0 {
        return Err(OkrError::argument(path, format!("{n} days is negative")));
    }
    u32::try_from(n).map_err(|_| OkrError::argument(path, format!("{n} days is too many")))
}

/// A small count from the app (`Int`): negative is `InvalidArgument`.
pub(crate) fn non_negative_usize(n: i32, path: &str) -> Result<usize, OkrError> {
    usize::try_from(n).map_err(|_| OkrError::argument(path, format!("{n} is negative")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;
    use uniffi::{Lift, Lower};

    type Tag = crate::UniFfiTag;

    /// The core converts its own records' dates; a date the app gives in
    /// goes through this crate's converter, so text that is no date is the
    /// library's `InvalidArgument` (Swift passes the text), not an internal
    /// error.
    #[test]
    fn a_date_that_is_not_one_is_invalid_argument() {
        let text = <String as Lower<Tag>>::lower("2026-02-30".into());
        let err = <CalendarDate as Lift<Tag>>::try_lift(text).expect_err("not a date");
        let err = err.downcast::<OkrError>().expect("the library's error");
        assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        let ok = <String as Lower<Tag>>::lower("2026-02-28".into());
        assert_eq!(
            <CalendarDate as Lift<Tag>>::try_lift(ok).ok(),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
    }

    /// This crate's instants are the core's converter (one `UtcInstant`
    /// type in Kotlin and Swift), not a second declaration.
    #[test]
    fn instants_are_the_cores_type() {
        assert_eq!(
            <UtcInstant as uniffi::TypeId<Tag>>::TYPE_ID_META.as_ref(),
            <UtcInstant as uniffi::TypeId<okrkit::UniFfiTag>>::TYPE_ID_META.as_ref()
        );
    }

    // The core's converters (crates/okrkit/src/uniffi_types.rs), through its tag.
    type Core = okrkit::UniFfiTag;

    #[test]
    fn a_core_count_past_int_saturates_and_a_negative_one_is_refused() {
        assert_eq!(<usize as Lower<Core>>::lower(usize::MAX), i32::MAX);
        assert_eq!(<usize as Lower<Core>>::lower(7), 7);
        assert!(<usize as Lift<Core>>::try_lift(-1).is_err());
        assert_eq!(<usize as Lift<Core>>::try_lift(3).ok(), Some(3));
    }

    #[test]
    fn an_app_instant_out_of_chrono_range_is_invalid_argument_not_a_panic() {
        let far = UNIX_EPOCH + std::time::Duration::from_secs(u64::MAX / 2);
        let err = to_utc(far, "at").expect_err("out of range");
        assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        let t = to_utc(
            UNIX_EPOCH + std::time::Duration::from_nanos(1_500_000_001),
            "at",
        );
        assert_eq!(
            t.expect("in range").timestamp_nanos_opt(),
            Some(1_500_000_001)
        );
    }

    #[test]
    fn a_core_instant_out_of_chrono_range_is_an_error_not_a_panic() {
        let far = UNIX_EPOCH + std::time::Duration::from_secs(u64::MAX / 2);
        let lowered = <SystemTime as Lower<Core>>::lower(far);
        assert!(<UtcInstant as Lift<Core>>::try_lift(lowered).is_err());
        let before = UNIX_EPOCH - std::time::Duration::from_millis(1500);
        let lowered = <SystemTime as Lower<Core>>::lower(before);
        let t = <UtcInstant as Lift<Core>>::try_lift(lowered).expect("in range");
        assert_eq!(t.timestamp_millis(), -1500);
    }

    #[test]
    fn a_core_histogram_round_trips_and_one_of_the_wrong_length_is_refused() {
        let mut buf = Vec::new();
        <[usize; 10] as Lower<Core>>::write([1; 10], &mut buf);
        let back = <[usize; 10] as Lift<Core>>::try_read(&mut buf.as_slice()).expect("lift");
        assert_eq!(back, [1; 10]);
        let mut short = Vec::new();
        <Vec<usize> as Lower<Core>>::write(vec![1; 10], &mut short);
        assert!(<[usize; 11] as Lift<Core>>::try_read(&mut short.as_slice()).is_err());
    }

    /// A shared report text crosses as its string both ways, inline (≤ 23
    /// bytes) or shared, non-ASCII included.
    #[test]
    fn a_core_shared_text_round_trips_as_its_string() {
        for text in [
            "",
            "R1",
            "set fewer, reachable stretch goals: é, 🎯, \"quoted\"",
        ] {
            let lowered = <okrkit::SharedText as Lower<Core>>::lower(text.into());
            let back = <okrkit::SharedText as Lift<Core>>::try_lift(lowered).expect("lift");
            assert_eq!(back, text);
        }
    }

    #[test]
    fn an_unknown_core_finding_code_is_refused() {
        let text = <String as Lower<Core>>::lower("no_such_code".into());
        assert!(<okrkit::lint::FindingCode as Lift<Core>>::try_lift(text).is_err());
        let text = <String as Lower<Core>>::lower("stale_key_result".into());
        let code = <okrkit::lint::FindingCode as Lift<Core>>::try_lift(text).expect("a rule");
        assert_eq!(code, "stale_key_result");
    }
}
