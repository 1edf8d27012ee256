//! A score's message never contradicts its verdict or band (r15 finding 20:
//! 0.99999999 read "1.00 on a committed objective: … must explain why",
//! 0.64999999 "0.65 is short of the stretch"). The number in a message reads
//! back on the same side of every threshold (0.35, 0.65, 1.0) as the score.

use okrkit::Org;
use okrkit::score::{GREEN_FROM, Verdict, YELLOW_FROM, score_text};

fn side(x: f64) -> [bool; 3] {
    [YELLOW_FROM, GREEN_FROM, 1.0].map(|t| x >= t)
}

/// Scores just below and just above each threshold (at most 1.0).
fn near_thresholds() -> Vec<f64> {
    let mut out = Vec::new();
    for t in [YELLOW_FROM, GREEN_FROM, 1.0] {
        for eps in [1e-2, 5e-3, 4e-3, 1e-3, 1e-6, 1e-8, 1e-12] {
            out.push(t - eps);
            out.push((t + eps).min(1.0));
        }
        out.push(t);
        out.push(t.next_down());
        out.push(t.next_up().min(1.0));
    }
    out
}

#[test]
fn a_score_text_reads_back_on_the_side_of_every_threshold() {
    for s in near_thresholds() {
        let text = score_text(s);
        let back: f64 = text.parse().expect("a number");
        assert_eq!(side(back), side(s), "{s} reads {text}");
        assert!(text.len() >= 4, "{text}");
    }
    // Two decimals away from the thresholds, as before.
    assert_eq!(score_text(0.5), "0.50");
    assert_eq!(score_text(1.0), "1.00");
    assert_eq!(score_text(0.0), "0.00");
    assert_eq!(score_text(0.351), "0.35");
    assert_eq!(score_text(0.3499), "0.3499");
}

/// One objective per score (a key result from 0 to 1 ending at the score),
/// both types; the message's number agrees with the verdict.
#[test]
fn score_messages_agree_with_their_verdicts_at_each_threshold() {
    let scores = near_thresholds();
    let mut objectives = Vec::new();
    for (i, s) in scores.iter().enumerate() {
        for kind in ["aspirational", "committed"] {
            objectives.push(serde_json::json!({
                "id": format!("o{i}-{kind}"), "title": "Grow", "team": "t", "cycle": "q", "type": kind,
                "key_results": [{"id": format!("k{i}-{kind}"), "title": "Share of signups from 0 to 1",
                    "measure": {"type": "metric", "baseline": 0, "target": 1, "current": s}}]}));
        }
    }
    let doc = serde_json::json!({"schema_version": 1,
        "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "t", "name": "T"}], "objectives": objectives});
    let org = Org::from_json(&doc.to_string()).expect("valid");
    let report = org.score_cycle("q").expect("scores");
    assert_eq!(report.objectives.len(), scores.len() * 2);
    for o in &report.objectives {
        let score = o.score.expect("scored");
        let message = o.message.as_str();
        if o.verdict == Verdict::CommitmentMet {
            assert!(score >= 1.0);
            continue;
        }
        let number: f64 = message
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a number first: {message}"));
        assert_eq!(side(number), side(score), "{score}: {message}");
        match o.verdict {
            Verdict::StretchSuccess => assert!(number >= GREEN_FROM, "{message}"),
            Verdict::StretchShort => assert!(number < GREEN_FROM, "{message}"),
            Verdict::ExplanationRequired => assert!(number < 1.0, "{message}"),
            v => panic!("{v:?}"),
        }
    }
    // The red team's two cases.
    let find = |s: f64, kind: &str| {
        let i = scores.iter().position(|&x| x == s).expect("listed");
        report
            .objectives
            .iter()
            .find(|o| o.objective.as_str() == format!("o{i}-{kind}"))
            .expect("scored")
            .message
            .to_string()
    };
    assert!(find(1.0 - 1e-8, "committed").starts_with("0.99999999 on a committed objective"));
    assert!(find(GREEN_FROM - 1e-8, "aspirational").starts_with("0.64999999 is short"));
}
