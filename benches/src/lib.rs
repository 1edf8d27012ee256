//! okrkit's benchmarks: criterion benches in `benches/`, the per-size suite
//! driver in `src/bin/suite.rs` (run by `scripts/bench.sh`), and a ledger
//! replay driver for instruction counting in `src/bin/ledger_replay.rs`.
//! The organisations and ledgers come from [`okrkit::generate`].
