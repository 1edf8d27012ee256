//! The vocabulary compiled for lookup: one hash map from every inflected
//! form of every word to what the word can be (a set of flags), so the
//! classifier does one lookup per token.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::vocabulary::Vocabulary;
use super::wordnet;

/// What a word can be. A word may be several things (`launch` is an output
/// verb and a deliverable noun); its position decides which counts.
pub(crate) mod flag {
    /// Output verb, base or third-person form (`build`, `builds`).
    pub(crate) const OUTPUT_VERB: u64 = 1 << 0;
    /// Output verb, `-ing` form (`building`).
    pub(crate) const OUTPUT_ING: u64 = 1 << 1;
    /// Output verb, past participle (`built`, `shipped`).
    pub(crate) const OUTPUT_PAST: u64 = 1 << 2;
    /// Outcome verb, base or third-person form (`increase`, `increases`).
    pub(crate) const OUTCOME_VERB: u64 = 1 << 3;
    /// Outcome verb, `-ing` form.
    pub(crate) const OUTCOME_ING: u64 = 1 << 4;
    /// Outcome verb, past form.
    pub(crate) const OUTCOME_PAST: u64 = 1 << 5;
    /// Noun of a thing measured.
    pub(crate) const METRIC: u64 = 1 << 6;
    /// Noun of a deliverable.
    pub(crate) const OUTPUT_NOUN: u64 = 1 << 7;
    /// Word saying that work is finished.
    pub(crate) const COMPLETION: u64 = 1 << 8;
    /// A number written as a word (`three`, `zero`, `million`).
    pub(crate) const NUMBER_WORD: u64 = 1 << 9;
    /// A comparator when a number follows (`below`, `least`, `than`).
    pub(crate) const COMPARATOR: u64 = 1 << 10;
    /// Ends "or higher", "or more"…
    pub(crate) const OR_TAIL: u64 = 1 << 11;
    /// A form of "to be" or "to get".
    pub(crate) const BE: u64 = 1 << 12;
    /// A preposition or conjunction that may follow a participle.
    pub(crate) const PREP: u64 = 1 << 13;
    /// Skipped when looking for the verb that leads a clause.
    pub(crate) const SKIP_LEADING: u64 = 1 << 14;
    /// A unit of duration (`days`, `ms`).
    pub(crate) const DURATION: u64 = 1 << 15;
    /// A word before a number that makes it a date (`q`, `week`, `june`).
    pub(crate) const DATE: u64 = 1 << 16;
    /// `per`, `every`.
    pub(crate) const PER: u64 = 1 << 17;
    /// Heads a measure: `number`, `percentage`, `share` (followed by `of`).
    pub(crate) const MEASURE_HEAD: u64 = 1 << 18;
    /// `from`.
    pub(crate) const FROM: u64 = 1 << 19;
    /// `to`.
    pub(crate) const TO: u64 = 1 << 20;
    /// `by`.
    pub(crate) const BY: u64 = 1 << 21;
    /// `of`.
    pub(crate) const OF: u64 = 1 << 22;
    /// `or`.
    pub(crate) const OR: u64 = 1 << 23;
    /// `in`.
    pub(crate) const IN: u64 = 1 << 24;
    /// `place` (as in "in place").
    pub(crate) const PLACE: u64 = 1 << 25;
    /// A multiplier suffix or word (`x` in `2x`, `times`, `fold`).
    pub(crate) const TIMES: u64 = 1 << 26;
    /// A currency written as a word (`usd`, `dollars`, `eur`).
    pub(crate) const CURRENCY: u64 = 1 << 27;
    /// `percent`, `pct`.
    pub(crate) const PERCENT: u64 = 1 << 28;

    /// An English verb (WordNet), base or third-person form.
    pub(crate) const WN_VERB: u64 = 1 << 29;
    /// An English verb (WordNet), past or past-participle form.
    pub(crate) const WN_PAST: u64 = 1 << 30;
    /// An English verb (WordNet), `-ing` form.
    pub(crate) const WN_ING: u64 = 1 << 31;
    /// An English noun (WordNet), singular or plural.
    pub(crate) const WN_NOUN: u64 = 1 << 32;
    /// More often a verb than a noun (WordNet concordance counts).
    pub(crate) const MOSTLY_VERB: u64 = 1 << 33;
    /// A word that opens a noun phrase after an imperative (`a`, `the`,
    /// `our`, `all`, `new`…).
    pub(crate) const DETERMINER: u64 = 1 << 34;
    /// A verb that does not make an imperative of work (`be`, `have`…).
    pub(crate) const NOT_WORK_VERB: u64 = 1 << 35;
    /// A word of a period, as an adjective (`monthly`, `weekly`).
    pub(crate) const PERIODIC: u64 = 1 << 36;
    /// Marks a baseline (`currently`, `was`, `vs`).
    pub(crate) const BASELINE: u64 = 1 << 37;
    /// A subject pronoun of the team (`we`, `we've`).
    pub(crate) const WE: u64 = 1 << 38;
    /// A word of negation that can set a zero target (`no`, `zero`, `none`).
    pub(crate) const NONE: u64 = 1 << 39;

    /// The base form of a verb (`build`), as an imperative is written.
    pub(crate) const BASE_FORM: u64 = 1 << 40;
    /// A third-person form of a verb (`builds`), or a plural noun alike.
    pub(crate) const THIRD: u64 = 1 << 41;

    /// Any output verb form.
    pub(crate) const ANY_OUTPUT_VERB: u64 = OUTPUT_VERB | OUTPUT_ING | OUTPUT_PAST;
    /// Any outcome verb form.
    pub(crate) const ANY_OUTCOME_VERB: u64 = OUTCOME_VERB | OUTCOME_ING | OUTCOME_PAST;
}

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordInfo {
    pub(crate) flags: u64,
    /// WordNet class of the word as a verb ([`super::wordnet::Class`] as `u8`).
    pub(crate) vclass: u8,
    /// WordNet class of the word as a noun.
    pub(crate) nclass: u8,
    /// Index of the first outcome hint this word triggers, `NO_HINT` if none.
    pub(crate) hint: u8,
}

/// No outcome hint.
pub(crate) const NO_HINT: u8 = u8::MAX;

impl Default for WordInfo {
    fn default() -> Self {
        WordInfo::NONE
    }
}

impl WordInfo {
    const NONE: WordInfo = WordInfo {
        flags: 0,
        vclass: 0,
        nclass: 0,
        hint: NO_HINT,
    };

    /// True when any of `f` is set.
    #[inline]
    pub(crate) fn is(self, f: u64) -> bool {
        self.flags & f != 0
    }
}

/// foldhash's fast, fixed-seed hasher: the map is built from the vocabulary
/// and only read afterwards, so hash flooding is not a concern, and std's
/// SipHash would cost most of the time of a classification.
type VocabHasher = foldhash::fast::FixedState;

/// A word of at most 16 bytes packed into an integer: looked up without
/// following a pointer or comparing bytes. The bytes are little-endian,
/// zero-padded; they are read with a few (overlapping) loads rather than
/// copied into a buffer, which costs a call to `memcpy` and stalls the read
/// that follows it.
#[inline]
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    // The 8 (or 4) bytes from `at`, little-endian. The lengths below keep
    // every read inside the word; a read at the end overlaps the one at the
    // start, and its bytes already read are shifted out.
    let u64_at = |at: usize| {
        b.get(at..at + 8)
            .map_or(0, |s| u64::from_le_bytes(s.try_into().unwrap_or_default()))
    };
    let u32_at = |at: usize| {
        b.get(at..at + 4)
            .map_or(0, |s| u32::from_le_bytes(s.try_into().unwrap_or_default()))
    };
    let key = match n {
        0 => 0,
        1..=3 => {
            let (first, mid, last) = (b[0] as u128, b[n / 2] as u128, b[n - 1] as u128);
            first | mid << (8 * (n / 2)) | last << (8 * (n - 1))
        }
        4..=7 => {
            let lo = u32_at(0) as u128;
            let hi = (u32_at(n - 4) as u64 >> (8 * (8 - n))) as u128;
            lo | hi << 32
        }
        8..=16 => {
            let lo = u64_at(0) as u128;
            let hi = u64_at(n - 8).checked_shr(8 * (16 - n) as u32).unwrap_or(0) as u128;
            lo | hi << 64
        }
        _ => return None,
    };
    Some(key)
}

/// The compiled vocabulary.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    /// Words of up to 16 bytes (nearly all), packed.
    short: HashMap<u128, WordInfo, VocabHasher>,
    /// Longer words.
    long: HashMap<Box<str>, WordInfo, VocabHasher>,
    hints: Vec<String>,
}

impl Lexicon {
    /// The English grammar words and the WordNet classes: the same for every
    /// vocabulary, compiled once per process.
    fn base() -> &'static Lexicon {
        static BASE: LazyLock<Lexicon> = LazyLock::new(Lexicon::compile_base);
        &BASE
    }

    /// [`Lexicon::base`], compiled anew (not kept for later vocabularies).
    fn compile_base() -> Lexicon {
        let mut lex = Lexicon {
            short: HashMap::with_capacity_and_hasher(96_000, VocabHasher::default()),
            long: HashMap::with_hasher(VocabHasher::default()),
            hints: Vec::new(),
        };
        lex.wordnet();
        for (words, f) in GRAMMAR {
            for w in *words {
                lex.mark(w, *f);
            }
        }
        lex.shrink();
        lex
    }

    /// Gives back the room reserved while compiling: the table then holds
    /// its words at up to 7/8 load, in half the memory (2 MB, not 4), so
    /// more of it stays in the CPU's caches.
    fn shrink(&mut self) {
        self.short.shrink_to_fit();
        self.long.shrink_to_fit();
    }

    /// Adds the WordNet verbs (every form) and common nouns (with plural).
    fn wordnet(&mut self) {
        let (words, irregular) = wordnet::entries();
        let mut classes: HashMap<&str, u8, VocabHasher> =
            HashMap::with_capacity_and_hasher(words.len(), VocabHasher::default());
        for e in &words {
            if e.verb != 0 {
                classes.insert(e.word, e.verb);
                let mut spellings = vec![e.word.to_string()];
                // British spelling: prioritise, formalise, organise.
                if let Some(stem) = e.word.strip_suffix("ize") {
                    spellings.push(format!("{stem}ise"));
                }
                for w in &spellings {
                    // Base and past forms only: an imperative is written in
                    // the base form, a state reached with a participle; the
                    // other forms would only make the table bigger (slower).
                    for (form, kind) in verb_forms(w) {
                        let f = match kind {
                            Form::Base => flag::WN_VERB | flag::BASE_FORM,
                            Form::Past => flag::WN_PAST,
                            Form::Third | Form::Ing => continue,
                        };
                        let info = self.entry(&form);
                        info.flags |= f;
                        if info.vclass == 0 {
                            info.vclass = e.verb;
                        }
                    }
                    if e.mostly_verb {
                        self.mark(w, flag::MOSTLY_VERB);
                    }
                }
            }
            if e.noun != 0 {
                for form in noun_forms(e.word) {
                    let info = self.entry(&form);
                    info.flags |= flag::WN_NOUN;
                    if info.nclass == 0 {
                        info.nclass = e.noun;
                    }
                }
            }
        }
        for (form, lemma) in irregular {
            let vclass = classes.get(lemma).copied().unwrap_or(wordnet::class::OTHER);
            let info = self.entry(form);
            info.flags |= flag::WN_PAST;
            if info.vclass == 0 {
                info.vclass = vclass;
            }
        }
    }

    /// Compiles a vocabulary (over the English grammar words and WordNet).
    pub(crate) fn new(vocab: &Vocabulary) -> Self {
        let base = Self::base();
        Self::over(
            Lexicon {
                short: base.short.clone(),
                long: base.long.clone(),
                hints: Vec::new(),
            },
            vocab,
        )
    }

    /// [`Lexicon::new`] over a base compiled for it alone: for the process's
    /// one default classifier, which then holds the only copy of the base
    /// (the cached one, a second copy of the same few megabytes, is made
    /// only if another vocabulary is compiled).
    pub(crate) fn new_alone(vocab: &Vocabulary) -> Self {
        Self::over(Self::compile_base(), vocab)
    }

    /// `vocab` compiled over `lex` (a base).
    fn over(mut lex: Lexicon, vocab: &Vocabulary) -> Self {
        for v in vocab.output_verbs() {
            lex.verb(v, flag::OUTPUT_VERB, flag::OUTPUT_ING, flag::OUTPUT_PAST);
            if !v.starts_with("re") {
                lex.verb(
                    &format!("re{v}"),
                    flag::OUTPUT_VERB,
                    flag::OUTPUT_ING,
                    flag::OUTPUT_PAST,
                );
            }
        }
        for v in vocab.outcome_verbs() {
            lex.verb(v, flag::OUTCOME_VERB, flag::OUTCOME_ING, flag::OUTCOME_PAST);
        }
        for n in vocab.metric_nouns() {
            lex.noun(n, flag::METRIC);
        }
        for n in vocab.output_nouns() {
            lex.noun(n, flag::OUTPUT_NOUN);
        }
        for w in vocab.completion_words() {
            lex.mark(w, flag::COMPLETION);
        }
        for (i, hint) in vocab
            .outcome_hints()
            .iter()
            .enumerate()
            .take(usize::from(NO_HINT))
        {
            lex.hints.push(hint.outcome.clone());
            let i = i as u8;
            for t in &hint.triggers {
                for form in noun_forms(t)
                    .into_iter()
                    .chain(verb_forms(t).into_iter().map(|f| f.0))
                {
                    let e = lex.entry(&form);
                    e.hint = e.hint.min(i);
                }
            }
        }
        lex.shrink();
        lex
    }

    /// What the lexicon knows about a lowercased word.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> WordInfo {
        let found = match pack(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        found.copied().unwrap_or(WordInfo::NONE)
    }

    fn entry(&mut self, word: &str) -> &mut WordInfo {
        match pack(word) {
            Some(key) => self.short.entry(key).or_insert(WordInfo::NONE),
            None => self.long.entry(word.into()).or_insert(WordInfo::NONE),
        }
    }

    /// The outcomes named by the hints, in order.
    pub(crate) fn hints(&self) -> impl Iterator<Item = &str> {
        self.hints.iter().map(String::as_str)
    }

    fn mark(&mut self, word: &str, f: u64) {
        if word.is_empty() {
            return;
        }
        self.entry(word).flags |= f;
    }

    fn noun(&mut self, word: &str, f: u64) {
        for form in noun_forms(word) {
            self.mark(&form, f);
        }
    }

    fn verb(&mut self, word: &str, base: u64, ing: u64, past: u64) {
        for (form, kind) in verb_forms(word) {
            let f = match kind {
                Form::Base => base | flag::BASE_FORM,
                Form::Third => base | flag::THIRD,
                Form::Ing => ing,
                Form::Past => past,
            };
            self.mark(&form, f);
        }
    }
}

#[derive(Clone, Copy)]
enum Form {
    Base,
    /// Third person singular (`builds`): never an imperative.
    Third,
    Ing,
    Past,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A noun and its plural.
fn noun_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let last: Vec<char> = word.chars().rev().take(2).collect();
    match last.as_slice() {
        ['y', c, ..] if !is_vowel(*c) => {
            out.push(format!("{}ies", &word[..word.len() - 1]));
        }
        ['s', ..] | ['x', ..] | ['z', ..] | ['h', 'c', ..] | ['h', 's', ..] => {
            out.push(format!("{word}es"));
        }
        [] => {}
        _ => out.push(format!("{word}s")),
    }
    out
}

/// Irregular past forms of common verbs.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("build", &["built"]),
    ("rebuild", &["rebuilt"]),
    ("hold", &["held"]),
    ("write", &["wrote", "written"]),
    ("rewrite", &["rewrote", "rewritten"]),
    ("run", &["ran"]),
    ("do", &["did", "done", "does"]),
    ("make", &["made"]),
    ("grow", &["grew", "grown"]),
    ("begin", &["began", "begun"]),
    ("lead", &["led"]),
    ("send", &["sent"]),
    ("meet", &["met"]),
    ("buy", &["bought"]),
    ("teach", &["taught"]),
    ("draw", &["drew", "drawn"]),
    ("drive", &["drove", "driven"]),
    ("keep", &["kept"]),
    ("win", &["won"]),
    ("set", &["set"]),
    ("cut", &["cut"]),
    ("hit", &["hit"]),
    ("put", &["put"]),
    ("undertake", &["undertook", "undertaken"]),
];

/// A verb's regular (and known irregular) forms.
fn verb_forms(word: &str) -> Vec<(String, Form)> {
    let mut out = vec![(word.to_string(), Form::Base)];
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n == 0 {
        return out;
    }
    let last = chars[n - 1];
    let before = if n >= 2 { Some(chars[n - 2]) } else { None };
    let stem_minus_last: String = chars[..n - 1].iter().collect();
    // Third person.
    if last == 'y' && before.is_some_and(|b| !is_vowel(b)) {
        out.push((format!("{stem_minus_last}ies"), Form::Third));
        out.push((format!("{stem_minus_last}ied"), Form::Past));
    } else if matches!(last, 's' | 'x' | 'z' | 'o') || word.ends_with("ch") || word.ends_with("sh")
    {
        out.push((format!("{word}es"), Form::Third));
    } else {
        out.push((format!("{word}s"), Form::Third));
    }
    // Past and -ing.
    if word.ends_with("ie") {
        out.push((format!("{word}d"), Form::Past));
        out.push((
            format!("{}ying", word.strip_suffix("ie").unwrap_or(word)),
            Form::Ing,
        ));
    } else if last == 'e' {
        out.push((format!("{word}d"), Form::Past));
        if word.ends_with("ee") || word.ends_with("ye") || word.ends_with("oe") {
            out.push((format!("{word}ing"), Form::Ing));
        } else {
            out.push((format!("{stem_minus_last}ing"), Form::Ing));
        }
    } else {
        if !(last == 'y' && before.is_some_and(|b| !is_vowel(b))) {
            out.push((format!("{word}ed"), Form::Past));
        }
        out.push((format!("{word}ing"), Form::Ing));
        // Consonant-vowel-consonant: also the doubled forms (ship → shipped).
        let cvc = n >= 3
            && !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && before.is_some_and(is_vowel)
            && !is_vowel(chars[n - 3]);
        if cvc {
            out.push((format!("{word}{last}ed"), Form::Past));
            out.push((format!("{word}{last}ing"), Form::Ing));
        }
    }
    for (base, forms) in IRREGULAR {
        if *base == word {
            for f in *forms {
                let kind = if *f == "does" {
                    Form::Third
                } else {
                    Form::Past
                };
                out.push(((*f).to_string(), kind));
            }
        }
    }
    out
}

/// English grammar words: the glue the patterns need. Not user-extendable.
const GRAMMAR: &[(&[&str], u64)] = &[
    (
        &[
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
            "thousand", "million", "billion", "dozen", "half",
        ],
        flag::NUMBER_WORD,
    ),
    (
        &[
            "below",
            "above",
            "under",
            "over",
            "least",
            "most",
            "than",
            "exceeding",
            "minimum",
            "maximum",
            "max",
            "min",
            "beyond",
            "within",
            "less",
            "fewer",
        ],
        flag::COMPARATOR,
    ),
    (
        &[
            "higher", "more", "better", "above", "greater", "less", "lower", "fewer", "below",
            "over", "under", "faster",
        ],
        flag::OR_TAIL,
    ),
    (
        &[
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "get",
            "gets",
            "got",
            "become",
            "becomes",
            "fully",
            "successfully",
        ],
        flag::BE,
    ),
    (
        &[
            "for",
            "in",
            "by",
            "to",
            "on",
            "at",
            "with",
            "and",
            "or",
            "across",
            "within",
            "before",
            "throughout",
            "after",
            "from",
            "of",
            "into",
            "via",
            "under",
            "as",
            "per",
            "until",
            "so",
            "through",
            "without",
            "but",
        ],
        flag::PREP,
    ),
    (
        &[
            "to",
            "we",
            "will",
            "i",
            "our",
            "team",
            "successfully",
            "fully",
            "re",
            "co",
            "pre",
            "also",
            "then",
            "please",
            "let",
            "us",
            "kr",
            "must",
            "should",
            "shall",
            "and",
            "finally",
            "first",
            "really",
            "actually",
            "jointly",
            "quickly",
        ],
        flag::SKIP_LEADING,
    ),
    (
        &[
            "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year",
            "years", "hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins",
            "second", "seconds", "sec", "secs", "s", "ms", "sprint", "sprints",
        ],
        flag::DURATION,
    ),
    (
        &[
            "q",
            "week",
            "wk",
            "sprint",
            "fy",
            "jan",
            "january",
            "feb",
            "february",
            "mar",
            "march",
            "apr",
            "april",
            "may",
            "jun",
            "june",
            "jul",
            "july",
            "aug",
            "august",
            "sep",
            "sept",
            "september",
            "oct",
            "october",
            "nov",
            "november",
            "dec",
            "december",
            "day",
            "v",
            "version",
            "iteration",
            "phase",
            "level",
            "tier",
            "step",
            "stage",
            "p",
            "l",
        ],
        flag::DATE,
    ),
    (&["per", "every", "each"], flag::PER),
    (
        &[
            "number",
            "percentage",
            "percent",
            "share",
            "proportion",
            "amount",
            "count",
            "ratio",
            "rate",
            "fraction",
            "portion",
            "majority",
        ],
        flag::MEASURE_HEAD,
    ),
    (
        &[
            "a", "an", "the", "our", "all", "every", "each", "new", "this", "that", "these",
            "those", "their", "its", "my", "your", "some", "any", "up", "out", "at", "more", "key",
            "one", "two", "three", "four", "five", "ten", "both", "first", "regular",
        ],
        flag::DETERMINER,
    ),
    (
        &[
            "be", "have", "has", "had", "can", "will", "may", "might", "need", "want", "seem",
            "is", "are", "was", "were", "am", "do", "does",
        ],
        flag::NOT_WORK_VERB,
    ),
    (&["have", "has", "had", "ve"], flag::BE),
    (
        &[
            "daily",
            "weekly",
            "monthly",
            "quarterly",
            "yearly",
            "annual",
            "annually",
            "nightly",
            "hourly",
            "biweekly",
        ],
        flag::PERIODIC,
    ),
    (
        &[
            "currently",
            "was",
            "vs",
            "versus",
            "baseline",
            "today",
            "now",
        ],
        flag::BASELINE,
    ),
    (&["we"], flag::WE),
    (&["no", "zero", "none", "nobody", "never"], flag::NONE),
    (&["from"], flag::FROM),
    (&["to", "into"], flag::TO),
    (&["by"], flag::BY),
    (&["of"], flag::OF),
    (&["or"], flag::OR),
    (&["in"], flag::IN),
    (&["place"], flag::PLACE),
    (&["x", "times", "fold", "×"], flag::TIMES),
    (
        &[
            "usd", "eur", "gbp", "dollar", "dollars", "euro", "euros", "pounds", "k$",
        ],
        flag::CURRENCY,
    ),
    (
        &["percent", "pct", "percentage", "points", "pp", "pts"],
        flag::PERCENT,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The packing `pack` must equal: the bytes copied into a zeroed buffer.
    fn padded(word: &str) -> Option<u128> {
        let b = word.as_bytes();
        (b.len() <= 16).then(|| {
            let mut buf = [0u8; 16];
            buf[..b.len()].copy_from_slice(b);
            u128::from_le_bytes(buf)
        })
    }

    #[test]
    fn every_length_packs_as_the_zero_padded_bytes() {
        let text = "abcdefghijklmnopqrstu";
        for n in 0..=text.len() {
            assert_eq!(pack(&text[..n]), padded(&text[..n]), "{n} bytes");
        }
        assert_eq!(pack("é"), padded("é"));
    }

    proptest! {
        #[test]
        fn any_word_packs_as_the_zero_padded_bytes(word in "\\PC{0,18}") {
            prop_assert_eq!(pack(&word), padded(&word));
        }
    }

    #[test]
    fn inflections_are_generated() {
        let lex = Lexicon::new(&Vocabulary::english());
        assert!(lex.get("shipped").is(flag::OUTPUT_PAST));
        assert!(lex.get("shipping").is(flag::OUTPUT_ING));
        assert!(lex.get("built").is(flag::OUTPUT_PAST));
        assert!(lex.get("creating").is(flag::OUTPUT_ING));
        assert!(lex.get("identified").is(flag::OUTPUT_PAST));
        assert!(lex.get("reducing").is(flag::OUTCOME_ING));
        assert!(lex.get("cutting").is(flag::OUTCOME_ING));
        assert!(lex.get("increases").is(flag::OUTCOME_VERB));
        assert!(lex.get("rates").is(flag::METRIC));
        assert!(lex.get("studies").is(flag::OUTPUT_NOUN));
        assert!(lex.get("reimplement").is(flag::OUTPUT_VERB));
        assert_eq!(lex.get("unknownword"), WordInfo::NONE);
    }

    #[test]
    fn a_lexicon_over_its_own_base_equals_one_over_the_cached_base() {
        let vocab = Vocabulary::english();
        let (cached, alone) = (Lexicon::new(&vocab), Lexicon::new_alone(&vocab));
        assert!(cached.short.len() > 30_000, "{}", cached.short.len());
        // No room is left reserved beyond what 7/8 load needs.
        assert!(
            cached.short.capacity() < cached.short.len() * 2,
            "{} words in room for {}",
            cached.short.len(),
            cached.short.capacity()
        );
        assert_eq!(alone.short, cached.short);
        assert_eq!(alone.long, cached.long);
        assert_eq!(alone.hints, cached.hints);
    }

    #[test]
    fn hints_keep_the_first_index() {
        let lex = Lexicon::new(&Vocabulary::english());
        let cart = lex.get("cart").hint;
        let build = lex.get("launch").hint;
        assert!(cart < build);
        assert!(lex.hints().count() > usize::from(cart));
    }
}
