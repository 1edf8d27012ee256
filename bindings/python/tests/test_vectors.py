"""The shared vectors of tests/vectors, held to the Rust answers to the last bit."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import okrkit
from conftest import VECTORS, assert_subset, load_vector, vector_params


@pytest.mark.parametrize("path", list(vector_params("progress")))
def test_progress_vector(path: Path) -> None:
    v = load_vector(path)
    org = okrkit.Org(v["document"])
    opts = v.get("options") or {}
    report = org.progress(**opts)
    assert_subset(v["expected"], report.to_dict(), path.stem)
    # The JSON text form gives the same numbers as the dict form.
    assert_subset(v["expected"], json.loads(report.to_json()), path.stem)


@pytest.mark.parametrize("path", list(vector_params("invalid")))
def test_invalid_vector(path: Path) -> None:
    v = load_vector(path)
    with pytest.raises(okrkit.ValidationError) as info:
        okrkit.Org(v["document"])
    got = [{"code": p.code, "path": p.path} for p in info.value.problems]
    assert got == v["expected_problems"]
    # Text in, same problems out.
    with pytest.raises(okrkit.ValidationError) as info2:
        okrkit.Org.from_json(json.dumps(v["document"]))
    assert [{"code": p.code, "path": p.path} for p in info2.value.problems] == v["expected_problems"]


@pytest.mark.parametrize("path", list(vector_params("score")))
def test_score_vector(path: Path) -> None:
    v = load_vector(path)
    org = okrkit.Org(v["document"])
    if "cycle" in v and "expected" in v:
        assert_subset(v["expected"], org.score_cycle(v["cycle"]).to_dict(), path.stem)
    if "expected_calibration" in v:
        assert_subset(v["expected_calibration"], org.calibrate(), path.stem)
        assert_subset(v["expected_calibration"], okrkit.calibrate(org.score_all()), path.stem)
    for code in v.get("expected_lint_codes", []):
        assert code in okrkit.lint(v["document"]).codes(), f"{path.stem}: lint lacks {code}"


@pytest.mark.parametrize("path", list(vector_params("health")))
def test_health_vector(path: Path) -> None:
    v = load_vector(path)
    org = okrkit.Org(v["document"])
    report = org.health(v["cycle"], **(v.get("options") or {}))
    assert_subset(v["expected"], report.to_dict(), path.stem)


@pytest.mark.parametrize("path", list(vector_params("classify")))
def test_classify_vector(path: Path) -> None:
    v = load_vector(path)
    classifier = okrkit.Classifier()
    texts = [s["text"] for s in v["statements"]]
    structures = [s.get("structure") for s in v["statements"]]
    batch = classifier.classify_many(texts, structures)
    assert classifier.classify_kinds(texts, structures) == [c.kind for c in batch]
    for s, c in zip(v["statements"], batch):
        one = okrkit.classify(s["text"], structure=s.get("structure"))
        assert one.kind == s["kind"], f"{s['text']!r} -> {one!r}"
        assert c.kind == s["kind"] and c.confidence == one.confidence
        assert 0.0 <= one.confidence <= 1.0


# ---------------------------------------------------------------- ledger vectors


def apply_step(ledger: okrkit.Ledger, step: dict[str, Any]) -> dict[str, Any]:
    return ledger.append(step["at"], step["actor"], step["action"])


def build_ledger(name: str, v: dict[str, Any]) -> okrkit.Ledger:
    ledger = okrkit.Ledger()
    for i, step in enumerate(v["steps"]):
        expect = step.get("expect_error")
        if expect:
            before = ledger.to_jsonl()
            with pytest.raises(okrkit.OkrError) as info:
                apply_step(ledger, step)
            assert info.value.code == expect, f"{name} step {i}: {info.value}"
            assert ledger.to_jsonl() == before, f"{name} step {i}: a refused action changed the ledger"
        else:
            apply_step(ledger, step)
    return ledger


def tamper(name: str, ledger: okrkit.Ledger, op: dict[str, Any]) -> None:
    lines = [json.loads(line) for line in ledger.to_jsonl().splitlines()]
    index = op["index"]
    kind = op["op"]
    if kind == "edit":
        parts = op["pointer"].lstrip("/").split("/")
        node = lines[index]
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(parts[-1])] = op["value"]
        else:
            node[parts[-1]] = op["value"]
    elif kind == "drop":
        del lines[index]
    elif kind == "swap":
        j = op["with"]
        lines[index], lines[j] = lines[j], lines[index]
    elif kind == "duplicate":
        lines.insert(index + 1, json.loads(json.dumps(lines[index])))
    elif kind == "truncate":
        del lines[index:]
    else:
        raise AssertionError(f"{name}: unknown tamper op {kind}")
    if "expect_head_index" in op:
        loaded = okrkit.Ledger.from_entries(lines)  # the cut chain itself verifies
        with pytest.raises(okrkit.TamperedError) as info:
            loaded.verify_head(ledger.head)
        assert info.value.index == op["expect_head_index"], f"{name}: {op}"
    else:
        with pytest.raises(okrkit.TamperedError) as info:
            okrkit.Ledger.from_entries(lines)
        assert info.value.index == op["expect_index"], f"{name}: {op}"


@pytest.mark.parametrize("path", list(vector_params("ledger")))
def test_ledger_vector(path: Path) -> None:
    name = path.stem
    v = load_vector(path)
    ledger = build_ledger(name, v)
    ex = v["expect"]
    assert len(ledger) == ex["entries"]
    if "head" in ex:
        assert ledger.head == ex["head"], f"{name}: head (canonical form or hashing differs?)"
    ledger.verify()
    back = okrkit.Ledger.from_jsonl(ledger.to_jsonl())
    assert back.to_jsonl() == ledger.to_jsonl()
    if "document" in ex:
        assert_subset(ex["document"], ledger.replay(), f"{name}.document")
    for r in ex.get("replay", []):
        assert_subset(r["document"], ledger.replay(r["at"]), f"{name}.replay@{r['at']}")
    lists = {
        "sets": ledger.sets,
        "reviews": ledger.reviews,
        "feedback": ledger.feedback_notes,
        "proposals": ledger.proposals,
        "dependencies": ledger.dependencies,
    }
    for key, get in lists.items():
        if key in ex:
            assert_subset(ex[key], get(), f"{name}.{key}")
    for kr, versions in ex.get("history", {}).items():
        assert_subset(versions, ledger.history(kr).to_dict(), f"{name}.history.{kr}")
    for r in ex.get("renegotiation_counts", []):
        assert_subset(r["expected"], ledger.renegotiation_counts(r["cycle"]), f"{name}.renegotiation_counts")
    for w in ex.get("waiting_dependencies", []):
        got = ledger.waiting_dependencies(w["as_of"], w["more_than_days"])
        assert_subset(w["expected"], got, f"{name}.waiting@{w['as_of']}")
    for op in ex.get("tamper", []):
        tamper(name, ledger, op)


# ---------------------------------------------------------------- bad-input catalog


def generated(spec: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}],
        "teams": [{"id": "t", "name": "T"}],
        "objectives": [],
    }
    if "alignment_chain" in spec:
        for i in range(int(spec["alignment_chain"])):
            o: dict[str, Any] = {"id": f"o{i}", "title": "Objective", "team": "t", "cycle": "q"}
            if i > 0:
                o["aligned_to"] = {"objective": f"o{i - 1}", "how": "cascaded"}
            doc["objectives"].append(o)
    if "title_bytes" in spec:
        doc["objectives"] = [{"id": "o0", "title": "a" * int(spec["title_bytes"]), "team": "t", "cycle": "q"}]
    return doc


NON_FINITE = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def set_pointer(doc: Any, pointer: str, value: float) -> None:
    parts = pointer.lstrip("/").split("/")
    node = doc
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def run_document(inp: dict[str, Any]) -> None:
    if "text" in inp:
        okrkit.load(inp["text"]) if inp["text"].lstrip().startswith("{") else okrkit.Org.from_json(inp["text"])
        return
    if "bytes_base64" in inp:
        okrkit.load(base64.b64decode(inp["bytes_base64"]))
        return
    doc = generated(inp["generate"]) if "generate" in inp else inp["json"]
    for inj in inp.get("inject", []):
        set_pointer(doc, inj["pointer"], NON_FINITE[inj["value"]])
    okrkit.Org(doc)


def run_ledger(inp: dict[str, Any]) -> None:
    if "text" in inp:
        okrkit.Ledger.from_jsonl(inp["text"])
        return
    ledger = okrkit.Ledger()
    *setup, last = inp["steps"]
    for step in setup:
        apply_step(ledger, step)
    before = ledger.to_jsonl()
    try:
        apply_step(ledger, last)
    finally:
        assert ledger.to_jsonl() == before, "a refused step changed the ledger"


def run_table(inp: dict[str, Any]) -> None:
    okrkit.read_table(base64.b64decode(inp["bytes_base64"]))


RUNNERS = {"ledger": run_ledger, "table": run_table}


@pytest.mark.parametrize("path", list(vector_params("bad")))
def test_bad_input(path: Path) -> None:
    v = load_vector(path)
    run = RUNNERS.get(v.get("target"), run_document)
    code = v["expected_code"]
    if code is None:
        run(v["input"])
        return
    with pytest.raises(okrkit.OkrError) as info:
        run(v["input"])
    err = info.value
    assert isinstance(err, Exception)
    codes = [err.code] + [p.code for p in err.problems]
    if code not in codes and v["input"].get("inject"):
        # A NaN or infinity set natively never reaches the core's typed model in
        # Python: the boundary refuses it first with `not_finite`, at the
        # injected element's path (Rust, which injects into the typed model,
        # may classify it further, e.g. an infinite weight as invalid_weight).
        pointers = [pointer_path(i["pointer"]) for i in v["input"]["inject"]]
        assert err.code == "not_finite" and err.path in pointers, f"{path.stem}: {codes} at {err.path}"
        return
    assert code in codes, f"{path.stem}: expected {code}, got {codes}: {err}"


def pointer_path(pointer: str) -> str:
    """/objectives/0/key_results/1/weight -> objectives[0].key_results[1].weight"""
    out = ""
    for part in pointer.lstrip("/").split("/"):
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def test_ledger_queries_read_a_moment_as_before() -> None:
    """The generated query methods hand `as_of` to the core as text: a
    datetime is its instant (naive = UTC), a date or "YYYY-MM-DD" the whole day,
    as the hand-written method read them; numpy's int reads as an int."""
    ledger = build_ledger("dependencies", load_vector(VECTORS / "ledger" / "dependencies.json"))
    instant = ledger.waiting_dependencies("2026-01-15T09:00:00Z")
    assert [w["age_days"] for w in instant] == [6, 3, 4]
    assert ledger.waiting_dependencies(dt.datetime(2026, 1, 15, 9)) == instant
    assert ledger.waiting_dependencies(dt.datetime(2026, 1, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))) == instant
    day = ledger.waiting_dependencies(dt.date(2026, 1, 15))
    assert day == ledger.waiting_dependencies("2026-01-15") == ledger.waiting_dependencies(dt.datetime(2026, 1, 15, 23, 59, 59, 999999))
    assert day != instant  # the whole day: later than 09:00
    assert ledger.waiting_dependencies("2026-01-15", longer_than_days=3) == [w for w in day if w["age_days"] > 3]
    np = pytest.importorskip("numpy")
    assert ledger.waiting_dependencies("2026-01-15", np.int64(3)) == [w for w in day if w["age_days"] > 3]
    assert ledger.proposals() == ledger.proposals(open_only=False)
    assert ledger.is_signed is False and type(ledger).is_signed.__doc__
