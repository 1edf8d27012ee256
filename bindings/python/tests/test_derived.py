"""Issue 17: the binding derived from the core — one shape, one meaning,
nothing silently ignored. Each test here failed before the change."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import okrkit
from okrkit import InvalidArgument, OkrFileNotFoundError, enums
from test_errors import doc

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "crates" / "okrkit" / "schema" / "okrkit.schema.json"
SURFACE = REPO / "tests" / "vectors" / "surface" / "operations.json"
UTC = dt.timezone.utc


def flow_ledger() -> okrkit.Ledger:
    """Import, agree, one accepted renegotiation, a check-in on 2026-02-05 at 15:00 UTC."""
    ledger = okrkit.Ledger()
    ana, bo = okrkit.Actor("ana", "web"), okrkit.Actor("bo", "shop")
    t0 = dt.datetime(2026, 1, 2, 9, tzinfo=UTC)
    members = {"members": [{"team": "web", "person": "ana"}, {"team": "shop", "person": "bo"}]}
    ledger.import_document(t0, ana, doc(), roles=members)
    ledger.propose_set(t0 + dt.timedelta(days=1), ana, "web", "q1")
    ledger.agree(t0 + dt.timedelta(days=2), bo, "web", "q1")
    p = ledger.propose_change("2026-02-01T09:00:00Z", ana, {"kind": "target", "key_result": "kr1", "target": 60.0}, "slipped")
    ledger.accept("2026-02-02T09:00:00Z", bo, p["id"])
    ledger.check_in("2026-02-05T15:00:00Z", ana, "kr1", 55.5)
    return ledger


# ------------------------------------------------------------ shapes come from the core


def schema_defs() -> dict[str, Any]:
    defs: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    return defs


def unit_enums() -> dict[str, list[str]]:
    out = {}
    for name, d in schema_defs().items():
        if "enum" in d:
            out[name] = d["enum"]
        elif "oneOf" in d and all("const" in v and "properties" not in v for v in d["oneOf"]):
            out[name] = [v["const"] for v in d["oneOf"]]
    return out


def test_every_core_enum_is_a_python_str_enum_with_the_cores_values() -> None:
    core = unit_enums()
    assert {"PaceStatus", "RuleCode", "ProblemCode", "RefusalCode", "SignalCode", "DependencyStatus"} <= set(core)
    for name, values in core.items():
        py = getattr(okrkit, name)
        assert issubclass(py, enums.StrEnum), name
        assert [m.value for m in py] == values, name


def test_typed_dicts_mirror_the_cores_shapes() -> None:
    from okrkit import _types

    for name in ("ProgressReport", "ObjectiveProgress", "LintConfig", "HealthOptions", "Entry"):
        td = getattr(_types, name)
        assert set(td.__annotations__) == set(schema_defs()[name]["properties"]), name
    report = okrkit.load(doc()).progress().to_dict()
    assert set(report) <= set(_types.ProgressReport.__annotations__)


def test_the_surface_vector_is_exposed() -> None:
    surface = json.loads(SURFACE.read_text(encoding="utf-8"))
    missing_ok = surface["missing"]["python"]
    for op in surface["operations"]:
        owner = okrkit if op["owner"] == "" else getattr(okrkit, op["owner"])
        key = f"{op['owner']}.{op['name']}" if op["owner"] else op["name"]
        if key in missing_ok:
            assert missing_ok[key], f"{key}: a gap needs its reason"
            continue
        assert callable(getattr(owner, op["name"], None)) or isinstance(
            getattr(type(owner), op["name"], None), property
        ) or hasattr(owner, op["name"]), f"okrkit: {key} is missing"


def test_test_hooks_are_not_public_api() -> None:
    assert not hasattr(okrkit, "_bench_progress")
    assert "_bench_progress" not in dir(okrkit._okrkit)
    assert "_testing" not in okrkit._okrkit.__all__
    org = okrkit.load(doc())
    assert okrkit._okrkit._testing.bench_progress(org, 2) >= 0.0


# ------------------------------------------------------------ results are values


def big_report() -> okrkit.ProgressReport:
    org = okrkit.generate(teams=25, objectives=2500, key_results=2500, check_ins=0, cycles=1).org()
    return org.progress()


def test_list_properties_are_built_once() -> None:
    report = big_report()
    assert len(report.objectives) == 2500
    first = report.objectives
    # 20 reads give the very same (immutable) sequence: a loop over it is
    # linear, not quadratic.
    assert all(report.objectives is first for _ in range(20))
    assert report.teams is report.teams and report.cycles is report.cycles
    lint = okrkit.lint(doc())
    assert lint.findings is lint.findings
    org = okrkit.load(okrkit.generate())
    score = org.score_cycle(org.cycles[0])
    assert score.objectives is score.objectives and score.teams is score.teams
    health = org.health(org.cycles[0])
    assert health.teams is health.teams and health.organisation is health.organisation
    history = flow_ledger().history("kr1")
    assert history.versions is history.versions


def test_results_and_orgs_pickle_and_compare_by_value() -> None:
    org = okrkit.load(okrkit.generate())
    cycle = org.cycles[0]
    values: list[Any] = [
        org,
        org.document,
        org.progress(as_of="2026-02-15"),
        org.lint(),
        okrkit.lint(doc()),
        okrkit.lint(okrkit.Document(doc())),
        org.score_cycle(cycle),
        org.health(cycle),
        flow_ledger().history("kr1"),
    ]
    for v in values:
        back = pickle.loads(pickle.dumps(v))
        assert type(back) is type(v)
        assert back == v, type(v).__name__
        assert back.to_json() == v.to_json()
    # Equal by value, not identity; different values differ.
    assert org.progress(as_of="2026-02-15") == org.progress(as_of="2026-02-15")
    assert org.progress(as_of="2026-02-15") != org.progress(as_of="2026-01-15")
    assert okrkit.load(okrkit.generate()) == org
    assert okrkit.load(okrkit.generate(seed=7)) != org
    assert org.progress() != org.lint()


def test_unpickling_garbage_is_a_typed_error() -> None:
    with pytest.raises(InvalidArgument):
        okrkit._okrkit._from_state("ProgressReport", "{}")
    with pytest.raises(InvalidArgument):
        okrkit._okrkit._from_state("Nope", "{}")


# ------------------------------------------------------------ paths, numpy


@pytest.mark.parametrize("as_path", [str, Path])
def test_validate_and_lint_read_what_load_reads(tmp_path: Path, as_path: Any) -> None:
    good = tmp_path / "org.json"
    good.write_text(json.dumps(doc()), encoding="utf-8")
    assert okrkit.validate(as_path(good)) == []
    assert okrkit.lint(as_path(good)) == okrkit.lint(doc())
    bad = doc()
    bad["objectives"][0]["team"] = "nobody"
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    assert [p.code for p in okrkit.validate(as_path(tmp_path / "bad.json"))] == ["dangling_reference"]
    from test_api import CSV

    csv = tmp_path / "org.csv"
    csv.write_text(CSV)
    assert okrkit.validate(as_path(csv)) == okrkit.load(as_path(csv)).document.validate()
    with pytest.raises(OkrFileNotFoundError) as info:
        okrkit.validate(as_path(tmp_path / "missing.json"))
    assert isinstance(info.value, FileNotFoundError) and info.value.code == "io_error"


def test_numpy_scalars_are_numbers() -> None:
    np = pytest.importorskip("numpy")
    ledger = flow_ledger()
    entry = ledger.check_in("2026-02-06T09:00:00Z", okrkit.Actor("ana", "web"), "kr1", np.float64(57.25), confidence=np.int64(6))
    assert entry["action"]["value"] == 57.25 and entry["action"]["confidence"] == 6
    report = okrkit.lint(doc(), as_of="2026-02-15", stale_after_days=np.int64(3), max_key_results_per_objective=np.int64(1))
    assert report == okrkit.lint(doc(), as_of="2026-02-15", stale_after_days=3, max_key_results_per_objective=1)
    d = doc()
    d["objectives"][0]["key_results"][0]["measure"]["target"] = np.float64(70.5)
    assert okrkit.load(d).to_dict()["objectives"][0]["key_results"][0]["measure"]["target"] == 70.5
    assert len(okrkit.generate(teams=np.int64(3), objectives=np.int64(6)).to_dict()["teams"]) >= 3
    # A numpy date (a cell of a date column) is a date; a day-unit one means the whole day.
    org = ledger.org()
    assert org.progress(as_of=np.datetime64("2026-02-05")) == org.progress(as_of="2026-02-05")
    assert ledger.replay(np.datetime64("2026-02-05")) == ledger.replay("2026-02-05")
    assert ledger.replay(np.datetime64("2026-02-05T14:00:00", "us"))["check_ins"] == []


def test_importing_okrkit_needs_no_numpy() -> None:
    code = "import sys; sys.modules['numpy'] = None; import okrkit; print(okrkit.load(okrkit.generate()).key_result_count)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


# ------------------------------------------------------------ a date is the whole day


def test_replay_of_a_date_is_the_whole_day() -> None:
    ledger = flow_ledger()
    value = lambda d: d["check_ins"][-1]["value"] if d["check_ins"] else None  # noqa: E731
    # The check-in at 15:00 on 2026-02-05 is in "as of 2026-02-05", as in progress.
    assert value(ledger.replay("2026-02-05")) == 55.5
    assert value(ledger.replay(dt.date(2026, 2, 5))) == 55.5
    assert value(ledger.replay("2026-02-04")) is None
    assert len(ledger.as_of("2026-02-05")) == len(ledger) and len(ledger.as_of(dt.date(2026, 2, 4))) == len(ledger) - 1
    # A time is that instant.
    assert value(ledger.replay("2026-02-05T14:59:59Z")) is None
    assert value(ledger.replay(dt.datetime(2026, 2, 5, 15, tzinfo=UTC))) == 55.5
    org = ledger.org()
    assert org.progress(as_of="2026-02-05").objectives[0]["key_results"][0]["value"] == 55.5
    with pytest.raises(InvalidArgument) as info:
        ledger.replay("05/02/2026")
    assert (info.value.code, info.value.path) == ("parse_error", "at")


# ------------------------------------------------------------ options are the core's, whole


def test_ledger_lint_health_retrospectives() -> None:
    ledger = flow_ledger()
    counts = {f["code"] for f in ledger.lint(max_renegotiations_per_cycle=0).findings}
    assert "renegotiated_often" in counts or any("renegotiat" in c for c in counts), counts
    assert not any("renegotiat" in f["code"] for f in ledger.lint().findings)
    health = ledger.health("q1", as_of="2026-02-10")
    assert isinstance(health, okrkit.HealthReport) and health.cycle == "q1"
    assert health.to_dict()["organisation"]["renegotiations"]["accepted"] == 1
    assert ledger.retrospectives() == []
    with pytest.raises(InvalidArgument) as info:
        ledger.lint(asof="2026-02-01")
    assert info.value.path == "asof"


def test_dependency_answer_days_is_read() -> None:
    ledger = flow_ledger()
    ledger.request_dependency("2026-02-06T09:00:00Z", okrkit.Actor("ana", "web"), "shop", "a payment API", "o1")
    late = {f["code"] for f in ledger.lint(as_of="2026-02-20", dependency_answer_days=3).findings}
    patient = {f["code"] for f in ledger.lint(as_of="2026-02-20", dependency_answer_days=60).findings}
    assert late - patient, (late, patient)


@pytest.mark.parametrize(
    "options, path",
    [
        ({"asof": "2026-01-01"}, "asof"),
        ({"maxObjectives": 3}, "maxObjectives"),
        ({"rules": {"stale_key_results": "off"}}, "rules"),
        ({"stale_after_days": "soon"}, "stale_after_days"),
    ],
)
def test_misspelt_options_are_refused(options: dict[str, Any], path: str) -> None:
    org = okrkit.load(doc())
    for call in (lambda: okrkit.lint(doc(), **options), lambda: org.lint(**options), lambda: flow_ledger().lint(**options)):
        with pytest.raises(InvalidArgument) as info:
            call()
        assert info.value.path.startswith(path), (info.value.path, path)


def test_progress_and_health_options_are_the_cores() -> None:
    org = okrkit.load(doc())
    with pytest.raises(InvalidArgument) as info:
        org.progress(asof="2026-01-01")
    assert info.value.path == "asof"
    with pytest.raises(InvalidArgument):
        org.progress(milestones="skip")
    with pytest.raises(InvalidArgument):
        org.health("q1", stale_afterdays=3)
    assert org.progress(milestones=okrkit.MilestonePolicy.COUNT_AS_IMPORTED).milestones == "count_as_imported"
    assert org.progress(cycle="q1") == org.progress()
    with pytest.raises(InvalidArgument) as info:
        org.progress(cycle="no-such-cycle")
    assert (info.value.code, info.value.path) == ("dangling_reference", "cycle")
    # The defaults are the core's: no option is the same as the core's default values.
    assert okrkit.lint(doc()) == okrkit.lint(doc(), max_key_results_per_objective=5, max_objectives_per_team_cycle=5)
    at = "2026-02-15"
    assert okrkit.lint(doc(), as_of=at) == okrkit.lint(doc(), as_of=at, stale_after_days=14)


def test_stale_after_days_without_as_of_is_refused_not_ignored() -> None:
    # Before: the option was read and then never used (the stale rule needs a
    # date). Ledger.lint reads its options the same way; health is unchanged
    # (no as_of is the cycle's last day).
    org = okrkit.load(doc())
    calls = (
        lambda: org.lint(stale_after_days=7),
        lambda: okrkit.lint(doc(), as_of=None, stale_after_days=7),
        lambda: flow_ledger().lint(stale_after_days=7),
    )
    for call in calls:
        with pytest.raises(InvalidArgument) as info:
            call()
        assert (info.value.code, info.value.path) == ("invalid_value", "stale_after_days")
    assert org.lint(as_of="2026-02-15", stale_after_days=7) is not None
    assert org.health("q1", stale_after_days=7) is not None


def test_generate_options_are_the_cores() -> None:
    assert okrkit.generate() == okrkit.generate(seed=42, teams=10, objectives=50, key_results=200, check_ins=2000, cycles=2)
    with pytest.raises(InvalidArgument) as info:
        okrkit.generate(teamz=3)
    assert info.value.path == "teamz"
    # With scaled=N an option given is used, not silently dropped.
    scaled = okrkit.generate(scaled=400).to_dict()
    assert okrkit.generate(scaled=400, seed=42).to_dict() == scaled
    assert okrkit.generate(scaled=400, seed=7).to_dict() != scaled  # 42 is the default: this one can fail
    assert len(okrkit.generate(scaled=400, teams=3).to_dict()["teams"]) == 3 != len(scaled["teams"])
    with pytest.raises(InvalidArgument) as info:
        okrkit.generate(check_ins=10**9)
    assert info.value.code == "too_large"


def test_a_caller_sorting_or_editing_a_list_view_does_not_change_later_reads() -> None:
    # Before: report.objectives was one cached list; sorting it in place, or
    # appending to it, changed what every later read returned.
    report = okrkit.load(doc()).progress()
    before = [o["objective"] for o in report.objectives]
    objectives = report.objectives
    assert isinstance(objectives, tuple)
    with pytest.raises(AttributeError):
        objectives.sort(key=lambda o: o["progress"])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        objectives.append({})  # type: ignore[attr-defined]
    mine = sorted(report.objectives, key=lambda o: -o["progress"])
    mine.append({"objective": "mine"})
    mine_too = list(report.objectives)
    mine_too.clear()
    assert [o["objective"] for o in report.objectives] == before
    # Every cached list view is a tuple, and still equal by value to the data.
    lint = okrkit.lint(doc())
    assert isinstance(lint.findings, tuple) and list(lint.findings) == lint.to_dict()["findings"]
    assert list(report.objectives) == report.to_dict()["objectives"]


def bad_option_cases() -> list[dict[str, Any]]:
    vector = json.loads((REPO / "tests" / "vectors" / "options" / "bad_options.json").read_text())
    return vector["cases"]


@pytest.mark.parametrize("case", bad_option_cases(), ids=lambda c: f"{c['operation']}-{next(iter(c['options']))}")
def test_bad_options_have_the_cores_code_and_path(case: dict[str, Any]) -> None:
    # Before: code invalid_value in Python, parse_error in Node. Now the core's
    # parse_error (okrkit::options::from_value) everywhere, at the key's path.
    org = okrkit.load(doc())
    calls = {
        "progress": lambda o: org.progress(**o),
        "lint": lambda o: org.lint(**o),
        "health": lambda o: org.health("q1", **o),
        "generate": lambda o: okrkit.generate(**o),
    }
    with pytest.raises(InvalidArgument) as info:
        calls[case["operation"]](case["options"])
    assert (info.value.code, info.value.path) == (case["code"], case["path"]), str(info.value)


def test_progress_series_milestones_are_read_by_the_core() -> None:
    org = okrkit.load(doc())
    default = okrkit.progress_series(org, "q1").rows()
    assert default and okrkit.progress_series(org, "q1", milestones="leave_out").rows() == default
    counted = okrkit.progress_series(org, "q1", milestones=okrkit.MilestonePolicy.COUNT_AS_IMPORTED)
    assert len(counted.rows()) == len(default)
    with pytest.raises(InvalidArgument) as info:
        okrkit.progress_series(org, "q1", milestones="sometimes")
    assert (info.value.code, info.value.path) == ("parse_error", "milestones")
    assert "count_as_imported" in str(info.value)  # the core's serde names the policies


# ------------------------------------------------------------ one reading of dates, one list of names


def test_date_and_moment_arguments_each_keep_their_rule() -> None:
    """`as_of` (a day), the `at` of an action (an instant: a datetime or
    strict RFC 3339 text, a date refused) and the `at` of a query (a date is
    the whole day) read a date, a datetime or text through one conversion
    (src/convert.rs `when`), each with its own rule and error."""
    org = okrkit.load(doc())
    late = dt.datetime(2026, 2, 5, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
    assert org.progress(as_of=late).as_of == dt.date(2026, 2, 6)  # its UTC date
    assert org.progress(as_of="2026-02-06T01:30:00+00:00").as_of == dt.date(2026, 2, 6)
    with pytest.raises(InvalidArgument, match="expected a datetime.date or an ISO date string") as e:
        org.progress(as_of=3)
    assert (e.value.code, e.value.path) == ("parse_error", "as_of")

    ledger = flow_ledger()
    ana = okrkit.Actor("ana", "web")
    # An event's time is an instant: a date alone is refused, as a date
    # object or as text (it was midnight as an object and refused as text).
    for day in (dt.date(2026, 2, 6), "2026-02-07"):
        with pytest.raises(InvalidArgument, match="is a date, and an entry's time is an instant") as e:
            ledger.check_in(day, ana, "kr1", 56.0)
        assert (e.value.code, e.value.path) == ("parse_error", "at")
    entry = ledger.check_in(dt.datetime(2026, 2, 6, tzinfo=UTC), ana, "kr1", 56.0)
    assert entry["at"].startswith("2026-02-06T00:00:00")

    assert ledger.replay(dt.date(2026, 2, 5))["check_ins"] != []  # the whole day
    assert ledger.replay(dt.datetime(2026, 2, 5, 14, tzinfo=UTC))["check_ins"] == []
    with pytest.raises(InvalidArgument, match="expected a datetime.datetime") as e:
        ledger.replay(3)
    assert (e.value.code, e.value.path) == ("parse_error", "at")


def test_an_entry_time_reads_the_shared_instant_vector() -> None:
    """tests/vectors/options/instant.json: Rust, Python and Node read an
    entry's time alike (the core's parse_instant)."""
    vector = json.loads((REPO / "tests" / "vectors" / "options" / "instant.json").read_text(encoding="utf-8"))
    ledger = flow_ledger()
    ana = okrkit.Actor("ana", "web")
    for case in vector["accepted"]:
        entry = ledger.check_in(case["at"], ana, "kr1", 56.0)
        got = dt.datetime.fromisoformat(entry["at"].replace("Z", "+00:00"))
        assert got == dt.datetime.fromisoformat(case["utc"].replace("Z", "+00:00")), case
    before = ledger.to_jsonl()
    for text in vector["refused"]:
        with pytest.raises(InvalidArgument) as e:
            ledger.check_in(text, ana, "kr1", 57.0)
        assert (e.value.code, e.value.path) == ("parse_error", "at"), text
    assert ledger.to_jsonl() == before


def test_a_list_of_dates_names_the_missing_one() -> None:
    """`progress_over` needs every date (`invalid_value` at `dates[i]`); a
    chart series leaves a None out."""
    org = okrkit.load(doc())
    with pytest.raises(InvalidArgument) as e:
        org.progress_over(["2026-02-01", None])
    assert (e.value.code, e.value.path) == ("invalid_value", "dates[1]")
    with pytest.raises(InvalidArgument) as e:
        org.progress_over(["2026-02-01", "Feb 2"])
    assert (e.value.code, e.value.path) == ("parse_error", "dates[1]")
    assert len(okrkit.progress_series(org, "q1", dates=["2026-02-01", None])) == 1


def test_the_package_exports_the_native_module_and_its_own_names() -> None:
    """`okrkit.__all__` (a list kept by hand, so that type checkers see each
    name with its own type) holds every name of the native module's
    `__all__` and the package's own: each resolves, none twice; `Ledger` is
    the subclass with one method per action, `lint` and `validate` the
    wrappers that read paths, and pickle's `_from_state` stays private."""
    assert len(set(okrkit.__all__)) == len(okrkit.__all__)
    for name in okrkit.__all__:
        assert hasattr(okrkit, name), name
    native = {n for n in okrkit._okrkit.__all__ if not n.startswith("_")}
    assert native <= set(okrkit.__all__)
    assert {"load", "load_csv", "Actor", "plot_progress", "OkrError", "StatementKind"} <= set(okrkit.__all__)
    assert "_from_state" not in okrkit.__all__ and not hasattr(okrkit, "_from_state")
    assert okrkit.Ledger is okrkit._ledger.Ledger and okrkit.Ledger is not okrkit._okrkit.Ledger
    assert okrkit.lint is not okrkit._okrkit.lint and okrkit.validate is not okrkit._okrkit.validate


def test_plain_data_holds_lists_and_dicts_with_sorted_keys() -> None:
    """`to_dict()` gives JSON's shapes: every array a list (a fixed-size
    histogram too, never a tuple) and every object a dict, its keys sorted."""
    org = okrkit.generate(scaled=50).org()

    def walk(value: Any, path: str) -> None:
        assert not isinstance(value, tuple), path
        if isinstance(value, dict):
            assert list(value) == sorted(value), path
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    health = org.health(org.cycles[0]).to_dict()
    assert isinstance(health["organisation"]["score_histogram"], list)
    assert isinstance(health["organisation"]["confidence_histogram"], list)
    for name, data in [
        ("health", health),
        ("document", org.document.to_dict()),
        ("progress", org.progress().to_dict()),
        ("score", [r.to_dict() for r in org.score_all()]),
        ("lint", org.lint().to_dict()),
    ]:
        walk(data, name)
