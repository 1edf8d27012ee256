//! The OKR model: plain data with public fields, serde in and out.
//!
//! The model is what a document holds; [`crate::Org`] is a document that has
//! passed validation, with the indexes the computations need.

mod build;
mod check_in;
mod cycle;
mod document;
mod document_ref;
mod initiative;
mod key_result;
mod number_at;
mod objective;
mod personal_goal;
mod team;

pub use check_in::CheckIn;
pub use cycle::Cycle;
pub use document::{Document, SCHEMA_VERSION};
pub use document_ref::{CheckInRef, CheckIns, CheckInsIter, DocumentRef};
pub use initiative::{Initiative, InitiativeStatus};
pub use key_result::{KeyResult, Measure, MeasureKind, ThresholdDirection};
pub use objective::{Alignment, AlignmentKind, Objective, ObjectiveType, Visibility};
pub use personal_goal::PersonalGoal;
pub use team::{Person, Team};
