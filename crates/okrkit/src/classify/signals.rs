//! Signals: the pieces of evidence (named features) found in a statement.
//! The model ([`super::model`]) weighs them; their sum decides the kind (R1).

use std::cell::Cell;

use serde::{Deserialize, Serialize};

use super::StatementKind;
use super::StructureHint;
use super::lexicon::{Lexicon, NO_HINT, WordInfo, flag};
use super::tokens::{MAX_TOKENS, TokKind, Token, Tokens};

/// The kind of a piece of evidence: a named feature of the model. Stable:
/// the snake_case names are part of the JSON output, of the bindings and of
/// the model file (`model/weights.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SignalCode {
    /// A clause starts with a verb of work of the vocabulary ("Build…",
    /// "Launch…", "Hire…", "publishing…").
    LeadingOutputVerb,
    /// A clause starts with a verb of change of the vocabulary ("Increase…",
    /// "Reduce…", "Reach…").
    LeadingOutcomeVerb,
    /// A verb of change elsewhere ("readership increases", "IACV doubles").
    ChangeVerb,
    /// Work reported as finished ("…delivered", "is written", "is live", "in
    /// place", "we've documented").
    CompletionState,
    /// A deliverable of the vocabulary is named ("tool", "dashboard").
    DeliverableNoun,
    /// A count of deliverables of the vocabulary ("12 blog posts").
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
    /// A clause starts with an English verb in the imperative, whatever the
    /// verb ("Undertake…", "Negotiate…", "Prioritise…"; WordNet).
    LeadingVerb,
    /// The leading verb is one of creation ("write", "design", "undertake").
    VerbOfCreation,
    /// The leading verb is one of communication ("present", "negotiate").
    VerbOfCommunication,
    /// The leading verb is a social act ("organise", "formalise", "hold").
    VerbOfSocialAct,
    /// The leading verb is one of change ("expand", "optimise").
    VerbOfChange,
    /// The leading verb is one of possession ("sell", "buy", "win").
    VerbOfPossession,
    /// The leading verb is one of thought ("prioritise", "identify").
    VerbOfCognition,
    /// A number counts people or organisations ("40k readers", "25 new
    /// customers"; WordNet nouns of persons and groups).
    CountOfPeople,
    /// A number counts things or acts ("40 sales calls", "8 articles", "10
    /// push-ups"; WordNet nouns of artifacts, communication, acts, events).
    CountOfThings,
    /// A period as an adjective ("monthly readers", "weekly active").
    PeriodWord,
    /// A baseline alone ("(from 25k)", "currently 12", "was 80%").
    Baseline,
    /// A part of a whole ("8 of 10 trial users").
    PartOfWhole,
    /// The team is the subject ("We've shipped…", "We have…").
    TeamSubject,
    /// A zero target ("Zero P1 incidents", "No customer blocked"), also
    /// after the verb ("runs for 10 days without a crash", "with no
    /// downtime", "ensure that no deploy fails").
    ZeroTarget,
    /// Any English verb as a participle after "is", "are", "have" ("is
    /// written, reviewed and shared", "are resolved"): a state reached.
    PassiveState,
    /// The object of the leading verb is a thing or an act ("Increase
    /// knowledge base articles…", "Launch the new feature"; WordNet nouns of
    /// artifacts, communication, acts, events, or a deliverable).
    ObjectIsThing,
    /// The object of the leading verb is people or organisations ("Add 30
    /// enterprise companies", "Win 5 new customers").
    ObjectIsPeople,
    /// People or organisations are the subject ("Hiring managers report…",
    /// "70% of salespeople…"; WordNet nouns of persons and groups).
    PeopleSubject,
    /// A subject and a verb in the present tense, no imperative: a behaviour
    /// or a state that holds ("10 users tweet about us", "At least one
    /// customer uses the integration", "Upgrades take less than 30 minutes").
    PresentTense,
    /// A share of a whole: "95% of tickets…", "70% of salespeople…".
    ShareOf,
    /// A time limit: "within 5 minutes", "in 3 days", "under 2 hours".
    TimeLimit,
    /// No clause starts with a verb: a statement of a state or a measure
    /// ("Checkout conversion rate > 65%", "Upgrades take less than 30
    /// minutes"), not an instruction.
    NoLeadingVerb,
    /// Customers or users do something, in the present tense ("10 users
    /// tweet about us", "One customer indexes all its repositories"): what
    /// people outside the team do (a subject among the vocabulary's measured
    /// people: users, customers, visitors…).
    AudienceAct,
    /// A verb of change whose object counts the team's own work ("Grow the
    /// number of blog posts from 10 to 40", "Increase weekly sales calls by
    /// 25%"): more output, not a result.
    ChangeOfOwnWork,
    /// A state reached by a measured share or count ("95% of tickets are
    /// resolved in a day", "At least four customers are running…"): a
    /// result, unlike a deliverable's state ("The guide is written").
    MeasuredState,
    /// The present-tense verb of a clause's subject is one of thought,
    /// feeling or perception (WordNet): "Everyone knows where to find the
    /// roadmap", "Team members rely on the handbook", "AEs feel comfortable
    /// pointing customers to the roadmap". A belief or an attitude people
    /// hold, not work done; unless it counts things ("identify 3 issues" is
    /// work). Also people saying what they think: a verb of saying, with
    /// people as its subject, that reports a clause or an opinion
    /// ("Managers say reviews take less time", "90% of teammates would
    /// recommend the team"), not saying as work ("Managers report weekly
    /// status to leadership").
    VerbOfMind,
    /// The statement's first word can be an English verb in its base form,
    /// but reads as a noun too ("Book 15 demos", "Measure the churn…",
    /// "Bike to work"): a possible instruction.
    FirstWordVerb,
    /// The key result has a baseline and a target (structure): weighs like
    /// a from-to pattern in the text.
    StructureMetric,
    /// The key result has a bound to hold (structure): weighs like a
    /// comparator in the text.
    StructureThreshold,
    /// The key result is done / not done (structure): an output (R1),
    /// decisive whatever the text says.
    StructureMilestone,
}

/// Number of signal codes.
pub(crate) const CODES: usize = 45;

impl SignalCode {
    /// Every code, in the order of the model's features.
    pub const ALL: [SignalCode; CODES] = [
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
        SignalCode::LeadingVerb,
        SignalCode::VerbOfCreation,
        SignalCode::VerbOfCommunication,
        SignalCode::VerbOfSocialAct,
        SignalCode::VerbOfChange,
        SignalCode::VerbOfPossession,
        SignalCode::VerbOfCognition,
        SignalCode::CountOfPeople,
        SignalCode::CountOfThings,
        SignalCode::PeriodWord,
        SignalCode::Baseline,
        SignalCode::PartOfWhole,
        SignalCode::TeamSubject,
        SignalCode::ZeroTarget,
        SignalCode::PassiveState,
        SignalCode::ObjectIsThing,
        SignalCode::ObjectIsPeople,
        SignalCode::PeopleSubject,
        SignalCode::PresentTense,
        SignalCode::ShareOf,
        SignalCode::TimeLimit,
        SignalCode::NoLeadingVerb,
        SignalCode::AudienceAct,
        SignalCode::ChangeOfOwnWork,
        SignalCode::MeasuredState,
        SignalCode::VerbOfMind,
        SignalCode::FirstWordVerb,
        SignalCode::StructureMetric,
        SignalCode::StructureThreshold,
        SignalCode::StructureMilestone,
    ];

    /// The stable snake_case name (as in JSON and in the model file).
    pub fn name(self) -> &'static str {
        use SignalCode::*;
        match self {
            LeadingOutputVerb => "leading_output_verb",
            LeadingOutcomeVerb => "leading_outcome_verb",
            ChangeVerb => "change_verb",
            CompletionState => "completion_state",
            DeliverableNoun => "deliverable_noun",
            DeliverableCount => "deliverable_count",
            ActivityCount => "activity_count",
            MetricNoun => "metric_noun",
            MeasurePhrase => "measure_phrase",
            FromToPattern => "from_to_pattern",
            RelativeChange => "relative_change",
            Comparator => "comparator",
            Percentage => "percentage",
            Currency => "currency",
            Quantity => "quantity",
            LeadingVerb => "leading_verb",
            VerbOfCreation => "verb_of_creation",
            VerbOfCommunication => "verb_of_communication",
            VerbOfSocialAct => "verb_of_social_act",
            VerbOfChange => "verb_of_change",
            VerbOfPossession => "verb_of_possession",
            VerbOfCognition => "verb_of_cognition",
            CountOfPeople => "count_of_people",
            CountOfThings => "count_of_things",
            PeriodWord => "period_word",
            Baseline => "baseline",
            PartOfWhole => "part_of_whole",
            TeamSubject => "team_subject",
            ZeroTarget => "zero_target",
            PassiveState => "passive_state",
            ObjectIsThing => "object_is_thing",
            ObjectIsPeople => "object_is_people",
            PeopleSubject => "people_subject",
            PresentTense => "present_tense",
            ShareOf => "share_of",
            TimeLimit => "time_limit",
            NoLeadingVerb => "no_leading_verb",
            AudienceAct => "audience_act",
            ChangeOfOwnWork => "change_of_own_work",
            MeasuredState => "measured_state",
            VerbOfMind => "verb_of_mind",
            FirstWordVerb => "first_word_verb",
            StructureMetric => "structure_metric",
            StructureThreshold => "structure_threshold",
            StructureMilestone => "structure_milestone",
        }
    }

    /// The code of a snake_case name.
    pub fn from_name(name: &str) -> Option<SignalCode> {
        SignalCode::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Which side of R1 this evidence points to in the embedded model (the
    /// sign of its learned weight; a structure milestone is always an
    /// output).
    pub fn points_to(self) -> StatementKind {
        if super::model::Model::embedded().contribution(self) > 0.0 {
            StatementKind::Outcome
        } else {
            StatementKind::Output
        }
    }
}

/// Most matched phrases quoted per signal.
const MAX_QUOTES: usize = 3;

/// One piece of evidence, and what it points to (R1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
pub(crate) struct Acc {
    pub(crate) count: u32,
    quotes: [(u32, u32); MAX_QUOTES],
    pub(crate) first_token: u32,
}

/// The result of reading one statement: which features fired, and where.
/// Lent from the thread's reused buffers (see [`analyze`]), so the evidence
/// (1.4 KB) is never copied.
pub(crate) struct Analysis<'a> {
    pub(crate) acc: &'a [Acc; CODES],
    /// The statement has a number, a percentage, a bound or a baseline.
    pub(crate) has_number: bool,
    /// Index of the best outcome hint, `NO_HINT` if none.
    pub(crate) hint: u8,
}

impl Analysis<'_> {
    /// Whether `code` fired.
    #[inline]
    pub(crate) fn fired(&self, code: SignalCode) -> bool {
        self.acc[code as usize].count > 0
    }
}

struct Reader<'a> {
    lex: &'a Lexicon,
    lower: &'a str,
    toks: &'a [Token],
    /// A "by N" seen before we know whether a verb of change is around.
    pending_by: Option<(usize, usize)>,
    info: &'a [WordInfo],
    acc: &'a mut [Acc; CODES],
    /// Index of the present-tense verb of a clause not led by a verb
    /// (`usize::MAX`: none): what follows it is what the subject does.
    present_at: usize,
}

/// Buffers reused from statement to statement, one set per thread, so
/// reading a statement allocates nothing but its result.
struct Scratch {
    tokens: Tokens,
    info: Vec<WordInfo>,
    leading: Vec<bool>,
    /// The evidence of the statement being read.
    acc: [Acc; CODES],
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            tokens: Tokens::new(),
            info: Vec::with_capacity(MAX_TOKENS),
            leading: Vec::with_capacity(MAX_TOKENS),
            acc: [Acc::default(); CODES],
        }
    }
}

thread_local! {
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
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

    fn is_word(&self, i: usize, f: u64) -> bool {
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
        let acc = &mut self.acc[code as usize];
        let (start, end) = match (self.toks.get(first), self.toks.get(last)) {
            (Some(a), Some(b)) => (a.start, b.end.max(a.start)),
            _ => (0, 0),
        };
        if acc.count == 0 {
            acc.first_token = first as u32;
        } else if acc.quotes[..(acc.count as usize).min(MAX_QUOTES)]
            .iter()
            .any(|q| q.0 == start)
        {
            // One quote per span: a token matched twice is not quoted twice.
            return;
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

/// Reads a statement with a compiled vocabulary, and hands what it found
/// to `then` (the analysis lives in the thread's reused buffers, so it is
/// lent, not returned).
pub(crate) fn analyze<R>(
    lex: &Lexicon,
    text: &str,
    structure: StructureHint,
    then: impl FnOnce(&Analysis<'_>) -> R,
) -> R {
    // The thread's buffers are taken out while in use: a call from within
    // `then`, or on a thread being torn down, finds none and makes fresh ones.
    let mut scratch = SCRATCH
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_else(|| Box::new(Scratch::new()));
    let r = then(&analyze_in(&mut scratch, lex, text, structure));
    let _ = SCRATCH.try_with(|cell| cell.set(Some(scratch)));
    r
}

fn analyze_in<'s>(
    scratch: &'s mut Scratch,
    lex: &Lexicon,
    text: &str,
    structure: StructureHint,
) -> Analysis<'s> {
    let Scratch {
        tokens,
        info,
        leading,
        acc,
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
    *acc = [Acc::default(); CODES];
    let mut r = Reader {
        lex,
        lower,
        toks,
        pending_by: None,
        info,
        acc: &mut *acc,
        present_at: usize::MAX,
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
        if r.is_word(i, flag::WE) {
            r.add(SignalCode::TeamSubject, i, i);
        }
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
            subject_clause(&mut r, i);
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
        // "Hiring managers report…": an -ing word of work straight before a
        // noun (no article, no number) qualifies it.
        let next = r.word(j + 1);
        let ing_before_noun = w.is(flag::OUTPUT_ING)
            && !w.is(flag::OUTPUT_VERB)
            && r.kind(j + 1) == Some(TokKind::Word)
            && next.is(flag::WN_NOUN)
            && !next.is(flag::DETERMINER | flag::MOSTLY_VERB | flag::NUMBER_WORD);
        // "Upgrades take…": a third-person form (or a plural) never leads an
        // imperative.
        let third = w.is(flag::THIRD) && !w.is(flag::BASE_FORM);
        if ing_as_noun || noun_before_metric || ing_before_noun || third {
            subject_clause(&mut r, i);
            continue;
        }
        if w.is(flag::OUTPUT_VERB | flag::OUTPUT_ING) {
            leading[j] = true;
            r.add(SignalCode::LeadingOutputVerb, j, j);
            verb_class(&mut r, j);
            object_class(&mut r, j);
        } else if w.is(flag::OUTCOME_VERB | flag::OUTCOME_ING) {
            leading[j] = true;
            r.add(SignalCode::LeadingOutcomeVerb, j, j);
            verb_class(&mut r, j);
            object_class(&mut r, j);
        } else if imperative(&r, j) {
            leading[j] = true;
            r.add(SignalCode::LeadingVerb, j, j);
            verb_class(&mut r, j);
            object_class(&mut r, j);
        } else if w.is(flag::NONE) && j == i {
            r.add(SignalCode::ZeroTarget, j, j);
        } else {
            if j == i && w.is(flag::WN_VERB) && !w.is(flag::NOT_WORK_VERB | flag::BE) {
                r.add(SignalCode::FirstWordVerb, j, j);
            }
            subject_clause(&mut r, i);
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
                let after_be = prev_is_word && prev_word.is(flag::BE);
                let completion = w.is(flag::COMPLETION | flag::OUTPUT_PAST)
                    && (after_be || clause_end || r.is_word(after, flag::PREP));
                // Any English verb as a participle after "is", "are", "have"
                // ("is written, reviewed and shared").
                let listed = i >= 2
                    && r.kind(i - 1) == Some(TokKind::Comma)
                    && r.acc[SignalCode::PassiveState as usize].count > 0;
                if w.is(flag::WN_PAST)
                    && !w.is(flag::ANY_OUTCOME_VERB | flag::BE)
                    && (after_be || listed)
                {
                    // "95% of tickets are resolved": a measured state.
                    let measured = (0..i).any(|k| r.is_num(k) || toks[k].kind == TokKind::Percent);
                    if measured && !listed {
                        r.add(SignalCode::MeasuredState, i, i);
                    } else if !r.has(SignalCode::MeasuredState) {
                        r.add(SignalCode::PassiveState, i, i);
                    }
                }
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
                // "Team members rely on the handbook": what people use, not
                // work to ship.
                let used = i > r.present_at && !r.has(SignalCode::TeamSubject);
                if w.is(flag::OUTPUT_NOUN)
                    && !w.is(flag::METRIC)
                    && !qualifies_metric
                    && !audience_of(&r, i)
                    && !used
                {
                    r.add(SignalCode::DeliverableNoun, i, i);
                }
                // "number of …", "percentage of …".
                if w.is(flag::MEASURE_HEAD) && r.is_word(after, flag::OF) {
                    measure_of(&mut r, i, after + 1);
                }
                if w.is(flag::PERIODIC) {
                    r.add(SignalCode::PeriodWord, i, i);
                }
                if w.is(flag::BASELINE) && r.num_within(after, 2).is_some() {
                    r.add(SignalCode::Baseline, i, r.num_within(after, 2).unwrap_or(i));
                }
                // "per month", "every week".
                if w.is(flag::PER) && r.is_word(after, flag::DURATION) {
                    r.add(SignalCode::MeasurePhrase, i, after);
                }
                // "from X to Y"; "from X" alone is a baseline.
                if w.is(flag::FROM)
                    && let Some(a) = r.num_within(after, 3)
                {
                    if let Some(end) = to_target(&r, r.num_end(a) + 1) {
                        r.add(SignalCode::FromToPattern, i, end);
                        from_to_end = from_to_end.max(end + 1);
                    } else {
                        r.add(SignalCode::Baseline, i, r.num_end(a));
                    }
                }
                // "8 of 10", "3 out of 4".
                if w.is(flag::OF) && i > 0 && r.is_num(i - 1) && r.num_within(after, 1).is_some() {
                    r.add(SignalCode::PartOfWhole, i - 1, after);
                }
                // Only at prepositions (a flag test) and "that" (one string
                // comparison per other word): "without a crash", "that no…".
                if (w.is(flag::PREP) || r.text(i) == "that")
                    && let Some(k) = none_of(&r, i)
                {
                    r.add(SignalCode::ZeroTarget, i, k);
                }
                // "within 5 minutes", "in 3 days".
                if matches!(r.text(i), "within" | "in" | "under")
                    && let Some(a) = r.num_within(after, 2)
                    && (a + 1..=r.num_end(a)).any(|k| r.is_word(k, flag::DURATION))
                {
                    r.add(SignalCode::TimeLimit, i, r.num_end(a));
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
                    } else if r.pending_by.is_none() && !is_year(&r, a) {
                        // "by 2026" is a deadline, not a change of 2026.
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
                    r.add(SignalCode::ShareOf, i.saturating_sub(1), i + 1);
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

    // People counted after a verb of work are the team's own hires or
    // trainees ("Hire 3 engineers"), not people won.
    if r.has(SignalCode::LeadingOutputVerb) {
        r.acc[SignalCode::CountOfPeople as usize] = Acc::default();
        r.acc[SignalCode::ObjectIsPeople as usize] = Acc::default();
    }
    // A count of people is an audience's size only in a statement of a
    // state ("40k monthly readers"); after an instruction, what the verb
    // and its object are says more.
    if r.has(SignalCode::LeadingVerb) || r.has(SignalCode::LeadingOutcomeVerb) {
        r.acc[SignalCode::CountOfPeople as usize] = Acc::default();
    }

    // "by 2" counts as a relative change only next to a verb of change.
    let change = r.has(SignalCode::LeadingOutcomeVerb) || r.has(SignalCode::ChangeVerb);
    if change && let Some((a, b)) = r.pending_by {
        r.add(SignalCode::RelativeChange, a, b);
    }

    // No clause led by a verb: how the evidence found is phrased, not
    // evidence of its own ("The platform" stays undetermined).
    if !r.has(SignalCode::LeadingOutputVerb)
        && !r.has(SignalCode::LeadingOutcomeVerb)
        && !r.has(SignalCode::LeadingVerb)
        && r.acc.iter().any(|a| a.count > 0)
    {
        r.add(SignalCode::NoLeadingVerb, 0, 0);
    }

    // 3. Structure (what the key result's fields say, beyond its text). A
    // clause led by a verb of work wins over a metric or a threshold: "Run 12
    // customer interviews" tracked from 0 to 12 counts the team's own work
    // (R1); the structure then adds nothing.
    let work_led = r.has(SignalCode::LeadingOutputVerb) || r.has(SignalCode::LeadingVerb);
    match structure {
        StructureHint::None => {}
        StructureHint::Metric if !work_led => r.add(SignalCode::StructureMetric, n, n),
        StructureHint::Threshold if !work_led => r.add(SignalCode::StructureThreshold, n, n),
        StructureHint::Metric | StructureHint::Threshold => {}
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
    .any(|c| r.has(*c))
        || stated_target(&r);
    Analysis {
        acc,
        has_number,
        hint,
    }
}

/// The leading word `j` reads as an imperative verb: an English verb
/// (WordNet) that is not a copula or an auxiliary, written in its base form,
/// followed by what an imperative takes (a determiner, a number, a particle)
/// or, for a word more often a verb than a noun, by anything but a verb.
fn imperative(r: &Reader<'_>, j: usize) -> bool {
    let w = r.word(j);
    if !w.is(flag::WN_VERB) || w.is(flag::NOT_WORK_VERB | flag::BE) {
        return false;
    }
    let next = r.word(j + 1);
    let next_kind = r.kind(j + 1);
    let takes_object = matches!(
        next_kind,
        Some(TokKind::Number | TokKind::Currency | TokKind::Comparator)
    ) || (next_kind == Some(TokKind::Word)
        && next.is(flag::DETERMINER | flag::NUMBER_WORD));
    if takes_object {
        return true;
    }
    // "Support ticket volume…", "Sales calls…": a noun before a noun is a
    // compound, not a verb and its object.
    let compound = w.is(flag::WN_NOUN)
        && next_kind == Some(TokKind::Word)
        && next.is(flag::WN_NOUN | flag::METRIC | flag::OUTPUT_NOUN)
        && !next.is(flag::MOSTLY_VERB);
    let noun_reading = w.is(flag::METRIC | flag::OUTPUT_NOUN) || compound;
    let verb_follows = next_kind == Some(TokKind::Word)
        && next.is(flag::BE | flag::WN_PAST | flag::WN_ING | flag::NOT_WORK_VERB)
        && !next.is(flag::WN_NOUN);
    w.is(flag::MOSTLY_VERB) && !noun_reading && !verb_follows
}

/// "without a crash", "without any downtime", "with no manual step", "ensure
/// that no deploy fails": none of something, a zero target written after the
/// verb (R1: the labelling policy counts the reliability people experience as
/// a result). When token `i` opens one, returns the index of the first word
/// of what there is none of (where the matched phrase ends). Not a way of
/// working ("without sacrificing rigor", "without significantly…": a verb or
/// an adverb next), nor a particular thing left out ("without the browser
/// extension"), nor a bound ("with no more than 5", a comparator).
fn none_of(r: &Reader<'_>, i: usize) -> Option<usize> {
    let next = i + 1;
    let k = match (r.text(i), r.text(next)) {
        ("with" | "that", "no")
            if !matches!(r.text(next + 1), "more" | "less" | "fewer" | "later") =>
        {
            next + 1
        }
        ("without", "a" | "an" | "any") => next + 1,
        ("without", _) => next,
        _ => return None,
    };
    let what = r.text(k);
    (r.kind(k) == Some(TokKind::Word)
        && what != "the"
        && !what.ends_with("ing")
        && !what.ends_with("ly"))
    .then_some(k)
}

/// A clause not led by a verb: who its subject is, and whether its verb is
/// in the present tense.
fn subject_clause(r: &mut Reader<'_>, i: usize) {
    people_subject(r, i);
    present_verb(r, i);
}

/// A subject (nouns, names, numbers) then a verb in the present tense
/// ("10 users tweet", "one customer uses", "Upgrades take"): the verb is a
/// WordNet verb more often used as a verb than as a noun, in its base form
/// (plural subject) or with `-s` / `-es` (singular).
fn present_verb(r: &mut Reader<'_>, i: usize) {
    use super::wordnet::class;
    let end = (i + 10).min(r.toks.len());
    let mut nouns = 0;
    let mut audience = false;
    // The head noun so far names people ("Hiring managers", "the team").
    let mut people_head = false;
    for j in i..end {
        match r.kind(j) {
            Some(TokKind::Word) => {}
            Some(TokKind::Number | TokKind::Percent | TokKind::Comparator | TokKind::Plus) => {
                continue;
            }
            _ => return,
        }
        let w = r.word(j);
        let s = r.text(j);
        if nouns > 0 {
            // "customers are running…", "blogs will post…": a progressive
            // or a modal before a verb is a behaviour too.
            let progressive = matches!(s, "is" | "are") && is_ing(r, j + 1);
            let modal = matches!(s, "will" | "would" | "can" | "could")
                && r.is_word(j + 1, flag::BASE_FORM)
                && r.word(j + 1).is(flag::WN_VERB)
                && !r.word(j + 1).is(flag::BE);
            if progressive || modal {
                r.add(SignalCode::PresentTense, i, j + 1);
                r.present_at = r.present_at.min(j + 1);
                if modal {
                    mind_verb(r, j + 1, r.word(j + 1), people_head);
                }
                if audience {
                    r.add(SignalCode::AudienceAct, i, j + 1);
                }
                return;
            }
        }
        if w.is(flag::BE | flag::WN_PAST | flag::WE) {
            return;
        }
        // "Bike to work", "time to resolve": after "to", a verb is an
        // infinitive, not the subject's verb.
        if j > i && r.is_word(j - 1, flag::TO) && w.is(flag::WN_VERB) {
            return;
        }
        // A noun before "is" / "are" ("The setup guide is…") is not a verb.
        if nouns > 0
            && !w.is(flag::DETERMINER | flag::OF | flag::PREP)
            && !r.is_word(j + 1, flag::BE)
        {
            let verb = |v: WordInfo| v.is(flag::BASE_FORM) && v.is(flag::MOSTLY_VERB);
            let third = |cut: usize| {
                s.len() > cut + 2
                    && s.get(..s.len() - cut)
                        .is_some_and(|stem| verb(r.lex.get(stem)))
            };
            // The verb's base form: the word, or the word less its `-s`/`-es`.
            let base = if verb(w) {
                Some(w)
            } else if s.ends_with('s') && !s.ends_with("ss") && third(1) {
                s.get(..s.len() - 1).map(|stem| r.lex.get(stem))
            } else if s.ends_with("es") && third(2) {
                s.get(..s.len() - 2).map(|stem| r.lex.get(stem))
            } else {
                None
            };
            if let Some(base) = base {
                r.add(SignalCode::PresentTense, i, j);
                r.present_at = r.present_at.min(j);
                mind_verb(r, j, base, people_head);
                if audience {
                    r.add(SignalCode::AudienceAct, i, j);
                }
                return;
            }
        }
        if s.ends_with("ly") || w.is(flag::DETERMINER | flag::OF | flag::COMPARATOR) {
            continue;
        }
        if w.is(flag::WN_NOUN) || w.flags == 0 {
            nouns += 1;
            // The head noun (the last one) names people measured, not
            // qualified by a group ("team members").
            let people = |v: WordInfo| matches!(v.nclass, class::PERSON | class::GROUP);
            let qualified = j > i && r.kind(j - 1) == Some(TokKind::Word) && people(r.word(j - 1));
            audience = w.is(flag::METRIC) && people(w) && !qualified;
            people_head = people(w);
        } else if w.is(flag::MOSTLY_VERB) {
            return;
        }
    }
}

/// [`SignalCode::VerbOfMind`] for the present-tense verb at `j`, whose base
/// form's entry is `base`; `people`: the subject's head noun names people.
fn mind_verb(r: &mut Reader<'_>, j: usize, base: WordInfo, people: bool) {
    use super::wordnet::class;
    let counts = (j + 1..j + 3).any(|k| r.is_num(k));
    // Not the subject's verb: after a determiner or a preposition, a noun
    // ("the read path", "ahead of plan"); after "to", an infinitive; before
    // a participle, another noun or "of", a noun too ("a plan defined",
    // "review cycles", "reviews of the handbook").
    let after_noun_marker =
        j > 0 && r.is_word(j - 1, flag::DETERMINER | flag::OF | flag::PREP | flag::TO);
    let next = r.word(j + 1);
    let before_noun = r.kind(j + 1) == Some(TokKind::Word)
        && (next.is(flag::WN_PAST | flag::OF)
            || (next.is(flag::WN_NOUN)
                && !next.is(flag::DETERMINER | flag::PREP | flag::MOSTLY_VERB)));
    // People saying what they think: a verb of saying whose subject is
    // people and which reports a clause (after "that", or a verb soon
    // after: "Managers report that…", "Users say the setup was easy",
    // "Managers say reviews take less time") or an opinion ("would
    // recommend…"). Saying as work reports nothing ("Managers report
    // weekly status to leadership", "Engineers explain how the build
    // works").
    let reports = || {
        people
            && base.vclass == class::COMMUNICATION
            // "explain how the build works" is telling, not an opinion.
            && !matches!(
                r.text(j + 1),
                "how" | "why" | "what" | "where" | "when" | "which" | "who"
            )
            && (r.text(j + 1) == "that"
                || (j > 0 && r.text(j - 1) == "would")
                || (j + 2..(j + 6).min(r.toks.len())).any(|k| {
                    r.is_word(k, flag::BE)
                        || (r.is_word(k, flag::MOSTLY_VERB)
                            && r.is_word(k, flag::BASE_FORM)
                            && !r.is_word(k - 1, flag::TO))
                }))
    };
    // A reported clause may start with a noun ("say reviews take…"): the
    // noun guard is for verbs of thought alone.
    let mind = matches!(
        base.vclass,
        class::COGNITION | class::EMOTION | class::PERCEPTION
    ) && !before_noun;
    if (mind || reports()) && !counts && !after_noun_marker {
        r.add(SignalCode::VerbOfMind, j, j);
    }
}

/// The word at `k` is the `-ing` form of an English verb ("running",
/// "using", "shipping").
fn is_ing(r: &Reader<'_>, k: usize) -> bool {
    if r.kind(k) != Some(TokKind::Word) {
        return false;
    }
    let s = r.text(k);
    let Some(stem) = s.strip_suffix("ing").filter(|st| st.len() >= 2) else {
        return false;
    };
    let verb = |w: &str| r.lex.get(w).is(flag::WN_VERB);
    if verb(stem) {
        return true;
    }
    // "using" → "use"; "running" → "run".
    let mut buf = [0u8; 32];
    if stem.len() < buf.len() {
        buf[..stem.len()].copy_from_slice(stem.as_bytes());
        buf[stem.len()] = b'e';
        if let Ok(with_e) = std::str::from_utf8(&buf[..=stem.len()])
            && verb(with_e)
        {
            return true;
        }
    }
    let b = stem.as_bytes();
    // A doubled final consonant is ASCII; `get` keeps the cut on a character
    // boundary whatever the word ("人ing": the bytes BA BA end one character).
    b.len() >= 3
        && b[b.len() - 1].is_ascii()
        && b[b.len() - 1] == b[b.len() - 2]
        && stem.get(..stem.len() - 1).is_some_and(verb)
}

/// People as the subject of the clause starting at `i`: a noun of persons or
/// groups among its first words, before any verb ("Hiring managers report",
/// "Sales reps are using"), or after "N% of" ("70% of salespeople").
fn people_subject(r: &mut Reader<'_>, i: usize) {
    use super::wordnet::class;
    let mut k = i;
    // "70% of", "at least 90% of", "100 % of all".
    while k < i + 4
        && matches!(
            r.kind(k),
            Some(TokKind::Number | TokKind::Percent | TokKind::Comparator)
        )
        || (r.kind(k) == Some(TokKind::Word)
            && r.word(k).is(flag::COMPARATOR | flag::OF | flag::DETERMINER)
            && k < i + 5)
    {
        k += 1;
    }
    // "40k monthly readers", "25,000 listeners": people counted, not people
    // acting (a count of people has its own feature); "70% of salespeople"
    // is still a subject.
    let counted = (i..k).any(|j| r.kind(j) == Some(TokKind::Number))
        && !(i..k).any(|j| r.kind(j) == Some(TokKind::Percent) || r.is_word(j, flag::OF));
    if counted {
        return;
    }
    for j in k..(k + 4).min(r.toks.len()) {
        if r.kind(j) != Some(TokKind::Word) {
            return;
        }
        let w = r.word(j);
        let noun = w.is(flag::WN_NOUN) && !w.is(flag::MOSTLY_VERB);
        if noun && matches!(w.nclass, class::PERSON | class::GROUP) && !w.is(flag::METRIC) {
            // The head: the last noun of the run ("sales reps", not "sales").
            let next = r.word(j + 1);
            if r.kind(j + 1) == Some(TokKind::Word)
                && next.is(flag::WN_NOUN)
                && !next.is(flag::MOSTLY_VERB | flag::BE)
            {
                continue;
            }
            r.add(SignalCode::PeopleSubject, i, j);
            return;
        }
        if w.is(flag::BE | flag::WN_PAST) || (w.is(flag::MOSTLY_VERB) && j > k) {
            return;
        }
    }
}

/// A deliverable that only says where a measured audience is ("readers of
/// the blog", "traffic to the docs", "subscribers of our newsletter"): a
/// preposition, after a measured thing or people, before it.
fn audience_of(r: &Reader<'_>, i: usize) -> bool {
    use super::wordnet::class;
    let mut k = i;
    while k > 0 && r.kind(k - 1) == Some(TokKind::Word) && r.word(k - 1).is(flag::DETERMINER) {
        k -= 1;
    }
    if k < 2 || !matches!(r.text(k - 1), "of" | "to" | "on" | "in" | "for") {
        return false;
    }
    let head = r.word(k - 2);
    r.kind(k - 2) == Some(TokKind::Word)
        && (head.is(flag::METRIC)
            || (head.is(flag::WN_NOUN) && matches!(head.nclass, class::PERSON | class::GROUP)))
}

/// The head noun of the object of the verb at `j` (the last noun before a
/// preposition, a break or a number after the nouns), and what it is.
fn object_class(r: &mut Reader<'_>, j: usize) {
    use super::wordnet::class;
    let mut head = object_head(r, j + 1);
    // "the number of blog posts": what is counted is the object.
    if let Some(k) = head
        && r.word(k).is(flag::MEASURE_HEAD)
        && r.is_word(k + 1, flag::OF)
        && let Some(h) = object_head(r, k + 2)
    {
        head = Some(h);
    }
    let Some(k) = head else { return };
    let w = r.word(k);
    if w.is(flag::METRIC) {
        return;
    }
    if w.is(flag::OUTPUT_NOUN)
        || matches!(
            w.nclass,
            class::ARTIFACT | class::COMMUNICATION | class::ACT | class::EVENT
        )
    {
        r.add(SignalCode::ObjectIsThing, k, k);
        // Made things (deliverables, artifacts, messages), not acts
        // ("acquisition", "searches") that others may do.
        let made =
            w.is(flag::OUTPUT_NOUN) || matches!(w.nclass, class::ARTIFACT | class::COMMUNICATION);
        if made && r.word(j).is(flag::OUTCOME_VERB | flag::OUTCOME_ING) {
            r.add(SignalCode::ChangeOfOwnWork, j, k);
        }
    } else if matches!(w.nclass, class::PERSON | class::GROUP) {
        r.add(SignalCode::ObjectIsPeople, k, k);
    }
}

/// The head noun of the noun phrase starting at `from`: the last noun
/// before a preposition, a break or a number after the nouns.
fn object_head(r: &Reader<'_>, from: usize) -> Option<usize> {
    let mut head = None;
    for k in from..(from + 7).min(r.toks.len()) {
        match r.kind(k) {
            Some(TokKind::Word) => {
                let w = r.word(k);
                if w.is(flag::PREP | flag::OF | flag::BE) && !w.is(flag::DETERMINER) {
                    break;
                }
                if w.is(flag::WN_NOUN | flag::METRIC | flag::OUTPUT_NOUN) {
                    head = Some(k);
                }
            }
            Some(TokKind::Number | TokKind::Plus | TokKind::Currency) if head.is_none() => {}
            _ => break,
        }
    }
    head
}

/// The WordNet class of the verb that leads a clause, as a feature.
fn verb_class(r: &mut Reader<'_>, j: usize) {
    use super::wordnet::class;
    let code = match r.word(j).vclass {
        class::CREATION => SignalCode::VerbOfCreation,
        class::COMMUNICATION => SignalCode::VerbOfCommunication,
        class::SOCIAL | class::COMPETITION => SignalCode::VerbOfSocialAct,
        class::CHANGE => SignalCode::VerbOfChange,
        class::POSSESSION => SignalCode::VerbOfPossession,
        class::COGNITION => SignalCode::VerbOfCognition,
        _ => return,
    };
    r.add(code, j, j);
}

/// A number counting people or organisations (an outcome, mostly) or
/// things and acts (the team's own activity, mostly), from the WordNet class
/// of the noun it counts.
fn counted_noun(r: &mut Reader<'_>, i: usize, k: usize) {
    use super::wordnet::class;
    let w = r.word(k);
    if w.is(flag::DURATION) {
        return;
    }
    match w.nclass {
        class::PERSON | class::GROUP => r.add(SignalCode::CountOfPeople, i, k),
        class::ARTIFACT | class::COMMUNICATION | class::ACT | class::EVENT => {
            r.add(SignalCode::CountOfThings, i, k)
        }
        _ => {}
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
    if is_year(r, i) {
        return;
    }
    let end = (i + 5).min(r.toks.len());
    // The head noun of the counted phrase: the last word of the run
    // ("40 sales calls" → calls, "25 new enterprise customers" → customers).
    let mut head = None;
    for k in i + 1..end {
        match r.kind(k) {
            Some(TokKind::Word) => {
                let w = r.word(k);
                let article = matches!(r.text(k), "a" | "an" | "the");
                if article || w.is(flag::PREP | flag::OF | flag::BE | flag::PER | flag::DURATION) {
                    break;
                }
                // "10 users tweet": a verb after a plural ends the phrase.
                let plural_before = head.is_some_and(|h| r.text(h).ends_with('s'));
                if plural_before && w.is(flag::BASE_FORM) && !r.text(k).ends_with('s') {
                    break;
                }
                head = Some(k);
            }
            Some(TokKind::Plus | TokKind::Number) => {}
            _ => break,
        }
    }
    if let Some(k) = head {
        counted_noun(r, i, k);
    }
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

/// Whether a target or a baseline is written that no number signal counts:
/// a duration ("to 300 ms") or a number in words ("to one million users"),
/// after "to" or "from". Only for the suggestion: an outcome with one does
/// not lack a number.
fn stated_target(r: &Reader<'_>) -> bool {
    (1..r.toks.len()).any(|k| {
        matches!(r.text(k - 1), "to" | "from")
            && ((r.is_num(k) && !is_year(r, k)) || r.is_word(k, flag::NUMBER_WORD))
    })
}

/// Whether number `i` is a year: four digits from 2000 to 2099, not before
/// a measured thing or a deliverable ("2000 customers") and not a target or
/// a baseline ("to 2000", "from 2010"), unless written as a date
/// ("2019-08"). Other numbers of four digits are quantities: "to 1800",
/// "Achieve 5000 positive reviews".
fn is_year(r: &Reader<'_>, i: usize) -> bool {
    let Some(t) = r.toks.get(i) else {
        return false;
    };
    let text = r.text(i);
    let in_range = text.len() == 4
        && text
            .parse::<u16>()
            .is_ok_and(|y| (2000..=2099).contains(&y));
    if !in_range || r.is_word(i + 1, flag::METRIC | flag::OUTPUT_NOUN) {
        return false;
    }
    // "2019-08" (the hyphen is no token: one character between the two
    // numbers) or "2019/08".
    let month_after = |k: usize| {
        r.toks.get(k).is_some_and(|m| {
            m.kind == TokKind::Number && m.start == t.end + 1 && r.text(k).len() <= 2
        })
    };
    let as_a_date =
        month_after(i + 1) || (r.kind(i + 1) == Some(TokKind::Slash) && month_after(i + 2));
    let target_or_baseline = i
        .checked_sub(1)
        .is_some_and(|p| matches!(r.text(p), "to" | "from"));
    as_a_date || !target_or_baseline
}

/// The words that fired, as written.
pub(crate) fn quote(text: &str, acc: &Acc, structure: StructureHint) -> String {
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
