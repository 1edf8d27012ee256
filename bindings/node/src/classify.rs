//! The outcome vs output classifier (R1).

use crate::convert::{Dates, De, FromJs, Pending, camel_json, read};
use crate::define::{functions, methods, statics};
use crate::error::Failure;
use crate::tasks::JsonTask;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::classify::{
    Classifier as CoreClassifier, ClassifyQuery, StructureHint, Vocabulary, default_classifier,
};
use std::sync::Arc;

// Its operations, generated from the core's `ClassifyQuery` (okrkit-codegen).
#[path = "classify_queries.rs"]
mod queries;

/// The structure hint argument, read by the core's serde (`parse_error` at
/// `structure` for an unknown one); left out, `'none'`.
pub(crate) struct Hint(pub StructureHint);

impl<'a> FromJs<'a> for Hint {
    fn from_js(value: Unknown<'a>, name: &str) -> okrkit::Result<Self> {
        let hint: Option<De<StructureHint>> = read(value, name)?;
        Ok(Hint(hint.map_or(StructureHint::None, |h| h.0)))
    }
}

/// The task of both `classifyManyAsync` (the core's `ClassifyMany`, as
/// `classifyMany` asks it): a bad argument rejects the Promise.
fn many_async(
    env: &Env,
    c: impl std::ops::Deref<Target = CoreClassifier> + Send + 'static,
    texts: Unknown,
    structure: Unknown,
    structures: Unknown,
) -> AsyncTask<JsonTask> {
    let texts = Pending::<Vec<String>>::strings(env, texts, "texts");
    let structure = read::<Hint>(structure, "structure");
    let structures = read::<Option<De<Vec<StructureHint>>>>(structures, "structures");
    JsonTask::run(Dates::Strings, move || {
        let query = ClassifyQuery::ClassifyMany {
            texts: texts.read("texts")?,
            structure: structure?.0,
            structures: structures?.map(|s| s.0),
        };
        camel_json(&c.query(&query)?)
            .map_err(|e| Failure::Panic(okrkit::Error::internal_message(&e.reason)))
    })
}

// `classify`, `classifyMany` and `englishVocabulary` are generated with the
// queries (`classify_queries.rs`).
functions! { env {
    /// `classifyMany` off the JS thread: the texts are taken with one native
    /// `JSON.stringify` and read in the task, so the JS thread
    /// is not blocked converting them one napi call at a time.
    [
        ts_args_type = "texts: string[], structure?: StructureHint, structures?: StructureHint[]",
        ts_return_type = "Promise<Classification[]>"
    ]
    async fn classify_many_async(texts: Unknown<'e>, structure: Unknown<'e>, structures: Unknown<'e>) -> AsyncTask<JsonTask> {
        many_async(env, default_classifier(), texts, structure, structures)
    }
}}

/// A classifier with its own vocabulary. Build one and reuse it: construction
/// compiles the word lists.
#[napi]
pub struct Classifier {
    inner: Arc<CoreClassifier>,
}

impl Classifier {
    /// The classifier (never freed).
    fn core(&self, _env: &Env) -> Result<&Arc<CoreClassifier>> {
        Ok(&self.inner)
    }
}

statics! { Classifier as env {
    /// A classifier reading with `vocabulary` (the core's `VocabularySpec`):
    /// every list is optional and its words are added to the English ones,
    /// unless `replace: true` asks that the lists given replace them; an
    /// unknown key is an error (`invalid_value`/`parse_error` with its path).
    [constructor, ts_args_type = "vocabulary?: VocabularySpec"]
    fn new(vocabulary: Option<De<Vocabulary>>) -> Classifier {
        let vocab = vocabulary.map_or_else(Vocabulary::english, |v| v.0);
        Classifier {
            inner: Arc::new(CoreClassifier::new(vocab)),
        }
    }
}}

methods! { Classifier as (c, env) {
    /// `classifyMany` off the JS thread.
    [
        ts_args_type = "texts: string[], structure?: StructureHint, structures?: StructureHint[]",
        ts_return_type = "Promise<Classification[]>"
    ]
    async fn classify_many_async(texts: Unknown<'e>, structure: Unknown<'e>, structures: Unknown<'e>) -> AsyncTask<JsonTask> {
        many_async(env, Arc::clone(c), texts, structure, structures)
    }
}}
