//! Shared helpers of the benchmarks: a ledger in proportion to an organisation.

use okrkit::Org;
use okrkit::generate::{LedgerOptions, ledger};
use okrkit::ledger::Ledger;

/// A ledger for `org` with `entries` entries (at least one): the document
/// imported as agreed (without its check-ins), then check-ins on its key
/// results in time order ([`okrkit::generate::ledger`] with
/// [`LedgerOptions::check_ins_only`]).
pub fn ledger_for(org: &Org, entries: usize) -> Ledger {
    ledger(org.document(), &LedgerOptions::check_ins_only(entries))
        .expect("a valid organisation gives a valid ledger")
}
