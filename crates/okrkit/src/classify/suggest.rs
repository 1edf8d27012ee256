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
