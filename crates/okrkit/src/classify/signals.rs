//! Signals: the pieces of evidence found in a statement, each pointing to
//! outcome or output with a weight. Their balance decides the kind (R1).

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use super::StatementKind;
use super::StructureHint;
use super::lexicon::{Lexicon, NO_HINT, WordInfo, flag};
use super::tokens::{MAX_TOKENS, TokKind, Token, Tokens};

/// The kind of a piece of evidence. Stable: the snake_case names are part
/// of the JSON output and of the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalCode {
    /// A clause starts with a verb of work ("Build…", "Launch…", "Hire…",
    /// "publishing…"): the statement describes an output (R1, seed 004).
    LeadingOutputVerb,
    /// A clause starts with a verb of change ("Increase…", "Reduce…",
    /// "Reach…"): the statement describes a result.
    LeadingOutcomeVerb,
    /// A verb of change elsewhere ("readership increases", "IACV doubles").
    ChangeVerb,
    /// Work reported as finished ("…delivered", "is enabled", "ready for
    /// launch", "in place"): a milestone, an output.
    CompletionState,
    /// A deliverable is named ("tool", "dashboard", "campaign", "survey").
    DeliverableNoun,
    /// A count of deliverables ("12 blog posts", "3+ articles").
    DeliverableCount,
    /// A measure of the team's own activity ("number of code reviews").
    ActivityCount,
    /// A measured thing is named ("conversion rate", "NPS", "churn").
    MetricNoun,
    /// A measure is spelled out ("percentage of customers", "per month").
    MeasurePhrase,
    /// A baseline and a target: "from 38% to 60%", "40 → 55".
    FromToPattern,
    /// A relative change: "by 20%", "2x".
    RelativeChange,
    /// A bound: ">", "≤", "at least", "below", "or higher", "4.5+".
    Comparator,
    /// A percentage.
    Percentage,
    /// An amount of money.
    Currency,
    /// A plain quantity ("1000 active users").
    Quantity,
    /// The key result has a baseline and a target (structure).
    StructureMetric,
    /// The key result has a bound to hold (structure).
    StructureThreshold,
    /// The key result is done / not done (structure).
    StructureMilestone,
}

/// Number of signal codes.
const CODES: usize = 18;

impl SignalCode {
    const ALL: [SignalCode; CODES] = [
        SignalCode::LeadingOutputVerb,
        SignalCode::LeadingOutcomeVerb,
        SignalCode::ChangeVerb,
        SignalCode::CompletionState,
        SignalCode::DeliverableNoun,
        SignalCode::DeliverableCount,
        SignalCode::ActivityCount,
        SignalCode::MetricNoun,
        SignalCode::MeasurePhrase,
        SignalCode::FromToPattern,
        SignalCode::RelativeChange,
        SignalCode::Comparator,
        SignalCode::Percentage,
        SignalCode::Currency,
        SignalCode::Quantity,
        SignalCode::StructureMetric,
        SignalCode::StructureThreshold,
        SignalCode::StructureMilestone,
    ];

    /// Which side of R1 this evidence points to.
    pub fn points_to(self) -> StatementKind {
        use SignalCode::*;
        match self {
            LeadingOutputVerb | CompletionState | DeliverableNoun | DeliverableCount
            | ActivityCount | StructureMilestone => StatementKind::Output,
            _ => StatementKind::Outcome,
        }
    }

    /// The weight of the first occurrence, the weight each further
    /// occurrence adds, and the most the code can weigh in one statement.
    fn weights(self) -> (f64, f64, f64) {
        use SignalCode::*;
        match self {
            LeadingOutputVerb => (3.0, 0.5, 4.0),
            LeadingOutcomeVerb => (1.5, 0.25, 2.0),
            ChangeVerb => (1.0, 0.25, 1.5),
            CompletionState => (2.0, 0.5, 3.0),
            DeliverableNoun => (1.0, 0.5, 2.0),
            DeliverableCount => (1.5, 0.25, 2.0),
            ActivityCount => (3.0, 0.0, 3.0),
            // The metric weight is raised by QUANTIFIED_METRIC_BONUS when the
            // statement has a number.
            MetricNoun => (1.0, 0.25, 1.5),
            MeasurePhrase => (1.0, 0.25, 1.5),
            FromToPattern => (3.0, 0.5, 3.5),
            RelativeChange => (1.0, 0.0, 1.0),
            Comparator => (1.0, 0.25, 1.5),
            Percentage => (1.0, 0.0, 1.0),
            Currency => (1.0, 0.0, 1.0),
            Quantity => (0.3, 0.0, 0.3),
            // Strong, but a leading output verb ("Hire 3 engineers" tracked 0 → 3) still wins.
            StructureMetric => (2.5, 0.0, 2.5),
            StructureThreshold => (2.0, 0.0, 2.0),
            StructureMilestone => (3.0, 0.0, 3.0),
        }
    }
}

/// Added to the metric noun weight when the statement also has a number.
const QUANTIFIED_METRIC_BONUS: f64 = 0.5;
/// Weight of a leading `-ing` output verb ("publishing…"): lower, since an
/// `-ing` word can also be a noun ("Onboarding completion rate").
const LEADING_ING_WEIGHT: f64 = 2.0;
/// Most matched phrases quoted per signal.
const MAX_QUOTES: usize = 3;

/// One piece of evidence, and what it points to (R1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// What kind of evidence this is.
    pub code: SignalCode,
    /// The words that fired, as written in the statement (several
    /// occurrences are joined by ", ").
    pub matched: String,
    /// Which side of R1 it points to.
    pub points_to: StatementKind,
    /// How much it weighs (positive; the direction is `points_to`).
    pub weight: f64,
}

/// Evidence gathered for one code.
#[derive(Clone, Copy, Default)]
struct Acc {
    count: u32,
    weight: f64,
    quotes: [(u32, u32); MAX_QUOTES],
    first_token: u32,
}

/// The result of reading one statement.
pub(crate) struct Analysis {
    pub(crate) signals: Vec<Signal>,
    /// Sum of outcome weights minus sum of output weights.
    pub(crate) balance: f64,
    /// The statement has a number, a percentage, a bound or a baseline.
    pub(crate) has_number: bool,
    /// Index of the best outcome hint, `NO_HINT` if none.
    pub(crate) hint: u8,
}

struct Reader<'a> {
    lower: &'a str,
    toks: &'a [Token],
    /// A "by N" seen before we know whether a verb of change is around.
    pending_by: Option<(usize, usize)>,
    info: &'a [WordInfo],
    acc: [Acc; CODES],
}

/// Buffers reused from statement to statement, one set per thread, so
/// reading a statement allocates nothing but its result.
struct Scratch {
    tokens: Tokens,
    info: Vec<WordInfo>,
    leading: Vec<bool>,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            tokens: Tokens::new(),
            info: Vec::with_capacity(MAX_TOKENS),
            leading: Vec::with_capacity(MAX_TOKENS),
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

impl Reader<'_> {
    fn text(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map_or("", |t| Tokens::text_in(self.lower, t))
    }

    fn word(&self, i: usize) -> WordInfo {
        self.info.get(i).copied().unwrap_or_default()
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is_word(&self, i: usize, f: u32) -> bool {
        self.kind(i) == Some(TokKind::Word) && self.word(i).is(f)
    }

    fn is_num(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(TokKind::Number) => true,
            Some(TokKind::Word) => self.word(i).is(flag::NUMBER_WORD),
            _ => false,
        }
    }

    /// Index of the first number in `from..from+within`, skipping currency
    /// symbols and comparators.
    fn num_within(&self, from: usize, within: usize) -> Option<usize> {
        (from..(from + within).min(self.toks.len())).find(|&j| self.is_num(j))
    }

    /// The end of a number's phrase: the number plus a `%`, a glued unit or
    /// a following unit word.
    fn num_end(&self, j: usize) -> usize {
        let mut end = j;
        while let Some(k) = self.kind(end + 1) {
            let glued = self.toks.get(end + 1).is_some_and(|t| t.glued);
            let unit = k == TokKind::Word
                && (glued
                    || self
                        .word(end + 1)
                        .is(flag::DURATION | flag::PERCENT | flag::NUMBER_WORD));
            if k == TokKind::Percent || k == TokKind::Plus || unit {
                end += 1;
            } else {
                break;
            }
        }
        end
    }

    fn add(&mut self, code: SignalCode, first: usize, last: usize) {
        let (w1, w_more, w_max) = code.weights();
        let acc = &mut self.acc[code as usize];
        let (start, end) = match (self.toks.get(first), self.toks.get(last)) {
            (Some(a), Some(b)) => (a.start, b.end.max(a.start)),
            _ => (0, 0),
        };
        if acc.count == 0 {
            acc.weight = w1;
            acc.first_token = first as u32;
        } else {
            // One quote per span: a token matched twice is not quoted twice.
            if acc.quotes[..(acc.count as usize).min(MAX_QUOTES)]
                .iter()
                .any(|q| q.0 == start)
            {
                return;
            }
            acc.weight = (acc.weight + w_more).min(w_max);
        }
        if (acc.count as usize) < MAX_QUOTES {
            acc.quotes[acc.count as usize] = (start, end);
        }
        acc.count += 1;
    }

    fn has(&self, code: SignalCode) -> bool {
        self.acc[code as usize].count > 0
    }
}

/// Reads a statement with a compiled vocabulary.
pub(crate) fn analyze(lex: &Lexicon, text: &str, structure: StructureHint) -> Analysis {
    let reused = SCRATCH.try_with(|cell| {
        cell.try_borrow_mut()
            .ok()
            .map(|mut scratch| analyze_in(&mut scratch, lex, text, structure))
    });
    match reused {
        Ok(Some(analysis)) => analysis,
        // No thread-local buffers at hand (thread exiting): use fresh ones.
        _ => analyze_in(&mut Scratch::new(), lex, text, structure),
    }
}

fn analyze_in(
    scratch: &mut Scratch,
    lex: &Lexicon,
    text: &str,
    structure: StructureHint,
) -> Analysis {
    let Scratch {
        tokens,
        info,
        leading,
    } = scratch;
    tokens.fill(text);
    let tokens: &Tokens = tokens;
    let toks = tokens.as_slice();
    let lower = tokens.lower();
    let n = toks.len();
    let mut hint = NO_HINT;
    info.clear();
    for t in toks {
        let w = if t.kind == TokKind::Word {
            lex.get(Tokens::text_in(lower, t))
        } else {
            WordInfo::default()
        };
        hint = hint.min(w.hint);
        info.push(w);
    }
    leading.clear();
    leading.resize(n, false);
    let mut r = Reader {
        lower,
        toks,
        pending_by: None,
        info,
        acc: [Acc::default(); CODES],
    };

    // 1. The verb that leads each clause.
    let mut clause_start = true;
    for i in 0..n {
        if toks[i].kind == TokKind::Break {
            clause_start = true;
            continue;
        }
        if !clause_start {
            continue;
        }
        clause_start = false;
        let mut j = i;
        let mut skips = 0;
        while j < n && skips < 4 && toks[j].kind == TokKind::Word {
            let w = r.word(j);
            if w.is(flag::ANY_OUTPUT_VERB | flag::ANY_OUTCOME_VERB) {
                break;
            }
            let s = r.text(j);
            let list_marker = s.starts_with("kr") && s[2..].bytes().all(|b| b.is_ascii_digit());
            if w.is(flag::SKIP_LEADING) || s.ends_with("ly") || list_marker {
                j += 1;
                skips += 1;
            } else {
                break;
            }
        }
        if j >= n || toks[j].kind != TokKind::Word {
            continue;
        }
        let w = r.word(j);
        // "Onboarding completion rate": an -ing word before a metric is a noun.
        let ing_as_noun = w.is(flag::OUTPUT_ING | flag::OUTCOME_ING)
            && !w.is(flag::OUTPUT_VERB | flag::OUTCOME_VERB)
            && (r.is_word(j + 1, flag::METRIC) || r.is_word(j + 1, flag::COMPLETION));
        // "Review score > 4.5", "Release frequency": a word that is both a
        // verb and a deliverable, before a metric, is a noun.
        let noun_before_metric = w.is(flag::OUTPUT_NOUN) && r.is_word(j + 1, flag::METRIC);
        if ing_as_noun || noun_before_metric {
            continue;
        }
        if w.is(flag::OUTPUT_VERB | flag::OUTPUT_ING) {
            leading[j] = true;
            r.add(SignalCode::LeadingOutputVerb, j, j);
            if !w.is(flag::OUTPUT_VERB) {
                let acc = &mut r.acc[SignalCode::LeadingOutputVerb as usize];
                if acc.count == 1 {
                    acc.weight = LEADING_ING_WEIGHT;
                }
            }
        } else if w.is(flag::OUTCOME_VERB | flag::OUTCOME_ING) {
            leading[j] = true;
            r.add(SignalCode::LeadingOutcomeVerb, j, j);
        }
    }

    // 2. Words and patterns.
    let mut from_to_end = 0usize; // tokens before this index belong to a from-to span
    let mut metric_run_start: Option<usize> = None;
    for i in 0..n {
        let t = toks[i];
        let prev_word = if i > 0 {
            r.word(i - 1)
        } else {
            WordInfo::default()
        };
        let prev_is_word = i > 0 && toks[i - 1].kind == TokKind::Word;

        // Metric nouns: consecutive ones are one phrase ("conversion rate").
        let is_metric = t.kind == TokKind::Word && r.word(i).is(flag::METRIC) && !leading[i];
        match (is_metric, metric_run_start) {
            (true, None) => metric_run_start = Some(i),
            (false, Some(s)) => {
                r.add(SignalCode::MetricNoun, s, i - 1);
                metric_run_start = None;
            }
            _ => {}
        }

        match t.kind {
            TokKind::Word => {
                let w = r.word(i);
                if leading[i] {
                    continue;
                }
                let after = i + 1;
                let next_kind = r.kind(after);
                let clause_end = matches!(
                    next_kind,
                    None | Some(TokKind::Break) | Some(TokKind::Comma)
                );
                // Work reported as finished.
                let completion = w.is(flag::COMPLETION | flag::OUTPUT_PAST)
                    && ((prev_is_word && prev_word.is(flag::BE))
                        || clause_end
                        || r.is_word(after, flag::PREP));
                let in_place = w.is(flag::PLACE) && prev_is_word && prev_word.is(flag::IN);
                if completion || in_place {
                    r.add(
                        SignalCode::CompletionState,
                        if in_place { i - 1 } else { i },
                        i,
                    );
                    continue;
                }
                // A verb of change, unless it states a purpose ("to improve").
                if w.is(flag::ANY_OUTCOME_VERB)
                    && !t.compound
                    && !(prev_is_word && prev_word.is(flag::TO))
                {
                    r.add(SignalCode::ChangeVerb, i, i);
                }
                // A deliverable, unless it only qualifies a metric ("API latency").
                let qualifies_metric = r.is_word(after, flag::METRIC)
                    || (r.kind(after) == Some(TokKind::Word) && r.is_word(after + 1, flag::METRIC));
                if w.is(flag::OUTPUT_NOUN) && !w.is(flag::METRIC) && !qualifies_metric {
                    r.add(SignalCode::DeliverableNoun, i, i);
                }
                // "number of …", "percentage of …".
                if w.is(flag::MEASURE_HEAD) && r.is_word(after, flag::OF) {
                    measure_of(&mut r, i, after + 1);
                }
                // "per month", "every week".
                if w.is(flag::PER) && r.is_word(after, flag::DURATION) {
                    r.add(SignalCode::MeasurePhrase, i, after);
                }
                // "from X to Y".
                if w.is(flag::FROM)
                    && let Some(a) = r.num_within(after, 3)
                    && let Some(end) = to_target(&r, r.num_end(a) + 1)
                {
                    r.add(SignalCode::FromToPattern, i, end);
                    from_to_end = from_to_end.max(end + 1);
                }
                // "by 20%".
                if w.is(flag::BY)
                    && let Some(a) = r.num_within(after, 2)
                {
                    let end = r.num_end(a);
                    if toks[a + 1..=end].iter().any(|t| t.kind == TokKind::Percent)
                        || r.kind(a.wrapping_sub(1)) == Some(TokKind::Currency)
                        || (a + 1..=end).any(|k| r.is_word(k, flag::PERCENT | flag::TIMES))
                    {
                        r.add(SignalCode::RelativeChange, i, end);
                    } else if r.pending_by.is_none() {
                        r.pending_by = Some((i, end));
                    }
                }
                // "at least 75%", "below 3%", "more than 80%".
                if w.is(flag::COMPARATOR)
                    && let Some(a) = r.num_within(after, 3)
                {
                    let lead = matches!(
                        r.text(i.wrapping_sub(1)),
                        "at" | "more" | "less" | "fewer" | "greater" | "higher" | "lower" | "no"
                    );
                    let start = if lead { i - 1 } else { i };
                    r.add(SignalCode::Comparator, start, r.num_end(a));
                }
                // "1.0 or higher".
                // ("one or more" is an idiom for "some", not a bound.)
                if w.is(flag::OR)
                    && r.is_word(after, flag::OR_TAIL)
                    && (i.saturating_sub(3)..i).any(|k| r.is_num(k) && r.text(k) != "one")
                {
                    r.add(SignalCode::Comparator, i, after);
                }
            }
            TokKind::Comparator => {
                if let Some(a) = r.num_within(i + 1, 3) {
                    r.add(SignalCode::Comparator, i, r.num_end(a));
                }
            }
            TokKind::Plus => {
                if i > 0 && r.is_num(i - 1) {
                    r.add(SignalCode::Comparator, i - 1, i);
                } else if i > 1 && toks[i - 1].kind == TokKind::Percent && r.is_num(i - 2) {
                    r.add(SignalCode::Comparator, i - 2, i);
                }
            }
            TokKind::Percent => {
                if i > 0 && r.is_num(i - 1) {
                    r.add(SignalCode::Percentage, i - 1, i);
                }
                if r.is_word(i + 1, flag::OF) {
                    measure_of(&mut r, i, i + 2);
                }
            }
            TokKind::Currency => {
                if let Some(a) = r.num_within(i + 1, 2) {
                    r.add(SignalCode::Currency, i, r.num_end(a));
                }
            }
            TokKind::Arrow => {
                let before = i > 0 && (r.is_num(i - 1) || toks[i - 1].kind == TokKind::Percent);
                if before && let Some(b) = r.num_within(i + 1, 3) {
                    let start = (i.saturating_sub(3)..i).find(|&k| r.is_num(k)).unwrap_or(i);
                    let end = r.num_end(b);
                    r.add(SignalCode::FromToPattern, start, end);
                    from_to_end = from_to_end.max(end + 1);
                }
            }
            TokKind::Slash => {
                if r.is_word(i + 1, flag::DURATION) && i > 0 {
                    r.add(SignalCode::MeasurePhrase, i, i + 1);
                }
            }
            TokKind::Number => {
                quantity(&mut r, i, from_to_end);
            }
            TokKind::Comma | TokKind::Break => {}
        }
    }
    if let Some(s) = metric_run_start {
        r.add(SignalCode::MetricNoun, s, n - 1);
    }

    // "by 2" counts as a relative change only next to a verb of change.
    let change = r.has(SignalCode::LeadingOutcomeVerb) || r.has(SignalCode::ChangeVerb);
    if change && let Some((a, b)) = r.pending_by {
        r.add(SignalCode::RelativeChange, a, b);
    }

    // 3. Structure (what the key result's fields say, beyond its text).
    match structure {
        StructureHint::None => {}
        StructureHint::Metric => r.add(SignalCode::StructureMetric, n, n),
        StructureHint::Threshold => r.add(SignalCode::StructureThreshold, n, n),
        StructureHint::Milestone => r.add(SignalCode::StructureMilestone, n, n),
    }

    let has_number = [
        SignalCode::FromToPattern,
        SignalCode::RelativeChange,
        SignalCode::Comparator,
        SignalCode::Percentage,
        SignalCode::Currency,
        SignalCode::Quantity,
        SignalCode::StructureMetric,
        SignalCode::StructureThreshold,
    ]
    .iter()
    .any(|c| r.has(*c));
    if has_number && r.has(SignalCode::MetricNoun) {
        let acc = &mut r.acc[SignalCode::MetricNoun as usize];
        acc.weight += QUANTIFIED_METRIC_BONUS;
    }

    // 4. Signals, heaviest first (ties in order of appearance).
    let mut order = [0usize; CODES];
    let mut fired = 0;
    for c in 0..CODES {
        if r.acc[c].count > 0 {
            order[fired] = c;
            fired += 1;
        }
    }
    let order = &mut order[..fired];
    order.sort_unstable_by(|&a, &b| {
        r.acc[b]
            .weight
            .total_cmp(&r.acc[a].weight)
            .then(r.acc[a].first_token.cmp(&r.acc[b].first_token))
            .then(a.cmp(&b))
    });
    let mut balance = 0.0;
    let mut signals = Vec::with_capacity(order.len());
    for &mut c in order {
        let code = SignalCode::ALL[c];
        let acc = &r.acc[c];
        let points_to = code.points_to();
        balance += match points_to {
            StatementKind::Outcome => acc.weight,
            StatementKind::Output => -acc.weight,
        };
        signals.push(Signal {
            code,
            matched: quote(text, acc, structure),
            points_to,
            weight: acc.weight,
        });
    }
    Analysis {
        signals,
        balance,
        has_number,
        hint,
    }
}

/// "number of X", "% of X": a measure, unless X is a deliverable (then it
/// counts the team's own activity: an output).
fn measure_of(r: &mut Reader<'_>, head: usize, from: usize) {
    let end = (from + 4).min(r.toks.len());
    for k in from..end {
        if r.kind(k) != Some(TokKind::Word) {
            break;
        }
        let w = r.word(k);
        if w.is(flag::METRIC) {
            r.add(SignalCode::MeasurePhrase, head, k);
            return;
        }
        if w.is(flag::OUTPUT_NOUN) {
            r.add(SignalCode::ActivityCount, head, k);
            return;
        }
    }
    r.add(SignalCode::MeasurePhrase, head, from.saturating_sub(1));
}

/// After a baseline: "to Y" (or "→ Y") within a few tokens; returns the end
/// of the target's phrase.
fn to_target(r: &Reader<'_>, from: usize) -> Option<usize> {
    let end = (from + 4).min(r.toks.len());
    for k in from..end {
        let is_to = r.is_word(k, flag::TO) || r.kind(k) == Some(TokKind::Arrow);
        if is_to {
            return r.num_within(k + 1, 3).map(|b| r.num_end(b));
        }
        if r.kind(k) == Some(TokKind::Break) {
            return None;
        }
    }
    None
}

/// A plain number: a quantity of something measured, a count of
/// deliverables, or (after a date word, before a duration) neither.
fn quantity(r: &mut Reader<'_>, i: usize, from_to_end: usize) {
    if i < from_to_end {
        return;
    }
    let prev = i.checked_sub(1);
    if prev.is_some_and(|p| {
        r.is_word(p, flag::DATE)
            || matches!(r.kind(p), Some(TokKind::Currency | TokKind::Comparator))
    }) {
        return;
    }
    let next = r.kind(i + 1);
    if matches!(next, Some(TokKind::Percent)) || r.is_word(i + 1, flag::DURATION | flag::PERCENT) {
        return;
    }
    if r.is_word(i + 1, flag::TIMES) {
        r.add(SignalCode::RelativeChange, i, i + 1);
        return;
    }
    // A year is a date.
    if let Some(t) = r.toks.get(i) {
        let len = t.hi.saturating_sub(t.lo);
        if len == 4
            && (r.toks.get(i + 1).is_none() || !r.is_word(i + 1, flag::METRIC | flag::OUTPUT_NOUN))
        {
            // 4-digit numbers alone are most often years ("2025").
            return;
        }
    }
    let end = (i + 5).min(r.toks.len());
    for k in i + 1..end {
        match r.kind(k) {
            Some(TokKind::Word) => {
                let w = r.word(k);
                if w.is(flag::METRIC) {
                    r.add(SignalCode::Quantity, i, k);
                    return;
                }
                if w.is(flag::OUTPUT_NOUN) {
                    r.add(SignalCode::DeliverableCount, i, k);
                    return;
                }
            }
            Some(TokKind::Plus | TokKind::Number) => {}
            _ => break,
        }
    }
    r.add(SignalCode::Quantity, i, i);
}

/// The words that fired, as written.
fn quote(text: &str, acc: &Acc, structure: StructureHint) -> String {
    let quotes = &acc.quotes[..(acc.count as usize).min(MAX_QUOTES)];
    let piece = |&(a, b): &(u32, u32)| text.get(a as usize..b as usize).unwrap_or("");
    // One allocation of the exact size.
    let len: usize = quotes.iter().map(|q| piece(q).len() + 2).sum();
    let mut out = String::with_capacity(len.max(20));
    for q in quotes {
        let piece = piece(q);
        if piece.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(piece);
    }
    if out.is_empty() {
        out.push_str(match structure {
            StructureHint::Metric => "baseline and target",
            StructureHint::Threshold => "threshold",
            StructureHint::Milestone => "milestone",
            StructureHint::None => "",
        });
    }
    out
}
