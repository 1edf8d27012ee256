// Evaluates the outcome/output classifier (R1) on labeled key results.
//
//     cargo run -p okrkit-examples --example classify_eval [PATH]
//
// PATH defaults to ../shared/data/kr_dev.jsonl (relative to the repository
// root). Each line is a JSON object with `text`, `label` ("outcome" or
// "output") and `ambiguous` (bool). Prints accuracy on the non-ambiguous
// statements and on all, precision and recall per class, and the
// misclassified statements. Prints "skipped" and exits 0 when the file is
// absent.

use okrkit::classify::{Classifier, StatementKind};

#[derive(Default, Clone, Copy)]
struct Counts {
    // [truth][predicted], 0 = outcome, 1 = output
    m: [[u32; 2]; 2],
}

impl Counts {
    fn add(&mut self, truth: StatementKind, pred: StatementKind) {
        self.m[idx(truth)][idx(pred)] += 1;
    }
    fn total(&self) -> u32 {
        self.m.iter().flatten().sum()
    }
    fn correct(&self) -> u32 {
        self.m[0][0] + self.m[1][1]
    }
    fn ratio(a: u32, b: u32) -> f64 {
        if b == 0 {
            0.0
        } else {
            f64::from(a) / f64::from(b)
        }
    }
    fn print(&self, name: &str) {
        println!(
            "{name}: accuracy {:.1}% ({}/{})",
            100.0 * Self::ratio(self.correct(), self.total()),
            self.correct(),
            self.total()
        );
        for (k, label) in [(0usize, "outcome"), (1, "output")] {
            let tp = self.m[k][k];
            let predicted = self.m[0][k] + self.m[1][k];
            let actual = self.m[k][0] + self.m[k][1];
            println!(
                "  {label:<8} precision {:.1}% ({tp}/{predicted})  recall {:.1}% ({tp}/{actual})",
                100.0 * Self::ratio(tp, predicted),
                100.0 * Self::ratio(tp, actual)
            );
        }
    }
}

fn idx(k: StatementKind) -> usize {
    match k {
        StatementKind::Outcome => 0,
        StatementKind::Output => 1,
    }
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        // Run from the repository root or from examples/.
        [
            "../shared/data/kr_dev.jsonl",
            "../../shared/data/kr_dev.jsonl",
        ]
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .copied()
        .unwrap_or("../shared/data/kr_dev.jsonl")
        .to_string()
    });
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("skipped: {path} not found");
        return;
    };
    let classifier = Classifier::default();
    let (mut clear, mut all) = (Counts::default(), Counts::default());
    let mut misses = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            eprintln!("line {}: not JSON, ignored", n + 1);
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default();
        let truth = match v["label"].as_str() {
            Some("outcome") => StatementKind::Outcome,
            Some("output") => StatementKind::Output,
            _ => {
                eprintln!("line {}: no label, ignored", n + 1);
                continue;
            }
        };
        let ambiguous = v["ambiguous"].as_bool().unwrap_or(false);
        let c = classifier.classify(text);
        all.add(truth, c.kind);
        if !ambiguous {
            clear.add(truth, c.kind);
        }
        if c.kind != truth {
            let why: Vec<String> = c
                .signals
                .iter()
                .map(|s| format!("{:?}({})", s.code, s.matched))
                .collect();
            misses.push(format!(
                "{}{:?} (conf {:.2}) {:?}\n      {}",
                if ambiguous { "[ambiguous] " } else { "" },
                c.kind,
                c.confidence,
                text,
                why.join(" ")
            ));
        }
    }
    clear.print("non-ambiguous");
    all.print("all");
    println!("misclassified ({}):", misses.len());
    for m in misses {
        println!("  {m}");
    }
}
