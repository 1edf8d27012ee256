//! Validation: every rule a document must keep, every problem reported.
//!
//! [`validate`] never stops at the first problem and never recurses, so a
//! 100,000-deep alignment chain or a huge document cannot overflow the stack.

pub(crate) mod appended;
mod graph;
pub(crate) mod ids;
mod key_results;
mod numbers;

use crate::error::{Problem, ProblemCode};
use crate::ids::PersonId;
use crate::limits::MAX_TEXT_BYTES;
use crate::model::{CheckInRef, DocumentRef, Measure, Objective};
use foldhash::{HashMap, HashMapExt};
use ids::LookAlikes;
use std::collections::hash_map::Entry;

pub(crate) use graph::find_cycles;
pub(crate) use ids::id_problem;
pub(crate) use key_results::KeyResultIds;

/// The id lookups built while validating, reused by [`crate::Org`].
#[derive(Debug, Default)]
pub(crate) struct Lookups<'a> {
    pub cycles: HashMap<&'a str, usize>,
    pub teams: HashMap<&'a str, usize>,
    pub people: HashMap<&'a str, usize>,
    pub objectives: HashMap<&'a str, usize>,
    /// Key result id to (objective index, key result index).
    pub key_results: KeyResultIds,
    /// Per check-in: (objective index, key result index) of its key result.
    pub check_in_key_results: Vec<(u32, u32)>,
}

/// Checks a document against every rule and returns every problem found
/// (empty when the document is valid).
///
/// ```
/// let doc = okrkit::Document::from_json(r#"{
///   "cycles": [{"id": "q1", "name": "Q1", "start": "2026-03-31", "end": "2026-01-01"}]
/// }"#).unwrap();
/// let problems = okrkit::validate(&doc);
/// assert_eq!(problems[0].code.as_str(), "cycle_ends_before_start");
/// assert_eq!(problems[0].path, "cycles[0].end");
/// ```
///
/// It takes a `&Document` or an organisation's view (`org.document()`).
/// Key results are indexed by `u32` places: a document holding more than
/// `u32::MAX` objectives, or key results in one objective, gives
/// `too_large` at `objectives` (as `Org::new` refuses it), and its key
/// result references (initiatives' and check-ins' key results) and
/// duplicate key result ids are then not checked.
pub fn validate<'a>(doc: impl Into<DocumentRef<'a>>) -> Vec<Problem> {
    check(doc.into()).0
}

/// The problems of a document, and the lookups built on the way. Reads the
/// document as a view, so that `Org::from_json` validates check-ins it has
/// read as rows, not as a `Vec<CheckIn>`.
pub(crate) fn check(doc: DocumentRef<'_>) -> (Vec<Problem>, Lookups<'_>) {
    check_with(doc, None, LookAlikeIds::Report)
}

/// How [`check_with`] looks for look-alike ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LookAlikeIds {
    /// Each look-alike id reported with the id it looks like (as
    /// [`validate`] reports them).
    Report,
    /// Only whether there may be any: then one [`ProblemCode::LookAlikeId`]
    /// problem at `ids`, naming none (for `Org::from_json`'s fast route,
    /// which gives up at any problem and leaves the report to the general
    /// route). Sorts the ids' hashes once instead of probing a table per
    /// id ([`LookAlikes::detecting`]).
    Detect,
}

/// [`check`], the key result ids given when already built from the
/// document's objectives (by `Org::from_json`'s fast route, to resolve
/// check-ins as it reads them), look-alike ids reported or only detected.
pub(crate) fn check_with(
    doc: DocumentRef<'_>,
    key_results: Option<KeyResultIds>,
    look_alikes: LookAlikeIds,
) -> (Vec<Problem>, Lookups<'_>) {
    // Every map sized up front: no rehashing while the ids go in.
    let n_krs: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    let ids = doc.cycles.len()
        + doc.teams.len()
        + doc.people.len()
        + doc.objectives.len()
        + n_krs
        + doc.initiatives.len()
        + doc.personal_goals.len();
    let mut v = Validator {
        problems: Vec::new(),
        look: match look_alikes {
            LookAlikeIds::Report => LookAlikes::with_capacity(ids),
            LookAlikeIds::Detect => LookAlikes::detecting(ids),
        },
    };
    let mut l = Lookups {
        cycles: HashMap::with_capacity(doc.cycles.len()),
        teams: HashMap::with_capacity(doc.teams.len()),
        people: HashMap::with_capacity(doc.people.len()),
        objectives: HashMap::with_capacity(doc.objectives.len()),
        key_results: KeyResultIds::default(),
        check_in_key_results: Vec::with_capacity(doc.check_ins.len()),
    };

    // Whether the key results are indexed: if not (too large), references
    // to them are not checked (each would be reported as unknown).
    let mut indexed = true;
    match key_results.or_else(|| KeyResultIds::build(doc.objectives)) {
        Some(ids) => l.key_results = ids,
        None => {
            indexed = false;
            v.push(
                ProblemCode::TooLarge,
                "objectives".into(),
                format!(
                    "more than {} objectives, or key results in one objective, is more than okrkit indexes",
                    u32::MAX
                ),
            );
        }
    }
    // Where the key result ids given twice are, in document order.
    let mut duplicates = l.key_results.duplicates().iter().peekable();

    if doc.schema_version != crate::SCHEMA_VERSION {
        v.push(
            ProblemCode::UnsupportedSchemaVersion,
            "schema_version".into(),
            format!(
                "schema version {} is not supported; this okrkit reads version {}",
                doc.schema_version,
                crate::SCHEMA_VERSION
            ),
        );
    }

    for (i, c) in doc.cycles.iter().enumerate() {
        let p = || format!("cycles[{i}]");
        v.id(&mut l.cycles, c.id.as_str(), i, p, "cycle");
        v.text(&c.name, || format!("{}.name", p()), false);
        if c.end < c.start {
            v.push(
                ProblemCode::CycleEndsBeforeStart,
                format!("{}.end", p()),
                format!(
                    "cycle '{}' ends on {} before it starts on {}",
                    c.id, c.end, c.start
                ),
            );
        }
    }
    for (i, t) in doc.teams.iter().enumerate() {
        let p = || format!("teams[{i}]");
        v.id(&mut l.teams, t.id.as_str(), i, p, "team");
        v.text(&t.name, || format!("{}.name", p()), false);
    }
    for (i, person) in doc.people.iter().enumerate() {
        let p = || format!("people[{i}]");
        v.id(&mut l.people, person.id.as_str(), i, p, "person");
        v.text(&person.name, || format!("{}.name", p()), false);
    }
    for (i, o) in doc.objectives.iter().enumerate() {
        let p = || format!("objectives[{i}]");
        v.id(&mut l.objectives, o.id.as_str(), i, p, "objective");
        for (k, kr) in o.key_results.iter().enumerate() {
            let kp = || format!("{}.key_results[{k}]", p());
            if kr.id.as_str().is_empty() {
                v.push(
                    ProblemCode::EmptyId,
                    format!("{}.id", kp()),
                    "key result id is empty".into(),
                );
            } else {
                let at = (i as u32, k as u32);
                match duplicates.next_if(|d| d.0 == at) {
                    Some(&(_, (oi, ki))) => {
                        v.push(
                            ProblemCode::DuplicateId,
                            format!("{}.id", kp()),
                            format!(
                                "key result id '{}' is already used by objectives[{oi}].key_results[{ki}]",
                                kr.id
                            ),
                        );
                    }
                    None => v.hygiene(kr.id.as_str(), (i, k), "key result"),
                }
            }
        }
    }

    // Team hierarchy: dangling parents, then loops.
    let mut team_parent: Vec<Option<usize>> = vec![None; doc.teams.len()];
    for (i, t) in doc.teams.iter().enumerate() {
        if let Some(parent) = &t.parent {
            match l.teams.get(parent.as_str()) {
                Some(&pi) => team_parent[i] = Some(pi),
                None => v.dangling(&format!("teams[{i}].parent"), "team", parent.as_str()),
            }
        }
    }
    for i in find_cycles(&team_parent) {
        v.push(
            ProblemCode::TeamCycle,
            format!("teams[{i}].parent"),
            format!("team '{}' is its own ancestor", doc.teams[i].id),
        );
    }

    // Objectives: owners, cycles, alignment, key results.
    let mut parent_of: Vec<Option<usize>> = vec![None; doc.objectives.len()];
    // The last responsible and key partner found among the people: the key
    // results of an objective mostly name the same ones, and each look-up
    // in a map of 100,000s of people is a cache miss or two (profile,
    // issue 18).
    let mut found: [Option<&str>; 2] = [None, None];
    for (i, o) in doc.objectives.iter().enumerate() {
        let p = || format!("objectives[{i}]");
        v.text(&o.title, || format!("{}.title", p()), true);
        if !l.teams.contains_key(o.team.as_str()) {
            unknown_owner(&mut v, o, l.people.contains_key(o.team.as_str()), &p);
        }
        if !l.cycles.contains_key(o.cycle.as_str()) {
            v.dangling(&format!("{}.cycle", p()), "cycle", o.cycle.as_str());
        }
        if let Some(a) = &o.aligned_to {
            match l.objectives.get(a.objective.as_str()) {
                Some(&pi) => parent_of[i] = Some(pi),
                None => v.dangling(
                    &format!("{}.aligned_to.objective", p()),
                    "objective",
                    a.objective.as_str(),
                ),
            }
        }
        for (k, kr) in o.key_results.iter().enumerate() {
            let kp = || format!("{}.key_results[{k}]", p());
            key_result_fields(&mut v, kr, &kp);
            for ((field, person), found) in [
                ("responsible", &kr.responsible),
                ("key_partner", &kr.key_partner),
            ]
            .into_iter()
            .zip(&mut found)
            {
                if let Some(person) = person.as_ref().map(|p| p.as_str())
                    && *found != Some(person)
                {
                    if l.people.contains_key(person) {
                        *found = Some(person);
                    } else {
                        v.dangling(&format!("{}.{field}", kp()), "person", person);
                    }
                }
            }
        }
    }
    for i in find_cycles(&parent_of) {
        v.push(
            ProblemCode::AlignmentCycle,
            format!("objectives[{i}].aligned_to.objective"),
            format!(
                "objective '{}' aligns to itself through its parents: the alignment graph must have no cycles (R7)",
                doc.objectives[i].id
            ),
        );
    }

    for (i, ini) in doc.initiatives.iter().enumerate() {
        let p = || format!("initiatives[{i}]");
        v.text(&ini.title, || format!("{}.title", p()), true);
        if !l.teams.contains_key(ini.team.as_str()) {
            v.dangling(&format!("{}.team", p()), "team", ini.team.as_str());
        }
        for (k, kr) in ini.key_results.iter().enumerate() {
            if indexed && l.key_results.get(doc.objectives, kr.as_str()).is_none() {
                v.dangling(
                    &format!("{}.key_results[{k}]", p()),
                    "key result",
                    kr.as_str(),
                );
            }
        }
    }
    let mut initiative_ids = HashMap::new();
    for (i, ini) in doc.initiatives.iter().enumerate() {
        v.id(
            &mut initiative_ids,
            ini.id.as_str(),
            i,
            || format!("initiatives[{i}]"),
            "initiative",
        );
    }

    // Whether the check-ins of known key results are, in document order,
    // strictly increasing by (key result, time), or by time alone: then no
    // two of one key result share an instant, without a sort.
    let (mut by_place, mut by_time) = (true, true);
    let mut last: Option<((u32, u32), chrono::DateTime<chrono::Utc>)> = None;
    for (i, c) in doc.check_ins.iter().enumerate() {
        let kr = l.key_results.get(doc.objectives, c.key_result.as_str());
        let (oi, ki) = kr.unwrap_or((0, 0));
        l.check_in_key_results.push((oi as u32, ki as u32));
        check_in(&mut v, &l, doc.objectives, i, &c, kr, indexed);
        if kr.is_some() {
            let at = ((oi as u32, ki as u32), c.at);
            if let Some(prev) = last {
                by_place &= prev < at;
                by_time &= prev.1 < at.1;
            }
            last = Some(at);
        }
    }
    if !by_place && !by_time {
        same_instant_check_ins(&mut v, &l, doc);
    }

    let mut goal_ids = HashMap::new();
    for (i, g) in doc.personal_goals.iter().enumerate() {
        let p = || format!("personal_goals[{i}]");
        v.id(&mut goal_ids, g.id.as_str(), i, p, "personal goal");
        v.text(&g.title, || format!("{}.title", p()), true);
        if !l.people.contains_key(g.person.as_str()) {
            v.dangling(&format!("{}.person", p()), "person", g.person.as_str());
        }
        if let Some(o) = &g.aligned_to {
            v.push(
                ProblemCode::PersonalGoalAligned,
                format!("{}.aligned_to", p()),
                format!(
                    "personal goal '{}' is aligned to objective '{o}': personal goals are never cascaded or aligned to team OKRs (R6, seed 002)",
                    g.id
                ),
            );
        }
        for (k, kr) in g.key_results.iter().enumerate() {
            v.text(kr, || format!("{}.key_results[{k}]", p()), false);
        }
    }

    if v.look.may_look_alike() {
        v.push(
            ProblemCode::LookAlikeId,
            "ids".into(),
            "two ids of one kind may look alike (validate to name them)".into(),
        );
    }
    (v.problems, l)
}

/// An objective (at `p`) whose team is not a team of the document: owned by
/// a person (`person`), or a dangling reference.
fn unknown_owner(v: &mut Validator<'_>, o: &Objective, person: bool, p: &dyn Fn() -> String) {
    if person {
        v.push(
            ProblemCode::CascadeBelowTeam,
            format!("{}.team", p()),
            format!(
                "objective '{}' is owned by person '{}': OKRs are owned by teams and the cascade stops at team level (R6, R7)",
                o.id, o.team
            ),
        );
    } else {
        v.dangling(&format!("{}.team", p()), "team", o.team.as_str());
    }
}

/// The rules of a key result's own fields (at `kp`): its title, measure and
/// weight, in the order [`check`] reports them.
#[inline]
fn key_result_fields(v: &mut Validator<'_>, kr: &crate::model::KeyResult, kp: &dyn Fn() -> String) {
    v.text(&kr.title, || format!("{}.title", kp()), true);
    numbers::measure(v, &kr.measure, kp);
    if !kr.weight.is_finite() {
        v.finite(kr.weight, || format!("{}.weight", kp()));
    } else if kr.weight <= 0.0 {
        v.push(
            ProblemCode::InvalidWeight,
            format!("{}.weight", kp()),
            format!("weight {} must be finite and positive", kr.weight),
        );
    }
}

/// Each check-in at the same instant as an earlier one (document order) of
/// the same key result: `duplicate_check_in` at its `at`, in document order.
/// Which of the two values holds would otherwise depend on their order.
fn same_instant_check_ins(v: &mut Validator<'_>, l: &Lookups<'_>, doc: DocumentRef<'_>) {
    let mut keyed: Vec<((u32, u32), chrono::DateTime<chrono::Utc>, usize)> = doc
        .check_ins
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            l.key_results
                .get(doc.objectives, c.key_result.as_str())
                .is_some()
        })
        .map(|(i, c)| (l.check_in_key_results[i], c.at, i))
        .collect();
    keyed.sort_unstable();
    // (repeat, first check-in of its key result and instant).
    let mut same: Vec<(usize, usize)> = Vec::new();
    let mut first = 0;
    for k in 1..keyed.len() {
        if (keyed[k].0, keyed[k].1) == (keyed[first].0, keyed[first].1) {
            same.push((keyed[k].2, keyed[first].2));
        } else {
            first = k;
        }
    }
    same.sort_unstable();
    for (i, f) in same {
        let c = doc.check_ins.get(i);
        let (kr, at) = c.map_or((String::new(), String::new()), |c| {
            (c.key_result.as_str().to_owned(), c.at.to_rfc3339())
        });
        v.push(
            ProblemCode::DuplicateCheckIn,
            format!("check_ins[{i}].at"),
            format!(
                "check-in on key result '{kr}' at {at} has the same instant as check_ins[{f}]: which value holds would depend on their order"
            ),
        );
    }
}

/// The rules of the document's check-in `i`, its key result `kr` (objective
/// index, key result index) already looked up in `l` (`None`: unknown, but
/// only reported when the key results are `indexed`), in the order
/// [`check`] reports them.
fn check_in<'a>(
    v: &mut Validator<'a>,
    l: &Lookups<'a>,
    objectives: &[Objective],
    i: usize,
    c: &CheckInRef<'_>,
    kr: Option<(usize, usize)>,
    indexed: bool,
) {
    if kr.is_none() && indexed {
        v.push(
            ProblemCode::UnknownKeyResult,
            format!("check_ins[{i}].key_result"),
            format!("check-in for unknown key result '{}'", c.key_result),
        );
    }
    // A leap second (second 60), which a `DateTime` built in Rust can hold:
    // refused as every document reader refuses the text (it would count as
    // the next second).
    if chrono::Timelike::nanosecond(&c.at) >= 1_000_000_000 {
        v.push(
            ProblemCode::Parse,
            format!("check_ins[{i}].at"),
            format!(
                "check-in at {}: {}",
                c.at,
                crate::rfc3339::TimeError::LeapSecond
            ),
        );
    }
    check_in_number(v, i, c.value, c.confidence);
    check_in_person(v, l, i, c.note, c.author);
    if let Some((oi, ki)) = kr {
        check_in_value(v, i, &objectives[oi].key_results[ki].measure, c.value);
    }
}

/// A check-in's value is finite and its confidence within 0–10.
pub(crate) fn check_in_number(
    v: &mut Validator<'_>,
    i: usize,
    value: f64,
    confidence: Option<f64>,
) {
    v.finite(value, || format!("check_ins[{i}].value"));
    if let Some(conf) = confidence
        && !(conf.is_finite() && (0.0..=10.0).contains(&conf))
    {
        v.push(
            ProblemCode::ConfidenceOutOfRange,
            format!("check_ins[{i}].confidence"),
            format!("confidence {conf} is outside 0–10"),
        );
    }
}

/// A check-in's note is acceptable text and its author a person of the document.
pub(crate) fn check_in_person<'a>(
    v: &mut Validator<'a>,
    l: &Lookups<'a>,
    i: usize,
    note: Option<&str>,
    author: Option<&PersonId>,
) {
    if let Some(note) = note {
        v.text(note, || format!("check_ins[{i}].note"), false);
    }
    if let Some(author) = author
        && !l.people.contains_key(author.as_str())
    {
        v.dangling(&format!("check_ins[{i}].author"), "person", author.as_str());
    }
}

/// A check-in's value fits its key result's measure: a finite attainment
/// for a metric, 0 or 1 for a milestone.
pub(crate) fn check_in_value(v: &mut Validator<'_>, i: usize, measure: &Measure, value: f64) {
    if let Measure::Metric {
        baseline, target, ..
    } = *measure
    {
        numbers::metric_value(v, baseline, target, value, || {
            format!("check_ins[{i}].value")
        });
    }
    if let Measure::Milestone { .. } = measure
        && value != 0.0
        && value != 1.0
        && value.is_finite()
    {
        v.push(
            ProblemCode::InvalidValue,
            format!("check_ins[{i}].value"),
            format!("a milestone check-in is 1 (done) or 0 (not done), not {value}"),
        );
    }
}

pub(crate) struct Validator<'a> {
    pub problems: Vec<Problem>,
    /// Ids seen so far, by kind and look-alike key.
    look: LookAlikes<'a>,
}

impl<'a> Validator<'a> {
    /// A validator with no problem found yet.
    pub fn new() -> Validator<'a> {
        Validator {
            problems: Vec::new(),
            look: LookAlikes::default(),
        }
    }

    pub fn push(&mut self, code: ProblemCode, path: String, message: String) {
        self.problems.push(Problem {
            code,
            message,
            path,
        });
    }

    fn id(
        &mut self,
        map: &mut HashMap<&'a str, usize>,
        id: &'a str,
        i: usize,
        path: impl Fn() -> String,
        what: &'static str,
    ) {
        if id.is_empty() {
            self.push(
                ProblemCode::EmptyId,
                format!("{}.id", path()),
                format!("{what} id is empty"),
            );
        } else {
            match map.entry(id) {
                Entry::Occupied(o) => {
                    let first = *o.get();
                    self.push(
                        ProblemCode::DuplicateId,
                        format!("{}.id", path()),
                        format!("{what} id '{id}' is already used by element {first}"),
                    );
                }
                Entry::Vacant(e) => {
                    e.insert(i);
                    self.hygiene(id, (i, 0), what);
                }
            }
        }
    }

    /// Checks an id on its own (NFC, no invisible character, no outer space,
    /// length) and against the ids of its kind seen before (look-alikes).
    fn hygiene(&mut self, id: &'a str, at: (usize, usize), what: &'static str) {
        if let Some(message) = ids::id_problem(id) {
            self.push(
                ids::INVALID,
                ids::path_of(what, at),
                format!("{what} {message}"),
            );
            return;
        }
        if let Some((other, other_at)) = self.look.insert(what, id, at) {
            let other_path = ids::path_of(what, other_at);
            self.push(
                ProblemCode::LookAlikeId,
                ids::path_of(what, at),
                format!(
                    "{what} id '{}' looks like '{}' ({other_path}): ids must not be confusable (UTS #39 skeleton or case)",
                    id.escape_debug(),
                    other.escape_debug()
                ),
            );
        }
    }

    fn dangling(&mut self, path: &str, what: &str, id: &str) {
        self.push(
            ProblemCode::DanglingReference,
            path.to_owned(),
            format!("no {what} has id '{id}'"),
        );
    }

    pub fn finite(&mut self, x: f64, path: impl FnOnce() -> String) {
        if !x.is_finite() {
            self.push(
                ProblemCode::NotFinite,
                path(),
                format!("{x} is not a finite number"),
            );
        }
    }

    fn text(&mut self, text: &str, path: impl FnOnce() -> String, required: bool) {
        if let Some((code, message)) = text_problem(text, required) {
            self.push(code, path(), message);
        }
    }
}

/// What is wrong with one free text (a title, name, note, reason…), if
/// anything: empty when `required`, longer than
/// [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES), or holding a control
/// character other than tab, newline and carriage return. The one check both
/// a document and every text the ledger accepts go through.
pub(crate) fn text_problem(text: &str, required: bool) -> Option<(ProblemCode, String)> {
    if required && text.trim().is_empty() {
        Some((ProblemCode::EmptyTitle, "title is empty".into()))
    } else if text.len() > MAX_TEXT_BYTES {
        Some((
            ProblemCode::TextTooLong,
            format!(
                "text is {} bytes; the limit is {MAX_TEXT_BYTES}",
                text.len()
            ),
        ))
    } else {
        text.bytes()
            .find(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
            .map(|b| {
                (
                    ProblemCode::ControlCharacter,
                    format!("text holds the control character U+{b:04X}; only tab, newline and carriage return are allowed"),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    /// The key results' people are looked up once per change of person
    /// (the last one found is remembered): an unknown person is reported
    /// at every key result naming it, also between key results naming a
    /// known one, and in the responsible and key partner apart.
    #[test]
    fn every_unknown_person_of_a_key_result_is_reported() {
        let kr = |i: usize, responsible: &str, partner: &str| {
            format!(
                r#"{{"id": "k{i}", "title": "K", "measure": {{"type": "milestone"}}, "responsible": "{responsible}", "key_partner": "{partner}"}}"#
            )
        };
        let krs = [
            kr(0, "ana", "ana"),
            kr(1, "ghost", "ana"),
            kr(2, "ana", "ghost"),
            kr(3, "ana", "ghost"),
            kr(4, "ghost", "bo"),
        ]
        .join(",");
        let text = format!(
            r#"{{"cycles": [{{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}}],
                "teams": [{{"id": "t", "name": "T"}}],
                "people": [{{"id": "ana", "name": "Ana"}}, {{"id": "bo", "name": "Bo"}}],
                "objectives": [{{"id": "o", "title": "O", "team": "t", "cycle": "q", "key_results": [{krs}]}}]}}"#
        );
        let doc = crate::Document::from_json(&text).expect("reads");
        let paths: Vec<String> = super::validate(&doc)
            .into_iter()
            .map(|p| format!("{} {}", p.code.as_str(), p.path))
            .collect();
        assert_eq!(
            paths,
            [
                "dangling_reference objectives[0].key_results[1].responsible",
                "dangling_reference objectives[0].key_results[2].key_partner",
                "dangling_reference objectives[0].key_results[3].key_partner",
                "dangling_reference objectives[0].key_results[4].responsible",
            ]
        );
    }

    use proptest::prelude::*;

    /// A document with key results `a` and `b` and the given check-ins
    /// (`z` names no key result).
    fn with_check_ins(check_ins: &[(usize, usize)]) -> String {
        const KRS: [&str; 3] = ["a", "b", "z"];
        // The first two are one instant, written two ways.
        const AT: [&str; 4] = [
            "2026-02-12T09:00:00Z",
            "2026-02-12T10:00:00+01:00",
            "2026-02-12T09:00:00.000001Z",
            "2026-02-13T09:00:00Z",
        ];
        let check_ins: Vec<String> = check_ins
            .iter()
            .enumerate()
            .map(|(i, &(k, t))| {
                format!(
                    r#"{{"key_result": "{}", "at": "{}", "value": {i}}}"#,
                    KRS[k], AT[t]
                )
            })
            .collect();
        format!(
            r#"{{"cycles": [{{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}}],
                "teams": [{{"id": "t", "name": "T"}}],
                "objectives": [{{"id": "o", "title": "O", "team": "t", "cycle": "q", "key_results": [
                    {{"id": "a", "title": "A", "measure": {{"type": "metric", "baseline": 0, "target": 100}}}},
                    {{"id": "b", "title": "B", "measure": {{"type": "metric", "baseline": 0, "target": 100}}}}]}}],
                "check_ins": [{}]}}"#,
            check_ins.join(",")
        )
    }

    proptest! {
        /// Two check-ins of one key result at the same instant (however
        /// written) are a `duplicate_check_in` at the later one's `at`, in
        /// any order: from `validate` and from `Org::from_json` (both
        /// routes), never a value that depends on the order.
        #[test]
        fn check_ins_at_one_instant_are_a_problem_at_the_later_one(
            check_ins in prop::collection::vec((0usize..3, 0usize..4), 0..8),
        ) {
            let text = with_check_ins(&check_ins);
            let instant = |t: usize| if t == 1 { 0 } else { t };
            let want: Vec<String> = (0..check_ins.len())
                .filter(|&i| {
                    let (k, t) = check_ins[i];
                    k < 2 && check_ins[..i].iter().any(|&(k2, t2)| k2 == k && instant(t2) == instant(t))
                })
                .map(|i| format!("check_ins[{i}].at"))
                .collect();
            let doc = crate::Document::from_json(&text).expect("reads");
            let found = |problems: Vec<crate::Problem>| -> Vec<String> {
                problems
                    .into_iter()
                    .filter(|p| p.code == crate::ProblemCode::DuplicateCheckIn)
                    .map(|p| p.path)
                    .collect()
            };
            prop_assert_eq!(found(super::validate(&doc)), want.clone());
            let unknown = check_ins.iter().any(|&(k, _)| k == 2);
            match crate::Org::from_json(&text) {
                Ok(_) => prop_assert!(want.is_empty() && !unknown),
                Err(e) => prop_assert_eq!(found(e.problems()), want),
            }
        }
    }

    /// The red team's document: values 6 and 9 at one instant, in either
    /// order, are refused at the second.
    #[test]
    fn the_reported_pair_is_refused_in_either_order() {
        for order in [[(0, 0), (0, 0)], [(0, 1), (0, 0)]] {
            let err = crate::Org::from_json(&with_check_ins(&order)).expect_err("refused");
            let problems = err.problems();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(
                (problems[0].code.as_str(), problems[0].path.as_str()),
                ("duplicate_check_in", "check_ins[1].at")
            );
        }
    }
}
