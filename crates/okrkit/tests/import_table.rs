//! The table importer: cleaning options, mapping, duplicates, and the
//! property that no cell is ever dropped without a report line.

use okrkit::Measure;
use okrkit::import::Fate;
use okrkit::import::table::{self, Cell, EmptyCell, FIELDS, PercentMode, TableOptions};
use proptest::prelude::*;

fn opts(json: &str) -> TableOptions {
    TableOptions::from_json(json).expect("options")
}

const HEAD: &str = "objective,team,cycle,key_result,title,type,baseline,target,current\n";

fn metric(text: &str, o: &TableOptions) -> Measure {
    let imported = table::read_csv(text, o).expect("reads");
    assert!(
        imported.report.problems.is_empty(),
        "{:?}",
        imported.report.problems
    );
    imported.document.objectives[0].key_results[0]
        .measure
        .clone()
}

#[test]
fn percent_modes() {
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,50%,65%,58%\n");
    assert_eq!(
        metric(&text, &TableOptions::default()),
        Measure::Metric {
            baseline: 50.0,
            target: 65.0,
            current: Some(58.0),
            unit: Some("%".into())
        }
    );
    let m = metric(&text, &opts(r#"{"percent": "fraction"}"#));
    assert_eq!(
        m,
        Measure::Metric {
            baseline: 0.5,
            target: 0.65,
            current: Some(0.58),
            unit: None
        }
    );
    let refused = table::read_csv(&text, &opts(r#"{"percent": "refuse"}"#)).expect("reads");
    let paths: Vec<_> = refused
        .report
        .problems
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        paths,
        ["rows[0].baseline", "rows[0].target", "rows[0].current"]
    );
}

#[test]
fn thousands_groups_must_be_three_digits() {
    let o = opts(r#"{"thousands": ","}"#);
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,\"1,000\",\"1,450\",\"1,45\"\n");
    let imported = table::read_csv(&text, &o).expect("reads");
    assert_eq!(imported.report.problems.len(), 1);
    assert_eq!(imported.report.problems[0].path, "rows[0].current");
    // Without the option, "1,450" is refused with a hint, never read as 1.45 or 1450.
    let plain = table::read_csv(&text, &TableOptions::default()).expect("reads");
    assert!(plain.report.problems[0].message.contains("thousands"));
}

#[test]
fn separator_decimal_comma_currency_and_constants() {
    let o = opts(
        r#"{"separator": "\t", "decimal_comma": true, "currency": "€$", "thousands": " ",
                    "columns": {"type": "=metric", "team": "=web", "title": "KR"}}"#,
    );
    let text = "objective\tcycle\tkey_result\tKR\tbaseline\ttarget\tcurrent\n\
                o\t2026-Q1\tk\tRevenue\t1 000,5 €\t$2 000\t1 500\n";
    assert_eq!(
        metric(text, &o),
        Measure::Metric {
            baseline: 1000.5,
            target: 2000.0,
            current: Some(1500.0),
            unit: Some("€".into())
        }
    );
    let imported = table::read_csv(text, &o).expect("reads");
    assert_eq!(imported.report.count("type", Fate::Defaulted), 1);
    assert_eq!(
        imported.report.count("columns.baseline", Fate::Converted),
        1
    );
}

#[test]
fn a_decimal_point_under_decimal_comma_is_refused_at_its_cell() {
    // It was read as 1.5 though the caller said the decimal mark is a comma.
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,\"1.5\",10,\n");
    let mut o = TableOptions::default();
    o.decimal_comma = true;
    let imported = table::read_csv(&text, &o).expect("reads");
    let p = &imported.report.problems[0];
    assert_eq!(
        (p.code.as_str(), p.path.as_str()),
        ("parse_error", "rows[0].baseline")
    );
    assert!(p.message.contains("decimal_comma"), "{}", p.message);
    // A point that groups thousands still reads, and so does a comma.
    o.thousands = ".".into();
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,\"1.500,5\",\"2,5\",\n");
    assert_eq!(
        metric(&text, &o),
        Measure::Metric {
            baseline: 1500.5,
            target: 2.5,
            current: None,
            unit: None
        }
    );
}

#[test]
fn empty_cells_missing_or_zero() {
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,,10,\n");
    let missing = table::read_csv(&text, &TableOptions::default()).expect("reads");
    assert_eq!(missing.report.problems[0].path, "rows[0].baseline");
    let zero = {
        let mut o = TableOptions::default();
        o.empty = EmptyCell::Zero;
        o
    };
    let m = metric(&text, &zero);
    assert_eq!(
        m,
        Measure::Metric {
            baseline: 0.0,
            target: 10.0,
            current: Some(0.0),
            unit: None
        }
    );
}

#[test]
fn duplicate_columns_and_rows_are_problems() {
    let text =
        "objective,team,cycle,key_result,title,type,target,Target\no,t,2026-Q1,k,K,threshold,1,2\n";
    let imported = table::read_csv(text, &TableOptions::default()).expect("reads");
    assert_eq!(imported.report.problems.len(), 1);
    assert_eq!(imported.report.problems[0].path, "columns.target");
    assert_eq!(imported.report.problems[0].code.as_str(), "duplicate_id");
    // Nothing is read, and every cell is reported as not carried.
    assert_eq!(imported.report.count("columns.target", Fate::NotCarried), 1);

    let rows = format!("{HEAD}o,t,2026-Q1,k,K,metric,0,1,\no,t,2026-Q1,k,K2,metric,0,2,\n");
    let imported = table::read_csv(&rows, &TableOptions::default()).expect("reads");
    assert_eq!(imported.report.problems[0].path, "rows[1].key_result");
}

#[test]
fn unknown_mapping_field_and_missing_mapped_column() {
    let o = opts(r#"{"columns": {"owner": "Owner", "title": "Statement"}}"#);
    let imported = table::read_csv(HEAD, &o).expect("reads");
    let paths: Vec<_> = imported
        .report
        .problems
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(paths, ["mapping.columns.owner", "columns.title"]);
    assert!(
        TableOptions::from_json(r#"{"thousand": ","}"#).is_err(),
        "unknown option refused"
    );
}

/// Options written as an array (serde would read a struct's fields from it
/// in order) are refused, as text and as a value: `[]` was the defaults, and
/// `[{…}]` the column map.
#[test]
fn options_written_as_an_array_are_refused() {
    for text in ["[]", r#"[{"objective": "Goal"}]"#] {
        let err = TableOptions::from_json(text).unwrap_err();
        assert_eq!(err.code(), "parse_error", "{text}");
        assert!(
            err.to_string().contains("expected a JSON object"),
            "{text}: {err}"
        );
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let err = okrkit::options::from_value_at::<TableOptions>(value, "options").unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            ("parse_error", "options"),
            "{text}"
        );
    }
}

#[test]
fn okrkit_preset_is_the_csv_layout() {
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,0,10,5\n");
    let via_table = table::read_csv(&text, &TableOptions::default())
        .expect("reads")
        .into_document()
        .expect("ok");
    let via_csv = okrkit::Document::from_csv_key_results(&text).expect("ok");
    assert_eq!(via_table, via_csv);
}

#[test]
fn not_a_workbook_is_unreadable() {
    let err = table::read_xlsx(b"PK\x03\x04 not really a zip", &TableOptions::default())
        .expect_err("bad");
    assert_eq!(err.code(), "parse_error");
    let err = table::read_bytes(&[0xff, 0xfe, 0x00], &TableOptions::default()).expect_err("bad");
    assert_eq!(err.code(), "parse_error");
}

fn any_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        "[a-z0-9 .,%€$-]{0,8}".prop_map(Cell::Text),
        prop::sample::select(vec![
            "metric",
            "threshold",
            "milestone",
            "gizmo",
            "2026-Q1",
            "yes",
            "NaN",
            "inf",
            "1.000,5",
            "12 %",
            "=x"
        ])
        .prop_map(|s| Cell::Text(s.to_owned())),
        any::<f64>().prop_map(Cell::Number),
        any::<bool>().prop_map(Cell::Bool),
        Just(Cell::Error("#DIV/0!".into())),
    ]
}

fn any_options() -> impl Strategy<Value = TableOptions> {
    (
        any::<bool>(),
        prop::sample::select(vec!["", ",", ".", " "]),
        any::<bool>(),
        0..3u8,
    )
        .prop_map(|(decimal_comma, thousands, zero, percent)| {
            let mut o = TableOptions::default();
            o.decimal_comma = decimal_comma;
            o.thousands = thousands.to_owned();
            o.empty = if zero {
                EmptyCell::Zero
            } else {
                EmptyCell::Missing
            };
            o.percent = [
                PercentMode::Number,
                PercentMode::Fraction,
                PercentMode::Refuse,
            ][percent as usize];
            o.currency = "€$".into();
            o
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Never panics, and every non-empty cell is counted exactly once under its column.
    #[test]
    fn no_cell_dropped_without_a_report_line(
        picks in prop::collection::vec(0..FIELDS.len() + 3, 1..10),
        rows in prop::collection::vec(prop::collection::vec(any_cell(), 12), 0..12),
        o in any_options(),
    ) {
        let headers: Vec<String> = picks
            .iter()
            .map(|&i| FIELDS.get(i).map_or_else(|| format!("extra{i}"), |f| f.to_string()))
            .collect();
        let rows: Vec<Vec<Cell>> = rows.into_iter().map(|r| r.into_iter().take(headers.len()).collect()).collect();
        let imported = match table::read_rows(headers.clone(), rows.clone(), &o) {
            Ok(imported) => imported,
            Err(e) => {
                // Only the one conflicting pair of options is refused.
                prop_assert!(o.decimal_comma && o.thousands.contains(','), "{e}");
                return Ok(());
            }
        };
        let mut seen = std::collections::HashSet::new();
        for h in &headers {
            if !seen.insert(h.clone()) {
                continue;
            }
            let cols: Vec<usize> = headers.iter().enumerate().filter(|(_, x)| *x == h).map(|(i, _)| i).collect();
            let cells = rows
                .iter()
                .filter(|r| !r.iter().all(|c| matches!(c, Cell::Empty) || matches!(c, Cell::Text(t) if t.trim().is_empty())))
                .flat_map(|r| cols.iter().filter_map(move |&i| r.get(i)))
                .filter(|c| !matches!(c, Cell::Empty) && !matches!(c, Cell::Text(t) if t.trim().is_empty()))
                .count();
            let field = format!("columns.{}", h.trim());
            let counted: usize = imported.report.fields.iter().filter(|f| f.field == field).map(|f| f.count).sum();
            prop_assert_eq!(counted, cells, "column {}", h);
        }
    }

    /// Arbitrary CSV text never panics.
    #[test]
    fn csv_text_never_panics(text in "[a-z0-9,;\"\n %.€-]{0,200}", o in any_options()) {
        let _ = table::read_csv(&format!("objective,team,cycle,key_result,title,type,baseline,target,current\n{text}"), &o);
    }
}

/// r14 finding 6: a row cut short (a truncated file) is a problem at its
/// row, as cells beyond the last column are — never a silent shorter row.
#[test]
fn short_row_is_a_problem() {
    let text = "objective,team,cycle,key_result,title,type,baseline,target,current\n\
                o1,web,2026-Q1,k1,Conversion rate,metric,10,20,15\n\
                o1,web,2026-Q1,k2,Churn rate,metric,10,2";
    let imported = table::read_csv(text, &TableOptions::default()).expect("reads");
    let found: Vec<_> = problems(&imported.report);
    assert_eq!(found, [("parse_error", "rows[1].cells[8]")]);
    assert!(imported.report.problems[0].message.contains("current"));
    assert!(imported.into_document().is_err());
}

/// r14 finding 12: options that conflict, or that do not apply to the
/// input, are `invalid_value` errors at the option — never ignored.
#[test]
fn conflicting_or_inapplicable_options_are_errors() {
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,0,\"1,500\",\n");
    let err = table::read_csv(&text, &opts(r#"{"decimal_comma": true, "thousands": ","}"#))
        .expect_err("a comma cannot group thousands and mark decimals");
    assert_eq!((err.code(), err.path()), ("invalid_value", "thousands"));
    let err = table::read_csv(&text, &opts(r#"{"sheet": "x"}"#)).expect_err("no sheet in CSV");
    assert_eq!((err.code(), err.path()), ("invalid_value", "sheet"));
    let err = table::read_bytes(text.as_bytes(), &opts(r#"{"sheet": "x"}"#)).expect_err("CSV");
    assert_eq!((err.code(), err.path()), ("invalid_value", "sheet"));
    let headers: Vec<String> = HEAD.trim().split(',').map(str::to_owned).collect();
    let err = table::read_rows(headers, Vec::new(), &opts(r#"{"sheet": "x"}"#))
        .expect_err("no sheet in a data frame");
    assert_eq!((err.code(), err.path()), ("invalid_value", "sheet"));
    let err = table::read_records(&[], &opts(r#"{"separator": ";"}"#))
        .expect_err("no separator in records");
    assert_eq!((err.code(), err.path()), ("invalid_value", "separator"));
}

/// r14 finding 12: `$12%` carries two units; okrkit keeps one, so the cell
/// is a problem, never 12 with the `%` dropped.
#[test]
fn currency_and_percent_in_one_cell_is_a_problem() {
    let text = format!("{HEAD}o,t,2026-Q1,k,K,metric,$0%,$12%,\n");
    for percent in ["number", "fraction"] {
        let o = opts(&format!(r#"{{"currency": "$", "percent": "{percent}"}}"#));
        let imported = table::read_csv(&text, &o).expect("reads");
        let paths: Vec<_> = problems(&imported.report);
        assert_eq!(
            paths,
            [
                ("parse_error", "rows[0].baseline"),
                ("parse_error", "rows[0].target")
            ],
            "{percent}"
        );
    }
    // Either alone is read as before.
    let o = opts(r#"{"currency": "$"}"#);
    let m = metric(&format!("{HEAD}o,t,2026-Q1,k,K,metric,$0,$12,\n"), &o);
    assert_eq!(
        m,
        Measure::Metric {
            baseline: 0.0,
            target: 12.0,
            current: None,
            unit: Some("$".into())
        }
    );
}

/// r14 finding 2: the table importer reports the problems the document
/// would have (as the other importers do), at the source row and column —
/// and not twice, nor as the echo of a cell it could not read.
#[test]
fn validation_problems_are_reported_at_their_row() {
    let text = format!(
        "{HEAD_W}o1,web,2026-Q1,k0,Fine,metric,0,10,,1\n\
         o1,web,2026-Q1,k1,Conversion rate,metric,10,10,,1\n\
         o1,web,2026-Q1,k2,Churn,metric,0,5,,-1\n\
         o1,web,2026-Q1,K1,Signups,metric,0,5,,1\n\
         o2,web,2026-Q1,k3,Bad start,metric,abc,0,,1\n"
    );
    let imported = table::read_csv(&text, &TableOptions::default()).expect("reads");
    let found: Vec<_> = problems(&imported.report);
    assert_eq!(
        found,
        [
            ("parse_error", "rows[4].baseline"),
            ("look_alike_id", "rows[3].key_result"),
            ("target_equals_baseline", "rows[1].target"),
            ("invalid_weight", "rows[2].weight"),
        ]
    );
    assert!(imported.report.problems[2].message.starts_with("line 3: "));
    // The id it looks like is named by its row, not a document path.
    assert!(
        imported.report.problems[1]
            .message
            .contains("(rows[1].key_result)"),
        "{}",
        imported.report.problems[1].message
    );
    // Every problem the document has is in the report: refusing the
    // document names no other.
    let doc_problems = okrkit::validate(&imported.document);
    assert_eq!(doc_problems.len(), 4, "{doc_problems:?}"); // 3 above + the 0 read for "abc"
    // A cycle with no dates is reported once, not again for each objective naming it.
    let undated = format!("{HEAD_W}o1,web,Q,k1,A,metric,0,1,,1\no2,web,Q,k2,B,metric,0,1,,1\n");
    let imported = table::read_csv(&undated, &TableOptions::default()).expect("reads");
    assert_eq!(
        imported.report.problems.len(),
        1,
        "{:?}",
        imported.report.problems
    );
}

const HEAD_W: &str = "objective,team,cycle,key_result,title,type,baseline,target,current,weight\n";

/// A report's problems as (code, path).
fn problems(r: &okrkit::import::ImportReport) -> Vec<(&str, &str)> {
    r.problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str()))
        .collect()
}

/// r15 finding 21: a frame's float NaN is `not_finite` at its cell, as the
/// CSV text `NaN` is, unless the frame writes its missing values as NaN
/// (pandas): then it is an empty cell (`Cell::float`).
#[test]
fn a_nan_cell_is_not_finite_unless_nan_marks_missing() {
    let headers: Vec<String> = HEAD.trim().split(',').map(str::to_owned).collect();
    let row = |current: Cell| {
        let mut r: Vec<Cell> = ["o", "t", "2026-Q1", "k", "K", "metric"]
            .into_iter()
            .map(|t| Cell::Text(t.into()))
            .collect();
        r.extend([Cell::Number(0.0), Cell::Number(10.0), current]);
        vec![r]
    };
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let imported = table::read_rows(headers.clone(), row(Cell::float(x, false)), &opts("{}"))
            .expect("reads");
        let problems: Vec<_> = imported
            .report
            .problems
            .iter()
            .map(|p| (p.code.as_str(), p.path.as_str()))
            .collect();
        assert_eq!(problems, [("not_finite", "rows[0].current")], "{x}");
    }
    let imported =
        table::read_rows(headers, row(Cell::float(f64::NAN, true)), &opts("{}")).expect("reads");
    assert!(
        imported.report.problems.is_empty(),
        "{:?}",
        imported.report.problems
    );
    assert_eq!(
        imported.document.objectives[0].key_results[0].measure,
        Measure::Metric {
            baseline: 0.0,
            target: 10.0,
            current: None,
            unit: None
        }
    );
}

/// Records lay every row out over every key any row has: 5,000 rows of one
/// key each would be a grid of 25 million cells (800 MB) from 100 KB of
/// JSON, so it is `too_large` before that grid is made; 1,000 of them
/// (a million cells) are read.
#[test]
fn records_over_too_many_keys_are_too_large() {
    let rows = |n: usize| -> Vec<serde_json::Value> {
        (0..n)
            .map(|i| serde_json::json!({ format!("k{i}"): i }))
            .collect()
    };
    let err = table::read_records(&rows(5_000), &TableOptions::default()).unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");
    assert!(table::read_records(&rows(1_000), &TableOptions::default()).is_ok());
}
