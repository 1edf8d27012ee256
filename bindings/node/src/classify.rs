//! The outcome vs output classifier (R1).

use crate::convert::{Dates, PendingValue, arg, arg_de, camel_json, decode, optional, to_js};
use crate::error::{Failure, OrThrow};
use crate::tasks::JsonTask;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::classify::{
    Classifier as CoreClassifier, StructureHint, Vocabulary, default_classifier,
};
use std::sync::Arc;

/// The structure hint argument, read by the core's serde (`parse_error` at
/// `structure` for an unknown one); left out, `'none'`.
pub(crate) fn hint(
    structure: Option<Unknown>,
) -> std::result::Result<StructureHint, okrkit::Error> {
    match optional(structure, "structure")? {
        None => Ok(StructureHint::None),
        Some(v) => decode(v, "structure"),
    }
}

fn many(
    c: &CoreClassifier,
    texts: &[String],
    h: StructureHint,
) -> Vec<okrkit::classify::Classification> {
    texts.iter().map(|t| c.classify_with(t, h)).collect()
}

/// Classifies a statement as an outcome or an output (R1), with the English
/// vocabulary: kind, confidence, the signals that decided it, a suggestion.
#[napi(
    catch_unwind,
    ts_args_type = "text: string, structure?: StructureHint",
    ts_return_type = "Classification"
)]
pub fn classify<'e>(
    env: &'e Env,
    text: Unknown,
    structure: Option<Unknown>,
) -> Result<Unknown<'e>> {
    let text: String = arg(text, "text").or_throw(env)?;
    let h = hint(structure).or_throw(env)?;
    to_js(
        env,
        &default_classifier().classify_with(&text, h),
        Dates::Strings,
    )
}

/// `classify` for many statements at once.
#[napi(
    catch_unwind,
    ts_args_type = "texts: string[], structure?: StructureHint",
    ts_return_type = "Classification[]"
)]
pub fn classify_many<'e>(
    env: &'e Env,
    texts: Unknown,
    structure: Option<Unknown>,
) -> Result<Unknown<'e>> {
    let texts: Vec<String> = arg_de(texts, "texts").or_throw(env)?;
    let h = hint(structure).or_throw(env)?;
    to_js(env, &many(default_classifier(), &texts, h), Dates::Strings)
}

/// `classifyMany` off the JS thread: the texts are taken with one native
/// `JSON.stringify` and read in the task, so the JS thread
/// is not blocked converting them one napi call at a time.
#[napi(
    catch_unwind,
    ts_args_type = "texts: string[], structure?: StructureHint",
    ts_return_type = "Promise<Classification[]>"
)]
pub fn classify_many_async(
    env: Env,
    texts: Unknown,
    structure: Option<Unknown>,
) -> Result<AsyncTask<JsonTask>> {
    Ok(many_async(&env, default_classifier(), texts, structure))
}

/// The task of both `classifyManyAsync`: a bad argument rejects the Promise.
fn many_async(
    env: &Env,
    c: impl std::ops::Deref<Target = CoreClassifier> + Send + 'static,
    texts: Unknown,
    structure: Option<Unknown>,
) -> AsyncTask<JsonTask> {
    let texts = PendingValue::of_strings(env, texts, "texts");
    let h = hint(structure);
    JsonTask::new(Dates::Strings, move || {
        let texts: Vec<String> = texts.read("texts")?;
        camel_json(&many(&c, &texts, h?)).map_err(|e| Failure::Panic(e.reason.clone()))
    })
}

/// The English vocabulary, to extend and pass to `new Classifier(...)`.
#[napi(catch_unwind, ts_return_type = "Vocabulary")]
pub fn english_vocabulary<'e>(env: &'e Env) -> Result<Unknown<'e>> {
    to_js(env, &Vocabulary::english(), Dates::Strings)
}

/// A classifier with its own vocabulary. Build one and reuse it: construction
/// compiles the word lists.
#[napi]
pub struct Classifier {
    inner: Arc<CoreClassifier>,
}

#[napi]
impl Classifier {
    /// A classifier reading with `vocabulary` (the core's `VocabularySpec`):
    /// every list is optional and its words are added to the English ones,
    /// unless `replace: true` asks that the lists given replace them; an
    /// unknown key is an error (`invalid_value`/`parse_error` with its path).
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "vocabulary?: VocabularySpec"
    )]
    pub fn new(env: Env, vocabulary: Option<Unknown>) -> Result<Self> {
        let vocab = match optional(vocabulary, "vocabulary").or_throw(&env)? {
            None => Vocabulary::english(),
            Some(v) => decode(v, "vocabulary").or_throw(&env)?,
        };
        Ok(Classifier {
            inner: Arc::new(CoreClassifier::new(vocab)),
        })
    }

    /// The vocabulary this classifier reads with.
    #[napi(getter, catch_unwind, ts_return_type = "Vocabulary")]
    pub fn vocabulary<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.inner.vocabulary(), Dates::Strings)
    }

    /// Classifies one statement.
    #[napi(
        catch_unwind,
        ts_args_type = "text: string, structure?: StructureHint",
        ts_return_type = "Classification"
    )]
    pub fn classify<'e>(
        &self,
        env: &'e Env,
        text: Unknown,
        structure: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let text: String = arg(text, "text").or_throw(env)?;
        let h = hint(structure).or_throw(env)?;
        to_js(env, &self.inner.classify_with(&text, h), Dates::Strings)
    }

    /// Classifies many statements.
    #[napi(
        catch_unwind,
        ts_args_type = "texts: string[], structure?: StructureHint",
        ts_return_type = "Classification[]"
    )]
    pub fn classify_many<'e>(
        &self,
        env: &'e Env,
        texts: Unknown,
        structure: Option<Unknown>,
    ) -> Result<Unknown<'e>> {
        let texts: Vec<String> = arg_de(texts, "texts").or_throw(env)?;
        let h = hint(structure).or_throw(env)?;
        to_js(env, &many(&self.inner, &texts, h), Dates::Strings)
    }

    /// The kind of each statement alone ('outcome', 'output' or
    /// 'undetermined'), as `classifyMany` gives it, without building one
    /// result object per statement (for large batches that read only the
    /// kind). `structure` applies to every statement, as in `classifyMany`.
    #[napi(
        catch_unwind,
        ts_args_type = "texts: string[], structure?: StructureHint",
        ts_return_type = "StatementKind[]"
    )]
    pub fn classify_kinds(
        &self,
        env: &Env,
        texts: Unknown,
        structure: Option<Unknown>,
    ) -> Result<Vec<&'static str>> {
        let texts: Vec<String> = arg_de(texts, "texts").or_throw(env)?;
        let h = hint(structure).or_throw(env)?;
        Ok(texts
            .iter()
            .map(|t| self.inner.kind_of(t, h).0.as_str())
            .collect())
    }

    /// `classifyMany` off the JS thread.
    #[napi(
        catch_unwind,
        ts_args_type = "texts: string[], structure?: StructureHint",
        ts_return_type = "Promise<Classification[]>"
    )]
    pub fn classify_many_async(
        &self,
        env: Env,
        texts: Unknown,
        structure: Option<Unknown>,
    ) -> Result<AsyncTask<JsonTask>> {
        Ok(many_async(&env, Arc::clone(&self.inner), texts, structure))
    }
}
