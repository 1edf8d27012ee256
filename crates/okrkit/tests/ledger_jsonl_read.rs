//! Reading a ledger from JSON Lines (issue 18): lines are read in place from
//! the reader's buffer when they lie whole in it, and check-in lines are
//! certified canonical as they are read. Whatever the reader — a byte slice,
//! a `BufReader` whose buffer cuts lines anywhere, one byte at a time — the
//! same bytes give the same ledger or the same error, and a line that is not
//! exactly its entry's record is refused even when its hash was fixed up.

use okrkit::generate::{GenerateOptions, LedgerOptions, generate, ledger};
use okrkit::ledger::{Entry, Ledger, entry_hash};
use std::io::{BufReader, Read};

fn text() -> String {
    let doc = generate(&GenerateOptions::scaled(30));
    ledger(&doc, &LedgerOptions::with_entries(120))
        .expect("a valid ledger")
        .to_jsonl()
}

/// A reader that hands out at most one byte per read.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(1).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// The outcome through every kind of reader: all equal, returned once.
fn read_every_way(bytes: &[u8], limit: u64) -> Result<(usize, String), (String, String)> {
    let outcome = |r: okrkit::Result<Ledger>| {
        r.map(|l| (l.len(), l.head().to_owned()))
            .map_err(|e| (e.code().to_owned(), e.to_string()))
    };
    let slice = outcome(Ledger::from_jsonl_limited(bytes, limit));
    for capacity in [1, 7, 64, 333, 4096] {
        let r = BufReader::with_capacity(capacity, bytes);
        assert_eq!(
            outcome(Ledger::from_jsonl_limited(r, limit)),
            slice,
            "buffer of {capacity}"
        );
    }
    let r = BufReader::with_capacity(64, Trickle(bytes));
    assert_eq!(outcome(Ledger::from_jsonl_limited(r, limit)), slice);
    slice
}

#[test]
fn every_reader_reads_the_same_ledger() {
    let text = text();
    let (len, head) = read_every_way(text.as_bytes(), u64::MAX).expect("verifies");
    assert_eq!(len, 120);
    let original = Ledger::from_jsonl(text.as_bytes()).expect("verifies");
    assert_eq!(head, original.head());
    // Blank lines, CRLF line ends and no final line end are read as before.
    let crlf = text.replace('\n', "\r\n\r\n");
    assert_eq!(
        read_every_way(crlf.as_bytes(), u64::MAX),
        Ok((len, head.clone()))
    );
    let trimmed = text.trim_end();
    assert_eq!(
        read_every_way(trimmed.as_bytes(), u64::MAX),
        Ok((len, head))
    );
}

#[test]
fn the_limit_holds_at_the_byte_whatever_the_reader() {
    let text = text();
    let n = text.len() as u64;
    assert!(read_every_way(text.as_bytes(), n).is_ok());
    let (code, message) = read_every_way(text.as_bytes(), n - 1).expect_err("one byte over");
    assert_eq!(code, "too_large");
    assert!(message.contains("at line 120"), "{message}");
    let (code, _) = read_every_way(text.as_bytes(), 1000).expect_err("over at once");
    assert_eq!(code, "too_large");
}

#[test]
fn a_line_that_is_not_utf8_is_the_same_io_error_everywhere() {
    let mut bytes = text().into_bytes();
    let third = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .map(|(i, _)| i)
        .expect("three lines");
    bytes[third - 20] = 0xff;
    let (code, message) = read_every_way(&bytes, u64::MAX).expect_err("not UTF-8");
    assert_eq!(code, "io_error");
    assert!(message.contains("line 3"), "{message}");
}

/// Replaces a check-in line's `"value":…` token and puts the hash of what
/// the line now says in its hash member (the attacker who stores the ledger).
fn respelled(text: &str, value: &str) -> (String, usize) {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let i = lines
        .iter()
        .rposition(|l| l.contains("\"type\":\"check_in\"") && l.contains("\"value\":65.0"))
        .or_else(|| {
            lines
                .iter()
                .rposition(|l| l.contains("\"type\":\"check_in\""))
        })
        .expect("a check-in");
    let l = &lines[i];
    let start = l.find("\"value\":").expect("a value") + 8;
    let end = start + l[start..].find([',', '}']).expect("its end");
    let edited = format!("{}{value}{}", &l[..start], &l[end..]);
    lines[i] = match Entry::from_json(&edited) {
        Ok(entry) => format!("{}{}\"}}", &edited[..edited.len() - 66], entry_hash(&entry)),
        Err(_) => edited,
    };
    (lines.join("\n") + "\n", i)
}

#[test]
fn a_respelled_check_in_with_its_hash_fixed_up_is_refused() {
    let text = text();
    let line = text
        .lines()
        .rfind(|l| l.contains("\"type\":\"check_in\""))
        .expect("a check-in");
    let start = line.find("\"value\":").expect("a value") + 8;
    let end = start + line[start..].find([',', '}']).expect("its end");
    let value: f64 = line[start..end].parse().expect("a number");
    for spelling in [
        format!("{value:e}"),
        format!("{value:.4}"),
        format!("{value:?}0"),
        format!("{value:?}").replace('.', ".0e0"),
    ] {
        if spelling == line[start..end] {
            continue;
        }
        let (edited, index) = respelled(&text, &spelling);
        let (code, message) = read_every_way(edited.as_bytes(), u64::MAX).expect_err(&spelling);
        assert_eq!(code, "tampered", "{spelling}");
        assert!(
            message.contains(&format!("entry {index} ")) || message.contains(&format!("e{index}")),
            "{spelling}: {message}"
        );
        assert!(
            message.contains("canonical record"),
            "{spelling}: {message}"
        );
    }
    // A space after the record, a negative zero: refused too.
    let spaced = text.replacen("\"}\n", "\"} \n", 3);
    assert_eq!(
        read_every_way(spaced.as_bytes(), u64::MAX)
            .expect_err("a space after the record")
            .0,
        "tampered"
    );
    let (zero, _) = respelled(&text, "-0.0");
    assert_eq!(
        read_every_way(zero.as_bytes(), u64::MAX)
            .expect_err("a negative zero")
            .0,
        "tampered"
    );
}

/// A reader that fails once, with `kind`, at its `at`-th read.
struct FailsOnce<'a> {
    bytes: &'a [u8],
    reads: usize,
    at: usize,
    kind: std::io::ErrorKind,
}

impl Read for FailsOnce<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.reads += 1;
        if self.reads == self.at {
            return Err(std::io::Error::new(self.kind, "the disk hiccuped"));
        }
        let n = buf.len().min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

#[test]
fn read_errors_are_reported_and_interruptions_retried() {
    let text = text();
    for at in [1, 2, 5, 40] {
        let reader = |kind| {
            BufReader::with_capacity(
                500,
                FailsOnce {
                    bytes: text.as_bytes(),
                    reads: 0,
                    at,
                    kind,
                },
            )
        };
        let err = Ledger::from_jsonl(reader(std::io::ErrorKind::Other)).expect_err("reported");
        assert_eq!(err.code(), "io_error");
        assert!(err.to_string().contains("the disk hiccuped"), "{err}");
        let l = Ledger::from_jsonl(reader(std::io::ErrorKind::Interrupted)).expect("retried");
        assert_eq!(l.len(), 120);
    }
}

/// A number beyond the largest double is not JSON okrkit reads: the line is
/// a parse error wherever the number is (the fast check-in reader no longer
/// reads it as infinity).
#[test]
fn a_number_beyond_the_largest_double_is_a_parse_error() {
    let (edited, index) = respelled(&text(), "1e400");
    let (code, message) = read_every_way(edited.as_bytes(), u64::MAX).expect_err("out of range");
    assert_eq!(code, "parse_error", "{message}");
    assert!(
        message.contains(&format!("line {}", index + 1)),
        "{message}"
    );
}

/// The limit is applied before a line is scanned: a byte slice far longer
/// than the limit with no line end is refused as `too_large` after reading
/// about the limit (not the whole slice), and a line cut by the limit inside
/// a character gets the same answer from a slice and from a one-byte buffer.
#[test]
fn the_limit_bounds_the_scan_and_answers_alike_whatever_the_buffer() {
    use okrkit::ledger::Ledger;
    // 64 MiB without a newline, limit 1 KiB: too_large.
    let endless = vec![b'a'; 64 << 20];
    let err = Ledger::from_jsonl_limited(&endless[..], 1024).expect_err("over the limit");
    assert_eq!(err.code(), "too_large");
    // A two-byte character straddling the limit: the slice and a one-byte
    // reader give the same code (as before the in-place reader).
    let line = "x\u{e9}\n".as_bytes();
    let from_slice = Ledger::from_jsonl_limited(line, 1).expect_err("over the limit");
    let from_bytes = Ledger::from_jsonl_limited(std::io::BufReader::with_capacity(1, line), 1)
        .expect_err("over the limit");
    assert_eq!(from_slice.code(), from_bytes.code());
    assert_eq!(from_slice.to_string(), from_bytes.to_string());
    // Blank lines far past the limit reserve nothing unbounded and are refused.
    let mut blank = vec![b'\n'; 8 << 20];
    blank.insert(0, b' ');
    assert_eq!(
        Ledger::from_jsonl_limited(&blank[..], 4096)
            .expect_err("over the limit")
            .code(),
        "too_large"
    );
}

/// Hashes are held inline in the entry (`EntryHash`): any other text in a
/// line's `hash` or `prev_hash` (upper-case digits, a digit short or too
/// many, a multi-byte character, a long string, an empty one) is kept as
/// read and refused as an edit of that entry, from JSON Lines and from
/// entries alike — with the error a `String` hash gave.
#[test]
fn a_hash_or_prev_hash_of_any_other_text_is_refused_as_an_edit() {
    let text = text();
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .rposition(|l| l.contains("\"type\":\"check_in\""))
        .expect("a check-in");
    let hash = Ledger::from_jsonl(text.as_bytes())
        .expect("verifies")
        .entries()[i]
        .hash
        .to_string();
    let prev = lines[i - 1]
        .rsplit("\"hash\":\"")
        .next()
        .and_then(|t| t.strip_suffix("\"}"))
        .expect("the previous line's hash")
        .to_owned();
    let e = format!("e{i}");
    for other in [
        hash.to_uppercase(),
        hash[..63].to_owned(),
        format!("{hash}0"),
        format!("{}é", &hash[..62]),
        "f".repeat(500),
        String::new(),
    ] {
        for (member, was, message) in [
            (
                "\"hash\":\"",
                &hash,
                "the entry's content does not match its hash: it was edited",
            ),
            (
                "\"prev_hash\":\"",
                &prev,
                "prev_hash is not the previous entry's hash",
            ),
        ] {
            let edited_line =
                lines[i].replace(&format!("{member}{was}\""), &format!("{member}{other}\""));
            assert_ne!(edited_line, lines[i]);
            let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            edited[i] = edited_line.clone();
            let edited = edited.join("\n") + "\n";
            let (code, err) = read_every_way(edited.as_bytes(), u64::MAX).expect_err("refused");
            assert_eq!(code, "tampered", "{member}{other}");
            assert!(err.contains(message) && err.contains(&e), "{err}");
            // Entries from a database: the same error.
            let mut entries: Vec<Entry> = lines
                .iter()
                .map(|l| Entry::from_json(l).expect("an entry"))
                .collect();
            entries[i] = Entry::from_json(&edited_line).expect("still an entry");
            let err = Ledger::from_entries(entries).expect_err("refused");
            assert_eq!(err.code(), "tampered");
            assert!(err.to_string().contains(message), "{err}");
        }
    }
}

/// A ledger longer than the 64 KiB the reader takes at once, whose first
/// line (the import) is longer than that by itself.
fn long_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let doc = generate(&GenerateOptions::scaled(400));
        let text = ledger(&doc, &LedgerOptions::with_entries(400))
            .expect("a valid ledger")
            .to_jsonl();
        let first = text.find('\n').expect("a line");
        assert!(first > 64 * 1024 && text.len() > 3 * 64 * 1024, "{first}");
        text
    })
}

/// Every entry (or the error) through a byte slice, and through a one-byte
/// buffer (each line read alone, as the reader did before it read the lines
/// of its buffer together), with the error's position: all equal.
fn entries_every_way(bytes: &[u8]) -> Result<Vec<Entry>, (String, String)> {
    let outcome = |r: okrkit::Result<Ledger>| {
        r.map(|l| l.entries().to_vec())
            .map_err(|e| (e.code().to_owned(), e.to_string()))
    };
    let one_by_one = outcome(Ledger::from_jsonl(BufReader::with_capacity(1, bytes)));
    assert_eq!(outcome(Ledger::from_jsonl(bytes)), one_by_one, "slice");
    for capacity in [4096, 100_000] {
        let r = BufReader::with_capacity(capacity, bytes);
        assert_eq!(
            outcome(Ledger::from_jsonl(r)),
            one_by_one,
            "buffer of {capacity}"
        );
    }
    one_by_one
}

#[test]
fn a_long_ledger_reads_alike_from_a_slice_and_line_by_line() {
    let text = long_text();
    assert_eq!(
        entries_every_way(text.as_bytes()).expect("verifies").len(),
        400
    );
    // Line ends as CRLF, blank and white lines between records.
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(
        entries_every_way(crlf.as_bytes()).expect("verifies").len(),
        400
    );
    let blank = text.replace("}\n", "}\n\n \t\n\r\n");
    assert_eq!(
        entries_every_way(blank.as_bytes()).expect("verifies").len(),
        400
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// The attacker who stores the ledger edits its lines: a line end added,
    /// removed or doubled, a carriage return or a space next to one, a byte
    /// that is not UTF-8, a line repeated. Read from a byte slice (its lines
    /// read together, check-in records where they lie) and line by line,
    /// it gives the same entries or the same error at the same line.
    #[test]
    fn edited_lines_read_alike_from_a_slice_and_line_by_line(
        edits in proptest::collection::vec((0u8..8, proptest::prelude::any::<proptest::sample::Index>()), 1..4)
    ) {
        let mut bytes = long_text().as_bytes().to_vec();
        for (kind, at) in edits {
            let ends: Vec<usize> = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i).collect();
            let end = ends[at.index(ends.len())];
            // Anywhere after the import (most of whose bytes are the first line).
            let any = ends[0] + 1 + at.index(bytes.len() - ends[0] - 1);
            let insert = |bytes: &mut Vec<u8>, at: usize, what: &[u8]| {
                let tail = bytes.split_off(at);
                bytes.extend_from_slice(what);
                bytes.extend(tail);
            };
            match kind {
                0 => insert(&mut bytes, end, [&b"\r"[..], b"\r\r", b"\r ", b"\t"][end % 4]),
                1 => insert(&mut bytes, any, b"\r"),
                2 => insert(&mut bytes, any, b"\n"),
                3 => {
                    bytes.remove(end);
                }
                4 => insert(&mut bytes, end, b" "),
                5 => bytes[any] = [0xff, 0xc3, 0x80][any % 3],
                6 => insert(&mut bytes, end + 1, b"\n \n"),
                _ => {
                    let start = ends.iter().rev().find(|&&e| e < end).map_or(0, |e| e + 1);
                    let line = bytes[start..=end].to_vec();
                    insert(&mut bytes, start, &line);
                }
            }
        }
        let _ = entries_every_way(&bytes);
    }
}

/// A leading UTF-8 byte-order mark (an editor's or a Windows tool's) is
/// skipped, as the document readers skip it; it failed with "expected value
/// (line 1, column 1)". Every reader (a buffer cutting the mark) agrees.
#[test]
fn a_leading_byte_order_mark_is_skipped_by_every_reader() {
    let text = text();
    let plain = read_every_way(text.as_bytes(), u64::MAX).expect("reads");
    let marked = format!("\u{feff}{text}");
    assert_eq!(read_every_way(marked.as_bytes(), u64::MAX), Ok(plain));
    // A mark alone is an empty ledger; a mark elsewhere is still refused.
    assert_eq!(
        read_every_way("\u{feff}".as_bytes(), u64::MAX).map(|r| r.0),
        Ok(0)
    );
    let inner = text.replacen('\n', "\n\u{feff}", 1);
    assert!(read_every_way(inner.as_bytes(), u64::MAX).is_err());
}
