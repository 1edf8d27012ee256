//! The problems of one element appended to a valid document, without
//! validating the document again (the ledger's drafts and new people,
//! teams and cycles: red team finding 5, a ledger quadratic in its drafts).
//!
//! Each function gives exactly what [`validate`](super::validate) gives for
//! the document with the element appended at index `n` and no check-ins,
//! **provided the document without its check-ins is valid** (the ledger's
//! state always is: every entry that changes the document is checked before
//! it is kept). Then a problem can only be the new element's own: an id
//! given twice or looking like another is reported at the later one (the
//! new element), every reference of an existing element already resolves,
//! and appending resolves more, never fewer. The ids of the document are
//! looked up in an [`IdIndex`] (kind and look-alike key to id and place),
//! its elements in the caller's maps ([`Known`]). The problems come in the
//! order [`check_with`](super::check_with) finds them. Tests in
//! `ledger::appended_tests` compare every answer with `validate`.

use super::{Validator, find_cycles, ids};
use crate::error::{Problem, ProblemCode};
use crate::model::{Cycle, Document, Objective, Person, Team};
use foldhash::{HashMap, HashMapExt};

/// An id held in an [`IdIndex`] and its place (element index, key result
/// index).
type Held = (String, (usize, usize));

/// Every id of a valid document, by kind and look-alike key, with the id
/// and its place (element index, key result index). In a valid document
/// the ids of one kind are unique and none looks like another, so each key
/// holds one id: the one an appended id of that key duplicates (the same
/// id) or looks like (another).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct IdIndex {
    keys: HashMap<(&'static str, String), Held>,
    /// Whether two ids had one key: the document is not valid (a new
    /// initiative's id is checked only for being given twice, so it may
    /// look like another's), and an appended element is not validated
    /// alone.
    clash: bool,
}

impl IdIndex {
    /// The ids of `doc` (valid without its check-ins).
    pub fn build(doc: &Document) -> IdIndex {
        let mut index = IdIndex {
            keys: HashMap::with_capacity(
                doc.cycles.len() + doc.teams.len() + doc.people.len() + doc.objectives.len(),
            ),
            clash: false,
        };
        for (i, c) in doc.cycles.iter().enumerate() {
            index.insert("cycle", c.id.as_str(), (i, 0));
        }
        for (i, t) in doc.teams.iter().enumerate() {
            index.insert("team", t.id.as_str(), (i, 0));
        }
        for (i, p) in doc.people.iter().enumerate() {
            index.insert("person", p.id.as_str(), (i, 0));
        }
        for (i, o) in doc.objectives.iter().enumerate() {
            index.add_objective(i, o);
        }
        for (i, ini) in doc.initiatives.iter().enumerate() {
            index.insert("initiative", ini.id.as_str(), (i, 0));
        }
        index
    }

    /// Whether two ids of one kind share a key ([`IdIndex::insert`]).
    pub fn ids_clash(&self) -> bool {
        self.clash
    }

    /// Records the ids of objective `o`, kept at index `i`.
    pub fn add_objective(&mut self, i: usize, o: &Objective) {
        self.insert("objective", o.id.as_str(), (i, 0));
        for (k, kr) in o.key_results.iter().enumerate() {
            self.insert("key result", kr.id.as_str(), (i, k));
        }
    }

    /// Records an id of kind `what` (the first of a key stays; a second
    /// one is a clash).
    pub fn insert(&mut self, what: &'static str, id: &str, at: (usize, usize)) {
        match self.keys.entry((what, ids::look_alike_key(id))) {
            std::collections::hash_map::Entry::Occupied(_) => self.clash = true,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((id.to_owned(), at));
            }
        }
    }

    /// The id of kind `what` with the look-alike key of `id`, and its place.
    pub fn get(&self, what: &'static str, id: &str) -> Option<(&str, (usize, usize))> {
        self.keys
            .get(&(what, ids::look_alike_key(id)))
            .map(|(other, at)| (other.as_str(), *at))
    }
}

/// The elements of the document an appended element may name.
pub(crate) struct Known<'a> {
    pub cycle: &'a dyn Fn(&str) -> bool,
    pub team: &'a dyn Fn(&str) -> bool,
    pub person: &'a dyn Fn(&str) -> bool,
    pub objective: &'a dyn Fn(&str) -> bool,
}

/// The ids of an appended element before the one checked: every non-empty
/// one with the place of its first (what a duplicate is found among), and
/// by key those kept for look-alikes (not empty, not a duplicate, hygienic,
/// looking like no earlier one), as the validator keeps them. Maps, not
/// lists: an objective may hold any number of key results.
#[derive(Default)]
struct Local {
    all: HashMap<String, (usize, usize)>,
    kept: HashMap<String, Held>,
}

impl Validator<'_> {
    /// [`Validator::id`] and [`Validator::hygiene`] for an id of kind
    /// `what` at `at`, against the document's ids (`index`) and the
    /// appended element's earlier ones (`local`).
    fn appended_id(
        &mut self,
        index: &IdIndex,
        local: &mut Local,
        what: &'static str,
        id: &str,
        at: (usize, usize),
    ) {
        let path = ids::path_of(what, at);
        if id.is_empty() {
            self.push(ProblemCode::EmptyId, path, format!("{what} id is empty"));
            return;
        }
        let key = ids::look_alike_key(id);
        let in_document = index.get(what, id);
        let first = match in_document {
            Some((other, first)) if other == id => Some(first),
            _ => local.all.get(id).copied(),
        };
        local.all.entry(id.to_owned()).or_insert(at);
        if let Some((oi, ki)) = first {
            let message = if what == "key result" {
                format!(
                    "key result id '{id}' is already used by objectives[{oi}].key_results[{ki}]"
                )
            } else {
                format!("{what} id '{id}' is already used by element {oi}")
            };
            self.push(ProblemCode::DuplicateId, path, message);
            return;
        }
        if let Some(message) = ids::id_problem(id) {
            self.push(ids::INVALID, path, format!("{what} {message}"));
            return;
        }
        let earlier = in_document.or_else(|| {
            local
                .kept
                .get(&key)
                .map(|(other, at)| (other.as_str(), *at))
        });
        match earlier {
            Some((other, other_at)) => {
                let other_path = ids::path_of(what, other_at);
                self.push(
                    ProblemCode::LookAlikeId,
                    path,
                    format!(
                        "{what} id '{}' looks like '{}' ({other_path}): ids must not be confusable (UTS #39 skeleton or case)",
                        id.escape_debug(),
                        other.escape_debug()
                    ),
                );
            }
            None => {
                local.kept.insert(key, (id.to_owned(), at));
            }
        }
    }
}

/// The problems of the document with cycle `c` appended at index `n`.
pub(crate) fn appended_cycle(index: &IdIndex, n: usize, c: &Cycle) -> Vec<Problem> {
    let mut v = Validator::new();
    v.appended_id(index, &mut Local::default(), "cycle", c.id.as_str(), (n, 0));
    v.text(&c.name, || format!("cycles[{n}].name"), false);
    if c.end < c.start {
        v.push(
            ProblemCode::CycleEndsBeforeStart,
            format!("cycles[{n}].end"),
            format!(
                "cycle '{}' ends on {} before it starts on {}",
                c.id, c.end, c.start
            ),
        );
    }
    v.problems
}

/// The problems of the document with person `p` appended at index `n`.
pub(crate) fn appended_person(index: &IdIndex, n: usize, p: &Person) -> Vec<Problem> {
    let mut v = Validator::new();
    v.appended_id(
        index,
        &mut Local::default(),
        "person",
        p.id.as_str(),
        (n, 0),
    );
    v.text(&p.name, || format!("people[{n}].name"), false);
    v.problems
}

/// The problems of the document with team `t` appended at index `n`
/// (`known_team`: a team of the document).
pub(crate) fn appended_team(
    index: &IdIndex,
    known_team: &dyn Fn(&str) -> bool,
    n: usize,
    t: &Team,
) -> Vec<Problem> {
    let mut v = Validator::new();
    let id = t.id.as_str();
    v.appended_id(index, &mut Local::default(), "team", id, (n, 0));
    v.text(&t.name, || format!("teams[{n}].name"), false);
    if let Some(parent) = &t.parent {
        // The validator's map holds the new id unless it is empty or
        // names a team of the document (then the parent is that team,
        // whose ancestors end).
        let itself = !id.is_empty() && !known_team(id) && parent.as_str() == id;
        if itself {
            v.push(
                ProblemCode::TeamCycle,
                format!("teams[{n}].parent"),
                format!("team '{}' is its own ancestor", t.id),
            );
        } else if !known_team(parent.as_str()) {
            v.dangling(&format!("teams[{n}].parent"), "team", parent.as_str());
        }
    }
    v.problems
}

/// The problems of the document with objective `o` appended at index `n`.
pub(crate) fn appended_objective(
    index: &IdIndex,
    known: &Known<'_>,
    n: usize,
    o: &Objective,
) -> Vec<Problem> {
    let mut v = Validator::new();
    let p = || format!("objectives[{n}]");
    v.appended_id(
        index,
        &mut Local::default(),
        "objective",
        o.id.as_str(),
        (n, 0),
    );
    let mut local = Local::default();
    for (k, kr) in o.key_results.iter().enumerate() {
        v.appended_id(index, &mut local, "key result", kr.id.as_str(), (n, k));
    }
    v.text(&o.title, || format!("{}.title", p()), true);
    if !(known.team)(o.team.as_str()) {
        super::unknown_owner(&mut v, o, (known.person)(o.team.as_str()), &p);
    }
    if !(known.cycle)(o.cycle.as_str()) {
        v.dangling(&format!("{}.cycle", p()), "cycle", o.cycle.as_str());
    }
    // The validator's map holds the new id unless it is empty or names an
    // objective of the document.
    let new_id = !o.id.as_str().is_empty() && !(known.objective)(o.id.as_str());
    let mut parent = [None];
    if let Some(a) = &o.aligned_to {
        let a = a.objective.as_str();
        if new_id && a == o.id.as_str() {
            parent[0] = Some(0);
        } else if !(known.objective)(a) {
            v.dangling(&format!("{}.aligned_to.objective", p()), "objective", a);
        }
    }
    for (k, kr) in o.key_results.iter().enumerate() {
        let kp = || format!("{}.key_results[{k}]", p());
        super::key_result_fields(&mut v, kr, &kp);
        for (field, person) in [
            ("responsible", &kr.responsible),
            ("key_partner", &kr.key_partner),
        ] {
            if let Some(person) = person.as_ref().map(|p| p.as_str())
                && !(known.person)(person)
            {
                v.dangling(&format!("{}.{field}", kp()), "person", person);
            }
        }
    }
    // An objective of the document never aligns (through its parents) to
    // the new one, so the one loop possible is the new one aligned to
    // itself.
    if !find_cycles(&parent).is_empty() {
        v.push(
            ProblemCode::AlignmentCycle,
            format!("objectives[{n}].aligned_to.objective"),
            format!(
                "objective '{}' aligns to itself through its parents: the alignment graph must have no cycles (R7)",
                o.id
            ),
        );
    }
    v.problems
}
