//! Suggestions: what to do about a statement, in plain English (R1, R3,
//! seed 004).

use super::StatementKind;

/// What to name when no hint matches.
const GENERIC_OUTCOME: &str = "the customer or business result this work is meant to change \
(for example conversion, retention, revenue or time saved)";

/// The suggestion for a statement, if any.
///
/// - An output: it belongs under initiatives, linked to the key result it
///   should move; the key result names the outcome (`outcome`, from the
///   vocabulary's outcome hints, or a generic one).
/// - An outcome without any number: add a baseline and a target.
/// - An outcome with numbers: no suggestion.
pub(crate) fn suggestion(
    kind: StatementKind,
    has_number: bool,
    outcome: Option<&str>,
) -> Option<String> {
    match kind {
        StatementKind::Output => {
            let outcome = outcome.unwrap_or(GENERIC_OUTCOME);
            Some(format!(
                "This reads as an output (work to do or ship), not an outcome (R1). \
                 Move it under initiatives, linked to the key result it is meant to move \
                 (R3, seed 004), and write that key result as the change you expect in \
                 {outcome}, with a baseline and a target."
            ))
        }
        StatementKind::Outcome if !has_number => Some(
            "This reads as an outcome but has no number. Add a baseline and a target \
             (for example \"from 40% to 55%\") so progress can be measured (R1)."
                .to_string(),
        ),
        StatementKind::Outcome => None,
    }
}
