//! `--format csv|json-rows`: one of the core's tables (`okrkit::table`),
//! with the same columns as the Python and Node tables.

use okrkit::table::Table;

/// Table output formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// A JSON array of objects, every column in every row.
    JsonRows,
}

/// Prints `table` in `format`. A closed stdout (`| head`) ends the command
/// quietly with exit 141, as every command does; another write error (a
/// full disk) is said on stderr, exit 2, never a truncated output and 0.
pub fn print(format: Format, table: &Table) {
    use std::io::Write;
    let text = match format {
        Format::Csv => table.to_csv(),
        Format::JsonRows => table.to_json_rows_text(true) + "\n",
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(crate::BROKEN_PIPE);
        }
        eprintln!("error: writing the table to stdout: {e}");
        std::process::exit(2);
    }
}

/// Prints the tables (one per cycle, say) as one, in order: they are one
/// selection, so they share their schema. Returns the exit code: 0, or 3
/// (an internal error, said on stderr) if they did not.
pub fn print_all(format: Format, tables: impl IntoIterator<Item = Table>) -> u8 {
    let mut it = tables.into_iter();
    let Some(mut all) = it.next() else {
        return 0;
    };
    for t in it {
        if !all.append(t) {
            eprintln!("internal error: tables of different schemas ({})", all.name);
            return 3;
        }
    }
    print(format, &all);
    0
}

/// A core enum as text output writes it: its JSON name (`on_track`,
/// `safe_goals`, `renegotiated`), the one JSON, the tables and every binding
/// use, never Rust's `Debug` spelling (`OnTrack`).
pub fn name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
