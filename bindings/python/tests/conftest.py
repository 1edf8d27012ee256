"""Shared helpers: the repository's test vectors and a last-bit comparison."""

from __future__ import annotations

import json
import math
import os
import struct
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parents[3]
VECTORS = Path(os.environ.get("OKRKIT_VECTORS_DIR", REPO / "tests" / "vectors"))


def vector_files(sub: str) -> list[Path]:
    folder = VECTORS / sub
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"))


def load_vector(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def vector_params(sub: str) -> Iterator[Any]:
    files = vector_files(sub)
    if not files:
        yield pytest.param(None, marks=pytest.mark.skip(reason=f"no vectors in {VECTORS / sub} yet"), id="none")
    for f in files:
        yield pytest.param(f, id=f.stem)


def bits(x: float) -> int:
    return int(struct.unpack("<q", struct.pack("<d", float(x)))[0])


def assert_subset(expected: Any, actual: Any, path: str = "") -> None:
    """Every field of ``expected`` is in ``actual`` with the same value; numbers
    are compared as IEEE-754 doubles, to the last bit (as the Rust runner does)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        for k, v in expected.items():
            assert k in actual, f"{path}.{k}: missing in {actual!r}"
            assert_subset(v, actual[k], f"{path}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected an array, got {actual!r}"
        assert len(expected) == len(actual), f"{path}: length {len(actual)} != {len(expected)}: {actual!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            assert_subset(e, a, f"{path}[{i}]")
    elif isinstance(expected, (int, float)) and not isinstance(expected, bool):
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), f"{path}: {actual!r} is not a number"
        assert not math.isnan(float(actual)), f"{path}: NaN"
        assert bits(expected) == bits(actual), f"{path}: expected {expected!r}, got {actual!r}"
    else:
        assert expected == actual, f"{path}: expected {expected!r}, got {actual!r}"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
