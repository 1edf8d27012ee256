"""okrkit — the rules of OKRs (Objectives and Key Results) as a library.

One Rust core computes every number; this package gives it a Pythonic face::

    import okrkit
    org = okrkit.load("examples/data/org.json")        # path, JSON text, dict or CSV
    report = org.progress(as_of="2026-02-15")
    report.to_pandas("key_results")                     # typed, fixed schema; pandas imported only now
    okrkit.classify_many(texts, frame="polars")         # kind, confidence, signals as columns
    okrkit.classify("Build a cart reminder tool").kind  # StatementKind.OUTPUT

Errors are :class:`OkrError` subclasses carrying the core's stable ``code``,
the element ``path`` and every ``problem``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Union

from okrkit import enums, errors, plot
from okrkit._ledger import Actor, Ledger
from okrkit._okrkit import _source_is_text
from okrkit._okrkit import lint as _lint
from okrkit._okrkit import validate as _validate
from okrkit._okrkit import (
    SCHEMA_VERSION,
    Classification,
    Classifications,
    Classifier,
    Document,
    HealthReport,
    Imported,
    KeyResultHistory,
    LintReport,
    Org,
    ProgressReport,
    ScoreReport,
    SigningKey,
    Table,
    __version__,
    calibrate,
    calibration,
    check_ins,
    classify,
    consistency_proof,
    cosign_checkpoint,
    default_origin,
    confidence_series,
    classify_many,
    generate,
    inclusion_proof,
    sign_checkpoint,
    public_key_hex,
    progress_series,
    read_asana,
    read_gitlab,
    read_quantive,
    read_tability,
    read_table,
    score_history,
    table_names,
    table_schema,
    verify_checkpoint,
    verify_consistency_proof,
    verify_inclusion_proof,
)
from okrkit.enums import *  # noqa: F403 (every core enum, generated)
from okrkit.errors import *  # noqa: F403 (every exception class and Problem: its __all__)
from okrkit.plot import *  # noqa: F403 (the notebook's charts: its __all__)

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    # loading
    "load",
    "load_csv",
    # importing from other tools
    "read_asana",
    "read_gitlab",
    "read_quantive",
    "read_tability",
    "read_table",
    "Imported",
    "Document",
    "Org",
    "generate",
    "validate",
    # results
    "ProgressReport",
    "LintReport",
    "ScoreReport",
    "HealthReport",
    "KeyResultHistory",
    "Classification",
    "Classifications",
    "Table",
    # tables
    "table_names",
    "table_schema",
    "progress_series",
    "check_ins",
    "confidence_series",
    "score_history",
    "calibration",
    "classify_many",
    # rules
    "lint",
    "classify",
    "Classifier",
    "calibrate",
    # ledger
    "Ledger",
    "Actor",
    # checkpoints and proofs
    "SigningKey",
    "sign_checkpoint",
    "cosign_checkpoint",
    "verify_checkpoint",
    "default_origin",
    "inclusion_proof",
    "verify_inclusion_proof",
    "consistency_proof",
    "verify_consistency_proof",
    "public_key_hex",
    # enums (every core enum, generated into okrkit/enums.py)
    "enums",
]
# The notebook's charts, the errors (every exception class and Problem) and
# every core enum: each module's own __all__.
__all__ += plot.__all__
__all__ += errors.__all__
__all__ += enums.__all__

DocumentSource = Union[str, bytes, "os.PathLike[str]", Mapping[str, Any], Document, Org]


def _read(path: Union[str, "os.PathLike[str]"]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as e:
        kind = OkrFileNotFoundError if isinstance(e, FileNotFoundError) else OkrIOError
        raise kind(f"{path}: {e.strerror or e}", code="io_error", path=str(path)) from e
    except UnicodeDecodeError as e:
        raise ValidationError(f"{path}: not UTF-8 text: {e}", code="parse_error", path="") from e


def load(source: DocumentSource) -> Org:
    """Loads and validates an organisation's OKRs.

    ``source`` is a dict (e.g. from ``json.load``), a :class:`Document`, JSON
    text (str or UTF-8 bytes), or a path to a ``.json`` file or a ``.csv`` export (one row per key
    result, see :func:`load_csv`). A str is the text when it is blank, starts
    with ``{`` or ``[``, or holds a line break, and a path otherwise: one rule
    for every function that takes either (the core's ``source_is_text``).
    Raises :class:`ValidationError` listing every problem, or
    :class:`OkrIOError` when the file cannot be read.
    """
    if isinstance(source, Org):
        return source
    if isinstance(source, (bytes, bytearray)):
        return Org.from_json(bytes(source))
    if isinstance(source, (Document, Mapping, str, os.PathLike)):
        # One reading of a source (JSON text, a .csv or .json path, a dict,
        # a Document) for load, validate and lint: `_document`.
        document = _document(source)
        return Org.from_json(document) if isinstance(document, str) else Org(document)
    raise InvalidArgument(
        f"load() takes a dict, a Document, JSON text or a path, not {type(source).__name__}",
        code="parse_error",
        path="source",
    )


def _document(source: Any) -> Any:
    """What ``load`` reads, for functions that take a document valid or not:
    a path (str or ``os.PathLike``, ``.csv`` included) becomes its document;
    anything else (dict, Document, Org, JSON text) goes to the core as it is."""
    if isinstance(source, (bytes, bytearray)):
        try:
            return bytes(source).decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValidationError(f"not UTF-8 text: {e}", code="parse_error", path="") from e
    # The source's text, by the core's one rule for a str that may be a path.
    if isinstance(source, str) and _source_is_text(source):
        return source
    if isinstance(source, (str, os.PathLike)):
        if str(source).lower().endswith(".csv"):
            return Document.from_csv(_read(source))
        return _read(source)
    return source


def validate(document: DocumentSource) -> list[Any]:
    """Every problem of a document (empty when valid): a dict, a
    :class:`Document`, an :class:`Org`, JSON text or a path, as :func:`load`
    reads. A document that cannot be read at all raises :class:`ValidationError`."""
    return _validate(_document(document))


def lint(
    document: DocumentSource,
    *,
    as_of: Any = None,
    vocabulary: Any = None,
    **options: Any,
) -> LintReport:
    """Lints a document, valid or not (anything :func:`load` reads, a path
    included). ``options`` are the core's lint settings (``LintConfig``:
    ``stale_after_days``, ``max_objectives_per_team_cycle``,
    ``max_key_results_per_objective``, ``max_renegotiations_per_cycle``,
    ``dependency_answer_days``, ``rules``) with the core's defaults; an unknown
    option or rule code raises :class:`InvalidArgument`, and so does
    ``stale_after_days`` without ``as_of`` (``invalid_value``: the stale rule
    needs a date)."""
    return _lint(_document(document), as_of=as_of, vocabulary=vocabulary, **options)


def load_csv(source: Union[str, "os.PathLike[str]"]) -> Org:
    """Loads a CSV export with one row per key result (a path, or the CSV text
    itself: a str with a line break is text, as for :func:`load`). The columns
    and the rules for reading them are the core's
    (``Document::from_csv_key_results``); errors name the row and column."""
    if isinstance(source, str) and _source_is_text(source):
        text = source
    elif isinstance(source, (str, os.PathLike)):
        text = _read(source)
    else:
        raise InvalidArgument(
            f"load_csv() takes CSV text or a path, not {type(source).__name__}",
            code="parse_error",
            path="source",
        )
    return Document.from_csv(text).org()
