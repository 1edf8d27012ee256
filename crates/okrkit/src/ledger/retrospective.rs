//! Retrospectives at the close of a cycle (R8, seed 003), recorded in the ledger.
//!
//! Seed 003: people set OKRs and forget them; the retrospective is where the
//! organisation learns. Not just the scores, but what happened, why, whether
//! these were the right OKRs, whether they were measurable, whether they
//! delivered value to the company and to customers — and what carries into the
//! next cycle. A committed objective that scored below 1.0 must say why (R5).

use crate::error::{RefusalCode, Result};
use crate::ids::{CycleId, ObjectiveId, TeamId};
use crate::ledger::entry::{Entry, EntryId};
use crate::ledger::state::{State, check_text, refuse};
use crate::model::ObjectiveType;
use crate::score::Verdict;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The answers to seed 003's retrospective questions about one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RetrospectiveAnswers {
    /// What happened?
    pub what_happened: String,
    /// Why did it happen?
    pub why: String,
    /// Did we choose the right OKRs?
    pub right_okrs: String,
    /// Were they actually measurable?
    pub measurable: String,
    /// Did they demonstrate value to the company?
    pub value_to_company: String,
    /// Did they provide value to our customers?
    pub value_to_customers: String,
    /// What carries into the next cycle.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub carry_over: Vec<String>,
    /// Why a committed objective fell short of 1.0 (required then, R5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub explanation: Option<String>,
}

/// A retrospective as recorded: the answers, with the objective's score at
/// the close computed by the ledger (never typed in by hand).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Retrospective {
    /// The entry that recorded it.
    pub entry: EntryId,
    /// When.
    pub at: DateTime<Utc>,
    /// The objective.
    pub objective: ObjectiveId,
    /// Its team (the team owns the retrospective and the score: R6).
    pub team: TeamId,
    /// Its cycle.
    pub cycle: CycleId,
    /// Committed or aspirational.
    #[serde(rename = "type")]
    pub kind: ObjectiveType,
    /// The objective's score at the close, with the targets in force then.
    pub score: Option<f64>,
    /// What the score means for this type of objective.
    pub verdict: Verdict,
    /// The answers.
    pub answers: RetrospectiveAnswers,
}

/// A cycle's objectives and their key results' check-ins as they stood at
/// its close, kept when a renegotiation changed the cycle after that (only
/// a ledger written before such changes were refused holds one).
#[derive(Debug, Clone)]
pub(crate) struct AtClose {
    objectives: Vec<crate::model::Objective>,
    check_ins: Vec<crate::model::CheckIn>,
}

impl State {
    /// Cycle `cycle`'s objectives and their key results' check-ins as they
    /// stand now.
    pub(crate) fn at_close(&self, cycle: &CycleId) -> AtClose {
        let objectives: Vec<crate::model::Objective> = self
            .doc
            .objectives
            .iter()
            .filter(|o| &o.cycle == cycle)
            .cloned()
            .collect();
        let krs: std::collections::HashSet<&str> = objectives
            .iter()
            .flat_map(|o| o.key_results.iter().map(|k| k.id.as_str()))
            .collect();
        let check_ins = self
            .doc
            .check_ins
            .iter()
            .filter(|c| krs.contains(c.key_result.as_str()))
            .cloned()
            .collect();
        AtClose {
            objectives,
            check_ins,
        }
    }

    /// What a closed cycle scores when a renegotiation changed it after its
    /// close: the document's cycles, teams and people with the cycle's
    /// objectives and check-ins as they stood at the close (alignment taken
    /// out: it does not score). `None` when nothing changed it after the
    /// close (the document itself then holds the targets in force at the
    /// close).
    pub(crate) fn doc_at_close(&self, cycle: &CycleId) -> Option<crate::model::Document> {
        let kept = self.closed.get(cycle)?;
        Some(crate::model::Document {
            schema_version: self.doc.schema_version,
            cycles: self.doc.cycles.clone(),
            teams: self.doc.teams.clone(),
            people: self.doc.people.clone(),
            objectives: kept
                .objectives
                .iter()
                .map(|o| crate::model::Objective {
                    aligned_to: None,
                    ..o.clone()
                })
                .collect(),
            check_ins: kept.check_ins.clone(),
            ..crate::model::Document::default()
        })
    }

    pub(crate) fn record_retrospective(
        &mut self,
        e: &Entry,
        objective: &ObjectiveId,
        answers: &RetrospectiveAnswers,
    ) -> Result<()> {
        let path = format!("objectives[{objective}]");
        let Some(o) = self.obj_at.get(objective).map(|&i| &self.doc.objectives[i]) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no objective has id '{objective}'"),
            );
        };
        if e.actor.team != o.team {
            return refuse(
                RefusalCode::NotAllowed,
                path,
                format!(
                    "the retrospective of '{objective}' is the owning team's ('{}') to record",
                    o.team
                ),
            );
        }
        let Some(cycle) = self.doc.cycles.iter().find(|c| c.id == o.cycle) else {
            return refuse(
                RefusalCode::UnknownElement,
                path,
                format!("no cycle has id '{}'", o.cycle),
            );
        };
        if e.at.date_naive() < cycle.end {
            return refuse(
                RefusalCode::InvalidState,
                path,
                format!(
                    "cycle '{}' closes on {}: a retrospective comes at the close (R8)",
                    cycle.id, cycle.end
                ),
            );
        }
        if self
            .retrospectives
            .iter()
            .any(|r| &r.objective == objective)
        {
            return refuse(
                RefusalCode::InvalidState,
                path,
                "this objective already has a retrospective",
            );
        }
        for (field, text) in [
            ("what_happened", &answers.what_happened),
            ("why", &answers.why),
            ("right_okrs", &answers.right_okrs),
            ("measurable", &answers.measurable),
            ("value_to_company", &answers.value_to_company),
            ("value_to_customers", &answers.value_to_customers),
        ] {
            check_text(
                text,
                &format!("action.answers.{field}"),
                &format!("the answer to '{field}'"),
            )?;
        }
        for (i, c) in answers.carry_over.iter().enumerate() {
            check_text(
                c,
                &format!("action.answers.carry_over[{i}]"),
                "a carry-over",
            )?;
        }
        // The score at the close, from the ledger's own state: the targets in
        // force now, which are those of the close (no renegotiation is
        // appended after it), or, in a ledger written before that rule, the
        // cycle as it stood at the close.
        let (score, verdict) = {
            let doc = self
                .doc_at_close(&o.cycle)
                .unwrap_or_else(|| self.doc.clone());
            let org = crate::Org::new(doc)?;
            let report = org.score_cycle(o.cycle.as_str())?;
            report
                .objectives
                .into_iter()
                .find(|s| &s.objective == objective)
                .map_or((None, Verdict::NotScored), |s| (s.score, s.verdict))
        };
        if verdict == Verdict::ExplanationRequired {
            match &answers.explanation {
                Some(x) => check_text(x, "action.answers.explanation", "the explanation")?,
                None => {
                    return refuse(
                        RefusalCode::InvalidChange,
                        "action.answers.explanation",
                        format!(
                            "committed objective '{objective}' scored {}: its retrospective must explain why (R5, R8)",
                            crate::score::score_text(score.unwrap_or(0.0))
                        ),
                    );
                }
            }
        }
        let record = Retrospective {
            entry: e.id.clone(),
            at: e.at,
            objective: objective.clone(),
            team: o.team.clone(),
            cycle: o.cycle.clone(),
            kind: o.kind,
            score,
            verdict,
            answers: answers.clone(),
        };
        self.retrospectives.push(record);
        Ok(())
    }
}
