"""okrkit's exceptions: one base class, ``OkrError``, and a subclass per kind.

Every exception carries the core's stable ``code``, the ``path`` of the
offending element (``objectives[3].key_results[1].measure.target``) and
``problems``: every problem found, each with ``code``, ``message`` and ``path``.
The mapping from the core's errors lives in ``src/error.rs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Union

__all__ = [
    "Problem",
    "OkrError",
    "ValidationError",
    "InvalidArgument",
    "LedgerRefused",
    "TamperedError",
    "ProofError",
    "OkrIOError",
    "OkrFileNotFoundError",
    "InternalError",
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
    (``not_finite`` for NaN and infinities). ``line`` and ``column`` say where
    in the text reading failed (1-based; 0 when there is no text position)."""

    line: int = 0
    column: int = 0


# The note pyo3 adds to an exception raised while it reads a function's
# argument (pyo3 0.30's `argument_extraction_error`).
_ARGUMENT_NOTE = re.compile(r"while processing '([^']+)'")


class InvalidArgument(OkrError, ValueError):
    """An argument is invalid: an unknown cycle or key result, a bad option,
    or a value of the wrong type or range (``None`` for a str, ``-1`` for an
    index: code ``parse_error``, ``path`` the argument's name)."""

    def add_note(self, note: str) -> None:
        # An argument okrkit could not read is raised before its name is
        # known (src/convert.rs: `Count`, `Text`); pyo3 then names it in a
        # note, which becomes the path, as Node's errors have it.
        match = _ARGUMENT_NOTE.fullmatch(note)
        # `_unnamed_argument`: what follows the name in the path ("" or an
        # item's index, "[3]").
        suffix = None if match is None else self.__dict__.pop("_unnamed_argument", None)
        if match is not None and suffix is not None:
            name = match.group(1) + str(suffix)
            self.path = name
            self.message = f"{name}: {self.message}"
            self.args = (self.message,)
            self.problems = [Problem(p.code, p.message, name) for p in self.problems]
            return
        if hasattr(super(), "add_note"):  # Python 3.11+
            super().add_note(note)


class LedgerRefused(OkrError):
    """The ledger refused an action and recorded nothing. ``code`` says why:
    one of ``okrkit.RefusalCode`` (``not_allowed``, ``agreed_commitment``,
    ``bad_time``, ``bad_signature``…, each documented there)."""


class TamperedError(OkrError):
    """The ledger's hash chain is broken; ``index`` and ``entry_id`` name the
    first bad entry."""

    index: int
    entry_id: str


class ProofError(OkrError):
    """A ledger, a signed checkpoint or a proof does not prove what it should.
    ``code`` says why: one of ``okrkit.ProofFailure`` (``rewrite``,
    ``truncation``, ``fork``, ``bad_signature``…, each documented there);
    ``entry`` names the first entry that differs or is missing, where there is
    one (else None)."""

    entry: Optional[int]


class OkrIOError(OkrError, OSError):
    """A file could not be read or written."""


class OkrFileNotFoundError(OkrIOError, FileNotFoundError):
    """The file does not exist: ``except FileNotFoundError`` catches it too."""


class InternalError(OkrError):
    """A bug in okrkit: a panic inside it, caught where the call entered
    okrkit (``code`` ``internal_error``, as in every binding). The message
    carries the panic's own; please report it. What the call was changing is
    left as it was: a ledger is put back as its entries say."""
