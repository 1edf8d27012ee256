"""The importers: the shared vectors (tests/vectors/import), data frames, and
the table options taken from the core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import okrkit
from conftest import VECTORS, assert_subset, load_vector, vector_params

READERS = {
    "asana": okrkit.read_asana,
    "gitlab": okrkit.read_gitlab,
    "quantive": okrkit.read_quantive,
    "tability": okrkit.read_tability,
}


def run(v: dict[str, Any]) -> okrkit.Imported:
    path = VECTORS / "import" / v["input"]
    if v["source"] == "table":
        return okrkit.read_table(path, v.get("options"))
    return READERS[v["source"]](path)


@pytest.mark.parametrize("path", list(vector_params("import")))
def test_import_vector(path: Path) -> None:
    v = load_vector(path)
    imported = run(v)
    assert imported.document.to_dict() == v["expected_document"]
    assert_subset(v["expected_report"], imported.report)
    assert imported.has_problems == bool(v["expected_report"]["problems"])


def test_dict_input_same_as_file() -> None:
    text = (VECTORS / "import" / "inputs" / "gitlab.input.json").read_text(encoding="utf-8")
    from_dict = okrkit.read_gitlab(json.loads(text))
    from_text = okrkit.read_gitlab(text)
    assert from_dict.document.to_dict() == from_text.document.to_dict()
    assert from_dict.report == from_text.report


def test_options_come_from_the_core() -> None:
    csv = "objective;team;cycle;key_result;title;type;baseline;target;current\no;t;2026-Q1;k;K;metric;1.000;1.450,5;12 %\n"
    imported = okrkit.read_table(csv, separator=";", decimal_comma=True, thousands=".")
    m = imported.document.to_dict()["objectives"][0]["key_results"][0]["measure"]
    assert (m["baseline"], m["target"], m["current"], m["unit"]) == (1000.0, 1450.5, 12.0, "%")
    # Options, as every call's: an unknown or ill-typed key is InvalidArgument at its name.
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table(csv, separatr=";")
    assert (e.value.code, e.value.path) == ("parse_error", "separatr")
    with pytest.raises(okrkit.InvalidArgument):
        okrkit.read_table(csv, percent="sometimes")


def test_an_option_given_in_the_mapping_and_as_a_keyword_is_refused() -> None:
    csv = "Goal;team;cycle;key_result;title;type;baseline;target;current\no;t;2026-Q1;k;K;metric;1;2;1\n"
    mapping = {"separator": ";", "columns": {"objective": "Goal"}}
    assert okrkit.read_table(csv, mapping).document.to_dict()["objectives"][0]["id"] == "o"
    # Before, the keyword silently replaced the mapping's separator.
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table(csv, mapping, separator=",")
    assert (e.value.code, e.value.path) == ("invalid_value", "separator")
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table(csv, {"objective": "Goal"}, columns={"objective": "Nope"}, separator=";")
    assert e.value.path == "columns"


def test_problems_make_org_fail() -> None:
    imported = okrkit.read_table(VECTORS / "import" / "inputs" / "messy.csv",
                                 str(VECTORS / "import" / "inputs" / "messy.mapping.json"))
    assert imported.has_problems
    with pytest.raises(okrkit.ValidationError) as e:
        imported.org()
    assert [p.path for p in e.value.problems][0] == "rows[5].key_result"


def frame_rows() -> tuple[list[str], list[list[Any]]]:
    cols = ["Objective", "Team", "Quarter", "KR", "Statement", "Kind", "Start", "Goal", "Now", "Note"]
    rows = [
        ["o1", "web", "2026-Q1", "kr1", "Conversion to 65%", "metric", 55, 65, 58.5, "fine"],
        ["o1", "web", "2026-Q1", "kr2", "Checkout live", "milestone", None, None, None, None],
    ]
    return cols, rows


MAPPING = {"objective": "Objective", "team": "Team", "cycle": "Quarter", "key_result": "KR",
           "title": "Statement", "type": "Kind", "baseline": "Start", "target": "Goal", "current": "Now"}


def check_frame(imported: okrkit.Imported) -> None:
    assert not imported.has_problems, imported.problems
    krs = imported.document.to_dict()["objectives"][0]["key_results"]
    assert krs[0]["measure"] == {"type": "metric", "baseline": 55.0, "target": 65.0, "current": 58.5}
    assert krs[1]["measure"] == {"type": "milestone", "done": False}
    fields = {(f["field"], f["fate"]): f["count"] for f in imported.report["fields"]}
    assert fields[("columns.Note", "not_carried")] == 1


def test_pandas_frame_with_numpy_scalars() -> None:
    pd = pytest.importorskip("pandas")
    cols, rows = frame_rows()
    df = pd.DataFrame(rows, columns=cols)  # numeric columns become float64 with NaN
    check_frame(okrkit.read_table(df, MAPPING))


def test_a_list_of_row_dicts_reads_as_a_frame_does_and_as_in_node() -> None:
    cols, rows = frame_rows()
    check_frame(okrkit.read_table([dict(zip(cols, r)) for r in rows], MAPPING))
    # A nested value or a row that is not a dict is an error with its path (the core's read_records).
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table([{**dict(zip(cols, rows[0])), "Statement": {"text": "x"}}], MAPPING)
    assert (e.value.code, e.value.path) == ("invalid_value", "[0].Statement")
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table([dict(zip(cols, rows[0])), ["o1", "web"]], MAPPING)
    assert (e.value.code, e.value.path) == ("invalid_value", "[1]")
    # Each row is laid out over every key any row has: 5,000 rows of a key
    # each would be 25 million cells, too_large before they are made (it
    # once aborted the interpreter at 20,000).
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table([{f"k{i}": i} for i in range(5000)])
    assert e.value.code == "too_large"


def test_a_source_of_another_type_is_invalid_argument_at_source() -> None:
    # It was a bare TypeError from os.fspath.
    for call in (okrkit.read_asana, okrkit.read_gitlab, okrkit.read_quantive, okrkit.read_tability, okrkit.read_table):
        for bad in (5, None, 1.5):
            with pytest.raises(okrkit.InvalidArgument) as e:
                call(bad)  # type: ignore[arg-type]
            assert (e.value.code, e.value.path) == ("parse_error", "source"), (call, bad)
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table("a,b\n1,2\n", mapping=5)  # type: ignore[arg-type]
    assert (e.value.code, e.value.path) == ("parse_error", "mapping")
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.Ledger.from_jsonl(5)  # type: ignore[arg-type]
    assert (e.value.code, e.value.path) == ("parse_error", "source")


def test_polars_frame() -> None:
    pl = pytest.importorskip("polars")
    cols, rows = frame_rows()
    df = pl.DataFrame(rows, schema=cols, orient="row")
    check_frame(okrkit.read_table(df, MAPPING))


def test_a_polars_nan_is_not_finite_at_its_cell_and_a_pandas_nan_is_missing() -> None:
    """polars keeps null (missing) and NaN (a number) apart: a NaN is
    `not_finite` at its row and column, as the CSV text `NaN` is; pandas
    writes a missing value as NaN in a float column, so there NaN is an empty
    cell (r15 finding 21)."""
    pl = pytest.importorskip("polars")
    cols, rows = frame_rows()
    rows[0][8] = float("nan")
    imported = okrkit.read_table(pl.DataFrame(rows, schema=cols, orient="row"), MAPPING)
    assert [(p["code"], p["path"]) for p in imported.problems] == [("not_finite", "rows[0].current")]
    rows[0][8] = float("inf")
    imported = okrkit.read_table(pl.DataFrame(rows, schema=cols, orient="row"), MAPPING)
    assert [(p["code"], p["path"]) for p in imported.problems] == [("not_finite", "rows[0].current")]
    rows[0][8] = None  # polars' own missing value: an empty cell
    imported = okrkit.read_table(pl.DataFrame(rows, schema=cols, orient="row"), MAPPING)
    assert not imported.has_problems, imported.problems
    assert "current" not in imported.document.to_dict()["objectives"][0]["key_results"][0]["measure"]
    pd = pytest.importorskip("pandas")
    rows[0][8] = float("nan")
    imported = okrkit.read_table(pd.DataFrame(rows, columns=cols), MAPPING)
    assert not imported.has_problems, imported.problems
    assert "current" not in imported.document.to_dict()["objectives"][0]["key_results"][0]["measure"]


def test_reconciliation_frame() -> None:
    pytest.importorskip("pandas")
    imported = okrkit.read_gitlab(VECTORS / "import" / "inputs" / "gitlab.input.json")
    df = imported.reconciliation()
    assert list(df["differences"].iloc[:1]) == [["rounds"]]


def test_decimal_cells_are_numbers_and_sheet_needs_a_workbook() -> None:
    # r14 finding 12: a Decimal is a typed number, never text re-read by the
    # cleaning options; options that do not apply are errors at the option.
    pd = pytest.importorskip("pandas")
    from decimal import Decimal
    cols, rows = frame_rows()
    rows[0][6:9] = [Decimal("1.500"), Decimal("2.25"), Decimal("2")]
    df = pd.DataFrame(rows, columns=cols)
    imported = okrkit.read_table(df, MAPPING, decimal_comma=True, thousands=".")
    m = imported.document.to_dict()["objectives"][0]["key_results"][0]["measure"]
    assert (m["baseline"], m["target"], m["current"]) == (1.5, 2.25, 2.0)
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table(df, MAPPING, sheet="x")
    assert e.value.path == "sheet"
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.read_table("a,b\n1,2\n", decimal_comma=True, thousands=",")
    assert e.value.path == "thousands"


def test_json_text_with_a_byte_order_mark() -> None:
    # r14 finding 15: a leading BOM is skipped, never read as a file path.
    imported = okrkit.read_asana('\ufeff{"data": []}')
    assert not imported.has_problems
    assert okrkit.read_gitlab("\ufeff[]".encode()).document.to_dict()["objectives"] == []
