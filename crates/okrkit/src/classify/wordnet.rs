//! English word classes from WordNet 3.0 (Princeton University; licence in
//! `data/WORDNET-LICENSE`), embedded as data: every verb WordNet knows (so a
//! leading imperative verb is recognised whatever it is, not only listed
//! ones) and the common nouns, each with the supersense of its most frequent
//! sense ("creation", "person", "artifact"…) and whether it is more often a
//! verb than a noun. `data/gen_wordnet.py` regenerates `data/wordnet.tsv`
//! from Debian's `wordnet-base`.

/// The embedded table (see `data/gen_wordnet.py` for the format).
const TABLE: &str = include_str!("data/wordnet.tsv");

/// WordNet supersenses (lexicographer files), as stored in
/// [`super::lexicon::WordInfo`]; 0 is "unknown".
pub(crate) mod class {
    /// Verb classes.
    pub(crate) const CHANGE: u8 = 1;
    pub(crate) const CREATION: u8 = 2;
    pub(crate) const COMMUNICATION: u8 = 3;
    pub(crate) const SOCIAL: u8 = 4;
    pub(crate) const POSSESSION: u8 = 5;
    pub(crate) const COGNITION: u8 = 6;
    pub(crate) const PERCEPTION: u8 = 7;
    pub(crate) const EMOTION: u8 = 8;
    pub(crate) const MOTION: u8 = 9;
    pub(crate) const CONTACT: u8 = 10;
    pub(crate) const COMPETITION: u8 = 11;
    pub(crate) const CONSUMPTION: u8 = 12;
    pub(crate) const BODY: u8 = 13;
    pub(crate) const STATIVE: u8 = 14;
    pub(crate) const WEATHER: u8 = 15;
    /// Noun classes (communication, cognition, possession, motion… are
    /// shared with verbs where the names agree).
    pub(crate) const PERSON: u8 = 16;
    pub(crate) const GROUP: u8 = 17;
    pub(crate) const ARTIFACT: u8 = 18;
    pub(crate) const ACT: u8 = 19;
    pub(crate) const EVENT: u8 = 20;
    pub(crate) const ATTRIBUTE: u8 = 21;
    pub(crate) const QUANTITY: u8 = 22;
    pub(crate) const TIME: u8 = 23;
    pub(crate) const STATE: u8 = 24;
    pub(crate) const FEELING: u8 = 25;
    pub(crate) const OTHER: u8 = 26;

    /// The class of a WordNet lexicographer file name.
    pub(crate) fn of(name: &str) -> u8 {
        match name {
            "change" => CHANGE,
            "creation" => CREATION,
            "communication" => COMMUNICATION,
            "social" => SOCIAL,
            "possession" => POSSESSION,
            "cognition" => COGNITION,
            "perception" => PERCEPTION,
            "emotion" => EMOTION,
            "motion" => MOTION,
            "contact" => CONTACT,
            "competition" => COMPETITION,
            "consumption" => CONSUMPTION,
            "body" => BODY,
            "stative" => STATIVE,
            "weather" => WEATHER,
            "person" => PERSON,
            "group" => GROUP,
            "artifact" => ARTIFACT,
            "act" => ACT,
            "event" => EVENT,
            "attribute" => ATTRIBUTE,
            "quantity" => QUANTITY,
            "time" => TIME,
            "state" => STATE,
            "feeling" => FEELING,
            "-" | "" => 0,
            _ => OTHER,
        }
    }
}

/// One word of the table.
pub(crate) struct Entry<'a> {
    pub(crate) word: &'a str,
    /// Verb class (0: not a verb).
    pub(crate) verb: u8,
    /// Noun class (0: not a common noun).
    pub(crate) noun: u8,
    /// More often a verb than a noun.
    pub(crate) mostly_verb: bool,
}

/// The words of the table, then the irregular verb forms (form, lemma).
pub(crate) fn entries() -> (Vec<Entry<'static>>, Vec<(&'static str, &'static str)>) {
    let mut words = Vec::with_capacity(18_000);
    let mut irregular = Vec::with_capacity(2_500);
    for line in TABLE.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(word), Some(second)) = (f.next(), f.next()) else {
            continue;
        };
        if let Some(lemma) = second.strip_prefix('=') {
            irregular.push((word, lemma));
            continue;
        }
        let vcount: u32 = f.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let noun = class::of(f.next().unwrap_or("-"));
        let ncount: u32 = f.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let verb = class::of(second);
        words.push(Entry {
            word,
            verb,
            noun,
            mostly_verb: verb != 0 && (noun == 0 || vcount > ncount),
        });
    }
    (words, irregular)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads() {
        let (words, irregular) = entries();
        assert!(words.len() > 15_000, "{}", words.len());
        assert!(irregular.len() > 2_000);
        let find = |w: &str| words.iter().find(|e| e.word == w);
        let undertake = find("undertake").expect("undertake");
        assert_eq!(undertake.verb, class::CREATION);
        assert!(undertake.mostly_verb);
        let team = find("team").expect("team");
        assert_eq!(team.noun, class::GROUP);
        assert!(!team.mostly_verb);
        assert_eq!(find("reader").map(|e| e.noun), Some(class::PERSON));
    }
}
