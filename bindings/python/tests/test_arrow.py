"""Report tables as Arrow columns (issue 18): the Arrow PyCapsule interface on
every Table, polars frames built from it without a copy, and the same values
the list path gives."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import okrkit

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"


@pytest.fixture(scope="module")
def table() -> okrkit.Table:
    return okrkit.load(DATA / "org.json").progress(as_of="2026-02-15").table("key_results")


def test_a_table_speaks_the_arrow_pycapsule_protocol(table: okrkit.Table) -> None:
    assert hasattr(table, "__arrow_c_stream__") and hasattr(table, "__arrow_c_schema__")
    capsule = table.__arrow_c_stream__()
    assert type(capsule).__name__ == "PyCapsule"


def test_polars_shares_the_buffers_instead_of_copying(table: okrkit.Table) -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    frame = table.to_polars()
    direct = pa.table(table)
    for column in ("progress", "weight"):
        # pyarrow imports the table's own Arrow buffer (the C data interface
        # never copies); polars hands back the buffer it holds: the same memory.
        ours = direct.column(column).chunks[0].buffers()[1].address
        theirs = frame[column].to_arrow().buffers()[1].address
        assert ours == theirs != 0, column


def test_report_to_polars_holds_the_buffers_the_core_built() -> None:
    """`report.to_polars(name)` (issue 18: no copy where Arrow allows it): the
    columns the core builds for polars (text as views from the start) reach
    the frame as the very buffers Rust wrote — numbers, dates, the text's
    views and its long values alike — read back through polars' own Arrow
    export. A copy anywhere (on import, a cast, a rechunk) moves a buffer."""
    pl = pytest.importorskip("polars")
    report = okrkit.load(DATA / "org.json").progress(as_of="2026-02-15")
    testing = okrkit._okrkit._testing
    for name in report.tables:
        columns, addresses = testing.polars_columns(report, name)
        frame = pl.DataFrame(columns)
        assert frame.equals(report.to_polars(name), null_equal=True), name
        checked = 0
        for column, ours in addresses.items():
            if frame[column].dtype == pl.Boolean:
                continue  # bits, which polars keeps in its own bitmap type
            exported = frame[column].to_arrow(compat_level=pl.CompatLevel.newest())
            theirs = {b.address for b in exported.buffers() if b is not None}
            # The validity bitmap (if any) is left out of `ours`: every
            # buffer the core wrote is one polars holds.
            assert set(ours) <= theirs, (name, column, ours, theirs)
            checked += len(ours)
        assert checked >= len(addresses), name


def test_the_arrow_frame_equals_the_rows(table: okrkit.Table) -> None:
    pytest.importorskip("polars")
    frame = table.to_polars()
    assert frame.columns == table.columns
    rows = table.rows()
    assert frame.height == len(rows) == len(table)
    for got, want in zip(frame.iter_rows(named=True), rows):
        for k, v in want.items():
            g = got[k]
            if isinstance(v, float) and math.isnan(v):
                assert g is None or math.isnan(g), k
            else:
                assert g == v, (k, g, v)


def test_a_report_frame_equals_its_table_frame() -> None:
    """`report.to_polars(name)` moves the table into Arrow with text as
    Utf8View (polars' own string type); the frame is the one the Table's
    shared Utf8 columns give: same columns, dtypes, values and nulls."""
    pytest.importorskip("polars")
    report = okrkit.load(DATA / "org.json").progress(as_of="2026-02-15")
    for name in report.tables:
        moved = report.to_polars(name)
        shared = report.table(name).to_polars()
        assert moved.schema == shared.schema, name
        assert moved.equals(shared, null_equal=True), name
        assert moved.height == len(report.rows(name)), name


def test_views_keep_non_ascii_text_and_short_and_long_values() -> None:
    """Text written as views: non-ASCII titles and names, values of 12 bytes (inline in
    the view) and 13 (in the buffer), read back by polars exactly as the table holds them."""
    pytest.importorskip("polars")
    doc = {
        "cycles": [{"id": "q1", "name": "Q1 — été", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "équipe-12byt", "name": "Équipe 北京 🚀"}],
        "objectives": [{"id": "o-13-bytes-xx", "title": "Délices", "team": "équipe-12byt", "cycle": "q1",
                        "key_results": [{"id": "k", "title": "Ünïcode from 1 to 2 ✓",
                                         "measure": {"type": "metric", "baseline": 1, "target": 2}}]}],
    }
    assert len("équipe-12byt".encode()) == 13 and len("o-13-bytes-xx".encode()) == 13
    report = okrkit.load(doc).progress()
    for name in report.tables:
        frame = report.to_polars(name)
        table = report.table(name)
        for column in table.columns:
            assert frame[column].to_list() == table.column(column), (name, column)


def test_pyarrow_reads_the_schema_and_the_docs(table: okrkit.Table) -> None:
    pa = pytest.importorskip("pyarrow")
    t = pa.table(table)
    assert t.column_names == table.columns
    assert t.schema.metadata[b"okrkit.table"] == b"progress.key_results"
    assert t.schema.field("progress").type == pa.float64()
    assert t.schema.field("as_of").type == pa.date32()
    assert t.schema.field("progress").metadata[b"description"]
    assert pa.schema(table) == t.schema


def test_every_table_of_the_notebook_converts(table: okrkit.Table) -> None:
    pl = pytest.importorskip("polars")
    org = okrkit.load(DATA / "org.json")
    for name in ("objectives", "key_results", "teams", "cycles"):
        t = org.progress().table(name)
        assert pl.DataFrame(t).columns == t.columns
    # An empty table keeps its schema and its types.
    empty = okrkit.load(DATA / "org.json").lint(as_of="2026-03-20").table()
    assert pl.DataFrame(empty).columns == empty.columns
