//! No panic reaches the app: every exported body runs under [`guard`].

use crate::OkrError;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f`, turning a panic into [`OkrError::Internal`] instead of unwinding
/// into uniffi (which would surface as an untyped exception, or abort).
pub fn guard<T>(f: impl FnOnce() -> Result<T, OkrError>) -> Result<T, OkrError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(OkrError::internal(format!(
                "okrkit failed internally (a bug, please report it): {what}"
            )))
        }
    }
}

/// Exports methods that only forward to the core, each under [`guard`]:
/// `fn name(args) -> T = |core| expr;` in `forward!(Owner via access { … })`
/// is `pub fn name(&self, args) -> Result<T, OkrError>`, with `core` bound to
/// `self.access()?` (the ledger's lock, an org's core) in `expr`.
macro_rules! forward {
    ($owner:ident via $access:ident {
        $($(#[$m:meta])*
        fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = |$core:ident| $body:expr;)+
    }) => {
        #[uniffi::export]
        impl $owner {$(
            $(#[$m])*
            pub fn $name(&self, $($arg: $ty),*) -> Result<$out, $crate::OkrError> {
                $crate::guard(|| {
                    let $core = self.$access()?;
                    Ok($body)
                })
            }
        )+}
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let err = guard::<()>(|| panic!("boom")).expect_err("panic caught");
        match err {
            OkrError::Internal { code, detail, .. } => {
                assert_eq!(code, "internal");
                assert!(detail.contains("boom"));
            }
            other => panic!("expected Internal, got {other:?}"),
        }
    }

    #[test]
    fn results_pass_through() {
        assert_eq!(guard(|| Ok(7)).ok(), Some(7));
    }
}
