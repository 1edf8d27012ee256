"""okrkit's exceptions: one base class, ``OkrError``, and a subclass per kind.

Every exception carries the core's stable ``code``, the ``path`` of the
offending element (``objectives[3].key_results[1].measure.target``) and
``problems``: every problem found, each with ``code``, ``message`` and ``path``.
The mapping from the core's errors lives in ``src/error.rs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Union

__all__ = [
    "Problem",
    "OkrError",
    "ValidationError",
    "InvalidArgument",
    "LedgerRefused",
    "TamperedError",
    "OkrIOError",
    "OkrFileNotFoundError",
]


@dataclass(frozen=True)
class Problem:
    """One problem: a stable code, a message and the path of the element."""

    code: str
    message: str
    path: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "path": self.path}


class OkrError(Exception):
    """Base class of every error okrkit raises."""

    code: str
    path: str
    problems: list[Problem]

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        path: str = "",
        problems: Iterable[Union[Problem, Mapping[str, Any]]] = (),
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.problems = [
            p if isinstance(p, Problem) else Problem(str(p["code"]), str(p["message"]), str(p["path"]))
            for p in problems
        ]
        for key, value in extra.items():
            setattr(self, key, value)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, path={self.path!r}, problems={len(self.problems)})"


class ValidationError(OkrError, ValueError):
    """A document could not be read (``parse_error``), breaks the rules
    (``invalid_document``: see ``problems``), or holds a value no JSON can carry
    (``not_finite`` for NaN and infinities)."""

    line: int
    column: int


class InvalidArgument(OkrError, ValueError):
    """An argument is invalid: an unknown cycle or key result, a bad option."""


class LedgerRefused(OkrError):
    """The ledger refused an action and recorded nothing. ``code`` says why:
    ``not_allowed``, ``invalid_state``, ``unknown_element``,
    ``agreed_commitment``, ``invalid_change`` or ``out_of_order``."""


class TamperedError(OkrError):
    """The ledger's hash chain is broken; ``index`` and ``entry_id`` name the
    first bad entry."""

    index: int
    entry_id: str


class OkrIOError(OkrError, OSError):
    """A file could not be read or written."""


class OkrFileNotFoundError(OkrIOError, FileNotFoundError):
    """The file does not exist: ``except FileNotFoundError`` catches it too."""
