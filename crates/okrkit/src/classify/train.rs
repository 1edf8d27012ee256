//! Fitting the model: an L2-regularised logistic regression over the named
//! features, by Newton's method — a few dozen weights (the bias, the named
//! features and the structure hints; `model/weights.tsv` lists them), so the
//! exact Hessian is small, the fit converges in a few steps and, with a fixed
//! order of operations, is deterministic (same data, same weights, to the
//! bit). Plain Rust: no dependency for a linear solve of that size.
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
    /// Publisher balance, an exponent `a`: each statement weighs
    /// `1 / n^a`, `n` the statements of its publisher ([`publisher`]) in
    /// the data fitted, rescaled so the weights average 1 (the penalty keeps
    /// its meaning). `0`: every statement alike (the default); `1`: every
    /// publisher carries the same total weight; `0.5`: a publisher's total
    /// grows as the square root of its statements. Multiplies
    /// `ambiguous_weight`. See [`row_weights`].
    ///
    /// Like `l2` and `ambiguous_weight`, it is not checked: [`fit`] expects
    /// finite values, `l2` and `ambiguous_weight` at least 0 and the balance
    /// between 0 and 1 (what `classify_eval --balance` accepts). A NaN
    /// makes every step of the fit fail, and the model it returns is all
    /// zeros.
    pub publisher_balance: f64,
    /// Newton steps at most.
    pub iterations: usize,
}

impl Default for Options {
    /// The options the embedded model is trained with, but the penalty,
    /// which the training command chooses by grouped cross-validation
    /// ([`choose_l2`]).
    fn default() -> Self {
        Options {
            l2: 1.0,
            ambiguous_weight: 1.0,
            publisher_balance: 0.0,
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
        .zip(row_weights(examples, options))
        .map(|(e, s)| {
            let mut x = [false; CODES];
            for c in &e.codes {
                x[*c as usize] = true;
            }
            let y = if e.outcome { 1.0 } else { 0.0 };
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

/// The weight of each statement in a fit on `examples` with `options`:
/// `ambiguous_weight` for a statement marked ambiguous (1 otherwise) times
/// the publisher balance `1 / n^publisher_balance` (`n`: the statements of
/// its [`publisher`] in `examples`), the balance factors rescaled so that
/// they average 1. Deterministic: it depends on the data and the options only.
///
/// ```
/// use okrkit::classify::train::{Example, Options, row_weights};
///
/// let row = |source: &str| Example {
///     codes: vec![],
///     outcome: true,
///     ambiguous: false,
///     source: source.into(),
///     text: String::new(),
/// };
/// // Three statements from a.com, one from b.com.
/// let data = vec![row("https://a.com/1"), row("https://a.com/2"), row("https://a.com/3"), row("https://b.com/")];
/// assert_eq!(row_weights(&data, &Options::default()), vec![1.0; 4]);
/// // Equal publishers: a.com's three weigh what b.com's one weighs; the mean stays 1.
/// let w = row_weights(&data, &Options::default().publisher_balance(1.0));
/// assert!((w[0] * 3.0 - w[3]).abs() < 1e-12);
/// assert!((w.iter().sum::<f64>() - 4.0).abs() < 1e-12);
/// ```
pub fn row_weights(examples: &[Example], options: &Options) -> Vec<f64> {
    let base = |e: &Example| {
        if e.ambiguous {
            options.ambiguous_weight
        } else {
            1.0
        }
    };
    if options.publisher_balance == 0.0 || examples.is_empty() {
        return examples.iter().map(base).collect();
    }
    let publishers: Vec<String> = examples.iter().map(|e| publisher(&e.source)).collect();
    let mut sizes: std::collections::BTreeMap<&str, f64> = Default::default();
    for p in &publishers {
        *sizes.entry(p.as_str()).or_insert(0.0) += 1.0;
    }
    let factor: Vec<f64> = publishers
        .iter()
        .map(|p| sizes[p.as_str()].powf(-options.publisher_balance))
        .collect();
    let mean = factor.iter().sum::<f64>() / factor.len() as f64;
    examples
        .iter()
        .zip(factor)
        .map(|(e, f)| base(e) * f / mean)
        .collect()
}

/// The L2 penalties [`choose_l2`] tries.
pub const L2_GRID: [f64; 6] = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0];

/// Folds of the grouped cross-validation that chooses the penalty.
pub const L2_FOLDS: usize = 5;

/// The publisher of a source, the unit of grouped cross-validation:
/// `github.com/<owner>` for GitHub, `<name>.github.io` for GitHub pages,
/// otherwise the site without its subdomains (`about.gitlab.com` →
/// `gitlab.com`, `www.example.co.uk` → `example.co.uk`), so that every page
/// of one company is one group.
///
/// ```
/// use okrkit::classify::train::publisher;
///
/// assert_eq!(publisher("https://about.gitlab.com/company/okrs/"), "gitlab.com");
/// assert_eq!(publisher("https://github.com/ipfs/roadmap/blob/x.md"), "github.com/ipfs");
/// assert_eq!(publisher("https://www.example.co.uk/a"), "example.co.uk");
/// ```
pub fn publisher(source: &str) -> String {
    let rest = source.split_once("://").map_or(source, |(_, r)| r);
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or_default().to_ascii_lowercase();
    if host == "github.com" {
        return format!("github.com/{}", parts.next().unwrap_or_default());
    }
    if host.ends_with(".github.io") {
        return host;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let keep = match labels.as_slice() {
        [.., sld, tld] if sld.len() <= 3 && tld.len() == 2 => 3, // co.uk, co.in
        _ => 2,
    };
    labels[labels.len().saturating_sub(keep)..].join(".")
}

/// Splits `examples` into at most `k` folds that never split a publisher
/// ([`publisher`]): publishers, largest first (ties by name), each go to the
/// fold with the fewest statements so far (ties: the first). Returns the
/// indices of each fold's statements; deterministic.
pub fn grouped_folds(examples: &[Example], k: usize) -> Vec<Vec<usize>> {
    let mut groups: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, e) in examples.iter().enumerate() {
        groups.entry(publisher(&e.source)).or_default().push(i);
    }
    let mut groups: Vec<(String, Vec<usize>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut folds: Vec<Vec<usize>> = vec![Vec::new(); k.max(1).min(groups.len().max(1))];
    for (_, rows) in groups {
        if let Some(f) = folds.iter_mut().min_by_key(|f| f.len()) {
            f.extend(rows);
        }
    }
    for f in &mut folds {
        f.sort_unstable();
    }
    folds.retain(|f| !f.is_empty());
    folds
}

/// Chooses the L2 penalty among [`L2_GRID`] by grouped cross-validation on
/// `examples` alone ([`grouped_folds`], `folds` folds): the penalty whose
/// held-out predictions have the smallest log-loss (statements weighted as
/// in training); ties go to the larger penalty (the simpler model). Used by
/// the training command on all the data and, nested, by the evaluation
/// command on each training split, so the penalty is never chosen on the
/// statements it is scored on.
pub fn choose_l2(examples: &[Example], options: &Options, folds: usize) -> f64 {
    let folds = grouped_folds(examples, folds);
    if folds.len() < 2 {
        return options.l2;
    }
    let mut best = (f64::INFINITY, options.l2);
    // Held-out statements weigh what they would in a fit on all `examples`.
    let weights = row_weights(examples, options);
    for &l2 in L2_GRID.iter().rev() {
        let o = Options { l2, ..*options };
        let mut loss = 0.0;
        for held in &folds {
            let train: Vec<Example> = examples
                .iter()
                .enumerate()
                .filter(|(i, _)| held.binary_search(i).is_err())
                .map(|(_, e)| e.clone())
                .collect();
            let m = fit(&train, &o);
            for &i in held {
                let e = &examples[i];
                let (z, _) = m.log_odds(&e.codes);
                let p = (1.0 / (1.0 + (-z).exp())).clamp(1e-9, 1.0 - 1e-9);
                loss -= weights[i] * if e.outcome { p.ln() } else { (1.0 - p).ln() };
            }
        }
        // Strictly better only: on a tie the larger penalty (tried first) stays.
        if loss < best.0 - 1e-9 {
            best = (loss, l2);
        }
    }
    best.1
}

/// Reads labeled statements and fits the model with the default vocabulary,
/// the penalty chosen by grouped cross-validation ([`choose_l2`],
/// [`L2_FOLDS`] folds): what the training command writes. Returns the model
/// and the penalty.
pub fn train_jsonl_with_l2(jsonl: &str) -> Result<(Model, f64), Error> {
    let classifier = Classifier::new(super::Vocabulary::english());
    let examples = examples_from_jsonl(&classifier, jsonl)?;
    let defaults = Options::default();
    let l2 = choose_l2(&examples, &defaults, L2_FOLDS);
    Ok((fit(&examples, &Options { l2, ..defaults }), l2))
}

/// Reads labeled statements and fits the model (see
/// [`train_jsonl_with_l2`]): what the training command writes.
pub fn train_jsonl(jsonl: &str) -> Result<Model, Error> {
    train_jsonl_with_l2(jsonl).map(|(m, _)| m)
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
    publisher_balance: f64,
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
    fn folds_never_split_a_publisher_and_the_penalty_is_chosen_from_the_grid() {
        let mut data = Vec::new();
        for k in 0..12 {
            for j in 0..(3 + k % 4) {
                let mut e = ex(
                    if j % 2 == 0 {
                        &[SignalCode::FromToPattern]
                    } else {
                        &[SignalCode::LeadingVerb]
                    },
                    j % 2 == 0,
                );
                e.source = format!("https://www.site{k}.com/page{j}");
                data.push(e);
            }
        }
        let folds = grouped_folds(&data, 5);
        assert_eq!(folds.len(), 5);
        let mut seen: Vec<usize> = folds.iter().flatten().copied().collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..data.len()).collect::<Vec<_>>());
        for (a, fa) in folds.iter().enumerate() {
            for (b, fb) in folds.iter().enumerate().filter(|(b, _)| *b != a) {
                for i in fa {
                    for j in fb {
                        assert_ne!(
                            publisher(&data[*i].source),
                            publisher(&data[*j].source),
                            "folds {a} and {b} share a publisher"
                        );
                    }
                }
            }
        }
        let l2 = choose_l2(&data, &Options::default(), 5);
        assert!(L2_GRID.contains(&l2));
        assert_eq!(choose_l2(&data, &Options::default(), 5), l2);
        // One publisher: nothing to cross-validate; the given penalty stays.
        assert_eq!(choose_l2(&data[..3], &Options::default(), 5), 1.0);
    }

    #[test]
    fn publisher_balance_weighs_publishers_not_rows() {
        // a.com: 6 outcomes with FromToPattern; b.com and c.com: one output each with it.
        let mut data = Vec::new();
        for k in 0..6 {
            let mut e = ex(&[SignalCode::FromToPattern], true);
            e.source = format!("https://a.com/{k}");
            data.push(e);
        }
        for site in ["b", "c"] {
            let mut e = ex(&[SignalCode::FromToPattern], false);
            e.source = format!("https://{site}.com/");
            e.ambiguous = site == "c";
            data.push(e);
        }
        let none = row_weights(&data, &Options::default());
        assert_eq!(none, vec![1.0; 8]);
        let o = Options::default()
            .ambiguous_weight(0.5)
            .publisher_balance(1.0);
        let w = row_weights(&data, &o);
        let a: f64 = w[..6].iter().sum();
        // Every publisher the same total, the ambiguous row halved on top.
        assert!((a - w[6]).abs() < 1e-12, "{w:?}");
        assert!((w[7] - w[6] / 2.0).abs() < 1e-12, "{w:?}");
        let sqrt = row_weights(&data, &Options::default().publisher_balance(0.5));
        assert!((sqrt[0] * 6f64.sqrt() - sqrt[6]).abs() < 1e-12);
        assert!((sqrt.iter().sum::<f64>() - 8.0).abs() < 1e-12);
        // The large publisher no longer decides alone: 6 of 8 statements are
        // outcomes, but only 1 of 3 publishers.
        let plain = fit(&data, &Options::default());
        let balanced = fit(&data, &Options::default().publisher_balance(1.0));
        assert!(plain.log_odds(&[SignalCode::FromToPattern]).0 > 0.5);
        assert!(balanced.log_odds(&[SignalCode::FromToPattern]).0 < -0.5);
        assert_eq!(
            fit(&data, &Options::default().publisher_balance(1.0)),
            balanced
        );
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
