//! okrkit for mobile apps: the uniffi binding that generates the Kotlin
//! (Android, JVM) and Swift (iOS) packages.
//!
//! This crate only converts types and maps errors; every rule lives in the
//! `okrkit` crate. Shapes the foreign languages see:
//!
//! * handles are objects: [`Org`] (a validated document), [`Ledger`] (the
//!   renegotiation ledger) and [`Classifier`] (a classifier with extra words);
//! * reports are records and enums (Kotlin data classes / Swift structs),
//!   most of them derived on the core's own types (okrkit's `uniffi`
//!   feature; Kotlin package `dev.okrkit.core`, Swift: the same `OkrKit`
//!   module), the rest declared here (the options, a progress report with
//!   titles, a classification with its short advice, ledger entries);
//! * every failure is an [`OkrError`] (Kotlin `OkrException.*`, Swift
//!   `OkrError.*`) carrying the core's stable `code`, a `detail` message, the
//!   `path` of the element and, for a document that breaks the rules, every
//!   problem;
//! * no panic crosses the boundary: each exported body runs under
//!   [`guard`], which turns a panic into `OkrError::Internal`.
//!
//! Dates: a calendar date (`as_of`, a cycle's start) is `java.time.LocalDate`
//! in Kotlin (ISO-8601 text on the wire, mapped in `uniffi.toml`) and ISO-8601
//! text in Swift; an instant (a check-in, a ledger entry) is a uniffi
//! timestamp (`java.time.Instant` in Kotlin, `Date` in Swift). Counts are
//! signed. Heavy calls have `…Async` variants (Kotlin `suspend`, Swift
//! `async`) that run off the caller's thread.

// Core option structs are built as `default()` then fields, never as literals (they may become
// `#[non_exhaustive]`), which is exactly what this lint objects to.
#![allow(clippy::field_reassign_with_default)]

uniffi::setup_scaffolding!();

mod asyncs;
mod checkpoint;
mod classify;
mod error;
mod guard;
mod health;
mod import;
mod ledger;
mod lint;
mod org;
mod progress;
mod score;
mod types;

pub use asyncs::*;
pub use checkpoint::*;
pub use classify::*;
pub use error::{OkrError, Problem, Problems};
pub use guard::guard;
pub use health::*;
pub use import::*;
pub use ledger::*;
pub use lint::*;
pub use org::*;
pub use progress::*;
pub use score::*;
pub use types::{CalendarDate, UtcInstant};

/// The version of okrkit inside this library.
#[uniffi::export]
pub fn okrkit_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The JSON Schema of the document (for validating at your own boundary).
#[uniffi::export]
pub fn document_json_schema() -> Result<String, OkrError> {
    guard(|| Ok(okrkit::Document::json_schema()))
}
