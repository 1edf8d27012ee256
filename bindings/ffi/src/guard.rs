//! No panic reaches the app: every exported body runs under [`guard`].

use crate::OkrError;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f`, turning a panic into [`OkrError::Internal`] instead of unwinding
/// into uniffi (which would surface as an untyped exception, or abort).
pub fn guard<T>(f: impl FnOnce() -> Result<T, OkrError>) -> Result<T, OkrError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(OkrError::internal(okrkit::Error::internal_message(
            &*payload,
        ))),
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
                assert_eq!(code, okrkit::Error::INTERNAL_CODE);
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
        assert_eq!(err.code(), okrkit::Error::INTERNAL_CODE);
        assert!(err.detail().contains("boom 7"), "{err:?}");
    }

    /// A panic inside an append (a bug; injected by the core's test hook)
    /// is `Internal`, and leaves the ledger as it was: the core puts the
    /// state back (and, after a double fault, the next lock does), so later
    /// calls go on from the recorded entries.
    #[test]
    fn a_panicking_append_leaves_the_ledger_as_it_was() {
        use okrkit::ledger::{Actor, test_hooks};
        use std::time::{Duration, SystemTime};
        let day = |d: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600 + d * 86_400);
        let doc = r#"{"schema_version": 1, "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
            "teams": [{"id": "web", "name": "Web"}], "people": [{"id": "ana", "name": "Ana"}],
            "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1", "key_results": [
                {"id": "kr1", "title": "Conversion to 65%", "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]}"#;
        let import = format!(
            r#"{{"type": "import", "document": {doc}, "roles": {{"members": [{{"team": "web", "person": "ana"}}]}}}}"#
        );
        let check_in =
            |v: f64| format!(r#"{{"type": "check_in", "key_result": "kr1", "value": {v}}}"#);
        let ana = || Actor::new("ana", "web");
        for panics in [1, 2] {
            let ledger = crate::Ledger::new();
            ledger
                .append_json(day(1), ana(), import.clone(), None)
                .expect("imported");
            let before = (
                ledger.to_jsonl().expect("text"),
                ledger.replay_json(None).expect("doc"),
            );
            test_hooks::inject_append_panics(panics);
            let err = ledger
                .append_json(day(2), ana(), check_in(55.0), None)
                .expect_err("the injected panic");
            assert_eq!(err.code(), okrkit::Error::INTERNAL_CODE, "{err:?}");
            let after = (
                ledger.to_jsonl().expect("text"),
                ledger.replay_json(None).expect("doc"),
            );
            assert_eq!(after, before, "{panics} panic(s): the ledger is as it was");
            ledger
                .append_json(day(3), ana(), check_in(56.0), None)
                .expect("goes on");
            assert!(ledger.replay_json(None).expect("doc").contains("56"));
        }
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
