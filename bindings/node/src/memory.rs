//! Native memory made visible to V8 (`napi_adjust_external_memory`): an
//! `Org` or a `Ledger` reports an estimate of what it holds in Rust, so the
//! garbage collector weighs a small JS handle by the megabytes behind it, and
//! gives it back when the handle is collected or `free()`d.
//!
//! The estimates are the core's (`okrkit::heap`: from counts for an `Org`
//! or a ledger's entries, exact for a `ProgressReport`'s rows); here they
//! become V8's `i64` and are reported and given back.

use napi::Env;

/// A size from `okrkit::heap` as V8 takes it.
pub fn bytes(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX / 4)
}

/// What a JS handle (`Org`, `Ledger`, `ProgressReport`) holds: the native value, `None` once
/// `free()`d, and the memory reported for it.
#[derive(Debug)]
pub struct Held<T> {
    value: Option<T>,
    /// Estimated, not yet reported (built off the JS thread).
    pending: i64,
    /// Reported to V8.
    reported: i64,
    what: &'static str,
}

impl<T> Held<T> {
    /// `value`, of an estimated `bytes`, to report when it reaches JS.
    pub fn new(what: &'static str, value: T, bytes: i64) -> Self {
        Held {
            value: Some(value),
            pending: bytes,
            reported: 0,
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
        let delta = self.pending + more;
        self.pending = 0;
        if delta != 0 && env.adjust_external_memory(delta).is_ok() {
            self.reported += delta;
        }
    }

    /// Drops the value now and gives its memory back; later calls throw.
    pub fn free(&mut self, env: &Env) {
        self.value = None;
        self.release(env);
    }

    /// Gives the memory back (the handle is freed or collected).
    pub fn release(&mut self, env: &Env) {
        if self.reported != 0 && env.adjust_external_memory(-self.reported).is_ok() {
            self.reported = 0;
        }
        self.pending = 0;
    }

    /// What V8 has been told, in bytes (for the `externalMemory` getters).
    pub fn reported(&self) -> f64 {
        self.reported as f64
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
/// `ProgressReport`), and its constructors `detached` (built off the JS
/// thread, its memory estimated by `bytes` and reported once it reaches JS),
/// `of` (on the JS thread, reported now) and `core` (the value, or
/// `invalid_state` once freed): one definition, so the three cannot drift.
macro_rules! held_handle {
    ($handle:ident($core:ty), $bytes:expr) => {
        impl $handle {
            pub(crate) fn detached(value: impl Into<$core>) -> Self {
                let value: $core = value.into();
                let bytes = $crate::memory::bytes($bytes(&value));
                $handle {
                    held: $crate::memory::Held::new(stringify!($handle), value, bytes),
                }
            }

            pub(crate) fn of(env: &napi::Env, value: impl Into<$core>) -> Self {
                let mut handle = Self::detached(value);
                $crate::memory::Native::attach(&mut handle, env);
                handle
            }

            pub(crate) fn core(&self, env: &napi::Env) -> napi::Result<&$core> {
                self.held.get(env)
            }
        }

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
