//! The snake_case tag of a serde unit enum without allocating it.
//!
//! Serde's derive hands a unit variant's (renamed) name to
//! `serialize_unit_variant` as a `&'static str`: this serializer keeps that
//! name and refuses everything else, so a status, band or kind cell is a
//! borrowed string, not a `String` per row. Anything that is not a unit
//! variant falls back to `serde_json` (the previous way), so no tag is lost.

use serde::Serialize;
use serde::ser::{Impossible, Serializer};
use std::borrow::Cow;
use std::fmt;

/// Not a unit variant.
#[derive(Debug)]
struct NotUnit;

impl fmt::Display for NotUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotUnit {}

impl serde::ser::Error for NotUnit {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotUnit
    }
}

/// Keeps a unit variant's static name.
struct UnitName;

macro_rules! refuse {
    ($($f:ident($($t:ty),*)),* $(,)?) => {
        $(fn $f(self, $(_: $t),*) -> Result<&'static str, NotUnit> { Err(NotUnit) })*
    };
}

impl Serializer for UnitName {
    type Ok = &'static str;
    type Error = NotUnit;
    type SerializeSeq = Impossible<&'static str, NotUnit>;
    type SerializeTuple = Impossible<&'static str, NotUnit>;
    type SerializeTupleStruct = Impossible<&'static str, NotUnit>;
    type SerializeTupleVariant = Impossible<&'static str, NotUnit>;
    type SerializeMap = Impossible<&'static str, NotUnit>;
    type SerializeStruct = Impossible<&'static str, NotUnit>;
    type SerializeStructVariant = Impossible<&'static str, NotUnit>;

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotUnit> {
        Ok(variant)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<&'static str, NotUnit> {
        v.serialize(self)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        v: &T,
    ) -> Result<&'static str, NotUnit> {
        v.serialize(self)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotUnit> {
        Err(NotUnit)
    }
}

/// The snake_case tag of a serde unit enum (`PaceStatus::Behind` → `behind`);
/// borrowed for a unit variant, else what `serde_json` makes of it when that
/// is a string (None otherwise).
pub(crate) fn tag<T: Serialize + ?Sized>(t: &T) -> Option<Cow<'static, str>> {
    if let Ok(name) = t.serialize(UnitName) {
        return Some(Cow::Borrowed(name));
    }
    match serde_json::to_value(t).ok()? {
        serde_json::Value::String(s) => Some(Cow::Owned(s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum E {
        OnTrack,
        #[serde(rename = "x-y")]
        Renamed,
        Data(u8),
    }

    struct Custom;
    impl Serialize for Custom {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&String::from("made_up"))
        }
    }

    #[test]
    fn unit_variants_are_borrowed_and_the_rest_falls_back() {
        assert!(matches!(tag(&E::OnTrack), Some(Cow::Borrowed("on_track"))));
        assert!(matches!(tag(&E::Renamed), Some(Cow::Borrowed("x-y"))));
        assert_eq!(tag(&E::Data(1)), None, "not a string in JSON either");
        assert!(matches!(tag(&Custom), Some(Cow::Owned(ref s)) if s == "made_up"));
        assert!(matches!(
            tag(&Some(E::OnTrack)),
            Some(Cow::Borrowed("on_track"))
        ));
        assert_eq!(tag(&Option::<E>::None), None);
    }

    /// Every enum a table shows gives the same tag as `serde_json`, for
    /// every variant its JSON Schema names.
    #[cfg(feature = "schema")]
    #[test]
    fn same_as_serde_json_for_the_core_enums() {
        use crate::classify::SignalCode;
        use crate::ledger::KeyResultEvent;
        use crate::lint::Severity;
        use crate::model::{MeasureKind, ObjectiveType};
        use crate::progress::{LeftOutReason, PaceStatus, ValueSource};
        use crate::score::{CalibrationFlag, Verdict};
        use schemars::JsonSchema;

        fn same<T: Serialize + for<'de> serde::Deserialize<'de> + JsonSchema>() {
            // Every variant the schema names, read back into the enum.
            let schema = serde_json::to_value(schemars::schema_for!(T)).expect("schema");
            let mut names = Vec::new();
            collect_enum_strings(&schema, &mut names);
            assert!(!names.is_empty(), "{}", std::any::type_name::<T>());
            for name in names {
                let v: T = serde_json::from_value(serde_json::Value::String(name.clone()))
                    .expect("a variant the schema names");
                assert_eq!(tag(&v).map(Cow::into_owned), Some(name));
            }
        }
        fn collect_enum_strings(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::Array(vs)) = m.get("enum") {
                        out.extend(vs.iter().filter_map(|x| x.as_str().map(str::to_owned)));
                    }
                    if let Some(serde_json::Value::String(c)) = m.get("const") {
                        out.push(c.clone());
                    }
                    m.values().for_each(|x| collect_enum_strings(x, out));
                }
                serde_json::Value::Array(vs) => {
                    vs.iter().for_each(|x| collect_enum_strings(x, out))
                }
                _ => {}
            }
        }
        same::<PaceStatus>();
        same::<Severity>();
        same::<Verdict>();
        same::<CalibrationFlag>();
        same::<KeyResultEvent>();
        same::<SignalCode>();
        same::<LeftOutReason>();
        same::<ValueSource>();
        same::<MeasureKind>();
        same::<ObjectiveType>();
    }
}
