//! Writes the Node binding's methods that the core describes as data: the
//! ledger's queries (`bindings/node/src/ledger_queries.rs`, from the core's
//! `LedgerQuery`) and other read operations (`ledger_views.rs`, `LedgerView`),
//! the organisation's (`org_queries.rs`, `OrgQuery`), a progress report's
//! (`report_queries.rs`, `ReportQuery`) and a classifier's
//! (`classify_queries.rs`, `ClassifyQuery`): one `#[napi]` method each,
//! through the binding's `methods!` (arguments read under their camelCase
//! names with okrkit's errors, options as the core's options types whole,
//! TypeScript types given), answered by the core (`Ledger::query`,
//! `Ledger::view`, `Org::query`, `LazyReport::query`, `Classifier::query`) as
//! JS values: `dated` (instants as `Date`s) or `plain`.

use crate::schema::{Query, Shape, Ty, TypeDef};
use std::fmt::Write;

/// What one generated file holds: the queries of one core enum, answered by
/// one handle's core value.
struct Target {
    /// The schema file the queries come from (`ledger-queries`).
    schema: &'static str,
    /// The core's enum, as the generated code names it.
    query: &'static str,
    /// Its path in the core.
    path: &'static str,
    /// The handle (`Ledger`), its core value's name in the bodies (`l`).
    handle: &'static str,
    core: &'static str,
    /// The core's method answering it (`query`), whether it can fail
    /// (`?`), and how the answer becomes a JS value (`dated`, `plain`; `None`:
    /// `dated` when the answer holds an instant, see [`holds_instant`]).
    method: &'static str,
    fallible: bool,
    convert: Option<&'static str>,
}

/// The core's types (by schema name) a generated method reads with a
/// reader of the binding's own (the value its `.0`; left out: the type's
/// default): the options types whole (`Opts`), a structure hint (`Hint`);
/// with Node's TypeScript name.
const READERS: &[(&str, &str, &str)] = &[
    ("LintConfig", "crate::convert::Opts<_>", "LintOptions"),
    ("HealthOptions", "crate::convert::Opts<_>", "HealthOptions"),
    ("StructureHint", "crate::classify::Hint", "StructureHint"),
];

/// Node's own name of a query, where it is not the core's.
const NAMES: &[(&str, &str)] = &[("feedback_notes", "feedback")];

/// Node's names of the core's types (scripts/gen-types.js's `RENAME`).
const RENAME: &[(&str, &str)] = &[
    ("Document", "OkrDocument"),
    ("ProgressReport", "ProgressReportData"),
    ("Entry", "LedgerEntry"),
    ("Action", "LedgerAction"),
    ("LintConfig", "LintConfigData"),
];

/// `longer_than_days` → `longerThanDays`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// A type as TypeScript: ids are strings, core types by Node's name.
fn ts(ty: &Ty, types: &[TypeDef]) -> String {
    match ty {
        Ty::Str | Ty::Const(_) => "string".into(),
        Ty::Int | Ty::Float => "number".into(),
        Ty::Bool => "boolean".into(),
        Ty::Any => "unknown".into(),
        Ty::Ref(n) if n == "Moment" => "Date | string".into(),
        Ty::Ref(n) => match types.iter().find(|t| t.name == *n).map(|t| &t.shape) {
            Some(Shape::Alias(Ty::Str)) => "string".into(),
            _ => RENAME
                .iter()
                .find(|(from, _)| from == n)
                .map_or(n.clone(), |(_, to)| (*to).to_owned()),
        },
        Ty::List(inner) => match ts(inner, types) {
            t if t.contains(' ') => format!("Array<{t}>"),
            t => format!("{t}[]"),
        },
        Ty::Map(inner) => format!("Record<string, {}>", ts(inner, types)),
        Ty::Optional(inner) => format!("{} | null", ts(inner, types)),
    }
}

/// An argument's Rust type, as the binding reads it.
fn rust(ty: &Ty) -> Result<String, String> {
    Ok(match ty {
        Ty::Ref(n) if n == "Moment" => "crate::convert::Moment".into(),
        Ty::Str | Ty::Ref(_) => "String".into(),
        Ty::Int => "i64".into(),
        Ty::Float => "f64".into(),
        Ty::Bool => "bool".into(),
        Ty::Optional(inner) => format!("Option<{}>", rust(inner)?),
        Ty::List(inner) if **inner == Ty::Str => "crate::convert::De<Vec<String>>".into(),
        other => return Err(format!("node: no argument type for {other:?}")),
    })
}

/// `ledger_queries.rs`: the query methods of Node's `Ledger`.
pub fn ledger_queries(queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let target = Target {
        schema: "ledger-queries",
        query: "LedgerQuery",
        path: "okrkit::ledger::LedgerQuery",
        handle: "Ledger",
        core: "l",
        method: "query",
        fallible: false,
        convert: Some("dated"),
    };
    methods(&target, "The ledger's read-only queries", queries, types)
}

/// `ledger_views.rs`: the methods of Node's `Ledger` that the core's `LedgerView` describes.
pub fn ledger_views(views: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let target = Target {
        schema: "ledger-queries",
        query: "LedgerView",
        path: "okrkit::ledger::LedgerView",
        handle: "Ledger",
        core: "l",
        method: "view",
        fallible: true,
        convert: None,
    };
    methods(&target, "The ledger's other read operations", views, types)
}

/// `org_queries.rs`: the methods of Node's `Org` that the core's `OrgQuery` describes.
pub fn org_queries(queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let target = Target {
        schema: "org-queries",
        query: "OrgQuery",
        path: "okrkit::OrgQuery",
        handle: "Org",
        core: "org",
        method: "query",
        fallible: true,
        convert: None,
    };
    methods(
        &target,
        "The organisation's read-only operations",
        queries,
        types,
    )
}

/// A key the Node binding revives as a `Date` (`at`, `since`, `…_at`).
fn instant_key(name: &str) -> bool {
    name == "at" || name == "since" || name.ends_with("_at")
}

/// Whether a value of `ty` holds an instant: a member named as one
/// ([`instant_key`]) at any depth of the core's types.
fn holds_instant(ty: &Ty, types: &[TypeDef], seen: &mut Vec<String>) -> bool {
    let fields = |fs: &[crate::schema::Field], seen: &mut Vec<String>| {
        fs.iter()
            .any(|f| instant_key(&f.name) || holds_instant(&f.ty, types, seen))
    };
    match ty {
        Ty::List(t) | Ty::Map(t) | Ty::Optional(t) => holds_instant(t, types, seen),
        Ty::Ref(n) if !seen.contains(n) => {
            seen.push(n.clone());
            match types.iter().find(|t| t.name == *n).map(|t| &t.shape) {
                Some(Shape::Struct(fs)) => fields(fs, seen),
                Some(Shape::Tagged { variants, .. }) => {
                    variants.iter().any(|(_, fs)| fields(fs, seen))
                }
                Some(Shape::Alias(t)) => holds_instant(t, types, seen),
                _ => false,
            }
        }
        _ => false,
    }
}

/// `report_queries.rs`: the methods of Node's `ProgressReport` that the core's
/// `ReportQuery` describes.
pub fn report_queries(queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let target = Target {
        schema: "org-queries",
        query: "ReportQuery",
        path: "okrkit::progress::ReportQuery",
        handle: "ProgressReport",
        core: "report",
        method: "query",
        fallible: false,
        convert: Some("plain"),
    };
    methods(
        &target,
        "A progress report's read operations",
        queries,
        types,
    )
}

/// `classify_queries.rs`: the methods of Node's `Classifier` that the core's
/// `ClassifyQuery` describes.
pub fn classify_queries(queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let target = Target {
        schema: "org-queries",
        query: "ClassifyQuery",
        path: "okrkit::classify::ClassifyQuery",
        handle: "Classifier",
        core: "c",
        method: "query",
        fallible: false,
        convert: Some("plain"),
    };
    methods(&target, "A classifier's operations", queries, types)
}

fn methods(t: &Target, what: &str, queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let convert = |q: &Query| match t.convert {
        Some(c) => c,
        None if holds_instant(&q.answer, types, &mut Vec::new()) => "dated",
        None => "plain",
    };
    let mut used: Vec<&str> = queries.iter().map(convert).collect();
    used.sort_unstable();
    used.dedup();
    let mut out = format!(
        "// Generated by `cargo run -p okrkit-codegen -- write` from\n\
         // crates/okrkit/schema/{schema}.schema.json. Do not edit: change the core's\n\
         // `{query}` and regenerate.\n\
         //! {what}, from the core's `{query}`.\n\n\
         use super::{handle};\n\
         use crate::convert::{convert};\n\
         use crate::define::methods;\n\
         use napi::bindgen_prelude::*;\n\
         use {path};\n\n\
         methods! {{ {handle} as ({core}, env) {{\n",
        schema = t.schema,
        query = t.query,
        handle = t.handle,
        convert = match used.as_slice() {
            [one] => (*one).to_owned(),
            all => format!("{{{}}}", all.join(", ")),
        },
        path = t.path,
        core = t.core,
    );
    for (i, q) in queries.iter().enumerate() {
        let name = NAMES
            .iter()
            .find(|(from, _)| *from == q.name)
            .map_or(q.name.as_str(), |(_, to)| *to);
        let mut args = Vec::new();
        let mut ts_args = Vec::new();
        let mut fields = Vec::new();
        for p in &q.params {
            let f = &p.field;
            let js = camel(&f.name);
            if let Ty::Ref(n) = &f.ty
                && let Some((_, reader, ts_name)) = READERS.iter().find(|(o, ..)| o == n)
            {
                args.push(format!("{js}: {reader}"));
                ts_args.push(format!("{js}?: {ts_name}"));
                fields.push(format!("{}: {js}.0", f.name));
                continue;
            }
            let optional = !f.required;
            let mut ty = rust(&f.ty)?;
            if optional && !ty.starts_with("Option<") {
                ty = format!("Option<{ty}>");
            }
            let value = match (&f.ty, optional) {
                (Ty::Ref(m), _) if m == "Moment" => format!("okrkit::ledger::Moment({js}.0)"),
                (Ty::Optional(m), _) if **m == Ty::Ref("Moment".into()) => {
                    format!("{js}.map(|m| okrkit::ledger::Moment(m.0))")
                }
                (_, true) if p.default.as_ref().is_some_and(|d| !d.is_null()) => {
                    let default = p.default.as_ref().map(ToString::to_string);
                    format!("{js}.unwrap_or({})", default.unwrap_or_default())
                }
                (Ty::List(_), false) => format!("{js}.0"),
                (Ty::Ref(_), false) => format!("{js}.into()"),
                _ => js.clone(),
            };
            let ts_ty = match &f.ty {
                Ty::Optional(inner) => ts(inner, types),
                other => ts(other, types),
            };
            args.push(format!("{js}: {ty}"));
            ts_args.push(format!("{js}{}: {ts_ty}", if optional { "?" } else { "" }));
            // `text` for `text: text`.
            fields.push(match value == f.name {
                true => value,
                false => format!("{}: {value}", f.name),
            });
        }
        if i > 0 {
            out.push('\n');
        }
        if !q.doc.is_empty() {
            let _ = writeln!(out, "    /// {}", q.doc);
        }
        let mut attr = Vec::new();
        if q.property {
            attr.push("getter".to_owned());
        }
        if !ts_args.is_empty() {
            attr.push(format!("ts_args_type = {:?}", ts_args.join(", ")));
        }
        attr.push(format!("ts_return_type = {:?}", ts(&q.answer, types)));
        let _ = writeln!(out, "    [{}]", attr.join(", "));
        let _ = writeln!(out, "    fn {name}({}) -> Unknown<'e> {{", args.join(", "));
        let variant = crate::python::camel(&q.name);
        let fields = if fields.is_empty() {
            String::new()
        } else {
            format!(" {} ", fields.join(", "))
        };
        let _ = writeln!(
            out,
            "        {}(env, &{}.{}(&{}::{variant} {{{fields}}}){})?",
            convert(q),
            t.core,
            t.method,
            t.query,
            if t.fallible { "?" } else { "" }
        );
        out.push_str("    }\n");
    }
    out.push_str("}}\n");
    Ok(out)
}
