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
//! element whose id it names. In a document whose ids are unique (every
//! `Org`'s) that is the element a map look-up gives; in an unvalidated
//! `Document` with a repeated id (the score tables accept one), which of the
//! elements sharing it a row gets is unspecified.

use super::Names;
use crate::Org;
use crate::model::{DocumentRef, KeyResult, Objective};

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

/// Each of `rows` located in the document, in order; `ids` gives a row's
/// objective, cycle and team ids. With `org` (whose document `doc` is), a
/// found objective's cycle and team come from the organisation's indexes
/// (ids compared); without, from the maps of `names`.
pub(crate) fn objectives<'a, 'r, R>(
    doc: DocumentRef<'a>,
    org: Option<&Org>,
    names: &Names<'a>,
    rows: &'r [R],
    ids: impl Fn(&'r R) -> [&'r str; 3],
) -> Vec<Located<'a>> {
    let objectives = doc.objectives;
    // Index of the next document objective to compare; None once a row was
    // not found ahead of it (the rest go through the maps, so a shuffled
    // report costs one scan of the document, not one per row).
    let mut next = Some(0usize);
    rows.iter()
        .map(|row| {
            let [id, cycle_id, team_id] = ids(row);
            let at = next.and_then(|from| {
                let k = objectives
                    .get(from..)?
                    .iter()
                    .position(|o| o.id.as_str() == id);
                next = k.map(|k| from + k + 1);
                k.map(|k| from + k)
            });
            let by_index = at.zip(org);
            let cycle = by_index
                .and_then(|(oi, org)| org.objective_cycle.get(oi))
                .and_then(|&ci| doc.cycles.get(ci as usize))
                .filter(|c| c.id.as_str() == cycle_id);
            let team = by_index
                .and_then(|(oi, org)| org.objective_team.get(oi))
                .and_then(|&ti| doc.teams.get(ti as usize))
                .filter(|t| t.id.as_str() == team_id);
            Located {
                objective: match at {
                    Some(oi) => objectives.get(oi),
                    None => names.objective(id),
                },
                cycle_name: match cycle {
                    Some(c) => Some(c.name.as_str()),
                    None => names.cycle_name(cycle_id),
                },
                team_name: match team {
                    Some(t) => Some(t.name.as_str()),
                    None => names.team_name(team_id),
                },
            }
        })
        .collect()
}

/// The document's key result of each key result row, in row order: the
/// rows of `rows[i]` (`krs` gives them, `id` each one's id) are looked up
/// in the objective at `at[i]`.
pub(crate) fn key_results<'a, R, K>(
    names: &Names<'a>,
    rows: &[R],
    at: &[Located<'a>],
    krs: impl Fn(&R) -> &[K],
    id: impl Fn(&K) -> &str,
) -> Vec<Option<&'a KeyResult>> {
    let n = rows.iter().map(|r| krs(r).len()).sum();
    let mut out = Vec::with_capacity(n);
    for (r, l) in rows.iter().zip(at) {
        for (j, k) in krs(r).iter().enumerate() {
            out.push(l.key_result(names, j, id(k)));
        }
    }
    out
}
