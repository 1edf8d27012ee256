//! Newtype identifiers, so that a team id can never be passed where a key
//! result id is expected.
//!
//! Every id is a non-empty string chosen by the caller (an HR product's own
//! primary keys work as they are). On the wire an id is a plain JSON string.
//!
//! An id holds its text as an immutable small string ([`smol_str`]): up to 23
//! bytes inline, longer text shared (`Arc<str>`). Cloning an id — as every
//! report row does for the key result, objective, team and cycle it describes
//! — copies 24 bytes (or, for a long id, increments a reference count), never
//! the text on the heap; ids of the usual length take no allocation at all.
//!
//! ```
//! let a = okrkit::KeyResultId::new("kr-1");
//! let b = a.clone(); // shares the text
//! assert_eq!(b, "kr-1");
//! assert_eq!(serde_json::to_string(&b).unwrap(), r#""kr-1""#);
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smol_str::SmolStr;
use std::fmt;

/// The most bytes `SmolStr` holds inline (its `INLINE_CAP`).
const INLINE_ID_BYTES: usize = 23;

/// Reads an id's text straight into a small string (inline up to 23 bytes,
/// else one allocation, as a `String` would take).
struct SharedStr;

impl serde::de::Visitor<'_> for SharedStr {
    type Value = SmolStr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SmolStr, E> {
        Ok(SmolStr::new(v))
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<SmolStr, E> {
        // As `String` does: UTF-8 bytes are a string.
        std::str::from_utf8(v)
            .map(SmolStr::new)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(v), &self))
    }
}

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(transparent))]
        // On the wire a plain string: the schema of `String`.
        pub struct $name(#[cfg_attr(feature = "schema", schemars(with = "String"))] SmolStr);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(SharedStr).map(Self)
            }
        }

        impl $name {
            /// Builds the id from anything string-like.
            pub fn new(id: impl Into<String>) -> Self {
                Self(SmolStr::from(id.into()))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The id's text, for sharing it without a copy.
            #[allow(dead_code)]
            pub(crate) fn text(&self) -> &SmolStr {
                &self.0
            }
        }

        impl fmt::Display for $name {
            // As `str` writes itself: width and precision apply (`{:<10}`).
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self.0.as_str(), f)
            }
        }

        impl From<&str> for $name {
            #[inline]
            fn from(s: &str) -> Self {
                // An id that fits inline is copied here, without a call
                // (the representation `SmolStr::new` gives it too: a cost
                // per id when a ledger is read).
                if s.len() <= INLINE_ID_BYTES {
                    Self(SmolStr::new_inline(s))
                } else {
                    Self(SmolStr::new(s))
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(SmolStr::from(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0.as_str().to_owned()
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0.as_str() == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0.as_str() == other.as_str()
            }
        }

        impl IdArg<$name> for $name {
            fn id_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl IdArg<$name> for &$name {
            fn id_str(&self) -> &str {
                self.0.as_str()
            }
        }
    };
}

/// An argument that names an id of kind `T`: the typed id itself (owned or
/// borrowed) or plain text such as `"2026-Q1"`. An id of another kind does
/// not fit, so a team cannot be passed where a cycle is meant.
///
/// ```
/// # let org = okrkit::Org::from_json(r#"{"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}]}"#)?;
/// let cycle = okrkit::CycleId::new("q1");
/// org.score_cycle(&cycle)?;
/// org.score_cycle("q1")?;
/// # Ok::<(), okrkit::Error>(())
/// ```
///
/// ```compile_fail
/// # let org = okrkit::Org::from_json("{}").unwrap();
/// let team = okrkit::TeamId::new("web");
/// org.score_cycle(&team); // a TeamId is not a cycle
/// ```
pub trait IdArg<T> {
    /// The id as text.
    fn id_str(&self) -> &str;
}

impl<T> IdArg<T> for &str {
    fn id_str(&self) -> &str {
        self
    }
}

impl<T> IdArg<T> for String {
    fn id_str(&self) -> &str {
        self
    }
}

impl<T> IdArg<T> for &String {
    fn id_str(&self) -> &str {
        self
    }
}

string_id!(
    /// Identifies a [`Cycle`](crate::Cycle) (for example `"2026-Q1"`).
    CycleId
);
string_id!(
    /// Identifies a [`Team`](crate::Team).
    TeamId
);
string_id!(
    /// Identifies a [`Person`](crate::Person).
    PersonId
);
string_id!(
    /// Identifies an [`Objective`](crate::Objective).
    ObjectiveId
);
string_id!(
    /// Identifies a [`KeyResult`](crate::KeyResult); unique across the whole document.
    KeyResultId
);
string_id!(
    /// Identifies an [`Initiative`](crate::Initiative).
    InitiativeId
);
string_id!(
    /// Identifies a [`PersonalGoal`](crate::PersonalGoal).
    PersonalGoalId
);

// An entry's id, as the other ids, holds its text inline up to 23 bytes:
// reading a ledger allocates no id. (Its doc is the schema's description.)
string_id!(
    /// Identifies an entry: `e<seq>` (`e0`, `e1`, …). Proposals and dependencies
    /// are named by the id of the entry that created them.
    EntryId
);

impl EntryId {
    /// The id of the entry at position `seq`.
    pub(crate) fn for_seq(seq: u64) -> Self {
        EntryId(smol_str::format_smolstr!("e{seq}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An id built from a `&str` is the small string `SmolStr::new` gives
    /// (inline up to 23 bytes, on the heap beyond), whatever its length.
    #[test]
    fn ids_from_str_are_smol_str_new() {
        for s in ["", "a", "é✓", "kr-0042", &"x".repeat(22), &"y".repeat(23)]
            .into_iter()
            .map(str::to_owned)
            .chain([
                "z".repeat(24),
                "é".repeat(12),
                " ".repeat(30),
                "\n".repeat(25) + "  ",
            ])
        {
            let (id, reference) = (PersonId::from(s.as_str()), SmolStr::new(&s));
            assert_eq!(id.0, reference);
            assert_eq!(
                id.0.is_heap_allocated(),
                reference.is_heap_allocated(),
                "{s:?}"
            );
            assert_eq!(id.as_str(), s);
            assert_eq!(EntryId::from(s.as_str()).as_str(), s);
        }
    }

    /// Ids are written by hand for serde (shared text): they must read and
    /// write exactly as the plain strings they replaced, and refuse the rest.
    #[test]
    fn an_id_is_a_plain_json_string_and_nothing_else() {
        let id: TeamId = serde_json::from_str(r#""web-team""#).unwrap();
        assert_eq!(id, "web-team");
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""web-team""#);
        let escaped: KeyResultId = serde_json::from_str(r#""kr\n\u00e9""#).unwrap();
        assert_eq!(escaped.as_str(), "kr\né");
        for bad in ["7", "null", "{}", "[]", "true"] {
            assert!(serde_json::from_str::<TeamId>(bad).is_err(), "{bad}");
            assert!(
                serde_json::from_value::<CycleId>(serde_json::from_str(bad).unwrap()).is_err(),
                "{bad}"
            );
        }
        // Inside an internally tagged enum serde buffers the value first.
        let v = serde_json::json!({ "team": "web" });
        let m: std::collections::BTreeMap<String, TeamId> = serde_json::from_value(v).unwrap();
        assert_eq!(m["team"], "web");
    }

    /// A clone copies no text on the heap (a report row's copy of an id does
    /// not allocate): a short id holds its text inline, a long one shares it.
    #[test]
    fn a_clone_copies_no_heap_text() {
        assert_eq!(std::mem::size_of::<ObjectiveId>(), 24);
        // Whether the text lies inside the id value itself.
        let inline = |id: &ObjectiveId| {
            let at = id as *const ObjectiveId as usize;
            (at..at + 24).contains(&(id.as_str().as_ptr() as usize))
        };
        let short = ObjectiveId::new("o1");
        let copy = short.clone();
        assert_eq!(copy, short);
        assert!(inline(&short) && inline(&copy));
        let long = ObjectiveId::new("objective-grow-revenue-in-emea-2026");
        let copy = long.clone();
        assert!(!inline(&long));
        assert!(std::ptr::eq(long.as_str(), copy.as_str()));
    }

    /// `Display` writes an id as `str` does: width, alignment and precision
    /// apply (a `write_str` would ignore them; `EntryId` did before).
    #[test]
    fn a_ledger_entry_id_displays_with_width_and_precision() {
        let id = EntryId::new("e12");
        assert_eq!(format!("[{id:<6}]"), "[e12   ]");
        assert_eq!(format!("[{id:>6}]"), "[   e12]");
        assert_eq!(format!("[{id:.2}]"), "[e1]");
        assert_eq!(format!("[{}]", TeamId::new("web")), "[web]");
    }
}
