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
