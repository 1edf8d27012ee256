use crate::model::{CheckIn, Cycle, Initiative, Objective, Person, PersonalGoal, Team};
use serde::{Deserialize, Serialize};

/// The version of the document format this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

fn schema_version() -> u32 {
    SCHEMA_VERSION
}

/// Everything about an organisation's OKRs, as one versioned document.
///
/// This is plain data: build it in code, or load it with
/// [`Document::from_json`]. [`Org::new`](crate::Org::new) validates it.
///
/// ```
/// let doc = okrkit::Document::from_json(r#"{"schema_version": 1}"#).unwrap();
/// assert!(doc.objectives.is_empty());
/// let back = okrkit::Document::from_json(&doc.to_json().unwrap()).unwrap();
/// assert_eq!(doc, back);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Format version; this crate reads version [`SCHEMA_VERSION`].
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// The cycles (quarters, halves).
    #[serde(default)]
    pub cycles: Vec<Cycle>,
    /// The teams and their hierarchy.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// The people (ids and names only).
    #[serde(default)]
    pub people: Vec<Person>,
    /// The objectives, each with its key results.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// The initiatives (never an input to progress).
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// The check-ins on key results.
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    /// Personal goals (a separate type: R6).
    #[serde(default)]
    pub personal_goals: Vec<PersonalGoal>,
}

impl Default for Document {
    /// An empty document of the current schema version.
    fn default() -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            cycles: Vec::new(),
            teams: Vec::new(),
            people: Vec::new(),
            objectives: Vec::new(),
            initiatives: Vec::new(),
            check_ins: Vec::new(),
            personal_goals: Vec::new(),
        }
    }
}

impl Document {
    /// Reads a document from JSON text.
    ///
    /// A malformed document gives [`Error::Parse`](crate::Error::Parse) with
    /// the path, line and column; a document written for another schema version
    /// gives `unsupported_schema_version`. This only reads: the rules are
    /// checked by [`Org::new`](crate::Org::new) (or [`Org::from_json`](crate::Org::from_json),
    /// which does both).
    ///
    /// ```
    /// use okrkit::Document;
    /// assert_eq!(Document::from_json(r#"{"schema_version": 2}"#).unwrap_err().code(), "invalid_document");
    /// // A document is a JSON object: an array is not one, even an empty one.
    /// assert_eq!(Document::from_json("[]").unwrap_err().code(), "parse_error");
    /// // A leading UTF-8 byte-order mark (as some editors write) is skipped.
    /// assert!(Document::from_json("\u{feff}{\"schema_version\": 1}").is_ok());
    /// ```
    pub fn from_json(text: &str) -> crate::Result<Document> {
        let text = crate::json::without_bom(text);
        crate::json::require_object(text)?;
        crate::json::from_str::<Document>(text)?.supported()
    }

    /// Reads a document from JSON bytes (a file or a request body); bytes that
    /// are not UTF-8 give a `parse_error`. Same rules as [`Document::from_json`].
    pub fn from_slice(bytes: &[u8]) -> crate::Result<Document> {
        crate::json::from_str_bytes(bytes).and_then(Document::from_json)
    }

    /// Reads a document from a JSON value (as built by a binding from a dict or a JS object).
    pub fn from_value(value: serde_json::Value) -> crate::Result<Document> {
        if !value.is_object() {
            return Err(crate::json::not_an_object(0, 0));
        }
        crate::json::from_value::<Document>(value)?.supported()
    }

    /// The document itself when its `schema_version` is the one this crate
    /// reads, else `unsupported_schema_version`.
    fn supported(self) -> crate::Result<Document> {
        match crate::json::version_error(self.schema_version) {
            None => Ok(self),
            Some(err) => Err(err),
        }
    }

    /// Writes the document as compact JSON.
    ///
    /// JSON has no NaN or infinity, and serde_json would write `null` for
    /// them — output that does not read back. So a document holding one is a
    /// `not_finite` error naming the number, as `serde_json` refuses what it
    /// cannot write.
    ///
    /// ```
    /// let mut doc = okrkit::Document::from_json(r#"{"objectives": [{"id": "o", "title": "O", "team": "t", "cycle": "c",
    ///   "key_results": [{"id": "k", "title": "K", "measure": {"type": "metric", "baseline": 0, "target": 1}}]}]}"#)?;
    /// let back = okrkit::Document::from_json(&doc.to_json()?)?;
    /// assert_eq!(back, doc);
    /// doc.objectives[0].key_results[0].weight = f64::NAN;
    /// let err = doc.to_json().unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("not_finite", "objectives[0].key_results[0].weight"));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn to_json(&self) -> crate::Result<String> {
        crate::model::DocumentRef::from(self).to_json()
    }

    /// Writes the document as indented JSON; fails as [`Document::to_json`] does.
    pub fn to_json_pretty(&self) -> crate::Result<String> {
        crate::model::DocumentRef::from(self).to_json_pretty()
    }

    /// The JSON Schema of the document format, for products that validate at
    /// their own boundary.
    ///
    /// ```
    /// let schema = okrkit::Document::json_schema();
    /// assert!(schema.contains("\"key_results\""));
    /// ```
    ///
    /// Needs the `schema` feature (on by default).
    #[cfg(feature = "schema")]
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(Document);
        crate::json::to_string_pretty(&schema)
    }
}
