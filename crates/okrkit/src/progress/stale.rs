//! What "stale" means (R10, seed 001): one definition for lint and health.

use crate::Org;
use crate::model::{Cycle, KeyResult, Measure};
use chrono::NaiveDate;

/// How long key result `flat` of `org` has gone without a check-in in `cycle`,
/// as of the end of `as_of`, or of the cycle's last day when `as_of` is
/// after it: a cycle that has ended is judged at its close, in lint as in
/// health (health's default date), whatever later day it is asked on.
pub(crate) struct Staleness {
    /// Day of the last check-in at or before `as_of`, if any (possibly before the cycle).
    pub last: Option<NaiveDate>,
    /// Days since the last check-in in the cycle, or since the cycle started
    /// when there is none: a check-in from before the cycle is not a check-in
    /// on this cycle's commitment.
    pub days: i64,
}

impl Staleness {
    /// `None` when staleness does not apply: the cycle has not started by
    /// `as_of`, or the key result is a milestone already done.
    pub(crate) fn of(
        org: &Org,
        flat: usize,
        kr: &KeyResult,
        cycle: &Cycle,
        as_of: NaiveDate,
    ) -> Option<Staleness> {
        if as_of < cycle.start || matches!(kr.measure, Measure::Milestone { done: true }) {
            return None;
        }
        let as_of = as_of.min(cycle.end);
        let last = org
            .check_ins
            .last_before(flat, super::end_of_day_micros(as_of))
            .and_then(|i| chrono::DateTime::from_timestamp_micros(org.check_ins.at[i]))
            .map(|t| t.date_naive());
        let since = last.map_or(cycle.start, |d| d.max(cycle.start));
        Some(Staleness {
            last,
            days: (as_of - since).num_days(),
        })
    }

    /// Whether more than `limit` days have passed.
    pub(crate) fn is_stale(&self, limit: u32) -> bool {
        self.days > i64::from(limit)
    }
}
