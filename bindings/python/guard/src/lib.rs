//! `#[guarded]`: no panic leaves okrkit's Python binding as pyo3's
//! `PanicException` (a `BaseException`, which `except Exception` and `except
//! okrkit.OkrError` miss). pyo3 catches a panic at its boundary and has no
//! hook to raise another class (PyO3 #2783, #3519), so each entry point
//! catches it first.
//!
//! Put `#[guarded]` above a `#[pymethods]` impl block or a `#[pyfunction]`.
//! Every function's body then runs under `std::panic::catch_unwind`; a panic
//! becomes `crate::error::panicked(payload)` (`okrkit.InternalError`, code
//! `internal_error`), and a function that returned `T` returns `PyResult<T>`
//! (pyo3 takes that everywhere: `#[new]`, getters, `__len__`…). A body that
//! already returns a `PyResult`/`Result` keeps its type. The binding's test
//! `every_entry_point_is_guarded` fails when a `#[pymethods]` or
//! `#[pyfunction]` lacks the attribute.

use proc_macro::TokenStream;
use quote::quote;
use syn::{Block, Item, ReturnType, Signature, Type, parse_macro_input, parse_quote};

/// See the crate documentation.
#[proc_macro_attribute]
pub fn guarded(_args: TokenStream, input: TokenStream) -> TokenStream {
    let mut item = parse_macro_input!(input as Item);
    match &mut item {
        Item::Impl(block) => {
            for member in &mut block.items {
                if let syn::ImplItem::Fn(f) = member {
                    guard(&mut f.sig, &mut f.block);
                }
            }
        }
        Item::Fn(f) => guard(&mut f.sig, &mut f.block),
        other => {
            return syn::Error::new_spanned(other, "#[guarded] goes on an impl block or a fn")
                .to_compile_error()
                .into();
        }
    }
    quote!(#item).into()
}

/// Whether `ty` is already a result (`PyResult<…>`, `Result<…>`).
fn is_result(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last()
        .is_some_and(|s| s.ident == "PyResult" || s.ident == "Result"))
}

/// Wraps `body` in `catch_unwind`, keeping its own return type inside, and
/// makes the function return a `PyResult`.
fn guard(sig: &mut Signature, body: &mut Block) {
    let inner: Type = match &sig.output {
        ReturnType::Default => parse_quote!(()),
        ReturnType::Type(_, ty) => (**ty).clone(),
    };
    let ok = if is_result(&inner) {
        quote!(result)
    } else {
        sig.output = parse_quote!(-> ::pyo3::PyResult<#inner>);
        quote!(::core::result::Result::Ok(result))
    };
    let stmts = &body.stmts;
    *body = parse_quote!({
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> #inner { #(#stmts)* },
        )) {
            ::core::result::Result::Ok(result) => #ok,
            ::core::result::Result::Err(payload) => {
                ::core::result::Result::Err(crate::error::panicked(&*payload).into())
            }
        }
    });
}
