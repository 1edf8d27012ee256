//! Documented limits, enforced with a clear error rather than exhausted memory.

/// Longest title, note or other text okrkit accepts, in bytes (16 KiB).
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// Largest JSON input okrkit parses, in bytes (2 GiB).
pub const MAX_INPUT_BYTES: usize = 2 << 30;

/// Deepest JSON nesting accepted (serde_json's own recursion limit).
pub const MAX_JSON_DEPTH: usize = 128;

/// Longest id okrkit accepts, in bytes (people, teams, cycles, objectives,
/// key results, initiatives, personal goals).
pub const MAX_ID_BYTES: usize = 256;

/// Largest ledger JSON Lines input, and largest single line, in bytes (2 GiB).
pub const MAX_LEDGER_BYTES: u64 = MAX_INPUT_BYTES as u64;
