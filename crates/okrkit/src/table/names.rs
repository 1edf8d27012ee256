//! Look-ups from ids to the document's names, titles and measures.

use crate::model::{Cycle, Document, KeyResult, Objective, Team};
use std::collections::HashMap;

/// Ids to the elements that carry their names (built once per table).
pub(crate) struct Names<'a> {
    teams: HashMap<&'a str, &'a Team>,
    cycles: HashMap<&'a str, &'a Cycle>,
    objectives: HashMap<&'a str, &'a Objective>,
    key_results: HashMap<&'a str, (&'a Objective, &'a KeyResult)>,
}

impl<'a> Names<'a> {
    pub fn new(doc: &'a Document) -> Names<'a> {
        Names {
            teams: doc.teams.iter().map(|t| (t.id.as_str(), t)).collect(),
            cycles: doc.cycles.iter().map(|c| (c.id.as_str(), c)).collect(),
            objectives: doc.objectives.iter().map(|o| (o.id.as_str(), o)).collect(),
            key_results: doc
                .objectives
                .iter()
                .flat_map(|o| o.key_results.iter().map(move |k| (k.id.as_str(), (o, k))))
                .collect(),
        }
    }

    pub fn team(&self, id: &str) -> Option<&'a Team> {
        self.teams.get(id).copied()
    }
    pub fn team_name(&self, id: &str) -> Option<String> {
        self.team(id).map(|t| t.name.clone())
    }
    pub fn cycle(&self, id: &str) -> Option<&'a Cycle> {
        self.cycles.get(id).copied()
    }
    pub fn cycle_name(&self, id: &str) -> Option<String> {
        self.cycle(id).map(|c| c.name.clone())
    }
    pub fn objective(&self, id: &str) -> Option<&'a Objective> {
        self.objectives.get(id).copied()
    }
    pub fn objective_title(&self, id: &str) -> Option<String> {
        self.objective(id).map(|o| o.title.clone())
    }
    pub fn key_result(&self, id: &str) -> Option<&'a KeyResult> {
        self.key_results.get(id).map(|(_, k)| *k)
    }
}
