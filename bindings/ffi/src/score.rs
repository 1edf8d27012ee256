//! Stretch scoring (R5): scores per key result and objective, bands,
//! verdicts by objective type, and calibration flags per team. Teams are
//! scored; people never are (R6).

use crate::error::OkrError;
use crate::guard;
use crate::mirror::mirror_record;
use crate::types::count;
use okrkit::score::{Band, CalibrationFlag, Verdict};
use okrkit::{CycleId, KeyResultId, ObjectiveId, ObjectiveType, TeamId};

/// Score band: red 0.0–0.3, yellow 0.4–0.6, green 0.7–1.0.
#[uniffi::remote(Enum)]
pub enum Band {
    Red,
    Yellow,
    Green,
}

/// How an objective's score reads against the expectation of its type.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Verdict {
    StretchSuccess,
    StretchShort,
    CommitmentMet,
    ExplanationRequired,
    NotScored,
}

/// A team's pattern across cycles.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum CalibrationFlag {
    /// At or above 1.0 on aspirational objectives cycle after cycle.
    SafeGoals,
    /// Near 0 again and again.
    Overreaching,
}

mirror_record! {
    /// One key result's score; `None` when it was not scored (a milestone, no value).
    KeyResultScore from okrkit::score::KeyResultScore {
        key_result: KeyResultId,
        attainment: Option<f64>,
        score: Option<f64>,
        band: Option<Band>,
        weight: f64,
    }
}

mirror_record! {
    /// One objective's score at the close of its cycle, with the verdict for its type.
    ObjectiveScore from okrkit::score::ObjectiveScore {
        objective: ObjectiveId,
        team: TeamId,
        /// Committed or aspirational (`"type"` in JSON).
        kind: ObjectiveType,
        score: Option<f64>,
        band: Option<Band>,
        verdict: Verdict,
        explanation_required: bool,
        message: String,
        key_results: Vec<KeyResultScore> [vec],
    }
}

/// A team's mean scores in a cycle, by objective type.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TeamCycleScore {
    pub team: TeamId,
    pub cycle: CycleId,
    pub aspirational: Option<f64>,
    pub committed: Option<f64>,
    pub objectives: i32,
}

/// A cycle's scores.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScoreReport {
    pub cycle: CycleId,
    pub objectives: Vec<ObjectiveScore>,
    pub teams: Vec<TeamCycleScore>,
}

impl From<okrkit::score::ScoreReport> for ScoreReport {
    fn from(r: okrkit::score::ScoreReport) -> Self {
        ScoreReport {
            cycle: r.cycle,
            objectives: crate::mirror::each(r.objectives),
            teams: r
                .teams
                .into_iter()
                .map(|t| TeamCycleScore {
                    team: t.team,
                    cycle: t.cycle,
                    aspirational: t.aspirational,
                    committed: t.committed,
                    objectives: count(t.objectives),
                })
                .collect(),
        }
    }
}

mirror_record! {
    /// A calibration flag for a team, with the cycles and scores behind it.
    Calibration from okrkit::score::Calibration {
        team: TeamId,
        flag: CalibrationFlag,
        cycles: Vec<CycleId>,
        scores: Vec<f64>,
    }
}

/// The band of a score (for displaying a score the app already has).
#[uniffi::export]
pub fn score_band(score: f64) -> Result<Band, OkrError> {
    guard(|| Ok(Band::try_of(score)?))
}
