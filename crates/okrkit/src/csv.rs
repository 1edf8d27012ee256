//! Reading a CSV export with one row per key result — the shape most OKR
//! tools and spreadsheets export — into a [`Document`].
//!
//! The first row names the columns (case and surrounding spaces ignored;
//! unknown columns are ignored, so real exports load as they are):
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
//! agree on all of its rows.
//!
//! Every problem is reported (not only the first), each with the path
//! `rows[i].column` (`i` counts data rows from 0; the message gives the line).
//! Numbers that are not finite (`NaN`, `inf`) are `not_finite`. The document
//! that comes out is then validated like any other by [`Org::new`](crate::Org::new).

use crate::error::{Error, Problem, ProblemCode, Result};
use crate::ids::*;
use crate::limits::MAX_INPUT_BYTES;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

const REQUIRED: &[&str] = &["objective", "team", "cycle", "key_result", "title", "type"];

struct Row<'a> {
    index: usize,
    line: u64,
    cols: &'a HashMap<String, usize>,
    record: &'a ::csv::StringRecord,
}

impl Row<'_> {
    fn path(&self, col: &str) -> String {
        format!("rows[{}].{col}", self.index)
    }

    fn get(&self, col: &str) -> Option<&str> {
        let i = *self.cols.get(col)?;
        let v = self.record.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    fn problem(&self, code: ProblemCode, col: &str, message: impl std::fmt::Display) -> Problem {
        Problem::new(
            code,
            self.path(col),
            format!("line {}: {message}", self.line),
        )
    }

    fn text(&self, col: &str, problems: &mut Vec<Problem>) -> String {
        match self.get(col) {
            Some(v) => v.to_owned(),
            None => {
                problems.push(self.problem(ProblemCode::Parse, col, format!("'{col}' is empty")));
                String::new()
            }
        }
    }

    fn number(&self, col: &str, problems: &mut Vec<Problem>) -> Option<f64> {
        let v = self.get(col)?;
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            Ok(_) => {
                problems.push(self.problem(
                    ProblemCode::NotFinite,
                    col,
                    format!("'{v}' is not a finite number"),
                ));
                None
            }
            Err(_) => {
                problems.push(self.problem(
                    ProblemCode::Parse,
                    col,
                    format!("'{v}' is not a number"),
                ));
                None
            }
        }
    }

    fn required_number(&self, col: &str, problems: &mut Vec<Problem>) -> f64 {
        if self.get(col).is_none() {
            problems.push(self.problem(
                ProblemCode::Parse,
                col,
                format!("'{col}' is required for this type"),
            ));
            return 0.0;
        }
        self.number(col, problems).unwrap_or(0.0)
    }

    fn date(&self, col: &str, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
        let v = self.get(col)?;
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(self.problem(
                    ProblemCode::Parse,
                    col,
                    format!("'{v}' is not a date (YYYY-MM-DD)"),
                ));
                None
            }
        }
    }
}

/// The calendar quarter a cycle id names: `2026-Q1`, `2026Q1`, `Q1 2026`, `Q1-2026`.
fn quarter_of(id: &str) -> Option<(NaiveDate, NaiveDate)> {
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

fn parse_done(row: &Row<'_>, problems: &mut Vec<Problem>) -> bool {
    match row.get("done").map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "no" | "0" | "not done" | "n") => false,
        Some("true" | "yes" | "1" | "done" | "y") => true,
        Some(other) => {
            problems.push(row.problem(
                ProblemCode::InvalidValue,
                "done",
                format!("'{other}' is not true/false"),
            ));
            false
        }
    }
}

fn measure(row: &Row<'_>, problems: &mut Vec<Problem>) -> Option<Measure> {
    let unit = row.get("unit").map(str::to_owned);
    let kind = row.get("type")?.to_ascii_lowercase();
    match kind.as_str() {
        "metric" => Some(Measure::Metric {
            baseline: row.required_number("baseline", problems),
            target: row.required_number("target", problems),
            current: row.number("current", problems),
            unit,
        }),
        "threshold" => {
            let direction = match row.get("direction").map(str::to_ascii_lowercase).as_deref() {
                None | Some("at_least" | "at least" | ">=") => ThresholdDirection::AtLeast,
                Some("at_most" | "at most" | "<=") => ThresholdDirection::AtMost,
                Some(other) => {
                    problems.push(row.problem(
                        ProblemCode::InvalidValue,
                        "direction",
                        format!("'{other}' is not at_least or at_most"),
                    ));
                    ThresholdDirection::AtLeast
                }
            };
            let bound = if row.get("bound").is_some() {
                row.required_number("bound", problems)
            } else {
                row.required_number("target", problems)
            };
            Some(Measure::Threshold {
                direction,
                bound,
                current: row.number("current", problems),
                unit,
            })
        }
        "milestone" => Some(Measure::Milestone {
            done: parse_done(row, problems),
        }),
        other => {
            problems.push(row.problem(
                ProblemCode::InvalidValue,
                "type",
                format!("'{other}' is not metric, threshold or milestone"),
            ));
            None
        }
    }
}

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
        if text.len() > MAX_INPUT_BYTES {
            return Err(Error::InvalidArgument {
                code: ProblemCode::TooLarge,
                message: format!(
                    "input is {} bytes; the limit is {MAX_INPUT_BYTES}",
                    text.len()
                ),
                path: String::new(),
            });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = ::csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| Error::Parse {
            path: "columns".into(),
            message: e.to_string(),
            line: 1,
            column: 0,
        })?;
        let mut cols = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            cols.entry(h.trim().to_ascii_lowercase()).or_insert(i);
        }
        let missing: Vec<Problem> = REQUIRED
            .iter()
            .filter(|c| !cols.contains_key(**c))
            .map(|c| {
                Problem::new(
                    ProblemCode::Parse,
                    format!("columns.{c}"),
                    format!("the CSV has no '{c}' column"),
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(Error::Invalid(missing));
        }

        let mut problems = Vec::new();
        let mut doc = Document::default();
        let mut objective_at: HashMap<String, (usize, usize)> = HashMap::new(); // id -> (index, first row)
        let mut team_at: HashMap<String, usize> = HashMap::new();
        let mut cycle_dates: Vec<(String, Option<NaiveDate>, Option<NaiveDate>, usize)> =
            Vec::new();
        let mut people: Vec<String> = Vec::new();

        for (index, record) in reader.records().enumerate() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(Problem::new(
                        ProblemCode::Parse,
                        format!("rows[{index}]"),
                        format!("line {line}: {e}"),
                    ));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let row = Row {
                index,
                line,
                cols: &cols,
                record: &record,
            };
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let objective = row.text("objective", &mut problems);
            let team = row.text("team", &mut problems);
            let cycle = row.text("cycle", &mut problems);
            let kr_id = row.text("key_result", &mut problems);
            let title = row.text("title", &mut problems);
            if row.get("type").is_none() {
                problems.push(row.problem(ProblemCode::Parse, "type", "'type' is empty"));
            }
            let measure = measure(&row, &mut problems);
            let weight = row.number("weight", &mut problems).unwrap_or(1.0);
            let kind = match row
                .get("objective_type")
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                None | Some("aspirational") => ObjectiveType::Aspirational,
                Some("committed") => ObjectiveType::Committed,
                Some(other) => {
                    problems.push(row.problem(
                        ProblemCode::InvalidValue,
                        "objective_type",
                        format!("'{other}' is not aspirational or committed"),
                    ));
                    ObjectiveType::Aspirational
                }
            };

            if !team.is_empty() && !team_at.contains_key(&team) {
                team_at.insert(team.clone(), doc.teams.len());
                doc.teams.push(Team {
                    id: TeamId(team.clone()),
                    name: row.get("team_name").unwrap_or(&team).to_owned(),
                    parent: row.get("parent_team").map(TeamId::from),
                });
            }
            if !cycle.is_empty() {
                let start = row.date("cycle_start", &mut problems);
                let end = row.date("cycle_end", &mut problems);
                match cycle_dates.iter_mut().find(|c| c.0 == cycle) {
                    Some(c) => {
                        c.1 = c.1.or(start);
                        c.2 = c.2.or(end);
                    }
                    None => cycle_dates.push((cycle.clone(), start, end, index)),
                }
            }
            for col in ["responsible", "key_partner"] {
                if let Some(p) = row.get(col) {
                    if !people.iter().any(|x| x == p) {
                        people.push(p.to_owned());
                    }
                }
            }

            let objective_title = row.get("objective_title").unwrap_or(&objective).to_owned();
            let oi = match objective_at.get(&objective) {
                Some(&(oi, _)) => {
                    let o: &Objective = &doc.objectives[oi];
                    let clash = |col: &str, was: &str, now: &str| {
                        row.problem(
                            ProblemCode::InvalidValue,
                            col,
                            format!("objective '{objective}' has {col} '{was}' on an earlier row, '{now}' here"),
                        )
                    };
                    if o.team.as_str() != team {
                        problems.push(clash("team", o.team.as_str(), &team));
                    }
                    if o.cycle.as_str() != cycle {
                        problems.push(clash("cycle", o.cycle.as_str(), &cycle));
                    }
                    if row.get("objective_title").is_some() && o.title != objective_title {
                        problems.push(clash("objective_title", &o.title, &objective_title));
                    }
                    if row.get("objective_type").is_some() && o.kind != kind {
                        problems.push(row.problem(
                            ProblemCode::InvalidValue,
                            "objective_type",
                            format!("objective '{objective}' has another type on an earlier row"),
                        ));
                    }
                    oi
                }
                None => {
                    objective_at.insert(objective.clone(), (doc.objectives.len(), index));
                    doc.objectives.push(Objective {
                        id: ObjectiveId(objective.clone()),
                        title: objective_title,
                        team: TeamId(team.clone()),
                        cycle: CycleId(cycle.clone()),
                        kind,
                        aligned_to: None,
                        visibility: Visibility::Public,
                        key_results: Vec::new(),
                    });
                    doc.objectives.len() - 1
                }
            };
            if let Some(measure) = measure {
                doc.objectives[oi].key_results.push(KeyResult {
                    id: KeyResultId(kr_id),
                    title,
                    measure,
                    weight,
                    responsible: row.get("responsible").map(PersonId::from),
                    key_partner: row.get("key_partner").map(PersonId::from),
                });
            }
        }

        for (id, start, end, first_row) in cycle_dates {
            let quarter = quarter_of(&id);
            match (start.or(quarter.map(|q| q.0)), end.or(quarter.map(|q| q.1))) {
                (Some(start), Some(end)) => doc.cycles.push(Cycle {
                    name: id.clone(),
                    id: CycleId(id),
                    start,
                    end,
                }),
                (s, _) => problems.push(Problem::new(
                    ProblemCode::Parse,
                    format!("rows[{first_row}].{}", if s.is_none() { "cycle_start" } else { "cycle_end" }),
                    format!(
                        "cycle '{id}' has no dates: give cycle_start and cycle_end on one of its rows, or name a quarter (2026-Q1)"
                    ),
                )),
            }
        }
        doc.people = people
            .into_iter()
            .map(|p| Person {
                id: PersonId(p.clone()),
                name: p,
            })
            .collect();

        if problems.is_empty() {
            Ok(doc)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
