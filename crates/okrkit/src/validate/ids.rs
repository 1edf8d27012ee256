//! Identifier hygiene: what an id may hold, and ids that look alike.
//!
//! An id names a person, a team or a commitment, and the ledger decides who
//! may act by comparing ids. So an id must read as what it is:
//!
//! * in Unicode NFC (an NFD `josé` and an NFC `josé` are the same word);
//! * no control or invisible character (zero-width space, bidi controls,
//!   soft hyphen… — UTS #39 "Default_Ignorable"), no whitespace other than
//!   a plain space, and no space at either end;
//! * at most [`MAX_ID_BYTES`](crate::limits::MAX_ID_BYTES) bytes;
//! * not confusable with another id of the same kind: two ids whose UTS #39
//!   skeletons are equal after lower-casing (`ana`, `Ana`, a Cyrillic `аna`,
//!   `I`/`l`/`1`) are reported naming both.
//!
//! The Unicode data comes from `unicode-normalization` and
//! `unicode-security` (unicode-rs).

use crate::error::ProblemCode;
use crate::limits::MAX_ID_BYTES;
use hashbrown::HashTable;
use std::hash::BuildHasher;
use unicode_normalization::{IsNormalized, is_nfc_quick};
use unicode_security::GeneralSecurityProfile;
use unicode_security::general_security_profile::IdentifierType;

/// What is wrong with one id on its own, if anything (not checked: empty).
pub(crate) fn id_problem(id: &str) -> Option<String> {
    // Fast path: printable ASCII with no space at either end (nearly every id).
    if id.len() <= MAX_ID_BYTES
        && id.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        && !id.starts_with(' ')
        && !id.ends_with(' ')
    {
        return None;
    }
    if id.len() > MAX_ID_BYTES {
        return Some(format!(
            "the id is {} bytes; the limit is {MAX_ID_BYTES}",
            id.len()
        ));
    }
    if id.starts_with(char::is_whitespace) || id.ends_with(char::is_whitespace) {
        return Some(format!(
            "id '{}' starts or ends with a space",
            id.escape_debug()
        ));
    }
    if let Some(c) = id.chars().find(|&c| !visible(c)) {
        return Some(format!(
            "id '{}' holds the invisible or control character U+{:04X}",
            id.escape_debug(),
            c as u32
        ));
    }
    if !id.is_ascii()
        && is_nfc_quick(id.chars()) != IsNormalized::Yes
        && !unicode_normalization::is_nfc(id)
    {
        return Some(format!(
            "id '{}' is not in Unicode NFC: write it as '{}'",
            id.escape_debug(),
            unicode_normalization::UnicodeNormalization::nfc(id).collect::<String>()
        ));
    }
    None
}

/// Whether `c` may appear inside an id.
fn visible(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    !(c.is_control()
        || (c.is_whitespace())
        || c.identifier_type() == Some(IdentifierType::Default_Ignorable)
        || matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}'))
}

/// The key two look-alike ids share: the UTS #39 skeleton, lower-cased,
/// skeleton again (so `Bill`, `biII` and a Cyrillic `Віll` meet).
pub(crate) fn look_alike_key(id: &str) -> String {
    if id.is_ascii() {
        // The skeleton maps character by character: ASCII ids (nearly all)
        // are keyed from a table computed once from the Unicode data.
        let table = ascii_keys();
        let mut key = String::with_capacity(id.len());
        for b in id.bytes() {
            key.push_str(&table[b as usize]);
        }
        return key;
    }
    slow_key(id)
}

fn slow_key(id: &str) -> String {
    let once: String = unicode_security::skeleton(id).collect();
    let lower = once.to_lowercase();
    unicode_security::skeleton(&lower).collect()
}

/// The key of each ASCII character, from the Unicode tables.
fn ascii_keys() -> &'static [String; 128] {
    static TABLE: std::sync::OnceLock<[String; 128]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|b| slow_key(&char::from(b as u8).to_string())))
}

/// Ids seen so far, by kind and look-alike key, with where they were
/// (element index, key result index).
///
/// The table holds only an index into `ids` (8 bytes a slot, no key): a
/// document's 100,000s of ids fit a table of a few MB that each insert
/// probes at random, where a map holding each key (a `SmolStr`) and its id
/// took 64 bytes a slot and its cache misses and fresh pages cost more than
/// the keys' work (profile, issue 18). A probe compares the full hash first,
/// then the kind and the key of the stored id, rebuilt from it.
///
/// [`LookAlikes::detecting`] keeps no table: each id's hash of kind and key
/// goes into a list, sorted once all ids are in ([`LookAlikes::may_look_alike`]).
/// Probing a table of a million ids at random cost a miss or two per id,
/// where the sorted hashes are read in order (BENCHMARKS.md, "Loading at a
/// million key results"); it tells only whether some ids may look alike,
/// which is what `Org::from_json`'s fast route asks.
#[derive(Default)]
pub(crate) struct LookAlikes<'a> {
    table: HashTable<usize>,
    /// The ids stored, in the order they came.
    ids: Vec<Seen<'a>>,
    hasher: foldhash::fast::RandomState,
    /// When detecting ([`LookAlikes::detecting`]): the hash of each id's
    /// kind and key, the ids themselves not kept.
    hashes: Option<Vec<u64>>,
}

/// An id stored in [`LookAlikes`].
struct Seen<'a> {
    /// The hash of its kind and key.
    hash: u64,
    kind: u16,
    id: &'a str,
    at: (usize, usize),
}

/// The kind of an id as a number: its name's length and first byte tell
/// the seven kinds [`path_of`] names apart ("cycle", "team", "person",
/// "objective", "key result", "initiative", "personal goal") without
/// comparing names for every id.
fn kind(what: &str) -> u16 {
    (what.len() as u16) << 8 | u16::from(what.as_bytes().first().copied().unwrap_or(0))
}

impl<'a> LookAlikes<'a> {
    /// Room for `n` ids.
    pub fn with_capacity(n: usize) -> LookAlikes<'a> {
        LookAlikes {
            table: HashTable::with_capacity(n),
            ids: Vec::with_capacity(n),
            hasher: Default::default(),
            hashes: None,
        }
    }

    /// Room for `n` ids, only to tell whether any two of them may look
    /// alike ([`LookAlikes::may_look_alike`]): [`LookAlikes::insert`]
    /// then always answers `None`.
    pub fn detecting(n: usize) -> LookAlikes<'a> {
        LookAlikes {
            hashes: Some(Vec::with_capacity(n)),
            ..LookAlikes::default()
        }
    }

    /// Whether two of the ids recorded by a detecting set
    /// ([`LookAlikes::detecting`]) may look alike: two of one kind whose
    /// keys hash the same. That is every look-alike pair (an id given
    /// twice is never recorded twice: it is reported as a duplicate
    /// instead), and, rarely, two ids whose hashes collide (the caller then
    /// checks in full). `false` for a reporting set (each look-alike was
    /// answered as it came).
    pub fn may_look_alike(&mut self) -> bool {
        let Some(hashes) = &mut self.hashes else {
            return false;
        };
        hashes.sort_unstable();
        hashes.windows(2).any(|w| w[0] == w[1])
    }

    /// Records an id; returns the earlier id it looks like and where it was
    /// (always `None` for a detecting set: [`LookAlikes::detecting`]).
    pub fn insert(
        &mut self,
        what: &'static str,
        id: &'a str,
        at: (usize, usize),
    ) -> Option<(&'a str, (usize, usize))> {
        let kind = kind(what);
        let hasher = &self.hasher;
        let hash = with_key(id, |key| hasher.hash_one((kind, key)));
        if let Some(hashes) = &mut self.hashes {
            hashes.push(hash);
            return None;
        }
        let ids = &self.ids;
        let entry = self.table.entry(
            hash,
            |&e| {
                let seen = &ids[e];
                seen.hash == hash
                    && seen.kind == kind
                    && with_key(id, |key| with_key(seen.id, |other| key == other))
            },
            |&e| ids[e].hash,
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(o) => {
                let seen = &ids[*o.get()];
                (seen.id != id).then_some((seen.id, seen.at))
            }
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(self.ids.len());
                self.ids.push(Seen { hash, kind, id, at });
                None
            }
        }
    }
}

/// Calls `f` with the look-alike key of `id` ([`look_alike_key`]): the id
/// itself when each of its bytes is its own key (most lower-case ids), else
/// built on the stack for an ASCII id of a short key, else on the heap.
fn with_key<R>(id: &str, f: impl FnOnce(&str) -> R) -> R {
    let fixed = ascii_fixed();
    if id.bytes().all(|b| b < 128 && fixed[b as usize]) {
        return f(id);
    }
    if id.is_ascii() {
        let table = ascii_keys();
        let mut buf = [0u8; 64];
        let mut n = 0;
        let fits = id.bytes().all(|b| {
            let k = table[b as usize].as_bytes();
            let Some(out) = buf.get_mut(n..n + k.len()) else {
                return false;
            };
            out.copy_from_slice(k);
            n += k.len();
            true
        });
        if fits && let Ok(key) = std::str::from_utf8(&buf[..n]) {
            return f(key);
        }
    }
    f(&look_alike_key(id))
}

/// ASCII characters that are their own key (most lower-case letters and
/// digits), so most ids are their own key without a copy.
fn ascii_fixed() -> &'static [bool; 128] {
    static TABLE: std::sync::OnceLock<[bool; 128]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let keys = ascii_keys();
        std::array::from_fn(|b| keys[b].len() == 1 && keys[b].as_bytes()[0] as usize == b)
    })
}

/// The path of an id of kind `what` at (element index, key result index).
pub(crate) fn path_of(what: &str, (i, k): (usize, usize)) -> String {
    match what {
        "cycle" => format!("cycles[{i}].id"),
        "team" => format!("teams[{i}].id"),
        "person" => format!("people[{i}].id"),
        "objective" => format!("objectives[{i}].id"),
        "key result" => format!("objectives[{i}].key_results[{k}].id"),
        "initiative" => format!("initiatives[{i}].id"),
        _ => format!("personal_goals[{i}].id"),
    }
}

/// The problem code for [`id_problem`].
pub(crate) const INVALID: ProblemCode = ProblemCode::InvalidId;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::Entry;

    #[test]
    fn hygiene() {
        assert!(id_problem("ana").is_none());
        assert!(id_problem("josé").is_none());
        assert!(id_problem("2026-Q1").is_none());
        assert!(id_problem("team web").is_none());
        assert!(id_problem("ana ").is_some());
        assert!(id_problem(" ana").is_some());
        assert!(id_problem("a\u{200b}na").is_some());
        assert!(id_problem("a\u{202e}na").is_some());
        assert!(id_problem("a\u{ad}na").is_some());
        assert!(id_problem("a\u{a0}na").is_some());
        assert!(id_problem("a\u{7}na").is_some());
        assert!(id_problem("jose\u{301}").is_some());
        assert!(id_problem(&"a".repeat(MAX_ID_BYTES + 1)).is_some());
    }

    #[test]
    fn the_kinds_of_ids_are_told_apart() {
        let kinds = [
            "cycle",
            "team",
            "person",
            "objective",
            "key result",
            "initiative",
            "personal goal",
        ];
        let mut seen: Vec<u16> = kinds.iter().map(|k| kind(k)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), kinds.len());
        // Every kind `path_of` names is one of them.
        for k in kinds {
            assert!(!path_of(k, (0, 0)).is_empty());
        }
    }

    #[test]
    fn look_alikes() {
        let same = |a: &str, b: &str| look_alike_key(a) == look_alike_key(b);
        assert!(same("ana", "Ana"));
        assert!(same("ana", "\u{430}na"));
        assert!(same("ANA", "\u{410}NA"));
        assert!(same("bill", "biII"));
        assert!(same("modern", "modem"));
        assert!(!same("ana", "anna"));
        assert!(!same("kr-12", "kr-21"));
        assert!(!same("team-2", "team-3"));
    }

    #[test]
    fn the_ascii_table_equals_the_unicode_data() {
        let mut n: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in 1..40 {
            for _ in 0..200 {
                let id: String = (0..len)
                    .map(|_| {
                        n ^= n << 13;
                        n ^= n >> 7;
                        n ^= n << 17;
                        char::from(32 + (n % 95) as u8)
                    })
                    .collect();
                assert_eq!(look_alike_key(&id), slow_key(&id), "{id:?}");
            }
        }
    }
    /// The key `LookAlikes` hashes and compares is `look_alike_key`'s, on
    /// the stack, borrowed or on the heap (ASCII keys up to and past the
    /// 64-byte buffer, non-ASCII ids).
    #[test]
    fn keys_built_in_place_are_the_keys() {
        let mut n: u64 = 0x1234_5678_9abc_def1;
        let alphabet = [
            "a", "k", "-", "1", "0", "I", "l", "m", "rn", "W", "\u{430}", "\u{e9}", "_",
        ];
        for len in [1, 5, 20, 31, 32, 33, 63, 64, 65, 100] {
            for _ in 0..100 {
                let id: String = (0..len)
                    .map(|_| {
                        n ^= n << 13;
                        n ^= n >> 7;
                        n ^= n << 17;
                        alphabet[(n % alphabet.len() as u64) as usize]
                    })
                    .collect();
                assert_eq!(with_key(&id, str::to_owned), look_alike_key(&id), "{id:?}");
            }
        }
    }

    /// The ids of one kind through `LookAlikes` as `Validator::id` feeds
    /// them (a shortcut in `insert` must keep these answers): per id, the index of the earlier id it is reported against.
    fn reported(ids: &[&str]) -> Vec<Option<usize>> {
        let mut map: std::collections::HashMap<&str, usize> = Default::default();
        let mut look = LookAlikes::default();
        let mut out = Vec::new();
        for (i, &id) in ids.iter().enumerate() {
            if id.is_empty() || map.contains_key(id) {
                out.push(None);
                continue;
            }
            map.insert(id, i);
            if id_problem(id).is_some() {
                out.push(None);
                continue;
            }
            let hit = look.insert("person", id, (i, 0));
            out.push(hit.map(|(other, (j, _))| {
                assert_eq!(other, ids[j]);
                j
            }));
        }
        out
    }

    /// The same, every id stored under its key (the rule as written).
    fn reported_by_the_rule(ids: &[&str]) -> Vec<Option<usize>> {
        let mut seen_ids = std::collections::HashSet::new();
        let mut first: std::collections::HashMap<String, usize> = Default::default();
        let mut out = Vec::new();
        for (i, &id) in ids.iter().enumerate() {
            if id.is_empty() || !seen_ids.insert(id) || id_problem(id).is_some() {
                out.push(None);
                continue;
            }
            match first.entry(look_alike_key(id)) {
                Entry::Occupied(o) => out.push(Some(*o.get())),
                Entry::Vacant(v) => {
                    v.insert(i);
                    out.push(None);
                }
            }
        }
        out
    }

    #[test]
    fn look_alikes_name_the_first_id_of_their_key() {
        // Own key first, then not; not, then own key; three of one key.
        assert_eq!(reported(&["kr-1", "KR-1"]), [None, Some(0)]);
        assert_eq!(reported(&["KR-1", "kr-1"]), [None, Some(0)]);
        assert_eq!(
            reported(&["KR-1", "kr-1", "Kr-1"]),
            [None, Some(0), Some(0)]
        );
        assert_eq!(
            reported(&["kr-1", "KR-1", "Kr-1"]),
            [None, Some(0), Some(0)]
        );
        // kr_1 is not kr-1; a Cyrillic а folds onto a Latin a, both ways.
        assert_eq!(reported(&["kr-1", "kr_1"]), [None, None]);
        assert_eq!(reported(&["ana", "\u{430}na"]), [None, Some(0)]);
        assert_eq!(reported(&["\u{430}na", "ana"]), [None, Some(0)]);
        // Duplicates are not look-alikes (reported as duplicates before).
        assert_eq!(reported(&["kr-1", "kr-1", "KR-1"]), [None, None, Some(0)]);
        // An own-key id refused on its own is no id to look like.
        let long = "a".repeat(MAX_ID_BYTES + 1);
        let long_upper = long.to_uppercase();
        assert_eq!(reported(&[&long, &long_upper]), [None, None]);
        assert_eq!(reported(&["ana ", "ANA "]), [None, None]);
    }

    #[test]
    fn look_alikes_report_what_the_rule_reports() {
        let alphabet = [
            "a", "A", "\u{430}", "l", "I", "1", "-", "_", "o", "O", "0", "m", "rn", "e", "\u{e9}",
            " ",
        ];
        let mut n: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: usize| {
            n ^= n << 13;
            n ^= n >> 7;
            n ^= n << 17;
            (n % m as u64) as usize
        };
        for _ in 0..2000 {
            let ids: Vec<String> = (0..1 + next(12))
                .map(|_| {
                    (0..1 + next(3))
                        .map(|_| alphabet[next(alphabet.len())])
                        .collect()
                })
                .collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            assert_eq!(reported(&ids), reported_by_the_rule(&ids), "{ids:?}");
            // A detecting set says there may be look-alikes exactly when a
            // reporting set reports one (hash collisions aside: none in
            // these few ids).
            assert_eq!(
                detected(&ids),
                reported(&ids).iter().any(Option::is_some),
                "{ids:?}"
            );
        }
    }

    /// Whether a detecting set fed the ids as [`reported`] feeds them (one
    /// kind) finds that some may look alike.
    fn detected(ids: &[&str]) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut look = LookAlikes::detecting(ids.len());
        for (i, &id) in ids.iter().enumerate() {
            if !id.is_empty() && seen.insert(id) && id_problem(id).is_none() {
                assert_eq!(look.insert("person", id, (i, 0)), None);
            }
        }
        look.may_look_alike()
    }

    #[test]
    fn detecting_finds_look_alikes_of_one_kind_only() {
        assert!(detected(&["kr-1", "KR-1"]));
        assert!(detected(&["ana", "bo", "\u{430}na"]));
        assert!(!detected(&["kr-1", "kr-1", "kr-2"]));
        assert!(!detected(&[]));
        // The same key in two kinds is no look-alike.
        let mut look = LookAlikes::detecting(2);
        look.insert("person", "ana", (0, 0));
        look.insert("team", "Ana", (0, 0));
        assert!(!look.may_look_alike());
        look.insert("team", "ANA", (1, 0));
        assert!(look.may_look_alike());
        // A reporting set has reported them as they came.
        let mut reporting = LookAlikes::with_capacity(2);
        assert_eq!(reporting.insert("team", "Ana", (0, 0)), None);
        assert!(reporting.insert("team", "ANA", (1, 0)).is_some());
        assert!(!reporting.may_look_alike());
    }
}
