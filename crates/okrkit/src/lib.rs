//! # okrkit
//!
//! The rules of OKRs (Objectives and Key Results) as a library, so that every
//! tool built on it gets them right — with the same numbers in Rust, Python,
//! Node.js, Kotlin and Swift.
//!
//! The rules (R1–R10) come from five articles on OKR practice; the project's
//! README lists them. In short: key results are outcomes, not outputs (R1);
//! progress comes from key results only (R2); initiatives are hypotheses (R3);
//! commitments change only by renegotiation, and the history is kept (R4);
//! aspirational objectives are scored as stretch (R5); no score is ever
//! attached to a person (R6); alignment has no cycles and stops at team level
//! (R7); OKRs are negotiated and reviewed (R8); few of them (R9); and the
//! program's health is visible (R10).
//!
//! ```
//! use okrkit::{Org, ProgressOptions};
//!
//! let org = Org::from_json(r#"{
//!   "schema_version": 1,
//!   "cycles": [{"id": "q1", "name": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"}],
//!   "teams": [{"id": "web", "name": "Web shop"}],
//!   "objectives": [{"id": "o1", "title": "Create a world-class checkout", "team": "web", "cycle": "q1",
//!     "key_results": [
//!       {"id": "kr1", "title": "Checkout conversion rate > 65%",
//!        "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 53}}]}],
//!   "initiatives": [{"id": "i1", "title": "Build a cart reminder tool", "team": "web",
//!     "key_results": ["kr1"], "status": "done"}]
//! }"#)?;
//! let report = org.progress(&ProgressOptions::default())?;
//! // A finished initiative does not move progress: only the metric does (R2).
//! assert_eq!(report.objectives[0].progress, Some(0.2));
//! # Ok::<(), okrkit::Error>(())
//! ```
#![warn(missing_docs, unnameable_types)]
// Without the feature `uniffi` (every default build: the CLI, Python, Node) unsafe code is
// forbidden, so no `#[allow]` anywhere in the crate can bring it back. With the feature (only
// bindings/ffi turns it on), uniffi's derives and scaffolding are `unsafe impl` FFI glue at
// each derived type and the crate root, which a crate-wide allow is the only way to admit; the
// crate's own code still has no `unsafe` (grep finds none outside comments).
#![cfg_attr(not(feature = "uniffi"), forbid(unsafe_code))]
#![cfg_attr(feature = "uniffi", allow(unsafe_code))]

/// Builder-style setters for an options struct, one per field, named as the
/// field: `ProgressOptions::default().as_of(d).cycle("q1")`. Option structs are
/// `#[non_exhaustive]`, so this (or `Default` then assigning fields) is how a
/// caller outside okrkit makes one; a new field never breaks them. Fields in
/// `some { … }` are `Option`s: the setter takes the value and stores `Some`.
macro_rules! setters {
    ($ty:ident { $($field:ident : $fty:ty),* $(,)? } $(some { $($ofield:ident : $ofty:ty),* $(,)? })?) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($field), "` (builder style).")]
                #[must_use]
                pub fn $field(mut self, value: $fty) -> Self {
                    self.$field = value;
                    self
                }
            )*
            $($(
                #[doc = concat!("Sets `", stringify!($ofield), "` to `Some(value)` (builder style).")]
                #[must_use]
                pub fn $ofield(mut self, value: impl Into<$ofty>) -> Self {
                    self.$ofield = Some(value.into());
                    self
                }
            )*)?
        }
    };
}

pub mod classify;
pub mod csv;
mod error;
#[cfg(feature = "generate")]
pub mod generate;
pub mod health;
pub mod heap;
mod ids;
pub mod import;
mod json;
pub mod json_case;
mod json_scan;
pub mod ledger;
pub mod limits;
pub mod lint;
mod model;
pub mod options;
mod org;
pub mod progress;
mod rfc3339;
#[cfg(feature = "schema")]
pub mod schema;
pub mod score;
pub mod table;
mod text;
/// The error Kotlin and Swift see (feature `uniffi`), mapped from [`Error`].
#[cfg(feature = "uniffi")]
pub mod uniffi_error;
#[cfg(feature = "uniffi")]
mod uniffi_types;
mod utf8;
mod validate;

// The uniffi component of the core (namespace `okrkit`): the records and enums
// derived on its types, for bindings/ffi (Kotlin package `dev.okrkit.core`,
// Swift files compiled into the `OkrKit` module; configured in the
// `[crates.okrkit]` section of bindings/ffi/bindgen.toml).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub use error::{
    Error, IoSource, Position, Problem, ProblemCode, ProofFailure, RefusalCode, Result,
};
/// [`generate::generate`] at the root (feature `generate`).
#[cfg(feature = "generate")]
pub use generate::generate;
pub use ids::{
    CycleId, IdArg, InitiativeId, KeyResultId, ObjectiveId, PersonId, PersonalGoalId, TeamId,
};
/// [`lint::lint`] at the root, so callers write `okrkit::lint(&doc, &options)`
/// (the module keeps [`lint::LintOptions`] and the catalog).
pub use lint::lint;
pub use model::*;
pub use org::{Org, OrgAnswer, OrgQuery};
pub use progress::{MilestonePolicy, ProgressOptions, ProgressReport};
pub use text::SharedText;
/// An instant from Kotlin or Swift, range-checked (feature `uniffi`).
#[cfg(feature = "uniffi")]
pub use uniffi_types::utc_instant;
pub use validate::validate;
