//! Views of a [`Table`] for people: HTML (Jupyter's `_repr_html_`) and plain
//! text that fits a terminal. Only the columns whose [`Show`] is not
//! `Hidden` appear; percents read `39.7%` (a progress and its expected
//! percentage with more decimals when one would hide the pace verdict),
//! scores `0.70`, statuses (bands,
//! pace, severity, verdict, kind) are coloured in HTML. Values are formatted
//! here for display only; the table itself is never changed.

use super::{Column, Show, Table, Values};
use std::fmt::Write;

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A float with at most `decimals` decimals, trailing zeros dropped.
fn short(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// Value `i` of a column as people read it (None when null). A percentage
/// has one decimal here; the views ([`text`], [`html`]) give a progress and
/// its expected percentage the decimals the row's pace needs, which one
/// column alone cannot know.
pub fn cell(c: &Column, i: usize) -> Option<String> {
    match &c.values {
        Values::F64(v) => {
            let x = v.get(i)?;
            Some(match c.spec.show {
                Show::Percent => format!("{x:.1}%"),
                // Beside band and verdict: more decimals when two would
                // cross 0.35, 0.65 or 1.0 (0.99999999 is not "1.00").
                Show::Score => crate::score::score_text(x),
                _ => short(x, 3),
            })
        }
        Values::I64(v) => v.get(i).map(|x| x.to_string()),
        Values::Bool(v) => v.get(i).map(|b| if b { "yes" } else { "no" }.to_owned()),
        Values::Str(v) => {
            let s = v.get(i)?;
            Some(if c.spec.show == Show::Status {
                s.replace('_', " ")
            } else {
                s.to_owned()
            })
        }
        Values::Date(_) => c.date(i).map(|d| d.to_string()),
        Values::DateTime(v) => v.get(i).map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
    }
}

/// Value `i` of `c` as people read it beside the other shown columns
/// `cols`: a progress percentage and its row's expected percentage get as
/// many decimals as it takes for the pair to read with the row's pace
/// verdict (`progress::pace_text`, from one decimal: 29.96% against 40% is
/// behind, and "30.0%" against "40.0%" would read as on track); any other
/// value as [`cell`].
fn cell_beside(cols: &[&Column], c: &Column, i: usize) -> Option<String> {
    let partner = match c.spec.name {
        "progress_pct" => "expected_pct",
        "expected_pct" => "progress_pct",
        _ => return cell(c, i),
    };
    let own = c.f64(i);
    let other = cols
        .iter()
        .find(|o| o.spec.name == partner)
        .and_then(|o| o.f64(i));
    let (Some(own), Some(other)) = (own, other) else {
        return cell(c, i);
    };
    if !(own.is_finite() && other.is_finite()) {
        return cell(c, i);
    }
    let (progress, expected) = if c.spec.name == "progress_pct" {
        (own, other)
    } else {
        (other, own)
    };
    let (p, e) = crate::progress::pace::pace_text_from(progress / 100.0, expected / 100.0, 1);
    Some(if c.spec.name == "progress_pct" { p } else { e })
}

/// Background colour of a status value (None: no colour).
pub fn status_colour(value: &str) -> Option<&'static str> {
    Some(match value {
        "red" | "behind" | "error" | "output" | "overreaching" | "failed" | "missed" => "#f8d7da",
        "yellow" | "warning" | "safe_goals" | "partial" => "#fff3cd",
        "green" | "ahead" | "on_track" | "outcome" | "met" | "achieved" | "expected" => "#d4edda",
        "info" | "not_scored" => "#e2e3e5",
        _ => return None,
    })
}

fn shown(t: &Table) -> Vec<&Column> {
    t.columns
        .iter()
        .filter(|c| c.spec.show != Show::Hidden)
        .collect()
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// A column's header for people: `progress_pct` reads "progress" (its cells say `%`).
fn label(c: &Column) -> &'static str {
    match c.spec.show {
        Show::Percent => c.spec.name.strip_suffix("_pct").unwrap_or(c.spec.name),
        _ => c.spec.name,
    }
}

fn header_html(out: &mut String, cols: &[&Column]) {
    out.push_str("<thead><tr>");
    for c in cols {
        let _ = write!(
            out,
            "<th title=\"{}\" style=\"text-align:left\">{}</th>",
            escape(c.spec.doc),
            escape(&label(c).replace('_', " "))
        );
    }
    out.push_str("</tr></thead>");
}

fn row_html(out: &mut String, cols: &[&Column], i: usize, style: &str) {
    let _ = write!(out, "<tr style=\"{style}\">");
    for c in cols {
        let raw = c.str(i);
        let text = cell_beside(cols, c, i);
        let numeric = matches!(c.values, Values::F64(_) | Values::I64(_));
        let mut css = String::new();
        if numeric {
            css.push_str("text-align:right;");
        }
        if c.spec.show == Show::Status
            && let Some(bg) = raw.and_then(status_colour)
        {
            let _ = write!(css, "background:{bg};");
        }
        match text {
            None => {
                let _ = write!(out, "<td style=\"{css}color:#999\">—</td>");
            }
            Some(t) if c.spec.show == Show::Text => {
                let _ = write!(
                    out,
                    "<td style=\"{css}\" title=\"{}\">{}</td>",
                    escape(&t),
                    escape(&cut(&t, 70))
                );
            }
            Some(t) => {
                let _ = write!(out, "<td style=\"{css}\">{}</td>", escape(&t));
            }
        }
    }
    out.push_str("</tr>");
}

fn more_html(out: &mut String, total: usize, shown: usize, what: &str) {
    if total > shown {
        let _ = write!(
            out,
            "<p>… {} more {what} (to_pandas() / to_polars() give them all)</p>",
            total - shown
        );
    }
}

/// The table as HTML: a title, then up to `max_rows` rows of the shown columns.
pub fn html(title: &str, table: &Table, max_rows: usize) -> String {
    let cols = shown(table);
    let n = table.len().min(max_rows);
    let mut out = String::with_capacity(512 + n * 64 * cols.len());
    let _ = write!(
        out,
        "<div class=\"okrkit\"><p><strong>{}</strong></p><table class=\"okrkit-table\">",
        escape(title)
    );
    header_html(&mut out, &cols);
    out.push_str("<tbody>");
    for i in 0..n {
        row_html(&mut out, &cols, i, "");
    }
    out.push_str("</tbody></table>");
    more_html(&mut out, table.len(), n, "rows");
    out.push_str("</div>");
    out
}

/// Parent rows each followed by their child rows (children whose `key`
/// column equals the parent's), as one HTML table: e.g. objectives with their
/// key results. Up to `max_rows` parents.
pub fn html_nested(
    title: &str,
    parent: &Table,
    child: &Table,
    key: &str,
    max_rows: usize,
) -> String {
    let pcols = shown(parent);
    let ccols = shown(child);
    let n = parent.len().min(max_rows);
    let (pkey, ckey) = (parent.column(key), child.column(key));
    let mut out = String::with_capacity(1024 + (n + child.len()) * 256);
    let _ = write!(
        out,
        "<div class=\"okrkit\"><p><strong>{}</strong></p><table class=\"okrkit-table\">",
        escape(title)
    );
    header_html(&mut out, &pcols);
    out.push_str("<tbody>");
    // Child rows grouped by key once (no scan per parent).
    let mut groups: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    if let Some(ck) = ckey {
        for j in 0..child.len() {
            if let Some(k) = ck.str(j) {
                groups.entry(k).or_default().push(j);
            }
        }
    }
    for i in 0..n {
        row_html(
            &mut out,
            &pcols,
            i,
            "font-weight:bold;border-top:2px solid #888",
        );
        let kids = pkey
            .and_then(|pk| pk.str(i))
            .and_then(|k| groups.get(k))
            .map_or(&[][..], Vec::as_slice);
        if kids.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<tr><td></td><td colspan=\"{}\"><table class=\"okrkit-nested\" style=\"margin:0\">",
            pcols.len().saturating_sub(1).max(1)
        );
        header_html(&mut out, &ccols);
        out.push_str("<tbody>");
        for &j in kids {
            row_html(&mut out, &ccols, j, "");
        }
        out.push_str("</tbody></table></td></tr>");
    }
    out.push_str("</tbody></table>");
    more_html(&mut out, parent.len(), n, "rows");
    out.push_str("</div>");
    out
}

/// The table as plain text no wider than `width` characters: a title line,
/// a header, up to `max_rows` rows of the shown columns (columns that do not
/// fit are dropped from the right and named in a last line).
///
/// ```
/// # use okrkit::{Org, ProgressOptions, table};
/// # let org = Org::from_json(r#"{
/// #   "cycles": [{"id": "q1", "name": "Q1 2026", "start": "2026-01-01", "end": "2026-03-31"}],
/// #   "teams": [{"id": "web", "name": "Web shop"}],
/// #   "objectives": [{"id": "o1", "title": "A world-class checkout", "team": "web", "cycle": "q1",
/// #     "key_results": [{"id": "kr1", "title": "Checkout conversion from 50% to 65%",
/// #       "measure": {"type": "metric", "baseline": 50, "target": 65, "current": 56}}]}]
/// # }"#)?;
/// let t = table::progress::objectives(&org, &org.progress(&ProgressOptions::default())?);
/// let text = table::render::text("Progress", &t, 20, 80);
/// assert!(text.lines().all(|l| l.chars().count() <= 80));
/// assert!(text.contains("40.0%"));
/// # Ok::<(), okrkit::Error>(())
/// ```
pub fn text(title: &str, table: &Table, max_rows: usize, width: usize) -> String {
    let n = table.len().min(max_rows);
    let cols = shown(table);
    let cells: Vec<(&Column, Vec<String>)> = cols
        .iter()
        .map(|&c| {
            let max = if c.spec.show == Show::Text { 30 } else { 22 };
            let v = (0..n)
                .map(|i| cut(&cell_beside(&cols, c, i).unwrap_or_else(|| "—".into()), max))
                .collect();
            (c, v)
        })
        .collect();
    let mut used = 0;
    let mut fit = Vec::new();
    let mut dropped = Vec::new();
    for (c, v) in &cells {
        let w = v
            .iter()
            .map(|s| s.chars().count())
            .chain(std::iter::once(label(c).chars().count()))
            .max()
            .unwrap_or(0);
        let need = if fit.is_empty() { w } else { w + 2 };
        if dropped.is_empty() && used + need <= width {
            used += need;
            fit.push((*c, v, w));
        } else {
            dropped.push(c.spec.name);
        }
    }
    let mut out = cut(title, width);
    out.push('\n');
    let pad = |s: &str, w: usize, right: bool| {
        let k = w.saturating_sub(s.chars().count());
        if right {
            format!("{}{s}", " ".repeat(k))
        } else {
            format!("{s}{}", " ".repeat(k))
        }
    };
    let numeric = |c: &Column| matches!(c.values, Values::F64(_) | Values::I64(_));
    let line = |cells: Vec<String>| cells.join("  ").trim_end().to_owned();
    out.push_str(&line(
        fit.iter()
            .map(|(c, _, w)| pad(label(c), *w, numeric(c)))
            .collect(),
    ));
    out.push('\n');
    for i in 0..n {
        out.push_str(&line(
            fit.iter()
                .map(|(c, v, w)| pad(&v[i], *w, numeric(c)))
                .collect(),
        ));
        out.push('\n');
    }
    if table.len() > n {
        out.push_str(&cut(&format!("… {} more rows", table.len() - n), width));
        out.push('\n');
    }
    if !dropped.is_empty() {
        out.push_str(&cut(&format!("(not shown: {})", dropped.join(", ")), width));
        out.push('\n');
    }
    out
}
