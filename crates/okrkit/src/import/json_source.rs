//! Walking a source's JSON while keeping count of every field: the fields an
//! importer reads are marked, and whatever it did not read is reported as
//! `not_carried` when the object is finished — so no field is lost silently.

use super::report::{Fate, Tally};
use crate::error::{Problem, ProblemCode};
use serde_json::{Map, Value};

/// The shared state of one import: field fates and problems.
#[derive(Default)]
pub(crate) struct Ctx {
    pub tally: Tally,
    pub problems: Vec<Problem>,
}

impl Ctx {
    pub(crate) fn problem(&mut self, code: ProblemCode, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(code, message).at(path));
    }
}

/// Reads JSON text of an export (bounded by the crate's input limits); a
/// leading UTF-8 byte-order mark (as Windows tools write) is skipped, as the
/// CSV reader skips it.
pub(crate) fn parse(text: &str) -> crate::Result<Value> {
    crate::json::from_str::<Value>(without_bom(text))
}

/// `text` without a leading UTF-8 byte-order mark.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The import's result: the document built and the report of `source`.
pub(crate) fn finish(
    source: &str,
    b: DocBuilder,
    ctx: Ctx,
    reconciliation: Vec<super::Reconciliation>,
) -> super::Imported {
    super::Imported {
        document: b.doc,
        report: super::ImportReport {
            source: source.into(),
            fields: ctx.tally.into_fields(),
            problems: ctx.problems,
            reconciliation,
        },
    }
}

/// One JSON object of the source, with its indexed path (`goals[3].metric`)
/// and its generic path (`goals[].metric`, for the field tally).
pub(crate) struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    pub path: String,
    pub generic: String,
    used: Vec<&'a str>,
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Obj<'a> {
    /// Wraps `value` as an object, or reports that it is not one.
    pub(crate) fn new(
        value: &'a Value,
        path: String,
        generic: String,
        ctx: &mut Ctx,
    ) -> Option<Self> {
        match value {
            Value::Object(map) => Some(Obj {
                map,
                path,
                generic,
                used: Vec::new(),
            }),
            other => {
                ctx.problem(
                    ProblemCode::Parse,
                    &path,
                    format!("expected an object, found {}", describe(other)),
                );
                None
            }
        }
    }

    pub(crate) fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    pub(crate) fn field(&self, key: &str) -> String {
        format!("{}.{key}", self.generic)
    }

    /// The raw value of a key (null counts as absent), marking it read.
    pub(crate) fn raw(&mut self, key: &str) -> Option<&'a Value> {
        let (k, v) = self.map.get_key_value(key)?;
        self.used.push(k.as_str());
        (!v.is_null()).then_some(v)
    }

    /// A string field; a number is accepted and written as text.
    pub(crate) fn str(&mut self, key: &str, ctx: &mut Ctx) -> Option<String> {
        match self.raw(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            other => {
                ctx.problem(
                    ProblemCode::Parse,
                    &self.at(key),
                    format!("expected text, found {}", describe(other)),
                );
                None
            }
        }
    }

    /// A number field. Text holding a number (`"45"`) is a problem: every
    /// source read here writes its numbers as JSON numbers (Asana's
    /// `*_number_value`, GitLab's `Float`s, Quantive's and Tability's
    /// values), so text is an edited or foreign file, not the tool's export.
    pub(crate) fn num(&mut self, key: &str, ctx: &mut Ctx) -> Option<f64> {
        let v = self.raw(key)?;
        let parsed = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => {
                ctx.problem(
                    ProblemCode::Parse,
                    &self.at(key),
                    format!("expected a number, found the text '{s}' (the API writes numbers as JSON numbers, not text)"),
                );
                return None;
            }
            _ => None,
        };
        match parsed {
            Some(x) if x.is_finite() => Some(x),
            Some(_) => {
                ctx.problem(ProblemCode::NotFinite, &self.at(key), "not a finite number");
                None
            }
            None => {
                ctx.problem(
                    ProblemCode::Parse,
                    &self.at(key),
                    format!("expected a number, found {}", describe(v)),
                );
                None
            }
        }
    }

    /// A boolean field.
    pub(crate) fn bool(&mut self, key: &str, ctx: &mut Ctx) -> Option<bool> {
        match self.raw(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                ctx.problem(
                    ProblemCode::Parse,
                    &self.at(key),
                    format!("expected true or false, found {}", describe(other)),
                );
                None
            }
        }
    }

    /// A nested object.
    pub(crate) fn obj(&mut self, key: &str, ctx: &mut Ctx) -> Option<Obj<'a>> {
        let v = self.raw(key)?;
        Obj::new(v, self.at(key), self.field(key), ctx)
    }

    /// A nested array.
    pub(crate) fn arr(&mut self, key: &str, ctx: &mut Ctx) -> Option<&'a Vec<Value>> {
        match self.raw(key)? {
            Value::Array(a) => Some(a),
            other => {
                ctx.problem(
                    ProblemCode::Parse,
                    &self.at(key),
                    format!("expected an array, found {}", describe(other)),
                );
                None
            }
        }
    }

    /// Marks keys as read without using them (they are reported by the caller).
    pub(crate) fn skip(&mut self, keys: &[&str]) {
        for key in keys {
            let _ = self.raw(key);
        }
    }

    /// Reports every non-null key not read as `not_carried`.
    pub(crate) fn finish(self, ctx: &mut Ctx) {
        for (k, v) in self.map {
            if v.is_null() || self.used.contains(&k.as_str()) {
                continue;
            }
            ctx.tally.add(
                &format!("{}.{k}", self.generic),
                Fate::NotCarried,
                "",
                "no place in the okrkit document",
            );
        }
    }
}

/// The list inside an API envelope: the value itself when it is an array, or
/// its `data` / `items` / named field when that is one.
pub(crate) fn list<'a>(root: &'a Value, names: &[&str]) -> Option<&'a Vec<Value>> {
    if let Value::Array(a) = root {
        return Some(a);
    }
    let map = root.as_object()?;
    for name in names.iter().chain(["data", "items"].iter()) {
        if let Some(v) = map.get(*name) {
            if let Value::Array(a) = v {
                return Some(a);
            }
            if let Some(inner) = list(v, names) {
                return Some(inner);
            }
        }
    }
    None
}

/// Parses a date written exactly `YYYY-MM-DD` ([`crate::options::parse_date`]),
/// or the date (as written) of a whole RFC 3339 instant; anything else
/// (`2026-2-5`, `2026-02-15xyz`) is `None`.
pub(crate) fn date(text: &str) -> Option<chrono::NaiveDate> {
    if let Ok(d) = crate::options::parse_date(text, "") {
        return Some(d);
    }
    chrono::DateTime::parse_from_rfc3339(text).ok()?;
    crate::options::parse_date(text.get(..10)?, "").ok()
}

/// Builds a document from a JSON source: teams, cycles and people added once
/// each (hash maps: linear in the size of the export), duplicate ids reported.
#[derive(Default)]
pub(crate) struct DocBuilder {
    pub doc: crate::model::Document,
    teams: foldhash::HashMap<String, usize>,
    cycles: foldhash::HashMap<String, usize>,
    people: foldhash::HashSet<String>,
    ids: foldhash::HashMap<String, String>,
}

impl DocBuilder {
    pub(crate) fn team(&mut self, id: &str, name: Option<String>) -> crate::TeamId {
        if !self.teams.contains_key(id) {
            self.teams.insert(id.to_owned(), self.doc.teams.len());
            self.doc.teams.push(crate::model::Team {
                id: crate::TeamId::from(id.to_owned()),
                name: name.unwrap_or_else(|| id.to_owned()),
                parent: None,
            });
        }
        crate::TeamId::from(id.to_owned())
    }

    /// Adds a cycle once; a second definition with other dates is a problem.
    pub(crate) fn cycle(
        &mut self,
        id: &str,
        name: Option<String>,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        path: &str,
        ctx: &mut Ctx,
    ) -> crate::CycleId {
        match self.cycles.get(id) {
            Some(&i) => {
                let c = &self.doc.cycles[i];
                if c.start != start || c.end != end {
                    ctx.problem(
                        ProblemCode::InvalidValue,
                        path,
                        format!(
                            "cycle '{id}' runs {}..{} elsewhere in the export, {start}..{end} here",
                            c.start, c.end
                        ),
                    );
                }
            }
            None => {
                self.cycles.insert(id.to_owned(), self.doc.cycles.len());
                self.doc.cycles.push(crate::model::Cycle {
                    id: crate::CycleId::from(id.to_owned()),
                    name: name.unwrap_or_else(|| id.to_owned()),
                    start,
                    end,
                });
            }
        }
        crate::CycleId::from(id.to_owned())
    }

    pub(crate) fn person(&mut self, id: &str, name: Option<String>) -> crate::PersonId {
        if self.people.insert(id.to_owned()) {
            self.doc.people.push(crate::model::Person {
                id: crate::PersonId::from(id.to_owned()),
                name: name.unwrap_or_else(|| id.to_owned()),
            });
        }
        crate::PersonId::from(id.to_owned())
    }

    /// Claims an id for an element; a second claim is a `duplicate_id` problem.
    pub(crate) fn claim(&mut self, id: &str, path: &str, ctx: &mut Ctx) -> bool {
        if let Some(first) = self.ids.get(id) {
            ctx.problem(
                ProblemCode::DuplicateId,
                path,
                format!("id '{id}' is also at {first}: which one is meant is ambiguous"),
            );
            return false;
        }
        self.ids.insert(id.to_owned(), path.to_owned());
        true
    }
}

/// Whether `v` is the list `target`, or an object holding it (as [`list`]
/// finds it).
fn holds(v: &Value, target: &[Value]) -> bool {
    match v {
        Value::Array(a) => std::ptr::eq(a.as_slice(), target),
        Value::Object(m) => m.values().any(|x| holds(x, target)),
        _ => false,
    }
}

/// What an importer does with one key of the envelope around its list.
pub(crate) enum Envelope {
    /// Read elsewhere (reported there).
    Read,
    /// Reported here (a paging field: tallied, and a problem when set).
    Reported,
    /// Not read: reported as `not_carried` (when not null).
    Other,
}

/// Reports the API envelope around the list an importer reads (`{"data":
/// [...], "next_page": …}`): every key of the objects on the way to the list
/// goes through `each(path, key, value, ctx)`, and what it leaves is
/// reported as `not_carried` — so a paging field (a sign that the export is
/// one page of a longer list) is never lost silently. `path` is the key's
/// object in the source's terms (`data.project.workItems`, `` for the root).
pub(crate) fn envelope(
    root: &Value,
    list: &[Value],
    ctx: &mut Ctx,
    mut each: impl FnMut(&str, &str, &Value, &mut Ctx) -> Envelope,
) {
    let mut at = root;
    let mut path = String::new();
    while let Value::Object(map) = at {
        let mut next = None;
        for (k, v) in map {
            if holds(v, list) {
                if !matches!(v, Value::Array(_)) {
                    next = Some((k, v));
                }
                continue;
            }
            if let Envelope::Other = each(&path, k, v, ctx)
                && !v.is_null()
            {
                let field = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                ctx.tally.add(
                    &field,
                    Fate::NotCarried,
                    "",
                    "a field of the API's envelope around the list: no place in the okrkit document",
                );
            }
        }
        let Some((k, v)) = next else { break };
        path = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        at = v;
    }
}

/// Tallies a paging field: `not_carried`, with whether it says more pages
/// follow.
pub(crate) fn paging_field(ctx: &mut Ctx, field: &str, more: bool) {
    ctx.tally.add(
        field,
        Fate::NotCarried,
        "",
        if more {
            "paging: more pages follow, so the export is partial (see problems)"
        } else {
            "paging: this is the whole list (the last page)"
        },
    );
}

/// The problem of an export that is one page of a longer list.
pub(crate) fn partial(ctx: &mut Ctx, path: &str, what: &str) {
    ctx.problem(
        ProblemCode::Parse,
        path,
        format!("the export is partial: {what}; fetch every page and import them together"),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_exports_date_is_a_whole_date_or_a_whole_instant() {
        let d = |t: &str| super::date(t).map(|d| d.to_string());
        assert_eq!(d("2026-02-15").as_deref(), Some("2026-02-15"));
        // A tool's instant: the date as written.
        assert_eq!(
            d("2026-02-15T23:30:00-05:00").as_deref(),
            Some("2026-02-15")
        );
        assert_eq!(d("2026-02-15T10:00:00.123Z").as_deref(), Some("2026-02-15"));
        for bad in [
            "2026-2-5",
            "2026-02-15xyz",
            " 2026-02-15",
            "+2026-02-15",
            "2026-02-30",
            "2026-02-15T25:00:00Z",
        ] {
            assert_eq!(d(bad), None, "{bad:?}");
        }
    }
}
