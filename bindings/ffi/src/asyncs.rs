//! Suspend (Kotlin) and async (Swift) variants of the heavy calls.
//!
//! uniffi exports an `async fn` as a Kotlin `suspend fun` and a Swift
//! `async` function. The work itself runs on a thread of its own
//! ([`offload`]), so the caller's thread (Android's main thread, a
//! coroutine dispatcher, Swift's cooperative pool) is never blocked; a
//! cancelled coroutine (`withTimeout`) returns at once and the result, when
//! it comes, is dropped.

use crate::error::OkrError;
use crate::guard;
use crate::health::HealthOptions;
use crate::import::Imported;
use crate::ledger::{Ledger, Verified};
use crate::lint::LintOptions;
use crate::org::Org;
use crate::progress::{ProgressOptions, ProgressReport};
use okrkit::health::HealthReport;
use okrkit::lint::LintReport;
use okrkit::score::ScoreReport;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Slot<T> {
    result: Option<T>,
    waker: Option<Waker>,
}

/// A result computed on another thread.
pub(crate) struct Offload<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for Offload<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match slot.result.take() {
            Some(r) => Poll::Ready(r),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Runs `f` under [`guard`] on a new thread; the future completes with its
/// result. A thread that cannot be started is an `internal` error.
pub(crate) fn offload<T, F>(f: F) -> Offload<Result<T, OkrError>>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, OkrError> + Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        result: None,
        waker: None,
    }));
    let theirs = Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name("okrkit-async".into())
        .spawn(move || {
            let r = guard(f);
            let mut s = theirs.lock().unwrap_or_else(|e| e.into_inner());
            s.result = Some(r);
            if let Some(w) = s.waker.take() {
                w.wake();
            }
        });
    if let Err(e) = spawned {
        let mut s = slot.lock().unwrap_or_else(|e| e.into_inner());
        s.result = Some(Err(OkrError::internal(format!(
            "could not start a worker thread: {e}"
        ))));
    }
    Offload { slot }
}

/// [`Org::from_json`] off the caller's thread.
#[uniffi::export]
pub async fn load_org_async(json: String) -> Result<Arc<Org>, OkrError> {
    offload(move || Org::from_json(json).map(Arc::new)).await
}

/// [`Ledger::from_jsonl`] off the caller's thread.
#[uniffi::export]
pub async fn load_ledger_async(jsonl: String) -> Result<Arc<Ledger>, OkrError> {
    offload(move || Ledger::from_jsonl(jsonl).map(Arc::new)).await
}

/// [`crate::read_table`] off the caller's thread.
#[uniffi::export]
pub async fn read_table_async(
    bytes: Vec<u8>,
    options_json: Option<String>,
) -> Result<Imported, OkrError> {
    offload(move || crate::import::read_table(bytes, options_json)).await
}

#[uniffi::export]
impl Org {
    /// [`Org::progress`] off the caller's thread.
    pub async fn progress_async(
        self: Arc<Self>,
        options: ProgressOptions,
    ) -> Result<ProgressReport, OkrError> {
        offload(move || self.progress(options)).await
    }

    /// [`Org::score_all`] off the caller's thread.
    pub async fn score_all_async(self: Arc<Self>) -> Result<Vec<ScoreReport>, OkrError> {
        offload(move || self.score_all()).await
    }

    /// [`Org::health`] off the caller's thread.
    pub async fn health_async(
        self: Arc<Self>,
        cycle: String,
        options: HealthOptions,
    ) -> Result<HealthReport, OkrError> {
        offload(move || self.health(cycle, options)).await
    }

    /// [`Org::lint`] off the caller's thread.
    pub async fn lint_async(self: Arc<Self>, options: LintOptions) -> Result<LintReport, OkrError> {
        offload(move || self.lint(options)).await
    }
}

#[uniffi::export]
impl Ledger {
    /// [`Ledger::verify`] off the caller's thread.
    pub async fn verify_async(self: Arc<Self>) -> Result<Verified, OkrError> {
        offload(move || self.verify()).await
    }

    /// [`Ledger::org`] (the replay) off the caller's thread.
    pub async fn org_async(
        self: Arc<Self>,
        at: Option<std::time::SystemTime>,
    ) -> Result<Arc<Org>, OkrError> {
        offload(move || self.org(at).map(Arc::new)).await
    }

    /// [`Ledger::health`] off the caller's thread.
    pub async fn health_async(
        self: Arc<Self>,
        cycle: String,
        options: HealthOptions,
    ) -> Result<HealthReport, OkrError> {
        offload(move || self.health(cycle, options)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(f: F) -> F::Output {
        struct Unpark(std::thread::Thread);
        impl std::task::Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut f = std::pin::pin!(f);
        loop {
            if let Poll::Ready(r) = f.as_mut().poll(&mut cx) {
                return r;
            }
            std::thread::park();
        }
    }

    #[test]
    fn a_result_comes_back_from_the_worker() {
        assert_eq!(block_on(offload(|| Ok(41 + 1))).ok(), Some(42));
    }

    #[test]
    fn a_panic_on_the_worker_is_an_internal_error() {
        let err = block_on(offload::<(), _>(|| panic!("boom"))).expect_err("caught");
        assert_eq!(err.code(), "internal");
    }

    #[test]
    fn malformed_json_is_parse_error_asynchronously() {
        match block_on(load_org_async("{".into())) {
            Err(err) => assert_eq!(err.code(), "parse_error"),
            Ok(_) => panic!("malformed JSON was accepted"),
        }
    }
}
