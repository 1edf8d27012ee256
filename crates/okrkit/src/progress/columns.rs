//! The roll-up as columns: [`ProgressColumns`] (issue 18).

use super::{
    Acc, AlignedProgress, CycleProgress, KeyResultOutcome, KeyResultProgress, LeftOutReason,
    MilestonePolicy, ObjectiveProgress, Pace, ProgressOptions, ProgressReport, RollUp,
    TeamProgress, ValueSource, key_result_row,
};
use crate::Org;
use crate::model::{KeyResult, Measure, Objective};
use chrono::NaiveDate;
use std::ops::Deref;

/// Progress of every objective, key result, team and cycle, as columns: the
/// columnar form of a [`ProgressReport`].
///
/// [`Org::progress`] returns one row struct per objective, each with its own
/// `Vec` of key result rows and its own copies of the ids.
/// [`Org::progress_columns`] computes the same numbers by the same functions
/// into a handful of flat vectors: per key result its value, attainment and
/// a byte of flags; per objective its document index, progress and the count
/// of key results counted. Everything that is the document's own (ids,
/// titles, kinds, weights) is read from the organisation the columns hold,
/// and what follows from a stored number (progress from attainment, pace
/// from progress and the cycle's expected progress, aligned children's
/// progress) is worked out when read. Nothing is allocated per objective or
/// key result. Rows are read through [`ObjectiveProgressRef`] and
/// [`KeyResultProgressRef`] views, or converted whole with
/// [`ProgressColumns::to_report`], which equals [`Org::progress`] with the
/// same options, bit for bit.
///
/// ```
/// let org = okrkit::Org::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
///     "key_results": [
///       {"id": "kr1", "title": "Checkout conversion rate > 65%",
///        "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56}},
///       {"id": "kr2", "title": "Page load below 800 ms",
///        "measure": {"type": "metric", "baseline": 1200, "target": 800, "current": 1000}}]}]
/// }"#)?;
/// let opts = okrkit::ProgressOptions::default();
/// let columns = org.progress_columns(&opts)?;
/// let o1 = columns.objective(0);
/// assert_eq!((o1.id(), o1.progress()), ("o1", Some(0.45)));
/// let progress: Vec<_> = o1.key_results().map(|k| k.progress()).collect();
/// assert_eq!(progress, [Some(0.4), Some(0.5)]);
/// // The same report as `Org::progress`, to the last bit.
/// assert_eq!(columns.to_report(), org.progress(&opts)?);
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Clone)]
pub struct ProgressColumns<O> {
    org: O,
    as_of: Option<NaiveDate>,
    milestones: MilestonePolicy,
    /// Per cycle (document order): expected progress at `as_of`, when there is one.
    expected: Vec<f64>,
    /// Per reported objective: its index in the document.
    objective: Vec<u32>,
    /// Per reported objective: its progress (meaningful where `has_progress`).
    objective_progress: Vec<f64>,
    has_progress: Vec<bool>,
    /// Per reported objective: how many key results were counted.
    counted: Vec<u32>,
    /// Per key result of the reported objectives, in report order (those of
    /// objective row `i` are `key_results_start(i)..key_results_start(i + 1)`;
    /// they are the objective's key results in document order).
    value: Vec<f64>,
    attainment: Vec<f64>,
    /// Per key result: which of `value`/`attainment` are present, the value's
    /// source and why it was left out ([`Flags`]).
    flags: Vec<u8>,
    /// Per reported objective plus one: where its key results start.
    start: Vec<u32>,
    /// Per (cycle, team) with reported objectives, cycle-major: the team's
    /// and cycle's indexes and their sums.
    teams: Vec<(u32, u32, Acc)>,
    /// Per cycle with reported objectives: its index and sums.
    cycles: Vec<(u32, Acc)>,
    /// The roll-up's check-in cutoff: `to_report` works out the progress of
    /// aligned children outside the report with it.
    roll_cutoff: Option<Option<i64>>,
}

impl<O: Deref<Target = Org>> std::fmt::Debug for ProgressColumns<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgressColumns")
            .field("as_of", &self.as_of)
            .field("milestones", &self.milestones)
            .field("objectives", &self.len())
            .field("key_results", &self.key_result_count())
            .finish_non_exhaustive()
    }
}

/// A key result's bits in [`ProgressColumns::flags`]: bit 0 a value, bit 1 an
/// attainment, bits 2–3 the value's source, bits 4–5 why it was left out.
struct Flags;

impl Flags {
    const VALUE: u8 = 1;
    const ATTAINMENT: u8 = 2;

    fn of(o: &KeyResultOutcome) -> u8 {
        let source = match o.value_source {
            ValueSource::CheckIn => 0,
            ValueSource::Current => 1,
            ValueSource::Baseline => 2,
            ValueSource::None => 3,
        };
        let left_out = match o.left_out {
            None => 0,
            Some(LeftOutReason::Milestone) => 1,
            Some(LeftOutReason::NoValue) => 2,
        };
        u8::from(o.value.is_some())
            | u8::from(o.attainment.is_some()) << 1
            | source << 2
            | left_out << 4
    }

    fn source(flags: u8) -> ValueSource {
        match (flags >> 2) & 3 {
            0 => ValueSource::CheckIn,
            1 => ValueSource::Current,
            2 => ValueSource::Baseline,
            _ => ValueSource::None,
        }
    }

    fn left_out(flags: u8) -> Option<LeftOutReason> {
        match (flags >> 4) & 3 {
            0 => None,
            1 => Some(LeftOutReason::Milestone),
            _ => Some(LeftOutReason::NoValue),
        }
    }
}

impl Org {
    /// Progress of every objective, team and cycle (R2), as columns: the
    /// same numbers as [`Org::progress`] with the same options, without a
    /// row struct, an id copy or an allocation per objective (see
    /// [`ProgressColumns`]; [`ProgressColumns::new`] takes the organisation
    /// by any handle, e.g. an `Arc<Org>`).
    ///
    /// # Errors
    ///
    /// Those of [`Org::progress`]: `dangling_reference` at `cycle` (or
    /// `team`) when `opts.cycle` names no cycle (or `opts.team` no team).
    pub fn progress_columns(&self, opts: &ProgressOptions) -> crate::Result<ProgressColumns<&Org>> {
        ProgressColumns::new(self, opts)
    }
}

impl<O: Deref<Target = Org>> ProgressColumns<O> {
    /// [`Org::progress`]'s roll-up as columns, holding the organisation by
    /// `org` (a reference, an `Arc<Org>`, …): what [`Org::progress_columns`]
    /// returns with a reference.
    ///
    /// `org` must dereference to the same organisation every time, as every
    /// smart pointer does; a `Deref` that hands out different organisations
    /// makes the accessors read the wrong rows or panic (never undefined
    /// behaviour: the crate has no unsafe code).
    ///
    /// ```
    /// # let text = r#"{"cycles": [], "teams": [], "objectives": []}"#;
    /// let org = std::sync::Arc::new(okrkit::Org::from_json(text)?);
    /// let columns = okrkit::progress::ProgressColumns::new(org.clone(), &Default::default())?;
    /// assert!(columns.is_empty());
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`Org::progress`].
    pub fn new(org: O, opts: &ProgressOptions) -> crate::Result<ProgressColumns<O>> {
        let me: &Org = &org;
        let (cycle_filter, team_filter) = me.progress_filters(opts)?;
        let roll = RollUp::new(me, opts);
        let n_objectives = me.document().objectives.len();
        let n_key_results = if cycle_filter.is_none() && team_filter.is_none() {
            me.key_result_count()
        } else {
            0
        };
        let mut c = ProgressColumns {
            org,
            as_of: opts.as_of,
            milestones: opts.milestones,
            expected: roll.expected.clone(),
            objective: Vec::with_capacity(n_objectives),
            objective_progress: Vec::with_capacity(n_objectives),
            has_progress: Vec::with_capacity(n_objectives),
            counted: Vec::with_capacity(n_objectives),
            value: Vec::with_capacity(n_key_results),
            attainment: Vec::with_capacity(n_key_results),
            flags: Vec::with_capacity(n_key_results),
            start: Vec::with_capacity(n_objectives + 1),
            teams: Vec::new(),
            cycles: Vec::new(),
            roll_cutoff: roll.cutoff,
        };
        c.start.push(0);
        // The organisation, borrowed from the columns that hold it (one
        // field; the loop below fills the others).
        let me: &Org = &c.org;
        let doc = me.document();
        let n_teams = doc.teams.len();
        let mut team_acc = vec![Acc::default(); doc.cycles.len() * n_teams];
        let mut cycle_acc = vec![Acc::default(); doc.cycles.len()];
        for oi in 0..n_objectives {
            let ci = me.objective_cycle[oi] as usize;
            let ti = me.objective_team[oi] as usize;
            if cycle_filter.is_some_and(|f| f != ci) || team_filter.is_some_and(|f| f != ti) {
                continue;
            }
            let (counted, progress) = me.objective_outcomes(oi, &roll, |_, _, o| {
                c.value.push(o.value.unwrap_or(0.0));
                c.attainment.push(o.attainment.unwrap_or(0.0));
                c.flags.push(Flags::of(&o));
            });
            team_acc[ci * n_teams + ti].add(progress);
            cycle_acc[ci].add(progress);
            c.objective.push(oi as u32);
            c.objective_progress.push(progress.unwrap_or(0.0));
            c.has_progress.push(progress.is_some());
            c.counted.push(counted as u32);
            c.start.push(c.value.len() as u32);
        }
        if cycle_filter.is_some() || team_filter.is_some() {
            // Room was reserved for every objective: keep only the report's.
            for v in [&mut c.objective, &mut c.counted, &mut c.start] {
                v.shrink_to_fit();
            }
            c.objective_progress.shrink_to_fit();
            c.has_progress.shrink_to_fit();
        }
        for (ci, acc) in cycle_acc.iter().enumerate() {
            if acc.objectives == 0 {
                continue;
            }
            c.cycles.push((ci as u32, *acc));
            for ti in 0..n_teams {
                let acc = team_acc[ci * n_teams + ti];
                if acc.objectives > 0 {
                    c.teams.push((ti as u32, ci as u32, acc));
                }
            }
        }
        Ok(c)
    }
}

impl<O: Deref<Target = Org> + Clone> ProgressColumns<O> {
    /// The roll-up as of each of `dates`, as columns: what
    /// [`Org::progress_over`] gives as rows (each equal to its report's
    /// [`ProgressColumns::to_report`]), each holding a clone of `org`.
    ///
    /// ```
    /// # let text = r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]}"#;
    /// use okrkit::progress::ProgressColumns;
    /// let org = std::sync::Arc::new(okrkit::Org::from_json(text)?);
    /// let dates = ["2026-01-15".parse()?, "2026-02-15".parse()?];
    /// let over = ProgressColumns::over(org.clone(), &dates, &Default::default())?;
    /// assert_eq!(over[1].as_of(), Some(dates[1]));
    /// let mut opts = okrkit::ProgressOptions::default();
    /// opts.as_of = Some(dates[0]);
    /// let err = ProgressColumns::over(org, &dates, &opts).unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("invalid_value", "as_of"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`Org::progress_over`]: `invalid_value` at `as_of` when
    /// `opts` sets a date, and those of [`Org::progress`].
    pub fn over(org: O, dates: &[NaiveDate], opts: &ProgressOptions) -> crate::Result<Vec<Self>> {
        let mut each = super::over_options(opts)?;
        dates
            .iter()
            .map(|&d| {
                each.as_of = Some(d);
                ProgressColumns::new(org.clone(), &each)
            })
            .collect()
    }
}

impl<O: Deref<Target = Org>> ProgressColumns<O> {
    /// The date the report is as of (`None`: each key result's current value).
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// How milestones were treated.
    pub fn milestones(&self) -> MilestonePolicy {
        self.milestones
    }

    /// The number of objective rows.
    pub fn len(&self) -> usize {
        self.objective.len()
    }

    /// Whether no objective is reported.
    pub fn is_empty(&self) -> bool {
        self.objective.is_empty()
    }

    /// The number of team rows (per team and cycle with reported
    /// objectives): the length of [`ProgressReport::teams`].
    pub fn team_count(&self) -> usize {
        self.teams.len()
    }

    /// The number of cycle rows: the length of [`ProgressReport::cycles`].
    pub fn cycle_count(&self) -> usize {
        self.cycles.len()
    }

    /// The bytes these columns allocated (their vectors' capacities; the
    /// organisation they hold is not counted): what a binding reports as
    /// the report's native memory.
    ///
    /// ```
    /// # let text = r#"{"cycles": [], "teams": [], "objectives": []}"#;
    /// let org = okrkit::Org::from_json(text)?;
    /// let columns = org.progress_columns(&Default::default())?;
    /// assert!(columns.allocated_bytes() < 64);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn allocated_bytes(&self) -> usize {
        fn of<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        of(&self.expected)
            + of(&self.objective)
            + of(&self.objective_progress)
            + of(&self.has_progress)
            + of(&self.counted)
            + of(&self.value)
            + of(&self.attainment)
            + of(&self.flags)
            + of(&self.start)
            + of(&self.teams)
            + of(&self.cycles)
    }

    /// The number of key result rows (over every objective row).
    pub fn key_result_count(&self) -> usize {
        self.value.len()
    }

    /// Objective row `row`.
    ///
    /// # Panics
    ///
    /// When `row >= self.len()`, as a slice index does.
    pub fn objective(&self, row: usize) -> ObjectiveProgressRef<'_, O> {
        assert!(row < self.len(), "objective row {row} of {}", self.len());
        ObjectiveProgressRef { columns: self, row }
    }

    /// Every objective row, in report order (the document's).
    pub fn objectives(&self) -> impl ExactSizeIterator<Item = ObjectiveProgressRef<'_, O>> + '_ {
        (0..self.len()).map(move |row| ObjectiveProgressRef { columns: self, row })
    }

    /// Each objective row's progress (`None`: no counted key result), in
    /// report order.
    pub fn progress(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        self.objective_progress
            .iter()
            .zip(&self.has_progress)
            .map(|(&p, &has)| has.then_some(p))
    }

    fn pace(&self, ci: usize, progress: Option<f64>) -> Option<Pace> {
        match (self.expected.get(ci), progress) {
            (Some(&expected), Some(p)) => Some(Pace::new(p, expected)),
            _ => None,
        }
    }

    /// The whole report as rows: equal to [`Org::progress`] with the options
    /// these columns were computed with.
    pub fn to_report(&self) -> ProgressReport {
        let doc = self.org.document();
        // Each objective's progress: those of the report from its rows, an
        // aligned child outside it worked out when first needed.
        let mut known: Vec<Option<Option<f64>>> = vec![None; doc.objectives.len()];
        for o in self.objectives() {
            known[o.index()] = Some(o.progress());
        }
        let objectives = self
            .objectives()
            .map(|o| {
                let mut row = o.row_without_aligned();
                row.aligned =
                    o.aligned_with(|c| *known[c].get_or_insert_with(|| self.progress_of(c)));
                row
            })
            .collect();
        let teams = self.teams.iter().map(|t| self.team_row(t)).collect();
        let cycles = self.cycles.iter().map(|c| self.cycle_row(c)).collect();
        ProgressReport {
            as_of: self.as_of,
            milestones: self.milestones,
            objectives,
            teams,
            cycles,
        }
    }

    /// One team's progress in a cycle (by their ids), as
    /// [`ProgressReport::teams`] lists it; None when the report has no such
    /// row. Built alone: no other row is read into a report.
    ///
    /// ```
    /// let org = okrkit::Org::from_json(r#"{
    ///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    ///   "teams": [{"id": "web", "name": "Web"}],
    ///   "objectives": [{"id": "o1", "title": "Delight", "team": "web", "cycle": "q1",
    ///     "key_results": [{"id": "kr1", "title": "NPS from 20 to 40",
    ///       "measure": {"type": "metric", "baseline": 20, "target": 40, "current": 30}}]}]
    /// }"#)?;
    /// let opts = Default::default();
    /// let columns = org.progress_columns(&opts)?;
    /// let report = org.progress(&opts)?;
    /// assert_eq!(columns.team("web", "q1").as_ref(), report.teams.first());
    /// assert_eq!(columns.team("web", "q2"), None);
    /// assert_eq!(columns.cycle("q1").as_ref(), report.cycles.first());
    /// assert_eq!(columns.cycle("web"), None);
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn team(&self, team: &str, cycle: &str) -> Option<TeamProgress> {
        let doc = self.org.document();
        self.teams
            .iter()
            .find(|&&(ti, ci, _)| {
                doc.teams[ti as usize].id.as_str() == team
                    && doc.cycles[ci as usize].id.as_str() == cycle
            })
            .map(|t| self.team_row(t))
    }

    /// One cycle's progress (by its id), as [`ProgressReport::cycles`] lists
    /// it; None when the report has no such row (see [`Self::team`]).
    pub fn cycle(&self, cycle: &str) -> Option<CycleProgress> {
        let doc = self.org.document();
        self.cycles
            .iter()
            .find(|&&(ci, _)| doc.cycles[ci as usize].id.as_str() == cycle)
            .map(|c| self.cycle_row(c))
    }

    /// The report row of a team's accumulated progress in a cycle.
    fn team_row(&self, &(ti, ci, acc): &(u32, u32, Acc)) -> TeamProgress {
        let doc = self.org.document();
        TeamProgress {
            team: doc.teams[ti as usize].id.clone(),
            cycle: doc.cycles[ci as usize].id.clone(),
            progress: acc.mean(),
            pace: self.pace(ci as usize, acc.mean()),
            objectives: acc.objectives,
            objectives_without_progress: acc.objectives - acc.with_progress,
        }
    }

    /// The report row of a cycle's accumulated progress.
    fn cycle_row(&self, &(ci, acc): &(u32, Acc)) -> CycleProgress {
        CycleProgress {
            cycle: self.org.document().cycles[ci as usize].id.clone(),
            progress: acc.mean(),
            pace: self.pace(ci as usize, acc.mean()),
            objectives: acc.objectives,
            objectives_without_progress: acc.objectives - acc.with_progress,
        }
    }

    /// The progress of objective `oi` of the document at these columns'
    /// date, by the roll-up's own rules (an aligned child may be outside the
    /// report's cycle or team).
    fn progress_of(&self, oi: usize) -> Option<f64> {
        let roll = RollUp {
            cutoff: self.roll_cutoff,
            expected: Vec::new(),
            milestones: self.milestones,
        };
        self.org.objective_outcomes(oi, &roll, |_, _, _| ()).1
    }
}

/// One objective row of [`ProgressColumns`]: its numbers, and the
/// organisation's own data (id, team, cycle, kind) read from the document.
pub struct ObjectiveProgressRef<'c, O> {
    columns: &'c ProgressColumns<O>,
    row: usize,
}

impl<'c, O: Deref<Target = Org>> ObjectiveProgressRef<'c, O> {
    fn org(&self) -> &'c Org {
        &self.columns.org
    }

    /// The objective's index in the document's `objectives`.
    pub fn index(&self) -> usize {
        self.columns.objective[self.row] as usize
    }

    /// The objective in the document.
    pub fn objective(&self) -> &'c Objective {
        &self.org().document().objectives[self.index()]
    }

    /// The objective's id.
    pub fn id(&self) -> &'c str {
        self.objective().id.as_str()
    }

    /// Its team's id.
    pub fn team(&self) -> &'c str {
        let org = self.org();
        org.document().teams[org.objective_team[self.index()] as usize]
            .id
            .as_str()
    }

    /// Its cycle's id.
    pub fn cycle(&self) -> &'c str {
        let org = self.org();
        org.document().cycles[self.cycle_index()].id.as_str()
    }

    fn cycle_index(&self) -> usize {
        self.org().objective_cycle[self.index()] as usize
    }

    /// The weighted mean of its counted key results' progress; `None` when
    /// none was counted (R2).
    pub fn progress(&self) -> Option<f64> {
        let c = self.columns;
        c.has_progress[self.row].then(|| c.objective_progress[self.row])
    }

    /// Its pace at the report's date, when there is a date and a progress.
    pub fn pace(&self) -> Option<Pace> {
        self.columns.pace(self.cycle_index(), self.progress())
    }

    /// How many of its key results were counted.
    pub fn counted(&self) -> usize {
        self.columns.counted[self.row] as usize
    }

    /// How many of its key results were left out.
    pub fn left_out(&self) -> usize {
        self.key_results().len() - self.counted()
    }

    /// Whether milestones were counted as imported and it has one.
    pub fn milestones_counted(&self) -> bool {
        self.columns.milestones == MilestonePolicy::CountAsImported
            && self
                .objective()
                .key_results
                .iter()
                .any(|k| matches!(k.measure, Measure::Milestone { .. }))
    }

    /// Its aligned children's own progress, beside its own (never blended
    /// in), each at the report's date even when outside its cycle or team.
    pub fn aligned(&self) -> Vec<AlignedProgress> {
        let columns = self.columns;
        self.aligned_with(|c| {
            // A child in the report: its stored progress (rows are in
            // document order); outside it, worked out by the same rules.
            match columns.objective.binary_search(&(c as u32)) {
                Ok(row) => columns.objective(row).progress(),
                Err(_) => columns.progress_of(c),
            }
        })
    }

    fn aligned_with(
        &self,
        mut progress_of: impl FnMut(usize) -> Option<f64>,
    ) -> Vec<AlignedProgress> {
        let org = self.org();
        org.children_of(self.index())
            .iter()
            .map(|&c| {
                let child = &org.document().objectives[c as usize];
                AlignedProgress {
                    objective: child.id.clone(),
                    team: child.team.clone(),
                    progress: progress_of(c as usize),
                }
            })
            .collect()
    }

    /// Its key result rows, in document order.
    pub fn key_results(&self) -> impl ExactSizeIterator<Item = KeyResultProgressRef<'c, O>> + 'c {
        let c = self.columns;
        let from = c.start[self.row] as usize;
        let to = c.start[self.row + 1] as usize;
        let krs = &self.objective().key_results;
        (from..to)
            .zip(krs.iter())
            .map(move |(at, kr)| KeyResultProgressRef { columns: c, at, kr })
    }

    /// The row as [`Org::progress`] writes it.
    pub fn to_row(self) -> ObjectiveProgress {
        let mut row = self.row_without_aligned();
        row.aligned = self.aligned();
        row
    }

    /// The row without `aligned`, which [`ProgressColumns::to_report`] fills
    /// with a cache shared by every row.
    fn row_without_aligned(self) -> ObjectiveProgress {
        let o = self.objective();
        let org = self.org();
        let doc = org.document();
        let key_results: Vec<KeyResultProgress> = self
            .key_results()
            .map(|k| key_result_row(k.kr, k.outcome()))
            .collect();
        ObjectiveProgress {
            objective: o.id.clone(),
            team: doc.teams[org.objective_team[self.index()] as usize]
                .id
                .clone(),
            cycle: doc.cycles[self.cycle_index()].id.clone(),
            kind: o.kind,
            progress: self.progress(),
            pace: self.pace(),
            counted: self.counted(),
            left_out: key_results.len() - self.counted(),
            milestones_counted: self.milestones_counted(),
            key_results,
            aligned: Vec::new(),
        }
    }
}

// By hand: a view is a reference and an index, copied whatever `O` is.
impl<O> Clone for ObjectiveProgressRef<'_, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<O> Copy for ObjectiveProgressRef<'_, O> {}
impl<O> Clone for KeyResultProgressRef<'_, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<O> Copy for KeyResultProgressRef<'_, O> {}

impl<O: Deref<Target = Org>> std::fmt::Debug for ObjectiveProgressRef<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectiveProgressRef")
            .field("objective", &self.id())
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

/// One key result row of [`ProgressColumns`].
pub struct KeyResultProgressRef<'c, O> {
    columns: &'c ProgressColumns<O>,
    at: usize,
    kr: &'c KeyResult,
}

impl<O: Deref<Target = Org>> std::fmt::Debug for KeyResultProgressRef<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyResultProgressRef")
            .field("key_result", &self.id())
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

impl<'c, O: Deref<Target = Org>> KeyResultProgressRef<'c, O> {
    /// The key result in the document.
    pub fn key_result(&self) -> &'c KeyResult {
        self.kr
    }

    /// The key result's id.
    pub fn id(&self) -> &'c str {
        self.kr.id.as_str()
    }

    fn outcome(&self) -> KeyResultOutcome {
        let c = self.columns;
        let flags = c.flags[self.at];
        KeyResultOutcome {
            value: (flags & Flags::VALUE != 0).then(|| c.value[self.at]),
            value_source: Flags::source(flags),
            attainment: (flags & Flags::ATTAINMENT != 0).then(|| c.attainment[self.at]),
            left_out: Flags::left_out(flags),
        }
    }

    /// The value used (see [`KeyResultProgress::value`]).
    pub fn value(&self) -> Option<f64> {
        self.outcome().value
    }

    /// Where the value came from.
    pub fn value_source(&self) -> ValueSource {
        Flags::source(self.columns.flags[self.at])
    }

    /// Attainment, unclamped.
    pub fn attainment(&self) -> Option<f64> {
        self.outcome().attainment
    }

    /// Progress: the attainment clamped to [0, 1].
    pub fn progress(&self) -> Option<f64> {
        self.outcome().progress()
    }

    /// Why it was left out of its objective's progress (`None`: counted).
    pub fn left_out(&self) -> Option<LeftOutReason> {
        Flags::left_out(self.columns.flags[self.at])
    }

    /// The row as [`Org::progress`] writes it.
    pub fn to_row(self) -> KeyResultProgress {
        key_result_row(self.kr, self.outcome())
    }
}

/// The raw columns, for the tables built from them (`table::from_columns`):
/// read-only slices, so a table copies a column with one `memcpy` instead
/// of a call per row.
impl<O: Deref<Target = Org>> ProgressColumns<O> {
    /// The organisation the columns were computed on.
    pub(crate) fn org(&self) -> &Org {
        &self.org
    }

    /// Per objective row: its index in the document.
    pub(crate) fn objective_indexes(&self) -> &[u32] {
        &self.objective
    }

    /// Per objective row: its progress (0.0 where it has none) and whether
    /// it has one.
    pub(crate) fn objective_progress_parts(&self) -> (&[f64], &[bool]) {
        (&self.objective_progress, &self.has_progress)
    }

    /// Per objective row plus one: where its key results start.
    pub(crate) fn key_result_starts(&self) -> &[u32] {
        &self.start
    }

    /// Per key result row: its value (0.0 where it has none) and whether it
    /// has one.
    pub(crate) fn values(&self) -> (&[f64], impl ExactSizeIterator<Item = bool> + Clone + '_) {
        let present = self.flags.iter().map(|f| f & Flags::VALUE != 0);
        (&self.value, present)
    }

    /// Per key result row: its attainment (0.0 where it has none) and
    /// whether it has one.
    pub(crate) fn attainments(&self) -> (&[f64], impl ExactSizeIterator<Item = bool> + Clone + '_) {
        let present = self.flags.iter().map(|f| f & Flags::ATTAINMENT != 0);
        (&self.attainment, present)
    }

    /// Per key result row: where its value came from.
    pub(crate) fn value_sources(&self) -> impl ExactSizeIterator<Item = ValueSource> + Clone + '_ {
        self.flags.iter().map(|&f| Flags::source(f))
    }

    /// Per key result row: why it was left out (`None`: counted).
    pub(crate) fn left_outs(
        &self,
    ) -> impl ExactSizeIterator<Item = Option<LeftOutReason>> + Clone + '_ {
        self.flags.iter().map(|&f| Flags::left_out(f))
    }

    /// The pace of a row of cycle `ci` with `progress`.
    pub(crate) fn pace_of(&self, ci: usize, progress: Option<f64>) -> Option<Pace> {
        self.pace(ci, progress)
    }

    /// Per (cycle, team) row, cycle-major: the team's and cycle's document
    /// indexes, the mean progress, the objectives and those without
    /// progress — what [`ProgressColumns::to_report`] writes as a
    /// [`TeamProgress`].
    pub(crate) fn team_rows(
        &self,
    ) -> impl ExactSizeIterator<Item = (usize, usize, Option<f64>, usize, usize)> + Clone + '_ {
        self.teams.iter().map(|&(ti, ci, acc)| {
            let mean = acc.mean();
            let without = acc.objectives - acc.with_progress;
            (ti as usize, ci as usize, mean, acc.objectives, without)
        })
    }

    /// Per cycle row: its document index, mean progress, objectives and
    /// those without progress (a [`CycleProgress`]).
    pub(crate) fn cycle_rows(
        &self,
    ) -> impl ExactSizeIterator<Item = (usize, Option<f64>, usize, usize)> + Clone + '_ {
        self.cycles.iter().map(|&(ci, acc)| {
            let without = acc.objectives - acc.with_progress;
            (ci as usize, acc.mean(), acc.objectives, without)
        })
    }
}
