//! [`DocumentRef`]: a borrowed view of a document, as [`Org::document`]
//! gives it (the organisation keeps its check-ins as columns, not as a
//! `Vec<CheckIn>`), or as any [`Document`] lends it.

use crate::ids::{KeyResultId, PersonId};
use crate::model::{CheckIn, Cycle, Document, Initiative, Objective, Person, PersonalGoal, Team};
use crate::org::Org;
use crate::org::load::Rows;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A borrowed view of a document: its parts as slices, its check-ins as a
/// [`CheckIns`] view.
///
/// [`Org::document`] returns one: the organisation holds the document's
/// check-ins once, as columns, and builds each check-in when it is read. A
/// `&Document` converts into one (`DocumentRef::from(&doc)`), so functions
/// that read a document take either. It serialises exactly as the
/// [`Document`] it stands for, and [`DocumentRef::to_document`] gives that
/// document back.
///
/// ```
/// let text = r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 65%",
///       "measure": {"type": "metric", "baseline": 50, "target": 65}}]}],
///   "check_ins": [{"key_result": "kr1", "at": "2026-02-01T10:00:00Z", "value": 55, "note": "A/B test"},
///                 {"key_result": "kr1", "at": "2026-01-15T10:00:00Z", "value": 52}]}"#;
/// let doc = okrkit::Document::from_json(text)?;
/// let org = okrkit::Org::new(doc.clone())?;
/// let view = org.document();
/// assert_eq!(view.objectives.len(), 1);
/// assert_eq!(view.check_ins.len(), 2);
/// // Document order, not time order.
/// let first = view.check_ins.get(0).unwrap();
/// assert_eq!((first.key_result.as_str(), first.value, first.note), ("kr1", 55.0, Some("A/B test")));
/// assert_eq!(view.to_document(), doc);
/// assert_eq!(view.to_json()?, doc.to_json()?);
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DocumentRef<'a> {
    /// Format version.
    pub schema_version: u32,
    /// The cycles.
    pub cycles: &'a [Cycle],
    /// The teams.
    pub teams: &'a [Team],
    /// The people.
    pub people: &'a [Person],
    /// The objectives, each with its key results.
    pub objectives: &'a [Objective],
    /// The initiatives.
    pub initiatives: &'a [Initiative],
    /// The check-ins, in document order.
    pub check_ins: CheckIns<'a>,
    /// The personal goals.
    pub personal_goals: &'a [PersonalGoal],
}

impl<'a> From<&'a Document> for DocumentRef<'a> {
    fn from(d: &'a Document) -> Self {
        DocumentRef {
            schema_version: d.schema_version,
            cycles: &d.cycles,
            teams: &d.teams,
            people: &d.people,
            objectives: &d.objectives,
            initiatives: &d.initiatives,
            check_ins: CheckIns(Source::Slice(&d.check_ins)),
            personal_goals: &d.personal_goals,
        }
    }
}

impl<'a> DocumentRef<'a> {
    /// The parts of `doc` with other check-ins (`doc`'s own are ignored).
    pub(crate) fn with_check_ins(doc: &'a Document, check_ins: CheckIns<'a>) -> Self {
        DocumentRef {
            check_ins,
            ..DocumentRef::from(doc)
        }
    }
}

impl PartialEq<Document> for DocumentRef<'_> {
    fn eq(&self, other: &Document) -> bool {
        *self == DocumentRef::from(other)
    }
}

impl PartialEq<DocumentRef<'_>> for Document {
    fn eq(&self, other: &DocumentRef<'_>) -> bool {
        DocumentRef::from(self) == *other
    }
}

impl DocumentRef<'_> {
    /// The owned document this view stands for.
    pub fn to_document(&self) -> Document {
        Document {
            schema_version: self.schema_version,
            cycles: self.cycles.to_vec(),
            teams: self.teams.to_vec(),
            people: self.people.to_vec(),
            objectives: self.objectives.to_vec(),
            initiatives: self.initiatives.to_vec(),
            check_ins: self.check_ins.to_vec(),
            personal_goals: self.personal_goals.to_vec(),
        }
    }

    /// Writes the document as compact JSON, as [`Document::to_json`] does.
    pub fn to_json(&self) -> crate::Result<String> {
        self.check_finite()?;
        Ok(crate::json::to_string(self))
    }

    /// Writes the document as indented JSON, as [`Document::to_json_pretty`] does.
    pub fn to_json_pretty(&self) -> crate::Result<String> {
        self.check_finite()?;
        Ok(crate::json::to_string_pretty(self))
    }

    /// The first number JSON cannot hold (NaN or an infinity), as an error
    /// with its path.
    pub(crate) fn check_finite(&self) -> crate::Result<()> {
        use crate::model::Measure;
        let bad = |path: String| crate::Error::InvalidArgument {
            code: crate::ProblemCode::NotFinite,
            message: "NaN and infinities cannot be written as JSON".into(),
            path,
        };
        let measure = |m: &Measure, kp: &dyn Fn() -> String| -> crate::Result<()> {
            let fields: [(&str, Option<f64>); 3] = match m {
                Measure::Metric {
                    baseline,
                    target,
                    current,
                    ..
                } => [
                    ("baseline", Some(*baseline)),
                    ("target", Some(*target)),
                    ("current", *current),
                ],
                Measure::Threshold { bound, current, .. } => {
                    [("bound", Some(*bound)), ("current", *current), ("", None)]
                }
                Measure::Milestone { .. } => [("", None), ("", None), ("", None)],
            };
            for (name, x) in fields {
                if x.is_some_and(|x| !x.is_finite()) {
                    return Err(bad(format!("{}.measure.{name}", kp())));
                }
            }
            Ok(())
        };
        for (oi, o) in self.objectives.iter().enumerate() {
            for (ki, kr) in o.key_results.iter().enumerate() {
                let kp = || format!("objectives[{oi}].key_results[{ki}]");
                measure(&kr.measure, &kp)?;
                if !kr.weight.is_finite() {
                    return Err(bad(format!("{}.weight", kp())));
                }
            }
        }
        for (i, c) in self.check_ins.iter().enumerate() {
            if !c.value.is_finite() {
                return Err(bad(format!("check_ins[{i}].value")));
            }
            if c.confidence.is_some_and(|x| !x.is_finite()) {
                return Err(bad(format!("check_ins[{i}].confidence")));
            }
        }
        Ok(())
    }
}

/// One check-in, borrowed: the fields of a [`CheckIn`], with its texts and
/// ids as references. Serialises exactly as the [`CheckIn`] it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CheckInRef<'a> {
    /// The key result checked in on.
    pub key_result: &'a KeyResultId,
    /// When.
    pub at: DateTime<Utc>,
    /// The measured value.
    pub value: f64,
    /// Confidence of reaching the target, 0 to 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// Who checked in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a PersonId>,
}

impl<'a> From<&'a CheckIn> for CheckInRef<'a> {
    fn from(c: &'a CheckIn) -> Self {
        CheckInRef {
            key_result: &c.key_result,
            at: c.at,
            value: c.value,
            confidence: c.confidence,
            note: c.note.as_deref(),
            author: c.author.as_ref(),
        }
    }
}

impl CheckInRef<'_> {
    /// The owned check-in.
    pub fn to_check_in(&self) -> CheckIn {
        CheckIn {
            key_result: self.key_result.clone(),
            at: self.at,
            value: self.value,
            confidence: self.confidence,
            note: self.note.map(str::to_owned),
            author: self.author.cloned(),
        }
    }
}

impl PartialEq<CheckIn> for CheckInRef<'_> {
    fn eq(&self, other: &CheckIn) -> bool {
        *self == CheckInRef::from(other)
    }
}

/// The check-ins of a [`DocumentRef`], in document order: a view that builds
/// each [`CheckInRef`] when it is read.
///
/// ```
/// let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
///   "teams": [{"id": "web", "name": "Web"}],
///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 65%",
///       "measure": {"type": "metric", "baseline": 50, "target": 65}}]}],
///   "check_ins": [{"key_result": "kr1", "at": "2026-02-01T10:00:00Z", "value": 55, "confidence": 7}]}"#)?;
/// let check_ins = org.document().check_ins;
/// assert!(!check_ins.is_empty());
/// let values: Vec<f64> = check_ins.iter().map(|c| c.value).collect();
/// assert_eq!(values, [55.0]);
/// assert_eq!(check_ins.get(0).and_then(|c| c.confidence), Some(7.0));
/// assert!(check_ins.get(1).is_none());
/// assert_eq!(check_ins.to_vec()[0].key_result, "kr1");
/// # Ok::<(), okrkit::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct CheckIns<'a>(Source<'a>);

#[derive(Clone, Copy)]
enum Source<'a> {
    /// A document's own `Vec<CheckIn>`.
    Slice(&'a [CheckIn]),
    /// An organisation's columns.
    Columns(&'a Org),
    /// Check-ins as read by `Org::from_json`, before they become columns.
    Rows(&'a Rows),
}

impl<'a> CheckIns<'a> {
    /// The check-ins held as columns by `org`.
    pub(crate) fn of_org(org: &'a Org) -> Self {
        CheckIns(Source::Columns(org))
    }

    /// A document's own check-ins.
    pub(crate) fn of_slice(check_ins: &'a [CheckIn]) -> Self {
        CheckIns(Source::Slice(check_ins))
    }

    /// Check-ins read as rows.
    pub(crate) fn of_rows(rows: &'a Rows) -> Self {
        CheckIns(Source::Rows(rows))
    }

    /// Number of check-ins.
    pub fn len(&self) -> usize {
        match self.0 {
            Source::Slice(s) => s.len(),
            Source::Columns(org) => org.check_ins.len(),
            Source::Rows(r) => r.rows.len(),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document's check-in `i` (`check_ins[i]`).
    pub fn get(&self, i: usize) -> Option<CheckInRef<'a>> {
        match self.0 {
            Source::Slice(s) => s.get(i).map(CheckInRef::from),
            Source::Columns(org) => {
                let pos = org.check_ins.position_of(i)?;
                Some(org.check_in_at(pos))
            }
            Source::Rows(r) => {
                let row = r.rows.get(i)?;
                Some(CheckInRef {
                    key_result: &row.key_result,
                    at: row.at,
                    value: row.value,
                    confidence: row.confidence,
                    note: find_at(&r.notes, i).map(|n| &**n),
                    author: find_at(&r.authors, i),
                })
            }
        }
    }

    /// Every check-in, in document order.
    pub fn iter(&self) -> CheckInsIter<'a> {
        CheckInsIter {
            check_ins: *self,
            range: 0..self.len(),
        }
    }

    /// The check-ins of the key result `id`, in time order (two at the same
    /// instant in document order): as progress reads them. Empty for an id
    /// with no check-in or no key result.
    ///
    /// ```
    /// let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    ///   "teams": [{"id": "web", "name": "Web"}],
    ///   "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1",
    ///     "key_results": [{"id": "kr1", "title": "Conversion from 50% to 65%",
    ///       "measure": {"type": "metric", "baseline": 50, "target": 65}}]}],
    ///   "check_ins": [{"key_result": "kr1", "at": "2026-02-01T10:00:00Z", "value": 55},
    ///                 {"key_result": "kr1", "at": "2026-01-15T10:00:00Z", "value": 52}]}"#)?;
    /// let values: Vec<f64> = org.document().check_ins.for_key_result("kr1").iter().map(|c| c.value).collect();
    /// assert_eq!(values, [52.0, 55.0]);
    /// assert!(org.document().check_ins.for_key_result("nope").is_empty());
    /// # Ok::<(), okrkit::Error>(())
    /// ```
    pub fn for_key_result(&self, id: &str) -> Vec<CheckInRef<'a>> {
        match self.0 {
            Source::Columns(org) => match org.key_result_index(id) {
                Some(k) => org
                    .check_ins
                    .range(k)
                    .map(|pos| org.check_in_at(pos))
                    .collect(),
                None => Vec::new(),
            },
            Source::Slice(_) | Source::Rows(_) => {
                let mut v: Vec<CheckInRef<'a>> = self
                    .iter()
                    .filter(|c| c.key_result.as_str() == id)
                    .collect();
                v.sort_by_key(|c| c.at);
                v
            }
        }
    }

    /// The owned check-ins, in document order.
    pub fn to_vec(&self) -> Vec<CheckIn> {
        match self.0 {
            Source::Slice(s) => s.to_vec(),
            Source::Columns(_) | Source::Rows(_) => self.iter().map(|c| c.to_check_in()).collect(),
        }
    }
}

/// The entry of a `(position, x)` list sorted by position.
fn find_at<T>(list: &[(u32, T)], i: usize) -> Option<&T> {
    list.binary_search_by_key(&(i as u32), |e| e.0)
        .ok()
        .map(|j| &list[j].1)
}

impl std::fmt::Debug for CheckIns<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for CheckIns<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl PartialEq<[CheckIn]> for CheckIns<'_> {
    fn eq(&self, other: &[CheckIn]) -> bool {
        *self == CheckIns(Source::Slice(other))
    }
}

impl PartialEq<Vec<CheckIn>> for CheckIns<'_> {
    fn eq(&self, other: &Vec<CheckIn>) -> bool {
        *self == **other
    }
}

impl Serialize for CheckIns<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'a> IntoIterator for CheckIns<'a> {
    type Item = CheckInRef<'a>;
    type IntoIter = CheckInsIter<'a>;
    fn into_iter(self) -> CheckInsIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &CheckIns<'a> {
    type Item = CheckInRef<'a>;
    type IntoIter = CheckInsIter<'a>;
    fn into_iter(self) -> CheckInsIter<'a> {
        self.iter()
    }
}

/// The iterator of [`CheckIns::iter`], in document order.
#[derive(Clone)]
pub struct CheckInsIter<'a> {
    check_ins: CheckIns<'a>,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for CheckInsIter<'a> {
    type Item = CheckInRef<'a>;
    fn next(&mut self) -> Option<CheckInRef<'a>> {
        let i = self.range.next()?;
        self.check_ins.get(i)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for CheckInsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let i = self.range.next_back()?;
        self.check_ins.get(i)
    }
}

impl ExactSizeIterator for CheckInsIter<'_> {}
