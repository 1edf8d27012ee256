//! The core's small types as uniffi builtins: ids are strings, calendar dates
//! ISO-8601 text, instants uniffi timestamps.

use crate::error::OkrError;
use chrono::{DateTime, NaiveDate, Utc};
use okrkit::ledger::EntryId;
use okrkit::{CycleId, InitiativeId, KeyResultId, ObjectiveId, PersonId, TeamId};
use std::time::{SystemTime, UNIX_EPOCH};

macro_rules! string_ids {
    ($($id:ident),+) => {$(
        uniffi::custom_type!($id, String, {
            remote,
            lower: |id| id.0,
            try_lift: |s| Ok($id(s)),
        });
    )+};
}

string_ids!(
    CycleId,
    TeamId,
    PersonId,
    ObjectiveId,
    KeyResultId,
    InitiativeId,
    EntryId
);

// A calendar date, as ISO-8601 text ("2026-02-15"). Only ever lowered (reports
// give dates out); dates coming in are `String` fields parsed by `parse_date`,
// so a malformed one is a typed `InvalidArgument`, not a lift failure.
uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |s| Ok(s.parse::<NaiveDate>()?),
});

/// An instant (UTC): `java.time.Instant` in Kotlin, `Date` in Swift.
pub type UtcInstant = DateTime<Utc>;

uniffi::custom_type!(UtcInstant, SystemTime, {
    remote,
    lower: |t| t.into(),
    try_lift: |t| Ok(to_utc(t, "at")?),
});

/// An ISO-8601 calendar date from the app.
pub(crate) fn parse_date(text: &str, path: &str) -> Result<NaiveDate, OkrError> {
    text.parse::<NaiveDate>().map_err(|e| {
        OkrError::argument(
            path,
            format!("'{text}' is not an ISO-8601 date (YYYY-MM-DD): {e}"),
        )
    })
}

pub(crate) fn parse_opt_date(
    text: Option<&str>,
    path: &str,
) -> Result<Option<NaiveDate>, OkrError> {
    text.map(|t| parse_date(t, path)).transpose()
}

/// An instant from the app, range-checked (chrono's `From<SystemTime>` panics
/// out of range).
pub(crate) fn to_utc(t: SystemTime, path: &str) -> Result<DateTime<Utc>, OkrError> {
    let out_of_range = || OkrError::argument(path, "the instant is out of range");
    let (secs, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (
            i64::try_from(d.as_secs()).map_err(|_| out_of_range())?,
            d.subsec_nanos(),
        ),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).map_err(|_| out_of_range())?;
            if d.subsec_nanos() == 0 {
                (-secs, 0)
            } else {
                (-secs - 1, 1_000_000_000 - d.subsec_nanos())
            }
        }
    };
    DateTime::<Utc>::from_timestamp(secs, nanos).ok_or_else(out_of_range)
}

pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
