use crate::ids::{KeyResultId, PersonId};
use serde::{Deserialize, Serialize};

/// Which side of the bound a threshold key result must stay on (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ThresholdDirection {
    /// Met when the value is `>= bound`.
    AtLeast,
    /// Met when the value is `<= bound`.
    AtMost,
}

/// How a key result is measured.
///
/// Read from `{"type": "metric" | "threshold" | "milestone", …}`. A wrong
/// value is reported at its own path (`…measure.baseline`), not only at the
/// measure: the reader below takes every field in one pass instead of
/// buffering the object as serde's internally tagged enums do.
///
/// ```
/// let err = okrkit::Document::from_json(r#"{"objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "c",
///   "key_results": [{"id": "k", "title": "K", "measure": {"type": "metric", "baseline": "50", "target": 65}}]}]}"#)
///   .unwrap_err();
/// assert_eq!(err.path(), "objectives[0].key_results[0].measure.baseline");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Measure {
    /// A metric moving from a baseline toward a target. Works for increasing
    /// and decreasing metrics alike: attainment is `(c − b) / (t − b)`.
    Metric {
        /// Value at the start.
        baseline: f64,
        /// Value aimed at; must differ from the baseline.
        target: f64,
        /// Latest known value, if recorded on the key result itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        current: Option<f64>,
        /// Unit for display ("%", "ms", "EUR").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// Stay at or above / at or below a bound: met (1) or not met (0).
    Threshold {
        /// Which side of the bound is good.
        direction: ThresholdDirection,
        /// The bound, itself included.
        bound: f64,
        /// Latest known value, if recorded on the key result itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        current: Option<f64>,
        /// Unit for display.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// Done or not done. Accepted so real exports load, but an output by R1:
    /// left out of objective progress by default.
    Milestone {
        /// Whether it is done.
        #[serde(default)]
        done: bool,
    },
}

/// Every field any measure may have, read in one pass (see [`Measure`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureFields {
    #[serde(rename = "type")]
    kind: MeasureKind,
    baseline: Option<f64>,
    target: Option<f64>,
    current: Option<f64>,
    unit: Option<String>,
    direction: Option<ThresholdDirection>,
    bound: Option<f64>,
    done: Option<bool>,
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let f = MeasureFields::deserialize(d)?;
        let kind = match f.kind {
            MeasureKind::Metric => "metric",
            MeasureKind::Threshold => "threshold",
            MeasureKind::Milestone => "milestone",
        };
        let missing =
            |field: &str| D::Error::custom(format!("missing field `{field}` of a {kind} measure"));
        let foreign = |field: &str| {
            D::Error::custom(format!(
                "unknown field `{field}`: a {kind} measure has no such field"
            ))
        };
        let none = |present: bool, field: &str| if present { Err(foreign(field)) } else { Ok(()) };
        match f.kind {
            MeasureKind::Metric => {
                none(f.direction.is_some(), "direction")?;
                none(f.bound.is_some(), "bound")?;
                none(f.done.is_some(), "done")?;
                Ok(Measure::Metric {
                    baseline: f.baseline.ok_or_else(|| missing("baseline"))?,
                    target: f.target.ok_or_else(|| missing("target"))?,
                    current: f.current,
                    unit: f.unit,
                })
            }
            MeasureKind::Threshold => {
                none(f.baseline.is_some(), "baseline")?;
                none(f.target.is_some(), "target")?;
                none(f.done.is_some(), "done")?;
                Ok(Measure::Threshold {
                    direction: f.direction.ok_or_else(|| missing("direction"))?,
                    bound: f.bound.ok_or_else(|| missing("bound"))?,
                    current: f.current,
                    unit: f.unit,
                })
            }
            MeasureKind::Milestone => {
                for (present, field) in [
                    (f.baseline.is_some(), "baseline"),
                    (f.target.is_some(), "target"),
                    (f.current.is_some(), "current"),
                    (f.unit.is_some(), "unit"),
                    (f.direction.is_some(), "direction"),
                    (f.bound.is_some(), "bound"),
                ] {
                    none(present, field)?;
                }
                Ok(Measure::Milestone {
                    done: f.done.unwrap_or(false),
                })
            }
        }
    }
}

/// The kind of a [`Measure`], without its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MeasureKind {
    /// Baseline to target.
    Metric,
    /// Hold a bound.
    Threshold,
    /// Done or not done.
    Milestone,
}

impl Measure {
    /// The measure's kind.
    pub fn kind(&self) -> MeasureKind {
        match self {
            Measure::Metric { .. } => MeasureKind::Metric,
            Measure::Threshold { .. } => MeasureKind::Threshold,
            Measure::Milestone { .. } => MeasureKind::Milestone,
        }
    }
}

fn default_weight() -> f64 {
    1.0
}

fn is_default_weight(w: &f64) -> bool {
    *w == 1.0
}

/// A key result: a measurable result of an objective (R1).
///
/// ```
/// let kr: okrkit::KeyResult = serde_json::from_str(r#"{
///     "id": "kr1", "title": "Checkout conversion rate > 65%",
///     "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56, "unit": "%"}
/// }"#).unwrap();
/// assert_eq!(kr.weight, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KeyResult {
    /// Unique id across the document.
    pub id: KeyResultId,
    /// The statement, e.g. "Checkout conversion rate > 65%".
    pub title: String,
    /// How it is measured.
    pub measure: Measure,
    /// Weight in the objective's progress; finite and positive, 1 by default.
    #[serde(default = "default_weight", skip_serializing_if = "is_default_weight")]
    pub weight: f64,
    /// The person responsible for it (seed 001) — a role, never a score (R6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<PersonId>,
    /// The colleague most relied on to achieve it (seed 001).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_partner: Option<PersonId>,
}

impl Measure {
    /// What this measure's structure says to the classifier: a metric (baseline
    /// and target) is outcome evidence, a milestone is an output (R1).
    pub fn structure_hint(&self) -> crate::classify::StructureHint {
        use crate::classify::StructureHint;
        match self {
            Measure::Metric { .. } => StructureHint::Metric,
            Measure::Threshold { .. } => StructureHint::Threshold,
            Measure::Milestone { .. } => StructureHint::Milestone,
        }
    }
}

impl KeyResult {
    /// Classifies this key result as outcome or output from its text and its
    /// structure (R1), with the default English vocabulary.
    ///
    /// ```
    /// let kr: okrkit::KeyResult = serde_json::from_str(r#"{"id": "k", "title": "Integrate sign-in via Amazon",
    ///   "measure": {"type": "milestone"}}"#).unwrap();
    /// assert_eq!(kr.classify().kind, okrkit::classify::StatementKind::Output);
    /// ```
    pub fn classify(&self) -> crate::classify::Classification {
        self.classify_with(crate::classify::default_classifier())
    }

    /// Classifies this key result with a classifier of the caller's vocabulary.
    pub fn classify_with(
        &self,
        classifier: &crate::classify::Classifier,
    ) -> crate::classify::Classification {
        classifier.classify_with(&self.title, self.measure.structure_hint())
    }
}
