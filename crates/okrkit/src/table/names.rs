//! Look-ups from ids to the document's names, titles and measures.

use crate::model::{Cycle, DocumentRef, KeyResult, Objective, Team};
use foldhash::{HashMap, HashMapExt};
use std::cell::OnceCell;

/// Ids to the elements that carry their names (built once per table).
///
/// Each map is built on its first look-up, so a table of teams does not
/// index every key result; foldhash, as the organisation's own id maps,
/// because these maps are built for every table a binding converts.
pub(crate) struct Names<'a> {
    doc: DocumentRef<'a>,
    teams: OnceCell<HashMap<&'a str, &'a Team>>,
    cycles: OnceCell<HashMap<&'a str, &'a Cycle>>,
    objectives: OnceCell<HashMap<&'a str, &'a Objective>>,
    key_results: OnceCell<HashMap<&'a str, &'a KeyResult>>,
}

/// A map from each element's id to the element.
fn by_id<'a, T: 'a>(
    items: impl ExactSizeIterator<Item = &'a T>,
    id: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, &'a T> {
    let mut m = HashMap::with_capacity(items.len());
    for t in items {
        m.insert(id(t), t);
    }
    m
}

impl<'a> Names<'a> {
    pub fn new(doc: impl Into<DocumentRef<'a>>) -> Names<'a> {
        Names {
            doc: doc.into(),
            teams: OnceCell::new(),
            cycles: OnceCell::new(),
            objectives: OnceCell::new(),
            key_results: OnceCell::new(),
        }
    }

    pub fn team(&self, id: &str) -> Option<&'a Team> {
        let doc = self.doc;
        self.teams
            .get_or_init(|| by_id(doc.teams.iter(), |t| t.id.as_str()))
            .get(id)
            .copied()
    }
    pub fn team_name(&self, id: &str) -> Option<&'a str> {
        self.team(id).map(|t| t.name.as_str())
    }
    pub fn cycle(&self, id: &str) -> Option<&'a Cycle> {
        let doc = self.doc;
        self.cycles
            .get_or_init(|| by_id(doc.cycles.iter(), |c| c.id.as_str()))
            .get(id)
            .copied()
    }
    pub fn cycle_name(&self, id: &str) -> Option<&'a str> {
        self.cycle(id).map(|c| c.name.as_str())
    }
    pub fn objective(&self, id: &str) -> Option<&'a Objective> {
        let doc = self.doc;
        self.objectives
            .get_or_init(|| by_id(doc.objectives.iter(), |o| o.id.as_str()))
            .get(id)
            .copied()
    }
    pub fn objective_title(&self, id: &str) -> Option<&'a str> {
        self.objective(id).map(|o| o.title.as_str())
    }
    pub fn key_result(&self, id: &str) -> Option<&'a KeyResult> {
        let doc = self.doc;
        self.key_results
            .get_or_init(|| {
                let n = doc.objectives.iter().map(|o| o.key_results.len()).sum();
                let mut m = HashMap::with_capacity(n);
                for k in doc.objectives.iter().flat_map(|o| &o.key_results) {
                    m.insert(k.id.as_str(), k);
                }
                m
            })
            .get(id)
            .copied()
    }
}
