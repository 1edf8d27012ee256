//! Fitting the model: an L2-regularised logistic regression over the named
//! features, by Newton's method — about 30 features, so the exact Hessian
//! is small, the fit converges in a few steps and, with a fixed order of
//! operations, is deterministic (same data, same weights, to the bit). Plain
//! Rust: no dependency for a 31×31 linear solve.
//!
//! The training command (`cargo run -p okrkit-examples --example
//! classify_train`) and the evaluation command (`--example classify_eval`,
//! grouped cross-validation) both use [`examples_from_jsonl`] and [`fit`];
//! a test checks that the embedded model is what [`train_jsonl`] gives.

use super::model::Model;
use super::signals::{CODES, SignalCode};
use super::{Classifier, StructureHint};
use crate::error::{Error, ProblemCode};

/// One labeled statement, as features.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The features that fired.
    pub codes: Vec<SignalCode>,
    /// The label: outcome (true) or output.
    pub outcome: bool,
    /// Marked ambiguous by the labelers.
    pub ambiguous: bool,
    /// Where the statement was published (for grouped cross-validation).
    pub source: String,
    /// The statement.
    pub text: String,
}

/// How to fit.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// L2 penalty on the feature weights (not on the bias).
    pub l2: f64,
    /// Weight of a statement marked ambiguous, relative to a clear one.
    pub ambiguous_weight: f64,
    /// Newton steps at most.
    pub iterations: usize,
}

impl Default for Options {
    /// The options the embedded model is trained with.
    fn default() -> Self {
        Options {
            l2: 1.0,
            ambiguous_weight: 1.0,
            iterations: 50,
        }
    }
}

/// Reads labeled statements, one JSON object a line (`text`, `label`:
/// `outcome` | `output`, `ambiguous`, `source`), and extracts their features
/// with `classifier`'s vocabulary. A line that is not such an object is an
/// error naming the line.
pub fn examples_from_jsonl(classifier: &Classifier, jsonl: &str) -> Result<Vec<Example>, Error> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::InvalidArgument {
            code: ProblemCode::Parse,
            message,
            path: format!("line {}", n + 1),
        };
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
        let text = v["text"]
            .as_str()
            .ok_or_else(|| bad("no text".into()))?
            .to_string();
        let outcome = match v["label"].as_str() {
            Some("outcome") => true,
            Some("output") => false,
            other => return Err(bad(format!("label {other:?}: expected outcome or output"))),
        };
        out.push(Example {
            codes: classifier.features(&text, StructureHint::None),
            outcome,
            ambiguous: v["ambiguous"].as_bool().unwrap_or(false),
            source: v["source"].as_str().unwrap_or_default().to_string(),
            text,
        });
    }
    Ok(out)
}

/// Fits the model on `examples` (in their order: the result depends only on
/// the data and the options).
pub fn fit(examples: &[Example], options: &Options) -> Model {
    const D: usize = CODES + 1; // features + bias (last)
    let rows: Vec<([bool; CODES], f64, f64)> = examples
        .iter()
        .map(|e| {
            let mut x = [false; CODES];
            for c in &e.codes {
                x[*c as usize] = true;
            }
            let y = if e.outcome { 1.0 } else { 0.0 };
            let s = if e.ambiguous {
                options.ambiguous_weight
            } else {
                1.0
            };
            (x, y, s)
        })
        .collect();
    let mut w = [0.0f64; D];
    for _ in 0..options.iterations {
        let mut grad = [0.0f64; D];
        let mut hess = [[0.0f64; D]; D];
        for (x, y, s) in &rows {
            let z = w[CODES] + (0..CODES).filter(|&j| x[j]).map(|j| w[j]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = s * (p - y);
            let h = s * p * (1.0 - p);
            let on: Vec<usize> = (0..CODES).filter(|&j| x[j]).chain([CODES]).collect();
            for &a in &on {
                grad[a] += g;
                for &b in &on {
                    hess[a][b] += h;
                }
            }
        }
        for j in 0..CODES {
            grad[j] += options.l2 * w[j];
            hess[j][j] += options.l2;
        }
        // A feature that never fires has only the penalty: weight 0.
        hess[CODES][CODES] += 1e-9;
        let Some(step) = solve(hess, grad) else {
            break;
        };
        let mut size = 0.0f64;
        for j in 0..D {
            w[j] -= step[j];
            size = size.max(step[j].abs());
        }
        if size < 1e-12 {
            break;
        }
    }
    Model::new(w[CODES], &w[..CODES])
}

/// Reads labeled statements and fits the model with the default options and
/// the default vocabulary: what the training command writes.
pub fn train_jsonl(jsonl: &str) -> Result<Model, Error> {
    let classifier = Classifier::new(super::Vocabulary::english());
    let examples = examples_from_jsonl(&classifier, jsonl)?;
    Ok(fit(&examples, &Options::default()))
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting; `None`
/// when singular.
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> Option<[f64; D]> {
    for col in 0..D {
        let pivot = (col..D).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-15 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..D {
            let f = a[row][col] / a[col][col];
            if f == 0.0 {
                continue;
            }
            let pivot_row = a[col];
            for (cell, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *cell -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0f64; D];
    for row in (0..D).rev() {
        let s: f64 = (row + 1..D).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

setters!(Options {
    l2: f64,
    ambiguous_weight: f64,
    iterations: usize
});

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(codes: &[SignalCode], outcome: bool) -> Example {
        Example {
            codes: codes.to_vec(),
            outcome,
            ambiguous: false,
            source: String::new(),
            text: String::new(),
        }
    }

    #[test]
    fn learns_the_direction_of_each_feature() {
        let mut data = Vec::new();
        for _ in 0..20 {
            data.push(ex(&[SignalCode::FromToPattern], true));
            data.push(ex(&[SignalCode::LeadingVerb], false));
        }
        data.push(ex(
            &[SignalCode::LeadingVerb, SignalCode::FromToPattern],
            true,
        ));
        let m = fit(&data, &Options::default());
        assert!(m.weight(SignalCode::FromToPattern) > 1.0);
        assert!(m.weight(SignalCode::LeadingVerb) < -1.0);
        assert_eq!(m.weight(SignalCode::Currency), 0.0);
        // Deterministic.
        assert_eq!(fit(&data, &Options::default()), m);
    }

    #[test]
    fn separable_data_stays_finite() {
        let data = vec![ex(&[SignalCode::Percentage], true), ex(&[], false)];
        let m = fit(&data, &Options::default());
        assert!(m.weight(SignalCode::Percentage).is_finite());
        assert!(m.bias().is_finite());
    }

    #[test]
    fn a_bad_line_is_an_error_with_its_line() {
        let c = Classifier::default();
        let err = examples_from_jsonl(
            &c,
            "{\"text\":\"x\",\"label\":\"outcome\"}\n{\"text\":\"y\"}",
        )
        .unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
