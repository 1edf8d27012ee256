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

/// Most cells a table's grid may hold (2^24, about 16.8 million: a million
/// rows of 16 columns), where the grid is made up rather than read: an XLSX
/// sheet's runs from its first used row to its last and from column A to its
/// last used column, and rows given as records (`read_records`, Python's list
/// of dicts, Node's array of objects) span every key any row has. So a
/// workbook of a few bytes naming one far cell (`XFD1048576`) would ask for
/// 17 billion cells, and 20,000 records of one key each, 400 million; both get
/// `too_large` before any grid is made. (CSV text holds its cells.)
pub const MAX_TABLE_CELLS: u64 = 1 << 24;

/// How many times its compressed size a file inside an XLSX workbook may
/// inflate to (beyond its first [`MAX_INFLATE_GRACE`] bytes): 100, Apache
/// POI's limit for the same attack (`ZipSecureFile`'s minimum inflate ratio
/// of 1%). The bad-input catalog's zip bomb (`xlsx_zip_bomb.json`) inflates
/// 406 times.
pub const MAX_INFLATE_RATIO: u64 = 100;

/// Bytes a file inside an XLSX workbook may inflate to whatever its ratio
/// (1 MiB), so small, very regular files are never refused.
pub const MAX_INFLATE_GRACE: u64 = 1 << 20;

use crate::error::{Error, ProblemCode};
use std::io::{BufRead, Read};

/// The `too_large` error for an input over `limit` bytes.
pub(crate) fn too_large(limit: u64, what: &str) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::TooLarge,
        message: format!("{what} is larger than the limit of {limit} bytes"),
        path: String::new(),
    }
}

/// Reads all of `reader` as UTF-8 text, but never more than `limit` bytes:
/// an oversized or endless input (`/dev/zero`) gets `too_large` after
/// reading `limit + 1` bytes, never exhausting memory.
///
/// ```
/// let endless = std::io::repeat(b'{');
/// let err = okrkit::limits::read_to_string_limited(endless, 1024).unwrap_err();
/// assert_eq!(err.code(), "too_large");
/// assert_eq!(okrkit::limits::read_to_string_limited(&b"{}"[..], 1024)?, "{}");
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn read_to_string_limited<R: Read>(reader: R, limit: u64) -> crate::Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("", e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit, "the input"));
    }
    String::from_utf8(bytes).map_err(|e| Error::Parse {
        path: String::new(),
        message: format!("the input is not UTF-8: {}", e.utf8_error()),
        position: None,
    })
}

/// Reads one line (up to and including `\n`) into `buf`, reading at most
/// `limit + 1` bytes; returns the bytes read. Over the limit: `too_large`.
pub(crate) fn read_line_limited<R: BufRead>(
    reader: &mut R,
    buf: &mut String,
    limit: u64,
) -> std::io::Result<Option<usize>> {
    let n = reader.take(limit.saturating_add(1)).read_line(buf)?;
    if n as u64 > limit {
        return Ok(None);
    }
    Ok(Some(n))
}
