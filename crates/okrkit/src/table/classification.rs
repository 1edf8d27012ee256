//! The `classification` table: many statements classified (R1), one row each,
//! with the deciding signals as columns.

use super::build::row;
use super::progress::col;
use super::{Builder, ColumnSpec, DType, Show, Table, tag};
use crate::classify::{Classification, Classifier, SignalCode, StatementKind, StructureHint};

use DType::{F64, I64, Str};
use Show::{Hidden, Plain, Score, Status, Text};

/// `classification`: one row per statement, in input order.
pub const CLASSIFICATION: &[ColumnSpec] = &[
    col("text", Str, Text, "the statement"),
    col("kind", Str, Status, "outcome or output (R1)"),
    col("confidence", F64, Score, "how sure, 0.5..1"),
    col(
        "outcome_weight",
        F64,
        Hidden,
        "total weight of the signals pointing to outcome",
    ),
    col(
        "output_weight",
        F64,
        Hidden,
        "total weight of the signals pointing to output",
    ),
    col("signals", I64, Hidden, "number of signals"),
    col(
        "top_signal",
        Str,
        Plain,
        "code of the heaviest signal (null: no evidence)",
    ),
    col("top_signal_matched", Str, Plain, "the words that fired it"),
    col("top_signal_points_to", Str, Hidden, "outcome or output"),
    col(
        "signal_codes",
        Str,
        Hidden,
        "every signal's code, heaviest first, comma-separated",
    ),
    col(
        "suggestion",
        Str,
        Hidden,
        "what to do about it (null: nothing)",
    ),
];

/// The `classification` table of statements already classified
/// (`results[i]` is the verdict on `texts[i]`; extra items of the longer
/// slice are ignored).
pub fn table<S: AsRef<str>>(texts: &[S], results: &[Classification]) -> Table {
    let n = texts.len().min(results.len());
    let mut b = Builder::new("classification", CLASSIFICATION, n);
    // Enum tags are borrowed static names: nothing allocated per row.
    let code = |c: &SignalCode| tag(c).unwrap_or_default();
    let kind = |k: &StatementKind| match k {
        StatementKind::Outcome => "outcome",
        StatementKind::Output => "output",
        StatementKind::Undetermined => "undetermined",
    };
    for (text, c) in texts.iter().zip(results) {
        let (mut outcome, mut output) = (0.0, 0.0);
        for s in &c.signals {
            match s.points_to {
                StatementKind::Outcome => outcome += s.weight,
                StatementKind::Output => output += s.weight,
                StatementKind::Undetermined => {}
            }
        }
        let top = c.signals.first();
        let mut codes = String::new();
        for (i, s) in c.signals.iter().enumerate() {
            if i > 0 {
                codes.push(',');
            }
            codes.push_str(&code(&s.code));
        }
        row!(
            b,
            CLASSIFICATION,
            [
                text.as_ref().into(),
                kind(&c.kind).into(),
                c.confidence.into(),
                outcome.into(),
                output.into(),
                c.signals.len().into(),
                top.map(|s| code(&s.code)).into(),
                top.map(|s| s.matched.as_str()).into(),
                top.map(|s| kind(&s.points_to)).into(),
                codes.into(),
                c.suggestion.as_deref().into(),
            ]
        );
    }
    b.finish()
}

/// Classifies every statement with `classifier` (each with its structure
/// hint when `hints` is given, index for index; [`StructureHint::None`] past
/// its end) and returns the `classification` table.
///
/// ```
/// use okrkit::classify::default_classifier;
/// let t = okrkit::table::classification::classify_many(
///     default_classifier(),
///     &["Build a cart reminder tool", "Checkout conversion from 50% to 65%"],
///     None,
/// );
/// assert_eq!(t.column("kind").unwrap().str(0), Some("output"));
/// assert_eq!(t.column("kind").unwrap().str(1), Some("outcome"));
/// ```
pub fn classify_many<S: AsRef<str>>(
    classifier: &Classifier,
    texts: &[S],
    hints: Option<&[StructureHint]>,
) -> Table {
    let results: Vec<Classification> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let hint = hints
                .and_then(|h| h.get(i).copied())
                .unwrap_or(StructureHint::None);
            classifier.classify_with(t.as_ref(), hint)
        })
        .collect();
    table(texts, &results)
}
