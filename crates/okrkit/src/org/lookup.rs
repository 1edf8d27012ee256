//! Look-ups on an [`Org`] that every binding offers: the cycle and team ids
//! in document order, an objective or a key result by id (a scan: for the
//! occasional look-up, not for a loop).

use super::Org;
use crate::model::{KeyResult, Objective};

impl Org {
    /// The cycle ids, in document order.
    pub fn cycle_ids(&self) -> Vec<String> {
        self.doc
            .cycles
            .iter()
            .map(|c| c.id.as_str().to_owned())
            .collect()
    }

    /// The team ids, in document order.
    pub fn team_ids(&self) -> Vec<String> {
        self.doc
            .teams
            .iter()
            .map(|t| t.id.as_str().to_owned())
            .collect()
    }

    /// The objective with id `id`, or `None`.
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.doc.objectives.iter().find(|o| o.id.as_str() == id)
    }

    /// The key result with id `id`, or `None`.
    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        self.doc
            .objectives
            .iter()
            .flat_map(|o| &o.key_results)
            .find(|k| k.id.as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use crate::Org;

    #[test]
    fn ids_in_document_order_and_look_ups_by_id() {
        let org = Org::from_json(
            r#"{"cycles": [{"id": "q2", "name": "Q2", "start": "2026-04-01", "end": "2026-06-30"},
                           {"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
            "teams": [{"id": "web", "name": "Web"}, {"id": "app", "name": "App"}],
            "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
              "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
                "measure": {"type": "metric", "baseline": 20, "target": 40}}]}]}"#,
        )
        .expect("valid");
        assert_eq!(org.cycle_ids(), ["q2", "q1"]);
        assert_eq!(org.team_ids(), ["web", "app"]);
        assert_eq!(
            org.objective("o1").map(|o| o.title.as_str()),
            Some("Delight")
        );
        assert!(org.objective("kr1").is_none());
        let kr = org.key_result("kr1").map(|k| k.title.as_str());
        assert_eq!(kr, Some("NPS from 20 to 40"));
        assert!(org.key_result("o1").is_none());
    }
}
