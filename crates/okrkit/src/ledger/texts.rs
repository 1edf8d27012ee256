//! Every text an entry carries passes the document's own text check
//! ([`crate::validate`]'s: no control character but tab, newline and carriage
//! return; at most [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES)), so an
//! accepted entry never makes [`Ledger::org`](crate::ledger::Ledger::org)
//! fail and no stored entry carries a terminal escape sequence.
//!
//! This walk runs before the action's handler, on every entry applied —
//! appended, loaded or replayed, so a stored ledger carrying such a text is
//! refused at the boundary too. It visits every string of the action (ids,
//! titles, reasons, answers…), whatever variant is added later; the
//! handlers' own checks then only add what a walk cannot see (an empty text
//! where one is required).

use crate::error::{RefusalCode, Result};
use crate::ledger::action::Action;
use crate::ledger::state::{check_free_text, refuse};
use serde_json::Value;

/// Refuses an action holding a text a document would refuse, naming its path
/// (`action.answers.explanation`, `action.replacement.title`…). The import is
/// validated as a document and a check-in's note by its handler (the hot
/// path of a million check-ins), so both are left to them.
pub(crate) fn check_action_texts(action: &Action) -> Result<()> {
    if matches!(action, Action::Import { .. } | Action::CheckIn { .. }) {
        return Ok(());
    }
    match serde_json::to_value(action) {
        Ok(value) => walk(&value, &mut String::from("action")),
        Err(err) => refuse(RefusalCode::InvalidChange, "action", err.to_string()),
    }
}

fn walk(value: &Value, path: &mut String) -> Result<()> {
    match value {
        Value::String(s) => check_free_text(s, path, "the text"),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(members) => {
            for (key, item) in members {
                check_free_text(key, path, "a member name")?;
                let len = path.len();
                path.push('.');
                path.push_str(key);
                walk(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::InitiativeId;

    #[test]
    fn names_the_path_of_the_bad_text() {
        let action = Action::KillInitiative {
            initiative: InitiativeId::new("i1"),
            reason: "stop \u{1b}[31m".into(),
        };
        let err = check_action_texts(&action).unwrap_err();
        assert_eq!(err.code(), "invalid_change");
        assert_eq!(err.path(), "action.reason");
        assert!(err.to_string().contains("control_character"), "{err}");
    }

    #[test]
    fn tab_newline_and_carriage_return_pass() {
        let action = Action::KillInitiative {
            initiative: InitiativeId::new("i1"),
            reason: "line one\r\n\tline two".into(),
        };
        assert!(check_action_texts(&action).is_ok());
    }
}
