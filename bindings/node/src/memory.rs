//! Native memory made visible to V8 (`napi_adjust_external_memory`): an
//! `Org` or a `Ledger` reports an estimate of what it holds in Rust, so the
//! garbage collector weighs a small JS handle by the megabytes behind it, and
//! gives it back when the handle is collected or `free()`d.
//!
//! The estimate is made from counts (objectives, key results, check-ins,
//! entries…), never by serialising the value: each element counts twice its
//! typical size as JSON, as measured with `scripts/native-memory.js` (an org
//! of 10,000 key results and 10,000 check-ins, 2.9 MB of JSON, is reported
//! as about 4 MB; `node bindings/node/scripts/native-memory.js free 20`
//! peaks at +8 MB of RSS, two orgs alive at once at most). An `Org`'s
//! check-ins are counted at their columns' size, a document's (a ledger's
//! import) at their structs'. A `ProgressReport` counts its columns exactly
//! (`ProgressColumns::allocated_bytes`), and its rows once they are built
//! (their vectors' capacities times their element sizes).

use napi::Env;
use okrkit::ledger::{Action, Entry};

/// Estimated native bytes per element: twice its typical JSON size in a
/// generated document (`generate`), which the module doc's measure matches.
const PER_OBJECTIVE: usize = 320;
const PER_KEY_RESULT: usize = 320;
const PER_CHECK_IN: usize = 180;
/// A check-in of an `Org`: held once, as columns (time, value, position,
/// confidence; notes and authors only where present), about 21 bytes in the
/// suite's organisations; rounded up for the notes and the index built on
/// first use.
const PER_CHECK_IN_COLUMN: usize = 40;
const PER_SMALL_ITEM: usize = 140; // a cycle, team, person, initiative or personal goal
const PER_ENTRY: usize = 600; // a ledger entry beyond what it carries

/// The estimated native size of a document (a ledger's import), in bytes,
/// from its counts.
pub fn document_bytes(doc: &okrkit::Document) -> i64 {
    parts_bytes(doc.into(), PER_CHECK_IN)
}

/// The estimated native size of an organisation, whose check-ins are
/// columns rather than structs.
pub fn org_bytes(org: &okrkit::Org) -> i64 {
    parts_bytes(org.document(), PER_CHECK_IN_COLUMN)
}

fn parts_bytes(doc: okrkit::DocumentRef<'_>, per_check_in: usize) -> i64 {
    let krs: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    let small = doc.cycles.len()
        + doc.teams.len()
        + doc.people.len()
        + doc.initiatives.len()
        + doc.personal_goals.len();
    bytes(
        doc.objectives.len() * PER_OBJECTIVE
            + krs * PER_KEY_RESULT
            + doc.check_ins.len() * per_check_in
            + small * PER_SMALL_ITEM,
    )
}

/// The estimated native size of ledger entries (an import carries its document).
pub fn entries_bytes<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> i64 {
    entries
        .into_iter()
        .map(|e| match &e.action {
            Action::Import { document, .. } => document_bytes(&**document) + bytes(PER_ENTRY),
            _ => bytes(PER_ENTRY),
        })
        .fold(0i64, i64::saturating_add)
}

/// The heap size of a progress report's rows, from its vectors' capacities
/// (exact, where the org's are estimated: a report is a few plain vectors).
/// Ids of more than 23 bytes share the org's text and cost nothing more.
pub fn progress_bytes(report: &okrkit::ProgressReport) -> i64 {
    use okrkit::progress::{
        AlignedProgress, CycleProgress, KeyResultProgress, ObjectiveProgress, TeamProgress,
    };
    use std::mem::size_of;
    let rows: usize = report
        .objectives
        .iter()
        .map(|o| {
            o.key_results.capacity() * size_of::<KeyResultProgress>()
                + o.aligned.capacity() * size_of::<AlignedProgress>()
        })
        .sum();
    bytes(
        rows + report.objectives.capacity() * size_of::<ObjectiveProgress>()
            + report.teams.capacity() * size_of::<TeamProgress>()
            + report.cycles.capacity() * size_of::<CycleProgress>(),
    )
}

fn bytes(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX / 4)
}

/// The memory one handle has reported to V8.
#[derive(Debug, Default)]
pub struct External {
    /// Estimated, not yet reported (built off the JS thread).
    pending: i64,
    /// Reported to V8.
    reported: i64,
}

impl External {
    /// `bytes` to report on the JS thread ([`External::report`]).
    pub fn new(bytes: i64) -> Self {
        External {
            pending: bytes,
            reported: 0,
        }
    }

    /// Reports what is pending (and `more`) to V8.
    pub fn report(&mut self, env: &Env, more: i64) {
        let delta = self.pending + more;
        self.pending = 0;
        if delta != 0 && env.adjust_external_memory(delta).is_ok() {
            self.reported += delta;
        }
    }

    /// Gives everything back (the handle is freed or collected).
    pub fn release(&mut self, env: &Env) {
        if self.reported != 0 && env.adjust_external_memory(-self.reported).is_ok() {
            self.reported = 0;
        }
        self.pending = 0;
    }

    /// What V8 has been told, in bytes.
    pub fn reported(&self) -> i64 {
        self.reported
    }
}

/// What a JS handle (`Org`, `Ledger`, `ProgressReport`) holds: the native value, `None` once
/// `free()`d, and the memory reported for it.
#[derive(Debug)]
pub struct Held<T> {
    value: Option<T>,
    external: External,
    what: &'static str,
}

impl<T> Held<T> {
    /// `value`, of an estimated `bytes`, to report when it reaches JS.
    pub fn new(what: &'static str, value: T, bytes: i64) -> Self {
        Held {
            value: Some(value),
            external: External::new(bytes),
            what,
        }
    }

    /// The value, or `invalid_state` once freed.
    pub fn get(&self, env: &Env) -> napi::Result<&T> {
        self.value.as_ref().ok_or_else(|| freed(env, self.what))
    }

    /// The value to change, or `invalid_state` once freed.
    pub fn get_mut(&mut self, env: &Env) -> napi::Result<&mut T> {
        let what = self.what;
        self.value.as_mut().ok_or_else(|| freed(env, what))
    }

    /// Reports what is pending, and `more` bytes, to V8.
    pub fn report(&mut self, env: &Env, more: i64) {
        self.external.report(env, more);
    }

    /// Drops the value now and gives its memory back; later calls throw.
    pub fn free(&mut self, env: &Env) {
        self.value = None;
        self.external.release(env);
    }

    /// Gives the memory back (the handle is being collected).
    pub fn release(&mut self, env: &Env) {
        self.external.release(env);
    }

    /// What V8 has been told, in bytes (for the `externalMemory` getters).
    pub fn reported(&self) -> f64 {
        self.external.reported() as f64
    }
}

/// The error for a handle used after `free()`.
fn freed(env: &Env, what: &str) -> napi::Error {
    crate::error::js_error(
        env,
        &okrkit::Error::Refused {
            reason: okrkit::RefusalCode::InvalidState,
            message: format!("this {what} was freed (free()): it can no longer be used"),
            path: String::new(),
        },
    )
}

/// A native handle whose memory is reported once it reaches the JS thread.
pub trait Native {
    /// Reports pending memory (called when the handle is handed to JS).
    fn attach(&mut self, env: &Env);
}

/// `free()`, `externalMemory`, the finalizer and [`Native`] of a JS handle
/// whose native value is its `held: Held<…>` field (`Org`, `Ledger`,
/// `ProgressReport`): one definition, so the three cannot drift.
macro_rules! held_handle {
    ($handle:ident) => {
        impl $crate::memory::Native for $handle {
            fn attach(&mut self, env: &napi::Env) {
                self.held.report(env, 0);
            }
        }

        impl napi::bindgen_prelude::ObjectFinalize for $handle {
            fn finalize(mut self, env: napi::Env) -> napi::Result<()> {
                self.held.release(&env);
                Ok(())
            }
        }

        #[napi_derive::napi]
        impl $handle {
            /// Drops this handle's hold on its native value now rather than
            /// at garbage collection, and gives its memory estimate back to
            /// V8; any later call on it throws `invalid_state` (what was
            /// already read stays). Twice is fine. Also
            /// `handle[Symbol.dispose]()` (`using`). An org's reports share
            /// it: they keep working, and the organisation is dropped when
            /// the last of them goes.
            #[napi(catch_unwind)]
            pub fn free(&mut self, env: napi::Env) {
                self.held.free(&env);
            }

            /// The native memory reported to V8 for this handle, in bytes:
            /// an estimate from its counts for an org or a ledger, its
            /// columns' allocated size for a report (plus its rows', once
            /// read); 0 once freed.
            #[napi(getter, catch_unwind)]
            pub fn external_memory(&self) -> f64 {
                self.held.reported()
            }
        }
    };
}
pub(crate) use held_handle;
