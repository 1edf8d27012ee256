//! The outcome vs output classifier (R1): explainable, offline.
//! The classifier's methods are generated from the core's `ClassifyQuery`
//! (`classify_queries.rs`, by okrkit-codegen).

use crate::OkrError;
use crate::guard;
use okrkit::classify::{
    Classification, ClassifyAnswer, ClassifyQuery, StructureHint, VocabularySpec,
    default_classifier,
};

// The verdict (with its short advice, `shortSuggestion()`), the signals,
// the words of your own (`VocabularySpec`, `OutcomeHint`) and the kind, hint
// and signal-code enums are the core's records (feature `uniffi`).

guarded! {
    /// Classifies a statement with the built-in English vocabulary.
    #[uniffi::export(default(structure = None))]
    fn classify(text: String, structure: Option<StructureHint>) -> Classification =
        default_classifier().classify_with(&text, structure.unwrap_or_default());

    /// Classifies many statements with the built-in English vocabulary, in
    /// order: `structure` for every one, or `structures` one per statement.
    #[uniffi::export(default(structure = None, structures = None))]
    fn classify_many(
        texts: Vec<String>,
        structure: Option<StructureHint>,
        structures: Option<Vec<StructureHint>>,
    ) -> Vec<Classification> = {
        // The core answers the batch, as a `Classifier`'s generated method does.
        let structure = structure.unwrap_or_default();
        let query = ClassifyQuery::ClassifyMany { texts, structure, structures };
        match default_classifier().query(&query)? {
            ClassifyAnswer::ClassifyMany(all) => all,
            other => return Err(OkrError::internal(format!("`classify_many` was answered with {other:?}"))),
        }
    };
}

/// A classifier with words of your own; build once, reuse.
#[derive(uniffi::Object)]
pub struct Classifier {
    pub(crate) inner: okrkit::classify::Classifier,
}

#[uniffi::export]
impl Classifier {
    /// The English vocabulary plus `words` (the core's `VocabularySpec`:
    /// each list given is added to its English counterpart, or replaces it
    /// when `replace` is true; `null` / `nil`: not given).
    #[uniffi::constructor]
    pub fn new(words: VocabularySpec) -> Result<Self, OkrError> {
        guard(|| {
            Ok(Classifier {
                inner: okrkit::classify::Classifier::new(words.build()),
            })
        })
    }

    /// The vocabulary as the `VocabularySpec` that builds it again: every
    /// list, with `replace` true (what Python's and Node's `vocabulary()`
    /// give as a dict / object).
    pub fn vocabulary(&self) -> Result<VocabularySpec, OkrError> {
        guard(|| Ok(VocabularySpec::from(self.inner.vocabulary().clone())))
    }
}
