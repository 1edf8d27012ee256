"""Notebook helpers: typed tables (pandas, polars), HTML and terminal views,
charts, classify_many. Each skips cleanly when its optional package is absent
(test.sh installs them all)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

import okrkit

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"

PANDAS_DTYPES = {
    "str": "string",
    "f64": "float64",
    "i64": "Int64",
    "bool": "boolean",
    "date": "datetime64[ns]",
    "datetime": "datetime64[ns, UTC]",
}

EMPTY = {
    "schema_version": 1,
    "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    "teams": [{"id": "web", "name": "Web"}],
    "objectives": [{"id": "o1", "title": "Checkout", "team": "web", "cycle": "q1", "key_results": [
        {"id": "kr1", "title": "Conversion from 50% to 60%",
         "measure": {"type": "metric", "baseline": 50, "target": 60, "current": 55}}]}],
}


@pytest.fixture(scope="module")
def org() -> okrkit.Org:
    return okrkit.load(DATA / "org.json")


def polars_dtype(pl: Any, name: str) -> Any:
    return {
        "str": pl.String,
        "f64": pl.Float64,
        "i64": pl.Int64,
        "bool": pl.Boolean,
        "date": pl.Date,
        "datetime": pl.Datetime("us", "UTC"),
    }[name]


def every_table(org: okrkit.Org) -> Iterator[tuple[str, okrkit.Table]]:
    """Every report table, with and without as_of; the module's table functions."""
    cycle = org.cycles[0]
    reports: list[tuple[str, Any]] = [
        ("progress", org.progress()),
        ("progress", org.progress(as_of="2026-02-15")),
        ("lint", org.lint(as_of="2026-03-20")),
        ("score", org.score_cycle(cycle)),
        ("health", org.health(cycle)),
    ]
    for prefix, report in reports:
        for name in report.tables:
            yield f"{prefix}.{name}", report.table(name)
    yield "progress.series", okrkit.progress_series(org, cycle, every_days=30)
    yield "confidence.series", okrkit.confidence_series(org, cycle, every_days=30)
    yield "check_ins", okrkit.check_ins(org, cycle)
    yield "score.teams", okrkit.score_history(org)
    yield "health.calibration", okrkit.calibration(org)
    yield "classification", okrkit.classify_many(["Build a tool", "NPS from 30 to 45"], frame="table")
    yield "lint.findings", okrkit.lint({"schema_version": 1, "objectives": [{"id": "o", "title": "t", "team": "x", "cycle": "y"}]}).table()


def history_table() -> okrkit.Table:
    from test_errors import ledger_with_proposal

    ledger, p = ledger_with_proposal()
    ledger.accept("2026-02-02T09:00:00Z", ("bo", "shop"), p)
    return ledger.history("kr1").table()


def ledger_table() -> okrkit.Table:
    from test_errors import ledger_with_proposal

    ledger, p = ledger_with_proposal()
    ledger.accept("2026-02-02T09:00:00Z", ("bo", "shop"), p)
    return ledger.table()


def test_schemas_match_the_shared_vector() -> None:
    from conftest import VECTORS, load_vector

    published = load_vector(VECTORS / "tables" / "schemas.json")["tables"]
    assert sorted(published) == sorted(okrkit.table_names())
    for name, columns in published.items():
        assert [[c, d] for c, d, _ in okrkit.table_schema(name)] == columns, name


def published_schema(name: str) -> list[tuple[str, str]]:
    from conftest import VECTORS, load_vector

    return [(c, d) for c, d in load_vector(VECTORS / "tables" / "schemas.json")["tables"][name]]


def test_table_names_and_schemas_are_published() -> None:
    names = okrkit.table_names()
    assert "progress.key_results" in names and "lint.findings" in names and "classification" in names
    for n in names:
        schema = okrkit.table_schema(n)
        assert schema and all(d in PANDAS_DTYPES and doc for _, d, doc in schema)
    with pytest.raises(okrkit.InvalidArgument, match="the tables are"):
        okrkit.table_schema("nope")


@pytest.mark.parametrize("source", ["org", "empty"])
def test_every_table_has_its_schema_in_pandas(source: str, org: okrkit.Org) -> None:
    pd = pytest.importorskip("pandas")
    o = org if source == "org" else okrkit.load(EMPTY)
    tables = list(every_table(o)) + [("history.versions", history_table()), ("ledger.entries", ledger_table())]
    seen = set()
    for name, table in tables:
        seen.add(name)
        assert table.name == name
        schema = published_schema(name)
        frame = table.to_pandas()
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == [c for c, _ in schema], name
        assert [str(t) for t in frame.dtypes] == [PANDAS_DTYPES[d] for _, d in schema], name
        assert len(frame) == len(table)
        # No dict or list cells anywhere.
        for col in frame.columns:
            assert not any(isinstance(v, (dict, list)) for v in frame[col]), (name, col)
    assert len(seen) >= 14


@pytest.mark.parametrize("source", ["org", "empty"])
def test_every_table_has_its_schema_in_polars(source: str, org: okrkit.Org) -> None:
    pl = pytest.importorskip("polars")
    o = org if source == "org" else okrkit.load(EMPTY)
    for name, table in list(every_table(o)) + [("history.versions", history_table()), ("ledger.entries", ledger_table())]:
        schema = published_schema(name)
        frame = table.to_polars()
        assert frame.columns == [c for c, _ in schema], name
        assert list(frame.schema.values()) == [polars_dtype(pl, d) for _, d in schema], name
        assert pl.Null not in frame.schema.values()


def test_schema_does_not_change_with_the_data(org: okrkit.Org) -> None:
    """The issue's examples: pace with and without as_of; history with and without renegotiation."""
    pd = pytest.importorskip("pandas")
    a = org.progress().to_pandas()
    b = org.progress(as_of="2026-02-15").to_pandas()
    assert list(a.columns) == list(b.columns) and list(a.dtypes) == list(b.dtypes)
    assert a["pace_status"].isna().all() and b.loc[b["cycle"] == "2026-Q1", "pace_status"].notna().all()
    assert str(a["as_of"].dtype) == "datetime64[ns]"
    h = history_table().to_pandas()
    assert "accepted_by_person" in h.columns and not any(c.endswith("_person") and c.startswith("_") for c in h.columns)
    assert h["accepted_by_person"].iloc[-1] == "bo" and pd.isna(h["accepted_by_person"].iloc[0])


def test_numbers_are_the_cores_and_tables_carry_names(org: okrkit.Org) -> None:
    pytest.importorskip("pandas")
    r = org.progress(as_of="2026-02-15")
    krs = r.to_pandas("key_results")
    assert len(krs) == org.key_result_count
    want = {k["key_result"]: k for o in r.objectives for k in o["key_results"]}
    for row in krs.itertuples():
        w = want[row.key_result]
        if w["progress"] is None:
            assert row.progress != row.progress  # NaN
        else:
            assert row.progress == w["progress"] and row.progress_pct == w["progress"] * 100
    repeat = krs.set_index("key_result").loc["co-repeat"]
    assert repeat["unit"] == "%" and repeat["team_name"] == "Company" and repeat["cycle_name"] == "Q1 2026"
    assert repeat["title"] == "Repeat purchase rate from 22% to 30%"
    assert repeat["objective_title"] == "Become the shop customers recommend"


def test_lint_findings_join_to_key_results_and_group_by_team(org: okrkit.Org) -> None:
    pytest.importorskip("pandas")
    findings = org.lint(as_of="2026-03-20").to_pandas()
    krs = org.progress(as_of="2026-02-15").to_pandas("key_results")
    on_krs = findings.dropna(subset=["key_result"])
    assert len(on_krs) >= 3
    joined = on_krs.merge(krs[["key_result", "progress_pct"]], on="key_result", how="left", validate="many_to_one")
    assert len(joined) == len(on_krs)
    assert set(on_krs["key_result"]) <= set(krs["key_result"])
    assert (on_krs["title"].notna()).all() and (on_krs["team"].notna()).all()
    per_team = findings.groupby("team_name").size()
    assert per_team.sum() == findings["team_name"].notna().sum() and per_team.size >= 3
    # The core's JSON carries the located ids too.
    f = next(f for f in org.lint(as_of="2026-03-20").findings if f["code"] == "output_key_result")
    assert f["key_result"] and f["objective"] and f["team"] and f["cycle"]


def test_html_of_every_report(org: okrkit.Org) -> None:
    progress = org.progress(as_of="2026-02-15")
    html = progress._repr_html_()
    assert html.startswith('<div class="okrkit">') and html.count("</table>") > 1
    # Objectives with their titles, each followed by its key results.
    for o in org.to_dict()["objectives"]:
        assert o["title"] in html
        for k in o["key_results"]:
            assert k["title"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html
    # Percents as people read them, not fractions.
    assert re.search(r">\d{1,3}\.\d%</td>", html)
    first = progress.objectives[0]
    assert f"{first['progress'] * 100:.1f}%" in html
    assert "0.2678" not in html
    # Coloured pace status.
    assert "background:#f8d7da" in html or "background:#d4edda" in html

    score = org.score_cycle("2026-Q1")._repr_html_()
    assert re.search(r"background:#(d4edda|fff3cd|f8d7da);\">(green|yellow|red)<", score)
    assert "Become the shop customers recommend" in score

    health = org.health("2026-Q1")._repr_html_()
    assert "items]" not in health and "Company" in health and "%</td>" in health

    lint = org.lint(as_of="2026-03-20")._repr_html_()
    assert "Hire 2 iOS engineers" in lint and "background:" in lint

    for table in (history_table(), okrkit.check_ins(org, "2026-Q1")):
        assert "<table" in table._repr_html_()
    # Escaping.
    evil = okrkit.lint({"schema_version": 1, "teams": [{"id": "<script>", "name": "x"}],
                        "objectives": [{"id": "o", "title": "t", "team": "<script>", "cycle": "<script>"}]})
    assert "<script>" not in evil._repr_html_() and "&lt;script&gt;" in evil._repr_html_()


def test_text_repr_fits_a_terminal(org: okrkit.Org) -> None:
    for result in (org.progress(as_of="2026-02-15"), org.lint(as_of="2026-03-20"), org.score_cycle("2026-Q1"),
                   org.health("2026-Q1"), okrkit.check_ins(org)):
        text = repr(result)
        assert all(len(line) <= 100 for line in text.splitlines()), text
        assert len(text.splitlines()) <= 16
    r = repr(org.progress(as_of="2026-02-15"))
    assert r.startswith("ProgressReport(as_of=2026-02-15") and "Become the shop" in r and "%" in r


def test_missing_pandas_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch, org: okrkit.Org) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match="pip install pandas"):
        org.progress().to_pandas()
    # The message names the frame, not a method the caller did not call.
    with pytest.raises(ImportError, match="pip install pandas") as raised:
        okrkit.classify_many(["x"])
    assert "a pandas frame needs pandas" in str(raised.value) and "to_pandas" not in str(raised.value)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match="a polars frame needs polars.*pip install polars"):
        okrkit.classify_many(["x"], frame="polars")


def test_missing_pyarrow_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch, org: okrkit.Org) -> None:
    """pandas frames are built from the Arrow columns by pyarrow: without it, say so."""
    import sys

    pytest.importorskip("pandas")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match="pip install pyarrow"):
        org.progress().to_pandas()
    with pytest.raises(ImportError, match="pip install pyarrow"):
        okrkit.classify_many(["x"])


def test_dates_pandas_cannot_hold_are_refused_not_wrapped() -> None:
    """datetime64[ns] spans 1677-09-22 to 2262-04-11: a cycle ending in 9999 or starting in
    1600 is valid OKR data, but its pandas frame is refused with the column named (pyarrow's
    unchecked conversion would give 1816-03-29 for 9999-12-31); polars reads it as it is."""
    pytest.importorskip("pandas")
    for start, end in [("2026-01-01", "9999-12-31"), ("1600-01-01", "2026-03-31")]:
        doc = {**EMPTY, "cycles": [{"id": "q1", "name": "Q1", "start": start, "end": end}]}
        report = okrkit.load(doc).progress()
        with pytest.raises(okrkit.InvalidArgument, match="pandas cannot hold") as e:
            report.to_pandas("cycles")
        assert e.value.path in ("start", "end")
        assert e.value.code == "invalid_value"
        # The message names the date itself, not a day count.
        assert {"start": start, "end": end}[e.value.path] in str(e.value), str(e.value)
        # Tables without those dates still convert.
        assert len(report.to_pandas("objectives")) == 1
        pl = pytest.importorskip("polars")
        assert str(report.to_polars("cycles")["end"][0]) == end


def test_pandas_frames_hold_the_tables_values(org: okrkit.Org) -> None:
    """Every cell of every table, read from the pandas frame, is the table's own value
    (nulls as NA/NaN/NaT, dates as midnight, moments in UTC to the microsecond)."""
    pd = pytest.importorskip("pandas")
    import datetime as dt

    for name, table in list(every_table(org)) + [("history.versions", history_table()), ("ledger.entries", ledger_table())]:
        frame = table.to_pandas()
        for column in table.columns:
            want = table.column(column)
            got = frame[column].tolist()
            assert len(got) == len(want), (name, column)
            for w, g in zip(want, got):
                if w is None:
                    assert g is None or pd.isna(g), (name, column, g)
                elif isinstance(w, dt.datetime):
                    assert g.to_pydatetime() == w, (name, column)
                elif isinstance(w, dt.date):
                    assert g.to_pydatetime() == dt.datetime(w.year, w.month, w.day), (name, column)
                else:
                    assert g == w and type(g) is type(w), (name, column, g, w)


def test_pandas_text_is_arrow_backed_string_equal_to_the_rows(org: okrkit.Org) -> None:
    """A report's `to_pandas(name)` and a `Table`'s `to_pandas()` hold text as pandas `string`
    with pyarrow storage (`string[pyarrow]`: the Arrow array, no Python object per cell),
    nulls as `pd.NA`; every cell equals the table's rows, for whole and filtered reports,
    the second call (the org's text columns warm) as the first."""
    pd = pytest.importorskip("pandas")
    fresh = okrkit.load(DATA / "org.json")
    cycle = org.cycles[0]
    reports = [fresh.progress(as_of="2026-02-15"), fresh.progress(), fresh.progress(as_of="2026-02-15"),
               fresh.progress(as_of="2026-02-15", cycle=cycle), org.lint(as_of="2026-03-20")]
    nulls = 0
    for report in reports:
        for name in report.tables:
            rows = report.rows(name)
            # The text columns by the core's schema, not by the frame's dtypes (a text column
            # that came out as `object` must fail, not be skipped).
            texts = [c for c, dtype, _ in okrkit.table_schema(report.table(name).name) if dtype == "str"]
            pd.testing.assert_frame_equal(report.to_pandas(name), report.table(name).to_pandas())
            for frame in (report.to_pandas(name), report.table(name).to_pandas()):
                assert len(frame) == len(rows), name
                for column in texts:
                    dtype = frame[column].dtype
                    assert isinstance(dtype, pd.StringDtype), (name, column, dtype)
                    assert dtype == pd.StringDtype("pyarrow") and dtype.storage == "pyarrow", (name, column)
                    assert dtype.na_value is pd.NA and str(dtype) == "string"
                    for row, got in zip(rows, frame[column]):
                        want = row[column]
                        if want is None:
                            assert got is pd.NA, (name, column, got)
                            nulls += 1
                        else:
                            assert got == want and type(got) is str, (name, column, got, want)
    assert nulls > 0, "some text cells are null (units, pace without as_of)"
    # Whatever pandas' default storage for `string` (pandas 2: "python", objects per cell).
    with pd.option_context("mode.string_storage", "python"):
        frame = reports[0].to_pandas("key_results")
        assert frame["title"].dtype.storage == "pyarrow"
        assert frame["title"].tolist() == [r["title"] for r in reports[0].rows("key_results")]
    # The frames are the caller's to change (no read-only column shared with Arrow).
    for frame in (reports[0].to_pandas("key_results"), reports[0].table("key_results").to_pandas()):
        frame.loc[0, "weight"] = 5.0
        frame.loc[1, "title"] = "changed"
        frame.loc[2, "counted"] = False
        assert (frame.loc[0, "weight"], frame.loc[1, "title"], frame.loc[2, "counted"]) == (5.0, "changed", False)


def test_pandas_frames_of_a_whole_org_share_its_text_and_stay_writable() -> None:
    """With pandas 2.2 on, a whole-org progress report's frames share one `large_string`
    copy of each whole text column of the org (ids, titles, kinds, units), made by the first
    frame: a second frame holds the same Arrow buffer. Changing a frame changes neither that
    copy nor a later frame; every frame equals the `Table`'s own (no shared copy) and an
    unpickled report's; floats hold nulls as NaN, in writable float64 columns."""
    pd = pytest.importorskip("pandas")
    import pickle

    report = okrkit.load(DATA / "org.json").progress(as_of="2026-02-15")
    first, second = report.to_pandas("key_results"), report.to_pandas("key_results")
    rows = report.rows("key_results")
    version = tuple(int(p) for p in re.findall(r"\d+", pd.__version__)[:2])
    if version >= (2, 2) and hasattr(first["title"].array, "_pa_array"):
        buffer = lambda f: f["title"].array._pa_array.chunks[0].buffers()[2].address  # noqa: E731
        assert buffer(first) == buffer(second), "one large_string copy per org"
    first.loc[0, "title"] = "changed"
    first.loc[1, "key_result"] = None
    first.loc[0, "baseline"] = 7.0
    assert first.loc[0, "title"] == "changed" and first.loc[1, "key_result"] is pd.NA
    again = report.to_pandas("key_results")
    assert again["title"].tolist() == [r["title"] for r in rows]
    assert again["key_result"].tolist() == [r["key_result"] for r in rows]
    assert second["title"].tolist() == again["title"].tolist()
    for name in report.tables:
        frame = report.to_pandas(name)
        pd.testing.assert_frame_equal(frame, report.table(name).to_pandas())
        pd.testing.assert_frame_equal(frame, pickle.loads(pickle.dumps(report)).to_pandas(name))
        for column, dtype, _ in okrkit.table_schema(report.table(name).name):
            if dtype == "f64":
                values = frame[column]
                assert str(values.dtype) == "float64", (name, column)
                want = [r[column] for r in report.rows(name)]
                assert [v != v for v in values] == [w is None for w in want], (name, column)
                frame.loc[0, column] = 1.5
                assert frame.loc[0, column] == 1.5 and frame[column].dtype == "float64", (name, column)
    assert report.to_pandas("key_results")["baseline"].isna().any(), "nulls as NaN, tested above"


def test_pandas_frames_from_blocks_equal_pyarrows_conversion(org: okrkit.Org) -> None:
    """With pandas 3, `to_pandas()` builds each frame from its blocks
    (`pandas.api.internals.create_dataframe_from_blocks`, the core's
    `table::pandas::pandas_blocks`); before, pyarrow converts the table. Both
    give the same frame, dtype for dtype and bit for bit (NaN, NaT, masks), for
    every table of whole and filtered reports, with and without a date; the
    blocks' number columns are writable."""
    pd = pytest.importorskip("pandas")
    testing = okrkit._okrkit._testing
    reports = [org.progress(as_of="2026-02-15"), org.progress(), org.progress(cycle=org.cycles[0])]
    tables = [r.table(name) for r in reports for name in r.tables] + [history_table(), ledger_table()]
    for t in tables:
        a, b = t.to_pandas(), testing.pandas_via_pyarrow(t)
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        assert [str(d) for d in a.dtypes] == [str(d) for d in b.dtypes], t.name
        assert a.columns.dtype == b.columns.dtype and type(a.index) is type(b.index), t.name
    frame = reports[0].to_pandas("objectives")
    frame.loc[0, "progress"] = 0.5
    frame.loc[0, "key_results"] = 9
    assert (frame.loc[0, "progress"], frame.loc[0, "key_results"]) == (0.5, 9)


def test_pandas_frames_without_the_fast_constructors_are_the_same(
    monkeypatch: pytest.MonkeyPatch, org: okrkit.Org
) -> None:
    """`to_pandas()` builds text arrays after the first with pandas'
    `ArrowStringArray._from_pyarrow_array`, a datetime block with
    `DatetimeArray._simple_new` and imports the text columns with
    `pyarrow.RecordBatch._import_from_c_capsule` when they exist; without
    them (another pandas or pyarrow), the public constructors and
    `pyarrow.table` give the same frames, block for block."""
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    if not hasattr(pd.arrays.ArrowStringArray, "_from_pyarrow_array"):
        pytest.skip("this pandas has no _from_pyarrow_array")
    report = org.progress(as_of="2026-02-15")
    fast = {name: report.to_pandas(name) for name in report.tables}
    monkeypatch.delattr(pd.arrays.ArrowStringArray, "_from_pyarrow_array")
    monkeypatch.setattr(pd.arrays, "DatetimeArray", object())
    monkeypatch.setattr(pa, "RecordBatch", object())
    slow = {name: report.to_pandas(name) for name in report.tables}
    monkeypatch.undo()  # pandas' own comparisons use `_from_pyarrow_array`
    for name, want in fast.items():
        got = slow[name]
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        assert [str(d) for d in got.dtypes] == [str(d) for d in want.dtypes], name
        blocks = lambda f: [(type(b.values).__name__, str(b.dtype), b.shape) for b in f._mgr.blocks]  # noqa: E731
        assert blocks(got) == blocks(want), name


def test_csv_shares_the_schema(org: okrkit.Org) -> None:
    import csv
    import io

    t = org.progress(as_of="2026-02-15").table("key_results")
    rows = list(csv.reader(io.StringIO(t.to_csv())))
    assert rows[0] == t.columns and len(rows) == len(t) + 1


# ---------------------------------------------------------------- classify_many


def test_classify_many_pandas_and_polars() -> None:
    pd = pytest.importorskip("pandas")
    texts = ["Build a cart reminder tool", "Checkout conversion from 50% to 65%", "Payments v2"]
    frame = okrkit.classify_many(texts, structures=[None, "metric", "milestone"])
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [c for c, _, _ in okrkit.table_schema("classification")]
    for i, t in enumerate(texts):
        one = okrkit.classify(t, structure=[None, "metric", "milestone"][i])
        assert frame["kind"][i] == one.kind.value and frame["confidence"][i] == one.confidence
        assert frame["top_signal"][i] == (one.signals[0]["code"] if one.signals else None)
    assert list(frame["kind"]) == ["output", "outcome", "output"]
    pl = pytest.importorskip("polars")
    p = okrkit.classify_many(pd.Series(texts), frame="polars")
    assert isinstance(p, pl.DataFrame) and p["kind"].to_list()[0] == "output"
    assert okrkit.classify_many([], frame="polars").schema["confidence"] == pl.Float64


def test_classify_many_refuses_bad_input() -> None:
    # The lists are read as Classifier.classify_many reads them: parse_error
    # at the argument, or at the item.
    with pytest.raises(okrkit.InvalidArgument, match="one str") as e:
        okrkit.classify_many("Build a tool", frame="table")
    assert (e.value.code, e.value.path) == ("parse_error", "texts")
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.classify_many(["ok", None], frame="table")
    assert (e.value.code, e.value.path) == ("parse_error", "texts[1]")
    with pytest.raises(okrkit.InvalidArgument, match="missing value") as e:
        okrkit.classify_many(["ok", float("nan")], frame="table")
    assert e.value.path == "texts[1]"
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.classify_many(["ok", 3.5], frame="table")  # type: ignore[list-item]
    assert "missing value" not in str(e.value) and e.value.path == "texts[1]"
    with pytest.raises(okrkit.InvalidArgument, match="got bytes") as e:
        okrkit.classify_many(b"Build a tool", frame="table")  # type: ignore[arg-type]
    assert (e.value.code, e.value.path) == ("parse_error", "texts")
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.classify_many(["ok"], frame="table", structures=[5])  # type: ignore[list-item]
    assert (e.value.code, e.value.path) == ("parse_error", "structures[0]")
    with pytest.raises(okrkit.InvalidArgument):
        okrkit.classify_many(["ok"], frame="excel")
    with pytest.raises(okrkit.InvalidArgument):
        okrkit.classify_many(["ok"], frame="table", structures=["metric", None])
    with pytest.raises(okrkit.InvalidArgument):
        okrkit.classify_many(["ok"], frame="table", structures=["sometimes"])


def test_classify_many_names_a_missing_value_of_a_column() -> None:
    pd = pytest.importorskip("pandas")
    texts = pd.Series(["Build a tool", None], dtype="string")  # the second is pd.NA
    with pytest.raises(okrkit.InvalidArgument, match="missing value") as e:
        okrkit.classify_many(texts, frame="table")
    assert (e.value.code, e.value.path) == ("parse_error", "texts[1]")
    assert len(okrkit.classify_many(texts.dropna(), frame="table")) == 1


# ---------------------------------------------------------------- charts


@pytest.fixture()
def plt() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_plot_progress_draws_the_cores_series(plt: Any, org: okrkit.Org) -> None:
    ax = okrkit.plot_progress(org, "2026-Q1", team="web", every_days=14)
    series = okrkit.progress_series(org, "2026-Q1", team="web", every_days=14)
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"expected pace (linear)", "progress (check-ins)"}
    assert list(lines["progress (check-ins)"].get_ydata()) == series.column("progress_pct")
    expected = list(lines["expected pace (linear)"].get_ydata())
    assert expected == sorted(expected) and expected[-1] == 100.0
    assert ax.get_title() == "Progress vs expected pace\nteam Web"
    assert ax.get_ylim() == (0.0, 100.0)
    assert ax.get_legend() is not None
    obj = okrkit.plot_progress(org, "2026-Q1", objective="web-q1-checkout")
    assert "Make checkout effortless" in obj.get_title()


def test_plot_progress_without_history_says_so(plt: Any) -> None:
    flat = okrkit.load(EMPTY)
    ax = okrkit.plot_progress(flat, "q1", every_days=14)
    labels = [line.get_label() for line in ax.get_lines()]
    assert "progress (check-ins)" not in labels
    marker = next(line for line in ax.get_lines() if line.get_label() == "latest value (no history)")
    assert len(marker.get_xdata()) == 1 and marker.get_ydata()[0] == 50.0
    assert any("No check-in history" in t.get_text() for t in ax.texts)


@pytest.mark.parametrize("call", [
    lambda org: okrkit.plot_progress(org, "2026-Q1", team="Checkout"),
    lambda org: okrkit.plot_progress(org, "2026-Q1", objective="nope"),
    lambda org: okrkit.plot_progress(org, "2026-Q1", objective="web-q2-search"),
    lambda org: okrkit.plot_progress(org, "nope"),
    lambda org: okrkit.plot_score_bands(org, "nope"),
    lambda org: okrkit.plot_score_bands(org, "2026-Q1", teams=["Checkout"]),
    lambda org: okrkit.plot_confidence(org, "nope"),
    lambda org: okrkit.plot_confidence(org, "2026-Q1", team="Checkout"),
    lambda org: okrkit.plot_calibration(org, teams=["Checkout"]),
], ids=["progress-team", "progress-objective", "progress-objective-other-cycle", "progress-cycle",
        "bands-cycle", "bands-team", "confidence-cycle", "confidence-team", "calibration-team"])
def test_every_chart_refuses_unknown_ids(plt: Any, org: okrkit.Org, call: Callable[[okrkit.Org], Any]) -> None:
    with pytest.raises(okrkit.InvalidArgument) as e:
        call(org)
    assert e.value.code == "dangling_reference"


def test_plot_score_bands_counts_the_cores_bands(plt: Any, org: okrkit.Org) -> None:
    ax = okrkit.plot_score_bands(org, "2026-Q1")
    bands = org.score_cycle("2026-Q1").table("bands")
    total = sum(p.get_width() for p in ax.patches)
    assert total == sum(bands.column("objectives"))
    assert [t.get_text() for t in ax.get_yticklabels()] == list(dict.fromkeys(bands.column("team_name")))
    assert {t.get_text() for t in ax.get_legend().get_texts()} >= {"red (0–0.3)", "green (0.7–1.0)"}
    assert ax.get_xlabel() == "objectives"


def test_plot_confidence_one_line_per_team(plt: Any, org: okrkit.Org) -> None:
    ax = okrkit.plot_confidence(org, "2026-Q1")
    series = okrkit.confidence_series(org, "2026-Q1")
    assert {line.get_gid() for line in ax.get_lines()} == set(series.column("team"))
    assert all(0 <= y <= 10 for line in ax.get_lines() for y in line.get_ydata() if y == y)
    one = okrkit.plot_confidence(org, "2026-Q1", team="web")
    assert [line.get_gid() for line in one.get_lines()] == ["web"]


def test_plot_calibration(plt: Any, org: okrkit.Org) -> None:
    ax = okrkit.plot_calibration(org)
    history = okrkit.score_history(org)
    teams_with_scores = {t for t, a in zip(history.column("team"), history.column("aspirational")) if a is not None}
    assert {line.get_gid() for line in ax.get_lines() if line.get_gid()} == teams_with_scores
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q1 2026", "Q2 2026"]


def test_date_labels_do_not_overlap_side_by_side(plt: Any, org: okrkit.Org) -> None:
    fig, axes = plt.subplots(1, 3, figsize=(9, 3), layout="constrained")
    okrkit.plot_progress(org, "2026-Q1", ax=axes[0], every_days=3)
    okrkit.plot_progress(org, "2026-Q1", team="web", ax=axes[1], every_days=3)
    okrkit.plot_confidence(org, "2026-Q1", ax=axes[2], every_days=3)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in axes:
        boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
        assert len(boxes) >= 2
        for a, b in zip(boxes, boxes[1:]):
            assert a.x1 <= b.x0, f"overlapping date labels in {ax.get_title()}"


def test_plot_progress_notes_key_results_without_history(plt: Any, org: okrkit.Org) -> None:
    d = org.to_dict()
    d["check_ins"] = [c for c in d["check_ins"] if c["key_result"] != "web-conv"]
    for o in d["objectives"]:
        for k in o["key_results"]:
            if k["id"] == "web-conv":
                k["measure"]["current"] = 60
    mixed = okrkit.load(d)
    series = okrkit.progress_series(mixed, "2026-Q1", team="web", every_days=30)
    assert series.column("without_history") == [1, 1, 1, 1]
    assert series.column("from_check_ins")[0] == 0 and series.column("from_check_ins")[-1] == 1
    ax = okrkit.plot_progress(mixed, "2026-Q1", team="web")
    assert any(t.get_text().startswith("1 of 2 key results have no check-in history") for t in ax.texts)


def test_ledger_entries_frames_have_the_published_schema() -> None:
    """Ledger.rows() / to_pandas() / to_polars() are the core's `ledger.entries` table."""
    from test_errors import ledger_with_proposal

    ledger, p = ledger_with_proposal()
    ledger.accept("2026-02-02T09:00:00Z", ("bo", "shop"), p)
    schema = published_schema("ledger.entries")
    rows = ledger.rows()
    assert [list(r) for r in rows] == [[c for c, _ in schema]] * len(ledger)
    assert [r["action"] for r in rows][-2:] == ["propose_change", "accept"]
    assert rows[-1]["at"] == dt.datetime(2026, 2, 2, 9, tzinfo=dt.timezone.utc)
    assert ledger.table().name == "ledger.entries" and len(ledger.table()) == len(ledger)
    assert "propose_change" in ledger._repr_html_()
    pd = pytest.importorskip("pandas")
    frame = ledger.to_pandas()
    assert list(frame.columns) == [c for c, _ in schema]
    assert [str(t) for t in frame.dtypes] == [PANDAS_DTYPES[d] for _, d in schema]
    assert frame["seq"].tolist() == list(range(len(ledger)))


def test_a_series_takes_every_days_or_dates_not_both(org: okrkit.Org) -> None:
    """r15 finding 15: `every_days` with `dates` dropped `every_days`; both
    is `invalid_value` at `every_days` (as team with objective is), and
    either alone (or neither: every 7 days) still works."""
    day = dt.date(2026, 2, 1)
    for series in (okrkit.progress_series, okrkit.confidence_series):
        with pytest.raises(okrkit.InvalidArgument) as info:
            series(org, "2026-Q1", every_days=3, dates=[day])
        assert (info.value.code, info.value.path) == ("invalid_value", "every_days")
        assert {str(d) for d in series(org, "2026-Q1", dates=[day]).column("date")} == {"2026-02-01"}
        assert len(series(org, "2026-Q1")) == len(series(org, "2026-Q1", every_days=7))
        assert len(series(org, "2026-Q1", every_days=3)) > len(series(org, "2026-Q1"))
