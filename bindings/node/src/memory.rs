//! Native memory made visible to V8 (`napi_adjust_external_memory`): an
//! `Org` or a `Ledger` reports an estimate of what it holds in Rust, so the
//! garbage collector weighs a small JS handle by the megabytes behind it, and
//! gives it back when the handle is collected or `free()`d.
//!
//! The estimate is twice the size of the value as JSON (counted, not
//! written): measured with `scripts/native-memory.js`, an org of 10,000 key
//! results (2.8 MB of JSON) adds about 5.7 MB of RSS.

use napi::Env;
use serde::Serialize;
use std::io;

/// Bytes of native memory per byte of JSON (measured, see the module doc).
const PER_JSON_BYTE: i64 = 2;

/// Counts what serde_json would write.
struct Count(u64);

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The estimated native size of a value, in bytes.
pub fn estimate<T: Serialize + ?Sized>(value: &T) -> i64 {
    let mut c = Count(0);
    // A value that cannot be written (a NaN) is still held: count what was.
    let _ = serde_json::to_writer(&mut c, value);
    i64::try_from(c.0)
        .unwrap_or(i64::MAX / 4)
        .saturating_mul(PER_JSON_BYTE)
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

/// What a JS handle (`Org`, `Ledger`) holds: the native value, `None` once
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
