//! The one error type Kotlin and Swift see (feature `uniffi`), mapped from
//! [`Error`]: declared here, next to the error it maps, so bindings/ffi
//! re-exports it instead of mirroring it (Kotlin package `dev.okrkit.core`,
//! Swift: the same `OkrKit` module).
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
//! the first problem, and the list itself is a
//! [`Problems`](crate::uniffi_error::Problems) handle whose text is only
//! `"900 problems"`; `e.problems()` gives every one.

use crate::{Error, Position, Problem, ProblemCode};
use std::sync::Arc;

// A problem's code crosses as its stable text (`typealias ProblemCode = String`).
uniffi::custom_type!(ProblemCode, String, {
    lower: |c| c.as_str().to_string(),
    try_lift: |s| Ok(ProblemCode::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == s)
        .ok_or_else(|| Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: format!("unknown problem code '{s}'"),
            path: "code".into(),
        })?),
});

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

#[uniffi::export]
impl Problems {
    /// Every problem, in the order found.
    pub fn items(&self) -> Vec<Problem> {
        self.items.clone()
    }

    /// How many problems.
    pub fn count(&self) -> i64 {
        count(self.items.len())
    }
}

/// Every error okrkit returns. Each variant has `code` (the stable code),
/// `detail` (for a person) and `path` (the element, or empty): see
/// `code()`, `detail()` and `path()`.
#[allow(
    missing_docs,
    reason = "code, detail and path are documented once, above and on their accessors"
)]
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
    /// A bug in okrkit or a failure the caller cannot fix: a caught panic
    /// (a ledger it happened in is put back as its entries say, and goes
    /// on), a worker thread that could not start.
    /// `code` is always `internal_error` ([`Error::INTERNAL_CODE`]).
    #[error("{detail}")]
    Internal {
        code: String,
        detail: String,
        path: String,
    },
}

impl OkrError {
    /// An invalid argument found by the binding while converting (a date
    /// that is not ISO-8601, an instant out of range, a negative count).
    pub fn argument(path: &str, detail: impl Into<String>) -> Self {
        Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: detail.into(),
            path: path.to_string(),
        }
        .into()
    }

    /// The one internal-error shape (`code` = `internal_error`,
    /// [`Error::INTERNAL_CODE`], as in every binding).
    pub fn internal(detail: impl Into<String>) -> Self {
        OkrError::Internal {
            code: Error::INTERNAL_CODE.to_string(),
            detail: detail.into(),
            path: String::new(),
        }
    }

    /// A JSON text read for a binding (a ledger entry, an action: see
    /// `OkrError::read_json`) that serde_json refused, at `path`: `Parse`,
    /// as the core's own readers.
    pub fn json(path: impl Into<String>, e: &serde_json::Error) -> Self {
        Error::Parse {
            path: path.into(),
            message: e.to_string(),
            position: Position::at(e.line(), e.column()),
        }
        .into()
    }

    /// Reads `T` from JSON text as every reader of the core does (a struct
    /// from a JSON object only, never from an array: `json::MapsOnly`); a
    /// malformed text is [`OkrError::json`] at `path`.
    pub fn read_json<T: serde::de::DeserializeOwned>(
        path: impl Into<String>,
        text: &str,
    ) -> Result<T, OkrError> {
        crate::json::serde_from_str(text).map_err(|e| OkrError::json(path, &e))
    }

    /// Code, detail and path, whatever the variant.
    fn parts(&self) -> (&String, &String, &String) {
        match self {
            OkrError::Parse {
                code, detail, path, ..
            }
            | OkrError::Invalid {
                code, detail, path, ..
            }
            | OkrError::Refused { code, detail, path }
            | OkrError::Tampered {
                code, detail, path, ..
            }
            | OkrError::NotProven {
                code, detail, path, ..
            }
            | OkrError::InvalidArgument {
                code, detail, path, ..
            }
            | OkrError::Io { code, detail, path }
            | OkrError::Internal { code, detail, path } => (code, detail, path),
        }
    }
}

/// The questions every error answers, without a `when` / `switch`.
#[uniffi::export]
impl OkrError {
    /// The stable snake_case code (`invalid_document`, `parse_error`,
    /// `out_of_order`, `internal`, …).
    pub fn code(&self) -> String {
        self.parts().0.clone()
    }

    /// The path of the offending element (empty when there is none).
    pub fn path(&self) -> String {
        self.parts().2.clone()
    }

    /// What went wrong, for a person: one short line.
    pub fn detail(&self) -> String {
        self.parts().1.clone()
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

/// A count for Kotlin's `Long`, saturating.
fn count(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
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

impl From<Error> for OkrError {
    fn from(e: Error) -> Self {
        let code = e.code().to_string();
        let path = e.path().to_string();
        let items = e.problems();
        let detail = if matches!(e, Error::Invalid(_)) {
            short_invalid(&items)
        } else {
            e.to_string()
        };
        let problems = Arc::new(Problems { items });
        match e {
            Error::Parse {
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
            Error::Invalid(_) => OkrError::Invalid {
                code,
                detail,
                path,
                problems,
            },
            Error::Refused { message, .. } => OkrError::Refused {
                code,
                detail: message,
                path,
            },
            Error::Tampered {
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
            Error::NotProven { entry, .. } => OkrError::NotProven {
                code,
                detail,
                path,
                entry: entry.map(count),
            },
            Error::InvalidArgument { message, .. } => OkrError::InvalidArgument {
                code,
                detail: message,
                path,
                problems,
            },
            Error::Io { message, .. } => OkrError::Io {
                code,
                detail: message,
                path,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(n: usize) -> Vec<Problem> {
        (0..n)
            .map(|i| {
                Problem::new(
                    ProblemCode::TargetEqualsBaseline,
                    "the target equals the baseline",
                )
                .at(format!("objectives[{i}].key_results[0].measure.target"))
            })
            .collect()
    }

    #[test]
    fn an_invalid_document_has_a_short_detail_and_every_problem() {
        let e = OkrError::from(Error::Invalid(problems(900)));
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

    /// A problem's code crosses as its stable text both ways; text that is
    /// no code is refused.
    #[test]
    fn a_problem_code_crosses_as_its_text() {
        use uniffi::{Lift, Lower};
        type Tag = crate::UniFfiTag;
        for &code in ProblemCode::ALL {
            let text = <ProblemCode as Lower<Tag>>::lower(code);
            assert_eq!(<ProblemCode as Lift<Tag>>::try_lift(text).ok(), Some(code));
        }
        let text = <String as Lower<Tag>>::lower("no_such_code".into());
        assert!(<ProblemCode as Lift<Tag>>::try_lift(text).is_err());
    }

    #[test]
    fn errors_without_problems_answer_an_empty_list() {
        let e = OkrError::internal("boom");
        assert_eq!(
            (e.code(), e.path(), e.problems()),
            ("internal_error".into(), String::new(), vec![])
        );
    }

    #[test]
    fn an_argument_is_invalid_value_with_one_problem_at_its_path() {
        let e = OkrError::argument("min_signatures", "-1 is negative");
        assert_eq!(
            e,
            OkrError::InvalidArgument {
                code: "invalid_value".into(),
                detail: "-1 is negative".into(),
                path: "min_signatures".into(),
                problems: Arc::new(Problems {
                    items: vec![
                        Problem::new(ProblemCode::InvalidValue, "-1 is negative")
                            .at("min_signatures")
                    ],
                }),
            }
        );
    }

    #[test]
    fn json_a_binding_reads_is_a_parse_error_with_its_position_and_path() {
        let err = serde_json::from_str::<serde_json::Value>("{\n  \"a\": }").expect_err("bad");
        let e = OkrError::json("entries[3].json", &err);
        let OkrError::Parse {
            code,
            detail,
            path,
            line,
            column,
            problems,
        } = e
        else {
            panic!("expected Parse, got {e:?}");
        };
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("parse_error", "entries[3].json")
        );
        assert_eq!((line, column), (2, 8));
        assert_eq!(detail, err.to_string());
        assert_eq!(
            problems.items(),
            vec![Problem::new(ProblemCode::Parse, err.to_string()).at("entries[3].json")]
        );
    }
}
