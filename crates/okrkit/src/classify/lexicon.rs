//! The vocabulary compiled for lookup: one hash map from every inflected
//! form of every word to what the word can be (a set of flags), so the
//! classifier does one lookup per token.

use std::collections::HashMap;

use super::vocabulary::Vocabulary;

/// What a word can be. A word may be several things (`launch` is an output
/// verb and a deliverable noun); its position decides which counts.
pub(crate) mod flag {
    /// Output verb, base or third-person form (`build`, `builds`).
    pub(crate) const OUTPUT_VERB: u32 = 1 << 0;
    /// Output verb, `-ing` form (`building`).
    pub(crate) const OUTPUT_ING: u32 = 1 << 1;
    /// Output verb, past participle (`built`, `shipped`).
    pub(crate) const OUTPUT_PAST: u32 = 1 << 2;
    /// Outcome verb, base or third-person form (`increase`, `increases`).
    pub(crate) const OUTCOME_VERB: u32 = 1 << 3;
    /// Outcome verb, `-ing` form.
    pub(crate) const OUTCOME_ING: u32 = 1 << 4;
    /// Outcome verb, past form.
    pub(crate) const OUTCOME_PAST: u32 = 1 << 5;
    /// Noun of a thing measured.
    pub(crate) const METRIC: u32 = 1 << 6;
    /// Noun of a deliverable.
    pub(crate) const OUTPUT_NOUN: u32 = 1 << 7;
    /// Word saying that work is finished.
    pub(crate) const COMPLETION: u32 = 1 << 8;
    /// A number written as a word (`three`, `zero`, `million`).
    pub(crate) const NUMBER_WORD: u32 = 1 << 9;
    /// A comparator when a number follows (`below`, `least`, `than`).
    pub(crate) const COMPARATOR: u32 = 1 << 10;
    /// Ends "or higher", "or more"…
    pub(crate) const OR_TAIL: u32 = 1 << 11;
    /// A form of "to be" or "to get".
    pub(crate) const BE: u32 = 1 << 12;
    /// A preposition or conjunction that may follow a participle.
    pub(crate) const PREP: u32 = 1 << 13;
    /// Skipped when looking for the verb that leads a clause.
    pub(crate) const SKIP_LEADING: u32 = 1 << 14;
    /// A unit of duration (`days`, `ms`).
    pub(crate) const DURATION: u32 = 1 << 15;
    /// A word before a number that makes it a date (`q`, `week`, `june`).
    pub(crate) const DATE: u32 = 1 << 16;
    /// `per`, `every`.
    pub(crate) const PER: u32 = 1 << 17;
    /// Heads a measure: `number`, `percentage`, `share` (followed by `of`).
    pub(crate) const MEASURE_HEAD: u32 = 1 << 18;
    /// `from`.
    pub(crate) const FROM: u32 = 1 << 19;
    /// `to`.
    pub(crate) const TO: u32 = 1 << 20;
    /// `by`.
    pub(crate) const BY: u32 = 1 << 21;
    /// `of`.
    pub(crate) const OF: u32 = 1 << 22;
    /// `or`.
    pub(crate) const OR: u32 = 1 << 23;
    /// `in`.
    pub(crate) const IN: u32 = 1 << 24;
    /// `place` (as in "in place").
    pub(crate) const PLACE: u32 = 1 << 25;
    /// A multiplier suffix or word (`x` in `2x`, `times`, `fold`).
    pub(crate) const TIMES: u32 = 1 << 26;
    /// A currency written as a word (`usd`, `dollars`, `eur`).
    pub(crate) const CURRENCY: u32 = 1 << 27;
    /// `percent`, `pct`.
    pub(crate) const PERCENT: u32 = 1 << 28;

    /// Any output verb form.
    pub(crate) const ANY_OUTPUT_VERB: u32 = OUTPUT_VERB | OUTPUT_ING | OUTPUT_PAST;
    /// Any outcome verb form.
    pub(crate) const ANY_OUTCOME_VERB: u32 = OUTCOME_VERB | OUTCOME_ING | OUTCOME_PAST;
}

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordInfo {
    pub(crate) flags: u32,
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
        hint: NO_HINT,
    };

    /// True when any of `f` is set.
    #[inline]
    pub(crate) fn is(self, f: u32) -> bool {
        self.flags & f != 0
    }
}

/// foldhash's fast, fixed-seed hasher: the map is built from the vocabulary
/// and only read afterwards, so hash flooding is not a concern, and std's
/// SipHash would cost most of the time of a classification.
type VocabHasher = foldhash::fast::FixedState;

/// A word of at most 16 bytes packed into an integer: looked up without
/// following a pointer or comparing bytes.
#[inline]
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    Some(u128::from_le_bytes(buf))
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
    /// Compiles a vocabulary (and the English grammar words).
    pub(crate) fn new(vocab: &Vocabulary) -> Self {
        let mut lex = Lexicon {
            short: HashMap::with_capacity_and_hasher(4096, VocabHasher::default()),
            long: HashMap::with_hasher(VocabHasher::default()),
            hints: Vec::new(),
        };
        for (words, f) in GRAMMAR {
            for w in *words {
                lex.mark(w, *f);
            }
        }
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

    fn mark(&mut self, word: &str, f: u32) {
        if word.is_empty() {
            return;
        }
        self.entry(word).flags |= f;
    }

    fn noun(&mut self, word: &str, f: u32) {
        for form in noun_forms(word) {
            self.mark(&form, f);
        }
    }

    fn verb(&mut self, word: &str, base: u32, ing: u32, past: u32) {
        for (form, kind) in verb_forms(word) {
            let f = match kind {
                Form::Base => base,
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
        out.push((format!("{stem_minus_last}ies"), Form::Base));
        out.push((format!("{stem_minus_last}ied"), Form::Past));
    } else if matches!(last, 's' | 'x' | 'z' | 'o') || word.ends_with("ch") || word.ends_with("sh")
    {
        out.push((format!("{word}es"), Form::Base));
    } else {
        out.push((format!("{word}s"), Form::Base));
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
                let kind = if *f == "does" { Form::Base } else { Form::Past };
                out.push(((*f).to_string(), kind));
            }
        }
    }
    out
}

/// English grammar words: the glue the patterns need. Not user-extendable.
const GRAMMAR: &[(&[&str], u32)] = &[
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
    fn hints_keep_the_first_index() {
        let lex = Lexicon::new(&Vocabulary::english());
        let cart = lex.get("cart").hint;
        let build = lex.get("launch").hint;
        assert!(cart < build);
        assert!(lex.hints().count() > usize::from(cart));
    }
}
