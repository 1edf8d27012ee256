//! Records that mirror a core report field for field.
//!
//! The core's reports are `#[non_exhaustive]` (a new field is not a breaking
//! change there), so uniffi cannot lift them as `remote` records (that builds
//! them with a struct literal from this crate). Each is declared here again,
//! with the same name and fields as before (the Kotlin and Swift types do
//! not change), and a `From` conversion from the core's type: a field added
//! to the core shows up here only when it is added to the mirror.
//!
//! Each field converts with `.into()`; a field marked `[vec]` converts each
//! element, `[opt]` the value inside an `Option`.

/// Declares an ffi record mirroring a core struct, and `From<core>` for it.
macro_rules! mirror_record {
    ($(#[$meta:meta])* $name:ident from $core:ty {
        $($(#[$fmeta:meta])* $field:ident : $ty:ty $([$how:ident])?,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)+
        }

        impl From<$core> for $name {
            fn from(c: $core) -> Self {
                $name {
                    $($field: $crate::mirror::mirror_record!(@conv c.$field $(, $how)?),)+
                }
            }
        }
    };
    (@conv $e:expr) => { $e.into() };
    (@conv $e:expr, vec) => { $e.into_iter().map(Into::into).collect() };
    (@conv $e:expr, opt) => { $e.map(Into::into) };
}

pub(crate) use mirror_record;

/// Converts each element of a core list to its mirror.
pub(crate) fn each<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

#[cfg(test)]
mod tests {
    //! The core's code and status enums are `#[non_exhaustive]`; the remote
    //! enum declarations of this crate list their variants, and uniffi adds a
    //! wildcard arm that panics for a variant missing here. This test lowers
    //! every variant the core's JSON Schema names, so a variant added to the
    //! core and not here fails in CI, not in an app. It covers the enums whose
    //! variants the schema lists by name; `Measure`, whose variants carry
    //! fields, is not covered here (a new way of measuring would need its own
    //! case). The schema read is the committed one, kept current by the
    //! schema test of the core.

    use okrkit::classify::{SignalCode, StatementKind, StructureHint};
    use okrkit::ledger::{DependencyStatus, KeyResultEvent, ProposalStatus, SetStatus, WaitingFor};
    use okrkit::lint::{RuleLevel, Severity};
    use okrkit::progress::{LeftOutReason, MilestonePolicy, PaceStatus, ValueSource};
    use okrkit::score::{CalibrationFlag, Verdict};
    use okrkit::{MeasureKind, Visibility};

    const SCHEMA: &str = include_str!("../../../crates/okrkit/schema/okrkit.schema.json");

    fn names(schema: &serde_json::Value, name: &str) -> Vec<serde_json::Value> {
        let def = &schema["$defs"][name];
        let mut out: Vec<serde_json::Value> = def["enum"].as_array().cloned().unwrap_or_default();
        if let Some(one_of) = def["oneOf"].as_array() {
            out.extend(one_of.iter().filter_map(|v| v.get("const").cloned()));
        }
        assert!(!out.is_empty(), "the schema lists no variant of {name}");
        out
    }

    macro_rules! every_variant_lowers {
        ($($ty:ty),+ $(,)?) => {{
            let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("schema");
            $(
                let name = stringify!($ty);
                for n in names(&schema, name) {
                    let v: $ty = serde_json::from_value(n.clone()).expect("a core variant");
                    let lowered = std::panic::catch_unwind(|| {
                        let mut buf = Vec::new();
                        <$ty as uniffi::Lower<crate::UniFfiTag>>::write(v, &mut buf);
                    });
                    assert!(lowered.is_ok(), "{name}::{n} is not declared in bindings/ffi");
                }
            )+
        }};
    }

    #[test]
    fn every_core_variant_is_declared_for_kotlin_and_swift() {
        every_variant_lowers!(
            Severity,
            RuleLevel,
            MilestonePolicy,
            ValueSource,
            LeftOutReason,
            PaceStatus,
            Verdict,
            CalibrationFlag,
            SetStatus,
            ProposalStatus,
            DependencyStatus,
            WaitingFor,
            KeyResultEvent,
            StatementKind,
            StructureHint,
            SignalCode,
            MeasureKind,
            Visibility,
        );
    }
}
