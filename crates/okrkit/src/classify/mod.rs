//! Outcome vs output classifier (rule R1).
//!
//! A key result measures a result — a metric moving from a baseline toward a
//! target ("Checkout conversion rate > 65%") — not work the team does or
//! ships ("Build a tool to remind people of their shopping cart", "Integrate
//! sign-in via Amazon"): that is an output, and belongs under initiatives
//! (R1, R3; the four key results of seed 004 are the canonical example).
//!
//! [`classify`] reads a statement and returns a [`Classification`]: the
//! [`StatementKind`] (outcome, output, or [`StatementKind::Undetermined`]
//! when nothing in it is evidence either way), a confidence in `[0, 1]`, the
//! [`Signal`]s that decided it and a suggestion. It is deterministic,
//! explainable and offline:
//!
//! - the statement is read into **named features** ([`SignalCode`]): the verb
//!   that leads a clause (from the [`Vocabulary`], or any English verb in the
//!   imperative, with its WordNet class), what its object is, what numbers
//!   count (people, things, activities), number patterns (from-to, bounds,
//!   percentages, money), tense, voice and subject;
//! - a [`Model`] — a logistic regression whose weights were **learned** from
//!   labelled key results by the training command ([`train`]; `cargo run -p
//!   okrkit-examples --example classify_train`) and embedded as data
//!   (`model/weights.tsv`) — adds the weights of the features that fired to
//!   its bias: the log-odds of "outcome". Each signal carries its
//!   contribution, so the explanation adds up to the verdict.
//!
//! [`Classifier::classify_with`] also takes what the key result's structure
//! says ([`StructureHint`]): a milestone is an output; a metric with a
//! baseline and a target, or a threshold, is outcome evidence unless a
//! clause is led by a verb of work.
//!
//! English word classes come from WordNet 3.0 (Princeton University; licence
//! in `data/WORDNET-LICENSE`), embedded as data (`data/wordnet.tsv`).
//!
//! Speed: no regex, no allocation besides the result
//! ([`Classifier::kind_of`]: none at all); only the first 96 tokens (1 KiB
//! of lowercased text) of a statement are read.
//!
//! Quality, by leave-one-publisher-out cross-validation on 613 published key
//! results (`cargo run -p okrkit-examples --example classify_eval` prints the
//! figures, per class and per publisher): see the README's classifier
//! section. No statement of the data is special-cased: the features are
//! general word classes and patterns.

mod lexicon;
mod model;
mod query;
mod signals;
mod suggest;
mod tokens;
pub mod train;
mod vocabulary;
mod wordnet;

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use model::Model;
pub use query::{ClassifyAnswer, ClassifyQuery, hints_for};
pub use signals::{Signal, SignalCode};
pub use vocabulary::{OutcomeHint, Vocabulary, VocabularySpec};

/// Which side of R1 a statement falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum StatementKind {
    /// A result, measured: a metric moving toward a target.
    Outcome,
    /// Work done or shipped: belongs under initiatives (R1, R3).
    Output,
    /// Not enough evidence either way ("Be great", an empty text): nothing
    /// in the statement says what would be measured or what would be done.
    Undetermined,
}

impl StatementKind {
    /// The snake_case name, as in JSON (`"outcome"`, `"output"`, `"undetermined"`).
    ///
    /// ```
    /// assert_eq!(okrkit::classify::StatementKind::Output.as_str(), "output");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Outcome => "outcome",
            StatementKind::Output => "output",
            StatementKind::Undetermined => "undetermined",
        }
    }
}

/// What the structure of a key result says, beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum StructureHint {
    /// Nothing known about the structure: classify from the text alone.
    #[default]
    None,
    /// A metric with a baseline and a target: strong outcome evidence.
    Metric,
    /// A bound to hold ("stay at or above 99.9%"): outcome evidence.
    Threshold,
    /// Done / not done: an output (R1).
    Milestone,
}

/// The verdict on one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Classification {
    /// Outcome, output, or `Undetermined` (not enough evidence either way).
    pub kind: StatementKind,
    /// How sure the classifier is of `kind`, in `[0, 1]` (0.5: no evidence
    /// either way).
    pub confidence: f64,
    /// The evidence, heaviest first.
    pub signals: Vec<Signal>,
    /// What to do about it, in plain English: for an output, move it under
    /// initiatives and name the outcome it might move; for an outcome with
    /// no number, add a baseline and a target. `None` when nothing to do.
    pub suggestion: Option<String>,
}

/// Classifies statements as outcome or output (R1) with a vocabulary.
///
/// Build one per vocabulary and reuse it: construction compiles the word
/// lists (every inflected form) into a hash map; classification then does one
/// lookup per word.
///
/// ```
/// use okrkit::classify::{Classifier, StatementKind, StructureHint, Vocabulary};
///
/// let mut vocab = Vocabulary::english();
/// vocab.add_output_verbs(["onboard"]).add_metric_nouns(["bookings"]);
/// let classifier = Classifier::new(vocab);
///
/// let c = classifier.classify("Grow weekly bookings from 120 to 200");
/// assert_eq!(c.kind, StatementKind::Outcome);
///
/// // A milestone key result is an output whatever its wording (R1).
/// let c = classifier.classify_with("Payments v2", StructureHint::Milestone);
/// assert_eq!(c.kind, StatementKind::Output);
/// assert!(c.suggestion.unwrap().contains("initiatives"));
/// ```
#[derive(Debug, Clone)]
pub struct Classifier {
    vocabulary: Vocabulary,
    lexicon: lexicon::Lexicon,
    suggestions: suggest::Suggestions,
    model: Model,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Vocabulary::english())
    }
}

impl Classifier {
    /// A classifier reading with `vocabulary`.
    pub fn new(vocabulary: Vocabulary) -> Self {
        let lexicon = lexicon::Lexicon::new(&vocabulary);
        Self::of(vocabulary, lexicon)
    }

    /// `vocabulary` with its compiled lexicon.
    fn of(vocabulary: Vocabulary, lexicon: lexicon::Lexicon) -> Self {
        let suggestions = suggest::Suggestions::new(lexicon.hints());
        Classifier {
            vocabulary,
            lexicon,
            suggestions,
            model: Model::embedded().clone(),
        }
    }

    /// The same classifier weighing the features with another model (one
    /// fitted by [`train::fit`], e.g. on the training folds of a
    /// cross-validation).
    pub fn with_model(mut self, model: Model) -> Self {
        self.model = model;
        self
    }

    /// The model this classifier weighs features with.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The named features that fire on a statement (what the model weighs),
    /// in [`SignalCode::ALL`] order.
    ///
    /// ```
    /// use okrkit::classify::{Classifier, SignalCode, StructureHint};
    ///
    /// let c = Classifier::default();
    /// let f = c.features("Undertake a supplier audit", StructureHint::None);
    /// assert!(f.contains(&SignalCode::LeadingVerb));
    /// ```
    pub fn features(&self, text: &str, hint: StructureHint) -> Vec<SignalCode> {
        signals::analyze(&self.lexicon, text, hint, |a| {
            SignalCode::ALL
                .into_iter()
                .filter(|c| a.fired(*c))
                .collect()
        })
    }

    /// The vocabulary this classifier reads with.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Classifies a statement from its text alone.
    pub fn classify(&self, text: &str) -> Classification {
        self.classify_with(text, StructureHint::None)
    }

    /// The kind and confidence alone, without the explanation: what
    /// [`Classifier::classify_with`] returns in `kind` and `confidence`, with
    /// no allocation (for batch calls that read only the kind).
    ///
    /// ```
    /// use okrkit::classify::{Classifier, StatementKind, StructureHint};
    ///
    /// let c = Classifier::default();
    /// let text = "Publish 8 articles";
    /// let (kind, confidence) = c.kind_of(text, StructureHint::None);
    /// let full = c.classify(text);
    /// assert_eq!((kind, confidence), (full.kind, full.confidence));
    /// assert_eq!(kind, StatementKind::Output);
    /// ```
    pub fn kind_of(&self, text: &str, hint: StructureHint) -> (StatementKind, f64) {
        signals::analyze(&self.lexicon, text, hint, |a| self.kind_in(a))
    }

    /// [`Classifier::kind_of`] from a statement's analysis.
    fn kind_in(&self, a: &signals::Analysis<'_>) -> (StatementKind, f64) {
        let mut logit = self.model.bias();
        let mut evidence = false;
        for (i, code) in SignalCode::ALL.into_iter().enumerate() {
            if a.acc[i].count > 0 {
                let c = self.model.contribution(code);
                if c != 0.0 {
                    logit += c;
                    evidence = true;
                }
            }
        }
        verdict(logit, evidence)
    }

    /// [`Classifier::classify_with`] of each text, in order, with one hint
    /// for all (what the bindings' `classify_many` gives).
    ///
    /// ```
    /// use okrkit::classify::{Classifier, StructureHint};
    ///
    /// let c = Classifier::default();
    /// let texts = ["Publish 8 articles", "Raise NPS from 20 to 40"];
    /// let many = c.classify_many(&texts, StructureHint::None);
    /// assert_eq!(many[1], c.classify_with(texts[1], StructureHint::None));
    /// let kinds = c.kinds(&texts, StructureHint::None);
    /// assert_eq!(kinds, vec![many[0].kind, many[1].kind]);
    /// ```
    pub fn classify_many<S: AsRef<str>>(
        &self,
        texts: &[S],
        hint: StructureHint,
    ) -> Vec<Classification> {
        texts
            .iter()
            .map(|t| self.classify_with(t.as_ref(), hint))
            .collect()
    }

    /// The kind of each text alone ([`Classifier::kind_of`]), in order, with
    /// one hint for all: a batch that reads only the kind builds no
    /// [`Classification`].
    pub fn kinds<S: AsRef<str>>(&self, texts: &[S], hint: StructureHint) -> Vec<StatementKind> {
        texts
            .iter()
            .map(|t| self.kind_of(t.as_ref(), hint).0)
            .collect()
    }

    /// Classifies a key result from its text and what its structure says:
    /// a [`StructureHint::Metric`] (baseline and target) is strong outcome
    /// evidence, a [`StructureHint::Milestone`] is an output (R1).
    pub fn classify_with(&self, text: &str, hint: StructureHint) -> Classification {
        signals::analyze(&self.lexicon, text, hint, |a| {
            self.classification_of(text, hint, a)
        })
    }

    /// [`Classifier::classify_with`] from a statement's analysis.
    fn classification_of(
        &self,
        text: &str,
        hint: StructureHint,
        a: &signals::Analysis<'_>,
    ) -> Classification {
        // The features that fired, heaviest contribution first (ties in order
        // of appearance).
        let mut fired = [(0usize, 0.0f64); signals::CODES];
        let mut n = 0;
        let mut logit = self.model.bias();
        for (i, code) in SignalCode::ALL.into_iter().enumerate() {
            if a.acc[i].count == 0 {
                continue;
            }
            let c = self.model.contribution(code);
            if c == 0.0 {
                continue;
            }
            logit += c;
            fired[n] = (i, c);
            n += 1;
        }
        let fired = &mut fired[..n];
        fired.sort_unstable_by(|x, y| {
            y.1.abs()
                .total_cmp(&x.1.abs())
                .then(a.acc[x.0].first_token.cmp(&a.acc[y.0].first_token))
                .then(x.0.cmp(&y.0))
        });
        let signals: Vec<Signal> = fired
            .iter()
            .map(|&(i, c)| Signal {
                code: SignalCode::ALL[i],
                matched: signals::quote(text, &a.acc[i], hint),
                points_to: if c > 0.0 {
                    StatementKind::Outcome
                } else {
                    StatementKind::Output
                },
                weight: c.abs(),
            })
            .collect();
        let (kind, confidence) = verdict(logit, !signals.is_empty());
        let suggestion = self.suggestions.get(kind, a.has_number, a.hint);
        Classification {
            kind,
            confidence,
            signals,
            suggestion,
        }
    }
}

/// The kind and confidence from the log-odds of "outcome": with no evidence
/// (no feature with weight fired), not enough evidence, confidence 0.5.
fn verdict(logit: f64, evidence: bool) -> (StatementKind, f64) {
    if !evidence || !logit.is_finite() {
        return (StatementKind::Undetermined, 0.5);
    }
    let p = 1.0 / (1.0 + (-logit).exp());
    let (kind, c) = if logit > 0.0 {
        (StatementKind::Outcome, p)
    } else {
        (StatementKind::Output, 1.0 - p)
    };
    (kind, c.clamp(0.0, 1.0))
}

// `Classifier::default`, its lexicon compiled over a base of its own: a
// process that classifies only with it keeps one copy of the base, not two.
static DEFAULT: LazyLock<Classifier> = LazyLock::new(|| {
    let vocabulary = Vocabulary::english();
    let lexicon = lexicon::Lexicon::new_alone(&vocabulary);
    Classifier::of(vocabulary, lexicon)
});

/// Classifies a statement as outcome or output (R1) with the English
/// vocabulary.
///
/// ```
/// use okrkit::classify::{classify, SignalCode, StatementKind};
///
/// // Seed 004: a measured result is an outcome…
/// let c = classify("Checkout conversion rate > 65%");
/// assert_eq!(c.kind, StatementKind::Outcome);
/// assert!(c.signals.iter().any(|s| s.code == SignalCode::Comparator));
///
/// // …work to ship is an output, which belongs under initiatives.
/// let c = classify("Build a tool to remind people of their shopping cart");
/// assert_eq!(c.kind, StatementKind::Output);
/// assert!(c.confidence > 0.9);
/// assert!(c.suggestion.unwrap().contains("initiatives"));
/// ```
pub fn classify(text: &str) -> Classification {
    DEFAULT.classify(text)
}

/// The shared classifier with the default English vocabulary.
pub fn default_classifier() -> &'static Classifier {
    &DEFAULT
}
