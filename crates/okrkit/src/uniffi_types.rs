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
//! error type, [`OkrError`](crate::uniffi_error::OkrError)), so the binding's
//! own records avoid the fallible ones where an app can reach them
//! (bindings/ffi's `Entry.at` is a plain timestamp), except the date's, which
//! fails as that error: a date that is no date is `InvalidArgument` (code
//! `invalid_value`, path `date`), wherever an app gives one.
//! Tested here (`cargo test -p okrkit --features uniffi --lib uniffi`) and
//! through the bindings' suites.

use crate::classify::Classification;
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
    // The one strict reader (chrono's own took " 2026-01-01", "2026-1-1"). Text that is no
    // date (Swift passes text) fails as the binding's own error, so uniffi reports it as
    // `InvalidArgument`, not as an internal error.
    try_lift: |s| Ok(crate::options::parse_date(&s, "date").map_err(|_| {
        crate::uniffi_error::OkrError::argument(
            "date",
            format!("'{s}' is not a calendar date (YYYY-MM-DD)"),
        )
    })?),
});

/// An instant (UTC), as uniffi's timestamp.
type UtcInstant = DateTime<Utc>;

uniffi::custom_type!(UtcInstant, SystemTime, {
    remote,
    lower: |t| t.into(),
    try_lift: |t| Ok(utc_instant(t, "at")?),
});

/// `t` (an instant an app gave in, at `path`) as a UTC instant,
/// range-checked (chrono's `From<SystemTime>` panics out of range): out of
/// range is `InvalidArgument` (`invalid_value`) at `path`.
pub fn utc_instant(t: SystemTime, path: &str) -> crate::Result<DateTime<Utc>> {
    let out_of_range = || crate::Error::InvalidArgument {
        code: crate::ProblemCode::InvalidValue,
        message: "the instant is out of range".into(),
        path: path.into(),
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

/// A classification's short advice, for Kotlin and Swift (a method of the
/// record there: `shortSuggestion()`).
#[uniffi::export]
impl Classification {
    /// The same advice as `suggestion` in at most 80 characters, for a phone
    /// card, or `null` / `nil` when there is nothing to do.
    #[uniffi::method(name = "short_suggestion")]
    fn short_advice(&self) -> Option<String> {
        self.short_suggestion().map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;
    use uniffi::{Lift, Lower};

    type Tag = crate::UniFfiTag;

    /// Text that is no calendar date (Swift gives text) fails as the
    /// binding's own error, which uniffi reports as `InvalidArgument`.
    #[test]
    fn a_date_that_is_not_one_is_invalid_argument() {
        // Chrono's lenient forms too: a date is exactly YYYY-MM-DD.
        for bad in ["2026-02-30", " 2026-02-15", "2026-2-5", "+2026-02-15"] {
            let text = <String as Lower<Tag>>::lower(bad.into());
            let err = <NaiveDate as Lift<Tag>>::try_lift(text).expect_err(bad);
            let err = err
                .downcast::<crate::uniffi_error::OkrError>()
                .expect("the binding's error");
            assert!(
                matches!(&err, crate::uniffi_error::OkrError::InvalidArgument { .. }),
                "{err:?}"
            );
            assert_eq!(
                (err.code(), err.path()),
                ("invalid_value".into(), "date".into())
            );
        }
        let ok = <String as Lower<Tag>>::lower("2026-02-28".into());
        assert_eq!(
            <NaiveDate as Lift<Tag>>::try_lift(ok).ok(),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
    }

    #[test]
    fn a_core_count_past_int_saturates_and_a_negative_one_is_refused() {
        assert_eq!(<usize as Lower<Tag>>::lower(usize::MAX), i32::MAX);
        assert_eq!(<usize as Lower<Tag>>::lower(7), 7);
        assert!(<usize as Lift<Tag>>::try_lift(-1).is_err());
        assert_eq!(<usize as Lift<Tag>>::try_lift(3).ok(), Some(3));
    }

    #[test]
    fn an_app_instant_out_of_chrono_range_is_invalid_argument_not_a_panic() {
        let far = UNIX_EPOCH + std::time::Duration::from_secs(u64::MAX / 2);
        let err = utc_instant(far, "as_of").expect_err("out of range");
        assert!(
            matches!(&err, crate::Error::InvalidArgument { path, .. } if path == "as_of"),
            "{err:?}"
        );
        let t = utc_instant(
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
        let lowered = <SystemTime as Lower<Tag>>::lower(far);
        assert!(<UtcInstant as Lift<Tag>>::try_lift(lowered).is_err());
        let before = UNIX_EPOCH - std::time::Duration::from_millis(1500);
        let lowered = <SystemTime as Lower<Tag>>::lower(before);
        let t = <UtcInstant as Lift<Tag>>::try_lift(lowered).expect("in range");
        assert_eq!(t.timestamp_millis(), -1500);
    }

    #[test]
    fn a_core_histogram_round_trips_and_one_of_the_wrong_length_is_refused() {
        let mut buf = Vec::new();
        <[usize; 10] as Lower<Tag>>::write([1; 10], &mut buf);
        let back = <[usize; 10] as Lift<Tag>>::try_read(&mut buf.as_slice()).expect("lift");
        assert_eq!(back, [1; 10]);
        let mut short = Vec::new();
        <Vec<usize> as Lower<Tag>>::write(vec![1; 10], &mut short);
        assert!(<[usize; 11] as Lift<Tag>>::try_read(&mut short.as_slice()).is_err());
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
            let lowered = <SharedText as Lower<Tag>>::lower(text.into());
            let back = <SharedText as Lift<Tag>>::try_lift(lowered).expect("lift");
            assert_eq!(back, text);
        }
    }

    /// Kotlin and Swift read a classification's short advice through the
    /// record's exported method: the core's `short_suggestion`.
    #[test]
    fn a_classification_s_short_advice_is_the_core_s() {
        let c = crate::classify::default_classifier();
        let out = c.classify("Build a tool to remind people of their shopping cart");
        assert_eq!(out.short_advice().as_deref(), out.short_suggestion());
        assert!(out.short_advice().is_some_and(|s| s.chars().count() <= 80));
        let none = c.classify("Grow weekly orders from 10 to 20");
        assert_eq!(none.short_advice(), None);
    }

    #[test]
    fn an_unknown_core_finding_code_is_refused() {
        let text = <String as Lower<Tag>>::lower("no_such_code".into());
        assert!(<FindingCode as Lift<Tag>>::try_lift(text).is_err());
        let text = <String as Lower<Tag>>::lower("stale_key_result".into());
        let code = <FindingCode as Lift<Tag>>::try_lift(text).expect("a rule");
        assert_eq!(code, "stale_key_result");
    }
}
