// Evaluates the outcome/output classifier (R1) by grouped cross-validation.
//
//     cargo run -p okrkit-examples --example classify_eval [DATA] [--misses] [--fired FEATURE]
//         [--without FEATURE[,FEATURE…]] [--ambiguous-weight W] [--l2 X]
//         [--balance none|sqrt|equal|A]
//     cargo run -p okrkit-examples --example classify_eval -- --features TEXT…
//
// DATA defaults to <repo>/../shared/data/kr_dev.jsonl (one JSON object a
// line: `text`, `label` outcome|output, `ambiguous`, `source`). The
// statements are grouped by publisher: the site of the source, and for
// github.com the repository owner, so that every page of one company (one
// supplies ~40% of the rows) is one group. Leave-one-group-out: for each
// group, the model is fitted (okrkit::classify::train, the training
// command's options) on all the other groups and scored on that one; no
// statement is ever scored by a model fitted on its own publisher. Prints
// accuracy on the statements not marked ambiguous and on all, precision and
// recall per class, the confusion table, the same figures without the
// largest group, and the accuracy macro-averaged over groups. The L2 penalty
// is chosen inside each training split (nested grouped CV, train::choose_l2). In-sample
// accuracy is not printed: it says nothing of statements never seen.
// `--misses` lists the misclassified statements with their signals.
// `--without A,B` drops features A and B before fitting (an ablation: what
// the figures are without them); `--ambiguous-weight W` trains with the rows
// marked ambiguous weighing W (an experiment; the training command uses
// train::Options::default()); `--l2 X` fits every split with the fixed
// penalty X instead of the nested choice (a sensitivity check: how much of a
// change in the figures the penalty's choice makes, not the features);
// `--balance B` trains with publisher-balanced statement weights
// (train::Options::publisher_balance: none 0, sqrt 0.5 — a publisher weighs
// as the square root of its statements —, equal 1 — every publisher of the
// training split weighs the same —, or an exponent A in [0, 1]; an
// experiment, the training command uses the default, none);
// `--features TEXT…` prints the features each
// statement fires and exits.
// Prints "skipped" and exits 0 when DATA is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

use okrkit::classify::SignalCode;
use okrkit::classify::train::{self, Example, Options, publisher};
use okrkit::classify::{Classifier, StatementKind};

/// [truth][predicted]: truth 0 outcome, 1 output; predicted 0 outcome, 1
/// output, 2 not enough evidence.
#[derive(Default, Clone, Copy)]
struct Counts {
    m: [[u32; 3]; 2],
}

fn col(k: StatementKind) -> usize {
    match k {
        StatementKind::Outcome => 0,
        StatementKind::Output => 1,
        // A kind added later counts as undetermined in this evaluation.
        _ => 2,
    }
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * f64::from(a) / f64::from(b)
    }
}

impl Counts {
    fn add(&mut self, outcome: bool, pred: StatementKind) {
        self.m[usize::from(!outcome)][col(pred)] += 1;
    }
    fn total(&self) -> u32 {
        self.m.iter().flatten().sum()
    }
    fn correct(&self) -> u32 {
        self.m[0][0] + self.m[1][1]
    }
    fn accuracy(&self) -> f64 {
        pct(self.correct(), self.total())
    }
    fn print(&self, name: &str) {
        println!(
            "{name}: accuracy {:.1}% ({}/{})",
            self.accuracy(),
            self.correct(),
            self.total()
        );
        for (k, label) in [(0usize, "outcome"), (1, "output")] {
            let tp = self.m[k][k];
            let predicted = self.m[0][k] + self.m[1][k];
            let actual: u32 = self.m[k].iter().sum();
            println!(
                "  {label:<8} precision {:.1}% ({tp}/{predicted})  recall {:.1}% ({tp}/{actual})",
                pct(tp, predicted),
                pct(tp, actual)
            );
        }
        println!(
            "  confusion (rows: label; columns: predicted outcome / output / not enough evidence)"
        );
        for (k, label) in [(0usize, "outcome"), (1, "output")] {
            println!(
                "    {label:<8} {:>5} {:>5} {:>5}",
                self.m[k][0], self.m[k][1], self.m[k][2]
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--features TEXT…`: the features each statement fires, and exit.
    if let Some(k) = args.iter().position(|a| a == "--features") {
        let classifier = Classifier::default();
        for text in &args[k + 1..] {
            let f = classifier.features(text, okrkit::classify::StructureHint::None);
            println!("{text:?}\n    {f:?}");
        }
        return;
    }
    let misses = args.iter().any(|a| a == "--misses");
    let path = args
        .iter()
        .enumerate()
        .find(|(k, a)| {
            !a.starts_with("--")
                && (*k == 0
                    || !matches!(
                        args[k - 1].as_str(),
                        "--fired" | "--without" | "--ambiguous-weight" | "--l2" | "--balance"
                    ))
        })
        .map(|(_, a)| a)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
            let near = repo.join("../shared/data/kr_dev.jsonl");
            let far = repo.join("../../shared/data/kr_dev.jsonl");
            if !near.exists() && far.exists() {
                far
            } else {
                near
            }
        });
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("skipped: {} not found", path.display());
        return;
    };
    let classifier = Classifier::default();
    let mut examples = match train::examples_from_jsonl(&classifier, &data) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(2);
        }
    };
    if let Some(list) = args
        .iter()
        .position(|a| a == "--without")
        .and_then(|k| args.get(k + 1))
    {
        let mut dropped = Vec::new();
        for name in list.split(',') {
            let Some(code) = SignalCode::from_name(name) else {
                eprintln!("unknown feature {name:?}");
                std::process::exit(2);
            };
            dropped.push(code);
        }
        for e in &mut examples {
            e.codes.retain(|c| !dropped.contains(c));
        }
        println!("without {list}");
    }
    let mut options = Options::default();
    // `--ambiguous-weight W`: an experiment with another training weight of
    // the statements marked ambiguous (the training command's is the default).
    if let Some(w) = args
        .iter()
        .position(|a| a == "--ambiguous-weight")
        .and_then(|k| args.get(k + 1))
    {
        let Ok(w) = w.parse::<f64>() else {
            eprintln!("--ambiguous-weight {w:?}: not a number");
            std::process::exit(2);
        };
        options.ambiguous_weight = w;
        println!("ambiguous statements weigh {w} in training");
    }
    // `--balance B`: publisher-balanced weights in training (an experiment).
    if let Some(b) = args
        .iter()
        .position(|a| a == "--balance")
        .and_then(|k| args.get(k + 1))
    {
        let a = match b.as_str() {
            "none" => 0.0,
            "sqrt" => 0.5,
            "equal" => 1.0,
            x => match x.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => v,
                _ => {
                    eprintln!("--balance {x:?}: expected none, sqrt, equal or a number in [0, 1]");
                    std::process::exit(2);
                }
            },
        };
        options.publisher_balance = a;
        println!(
            "publisher balance {a}: a statement weighs 1/n^{a} (n: its publisher's statements) in training"
        );
    }
    // `--l2 X`: a fixed penalty instead of the nested choice (to see how
    // much of a difference comes from the penalty chosen, not the features).
    let fixed_l2 = match args
        .iter()
        .position(|a| a == "--l2")
        .and_then(|k| args.get(k + 1))
    {
        None => None,
        Some(x) => match x.parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 => {
                println!("fixed L2 penalty {v} (not chosen by nested CV)");
                Some(v)
            }
            _ => {
                eprintln!("--l2 {x:?}: not a positive number");
                std::process::exit(2);
            }
        },
    };
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in examples.iter().enumerate() {
        groups.entry(publisher(&e.source)).or_default().push(i);
    }
    let largest = groups
        .iter()
        .max_by_key(|(_, v)| v.len())
        .map(|(g, _)| g.clone())
        .unwrap_or_default();
    let mut predicted = vec![StatementKind::Undetermined; examples.len()];
    let mut chosen: BTreeMap<String, u32> = BTreeMap::new();
    for rows in groups.values() {
        let train: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| !rows.contains(i))
            .map(|(_, e)| e.clone())
            .collect();
        // Nested: the penalty is chosen on the training groups alone.
        let l2 = fixed_l2.unwrap_or_else(|| train::choose_l2(&train, &options, train::L2_FOLDS));
        *chosen.entry(format!("{l2}")).or_insert(0u32) += 1;
        let mut fold_options = options;
        fold_options.l2 = l2;
        let model = train::fit(&train, &fold_options);
        for &i in rows {
            predicted[i] = model.kind(&examples[i].codes);
        }
    }
    let (mut clear, mut all, mut clear_rest, mut all_rest) = (
        Counts::default(),
        Counts::default(),
        Counts::default(),
        Counts::default(),
    );
    let mut per_group: BTreeMap<&str, (Counts, Counts)> = BTreeMap::new();
    for (i, e) in examples.iter().enumerate() {
        let g = publisher(&e.source);
        let in_largest = g == largest;
        let entry = per_group.entry(
            groups
                .keys()
                .find(|k| **k == g)
                .map(String::as_str)
                .unwrap_or_default(),
        );
        let (gc, ga) = entry.or_default();
        all.add(e.outcome, predicted[i]);
        ga.add(e.outcome, predicted[i]);
        if !in_largest {
            all_rest.add(e.outcome, predicted[i]);
        }
        if !e.ambiguous {
            clear.add(e.outcome, predicted[i]);
            gc.add(e.outcome, predicted[i]);
            if !in_largest {
                clear_rest.add(e.outcome, predicted[i]);
            }
        }
    }
    println!(
        "grouped cross-validation, leave one publisher out: {} statements, {} groups \
         (largest: {largest}, {} statements)",
        examples.len(),
        groups.len(),
        groups.get(&largest).map_or(0, Vec::len)
    );
    println!(
        "L2 penalty chosen per held-out publisher by {}-fold grouped CV on the others \
         (penalty: times): {chosen:?}",
        train::L2_FOLDS
    );
    clear.print("non-ambiguous");
    all.print("all");
    clear_rest.print(&format!("non-ambiguous, without {largest}"));
    all_rest.print(&format!("all, without {largest}"));
    let macro_avg = |pick: fn(&(Counts, Counts)) -> &Counts| {
        let accs: Vec<f64> = per_group
            .values()
            .map(pick)
            .filter(|c| c.total() > 0)
            .map(Counts::accuracy)
            .collect();
        accs.iter().sum::<f64>() / accs.len().max(1) as f64
    };
    println!(
        "macro-average over groups: non-ambiguous {:.1}%, all {:.1}%",
        macro_avg(|p| &p.0),
        macro_avg(|p| &p.1)
    );
    println!("per group (non-ambiguous correct/total, all correct/total):");
    for (g, (c, a)) in &per_group {
        println!(
            "  {g:<45} {:>3}/{:<3} {:>3}/{:<3}",
            c.correct(),
            c.total(),
            a.correct(),
            a.total()
        );
    }
    // `--fired NAME`: every statement where the feature NAME fires, with
    // its label (to see what a feature really catches).
    if let Some(name) = args
        .iter()
        .position(|a| a == "--fired")
        .and_then(|k| args.get(k + 1))
    {
        let Some(code) = SignalCode::from_name(name) else {
            eprintln!("unknown feature {name:?}");
            std::process::exit(2);
        };
        for e in examples.iter().filter(|e| e.codes.contains(&code)) {
            println!(
                "  {:?}{} {:?}",
                truth(e),
                if e.ambiguous { " [ambiguous]" } else { "" },
                e.text
            );
        }
    }
    if misses {
        println!("misclassified, by pattern (the first that applies):");
        for (pattern, test) in PATTERNS {
            let rows: Vec<usize> = (0..examples.len())
                .filter(|&i| predicted[i] != truth(&examples[i]))
                .filter(|&i| pattern_of(&examples[i].codes, predicted[i]) == *pattern)
                .collect();
            println!("  {pattern} ({test}): {}", rows.len());
            for i in rows {
                let e = &examples[i];
                println!(
                    "    {}{:?} {:?}\n        {:?}",
                    if e.ambiguous { "[ambiguous] " } else { "" },
                    predicted[i],
                    e.text,
                    e.codes
                );
            }
        }
    }
}

fn truth(e: &Example) -> StatementKind {
    if e.outcome {
        StatementKind::Outcome
    } else {
        StatementKind::Output
    }
}

/// The failure patterns of issue 15, and how a statement's features show
/// each.
const PATTERNS: &[(&str, &str)] = &[
    ("no evidence", "the classifier said undetermined"),
    ("count of things", "a number counts things or acts"),
    ("state", "a passive or completion state"),
    ("leading verb", "a clause is led by a verb"),
    ("people subject", "people or organisations are the subject"),
    ("verbless measure", "a number or a metric, no leading verb"),
    ("other", "none of the above"),
];

fn pattern_of(codes: &[SignalCode], predicted: StatementKind) -> &'static str {
    use SignalCode::*;
    let has = |c: &[SignalCode]| c.iter().any(|c| codes.contains(c));
    if predicted == StatementKind::Undetermined {
        "no evidence"
    } else if has(&[CountOfThings, DeliverableCount, ActivityCount]) {
        "count of things"
    } else if has(&[PassiveState, CompletionState]) {
        "state"
    } else if has(&[LeadingVerb, LeadingOutputVerb, LeadingOutcomeVerb]) {
        "leading verb"
    } else if has(&[PeopleSubject]) {
        "people subject"
    } else if has(&[
        Quantity,
        Percentage,
        Comparator,
        FromToPattern,
        Currency,
        MetricNoun,
        MeasurePhrase,
    ]) {
        "verbless measure"
    } else {
        "other"
    }
}
