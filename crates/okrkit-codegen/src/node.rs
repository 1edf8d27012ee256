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
    /// Queries also written as module functions, answered by `module_core`:
    /// the query, the function's name and its doc.
    module: &'static [(&'static str, &'static str, &'static str)],
    module_core: &'static str,
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
        // A list of the core's records or enums (`structures`), read through serde.
        Ty::List(inner) if matches!(**inner, Ty::Ref(_)) => "crate::convert::De<Vec<_>>".into(),
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
        module: &[],
        module_core: "",
    };
    methods(&target, "The ledger's read-only queries", queries, types)
}

/// `ledger_views.rs`: the methods of Node's `Ledger` that the core's `LedgerView` describes.
pub fn ledger_views(views: &[Query], types: &[TypeDef], keys: &[String]) -> Result<String, String> {
    let target = Target {
        schema: "ledger-queries",
        query: "LedgerView",
        path: "okrkit::ledger::LedgerView",
        handle: "Ledger",
        core: "l",
        method: "view",
        fallible: true,
        convert: None,
        module: &[],
        module_core: "",
    };
    methods_dated(
        &target,
        "The ledger's other read operations",
        views,
        types,
        keys,
    )
}

/// `org_queries.rs`: the methods of Node's `Org` that the core's `OrgQuery` describes.
pub fn org_queries(
    queries: &[Query],
    types: &[TypeDef],
    keys: &[String],
) -> Result<String, String> {
    let target = Target {
        schema: "org-queries",
        query: "OrgQuery",
        path: "okrkit::OrgQuery",
        handle: "Org",
        core: "org",
        method: "query",
        fallible: true,
        convert: None,
        module: &[],
        module_core: "",
    };
    methods_dated(
        &target,
        "The organisation's read-only operations",
        queries,
        types,
        keys,
    )
}

/// Whether a value of `ty` holds an instant: a member with one of the
/// `keys` that the binding revives as a `Date` ([`instant_keys`]) at any
/// depth of the core's types.
fn holds_instant(ty: &Ty, types: &[TypeDef], keys: &[String], seen: &mut Vec<String>) -> bool {
    let fields = |fs: &[crate::schema::Field], seen: &mut Vec<String>| {
        fs.iter()
            .any(|f| keys.contains(&f.name) || holds_instant(&f.ty, types, keys, seen))
    };
    match ty {
        Ty::List(t) | Ty::Map(t) | Ty::Optional(t) => holds_instant(t, types, keys, seen),
        Ty::Ref(n) if !seen.contains(n) => {
            seen.push(n.clone());
            match types.iter().find(|t| t.name == *n).map(|t| &t.shape) {
                Some(Shape::Struct(fs)) => fields(fs, seen),
                Some(Shape::Tagged { variants, .. }) => {
                    variants.iter().any(|(_, fs)| fields(fs, seen))
                }
                Some(Shape::Alias(t)) => holds_instant(t, types, keys, seen),
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
        module: &[],
        module_core: "",
    };
    methods(
        &target,
        "A progress report's read operations",
        queries,
        types,
    )
}

/// The classifier's queries that are also module functions, answered with
/// the English vocabulary (`okrkit::classify::default_classifier`).
const CLASSIFY_MODULE: &[(&str, &str, &str)] = &[
    (
        "classify",
        "classify",
        "Classifies a statement as an outcome or an output (R1), with the English \
         vocabulary: kind, confidence, the signals that decided it, a suggestion.",
    ),
    (
        "classify_many",
        "classify_many",
        "`classify` for many statements at once.",
    ),
    (
        "vocabulary",
        "english_vocabulary",
        "The English vocabulary, to extend and pass to `new Classifier(...)`.",
    ),
];

/// `classify_queries.rs`: the methods of Node's `Classifier` that the core's
/// `ClassifyQuery` describes, and those of them that are module functions
/// too ([`CLASSIFY_MODULE`]).
pub fn classify_queries(queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    let target = Target {
        schema: "org-queries",
        query: "ClassifyQuery",
        path: "okrkit::classify::ClassifyQuery",
        handle: "Classifier",
        core: "c",
        method: "query",
        fallible: true,
        convert: Some("plain"),
        module: CLASSIFY_MODULE,
        module_core: "okrkit::classify::default_classifier()",
    };
    methods(&target, "A classifier's operations", queries, types)
}

fn methods(t: &Target, what: &str, queries: &[Query], types: &[TypeDef]) -> Result<String, String> {
    methods_dated(t, what, queries, types, &[])
}

/// [`methods`], with the keys holding an instant (for a target whose
/// conversion depends on its answer's type).
fn methods_dated(
    t: &Target,
    what: &str,
    queries: &[Query],
    types: &[TypeDef],
    keys: &[String],
) -> Result<String, String> {
    let convert = |q: &Query| match t.convert {
        Some(c) => c,
        None if holds_instant(&q.answer, types, keys, &mut Vec::new()) => "dated",
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
         use crate::define::{define};\n\
         use napi::bindgen_prelude::*;\n\
         {derive}use {path};\n\n\
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
        define = if t.module.is_empty() {
            "methods"
        } else {
            "{functions, methods}"
        },
        // `functions!` writes `#[napi]` functions.
        derive = if t.module.is_empty() {
            ""
        } else {
            "use napi_derive::napi;\n"
        },
    );
    // The handle's methods, then the module functions (no getter among them).
    let own = queries.iter().map(|q| {
        let name = NAMES.iter().find(|(from, _)| *from == q.name);
        Ok((
            q,
            name.map_or(q.name.as_str(), |(_, to)| *to),
            q.doc.as_str(),
            t.core,
        ))
    });
    let module = t.module.iter().map(|(query, name, doc)| {
        let q = queries.iter().find(|q| q.name == *query);
        let q = q.ok_or_else(|| format!("node: no query {query} in {}", t.query))?;
        Ok((q, *name, *doc, t.module_core))
    });
    let passes: [Vec<Result<_, String>>; 2] = [own.collect(), module.collect()];
    for (pass, list) in passes.into_iter().enumerate() {
        if pass == 1 {
            if list.is_empty() {
                break;
            }
            out.push_str("}}\n\nfunctions! { env {\n");
        }
        for (i, item) in list.into_iter().enumerate() {
            let (q, name, doc, core) = item?;
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
                    (Ty::Optional(inner), _) if matches!(**inner, Ty::List(_)) => {
                        format!("{js}.map(|v| v.0)")
                    }
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
            if !doc.is_empty() {
                let _ = writeln!(out, "    /// {doc}");
            }
            let mut attr = Vec::new();
            if q.property && pass == 0 {
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
                core,
                t.method,
                t.query,
                if t.fallible { "?" } else { "" }
            );
            out.push_str("    }\n");
        }
    }
    out.push_str("}}\n");
    Ok(out)
}

/// Where a native function of the binding's sources is seen.
enum Scope {
    /// Outside any export: only a `#[napi]` function is one.
    Top,
    /// In `methods! { Ty as … }` (`#`), `statics! { Ty as … }` (`.`),
    /// `functions! { … }` (no class), closed by a line `}}`.
    Macro(String, &'static str),
    /// In a `#[napi] impl Ty` (`*` for a macro's `$handle`: every class),
    /// closed by `}` at its indent.
    Impl(String, usize),
}

/// How many arguments a `fn` declares: its parameters but the receiver, the
/// `Env` and `This` that napi passes itself.
fn declared(params: &str) -> usize {
    let (mut depth, mut parts, mut cur) = (0i32, Vec::new(), String::new());
    for c in params.chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && !p.ends_with("self"))
        .filter(|p| {
            let ty = p.split_once(':').map_or("", |(_, t)| t.trim());
            !(ty.ends_with("Env") || ty == "This")
        })
        .count()
}

/// `arity.js`: how many arguments each native function of the binding
/// declares, read from its sources (`sources`: file name and text, every
/// `bindings/node/src/*.rs`): the functions of `methods!`, `statics!` and
/// `functions!` (define.rs) and those marked `#[napi]` by hand; getters take
/// none and are left out. index.js refuses an argument past these
/// (`parse_error` at `arguments`), one rule for every function.
pub fn arities(sources: &[(String, String)]) -> Result<String, String> {
    let mut sync = Vec::new();
    let mut promise = Vec::new();
    for (file, text) in sources {
        let mut scope = Scope::Top;
        let mut attr = String::new();
        let mut open = 0i32; // depth of an attribute still being read
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let t = line.trim();
            let indent = line.len() - line.trim_start().len();
            // `methods! { [mut|ref] Ty as`, also inside another macro's
            // invocation (tables.rs's `table_pairs! { methods! { Ty as … } env {`).
            let head = |m: &str| {
                let (_, rest) = t.split_once(m).filter(|_| !t.starts_with("//"))?;
                let rest = rest.trim_start();
                let rest = rest.trim_start_matches("mut ").trim_start_matches("ref ");
                Some(rest.split_whitespace().next().unwrap_or("").to_owned())
            };
            if let Some(ty) = head("methods! {") {
                scope = Scope::Macro(ty, "#");
                continue;
            }
            if let Some(ty) = head("statics! {") {
                scope = Scope::Macro(ty, ".");
                continue;
            }
            if head("functions! {").is_some() {
                scope = Scope::Macro(String::new(), "");
                continue;
            }
            match &scope {
                Scope::Macro(..) if t == "}}" => {
                    scope = Scope::Top;
                    continue;
                }
                Scope::Impl(_, at) if t == "}" && indent == *at => {
                    scope = Scope::Top;
                    continue;
                }
                _ => {}
            }
            if let Some(ty) = t.strip_prefix("impl ").and_then(|r| r.strip_suffix(" {"))
                && attr.starts_with("#[napi")
            {
                let ty = if ty.starts_with('$') { "*" } else { ty };
                scope = Scope::Impl(ty.to_owned(), indent);
                attr.clear();
                continue;
            }
            // An attribute: `[…]` in a macro, `#[napi…]` anywhere, perhaps
            // over several lines.
            if open > 0 || t.starts_with('[') || t.starts_with("#[napi") {
                if open == 0 {
                    attr.clear();
                }
                attr.push_str(t);
                attr.push(' ');
                open += t.matches('[').count() as i32 - t.matches(']').count() as i32;
                continue;
            }
            if t.starts_with("///") || t.starts_with("#[") || t.is_empty() {
                continue;
            }
            let sig = t.trim_start_matches("pub ");
            let (is_async, sig) = match sig.strip_prefix("async ") {
                Some(s) => (true, s),
                None => (false, sig),
            };
            let Some(sig) = sig.strip_prefix("fn ") else {
                attr.clear();
                continue;
            };
            let exported = match scope {
                Scope::Macro(..) => indent == 4,
                Scope::Impl(..) => t.starts_with("pub fn"),
                Scope::Top => attr.starts_with("#[napi"),
            };
            let taken = std::mem::take(&mut attr);
            if !exported || taken.contains("getter") {
                continue;
            }
            // `fn table / table_arrow(…)`: tables.rs's pair of one signature.
            let name = sig.split(['(', '<']).next().unwrap_or("");
            if name.starts_with('$') {
                continue; // define.rs's macros themselves
            }
            // The parameters, to the parenthesis closing them.
            let mut params = sig[name.len()..].to_owned();
            while params.matches('(').count() > params.matches(')').count() {
                let next = lines
                    .next()
                    .ok_or_else(|| format!("node: {file}: fn {name} never closes"))?;
                params.push_str(next.trim());
            }
            let params = params
                .split_once('(')
                .map(|(_, r)| r)
                .and_then(|r| r.rsplit_once(')').map(|(p, _)| p))
                .ok_or_else(|| format!("node: {file}: fn {name} has no parameters"))?;
            let params = params.split(") ->").next().unwrap_or(params);
            let n = declared(params);
            for name in name.split('/').map(str::trim) {
                let js = match taken.split_once("js_name = \"") {
                    Some((_, r)) => r.split('"').next().unwrap_or(name).to_owned(),
                    None => camel(name),
                };
                let key = match &scope {
                    _ if taken.contains("constructor") => match &scope {
                        Scope::Macro(ty, _) | Scope::Impl(ty, _) => ty.clone(),
                        Scope::Top => return Err(format!("node: {file}: constructor {name}")),
                    },
                    Scope::Macro(ty, sep) => format!("{ty}{sep}{js}"),
                    Scope::Impl(ty, _) => format!("{ty}#{js}"),
                    Scope::Top => js,
                };
                if is_async {
                    promise.push(format!("{key:?}"));
                }
                sync.push(format!("    {key:?}: {n},"));
            }
        }
    }
    sync.sort();
    sync.dedup();
    promise.sort();
    Ok(format!(
        "'use strict'\n\
         // Generated by `cargo run -p okrkit-codegen -- write` from the native functions\n\
         // of bindings/node/src/*.rs. Do not edit: change a function there and regenerate.\n\
         // How many arguments each declares: `Class` (its constructor), `Class.name`\n\
         // (a static), `Class#name` (a method; `*#name`: of every class), `name` (a\n\
         // module function); getters take none. index.js refuses an argument past\n\
         // these (`parse_error` at `arguments`); `promise`: those whose refusal\n\
         // rejects the Promise they return.\n\
         module.exports = {{\n  arity: {{\n{}\n  }},\n  promise: [{}],\n}}\n",
        sync.join("\n"),
        promise.join(", ")
    ))
}

/// Whether a property's schema is an instant (`format: date-time`, which
/// schemars writes for a `DateTime<Utc>`), itself or as the item of a list,
/// the value of a map or one of an `anyOf`.
fn is_instant(v: &serde_json::Value) -> bool {
    v.get("format").and_then(|f| f.as_str()) == Some("date-time")
        || ["items", "additionalProperties"]
            .iter()
            .any(|k| v.get(*k).is_some_and(is_instant))
        || ["anyOf", "oneOf"].iter().any(|k| {
            v.get(*k)
                .and_then(|a| a.as_array())
                .is_some_and(|a| a.iter().any(is_instant))
        })
}

/// The keys (the core's snake_case) that hold an instant in the core's
/// types: every property that is `format: date-time` in `schema_texts`, sorted.
/// The binding revives each such key of an answer as a `Date`
/// (`instant_keys.rs`), and a generated method whose answer holds one
/// converts it with `dated`. A key is one whatever type holds it; a string
/// property of the same name that is a text but not an instant (a date, say)
/// would be revived too, so it is refused here: rename one of them.
pub fn instant_keys(schema_texts: &[&str]) -> Result<Vec<String>, String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<(String, bool)>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(props) = m.get("properties").and_then(|p| p.as_object()) {
                    for (k, p) in props {
                        let text = p.get("type").is_some_and(|t| {
                            t == "string"
                                || t.as_array().is_some_and(|a| a.contains(&"string".into()))
                        });
                        if is_instant(p) || text {
                            out.push((k.clone(), is_instant(p)));
                        }
                    }
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut seen = Vec::new();
    for text in schema_texts {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("schema: {e}"))?;
        walk(&v, &mut seen);
    }
    let mut keys: Vec<String> = seen
        .iter()
        .filter(|(_, i)| *i)
        .map(|(k, _)| k.clone())
        .collect();
    keys.sort();
    keys.dedup();
    if let Some((k, _)) = seen.iter().find(|(k, i)| !i && keys.contains(k)) {
        return Err(format!(
            "node: `{k}` is an instant in one type and other text in another: the binding \
             would revive both as a Date; rename one"
        ));
    }
    Ok(keys)
}

/// `instant_keys.rs`: the keys of [`instant_keys`], camelCase, as the JS
/// array the binding's date reviver reads.
pub fn instant_keys_file(keys: &[String]) -> String {
    let list: Vec<String> = keys.iter().map(|k| format!("'{}'", camel(k))).collect();
    format!(
        "// Generated by `cargo run -p okrkit-codegen -- write` from the `format: date-time`\n\
         // properties of crates/okrkit/schema/*.schema.json. Do not edit: regenerate.\n\
         //! The keys holding an instant in the core's types (a `DateTime<Utc>`), camelCase:\n\
         //! in an answer, the string at such a key is revived as a `Date` (`convert::dated`).\n\n\
         /// A JS array literal of the keys.\n\
         pub(crate) const INSTANT_KEYS: &str = \"[{}]\";\n",
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema of two types: `due` is an instant without an instant's name,
    /// `created_at` a name like an instant's that is a date.
    const SCHEMA: &str = r##"{"$defs": {
        "Task": {"type": "object", "properties": {
            "due": {"type": "string", "format": "date-time"},
            "history": {"type": "array", "items": {"$ref": "#/$defs/Step"}}
        }},
        "Step": {"type": "object", "properties": {
            "note": {"type": "string"},
            "seen": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]}
        }},
        "Plain": {"type": "object", "properties": {"created_at": {"type": "string", "format": "date"}}}
    }}"##;

    #[test]
    fn instant_keys_are_the_schema_date_times_whatever_their_names() {
        let keys = instant_keys(&[SCHEMA]).unwrap();
        assert_eq!(keys, ["due", "seen"]);
        let file = instant_keys_file(&keys);
        assert!(
            file.contains(r#"INSTANT_KEYS: &str = "['due', 'seen']";"#),
            "{file}"
        );
        let types = crate::schema::read(SCHEMA).unwrap();
        let holds = |n: &str| holds_instant(&Ty::Ref(n.into()), &types, &keys, &mut Vec::new());
        assert!(holds("Task") && holds("Step"));
        assert!(!holds("Plain"), "created_at is a date, not an instant");
    }

    #[test]
    fn a_key_both_an_instant_and_other_text_is_refused() {
        let clash = SCHEMA.replace(
            r#""note": {"type": "string"}"#,
            r#""due": {"type": "string"}"#,
        );
        let e = instant_keys(&[&clash]).unwrap_err();
        assert!(e.contains("`due`"), "{e}");
    }

    #[test]
    fn arities_count_what_each_native_function_declares() {
        let src = r#"
functions! { env {
    /// Two.
    [ts_args_type = "a: string, b?: X"]
    fn two_args(a: String, b: Option<De<HashMap<String, u32>>>) -> Unknown<'e> {
        fn inner(x: u32) {}
    }
    async fn later_async(a: Unknown<'e>) -> AsyncTask<T> { x }
}}
statics! { Org as env {
    [constructor, ts_args_type = "document: D"]
    fn new(document: Unknown<'e>) -> Org { x }
}}
methods! { ref Org as (this, env) {
    [getter]
    fn cycles() -> Vec<String> { x }
    fn progress_over(
        dates: Unknown<'e>,
        options: Unknown<'e>,
    ) -> () { x }
}}
table_pairs! { methods! { Org as (org, env) } env {
    ["table?: T"]
    fn table / table_arrow(table: Option<String>) { x }
}}
#[napi]
impl Report {
    #[napi(
        js_name = "toJSON",
        catch_unwind
    )]
    pub fn plain<'e>(&mut self, env: &'e Env, _key: Option<Unknown<'e>>) -> Result<Unknown<'e>> {}
    #[napi(getter)]
    pub fn rows(&self, env: &Env, this: This) -> u32 {}
}
#[napi(js_name = "__hook")]
pub fn hook(env: Env, n: u32) -> u32 {}
fn not_exported(a: u32) {}
"#;
        let js = arities(&[("a.rs".into(), src.into())]).unwrap();
        for line in [
            r#""twoArgs": 2,"#,
            r#""laterAsync": 1,"#,
            r#""Org": 1,"#,
            r#""Org#progressOver": 2,"#,
            r#""Org#table": 1,"#,
            r#""Org#tableArrow": 1,"#,
            r#""Report#toJSON": 1,"#,
            r#""__hook": 1,"#,
            r#"promise: ["laterAsync"],"#,
        ] {
            assert!(js.contains(line), "{line} in\n{js}");
        }
        for absent in ["cycles", "rows", "inner", "notExported", "ref#"] {
            assert!(!js.contains(absent), "{absent} in\n{js}");
        }
    }
}
