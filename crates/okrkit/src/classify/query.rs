//! A classifier's operations as data, for the bindings.
//!
//! [`ClassifyQuery`] describes, as [`crate::OrgQuery`] does for the
//! organisation, what a binding asks of a [`Classifier`]; [`Classifier::query`]
//! answers with a [`ClassifyAnswer`] of the core's own serialisable types.
//! Their schema (in `org-queries.schema.json`) is what `okrkit-codegen` writes
//! Node's `bindings/node/src/classify_queries.rs` from.
//!
//! ```
//! use okrkit::classify::{ClassifyQuery, default_classifier};
//! use serde_json::json;
//!
//! let q = ClassifyQuery::read("classify_kinds", json!({ "texts": ["Ship the app"] }))?;
//! let kinds = serde_json::to_value(default_classifier().query(&q)?).unwrap();
//! assert_eq!(kinds, json!(["output"]));
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::{Classification, Classifier, StatementKind, StructureHint, Vocabulary};
use crate::error::Result;
use serde::{Deserialize, Serialize};

/// An operation of a [`Classifier`] (answered by
/// [`Classifier::query`](crate::classify::Classifier::query)).
/// Schema extension: `x-property` (answered as a property).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ClassifyQuery {
    /// The vocabulary this classifier reads with.
    #[cfg_attr(feature = "schema", schemars(extend("x-property" = true)))]
    Vocabulary {},
    /// Classifies one statement.
    Classify {
        /// The statement.
        text: String,
        /// What the key result's structure says (left out: nothing).
        #[serde(default)]
        structure: StructureHint,
    },
    /// Classifies many statements.
    ClassifyMany {
        /// The statements.
        texts: Vec<String>,
        /// What the key results' structure says, for every statement (left out: nothing).
        #[serde(default)]
        structure: StructureHint,
        /// What each key result's structure says, one per statement in order, in place of `structure` (left out: `structure` for every statement).
        #[serde(default)]
        structures: Option<Vec<StructureHint>>,
    },
    /// The kind of each statement alone ('outcome', 'output' or 'undetermined'), as classifying many statements gives it, without building one result per statement (for large batches that read only the kind). `structure` applies to every statement, or `structures` one to each.
    ClassifyKinds {
        /// The statements.
        texts: Vec<String>,
        /// What the key results' structure says, for every statement (left out: nothing).
        #[serde(default)]
        structure: StructureHint,
        /// What each key result's structure says, one per statement in order, in place of `structure` (left out: `structure` for every statement).
        #[serde(default)]
        structures: Option<Vec<StructureHint>>,
    },
}

/// What a [`ClassifyQuery`] answers: the variant of the same name, holding
/// what the typed method returns; it serialises as that value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ClassifyAnswer<'a> {
    /// [`Classifier::vocabulary`].
    Vocabulary(&'a Vocabulary),
    /// [`Classifier::classify_with`].
    Classify(Box<Classification>),
    /// [`Classifier::classify_many`].
    ClassifyMany(Vec<Classification>),
    /// [`Classifier::kinds`].
    ClassifyKinds(Vec<StatementKind>),
}

impl Serialize for ClassifyAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ClassifyAnswer::Vocabulary(v) => v.serialize(s),
            ClassifyAnswer::Classify(v) => v.serialize(s),
            ClassifyAnswer::ClassifyMany(v) => v.serialize(s),
            ClassifyAnswer::ClassifyKinds(v) => v.serialize(s),
        }
    }
}

impl ClassifyQuery {
    /// The operation `name` with its arguments (a JSON object; null for
    /// none), as [`crate::OrgQuery::read`] reads one.
    pub fn read(name: &str, args: serde_json::Value) -> Result<ClassifyQuery> {
        crate::ledger::query::read_named(name, args)
    }
}

impl Classifier {
    /// Answers a [`ClassifyQuery`] (for the bindings) with what the typed
    /// method returns.
    pub fn query(&self, query: &ClassifyQuery) -> Result<ClassifyAnswer<'_>> {
        Ok(match query {
            ClassifyQuery::Vocabulary {} => ClassifyAnswer::Vocabulary(self.vocabulary()),
            ClassifyQuery::Classify { text, structure } => {
                ClassifyAnswer::Classify(Box::new(self.classify_with(text, *structure)))
            }
            ClassifyQuery::ClassifyMany {
                texts,
                structure,
                structures,
            } => ClassifyAnswer::ClassifyMany(
                each(texts, *structure, structures)?
                    .map(|(t, h)| self.classify_with(t, h))
                    .collect(),
            ),
            ClassifyQuery::ClassifyKinds {
                texts,
                structure,
                structures,
            } => ClassifyAnswer::ClassifyKinds(
                each(texts, *structure, structures)?
                    .map(|(t, h)| self.kind_of(t, h).0)
                    .collect(),
            ),
        })
    }
}

/// Each statement of a batch with its hint (the rule of [`hints_for`]).
fn each<'a>(
    texts: &'a [String],
    structure: StructureHint,
    structures: &Option<Vec<StructureHint>>,
) -> Result<impl Iterator<Item = (&'a String, StructureHint)>> {
    let hints = hints_for(texts.len(), structure, structures.as_deref())?;
    Ok(texts.iter().zip(hints))
}

/// One structure hint for each of `count` statements: `structures` when
/// given, else `structure` for every one. `structures` of another length than
/// the statements, or given with a `structure` other than none, is
/// `invalid_value` at `structures`: the rule every binding's batch calls
/// follow.
///
/// ```
/// use okrkit::classify::{StructureHint, hints_for};
///
/// let each = [StructureHint::Metric, StructureHint::None];
/// assert_eq!(hints_for(2, StructureHint::None, Some(&each))?, each);
/// assert_eq!(hints_for(2, StructureHint::Metric, None)?, [StructureHint::Metric; 2]);
/// let err = hints_for(3, StructureHint::None, Some(&each)).unwrap_err();
/// assert_eq!((err.code(), err.path()), ("invalid_value", "structures"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn hints_for(
    count: usize,
    structure: StructureHint,
    structures: Option<&[StructureHint]>,
) -> Result<Vec<StructureHint>> {
    let refuse = |message: String| {
        Err(crate::Error::InvalidArgument {
            code: crate::ProblemCode::InvalidValue,
            message,
            path: "structures".into(),
        })
    };
    match structures {
        None => Ok(vec![structure; count]),
        Some(_) if structure != StructureHint::None => refuse(
            "give `structure` (one hint for every statement) or `structures` (one per statement), not both"
                .into(),
        ),
        Some(each) if each.len() != count => refuse(format!(
            "{} structure hints for {count} statements: give one per statement",
            each.len()
        )),
        Some(each) => Ok(each.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::default_classifier;
    use crate::ledger::query::json_of as value;
    use serde_json::json;

    /// Each operation answers what its typed method returns, serialised.
    #[test]
    fn each_query_answers_its_typed_method() {
        let c = default_classifier();
        let ask =
            |name: &str, args| value(&c.query(&ClassifyQuery::read(name, args).unwrap()).unwrap());
        let texts = ["Raise NPS from 30 to 45", "Ship the new onboarding"];
        let metric = StructureHint::Metric;
        assert_eq!(ask("vocabulary", json!(null)), value(c.vocabulary()));
        let one = json!({ "text": texts[0], "structure": "metric" });
        assert_eq!(
            ask("classify", one),
            value(&c.classify_with(texts[0], metric))
        );
        let none = json!({ "text": texts[1] });
        let plain = c.classify_with(texts[1], StructureHint::None);
        assert_eq!(ask("classify", none), value(&plain));
        let many = json!({ "texts": texts, "structure": "metric" });
        assert_eq!(
            ask("classify_many", many.clone()),
            value(&c.classify_many(&texts, metric))
        );
        assert_eq!(ask("classify_kinds", many), value(&c.kinds(&texts, metric)));
        // One hint per statement: each statement classified with its own.
        let each = json!({ "texts": texts, "structures": ["metric", "none"] });
        let one_each = [c.classify_with(texts[0], metric), plain.clone()];
        assert_eq!(ask("classify_many", each.clone()), value(&one_each));
        let kinds = [one_each[0].kind, one_each[1].kind];
        assert_eq!(ask("classify_kinds", each), value(&kinds));
        for bad in [
            json!({ "texts": texts, "structures": ["metric"] }),
            json!({ "texts": texts, "structure": "metric", "structures": ["metric", "none"] }),
        ] {
            let q = ClassifyQuery::read("classify_kinds", bad).unwrap();
            let err = c.query(&q).unwrap_err();
            assert_eq!((err.code(), err.path()), ("invalid_value", "structures"));
        }
        let err = ClassifyQuery::read("classify", json!({ "text": 5 })).unwrap_err();
        assert_eq!((err.code(), err.path()), ("parse_error", "text"));
        let err = ClassifyQuery::read("classify", json!({ "text": "x", "structure": "big" }));
        assert_eq!(err.unwrap_err().code(), "parse_error");
    }
}
