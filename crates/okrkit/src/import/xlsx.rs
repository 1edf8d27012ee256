//! The cells of one XLSX sheet, as a grid of rows, read within documented
//! limits.
//!
//! A workbook is a ZIP archive of XML files, and two kinds of small workbook
//! ask for far more memory than their size:
//! - **a zip bomb**: an entry that inflates to thousands of times its
//!   compressed size. calamine reads every shared string into memory when it
//!   opens a workbook, so 2.4 MB of `sharedStrings.xml` that inflates to 1 GB
//!   held 3.2 GB before any cell was read.
//! - **a far cell**: calamine lays a sheet out as a dense grid from its first
//!   to its last used cell, so a cell at `A1` and one at `XFD1048576`
//!   (1.5 KB of workbook) ask for 17 billion cells (550 GB), and the
//!   allocation aborts the process: no error, no unwinding, the host gone.
//!
//! [`sheet_rows`] inflates every entry once into nothing first, counting, and
//! refuses one that grows past [`MAX_INFLATE_RATIO`] times its compressed size
//! (after its first [`MAX_INFLATE_GRACE`] bytes), or a workbook past
//! [`MAX_INPUT_BYTES`] inflated. Then it streams the sheet's cells
//! (calamine's cell reader, which holds no grid) and refuses a sheet whose
//! grid would span more than [`MAX_TABLE_CELLS`], before that grid is made.
//! Both are `too_large` errors.
//!
//! The grid is calamine's own: the rows from the first used row to the last
//! (empty ones in between included), each from column A to the sheet's last
//! used column, a cell written twice keeping its last value.

use crate::Result;
use crate::error::{Error, ProblemCode, panic_text};
use crate::limits::{MAX_INFLATE_GRACE, MAX_INFLATE_RATIO, MAX_INPUT_BYTES, MAX_TABLE_CELLS};
use calamine::{Data, DataType, Reader, Xlsx, XlsxError};
use std::io::{Cursor, Read};
use std::panic::AssertUnwindSafe;

/// The rows of a sheet (`sheet`, else the first), each with its line
/// (1-based, as the spreadsheet numbers it) and its cells from column A, made
/// by `cell` from calamine's values; `empty` fills the cells no value names.
pub(crate) fn sheet_rows<T: Clone>(
    bytes: &[u8],
    sheet: Option<&str>,
    empty: T,
    cell: impl Fn(Data) -> T,
) -> Result<Vec<(u64, Vec<T>)>> {
    check_inflation(bytes)?;
    // calamine's cell-reference arithmetic overflows on references no
    // spreadsheet writes: `col * 26` at seven letters or more and `row * 10` past
    // ten digits (`get_row_and_optional_column`), an end before its start
    // in the sheet's `<dimension>` (`get_dimension`; the merged and
    // shared-formula ranges it also reads are not read here). Built with
    // overflow checks (debug builds, tests, fuzzing) that panics; built
    // without them it wraps, and the cell lands somewhere the grid limit
    // below still bounds. The panic is the workbook's doing, so it is the
    // workbook's error, `parse_error`, and the caller gets it rather than
    // an unwinding thread (a binding would call it `internal_error`). The
    // default panic hook still prints its message on stderr; under
    // `panic = "abort"` nothing can be caught.
    std::panic::catch_unwind(AssertUnwindSafe(|| read_sheet(bytes, sheet, empty, cell)))
        .unwrap_or_else(|payload| {
            Err(unreadable(&format_args!(
                "the XLSX reader panicked on it ({})",
                panic_text(&*payload)
            )))
        })
}

/// [`sheet_rows`] after the inflation check, with no guard against a panic.
fn read_sheet<T: Clone>(
    bytes: &[u8],
    sheet: Option<&str>,
    empty: T,
    cell: impl Fn(Data) -> T,
) -> Result<Vec<(u64, Vec<T>)>> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let name = match sheet {
        Some(name) => name.to_owned(),
        None => book
            .sheet_names()
            .into_iter()
            .next()
            .ok_or_else(|| unreadable(&"the workbook has no sheet"))?,
    };
    let mut reader = match book.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        // Not a worksheet (a chart sheet): no cells, as calamine reads it.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e @ XlsxError::WorksheetNotFound(_)) if sheet.is_some() => {
            return Err(Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message: format!("no sheet '{name}': {e}"),
                path: "sheet".into(),
            });
        }
        Err(e) => return Err(unreadable(&e)),
    };
    let mut cells = Vec::new();
    let (mut top, mut bottom, mut right) = (u32::MAX, 0, 0);
    while let Some(c) = reader.next_cell().map_err(|e| unreadable(&e))? {
        if c.get_value().is_empty() {
            continue;
        }
        let (row, col) = c.get_position();
        (top, bottom, right) = (top.min(row), bottom.max(row), right.max(col));
        // In u64: rows from 0 to u32::MAX - 1 (the most calamine reads)
        // make no overflow.
        let span = (u64::from(bottom) - u64::from(top) + 1) * (u64::from(right) + 1);
        // A cell written many times at one place adds no span: count both.
        if span.max(cells.len() as u64 + 1) > MAX_TABLE_CELLS {
            return Err(Error::InvalidArgument {
                code: ProblemCode::TooLarge,
                message: format!(
                    "the sheet spans {span} cells or more (rows {} to {}, columns A to {}); the limit is {MAX_TABLE_CELLS}",
                    top + 1,
                    bottom + 1,
                    column_name(right)
                ),
                path: String::new(),
            });
        }
        cells.push((row, col, cell(c.get_value().clone().into())));
    }
    if cells.is_empty() {
        return Ok(Vec::new());
    }
    let width = right as usize + 1;
    let mut rows: Vec<(u64, Vec<T>)> = (top..=bottom)
        .map(|r| (u64::from(r) + 1, vec![empty.clone(); width]))
        .collect();
    for (row, col, value) in cells {
        rows[(row - top) as usize].1[col as usize] = value;
    }
    Ok(rows)
}

/// Inflates every entry of the archive into nothing, counting its bytes:
/// `too_large` for an entry past [`MAX_INFLATE_RATIO`] times its compressed
/// size (beyond [`MAX_INFLATE_GRACE`]) or an archive past [`MAX_INPUT_BYTES`]
/// in all. An entry that cannot be opened or inflated is left to calamine,
/// which refuses it if the sheet needs it.
fn check_inflation(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let allowed =
            MAX_INFLATE_GRACE.max(entry.compressed_size().saturating_mul(MAX_INFLATE_RATIO));
        // Counted up to an error too: an entry that fails part way (a bad
        // checksum) still counts what it inflated to before.
        let (mut n, mut buf) = (0u64, [0u8; 64 * 1024]);
        let mut limited = (&mut entry).take(allowed + 1);
        while let Ok(read @ 1..) = limited.read(&mut buf) {
            n += read as u64;
        }
        if n > allowed {
            return Err(Error::InvalidArgument {
                code: ProblemCode::TooLarge,
                message: format!(
                    "'{}' in the workbook inflates past {allowed} bytes, more than {MAX_INFLATE_RATIO} times its {} compressed bytes (a zip bomb?)",
                    entry.name(),
                    entry.compressed_size()
                ),
                path: String::new(),
            });
        }
        total += n;
        if total > MAX_INPUT_BYTES as u64 {
            return Err(Error::InvalidArgument {
                code: ProblemCode::TooLarge,
                message: format!(
                    "the workbook inflates past {MAX_INPUT_BYTES} bytes, the limit of an input"
                ),
                path: String::new(),
            });
        }
    }
    Ok(())
}

fn unreadable(e: &dyn std::fmt::Display) -> Error {
    Error::Parse {
        path: String::new(),
        message: format!("not a readable XLSX workbook: {e}"),
        position: None,
    }
}

/// A column's letters: 0 is `A`, 25 `Z`, 26 `AA`, 16383 `XFD`.
fn column_name(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{check_inflation, column_name};
    use std::io::Write;

    /// A ZIP archive of one entry, `data`, stored or deflated.
    fn archive(data: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file("xl/sharedStrings.xml", options)
            .expect("entry");
        zip.write_all(data).expect("written");
        zip.finish().expect("archive").into_inner()
    }

    /// A one-sheet workbook, stored, whose sheet holds `cells` (`<c>` elements).
    fn workbook(cells: &str) -> Vec<u8> {
        book(&format!("<sheetData><row>{cells}</row></sheetData>"))
    }

    /// A one-sheet workbook, stored, whose `<worksheet>` holds `sheet`.
    fn book(sheet: &str) -> Vec<u8> {
        const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let files = [
            (
                "_rels/.rels",
                format!(
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/workbook.xml",
                format!(
                    r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(
                    r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#
                ),
            ),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in files {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            zip.write_all(text.as_bytes()).expect("written");
        }
        zip.finish().expect("workbook").into_inner()
    }

    #[test]
    fn a_far_cell_is_too_large_and_near_ones_are_read() {
        let read = |cells: &str| {
            super::sheet_rows(&workbook(cells), None, 0.0, |d| {
                d.get_float().unwrap_or(-1.0)
            })
        };
        use calamine::DataType;
        let rows = read(r#"<c r="B1"><v>1</v></c><c r="A3"><v>2</v></c>"#).expect("reads");
        assert_eq!(
            rows,
            [
                (1, vec![0.0, 1.0]),
                (2, vec![0.0, 0.0]),
                (3, vec![2.0, 0.0])
            ]
        );
        // The last row calamine reads (row index u32::MAX - 1), the last
        // cell Excel has, and a column far beyond Excel's (321 million).
        for far in ["A4294967295", "XFD1048576", "ZZZZZZ1"] {
            let result = read(&format!(
                r#"<c r="A1"><v>1</v></c><c r="{far}"><v>2</v></c>"#
            ));
            let code = result.err().map(|e| e.code().to_owned());
            assert_eq!(code.as_deref(), Some("too_large"), "{far}");
        }
    }

    #[test]
    fn a_reference_that_overflows_calamine_is_the_workbook_s_error() {
        // Each overflows calamine's u32 arithmetic: nine column letters, an
        // eleven-digit row, a dimension that ends before it starts. With
        // overflow checks (this test's build) calamine panics, and the panic
        // is `parse_error`; without them it wraps, and any result but a
        // panic will do.
        for sheet in [
            r#"<sheetData><row><c r="A1"><v>1</v></c><c r="AAAAAAAAA1"><v>2</v></c></row></sheetData>"#,
            r#"<sheetData><row><c r="A99999999999"><v>2</v></c></row></sheetData>"#,
            r#"<dimension ref="B2:A1"/><sheetData><row><c r="A1"><v>1</v></c></row></sheetData>"#,
        ] {
            let result = super::sheet_rows(&book(sheet), None, (), |_| ());
            if cfg!(debug_assertions) {
                let err = result.expect_err(sheet);
                assert_eq!(err.code(), "parse_error", "{sheet}: {err}");
                assert!(err.to_string().contains("overflow"), "{sheet}: {err}");
            }
        }
    }

    #[test]
    fn inflation_is_bounded_past_the_grace() {
        use zip::CompressionMethod::{Deflated, Stored};
        let strings = |n: usize| "<si><t>a</t></si>".repeat(n).into_bytes();
        // 850 KB inflating hundreds of times: under the first MiB, taken.
        assert!(check_inflation(&archive(&strings(50_000), Deflated)).is_ok());
        // 3.4 MB inflating hundreds of times: a zip bomb in small.
        let err = check_inflation(&archive(&strings(200_000), Deflated)).unwrap_err();
        assert_eq!(err.code(), "too_large", "{err}");
        assert!(err.to_string().contains("xl/sharedStrings.xml"), "{err}");
        // The same bytes stored, as large as they are: taken.
        assert!(check_inflation(&archive(&strings(200_000), Stored)).is_ok());
    }

    #[test]
    fn column_names() {
        for (col, name) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16383, "XFD"),
        ] {
            assert_eq!(column_name(col), name);
        }
    }
}
