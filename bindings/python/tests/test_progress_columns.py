"""A ProgressReport holds the core's columnar roll-up and builds its tables from
it; an unpickled one holds rows and builds them from those. Both give the
same tables, frames, rows and numbers, for every progress vector and for
generated organisations with every option."""

from __future__ import annotations

import math
import pickle
from typing import Any

import pytest

import okrkit
from conftest import load_vector, vector_files


def same(a: Any, b: Any) -> bool:
    """Equal, a NaN equal to a NaN, a -0.0 not equal to a 0.0."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def reports() -> list[tuple[str, okrkit.Org, dict[str, Any]]]:
    out = []
    for path in vector_files("progress"):
        v = load_vector(path)
        out.append((path.stem, okrkit.Org(v["document"]), v.get("options") or {}))
    org = okrkit.load(okrkit.generate(scaled=400))
    for opts in [{}, {"as_of": "2026-02-15"}, {"as_of": "2026-02-15", "milestones": "count_as_imported"},
                 {"as_of": "2026-01-02", "cycle": org.cycles[0]}]:
        out.append((f"generated {opts}", org, opts))
    return out


@pytest.mark.parametrize("name,org,opts", reports(), ids=lambda x: x if isinstance(x, str) else "")
def test_tables_from_columns_equal_tables_from_rows(name: str, org: okrkit.Org, opts: dict[str, Any]) -> None:
    report = org.progress(**opts)
    # Unpickled: the rows alone, its tables built by the row-based builders.
    rows = pickle.loads(pickle.dumps(report))
    assert len(report) == len(rows) and repr(report) == repr(rows), name
    assert report.as_of == rows.as_of and report.milestones == rows.milestones
    for table in report.tables:
        assert same(report.rows(table), rows.rows(table)), f"{name}: {table}"
        assert report.table(table).to_csv() == rows.table(table).to_csv(), f"{name}: {table}"
    assert report._repr_html_() == rows._repr_html_()
    # One objective read from the columns is its row in the report.
    for o in rows.objectives:
        assert same(report.objective(o["objective"]), o), name
    assert report.objective("no-such-objective") is None
    assert report == rows and same(report.to_dict(), rows.to_dict())


def test_frames_from_columns_equal_frames_from_rows() -> None:
    pytest.importorskip("polars")
    org = okrkit.load(okrkit.generate(scaled=400))
    report = org.progress(as_of="2026-02-15")
    rows = pickle.loads(pickle.dumps(report))
    for table in report.tables:
        assert report.to_polars(table).equals(rows.to_polars(table), null_equal=True), table


def test_progress_over_holds_the_columns_of_each_date() -> None:
    org = okrkit.load(okrkit.generate(scaled=200))
    dates = ["2026-01-15", "2026-02-15"]
    over = org.progress_over(dates)
    for day, report in zip(dates, over):
        one = org.progress(as_of=day)
        assert report == one and report.rows("key_results") == one.rows("key_results")
    with pytest.raises(okrkit.InvalidArgument) as info:
        org.progress_over(dates, as_of="2026-01-01")
    assert info.value.code == "invalid_value"
