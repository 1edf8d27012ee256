//! Stretch calibration (R5): teams that score at or above 1.0 on their
//! aspirational objectives cycle after cycle set safe goals (seed 002); teams
//! that score near 0 again and again overreach.

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

/// Each team's scores in a cycle, in order of the team's first objective:
/// from each objective's team (an index into `teams`), type and score, in
/// document order. The rows are allocated once, exactly, and the teams found
/// by index (no hashing of ids, no list grown by doubling: either left its
/// largest size behind in the heap).
pub(super) fn team_scores(
    cycle: &CycleId,
    teams: &[crate::model::Team],
    objectives: impl Iterator<Item = (usize, ObjectiveType, Option<f64>)> + Clone,
) -> Vec<TeamCycleScore> {
    // Each team's row (`u32::MAX`: none yet).
    let mut slot = vec![u32::MAX; teams.len()];
    let mut rows = 0u32;
    for (t, _, _) in objectives.clone() {
        if slot[t] == u32::MAX {
            slot[t] = rows;
            rows += 1;
        }
    }
    let mut out: Vec<TeamCycleScore> = Vec::with_capacity(rows as usize);
    // Per row: the sums and counts of its aspirational and committed scores.
    let mut sums: Vec<([f64; 2], [usize; 2])> = vec![([0.0; 2], [0; 2]); rows as usize];
    for (t, kind, score) in objectives {
        let row = slot[t] as usize;
        if row == out.len() {
            out.push(TeamCycleScore {
                team: teams[t].id.clone(),
                cycle: cycle.clone(),
                aspirational: None,
                committed: None,
                objectives: 0,
            });
        }
        if let Some(s) = score {
            let k = usize::from(kind == ObjectiveType::Committed);
            sums[row].0[k] += s;
            sums[row].1[k] += 1;
            out[row].objectives += 1;
        }
    }
    for (t, (sum, n)) in out.iter_mut().zip(sums) {
        t.aspirational = (n[0] > 0).then(|| sum[0] / n[0] as f64);
        t.committed = (n[1] > 0).then(|| sum[1] / n[1] as f64);
    }
    out
}

/// [`calibrate_teams`] of each cycle's [`team_scores`], fed one cycle at a
/// time with teams as indexes (`0..teams`): per team a few counters instead
/// of a row per team and cycle, no hashing of ids, and the same runs in the
/// same order (teams in order of first appearance, each team's runs oldest
/// first).
pub(crate) struct Runs<'a> {
    /// Per team: its aspirational sum and count in the current cycle, the
    /// last cycle (index + 1, 0 for none) it appeared in, and its order of
    /// first appearance (`u32::MAX` before it appears).
    teams: Vec<TeamState>,
    /// The teams of the current cycle, in order of first appearance in it.
    current: Vec<u32>,
    /// The open runs, by team.
    open: HashMap<u32, Run<'a>>,
    /// The closed runs of 2 or more cycles: (team's order, team, run).
    closed: Vec<(u32, u32, Run<'a>)>,
    /// Cycles fed so far.
    cycles: u32,
    /// Teams seen so far.
    seen: u32,
}

#[derive(Clone, Copy)]
struct TeamState {
    sum: f64,
    n: u32,
    last: u32,
    order: u32,
}

type Run<'a> = (CalibrationFlag, Vec<&'a CycleId>, Vec<f64>);

impl<'a> Runs<'a> {
    pub(crate) fn new(teams: usize) -> Self {
        Runs {
            teams: vec![
                TeamState {
                    sum: 0.0,
                    n: 0,
                    last: 0,
                    order: u32::MAX,
                };
                teams
            ],
            current: Vec::new(),
            open: HashMap::new(),
            closed: Vec::new(),
            cycles: 0,
            seen: 0,
        }
    }

    /// The next cycle in time order: each objective's team (index), type and
    /// score, in document order.
    pub(crate) fn cycle(
        &mut self,
        cycle: &'a CycleId,
        objectives: impl IntoIterator<Item = (usize, ObjectiveType, Option<f64>)>,
    ) {
        self.cycles += 1;
        let stamp = self.cycles;
        self.current.clear();
        for (t, kind, score) in objectives {
            let state = &mut self.teams[t];
            if state.last != stamp {
                // The team's row in this cycle's `team_scores`.
                let previous = state.last;
                *state = TeamState {
                    sum: 0.0,
                    n: 0,
                    last: stamp,
                    order: state.order,
                };
                if state.order == u32::MAX {
                    state.order = self.seen;
                    self.seen += 1;
                }
                // A cycle in between without the team breaks its run.
                if previous != 0 && previous + 1 != stamp {
                    Self::close(&mut self.open, &mut self.closed, &self.teams, t as u32);
                }
                self.current.push(t as u32);
            }
            if let (Some(s), ObjectiveType::Aspirational) = (score, kind) {
                let state = &mut self.teams[t];
                state.sum += s;
                state.n += 1;
            }
        }
        for &t in &self.current {
            let state = self.teams[t as usize];
            let score = (state.n > 0).then(|| state.sum / state.n as f64);
            let flag = match score {
                Some(s) if s >= 1.0 => Some(CalibrationFlag::SafeGoals),
                Some(s) if s <= NEAR_ZERO => Some(CalibrationFlag::Overreaching),
                _ => None,
            };
            match (flag, score, self.open.get_mut(&t)) {
                (Some(f), Some(s), Some((rf, cycles, scores))) if *rf == f => {
                    cycles.push(cycle);
                    scores.push(s);
                }
                (Some(f), Some(s), _) => {
                    Self::close(&mut self.open, &mut self.closed, &self.teams, t);
                    self.open.insert(t, (f, vec![cycle], vec![s]));
                }
                _ => Self::close(&mut self.open, &mut self.closed, &self.teams, t),
            }
        }
    }

    fn close(
        open: &mut HashMap<u32, Run<'a>>,
        closed: &mut Vec<(u32, u32, Run<'a>)>,
        teams: &[TeamState],
        t: u32,
    ) {
        if let Some(run) = open.remove(&t)
            && run.1.len() >= CONSECUTIVE_CYCLES
        {
            closed.push((teams[t as usize].order, t, run));
        }
    }

    /// The calibration: `id` names a team by its index.
    pub(crate) fn finish<'t>(mut self, id: impl Fn(usize) -> &'t TeamId) -> Vec<Calibration> {
        let open: Vec<u32> = self.open.keys().copied().collect();
        for t in open {
            Self::close(&mut self.open, &mut self.closed, &self.teams, t);
        }
        // Each team's runs closed oldest first: a stable sort by the team's
        // first appearance keeps them so.
        self.closed.sort_by_key(|&(order, _, _)| order);
        self.closed
            .into_iter()
            .map(|(_, t, (flag, cycles, scores))| Calibration {
                team: id(t as usize).clone(),
                flag,
                cycles: cycles.into_iter().cloned().collect(),
                scores,
            })
            .collect()
    }
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
