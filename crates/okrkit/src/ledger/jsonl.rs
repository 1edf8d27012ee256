//! JSON Lines: one entry per line, appendable and streamable.

use crate::error::{Error, Result};
use crate::ledger::entry::Entry;
use crate::ledger::hash::Record;
use std::io::{BufRead, Read, Write};

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
        // The import, read in one pass (see `import_line`); any other entry,
        // or an import that reader declines, by serde as written.
        if let Some(entry) = crate::ledger::import_line::entry(text) {
            return Ok(entry);
        }
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
/// not an entry gives [`Error::Parse`] with its 1-based line number. Each
/// entry is pushed onto `entries`, then `each` is called with them (the new
/// entry last; taken off again when `each` refuses it, so that on an error
/// `entries` holds only the entries `each` accepted) and the record the
/// entry is checked against: the line, or,
/// with `certify`, the line's canonical part when the fast reader certified
/// it (see `fast_parse`). The entry goes from where it is read into the
/// vector in one copy (handing it to `each` by value cost another, on 376
/// bytes per entry). `buffered` is told, once, how many bytes the reader
/// held at the start (the whole input when it is a byte slice), so that the
/// caller can size its storage.
///
/// A line that lies whole in the reader's buffer (every line of a byte
/// slice; most lines of a `BufReader`) is read where it is, without a copy;
/// any other line (cut by the buffer's end, not UTF-8, …) is read into a
/// `String` as `BufRead::read_line` does, with the same errors and limit.
///
/// A leading UTF-8 byte-order mark is skipped (it counts towards
/// `max_bytes`), as the document readers skip it
/// ([`crate::json::without_bom`]).
pub(crate) fn read_jsonl<R: BufRead>(
    mut r: R,
    max_bytes: u64,
    certify: bool,
    entries: &mut Vec<Entry>,
    buffered: impl FnOnce(usize),
    each: impl FnMut(&mut Vec<Entry>, Record<'_>) -> Result<()>,
) -> Result<()> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    // The first three bytes: looked at in the reader's buffer when it holds
    // them (always, for a byte slice), else taken out of the reader and
    // given back in front of it unless they are the mark.
    let mut head = [0u8; 3];
    let mut got = 0;
    let mut buffered = Some(buffered);
    let mut peeked = false;
    while got < BOM.len() {
        let avail = match r.fill_buf() {
            Ok(avail) => avail,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io("line 1", e)),
        };
        if let Some(tell) = buffered.take() {
            tell(avail.len());
        }
        if got == 0 && avail.len() >= BOM.len() {
            if avail.starts_with(BOM) {
                r.consume(BOM.len());
                got = BOM.len();
                head.copy_from_slice(BOM);
            }
            peeked = true;
            break;
        }
        if avail.is_empty() {
            break;
        }
        let take = (BOM.len() - got).min(avail.len());
        head[got..got + take].copy_from_slice(&avail[..take]);
        r.consume(take);
        got += take;
    }
    let skipped = head[..got] == *BOM;
    let given_back: &[u8] = if peeked || skipped { &[] } else { &head[..got] };
    let max_bytes = if skipped {
        max_bytes.saturating_sub(BOM.len() as u64)
    } else {
        max_bytes
    };
    read_lines(
        given_back.chain(r),
        max_bytes,
        certify,
        entries,
        |_| {},
        each,
    )
}

/// [`read_jsonl`] after its byte-order mark.
fn read_lines<R: BufRead>(
    r: R,
    max_bytes: u64,
    certify: bool,
    entries: &mut Vec<Entry>,
    buffered: impl FnOnce(usize),
    mut each: impl FnMut(&mut Vec<Entry>, Record<'_>) -> Result<()>,
) -> Result<()> {
    // One buffer for lines that cannot be read in place (`lines()` would
    // allocate a String per line).
    let mut r = r;
    let mut buf = String::new();
    let mut scratch = Vec::new();
    let mut total: u64 = 0;
    let mut buffered = Some(buffered);
    // The 0-based number of the next line.
    let mut n = 0;
    loop {
        let in_place = match r.fill_buf() {
            Ok(avail) => {
                if let Some(tell) = buffered.take() {
                    tell(avail.len());
                }
                // Only as far as the limit allows: a longer line (or one with
                // no end in sight) is left to `read_line_limited` below, which
                // reads at most one byte past the limit and answers as it
                // always did (`too_large`, or an `io_error` where the limit
                // cuts a character).
                let room = usize::try_from(max_bytes - total).unwrap_or(usize::MAX);
                let avail = &avail[..avail.len().min(room)];
                match lines_in_place(avail, &mut n, certify, &mut scratch, entries, &mut each)? {
                    0 => match whole_line(avail) {
                        Some(text) => {
                            one_line(text, n, certify, &mut scratch, entries, &mut each)?;
                            n += 1;
                            Some(text.len())
                        }
                        None => None,
                    },
                    read => Some(read),
                }
            }
            // As `read_line` does: retried when interrupted (by it, below),
            // reported otherwise.
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => None,
            Err(e) => return Err(Error::io(format!("line {}", n + 1), e)),
        };
        if let Some(len) = in_place {
            r.consume(len);
            total += len as u64;
            continue;
        }
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
        one_line(&buf, n, certify, &mut scratch, entries, &mut each)?;
        n += 1;
    }
    Ok(())
}

/// How many bytes of a reader's buffer [`lines_in_place`] reads at once (at
/// most; then up to the end of the last line within them).
const CHUNK_BYTES: usize = 64 * 1024;

/// Reads the whole lines at the start of `avail` (up to [`CHUNK_BYTES`]) in
/// place, `n` counting them, and gives the bytes read: 0 when none can be
/// (the first line is longer, not whole, or not UTF-8), which the caller
/// reads one line at a time as before. Exactly the lines that
/// [`whole_line`] would take, one after another, are read, to the same
/// entries: the bytes are checked as UTF-8 once for all of them (not once
/// per line), and a check-in record written as okrkit writes it is read
/// from the buffer directly, its line end found where the record ends
/// instead of being searched for first; any other line is found and read
/// as before ([`one_line`]).
fn lines_in_place(
    avail: &[u8],
    n: &mut usize,
    certify: bool,
    scratch: &mut Vec<u8>,
    entries: &mut Vec<Entry>,
    each: &mut impl FnMut(&mut Vec<Entry>, Record<'_>) -> Result<()>,
) -> Result<usize> {
    let head = &avail[..avail.len().min(CHUNK_BYTES)];
    // The lines up to the last line end of `head` that lie in its valid
    // UTF-8 (all of it, unless a line is not UTF-8: that line and those
    // after it are left to the caller).
    let Some(last_nl) = head.iter().rposition(|&b| b == b'\n') else {
        return Ok(0);
    };
    let text = match crate::utf8::check(&head[..=last_nl]) {
        Ok(text) => text,
        // A line that is not UTF-8: the lines before it, up to the last
        // line end of the valid prefix. `from_utf8` of the prefix cannot
        // fail (the crate has no unsafe code for an unchecked one) and
        // runs only on this path, once per read, which stops at that line.
        Err(e) => {
            let valid = std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default();
            match valid.rfind('\n') {
                Some(nl) => &valid[..=nl],
                None => return Ok(0),
            }
        }
    };
    debug_assert!(text.ends_with('\n'), "`text` is whole lines");
    let mut at = 0;
    while let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
        // A check-in record followed by its line end (`\n`, or `\r\n`):
        // the line `one_line` would read, and the same entry and record.
        if let Some((fast, len)) = crate::ledger::fast_parse::check_in_prefix(rest, scratch) {
            let line_end = match rest.as_bytes().get(len..) {
                Some([b'\n', ..]) => Some(1),
                Some([b'\r', b'\n', ..]) => Some(2),
                _ => None,
            };
            if let Some(line_end) = line_end {
                let line = &rest.as_bytes()[..len];
                let record = match fast.canonical_end {
                    Some(end) if certify => Record::Certified(&line[..end]),
                    _ => Record::Line(&rest[..len]),
                };
                push_checked(entries, fast.entry, record, each)?;
                *n += 1;
                at += len + line_end;
                continue;
            }
        }
        // Any other line: found, then read as before. `text` ends with a
        // line end, so every line in it is whole.
        let Some(nl) = newline(rest.as_bytes()) else {
            debug_assert!(false, "`text` ends with a line end, so `rest` holds one");
            break;
        };
        let line = &rest[..=nl];
        one_line(line, *n, certify, scratch, entries, each)?;
        *n += 1;
        at += line.len();
    }
    Ok(at)
}

/// The first line of `avail`, its `\n` included, when it is whole and UTF-8.
fn whole_line(avail: &[u8]) -> Option<&str> {
    std::str::from_utf8(&avail[..=newline(avail)?]).ok()
}

/// The offset of the first `\n` in `s`, eight bytes at a time.
fn newline(s: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const NL: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut i = 0;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A zero byte of `x` is a `\n` of the chunk; this test finds
        // whether there is one (exactly), the scan below where.
        let x = u64::from_ne_bytes(word) ^ NL;
        if x.wrapping_sub(ONES) & !x & HIGH != 0 {
            break;
        }
        i += 8;
    }
    s[i..].iter().position(|&b| b == b'\n').map(|n| i + n)
}

/// Reads the entry of line `n` (0-based; its text with or without its line
/// end), pushes it onto `entries` and calls `each`; a blank line is skipped.
fn one_line(
    text: &str,
    n: usize,
    certify: bool,
    scratch: &mut Vec<u8>,
    entries: &mut Vec<Entry>,
    each: &mut impl FnMut(&mut Vec<Entry>, Record<'_>) -> Result<()>,
) -> Result<()> {
    let line = text.strip_suffix('\n').unwrap_or(text);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return Ok(());
    }
    if let Some(fast) = crate::ledger::fast_parse::check_in(line, scratch) {
        let record = match fast.canonical_end {
            Some(end) if certify => Record::Certified(&line.as_bytes()[..end]),
            _ => Record::Line(line),
        };
        return push_checked(entries, fast.entry, record, each);
    }
    let entry = Entry::from_json(line).map_err(|err| match err {
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
    push_checked(entries, entry, Record::Line(line), each)
}

/// Pushes `entry` onto `entries` and calls `each`, which checks it there;
/// when `each` refuses it, the entry is taken off again (failing closed:
/// `entries` never keeps an entry that was refused).
fn push_checked(
    entries: &mut Vec<Entry>,
    entry: Entry,
    record: Record<'_>,
    each: &mut impl FnMut(&mut Vec<Entry>, Record<'_>) -> Result<()>,
) -> Result<()> {
    entries.push(entry);
    let checked = each(entries, record);
    if checked.is_err() {
        entries.pop();
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::read_jsonl;
    use crate::ledger::Ledger;
    use crate::ledger::entry::Entry;
    use crate::ledger::hash::Record;
    use crate::ledger::verify::Verifier;
    use std::io::BufRead;

    /// Reads `r` as `Ledger::from_jsonl` does (each entry verified where it
    /// lies), and gives the error with the entries held then.
    fn read_until_refused(r: impl BufRead, certify: bool) -> (String, Vec<Entry>) {
        let mut v = Verifier::default();
        let mut entries = Vec::new();
        let err = read_jsonl(
            r,
            u64::MAX,
            certify,
            &mut entries,
            |_| {},
            |entries, record| crate::ledger::verify_last(&mut v, entries, record),
        )
        .expect_err("a damaged line");
        (err.code().to_owned(), entries)
    }

    /// A line damaged at `k` (its hash changed: an entry refused as
    /// `tampered`; or not an entry: `parse_error`): on the error, the
    /// entries held are exactly the `k` verified before it, never the
    /// refused one — for the import, a check-in (the fast reader), another
    /// action and the last line, read in place (a byte slice) or one line
    /// at a time (a buffer shorter than a line), certified or not.
    #[test]
    fn a_refused_entry_is_not_kept() {
        use crate::generate::{GenerateOptions, LedgerOptions, generate, ledger};
        let doc = generate(&GenerateOptions::scaled(30));
        let l: Ledger = ledger(&doc, &LedgerOptions::with_entries(80)).expect("a valid ledger");
        let lines: Vec<String> = l.to_jsonl().lines().map(str::to_owned).collect();
        let check_in = lines
            .iter()
            .position(|s| s.contains(r#""type":"check_in""#));
        let other = (1..lines.len()).find(|&i| !lines[i].contains(r#""type":"check_in""#));
        let (Some(check_in), Some(other)) = (check_in, other) else {
            panic!("the ledger has check-ins and other actions");
        };
        for k in [0, check_in, other, lines.len() - 1] {
            let hash = lines[k].rfind(r#""hash":""#).expect("a hash") + r#""hash":""#.len();
            let flipped = if &lines[k][hash..=hash] == "0" {
                "1"
            } else {
                "0"
            };
            let damaged = [
                (
                    format!("{}{flipped}{}", &lines[k][..hash], &lines[k][hash + 1..]),
                    "tampered",
                ),
                ("{".to_owned(), "parse_error"),
            ];
            for (line, code) in damaged {
                let mut text = lines.clone();
                text[k] = line;
                let text = text.join("\n") + "\n";
                for certify in [true, false] {
                    for got in [
                        read_until_refused(text.as_bytes(), certify),
                        read_until_refused(
                            std::io::BufReader::with_capacity(16, text.as_bytes()),
                            certify,
                        ),
                    ] {
                        assert_eq!(got.0, code, "line {k}");
                        assert!(
                            got.1 == l.entries()[..k],
                            "line {k}: {} entries held",
                            got.1.len()
                        );
                    }
                }
            }
        }
    }

    /// Called with no entry (which the reader never does), the verification
    /// fails closed instead of passing.
    #[test]
    fn no_entry_to_verify_is_an_error() {
        let err = crate::ledger::verify_last(&mut Verifier::default(), &[], Record::Line(""))
            .expect_err("nothing verified");
        assert_eq!(err.code(), "io_error");
        assert!(err.to_string().contains("internal error"), "{err}");
    }
}
