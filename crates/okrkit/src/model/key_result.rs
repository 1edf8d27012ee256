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

/// A measure's field names: anything else is serde's `unknown field` error,
/// at the key's own path.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(field_identifier, rename_all = "snake_case")]
enum MeasureField {
    Type,
    Baseline,
    Target,
    Current,
    Unit,
    Direction,
    Bound,
    Done,
}

impl MeasureField {
    fn name(self) -> &'static str {
        match self {
            MeasureField::Type => "type",
            MeasureField::Baseline => "baseline",
            MeasureField::Target => "target",
            MeasureField::Current => "current",
            MeasureField::Unit => "unit",
            MeasureField::Direction => "direction",
            MeasureField::Bound => "bound",
            MeasureField::Done => "done",
        }
    }

    /// Whether a measure of `kind` has this field.
    fn belongs(self, kind: MeasureKind) -> bool {
        use MeasureField as F;
        match kind {
            MeasureKind::Metric => matches!(
                self,
                F::Type | F::Baseline | F::Target | F::Current | F::Unit
            ),
            MeasureKind::Threshold => {
                matches!(
                    self,
                    F::Type | F::Direction | F::Bound | F::Current | F::Unit
                )
            }
            MeasureKind::Milestone => matches!(self, F::Type | F::Done),
        }
    }
}

fn kind_name(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::Metric => "metric",
        MeasureKind::Threshold => "threshold",
        MeasureKind::Milestone => "milestone",
    }
}

fn foreign<E: serde::de::Error>(field: MeasureField, kind: MeasureKind) -> E {
    E::custom(format!(
        "unknown field `{}`: a {} measure has no such field",
        field.name(),
        kind_name(kind)
    ))
}

/// A field's value, read only when the measure's `type` (if already read)
/// has that field: a field of another kind is refused before its value is
/// read (`direction` on a metric is "a metric measure has no such field",
/// never an error about its value), at the field's own path.
struct FieldSeed<T> {
    field: MeasureField,
    kind: Option<MeasureKind>,
    value: std::marker::PhantomData<T>,
}

impl<T> FieldSeed<T> {
    fn new(field: MeasureField, kind: Option<MeasureKind>) -> Self {
        FieldSeed {
            field,
            kind,
            value: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for FieldSeed<T> {
    type Value = Option<T>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        match self.kind {
            // `null` is no value, as for a field of the measure's own kind.
            Some(kind) if !self.field.belongs(kind) => {
                match Option::<serde::de::IgnoredAny>::deserialize(d)? {
                    None => Ok(None),
                    Some(_) => Err(foreign(self.field, kind)),
                }
            }
            _ => Option::<T>::deserialize(d),
        }
    }
}

/// A threshold's direction read before the measure's `type`: any text, so
/// that a metric's `direction` is refused as a field of no metric rather
/// than for its value.
#[derive(Deserialize)]
#[serde(untagged)]
enum DirectionText {
    Known(ThresholdDirection),
    Other(String),
    NotText(serde::de::IgnoredAny),
}

impl DirectionText {
    /// The direction, or the one error for a value that is none, whether the
    /// measure's `type` came before or after it.
    fn direction<E: serde::de::Error>(self) -> Result<ThresholdDirection, E> {
        match self {
            DirectionText::Known(d) => Ok(d),
            DirectionText::Other(t) => Err(E::unknown_variant(&t, &["at_least", "at_most"])),
            DirectionText::NotText(_) => Err(E::custom(
                "invalid type for `direction`, expected `at_least` or `at_most`",
            )),
        }
    }
}

/// A threshold's direction once the `type` is known: read as
/// [`DirectionText`] and judged inside the value, so that its error is at
/// the field's own path.
struct DirectionSeed;

impl<'de> serde::de::DeserializeSeed<'de> for DirectionSeed {
    type Value = Option<ThresholdDirection>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Option::<DirectionText>::deserialize(d)?
            .map(DirectionText::direction)
            .transpose()
    }
}

/// Every field any measure may have, read in one pass (see [`Measure`]).
#[derive(Default)]
struct MeasureFields {
    kind: Option<MeasureKind>,
    baseline: Option<f64>,
    target: Option<f64>,
    current: Option<f64>,
    unit: Option<String>,
    direction: Option<DirectionText>,
    bound: Option<f64>,
    done: Option<bool>,
}

struct MeasureVisitor;

impl<'de> serde::de::Visitor<'de> for MeasureVisitor {
    type Value = Measure;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a measure object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Measure, A::Error> {
        use serde::de::Error;
        let mut f = MeasureFields::default();
        let mut seen = [false; 8];
        while let Some(field) = map.next_key::<MeasureField>()? {
            if std::mem::replace(&mut seen[field as usize], true) {
                return Err(A::Error::duplicate_field(field.name()));
            }
            let kind = f.kind;
            match field {
                MeasureField::Type => f.kind = Some(map.next_value()?),
                MeasureField::Baseline => {
                    f.baseline = map.next_value_seed(FieldSeed::new(field, kind))?
                }
                MeasureField::Target => {
                    f.target = map.next_value_seed(FieldSeed::new(field, kind))?
                }
                MeasureField::Current => {
                    f.current = map.next_value_seed(FieldSeed::new(field, kind))?
                }
                MeasureField::Unit => f.unit = map.next_value_seed(FieldSeed::new(field, kind))?,
                MeasureField::Bound => {
                    f.bound = map.next_value_seed(FieldSeed::new(field, kind))?
                }
                MeasureField::Done => f.done = map.next_value_seed(FieldSeed::new(field, kind))?,
                MeasureField::Direction => {
                    f.direction = match f.kind {
                        // The type is known: a threshold's direction is read
                        // as it is when it comes first (any value, judged by
                        // `DirectionText::direction`, one message whatever
                        // the order), refused at its own path.
                        Some(MeasureKind::Threshold) => map
                            .next_value_seed(DirectionSeed)?
                            .map(DirectionText::Known),
                        _ => map.next_value_seed(FieldSeed::new(field, kind))?,
                    }
                }
            }
        }
        f.into_measure()
    }
}

impl MeasureFields {
    fn into_measure<E: serde::de::Error>(self) -> Result<Measure, E> {
        let Some(kind) = self.kind else {
            return Err(E::missing_field("type"));
        };
        let missing = |field: &str| {
            E::custom(format!(
                "missing field `{field}` of a {} measure",
                kind_name(kind)
            ))
        };
        // Fields read before the type: those of another kind are refused
        // here (at the measure), in the order of the fields.
        use MeasureField as F;
        for (present, field) in [
            (self.baseline.is_some(), F::Baseline),
            (self.target.is_some(), F::Target),
            (self.current.is_some(), F::Current),
            (self.unit.is_some(), F::Unit),
            (self.direction.is_some(), F::Direction),
            (self.bound.is_some(), F::Bound),
            (self.done.is_some(), F::Done),
        ] {
            if present && !field.belongs(kind) {
                return Err(foreign(field, kind));
            }
        }
        match kind {
            MeasureKind::Metric => Ok(Measure::Metric {
                baseline: self.baseline.ok_or_else(|| missing("baseline"))?,
                target: self.target.ok_or_else(|| missing("target"))?,
                current: self.current,
                unit: self.unit,
            }),
            MeasureKind::Threshold => Ok(Measure::Threshold {
                direction: match self.direction {
                    Some(d) => d.direction()?,
                    None => return Err(missing("direction")),
                },
                bound: self.bound.ok_or_else(|| missing("bound"))?,
                current: self.current,
                unit: self.unit,
            }),
            MeasureKind::Milestone => Ok(Measure::Milestone {
                done: self.done.unwrap_or(false),
            }),
        }
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MeasureVisitor)
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
