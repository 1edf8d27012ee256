//! Promise-returning variants: the work (and writing its JSON) runs on the
//! libuv thread pool; only `JSON.parse` of the result, or handing a native
//! handle over, runs on the JS thread.

use crate::convert::{Dates, parse_json};
use crate::error::{Failure, guarded};
use crate::memory::Native;
use napi::ScopedTask;
use napi::bindgen_prelude::*;

type Work<T> = Box<dyn FnOnce() -> std::result::Result<T, Failure> + Send>;

/// Work off the JS thread whose result is `T`: a report's camelCase JSON
/// ([`JsonTask`], resolved as a plain object) or a native handle
/// ([`HandleTask`]: an `Org`, a `Ledger`, a `ProgressReport`).
pub struct Task<T> {
    work: Option<Work<T>>,
    dates: Dates,
}

/// Computes a report off the JS thread and resolves to it as a plain object.
pub type JsonTask = Task<String>;

/// Builds a native handle off the JS thread.
pub type HandleTask<T> = Task<T>;

impl<T: Send + 'static> Task<T>
where
    Self: for<'t> ScopedTask<'t>,
{
    /// A task running `work`; JSON it returns is parsed with `dates`.
    pub fn run(
        dates: Dates,
        work: impl FnOnce() -> std::result::Result<T, Failure> + Send + 'static,
    ) -> AsyncTask<Task<T>> {
        AsyncTask::new(Task {
            work: Some(Box::new(work)),
            dates,
        })
    }

    /// A task building a native handle (no JSON to parse).
    pub fn handle(
        work: impl FnOnce() -> std::result::Result<T, Failure> + Send + 'static,
    ) -> AsyncTask<Task<T>> {
        Self::run(Dates::Strings, work)
    }
}

impl<T> Task<T> {
    fn compute_work(&mut self) -> std::result::Result<T, Failure> {
        let work = self.work.take();
        guarded(move || match work {
            Some(w) => w(),
            None => Err(Failure::Panic(okrkit::Error::internal_message(
                &"task run twice",
            ))),
        })
    }
}

impl<'t> ScopedTask<'t> for Task<String> {
    type Output = std::result::Result<String, Failure>;
    type JsValue = Unknown<'t>;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(self.compute_work())
    }

    fn resolve(&mut self, env: &'t Env, output: Self::Output) -> Result<Self::JsValue> {
        parse_json(env, &output.map_err(|f| f.into_js(env))?, self.dates)
    }
}

impl<'t, T> ScopedTask<'t> for Task<T>
where
    T: Send + 'static + ToNapiValue + TypeName + Native,
{
    type Output = std::result::Result<T, Failure>;
    type JsValue = T;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(self.compute_work())
    }

    fn resolve(&mut self, env: &'t Env, output: Self::Output) -> Result<Self::JsValue> {
        let mut handle = output.map_err(|f| f.into_js(env))?;
        handle.attach(env);
        Ok(handle)
    }
}
