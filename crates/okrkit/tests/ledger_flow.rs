//! The ledger feeding lint (R4, R7), health (R10) and retrospectives (R8).

use chrono::{DateTime, Utc};
use okrkit::health::HealthOptions;
use okrkit::ledger::{Action, Actor, Ledger};
use okrkit::lint::LintOptions;
use serde_json::{Value, json};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("time")
}

fn step(
    ledger: &mut Ledger,
    when: &str,
    person: &str,
    team: &str,
    action: Value,
) -> okrkit::Result<()> {
    let action: Action = serde_json::from_value(action).expect("action");
    ledger
        .append(at(when), Actor::new(person, team), action)
        .map(drop)
}

fn ledger() -> Ledger {
    let doc = json!({
        "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"},
                  {"id": "pay", "name": "Payments", "parent": "shop"}],
        "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "dee", "name": "Dee"}],
        "objectives": [
          {"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1", "type": "committed",
           "key_results": [{"id": "k1", "title": "Checkout conversion from 50% to 60%",
                            "measure": {"type": "metric", "baseline": 50, "target": 60}}]},
          {"id": "p1", "title": "Boring payments", "team": "pay", "cycle": "q1",
           "key_results": [{"id": "k2", "title": "Payment errors from 2% to 1%",
                            "measure": {"type": "metric", "baseline": 2, "target": 1}}]}]
    });
    let mut l = Ledger::new();
    step(
        &mut l,
        "2026-01-02T09:00:00Z",
        "bo",
        "shop",
        json!({"type": "import", "document": doc,
        "agreed": [{"team": "web", "cycle": "q1", "agreed_by": "bo"},
                   {"team": "pay", "cycle": "q1", "agreed_by": "bo"}],
        "roles": {"members": [{"team": "shop", "person": "bo"}, {"team": "web", "person": "ana"},
                              {"team": "pay", "person": "dee"}]}}),
    )
    .expect("import");
    // Four accepted renegotiations of k1's target.
    for (i, target) in [58.0, 59.0, 57.0, 56.0].iter().enumerate() {
        let day = 10 + 2 * i;
        step(&mut l, &format!("2026-02-{day:02}T09:00:00Z"), "ana", "web", json!({"type": "propose_change",
            "change": {"kind": "target", "key_result": "k1", "target": target}, "reason": "the market moved"})).expect("propose");
        let id = l.entries().last().expect("entry").id.clone();
        step(
            &mut l,
            &format!("2026-02-{day:02}T10:00:00Z"),
            "bo",
            "shop",
            json!({"type": "accept", "proposal": id}),
        )
        .expect("accept");
    }
    // A declined proposal, and a dependency nobody answers.
    step(
        &mut l,
        "2026-02-20T09:00:00Z",
        "ana",
        "web",
        json!({"type": "propose_change",
        "change": {"kind": "target", "key_result": "k1", "target": 40.0}, "reason": "too hard"}),
    )
    .expect("propose");
    let id = l.entries().last().expect("entry").id.clone();
    step(
        &mut l,
        "2026-02-21T09:00:00Z",
        "bo",
        "shop",
        json!({"type": "decline", "proposal": id, "reason": "keep the stretch"}),
    )
    .expect("decline");
    step(
        &mut l,
        "2026-03-01T09:00:00Z",
        "ana",
        "web",
        json!({"type": "request_dependency", "to": "pay",
        "help": "Expose the saved-cards API", "objective": "o1", "key_result": "k1"}),
    )
    .expect("dependency");
    step(
        &mut l,
        "2026-03-30T09:00:00Z",
        "ana",
        "web",
        json!({"type": "check_in", "key_result": "k1", "value": 55.0, "confidence": 6}),
    )
    .expect("check-in");
    l
}

#[test]
fn lint_flags_renegotiation_churn_and_waiting_dependencies() {
    let l = ledger();
    let report = l.lint(&LintOptions::default());
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"renegotiated_often"), "{codes:?}");
    assert!(codes.contains(&"dependency_unanswered"), "{codes:?}");
    let strict = {
        let mut o = LintOptions::default();
        o.max_renegotiations_per_cycle = 4;
        o.dependency_answer_days = 60;
        o
    };
    let codes: Vec<_> = l
        .lint(&strict)
        .findings
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert!(
        !codes
            .iter()
            .any(|c| c == "renegotiated_often" || c == "dependency_unanswered"),
        "{codes:?}"
    );
}

#[test]
fn health_counts_the_flow() {
    let l = ledger();
    let h = l.health("q1", &HealthOptions::default()).expect("health");
    let r = h.organisation.renegotiations;
    assert_eq!((r.proposed, r.accepted, r.declined, r.open), (5, 4, 1, 0));
    let d = h.organisation.dependencies;
    assert_eq!((d.opened, d.accepted, d.unanswered), (1, 0, 1));
    let web = h
        .teams
        .iter()
        .find(|t| t.team.as_ref().map(|t| t.as_str()) == Some("web"))
        .expect("web");
    assert_eq!(web.renegotiations.accepted, 4);
    assert_eq!(web.dependencies.opened, 1);
    // Before the dependency was requested, it is not counted.
    let early = l
        .health("q1", &{
            let mut o = HealthOptions::default();
            o.as_of = chrono::NaiveDate::from_ymd_opt(2026, 2, 15);
            o
        })
        .expect("health");
    assert_eq!(early.organisation.dependencies.opened, 0);
    assert_eq!(early.organisation.renegotiations.accepted, 3);
}

#[test]
fn retrospective_at_close_with_the_score_in_force() {
    let mut l = ledger();
    let answers = json!({"what_happened": "Conversion rose to 55%", "why": "The reminder helped; sign-in did not ship",
        "right_okrs": "Yes", "measurable": "Yes, daily", "value_to_company": "Revenue up", "value_to_customers": "Faster checkout",
        "carry_over": ["Ship sign-in"]});
    // Too early: the cycle closes on 31 March.
    let before = l.to_jsonl();
    let err = step(
        &mut l,
        "2026-03-30T12:00:00Z",
        "ana",
        "web",
        json!({"type": "retrospective", "objective": "o1", "answers": answers}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_state");
    // Committed and below 1.0 (55 of a renegotiated 56, from 50: 5/6): an explanation is required.
    let err = step(
        &mut l,
        "2026-04-01T09:00:00Z",
        "ana",
        "web",
        json!({"type": "retrospective", "objective": "o1", "answers": answers}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_change");
    // Not the owning team's to record.
    let mut with = answers.clone();
    with["explanation"] = json!("The sign-in integration slipped to Q2");
    let err = step(
        &mut l,
        "2026-04-01T09:00:00Z",
        "dee",
        "pay",
        json!({"type": "retrospective", "objective": "o1", "answers": with}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_allowed");
    assert_eq!(l.to_jsonl(), before, "refusals leave the ledger unchanged");
    step(
        &mut l,
        "2026-04-01T09:00:00Z",
        "ana",
        "web",
        json!({"type": "retrospective", "objective": "o1", "answers": with}),
    )
    .expect("recorded");
    let r = &l.retrospectives()[0];
    assert_eq!(r.score, Some(5.0 / 6.0));
    assert_eq!(r.verdict, okrkit::score::Verdict::ExplanationRequired);
    // It survives a round trip through JSON Lines.
    let again = Ledger::from_jsonl(l.to_jsonl().as_bytes()).expect("reloads");
    assert_eq!(again.retrospectives(), l.retrospectives());
}

/// A date means the whole day (UTC) in the ledger as in progress: "as of
/// 2026-02-10" takes that day's 09:00 proposal and 10:00 acceptance.
#[test]
fn a_date_is_the_whole_day_in_replay_and_as_of() {
    use okrkit::ledger::{end_of_day, parse_moment};
    let l = ledger();
    let target = |doc: &okrkit::Document| match doc.objectives[0].key_results[0].measure {
        okrkit::Measure::Metric { target, .. } => target,
        _ => f64::NAN,
    };
    let day = parse_moment("2026-02-10", "at").expect("date");
    assert_eq!(target(&l.replay(Some(day)).expect("replay")), 58.0);
    let before = parse_moment("2026-02-09", "at").expect("date");
    assert_eq!(target(&l.replay(Some(before)).expect("replay")), 60.0);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 10).expect("date");
    assert_eq!(end_of_day(date), day);
    assert_eq!(l.as_of(day).expect("as_of").len(), 3);
    // The same date as progress reads it: the check-in of 2026-03-30 is in "as of 2026-03-30".
    let org = l.org().expect("org");
    let mut opts = okrkit::ProgressOptions::default();
    opts.as_of = Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 30).expect("date"));
    let in_progress = org.progress(&opts).expect("progress").objectives[0].key_results[0].value;
    let replayed = l
        .replay(Some(parse_moment("2026-03-30", "at").expect("date")))
        .expect("replay");
    assert_eq!(in_progress, Some(55.0));
    assert_eq!(replayed.check_ins.last().map(|c| c.value), in_progress);
}
