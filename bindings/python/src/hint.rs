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
pub struct Typed<'py, H>(Bound<'py, PyAny>, PhantomData<H>);

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
    ($($(#[$doc:meta])* $name:ident = $text:literal;)*) => {$(
        $(#[$doc])*
        pub enum $name {}
        impl Hint for $name {
            const TEXT: &'static str = $text;
        }
    )*};
}

hints! {
    /// The progress of each objective.
    ObjectiveProgresses = "tuple[_t.ObjectiveProgress, ...]";
    /// The progress of each team in each cycle.
    TeamProgresses = "tuple[_t.TeamProgress, ...]";
    /// The progress of each cycle.
    CycleProgresses = "tuple[_t.CycleProgress, ...]";
    /// A milestone policy's name.
    Str = "str";
    /// Lint findings.
    Findings = "tuple[_t.Finding, ...]";
    /// The score of each objective.
    ObjectiveScores = "tuple[_t.ObjectiveScore, ...]";
    /// The score of each team in a cycle.
    TeamCycleScores = "tuple[_t.TeamCycleScore, ...]";
    /// A team's (or the organisation's) health.
    TeamHealth = "_t.TeamHealth";
    /// The health of each team.
    TeamHealths = "tuple[_t.TeamHealth, ...]";
    /// Calibration per team.
    Calibrations = "tuple[_t.Calibration, ...]";
    /// The versions of a key result.
    KeyResultVersions = "tuple[_t.KeyResultVersion, ...]";
    /// One version of a key result.
    KeyResultVersion = "_t.KeyResultVersion";
    /// Ledger entries.
    Entries = "list[_t.Entry]";
    /// A dict of anything.
    Dict = "dict[str, Any]";
    /// An item of `Classifications` (an int index) or a list of them (a slice).
    ClassificationItems = "Classification | list[Classification]";
    /// An iterator over `Classifications`.
    ClassificationIterator = "Iterator[Classification]";
    /// A list of dicts.
    Dicts = "list[dict[str, Any]]";
}
