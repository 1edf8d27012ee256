//! Reads okrkit's JSON Schema into a small model of named types, independent of
//! any target language (a Python writer today; a TypeScript one can reuse it).

use serde_json::{Map, Value};

/// A type of the schema's `$defs`.
pub struct TypeDef {
    /// The core's type name (`ProgressReport`).
    pub name: String,
    /// The first paragraph of its documentation.
    pub doc: String,
    /// What it is.
    pub shape: Shape,
}

/// The shapes the core's serde types take on the wire.
pub enum Shape {
    /// A unit enum: one of these strings.
    StrEnum(Vec<Variant>),
    /// An object with named fields.
    Struct(Vec<Field>),
    /// An internally tagged enum: objects told apart by the `tag` member.
    Tagged {
        /// The member naming the variant (`type`, `kind`).
        tag: String,
        /// Each variant: its tag value, doc and fields (the tag included).
        variants: Vec<(Variant, Vec<Field>)>,
    },
    /// Another name for a type (an id is a string).
    Alias(Ty),
}

/// One value of an enum.
pub struct Variant {
    /// The wire value.
    pub value: String,
    /// The first paragraph of its documentation.
    pub doc: String,
}

/// One member of an object.
pub struct Field {
    /// The wire name.
    pub name: String,
    /// The first paragraph of its documentation.
    pub doc: String,
    /// Its type.
    pub ty: Ty,
    /// Whether it is always present (else it may be left out).
    pub required: bool,
}

/// A field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// Text (dates and times included).
    Str,
    /// A whole number.
    Int,
    /// A floating-point number.
    Float,
    /// true or false.
    Bool,
    /// Anything.
    Any,
    /// A named type of `$defs`.
    Ref(String),
    /// A list.
    List(Box<Ty>),
    /// An object keyed by strings.
    Map(Box<Ty>),
    /// The type or null.
    Optional(Box<Ty>),
    /// Exactly this string.
    Const(String),
}

/// Every type of the schema text, sorted by name; an error names what it cannot read.
pub fn read(text: &str) -> Result<Vec<TypeDef>, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("schema: {e}"))?;
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .ok_or("schema: no $defs")?;
    let mut types: Vec<TypeDef> = defs
        .iter()
        .map(|(name, def)| TypeDef {
            name: name.clone(),
            doc: doc(def),
            shape: shape(def),
        })
        .collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(types)
}

/// The core's ledger queries and their answers (`ledger-queries.schema.json`).
const QUERY: &str = "LedgerQuery";
const ANSWER: &str = "QueryAnswer";

/// One read-only query of the ledger: a variant of the core's `LedgerQuery`
/// (an externally tagged enum of struct variants), answered by the variant of
/// the same name of its `QueryAnswer`.
pub struct Query {
    /// Its wire name, the bindings' method name (`waiting_dependencies`).
    pub name: String,
    /// The first paragraph of its documentation.
    pub doc: String,
    /// Its arguments, required ones first.
    pub params: Vec<Param>,
    /// Answered as a property (schema extension `x-property`).
    pub property: bool,
    /// The type of its answer.
    pub answer: Ty,
}

/// One argument of a query.
pub struct Param {
    /// The field: name, doc, type, whether required.
    pub field: Field,
    /// Given by keyword only (schema extension `x-keyword-only`).
    pub keyword_only: bool,
    /// Its default (schema `default`), when it has one.
    pub default: Option<Value>,
}

/// The ledger's queries of the queries' schema text, in the core's order; an error
/// names a query without an answer of the same name.
pub fn queries(text: &str) -> Result<Vec<Query>, String> {
    queries_of(text, QUERY, ANSWER)
}

/// The queries of enum `query_enum` answered by enum `answer_enum` (`OrgQuery` and
/// `OrgAnswer` of `org-queries.schema.json`), as [`queries`] reads the ledger's.
pub fn queries_of(text: &str, query_enum: &str, answer_enum: &str) -> Result<Vec<Query>, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("schema: {e}"))?;
    let variants = |name: &str| {
        root.pointer(&format!("/$defs/{name}/oneOf"))
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| format!("schema: no enum {name}"))
    };
    // Each variant is an object with one member: the query's name.
    let only_member = |v: &Value| {
        let props = v.get("properties")?.as_object()?;
        (props.len() == 1).then(|| props.iter().next().map(|(k, v)| (k.clone(), v.clone())))?
    };
    let answers = variants(answer_enum)?;
    variants(query_enum)?
        .iter()
        .map(|v| {
            let (name, args) = only_member(v).ok_or(format!("schema: {query_enum}: {v}"))?;
            let answer = answers
                .iter()
                .filter_map(only_member)
                .find(|(n, _)| *n == name)
                .map(|(_, a)| ty(&a))
                .ok_or(format!("schema: {answer_enum} has no variant `{name}`"))?;
            let props = args.get("properties").and_then(Value::as_object);
            let params = props
                .map(|p| fields(p, &args))
                .unwrap_or_default()
                .into_iter()
                .map(|field| {
                    let spec = &props.map(|p| &p[&field.name]);
                    let ext = |key: &str| spec.and_then(|s| s.get(key));
                    Param {
                        keyword_only: ext("x-keyword-only") == Some(&Value::Bool(true)),
                        default: ext("default").cloned(),
                        field,
                    }
                })
                .collect();
            Ok(Query {
                doc: doc(v),
                property: v.get("x-property") == Some(&Value::Bool(true)),
                name,
                params,
                answer,
            })
        })
        .collect()
}

/// The first paragraph of a description, on one line (examples and details stay in rustdoc).
fn doc(v: &Value) -> String {
    let text = v.get("description").and_then(Value::as_str).unwrap_or("");
    let first = text.split("\n\n").next().unwrap_or("");
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shape(def: &Value) -> Shape {
    if let Some(one_of) = def.get("oneOf").and_then(Value::as_array) {
        if let Some(variants) = one_of.iter().map(const_string).collect::<Option<Vec<_>>>() {
            return Shape::StrEnum(variants);
        }
        if let Some(tagged) = tagged(one_of) {
            return tagged;
        }
        return Shape::Alias(Ty::Any);
    }
    if let Some(values) = def.get("enum").and_then(Value::as_array) {
        return Shape::StrEnum(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|s| Variant {
                    value: s.to_owned(),
                    doc: String::new(),
                })
                .collect(),
        );
    }
    if let Some(props) = def.get("properties").and_then(Value::as_object) {
        return Shape::Struct(fields(props, def));
    }
    Shape::Alias(ty(def))
}

/// `{"type": "string", "const": "x"}` as a variant.
fn const_string(v: &Value) -> Option<Variant> {
    if v.get("properties").is_some() {
        return None;
    }
    Some(Variant {
        value: v.get("const")?.as_str()?.to_owned(),
        doc: doc(v),
    })
}

fn fields(props: &Map<String, Value>, def: &Value) -> Vec<Field> {
    let required: Vec<&str> = def
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // Required members in declaration order (the schema's `required` list keeps
    // it), then the optional ones: the order a function's parameters take.
    let mut names: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| props.contains_key(*r))
        .collect();
    names.extend(
        props
            .keys()
            .map(String::as_str)
            .filter(|k| !required.contains(k)),
    );
    names
        .into_iter()
        .filter_map(|name| {
            let v = props.get(name)?;
            Some(Field {
                name: name.to_owned(),
                doc: doc(v),
                ty: ty(v),
                required: required.contains(&name),
            })
        })
        .collect()
}

/// A oneOf of objects that share one member holding a constant string.
fn tagged(one_of: &[Value]) -> Option<Shape> {
    let first = one_of.first()?.get("properties")?.as_object()?;
    let tag = first
        .iter()
        .find(|(_, v)| v.get("const").is_some())
        .map(|(k, _)| k.clone())?;
    let variants = one_of
        .iter()
        .map(|v| {
            let props = v.get("properties")?.as_object()?;
            let value = props.get(&tag)?.get("const")?.as_str()?.to_owned();
            Some((Variant { value, doc: doc(v) }, fields(props, v)))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Shape::Tagged { tag, variants })
}

/// The type of a subschema.
pub fn ty(v: &Value) -> Ty {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        return Ty::Ref(r.rsplit('/').next().unwrap_or(r).to_owned());
    }
    if let Some(c) = v.get("const").and_then(Value::as_str) {
        return Ty::Const(c.to_owned());
    }
    if let Some(any_of) = v.get("anyOf").and_then(Value::as_array) {
        let (nulls, others): (Vec<&Value>, Vec<&Value>) = any_of
            .iter()
            .partition(|x| x.get("type").and_then(Value::as_str) == Some("null"));
        return match (nulls.len(), others.as_slice()) {
            (1, [one]) => Ty::Optional(Box::new(ty(one))),
            (0, [one]) => ty(one),
            _ => Ty::Any,
        };
    }
    match v.get("type") {
        Some(Value::String(t)) => base(t, v),
        Some(Value::Array(ts)) => {
            let names: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            let non_null: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
            match non_null.as_slice() {
                [one] if names.len() == 2 => Ty::Optional(Box::new(base(one, v))),
                [one] => base(one, v),
                _ => Ty::Any,
            }
        }
        _ => Ty::Any,
    }
}

fn base(t: &str, v: &Value) -> Ty {
    match t {
        "string" => Ty::Str,
        "integer" => Ty::Int,
        "number" => Ty::Float,
        "boolean" => Ty::Bool,
        "array" => Ty::List(Box::new(v.get("items").map_or(Ty::Any, ty))),
        "object" => match v.get("additionalProperties") {
            Some(inner @ Value::Object(_)) => Ty::Map(Box::new(ty(inner))),
            _ => Ty::Map(Box::new(Ty::Any)),
        },
        _ => Ty::Any,
    }
}
