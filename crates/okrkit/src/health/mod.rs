//! Program health (R10, seed 001): is the OKR program working?
//!
//! A report per team and for the whole organisation over a cycle: check-in
//! cadence and stale key results, the share of key results that are outcomes
//! (R1), renegotiation and dependency flow (R4, R7, from the ledger when one is
//! given), score and confidence distributions, and stretch calibration (R5).
//! Plain data, ready for frames and charts. Like every report of okrkit it
//! carries no person and no per-person figure (R6).

mod flow;

pub use flow::{DependencyFlow, RenegotiationFlow};

use crate::Org;
use crate::classify::StatementKind;
use crate::ids::{CycleId, IdArg, KeyResultId, TeamId};
use crate::progress::Staleness;
use crate::score::{Band, Calibration};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Options of a health report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HealthOptions {
    /// The date the report is made at (default: the cycle's last day).
    #[serde(deserialize_with = "crate::options::strict_day")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub as_of: Option<NaiveDate>,
    /// Days without a check-in after which a key result is stale.
    #[serde(deserialize_with = "crate::progress::non_negative_days")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 14))]
    pub stale_after_days: u32,
}

impl Default for HealthOptions {
    fn default() -> Self {
        HealthOptions {
            as_of: None,
            stale_after_days: 14,
        }
    }
}

/// Counts of objectives per score band at the date of the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BandCounts {
    /// 0.0–0.3.
    pub red: usize,
    /// 0.4–0.6.
    pub yellow: usize,
    /// 0.7–1.0.
    pub green: usize,
    /// No key result could be scored.
    pub not_scored: usize,
}

/// Writes a histogram as a sequence, as JSON text holds it: serde writes a
/// `[usize; N]` as a tuple, which a host's own serialiser (Python's
/// pythonize) makes a tuple, not the list every other array is.
fn counts_as_seq<S: serde::Serializer>(counts: &[usize], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(counts)
}

/// Health of one team, or of the whole organisation (`team` is `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamHealth {
    /// The team; `None` for the organisation.
    pub team: Option<TeamId>,
    /// Objectives in the cycle.
    pub objectives: usize,
    /// Key results in the cycle.
    pub key_results: usize,
    /// Check-ins in the cycle up to the end (UTC) of the date, or of the
    /// cycle's last day once it has ended.
    pub check_ins: usize,
    /// Check-ins per key result per week elapsed.
    pub check_ins_per_key_result_per_week: Option<f64>,
    /// Key results with no check-in in the cycle up to the date (the same
    /// window as `check_ins`).
    pub key_results_without_check_in: usize,
    /// Key results with no check-in for longer than the limit (R10).
    pub stale_key_results: Vec<KeyResultId>,
    /// Key results the classifier reads as outcomes (R1).
    pub outcome_key_results: usize,
    /// Share of key results that are outcomes.
    pub outcome_share: Option<f64>,
    /// Objectives per score band: progress at the date, or at the cycle's
    /// last day once it has ended (a key result whose only check-in is from
    /// before the start is at that check-in's value, the value in force when
    /// the cycle starts).
    pub score_bands: BandCounts,
    /// Objectives per tenth of score: `[0.0,0.1)`, …, `[0.9,1.0]`.
    #[serde(serialize_with = "counts_as_seq")]
    pub score_histogram: [usize; 10],
    /// Latest confidence of each key result in the `check_ins` window,
    /// counted by value 0–10 (rounded down); a check-in from before the
    /// start gives none.
    #[serde(serialize_with = "counts_as_seq")]
    pub confidence_histogram: [usize; 11],
    /// Mean latest confidence, if any key result has one.
    pub mean_confidence: Option<f64>,
    /// Renegotiations (from the ledger; zero without one).
    pub renegotiations: RenegotiationFlow,
    /// Dependencies (from the ledger; zero without one).
    pub dependencies: DependencyFlow,
}

/// The health of an OKR program over a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HealthReport {
    /// The cycle.
    pub cycle: CycleId,
    /// The date the report is made at.
    pub as_of: NaiveDate,
    /// The whole organisation.
    pub organisation: TeamHealth,
    /// Each team with objectives in the cycle, in document order.
    pub teams: Vec<TeamHealth>,
    /// Stretch calibration over every cycle up to this one (R5), as known on
    /// `as_of`: a cycle that has not ended by then is left out of the run.
    pub calibration: Vec<Calibration>,
}

impl TeamHealth {
    fn new(team: Option<TeamId>) -> Self {
        TeamHealth {
            team,
            objectives: 0,
            key_results: 0,
            check_ins: 0,
            check_ins_per_key_result_per_week: None,
            key_results_without_check_in: 0,
            stale_key_results: Vec::new(),
            outcome_key_results: 0,
            outcome_share: None,
            score_bands: BandCounts::default(),
            score_histogram: [0; 10],
            confidence_histogram: [0; 11],
            mean_confidence: None,
            renegotiations: RenegotiationFlow::default(),
            dependencies: DependencyFlow::default(),
        }
    }
}

/// Running sums of a [`TeamHealth`] that are not fields of it.
#[derive(Default, Clone, Copy)]
struct Acc {
    confidence_sum: f64,
    confidence_n: usize,
}

impl Acc {
    /// Fills the derived fields of `h` from its counts and these sums.
    fn finish(self, h: &mut TeamHealth, weeks: f64) {
        h.stale_key_results.shrink_to_fit();
        if h.key_results > 0 {
            h.outcome_share = Some(h.outcome_key_results as f64 / h.key_results as f64);
            if weeks > 0.0 {
                h.check_ins_per_key_result_per_week =
                    Some(h.check_ins as f64 / h.key_results as f64 / weeks);
            }
        }
        h.mean_confidence =
            (self.confidence_n > 0).then(|| self.confidence_sum / self.confidence_n as f64);
    }
}

impl crate::ledger::Ledger {
    /// The health of the program over a cycle, from the ledger: the document
    /// as it stands now, plus renegotiation and dependency flow (R4, R7) up to
    /// the end of the report's date. A cycle a renegotiation changed after
    /// its close (only a ledger written before that was refused holds one)
    /// is judged, at or after its last day, on the document as it stood at
    /// the end of that day: the targets in force at the close.
    pub fn health(&self, cycle: &str, opts: &HealthOptions) -> crate::Result<HealthReport> {
        Ok(self.health_and_org(cycle, opts)?.0)
    }

    /// [`Ledger::health`](crate::ledger::Ledger::health) and the organisation
    /// it was computed on, built once (for a caller that keeps both, as the
    /// bindings' report handles do).
    pub fn health_and_org(
        &self,
        cycle: &str,
        opts: &HealthOptions,
    ) -> crate::Result<(HealthReport, Org)> {
        let org = match self.closed_cycle_org(cycle, opts)? {
            Some(org) => org,
            None => self.org()?,
        };
        let mut report = org.health(cycle, opts)?;
        let cutoff = crate::progress::end_of_day_micros(report.as_of)
            .and_then(chrono::DateTime::from_timestamp_micros);
        let before = |t: &chrono::DateTime<chrono::Utc>| cutoff.is_none_or(|c| *t < c);
        let team_of_objective: std::collections::HashMap<&str, (&TeamId, &CycleId)> = org
            .document()
            .objectives
            .iter()
            .map(|o| (o.id.as_str(), (&o.team, &o.cycle)))
            .collect();
        // Each team's row, by hash: no scan of the rows per proposal or request.
        let slot_of: std::collections::HashMap<TeamId, usize> = report
            .teams
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((t.team.clone()?, i)))
            .collect();
        for p in self
            .proposals()
            .iter()
            .filter(|p| p.cycle.as_str() == cycle && before(&p.at))
        {
            let slot = slot_of.get(&p.team).copied();
            for h in
                std::iter::once(&mut report.organisation).chain(slot.map(|i| &mut report.teams[i]))
            {
                flow::count_proposal(&mut h.renegotiations, p);
            }
        }
        for d in self
            .dependencies()
            .iter()
            .filter(|d| before(&d.requested_at))
        {
            let Some((_, c)) = team_of_objective.get(d.objective.as_str()) else {
                continue;
            };
            if c.as_str() != cycle {
                continue;
            }
            let slot = slot_of.get(&d.requested_by.team).copied();
            for h in
                std::iter::once(&mut report.organisation).chain(slot.map(|i| &mut report.teams[i]))
            {
                flow::count_dependency(&mut h.dependencies, d);
            }
        }
        drop(team_of_objective);
        Ok((report, org))
    }
}

impl Org {
    /// The health of the program over a cycle, from the document alone
    /// (renegotiation and dependency flow come from a ledger:
    /// `Ledger::health`).
    ///
    /// ```
    /// let org = okrkit::Org::from_json(&std::fs::read_to_string(
    ///     concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json")).unwrap()).unwrap();
    /// let health = org.health("2026-Q1", &okrkit::health::HealthOptions::default()).unwrap();
    /// assert!(health.organisation.outcome_share.unwrap() > 0.5);
    /// ```
    pub fn health(
        &self,
        cycle: impl IdArg<CycleId>,
        opts: &HealthOptions,
    ) -> crate::Result<HealthReport> {
        let doc = self.document();
        let ci = self.cycle_index(cycle.id_str())?;
        let c = &doc.cycles[ci];
        let as_of = opts.as_of.unwrap_or(c.end);
        // One window for every figure: check-ins in the cycle up to the end
        // (UTC) of the date, a cycle that has ended judged at its last day
        // whatever later date is asked (as staleness is).
        let judged = as_of.min(c.end);
        let cutoff = crate::progress::end_of_day_micros(judged);
        let start_micros = c
            .start
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc().timestamp_micros());
        let elapsed_days = ((judged - c.start).num_days() + 1).max(0);
        let weeks = elapsed_days as f64 / 7.0;
        // Each objective's progress at that day, as `Org::progress` with this
        // date and cycle reports it, without building its rows (a key result
        // whose only check-in is from before the start is at the value in
        // force when the cycle starts).
        let roll = crate::progress::RollUp::new(
            self,
            &crate::ProgressOptions {
                as_of: Some(judged),
                cycle: Some(c.id.clone()),
                ..Default::default()
            },
        );
        let classifier = crate::classify::default_classifier();

        let mut organisation = TeamHealth::new(None);
        let mut org_acc = Acc::default();
        // Each team's row, in order of its first objective in the cycle: the
        // slots first, so that the report's vector is allocated once, exactly.
        let mut team_slot: Vec<Option<usize>> = vec![None; doc.teams.len()];
        let mut slots = 0;
        for (oi, &oc) in self.objective_cycle.iter().enumerate() {
            let slot = &mut team_slot[self.objective_team[oi] as usize];
            if oc as usize == ci && slot.is_none() {
                *slot = Some(slots);
                slots += 1;
            }
        }
        let mut teams: Vec<TeamHealth> = Vec::with_capacity(slots);
        let mut team_acc = vec![Acc::default(); slots];
        for (oi, o) in doc.objectives.iter().enumerate() {
            if self.objective_cycle[oi] as usize != ci {
                continue;
            }
            let progress = self.objective_outcomes(oi, &roll, |_, _, _| ()).1;
            let Some(slot) = team_slot[self.objective_team[oi] as usize] else {
                debug_assert!(
                    false,
                    "every team with an objective in the cycle has a slot"
                );
                continue;
            };
            if slot == teams.len() {
                teams.push(TeamHealth::new(Some(o.team.clone())));
            }
            for h in [&mut organisation, &mut teams[slot]] {
                h.objectives += 1;
                match progress {
                    None => h.score_bands.not_scored += 1,
                    Some(s) => {
                        match Band::of(s) {
                            Band::Red => h.score_bands.red += 1,
                            Band::Yellow => h.score_bands.yellow += 1,
                            Band::Green => h.score_bands.green += 1,
                        }
                        h.score_histogram[((s * 10.0) as usize).min(9)] += 1;
                    }
                }
            }
            for (flat, kr) in self.key_result_range(oi).zip(&o.key_results) {
                let range = self.check_ins.range(flat);
                let in_window = |i: usize| {
                    let t = self.check_ins.at[i];
                    start_micros.is_none_or(|s| t >= s) && cutoff.is_none_or(|cut| t < cut)
                };
                let in_cycle = range.clone().filter(|&i| in_window(i)).count();
                // The latest check-in in the window: one from before the
                // start gives no confidence to a cycle it is not in.
                let last = self
                    .check_ins
                    .last_before(flat, cutoff)
                    .filter(|&i| in_window(i));
                let stale = Staleness::of(self, flat, kr, c, as_of)
                    .is_some_and(|s| s.is_stale(opts.stale_after_days));
                let confidence = last.and_then(|i| self.check_ins.confidence(i));
                let outcome = kr.classify_with(classifier).kind == StatementKind::Outcome;
                for (h, acc) in [
                    (&mut organisation, &mut org_acc),
                    (&mut teams[slot], &mut team_acc[slot]),
                ] {
                    h.key_results += 1;
                    h.check_ins += in_cycle;
                    if in_cycle == 0 {
                        h.key_results_without_check_in += 1;
                    }
                    if stale {
                        h.stale_key_results.push(kr.id.clone());
                    }
                    if outcome {
                        h.outcome_key_results += 1;
                    }
                    if let Some(conf) = confidence {
                        h.confidence_histogram[(conf as usize).min(10)] += 1;
                        acc.confidence_sum += conf;
                        acc.confidence_n += 1;
                    }
                }
            }
        }
        // Calibration over the cycles ended by the date, through this one: a
        // cycle still running at the date is left out until it ends (its
        // close would read check-ins after the date).
        let calibration = self.calibration_through(ci, Some(as_of));
        org_acc.finish(&mut organisation, weeks);
        for (h, acc) in teams.iter_mut().zip(team_acc) {
            acc.finish(h, weeks);
        }
        Ok(HealthReport {
            cycle: c.id.clone(),
            as_of,
            organisation,
            teams,
            calibration,
        })
    }
}

setters!(HealthOptions { stale_after_days: u32 } some { as_of: NaiveDate });

#[cfg(test)]
mod default_tests {
    /// Kotlin/Swift's `HealthOptions()` default for `stale_after_days` is
    /// the literal in its `uniffi(default = …)` (uniffi takes no expression):
    /// it must be `Default`'s, so the two cannot drift apart.
    #[test]
    fn the_uniffi_default_is_the_core_default() {
        let days = super::HealthOptions::default().stale_after_days;
        let literal = format!("uniffi(default = {days})");
        assert!(
            include_str!("mod.rs").contains(&literal),
            "{literal} missing"
        );
    }
}
