"""Notebook helpers: DataFrames, HTML, the pace chart. Each skips cleanly when
its optional package is absent (test.sh installs them all)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import okrkit

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"


@pytest.fixture(scope="module")
def org() -> okrkit.Org:
    return okrkit.load(DATA / "org.json")


def test_pandas_tables(org: okrkit.Org) -> None:
    pd = pytest.importorskip("pandas")
    r = org.progress(as_of="2026-02-15")
    krs = r.to_pandas("key_results")
    assert isinstance(krs, pd.DataFrame) and len(krs) == org.key_result_count
    # The numbers are the core's, unrounded.
    for row in krs.itertuples():
        want = next(k for o in r.objectives for k in o["key_results"] if k["key_result"] == row.key_result)
        if want["progress"] is None:
            assert pd.isna(row.progress)
        else:
            assert row.progress == want["progress"]
    objs = r.to_pandas()
    assert list(objs.columns[:3]) == ["cycle", "team", "objective"]
    assert "pace_expected" in objs.columns
    assert len(r.to_pandas("teams")) == len(r.teams)
    lint = org.lint(as_of="2026-03-20").to_pandas()
    assert {"severity", "code", "path", "message", "design_rule"} <= set(lint.columns)
    health = org.health("2026-Q1").to_pandas()
    assert health.iloc[0]["scope"] == "organisation" and len(health) == 1 + len(org.health("2026-Q1").teams)
    scores = org.score_cycle("2026-Q1").to_pandas("key_results")
    assert "score" in scores.columns


def test_pandas_ledger_history() -> None:
    pd = pytest.importorskip("pandas")
    from test_errors import ledger_with_proposal

    ledger, p = ledger_with_proposal()
    ledger.accept("2026-02-02T09:00:00Z", ("bo", "shop"), p)
    frame = ledger.history("kr1").to_pandas()
    assert list(frame["event"]) [-1] == "renegotiated"
    assert isinstance(frame["at"].iloc[0], (dt.datetime, pd.Timestamp))
    entries = ledger.to_pandas()
    assert list(entries["action"]) == ["import", "propose_change", "accept"]


def test_polars(org: okrkit.Org) -> None:
    pl = pytest.importorskip("polars")
    frame = org.progress(as_of="2026-02-15").to_polars("key_results")
    assert isinstance(frame, pl.DataFrame) and frame.height == org.key_result_count
    assert org.lint().to_polars().height == len(org.lint())


def test_missing_pandas_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch, org: okrkit.Org) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match="pip install pandas"):
        org.progress().to_pandas()


def test_html(org: okrkit.Org) -> None:
    for result in (
        org.progress(as_of="2026-02-15"),
        org.lint(),
        org.score_cycle("2026-Q1"),
        org.health("2026-Q1"),
        okrkit.Ledger(),
    ):
        html = result._repr_html_()
        assert html.startswith("<div class=\"okrkit\">") and "</table>" in html
    assert "&lt;script&gt;" in okrkit.lint({"schema_version": 1, "teams": [{"id": "<script>", "name": "x"}],
                                            "objectives": [{"id": "o", "title": "t", "team": "<script>", "cycle": "<script>"}]})._repr_html_()


def test_plot(org: okrkit.Org) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = okrkit.plot_progress(org, "2026-Q1", every_days=14)
    lines = ax.get_lines()
    assert len(lines) == 2
    expected = [y for y in lines[1].get_ydata() if y is not None]
    assert expected == sorted(expected) and expected[-1] == 100.0
    ax2 = okrkit.plot_progress(org, "2026-Q1", team="web")
    assert "web" in ax2.get_title()
    with pytest.raises(okrkit.InvalidArgument):
        okrkit.plot_progress(org, "nope")
