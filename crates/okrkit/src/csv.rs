//! Reading a CSV export with one row per key result — the shape most OKR
//! tools and spreadsheets export — into a [`Document`].
//!
//! This is the `okrkit` preset of the table importer ([`crate::import::table`]):
//! with no mapping, each field is read from the column of its own name. Use
//! [`crate::import::table`] directly for another layout, cleaning options
//! (decimal comma, thousands, `%`, currency), XLSX, and the import report.
//!
//! The first row names the columns (case and surrounding spaces ignored;
//! other columns are not carried — the import report counts them):
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `objective` | yes | objective id; rows with the same id form one objective, in first-seen order |
//! | `objective_title` | no | the objective's wording (default: its id) |
//! | `objective_type` | no | `aspirational` (default) or `committed` |
//! | `team` | yes | owning team id |
//! | `team_name`, `parent_team` | no | the team's name (default: its id) and parent team id |
//! | `cycle` | yes | cycle id |
//! | `cycle_start`, `cycle_end` | see below | the cycle's first and last day (`YYYY-MM-DD`) |
//! | `key_result` | yes | key result id |
//! | `title` | yes | the key result's wording |
//! | `type` | yes | `metric`, `threshold` or `milestone` |
//! | `baseline`, `target` | metric | numbers |
//! | `current` | no | latest value (metric, threshold) |
//! | `unit` | no | display unit |
//! | `direction`, `bound` | threshold | `at_least` (default) or `at_most`; the bound (default: the `target` column) |
//! | `done` | milestone | `true`/`false`, `yes`/`no`, `1`/`0`, `done` (default: not done) |
//! | `weight` | no | weight in the objective (default 1) |
//! | `responsible`, `key_partner` | no | person ids (people are added with their id as name) |
//!
//! A cycle's dates come from `cycle_start`/`cycle_end` on any of its rows;
//! without them, a cycle id naming a quarter (`2026-Q1`, `Q1 2026`, `Q1-2026`)
//! gives that calendar quarter. An objective's team, cycle, title and type must
//! agree on all of its rows; a key result id on two rows, or a column name
//! appearing twice, is a problem.
//!
//! Every problem is reported (not only the first), each with the path
//! `rows[i].column` (`i` counts data rows from 0; the message gives the line).
//! Numbers that are not finite (`NaN`, `inf`) are `not_finite`. The document
//! that comes out is then validated like any other by [`Org::new`](crate::Org::new).

#[cfg(feature = "csv")]
use crate::error::Result;
#[cfg(feature = "csv")]
use crate::model::Document;
use chrono::{Datelike, NaiveDate};

/// The calendar quarter a cycle id names: `2026-Q1`, `2026Q1`, `Q1 2026`, `Q1-2026`.
pub(crate) fn quarter_of(id: &str) -> Option<(NaiveDate, NaiveDate)> {
    let upper = id.to_ascii_uppercase();
    let parts: Vec<&str> = upper
        .split(['-', ' ', '_', '/'])
        .filter(|p| !p.is_empty())
        .collect();
    let (year, q) = match parts.as_slice() {
        [a, b] if a.starts_with('Q') => (b.parse::<i32>().ok()?, a[1..].parse::<u32>().ok()?),
        [a, b] if b.starts_with('Q') => (a.parse::<i32>().ok()?, b[1..].parse::<u32>().ok()?),
        [one] => {
            let (y, q) = one.split_once('Q')?;
            (y.parse::<i32>().ok()?, q.parse::<u32>().ok()?)
        }
        _ => return None,
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(year, 3 * (q - 1) + 1, 1)?;
    let next = if q == 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)?
    };
    let end = next.pred_opt()?;
    debug_assert_eq!(end.year(), year);
    Some((start, end))
}

#[cfg(feature = "csv")]
impl Document {
    /// Builds a document from CSV text with one row per key result (columns
    /// and rules in the [module docs](crate::csv)). Every problem is reported,
    /// each at `rows[i].column`.
    ///
    /// ```
    /// let doc = okrkit::Document::from_csv_key_results(
    ///     "objective,objective_title,team,cycle,key_result,title,type,baseline,target,current\n\
    ///      o1,World-class checkout,web,2026-Q1,kr1,Checkout conversion > 65%,metric,55,65,58\n",
    /// )?;
    /// let org = okrkit::Org::new(doc)?;
    /// let report = org.progress(&okrkit::ProgressOptions::default()).unwrap();
    /// assert_eq!(report.objectives[0].progress, Some((58.0 - 55.0) / (65.0 - 55.0)));
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn from_csv_key_results(text: &str) -> Result<Document> {
        crate::import::table::read_csv(text, &crate::import::table::TableOptions::default())?
            .into_document()
    }

    /// [`Document::from_csv_key_results`] of CSV bytes (a file or a `Buffer`
    /// as read): bytes that are not UTF-8 are `parse_error` naming where.
    ///
    /// ```
    /// let err = okrkit::Document::from_csv_key_results_bytes(b"objective\n\xff\n").unwrap_err();
    /// assert_eq!(err.code(), "parse_error");
    /// assert!(err.to_string().contains("not UTF-8"));
    /// ```
    pub fn from_csv_key_results_bytes(bytes: &[u8]) -> Result<Document> {
        let text = crate::utf8::check(bytes)
            .map_err(|e| crate::json_case::parse_error("", format!("the CSV is not UTF-8: {e}")))?;
        Self::from_csv_key_results(text)
    }
}

#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;
    use crate::model::Measure;

    const HEAD: &str = "objective,objective_title,team,cycle,key_result,title,type,baseline,target,current,unit,direction,bound,done,weight,responsible\n";

    #[test]
    fn builds_objectives_in_first_seen_order() {
        let text = format!(
            "{HEAD}o1,Checkout,web,2026-Q1,kr1,Conversion > 65%,metric,55,65,58,%,,,,2,mara\n\
             o1,Checkout,web,2026-Q1,kr2,Uptime >= 99.9%,threshold,,,99.95,%,at_least,99.9,,,\n\
             o2,Hiring,web,2026-Q1,kr3,Hire 3 engineers,milestone,,,,,,,yes,,\n"
        );
        let doc = Document::from_csv_key_results(&text).expect("valid");
        assert_eq!(doc.objectives.len(), 2);
        assert_eq!(doc.objectives[0].key_results.len(), 2);
        assert_eq!(doc.objectives[0].key_results[0].weight, 2.0);
        assert_eq!(
            doc.cycles[0].start,
            NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
        );
        assert_eq!(
            doc.cycles[0].end,
            NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")
        );
        assert!(matches!(
            doc.objectives[1].key_results[0].measure,
            Measure::Milestone { done: true }
        ));
        assert_eq!(doc.people.len(), 1);
        crate::Org::new(doc).expect("validates");
    }

    #[test]
    fn reports_every_problem_with_row_and_column() {
        let text = format!(
            "{HEAD}o1,Checkout,web,2026-Q1,kr1,Conversion,metric,abc,65,NaN,,,,,,\n\
             o1,Checkout,app,2026-Q1,kr2,Thing,gizmo,,,,,,,,,\n"
        );
        let err = Document::from_csv_key_results(&text).expect_err("invalid");
        let got: Vec<_> = err
            .problems()
            .iter()
            .map(|p| (p.code.as_str(), p.path.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("parse_error", "rows[0].baseline".to_owned()),
                ("not_finite", "rows[0].current".to_owned()),
                ("invalid_value", "rows[1].type".to_owned()),
                ("invalid_value", "rows[1].team".to_owned()),
            ]
        );
    }

    #[test]
    fn missing_columns_and_dates() {
        let err = Document::from_csv_key_results("objective,team\n").expect_err("invalid");
        assert_eq!(err.problems()[0].path, "columns.cycle");
        let err = Document::from_csv_key_results(
            "objective,team,cycle,key_result,title,type,baseline,target\no,t,spring,k,K,metric,1,2\n",
        )
        .expect_err("no dates");
        assert_eq!(err.problems()[0].path, "rows[0].cycle_start");
    }

    #[test]
    fn quarters() {
        assert_eq!(
            quarter_of("Q4 2025").map(|q| q.1),
            NaiveDate::from_ymd_opt(2025, 12, 31)
        );
        assert_eq!(
            quarter_of("2026q2").map(|q| q.0),
            NaiveDate::from_ymd_opt(2026, 4, 1)
        );
        assert_eq!(quarter_of("2026-Q5"), None);
        assert_eq!(quarter_of("spring"), None);
    }
}
