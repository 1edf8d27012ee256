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
    // An argument after the last is refused by the package entry (index.js,
    // from the counts okrkit-codegen reads here: `arity.js`), `async` or not.
    (@ [$($impl:tt)*] $env:ident, [$($receiver:tt)*] [$($bind:tt)*] {$($done:tt)*}
        $(#[$doc:meta])* [$($napi:meta),* $(,)?]
        $(async)? fn $name:ident($($arg:ident: $t:ty),* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::define::methods!(@ [$($impl)*] $env, [$($receiver)*] [$($bind)*] {
            $($done)*
            $(#[$doc])*
            #[napi(catch_unwind, $($napi),*)]
            #[allow(non_snake_case, unused_braces)]
            #[allow(clippy::needless_question_mark, clippy::redundant_closure_call)]
            #[allow(clippy::needless_lifetimes, clippy::too_many_arguments)]
            pub fn $name<'e>(
                $($receiver)*
                $env: &'e napi::Env,
                $($arg: napi::bindgen_prelude::Unknown<'e>,)*
            ) -> napi::Result<$ret> {
                $crate::error::thrown($env, (|| -> $crate::error::Body<$ret> {
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
