//! The renegotiation ledger (R4, R8): an append-only, hash-chained log.
