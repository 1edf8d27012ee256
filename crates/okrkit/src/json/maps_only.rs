//! [`MapsOnly`]: a serde adapter under which a struct is read only from a
//! JSON object, never from an array.
//!
//! serde's derived `Deserialize` for a struct with named fields also takes
//! its fields in order from a sequence, and serde_json hands it one when the
//! input holds an array where the struct is (serde issue #1587): a cycle
//! written `["c1", "Q1", "2026-01-01", "2026-03-31"]` was read as the cycle
//! `c1`, though the JSON Schema and every reader of okrkit's documents say a
//! cycle is an object. Wrapping the deserializer refuses that everywhere the
//! core reads JSON (documents, options, ledger entries), with serde's own
//! message ("invalid type: sequence, expected a JSON object for struct
//! Cycle") at the element's path. Everything else is passed through.
//!
//! A struct read from content serde buffers first (the fields of an
//! internally tagged or untagged enum's variant, a `flatten`ed field) is read
//! by serde's own content deserializer, which this adapter does not reach;
//! such a field asks for the check itself, with
//! `#[serde(deserialize_with = "crate::json::object_only")]` (every struct
//! field of a ledger action does).

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use std::fmt;

/// A deserializer whose structs (and struct variants) must be JSON objects.
pub(crate) struct MapsOnly<D>(pub(crate) D);

/// `visitor`, for a value that may be of any shape.
fn any<V>(visitor: V) -> Wrap<V> {
    Wrap {
        inner: visitor,
        object_only: false,
    }
}

/// Calls `$then!` with every `deserialize_*` method but `deserialize_any`
/// and `deserialize_struct`, the two whose reading of a sequence differs
/// between [`MapsOnly`] and [`TaggedObject`].
macro_rules! plain_methods {
    ($then:ident) => {
        $then!(
            deserialize_bool(),
            deserialize_i8(),
            deserialize_i16(),
            deserialize_i32(),
            deserialize_i64(),
            deserialize_i128(),
            deserialize_u8(),
            deserialize_u16(),
            deserialize_u32(),
            deserialize_u64(),
            deserialize_u128(),
            deserialize_f32(),
            deserialize_f64(),
            deserialize_char(),
            deserialize_str(),
            deserialize_string(),
            deserialize_bytes(),
            deserialize_byte_buf(),
            deserialize_option(),
            deserialize_unit(),
            deserialize_unit_struct(name: &'static str),
            deserialize_newtype_struct(name: &'static str),
            deserialize_seq(),
            deserialize_tuple(len: usize),
            deserialize_tuple_struct(name: &'static str, len: usize),
            deserialize_map(),
            deserialize_enum(name: &'static str, variants: &'static [&'static str]),
            deserialize_identifier(),
            deserialize_ignored_any(),
        );
    };
}

/// Forwards each `deserialize_*` method to the inner deserializer with the
/// visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* any(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for MapsOnly<D> {
    type Error = D::Error;

    forward!(deserialize_any());
    plain_methods!(forward);

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = Wrap {
            inner: visitor,
            object_only: true,
        };
        self.0.deserialize_struct(name, fields, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A deserializer for an internally tagged enum (a ledger action, a
/// renegotiation's change) that must be a JSON object. serde reads such an
/// enum with `deserialize_any` and also takes a sequence, its tag first and
/// the variant's fields after it in order (`["agree", "web", "q1"]`), which
/// [`MapsOnly`] cannot tell from a plain array; under this wrapper a
/// sequence is refused there. Everything nested is read through
/// [`MapsOnly`].
pub(crate) struct TaggedObject<D>(pub(crate) D);

/// Forwards each `deserialize_*` method to [`MapsOnly`].
macro_rules! forward_to_maps_only {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            MapsOnly(self.0).$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TaggedObject<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap {
            inner: visitor,
            object_only: true,
        })
    }

    plain_methods!(forward_to_maps_only);
    forward_to_maps_only!(deserialize_struct(
        name: &'static str,
        fields: &'static [&'static str]
    ));

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose nested values are read through [`MapsOnly`]; with
/// `object_only`, a sequence is refused.
struct Wrap<V> {
    inner: V,
    object_only: bool,
}

/// What a struct read from a sequence was expected to be, for serde's
/// "invalid type" message.
struct AnObject<'a, V>(&'a V);

impl<'de, V: Visitor<'de>> Expected for AnObject<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object for ")?;
        self.0.expecting(f)
    }
}

/// Forwards each `visit_*` method of a plain value to the inner visitor.
macro_rules! visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    );

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(MapsOnly(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(MapsOnly(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.object_only {
            return Err(de::Error::invalid_type(
                Unexpected::Seq,
                &AnObject(&self.inner),
            ));
        }
        self.inner.visit_seq(Seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Map(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Enum(data))
    }
}

/// A seed whose value is read through [`MapsOnly`].
struct Seed<T>(T);

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T::Value, D::Error> {
        self.0.deserialize(MapsOnly(d))
    }
}

/// An array's elements, each read through [`MapsOnly`].
struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// An object's keys and values, each read through [`MapsOnly`].
struct Map<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// An enum's variant, its content read through [`MapsOnly`].
struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        self.0
            .variant_seed(Seed(seed))
            .map(|(value, variant)| (value, Variant(variant)))
    }
}

/// A variant's content; a struct variant must be an object too.
struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, any(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(
            fields,
            Wrap {
                inner: visitor,
                object_only: true,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{MapsOnly, TaggedObject};
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Point {
        x: i32,
        y: i32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Shape {
        name: String,
        points: Vec<Point>,
        corner: Option<Point>,
        pair: (i32, i32),
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Mark {
        At { x: i32 },
        Pair(i32, i32),
        One(Point),
    }

    fn read<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        T::deserialize(MapsOnly(&mut de)).map_err(|e| e.to_string())
    }

    fn read_value<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        T::deserialize(MapsOnly(&value)).map_err(|e| e.to_string())
    }

    #[test]
    fn objects_read_as_before_and_arrays_of_values_stay_arrays() {
        let text = r#"{"name":"s","points":[{"x":1,"y":2}],"corner":{"x":0,"y":0},"pair":[3,4]}"#;
        let want = Shape {
            name: "s".into(),
            points: vec![Point { x: 1, y: 2 }],
            corner: Some(Point { x: 0, y: 0 }),
            pair: (3, 4),
        };
        assert_eq!(read::<Shape>(text), Ok(want));
        let want = read::<Shape>(text);
        assert_eq!(read_value::<Shape>(text), want);
        assert_eq!(read::<Mark>(r#"{"At":{"x":1}}"#), Ok(Mark::At { x: 1 }));
        assert_eq!(read::<Mark>(r#"{"Pair":[1,2]}"#), Ok(Mark::Pair(1, 2)));
        assert_eq!(
            read::<Mark>(r#"{"One":{"x":1,"y":2}}"#),
            Ok(Mark::One(Point { x: 1, y: 2 }))
        );
    }

    #[test]
    fn a_struct_written_as_an_array_is_refused_at_any_depth() {
        // Plain serde_json takes each of these.
        assert!(serde_json::from_str::<Point>("[1,2]").is_ok());
        for text in [
            "[1,2]",
            r#"{"name":"s","points":[[1,2]],"corner":null,"pair":[3,4]}"#,
            r#"{"name":"s","points":[],"corner":[0,0],"pair":[3,4]}"#,
            r#"["s",[],null,[3,4]]"#,
        ] {
            let shape = text.starts_with('{') || text.starts_with(r#"[""#);
            let err = if shape {
                read::<Shape>(text).unwrap_err()
            } else {
                read::<Point>(text).unwrap_err()
            };
            assert!(
                err.starts_with("invalid type: sequence, expected a JSON object for struct"),
                "{text}: {err}"
            );
            let again = if shape {
                read_value::<Shape>(text).unwrap_err()
            } else {
                read_value::<Point>(text).unwrap_err()
            };
            assert!(
                again.contains("expected a JSON object for struct"),
                "{text}: {again}"
            );
        }
        let err = read::<Mark>(r#"{"At":[1]}"#).unwrap_err();
        assert!(
            err.contains("expected a JSON object for struct variant"),
            "{err}"
        );
        let err = read::<Mark>(r#"{"One":[1,2]}"#).unwrap_err();
        assert!(
            err.contains("expected a JSON object for struct Point"),
            "{err}"
        );
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Tagged {
        At { x: i32, point: Point },
    }

    #[test]
    fn a_tagged_enum_written_as_an_array_is_refused() {
        let array = r#"["at", 1, {"x": 1, "y": 2}]"#;
        let object = r#"{"type": "at", "x": 1, "point": {"x": 1, "y": 2}}"#;
        let want = Tagged::At {
            x: 1,
            point: Point { x: 1, y: 2 },
        };
        // Plain serde_json takes the array, and so does `MapsOnly`: serde
        // reads the enum with `deserialize_any`, not as a struct.
        assert_eq!(serde_json::from_str::<Tagged>(array).ok(), Some(want));
        assert!(read::<Tagged>(array).is_ok());
        let tagged = |text: &str| {
            let value: serde_json::Value = serde_json::from_str(text).expect("json");
            let mut de = serde_json::Deserializer::from_str(text);
            let streamed = Tagged::deserialize(TaggedObject(&mut de)).map_err(|e| e.to_string());
            let from_value = Tagged::deserialize(TaggedObject(&value)).map_err(|e| e.to_string());
            // The streamed error also names its line and column.
            match (&streamed, &from_value) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
                (Err(a), Err(b)) => assert!(a.starts_with(b.as_str()), "{text}: {a} / {b}"),
                _ => panic!("{text}: {streamed:?} / {from_value:?}"),
            }
            streamed
        };
        let err = tagged(array).unwrap_err();
        assert!(
            err.starts_with(
                "invalid type: sequence, expected a JSON object for internally tagged enum"
            ),
            "{err}"
        );
        assert_eq!(
            tagged(object),
            Ok(Tagged::At {
                x: 1,
                point: Point { x: 1, y: 2 }
            })
        );
        // A variant's struct field is read from content serde buffered,
        // which no wrapper reaches: it asks for the check itself
        // (`crate::json::object_only`), as every ledger action's does.
        assert!(tagged(r#"{"type": "at", "x": 1, "point": [1, 2]}"#).is_ok());
    }
}
