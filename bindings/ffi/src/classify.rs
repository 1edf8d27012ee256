//! The outcome vs output classifier (R1): explainable, offline.

use crate::OkrError;
use crate::guard;
use okrkit::classify::{Signal, StatementKind, StructureHint};

// The signals and the kind, hint and signal-code enums are the core's records
// (feature `uniffi`); the verdict is this crate's (it adds the short advice).

/// The verdict on one statement: kind, confidence in [0, 1], the evidence
/// (heaviest first) and what to do about it, in full and in short.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Classification {
    /// Outcome, output, or `Undetermined` (not enough evidence: empty or
    /// emoji-only text, nothing that names a result or work).
    pub kind: StatementKind,
    /// In [0, 1]; 0.5 with no evidence.
    pub confidence: f64,
    pub signals: Vec<Signal>,
    /// What to do, in full (cites the rule), or `null` / `nil`.
    pub suggestion: Option<String>,
    /// The same advice in at most 80 characters, for a phone card.
    pub short_suggestion: Option<String>,
}

impl From<okrkit::classify::Classification> for Classification {
    fn from(c: okrkit::classify::Classification) -> Self {
        Classification {
            short_suggestion: c.short_suggestion().map(str::to_string),
            kind: c.kind,
            confidence: c.confidence,
            signals: c.signals,
            suggestion: c.suggestion,
        }
    }
}

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

/// Classifies `texts` with `c`, in order.
fn classify_all(
    c: &okrkit::classify::Classifier,
    texts: &[String],
    hint: Option<StructureHint>,
) -> Vec<Classification> {
    let many = c.classify_many(texts, hint.unwrap_or_default());
    many.into_iter().map(Classification::from).collect()
}

guarded! {
    /// Classifies a statement with the built-in English vocabulary.
    #[uniffi::export(default(hint = None))]
    fn classify(text: String, hint: Option<StructureHint>) -> Classification = {
        let c = okrkit::classify::default_classifier();
        c.classify_with(&text, hint.unwrap_or_default()).into()
    };

    /// Classifies many statements with the built-in English vocabulary, in order.
    #[uniffi::export(default(hint = None))]
    fn classify_many(texts: Vec<String>, hint: Option<StructureHint>) -> Vec<Classification> =
        classify_all(okrkit::classify::default_classifier(), &texts, hint);
}

/// A classifier with words of your own; build once, reuse.
#[derive(uniffi::Object)]
pub struct Classifier {
    inner: okrkit::classify::Classifier,
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

impl Classifier {
    /// The core's classifier, for [`forward!`].
    fn core(&self) -> Result<&okrkit::classify::Classifier, OkrError> {
        Ok(&self.inner)
    }
}

forward!(Classifier via core {
    /// Classifies `text`, with what the key result's structure says.
    #[uniffi::method(default(hint = None))]
    fn classify(text: String, hint: Option<StructureHint>) -> Classification =
        |c| c.classify_with(&text, hint.unwrap_or_default()).into();

    /// Classifies many statements, in order.
    #[uniffi::method(default(hint = None))]
    fn classify_many(texts: Vec<String>, hint: Option<StructureHint>) -> Vec<Classification> =
        |c| classify_all(c, &texts, hint);

    /// The kinds alone, in order: no confidence, signals or suggestion are
    /// built (the core's `kind_of`), for a batch that reads only the kind.
    #[uniffi::method(default(hint = None))]
    fn classify_kinds(texts: Vec<String>, hint: Option<StructureHint>) -> Vec<StatementKind> =
        |c| c.kinds(&texts, hint.unwrap_or_default());
});
