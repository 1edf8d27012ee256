//! A deterministic renegotiation ledger for a document, for benchmarks and for
//! load-testing a deployment's ledger storage and replay.

use super::SplitMix;
use crate::error::Result;
use crate::ids::{InitiativeId, KeyResultId, ObjectiveId, PersonId, TeamId};
use crate::ledger::{Action, Actor, AgreedSet, Change, Ledger, Membership, Roles};
use crate::model::{Document, Initiative, InitiativeStatus, Measure};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Size, seed and mix of a generated ledger (see [`ledger`]).
///
/// The `*_per_mille` rates are chances per generated entry, in thousandths;
/// every other entry is a check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct LedgerOptions {
    /// Seed of the random sequence.
    pub seed: u64,
    /// Number of entries, the import included.
    pub entries: usize,
    /// Renegotiations of a metric target (two entries each: proposed by the
    /// owning team, accepted by its approver, while the key result's cycle
    /// is open: a roll that falls after its close starts an initiative
    /// instead). Each accepted change re-checks
    /// the whole document, so keep this at 0 for very large documents.
    pub renegotiations_per_mille: u32,
    /// Initiatives started by the owning team of a key result.
    pub initiatives_per_mille: u32,
    /// Dependencies requested from another team.
    pub dependencies_per_mille: u32,
    /// Share of check-ins that carry a note.
    pub notes_per_mille: u32,
}

impl Default for LedgerOptions {
    fn default() -> Self {
        LedgerOptions {
            seed: 42,
            entries: 10_000,
            renegotiations_per_mille: 5,
            initiatives_per_mille: 2,
            dependencies_per_mille: 1,
            notes_per_mille: 100,
        }
    }
}

impl LedgerOptions {
    /// `entries` entries in the default mix: mostly check-ins, about one in
    /// 200 a renegotiation, a few initiatives and dependencies.
    pub fn with_entries(entries: usize) -> Self {
        LedgerOptions {
            entries,
            ..LedgerOptions::default()
        }
    }

    /// `entries` entries: the import, then check-ins only (each entry costs
    /// the same whatever the size of the document).
    pub fn check_ins_only(entries: usize) -> Self {
        LedgerOptions {
            entries,
            renegotiations_per_mille: 0,
            initiatives_per_mille: 0,
            dependencies_per_mille: 0,
            ..LedgerOptions::default()
        }
    }
}

/// What the generator needs to know about one key result.
struct Kr {
    id: KeyResultId,
    objective: ObjectiveId,
    team: TeamId,
    /// The approving team when the key result's set is agreed.
    approver: Option<TeamId>,
    measure: Measure,
    /// The last instant of its cycle's last day: no renegotiation after it.
    open_until: Option<DateTime<Utc>>,
}

/// Generates a valid ledger for `doc`, the same for the same document and
/// options, in every version of okrkit and on every platform.
///
/// The first entry imports `doc` without its check-ins; every set of a team
/// that has a parent team is imported as agreed, with the parent as approver
/// (a root team's sets stay drafts). Then come check-ins on random key
/// results by their owning team, spread evenly over the document's cycles,
/// with renegotiations, initiatives and dependencies mixed in at the rates of
/// `opts` — until the ledger has `opts.entries` entries. A document with no
/// key result gives the import alone; a document without a person or a team
/// cannot be imported and gives the refusal.
///
/// ```
/// use okrkit::generate::{GenerateOptions, LedgerOptions, generate, ledger};
/// let doc = generate(&GenerateOptions::scaled(1_000));
/// let ledger = ledger(&doc, &LedgerOptions::with_entries(5_000))?;
/// assert_eq!(ledger.len(), 5_000);
/// let text = ledger.to_jsonl();
/// assert_eq!(okrkit::ledger::Ledger::from_jsonl(text.as_bytes())?.head(), ledger.head());
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn ledger(doc: &Document, opts: &LedgerOptions) -> Result<Ledger> {
    let mut rng = SplitMix(opts.seed);
    let parent: HashMap<&str, Option<&TeamId>> = doc
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.parent.as_ref()))
        .collect();
    let approver_of = |team: &TeamId| parent.get(team.as_str()).copied().flatten();
    // One person speaks for each team: the first responsible person named on
    // its key results, else the first person.
    let first_person = doc
        .people
        .first()
        .map_or_else(|| PersonId::new(""), |p| p.id.clone());
    let mut speaker: HashMap<&str, PersonId> = HashMap::new();
    for o in &doc.objectives {
        for kr in &o.key_results {
            if let Some(p) = &kr.responsible {
                speaker.entry(o.team.as_str()).or_insert_with(|| p.clone());
            }
        }
    }
    let actor = |team: &TeamId| {
        Actor::new(
            speaker
                .get(team.as_str())
                .cloned()
                .unwrap_or_else(|| first_person.clone()),
            team.clone(),
        )
    };
    let krs: Vec<Kr> = doc
        .objectives
        .iter()
        .flat_map(|o| {
            o.key_results.iter().map(|kr| Kr {
                id: kr.id.clone(),
                objective: o.id.clone(),
                team: o.team.clone(),
                approver: approver_of(&o.team).cloned(),
                measure: kr.measure.clone(),
                open_until: doc
                    .cycles
                    .iter()
                    .find(|c| c.id == o.cycle)
                    .map(|c| crate::ledger::end_of_day(c.end)),
            })
        })
        .collect();

    let agreed: Vec<AgreedSet> = doc
        .objectives
        .iter()
        .filter(|o| approver_of(&o.team).is_some())
        .map(|o| (&o.team, &o.cycle))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|(team, cycle)| AgreedSet {
            team: team.clone(),
            cycle: cycle.clone(),
            approver: None,
            agreed_by: None,
        })
        .collect();
    let mut base = doc.clone();
    base.check_ins = Vec::new();

    let start = doc
        .cycles
        .iter()
        .map(|c| c.start)
        .min()
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .map_or_else(
            || Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).single(),
            |t| Some(Utc.from_utc_datetime(&t)),
        )
        .unwrap_or_default();
    let span = doc
        .cycles
        .iter()
        .map(|c| c.end)
        .max()
        .and_then(|d| d.and_hms_opt(17, 0, 0))
        .map_or(86_400 * 90, |t| {
            (Utc.from_utc_datetime(&t) - start).num_seconds().max(1)
        });
    let entries = opts.entries.max(1);
    let at = |i: usize| -> DateTime<Utc> {
        start + Duration::seconds((span as f64 * i as f64 / entries as f64) as i64)
    };

    let mut ledger = Ledger::new();
    let importer = doc
        .teams
        .iter()
        .find(|t| t.parent.is_none())
        .or(doc.teams.first())
        .map_or_else(|| Actor::new(first_person.clone(), ""), |t| actor(&t.id));
    // Each team's speaker is its member; the importer is the admin and
    // records the agreement of the sets imported as agreed.
    let members: Vec<Membership> = doc
        .teams
        .iter()
        .map(|t| Membership::new(t.id.clone(), actor(&t.id).person))
        .collect();
    let agreed: Vec<AgreedSet> = agreed
        .into_iter()
        .map(|a| AgreedSet {
            agreed_by: Some(importer.person.clone()),
            ..a
        })
        .collect();
    ledger.append_as_of(
        at(0),
        at(0),
        importer,
        Action::Import {
            document: Box::new(base),
            agreed,
            roles: Roles {
                members,
                ..Roles::default()
            },
        },
    )?;
    let mut initiatives = 0usize;
    while ledger.len() < opts.entries && !krs.is_empty() {
        let i = ledger.len();
        let kr = &krs[rng.below(krs.len())];
        let roll = rng.below(1000) as u32;
        let mut threshold = opts.renegotiations_per_mille;
        if roll < threshold
            && i + 2 <= opts.entries
            && kr.open_until.is_none_or(|end| at(i + 1) <= end)
            && let (
                Some(approver),
                Measure::Metric {
                    baseline, target, ..
                },
            ) = (&kr.approver, &kr.measure)
        {
            let proposer = actor(&kr.team);
            let acceptor = actor(approver);
            // One person speaking for both sides may not renegotiate.
            if acceptor.person != proposer.person {
                let step = (target - baseline) * (1 + rng.below(5)) as f64 / 10.0;
                let proposal = ledger
                    .append_as_of(
                        at(i),
                        at(i),
                        proposer,
                        Action::ProposeChange {
                            change: Change::Target {
                                key_result: kr.id.clone(),
                                target: target + step,
                            },
                            reason: "Re-planned after the mid-cycle review".into(),
                        },
                    )?
                    .id
                    .clone();
                ledger.append_as_of(at(i + 1), at(i + 1), acceptor, Action::Accept { proposal })?;
                continue;
            }
        }
        threshold += opts.initiatives_per_mille;
        if roll < threshold {
            initiatives += 1;
            ledger.append_as_of(
                at(i),
                at(i),
                actor(&kr.team),
                Action::StartInitiative {
                    initiative: Box::new(Initiative {
                        id: InitiativeId::from(format!("generated-i{initiatives}")),
                        title: "Try a hypothesis".into(),
                        team: kr.team.clone(),
                        key_results: vec![kr.id.clone()],
                        status: InitiativeStatus::Active,
                    }),
                },
            )?;
            continue;
        }
        threshold += opts.dependencies_per_mille;
        if roll < threshold
            && let Some(to) = doc.teams.iter().find(|t| t.id != kr.team)
        {
            ledger.append_as_of(
                at(i),
                at(i),
                actor(&kr.team),
                Action::RequestDependency {
                    to: to.id.clone(),
                    help: "An API for our checkout".into(),
                    objective: kr.objective.clone(),
                    key_result: None,
                },
            )?;
            continue;
        }
        let frac = i as f64 / entries as f64;
        let value = match &kr.measure {
            Measure::Metric {
                baseline, target, ..
            } => {
                let drift = (rng.unit() - 0.3) * 0.4;
                ((baseline + (target - baseline) * (frac + drift)) * 100.0).round() / 100.0
            }
            Measure::Threshold { bound, .. } => {
                ((bound - 0.2 + rng.unit() * 0.3) * 1000.0).round() / 1000.0
            }
            Measure::Milestone { .. } => f64::from(u8::from(frac > 0.8)),
        };
        let confidence = Some(rng.below(11) as f64);
        let note = (rng.below(1000) < opts.notes_per_mille as usize)
            .then(|| "Weekly check-in after the release".to_owned());
        ledger.append_as_of(
            at(i),
            at(i),
            actor(&kr.team),
            Action::CheckIn {
                key_result: kr.id.clone(),
                value,
                confidence,
                note,
            },
        )?;
    }
    Ok(ledger)
}

setters!(LedgerOptions {
    seed: u64,
    entries: usize,
    renegotiations_per_mille: u32,
    initiatives_per_mille: u32,
    dependencies_per_mille: u32,
    notes_per_mille: u32,
});
