"""Every error path gives a clear Python exception (a subclass of Exception)
with the core's stable code and path — never a crash."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest

import okrkit
from okrkit import (
    InternalError,
    InvalidArgument,
    LedgerRefused,
    OkrError,
    OkrFileNotFoundError,
    OkrIOError,
    TamperedError,
    ValidationError,
)

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
    for cls in (ValidationError, InvalidArgument, LedgerRefused, TamperedError, OkrIOError, InternalError):
        assert issubclass(cls, OkrError) and issubclass(cls, Exception)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(InvalidArgument, ValueError)
    assert issubclass(OkrIOError, OSError)


def test_a_panic_is_internal_error() -> None:
    """A bug that panics inside okrkit is InternalError (code internal_error,
    the one code of every binding), which `except Exception` catches: never
    pyo3's PanicException, a BaseException."""
    testing = okrkit._okrkit._testing
    if not hasattr(testing, "panic"):
        pytest.skip("needs test.sh's test-hooks build")
    with pytest.raises(InternalError, match="deliberate") as caught:
        testing.panic("deliberate")
    assert (caught.value.code, caught.value.path, caught.value.problems) == ("internal_error", "", [])
    try:
        testing.panic("again")
    except Exception as e:  # noqa: BLE001 (the point: a plain `except Exception` catches it)
        assert isinstance(e, OkrError)


def test_error_codes_are_documented_enums() -> None:
    """The codes of LedgerRefused and ProofError are the core's enums, with
    their docs (once missing: ProofFailure, and bad_time / bad_signature in
    LedgerRefused's docstring)."""
    assert [c.value for c in okrkit.ProofFailure] == [
        "rewrite", "truncation", "fork", "bad_signature",
        "unknown_key", "not_enough_signatures", "origin_mismatch", "bad_proof",
    ]
    assert {"bad_time", "bad_signature"} <= {c.value for c in okrkit.RefusalCode}
    for enum in (okrkit.ProblemCode, okrkit.RefusalCode, okrkit.ProofFailure):
        assert enum.__doc__, enum


GUARD = "#[okrkit_python_guard::guarded]"


def test_every_entry_point_is_guarded() -> None:
    """Each `#[pymethods]` block and `#[pyfunction]` of the binding carries
    `#[guarded]` (bindings/python/guard), so no new entry point can let a
    panic out as PanicException."""
    src = Path(__file__).resolve().parents[1] / "src"
    missing = []
    for path in sorted(src.glob("*.rs")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        for i, line in enumerate(lines):
            if line in ("#[pymethods]", "#[pyfunction]") and GUARD not in lines[max(0, i - 3) : i]:
                missing.append(f"{path.name}:{i + 1}")
    assert not missing, missing
    assert sum(p.read_text(encoding="utf-8").count(GUARD) for p in src.glob("*.rs")) >= 40


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


@pytest.mark.parametrize("big", [10**20, -(10**20), 2**64, 2**64 + 2**11, 3 * 2**200 + 1, 10**308])
def test_an_int_beyond_64_bits_reads_as_its_json_text(big: int) -> None:
    """r15 finding 11: `json.load` gives an int where the JSON text holds a
    literal beyond 64 bits; the dict reads as the text does (the nearest
    float, serde_json's reading), and beyond a float's range both refuse."""
    d = doc()
    d["objectives"][0]["key_results"][0]["measure"]["target"] = big
    from_dict = okrkit.load(d).to_dict()
    from_text = okrkit.load(json.dumps(d)).to_dict()
    assert from_dict == from_text
    assert from_dict["objectives"][0]["key_results"][0]["measure"]["target"] == float(big)
    d["objectives"][0]["key_results"][0]["measure"]["target"] = 10**400
    with pytest.raises(ValidationError) as info:
        okrkit.load(d)
    with pytest.raises(ValidationError) as text_info:
        okrkit.load(json.dumps(d))
    path = "objectives[0].key_results[0].measure.target"
    assert (info.value.code, info.value.path) == ("parse_error", path)
    assert text_info.value.code == "parse_error"


@pytest.mark.parametrize("big", [10**30, -(10**30), 2**64, -(2**64) - 1, 10**400])
def test_an_int_beyond_64_bits_is_an_option_out_of_range(big: int) -> None:
    """An option is no JSON text: an int beyond 64 bits is out of range, as
    any out-of-range option is (InvalidArgument, parse_error at its name),
    never read as its nearest float ("floating point `1e+30`")."""
    org = okrkit.load(doc())
    calls = [
        lambda: org.lint(stale_after_days=big),
        lambda: okrkit.lint(doc(), stale_after_days=big),
        lambda: org.health("q1", stale_after_days=big),
    ]
    for call in calls:
        with pytest.raises(InvalidArgument) as info:
            call()
        err = info.value
        assert (err.code, err.path) == ("parse_error", "stale_after_days"), str(err)
        assert "out of range" in str(err) and "floating point" not in str(err), str(err)
    # In range of 64 bits, the core's own range check still speaks.
    with pytest.raises(InvalidArgument) as info:
        org.lint(stale_after_days=2**40)
    assert (info.value.code, info.value.path) == ("parse_error", "stale_after_days")
    assert "too many" in str(info.value)


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


def test_parse_error_without_a_position_has_line_and_column_0() -> None:
    """A document read from a dict has no text position: `line` and
    `column` are 0 (the documented API), never missing."""
    with pytest.raises(ValidationError) as info:
        okrkit.load({"cycles": 3})
    assert info.value.code == "parse_error"
    assert (info.value.line, info.value.column) == (0, 0)


def test_io_error() -> None:
    with pytest.raises(OkrIOError) as info:
        okrkit.load("/no/such/file.json")
    assert info.value.code == "io_error"
    assert isinstance(info.value, OSError)
    # A missing file is a FileNotFoundError, as Python's own open() raises.
    with pytest.raises(FileNotFoundError):
        okrkit.load("/no/such/file.json")
    # A path with NUL in it is refused with a code, and is still the
    # ValueError Python's own open() raises.
    for read in (okrkit.load, okrkit.validate, okrkit.lint, okrkit.load_csv):
        with pytest.raises(InvalidArgument) as nul:
            read("okrs\x00.json")
        assert isinstance(nul.value, ValueError)
        assert (nul.value.code, nul.value.path) == ("invalid_value", "source")


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
    # Text that is not a head is a parse error naming the argument, not a
    # tamper alarm: InvalidArgument, as verify_head(None) (it was a
    # ValidationError at the core's `head`).
    for bad in (ledger.head.upper(), f" {ledger.head}", "zz", None):
        with pytest.raises(InvalidArgument) as bad_head:
            ledger.verify_head(bad)  # type: ignore[arg-type]
        assert (bad_head.value.code, bad_head.value.path) == ("parse_error", "head")


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


def test_sources_and_orgs_of_another_type_are_parse_errors_at_their_name() -> None:
    """The package's own Python functions refuse a wrong type as the native
    ones do: InvalidArgument, parse_error, at the argument."""
    for call in (okrkit.load, okrkit.load_csv):
        with pytest.raises(InvalidArgument) as info:
            call(5)  # type: ignore[arg-type]
        assert (info.value.code, info.value.path) == ("parse_error", "source"), call
    with pytest.raises(InvalidArgument) as info:
        okrkit.plot.plot_score_bands(5, "q1")
    assert (info.value.code, info.value.path) == ("parse_error", "org")


def test_every_error_class_is_exported_from_the_package() -> None:
    assert set(okrkit.errors.__all__) <= set(okrkit.__all__)
    for name in okrkit.errors.__all__:
        assert getattr(okrkit, name) is getattr(okrkit.errors, name)


def test_bad_arguments_are_invalid_argument_at_their_name_as_in_node() -> None:
    """A negative or huge int, a float, a bool or None where an int or a str
    is required: InvalidArgument, code parse_error, path the argument's name
    (Node's FromJs), never a bare OverflowError or TypeError."""
    vector = json.loads(
        (Path(__file__).resolve().parents[3] / "tests" / "vectors" / "ledger" / "proof" / "okrkit_checkpoint.json")
        .read_text(encoding="utf-8")
    )
    ledger = okrkit.Ledger.from_jsonl(vector["ledger_jsonl"])
    origin, key = vector["origin"], vector["verifier_key"]
    signer = okrkit.SigningKey.parse(vector["signing_key"])
    note = okrkit.sign_checkpoint(ledger, origin, [signer])
    org = okrkit.load(doc())
    cases: list[tuple[str, Any]] = [
        ("min_signatures", lambda: okrkit.verify_checkpoint(ledger, note, [key], origin, min_signatures=-1)),
        ("min_signatures", lambda: okrkit.verify_inclusion_proof("{}", note, [key], -1)),
        ("min_signatures", lambda: okrkit.verify_consistency_proof("{}", note, note, [key], 2**64)),
        ("index", lambda: okrkit.inclusion_proof(ledger, origin, -1)),
        ("index", lambda: okrkit.inclusion_proof(ledger, origin, 2**64)),
        ("index", lambda: okrkit.inclusion_proof(ledger, origin, 1.0)),  # type: ignore[arg-type]
        ("index", lambda: okrkit.inclusion_proof(ledger, origin, True)),
        ("size", lambda: okrkit.inclusion_proof(ledger, origin, 0, -1)),
        ("old_size", lambda: okrkit.consistency_proof(ledger, origin, -1, 8)),
        ("new_size", lambda: okrkit.consistency_proof(ledger, origin, 0, None)),  # type: ignore[arg-type]
        ("origin", lambda: okrkit.inclusion_proof(ledger, None, 0)),  # type: ignore[arg-type]
        ("cycle", lambda: org.score_cycle(None)),  # type: ignore[arg-type]
        ("cycle", lambda: org.health(5)),  # type: ignore[arg-type]
        ("cycle", lambda: ledger.renegotiation_counts(None)),  # type: ignore[arg-type]
        # The generated query methods (the core's LedgerQuery, read by the native `_query`).
        ("team", lambda: ledger.members(5)),  # type: ignore[arg-type]
        ("cycle", lambda: ledger.set_status("web", ["q1"])),  # type: ignore[arg-type]
        ("id", lambda: ledger.proposal(None)),  # type: ignore[arg-type]
        ("open_only", lambda: ledger.proposals(open_only="yes")),  # type: ignore[arg-type]
        ("as_of", lambda: ledger.waiting_dependencies(5)),  # type: ignore[arg-type]
        ("as_of", lambda: ledger.waiting_dependencies("05/02/2026")),
        ("longer_than_days", lambda: ledger.waiting_dependencies("2026-02-05", 1.5)),  # type: ignore[arg-type]
        # A date where an id belongs is refused, never read as its text (it answered [] in between).
        ("team", lambda: ledger.members(dt.date(2026, 2, 1))),  # type: ignore[arg-type]
        ("cycle", lambda: ledger.renegotiation_counts(dt.datetime(2026, 2, 1))),  # type: ignore[arg-type]
        ("cycle", lambda: okrkit.progress_series(org, None)),  # type: ignore[arg-type]
        ("team", lambda: okrkit.check_ins(org, team=5)),  # type: ignore[arg-type]
        ("stale_after_days", lambda: org.lint(stale_after_days=2**64)),
        ("stale_after_days", lambda: okrkit.lint(doc(), stale_after_days=-(2**64))),
        ("head", lambda: ledger.verify_head(None)),  # type: ignore[arg-type]
        ("name", lambda: okrkit.table_schema(None)),  # type: ignore[arg-type]
        ("table", lambda: org.progress().rows(5)),  # type: ignore[arg-type]
        ("table", lambda: org.progress().table(b"objectives")),  # type: ignore[arg-type]
        ("table", lambda: org.lint().to_polars(1.5)),  # type: ignore[arg-type]
        ("table", lambda: org.score_cycle("q1").to_pandas(["x"])),  # type: ignore[arg-type]
        ("structure", lambda: okrkit.classify("Grow revenue", structure=5)),  # type: ignore[arg-type]
        ("structure", lambda: okrkit.Classifier().classify("Grow revenue", 5)),  # type: ignore[arg-type]
        ("text", lambda: okrkit.classify(None)),  # type: ignore[arg-type]
        ("text", lambda: okrkit.Classifier().classify(None)),  # type: ignore[arg-type]
        ("frame", lambda: okrkit.classify_many(["Grow revenue"], frame=5)),  # type: ignore[arg-type]
        ("every_days", lambda: okrkit.progress_series(org, "q1", every_days=2**64)),
        ("every_days", lambda: okrkit.confidence_series(org, "q1", every_days=-1)),
        ("every_days", lambda: okrkit.progress_series(org, "q1", every_days=7.0)),  # type: ignore[arg-type]
        # A malformed hash is the same class as a missing one (the core's parse_error at its `head`).
        ("head", lambda: ledger.verify_head("zz")),
        # Lists: one str, None or an item of another type (a bare TypeError before).
        ("texts", lambda: okrkit.Classifier().classify_many(None)),  # type: ignore[arg-type]
        ("texts", lambda: okrkit.Classifier().classify_many("Grow revenue")),
        ("texts[1]", lambda: okrkit.Classifier().classify_many(["Grow revenue", None])),  # type: ignore[list-item]
        ("texts", lambda: okrkit.Classifier().classify_kinds(5)),  # type: ignore[arg-type]
        ("structures[0]", lambda: okrkit.Classifier().classify_kinds(["Grow revenue"], [5])),  # type: ignore[list-item]
        ("output_verbs", lambda: okrkit.Classifier(output_verbs="ship")),
        ("metric_nouns[0]", lambda: okrkit.Classifier(metric_nouns=[b"nps"])),  # type: ignore[list-item]
        ("trusted", lambda: okrkit.verify_checkpoint(ledger, note, None, origin)),  # type: ignore[arg-type]
        ("trusted[0]", lambda: okrkit.verify_checkpoint(ledger, note, [5], origin)),  # type: ignore[list-item]
        # An okrkit object or a Python type of another kind (pyo3's bare TypeError before).
        ("ledger", lambda: okrkit.sign_checkpoint(5, origin, [signer])),  # type: ignore[arg-type]
        ("ledger", lambda: okrkit.default_origin(None)),  # type: ignore[arg-type]
        ("ledger", lambda: okrkit.inclusion_proof(org, origin, 0)),  # type: ignore[arg-type]
        ("keys[1]", lambda: okrkit.sign_checkpoint(ledger, origin, [signer, key])),  # type: ignore[list-item]
        ("key", lambda: okrkit.cosign_checkpoint(note, key)),  # type: ignore[arg-type]
        ("org", lambda: okrkit.check_ins(ledger)),  # type: ignore[arg-type]
        ("org", lambda: okrkit.progress_series(None, "q1")),  # type: ignore[arg-type]
        ("org", lambda: okrkit.calibration({})),  # type: ignore[arg-type]
        ("reports[0]", lambda: okrkit.calibrate([org])),  # type: ignore[list-item]
        ("reports", lambda: okrkit.calibrate(5)),  # type: ignore[arg-type]
        ("data", lambda: okrkit.Org.from_dict([1])),  # type: ignore[arg-type]
        ("data", lambda: okrkit.Document.from_dict("{}")),  # type: ignore[arg-type]
        ("text", lambda: okrkit.Document.from_json(b"{}")),  # type: ignore[arg-type]
        ("dates", lambda: org.progress_over(5)),  # type: ignore[arg-type]
        ("dates", lambda: org.progress_over("2026-02-15")),  # type: ignore[arg-type]
        ("id", lambda: org.progress().objective(5)),  # type: ignore[arg-type]
        ("secret_key", lambda: okrkit.public_key_hex("0" * 32)),  # type: ignore[arg-type]
        ("secret_key", lambda: okrkit.public_key_hex([0] * 32)),  # type: ignore[arg-type]
        # Flags: True or False only, never read by their truth value (a bare TypeError before).
        ("indent", lambda: org.to_json(indent=5)),  # type: ignore[arg-type]
        ("indent", lambda: org.document.to_json("yes")),  # type: ignore[arg-type]
        ("indent", lambda: org.progress().to_json(indent=None)),  # type: ignore[arg-type]
        ("as_org", lambda: ledger.replay(as_org="yes")),  # type: ignore[arg-type]
        ("as_org", lambda: ledger.replay(as_org=1)),  # type: ignore[arg-type]
    ]
    for name, call in cases:
        with pytest.raises(InvalidArgument) as info:
            call()
        err = info.value
        assert (err.code, err.path) == ("parse_error", name), (name, repr(err), str(err))
        assert str(err).startswith(f"{name}: ") and [p.path for p in err.problems] == [name]
    # Numbers that are whole numbers from 0 still read (numpy's too, through __index__).
    assert okrkit.inclusion_proof(ledger, origin, 0, None)
    # A flag is True or False, numpy's bool too.
    assert "\n" in org.to_json(indent=True) and "\n" not in org.to_json(indent=False)
    assert isinstance(ledger.replay(as_org=True), okrkit.Org)
    np = pytest.importorskip("numpy")
    assert org.to_json(indent=np.bool_(True)) == org.to_json(indent=True)
    # A step longer than the calendar is the cycle's first and last days (it panicked).
    days = okrkit.progress_series(org, "q1", every_days=2**63 - 1).rows()
    assert [r["date"] for r in days] == [r["date"] for r in okrkit.progress_series(org, "q1", every_days=10**4).rows()]
    assert len({r["date"] for r in days}) == 2
    assert okrkit.confidence_series(org, "q1", every_days=3) is not None
    assert okrkit.classify_many(["Grow revenue"], frame="table") is not None
    with pytest.raises(InvalidArgument) as frame:
        okrkit.classify_many(["Grow revenue"], frame="arrow")
    assert (frame.value.code, frame.value.path) == ("invalid_value", "frame")
    assert okrkit.verify_checkpoint(ledger, note, [key], origin, min_signatures=None)
    # The note of an error that is not an unread argument stays a note.
    other = InvalidArgument("x", code="invalid_value", path="p")
    other.add_note("while processing 'q'")
    assert other.path == "p"


def test_an_as_of_with_a_time_and_offset_is_its_utc_day_as_in_node() -> None:
    """tests/vectors/options/as_of.json: Rust, Python and Node read as_of text alike."""
    vector = json.loads(
        (Path(__file__).resolve().parents[3] / "tests" / "vectors" / "options" / "as_of.json").read_text(encoding="utf-8")
    )
    org = okrkit.load(doc())
    for case in vector["cases"]:
        assert str(org.progress(as_of=case["as_of"]).as_of) == case["day"], case
        assert str(org.health("q1", as_of=case["as_of"]).as_of) == case["day"], case
    for text in vector["refused"]:
        with pytest.raises(InvalidArgument) as info:
            org.progress(as_of=text)
        assert (info.value.code, info.value.path) == ("parse_error", "as_of"), text


def test_json_text_with_a_byte_order_mark_is_text_not_a_path() -> None:
    """load/validate/lint tell JSON text from a path by its first character
    after a byte-order mark and white space: never an io_error for the text."""
    text = "\ufeff" + json.dumps(doc())
    for call in (okrkit.load, okrkit.validate, okrkit.lint):
        try:
            call(text)
        except OkrIOError as e:  # the text was taken for a file name
            pytest.fail(f"{call.__name__}: {e!r}")
        except ValidationError as e:  # the core's reading of the mark, not a path
            assert e.code == "parse_error"


def test_an_int_beyond_a_float_in_a_data_frame_is_invalid_argument() -> None:
    pd = pytest.importorskip("pandas")
    row = {"objective": ["o1"], "team": ["web"], "cycle": ["2026-Q1"], "key_result": ["k1"], "title": ["Conversion rate"], "type": ["metric"], "baseline": [0], "target": [10**400]}
    with pytest.raises(InvalidArgument) as info:
        okrkit.read_table(pd.DataFrame(row))
    assert (info.value.code, info.value.path) == ("parse_error", "source")
def test_a_byte_order_mark_before_a_document_is_skipped() -> None:
    """Finding r14-15: JSON text or bytes with a UTF-8 BOM is a document, not a path."""
    text = '{"schema_version": 1, "teams": [{"id": "web", "name": "Web"}]}'
    for source in ("\ufeff" + text, ("\ufeff" + text).encode("utf-8")):
        org = okrkit.load(source)
        assert org.to_dict()["teams"] == [{"id": "web", "name": "Web"}]


def test_a_str_is_text_or_a_path_by_one_rule_everywhere(tmp_path: Path) -> None:
    """load, validate, lint, load_csv and the importers read a str by the core's
    one rule (blank, `{` or `[` first, or a line break: text; else a path).
    Before, `load("[1]")` looked for a file named `[1]` while the importers read
    it as text, and `load_csv` had a rule of its own (a comma made text)."""
    for call in (okrkit.load, okrkit.validate, okrkit.lint, okrkit.read_asana):
        for text in ("[1]", "  ", ""):
            try:
                call(text)  # validate and lint report a bad document's problems
            except OkrIOError as e:  # the text was taken for a file name
                pytest.fail(f"{call.__name__}({text!r}): {e!r}")
            except OkrError as e:
                assert e.code == "parse_error", (call.__name__, text, e)
    # A single line without a break is a path, whatever it holds.
    for call in (okrkit.load, okrkit.load_csv, okrkit.read_table):
        with pytest.raises(OkrFileNotFoundError):
            call(str(tmp_path / "okrs, q1.csv"))
    # A lone surrogate is the binding's parse_error at the argument, not a UnicodeEncodeError.
    for call in (okrkit.load, okrkit.load_csv, okrkit.validate):
        with pytest.raises(InvalidArgument) as info:
            call("\ud800")
        assert (info.value.code, info.value.path) == ("parse_error", "source")
    header = "objective,team,cycle,key_result,title,type,baseline,target,current\n"
    assert okrkit.load_csv(header + "o1,web,2026-Q1,k1,Conversion,metric,1,2,1\n").key_result_count == 1
