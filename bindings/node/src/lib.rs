//! Node.js binding of okrkit (napi-rs); built and packed from a checkout
//! (`bindings/node/pack.sh`) until it is published.
//!
//! Thin by design: this crate converts values (JS objects <-> the core's serde
//! types, camelCase keys out, `Date`s), maps `okrkit::Error` to JS `Error`s
//! with a stable `code`, and moves heavy work off the JS thread. Every rule
//! lives in the `okrkit` crate. Every exported function catches panics
//! (`catch_unwind`): a bug in okrkit throws code `internal_error`, it never
//! takes the host process down. The package entry (`index.js`) wraps the
//! generated loader so that everything thrown, napi's argument errors
//! included, is one exported class, `OkrError` (`code`, `path`, `problems`).

// napi registers exported functions only outside `cfg(test)`: in a test
// build (`clippy --all-targets`) those written by `define`'s macros look unused.
#![cfg_attr(test, allow(dead_code))]

mod arrow;
mod checkpoint;
mod classify;
mod convert;
mod define;
mod error;
#[path = "import.rs"]
mod import_fns;
mod instant_keys;
mod ledger;
mod memory;
mod org;
mod report;
mod tables;
mod tasks;

/// Throws on purpose, to prove a panic never crosses the boundary (tests).
/// Only in a build with the `test-hooks` feature: never in the package.
#[cfg(feature = "test-hooks")]
#[napi_derive::napi(catch_unwind, js_name = "__panicForTests", skip_typescript)]
pub fn panic_for_tests() -> u32 {
    panic!("deliberate panic from okrkit's Node binding test hook")
}

/// Makes the next `n` ledger appends on this thread panic inside the core,
/// after the state took the entry (tests of `Ledger::recover`). Only in a
/// build with the `test-hooks` feature: never in the package.
#[cfg(feature = "test-hooks")]
#[napi_derive::napi(
    catch_unwind,
    js_name = "__injectAppendPanicsForTests",
    skip_typescript
)]
pub fn inject_append_panics_for_tests(n: u32) {
    okrkit::ledger::test_hooks::inject_append_panics(n)
}
