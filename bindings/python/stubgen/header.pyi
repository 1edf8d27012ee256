# --- Hand-kept header (bindings/python/stubgen/header.pyi) ---
# The names the annotations written in Rust (`#[pyo3(signature = (x: "T") -> "R")]`)
# refer to: the core's shapes as TypedDicts (okrkit/_types.py, which okrkit-codegen
# writes from the core's schema) and the unions of what a parameter accepts.
import datetime
import os
import types
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union, overload

from okrkit import _types as _t

_DateLike = Union[datetime.date, str]
_WhenLike = Union[datetime.datetime, datetime.date, str]
_InstantLike = Union[datetime.datetime, str]
_DocumentLike = Union[Mapping[str, Any], "Document", "Org", str]
_Vocabulary = Optional[Union[Mapping[str, Any], "Classifier"]]
# Test and benchmark hooks (bench_progress, ...), set by the module's #[pymodule_init]
# as a plain attribute, outside __all__: not part of the API.
_testing: types.ModuleType
# --- End of the hand-kept header; below, what pyo3's introspection says. ---
