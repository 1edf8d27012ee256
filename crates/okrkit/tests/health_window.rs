//! Health of a cycle counts one window for every figure (F7 of round 15):
//! check-ins in the cycle up to the end (UTC) of the earlier of the date asked
//! and the cycle's last day. Counts, the rate, key results without a check-in
//! and the confidence figures read that window; score bands read progress at
//! that day, where a key result whose only check-in is from before the start
//! is at the value in force when the cycle starts (README, "As of a date").

use chrono::NaiveDate;
use okrkit::health::{HealthOptions, HealthReport};
use okrkit::score::Band;
use okrkit::{Org, ProgressOptions};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn health(org: &Org, as_of: Option<&str>) -> HealthReport {
    let mut opts = HealthOptions::default();
    if let Some(d) = as_of {
        opts = opts.as_of(day(d));
    }
    org.health("q", &opts).expect("health")
}

/// A cycle q (2026-01-01 to 03-31), three key results; check-ins before the
/// start (k1), on the last day (k2, twice: 12:00Z and 23:59:59-05:00, which
/// is 04-01 in UTC), and after the end (k1 on 04-01, k3 on 04-02).
fn span() -> Org {
    Org::from_json(
        r#"{"schema_version": 1,
        "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "t", "name": "T"}],
        "objectives": [{"id": "o", "title": "Obj", "team": "t", "cycle": "q", "type": "aspirational",
          "key_results": [
            {"id": "k1", "title": "Conversion rate of k1 > 5%", "measure": {"type": "metric", "baseline": 0, "target": 10}},
            {"id": "k2", "title": "Conversion rate of k2 > 5%", "measure": {"type": "metric", "baseline": 0, "target": 10}},
            {"id": "k3", "title": "Conversion rate of k3 > 5%", "measure": {"type": "metric", "baseline": 0, "target": 10, "current": 9}}]}],
        "check_ins": [
          {"key_result": "k1", "at": "2025-12-15T00:00:00Z", "value": 4, "confidence": 2},
          {"key_result": "k1", "at": "2026-04-01T00:00:00Z", "value": 10, "confidence": 9},
          {"key_result": "k2", "at": "2026-03-31T23:59:59-05:00", "value": 10, "confidence": 9},
          {"key_result": "k2", "at": "2026-03-31T12:00:00Z", "value": 6, "confidence": 5},
          {"key_result": "k3", "at": "2026-04-02T00:00:00Z", "value": 1, "confidence": 9}]}"#,
    )
    .expect("valid")
}

#[test]
fn an_ended_cycle_is_judged_at_its_last_day_whatever_later_date_is_asked() {
    let org = span();
    let at_end = health(&org, None);
    let o = &at_end.organisation;
    // Only k2's 12:00Z check-in is in the cycle.
    assert_eq!(o.check_ins, 1);
    assert_eq!(o.key_results_without_check_in, 2);
    assert_eq!(o.confidence_histogram[5], 1);
    assert_eq!(o.confidence_histogram.iter().sum::<usize>(), 1);
    assert_eq!(o.mean_confidence, Some(5.0));
    // The objective at the close: k1 at 4 (from before the start), k2 at 6,
    // k3 at 0 (its only check-in is after the end): 10/30, red, as the score.
    let score = org.score_cycle("q").expect("score");
    let band = score.objectives[0].band.expect("scored");
    assert_eq!(band, Band::Red);
    assert_eq!(o.score_bands.red, 1);
    for later in ["2026-04-01", "2026-04-02", "2026-06-01", "2027-01-01"] {
        let h = health(&org, Some(later));
        assert_eq!(h.as_of, day(later));
        assert_eq!(h.organisation, at_end.organisation, "as of {later}");
        assert_eq!(h.teams, at_end.teams, "as of {later}");
    }
}

#[test]
fn a_check_in_before_the_start_is_no_check_in_of_the_cycle_but_sets_the_value_in_force() {
    let org = Org::from_json(
        r#"{"schema_version": 1,
        "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "t", "name": "T"}],
        "objectives": [{"id": "o", "title": "Obj", "team": "t", "cycle": "q", "type": "aspirational",
          "key_results": [{"id": "k1", "title": "Conversion rate of k1 > 5%", "measure": {"type": "metric", "baseline": 0, "target": 10}}]}],
        "check_ins": [{"key_result": "k1", "at": "2025-12-15T00:00:00Z", "value": 4, "confidence": 3}]}"#,
    )
    .expect("valid");
    let h = health(&org, Some("2026-02-01"));
    let o = &h.organisation;
    assert_eq!(o.check_ins, 0);
    assert_eq!(o.key_results_without_check_in, 1);
    // No check-in in the cycle: no confidence either.
    assert_eq!(o.confidence_histogram, [0; 11]);
    assert_eq!(o.mean_confidence, None);
    // The band reads progress at the date: the value in force at the start
    // (4 of 10), as `progress` reports it.
    let progress = org
        .progress(&ProgressOptions::default().as_of(day("2026-02-01")))
        .expect("progress");
    assert_eq!(progress.objectives[0].progress, Some(0.4));
    assert_eq!(o.score_bands.yellow, 1);
}

/// Within the cycle, health's bands are those of progress at the date, and
/// its counts grow with the date until the last day, then stay.
#[test]
fn within_the_cycle_bands_follow_progress_at_the_date() {
    let org = span();
    let mut previous = 0;
    for d in [
        "2025-12-31",
        "2026-01-01",
        "2026-02-15",
        "2026-03-31",
        "2026-05-01",
    ] {
        let h = health(&org, Some(d));
        let judged = day(d).min(day("2026-03-31"));
        let progress = org
            .progress(&ProgressOptions::default().as_of(judged).cycle("q"))
            .expect("progress");
        let band = progress.objectives[0]
            .progress
            .map(|p| Band::try_of(p).expect("a score"));
        let bands = h.organisation.score_bands;
        assert_eq!(
            (bands.red, bands.yellow, bands.green),
            match band {
                Some(Band::Red) => (1, 0, 0),
                Some(Band::Yellow) => (0, 1, 0),
                Some(Band::Green) => (0, 0, 1),
                _ => (0, 0, 0),
            },
            "as of {d}"
        );
        assert!(h.organisation.check_ins >= previous);
        previous = h.organisation.check_ins;
    }
    assert_eq!(previous, 1);
}

/// Two quarters, q1 and q2, one aspirational objective each, both met in
/// full: q1 by a check-in on 03-01, q2 by one on 06-20 (r15b finding 2).
fn two_quarters() -> Org {
    Org::from_json(
        r#"{"schema_version":1,"cycles":[{"id":"q1","name":"Q1","start":"2026-01-01","end":"2026-03-31"},{"id":"q2","name":"Q2","start":"2026-04-01","end":"2026-06-30"}],
        "teams":[{"id":"t","name":"T"}],"people":[],
        "objectives":[
        {"id":"o1","title":"Grow the thing","team":"t","cycle":"q1","type":"aspirational","key_results":[{"id":"k1","title":"Reach 10 users","measure":{"type":"metric","baseline":0,"target":10}}]},
        {"id":"o2","title":"Grow it again","team":"t","cycle":"q2","type":"aspirational","key_results":[{"id":"k2","title":"Reach 20 users","measure":{"type":"metric","baseline":0,"target":20}}]}],
        "check_ins":[{"key_result":"k1","at":"2026-03-01T09:00:00Z","value":10},{"key_result":"k2","at":"2026-06-20T09:00:00Z","value":20}]}"#,
    )
    .expect("valid")
}

fn stretch_codes(org: &Org, as_of: Option<&str>) -> Vec<String> {
    let mut opts = okrkit::lint::LintOptions::default();
    if let Some(d) = as_of {
        opts = opts.as_of(day(d));
    }
    org.lint(&opts)
        .findings
        .into_iter()
        .filter(|f| f.code.as_str().starts_with("stretch_"))
        .map(|f| format!("{} {}", f.code.as_str(), f.message))
        .collect()
}

/// Calibration reads nothing after the date either: a cycle that has not
/// ended by it is left out of the run until it ends (its close would read
/// q2's 06-20 check-in on 04-10), in health and in lint's `stretch_*`.
#[test]
fn calibration_leaves_out_a_cycle_that_has_not_ended_by_the_date() {
    let org = two_quarters();
    let q2 = |d: Option<&str>| {
        let mut opts = HealthOptions::default();
        if let Some(d) = d {
            opts = opts.as_of(day(d));
        }
        org.health("q2", &opts).expect("health")
    };
    for d in ["2026-04-10", "2026-06-20", "2026-06-29"] {
        let h = q2(Some(d));
        assert!(h.calibration.is_empty(), "{d}: {:?}", h.calibration);
        assert!(stretch_codes(&org, Some(d)).is_empty(), "{d}");
    }
    assert_eq!(q2(Some("2026-04-10")).organisation.check_ins, 0);
    // From q2's last day on, both cycles are scored at their close.
    for d in [Some("2026-06-30"), Some("2026-09-01"), None] {
        let h = q2(d);
        assert_eq!(h.calibration.len(), 1, "{d:?}");
        let c = &h.calibration[0];
        assert_eq!(c.flag, okrkit::score::CalibrationFlag::SafeGoals);
        let cycles: Vec<&str> = c.cycles.iter().map(|c| c.as_str()).collect();
        assert_eq!(cycles, ["q1", "q2"]);
        assert_eq!(c.scores, [1.0, 1.0]);
        assert_eq!(
            stretch_codes(&org, d),
            [
                "stretch_safe_goals team 't' scored 1.00, 1.00 on its aspirational objectives in cycles q1, q2: at or above 1.0 cycle after cycle means the goals are safe, not stretch (R5, seed 002)"
            ],
            "{d:?}"
        );
    }
    // q1's health asks about q1 only: q2 is not in its run at any date.
    assert!(
        org.health("q1", &HealthOptions::default())
            .expect("health")
            .calibration
            .is_empty()
    );
}
