//! How the core's field types cross uniffi (feature `uniffi`): the types the
//! derived records hold that uniffi has no builtin for.
//!
//! * ids are text (`String` in Kotlin and Swift);
//! * a calendar date is ISO-8601 text ("2026-02-15"); Kotlin sees
//!   `java.time.LocalDate` (`[crates.okrkit]` of bindings/ffi/bindgen.toml maps it);
//! * an instant is a uniffi timestamp (`java.time.Instant`, Swift `Date`);
//! * a count (`usize`, named `Count` there) is a signed 32-bit integer (Kotlin `Int`, Swift
//!   `Int32`), saturating at `Int.MAX_VALUE` instead of wrapping, as the
//!   binding's counts always were; a negative count given in is refused;
//! * a finding code is its text, and so is a finding's shared text
//!   ([`SharedText`]: its rule, suggestion and location ids, and a score's
//!   message; a `typealias SharedText = String` in Kotlin and Swift).
//!
//! Ids and finding codes are this crate's own types, so any uniffi crate can
//! use them; dates, instants and counts are other crates' types, converted
//! for this crate's component only (`remote`), which is all the derived
//! records need. Reports only go out: the lifts below are exercised by the
//! records an app passes in (an actor, a key result, an objective, a ledger
//! change, an agreed set, a membership). A lift that fails here is reported
//! by uniffi as an internal error, not as the binding's `InvalidArgument`
//! (uniffi keeps an argument's error only when it is the function's own
//! error type), so the binding's own records avoid the fallible ones where
//! an app can reach them (bindings/ffi's `Entry.at` is a plain timestamp).
//! Tested in bindings/ffi (`cargo test -p okrkit-ffi`), which builds this
//! crate with the feature anyway.

use crate::ids::{CycleId, InitiativeId, KeyResultId, ObjectiveId, PersonId, TeamId};
use crate::ledger::EntryId;
use crate::lint::FindingCode;
use crate::text::SharedText;
use chrono::{DateTime, NaiveDate, Utc};
use std::time::SystemTime;

macro_rules! string_ids {
    ($($id:ident),+ $(,)?) => {$(
        uniffi::custom_type!($id, String, {
            lower: |id| String::from(id),
            try_lift: |s| Ok($id::from(s)),
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
);

uniffi::custom_type!(EntryId, String, {
    lower: |id| String::from(id),
    try_lift: |s| Ok(EntryId::from(s)),
});

uniffi::custom_type!(FindingCode, String, {
    lower: |c| c.as_str().to_string(),
    try_lift: |s| Ok(FindingCode::new(&s)?),
});

uniffi::custom_type!(SharedText, String, {
    lower: |t| String::from(t),
    try_lift: |s| Ok(SharedText::from(s)),
});

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |s| Ok(s.parse::<NaiveDate>()?),
});

/// An instant (UTC), as uniffi's timestamp.
type UtcInstant = DateTime<Utc>;

uniffi::custom_type!(UtcInstant, SystemTime, {
    remote,
    lower: |t| t.into(),
    try_lift: |t| Ok(instant(t)?),
});

/// `t` as a UTC instant, range-checked (chrono's `From<SystemTime>` panics
/// out of range).
fn instant(t: SystemTime) -> crate::Result<DateTime<Utc>> {
    let out_of_range = || crate::Error::InvalidArgument {
        code: crate::ProblemCode::InvalidValue,
        message: "the instant is out of range".into(),
        path: "at".into(),
    };
    let (secs, nanos) = match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => (
            i64::try_from(d.as_secs()).map_err(|_| out_of_range())?,
            d.subsec_nanos(),
        ),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).map_err(|_| out_of_range())?;
            match d.subsec_nanos() {
                0 => (-secs, 0),
                n => (-secs - 1, 1_000_000_000 - n),
            }
        }
    };
    DateTime::<Utc>::from_timestamp(secs, nanos).ok_or_else(out_of_range)
}

/// A count of a report (`usize`): Kotlin and Swift see the name `Count`, an
/// alias of `Int` / `Int32`.
type Count = usize;

uniffi::custom_type!(Count, i32, {
    remote,
    lower: |n| i32::try_from(n).unwrap_or(i32::MAX),
    try_lift: |n| Ok(usize::try_from(n)?),
});

/// Ten bins of 0.1 (a health report's scores), as a list of counts.
type ScoreHistogram = [usize; 10];
/// Eleven bins (a health report's confidences), as a list of counts.
type ConfidenceHistogram = [usize; 11];

macro_rules! histograms {
    ($($name:ident),+) => {$(
        uniffi::custom_type!($name, Vec<usize>, {
            remote,
            lower: |h| h.to_vec(),
            try_lift: |v| {
                let n = v.len();
                Ok(<$name>::try_from(v).map_err(|_| crate::Error::InvalidArgument {
                    code: crate::ProblemCode::InvalidValue,
                    message: format!("{n} bins, expected {}", <$name>::default().len()),
                    path: stringify!($name).into(),
                })?)
            },
        });
    )+};
}

histograms!(ScoreHistogram, ConfidenceHistogram);
