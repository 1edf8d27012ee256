//! [`EntryHash`]: an entry's `hash` or `prev_hash`, held in the entry itself.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A hash as okrkit writes every entry hash (64 lower-case hex digits) to its
/// 32 bytes; any other text (upper case, spaces, another length) is a
/// `parse_error` at `path`.
pub(crate) fn hash_from_hex(path: &str, text: &str) -> crate::error::Result<[u8; 32]> {
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    let ok = text.len() == 64
        && text
            .as_bytes()
            .chunks_exact(2)
            .zip(out.iter_mut())
            .all(|(pair, o)| match (digit(pair[0]), digit(pair[1])) {
                (Some(a), Some(b)) => {
                    *o = (a << 4) | b;
                    true
                }
                _ => false,
            });
    if !ok {
        return Err(crate::error::Error::Parse {
            path: path.into(),
            message: "not an entry hash: 64 lower-case hex digits, as okrkit writes them".into(),
            position: None,
        });
    }
    Ok(out)
}

/// The most bytes an [`EntryHash`] holds inline: a SHA-256 in hex.
const INLINE: usize = 64;

/// An entry's `hash` or `prev_hash` as its text: for an entry okrkit wrote,
/// the SHA-256 of a canonical form in 64 lower-case hex digits.
///
/// It reads as a `&str` (it derefs to one, compares with `str` and
/// `String`, displays and serialises as the plain string), and holds those
/// 64 digits inside the entry instead of on the heap: reading a ledger of a
/// million entries allocates no hash. Any other text (an entry read from a
/// database or a file that was edited: upper-case digits, a short or long
/// string) is kept exactly as it was read, so verification reports it as it
/// always did (`tampered`: the entry's content does not match its hash).
///
/// ```
/// use okrkit::ledger::{EntryHash, GENESIS_PREV_HASH};
/// let h = EntryHash::from(GENESIS_PREV_HASH);
/// assert_eq!(h, GENESIS_PREV_HASH);
/// assert_eq!(h.len(), 64);
/// assert_eq!(serde_json::to_string(&h).unwrap(), format!("\"{GENESIS_PREV_HASH}\""));
/// let odd: EntryHash = serde_json::from_str("\"not a hash\"").unwrap();
/// assert_eq!(odd.as_str(), "not a hash");
/// ```
#[derive(Clone)]
pub struct EntryHash(Repr);

#[derive(Clone)]
enum Repr {
    /// Up to [`INLINE`] bytes of UTF-8 (the first `len`).
    Inline { len: u8, bytes: [u8; INLINE] },
    /// Anything longer.
    Heap(Box<str>),
}

impl EntryHash {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                // Only ever filled from a `&str`, cut at its end.
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// The text's bytes, as `as_str().as_bytes()` gives them, without
    /// checking them as UTF-8 again (a cost per entry: comparisons go
    /// through here).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }
}

impl Default for EntryHash {
    fn default() -> Self {
        EntryHash(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }
}

impl From<&str> for EntryHash {
    fn from(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            // `s.len() <= 64` fits a byte.
            let len = s.len() as u8;
            EntryHash(Repr::Inline { len, bytes })
        } else {
            EntryHash(Repr::Heap(s.into()))
        }
    }
}

impl From<String> for EntryHash {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            EntryHash::from(s.as_str())
        } else {
            EntryHash(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<EntryHash> for String {
    fn from(h: EntryHash) -> Self {
        h.as_str().to_owned()
    }
}

impl std::ops::Deref for EntryHash {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for EntryHash {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for EntryHash {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for EntryHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for EntryHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for EntryHash {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for EntryHash {}

/// Ordered as its text, as a `String` is.
impl PartialOrd for EntryHash {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EntryHash {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // UTF-8 orders as its code points: the order of the text.
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl std::hash::Hash for EntryHash {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for EntryHash {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for EntryHash {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<String> for EntryHash {
    fn eq(&self, other: &String) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<EntryHash> for str {
    fn eq(&self, other: &EntryHash) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<EntryHash> for &str {
    fn eq(&self, other: &EntryHash) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<EntryHash> for String {
    fn eq(&self, other: &EntryHash) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Serialize for EntryHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EntryHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = EntryHash;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EntryHash, E> {
                Ok(EntryHash::from(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<EntryHash, E> {
                Ok(EntryHash::from(v))
            }
            // As `String` does: a format that hands text over as bytes.
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<EntryHash, E> {
                std::str::from_utf8(v)
                    .map(EntryHash::from)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(v), &self))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for EntryHash {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <String as schemars::JsonSchema>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <String as schemars::JsonSchema>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::EntryHash;

    /// Every length reads back as it was given, inline or not, and compares
    /// and serialises as the plain string (the JSON Lines form is unchanged).
    #[test]
    fn holds_any_text_as_it_was_given() {
        for s in [
            String::new(),
            "h".to_owned(),
            "é✓".to_owned(),
            "0".repeat(63),
            "a".repeat(64),
            "A".repeat(64),
            "ab".repeat(32) + "é",
            "f".repeat(65),
            "x".repeat(1000),
        ] {
            let h = EntryHash::from(s.as_str());
            assert_eq!(h.as_str(), s);
            assert_eq!(h, EntryHash::from(s.clone()));
            assert_eq!(h, s);
            assert_eq!(String::from(h.clone()), s);
            let json = serde_json::to_string(&h).expect("serialises");
            assert_eq!(json, serde_json::to_string(&s).expect("serialises"));
            let back: EntryHash = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, h);
            assert_eq!(format!("{h}"), s);
            assert_eq!(format!("{h:?}"), format!("{s:?}"));
        }
        assert_ne!(EntryHash::from("a"), EntryHash::from("A"));
        assert_ne!(EntryHash::from("a".repeat(64).as_str()), "a".repeat(65));
    }

    /// Ordered as its text, inline or not, as `String`s are.
    #[test]
    fn orders_as_its_text() {
        let texts = [
            "",
            "0",
            "00",
            "f".repeat(64).as_str(),
            "f".repeat(65).as_str(),
            "é",
        ]
        .map(str::to_owned);
        for a in &texts {
            for b in &texts {
                let (ha, hb) = (EntryHash::from(a.as_str()), EntryHash::from(b.as_str()));
                assert_eq!(ha.cmp(&hb), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }
}
