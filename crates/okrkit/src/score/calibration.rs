//! Stretch calibration (R5): teams that score at or above 1.0 on their
//! aspirational objectives cycle after cycle set safe goals (seed 002); teams
//! that score near 0 again and again overreach.

use super::ObjectiveScore;
use crate::ids::{CycleId, TeamId};
use crate::model::ObjectiveType;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A team's scores in one cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamCycleScore {
    /// The team.
    pub team: TeamId,
    /// The cycle.
    pub cycle: CycleId,
    /// Mean score of its aspirational objectives, if any was scored.
    pub aspirational: Option<f64>,
    /// Mean score of its committed objectives, if any was scored.
    pub committed: Option<f64>,
    /// Number of objectives scored.
    pub objectives: usize,
}

pub(super) fn team_scores(cycle: &CycleId, objectives: &[ObjectiveScore]) -> Vec<TeamCycleScore> {
    team_scores_of(cycle, objectives.iter().map(|o| (&o.team, o.kind, o.score)))
}

/// [`team_scores`] from each objective's team, type and score, in document
/// order (so that a caller needing only the teams' means builds no
/// [`ObjectiveScore`] rows).
pub(crate) fn team_scores_of<'a>(
    cycle: &CycleId,
    objectives: impl IntoIterator<Item = (&'a TeamId, ObjectiveType, Option<f64>)>,
) -> Vec<TeamCycleScore> {
    let mut slot: HashMap<&TeamId, usize> = HashMap::new();
    let mut out: Vec<(TeamCycleScore, [f64; 2], [usize; 2])> = Vec::new();
    for (team, kind, score) in objectives {
        let idx = *slot.entry(team).or_insert_with(|| {
            out.push((
                TeamCycleScore {
                    team: team.clone(),
                    cycle: cycle.clone(),
                    aspirational: None,
                    committed: None,
                    objectives: 0,
                },
                [0.0; 2],
                [0; 2],
            ));
            out.len() - 1
        });
        let entry = &mut out[idx];
        if let Some(s) = score {
            let k = usize::from(kind == ObjectiveType::Committed);
            entry.1[k] += s;
            entry.2[k] += 1;
            entry.0.objectives += 1;
        }
    }
    let mut teams: Vec<TeamCycleScore> = out
        .into_iter()
        .map(|(mut t, sum, n)| {
            t.aspirational = (n[0] > 0).then(|| sum[0] / n[0] as f64);
            t.committed = (n[1] > 0).then(|| sum[1] / n[1] as f64);
            t
        })
        .collect();
    // Collected in place from wider rows: give back the spare capacity.
    teams.shrink_to_fit();
    teams
}

/// A calibration flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CalibrationFlag {
    /// At or above 1.0 on aspirational objectives in consecutive cycles: goals too safe.
    SafeGoals,
    /// Near 0 (at most [`NEAR_ZERO`]) in consecutive cycles: overreaching.
    Overreaching,
}

/// A team flagged by calibration, with the cycles that led to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Calibration {
    /// The team.
    pub team: TeamId,
    /// The flag.
    pub flag: CalibrationFlag,
    /// The consecutive cycles, oldest first (by start, then end, then id).
    pub cycles: Vec<CycleId>,
    /// The team's aspirational mean score in each of them.
    pub scores: Vec<f64>,
}

/// How many consecutive cycles make a pattern.
pub const CONSECUTIVE_CYCLES: usize = 2;

/// An aspirational mean score at or below this is "near 0".
pub const NEAR_ZERO: f64 = 0.1;

/// Flags teams whose aspirational scores show a pattern across
/// [`CONSECUTIVE_CYCLES`] or more consecutive cycles: at or above 1.0 (safe
/// goals) or at or below [`NEAR_ZERO`] (overreaching). A cycle in which the team
/// has no scored aspirational objective breaks the run. `reports` must be in
/// time order, oldest first, as [`crate::Org::score_all`] gives them (by
/// start, then end, then id: not the document's order).
///
/// ```
/// use okrkit::score::{calibrate, CalibrationFlag, ScoreReport};
/// // Reports are `#[non_exhaustive]`: made by okrkit, or read back from JSON.
/// let report = |cycle: &str, s: f64| -> ScoreReport {
///     serde_json::from_value(serde_json::json!({"cycle": cycle, "objectives": [],
///         "teams": [{"team": "web", "cycle": cycle, "aspirational": s, "committed": null,
///                    "objectives": 1}]})).unwrap()
/// };
/// let flags = calibrate(&[report("q1", 1.0), report("q2", 1.1), report("q3", 0.7)]);
/// assert_eq!(flags.len(), 1);
/// assert_eq!(flags[0].flag, CalibrationFlag::SafeGoals);
/// assert_eq!(flags[0].cycles.len(), 2);
/// ```
pub fn calibrate(reports: &[super::ScoreReport]) -> Vec<Calibration> {
    let cycles: Vec<(&CycleId, &[TeamCycleScore])> = reports
        .iter()
        .map(|r| (&r.cycle, r.teams.as_slice()))
        .collect();
    calibrate_teams(&cycles)
}

/// [`calibrate`] from each cycle's id and team scores alone, in time order
/// of cycles (no key result or objective rows needed).
pub(crate) fn calibrate_teams(reports: &[(&CycleId, &[TeamCycleScore])]) -> Vec<Calibration> {
    // Each team's aspirational means, in report order, with the report's
    // index: one pass over the reports' rows, so the work is linear in them
    // (not teams × reports, which grows with the square of the cycles when
    // teams come and go). Teams keep the order of their first appearance; a
    // team listed twice in one report keeps its last row.
    let mut slot: HashMap<&TeamId, usize> = HashMap::new();
    // Each team, with its (report index, aspirational mean) pairs.
    type Means = Vec<(usize, Option<f64>)>;
    let mut teams: Vec<(&TeamId, Means)> = Vec::new();
    for (ri, (_, rows)) in reports.iter().enumerate() {
        for t in rows.iter() {
            let i = *slot.entry(&t.team).or_insert_with(|| {
                teams.push((&t.team, Vec::new()));
                teams.len() - 1
            });
            let means = &mut teams[i].1;
            match means.last_mut() {
                Some(last) if last.0 == ri => last.1 = t.aspirational,
                _ => means.push((ri, t.aspirational)),
            }
        }
    }
    let mut out = Vec::new();
    for (team, means) in teams {
        // The current run: its flag, cycles and scores.
        type Run = Option<(CalibrationFlag, Vec<CycleId>, Vec<f64>)>;
        let mut run: Run = None;
        let mut close = |run: &mut Run| {
            if let Some((flag, cycles, scores)) = run.take()
                && cycles.len() >= CONSECUTIVE_CYCLES
            {
                out.push(Calibration {
                    team: team.clone(),
                    flag,
                    cycles,
                    scores,
                });
            }
        };
        let mut previous: Option<usize> = None;
        for (ri, score) in means {
            // A report in between without the team breaks its run.
            if previous.is_some_and(|p| ri != p + 1) {
                close(&mut run);
            }
            previous = Some(ri);
            let cycle = reports[ri].0;
            let flag = match score {
                Some(s) if s >= 1.0 => Some(CalibrationFlag::SafeGoals),
                Some(s) if s <= NEAR_ZERO => Some(CalibrationFlag::Overreaching),
                _ => None,
            };
            match (flag, score, &mut run) {
                (Some(f), Some(s), Some((rf, cycles, scores))) if *rf == f => {
                    cycles.push(cycle.clone());
                    scores.push(s);
                }
                (Some(f), Some(s), _) => {
                    close(&mut run);
                    run = Some((f, vec![cycle.clone()], vec![s]));
                }
                _ => close(&mut run),
            }
        }
        close(&mut run);
    }
    out
}
