//! Progress from key results only (R2, seed 004).
//!
//! An objective's progress is the weighted mean of its key results' progress.
//! Initiatives are not an input: nothing here reads them, so "almost shipped"
//! work cannot inflate a number (seed 004's misleading 45%). Positions taken,
//! where OKR products disagree:
//!
//! * **Overshoot and wrong-way movement**: progress is clamped to [0, 1];
//!   the unclamped attainment stays in the result.
//! * **Target equal to baseline**: a validation error (`target_equals_baseline`);
//!   use a threshold key result to hold a level.
//! * **Threshold boundaries**: inclusive — exactly on the bound is met.
//! * **Milestones**: left out of objective progress by default, and said so
//!   ([`MilestonePolicy`]).
//! * **No key results**: no progress (`None`), never 0.
//! * **Values as of a date**: the latest check-in at or before the end of that
//!   day (UTC); with no check-in by then, the baseline — except a key result
//!   with no check-in history at all, which is taken at its own `current` value
//!   (the only record there is). Without a date: the key result's `current`
//!   value, else its latest check-in, else the baseline. The result always says
//!   which (`value_source`).
//! * **Rounding**: none. Every number is full precision; only display rounds.
//! * **Parents and children**: a parent objective's progress comes from its own
//!   key results; aligned children are reported beside it (`aligned`).

mod attainment;
mod columns;
mod lazy;
pub(crate) mod pace;
mod query;
mod report;
mod stale;

pub use attainment::{WeightedMean, attainment, clamp_progress, threshold_met, weighted_mean};
pub use columns::{KeyResultProgressRef, ObjectiveProgressRef, ProgressColumns};
pub use lazy::LazyReport;
pub use pace::{PACE_SLACK, PACE_TOLERANCE, Pace, PaceStatus, expected_progress, pace_text};
pub use query::{ReportAnswer, ReportQuery};
pub use report::{
    AlignedProgress, CycleProgress, KeyResultProgress, LeftOutReason, MilestonePolicy,
    ObjectiveProgress, ProgressOptions, ProgressReport, TeamProgress, ValueSource,
};

pub(crate) use stale::Staleness;

use crate::Org;
use crate::model::{KeyResult, Measure};
use chrono::NaiveDate;

/// Microseconds since the epoch at the end of `date` (UTC), as an exclusive bound.
pub(crate) fn end_of_day_micros(date: NaiveDate) -> Option<i64> {
    date.succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc().timestamp_micros())
}

/// The value of a key result as of a cutoff, and where it came from.
///
/// `cutoff` is `None` without a date, else [`end_of_day_micros`] of the date
/// (computed once per roll-up, not once per key result).
#[inline]
pub(crate) fn key_result_value(
    org: &Org,
    flat: usize,
    kr: &KeyResult,
    cutoff: Option<Option<i64>>,
) -> (Option<f64>, ValueSource) {
    let idx = &org.check_ins;
    let own = match &kr.measure {
        Measure::Metric { current, .. } | Measure::Threshold { current, .. } => *current,
        Measure::Milestone { done } => Some(if *done { 1.0 } else { 0.0 }),
    };
    let checked = |cut| idx.last_before(flat, cut).map(|i| idx.value[i]);
    let (value, source) = match cutoff {
        Some(cut) => match checked(cut) {
            Some(v) => (Some(v), ValueSource::CheckIn),
            // No history at all: the key result's own value is the only record.
            None if idx.range(flat).is_empty() && own.is_some() => (own, ValueSource::Current),
            None => (None, ValueSource::Baseline),
        },
        None => match (own, checked(None)) {
            (Some(v), _) => (Some(v), ValueSource::Current),
            (None, Some(v)) => (Some(v), ValueSource::CheckIn),
            (None, None) => (None, ValueSource::Baseline),
        },
    };
    // `+ 0.0` turns a -0.0 from the document into 0.0 (README: the core's
    // output never holds -0.0), as attainment does.
    match (&kr.measure, value) {
        (_, Some(v)) => (Some(v + 0.0), source),
        (Measure::Metric { baseline, .. }, None) => (Some(*baseline + 0.0), ValueSource::Baseline),
        (Measure::Milestone { .. }, None) => (Some(0.0), ValueSource::Baseline),
        (Measure::Threshold { .. }, None) => (None, ValueSource::None),
    }
}

/// What the rules make of one key result's value: its attainment and, when it
/// does not count towards its objective, why. Everything else in a
/// [`KeyResultProgress`] is the key result's own (id, kind, weight) or follows
/// from these (`progress` is the clamped attainment, `counted` is no reason).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KeyResultOutcome {
    pub(crate) value: Option<f64>,
    pub(crate) value_source: ValueSource,
    pub(crate) attainment: Option<f64>,
    pub(crate) left_out: Option<LeftOutReason>,
}

impl KeyResultOutcome {
    /// Progress: the attainment clamped to [0, 1].
    #[inline]
    pub(crate) fn progress(&self) -> Option<f64> {
        self.attainment.map(clamp_progress)
    }
}

/// The outcome of one key result given its value.
#[inline]
pub(crate) fn key_result_outcome(
    kr: &KeyResult,
    value: Option<f64>,
    value_source: ValueSource,
    milestones: MilestonePolicy,
) -> KeyResultOutcome {
    let attainment = match (&kr.measure, value) {
        (
            Measure::Metric {
                baseline, target, ..
            },
            Some(c),
        ) => Some(attainment(*baseline, *target, c)),
        (
            Measure::Threshold {
                direction, bound, ..
            },
            Some(c),
        ) => Some(if threshold_met(*direction, *bound, c) {
            1.0
        } else {
            0.0
        }),
        (Measure::Milestone { .. }, Some(c)) => Some(if c >= 1.0 { 1.0 } else { 0.0 }),
        (_, None) => None,
    };
    let left_out = match (&kr.measure, attainment) {
        (Measure::Milestone { .. }, _) if milestones == MilestonePolicy::LeaveOut => {
            Some(LeftOutReason::Milestone)
        }
        (_, None) => Some(LeftOutReason::NoValue),
        _ => None,
    };
    KeyResultOutcome {
        value,
        value_source,
        attainment,
        left_out,
    }
}

/// A key result's row of a report, from its outcome.
#[inline]
pub(crate) fn key_result_row(kr: &KeyResult, o: KeyResultOutcome) -> KeyResultProgress {
    KeyResultProgress {
        key_result: kr.id.clone(),
        measure: kr.measure.kind(),
        weight: kr.weight,
        value: o.value,
        value_source: o.value_source,
        attainment: o.attainment,
        progress: o.progress(),
        counted: o.left_out.is_none(),
        left_out: o.left_out,
    }
}

#[derive(Default, Clone, Copy)]
struct Acc {
    sum: f64,
    with_progress: usize,
    objectives: usize,
}

impl Acc {
    fn add(&mut self, p: Option<f64>) {
        self.objectives += 1;
        if let Some(p) = p {
            self.sum += p;
            self.with_progress += 1;
        }
    }
    fn mean(&self) -> Option<f64> {
        (self.with_progress > 0).then(|| self.sum / self.with_progress as f64)
    }
}

/// What a roll-up works out once per call rather than once per key result or
/// objective: the check-in cutoff of its date, and each cycle's expected
/// progress at that date.
pub(crate) struct RollUp {
    /// `None` without a date, else the exclusive cutoff of the end of that day.
    cutoff: Option<Option<i64>>,
    /// Per cycle (document order): expected progress at the date, when there is one.
    expected: Vec<f64>,
    milestones: MilestonePolicy,
}

impl RollUp {
    pub(crate) fn new(org: &Org, opts: &ProgressOptions) -> RollUp {
        let expected = match opts.as_of {
            Some(date) => org
                .document()
                .cycles
                .iter()
                .map(|c| expected_progress(c, date))
                .collect(),
            None => Vec::new(),
        };
        RollUp {
            cutoff: opts.as_of.map(end_of_day_micros),
            expected,
            milestones: opts.milestones,
        }
    }

    /// A roll-up of values as of the end of `date`, without pace (no cycle's
    /// expected progress worked out): for scores at a cycle's close, which
    /// report no pace. O(1), where [`RollUp::new`] costs one step per cycle.
    pub(crate) fn values_at(date: NaiveDate, milestones: MilestonePolicy) -> RollUp {
        RollUp {
            cutoff: Some(end_of_day_micros(date)),
            expected: Vec::new(),
            milestones,
        }
    }

    /// Pace of `progress` in cycle `ci`, when there is a date and a progress.
    fn pace(&self, ci: usize, progress: Option<f64>) -> Option<Pace> {
        match (self.expected.get(ci), progress) {
            (Some(&expected), Some(p)) => Some(Pace::new(p, expected)),
            _ => None,
        }
    }
}

impl Org {
    /// The cycle and team a roll-up keeps, as indexes: an unknown name is an
    /// error (`dangling_reference` at `cycle` or `team`), never an empty report.
    pub(crate) fn progress_filters(
        &self,
        opts: &ProgressOptions,
    ) -> crate::Result<(Option<usize>, Option<usize>)> {
        let cycle = match &opts.cycle {
            None => None,
            Some(c) => Some(self.cycle_index(c.as_str())?),
        };
        let team = match &opts.team {
            None => None,
            Some(t) => Some(self.team_index(t.as_str())?),
        };
        Ok((cycle, team))
    }

    /// Progress of objective `oi` (the weighted mean of its counted key
    /// results) and how many were counted; each key result's outcome goes to
    /// `each` with its flat index and the key result, so the roll-up
    /// allocates and copies nothing per key result.
    #[inline]
    pub(crate) fn objective_outcomes(
        &self,
        oi: usize,
        roll: &RollUp,
        mut each: impl FnMut(usize, &KeyResult, KeyResultOutcome),
    ) -> (usize, Option<f64>) {
        let o = &self.document().objectives[oi];
        let mut mean = WeightedMean::default();
        for (flat, kr) in self.key_result_range(oi).zip(&o.key_results) {
            let (value, source) = key_result_value(self, flat, kr, roll.cutoff);
            let outcome = key_result_outcome(kr, value, source, roll.milestones);
            if let (None, Some(prog)) = (outcome.left_out, outcome.progress()) {
                mean.add(kr.weight, prog);
            }
            each(flat, kr, outcome);
        }
        (mean.count(), mean.mean())
    }

    /// [`Org::objective_outcomes`] with each key result's row of a report.
    pub(crate) fn objective_progress(
        &self,
        oi: usize,
        roll: &RollUp,
        mut each: impl FnMut(KeyResultProgress),
    ) -> (usize, Option<f64>) {
        self.objective_outcomes(oi, roll, |_, kr, o| each(key_result_row(kr, o)))
    }

    /// Progress of every objective, team and cycle (R2).
    ///
    /// ```
    /// let org = okrkit::Org::from_json(r#"{
    ///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    ///   "teams": [{"id": "web", "name": "Web"}],
    ///   "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
    ///     "key_results": [
    ///       {"id": "kr1", "title": "Checkout conversion rate > 65%",
    ///        "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56}},
    ///       {"id": "kr2", "title": "Page load below 800 ms",
    ///        "measure": {"type": "metric", "baseline": 1200, "target": 800, "current": 1000}}]}]
    /// }"#).unwrap();
    /// let report = org.progress(&okrkit::ProgressOptions::default()).unwrap();
    /// let o1 = &report.objectives[0];
    /// assert_eq!(o1.key_results[0].progress, Some(0.4));
    /// assert_eq!(o1.key_results[1].progress, Some(0.5));
    /// assert_eq!(o1.progress, Some(0.45));
    ///
    /// // A cycle filter must name a cycle of the document: a misspelt one is an
    /// // error, never an empty report.
    /// let opts = okrkit::ProgressOptions::default().cycle("q9");
    /// assert_eq!(org.progress(&opts).unwrap_err().code(), "dangling_reference");
    /// // The same for a team filter.
    /// let opts = okrkit::ProgressOptions::default().team("web-shop");
    /// assert_eq!(org.progress(&opts).unwrap_err().code(), "dangling_reference");
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) with code
    /// `dangling_reference` and path `cycle` (or `team`) when `opts.cycle`
    /// names no cycle (or `opts.team` no team).
    pub fn progress(&self, opts: &ProgressOptions) -> crate::Result<ProgressReport> {
        let doc = self.document();
        let (cycle_filter, team_filter) = self.progress_filters(opts)?;
        let roll = RollUp::new(self, opts);
        let mut objectives = Vec::with_capacity(doc.objectives.len());
        // Document index of each objective in `objectives`, in the same order.
        let mut reported: Vec<u32> = Vec::with_capacity(doc.objectives.len());
        // Each objective's progress, once computed (`None`: not yet).
        let mut obj_progress: Vec<Option<Option<f64>>> = vec![None; doc.objectives.len()];
        let n_teams = doc.teams.len();
        let mut team_acc = vec![Acc::default(); doc.cycles.len() * n_teams];
        let mut cycle_acc = vec![Acc::default(); doc.cycles.len()];

        for (oi, o) in doc.objectives.iter().enumerate() {
            let ci = self.objective_cycle[oi] as usize;
            let ti = self.objective_team[oi] as usize;
            if cycle_filter.is_some_and(|filter| filter != ci)
                || team_filter.is_some_and(|filter| filter != ti)
            {
                continue;
            }
            let mut krs = Vec::with_capacity(o.key_results.len());
            let (counted, progress) = self.objective_progress(oi, &roll, |p| krs.push(p));
            obj_progress[oi] = Some(progress);
            let milestones_counted = opts.milestones == MilestonePolicy::CountAsImported
                && o.key_results
                    .iter()
                    .any(|k| matches!(k.measure, Measure::Milestone { .. }));
            team_acc[ci * n_teams + ti].add(progress);
            cycle_acc[ci].add(progress);
            reported.push(oi as u32);
            objectives.push(ObjectiveProgress {
                objective: o.id.clone(),
                // The team's and cycle's own ids (equal text): one shared,
                // cache-resident count per team and cycle, rather than one
                // per objective scattered over the heap.
                team: doc.teams[ti].id.clone(),
                cycle: doc.cycles[ci].id.clone(),
                kind: o.kind,
                progress,
                pace: roll.pace(ci, progress),
                counted,
                left_out: krs.len() - counted,
                milestones_counted,
                key_results: krs,
                aligned: Vec::new(),
            });
        }
        // Children's own progress, beside the parent's (never blended in).
        for (row, &oi) in objectives.iter_mut().zip(&reported) {
            let children = self.children_of(oi as usize);
            if children.is_empty() {
                continue;
            }
            row.aligned = children
                .iter()
                .map(|&c| {
                    let c = c as usize;
                    let child = &doc.objectives[c];
                    // A child outside the cycle filter still has its own progress.
                    let progress = *obj_progress[c]
                        .get_or_insert_with(|| self.objective_outcomes(c, &roll, |_, _, _| ()).1);
                    AlignedProgress {
                        objective: child.id.clone(),
                        team: child.team.clone(),
                        progress,
                    }
                })
                .collect();
        }

        // The team and cycle lists allocated once, exactly: grown by
        // doubling, then shrunk, they left their largest size behind in the
        // heap (the resident memory of a report).
        let mut teams = Vec::with_capacity(team_acc.iter().filter(|a| a.objectives > 0).count());
        let mut cycles = Vec::with_capacity(cycle_acc.iter().filter(|a| a.objectives > 0).count());
        for (ci, c) in doc.cycles.iter().enumerate() {
            let acc = cycle_acc[ci];
            if acc.objectives == 0 {
                continue;
            }
            cycles.push(CycleProgress {
                cycle: c.id.clone(),
                progress: acc.mean(),
                pace: roll.pace(ci, acc.mean()),
                objectives: acc.objectives,
                objectives_without_progress: acc.objectives - acc.with_progress,
            });
            for (ti, t) in doc.teams.iter().enumerate() {
                let acc = team_acc[ci * n_teams + ti];
                if acc.objectives == 0 {
                    continue;
                }
                teams.push(TeamProgress {
                    team: t.id.clone(),
                    cycle: c.id.clone(),
                    progress: acc.mean(),
                    pace: roll.pace(ci, acc.mean()),
                    objectives: acc.objectives,
                    objectives_without_progress: acc.objectives - acc.with_progress,
                });
            }
        }
        // Room was reserved for every objective; a filtered report keeps
        // only its own.
        objectives.shrink_to_fit();
        Ok(ProgressReport {
            as_of: opts.as_of,
            milestones: opts.milestones,
            objectives,
            teams,
            cycles,
        })
    }
}

impl Org {
    /// Progress as of each date, in order (the points of a chart of progress
    /// against pace): each report is [`Org::progress`] with `as_of` set to
    /// that date and the other options as given.
    ///
    /// ```
    /// # let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1",
    /// #   "start": "2026-01-01", "end": "2026-03-31"}], "teams": [], "objectives": []}"#).unwrap();
    /// let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
    /// let reports = org.progress_over(&[day(15), day(31)], &okrkit::ProgressOptions::default())?;
    /// assert_eq!(reports[1].as_of, Some(day(31)));
    /// // `as_of` comes from the dates: one given as an option is an error, not ignored.
    /// let err = org.progress_over(&[day(15)], &okrkit::ProgressOptions::default().as_of(day(1)));
    /// assert_eq!(err.unwrap_err().path(), "as_of");
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `invalid_value` at `as_of` when `opts.as_of` is set; otherwise those of
    /// [`Org::progress`].
    pub fn progress_over(
        &self,
        dates: &[NaiveDate],
        opts: &ProgressOptions,
    ) -> crate::Result<Vec<ProgressReport>> {
        let mut each = over_options(opts)?;
        dates
            .iter()
            .map(|&d| {
                each.as_of = Some(d);
                self.progress(&each)
            })
            .collect()
    }
}

/// The options of a roll-up over several dates (each date's own `as_of`
/// set by the caller): `opts` refused when it sets `as_of` itself.
pub(crate) fn over_options(opts: &ProgressOptions) -> crate::Result<ProgressOptions> {
    if opts.as_of.is_some() {
        return Err(crate::Error::InvalidArgument {
            code: crate::ProblemCode::InvalidValue,
            message: "each report's date comes from the dates given: leave as_of out".into(),
            path: "as_of".into(),
        });
    }
    Ok(opts.clone())
}

/// Reads a number of days (a `u32`: a negative staleness limit would mark
/// every key result stale without a word), saying "negative" for a negative one.
pub(crate) fn non_negative_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = <i64 as serde::Deserialize>::deserialize(d)?;
    if days < 0 {
        return Err(serde::de::Error::custom(format!("{days} days is negative")));
    }
    u32::try_from(days).map_err(|_| {
        serde::de::Error::custom(format!("{days} days is too many (at most {})", u32::MAX))
    })
}
