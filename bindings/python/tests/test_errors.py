"""Every error path gives a clear Python exception (a subclass of Exception)
with the core's stable code and path — never a crash."""

from __future__ import annotations

import copy
import json
import math

import pytest

import okrkit
from okrkit import InvalidArgument, LedgerRefused, OkrError, OkrIOError, TamperedError, ValidationError

DOC = {
    "schema_version": 1,
    "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
    "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
    "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
    "objectives": [
        {
            "id": "o1",
            "title": "World-class checkout",
            "team": "web",
            "cycle": "q1",
            "key_results": [
                {"id": "kr1", "title": "Checkout conversion > 65%", "measure": {"type": "metric", "baseline": 50, "target": 65}}
            ],
        }
    ],
}


def doc() -> dict:
    return copy.deepcopy(DOC)


def test_hierarchy() -> None:
    for cls in (ValidationError, InvalidArgument, LedgerRefused, TamperedError, OkrIOError):
        assert issubclass(cls, OkrError) and issubclass(cls, Exception)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(InvalidArgument, ValueError)
    assert issubclass(OkrIOError, OSError)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_is_never_null(bad: float) -> None:
    d = doc()
    d["objectives"][0]["key_results"][0]["measure"]["baseline"] = bad
    with pytest.raises(ValidationError) as info:
        okrkit.load(d)
    assert info.value.code == "not_finite"
    assert info.value.path == "objectives[0].key_results[0].measure.baseline"
    assert [p.code for p in info.value.problems] == ["not_finite"]


def test_every_problem_listed() -> None:
    d = doc()
    d["objectives"][0]["key_results"][0]["measure"]["target"] = 50
    d["objectives"][0]["team"] = "nobody"
    with pytest.raises(ValidationError) as info:
        okrkit.load(d)
    e = info.value
    assert e.code == "invalid_document"
    codes = {(p.code, p.path) for p in e.problems}
    assert ("target_equals_baseline", "objectives[0].key_results[0].measure.target") in codes
    assert any(c == "dangling_reference" for c, _ in codes)
    assert e.path == e.problems[0].path
    assert "problem" in str(e)


def test_wrong_type_has_path() -> None:
    d = doc()
    d["objectives"][0]["title"] = 42
    with pytest.raises(ValidationError) as info:
        okrkit.load(d)
    assert info.value.code == "parse_error"
    assert info.value.path == "objectives[0].title"


@pytest.mark.parametrize(
    "value, code",
    [
        ({1: "x"}, "parse_error"),  # non-str key
        (object(), "parse_error"),  # unsupported type
        (10**30, "parse_error"),  # int beyond 64 bits
        ("a\ud800b", "parse_error"),  # lone surrogate
    ],
)
def test_unconvertible_values(value: object, code: str) -> None:
    d = doc()
    d["objectives"][0]["title"] = value
    with pytest.raises(ValidationError) as info:
        okrkit.load(d)
    assert info.value.code == code
    assert info.value.path.startswith("objectives[0].title")


def test_lone_surrogate_in_text_arguments() -> None:
    with pytest.raises(ValidationError) as info:
        okrkit.Org.from_json('{"schema_version": 1, "teams": [{"id": "\ud800", "name": "x"}]}')
    assert info.value.code == "parse_error"
    with pytest.raises(OkrError):
        okrkit.Ledger.from_jsonl("\udfff")


def test_too_deep_nesting_is_an_error_not_a_crash() -> None:
    deep: object = []
    for _ in range(10_000):
        deep = [deep]
    d = doc()
    d["objectives"][0]["title"] = deep
    with pytest.raises(ValidationError) as info:
        okrkit.load(d)
    assert info.value.code == "parse_error"


def test_parse_error_from_text_has_line() -> None:
    with pytest.raises(ValidationError) as info:
        okrkit.load("{\n  \"schema_version\": 1,\n  \"teams\": [\n")
    assert info.value.code == "parse_error"
    assert info.value.line >= 3


def test_io_error() -> None:
    with pytest.raises(OkrIOError) as info:
        okrkit.load("/no/such/file.json")
    assert info.value.code == "io_error"
    assert isinstance(info.value, OSError)
    # A missing file is a FileNotFoundError, as Python's own open() raises.
    with pytest.raises(FileNotFoundError):
        okrkit.load("/no/such/file.json")


def test_invalid_arguments() -> None:
    org = okrkit.load(doc())
    with pytest.raises(InvalidArgument) as info:
        org.score_cycle("nope")
    assert info.value.code == "dangling_reference" and info.value.path == "cycle"
    with pytest.raises(InvalidArgument):
        org.health("nope")
    # An unknown cycle is an error in progress too, never an empty report.
    with pytest.raises(InvalidArgument) as info:
        org.progress(cycle="no-such-cycle")
    assert info.value.code == "dangling_reference" and info.value.path == "cycle"
    with pytest.raises(InvalidArgument):
        org.progress_over(["2026-02-01"], cycle="no-such-cycle")
    # Each report's date comes from `dates`: an `as_of` option is refused, not dropped.
    with pytest.raises(InvalidArgument) as info:
        org.progress_over(["2026-02-01"], as_of="2026-01-01")
    assert info.value.path == "as_of"
    # A misspelt rule code is an error, never a setting that does nothing.
    with pytest.raises(okrkit.OkrError) as err:
        org.lint(rules={"stale_key_results": "off"})
    assert "stale_key_results" in str(err.value)
    with pytest.raises(InvalidArgument) as info:
        org.progress(milestones="sometimes")
    assert info.value.path == "milestones"
    with pytest.raises(InvalidArgument):
        org.progress(as_of="15/02/2026")
    with pytest.raises(InvalidArgument):
        org.progress().rows("nope")
    with pytest.raises(InvalidArgument):
        org.lint(rules={"output_key_result": "loud"})
    with pytest.raises(InvalidArgument):
        okrkit.classify("x", structure="blob")
    with pytest.raises(InvalidArgument):
        okrkit.load(12)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        org.progress(as_of=3.5)  # type: ignore[arg-type]


def ledger_with_proposal() -> tuple[okrkit.Ledger, str]:
    ledger = okrkit.Ledger()
    ana, bo = ("ana", "web"), okrkit.Actor("bo", "shop")
    ledger.import_document(
        "2026-01-02T09:00:00Z",
        bo,
        doc(),
        agreed=[{"team": "web", "cycle": "q1", "agreed_by": "bo"}],
        roles={"members": [{"team": "web", "person": "ana"}, {"team": "shop", "person": "bo"}]},
    )
    p = ledger.propose_change(
        "2026-02-01T09:00:00Z", ana, {"kind": "target", "key_result": "kr1", "target": 60.0}, "migration slipped"
    )
    return ledger, p["id"]


def test_refused_actions() -> None:
    ledger, proposal = ledger_with_proposal()
    before = ledger.to_jsonl()
    with pytest.raises(LedgerRefused) as info:
        ledger.accept("2026-02-01T10:00:00Z", ("ana", "web"), proposal)
    assert info.value.code == "not_allowed"
    assert ledger.to_jsonl() == before
    with pytest.raises(LedgerRefused) as info:
        ledger.accept("2025-01-01T00:00:00Z", ("bo", "shop"), proposal)
    assert info.value.code == "out_of_order"
    with pytest.raises(LedgerRefused) as info:
        ledger.accept("2026-02-02T00:00:00Z", ("bo", "shop"), "e99")
    assert info.value.code in {"unknown_element", "invalid_state"}
    with pytest.raises(ValidationError) as info:
        ledger.check_in("2026-02-03T00:00:00Z", ("ana", "web"), "kr1", math.nan)
    assert info.value.code == "not_finite"
    with pytest.raises(ValidationError):
        ledger.append("2026-02-03T00:00:00Z", ("ana", "web"), {"type": "no_such_action"})
    with pytest.raises(ValidationError):
        ledger.append("2026-02-03T00:00:00Z", {"person": "ana"}, {"type": "withdraw", "proposal": proposal})
    with pytest.raises(InvalidArgument):
        ledger.append("yesterday", ("ana", "web"), {"type": "withdraw", "proposal": proposal})
    with pytest.raises(InvalidArgument) as info:
        ledger.history("nope")
    assert info.value.code == "unknown_key_result"
    assert ledger.to_jsonl() == before


def test_tampered() -> None:
    ledger, _ = ledger_with_proposal()
    lines = ledger.to_jsonl().splitlines()
    lines[1] = lines[1].replace('"target":60.0', '"target":52.0')
    with pytest.raises(TamperedError) as info:
        okrkit.Ledger.from_jsonl("\n".join(lines) + "\n")
    assert info.value.code == "tampered" and info.value.index == 1 and info.value.entry_id == "e1"
    with pytest.raises(TamperedError):
        ledger.verify_head("0" * 64)


def test_errors_are_picklable_enough_to_print() -> None:
    try:
        okrkit.load(json.dumps({"schema_version": 2}))
    except OkrError as e:
        assert e.code in {"unsupported_schema_version", "invalid_document"}
        assert repr(e).startswith("ValidationError(")


def test_bytes_must_be_utf8() -> None:
    with pytest.raises(ValidationError) as info:
        okrkit.load(b'{"schema_version": 1, "teams": [{"id": "\xff", "name": "x"}]}')
    assert info.value.code == "parse_error"
    with pytest.raises(ValidationError):
        okrkit.classify("Build \ud800 things")


def test_an_argument_list_index_joins_without_a_dot() -> None:
    # The core names the element below the argument: `entries[0].…`, as Node
    # does (it was `entries.[0].…` before the option reader moved to the core).
    with pytest.raises(OkrError) as info:
        okrkit.Ledger.from_entries([{"seq": "zero"}])
    assert info.value.path.startswith("entries[0]"), info.value.path
    assert ".[" not in info.value.path


def test_every_error_class_is_exported_from_the_package() -> None:
    assert set(okrkit.errors.__all__) <= set(okrkit.__all__)
    for name in okrkit.errors.__all__:
        assert getattr(okrkit, name) is getattr(okrkit.errors, name)


def test_a_byte_order_mark_before_a_document_is_skipped() -> None:
    """Finding r14-15: JSON text or bytes with a UTF-8 BOM is a document, not a path."""
    text = '{"schema_version": 1, "teams": [{"id": "web", "name": "Web"}]}'
    for source in ("\ufeff" + text, ("\ufeff" + text).encode("utf-8")):
        org = okrkit.load(source)
        assert org.to_dict()["teams"] == [{"id": "web", "name": "Web"}]
