//! `okrkit classify`.

use okrkit::classify::{Classification, StatementKind};
use std::io::BufRead;

/// Arguments of `okrkit classify`.
#[derive(clap::Args)]
pub struct Args {
    /// Statements to classify; without any, one per line from stdin.
    pub statements: Vec<String>,
    /// One JSON object per statement: text, kind, confidence, signals, suggestion.
    #[arg(long)]
    pub json: bool,
}

fn print(text: &str, c: &Classification, json: bool) {
    if json {
        let mut v = serde_json::to_value(c).unwrap_or_default();
        if let Some(obj) = v.as_object_mut() {
            obj.insert("text".into(), text.into());
        }
        println!("{v}");
        return;
    }
    let kind = match c.kind {
        StatementKind::Outcome => "outcome",
        StatementKind::Output => "output ",
        StatementKind::Undetermined => "unclear",
        other => other.as_str(),
    };
    println!("{kind} {:.2}  {text}", c.confidence);
    let signals: Vec<String> = c
        .signals
        .iter()
        .map(|s| {
            format!(
                "{} \"{}\"",
                serde_json::to_value(s.code)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                s.matched
            )
        })
        .collect();
    if !signals.is_empty() {
        println!("        signals: {}", signals.join(", "));
    }
    if let Some(s) = &c.suggestion {
        println!("        suggestion: {s}");
    }
}

/// Runs it.
pub fn run(args: Args) -> u8 {
    if args.statements.is_empty() {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            match line {
                Ok(line) => {
                    if line.trim().is_empty() {
                        continue;
                    }
                    print(&line, &okrkit::classify::classify(&line), args.json);
                }
                Err(e) => {
                    eprintln!("okrkit: cannot read stdin: {e}");
                    return crate::input::BAD_INPUT;
                }
            }
        }
    } else {
        for s in &args.statements {
            print(s, &okrkit::classify::classify(s), args.json);
        }
    }
    0
}
