//! Tests of the classifier, on statements written for them (never the
//! evaluation sample).

use super::*;
use proptest::prelude::*;

fn kind(text: &str) -> StatementKind {
    classify(text).kind
}

fn has(c: &Classification, code: SignalCode) -> bool {
    c.signals.iter().any(|s| s.code == code)
}

#[test]
fn seed_004_key_results() {
    // The four key results of seed 004: two outcomes, two outputs.
    assert_eq!(
        kind("Checkout conversion rate > 65%"),
        StatementKind::Outcome
    );
    assert_eq!(
        kind("Avg. Customer Satisfaction Score > 8"),
        StatementKind::Outcome
    );
    assert_eq!(
        kind("Build a tool to remind people of their shopping cart"),
        StatementKind::Output
    );
    assert_eq!(kind("Integrate sign-in via Amazon"), StatementKind::Output);
}

#[test]
fn outcomes_written_by_hand() {
    for text in [
        "Grow weekly active teams from 1,200 to 2,000",
        "Reduce p95 page load time from 3.2s to 1.5s",
        "Raise trial-to-paid conversion by 15%",
        "Keep monthly logo churn below 1.5%",
        "Maintain 99.9% uptime for the public API",
        "Net revenue retention at least 110%",
        "Cut onboarding drop-off from 40% to 25%",
        "Average handle time under 6 minutes",
        "Reach $3M in annual recurring revenue",
        "Employee engagement score of 4.2 or higher",
        "Support ticket volume per customer drops by a third",
        "Zero critical incidents during the peak season",
        "Time to hire under 30 days",
        "Survey response rate above 40%",
        "Double the number of paying customers",
        "Monthly active users reach 50,000",
        "Bounce rate 60% → 45%",
        "Improving first-contact resolution from 70% to 85%",
    ] {
        let c = classify(text);
        assert_eq!(c.kind, StatementKind::Outcome, "{text}: {:?}", c.signals);
    }
}

#[test]
fn outputs_written_by_hand() {
    for text in [
        "hire 3 engineers",
        "hold 5 interviews",
        "Hold 8 customer interviews with churned accounts",
        "publish 10 posts",
        "Write 6 articles for the engineering blog",
        "Launch the partner portal",
        "Ship dark mode on iOS and Android",
        "Migrate the billing service to Kubernetes",
        "Run two pricing experiments",
        "Create an onboarding checklist for new hires",
        "Implement SSO for enterprise accounts",
        "Redesign the settings page",
        "Set up alerting for the payment pipeline",
        "Roll out the new support playbook to all agents",
        "Organize a customer advisory board",
        "Complete the SOC 2 audit",
        "Draft the 2026 hiring plan",
        "New pricing page is live",
        "Data warehouse migration completed by end of March",
        "A weekly release process in place",
        "Translating the app into German and French",
        "Deliver 4 workshops for sales teams",
    ] {
        let c = classify(text);
        assert_eq!(c.kind, StatementKind::Output, "{text}: {:?}", c.signals);
        assert!(c.suggestion.is_some(), "{text}");
    }
}

#[test]
fn four_digits_are_a_year_only_where_a_year_is_written() {
    // A target or a count of four digits is a number: the suggestion never
    // says an outcome "has no number" when it ends "to 1800".
    for text in [
        "Grow weekly active teams to 1800",
        "Grow MRR to 2000",
        "Reach 1800 weekly active teams",
        "Lift weekly signups from 1200 to 3400",
    ] {
        let c = classify(text);
        let numbers = has(&c, SignalCode::Quantity) || has(&c, SignalCode::FromToPattern);
        assert!(numbers, "{text}: {:?}", c.signals);
        let says_no_number = c
            .suggestion
            .as_deref()
            .is_some_and(|s| s.contains("no number"));
        assert!(!says_no_number, "{text}: {:?}", c.suggestion);
    }
    // A year, as years are written: after "in", "by", "for", a quarter, or
    // as a date; never a quantity.
    for (text, year) in [
        ("Ship the public roadmap by 2026", "2026"),
        ("Publish the roadmap for 2020", "2020"),
        ("Launch the partner portal in Q1 2020", "2020"),
        ("Train the sales team 2019-08", "2019"),
        ("Grow revenue 20% in 2026", "2026"),
        // A deadline, not a change of 2026.
        ("Improve onboarding by 2026", "2026"),
    ] {
        let c = classify(text);
        let counted = c.signals.iter().any(|s| {
            matches!(s.code, SignalCode::Quantity | SignalCode::RelativeChange)
                && s.matched.contains(year)
        });
        assert!(!counted, "{text}: {:?}", c.signals);
    }
    // A target no number signal counts (a duration, a number in words) is
    // still a number for the suggestion.
    for text in ["Cut p95 latency to 300 ms", "Grow to one million users"] {
        let c = classify(text);
        assert_eq!(c.kind, StatementKind::Outcome, "{text}");
        assert_eq!(c.suggestion, None, "{text}");
    }
    assert!(
        classify("Improve onboarding satisfaction")
            .suggestion
            .is_some()
    );
}

#[test]
fn signals_explain_the_verdict() {
    let c = classify("Lift activation from 38% to 60%");
    assert!(has(&c, SignalCode::FromToPattern));
    assert!(has(&c, SignalCode::LeadingOutcomeVerb));
    let from_to = c
        .signals
        .iter()
        .find(|s| s.code == SignalCode::FromToPattern)
        .map(|s| s.matched.as_str());
    assert_eq!(from_to, Some("from 38% to 60%"));

    let c = classify("Build a tool to remind people of their shopping cart");
    let lead = c
        .signals
        .iter()
        .find(|s| s.code == SignalCode::LeadingOutputVerb);
    assert_eq!(lead.map(|s| s.matched.as_str()), Some("Build"));
    assert_eq!(lead.map(|s| s.points_to), Some(StatementKind::Output));

    let c = classify("Checkout conversion rate > 65%");
    let metric = c.signals.iter().find(|s| s.code == SignalCode::MetricNoun);
    assert_eq!(metric.map(|s| s.matched.as_str()), Some("conversion rate"));
    assert!(has(&c, SignalCode::Comparator));
    assert!(has(&c, SignalCode::Percentage));
}

#[test]
fn suggestions_name_an_outcome() {
    let s = classify("Build a tool to remind people of their shopping cart")
        .suggestion
        .unwrap_or_default();
    assert!(s.contains("initiatives") && s.contains("conversion"), "{s}");
    let s = classify("hire 3 engineers").suggestion.unwrap_or_default();
    assert!(s.contains("cycle time"), "{s}");
    let s = classify("Launch video calling")
        .suggestion
        .unwrap_or_default();
    assert!(s.contains("adoption"), "{s}");
    let s = classify("Publish 12 posts on the company blog")
        .suggestion
        .unwrap_or_default();
    assert!(s.contains("traffic"), "{s}");
    // An outcome without a number: add a baseline and a target.
    let c = classify("Improve customer satisfaction");
    assert_eq!(c.kind, StatementKind::Outcome);
    assert!(c.suggestion.unwrap_or_default().contains("baseline"));
    // A measured outcome: nothing to say.
    assert_eq!(classify("Increase NPS from 30 to 45").suggestion, None);
}

#[test]
fn structure_hints_weigh_in() {
    let classifier = Classifier::default();
    let neutral = "Payments platform";
    assert_eq!(
        classifier
            .classify_with(neutral, StructureHint::Metric)
            .kind,
        StatementKind::Outcome
    );
    assert_eq!(
        classifier
            .classify_with(neutral, StructureHint::Threshold)
            .kind,
        StatementKind::Outcome
    );
    let c = classifier.classify_with("Checkout conversion rate", StructureHint::Milestone);
    assert_eq!(c.kind, StatementKind::Output);
    assert!(has(&c, SignalCode::StructureMilestone));
    let c = classifier.classify_with("Conversion rate", StructureHint::Metric);
    assert!(
        c.suggestion.is_none(),
        "a metric structure has a baseline and a target"
    );
}

#[test]
fn no_evidence_is_not_enough_evidence() {
    for text in [
        "The platform",
        "",
        "Be great",
        "🚀🚀",
        "   ",
        "!!!",
        "Be awesome",
    ] {
        let c = classify(text);
        assert_eq!(c.kind, StatementKind::Undetermined, "{text:?}: {c:?}");
        assert!(c.signals.is_empty());
        assert!((c.confidence - 0.5).abs() < 1e-12);
        let s = c.suggestion.unwrap_or_default();
        assert!(s.contains("Not enough evidence"), "{s}");
        assert!(
            !s.contains("initiatives"),
            "no confident advice to move it: {s}"
        );
    }
}

/// Statements the learned model still reads wrongly (issue 15), kept here so
/// they are visible: when a model reads one right, this test fails and the
/// statement moves back to the tests above (and to the shared vectors).
const KNOWN_MISSES: &[(&str, StatementKind)] = &[
    ("Sign 25 new enterprise customers", StatementKind::Outcome),
    (
        "40k monthly readers of the blog (from 25k)",
        StatementKind::Outcome,
    ),
    (
        "25,000 weekly listeners of the podcast",
        StatementKind::Outcome,
    ),
    (
        "12k monthly readers of the newsletter",
        StatementKind::Outcome,
    ),
    // Outcomes written for round thirty's check of `verb_of_mind` (16 of
    // its 20 read right, "Everyone on the team knows…" among them; these 4
    // do not; "Managers say…" reads right since round thirty-one, "Nobody on
    // call is paged…" since round thirty-two's weight of `zero_target`):
    // "hires" reads as the verb, "spend" and "resolve" are not verbs of
    // mind, and a people subject leans to an output in the labelled data,
    // which outweighs "trust".
    (
        "New hires feel productive within their first month",
        StatementKind::Outcome,
    ),
    (
        "Engineers trust the staging environment enough to ship daily",
        StatementKind::Outcome,
    ),
    (
        "Readers spend 3 minutes on average on each article",
        StatementKind::Outcome,
    ),
    (
        "Partners resolve 80% of their own integration issues without our help",
        StatementKind::Outcome,
    ),
];

#[test]
fn known_misses_are_still_misses() {
    for (text, right) in KNOWN_MISSES {
        let c = classify(text);
        assert_ne!(
            c.kind, *right,
            "{text:?} now reads right: move it back to the tests and the vectors"
        );
    }
}

#[test]
fn every_prediction_explains_itself_with_named_features() {
    let c = classify("Undertake a supplier audit");
    assert_eq!(c.kind, StatementKind::Output);
    let lead = c.signals.iter().find(|s| s.code == SignalCode::LeadingVerb);
    assert_eq!(lead.map(|s| s.matched.as_str()), Some("Undertake"));
    assert_eq!(
        lead.map(|s| s.weight),
        Some(Model::embedded().weight(SignalCode::LeadingVerb).abs())
    );
    let c = classify("40k monthly readers of the blog (from 25k)");
    assert!(has(&c, SignalCode::CountOfPeople), "{c:?}");
    assert!(has(&c, SignalCode::Baseline), "{c:?}");
}

#[test]
fn a_vocabulary_spec_adds_unless_asked_to_replace() {
    let v: Vocabulary = serde_json::from_str(r#"{"output_verbs":["frobnicate"]}"#)
        .unwrap_or_else(|_| Vocabulary::empty());
    assert!(v.output_verbs().iter().any(|w| w == "frobnicate"));
    assert!(v.output_verbs().iter().any(|w| w == "build"));
    let v: Vocabulary = serde_json::from_str(r#"{"metric_nouns":["bookings"],"replace":true}"#)
        .unwrap_or_else(|_| Vocabulary::empty());
    assert_eq!(v.metric_nouns(), ["bookings"]);
    assert_eq!(v.output_verbs(), Vocabulary::english().output_verbs());
    // An unknown key is an error naming it, at its path.
    for bad in [
        r#"{"output_verb":["x"]}"#,
        r#"{"outcome_hints":[{"triggers":["x"],"outcome":"y","extra":1}]}"#,
        r#"{"replace":"yes"}"#,
    ] {
        let de = &mut serde_json::Deserializer::from_str(bad);
        let err = serde_path_to_error::deserialize::<_, Vocabulary>(de);
        assert!(err.is_err(), "{bad}");
    }
    let de = &mut serde_json::Deserializer::from_str(r#"{"output_verb":["x"]}"#);
    let err = serde_path_to_error::deserialize::<_, Vocabulary>(de)
        .err()
        .map(|e| e.inner().to_string())
        .unwrap_or_default();
    assert!(err.contains("unknown field `output_verb`"), "{err}");
}

#[test]
fn vocabulary_is_extendable_and_serde_able() {
    let mut v = Vocabulary::english();
    v.add_output_verbs(["Frobnicate"])
        .add_metric_nouns(["widget yield"]);
    assert!(v.output_verbs().iter().any(|w| w == "frobnicate"));
    assert!(v.metric_nouns().iter().any(|w| w == "yield"));
    let json = serde_json::to_string(&v).unwrap_or_default();
    let back: Vocabulary = serde_json::from_str(&json).unwrap_or_else(|_| Vocabulary::empty());
    assert_eq!(back, v);
    // Missing fields keep their English defaults; given words are added.
    let partial: Vocabulary = serde_json::from_str(r#"{"output_verbs":["frobnicate"]}"#)
        .unwrap_or_else(|_| Vocabulary::empty());
    assert_eq!(partial.metric_nouns(), Vocabulary::english().metric_nouns());
    // Moving a verb to the other side removes it from the first.
    let mut v = Vocabulary::english();
    v.add_output_verbs(["increase"]);
    assert!(!v.outcome_verbs().iter().any(|w| w == "increase"));
    // Hints added by the caller come first.
    let mut v = Vocabulary::english();
    v.add_outcome_hint(["gizmo"], "gizmo retention");
    let c = Classifier::new(v).classify("Build the gizmo");
    assert!(c.suggestion.unwrap_or_default().contains("gizmo retention"));
}

#[test]
fn classification_serializes_in_snake_case() {
    let c = classify("Checkout conversion rate > 65%");
    let json = serde_json::to_value(&c).unwrap_or_default();
    assert_eq!(json["kind"], "outcome");
    let codes: Vec<&str> = json["signals"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"metric_noun") && codes.contains(&"comparator"));
    assert_eq!(
        serde_json::to_value(StructureHint::Milestone).unwrap_or_default(),
        "milestone"
    );
}

#[test]
fn unicode_and_odd_input_do_not_panic() {
    for text in [
        "Réduire le churn de 10 % à 5 %",
        "İİİ ß ﬃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 →→→ ≥≥ ≤",
        "%%%%$$$$>>>><<<<",
        "from from from to to to",
        "by by by 5",
        "-> 5 → 6 ->",
        "99.95.4.3,2,1%",
        "kr1: kr2: kr3:",
        "\u{0}\u{feff}\u{200b}",
    ] {
        let c = classify(text);
        assert!((0.0..=1.0).contains(&c.confidence));
    }
    let huge = "Increase revenue from 1 to 2 ".repeat(50_000);
    assert_eq!(classify(&huge).kind, StatementKind::Outcome);
    let one_word = "a".repeat(1_000_000);
    let _ = classify(&one_word);
}

/// The log-odds from the explanation: the bias plus each signal's
/// contribution (its weight, signed by the side it points to).
fn log_odds(c: &Classification) -> f64 {
    Model::embedded().bias()
        + c.signals
            .iter()
            .map(|s| match s.points_to {
                StatementKind::Outcome => s.weight,
                _ => -s.weight,
            })
            .sum::<f64>()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_confidence_in_range(text in any::<String>()) {
        let c = classify(&text);
        prop_assert!((0.0..=1.0).contains(&c.confidence));
    }

    #[test]
    fn kr_like_text_is_consistent(
        text in "[A-Za-z0-9 %$<>≥≤+.,:;/→-]{0,120}",
        hint in prop_oneof![
            Just(StructureHint::None),
            Just(StructureHint::Metric),
            Just(StructureHint::Threshold),
            Just(StructureHint::Milestone),
        ],
    ) {
        let classifier = Classifier::default();
        let a = classifier.classify_with(&text, hint);
        let b = classifier.classify_with(&text, hint);
        // Deterministic.
        prop_assert_eq!(&a, &b);
        prop_assert!((0.0..=1.0).contains(&a.confidence));
        // The explanation adds up: the kind is the sign of bias + the
        // signals' contributions, the confidence its logistic.
        let z = log_odds(&a);
        let expected = if a.signals.is_empty() {
            StatementKind::Undetermined
        } else if z > 0.0 {
            StatementKind::Outcome
        } else {
            StatementKind::Output
        };
        prop_assert_eq!(a.kind, expected);
        if !a.signals.is_empty() {
            let p = 1.0 / (1.0 + (-z).exp());
            prop_assert!((a.confidence - p.max(1.0 - p)).abs() < 1e-9);
        }
        prop_assert_eq!(classifier.kind_of(&text, hint), (a.kind, a.confidence));
        for s in &a.signals {
            prop_assert!(s.weight > 0.0);
            prop_assert_eq!(s.points_to, s.code.points_to());
        }
    }

    #[test]
    fn extending_the_vocabulary_flips_a_neutral_statement(
        verb in "qx[a-z]{3,8}",
        object in "zx[a-z]{3,8}",
    ) {
        // Not English words ("qx…", "zx…": no English word starts so; a
        // plain "q…" once drew "quest", a WordNet verb): no evidence either way.
        let text = format!("{verb} the {object}");
        let neutral = classify(&text);
        prop_assert!(neutral.signals.is_empty(), "{text}: {:?}", neutral.signals);
        prop_assert_eq!(neutral.kind, StatementKind::Undetermined);

        let mut v = Vocabulary::english();
        v.add_outcome_verbs([verb.as_str()]);
        let c = Classifier::new(v.clone()).classify(&text);
        prop_assert_eq!(c.kind, StatementKind::Outcome);

        v.add_output_verbs([verb.as_str()]);
        let c = Classifier::new(v).classify(&text);
        prop_assert_eq!(c.kind, StatementKind::Output);
        prop_assert!(c.confidence > neutral.confidence);
    }
}

#[test]
fn present_tense_share_and_time_limit_are_read() {
    let f = |t: &str| default_classifier().features(t, StructureHint::None);
    // A subject and a verb in the present tense: what people do.
    let c = f("Most new customers finish setup without help");
    assert!(c.contains(&SignalCode::PresentTense), "{c:?}");
    let c = f("At least one partner uses the export API");
    assert!(c.contains(&SignalCode::PresentTense), "{c:?}");
    // Not an imperative, not a state.
    let c = f("Finish the setup guide");
    assert!(!c.contains(&SignalCode::PresentTense), "{c:?}");
    let c = f("The setup guide is finished");
    assert!(!c.contains(&SignalCode::PresentTense), "{c:?}");
    // A share of a whole and a time limit.
    let c = f("95% of support tickets are answered within 2 hours");
    assert!(c.contains(&SignalCode::ShareOf), "{c:?}");
    assert!(c.contains(&SignalCode::TimeLimit), "{c:?}");
    // "in 2024" is a date, not a time limit; "in 3 days" is one.
    assert!(!f("Open an office in 2024").contains(&SignalCode::TimeLimit));
    assert!(f("Refunds paid in 3 days").contains(&SignalCode::TimeLimit));
    // The model weighs them toward an outcome.
    let m = Model::embedded();
    assert!(m.weight(SignalCode::ShareOf) > 0.0);
    assert!(m.weight(SignalCode::TimeLimit) > 0.0);
    let c = classify("95% of support tickets are answered within 2 hours");
    assert_eq!(c.kind, StatementKind::Outcome, "{c:?}");
}

#[test]
fn customers_acting_and_statements_without_a_verb_are_read() {
    let f = |t: &str| default_classifier().features(t, StructureHint::None);
    // Customers or users as the subject of a present-tense verb.
    let c = f("Most trial users invite a colleague in their first week");
    assert!(c.contains(&SignalCode::AudienceAct), "{c:?}");
    assert!(c.contains(&SignalCode::NoLeadingVerb), "{c:?}");
    // The team's own people are not an audience.
    let c = f("Team members review each pull request");
    assert!(!c.contains(&SignalCode::AudienceAct), "{c:?}");
    // An instruction has a leading verb.
    let c = f("Invite 20 customers to the beta");
    assert!(!c.contains(&SignalCode::NoLeadingVerb), "{c:?}");
    assert!(Model::embedded().weight(SignalCode::AudienceAct) > 0.0);
    let c = classify("Most trial users invite a colleague in their first week");
    assert_eq!(c.kind, StatementKind::Outcome, "{c:?}");
}

/// Asserts that `code` fires on each of `fires` and on none of `silent`.
fn assert_signal(code: SignalCode, fires: &[&str], silent: &[&str]) {
    let f = |t: &str| default_classifier().features(t, StructureHint::None);
    for t in fires {
        assert!(
            f(t).contains(&code),
            "{code:?} should fire on {t:?}: {:?}",
            f(t)
        );
    }
    for t in silent {
        assert!(
            !f(t).contains(&code),
            "{code:?} should not fire on {t:?}: {:?}",
            f(t)
        );
    }
}

#[test]
fn what_people_know_feel_or_trust_is_read_as_a_verb_of_mind() {
    assert_signal(
        SignalCode::VerbOfMind,
        &[
            "Everyone on the team knows the top three priorities",
            "Engineers trust the staging environment",
            "Support agents rely on the handbook for answers",
            "Employees understand how their work ties to company goals",
            "Most customers would love the new plan",
        ],
        &[
            // Work that counts things, not a state of mind.
            "The platform team identify 3 performance issues",
            // Nouns that WordNet also knows as verbs of thought.
            "Success plan defined for each account",
            "Weekly reviews of the team handbook",
            "Latency on the read path below 10 ms",
            // An infinitive is not the subject's verb.
            "Mean time to resolve tickets under a day",
            // An instruction.
            "Learn the new billing system",
        ],
    );
    // "to" + verb is an infinitive, not a present tense.
    assert_signal(
        SignalCode::PresentTense,
        &[],
        &["Bike to work twice a week"],
    );
    // Learned from the data, it points to an outcome.
    assert!(Model::embedded().weight(SignalCode::VerbOfMind) > 0.0);
    let c = classify("Everyone on the team knows the top three priorities for the quarter");
    assert_eq!(c.kind, StatementKind::Outcome, "{c:?}");
}

#[test]
fn people_saying_what_they_think_is_read_as_a_verb_of_mind() {
    assert_signal(
        SignalCode::VerbOfMind,
        &[
            // A clause reported after "that".
            "Managers report that their teams hit goals",
            // A clause reported without "that".
            "Engineers say the release process is painless",
            "Managers say reviews take less time than last cycle",
            // An opinion: "would" + a verb of saying.
            "90% of teammates would recommend the team to a friend",
        ],
        &[
            // Saying as work: nothing reported.
            "Managers report weekly status to leadership",
            "Engineers describe every incident in the channel",
            "Engineers explain how the build works",
            // The subject is not people.
            "The dashboard tells whether the build is green",
        ],
    );
    let c = classify("90% of teammates would recommend the team to a friend");
    assert_eq!(c.kind, StatementKind::Outcome, "{c:?}");
}

#[test]
fn none_of_something_after_the_verb_is_a_zero_target() {
    assert_signal(
        SignalCode::ZeroTarget,
        &[
            "The nightly sync runs for 30 days without a failure",
            "Checkout handles the holiday peak without any downtime",
            "Payroll closes each month with no manual correction",
            "Serve twice the traffic without degradation",
            "Make sure that no customer waits more than 2 days for a reply",
        ],
        &[
            // A way of working, not an absence.
            "Rewrite the importer without breaking the public API",
            "Ship the release without significantly delaying the roadmap",
            // A particular thing left out.
            "Run the suite without the browser extension",
            // A bound, read as a comparator.
            "Answer tickets with no more than 2 replies",
            "Ensure that no more than 5 tickets stay open",
        ],
    );
    for text in [
        "The mobile app runs for 14 days without a crash",
        // A known miss until the zero target's weight rose with this reading.
        "Nobody on call is paged more than twice a week",
    ] {
        let c = classify(text);
        assert_eq!(c.kind, StatementKind::Outcome, "{c:?}");
    }
}

#[test]
fn objects_states_and_subjects_of_issue_15_are_read() {
    let f = |t: &str| default_classifier().features(t, StructureHint::None);
    // A verb of change over a count of the team's own work: more output.
    let c = f("Increase the number of webinars from 2 to 6 per quarter");
    assert!(c.contains(&SignalCode::ChangeOfOwnWork), "{c:?}");
    let c = f("Increase the number of paying teams from 40 to 60");
    assert!(!c.contains(&SignalCode::ChangeOfOwnWork), "{c:?}");
    assert!(Model::embedded().weight(SignalCode::ChangeOfOwnWork) < 0.0);
    // A state reached by a measured share is a result; a deliverable's
    // state is work done.
    let c = f("95% of refund requests are settled within 2 days");
    assert!(c.contains(&SignalCode::MeasuredState), "{c:?}");
    assert!(!c.contains(&SignalCode::PassiveState), "{c:?}");
    let c = f("The migration runbook is written, reviewed and approved");
    assert!(c.contains(&SignalCode::PassiveState), "{c:?}");
    assert!(!c.contains(&SignalCode::MeasuredState), "{c:?}");
    // A first word that can be a verb but reads as a noun too.
    let c = f("Bike to work three times a week");
    assert!(c.contains(&SignalCode::FirstWordVerb), "{c:?}");
    assert!(!f("Revenue above $2M a month").contains(&SignalCode::FirstWordVerb));
    // A progressive after a subject is what the subject does.
    let c = f("At least four partners are running the beta");
    assert!(c.contains(&SignalCode::PresentTense), "{c:?}");
    // What people use is not work to ship.
    let c = f("Support agents rely on the handbook for every escalation");
    assert!(c.contains(&SignalCode::PresentTense), "{c:?}");
    assert!(!c.contains(&SignalCode::DeliverableNoun), "{c:?}");
    // "10 users tweet": the count ends before the verb.
    let c = f("10 users tweet about us every week");
    assert!(!c.contains(&SignalCode::CountOfThings), "{c:?}");
    // People counted after an instruction are not an audience's size.
    let c = f("Negotiate with 5 suppliers");
    assert!(!c.contains(&SignalCode::CountOfPeople), "{c:?}");
    assert!(f("40 paying customers").contains(&SignalCode::CountOfPeople));
}

#[test]
fn issue_15_patterns_written_for_the_tests() {
    for (text, want) in [
        // Counts of the team's own activities.
        ("Make 25 cold calls every week", StatementKind::Output),
        ("Send 200 outreach emails a month", StatementKind::Output),
        ("Give 4 conference talks", StatementKind::Output),
        ("Attend 2 trade fairs", StatementKind::Output),
        (
            "Grow the number of blog posts from 10 to 40",
            StatementKind::Output,
        ),
        // Work verbs outside the word lists.
        ("Undertake a vendor security review", StatementKind::Output),
        (
            "Negotiate volume discounts with our three largest carriers",
            StatementKind::Output,
        ),
        (
            "Prioritise the roadmap by customer impact",
            StatementKind::Output,
        ),
        (
            "Formalise the incident review process",
            StatementKind::Output,
        ),
        // Delivered work written as a state.
        (
            "The migration runbook is written, reviewed and approved",
            StatementKind::Output,
        ),
        ("Status page is live", StatementKind::Output),
        // Outcomes with no verb and no listed metric noun.
        (
            "7 of 10 pilot customers still active after 3 months",
            StatementKind::Outcome,
        ),
        (
            "Median time to first response ≤ 4 hours",
            StatementKind::Outcome,
        ),
        (
            "Median invoice approval time under 5 days",
            StatementKind::Outcome,
        ),
        // No evidence either way.
        ("Be the best", StatementKind::Undetermined),
    ] {
        let c = classify(text);
        assert_eq!(c.kind, want, "{text}: {:?}", c.signals);
    }
    // A leading verb of work wins over a metric structure.
    let c =
        default_classifier().classify_with("Hold 10 customer interviews", StructureHint::Metric);
    assert_eq!(c.kind, StatementKind::Output, "{:?}", c.signals);
}

/// A word ending in "ing" whose stem ends in two equal bytes that are not a
/// whole character ("人" is E4 BA BA) was cut inside the character when
/// undoubling a final consonant ("running" → "run"): a panic on any document
/// holding such a title. Found by review; each shape is a case here.
#[test]
fn a_doubled_byte_inside_a_character_is_not_cut() {
    for text in [
        "Customers are 人ing",
        "Users are 人人ing the app",
        "Teams are énnning",
        "Partners are ßßing",
        "People are 🙂🙂ing",
    ] {
        let c = classify(text);
        assert!((0.0..=1.0).contains(&c.confidence), "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// The clause shapes that reach the present-tense reading, with words of
    /// any letters (multi-byte ones included) before "ing".
    #[test]
    fn present_tense_reading_never_panics(
        subject in prop::sample::select(vec!["Customers", "Users", "Teams", "People"]),
        verb in "[a-zé人ßĳ🙂]{1,6}",
        rest in "[a-z 人]{0,12}",
    ) {
        let text = format!("{subject} are {verb}ing {rest}");
        let c = classify(&text);
        prop_assert!((0.0..=1.0).contains(&c.confidence));
    }
}

/// Statements made of the built-in vocabulary's words (verbs of work and of
/// results, metric and output nouns), numbers and percentages, with a few
/// other words: the shapes key results take.
fn vocabulary_statement() -> impl Strategy<Value = String> {
    let v = Vocabulary::english();
    let lists = [
        v.output_verbs(),
        v.outcome_verbs(),
        v.metric_nouns(),
        v.output_nouns(),
    ];
    let mut words: Vec<String> = lists.concat();
    words.extend(
        [
            "the",
            "from",
            "to",
            "by",
            "our",
            "new",
            "customers",
            "team",
            "weekly",
            "per",
        ]
        .map(str::to_owned),
    );
    let word = prop_oneof![
        4 => prop::sample::select(words),
        1 => (0..100_000u32).prop_map(|n| n.to_string()),
        1 => (0..100u32).prop_map(|n| format!("{n}%")),
    ];
    prop::collection::vec(word, 1..9).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Case, the spaces around a statement and a closing full stop are not
    /// evidence: the same kind, confidence and signals for "Grow weekly
    /// active teams to 1800", "GROW WEEKLY ACTIVE TEAMS TO 1800" and
    /// "  grow weekly active teams to 1800.  ".
    #[test]
    fn case_spaces_and_a_full_stop_change_nothing(text in vocabulary_statement()) {
        let classifier = Classifier::default();
        let reading = |t: &str| {
            let c = classifier.classify(t);
            let codes: Vec<SignalCode> = c.signals.iter().map(|s| s.code).collect();
            (c.kind, c.confidence, codes)
        };
        let plain = reading(&text);
        prop_assert_eq!(&reading(&text.to_uppercase()), &plain, "upper case");
        prop_assert_eq!(&reading(&format!("  {}.  ", text.to_lowercase())), &plain, "lower case, spaces, a full stop");
    }
}
