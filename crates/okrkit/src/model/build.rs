//! Constructors of the plain-data model, so a typed fixture is as short as
//! its JSON. The structs keep public fields (they are data, and stay
//! constructible with struct literals); these add the usual defaults (weight
//! 1, aspirational, visible, no current value) and chainable setters.
//!
//! ```
//! use chrono::NaiveDate;
//! use okrkit::{Cycle, Document, KeyResult, Measure, Objective, Org, ProgressOptions, Team};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
//! let doc = Document::new()
//!     .cycle(Cycle::new("q1", "Q1 2026", day(1, 1), day(3, 31)))
//!     .team(Team::new("web", "Web shop"))
//!     .objective(
//!         Objective::new("o1", "Create a world-class checkout", "web", "q1")
//!             .key_result(KeyResult::new("kr1", "Conversion > 65%", Measure::metric(50.0, 65.0).current(53.0))),
//!     );
//! let org = Org::new(doc)?;
//! let report = org.progress(&ProgressOptions::default())?;
//! assert_eq!(report.objectives[0].progress, Some(0.2));
//! # Ok::<(), okrkit::Error>(())
//! ```

use crate::ids::{CycleId, InitiativeId, KeyResultId, ObjectiveId, PersonId, TeamId};
use crate::model::{
    Alignment, AlignmentKind, CheckIn, Cycle, Document, Initiative, InitiativeStatus, KeyResult,
    Measure, Objective, ObjectiveType, Person, Team, ThresholdDirection, Visibility,
};
use chrono::{DateTime, NaiveDate, Utc};

impl Document {
    /// An empty document of the current schema version (the same as `Default`).
    pub fn new() -> Document {
        Document::default()
    }

    /// Adds a cycle (builder style).
    #[must_use]
    pub fn cycle(mut self, cycle: Cycle) -> Document {
        self.cycles.push(cycle);
        self
    }

    /// Adds a team (builder style).
    #[must_use]
    pub fn team(mut self, team: Team) -> Document {
        self.teams.push(team);
        self
    }

    /// Adds a person (builder style).
    #[must_use]
    pub fn person(mut self, person: Person) -> Document {
        self.people.push(person);
        self
    }

    /// Adds an objective (builder style).
    #[must_use]
    pub fn objective(mut self, objective: Objective) -> Document {
        self.objectives.push(objective);
        self
    }

    /// Adds an initiative (builder style).
    #[must_use]
    pub fn initiative(mut self, initiative: Initiative) -> Document {
        self.initiatives.push(initiative);
        self
    }

    /// Adds a check-in (builder style).
    #[must_use]
    pub fn check_in(mut self, check_in: CheckIn) -> Document {
        self.check_ins.push(check_in);
        self
    }
}

impl Cycle {
    /// A cycle from its first to its last day.
    pub fn new(
        id: impl Into<CycleId>,
        name: impl Into<String>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Cycle {
        Cycle {
            id: id.into(),
            name: name.into(),
            start,
            end,
        }
    }
}

impl Team {
    /// A team with no parent.
    pub fn new(id: impl Into<TeamId>, name: impl Into<String>) -> Team {
        Team {
            id: id.into(),
            name: name.into(),
            parent: None,
        }
    }

    /// Sets the parent team (builder style).
    #[must_use]
    pub fn parent(mut self, parent: impl Into<TeamId>) -> Team {
        self.parent = Some(parent.into());
        self
    }
}

impl Person {
    /// A person.
    pub fn new(id: impl Into<PersonId>, name: impl Into<String>) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
        }
    }
}

impl Objective {
    /// An aspirational, visible objective with no key result and no alignment.
    pub fn new(
        id: impl Into<ObjectiveId>,
        title: impl Into<String>,
        team: impl Into<TeamId>,
        cycle: impl Into<CycleId>,
    ) -> Objective {
        Objective {
            id: id.into(),
            title: title.into(),
            team: team.into(),
            cycle: cycle.into(),
            kind: ObjectiveType::default(),
            aligned_to: None,
            visibility: Visibility::default(),
            key_results: Vec::new(),
        }
    }

    /// Sets the type, committed or aspirational (builder style).
    #[must_use]
    pub fn kind(mut self, kind: ObjectiveType) -> Objective {
        self.kind = kind;
        self
    }

    /// Aligns it to a parent objective (builder style).
    #[must_use]
    pub fn aligned_to(
        mut self,
        objective: impl Into<ObjectiveId>,
        how: AlignmentKind,
    ) -> Objective {
        self.aligned_to = Some(Alignment {
            objective: objective.into(),
            how,
        });
        self
    }

    /// Adds a key result (builder style).
    #[must_use]
    pub fn key_result(mut self, key_result: KeyResult) -> Objective {
        self.key_results.push(key_result);
        self
    }
}

impl KeyResult {
    /// A key result of weight 1 with no responsible person or key partner.
    pub fn new(
        id: impl Into<KeyResultId>,
        title: impl Into<String>,
        measure: Measure,
    ) -> KeyResult {
        KeyResult {
            id: id.into(),
            title: title.into(),
            measure,
            weight: 1.0,
            responsible: None,
            key_partner: None,
        }
    }

    /// Sets the weight in its objective (builder style).
    #[must_use]
    pub fn weight(mut self, weight: f64) -> KeyResult {
        self.weight = weight;
        self
    }

    /// Sets the responsible person (builder style).
    #[must_use]
    pub fn responsible(mut self, person: impl Into<PersonId>) -> KeyResult {
        self.responsible = Some(person.into());
        self
    }
}

impl Measure {
    /// A metric from `baseline` to `target`, with no current value yet.
    pub fn metric(baseline: f64, target: f64) -> Measure {
        Measure::Metric {
            baseline,
            target,
            current: None,
            unit: None,
        }
    }

    /// A threshold to hold (`at_least` or `at_most` the bound).
    pub fn threshold(direction: ThresholdDirection, bound: f64) -> Measure {
        Measure::Threshold {
            direction,
            bound,
            current: None,
            unit: None,
        }
    }

    /// A milestone, done or not.
    pub fn milestone(done: bool) -> Measure {
        Measure::Milestone { done }
    }

    /// Sets the current value of a metric or threshold (builder style; a
    /// milestone is unchanged: its value is `done`).
    #[must_use]
    pub fn current(mut self, value: f64) -> Measure {
        if let Measure::Metric { current, .. } | Measure::Threshold { current, .. } = &mut self {
            *current = Some(value);
        }
        self
    }

    /// Sets the display unit of a metric or threshold (builder style).
    #[must_use]
    pub fn unit(mut self, text: impl Into<String>) -> Measure {
        if let Measure::Metric { unit, .. } | Measure::Threshold { unit, .. } = &mut self {
            *unit = Some(text.into());
        }
        self
    }
}

impl CheckIn {
    /// A check-in of a value at a time, with no confidence, note or author.
    pub fn new(key_result: impl Into<KeyResultId>, at: DateTime<Utc>, value: f64) -> CheckIn {
        CheckIn {
            key_result: key_result.into(),
            at,
            value,
            confidence: None,
            note: None,
            author: None,
        }
    }

    /// Sets the confidence, 0–10 (builder style).
    #[must_use]
    pub fn confidence(mut self, confidence: f64) -> CheckIn {
        self.confidence = Some(confidence);
        self
    }

    /// Sets the note (builder style).
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> CheckIn {
        self.note = Some(note.into());
        self
    }

    /// Sets the author (builder style).
    #[must_use]
    pub fn author(mut self, person: impl Into<PersonId>) -> CheckIn {
        self.author = Some(person.into());
        self
    }
}

impl Initiative {
    /// A proposed initiative of a team, for the key results it should move.
    pub fn new(
        id: impl Into<InitiativeId>,
        title: impl Into<String>,
        team: impl Into<TeamId>,
        key_results: impl IntoIterator<Item = impl Into<KeyResultId>>,
    ) -> Initiative {
        Initiative {
            id: id.into(),
            title: title.into(),
            team: team.into(),
            key_results: key_results.into_iter().map(Into::into).collect(),
            status: InitiativeStatus::default(),
        }
    }

    /// Sets the status (builder style).
    #[must_use]
    pub fn status(mut self, status: InitiativeStatus) -> Initiative {
        self.status = status;
        self
    }
}
