//! The one error type the apps see, mapped from `okrkit::Error`.
//!
//! Kotlin: `sealed class OkrException` with `OkrException.Invalid`,
//! `OkrException.Refused`, …; Swift: `enum OkrError: Error`. Every variant has
//! the core's stable `code`, a `detail` for a person and a `path` (the field
//! is not called `message`: Kotlin's `Throwable.message` would clash).
//!
//! The base class answers the same questions without a `when` / `switch`:
//! `e.code()`, `e.path()`, `e.detail()` and `e.problems()` (methods exported
//! on the enum). The exception's `message` (uniffi lists the variant's fields)
//! stays short whatever the number of problems: `detail` names the count and
//! the first problem, and the list itself is a [`Problems`] handle whose text
//! is only `"900 problems"`; `e.problems()` gives every one.

use std::sync::Arc;

/// One problem of a document: stable code, message, path of the element.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Problem {
    /// Stable snake_case code (`duplicate_id`, `not_finite`, …).
    pub code: String,
    /// What is wrong, for a person.
    pub message: String,
    /// Path of the element, e.g. `objectives[3].key_results[1].measure.target`.
    pub path: String,
}

impl From<okrkit::Problem> for Problem {
    fn from(p: okrkit::Problem) -> Self {
        Problem {
            code: p.code.as_str().to_string(),
            message: p.message,
            path: p.path,
        }
    }
}

/// The problems of an error, as a handle: `items()` lists them, `count()`
/// counts them; its text (`toString()` / `description`) is only the count,
/// so an exception message never carries 900 problems.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Object)]
#[uniffi::export(Display)]
pub struct Problems {
    items: Vec<Problem>,
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.items.len();
        write!(f, "{n} problem{}", if n == 1 { "" } else { "s" })
    }
}

impl Problems {
    pub(crate) fn new(items: Vec<Problem>) -> Arc<Self> {
        Arc::new(Problems { items })
    }
}

#[uniffi::export]
impl Problems {
    /// Every problem, in the order found.
    pub fn items(&self) -> Vec<Problem> {
        self.items.clone()
    }

    /// How many problems.
    pub fn count(&self) -> i64 {
        i64::try_from(self.items.len()).unwrap_or(i64::MAX)
    }
}

/// Every error okrkit returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum OkrError {
    /// The document (or ledger line) could not be read: malformed JSON, a
    /// wrong type, a missing field. `code` is `parse_error`.
    #[error("{path}: {detail} (line {line}, column {column})")]
    Parse {
        code: String,
        detail: String,
        path: String,
        /// 1-based line (0 when not from text).
        line: i64,
        /// 1-based column (0 when not from text).
        column: i64,
        /// The same error as a one-element problem list.
        problems: Arc<Problems>,
    },
    /// The document was read but breaks the rules. `code` is
    /// `invalid_document`; `problems` lists every problem, each with its own
    /// code and path; `path` is the first problem's.
    #[error("{detail}")]
    Invalid {
        code: String,
        detail: String,
        path: String,
        problems: Arc<Problems>,
    },
    /// The ledger refused an action and recorded nothing. `code` is the
    /// refusal's (`not_allowed`, `invalid_state`, `unknown_element`,
    /// `agreed_commitment`, `invalid_change`, `out_of_order`).
    #[error("{path}: refused ({code}): {detail}")]
    Refused {
        code: String,
        detail: String,
        path: String,
    },
    /// The ledger's hash chain is broken. `code` is `tampered`; `index` is the
    /// 0-based position of the first bad entry.
    #[error("ledger entry {index} ({entry_id}) fails verification: {detail}")]
    Tampered {
        code: String,
        detail: String,
        path: String,
        index: i64,
        entry_id: String,
    },
    /// A ledger, a signed checkpoint or a proof does not prove what it
    /// should. `code` is the reason (`rewrite`, `truncation`, `fork`,
    /// `bad_signature`, `unknown_key`, `not_enough_signatures`,
    /// `origin_mismatch`, `bad_proof`); `entry` is the first entry that
    /// differs or is missing, where there is one.
    #[error("{detail}")]
    NotProven {
        code: String,
        detail: String,
        path: String,
        entry: Option<i64>,
    },
    /// An argument is invalid (an unknown cycle, a malformed date). `code` is
    /// the problem's (`dangling_reference`, `invalid_value`, …).
    #[error("{path}: {detail}")]
    InvalidArgument {
        code: String,
        detail: String,
        path: String,
        problems: Arc<Problems>,
    },
    /// Reading or writing failed. `code` is `io_error`.
    #[error("{path}: {detail}")]
    Io {
        code: String,
        detail: String,
        path: String,
    },
    /// A bug in okrkit (a caught panic, or a core error this binding does not
    /// know yet). `code` is always `internal` (the core's own code, if any,
    /// is named in `detail`).
    #[error("{detail}")]
    Internal {
        code: String,
        detail: String,
        path: String,
    },
}

impl OkrError {
    /// An invalid argument found by this binding while converting (a date
    /// that is not ISO-8601, an instant out of range).
    pub(crate) fn argument(path: &str, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        OkrError::InvalidArgument {
            code: okrkit::ProblemCode::InvalidValue.as_str().to_string(),
            problems: Problems::new(vec![Problem {
                code: okrkit::ProblemCode::InvalidValue.as_str().to_string(),
                message: detail.clone(),
                path: path.to_string(),
            }]),
            detail,
            path: path.to_string(),
        }
    }

    /// The one internal-error shape (`code` = `internal`).
    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        OkrError::Internal {
            code: INTERNAL.to_string(),
            detail: detail.into(),
            path: String::new(),
        }
    }
}

/// The code of every internal error.
pub(crate) const INTERNAL: &str = "internal";

/// The questions every error answers, without a `when` / `switch`.
#[uniffi::export]
impl OkrError {
    /// The stable snake_case code (`invalid_document`, `parse_error`,
    /// `out_of_order`, `internal`, …).
    pub fn code(&self) -> String {
        match self {
            OkrError::Parse { code, .. }
            | OkrError::Invalid { code, .. }
            | OkrError::Refused { code, .. }
            | OkrError::Tampered { code, .. }
            | OkrError::NotProven { code, .. }
            | OkrError::InvalidArgument { code, .. }
            | OkrError::Io { code, .. }
            | OkrError::Internal { code, .. } => code.clone(),
        }
    }

    /// The path of the offending element (empty when there is none).
    pub fn path(&self) -> String {
        match self {
            OkrError::Parse { path, .. }
            | OkrError::Invalid { path, .. }
            | OkrError::Refused { path, .. }
            | OkrError::Tampered { path, .. }
            | OkrError::NotProven { path, .. }
            | OkrError::InvalidArgument { path, .. }
            | OkrError::Io { path, .. }
            | OkrError::Internal { path, .. } => path.clone(),
        }
    }

    /// What went wrong, for a person: one short line.
    pub fn detail(&self) -> String {
        match self {
            OkrError::Parse { detail, .. }
            | OkrError::Invalid { detail, .. }
            | OkrError::Refused { detail, .. }
            | OkrError::Tampered { detail, .. }
            | OkrError::NotProven { detail, .. }
            | OkrError::InvalidArgument { detail, .. }
            | OkrError::Io { detail, .. }
            | OkrError::Internal { detail, .. } => detail.clone(),
        }
    }

    /// Every problem (a document's rule breaks, a parse error, a bad
    /// argument); empty for the errors that carry none.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            OkrError::Parse { problems, .. }
            | OkrError::Invalid { problems, .. }
            | OkrError::InvalidArgument { problems, .. } => problems.items(),
            _ => Vec::new(),
        }
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `detail` of an invalid document: the count and the first problem, one line.
fn short_invalid(problems: &[Problem]) -> String {
    let n = problems.len();
    let mut out = format!(
        "the document has {n} problem{}",
        if n == 1 { "" } else { "s" }
    );
    if let Some(p) = problems.first() {
        out.push_str(&format!("; first: {}: {}", p.path, p.message));
    }
    out
}

impl From<okrkit::Error> for OkrError {
    fn from(e: okrkit::Error) -> Self {
        let code = e.code().to_string();
        let path = e.path().to_string();
        let items: Vec<Problem> = e.problems().into_iter().map(Problem::from).collect();
        let detail = if matches!(e, okrkit::Error::Invalid(_)) {
            short_invalid(&items)
        } else {
            e.to_string()
        };
        let problems = Problems::new(items);
        match e {
            okrkit::Error::Parse {
                message, position, ..
            } => OkrError::Parse {
                code,
                detail: message,
                path,
                // Kotlin / Swift keep 0 for "no position" (their documented shape).
                line: position.map_or(0, |p| count(p.line)),
                column: position.map_or(0, |p| count(p.column)),
                problems,
            },
            okrkit::Error::Invalid(_) => OkrError::Invalid {
                code,
                detail,
                path,
                problems,
            },
            okrkit::Error::Refused { message, .. } => OkrError::Refused {
                code,
                detail: message,
                path,
            },
            okrkit::Error::Tampered {
                index,
                entry_id,
                message,
            } => OkrError::Tampered {
                code,
                detail: message,
                path,
                index: count(index),
                entry_id,
            },
            okrkit::Error::NotProven { entry, .. } => OkrError::NotProven {
                code,
                detail,
                path,
                entry: entry.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
            },
            okrkit::Error::InvalidArgument { message, .. } => OkrError::InvalidArgument {
                code,
                detail: message,
                path,
                problems,
            },
            okrkit::Error::Io { message, .. } => OkrError::Io {
                code,
                detail: message,
                path,
            },
            // `okrkit::Error` is non_exhaustive: a variant added later still
            // reaches the app, typed as Internal with the core's code.
            _ => OkrError::Internal {
                code: INTERNAL.to_string(),
                detail: format!("{detail} ({code})"),
                path,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(n: usize) -> Vec<okrkit::Problem> {
        (0..n)
            .map(|i| {
                okrkit::Problem::new(
                    okrkit::ProblemCode::TargetEqualsBaseline,
                    "the target equals the baseline",
                )
                .at(format!("objectives[{i}].key_results[0].measure.target"))
            })
            .collect()
    }

    #[test]
    fn an_invalid_document_has_a_short_detail_and_every_problem() {
        let e = OkrError::from(okrkit::Error::Invalid(problems(900)));
        assert_eq!(e.code(), "invalid_document");
        assert_eq!(e.problems().len(), 900);
        assert_eq!(e.path(), "objectives[0].key_results[0].measure.target");
        assert!(
            e.detail()
                .starts_with("the document has 900 problems; first: ")
        );
        assert!(e.detail().len() < 200, "{}", e.detail());
        match &e {
            OkrError::Invalid { problems, .. } => assert_eq!(problems.to_string(), "900 problems"),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn errors_without_problems_answer_an_empty_list() {
        let e = OkrError::internal("boom");
        assert_eq!(
            (e.code(), e.path(), e.problems()),
            ("internal".into(), String::new(), vec![])
        );
    }
}
