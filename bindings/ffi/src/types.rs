//! This crate's small types. The core converts its own (ids as strings,
//! dates, instants, counts: crates/okrkit/src/uniffi_types.rs); here are the
//! core's calendar date and instant reused (a date is `java.time.LocalDate`
//! in Kotlin through `bindgen.toml`, ISO-8601 text in Swift), and the checks
//! of what an app gives in. This crate's counts are signed (`Int` / `Long`,
//! Swift `Int32` / `Int64`), and a negative count or index given in is
//! `InvalidArgument`; a few core fields stay unsigned (`KeyResultVersion.seq`,
//! `KeyResultRenegotiations.accepted`).

use crate::OkrError;
use chrono::{DateTime, NaiveDate, Utc};
use std::time::SystemTime;

// Ids, instants and the counts of reports are the core's (feature `uniffi`,
// crates/okrkit/src/uniffi_types.rs). This crate's own records and arguments
// (options, `Entry`, `Proposal`) use the core's instant:
/// An instant (UTC): `java.time.Instant` in Kotlin, `Date` in Swift.
pub type UtcInstant = DateTime<Utc>;
uniffi::use_remote_type!(okrkit::UtcInstant);

// A calendar date (`as_of` of the options, this crate's reports): the core's
// converter, whose text that is no date is `InvalidArgument`.
uniffi::use_remote_type!(okrkit::NaiveDate);

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

    /// A date the app gives in goes through the core's converter, so text
    /// that is no date is the library's `InvalidArgument` (Swift passes the
    /// text), not an internal error.
    #[test]
    fn a_date_that_is_not_one_is_invalid_argument() {
        let text = <String as Lower<Tag>>::lower("2026-2-5".into());
        let err = <NaiveDate as Lift<Tag>>::try_lift(text).expect_err("no date");
        let err = err.downcast::<OkrError>().expect("the library's error");
        assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        let ok = <String as Lower<Tag>>::lower("2026-02-28".into());
        assert_eq!(
            <NaiveDate as Lift<Tag>>::try_lift(ok).ok(),
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
