//! Hooks for okrkit's own tests (feature `test-hooks`, never in a package):
//! a panic injected where a bug in an append would do the most harm, so that
//! every binding can show that a panicking append leaves the ledger as it was
//! ([`Ledger::recover`](super::Ledger::recover)).

use std::cell::Cell;

thread_local! {
    static PANICS_TO_INJECT: Cell<u32> = const { Cell::new(0) };
}

/// Makes the next `n` appends on this thread panic, each after the ledger's
/// state has taken the entry and before the entry is recorded; a second
/// injected panic lands in that append's own recovery (a double fault),
/// which leaves the ledger [interrupted](super::Ledger::is_interrupted).
pub fn inject_append_panics(n: u32) {
    PANICS_TO_INJECT.with(|p| p.set(n));
}

/// Called by `Ledger::push` between applying an entry and recording it, and
/// by `Ledger::recover` before its replay: panics while panics are left to
/// inject on this thread.
pub(super) fn maybe_panic() {
    let left = PANICS_TO_INJECT.with(|p| p.get());
    if left > 0 {
        PANICS_TO_INJECT.with(|p| p.set(left - 1));
        panic!("injected by okrkit's test hook: a bug while applying an entry");
    }
}
