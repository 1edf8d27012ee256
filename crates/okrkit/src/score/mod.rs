//! Stretch scoring at the close of a cycle (R5), judged by objective type.
//!
//! Each key result gets a score in [0, 1] from its final attainment — the
//! values as of the cycle's last day, with the targets in force then (replay
//! the ledger to the close to get them: `Ledger::replay`). The objective's score
//! is the weighted mean. Aspirational objectives are judged against about 0.7:
//! green (0.65 and above, [`GREEN_FROM`]) is a success, and falling short of 1.0 carries no penalty.
//! Committed objectives are judged against 1.0: below it, the retrospective
//! must explain why (R8).
//!
//! Scores belong to objectives and teams, never to people (R6, seeds 000 and
//! 002): once OKR scores feed individual ratings, people set safe goals and
//! stretch dies. No type here has a field for a person, and no function takes
//! one — an HR product cannot ask okrkit for a per-person score because there is
//! no such question to ask.

mod band;
mod calibration;

pub use band::{Band, GREEN_FROM, YELLOW_FROM, score_text};
pub use calibration::{
    CONSECUTIVE_CYCLES, Calibration, CalibrationFlag, NEAR_ZERO, TeamCycleScore, calibrate,
};

use crate::Org;
use crate::ids::{CycleId, IdArg, KeyResultId, ObjectiveId, TeamId};
use crate::model::ObjectiveType;
use crate::progress::MilestonePolicy;
use crate::text::{Interner, SharedText};
use serde::{Deserialize, Serialize};

/// An aspirational objective scoring at least this is a success (R5: "about
/// 0.7"). It is the green band's lower edge, so a verdict and a colour never
/// disagree: 0.61 is yellow and short of the stretch, 0.65 green and a success.
pub const ASPIRATIONAL_SUCCESS_FROM: f64 = GREEN_FROM;

/// How an objective's score reads against the expectation of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Verdict {
    /// Aspirational, scored in the green band (0.65 or more): a success, as stretch goals are meant to land.
    StretchSuccess,
    /// Aspirational, below the green band: short of the stretch, with no penalty; learn in the retrospective.
    StretchShort,
    /// Committed, scored 1.0: the commitment was kept.
    CommitmentMet,
    /// Committed, below 1.0: the retrospective must explain why (R5, R8).
    ExplanationRequired,
    /// No key result could be scored.
    NotScored,
}

/// Score of one key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KeyResultScore {
    /// The key result.
    pub key_result: KeyResultId,
    /// Final attainment, unclamped.
    pub attainment: Option<f64>,
    /// Score in [0, 1]; `None` when left out (a milestone, or no value).
    pub score: Option<f64>,
    /// Its band.
    pub band: Option<Band>,
    /// Its weight.
    pub weight: f64,
}

/// Score of one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ObjectiveScore {
    /// The objective.
    pub objective: ObjectiveId,
    /// Its team (the owner of the score: never a person, R6).
    pub team: TeamId,
    /// Committed or aspirational.
    #[serde(rename = "type")]
    pub kind: ObjectiveType,
    /// Weighted mean of its key results' scores.
    pub score: Option<f64>,
    /// Band of the score.
    pub band: Option<Band>,
    /// What the score means for this type of objective.
    pub verdict: Verdict,
    /// Whether the retrospective must explain the score (committed below 1.0).
    pub explanation_required: bool,
    /// A sentence for people.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub message: SharedText,
    /// Key result scores.
    pub key_results: Vec<KeyResultScore>,
}

/// Scores of a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ScoreReport {
    /// The cycle scored.
    pub cycle: CycleId,
    /// Per objective, in document order.
    pub objectives: Vec<ObjectiveScore>,
    /// Per team: the mean of its objectives' scores, by type.
    pub teams: Vec<TeamCycleScore>,
}

/// The verdict and its message; objectives with the same message (a few
/// hundred sentences at most: a verdict and a score to two decimals, more
/// only next to a threshold, [`score_text`]) share it.
fn verdict(kind: ObjectiveType, score: Option<f64>, texts: &mut Interner) -> (Verdict, SharedText) {
    let (verdict, message) = verdict_text(kind, score);
    (verdict, texts.get(&message))
}

/// `text` in an allocation of its own length, for a report that keeps it.
///
/// `format!` reserves about twice what it writes. Shrinking in place
/// (`shrink_to_fit`) would leave a small free fragment behind each kept text
/// that the allocator seldom reuses; a fresh exact copy lets the larger block
/// be reused by the next `format!` of the same size.
pub(crate) fn exact_text(text: String) -> String {
    if text.capacity() == text.len() {
        text
    } else {
        String::from(text.as_str())
    }
}

fn verdict_text(kind: ObjectiveType, score: Option<f64>) -> (Verdict, String) {
    match (kind, score) {
        (_, None) => (Verdict::NotScored, "no key result could be scored".into()),
        (ObjectiveType::Aspirational, Some(s)) if s >= ASPIRATIONAL_SUCCESS_FROM => (
            Verdict::StretchSuccess,
            format!(
                "{} on an aspirational objective is a success: stretch goals are meant to land around 0.7 (R5)",
                score_text(s)
            ),
        ),
        (ObjectiveType::Aspirational, Some(s)) => (
            Verdict::StretchShort,
            format!(
                "{} is short of the stretch; no penalty — ask in the retrospective what was learned (R5, R8)",
                score_text(s)
            ),
        ),
        (ObjectiveType::Committed, Some(s)) if s >= 1.0 => {
            (Verdict::CommitmentMet, "the commitment was kept".into())
        }
        (ObjectiveType::Committed, Some(s)) => (
            Verdict::ExplanationRequired,
            format!(
                "{} on a committed objective: the retrospective must explain why (R5, R8)",
                score_text(s)
            ),
        ),
    }
}

/// The roll-up a score uses: values as of the cycle's last day, milestones
/// left out (R1).
fn close_of(cycle: &crate::model::Cycle) -> crate::progress::RollUp {
    // Scores report no pace, so the roll-up needs no cycle's expected
    // progress: one per cycle would make a calibration over every cycle
    // quadratic in their number.
    crate::progress::RollUp::values_at(cycle.end, MilestonePolicy::LeaveOut)
}

impl Org {
    /// Scores a cycle at its close: values as of its last day, milestones left
    /// out (R1), objectives judged by type (R5).
    ///
    /// ```
    /// let org = okrkit::Org::from_json(r#"{
    ///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    ///   "teams": [{"id": "web", "name": "Web"}],
    ///   "objectives": [{"id": "o1", "title": "Stretch", "team": "web", "cycle": "q1", "type": "aspirational",
    ///     "key_results": [{"id": "k", "title": "Conversion from 50% to 60%",
    ///       "measure": {"type": "metric", "baseline": 50, "target": 60}}]}],
    ///   "check_ins": [{"key_result": "k", "at": "2026-03-30T10:00:00Z", "value": 57}]
    /// }"#).unwrap();
    /// let scores = org.score_cycle("q1").unwrap();
    /// assert_eq!(scores.objectives[0].score, Some(0.7));
    /// assert_eq!(scores.objectives[0].band, Some(okrkit::score::Band::Green));
    /// assert_eq!(scores.objectives[0].verdict, okrkit::score::Verdict::StretchSuccess);
    /// ```
    pub fn score_cycle(&self, cycle: impl IdArg<CycleId>) -> crate::Result<ScoreReport> {
        let ci = self.cycle_index(cycle.id_str())?;
        let objectives: Vec<usize> = self
            .objective_cycle
            .iter()
            .enumerate()
            .filter(|&(_, &oc)| oc as usize == ci)
            .map(|(oi, _)| oi)
            .collect();
        Ok(self.score_objectives(ci, &objectives))
    }

    /// The score report of cycle `ci` (document index), whose objectives are
    /// `in_cycle` (document indexes, in document order).
    fn score_objectives(&self, ci: usize, in_cycle: &[usize]) -> ScoreReport {
        let doc = self.document();
        let c = &doc.cycles[ci];
        // The objectives' and key results' progress at the cycle's close, as
        // `Org::progress` with this cycle, date and `LeaveOut` reports it,
        // built straight into score rows (no progress rows in between).
        let roll = close_of(c);
        let mut objectives = Vec::with_capacity(in_cycle.len());
        let mut texts = Interner::default();
        for &oi in in_cycle {
            let o = &doc.objectives[oi];
            let mut key_results = Vec::with_capacity(o.key_results.len());
            let (_, progress) = self.objective_progress(oi, &roll, |k| {
                let score = if k.counted { k.progress } else { None };
                key_results.push(KeyResultScore {
                    key_result: k.key_result,
                    attainment: k.attainment,
                    score,
                    band: score.map(Band::of),
                    weight: k.weight,
                });
            });
            let (verdict, message) = verdict(o.kind, progress, &mut texts);
            objectives.push(ObjectiveScore {
                objective: o.id.clone(),
                team: doc.teams[self.objective_team[oi] as usize].id.clone(),
                kind: o.kind,
                score: progress,
                band: progress.map(Band::of),
                verdict,
                explanation_required: verdict == Verdict::ExplanationRequired,
                message,
                key_results,
            });
        }
        let teams = calibration::team_scores(
            &c.id,
            doc.teams,
            in_cycle
                .iter()
                .zip(&objectives)
                .map(|(&oi, o)| (self.objective_team[oi] as usize, o.kind, o.score)),
        );
        ScoreReport {
            cycle: c.id.clone(),
            objectives,
            teams,
        }
    }

    /// Each of the first `cycles` cycles' objectives (document indexes, in
    /// document order), from one pass over the document rather than one per
    /// cycle.
    fn objectives_by_cycle(&self, cycles: usize) -> Vec<Vec<usize>> {
        let mut of_cycle: Vec<Vec<usize>> = vec![Vec::new(); cycles];
        for (oi, &ci) in self.objective_cycle.iter().enumerate() {
            if let Some(list) = of_cycle.get_mut(ci as usize) {
                list.push(oi);
            }
        }
        of_cycle
    }

    /// The document indexes of its cycles in time order: by start, then end,
    /// then id (ids are unique, so the order is total). Calibration's
    /// "consecutive" and "through cycle X" follow it, whatever order the
    /// document lists the cycles in.
    pub(crate) fn cycles_in_time_order(&self) -> Vec<usize> {
        let cycles = &self.document().cycles;
        let mut order: Vec<usize> = (0..cycles.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&cycles[a], &cycles[b]);
            (a.start, a.end, a.id.as_str()).cmp(&(b.start, b.end, b.id.as_str()))
        });
        order
    }

    /// Stretch calibration (R5) over the cycles of the document up to and
    /// including `last` (document index) in time order (see
    /// [`Org::cycles_in_time_order`]), as `calibrate` of their score reports
    /// oldest first computes it, but from each objective's score alone: no
    /// key result or objective rows are built (lint and health keep only the
    /// calibration).
    ///
    /// With `as_of`, a cycle that has not ended by that date (its last day
    /// after it) is left out of the run until it ends: its score at the
    /// close would read check-ins after the date, and a score part-way
    /// through would read as a low score (so the run is over the cycles
    /// scored at their close, every check-in read on or before the date).
    pub(crate) fn calibration_through(
        &self,
        last: usize,
        as_of: Option<chrono::NaiveDate>,
    ) -> Vec<Calibration> {
        let doc = self.document();
        let order = self.cycles_in_time_order();
        let Some(upto) = order.iter().position(|&ci| ci == last) else {
            return Vec::new();
        };
        let of_cycle = self.objectives_by_cycle(doc.cycles.len());
        // Each cycle's teams by document index (no rows of team scores, no
        // hashing of ids): the same runs, in the same order, as
        // `calibrate_teams` of the cycles' `team_scores`.
        let mut runs = calibration::Runs::new(doc.teams.len());
        for &ci in order[..=upto]
            .iter()
            .filter(|&&ci| as_of.is_none_or(|d| doc.cycles[ci].end <= d))
        {
            let roll = close_of(&doc.cycles[ci]);
            runs.cycle(
                &doc.cycles[ci].id,
                of_cycle[ci].iter().map(|&oi| {
                    let score = self.objective_outcomes(oi, &roll, |_, _, _| ()).1;
                    (
                        self.objective_team[oi] as usize,
                        doc.objectives[oi].kind,
                        score,
                    )
                }),
            );
        }
        runs.finish(|t| &doc.teams[t].id)
    }

    /// Scores every cycle, oldest first: by start, then end, then id (not
    /// the document's order), so that [`calibrate`] of it is the calibration
    /// in time.
    pub fn score_all(&self) -> Vec<ScoreReport> {
        let of_cycle = self.objectives_by_cycle(self.document().cycles.len());
        self.cycles_in_time_order()
            .into_iter()
            .map(|ci| self.score_objectives(ci, &of_cycle[ci]))
            .collect()
    }

    /// Stretch calibration (R5) over every cycle of the document:
    /// [`calibrate`] of [`Org::score_all`], without building the score rows.
    ///
    /// ```
    /// let org = okrkit::Org::from_json(&std::fs::read_to_string(
    ///     concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/org.json")).unwrap()).unwrap();
    /// assert_eq!(org.calibration(), okrkit::score::calibrate(&org.score_all()));
    /// ```
    pub fn calibration(&self) -> Vec<Calibration> {
        match self.cycles_in_time_order().last() {
            None => Vec::new(),
            Some(&latest) => self.calibration_through(latest, None),
        }
    }

    /// [`Org::calibration`] as known on `as_of`: over the cycles that have
    /// ended by that day (a cycle still running is left out of the run until
    /// it ends), each scored at its close. `lint` with `as_of` reports its
    /// `stretch_*` findings from it.
    pub(crate) fn calibration_as_of(&self, as_of: Option<chrono::NaiveDate>) -> Vec<Calibration> {
        match self.cycles_in_time_order().last() {
            None => Vec::new(),
            Some(&latest) => self.calibration_through(latest, as_of),
        }
    }
}
