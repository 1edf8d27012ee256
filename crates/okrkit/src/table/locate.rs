//! Finding a progress report's objectives and key results in the document
//! by position, with the id maps of [`Names`] only as the fallback.
//!
//! [`Org::progress`](crate::Org::progress) lists objectives in document
//! order (all of them, or those of a cycle or team) and each objective's key
//! results in its own order. So a cursor walked through the document
//! alongside the report finds each objective with a string compare of ids,
//! and each key result at its own index: no map is built in the usual case.
//! A report in another order, or with ids the document lacks (a report's
//! fields are public), falls back to the maps; either way each row gets the
//! element whose id it names, as a map look-up would give it.

use super::Names;
use crate::Org;
use crate::model::{KeyResult, Objective};
use crate::progress::ObjectiveProgress;

/// Where a report objective's names come from.
pub(crate) struct Located<'a> {
    /// The document's objective with the row's id (None: no such objective).
    pub objective: Option<&'a Objective>,
    /// The name of the row's cycle (None: no such cycle).
    pub cycle_name: Option<&'a str>,
    /// The name of the row's team (None: no such team).
    pub team_name: Option<&'a str>,
}

impl<'a> Located<'a> {
    /// The document's key result for key result row `j` of this objective
    /// with id `id`: the objective's `j`-th when its id matches, else by id.
    #[inline]
    pub fn key_result(&self, names: &Names<'a>, j: usize, id: &str) -> Option<&'a KeyResult> {
        match self.objective.and_then(|o| o.key_results.get(j)) {
            Some(k) if k.id.as_str() == id => Some(k),
            _ => names.key_result(id),
        }
    }
}

/// Each of `rows` located in `org`'s document, in order.
pub(crate) fn objectives<'a>(
    org: &'a Org,
    names: &Names<'a>,
    rows: &[ObjectiveProgress],
) -> Vec<Located<'a>> {
    let doc = org.document();
    let objectives = doc.objectives;
    // Index of the next document objective to compare; None once a row was
    // not found ahead of it (the rest go through the maps, so a shuffled
    // report costs one scan of the document, not one per row).
    let mut next = Some(0usize);
    rows.iter()
        .map(|row| {
            let id = row.objective.as_str();
            let at = next.and_then(|from| {
                let k = objectives
                    .get(from..)?
                    .iter()
                    .position(|o| o.id.as_str() == id);
                next = k.map(|k| from + k + 1);
                k.map(|k| from + k)
            });
            let Some(oi) = at else {
                return Located {
                    objective: names.objective(id),
                    cycle_name: names.cycle_name(row.cycle.as_str()),
                    team_name: names.team_name(row.team.as_str()),
                };
            };
            let cycle = org
                .objective_cycle
                .get(oi)
                .and_then(|&ci| doc.cycles.get(ci as usize))
                .filter(|c| c.id == row.cycle);
            let team = org
                .objective_team
                .get(oi)
                .and_then(|&ti| doc.teams.get(ti as usize))
                .filter(|t| t.id == row.team);
            Located {
                objective: objectives.get(oi),
                cycle_name: match cycle {
                    Some(c) => Some(c.name.as_str()),
                    None => names.cycle_name(row.cycle.as_str()),
                },
                team_name: match team {
                    Some(t) => Some(t.name.as_str()),
                    None => names.team_name(row.team.as_str()),
                },
            }
        })
        .collect()
}
