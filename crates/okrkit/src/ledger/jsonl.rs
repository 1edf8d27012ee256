//! JSON Lines: one entry per line, appendable and streamable.

use crate::error::{Error, Result};
use crate::ledger::entry::Entry;
use std::io::{BufRead, Write};

impl Entry {
    /// The entry as one compact JSON line (no newline): its JSON Lines record,
    /// and the value a product stores in its own database.
    pub fn to_json(&self) -> String {
        crate::ledger::hash::Hasher::default().line(self)
    }

    /// Reads an entry from its JSON (as written by [`Entry::to_json`]).
    /// This only reads: [`Ledger::from_entries`](crate::ledger::Ledger::from_entries)
    /// verifies.
    pub fn from_json(text: &str) -> Result<Entry> {
        crate::json::from_str(text)
    }
}

/// The JSON Lines record of an entry (no newline); same as [`Entry::to_json`].
pub fn jsonl_line(entry: &Entry) -> String {
    entry.to_json()
}

pub(crate) fn write_jsonl<W: Write>(entries: &[Entry], mut w: W) -> Result<()> {
    let io = |e: std::io::Error| Error::io("", e);
    let mut hasher = crate::ledger::hash::Hasher::default();
    for e in entries {
        w.write_all(hasher.line(e).as_bytes()).map_err(io)?;
        w.write_all(b"\n").map_err(io)?;
    }
    w.flush().map_err(io)
}

/// Reads entries one line at a time; blank lines are skipped. A line that is
/// not an entry gives [`Error::Parse`] with its 1-based line number.
pub(crate) fn read_jsonl<R: BufRead>(
    r: R,
    max_bytes: u64,
    mut each: impl FnMut(Entry, &str) -> Result<()>,
) -> Result<()> {
    // One buffer for every line (`lines()` would allocate a String per line).
    let mut r = r;
    let mut buf = String::new();
    let mut total: u64 = 0;
    for n in 0.. {
        buf.clear();
        let read = crate::limits::read_line_limited(&mut r, &mut buf, max_bytes - total)
            .map_err(|e| Error::io(format!("line {}", n + 1), e))?;
        let Some(read) = read else {
            return Err(crate::limits::too_large(
                max_bytes,
                &format!("the ledger (at line {})", n + 1),
            ));
        };
        total += read as u64;
        if read == 0 {
            break;
        }
        let line = buf.strip_suffix('\n').unwrap_or(&buf);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let fast = crate::ledger::fast_parse::check_in(line);
        let entry = fast
            .map_or_else(|| Entry::from_json(line), Ok)
            .map_err(|err| match err {
                Error::Parse {
                    path,
                    message,
                    position,
                } => Error::Parse {
                    path,
                    message,
                    position: Some(crate::error::Position {
                        line: n + 1,
                        column: position.map_or(0, |p| p.column),
                    }),
                },
                other => other,
            })?;
        each(entry, line)?;
    }
    Ok(())
}
