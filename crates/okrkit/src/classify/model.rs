//! The model: one learned weight per named feature ([`SignalCode`]) and a
//! bias, a logistic regression. The weights are data
//! (`model/weights.tsv`), written by the training command
//! (`cargo run -p okrkit-examples --example classify_train`) from labeled key
//! results, and embedded in the crate.

use std::fmt::Write as _;
use std::sync::LazyLock;

use super::signals::{CODES, SignalCode};
use crate::error::{Error, ProblemCode};

/// The embedded model, as written by the training command.
pub(crate) const EMBEDDED_TSV: &str = include_str!("model/weights.tsv");

/// The structure of a key result is not in the labeled data (statements
/// only), so its weights are not learned but set by rule (R1): a milestone is
/// an output by definition, larger than any text evidence can outweigh; a
/// metric with a baseline and a target is strong outcome evidence and a
/// bound to hold a little less; neither counts when a clause is led by a
/// verb of work ("Run 12 customer interviews" tracked 0 → 12 is still an
/// output).
const MILESTONE_WEIGHT: f64 = -20.0;
/// See [`MILESTONE_WEIGHT`].
const METRIC_STRUCTURE_WEIGHT: f64 = 2.5;
/// See [`MILESTONE_WEIGHT`].
const THRESHOLD_STRUCTURE_WEIGHT: f64 = 2.0;

/// A logistic regression over the named features: the log-odds of
/// "outcome" is `bias + Σ weight(feature)` over the features that fired.
///
/// ```
/// use okrkit::classify::{Model, SignalCode};
///
/// let m = Model::embedded();
/// // Learned from data: a leading verb of work points to an output.
/// assert!(m.weight(SignalCode::LeadingOutputVerb) < 0.0);
/// // The file round-trips.
/// assert_eq!(Model::from_tsv(&m.to_tsv()).unwrap(), *m);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bias: f64,
    weights: [f64; CODES],
}

static EMBEDDED: LazyLock<Model> =
    LazyLock::new(|| Model::from_tsv(EMBEDDED_TSV).unwrap_or_else(|_| Model::zero()));

impl Model {
    /// A model with every weight 0 (no evidence of anything).
    pub fn zero() -> Self {
        Model {
            bias: 0.0,
            weights: [0.0; CODES],
        }
    }

    /// A model from a bias and one weight per code (in [`SignalCode::ALL`]
    /// order), rounded to 4 decimals as the model file stores them.
    pub fn new(bias: f64, weights: &[f64]) -> Self {
        let mut m = Model::zero();
        m.bias = round4(bias);
        for (w, v) in m.weights.iter_mut().zip(weights) {
            *w = round4(*v);
        }
        m
    }

    /// The model embedded in the crate.
    pub fn embedded() -> &'static Model {
        &EMBEDDED
    }

    /// The bias (log-odds of "outcome" with no evidence).
    pub fn bias(&self) -> f64 {
        self.bias
    }

    /// The learned weight of a feature (positive: outcome; negative:
    /// output). Structure codes have no weight of their own (see
    /// [`Model::contribution`]).
    pub fn weight(&self, code: SignalCode) -> f64 {
        self.weights[code as usize]
    }

    /// What a feature adds to the log-odds when it fires: its learned
    /// weight; the structure codes have fixed weights (R1: a metric +2.5, a
    /// threshold +2.0, a milestone −20, which decides).
    pub fn contribution(&self, code: SignalCode) -> f64 {
        match code {
            SignalCode::StructureMetric => METRIC_STRUCTURE_WEIGHT,
            SignalCode::StructureThreshold => THRESHOLD_STRUCTURE_WEIGHT,
            SignalCode::StructureMilestone => MILESTONE_WEIGHT,
            c => self.weight(c),
        }
    }

    /// The log-odds of "outcome" for the features that fired, and whether
    /// any of them carries weight (with none, there is not enough evidence).
    pub fn log_odds(&self, fired: &[SignalCode]) -> (f64, bool) {
        let mut z = self.bias;
        let mut evidence = false;
        for &code in fired {
            let c = self.contribution(code);
            if c != 0.0 {
                z += c;
                evidence = true;
            }
        }
        (z, evidence)
    }

    /// The kind the model gives to the features that fired (as
    /// [`super::Classifier::classify_with`] does).
    pub fn kind(&self, fired: &[SignalCode]) -> super::StatementKind {
        match self.log_odds(fired) {
            (z, true) if z.is_finite() && z > 0.0 => super::StatementKind::Outcome,
            (z, true) if z.is_finite() => super::StatementKind::Output,
            _ => super::StatementKind::Undetermined,
        }
    }

    /// The model file: a comment, `bias`, then one `name<TAB>weight` line per
    /// learned feature, 4 decimals.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# okrkit outcome/output classifier: logistic regression weights (log-odds of \
             outcome).\n# Written by `cargo run -p okrkit-examples --example classify_train`; \
             do not edit by hand.\n",
        );
        let _ = writeln!(out, "bias\t{:.4}", self.bias);
        for code in SignalCode::ALL {
            if is_structure(code) {
                continue;
            }
            let _ = writeln!(out, "{}\t{:.4}", code.name(), self.weight(code));
        }
        out
    }

    /// Reads a model file (see [`Model::to_tsv`]). An unknown feature name
    /// or a bad number is an error with the line as path.
    pub fn from_tsv(text: &str) -> Result<Model, Error> {
        let mut m = Model::zero();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |message: String| Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message,
                path: format!("line {}", n + 1),
            };
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| bad(format!("expected name<TAB>weight, found {line:?}")))?;
            let value: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| bad(format!("{value:?} is not a finite number")))?;
            if name == "bias" {
                m.bias = value;
            } else {
                let code = SignalCode::from_name(name)
                    .filter(|c| !is_structure(*c))
                    .ok_or_else(|| bad(format!("unknown feature {name:?}")))?;
                m.weights[code as usize] = value;
            }
        }
        Ok(m)
    }
}

fn is_structure(code: SignalCode) -> bool {
    matches!(
        code,
        SignalCode::StructureMetric
            | SignalCode::StructureThreshold
            | SignalCode::StructureMilestone
    )
}

fn round4(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}
