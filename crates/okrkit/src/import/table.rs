//! Any spreadsheet — CSV or XLSX — with one row per key result, read with a
//! column mapping and cleaning options. This is the path for Microsoft Viva
//! Goals exports (whose columns were chosen at export time) and home-made
//! sheets; okrkit's own CSV layout ([`crate::csv`]) is its `okrkit` preset:
//! with no mapping, each okrkit field is read from the column of its own name.
//!
//! # Fields
//!
//! [`FIELDS`] lists the okrkit fields a column can feed (the README's
//! "Importing from other tools" section has the table). `objective`, `team`,
//! `cycle`, `key_result`, `title` and `type` are required; `type` is
//! `metric` (needs `baseline`, `target`), `threshold` (`direction` +
//! `bound`, or `target`) or `milestone` (`done`).
//!
//! # Mapping and cleaning ([`TableOptions`])
//!
//! - `columns`: okrkit field → the sheet's column header (matched ignoring
//!   case and surrounding spaces). A value starting with `=` is a constant for
//!   every row (`"type": "=metric"`, `"team": "=web"`), reported as defaulted.
//! - `separator` (CSV, default `,`), `decimal_comma` (`58,5` is 58.5;
//!   then `58.5` is a `parse_error` at its cell unless `.` groups thousands),
//!   `thousands` (the characters grouping thousands, e.g. `","`, `"."`, `" "`,
//!   `"'"`; groups must be of three digits, so `1,45` is refused, never 145),
//!   `percent` (`number`: `65%` is 65 with unit `%`; `fraction`: 0.65;
//!   `refuse`), `currency` (symbols stripped from numbers and kept as the
//!   unit, e.g. `"$€£"`), `empty` (`missing`: an empty cell is an absent value;
//!   `zero`: an empty number cell is 0, reported as defaulted), `sheet` (XLSX).
//!   Options that conflict (`decimal_comma` with a `,` in `thousands`) or
//!   do not apply to the input (`sheet` but for XLSX, a `separator` but for
//!   CSV) are `invalid_value` errors at the option; a cell with both a
//!   currency sign and `%` (`$12%`) is a problem, never one unit dropped.
//!
//! # Nothing lost
//!
//! Every non-empty cell is counted exactly once in the report, under
//! `columns.<header>`: `carried`, `converted` (cleaned), or `not_carried`
//! (an unmapped column, a cell the row's type does not use, or a cell that
//! could not be read — then a problem says why). Duplicate mapped columns,
//! duplicate key result ids and objectives whose rows disagree are problems,
//! never first-one-wins, and so is a row with fewer cells than the header (a
//! file cut short). Problems are at `rows[i].<field>` (`i` counts data
//! rows from 0; the message gives the line) or `columns.<field>`.
//! The document's validation problems (`target_equals_baseline`,
//! `invalid_weight`, look-alike ids…) are reported too, at the row and field
//! they come from, unless a problem the import found in the same cells
//! already stands for them.
//!
//! ```
//! use okrkit::import::table::{self, TableOptions};
//! let opts: TableOptions = serde_json::from_str(
//!     r#"{"columns": {"title": "Key result", "type": "=metric"}, "thousands": ",", "currency": "$"}"#).unwrap();
//! let imported = table::read_csv(
//!     "objective,team,cycle,key_result,Key result,baseline,target,current\n\
//!      o1,sales,2026-Q2,kr1,Grow revenue,\"$1,000\",\"$1,450\",\"$1,200\"\n", &opts)?;
//! assert!(imported.report.problems.is_empty());
//! assert_eq!(imported.document.objectives[0].key_results[0].measure, okrkit::Measure::Metric {
//!     baseline: 1000.0, target: 1450.0, current: Some(1200.0), unit: Some("$".into()) });
//! # Ok::<(), okrkit::Error>(())
//! ```

use super::report::{Fate, ImportReport, Imported, Tally};
use crate::error::{Error, Problem, ProblemCode, Result};
use crate::ids::*;
#[cfg(any(feature = "csv", feature = "xlsx"))]
use crate::limits::MAX_INPUT_BYTES;
use crate::model::*;
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The okrkit fields a column can feed, in the preset's order.
pub const FIELDS: &[&str] = &[
    "objective",
    "objective_title",
    "objective_type",
    "team",
    "team_name",
    "parent_team",
    "cycle",
    "cycle_start",
    "cycle_end",
    "key_result",
    "title",
    "type",
    "baseline",
    "target",
    "current",
    "unit",
    "direction",
    "bound",
    "done",
    "weight",
    "responsible",
    "key_partner",
];

/// The fields every row must have.
pub const REQUIRED: &[&str] = &["objective", "team", "cycle", "key_result", "title", "type"];

/// How a `%` sign in a number cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PercentMode {
    /// `65%` is 65, with unit `%` when the row gives none (default).
    #[default]
    Number,
    /// `65%` is 0.65.
    Fraction,
    /// A `%` sign is a problem.
    Refuse,
}

/// What an empty cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmptyCell {
    /// No value: the field's default applies, or a required field is a problem (default).
    #[default]
    Missing,
    /// An empty number cell (`baseline`, `target`, `current`, `bound`, `weight`) is 0.
    Zero,
}

/// The column mapping and cleaning options of a table import. Read from a
/// small JSON mapping file, or built by a binding from keyword arguments; the
/// names and defaults here are the only ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct TableOptions {
    /// okrkit field → column header (or `=constant`). Fields not named are
    /// read from the column of their own name (the `okrkit` preset).
    pub columns: BTreeMap<String, String>,
    /// CSV field separator (`,` by default; `;` and tab are common).
    pub separator: char,
    /// Numbers use a decimal comma (`58,5`); a decimal point (`58.5`) is
    /// then refused unless `.` groups thousands.
    pub decimal_comma: bool,
    /// Characters that group thousands (`","`, `"."`, `" "`, `"'"`); none by default.
    pub thousands: String,
    /// How `%` is read.
    pub percent: PercentMode,
    /// Currency symbols stripped from numbers and kept as the unit (none by default).
    pub currency: String,
    /// What an empty cell means.
    pub empty: EmptyCell,
    /// The XLSX sheet to read (the first by default).
    pub sheet: Option<String>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            columns: BTreeMap::new(),
            separator: ',',
            decimal_comma: false,
            thousands: String::new(),
            percent: PercentMode::Number,
            currency: String::new(),
            empty: EmptyCell::Missing,
            sheet: None,
        }
    }
}

impl TableOptions {
    /// Reads options from a JSON mapping file's text (a leading byte-order
    /// mark skipped); unknown keys are refused.
    pub fn from_json(text: &str) -> Result<TableOptions> {
        crate::json::from_str(super::json_source::without_bom(text))
    }

    /// Refuses options that conflict, or that do not apply to `input`: a
    /// comma that both groups thousands and marks decimals, a `sheet` for
    /// anything but a workbook, a `separator` for anything but CSV text.
    fn check(&self, input: Input) -> Result<()> {
        let refuse = |path: &str, message: String| {
            Err(Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message,
                path: path.into(),
            })
        };
        if self.decimal_comma && self.thousands.contains(',') {
            return refuse(
                "thousands",
                "thousands holds ',' and decimal_comma is true: a comma cannot both group thousands and mark decimals".into(),
            );
        }
        if input != Input::Xlsx && self.sheet.is_some() {
            return refuse(
                "sheet",
                format!(
                    "sheet applies to an XLSX workbook, and the input is {}",
                    input.name()
                ),
            );
        }
        if input != Input::Csv && self.separator != ',' {
            return refuse(
                "separator",
                format!(
                    "separator applies to CSV text, and the input is {}",
                    input.name()
                ),
            );
        }
        Ok(())
    }
}

/// The kind of input a table import reads, for [`TableOptions::check`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Input {
    Csv,
    Xlsx,
    Rows,
}

impl Input {
    fn name(self) -> &'static str {
        match self {
            Input::Csv => "CSV text",
            Input::Xlsx => "an XLSX workbook",
            Input::Rows => "rows already split into cells",
        }
    }
}

/// One cell, as a spreadsheet or a data frame holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (a CSV cell is always text; cleaning applies to it).
    Text(String),
    /// A number cell (used as it is: no cleaning).
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A date cell.
    Date(NaiveDate),
    /// A spreadsheet error (`#DIV/0!`).
    Error(String),
}

impl Cell {
    /// A float from a data frame. A non-finite number is a `not_finite`
    /// problem at its row and field when read (as the CSV text `NaN` is),
    /// never an empty cell — unless the frame writes its missing values as
    /// NaN (`nan_is_missing`: pandas, whose float columns hold a missing value
    /// as NaN and cannot tell it from a computed one). A frame with its own
    /// missing value (polars' null) gives `nan_is_missing = false`.
    ///
    /// ```
    /// use okrkit::import::table::Cell;
    /// assert_eq!(Cell::float(f64::NAN, true), Cell::Empty);
    /// assert!(matches!(Cell::float(f64::NAN, false), Cell::Number(x) if x.is_nan()));
    /// assert_eq!(Cell::float(f64::INFINITY, true), Cell::Number(f64::INFINITY));
    /// assert_eq!(Cell::float(1.5, false), Cell::Number(1.5));
    /// ```
    pub fn float(x: f64, nan_is_missing: bool) -> Cell {
        if x.is_nan() && nan_is_missing {
            Cell::Empty
        } else {
            Cell::Number(x)
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// Reads CSV text (a UTF-8 BOM is skipped). Needs the `csv` feature (on by default).
#[cfg(feature = "csv")]
pub fn read_csv(text: &str, opts: &TableOptions) -> Result<Imported> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(too_large(text.len()));
    }
    opts.check(Input::Csv)?;
    if !opts.separator.is_ascii() {
        return Err(Error::InvalidArgument {
            code: ProblemCode::InvalidValue,
            message: format!(
                "separator '{}' is not a single ASCII character",
                opts.separator
            ),
            path: "separator".into(),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(opts.separator as u8)
        .from_reader(text.as_bytes());
    // One record, read into again and again: csv's records() iterator
    // clones its record's field bounds at their widest (the header's) for
    // every row, so a wide header made each row cost its width.
    let mut record = ::csv::StringRecord::new();
    let headers: Vec<String> = match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_owned).collect(),
        Ok(false) => Vec::new(),
        Err(e) => {
            return Err(Error::Parse {
                path: "columns".into(),
                message: e.to_string(),
                position: Some(crate::error::Position { line: 1, column: 0 }),
            });
        }
    };
    let mut rows = Vec::new();
    let mut early = Vec::new();
    for index in 0.. {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                rows.push(SourceRow {
                    line,
                    cells: record.iter().map(|c| Cell::Text(c.to_owned())).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                early.push(
                    Problem::new(ProblemCode::Parse, format!("line {line}: {e}"))
                        .at(format!("rows[{index}]")),
                );
                rows.push(SourceRow {
                    line,
                    cells: Vec::new(),
                });
            }
        }
    }
    Ok(build(headers, rows, opts, early))
}

/// Reads an XLSX workbook (the sheet named by `opts.sheet`, else the first).
/// Needs the `xlsx` feature (on by default). A zip bomb, or a sheet whose grid
/// would pass [`crate::limits::MAX_TABLE_CELLS`], is `too_large` (see the
/// limits in [`crate::limits`]).
#[cfg(feature = "xlsx")]
pub fn read_xlsx(bytes: &[u8], opts: &TableOptions) -> Result<Imported> {
    use calamine::Data;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len()));
    }
    opts.check(Input::Xlsx)?;
    let cell = |d: Data| match d {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Float(f) => Cell::Number(f),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => Cell::Date(t.date()),
            None => Cell::Number(dt.as_f64()),
        },
        Data::Error(e) => Cell::Error(e.to_string()),
    };
    let mut all =
        super::xlsx::sheet_rows(bytes, opts.sheet.as_deref(), Cell::Empty, cell)?.into_iter();
    let headers = match all.next() {
        Some((_, cells)) => cells.into_iter().map(|c| cell_text(&c)).collect(),
        None => Vec::new(),
    };
    let rows = all.map(|(line, cells)| SourceRow { line, cells }).collect();
    Ok(build(headers, rows, opts, Vec::new()))
}

/// Reads bytes of either kind: an XLSX workbook (a ZIP file) or UTF-8 CSV text.
/// Without the `xlsx` feature a workbook is an `invalid_value` error that
/// says so; without the `csv` feature, so is text.
pub fn read_bytes(bytes: &[u8], opts: &TableOptions) -> Result<Imported> {
    if bytes.starts_with(b"PK\x03\x04") {
        #[cfg(feature = "xlsx")]
        return read_xlsx(bytes, opts);
        #[cfg(not(feature = "xlsx"))]
        return Err(feature_off("XLSX", "xlsx"));
    }
    let text = crate::utf8::check(bytes).map_err(|e| Error::Parse {
        path: String::new(),
        message: format!("the file is neither XLSX nor UTF-8 text: {e}"),
        position: None,
    })?;
    #[cfg(feature = "csv")]
    return read_csv(text, opts);
    #[cfg(not(feature = "csv"))]
    {
        let _ = (text, opts);
        Err(feature_off("CSV", "csv"))
    }
}

/// The error for a format whose cargo feature is off: never a silent empty import.
#[cfg(any(not(feature = "csv"), not(feature = "xlsx")))]
fn feature_off(format: &str, feature: &str) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::InvalidValue,
        message: format!("reading {format} needs okrkit's `{feature}` cargo feature"),
        path: String::new(),
    }
}

/// Reads rows already split into cells (a data frame handed over by a
/// binding): `headers` names the columns, each row has one cell per column.
/// `sheet` and `separator` do not apply to rows: either is an
/// `invalid_value` error at the option.
pub fn read_rows(
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
    opts: &TableOptions,
) -> Result<Imported> {
    opts.check(Input::Rows)?;
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, cells)| SourceRow {
            line: i as u64 + 2,
            cells,
        })
        .collect();
    Ok(build(headers, rows, opts, Vec::new()))
}

/// Reads rows given as JSON records, one object per row (e.g. the rows of a
/// JavaScript array): the columns are the keys, in first-seen order; a key a
/// row lacks is an empty cell. Strings, numbers, booleans and null are cells;
/// anything else — a row that is not an object, a nested object or list —
/// is an error with its path (`[3]`, `[3].title`), never text made up from it.
/// The rows times their distinct keys may not pass
/// [`crate::limits::MAX_TABLE_CELLS`] (`too_large`): each row is laid out over
/// every key.
///
/// ```
/// use okrkit::import::table::{read_records, TableOptions};
/// let rows: Vec<serde_json::Value> = serde_json::from_str(r#"[
///   {"objective": "o1", "team": "web", "cycle": "2026-Q1", "key_result": "kr1",
///    "title": "Conversion from 50% to 65%", "type": "metric", "baseline": 50, "target": 65}
/// ]"#)?;
/// let imported = read_records(&rows, &TableOptions::default())?;
/// assert_eq!(imported.document.objectives[0].key_results[0].id.as_str(), "kr1");
/// assert!(read_records(&[serde_json::json!({"title": {"nested": true}})], &TableOptions::default())
///     .is_err_and(|e| e.path() == "[0].title"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_records(records: &[serde_json::Value], opts: &TableOptions) -> Result<Imported> {
    use serde_json::Value;
    let not_a_cell = |path: String, what: &str| Error::InvalidArgument {
        code: ProblemCode::InvalidValue,
        message: format!("expected a string, number, boolean or null, found {what}"),
        path,
    };
    opts.check(Input::Rows)?;
    let mut headers: Vec<String> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, row) in records.iter().enumerate() {
        let Value::Object(m) = row else {
            return Err(Error::InvalidArgument {
                code: ProblemCode::InvalidValue,
                message: "a row is an object of column → value".into(),
                path: format!("[{i}]"),
            });
        };
        for k in m.keys() {
            if !at.contains_key(k.as_str()) {
                at.insert(k, headers.len());
                headers.push(k.clone());
            }
        }
    }
    let span = (records.len() as u64).saturating_mul(headers.len() as u64);
    if span > crate::limits::MAX_TABLE_CELLS {
        return Err(Error::InvalidArgument {
            code: ProblemCode::TooLarge,
            message: format!(
                "{} rows over {} distinct keys make a table of {span} cells; the limit is {}",
                records.len(),
                headers.len(),
                crate::limits::MAX_TABLE_CELLS
            ),
            path: String::new(),
        });
    }
    let mut rows = Vec::with_capacity(records.len());
    for (i, row) in records.iter().enumerate() {
        let Value::Object(m) = row else {
            continue; // refused above
        };
        let mut cells = vec![Cell::Empty; headers.len()];
        for (k, v) in m {
            cells[at[k.as_str()]] = match v {
                Value::Null => Cell::Empty,
                Value::Bool(b) => Cell::Bool(*b),
                Value::Number(n) => n
                    .as_f64()
                    .map(Cell::Number)
                    .ok_or_else(|| not_a_cell(format!("[{i}].{k}"), "a number beyond f64"))?,
                Value::String(s) => Cell::Text(s.clone()),
                Value::Array(_) => return Err(not_a_cell(format!("[{i}].{k}"), "a list")),
                Value::Object(_) => return Err(not_a_cell(format!("[{i}].{k}"), "an object")),
            };
        }
        rows.push(cells);
    }
    read_rows(headers, rows, opts)
}

#[cfg(any(feature = "csv", feature = "xlsx"))]
fn too_large(n: usize) -> Error {
    Error::InvalidArgument {
        code: ProblemCode::TooLarge,
        message: format!("input is {n} bytes; the limit is {MAX_INPUT_BYTES}"),
        path: String::new(),
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => number_text(*n),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

struct SourceRow {
    line: u64,
    cells: Vec<Cell>,
}

/// Where a field's value comes from.
#[derive(Clone)]
enum Source {
    Column(usize),
    Constant(Cell),
}

/// Cleans a number cell's text; returns the number, a unit found in it, and
/// whether cleaning changed anything. `Err((code, message))` when it is not one.
pub(crate) fn clean_number(
    raw: &str,
    opts: &TableOptions,
) -> std::result::Result<(f64, Option<String>, bool), (ProblemCode, String)> {
    let mut s: String = raw
        .trim()
        .trim_matches(|c: char| c == '\u{a0}' || c == '\u{202f}')
        .to_owned();
    let mut unit = None;
    let mut changed = false;
    let mut scale = 1.0;
    if let Some(rest) = s.strip_suffix('%') {
        match opts.percent {
            PercentMode::Refuse => {
                return Err((
                    ProblemCode::Parse,
                    format!("'{raw}' has a % sign and percent is 'refuse'"),
                ));
            }
            PercentMode::Number => unit = Some("%".to_owned()),
            PercentMode::Fraction => scale = 0.01,
        }
        s = rest.trim_end().to_owned();
        changed = true;
    }
    let currency = if let Some(c) = s.chars().next().filter(|c| opts.currency.contains(*c)) {
        s = s[c.len_utf8()..].trim_start().to_owned();
        Some(c)
    } else if let Some(c) = s.chars().last().filter(|c| opts.currency.contains(*c)) {
        s = s[..s.len() - c.len_utf8()].trim_end().to_owned();
        Some(c)
    } else {
        None
    };
    if let Some(c) = currency {
        if changed {
            // `$12%`: two units, and okrkit keeps one: which is meant (and
            // whether the % scales the number) is not guessed.
            return Err((
                ProblemCode::Parse,
                format!(
                    "'{raw}' has both a currency sign ({c}) and a % sign: which unit is meant is ambiguous"
                ),
            ));
        }
        unit = Some(c.to_string());
        changed = true;
    }
    let negative = s.starts_with('-');
    let body = s.trim_start_matches(['-', '+']);
    if opts.decimal_comma && body.contains('.') && !opts.thousands.contains('.') {
        // `1.5` where the caller said the decimal mark is a comma: a point
        // that groups nothing is not read as a decimal mark (nor dropped).
        return Err((
            ProblemCode::Parse,
            format!(
                "'{raw}' has a decimal point but decimal_comma is true (write '1,5'; or give thousands=\".\" if the point groups thousands)"
            ),
        ));
    }
    let (int_part, frac_part) = if opts.decimal_comma {
        match body.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        }
    } else {
        match body.split_once('.') {
            Some((i, f)) if !opts.thousands.contains('.') || !i.is_empty() && f.len() != 3 => {
                (i, Some(f))
            }
            Some(_) => (body, None),
            None => (body, None),
        }
    };
    // Thousands grouping: groups after the first are exactly three digits.
    let mut digits = String::with_capacity(body.len());
    if int_part.chars().any(|c| opts.thousands.contains(c)) {
        let groups: Vec<&str> = int_part.split(|c| opts.thousands.contains(c)).collect();
        let ok = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err((
                ProblemCode::Parse,
                format!("'{raw}' is not a number: thousands groups must have three digits"),
            ));
        }
        digits.extend(groups);
        changed = true;
    } else {
        digits.push_str(int_part);
    }
    if let Some(f) = frac_part {
        digits.push('.');
        digits.push_str(f);
        if opts.decimal_comma {
            changed = true;
        }
    }
    if digits.contains(',') {
        return Err((
            ProblemCode::Parse,
            format!("'{raw}' is not a number (give thousands=\",\" or decimal_comma=true)"),
        ));
    }
    match digits.parse::<f64>() {
        Ok(x) if x.is_finite() => {
            let x = if negative { -x } else { x } * scale;
            Ok((x, unit, changed))
        }
        Ok(_) => Err((
            ProblemCode::NotFinite,
            format!("'{raw}' is not a finite number"),
        )),
        Err(_) => Err((ProblemCode::Parse, format!("'{raw}' is not a number"))),
    }
}

/// The reading state of one row: which cells were used and how.
struct Row<'a> {
    index: usize,
    line: u64,
    cells: &'a [Cell],
    fates: Vec<Option<Fate>>,
    sources: &'a HashMap<&'static str, Source>,
    opts: &'a TableOptions,
    problems: &'a mut Vec<Problem>,
    tally: &'a mut Tally,
}

impl<'a> Row<'a> {
    fn problem(&mut self, code: ProblemCode, field: &str, message: impl std::fmt::Display) {
        self.problems.push(
            Problem::new(code, format!("line {}: {message}", self.line))
                .at(format!("rows[{}].{field}", self.index)),
        );
    }

    fn cell(&self, field: &str) -> Option<(Option<usize>, &'a Cell)> {
        match self.sources.get(field)? {
            Source::Column(i) => {
                let c = self.cells.get(*i)?;
                (!c.is_empty()).then_some((Some(*i), c))
            }
            Source::Constant(v) => Some((None, v)),
        }
    }

    fn mark(&mut self, col: Option<usize>, fate: Fate) {
        if let Some(i) = col {
            let f = &mut self.fates[i];
            if *f != Some(Fate::Converted) {
                *f = Some(fate);
            }
        }
    }

    fn zero_when_empty(&self, field: &str) -> bool {
        self.opts.empty == EmptyCell::Zero
            && matches!(field, "baseline" | "target" | "current" | "bound")
            && self.sources.contains_key(field)
    }

    fn present(&self, field: &str) -> bool {
        self.cell(field).is_some()
    }

    /// A text field; marks its cell carried (or converted from a number).
    fn text(&mut self, field: &str) -> Option<String> {
        let (col, cell) = self.cell(field)?;
        let (v, fate) = match cell {
            Cell::Text(t) => (t.trim().to_owned(), Fate::Carried),
            Cell::Error(e) => {
                self.problem(
                    ProblemCode::Parse,
                    field,
                    format!("the cell holds an error ({e})"),
                );
                return None;
            }
            other => (cell_text(other), Fate::Converted),
        };
        self.mark(col, fate);
        Some(v)
    }

    fn required_text(&mut self, field: &str) -> String {
        match self.text(field) {
            Some(v) => v,
            None => {
                if !self.present(field) {
                    self.problem(ProblemCode::Parse, field, format!("'{field}' is empty"));
                }
                String::new()
            }
        }
    }

    fn number(&mut self, field: &str) -> Option<(f64, Option<String>)> {
        let Some((col, cell)) = self.cell(field) else {
            if self.zero_when_empty(field) {
                self.tally
                    .defaulted(field, "empty cell read as 0 (empty: zero)");
                return Some((0.0, None));
            }
            return None;
        };
        match cell {
            Cell::Number(x) if x.is_finite() => {
                self.mark(col, Fate::Carried);
                Some((*x, None))
            }
            Cell::Number(_) => {
                self.problem(ProblemCode::NotFinite, field, "not a finite number");
                None
            }
            Cell::Text(t) => match clean_number(t, self.opts) {
                Ok((x, unit, changed)) => {
                    self.mark(
                        col,
                        if changed {
                            Fate::Converted
                        } else {
                            Fate::Carried
                        },
                    );
                    Some((x, unit))
                }
                Err((code, message)) => {
                    self.problem(code, field, message);
                    None
                }
            },
            other => {
                self.problem(
                    ProblemCode::Parse,
                    field,
                    format!("'{}' is not a number", cell_text(other)),
                );
                None
            }
        }
    }

    fn required_number(&mut self, field: &str, units: &mut Option<String>) -> f64 {
        if !self.present(field) && !self.zero_when_empty(field) {
            self.problem(
                ProblemCode::Parse,
                field,
                format!("'{field}' is required for this type"),
            );
            return 0.0;
        }
        match self.number(field) {
            Some((x, u)) => {
                if units.is_none() {
                    *units = u;
                }
                x
            }
            None => 0.0,
        }
    }

    fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let (col, cell) = self.cell(field)?;
        match cell {
            Cell::Date(d) => {
                self.mark(col, Fate::Carried);
                Some(*d)
            }
            Cell::Text(t) => match crate::options::parse_date(t.trim(), field) {
                Ok(d) => {
                    self.mark(col, Fate::Carried);
                    Some(d)
                }
                Err(_) => {
                    self.problem(
                        ProblemCode::Parse,
                        field,
                        format!("'{}' is not a date (YYYY-MM-DD)", t.trim()),
                    );
                    None
                }
            },
            other => {
                self.problem(
                    ProblemCode::Parse,
                    field,
                    format!("'{}' is not a date (YYYY-MM-DD)", cell_text(other)),
                );
                None
            }
        }
    }

    fn done(&mut self) -> bool {
        let Some((col, cell)) = self.cell("done") else {
            return false;
        };
        let text = match cell {
            Cell::Bool(b) => {
                self.mark(col, Fate::Carried);
                return *b;
            }
            Cell::Number(n) if *n == 0.0 || *n == 1.0 => {
                self.mark(col, Fate::Converted);
                return *n == 1.0;
            }
            other => cell_text(other).trim().to_ascii_lowercase(),
        };
        match text.as_str() {
            "false" | "no" | "0" | "not done" | "n" => {
                self.mark(col, Fate::Carried);
                false
            }
            "true" | "yes" | "1" | "done" | "y" => {
                self.mark(col, Fate::Carried);
                true
            }
            other => {
                self.problem(
                    ProblemCode::InvalidValue,
                    "done",
                    format!("'{other}' is not true/false"),
                );
                false
            }
        }
    }

    fn measure(&mut self) -> Option<Measure> {
        let kind = self.text("type")?.to_ascii_lowercase();
        let mut unit = if kind == "metric" || kind == "threshold" {
            self.text("unit")
        } else {
            None
        };
        match kind.as_str() {
            "metric" => {
                let baseline = self.required_number("baseline", &mut unit);
                let target = self.required_number("target", &mut unit);
                let current = self.number("current").map(|(x, u)| {
                    if unit.is_none() {
                        unit = u;
                    }
                    x
                });
                Some(Measure::Metric {
                    baseline,
                    target,
                    current,
                    unit,
                })
            }
            "threshold" => {
                let direction = match self
                    .text("direction")
                    .map(|d| d.to_ascii_lowercase())
                    .as_deref()
                {
                    None | Some("at_least" | "at least" | ">=") => ThresholdDirection::AtLeast,
                    Some("at_most" | "at most" | "<=") => ThresholdDirection::AtMost,
                    Some(other) => {
                        self.problem(
                            ProblemCode::InvalidValue,
                            "direction",
                            format!("'{other}' is not at_least or at_most"),
                        );
                        ThresholdDirection::AtLeast
                    }
                };
                let bound = if self.present("bound") {
                    self.required_number("bound", &mut unit)
                } else {
                    self.required_number("target", &mut unit)
                };
                let current = self.number("current").map(|(x, u)| {
                    if unit.is_none() {
                        unit = u;
                    }
                    x
                });
                Some(Measure::Threshold {
                    direction,
                    bound,
                    current,
                    unit,
                })
            }
            "milestone" => Some(Measure::Milestone { done: self.done() }),
            other => {
                self.problem(
                    ProblemCode::InvalidValue,
                    "type",
                    format!("'{other}' is not metric, threshold or milestone"),
                );
                None
            }
        }
    }
}

fn norm(h: &str) -> String {
    h.trim().to_lowercase()
}

fn build(
    headers: Vec<String>,
    rows: Vec<SourceRow>,
    opts: &TableOptions,
    mut problems: Vec<Problem>,
) -> Imported {
    let mut tally = Tally::default();
    let mut report = ImportReport {
        source: "table".into(),
        ..ImportReport::default()
    };
    // Headers: the columns of each normalized name.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        by_name.entry(norm(h)).or_default().push(i);
    }
    let mut column_problems = Vec::new();
    for key in opts.columns.keys() {
        if !FIELDS.contains(&key.as_str()) {
            column_problems.push(
                Problem::new(
                    ProblemCode::InvalidValue,
                    format!(
                        "'{key}' is not an okrkit field (one of: {})",
                        FIELDS.join(", ")
                    ),
                )
                .at(format!("mapping.columns.{key}")),
            );
        }
    }
    let mut sources: HashMap<&'static str, Source> = HashMap::new();
    for field in FIELDS {
        let (wanted, mapped) = match opts.columns.get(*field) {
            Some(v) if v.starts_with('=') => {
                sources.insert(field, Source::Constant(Cell::Text(v[1..].to_owned())));
                continue;
            }
            Some(v) => (norm(v), true),
            None => (field.to_string(), false),
        };
        match by_name.get(&wanted).map(Vec::as_slice) {
            Some([i]) => {
                sources.insert(field, Source::Column(*i));
            }
            Some(many) => column_problems.push(Problem::new(ProblemCode::DuplicateId, format!(
                    "column '{}' appears {} times (columns {}): which one is '{field}' is ambiguous",
                    headers[many[0]].trim(),
                    many.len(),
                    many.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ")
                )).at(format!("columns.{field}"))),
            None if mapped => column_problems.push(Problem::new(ProblemCode::Parse, format!("the mapping names column '{}' for '{field}', and the sheet has none", wanted)).at(format!("columns.{field}"))),
            None if REQUIRED.contains(field) => column_problems.push(Problem::new(ProblemCode::Parse, format!("the sheet has no '{field}' column (map one with columns.{field})")).at(format!("columns.{field}"))),
            None => {}
        }
    }
    if !column_problems.is_empty() {
        report.problems = column_problems;
        // The filled cells of each column, in one pass over the cells (a
        // pass per column would take the header's width times the rows).
        let mut filled = vec![0; headers.len()];
        for r in &rows {
            for (n, c) in filled.iter_mut().zip(&r.cells) {
                *n += usize::from(!c.is_empty());
            }
        }
        for (h, n) in headers.iter().zip(filled) {
            tally.add_n(
                &format!("columns.{}", h.trim()),
                Fate::NotCarried,
                "",
                "not read: the mapping has problems",
                n,
            );
        }
        report.fields = tally.into_fields();
        return Imported {
            document: Document::default(),
            report,
        };
    }
    for (field, src) in &sources {
        if let Source::Constant(v) = src {
            tally.add_n(
                field,
                Fate::Defaulted,
                field,
                &format!("constant '{}' from the mapping", cell_text(v)),
                rows.len(),
            );
        }
    }
    let into: Vec<String> = (0..headers.len())
        .map(|i| {
            sources
                .iter()
                .find(|(_, s)| matches!(s, Source::Column(c) if *c == i))
                .map_or(String::new(), |(f, _)| f.to_string())
        })
        .collect();
    let column_names: Vec<String> = headers
        .iter()
        .map(|h| format!("columns.{}", h.trim()))
        .collect();

    let mut doc = Document::default();
    let mut objective_at: HashMap<String, usize> = HashMap::new();
    let mut kr_at: HashMap<String, usize> = HashMap::new();
    let mut team_at: HashMap<String, usize> = HashMap::new();
    let mut cycle_at: HashMap<String, usize> = HashMap::new();
    let mut cycles: Vec<(String, Option<NaiveDate>, Option<NaiveDate>, usize)> = Vec::new();
    let mut person_at: HashMap<String, ()> = HashMap::new();
    // The source row (and, for a person, the field) of each element built,
    // to locate validation's problems in the sheet.
    let mut at = Places::default();
    // Per column: cells carried, converted, not carried (unused by the row / unmapped).
    let mut counts: Vec<[usize; 4]> = vec![[0; 4]; headers.len()];

    for (index, src) in rows.iter().enumerate() {
        if src.cells.iter().all(Cell::is_empty) {
            continue;
        }
        let mut row = Row {
            index,
            line: src.line,
            cells: &src.cells,
            fates: vec![None; src.cells.len()],
            sources: &sources,
            opts,
            problems: &mut problems,
            tally: &mut tally,
        };
        if src.cells.len() > headers.len() {
            for (i, c) in src.cells.iter().enumerate().skip(headers.len()) {
                if !c.is_empty() {
                    row.problem(
                        ProblemCode::Parse,
                        &format!("cells[{i}]"),
                        format!("a value ('{}') beyond the last named column", cell_text(c)),
                    );
                }
            }
        } else if src.cells.len() < headers.len() {
            // A row cut short (a truncated file): its last cells may hold
            // part of a value (`2` of `20`), so it is never read silently.
            let n = src.cells.len();
            row.problem(
                ProblemCode::Parse,
                &format!("cells[{n}]"),
                format!(
                    "the row has {n} cells and the header {}: it ends before column '{}' (cut short?)",
                    headers.len(),
                    headers[n].trim()
                ),
            );
        }
        let objective = row.required_text("objective");
        let team = row.required_text("team");
        let cycle = row.required_text("cycle");
        let kr_id = row.required_text("key_result");
        let title = row.required_text("title");
        if !row.present("type") {
            row.problem(ProblemCode::Parse, "type", "'type' is empty");
        }
        let measure = row.measure();
        let weight = match row.number("weight") {
            Some((w, _)) => w,
            None => {
                if !row.present("weight") {
                    row.tally.defaulted("weight", "1 (no weight given)");
                }
                1.0
            }
        };
        let kind = match row
            .text("objective_type")
            .map(|t| t.to_ascii_lowercase())
            .as_deref()
        {
            None => ObjectiveType::Aspirational,
            Some("aspirational") => ObjectiveType::Aspirational,
            Some("committed") => ObjectiveType::Committed,
            Some(other) => {
                row.problem(
                    ProblemCode::InvalidValue,
                    "objective_type",
                    format!("'{other}' is not aspirational or committed"),
                );
                ObjectiveType::Aspirational
            }
        };
        let team_name = row.text("team_name");
        let parent_team = row.text("parent_team");
        if !team.is_empty() {
            match team_at.get(&team) {
                Some(&ti) => {
                    let t = &doc.teams[ti];
                    if let Some(n) = &team_name
                        && *n != t.name
                        && t.name != team
                    {
                        row.problem(
                            ProblemCode::InvalidValue,
                            "team_name",
                            format!(
                                "team '{team}' is named '{}' on an earlier row, '{n}' here",
                                t.name
                            ),
                        );
                    }
                    if let Some(p) = &parent_team
                        && t.parent.as_ref().is_some_and(|q| q.as_str() != p)
                    {
                        row.problem(
                            ProblemCode::InvalidValue,
                            "parent_team",
                            format!("team '{team}' has another parent team on an earlier row"),
                        );
                    }
                    let t = &mut doc.teams[ti];
                    if t.name == team
                        && let Some(n) = team_name
                    {
                        t.name = n;
                    }
                    if t.parent.is_none() {
                        t.parent = parent_team.map(TeamId::from);
                    }
                }
                None => {
                    team_at.insert(team.clone(), doc.teams.len());
                    at.teams.push(index);
                    doc.teams.push(Team {
                        id: TeamId::from(team.clone()),
                        name: team_name.unwrap_or_else(|| team.clone()),
                        parent: parent_team.map(TeamId::from),
                    });
                }
            }
        }
        if !cycle.is_empty() {
            let start = row.date("cycle_start");
            let end = row.date("cycle_end");
            match cycle_at.get(&cycle) {
                Some(&ci) => {
                    let c = &mut cycles[ci];
                    for (mine, theirs, field) in [
                        (&mut c.1, start, "cycle_start"),
                        (&mut c.2, end, "cycle_end"),
                    ] {
                        match (*mine, theirs) {
                            (Some(a), Some(b)) if a != b => row.problem(
                                ProblemCode::InvalidValue,
                                field,
                                format!(
                                    "cycle '{cycle}' has {field} {a} on an earlier row, {b} here"
                                ),
                            ),
                            (None, Some(b)) => *mine = Some(b),
                            _ => {}
                        }
                    }
                }
                None => {
                    cycle_at.insert(cycle.clone(), cycles.len());
                    cycles.push((cycle.clone(), start, end, index));
                }
            }
        }
        let responsible = row.text("responsible");
        let key_partner = row.text("key_partner");
        for (p, field) in [(&responsible, "responsible"), (&key_partner, "key_partner")] {
            let Some(p) = p else { continue };
            if person_at.insert(p.clone(), ()).is_none() {
                at.people.push((index, field));
                doc.people.push(Person {
                    id: PersonId::from(p.clone()),
                    name: p.clone(),
                });
            }
        }
        let objective_title = row.text("objective_title");
        let oi = match objective_at.get(&objective) {
            Some(&oi) => {
                let o = &doc.objectives[oi];
                let mut clashes = Vec::new();
                if o.team.as_str() != team {
                    clashes.push(("team", o.team.to_string(), team.clone()));
                }
                if o.cycle.as_str() != cycle {
                    clashes.push(("cycle", o.cycle.to_string(), cycle.clone()));
                }
                if let Some(t) = &objective_title
                    && o.title != *t
                {
                    clashes.push(("objective_title", o.title.clone(), t.clone()));
                }
                for (col, was, now) in clashes {
                    row.problem(
                        ProblemCode::InvalidValue,
                        col,
                        format!("objective '{objective}' has {col} '{was}' on an earlier row, '{now}' here"),
                    );
                }
                if row.present("objective_type") && o.kind != kind {
                    row.problem(
                        ProblemCode::InvalidValue,
                        "objective_type",
                        format!("objective '{objective}' has another type on an earlier row"),
                    );
                }
                oi
            }
            None => {
                if objective_title.is_none() {
                    row.tally
                        .defaulted("objective_title", "the objective's id (no title given)");
                }
                objective_at.insert(objective.clone(), doc.objectives.len());
                at.objectives.push(index);
                at.key_results.push(Vec::new());
                doc.objectives.push(Objective {
                    id: ObjectiveId::from(objective.clone()),
                    title: objective_title.unwrap_or_else(|| objective.clone()),
                    team: TeamId::from(team.clone()),
                    cycle: CycleId::from(cycle.clone()),
                    kind,
                    aligned_to: None,
                    visibility: Visibility::Public,
                    key_results: Vec::new(),
                });
                doc.objectives.len() - 1
            }
        };
        if !kr_id.is_empty()
            && let Some(first) = kr_at.get(&kr_id)
        {
            row.problem(
                ProblemCode::DuplicateId,
                "key_result",
                format!(
                    "key result '{kr_id}' is also on rows[{first}]: which row holds it is ambiguous"
                ),
            );
        }
        let Row { fates, .. } = row;
        for (i, c) in src.cells.iter().enumerate().take(headers.len()) {
            if c.is_empty() {
                continue;
            }
            let slot = match fates[i] {
                Some(Fate::Converted) => 1,
                Some(_) => 0,
                None if into[i].is_empty() => 3,
                None => 2,
            };
            counts[i][slot] += 1;
        }
        if let Some(measure) = measure {
            if !kr_id.is_empty() && !kr_at.contains_key(&kr_id) {
                kr_at.insert(kr_id.clone(), index);
            }
            at.key_results[oi].push(index);
            doc.objectives[oi].key_results.push(KeyResult {
                id: KeyResultId::from(kr_id),
                title,
                measure,
                weight,
                responsible: responsible.map(PersonId::from),
                key_partner: key_partner.map(PersonId::from),
            });
        }
    }

    for (i, c) in counts.iter().enumerate() {
        let name = &column_names[i];
        tally.add_n(name, Fate::Carried, &into[i], "", c[0]);
        tally.add_n(
            name,
            Fate::Converted,
            &into[i],
            "cleaned (decimal comma, thousands, % or currency) or retyped",
            c[1],
        );
        tally.add_n(
            name,
            Fate::NotCarried,
            "",
            "not used by this row (its type has no such field, or the value could not be read)",
            c[2],
        );
        tally.add_n(
            name,
            Fate::NotCarried,
            "",
            "no okrkit field is mapped to this column",
            c[3],
        );
    }
    let mut undated = Vec::new();
    for (id, start, end, first_row) in cycles {
        let quarter = crate::csv::quarter_of(&id);
        match (start.or(quarter.map(|q| q.0)), end.or(quarter.map(|q| q.1))) {
            (Some(s), Some(e)) => {
                if start.is_none() || end.is_none() {
                    tally.defaulted(
                        "cycle_start/cycle_end",
                        "the calendar quarter the cycle id names",
                    );
                }
                at.cycles.push(first_row);
                doc.cycles.push(Cycle {
                    name: id.clone(),
                    id: CycleId::from(id),
                    start: s,
                    end: e,
                })
            }
            (s, _) => {
                problems.push(Problem::new(ProblemCode::Parse, format!(
                    "cycle '{id}' has no dates: give cycle_start and cycle_end on one of its rows, or name a quarter (2026-Q1)"
                )).at(format!("rows[{first_row}].{}", if s.is_none() { "cycle_start" } else { "cycle_end" })));
                undated.push(id);
            }
        }
    }
    let found = validation_problems(&doc, &at, &rows, &problems, &undated);
    problems.extend(found);
    report.problems = problems;
    report.fields = tally.into_fields();
    Imported {
        document: doc,
        report,
    }
}

/// The source row of each element of the document a table import builds.
#[derive(Default)]
struct Places {
    cycles: Vec<usize>,
    teams: Vec<usize>,
    people: Vec<(usize, &'static str)>,
    objectives: Vec<usize>,
    key_results: Vec<Vec<usize>>,
}

/// The fields of a row that one problem may stand for: a problem the import
/// found in one of them stands for validation's in any (an unreadable
/// baseline read as 0 is not also reported as `target_equals_baseline`).
const FIELD_GROUPS: &[&[&str]] = &[
    &["objective", "objective_title", "objective_type"],
    &["team", "team_name", "parent_team"],
    &["cycle", "cycle_start", "cycle_end"],
    &["key_result"],
    &["title"],
    &[
        "type",
        "baseline",
        "target",
        "current",
        "unit",
        "direction",
        "bound",
        "done",
    ],
    &["weight"],
    &["responsible"],
    &["key_partner"],
];

/// The document's validation problems that the import has not already
/// reported, located at the source row and column (`rows[3].target`; the
/// message gives the line), as the other importers report them: the table
/// import reports every problem the document would have.
fn validation_problems(
    doc: &Document,
    at: &Places,
    rows: &[SourceRow],
    import: &[Problem],
    undated: &[String],
) -> Vec<Problem> {
    // Looked up once per problem, never scanned: the cycles left out, and
    // the import's own problems by row (what follows `rows[N]` in each path).
    let undated: HashSet<&str> = undated.iter().map(String::as_str).collect();
    let mut found_at: HashMap<usize, Vec<&str>> = HashMap::new();
    for q in import {
        let row_rest = q.path.strip_prefix("rows[").and_then(|r| r.split_once(']'));
        if let Some((Ok(row), rest)) = row_rest.map(|(n, rest)| (n.parse::<usize>(), rest)) {
            found_at.entry(row).or_default().push(rest);
        }
    }
    let mut out = Vec::new();
    for p in crate::validate::validate(doc) {
        let Some((row, field)) = locate(&p.path, at) else {
            out.push(p);
            continue;
        };
        // A cycle without dates is left out of the document (reported):
        // its objectives naming it are not reported again.
        if p.code == ProblemCode::DanglingReference && field == "cycle" {
            let objective = p
                .path
                .strip_prefix("objectives[")
                .and_then(|r| r.split_once(']'))
                .and_then(|(i, _)| i.parse::<usize>().ok())
                .and_then(|i| doc.objectives.get(i));
            if objective.is_some_and(|o| undated.contains(o.cycle.as_str())) {
                continue;
            }
        }
        let group = FIELD_GROUPS
            .iter()
            .find(|g| g.contains(&field))
            .copied()
            .unwrap_or(&[]);
        let already = found_at.get(&row).is_some_and(|rests| {
            rests.iter().any(|rest| {
                // The whole row unreadable or cut short, or a field of the group.
                rest.is_empty()
                    || rest.starts_with(".cells[")
                    || rest
                        .strip_prefix('.')
                        .is_some_and(|f| f == field || group.contains(&f))
            })
        });
        if already {
            continue;
        }
        let prefix = format!("rows[{row}]");
        let line = rows.get(row).map_or(0, |r| r.line);
        let message = in_source_terms(&p.message, at);
        out.push(
            Problem::new(p.code, format!("line {line}: {message}")).at(format!("{prefix}.{field}")),
        );
    }
    out
}

/// `message` with the document paths it names (`objectives[0].key_results[1].id`,
/// the element an id looks like) given as source rows (`rows[1].key_result`).
fn in_source_terms(message: &str, at: &Places) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = ["cycles[", "teams[", "people[", "objectives["]
        .iter()
        .filter_map(|k| rest.find(k))
        .min()
    {
        out.push_str(&rest[..start]);
        let len = rest[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_.[]".contains(c)))
            .unwrap_or(rest.len() - start);
        let path = rest[start..start + len].trim_end_matches('.');
        match locate(path, at) {
            Some((row, field)) => out.push_str(&format!("rows[{row}].{field}")),
            None => out.push_str(path),
        }
        rest = &rest[start + path.len()..];
    }
    out.push_str(rest);
    out
}

/// The source row and field of a document path (`objectives[0].key_results[2].measure.target`
/// → row of that key result, `target`); `None` for a path of no element
/// (`ids`, `schema_version`).
fn locate(path: &str, at: &Places) -> Option<(usize, &'static str)> {
    fn index(s: &str) -> Option<(usize, &str)> {
        let (i, rest) = s.strip_prefix('[')?.split_once(']')?;
        Some((i.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
    }
    let (kind, rest) = path.split_at(path.find('[')?);
    let (i, rest) = index(rest)?;
    match kind {
        "cycles" => Some((
            *at.cycles.get(i)?,
            match rest {
                "start" => "cycle_start",
                "end" => "cycle_end",
                _ => "cycle",
            },
        )),
        "teams" => Some((
            *at.teams.get(i)?,
            match rest {
                "name" => "team_name",
                "parent" => "parent_team",
                _ => "team",
            },
        )),
        "people" => at.people.get(i).copied(),
        "objectives" => {
            if let Some(kr) = rest.strip_prefix("key_results") {
                let (k, field) = index(kr)?;
                let row = *at.key_results.get(i)?.get(k)?;
                let field = match field.strip_prefix("measure.").unwrap_or(field) {
                    "id" => "key_result",
                    "title" => "title",
                    "baseline" => "baseline",
                    "target" => "target",
                    "current" => "current",
                    "bound" => "bound",
                    "weight" => "weight",
                    "responsible" => "responsible",
                    "key_partner" => "key_partner",
                    _ => "type",
                };
                return Some((row, field));
            }
            Some((
                *at.objectives.get(i)?,
                match rest {
                    "title" => "objective_title",
                    "team" => "team",
                    "cycle" => "cycle",
                    _ => "objective",
                },
            ))
        }
        _ => None,
    }
}

setters!(TableOptions {
    columns: BTreeMap<String, String>,
    separator: char,
    decimal_comma: bool,
    thousands: String,
    percent: PercentMode,
    currency: String,
    empty: EmptyCell,
} some { sheet: String });

#[cfg(test)]
mod tests {
    /// Every field a row can have stands in exactly one group, and the
    /// groups name no other: a field added to `FIELDS` without a group would
    /// have its import problems reported again by validation.
    #[test]
    fn every_field_is_in_exactly_one_group() {
        for field in super::FIELDS {
            let groups = super::FIELD_GROUPS
                .iter()
                .filter(|g| g.contains(field))
                .count();
            assert_eq!(groups, 1, "{field}");
        }
        let grouped: usize = super::FIELD_GROUPS.iter().map(|g| g.len()).sum();
        assert_eq!(grouped, super::FIELDS.len());
    }
}
