//! The outcome vs output classifier (R1).

use crate::convert::{Dates, camel_json, decode, optional, to_js};
use crate::error::{Failure, OrThrow};
use crate::tasks::JsonTask;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use okrkit::classify::{
    Classifier as CoreClassifier, StatementKind, StructureHint, Vocabulary, default_classifier,
};
use std::sync::Arc;

pub(crate) fn hint(env: &Env, structure: Option<String>) -> Result<StructureHint> {
    match structure.as_deref() {
        None | Some("none") => Ok(StructureHint::None),
        Some("metric") => Ok(StructureHint::Metric),
        Some("threshold") => Ok(StructureHint::Threshold),
        Some("milestone") => Ok(StructureHint::Milestone),
        Some(other) => Err(okrkit::Error::InvalidArgument {
            code: okrkit::ProblemCode::InvalidValue,
            message: format!(
                "unknown structure '{other}': expected 'none', 'metric', 'threshold' or 'milestone'"
            ),
            path: "structure".into(),
        })
        .or_throw(env),
    }
}

/// The JSON name of a kind (as `Classification.kind` is written).
fn kind_name(k: StatementKind) -> &'static str {
    match k {
        StatementKind::Outcome => "outcome",
        StatementKind::Output => "output",
        _ => "undetermined",
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
pub fn classify<'e>(env: &'e Env, text: String, structure: Option<String>) -> Result<Unknown<'e>> {
    let h = hint(env, structure)?;
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
    texts: Vec<String>,
    structure: Option<String>,
) -> Result<Unknown<'e>> {
    let h = hint(env, structure)?;
    to_js(env, &many(default_classifier(), &texts, h), Dates::Strings)
}

/// `classifyMany` off the JS thread.
#[napi(
    catch_unwind,
    ts_args_type = "texts: string[], structure?: StructureHint",
    ts_return_type = "Promise<Classification[]>"
)]
pub fn classify_many_async(
    env: Env,
    texts: Vec<String>,
    structure: Option<String>,
) -> Result<AsyncTask<JsonTask>> {
    let h = hint(&env, structure)?;
    Ok(JsonTask::new(Dates::Strings, move || {
        camel_json(&many(default_classifier(), &texts, h))
            .map_err(|e| Failure::Panic(e.reason.clone()))
    }))
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
        text: String,
        structure: Option<String>,
    ) -> Result<Unknown<'e>> {
        let h = hint(env, structure)?;
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
        texts: Vec<String>,
        structure: Option<String>,
    ) -> Result<Unknown<'e>> {
        let h = hint(env, structure)?;
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
        texts: Vec<String>,
        structure: Option<String>,
    ) -> Result<Vec<&'static str>> {
        let h = hint(env, structure)?;
        Ok(texts
            .iter()
            .map(|t| kind_name(self.inner.kind_of(t, h).0))
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
        texts: Vec<String>,
        structure: Option<String>,
    ) -> Result<AsyncTask<JsonTask>> {
        let h = hint(&env, structure)?;
        let c = Arc::clone(&self.inner);
        Ok(JsonTask::new(Dates::Strings, move || {
            camel_json(&many(&c, &texts, h)).map_err(|e| Failure::Panic(e.reason.clone()))
        }))
    }
}
