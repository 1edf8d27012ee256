//! Type hints for getters whose Rust type says only "some Python object".
//!
//! A getter cannot carry `#[pyo3(signature = (...) -> "R")]`, so what the
//! generated stub says it returns comes from its Rust return type
//! (`IntoPyObject::OUTPUT_TYPE`). [`Typed`] wraps a converted value and gives
//! it the hint of a marker type declared with [`hints!`]; the text is a Python
//! expression over the stub's names and its header's (`_t.` is the core's
//! TypedDicts), written into `_okrkit.pyi` by okrkit-python-stubgen. Without
//! the `stubs` feature nothing of this reaches the library.

use pyo3::prelude::*;
use std::convert::Infallible;
use std::marker::PhantomData;

/// A type hint: a Python expression, as the stub writes it.
pub trait Hint {
    /// The expression, e.g. `tuple[_t.ObjectiveProgress, ...]`.
    #[cfg_attr(not(feature = "stubs"), allow(dead_code))]
    const TEXT: &'static str;
}

/// A Python object the stub types with `H::TEXT`.
pub struct Typed<'py, H>(pub Bound<'py, PyAny>, PhantomData<H>);

impl<'py, H> From<Bound<'py, PyAny>> for Typed<'py, H> {
    fn from(value: Bound<'py, PyAny>) -> Self {
        Self(value, PhantomData)
    }
}

impl<'py, H: Hint> IntoPyObject<'py> for Typed<'py, H> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = Infallible;

    #[cfg(feature = "stubs")]
    const OUTPUT_TYPE: pyo3::inspect::PyStaticExpr = pyo3::inspect::PyStaticExpr::Constant {
        value: pyo3::inspect::PyStaticConstant::Str(H::TEXT),
    };

    fn into_pyobject(self, _py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(self.0)
    }
}

/// Declares marker types implementing [`Hint`]: `Name = "python expression"`.
macro_rules! hints {
    ($($name:ident = $text:literal;)*) => {$(
        pub enum $name {}
        impl Hint for $name {
            const TEXT: &'static str = $text;
        }
    )*};
}

// What each getter returns, as the stub writes it (`_t.` are the core's TypedDicts).
hints! {
    ObjectiveProgresses = "tuple[_t.ObjectiveProgress, ...]";
    TeamProgresses = "tuple[_t.TeamProgress, ...]";
    CycleProgresses = "tuple[_t.CycleProgress, ...]";
    Str = "str";
    Findings = "tuple[_t.Finding, ...]";
    ObjectiveScores = "tuple[_t.ObjectiveScore, ...]";
    TeamCycleScores = "tuple[_t.TeamCycleScore, ...]";
    TeamHealth = "_t.TeamHealth";
    TeamHealths = "tuple[_t.TeamHealth, ...]";
    Calibrations = "tuple[_t.Calibration, ...]";
    KeyResultVersions = "tuple[_t.KeyResultVersion, ...]";
    KeyResultVersion = "_t.KeyResultVersion";
    Entries = "list[_t.Entry]";
    Dict = "dict[str, Any]";
    ClassificationItems = "Classification | list[Classification]";
    Dicts = "list[dict[str, Any]]";
}
