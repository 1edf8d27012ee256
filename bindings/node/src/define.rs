//! The shape every native function shares, written once: catch panics, read
//! each argument with okrkit's errors at its name, run the body (the core
//! call it forwards), throw a core error as its JS `Error`.
//!
//! ```ignore
//! methods! { Ledger as (l, env) {
//!     /// Every version a key result had.
//!     [ts_args_type = "keyResult: string", ts_return_type = "KeyResultVersion[]"]
//!     fn history(keyResult: String) -> Unknown<'e> { dated(env, &l.history(&keyResult)?)? }
//! }}
//! ```
//!
//! expands to the `#[napi]` method a hand would write: every argument is an
//! `Unknown` read by [`FromJs`](crate::convert::FromJs) under its JS name
//! (the parameter's name, hence camelCase parameters), the handle's core value
//! is `l` (`self.core(env)?`, `invalid_state` once freed), and `?` takes core
//! and napi errors alike ([`Failure`](crate::error::Failure)). The bracket holds
//! the rest of the `#[napi(…)]` attribute (`getter`, `factory`, the
//! TypeScript types of arguments and result).

/// `#[napi]` methods of a handle, reading its core value (see the module
/// docs); `mut Ty as (handle, env)`: methods taking `&mut self`, `handle`
/// being the handle itself; `ref Ty as (handle, env)`: methods taking
/// `&self`, `handle` being the handle itself (the body calls `handle.core(env)`
/// when it wants, e.g. after checking arguments read in the body, so a bad
/// argument is reported before a freed handle). One function at a time, into
/// one `#[napi] impl`.
macro_rules! methods {
    (mut $ty:ident as ($core:ident, $env:ident) { $($fns:tt)* }) => {
        $crate::define::methods!(@ [impl $ty] $env, [&mut self,] [let $core = self;] {} $($fns)*);
    };
    (ref $ty:ident as ($core:ident, $env:ident) { $($fns:tt)* }) => {
        $crate::define::methods!(@ [impl $ty] $env, [&self,] [let $core = self;] {} $($fns)*);
    };
    ($ty:ident as ($core:ident, $env:ident) { $($fns:tt)* }) => {
        $crate::define::methods!(
            @ [impl $ty] $env, [&self,] [let $core = self.core($env)?;] {} $($fns)*
        );
    };
    // A getter: no argument to read, nothing more to refuse.
    (@ $head:tt $env:ident, $receiver:tt $bind:tt $done:tt
        $(#[$doc:meta])*
        [getter $($napi:tt)*]
        fn $name:ident() -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::define::methods!(@emit $head $env, $receiver $bind $done
            [$(#[$doc])*] [] [getter $($napi)*] [] [] $name() -> $ret { $body }
            $($rest)*);
    };
    // An `…Async` function: an argument too many rejects its Promise.
    (@ $head:tt $env:ident, $receiver:tt $bind:tt $done:tt
        $(#[$doc:meta])*
        [$($napi:tt)*]
        async fn $name:ident($($arg:ident: $t:ty),* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::define::methods!(@emit $head $env, $receiver $bind $done
            [$(#[$doc])*] [] [$($napi)*]
            [more: napi::bindgen_prelude::Unknown<'e>]
            [let more = $crate::convert::no_more(&more, <[&str]>::len(&[$(stringify!($arg)),*]));]
            $name($($arg: $t),*) -> $ret {
                match more {
                    Err(e) => $crate::tasks::Task::refused(e),
                    Ok(()) => $body,
                }
            }
            $($rest)*);
    };
    // Any other: an argument too many is refused (`parse_error` at `arguments`);
    // the hidden one that says so is left out of the TypeScript arguments
    // (a function with arguments gives them in `ts_args_type`).
    (@ $head:tt $env:ident, $receiver:tt $bind:tt $done:tt
        $(#[$doc:meta])*
        [$($napi:tt)*]
        fn $name:ident() -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::define::methods!(@emit $head $env, $receiver $bind $done
            [$(#[$doc])*] [ts_args_type = "",] [$($napi)*]
            [more: napi::bindgen_prelude::Unknown<'e>]
            [$crate::convert::no_more(&more, 0)?;]
            $name() -> $ret $body
            $($rest)*);
    };
    (@ $head:tt $env:ident, $receiver:tt $bind:tt $done:tt
        $(#[$doc:meta])*
        [$($napi:tt)*]
        fn $name:ident($($arg:ident: $t:ty),* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::define::methods!(@emit $head $env, $receiver $bind $done
            [$(#[$doc])*] [] [$($napi)*]
            [more: napi::bindgen_prelude::Unknown<'e>]
            [$crate::convert::no_more(&more, <[&str]>::len(&[$(stringify!($arg)),*]))?;]
            $name($($arg: $t),*) -> $ret $body
            $($rest)*);
    };
    (@emit [$($impl:tt)*] $env:ident, [$($receiver:tt)*] [$($bind:tt)*] {$($done:tt)*}
        [$($doc:tt)*] [$($pre:tt)*] [$($napi:tt)*] [$($more:tt)*] [$($check:tt)*]
        $name:ident($($arg:ident: $t:ty),*) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::define::methods!(@ [$($impl)*] $env, [$($receiver)*] [$($bind)*] {
            $($done)*
            $($doc)*
            #[napi(catch_unwind, $($pre)* $($napi)*)]
            #[allow(non_snake_case, unused_braces)]
            #[allow(clippy::needless_question_mark, clippy::redundant_closure_call)]
            #[allow(clippy::needless_lifetimes, clippy::too_many_arguments)]
            pub fn $name<'e>(
                $($receiver)*
                $env: &'e napi::Env,
                $($arg: napi::bindgen_prelude::Unknown<'e>,)*
                $($more)*
            ) -> napi::Result<$ret> {
                $crate::error::thrown($env, (|| -> $crate::error::Body<$ret> {
                    $($check)*
                    $(let $arg: $t = $crate::convert::read($arg, stringify!($arg))?;)*
                    $($bind)*
                    Ok($body)
                })())
            }
        } $($rest)*);
    };
    (@ [impl $ty:ident] $env:ident, [$($receiver:tt)*] [$($bind:tt)*] {$($done:tt)*}) => {
        #[napi_derive::napi]
        impl $ty { $($done)* }
    };
    (@ [] $env:ident, [] [] {$($done:tt)*}) => { $($done)* };
}
pub(crate) use methods;

/// A class's static `#[napi]` functions (factories): as [`methods`], without
/// a handle.
macro_rules! statics {
    ($ty:ident as $env:ident { $($fns:tt)* }) => {
        $crate::define::methods!(@ [impl $ty] $env, [] [] {} $($fns)*);
    };
}
pub(crate) use statics;

/// Module-level `#[napi]` functions: as [`methods`], without a handle (the
/// module imports `napi_derive::napi`).
macro_rules! functions {
    ($env:ident { $($fns:tt)* }) => {
        $crate::define::methods!(@ [] $env, [] [] {} $($fns)*);
    };
}
pub(crate) use functions;
