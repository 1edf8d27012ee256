//! The outcome vs output classifier (R1): explainable, offline.
//! The classifier's methods are generated from the core's `ClassifyQuery`
//! (`classify_queries.rs`, by okrkit-codegen).

use crate::OkrError;
use crate::guard;
use okrkit::classify::{Classification, StructureHint, default_classifier};

// The verdict (with its short advice, `shortSuggestion()`), the signals and
// the kind, hint and signal-code enums are the core's records (feature
// `uniffi`).

/// Words of your own (a company's jargon): added to the built-in English
/// lists, unless `replace` is true, then each non-empty list replaces its
/// English counterpart (the rule is the core's `VocabularySpec`).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct VocabularyWords {
    /// Verbs of work done or shipped ("onboard").
    #[uniffi(default = [])]
    pub output_verbs: Vec<String>,
    /// Verbs of change in a result ("grow").
    #[uniffi(default = [])]
    pub outcome_verbs: Vec<String>,
    /// Nouns of things measured ("bookings").
    #[uniffi(default = [])]
    pub metric_nouns: Vec<String>,
    /// Nouns of deliverables ("playbook").
    #[uniffi(default = [])]
    pub output_nouns: Vec<String>,
    /// Words saying work is finished ("live").
    #[uniffi(default = [])]
    pub completion_words: Vec<String>,
    /// The lists given replace the English ones instead of extending them.
    #[uniffi(default = false)]
    pub replace: bool,
}

impl VocabularyWords {
    pub(crate) fn to_core(&self) -> okrkit::classify::Vocabulary {
        // A record has no "absent": an empty list is a list not given.
        let given = |l: &Vec<String>| (!l.is_empty()).then(|| l.clone());
        let mut spec = okrkit::classify::VocabularySpec::default();
        spec.output_verbs = given(&self.output_verbs);
        spec.outcome_verbs = given(&self.outcome_verbs);
        spec.metric_nouns = given(&self.metric_nouns);
        spec.output_nouns = given(&self.output_nouns);
        spec.completion_words = given(&self.completion_words);
        spec.replace = self.replace;
        spec.build()
    }
}

guarded! {
    /// Classifies a statement with the built-in English vocabulary.
    #[uniffi::export(default(structure = None))]
    fn classify(text: String, structure: Option<StructureHint>) -> Classification =
        default_classifier().classify_with(&text, structure.unwrap_or_default());

    /// Classifies many statements with the built-in English vocabulary, in order.
    #[uniffi::export(default(structure = None))]
    fn classify_many(texts: Vec<String>, structure: Option<StructureHint>) -> Vec<Classification> =
        default_classifier().classify_many(&texts, structure.unwrap_or_default());
}

/// A classifier with words of your own; build once, reuse.
#[derive(uniffi::Object)]
pub struct Classifier {
    pub(crate) inner: okrkit::classify::Classifier,
}

#[uniffi::export]
impl Classifier {
    /// The English vocabulary plus `words`.
    #[uniffi::constructor]
    pub fn new(words: VocabularyWords) -> Result<Self, OkrError> {
        guard(|| {
            Ok(Classifier {
                inner: okrkit::classify::Classifier::new(words.to_core()),
            })
        })
    }
}
