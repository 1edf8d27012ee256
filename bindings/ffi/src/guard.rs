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
/// `fn name(args) -> T = let x = conv; … |core| expr;` in
/// `forward!(Owner via access { … })` is `pub fn name(&self, args) ->
/// Result<T, OkrError>` that first converts its arguments (the `let`s, which
/// may fail with `?`), then binds `core` to `self.access()?` (the ledger's
/// lock, an org's core) and returns `expr`.
macro_rules! forward {
    ($owner:ident via $access:ident {
        $($(#[$m:meta])*
        fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty =
            $(let $v:ident = $conv:expr;)* |$core:ident| $body:expr;)+
    }) => {
        #[uniffi::export]
        impl $owner {$(
            $(#[$m])*
            pub fn $name(&self, $($arg: $ty),*) -> Result<$out, $crate::OkrError> {
                $crate::guard(|| {
                    $(let $v = $conv;)*
                    let $core = self.$access()?;
                    Ok($body)
                })
            }
        )+}
    };
}

/// Free functions whose whole body runs under [`guard`]: `fn name(args) ->
/// T = expr;` (after its attributes, `#[uniffi::export…]` among them) is
/// `pub fn name(args) -> Result<T, OkrError> { guard(|| Ok(expr)) }`.
macro_rules! guarded {
    ($($(#[$m:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty = $body:expr;)+
    ) => {$(
        $(#[$m])*
        pub fn $name($($arg: $ty),*) -> Result<$out, $crate::OkrError> {
            $crate::guard(|| Ok($body))
        }
    )+};
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

    /// A handle whose one forwarded method panics.
    #[derive(uniffi::Object)]
    struct Probe;

    impl Probe {
        fn core(&self) -> Result<&Self, OkrError> {
            Ok(self)
        }

        fn boom(&self, n: i64) -> i64 {
            panic!("boom {n}")
        }
    }

    forward!(Probe via core {
        fn explode(n: i64) -> i64 = |probe| probe.boom(n);
    });

    #[test]
    fn a_forwarded_method_runs_under_guard() {
        let err = Probe.explode(7).expect_err("panic caught");
        assert_eq!(err.code(), "internal");
        assert!(err.detail().contains("boom 7"), "{err:?}");
    }

    /// A panic while the ledger's lock is held does not make the ledger
    /// unusable (the core recovers it: `Ledger::lock`), and arguments are
    /// still converted before the lock is taken: a bad instant or index is
    /// `InvalidArgument`.
    #[test]
    fn a_forwarded_method_converts_its_arguments_first() {
        use std::time::{Duration, SystemTime};
        let ledger = std::sync::Arc::new(crate::Ledger::new());
        let poison = catch_unwind(AssertUnwindSafe(|| {
            let _held = ledger.lock();
            panic!("poison");
        }));
        assert!(poison.is_err());
        assert_eq!(ledger.to_jsonl().map_err(|e| e.code()), Ok(String::new()));
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000_000_000_000);
        let err = ledger.replay_json(Some(far)).expect_err("out of range");
        assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        assert_eq!(err.path(), "at");
        // The generated queries too (ledger_queries.rs).
        let err = ledger
            .waiting_dependencies(far, None)
            .expect_err("out of range");
        assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        assert_eq!(err.path(), "as_of");
        let err = crate::inclusion_proof(ledger, "o".into(), -1, None).expect_err("negative");
        assert!(matches!(err, OkrError::InvalidArgument { .. }), "{err:?}");
        assert_eq!(err.path(), "index");
    }
}
