//! [`SharedText`]: report text that many rows hold at once.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smol_str::SmolStr;
use std::fmt;
use std::ops::Deref;

/// Immutable text that report rows share instead of each owning a copy: a
/// lint finding's rule (`"R1"`), its suggestion (the same few hundred bytes
/// for every milestone key result) and the ids of its
/// [`Location`](crate::lint::Location); a score's message (one of a few
/// hundred sentences).
///
/// Up to 23 bytes are held inline (no allocation); longer text is shared, so
/// a clone is a reference-count increment, never a copy of the text. It reads
/// as a `&str` (`Deref`, `AsRef<str>`, `Display`, comparison with `str`); on
/// the wire, and in every binding, it is a plain string.
///
/// ```
/// use okrkit::SharedText;
/// let a = SharedText::from("set fewer, reachable stretch goals");
/// let b = a.clone(); // shares the text
/// assert_eq!(b, "set fewer, reachable stretch goals");
/// assert!(b.starts_with("set fewer"));
/// assert_eq!(serde_json::to_string(&b).unwrap(), r#""set fewer, reachable stretch goals""#);
/// let back: SharedText = serde_json::from_str(r#""R1""#).unwrap();
/// assert_eq!(String::from(back), "R1");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(transparent)
)]
pub struct SharedText(#[cfg_attr(feature = "schema", schemars(with = "String"))] SmolStr);

impl SharedText {
    /// Text that lives for the whole program: never allocated or copied.
    pub const fn new_static(text: &'static str) -> SharedText {
        SharedText(SmolStr::new_static(text))
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// An id's text, shared with the id (no copy of a long id).
    pub(crate) fn of_id(id: &SmolStr) -> SharedText {
        SharedText(id.clone())
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    /// As `str` writes itself: width, fill, alignment and precision apply
    /// (`{:<6}`, `{:.40}`), as they did when these fields were `String`s.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0.as_str(), f)
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> Self {
        SharedText(SmolStr::new(s))
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> Self {
        SharedText(SmolStr::from(s))
    }
}

impl From<SharedText> for String {
    fn from(t: SharedText) -> Self {
        t.0.as_str().to_owned()
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.0.as_str() == other.as_str()
    }
}

/// The other direction (`"R1" == finding.design_rule`), as with `String`.
impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.0.as_str()
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == other.0.as_str()
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.0.as_str()
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Through `String`, as the field was before: the same texts accepted.
        String::deserialize(deserializer).map(SharedText::from)
    }
}

/// The texts a report has given so far, so that rows with the same text
/// share it rather than each holding a copy.
#[derive(Debug, Default)]
pub(crate) struct Interner(std::collections::HashSet<SharedText>);

impl Interner {
    /// `text`, shared with an earlier row's text when it is the same.
    pub(crate) fn get(&mut self, text: &str) -> SharedText {
        if let Some(known) = self.0.get(text) {
            return known.clone();
        }
        let shared = SharedText::from(text);
        self.0.insert(shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    fn hash<T: Hash + ?Sized>(t: &T) -> u64 {
        let mut h = DefaultHasher::new();
        t.hash(&mut h);
        h.finish()
    }

    #[test]
    #[allow(
        clippy::cmp_owned,
        reason = "comparing with an owned String is what is tested"
    )]
    fn reads_compares_and_hashes_as_its_str() {
        // Inline (≤ 23 bytes), long, non-ASCII across the inline limit, escapes.
        let accents = "é".repeat(12); // 24 bytes, 12 characters
        let texts = [
            "",
            "R1",
            "exactly twenty-three b.",
            "twenty-four bytes, long.",
            accents.as_str(),
            "a quote \" and a line\nbreak, longer than the inline limit",
        ];
        for t in texts {
            let s = SharedText::from(t);
            assert_eq!(s.as_str(), t);
            assert!(s == *t && s == t && s == t.to_owned());
            assert!(*t == s && t == s && t.to_owned() == s);
            assert_eq!(hash(&s), hash(t), "Hash agrees with str (Borrow<str>)");
            assert_eq!(format!("{s}"), t);
            assert_eq!(format!("{s:?}"), format!("{t:?}"));
            let json = serde_json::to_string(&s).expect("a string serialises");
            assert_eq!(json, serde_json::to_string(t).expect("a str serialises"));
            assert_eq!(
                serde_json::from_str::<SharedText>(&json).expect("reads back"),
                s
            );
        }
        let (a, b) = (SharedText::from("a"), SharedText::from("b"));
        assert_eq!(a.cmp(&b), "a".cmp("b"));
        assert!(serde_json::from_str::<SharedText>("3").is_err());
    }

    #[test]
    fn display_pads_and_truncates_like_str() {
        let r = SharedText::from("R1");
        assert_eq!(format!("{r:>4}|{r:<4}|{r:^6}|{r:.1}"), "  R1|R1  |  R1  |R");
    }

    #[test]
    fn the_interner_shares_one_text() {
        let mut i = Interner::default();
        let long = "a suggestion longer than twenty-three bytes";
        let (a, b) = (i.get(long), i.get(long));
        assert_eq!(a.as_str().as_ptr(), b.as_str().as_ptr(), "one text, shared");
    }
}
