//! The one error type of okrkit, with stable codes.
//!
//! Every failure a caller can cause is an [`Error`] with a stable snake_case
//! [`code`](Error::code), a message a person understands and, where it points
//! at an element of a document, the path to that element
//! (`objectives[3].key_results[1].measure.target`). Validation reports every
//! problem it finds, not just the first. The bindings map these codes one to one
//! (Python exception classes, JS `Error.code`, Kotlin/Swift exceptions).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! codes {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident => $code:literal,)+ }) => {
        $(#[doc = $doc])*
        ///
        /// On the wire (serde) a code is its stable string, as [`Self::as_str`] gives.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant,)+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable snake_case code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|c| c.as_str() == s)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown code '{s}'")))
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                // As schemars writes a documented unit enum: one `const` per
                // code with its doc, so the bindings' enums carry the docs.
                let one_of = vec![$(schemars::json_schema!({
                    "type": "string",
                    "const": $code,
                    "description": doc_text(&[$($vdoc),*]),
                })),+];
                schemars::json_schema!({ "description": doc_text(&[$($doc),*]), "oneOf": one_of })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Doc comment lines as one text (each line's leading space dropped, lines
/// joined with newlines), as schemars writes a type's `description`.
#[cfg(feature = "schema")]
fn doc_text(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    lines.join("\n").trim().to_owned()
}

codes!(
    /// What is wrong with one element of a document.
    ProblemCode {
        /// The document is not well-formed JSON, or an element has the wrong type or is missing.
        Parse => "parse_error",
        /// The document's `schema_version` is not one this version of okrkit reads.
        UnsupportedSchemaVersion => "unsupported_schema_version",
        /// An id is empty.
        EmptyId => "empty_id",
        /// Two elements of the same kind share an id.
        DuplicateId => "duplicate_id",
        /// A reference names an element that does not exist.
        DanglingReference => "dangling_reference",
        /// Objectives align to each other in a loop (R7: the alignment graph has no cycles).
        AlignmentCycle => "alignment_cycle",
        /// Teams are their own ancestors.
        TeamCycle => "team_cycle",
        /// An objective is owned by a person: the cascade stops at team level (R6, R7).
        CascadeBelowTeam => "cascade_below_team",
        /// A personal goal is aligned to a team objective (R6).
        PersonalGoalAligned => "personal_goal_aligned",
        /// A metric key result's target equals its baseline: attainment is undefined.
        TargetEqualsBaseline => "target_equals_baseline",
        /// A number is NaN or infinite.
        NotFinite => "not_finite",
        /// A cycle ends before it starts.
        CycleEndsBeforeStart => "cycle_ends_before_start",
        /// A confidence is outside 0–10.
        ConfidenceOutOfRange => "confidence_out_of_range",
        /// A weight is not finite and positive.
        InvalidWeight => "invalid_weight",
        /// A check-in names a key result that does not exist.
        UnknownKeyResult => "unknown_key_result",
        /// Two check-ins of one key result at the same instant: which value
        /// holds would depend on their order in the document.
        DuplicateCheckIn => "duplicate_check_in",
        /// A title is empty.
        EmptyTitle => "empty_title",
        /// A text is longer than [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES).
        TextTooLong => "text_too_long",
        /// A text holds a control character (other than tab, newline, carriage return).
        ControlCharacter => "control_character",
        /// The document has more elements than [`crate::limits`] allows.
        TooLarge => "too_large",
        /// A value is not allowed here (e.g. a milestone check-in other than 0 or 1).
        InvalidValue => "invalid_value",
        /// An id is not in Unicode NFC, holds a control or invisible character,
        /// starts or ends with a space, or is longer than
        /// [`MAX_ID_BYTES`](crate::limits::MAX_ID_BYTES).
        InvalidId => "invalid_id",
        /// Two ids of the same kind look alike (UTS #39 confusable skeletons, or
        /// case): `ana` and `Ana`, or a Latin and a Cyrillic `ana`. The message names both.
        LookAlikeId => "look_alike_id",
    }
);

/// One problem found in a document: a stable code, a message and the path of
/// the offending element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Problem {
    /// Stable snake_case code (`duplicate_id`, `not_finite`, …).
    pub code: ProblemCode,
    /// What is wrong, for a person.
    pub message: String,
    /// Path of the element, e.g. `objectives[3].key_results[1].measure.target`.
    pub path: String,
}

impl Problem {
    /// A problem of the whole document (empty path); name the element with
    /// [`Problem::at`]. The arguments follow the fields (code, message, then
    /// path), and the path has its own call, so the two texts cannot be swapped
    /// unnoticed.
    ///
    /// ```
    /// use okrkit::{Problem, ProblemCode};
    /// let p = Problem::new(ProblemCode::NotFinite, "NaN is not a finite number")
    ///     .at("objectives[0].key_results[0].measure.target");
    /// assert_eq!(p.to_string(), "objectives[0].key_results[0].measure.target: [not_finite] NaN is not a finite number");
    /// ```
    pub fn new(code: ProblemCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            path: String::new(),
        }
    }

    /// Sets the path of the offending element (builder style).
    #[must_use]
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "[{}] {}", self.code, self.message)
        } else {
            write!(f, "{}: [{}] {}", self.path, self.code, self.message)
        }
    }
}

codes!(
    /// Why the ledger refused an action. A refused action leaves the ledger unchanged.
    RefusalCode {
        /// The actor may not do this (e.g. accept their own proposal).
        NotAllowed => "not_allowed",
        /// The element is not in a state where this action applies.
        InvalidState => "invalid_state",
        /// The element named does not exist.
        UnknownElement => "unknown_element",
        /// An agreed commitment can change only by an accepted renegotiation (R4).
        AgreedCommitment => "agreed_commitment",
        /// The action's content is invalid (it would make the document invalid).
        InvalidChange => "invalid_change",
        /// An entry is dated earlier than the last entry of the ledger.
        OutOfOrder => "out_of_order",
        /// An entry is dated too far ahead of the host's "now" (more than the
        /// allowed clock skew), or outside the years 0000–9999.
        BadTime => "bad_time",
        /// A signed ledger entry has no signature, or one that does not verify
        /// against the actor's key enrolled at that time.
        BadSignature => "bad_signature",
    }
);

codes!(
    /// Why a ledger, a signed checkpoint or a proof does not prove what it
    /// should ([`Error::NotProven`]).
    ProofFailure {
        /// Entries the checkpoint covers were changed (edited, reordered,
        /// replaced, spliced in), even with every hash recomputed.
        Rewrite => "rewrite",
        /// The ledger has fewer entries than a checkpoint it signed.
        Truncation => "truncation",
        /// Two checkpoints of one origin disagree: same size and different
        /// roots, or the later one does not extend the earlier one.
        Fork => "fork",
        /// A signature by a trusted key does not verify: the note was changed
        /// after signing, or the signature is forged.
        BadSignature => "bad_signature",
        /// No signature on the checkpoint is by a key the reader trusts.
        UnknownKey => "unknown_key",
        /// Fewer trusted keys signed than the reader requires.
        NotEnoughSignatures => "not_enough_signatures",
        /// The checkpoint is of another ledger (another origin).
        OriginMismatch => "origin_mismatch",
        /// An inclusion or consistency proof does not verify.
        BadProof => "bad_proof",
    }
);

/// Every error okrkit returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document could not be read: malformed JSON, a wrong type, a missing field.
    #[error("{}", parse_display(path, message, *position))]
    Parse {
        /// Path of the element where reading failed.
        path: String,
        /// What went wrong.
        message: String,
        /// Where in the text reading failed; `None` when the input was not
        /// text or the position is not known.
        position: Option<Position>,
    },
    /// The document was read but breaks the rules; every problem is listed.
    #[error("{}", format_problems(.0))]
    Invalid(Vec<Problem>),
    /// The ledger refused an action; nothing was recorded.
    #[error("{path}: refused ({reason}): {message}")]
    Refused {
        /// Why.
        reason: RefusalCode,
        /// What was refused, for a person.
        message: String,
        /// The element concerned (e.g. `proposals[p-3]`).
        path: String,
    },
    /// The ledger's hash chain is broken: an entry was edited, removed,
    /// reordered or inserted.
    #[error("ledger entry {index} ({entry_id}) fails verification: {message}")]
    Tampered {
        /// 0-based position of the first bad entry.
        index: usize,
        /// Its id as recorded (may itself be forged).
        entry_id: String,
        /// What does not match.
        message: String,
    },
    /// A ledger, a signed checkpoint or a proof does not prove what it should
    /// (rewrite, truncation, fork, bad or unknown signature, another origin).
    #[error("{reason}: {message}")]
    NotProven {
        /// Why, as a stable code.
        reason: ProofFailure,
        /// The first entry that differs or is missing, where one can be named.
        entry: Option<u64>,
        /// What does not match, for a person.
        message: String,
    },
    /// An argument to a function is invalid (an unknown id, a bad option).
    #[error("{path}: {message}")]
    InvalidArgument {
        /// Stable code of the problem.
        code: ProblemCode,
        /// What is wrong.
        message: String,
        /// Which argument or element.
        path: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
        /// The operating system's error, as [`std::error::Error::source`]
        /// (`None` when the failure did not come from the operating system).
        #[source]
        source: Option<IoSource>,
    },
}

/// The [`std::io::Error`] behind an [`Error::Io`], shared so that [`Error`]
/// stays `Clone`. Two are equal when their kind and message are.
///
/// ```
/// use std::error::Error as _;
/// let err = okrkit::Error::io("missing.json", std::io::Error::from(std::io::ErrorKind::NotFound));
/// let source = err.source().unwrap().downcast_ref::<okrkit::IoSource>().unwrap();
/// assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
/// ```
#[derive(Debug, Clone)]
pub struct IoSource(std::sync::Arc<std::io::Error>);

impl IoSource {
    /// The kind of the operating system's error (e.g. `NotFound`).
    pub fn kind(&self) -> std::io::ErrorKind {
        self.0.kind()
    }

    /// The operating system's error itself.
    pub fn get_ref(&self) -> &std::io::Error {
        &self.0
    }
}

impl PartialEq for IoSource {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl fmt::Display for IoSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for IoSource {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// `path: message (line L, column C)`, leaving out an empty path and a
/// position that is not known.
fn parse_display(path: &str, message: &str, position: Option<Position>) -> String {
    let mut out = String::with_capacity(path.len() + message.len() + 32);
    if !path.is_empty() {
        out.push_str(path);
        out.push_str(": ");
    }
    out.push_str(message);
    if let Some(Position { line, column }) = position {
        out.push_str(&format!(" (line {line}, column {column})"));
    }
    out
}

/// Where in a text a [`Error::Parse`] happened.
///
/// ```
/// use okrkit::{Error, Position};
/// let err = okrkit::Document::from_json("{\n  \"cycles\": 3\n}").unwrap_err();
/// let Error::Parse { position: Some(Position { line, .. }), .. } = err else {
///     panic!("a parse error with a position: {err}");
/// };
/// assert_eq!(line, 2);
/// assert_eq!(Position::at(0, 0), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column; 0 when the error is about the whole line or its end
    /// (a CSV header, an input that stops early).
    pub column: usize,
}

impl Position {
    /// A position from a parser that reports line 0 for "no position"
    /// (serde_json on a value, not text): `None` then.
    pub fn at(line: usize, column: usize) -> Option<Position> {
        (line > 0).then_some(Position { line, column })
    }
}

fn format_problems(problems: &[Problem]) -> String {
    let mut out = format!(
        "the document has {} problem{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems.iter().take(20) {
        out.push_str("\n  - ");
        out.push_str(&p.to_string());
    }
    if problems.len() > 20 {
        out.push_str(&format!("\n  … and {} more", problems.len() - 20));
    }
    out
}

impl Error {
    /// The code of an internal error in every binding: a panic inside
    /// okrkit (a bug) caught where a binding's call enters the core. Node's
    /// `Error.code`, Python's `InternalError.code` and Kotlin/Swift's
    /// `OkrException.Internal.code` are all this one code; no [`Error`]
    /// the core returns has it.
    pub const INTERNAL_CODE: &'static str = "internal_error";

    /// The message of an internal error, from a caught panic's payload: it
    /// says the failure is a bug and carries the panic's own message.
    ///
    /// ```
    /// let caught = std::panic::catch_unwind(|| panic!("boom")).unwrap_err();
    /// assert_eq!(
    ///     okrkit::Error::internal_message(&*caught),
    ///     "okrkit failed internally (a bug, please report it): boom"
    /// );
    /// ```
    pub fn internal_message(payload: &(dyn std::any::Any + Send)) -> String {
        let what = panic_text(payload);
        format!("okrkit failed internally (a bug, please report it): {what}")
    }

    /// An [`Error::Io`] for `path`, keeping the operating system's error as
    /// its source.
    pub fn io(path: impl Into<String>, err: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            message: err.to_string(),
            source: Some(IoSource(std::sync::Arc::new(err))),
        }
    }

    /// The stable code of this error: for `Invalid` it is `invalid_document`
    /// (each problem has its own code), for `Refused` the refusal's code.
    ///
    /// ```
    /// let err = okrkit::Document::from_json("{").unwrap_err();
    /// assert_eq!(err.code(), "parse_error");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { .. } => ProblemCode::Parse.as_str(),
            Error::Invalid(_) => "invalid_document",
            Error::Refused { reason, .. } => reason.as_str(),
            Error::Tampered { .. } => "tampered",
            Error::NotProven { reason, .. } => reason.as_str(),
            Error::InvalidArgument { code, .. } => code.as_str(),
            Error::Io { .. } => "io_error",
        }
    }

    /// The path of the offending element ("" for the whole document). For
    /// `Invalid`, the path of the first problem.
    pub fn path(&self) -> &str {
        match self {
            Error::Parse { path, .. }
            | Error::Refused { path, .. }
            | Error::InvalidArgument { path, .. }
            | Error::Io { path, .. } => path,
            Error::Invalid(problems) => problems.first().map_or("", |p| p.path.as_str()),
            Error::Tampered { .. } | Error::NotProven { .. } => "",
        }
    }

    /// Every problem as a list: the problems of a validation error, or this
    /// error as a single problem-like record otherwise.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Invalid(problems) => problems.clone(),
            Error::Parse { path, message, .. } => {
                vec![Problem::new(ProblemCode::Parse, message.clone()).at(path.clone())]
            }
            Error::InvalidArgument {
                code,
                message,
                path,
            } => vec![Problem::new(*code, message.clone()).at(path.clone())],
            _ => Vec::new(),
        }
    }

    /// The error's own fields beyond its code, message, path and problems,
    /// by their snake_case names, for a binding to set on what it raises: a
    /// parse error's `line` and `column` (where its position is known), a
    /// broken chain's `index` and `entry_id`, an unproven ledger's `entry`
    /// (null where none can be named); none for the others.
    ///
    /// ```
    /// let err = okrkit::Document::from_json("{").unwrap_err();
    /// let names: Vec<_> = err.fields().into_iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["line", "column"]);
    /// assert!(okrkit::Document::from_value(serde_json::json!(3)).unwrap_err().fields().is_empty());
    /// ```
    pub fn fields(&self) -> Vec<(&'static str, serde_json::Value)> {
        use serde_json::json;
        match self {
            Error::Parse {
                position: Some(p), ..
            } => vec![("line", json!(p.line)), ("column", json!(p.column))],
            Error::Tampered {
                index, entry_id, ..
            } => vec![("index", json!(index)), ("entry_id", json!(entry_id))],
            Error::NotProven { entry, .. } => vec![("entry", json!(entry))],
            _ => Vec::new(),
        }
    }

    pub(crate) fn refused(
        reason: RefusalCode,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Refused {
            reason,
            message: message.into(),
            path: path.into(),
        }
    }
}

/// okrkit's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A caught panic's own message (`panic!`'s text), or a stand-in for a
/// payload that is not text.
pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_strings_and_back() {
        for &code in ProblemCode::ALL {
            let json = serde_json::to_string(&code).expect("serialises");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(
                serde_json::from_str::<ProblemCode>(&json).expect("reads back"),
                code
            );
        }
        for &code in RefusalCode::ALL {
            let json = serde_json::to_string(&code).expect("serialises");
            assert_eq!(
                serde_json::from_str::<RefusalCode>(&json).expect("reads back"),
                code
            );
        }
        assert!(serde_json::from_str::<ProblemCode>("\"parse\"").is_err());
    }

    #[test]
    fn fields_are_the_ones_beyond_code_message_and_path() {
        let details = |e: &Error| {
            serde_json::Value::Object(
                e.fields()
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
            )
        };
        use serde_json::json;
        let tampered = Error::Tampered {
            index: 3,
            entry_id: "e3".into(),
            message: "m".into(),
        };
        assert_eq!(details(&tampered), json!({ "index": 3, "entry_id": "e3" }));
        let proof = |entry| Error::NotProven {
            reason: ProofFailure::Fork,
            entry,
            message: "m".into(),
        };
        assert_eq!(details(&proof(Some(7))), json!({ "entry": 7 }));
        assert_eq!(details(&proof(None)), json!({ "entry": null }));
        let parse = |position| Error::Parse {
            path: String::new(),
            message: "m".into(),
            position,
        };
        assert_eq!(details(&parse(None)), json!({}));
        let at = Position::at(4, 9);
        assert_eq!(details(&parse(at)), json!({ "line": 4, "column": 9 }));
        assert_eq!(details(&Error::Invalid(vec![])), json!({}));
    }
}
