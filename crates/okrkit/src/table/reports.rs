//! Tables of the lint, score, health and ledger-history reports.

use super::build::row;
use super::columns::{cells, repeat_text, table, texts};
use super::locate::{self, Located};
use super::progress::{MeasureCells, col, count, per_key_result, unit};
use super::{Builder, ColumnSpec, DType, Names, Show, Table, TextLayout, Values, pct, tag};
use crate::health::{HealthReport, TeamHealth};
use crate::ledger::KeyResultVersion;
use crate::lint::LintReport;
use crate::model::DocumentRef;
use crate::score::{Band, ObjectiveScore, ScoreReport};

use DType::{Bool, Date, DateTime, F64, I64, Str};
use Show::{Hidden, Percent, Plain, Score, Status, Text};

/// `lint.findings`: one row per finding, with the ids it points into (so it
/// joins to `progress.key_results` on `key_result` and to
/// `progress.objectives` on `objective`).
pub const FINDINGS: &[ColumnSpec] = &[
    col("severity", Str, Status, "error, warning or info"),
    col("code", Str, Plain, "stable code of the rule"),
    col(
        "design_rule",
        Str,
        Hidden,
        "the rule of DESIGN.md it enforces (R1..R10)",
    ),
    col(
        "cycle",
        Str,
        Hidden,
        "cycle id the path points into (null when none)",
    ),
    col("team", Str, Hidden, "team id the path points into"),
    col("team_name", Str, Plain, "team name"),
    col(
        "objective",
        Str,
        Hidden,
        "objective id the path points into",
    ),
    col(
        "key_result",
        Str,
        Plain,
        "key result id the path points into",
    ),
    col(
        "title",
        Str,
        Text,
        "title of that key result, else of that objective",
    ),
    col("message", Str, Text, "what is wrong"),
    col("suggestion", Str, Hidden, "what to do about it"),
    col("path", Str, Hidden, "path of the element in the document"),
];

/// `score.objectives`: one row per objective of the cycle.
pub const SCORE_OBJECTIVES: &[ColumnSpec] = &[
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Hidden, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col("objective", Str, Plain, "objective id"),
    col("title", Str, Text, "objective title"),
    col("type", Str, Plain, "committed or aspirational"),
    col(
        "score",
        F64,
        Score,
        "weighted mean score of its key results, 0..1 (R5)",
    ),
    col("score_pct", F64, Hidden, "score in percent"),
    col(
        "band",
        Str,
        Status,
        "red (0-0.3), yellow (0.4-0.6), green (0.7-1.0); null when not scored",
    ),
    col(
        "verdict",
        Str,
        Status,
        "what the score means for this type of objective",
    ),
    col(
        "explanation_required",
        Bool,
        Hidden,
        "whether the team owes an explanation",
    ),
    col("message", Str, Hidden, "the verdict in words"),
    col("key_results", I64, Hidden, "number of key results"),
];

/// `score.key_results`: one row per key result of the cycle.
pub const SCORE_KEY_RESULTS: &[ColumnSpec] = &[
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Hidden, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Hidden, "team name"),
    col("objective", Str, Hidden, "objective id"),
    col("objective_title", Str, Hidden, "objective title"),
    col("key_result", Str, Plain, "key result id"),
    col("title", Str, Text, "key result title"),
    col("measure", Str, Hidden, "metric, threshold or milestone"),
    col("unit", Str, Hidden, "unit"),
    col(
        "attainment",
        F64,
        Hidden,
        "attainment at the cycle's close, unclamped",
    ),
    col("score", F64, Score, "score 0..1"),
    col("score_pct", F64, Hidden, "score in percent"),
    col(
        "band",
        Str,
        Status,
        "red, yellow or green (null when not scored)",
    ),
    col("weight", F64, Hidden, "weight in its objective"),
];

/// `score.teams`: one row per team and cycle.
pub const SCORE_TEAMS: &[ColumnSpec] = &[
    col("cycle", Str, Hidden, "cycle id"),
    col("cycle_name", Str, Plain, "cycle name"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col(
        "aspirational",
        F64,
        Score,
        "mean score of its aspirational objectives (null when none)",
    ),
    col(
        "committed",
        F64,
        Score,
        "mean score of its committed objectives (null when none)",
    ),
    col("objectives", I64, Plain, "objectives scored"),
];

/// `score.bands`: objectives per team and band at a cycle's close (four rows
/// per team: red, yellow, green, not_scored, in that order).
pub const SCORE_BANDS: &[ColumnSpec] = &[
    col("cycle", Str, Hidden, "cycle id"),
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col("band", Str, Status, "red, yellow, green or not_scored"),
    col(
        "objectives",
        I64,
        Plain,
        "objectives of the team in that band",
    ),
];

/// `health.teams`: the organisation (scope `organisation`), then each team.
pub const HEALTH_TEAMS: &[ColumnSpec] = &[
    col("cycle", Str, Hidden, "cycle id"),
    col("as_of", Date, Hidden, "date of the report"),
    col("scope", Str, Plain, "organisation or team"),
    col("team", Str, Hidden, "team id (null for the organisation)"),
    col(
        "team_name",
        Str,
        Plain,
        "team name (null for the organisation)",
    ),
    col("objectives", I64, Plain, "objectives"),
    col("key_results", I64, Plain, "key results"),
    col(
        "check_ins",
        I64,
        Hidden,
        "check-ins in the cycle up to as_of",
    ),
    col(
        "check_ins_per_key_result_per_week",
        F64,
        Plain,
        "check-in rhythm",
    ),
    col(
        "key_results_without_check_in",
        I64,
        Hidden,
        "key results never checked in",
    ),
    col(
        "stale_key_results",
        I64,
        Plain,
        "key results with no recent check-in",
    ),
    col(
        "stale_key_result_ids",
        Str,
        Hidden,
        "their ids, comma-separated",
    ),
    col(
        "outcome_key_results",
        I64,
        Hidden,
        "key results classified as outcomes (R1)",
    ),
    col(
        "outcome_share",
        F64,
        Hidden,
        "share of outcome key results, 0..1",
    ),
    col(
        "outcome_share_pct",
        F64,
        Percent,
        "outcome share in percent",
    ),
    col("score_red", I64, Hidden, "objectives in the red band"),
    col("score_yellow", I64, Hidden, "objectives in the yellow band"),
    col("score_green", I64, Hidden, "objectives in the green band"),
    col("score_not_scored", I64, Hidden, "objectives not scored"),
    col(
        "mean_confidence",
        F64,
        Plain,
        "mean latest confidence, 0..10",
    ),
    col(
        "renegotiations_proposed",
        I64,
        Hidden,
        "renegotiations proposed",
    ),
    col(
        "renegotiations_accepted",
        I64,
        Plain,
        "renegotiations accepted",
    ),
    col(
        "renegotiations_declined",
        I64,
        Hidden,
        "renegotiations declined",
    ),
    col(
        "renegotiations_countered",
        I64,
        Hidden,
        "renegotiations countered",
    ),
    col(
        "renegotiations_withdrawn",
        I64,
        Hidden,
        "renegotiations withdrawn",
    ),
    col(
        "renegotiations_open",
        I64,
        Hidden,
        "renegotiations still open",
    ),
    col("dependencies_opened", I64, Hidden, "dependencies opened"),
    col(
        "dependencies_accepted",
        I64,
        Hidden,
        "dependencies accepted",
    ),
    col(
        "dependencies_declined",
        I64,
        Hidden,
        "dependencies declined",
    ),
    col(
        "dependencies_escalated",
        I64,
        Hidden,
        "dependencies escalated",
    ),
    col(
        "dependencies_unanswered",
        I64,
        Plain,
        "dependencies unanswered",
    ),
];

/// `health.histograms`: the score and confidence histograms, one row per bin.
pub const HEALTH_HISTOGRAMS: &[ColumnSpec] = &[
    col("scope", Str, Plain, "organisation or team"),
    col("team", Str, Plain, "team id (null for the organisation)"),
    col(
        "histogram",
        Str,
        Plain,
        "score (objectives per tenth) or confidence (key results per value 0..10)",
    ),
    col("bin", I64, Plain, "bin index"),
    col("lower", F64, Plain, "lowest value of the bin"),
    col("count", I64, Plain, "how many fall in it"),
];

/// `health.calibration`: one row per flagged team and cycle of its run.
pub const CALIBRATION: &[ColumnSpec] = &[
    col("team", Str, Hidden, "team id"),
    col("team_name", Str, Plain, "team name"),
    col("flag", Str, Status, "safe_goals or overreaching"),
    col("cycle", Str, Plain, "a cycle of the run, oldest first"),
    col(
        "aspirational",
        F64,
        Score,
        "the team's aspirational mean score in it",
    ),
];

/// `history.versions`: one row per version of a key result (R4).
pub const VERSIONS: &[ColumnSpec] = &[
    col("seq", I64, Plain, "ledger sequence number"),
    col("entry", Str, Hidden, "ledger entry id"),
    col("at", DateTime, Plain, "when (UTC)"),
    col("event", Str, Status, "created, renegotiated, ..."),
    col("key_result", Str, Hidden, "key result id"),
    col("objective", Str, Hidden, "objective id"),
    col("team", Str, Hidden, "team id"),
    col("cycle", Str, Hidden, "cycle id"),
    col("title", Str, Text, "title of this version"),
    col("measure", Str, Hidden, "metric, threshold or milestone"),
    col("unit", Str, Hidden, "unit"),
    col("baseline", F64, Plain, "metric: baseline"),
    col("target", F64, Plain, "metric: target"),
    col("bound", F64, Hidden, "threshold: bound"),
    col("direction", Str, Hidden, "threshold: at_least or at_most"),
    col("weight", F64, Hidden, "weight"),
    col(
        "proposed_by_person",
        Str,
        Hidden,
        "who proposed the change (null: not a renegotiation)",
    ),
    col("proposed_by_team", Str, Hidden, "on behalf of which team"),
    col("accepted_by_person", Str, Plain, "who accepted it"),
    col("accepted_by_team", Str, Hidden, "on behalf of which team"),
    col("proposal", Str, Hidden, "entry id of the proposal"),
    col("reason", Str, Text, "why"),
    col("recorded_by_person", Str, Hidden, "who recorded the entry"),
    col("recorded_by_team", Str, Hidden, "on behalf of which team"),
];

/// `lint.findings` of a report; `doc` (when known) gives titles and team names.
pub fn findings(report: &LintReport, doc: Option<DocumentRef<'_>>) -> Table {
    let names = doc.map(Names::new);
    let mut b = Builder::new("lint.findings", FINDINGS, report.findings.len());
    for f in &report.findings {
        let at = &f.location;
        let title = names.as_ref().and_then(|n| {
            at.key_result
                .as_deref()
                .and_then(|k| n.key_result(k))
                .map(|k| k.title.as_str())
                .or_else(|| at.objective.as_deref().and_then(|o| n.objective_title(o)))
        });
        let team_name = names
            .as_ref()
            .and_then(|n| at.team.as_deref().and_then(|t| n.team_name(t)));
        row!(
            b,
            FINDINGS,
            [
                tag(&f.severity).into(),
                f.code.as_str().into(),
                f.design_rule.as_str().into(),
                at.cycle.as_deref().into(),
                at.team.as_deref().into(),
                team_name.into(),
                at.objective.as_deref().into(),
                at.key_result.as_deref().into(),
                title.into(),
                f.message.as_str().into(),
                f.suggestion.as_deref().into(),
                f.path.as_str().into(),
            ]
        );
    }
    b.finish()
}

/// Each objective of a score report located in the document (see [`locate`]).
fn locate_rows<'a>(
    doc: DocumentRef<'a>,
    names: &Names<'a>,
    report: &ScoreReport,
) -> Vec<Located<'a>> {
    let cycle = report.cycle.as_str();
    locate::objectives(doc, None, names, &report.objectives, |o| {
        [o.objective.as_str(), cycle, o.team.as_str()]
    })
}

/// `score.objectives` of a cycle's report. `doc` is the document the report
/// was scored on; if it was never validated and repeats an id, which of the
/// elements sharing it gives a row's titles is unspecified.
pub fn score_objectives<'a>(doc: impl Into<DocumentRef<'a>>, report: &ScoreReport) -> Table {
    let doc = doc.into();
    let names = Names::new(doc);
    let rows = &report.objectives;
    let at = locate_rows(doc, &names, report);
    let n = rows.len();
    let score = || rows.iter().map(|o| o.score);
    table!(
        "score.objectives",
        SCORE_OBJECTIVES,
        [
            repeat_text(Some(report.cycle.as_str()), n),
            repeat_text(names.cycle_name(report.cycle.as_str()), n),
            texts(rows.iter().map(|o| Some(o.team.as_str()))),
            texts(at.iter().map(|l| l.team_name)),
            texts(rows.iter().map(|o| Some(o.objective.as_str()))),
            texts(at.iter().map(|l| l.objective.map(|x| x.title.as_str()))),
            texts(rows.iter().map(|o| tag(&o.kind))),
            Values::F64(cells(n, score())),
            Values::F64(cells(n, score().map(pct))),
            texts(rows.iter().map(|o| o.band.as_ref().and_then(tag))),
            texts(rows.iter().map(|o| tag(&o.verdict))),
            Values::Bool(cells(n, rows.iter().map(|o| Some(o.explanation_required)))),
            texts(rows.iter().map(|o| Some(o.message.as_str()))),
            Values::I64(cells(n, rows.iter().map(|o| count(o.key_results.len())))),
        ]
    )
}

/// `score.key_results` of a cycle's report.
pub fn score_key_results<'a>(doc: impl Into<DocumentRef<'a>>, report: &ScoreReport) -> Table {
    let doc = doc.into();
    let names = Names::new(doc);
    let rows = &report.objectives;
    let at = locate_rows(doc, &names, report);
    let doc_krs = locate::key_results(
        &names,
        rows,
        &at,
        |o| &o.key_results,
        |k| k.key_result.as_str(),
    );
    let n = doc_krs.len();
    let krs = || rows.iter().flat_map(|o| &o.key_results);
    let krs_of = |o: &ObjectiveScore| o.key_results.len();
    let measures = || doc_krs.iter().map(|k| k.map(|k| &k.measure));
    let score = || krs().map(|k| k.score);
    table!(
        "score.key_results",
        SCORE_KEY_RESULTS,
        [
            repeat_text(Some(report.cycle.as_str()), n),
            repeat_text(names.cycle_name(report.cycle.as_str()), n),
            per_key_result(TextLayout::Offsets, rows, &at, krs_of, |o, _| Some(
                o.team.as_str()
            )),
            per_key_result(TextLayout::Offsets, rows, &at, krs_of, |_, l| l.team_name),
            per_key_result(TextLayout::Offsets, rows, &at, krs_of, |o, _| Some(
                o.objective.as_str()
            )),
            per_key_result(TextLayout::Offsets, rows, &at, krs_of, |_, l| {
                l.objective.map(|x| x.title.as_str())
            }),
            texts(krs().map(|k| Some(k.key_result.as_str()))),
            texts(doc_krs.iter().map(|k| k.map(|k| k.title.as_str()))),
            texts(measures().map(|m| m.and_then(|m| tag(&m.kind())))),
            texts(measures().map(unit)),
            Values::F64(cells(n, krs().map(|k| k.attainment))),
            Values::F64(cells(n, score())),
            Values::F64(cells(n, score().map(pct))),
            texts(krs().map(|k| k.band.as_ref().and_then(tag))),
            Values::F64(cells(n, krs().map(|k| Some(k.weight)))),
        ]
    )
}

/// `score.teams` of one or more cycles' reports (in the order given).
pub fn score_teams<'a>(doc: impl Into<DocumentRef<'a>>, reports: &[ScoreReport]) -> Table {
    let names = Names::new(doc);
    let n = reports.iter().map(|r| r.teams.len()).sum();
    let mut b = Builder::new("score.teams", SCORE_TEAMS, n);
    for t in reports.iter().flat_map(|r| &r.teams) {
        row!(
            b,
            SCORE_TEAMS,
            [
                t.cycle.as_str().into(),
                names.cycle_name(t.cycle.as_str()).into(),
                t.team.as_str().into(),
                names.team_name(t.team.as_str()).into(),
                t.aspirational.into(),
                t.committed.into(),
                t.objectives.into(),
            ]
        );
    }
    b.finish()
}

/// `score.bands` of a cycle's report: objectives per team and band, teams in
/// the order of `report.teams`.
///
/// ```
/// let org = okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1", "type": "aspirational",
///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 60%",
///       "measure": {"type": "metric", "baseline": 50, "target": 60, "current": 57}}]}]
/// }"#).unwrap();
/// let t = okrkit::table::reports::score_bands(org.document(), &org.score_cycle("q1").unwrap());
/// assert_eq!(t.len(), 4);
/// assert_eq!(t.column("band").unwrap().str(2), Some("green"));
/// assert_eq!(t.column("objectives").unwrap().i64(2), Some(1));
/// ```
pub fn score_bands<'a>(doc: impl Into<DocumentRef<'a>>, report: &ScoreReport) -> Table {
    let names = Names::new(doc);
    let mut b = Builder::new("score.bands", SCORE_BANDS, report.teams.len() * 4);
    for t in &report.teams {
        let mut counts = [0usize; 4];
        for o in report.objectives.iter().filter(|o| o.team == t.team) {
            let i = match o.band {
                Some(Band::Red) => 0,
                Some(Band::Yellow) => 1,
                Some(Band::Green) => 2,
                None => 3,
            };
            counts[i] += 1;
        }
        let team_name = names.team_name(t.team.as_str());
        for (band, n) in ["red", "yellow", "green", "not_scored"].iter().zip(counts) {
            row!(
                b,
                SCORE_BANDS,
                [
                    report.cycle.as_str().into(),
                    t.team.as_str().into(),
                    team_name.into(),
                    (*band).into(),
                    n.into(),
                ]
            );
        }
    }
    b.finish()
}

fn health_row(b: &mut Builder, r: &HealthReport, names: &Names<'_>, h: &TeamHealth) {
    let team = h.team.as_ref().map(|t| t.as_str());
    let stale: Vec<&str> = h.stale_key_results.iter().map(|k| k.as_str()).collect();
    let (rn, dp) = (&h.renegotiations, &h.dependencies);
    row!(
        b,
        HEALTH_TEAMS,
        [
            r.cycle.as_str().into(),
            r.as_of.into(),
            (if team.is_some() {
                "team"
            } else {
                "organisation"
            })
            .into(),
            team.into(),
            team.and_then(|t| names.team_name(t)).into(),
            h.objectives.into(),
            h.key_results.into(),
            h.check_ins.into(),
            h.check_ins_per_key_result_per_week.into(),
            h.key_results_without_check_in.into(),
            h.stale_key_results.len().into(),
            stale.join(", ").into(),
            h.outcome_key_results.into(),
            h.outcome_share.into(),
            pct(h.outcome_share).into(),
            h.score_bands.red.into(),
            h.score_bands.yellow.into(),
            h.score_bands.green.into(),
            h.score_bands.not_scored.into(),
            h.mean_confidence.into(),
            rn.proposed.into(),
            rn.accepted.into(),
            rn.declined.into(),
            rn.countered.into(),
            rn.withdrawn.into(),
            rn.open.into(),
            dp.opened.into(),
            dp.accepted.into(),
            dp.declined.into(),
            dp.escalated.into(),
            dp.unanswered.into(),
        ]
    );
}

/// `health.teams` of a report: the organisation first, then each team.
pub fn health_teams<'a>(doc: impl Into<DocumentRef<'a>>, report: &HealthReport) -> Table {
    let names = Names::new(doc);
    let mut b = Builder::new("health.teams", HEALTH_TEAMS, 1 + report.teams.len());
    health_row(&mut b, report, &names, &report.organisation);
    for t in &report.teams {
        health_row(&mut b, report, &names, t);
    }
    b.finish()
}

/// `health.histograms` of a report (organisation first, then each team;
/// score bins then confidence bins).
pub fn health_histograms(report: &HealthReport) -> Table {
    let all = std::iter::once(&report.organisation).chain(&report.teams);
    let mut b = Builder::new(
        "health.histograms",
        HEALTH_HISTOGRAMS,
        21 * (1 + report.teams.len()),
    );
    for h in all {
        let scope = if h.team.is_some() {
            "team"
        } else {
            "organisation"
        };
        let team = h.team.as_ref().map(|t| t.as_str());
        for (i, n) in h.score_histogram.iter().enumerate() {
            row!(
                b,
                HEALTH_HISTOGRAMS,
                [
                    scope.into(),
                    team.into(),
                    "score".into(),
                    i.into(),
                    (i as f64 / 10.0).into(),
                    (*n).into(),
                ]
            );
        }
        for (i, n) in h.confidence_histogram.iter().enumerate() {
            row!(
                b,
                HEALTH_HISTOGRAMS,
                [
                    scope.into(),
                    team.into(),
                    "confidence".into(),
                    i.into(),
                    (i as f64).into(),
                    (*n).into(),
                ]
            );
        }
    }
    b.finish()
}

/// `health.calibration` of a report: one row per cycle of each flagged run.
pub fn calibration<'a>(doc: impl Into<DocumentRef<'a>>, report: &HealthReport) -> Table {
    calibration_of(doc, &report.calibration)
}

/// `health.calibration` of calibration flags (e.g. from [`crate::score::calibrate`]).
pub fn calibration_of<'a>(
    doc: impl Into<DocumentRef<'a>>,
    flags: &[crate::score::Calibration],
) -> Table {
    let names = Names::new(doc);
    let n = flags.iter().map(|c| c.cycles.len()).sum();
    let mut b = Builder::new("health.calibration", CALIBRATION, n);
    for c in flags {
        let team_name = names.team_name(c.team.as_str());
        for (i, cycle) in c.cycles.iter().enumerate() {
            row!(
                b,
                CALIBRATION,
                [
                    c.team.as_str().into(),
                    team_name.into(),
                    tag(&c.flag).into(),
                    cycle.as_str().into(),
                    c.scores.get(i).copied().into(),
                ]
            );
        }
    }
    b.finish()
}

/// `history.versions` of a key result's history.
pub fn versions(history: &[KeyResultVersion]) -> Table {
    let mut b = Builder::new("history.versions", VERSIONS, history.len());
    for v in history {
        let m = MeasureCells::of(Some(&v.measure));
        row!(
            b,
            VERSIONS,
            [
                v.seq.into(),
                v.entry.to_string().into(),
                v.at.into(),
                tag(&v.event).into(),
                v.key_result.as_str().into(),
                v.objective.as_str().into(),
                v.team.as_str().into(),
                v.cycle.as_str().into(),
                v.title.as_str().into(),
                m.kind.into(),
                m.unit.into(),
                m.baseline.into(),
                m.target.into(),
                m.bound.into(),
                m.direction.into(),
                v.weight.into(),
                v.proposed_by.as_ref().map(|a| a.person.as_str()).into(),
                v.proposed_by.as_ref().map(|a| a.team.as_str()).into(),
                v.accepted_by.as_ref().map(|a| a.person.as_str()).into(),
                v.accepted_by.as_ref().map(|a| a.team.as_str()).into(),
                v.proposal.as_ref().map(|p| p.to_string()).into(),
                v.reason.as_deref().into(),
                v.recorded_by.person.as_str().into(),
                v.recorded_by.team.as_str().into(),
            ]
        );
    }
    b.finish()
}
