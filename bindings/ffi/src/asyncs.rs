//! Suspend (Kotlin) and async (Swift) variants of the heavy calls.
//!
//! uniffi exports an `async fn` as a Kotlin `suspend fun` and a Swift
//! `async` function. The work itself runs on a thread of its own
//! ([`offload`]), so the caller's thread (Android's main thread, a
//! coroutine dispatcher, Swift's cooperative pool) is never blocked; a
//! cancelled coroutine (`withTimeout`) returns at once and the result, when
//! it comes, is dropped.

use crate::OkrError;
use crate::guard;
use crate::import::Imported;
use crate::ledger::Ledger;
use crate::lint::LintOptions;
use crate::org::Org;
use crate::progress::{ProgressOptions, ProgressReport};
use okrkit::health::{HealthOptions, HealthReport};
use okrkit::ledger::Verified;
use okrkit::lint::LintReport;
use okrkit::score::ScoreReport;
use std::sync::Arc;
use std::time::SystemTime;

/// Runs `f` under [`guard`] on a new thread and waits for its result without
/// blocking (a `futures-channel` oneshot). A thread that cannot be started is
/// an `internal_error` error.
pub(crate) async fn offload<T, F>(f: F) -> Result<T, OkrError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, OkrError> + Send + 'static,
{
    let (tx, rx) = futures_channel::oneshot::channel();
    std::thread::Builder::new()
        .name("okrkit-async".into())
        // A cancelled caller dropped `rx`: the result is dropped with it.
        .spawn(move || drop(tx.send(guard(f))))
        .map_err(|e| OkrError::internal(format!("could not start a worker thread: {e}")))?;
    rx.await.unwrap_or_else(|_| {
        Err(OkrError::internal(
            "the worker thread ended without a result",
        ))
    })
}

/// One `async` twin per synchronous call: `name(args) -> T = sync` exports
/// `name`, running `sync(args)` through [`offload`] (`Into` turns an `Org` or
/// a `Ledger` into the `Arc` uniffi hands out).
macro_rules! offloaded {
    ($($(#[$doc:meta])*
        fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = $sync:path;)+
    ) => {$(
        $(#[$doc])*
        #[uniffi::export]
        #[allow(clippy::useless_conversion)]
        pub async fn $name($($arg: $ty),*) -> Result<$out, OkrError> {
            offload(move || $sync($($arg),*).map(Into::into)).await
        }
    )+};
    ($owner:ident { $($(#[$doc:meta])*
        fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = $sync:ident;)+
    }) => {
        #[uniffi::export]
        #[allow(clippy::useless_conversion)]
        impl $owner {$(
            $(#[$doc])*
            pub async fn $name(self: Arc<Self>, $($arg: $ty),*) -> Result<$out, OkrError> {
                offload(move || self.$sync($($arg),*).map(Into::into)).await
            }
        )+}
    };
}

offloaded! {
    /// [`Org::from_json`] off the caller's thread.
    fn load_org_async(json: String) -> Arc<Org> = Org::from_json;
    /// [`Ledger::from_jsonl`] off the caller's thread.
    fn load_ledger_async(jsonl: String) -> Arc<Ledger> = Ledger::from_jsonl;
    /// [`crate::read_table`] off the caller's thread.
    fn read_table_async(bytes: Vec<u8>, options_json: Option<String>) -> Imported =
        crate::import::read_table;
}

offloaded!(Org {
    /// [`Org::progress`] off the caller's thread.
    fn progress_async(options: ProgressOptions) -> ProgressReport = progress;
    /// [`Org::score_all`] off the caller's thread.
    fn score_all_async() -> Vec<ScoreReport> = score_all;
    /// [`Org::health`] off the caller's thread.
    fn health_async(cycle: String, options: HealthOptions) -> HealthReport = health;
    /// [`Org::lint`] off the caller's thread.
    fn lint_async(options: LintOptions) -> LintReport = lint;
});

offloaded!(Ledger {
    /// [`Ledger::verify`] off the caller's thread.
    fn verify_async() -> Verified = verify;
    /// [`Ledger::org`] (the replay) off the caller's thread.
    fn org_async(at: Option<SystemTime>) -> Arc<Org> = org;
    /// [`Ledger::health`] off the caller's thread.
    fn health_async(cycle: String, options: HealthOptions) -> HealthReport = health;
});

#[cfg(test)]
mod tests {
    use super::*;
    use futures_executor::block_on;

    #[test]
    fn a_result_comes_back_from_the_worker() {
        assert_eq!(block_on(offload(|| Ok(41 + 1))).ok(), Some(42));
    }

    #[test]
    fn a_panic_on_the_worker_is_an_internal_error() {
        let err = block_on(offload::<(), _>(|| panic!("boom"))).expect_err("caught");
        assert_eq!(err.code(), okrkit::Error::INTERNAL_CODE);
    }

    #[test]
    fn malformed_json_is_parse_error_asynchronously() {
        match block_on(load_org_async("{".into())) {
            Err(err) => assert_eq!(err.code(), "parse_error"),
            Ok(_) => panic!("malformed JSON was accepted"),
        }
    }
}
