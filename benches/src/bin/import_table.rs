//! Times the table importer on generated spreadsheets of N rows (one key
//! result per row, half as many distinct people as rows), to show it grows
//! linearly: `cargo run --release -p okrkit-benches --bin import_table -- 10000 100000`.
//!
//! Four layouts per size: okrkit's own CSV preset, a "messy" export
//! (`;` separator, renamed columns, decimal comma, thousands, `%` and `€`),
//! a "wide header": N named columns over N short rows (csv's records
//! iterator once copied the header's width for every row, N² in all), and
//! the preset's rows as an XLSX workbook (deflated; numbers as numbers),
//! read through `read_bytes`, zip-bomb check included. An argument that is
//! not a number keeps only the layouts whose names hold it
//! (`import_table 20000 80000 XLSX`).
//! Prints one JSON object per size and layout.

use okrkit::import::table::{self, TableOptions};
use serde_json::json;
use std::fmt::Write;
use std::hint::black_box;
use std::io::Write as _;
use std::time::Instant;

fn preset(n: usize) -> String {
    let mut s = String::with_capacity(n * 100);
    s.push_str("objective,objective_title,team,cycle,key_result,title,type,baseline,target,current,unit,weight,responsible,key_partner\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "o{},Objective {},t{},2026-Q1,kr{i},Key result {i},metric,{},{},{},%,1,p{},p{}",
            i / 4,
            i / 4,
            i / 100,
            i % 50,
            100 + i % 50,
            60 + i % 70,
            i / 2,
            i / 2 + 1
        );
    }
    s
}

fn messy(n: usize) -> String {
    let mut s = String::with_capacity(n * 110);
    s.push_str("Objective ID;Objective;Team;Period;KR ID;Key result;Kind;Start;Target;Now;Owner\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "o{};Objective {};t{};2026-Q1;kr{i};Key result {i};metric;{} %;1.{:03}.000 €;{},5 %;p{}",
            i / 4,
            i / 4,
            i / 100,
            i % 50,
            i % 1000,
            i % 90,
            i / 2
        );
    }
    s
}

/// A header of `n` columns (okrkit's own, then `extra{i}`), and `n` rows of
/// two cells each: every row is cut short, a problem at its row.
fn wide(n: usize) -> String {
    let mut s = String::from("objective,team,cycle,key_result,title,type,target");
    for i in 0..n {
        let _ = write!(s, ",extra{i}");
    }
    s.push('\n');
    for i in 0..n {
        let _ = writeln!(s, "o{i},t");
    }
    s
}

/// CSV text without quoting (the preset's) as a one-sheet XLSX workbook:
/// a cell that reads as a number is a number, any other an inline string.
fn workbook(csv: &str) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, line) in csv.lines().enumerate() {
        let _ = write!(sheet, r#"<row r="{}">"#, r + 1);
        for cell in line.split(',') {
            if cell.parse::<f64>().is_ok() {
                let _ = write!(sheet, "<c><v>{cell}</v></c>");
            } else {
                let _ = write!(sheet, r#"<c t="inlineStr"><is><t>{cell}</t></is></c>"#);
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="OKRs" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_str()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(name, deflated).expect("entry");
        zip.write_all(text.as_bytes()).expect("written");
    }
    zip.finish().expect("workbook").into_inner()
}

fn messy_options() -> TableOptions {
    TableOptions::from_json(
        r#"{"separator": ";", "decimal_comma": true, "thousands": ".", "currency": "€",
            "columns": {"objective": "Objective ID", "objective_title": "Objective", "team": "Team",
              "cycle": "Period", "key_result": "KR ID", "title": "Key result", "type": "Kind",
              "baseline": "Start", "target": "Target", "current": "Now", "responsible": "Owner"}}"#,
    )
    .expect("options")
}

fn main() {
    // Numbers are sizes; any other argument keeps only the layouts whose
    // names hold it (`import_table 20000 XLSX`).
    let (sizes, only): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|a| a.parse::<usize>().is_ok());
    let sizes: Vec<usize> = sizes.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        let csv = |text: String, opts| (text.into_bytes(), opts, false);
        for (layout, (bytes, opts, xlsx)) in [
            ("okrkit preset", csv(preset(n), TableOptions::default())),
            ("messy export", csv(messy(n), messy_options())),
            ("wide header", csv(wide(n), TableOptions::default())),
            (
                "okrkit preset as XLSX",
                (workbook(&preset(n)), TableOptions::default(), true),
            ),
        ] {
            if !only.is_empty() && !only.iter().any(|o| layout.contains(o.as_str())) {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut people = 0;
            let mut problems = 0;
            for _ in 0..3 {
                let t = Instant::now();
                let imported = black_box(if xlsx {
                    table::read_bytes(&bytes, &opts)
                } else {
                    table::read_csv(std::str::from_utf8(&bytes).expect("UTF-8"), &opts)
                })
                .expect("reads");
                best = best.min(t.elapsed().as_secs_f64());
                people = imported.document.people.len();
                problems = imported.report.problems.len();
            }
            println!(
                "{}",
                json!({"rows": n, "layout": layout, "people": people, "problems": problems,
                       "bytes": bytes.len(), "seconds": best,
                       "rows_per_second": (n as f64 / best).round()})
            );
        }
    }
}
