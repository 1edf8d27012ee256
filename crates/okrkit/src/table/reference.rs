//! The row-by-row builders of the four progress tables and the two score
//! tables of objectives and key results (as they were before
//! the tables were built by column, each cell through [`row!`] and every
//! look-up through the id maps of [`Names`]): the reference the by-column
//! builders of `progress.rs` are checked against, on generated organisations
//! with scoped, shuffled, filtered and renamed reports.

use super::build::{Cell, row};
use super::progress::{CYCLES, KEY_RESULTS, MeasureCells, OBJECTIVES, TEAMS};
use super::reports::{SCORE_KEY_RESULTS, SCORE_OBJECTIVES};
use super::{Builder, Names, Table, pct, tag};
use crate::Org;
use crate::model::DocumentRef;
use crate::progress::{Pace, ProgressReport};
use crate::score::ScoreReport;

fn pace_cells(p: Option<&Pace>) -> [Cell<'static>; 4] {
    let expected = p.map(|p| p.expected);
    [
        expected.into(),
        pct(expected).into(),
        p.map(|p| p.delta).into(),
        p.and_then(|p| tag(&p.status)).into(),
    ]
}

/// `progress.objectives` of a report on `org`.
pub(crate) fn objectives(org: &Org, report: &ProgressReport) -> Table {
    let names = Names::new(org.document());
    let mut b = Builder::new("progress.objectives", OBJECTIVES, report.objectives.len());
    for o in &report.objectives {
        let doc_o = names.objective(o.objective.as_str());
        let [e, ep, d, s] = pace_cells(o.pace.as_ref());
        row!(
            b,
            OBJECTIVES,
            [
                report.as_of.into(),
                o.cycle.as_str().into(),
                names.cycle_name(o.cycle.as_str()).into(),
                o.team.as_str().into(),
                names.team_name(o.team.as_str()).into(),
                o.objective.as_str().into(),
                doc_o.map(|x| x.title.as_str()).into(),
                tag(&o.kind).into(),
                o.progress.into(),
                pct(o.progress).into(),
                e,
                ep,
                d,
                s,
                o.key_results.len().into(),
                o.counted.into(),
                o.left_out.into(),
                o.milestones_counted.into(),
                doc_o
                    .and_then(|x| x.aligned_to.as_ref())
                    .map(|a| a.objective.as_str())
                    .into(),
            ]
        );
    }
    b.finish()
}

/// `progress.key_results` of a report on `org`.
pub(crate) fn key_results(org: &Org, report: &ProgressReport) -> Table {
    let names = Names::new(org.document());
    let n = report.objectives.iter().map(|o| o.key_results.len()).sum();
    let mut b = Builder::new("progress.key_results", KEY_RESULTS, n);
    for o in &report.objectives {
        let cycle_name = names.cycle_name(o.cycle.as_str());
        let team_name = names.team_name(o.team.as_str());
        let objective_title = names.objective_title(o.objective.as_str());
        for k in &o.key_results {
            let kr = names.key_result(k.key_result.as_str());
            let m = MeasureCells::of(kr.map(|k| &k.measure));
            row!(
                b,
                KEY_RESULTS,
                [
                    report.as_of.into(),
                    o.cycle.as_str().into(),
                    cycle_name.into(),
                    o.team.as_str().into(),
                    team_name.into(),
                    o.objective.as_str().into(),
                    objective_title.into(),
                    k.key_result.as_str().into(),
                    kr.map(|k| k.title.as_str()).into(),
                    tag(&k.measure).into(),
                    m.unit.into(),
                    m.baseline.into(),
                    m.target.into(),
                    m.bound.into(),
                    m.direction.into(),
                    k.value.into(),
                    tag(&k.value_source).into(),
                    k.attainment.into(),
                    k.progress.into(),
                    pct(k.progress).into(),
                    k.weight.into(),
                    k.counted.into(),
                    k.left_out.as_ref().and_then(tag).into(),
                ]
            );
        }
    }
    b.finish()
}

/// `progress.teams` of a report on `org`.
pub(crate) fn teams(org: &Org, report: &ProgressReport) -> Table {
    let names = Names::new(org.document());
    let mut b = Builder::new("progress.teams", TEAMS, report.teams.len());
    for t in &report.teams {
        let [e, ep, d, s] = pace_cells(t.pace.as_ref());
        row!(
            b,
            TEAMS,
            [
                report.as_of.into(),
                t.cycle.as_str().into(),
                names.cycle_name(t.cycle.as_str()).into(),
                t.team.as_str().into(),
                names.team_name(t.team.as_str()).into(),
                t.progress.into(),
                pct(t.progress).into(),
                e,
                ep,
                d,
                s,
                t.objectives.into(),
                t.objectives_without_progress.into(),
            ]
        );
    }
    b.finish()
}

/// `progress.cycles` of a report on `org`.
pub(crate) fn cycles(org: &Org, report: &ProgressReport) -> Table {
    let names = Names::new(org.document());
    let mut b = Builder::new("progress.cycles", CYCLES, report.cycles.len());
    for c in &report.cycles {
        let cy = names.cycle(c.cycle.as_str());
        let [e, ep, d, s] = pace_cells(c.pace.as_ref());
        row!(
            b,
            CYCLES,
            [
                report.as_of.into(),
                c.cycle.as_str().into(),
                cy.map(|c| c.name.as_str()).into(),
                cy.map(|c| c.start).into(),
                cy.map(|c| c.end).into(),
                c.progress.into(),
                pct(c.progress).into(),
                e,
                ep,
                d,
                s,
                c.objectives.into(),
                c.objectives_without_progress.into(),
            ]
        );
    }
    b.finish()
}

/// `score.objectives` of a cycle's report.
pub(crate) fn score_objectives<'a>(doc: impl Into<DocumentRef<'a>>, report: &ScoreReport) -> Table {
    let names = Names::new(doc);
    let cycle_name = names.cycle_name(report.cycle.as_str());
    let mut b = Builder::new(
        "score.objectives",
        SCORE_OBJECTIVES,
        report.objectives.len(),
    );
    for o in &report.objectives {
        row!(
            b,
            SCORE_OBJECTIVES,
            [
                report.cycle.as_str().into(),
                cycle_name.into(),
                o.team.as_str().into(),
                names.team_name(o.team.as_str()).into(),
                o.objective.as_str().into(),
                names.objective_title(o.objective.as_str()).into(),
                tag(&o.kind).into(),
                o.score.into(),
                pct(o.score).into(),
                o.band.as_ref().and_then(tag).into(),
                tag(&o.verdict).into(),
                o.explanation_required.into(),
                o.message.as_str().into(),
                o.key_results.len().into(),
            ]
        );
    }
    b.finish()
}

/// `score.key_results` of a cycle's report.
pub(crate) fn score_key_results<'a>(
    doc: impl Into<DocumentRef<'a>>,
    report: &ScoreReport,
) -> Table {
    let names = Names::new(doc);
    let cycle_name = names.cycle_name(report.cycle.as_str());
    let n = report.objectives.iter().map(|o| o.key_results.len()).sum();
    let mut b = Builder::new("score.key_results", SCORE_KEY_RESULTS, n);
    for o in &report.objectives {
        let team_name = names.team_name(o.team.as_str());
        let objective_title = names.objective_title(o.objective.as_str());
        for k in &o.key_results {
            let kr = names.key_result(k.key_result.as_str());
            let m = MeasureCells::of(kr.map(|k| &k.measure));
            row!(
                b,
                SCORE_KEY_RESULTS,
                [
                    report.cycle.as_str().into(),
                    cycle_name.into(),
                    o.team.as_str().into(),
                    team_name.into(),
                    o.objective.as_str().into(),
                    objective_title.into(),
                    k.key_result.as_str().into(),
                    kr.map(|k| k.title.as_str()).into(),
                    m.kind.into(),
                    m.unit.into(),
                    k.attainment.into(),
                    k.score.into(),
                    pct(k.score).into(),
                    k.band.as_ref().and_then(tag).into(),
                    k.weight.into(),
                ]
            );
        }
    }
    b.finish()
}

mod props {
    use super::super::{progress, reports};
    use crate::generate::{GenerateOptions, generate};
    use crate::progress::{KeyResultProgress, ObjectiveProgress, ProgressReport};
    use crate::score::{KeyResultScore, ObjectiveScore};
    use crate::{CycleId, KeyResultId, ObjectiveId, Org, ProgressOptions, TeamId};
    use proptest::prelude::*;

    /// One change to a report, as a user holding its public fields could make.
    #[derive(Debug, Clone)]
    enum Edit {
        /// Swap two objective rows.
        Swap(usize, usize),
        /// Drop an objective row.
        Drop(usize),
        /// Repeat an objective row at the end.
        Repeat(usize),
        /// Give an objective row an id the document lacks.
        UnknownObjective(usize),
        /// Give an objective row (and its team row) a team the document lacks.
        UnknownTeam(usize),
        /// Give an objective row (and its cycle row) a cycle the document lacks.
        UnknownCycle(usize),
        /// Give a key result row an id the document lacks.
        UnknownKeyResult(usize, usize),
        /// Reverse an objective's key result rows.
        ReverseKeyResults(usize),
        /// Move a key result row to another objective.
        MoveKeyResult(usize, usize),
        /// Empty an objective's key result rows (as Node's `keyResults:
        /// false` does, its counts kept).
        ClearKeyResults(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let i = || 0..64usize;
        prop_oneof![
            (i(), i()).prop_map(|(a, b)| Edit::Swap(a, b)),
            i().prop_map(Edit::Drop),
            i().prop_map(Edit::Repeat),
            i().prop_map(Edit::UnknownObjective),
            i().prop_map(Edit::UnknownTeam),
            i().prop_map(Edit::UnknownCycle),
            (i(), i()).prop_map(|(a, b)| Edit::UnknownKeyResult(a, b)),
            i().prop_map(Edit::ReverseKeyResults),
            (i(), i()).prop_map(|(a, b)| Edit::MoveKeyResult(a, b)),
            i().prop_map(Edit::ClearKeyResults),
        ]
    }

    /// The parts of an objective row (of a progress or a score report) an
    /// edit changes.
    trait Row: Clone {
        type Kr;
        fn objective(&mut self) -> &mut ObjectiveId;
        fn team(&mut self) -> &mut TeamId;
        fn key_results(&mut self) -> &mut Vec<Self::Kr>;
        fn key_result(k: &mut Self::Kr) -> &mut KeyResultId;
    }

    macro_rules! row_parts {
        ($t:ty, $k:ty) => {
            impl Row for $t {
                type Kr = $k;
                fn objective(&mut self) -> &mut ObjectiveId {
                    &mut self.objective
                }
                fn team(&mut self) -> &mut TeamId {
                    &mut self.team
                }
                fn key_results(&mut self) -> &mut Vec<$k> {
                    &mut self.key_results
                }
                fn key_result(k: &mut $k) -> &mut KeyResultId {
                    &mut k.key_result
                }
            }
        };
    }
    row_parts!(ObjectiveProgress, KeyResultProgress);
    row_parts!(ObjectiveScore, KeyResultScore);

    /// Applies `e` to the objective rows (a cycle edit changes nothing
    /// here: score rows carry no cycle; see [`apply`]).
    fn apply_rows<O: Row>(rows: &mut Vec<O>, e: &Edit) {
        let n = rows.len();
        if n == 0 {
            return;
        }
        match *e {
            Edit::Swap(a, b) => rows.swap(a % n, b % n),
            Edit::Drop(a) => {
                rows.remove(a % n);
            }
            Edit::Repeat(a) => {
                let o = rows[a % n].clone();
                rows.push(o);
            }
            Edit::UnknownObjective(a) => {
                *rows[a % n].objective() = ObjectiveId::from("no-such-objective");
            }
            Edit::UnknownTeam(a) => *rows[a % n].team() = TeamId::from("no-such-team"),
            Edit::UnknownCycle(_) => {}
            Edit::UnknownKeyResult(a, k) => {
                let krs = rows[a % n].key_results();
                if !krs.is_empty() {
                    let m = krs.len();
                    *O::key_result(&mut krs[k % m]) = KeyResultId::from("no-such-key-result");
                }
            }
            Edit::ReverseKeyResults(a) => rows[a % n].key_results().reverse(),
            Edit::ClearKeyResults(a) => rows[a % n].key_results().clear(),
            Edit::MoveKeyResult(a, b) => {
                if let Some(k) = rows[a % n].key_results().pop() {
                    rows[b % n].key_results().push(k);
                }
            }
        }
    }

    /// Applies `e` to a progress report: its objective rows, and for team
    /// and cycle edits a team or cycle row too.
    fn apply(r: &mut ProgressReport, e: &Edit) {
        let n = r.objectives.len();
        match *e {
            Edit::UnknownTeam(a) => {
                if let Some(t) = r.teams.get_mut(a % n.max(1)) {
                    t.team = TeamId::from("no-such-team");
                }
            }
            Edit::UnknownCycle(a) if n > 0 => {
                r.objectives[a % n].cycle = CycleId::from("no-such-cycle");
                if let Some(c) = r.cycles.first_mut() {
                    c.cycle = CycleId::from("no-such-cycle");
                }
                if let Some(t) = r.teams.get_mut(a % n) {
                    t.cycle = CycleId::from("no-such-cycle");
                }
            }
            _ => {}
        }
        apply_rows(&mut r.objectives, e);
    }

    /// The four progress tables built with text as views hold the
    /// reference's cells, and (feature `arrow`) reach Arrow as the same
    /// `Utf8View` arrays as the tables built with offsets.
    fn every_layout_equals_the_reference(
        org: &Org,
        report: &ProgressReport,
    ) -> Result<(), TestCaseError> {
        use crate::table::{TextLayout, select};
        let want = [
            super::objectives(org, report),
            super::key_results(org, report),
            super::teams(org, report),
            super::cycles(org, report),
        ];
        for (name, want) in select::PROGRESS.iter().zip(want) {
            let views = select::progress_in(org, report, Some(name), TextLayout::Views)
                .expect("a progress table");
            prop_assert_eq!(&views, &want);
            #[cfg(feature = "arrow")]
            {
                let offsets = select::progress(org, report, Some(name)).expect("a progress table");
                let (a, b) = (views.into_arrow_views(), offsets.into_arrow_views());
                prop_assert_eq!(a.expect("valid"), b.expect("valid"));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the organisation, the report's scope and what was done
        /// to its rows afterwards, each table built by column equals the
        /// row-by-row reference, cell for cell.
        #[test]
        fn tables_built_by_column_equal_the_row_by_row_reference(
            seed in any::<u64>(),
            (teams, objectives, key_results, cycles) in (1..6usize, 1..16usize, 0..60usize, 1..4usize),
            as_of in proptest::option::of(0..200i64),
            cycle in proptest::option::of(0..4usize),
            team in proptest::option::of(0..6usize),
            edits in proptest::collection::vec(edit(), 0..6),
        ) {
            let doc = generate(&GenerateOptions {
                seed,
                teams,
                objectives,
                key_results,
                check_ins: key_results * 3,
                cycles,
            });
            let org = Org::new(doc).expect("generated documents are valid");
            let d = org.document();
            let opts = ProgressOptions {
                as_of: as_of.and_then(|days| {
                    chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
                        .map(|s| s + chrono::Duration::days(days))
                }),
                cycle: cycle.and_then(|c| d.cycles.get(c)).map(|c| c.id.clone()),
                team: team.and_then(|t| d.teams.get(t)).map(|t| t.id.clone()),
                ..ProgressOptions::default()
            };
            let mut report = org.progress(&opts).expect("known cycle and team");
            for e in &edits {
                apply(&mut report, e);
            }
            prop_assert_eq!(progress::objectives(&org, &report), super::objectives(&org, &report));
            prop_assert_eq!(progress::key_results(&org, &report), super::key_results(&org, &report));
            prop_assert_eq!(progress::teams(&org, &report), super::teams(&org, &report));
            prop_assert_eq!(progress::cycles(&org, &report), super::cycles(&org, &report));
            every_layout_equals_the_reference(&org, &report)?;
            // The same report against another organisation (a caller's
            // mistake the tables must survive): the same cells as the
            // reference, whatever is found or missing there.
            let other = Org::new(generate(&GenerateOptions {
                seed: seed.wrapping_add(1),
                teams,
                objectives: objectives.div_ceil(2),
                key_results: key_results / 2,
                check_ins: key_results,
                cycles,
            }))
            .expect("generated documents are valid");
            prop_assert_eq!(progress::objectives(&other, &report), super::objectives(&other, &report));
            prop_assert_eq!(progress::key_results(&other, &report), super::key_results(&other, &report));
            prop_assert_eq!(progress::teams(&other, &report), super::teams(&other, &report));
            prop_assert_eq!(progress::cycles(&other, &report), super::cycles(&other, &report));
            every_layout_equals_the_reference(&other, &report)?;
            for mut s in org.score_all() {
                for e in &edits {
                    apply_rows(&mut s.objectives, e);
                }
                prop_assert_eq!(reports::score_objectives(d, &s), super::score_objectives(d, &s));
                prop_assert_eq!(reports::score_key_results(d, &s), super::score_key_results(d, &s));
            }
        }
    }
}
