//! Suggestions: what to do about a statement, in plain English (R1, R3,
//! seed 004). Messages are prepared once per classifier, so a
//! classification only copies one.

use super::StatementKind;

/// What to name when no hint matches.
const GENERIC_OUTCOME: &str = "the customer or business result this work is meant to change \
(for example conversion, retention, revenue or time saved)";

/// For an outcome with no number at all.
const ADD_TARGET: &str = "This reads as an outcome but has no number. Add a baseline and a \
target (for example \"from 40% to 55%\") so progress can be measured (R1).";

/// For a statement with no evidence either way.
const NOT_ENOUGH: &str = "Not enough evidence to tell an outcome from an output (R1): nothing \
here names a result to measure or work to do. Write the result you expect as a metric with a \
baseline and a target (for example \"Grow weekly active teams from 1,200 to 2,000\").";

/// The messages of one classifier.
#[derive(Debug, Clone)]
pub(crate) struct Suggestions {
    /// One message per outcome hint, in the vocabulary's order.
    by_hint: Vec<String>,
    generic: String,
}

fn for_output(outcome: &str) -> String {
    format!(
        "This reads as an output (work to do or ship), not an outcome (R1). Move it under \
         initiatives, linked to the key result it is meant to move (R3, seed 004), and write \
         that key result as the change you expect in {outcome}, with a baseline and a target."
    )
}

impl Suggestions {
    /// Prepares the messages for the outcomes named by the hints.
    pub(crate) fn new<'a>(outcomes: impl IntoIterator<Item = &'a str>) -> Self {
        Suggestions {
            by_hint: outcomes.into_iter().map(for_output).collect(),
            generic: for_output(GENERIC_OUTCOME),
        }
    }

    /// The suggestion for a statement, if any.
    ///
    /// - An output: it belongs under initiatives, linked to the key result it
    ///   should move; that key result names the outcome (from the hint, or a
    ///   generic one).
    /// - An outcome without any number: add a baseline and a target.
    /// - An outcome with numbers: no suggestion.
    pub(crate) fn get(&self, kind: StatementKind, has_number: bool, hint: u8) -> Option<String> {
        match kind {
            StatementKind::Output => Some(
                self.by_hint
                    .get(usize::from(hint))
                    .unwrap_or(&self.generic)
                    .clone(),
            ),
            StatementKind::Outcome if !has_number => Some(ADD_TARGET.to_string()),
            StatementKind::Outcome => None,
            StatementKind::Undetermined => Some(NOT_ENOUGH.to_string()),
        }
    }
}

/// Short forms of the suggestions, for a phone card (at most 80 characters,
/// no rule number or seed).
const SHORT_OUTPUT: &str =
    "Work to do, not a result: move it to initiatives; measure what it changes.";
const SHORT_ADD_TARGET: &str = "Add a baseline and a target so progress can be measured.";
const SHORT_NOT_ENOUGH: &str = "Not enough evidence: write the result you expect, with a target.";

impl super::Classification {
    /// The suggestion in at most 80 characters, for a small screen; `None`
    /// when there is nothing to do (a measured outcome). Empty or emoji-only
    /// text has no evidence: "Not enough evidence…", never a confident kind.
    ///
    /// ```
    /// let c = okrkit::classify::classify("Publish 8 articles");
    /// let short = c.short_suggestion().unwrap();
    /// assert!(short.chars().count() <= 80);
    /// assert!(okrkit::classify::classify("🚀🚀").short_suggestion().unwrap().starts_with("Not enough evidence"));
    /// ```
    pub fn short_suggestion(&self) -> Option<&'static str> {
        match self.kind {
            StatementKind::Output => Some(SHORT_OUTPUT),
            StatementKind::Outcome if self.suggestion.is_some() => Some(SHORT_ADD_TARGET),
            StatementKind::Outcome => None,
            StatementKind::Undetermined => Some(SHORT_NOT_ENOUGH),
        }
    }
}

#[cfg(test)]
mod short_tests {
    use super::*;

    #[test]
    fn short_forms_fit_a_phone_card() {
        for s in [SHORT_OUTPUT, SHORT_ADD_TARGET, SHORT_NOT_ENOUGH] {
            assert!(s.chars().count() <= 80, "{s}");
            assert!(!s.contains("R1") && !s.contains("seed"), "{s}");
        }
    }

    #[test]
    fn empty_and_emoji_only_text_is_not_enough_evidence() {
        for text in ["", "   ", "🚀🚀🎉", "\u{1F600}"] {
            let c = crate::classify::classify(text);
            assert_eq!(c.kind, StatementKind::Undetermined, "{text:?}");
            assert_eq!(c.short_suggestion(), Some(SHORT_NOT_ENOUGH));
        }
    }
}
