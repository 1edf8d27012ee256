//! This crate's small types. The core converts its own (ids as strings,
//! dates, instants, counts: crates/okrkit/src/uniffi_types.rs); here are the
//! calendar date an app gives in (`java.time.LocalDate` in Kotlin through the
//! custom-type entry of `uniffi.toml`, ISO-8601 text in Swift), the core's
//! instant reused, and the checks of what an app gives in. This crate's
//! counts are signed (`Int` / `Long`, Swift `Int32` / `Int64`), and a negative
//! count or index given in is `InvalidArgument`; a few core fields stay
//! unsigned (`KeyResultVersion.seq`, `KeyResultRenegotiations.accepted`).

use crate::OkrError;
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
    // The core's one strict reader (chrono's own took " 2026-01-01", "2026-1-1").
    try_lift: |s| Ok(okrkit::options::parse_date(&s, "date").map_err(|_| OkrError::argument(
        "date",
        format!("'{s}' is not a calendar date (YYYY-MM-DD)"),
    ))?),
});

/// An instant from the app, range-checked by the core (chrono's
/// `From<SystemTime>` panics out of range): out of range is
/// `InvalidArgument` at `path`.
pub(crate) fn to_utc(t: SystemTime, path: &str) -> Result<DateTime<Utc>, OkrError> {
    Ok(okrkit::utc_instant(t, path)?)
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
    use uniffi::{Lift, Lower};

    type Tag = crate::UniFfiTag;

    /// The core converts its own records' dates; a date the app gives in
    /// goes through this crate's converter, so text that is no date is the
    /// library's `InvalidArgument` (Swift passes the text), not an internal
    /// error.
    #[test]
    fn a_date_that_is_not_one_is_invalid_argument() {
        // Chrono's lenient forms too: a date is exactly YYYY-MM-DD.
        for bad in ["2026-02-30", " 2026-02-15", "2026-2-5", "+2026-02-15"] {
            let text = <String as Lower<Tag>>::lower(bad.into());
            let err = <CalendarDate as Lift<Tag>>::try_lift(text).expect_err(bad);
            let err = err.downcast::<OkrError>().expect("the library's error");
            assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        }
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
}
