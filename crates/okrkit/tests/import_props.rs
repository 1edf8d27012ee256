//! Property tests of the JSON importers (Asana, GitLab, Quantive, Tability):
//! whatever an export holds, an import answers without a panic, a report
//! without problems comes with a document that validates, and a field the
//! importer does not know is listed in the report, never dropped in silence.
//! The generated exports start from the shared fixtures
//! (`tests/vectors/import/inputs`), so that they stay close to what the
//! tools write; the table importer has its own (`import_table.rs`).

mod common;

use common::vectors_dir;
use okrkit::import::{Fate, Imported, Source, read_value};
use proptest::prelude::*;
use serde_json::{Map, Value};

const SOURCES: [(Source, &str); 4] = [
    (Source::Asana, "asana.input.json"),
    (Source::Gitlab, "gitlab.input.json"),
    (Source::Quantive, "quantive.input.json"),
    (Source::Tability, "tability.input.json"),
];

fn fixture(file: &str) -> Value {
    let path = vectors_dir().join("import/inputs").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// What every import must hold: a serialisable report, and a document that
/// validates whenever the report names no problem (`has_problems` is the
/// caller's one check before trusting the document).
fn check_answer(source: Source, imported: &Imported) -> Result<(), TestCaseError> {
    serde_json::to_string(&imported.report)
        .map_err(|e| TestCaseError::fail(format!("{source:?}: report: {e}")))?;
    if !imported.report.has_problems() {
        let org = okrkit::Org::new(imported.document.clone());
        prop_assert!(
            org.is_ok(),
            "{source:?}: a clean report with a document that does not validate: {:?}",
            org.err()
        );
    }
    Ok(())
}

/// The path (keys and indexes, the root's first) of every value of `v` that
/// `keep` picks: its objects, its numbers.
fn paths(v: &Value, keep: fn(&Value) -> bool) -> Vec<Vec<PathStep>> {
    fn walk(
        v: &Value,
        keep: fn(&Value) -> bool,
        at: &mut Vec<PathStep>,
        out: &mut Vec<Vec<PathStep>>,
    ) {
        if keep(v) {
            out.push(at.clone());
        }
        let children: Vec<(PathStep, &Value)> = match v {
            Value::Object(m) => m
                .iter()
                .map(|(k, c)| (PathStep::Key(k.clone()), c))
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, c)| (PathStep::Index(i), c))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            at.push(step);
            walk(child, keep, at, out);
            at.pop();
        }
    }
    let mut out = Vec::new();
    walk(v, keep, &mut Vec::new(), &mut out);
    out
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// Any JSON value, its keys drawn from the tools' own field names (so that
/// the importers meet their fields holding the wrong kinds of value) and a
/// few others.
fn any_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "data",
        "goals",
        "metric",
        "gid",
        "name",
        "parent_goals",
        "time_period",
        "start_on",
        "end_on",
        "due_on",
        "target_number_value",
        "current_number_value",
        "initial_number_value",
        "unit",
        "progress_source",
        "status",
        "owner",
        "team",
        "project",
        "workItems",
        "nodes",
        "id",
        "title",
        "workItemType",
        "widgets",
        "type",
        "progress",
        "milestone",
        "startDate",
        "dueDate",
        "parent",
        "sessions",
        "metrics",
        "sessionId",
        "goalId",
        "start",
        "end",
        "target",
        "actual",
        "initialValue",
        "assignee",
        "plans",
        "objectives",
        "outcomes",
        "checkins",
        "plan_id",
        "objective_id",
        "outcome_id",
        "from",
        "to",
        "score",
        "score_format",
        "start_at",
        "finish_at",
        "created_at",
        "next_page",
        "pageInfo",
        "hasNextPage",
        "totalCount",
        "errors",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        Just(Value::from(0.0)),
        prop::sample::select(vec![
            "",
            "x",
            "2026-01-01",
            "2026-03-31",
            "2026-02-01T10:00:00Z",
            "Objective",
            "Key Result",
            "OBJECTIVE",
            "PROGRESS",
            "number",
            "percentage",
            "currency",
            "green",
            "manual",
            "12",
            "not a date",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

proptest! {
    /// Any JSON at all, for every source: an answer, never a panic.
    #[test]
    fn any_json_is_answered(v in any_json()) {
        for (source, _) in SOURCES {
            if let Ok(imported) = read_value(source, &v) {
                check_answer(source, &imported)?;
            }
        }
    }

    /// A fixture with one of its values replaced by any JSON value (the
    /// right field holding the wrong kind of value, deep inside a real
    /// export): an answer, and a clean report only with a valid document.
    #[test]
    fn a_fixture_with_any_value_replaced_is_answered(
        which in 0..SOURCES.len(),
        pick in any::<prop::sample::Index>(),
        key in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let (source, file) = SOURCES[which];
        let mut v = fixture(file);
        let objects = paths(&v, Value::is_object);
        let path = pick.get(&objects).clone();
        let target = at_mut(&mut v, &path);
        let keys: Vec<String> = target.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
        prop_assume!(!keys.is_empty());
        let k = key.get(&keys).clone();
        target[k.as_str()] = replacement;
        if let Ok(imported) = read_value(source, &v) {
            check_answer(source, &imported)?;
        }
    }

    /// A fixture with one number changed to any finite number (negative,
    /// zero, huge, a fraction where a whole number is expected).
    #[test]
    fn a_fixture_with_any_number_changed_is_answered(
        which in 0..SOURCES.len(),
        pick in any::<prop::sample::Index>(),
        number in prop_oneof![
            prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
            any::<i64>().prop_map(|n| n as f64),
            Just(f64::MAX),
            Just(-f64::MAX),
        ],
    ) {
        let (source, file) = SOURCES[which];
        let mut v = fixture(file);
        let numbers = paths(&v, Value::is_number);
        let path = pick.get(&numbers).clone();
        *at_mut(&mut v, &path) = Value::from(number);
        let imported = read_value(source, &v);
        prop_assert!(imported.is_ok(), "{source:?}: a number changed refused the export: {:?}", imported.err());
        check_answer(source, &imported.unwrap())?;
    }

    /// A field the importer does not know, added to any object of a
    /// fixture, is in the report as not carried: nothing is lost in silence.
    #[test]
    fn an_unknown_field_anywhere_is_reported_not_carried(
        which in 0..SOURCES.len(),
        pick in any::<prop::sample::Index>(),
        name in "x_[a-z]{1,8}",
        value in prop_oneof![
            Just(Value::from("kept?")),
            any::<i64>().prop_map(Value::from),
            Just(Value::Bool(true)),
            Just(serde_json::json!({"nested": 1})),
        ],
    ) {
        let (source, file) = SOURCES[which];
        let mut v = fixture(file);
        let objects = paths(&v, Value::is_object);
        let path = pick.get(&objects).clone();
        let target = at_mut(&mut v, &path);
        target[name.as_str()] = value;
        let imported = read_value(source, &v);
        prop_assert!(imported.is_ok(), "{source:?}: {:?}", imported.err());
        let imported = imported.unwrap();
        let suffix = format!(".{name}");
        let reported: Vec<_> = imported
            .report
            .fields
            .iter()
            .filter(|f| f.field == name || f.field.ends_with(&suffix))
            .collect();
        let covered = reported.iter().any(|f| f.fate == Fate::NotCarried)
            || reported_whole(source, &fixture(file), &path);
        prop_assert!(
            covered,
            "{source:?}: `{name}` added at {path:?} is not reported as not carried (reported: {reported:?})"
        );
    }
}

/// Whether an object or array element on `path` is reported whole as not
/// carried, so that its own fields need no line each: an objective's
/// `owner` (R6, `goals[].owner`), a GitLab task under a key result
/// (`work_items[]`). Without that element, the not-carried count of the
/// report's line naming it (`….owner`, `…[]`) is lower.
fn reported_whole(source: Source, original: &Value, path: &[PathStep]) -> bool {
    let not_carried = |v: &Value| -> Vec<(String, usize)> {
        let Ok(imported) = read_value(source, v) else {
            return Vec::new();
        };
        let report = imported.report.fields.into_iter();
        report
            .filter(|f| f.fate == Fate::NotCarried)
            .map(|f| (f.field, f.count))
            .collect()
    };
    let before = not_carried(original);
    (0..path.len()).rev().any(|i| {
        let mut without = original.clone();
        let parent = at_mut(&mut without, &path[..i]);
        let names_it = |field: &str| match &path[i] {
            PathStep::Key(k) => field == k || field.ends_with(&format!(".{k}")),
            PathStep::Index(_) => field.ends_with(']'),
        };
        match &path[i] {
            PathStep::Key(k) => {
                parent.as_object_mut().map(|m| m.remove(k));
            }
            PathStep::Index(index) => {
                parent.as_array_mut().map(|a| a.remove(*index));
            }
        }
        let after = not_carried(&without);
        before
            .iter()
            .filter(|(field, _)| names_it(field))
            .any(|(field, n)| {
                let left = after
                    .iter()
                    .find(|(f, _)| f == field)
                    .map_or(0, |(_, m)| *m);
                left < *n
            })
    })
}
