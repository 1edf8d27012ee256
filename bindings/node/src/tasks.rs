//! Promise-returning variants: the work (and writing its JSON) runs on the
//! libuv thread pool; only `JSON.parse` of the result runs on the JS thread.

use crate::convert::{Dates, parse_json};
use crate::error::{Failure, guarded};
use napi::ScopedTask;
use napi::bindgen_prelude::*;

type Work = Box<dyn FnOnce() -> std::result::Result<String, Failure> + Send>;

/// Computes a report off the JS thread and resolves to it as a plain object.
pub struct JsonTask {
    work: Option<Work>,
    dates: Dates,
}

impl JsonTask {
    /// A task running `work`, which returns the report's camelCase JSON.
    pub fn new(
        dates: Dates,
        work: impl FnOnce() -> std::result::Result<String, Failure> + Send + 'static,
    ) -> AsyncTask<JsonTask> {
        AsyncTask::new(JsonTask {
            work: Some(Box::new(work)),
            dates,
        })
    }
}

impl<'t> ScopedTask<'t> for JsonTask {
    type Output = std::result::Result<String, Failure>;
    type JsValue = Unknown<'t>;

    fn compute(&mut self) -> Result<Self::Output> {
        let work = self.work.take();
        Ok(guarded(move || match work {
            Some(w) => w(),
            None => Err(Failure::Panic("task run twice".into())),
        }))
    }

    fn resolve(&mut self, env: &'t Env, output: Self::Output) -> Result<Self::JsValue> {
        match output {
            Ok(text) => parse_json(env, &text, self.dates),
            Err(f) => Err(f.to_js(env)),
        }
    }
}

type Build<T> = Box<dyn FnOnce() -> std::result::Result<T, Failure> + Send>;

/// Builds a native handle (an `Org`, a `Ledger`) off the JS thread.
pub struct HandleTask<T: Send + 'static> {
    work: Option<Build<T>>,
}

impl<T: Send + 'static + ToNapiValue + TypeName + crate::memory::Native> HandleTask<T> {
    /// A task running `work`.
    pub fn new(
        work: impl FnOnce() -> std::result::Result<T, Failure> + Send + 'static,
    ) -> AsyncTask<HandleTask<T>> {
        AsyncTask::new(HandleTask {
            work: Some(Box::new(work)),
        })
    }
}

impl<'t, T> ScopedTask<'t> for HandleTask<T>
where
    T: Send + 'static + ToNapiValue + TypeName + crate::memory::Native,
{
    type Output = std::result::Result<T, Failure>;
    type JsValue = T;

    fn compute(&mut self) -> Result<Self::Output> {
        let work = self.work.take();
        Ok(guarded(move || match work {
            Some(w) => w(),
            None => Err(Failure::Panic("task run twice".into())),
        }))
    }

    fn resolve(&mut self, env: &'t Env, output: Self::Output) -> Result<Self::JsValue> {
        let mut handle = output.map_err(|f| f.to_js(env))?;
        handle.attach(env);
        Ok(handle)
    }
}
