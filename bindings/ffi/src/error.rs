//! The one error type the apps see, mapped from `okrkit::Error`.
//!
//! Kotlin: `sealed class OkrException` with `OkrException.Invalid`,
//! `OkrException.Refused`, …; Swift: `enum OkrError: Error`. Every variant has
//! the core's stable `code`, a `detail` for a person and a `path` (the field
//! is not called `message`: Kotlin's `Throwable.message` would clash; the
//! exception's `message` lists every field).

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

/// Every error okrkit returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum OkrError {
    /// The document (or ledger line) could not be read: malformed JSON, a
    /// wrong type, a missing field. `code` is `parse_error`.
    #[error("{path}: {detail} (line {line}, column {column})")]
    Parse {
        code: String,
        detail: String,
        path: String,
        /// 1-based line (0 when not from text).
        line: u64,
        /// 1-based column (0 when not from text).
        column: u64,
        /// The same error as a one-element problem list.
        problems: Vec<Problem>,
    },
    /// The document was read but breaks the rules. `code` is
    /// `invalid_document`; `problems` lists every problem, each with its own
    /// code and path; `path` is the first problem's.
    #[error("{detail}")]
    Invalid {
        code: String,
        detail: String,
        path: String,
        problems: Vec<Problem>,
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
        index: u64,
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
        entry: Option<u64>,
    },
    /// An argument is invalid (an unknown cycle, a malformed date). `code` is
    /// the problem's (`dangling_reference`, `invalid_value`, …).
    #[error("{path}: {detail}")]
    InvalidArgument {
        code: String,
        detail: String,
        path: String,
        problems: Vec<Problem>,
    },
    /// Reading or writing failed. `code` is `io_error`.
    #[error("{path}: {detail}")]
    Io {
        code: String,
        detail: String,
        path: String,
    },
    /// A bug in okrkit (a caught panic, or a core error this binding does not
    /// know yet). `code` is `internal` or the core's code.
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
            problems: vec![Problem {
                code: okrkit::ProblemCode::InvalidValue.as_str().to_string(),
                message: detail.clone(),
                path: path.to_string(),
            }],
            detail,
            path: path.to_string(),
        }
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl From<okrkit::Error> for OkrError {
    fn from(e: okrkit::Error) -> Self {
        let code = e.code().to_string();
        let path = e.path().to_string();
        let problems: Vec<Problem> = e.problems().into_iter().map(Problem::from).collect();
        let detail = e.to_string();
        match e {
            okrkit::Error::Parse {
                message,
                line,
                column,
                ..
            } => OkrError::Parse {
                code,
                detail: message,
                path,
                line: count(line),
                column: count(column),
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
                entry,
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
            _ => OkrError::Internal { code, detail, path },
        }
    }
}
