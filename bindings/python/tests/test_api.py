"""The Pythonic surface: loading, results, enums, dates, the classifier, CSV, the ledger."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import okrkit
from okrkit import Band, PaceStatus, Severity, StatementKind
from test_errors import doc

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"


def test_load_every_way() -> None:
    path = DATA / "org.json"
    text = path.read_text()
    a = okrkit.load(path)
    b = okrkit.load(str(path))
    c = okrkit.load(text)
    d = okrkit.load(json.loads(text))
    e = okrkit.load(text.encode())
    f = okrkit.Org.from_dict(json.loads(text))
    g = okrkit.Document.from_json(text).org()
    for org in (b, c, d, e, f, g):
        assert org.to_dict() == a.to_dict()
    assert okrkit.load(a) is a
    assert repr(a).startswith("Org(cycles=2")
    assert a.key_result_count == 14
    assert okrkit.Document(a.to_dict()) == a.document


def test_progress_report_surface() -> None:
    org = okrkit.load(DATA / "org.json")
    r = org.progress(as_of=dt.date(2026, 2, 15))
    assert r.as_of == dt.date(2026, 2, 15)
    assert r == r or True
    assert org.progress(as_of="2026-02-15").to_dict() == r.to_dict()
    assert org.progress(as_of=dt.datetime(2026, 2, 15, 23, 0)).to_dict() == r.to_dict()
    assert r.milestones == okrkit.MilestonePolicy.LEAVE_OUT
    assert len(r) == len(r.objectives) == 7
    first = r.objectives[0]
    assert r.objective(first["objective"]) == first
    assert r.objective("nope") is None
    assert first["pace"]["status"] in set(PaceStatus)
    assert set(r.tables) == {"objectives", "key_results", "teams", "cycles"}
    rows = r.rows("key_results")
    assert list(rows[0]) == [c for c, _, _ in okrkit.table_schema("progress.key_results")]
    assert "ProgressReport(as_of=2026-02-15" in repr(r)
    one_cycle = org.progress(cycle="2026-Q2")
    assert {o["cycle"] for o in one_cycle.objectives} == {"2026-Q2"}
    counted = org.progress(milestones=okrkit.MilestonePolicy.COUNT_AS_IMPORTED)
    assert counted.milestones == "count_as_imported"
    over = org.progress_over([dt.date(2026, 1, 15), "2026-02-15"], cycle="2026-Q1")
    assert over[1].to_dict() == org.progress(as_of="2026-02-15", cycle="2026-Q1").to_dict()


def test_seed_004_blended_story() -> None:
    blended = okrkit.load(DATA / "checkout_blended.json")
    default = blended.progress(as_of="2026-02-15").objectives[0]
    counted = blended.progress(as_of="2026-02-15", milestones="count_as_imported").objectives[0]
    assert default["left_out"] == 2 and counted["milestones_counted"]
    assert default["progress"] != counted["progress"]
    codes = okrkit.lint(blended).codes()
    assert "milestone_key_result" in codes


def test_lint_options_and_enums() -> None:
    org = okrkit.load(DATA / "org.json")
    r = org.lint(as_of="2026-03-20")
    assert r.errors + r.warnings + r.infos == len(r) == len(r.findings)
    assert {f["severity"] for f in r.findings} <= set(Severity)
    off = org.lint(as_of="2026-03-20", rules={c: "off" for c in r.codes()})
    assert len(off) == 0
    loud = org.lint(rules={"key_result_without_responsible": okrkit.RuleLevel.ERROR})
    assert loud.has_errors == ("key_result_without_responsible" in loud.codes())
    # An invalid document still lints (its problems become findings).
    bad = doc()
    bad["objectives"][0]["team"] = "nobody"
    assert okrkit.lint(bad).has_errors
    assert okrkit.validate(bad)[0].code == "dangling_reference"
    assert okrkit.validate(doc()) == []


def test_scores_and_health() -> None:
    org = okrkit.load(DATA / "org.json")
    scores = org.score_all()
    assert [s.cycle for s in scores] == org.cycles
    for o in scores[0].objectives:
        assert o["band"] is None or o["band"] in set(Band)
    assert okrkit.calibrate(scores) == org.calibrate()
    h = org.health("2026-Q1", as_of="2026-02-15", stale_after_days=7)
    assert h.as_of == dt.date(2026, 2, 15) and h.cycle == "2026-Q1"
    assert h.organisation["team"] is None
    assert "score" not in json.dumps(h.organisation.get("people", {}))  # R6: nobody is scored


def test_classifier() -> None:
    c = okrkit.classify("Checkout conversion rate > 65%", structure="metric")
    assert c.kind is StatementKind.OUTCOME and c.is_outcome
    assert c.kind == "outcome" and str(c.kind) == "outcome"
    out = okrkit.classify("Integrate sign-in via Amazon", structure=okrkit.StructureHint.MILESTONE)
    assert out.kind is StatementKind.OUTPUT and out.suggestion
    assert isinstance(out.signals, list) and out.to_dict()["kind"] == "output"
    custom = okrkit.Classifier(output_verbs=["frobnicate"])
    assert custom.classify("Frobnicate the widget").kind == StatementKind.OUTPUT
    again = okrkit.Classifier(vocabulary=custom.vocabulary())
    assert again.vocabulary() == custom.vocabulary()
    assert "Classifier(" in repr(custom)
    many = custom.classify_many(["Reduce churn from 4% to 2.5%", "Hold 5 customer interviews"])
    assert [m.text for m in many] == ["Reduce churn from 4% to 2.5%", "Hold 5 customer interviews"]


def test_generate_is_deterministic() -> None:
    a = okrkit.generate(key_results=40, objectives=10, teams=3, check_ins=100)
    b = okrkit.generate(key_results=40, objectives=10, teams=3, check_ins=100)
    assert a == b and a.to_json() == b.to_json()
    assert okrkit.generate(scaled=100).org().key_result_count == 100
    assert "key_results=40" in repr(a)
    with pytest.raises(okrkit.InvalidArgument):
        okrkit.generate(key_results=10**12)


def test_generate_refuses_what_it_would_silently_change() -> None:
    """r15 finding 12: 0 teams, objectives or cycles made 1 (`invalid_value`
    at the option now), and `scaled=-5` was a bare OverflowError."""
    for key in ("teams", "objectives", "cycles"):
        with pytest.raises(okrkit.InvalidArgument) as info:
            okrkit.generate(**{key: 0})
        assert (info.value.code, info.value.path) == ("invalid_value", key)
        assert "at least 1" in str(info.value)
    assert okrkit.generate(key_results=0, check_ins=0).org().key_result_count == 0
    for bad in (-5, 1.5, "3"):
        with pytest.raises(okrkit.InvalidArgument) as info:
            okrkit.generate(scaled=bad)
        assert (info.value.code, info.value.path) == ("parse_error", "scaled")


CSV = """objective,objective_title,team,cycle,key_result,title,type,baseline,target,current,unit,weight,responsible
o1,World-class checkout,web,2026-Q1,kr1,Checkout conversion > 65%,metric,55,65,58,%,2,mara
o1,World-class checkout,web,2026-Q1,kr2,Build a cart reminder tool,milestone,,,,,,
"""


def test_csv(tmp_path: Path) -> None:
    org = okrkit.load_csv(CSV)
    p = tmp_path / "export.csv"
    p.write_text(CSV)
    assert okrkit.load(p).to_dict() == org.to_dict() == okrkit.load_csv(str(p)).to_dict()
    o = org.progress().objectives[0]
    assert o["progress"] == (58 - 55) / (65 - 55)
    assert o["left_out"] == 1
    with pytest.raises(okrkit.ValidationError) as info:
        okrkit.load_csv(CSV.replace(",58,", ",NaN,"))
    assert info.value.problems[0].code == "not_finite" and info.value.problems[0].path == "rows[0].current"


def test_ledger_flow() -> None:
    ledger = okrkit.Ledger()
    ana, bo = okrkit.Actor("ana", "web"), okrkit.Actor("bo", "shop")
    t0 = dt.datetime(2026, 1, 2, 9, tzinfo=dt.timezone.utc)
    ledger.import_document(t0, ana, doc(), roles={"members": [{"team": "web", "person": "ana"}, {"team": "shop", "person": "bo"}]})
    ledger.propose_set(t0 + dt.timedelta(days=1), ana, "web", "q1")
    # The enum's own member (a str too), as every enum answer (generated `_ledger.py`).
    assert ledger.set_status("web", "q1") is okrkit.SetStatus.PROPOSED
    ledger.agree(t0 + dt.timedelta(days=2), bo, "web", "q1")
    p = ledger.propose_change("2026-02-01T09:00:00Z", ana, {"kind": "target", "key_result": "kr1", "target": 60.0}, "slipped")
    assert [x["id"] for x in ledger.proposals(open_only=True)] == [p["id"]]
    ledger.accept(dt.datetime(2026, 2, 2, tzinfo=dt.timezone.utc), bo, p["id"])
    ledger.check_in("2026-02-03T09:00:00Z", ana, "kr1", 55.5, confidence=7)
    assert len(ledger) == 6 and ledger.verify()["entries"] == 6
    ledger.verify_head(ledger.head)
    history = ledger.history("kr1")
    assert history.versions[-1]["reason"] == "slipped" and len(history) >= 2
    assert history[-1] == history.versions[-1]
    january = ledger.replay(dt.datetime(2026, 1, 31))
    assert january["objectives"][0]["key_results"][0]["measure"]["target"] == 65.0
    now = ledger.replay(as_org=True)
    assert isinstance(now, okrkit.Org)
    assert now.to_dict()["objectives"][0]["key_results"][0]["measure"]["target"] == 60.0
    assert ledger.org().progress().objectives[0]["key_results"][0]["value"] == 55.5
    back = okrkit.Ledger.from_jsonl(ledger.to_jsonl())
    assert isinstance(back, okrkit.Ledger) and back.head == ledger.head
    assert okrkit.Ledger.from_jsonl(ledger.to_jsonl().encode()).head == ledger.head
    assert len(okrkit.Ledger.from_jsonl("")) == 0 and len(okrkit.Ledger.from_jsonl(" \n")) == 0
    again = okrkit.Ledger.from_entries(ledger.entries)
    assert again.head == ledger.head
    past = ledger.as_of("2026-01-31T00:00:00Z")
    assert isinstance(past, okrkit.Ledger) and len(past) == 3
    assert ledger.renegotiation_counts("q1")[0]["accepted"] == 1
    assert "Ledger(entries=6" in repr(ledger)
    assert ledger.rows()[0]["action"] == "import"
    assert ledger.rows()[0]["at"] == t0


def test_ledger_from_jsonl_reads_a_path(tmp_path: Path) -> None:
    """A path (str or os.PathLike) is read as a file, as load() reads one; a
    missing file is OkrFileNotFoundError (it was a parse error: "expected value")."""
    ledger = okrkit.Ledger()
    ledger.import_document("2026-01-02T09:00:00Z", okrkit.Actor("ana", "web"), doc())
    file = tmp_path / "ledger.jsonl"
    file.write_text(ledger.to_jsonl(), encoding="utf-8")
    for source in (file, str(file)):
        assert okrkit.Ledger.from_jsonl(source).head == ledger.head
    with pytest.raises(okrkit.OkrFileNotFoundError) as missing:
        okrkit.Ledger.from_jsonl(tmp_path / "nope.jsonl")
    assert missing.value.code == "io_error" and isinstance(missing.value, FileNotFoundError)


def test_vocabulary_dict_adds_unless_replace() -> None:
    english = okrkit.Classifier().vocabulary()
    added = okrkit.Classifier(vocabulary={"metric_nouns": ["bookings"]}).vocabulary()
    assert "bookings" in added["metric_nouns"] and set(english["metric_nouns"]) <= set(added["metric_nouns"])
    assert added["output_verbs"] == english["output_verbs"]
    replaced = okrkit.Classifier(vocabulary={"metric_nouns": ["bookings"], "replace": True}).vocabulary()
    assert replaced["metric_nouns"] == ["bookings"]
    assert replaced["output_verbs"] == english["output_verbs"]
    # What vocabulary() returns reads back as the same vocabulary.
    assert okrkit.Classifier(vocabulary=replaced).vocabulary() == replaced


@pytest.mark.parametrize(
    "bad",
    [{"metric_noun": ["x"]}, {"outcome_hints": [{"triggers": ["x"], "outcome": "y", "extra": 1}]}],
)
def test_vocabulary_unknown_key_is_an_error(bad: dict) -> None:
    with pytest.raises(okrkit.InvalidArgument) as e:
        okrkit.Classifier(vocabulary=bad)
    # The core's code for a bad option, as in every binding (tests/vectors/options).
    assert e.value.code == "parse_error"
    assert e.value.path.startswith("vocabulary")
    assert "unknown field" in str(e.value)


def test_not_enough_evidence_and_lazy_explanation() -> None:
    c = okrkit.classify("Be great")
    assert c.kind is StatementKind.UNDETERMINED and c.confidence == 0.5
    assert c.signals == [] and "Not enough evidence" in (c.suggestion or "")
    many = okrkit.Classifier().classify_many(["Publish 8 articles", ""])
    assert [m.kind for m in many] == [StatementKind.OUTPUT, StatementKind.UNDETERMINED]
    one = okrkit.classify("Publish 8 articles")
    assert many[0].to_dict() == one.to_dict() and many[0].signals == one.signals


def test_classify_many_is_a_lazy_read_only_sequence() -> None:
    texts = ["Publish 8 articles", "Checkout conversion rate > 65%", "Be great"]
    c = okrkit.Classifier()
    many = c.classify_many(texts, ["milestone", None, None])
    assert isinstance(many, okrkit.Classifications) and len(many) == 3
    assert repr(many).startswith("Classifications(len=3, [Classification(text=\"Publish 8 articles\", kind=output")
    # Each item is made when read: equal to classify() of the same text, not cached.
    assert many[1].to_dict() == c.classify(texts[1]).to_dict()
    assert many[0].kind is StatementKind.OUTPUT and many[0].signals[0]["code"] == "structure_milestone"
    assert many[-1].text == "Be great" and many[-3].text == texts[0]
    assert many[0] is not many[0] and many[0].to_dict() == many[0].to_dict()
    for bad in (3, -4, 2**70, -(2**70)):
        with pytest.raises(IndexError):  # as a list: never OverflowError
            many[bad]
    for not_an_index in ("0", 1.0, None):
        with pytest.raises(TypeError):
            many[not_an_index]  # type: ignore[call-overload]
    assert many[True].text == texts[1]
    assert [m.text for m in many[::-1]] == texts[::-1] and many[5:] == []
    assert [m.text for m in many[1:3]] == texts[1:3]
    for s in (slice(None, None, 2), slice(2, 0, -1), slice(-1, 0, -2), slice(1, 1)):
        assert [m.text for m in many[s]] == texts[s]
    with pytest.raises(ValueError):
        many[::0]
    empty = c.classify_many([])
    assert len(empty) == 0 and list(empty) == [] and empty[:] == []
    with pytest.raises(IndexError):
        empty[0]
    # Iteration can restart; an exhausted iterator stays exhausted.
    it = iter(many)
    assert [m.text for m in it] == texts and next(it, None) is None and next(it, None) is None
    assert [m.kind for m in many] == c.classify_kinds(texts, ["milestone", None, None])
    with pytest.raises(TypeError):
        many[0] = many[1]  # type: ignore[index]
    # The batch keeps the caller's strings (no copy).
    assert many[2].text is texts[2] and many[2].suggestion


def test_classify_kinds_is_classify_many_kind_without_objects() -> None:
    texts = ["Publish 8 articles", "", "Checkout conversion rate > 65%", "Run 12 interviews"]
    structures = [None, None, None, "metric"]
    c = okrkit.Classifier()
    kinds = c.classify_kinds(texts, structures)
    assert kinds == [m.kind for m in c.classify_many(texts, structures)]
    # The enum's own members, not copies.
    assert kinds[0] is StatementKind.OUTPUT and kinds[1] is StatementKind.UNDETERMINED
    assert kinds[2] is StatementKind.OUTCOME
    assert c.classify_kinds([]) == []
    with pytest.raises(okrkit.InvalidArgument) as e:
        c.classify_kinds(["a", "b"], ["metric", "bogus"])
    assert e.value.code == "parse_error" and e.value.path == "structures[1]"
    with pytest.raises(okrkit.InvalidArgument) as e:
        c.classify_kinds(["a", "b"], ["metric"])
    assert e.value.path == "structures"


def test_one_structure_hint_for_every_statement() -> None:
    # As Node's and Kotlin/Swift's batch calls: `structure` for all, or
    # `structures` one each, not both (the core's hints_for).
    texts = ["Reach 40k monthly readers", "Run 12 customer interviews"]
    c = okrkit.Classifier()
    each = c.classify_kinds(texts, ["milestone", "milestone"])
    assert c.classify_kinds(texts, structure="milestone") == each
    assert [m.kind for m in c.classify_many(texts, structure="milestone")] == each
    assert each == [StatementKind.OUTPUT, StatementKind.OUTPUT]
    table = okrkit.classify_many(texts, frame="table", structure="milestone")
    assert table.to_csv() == okrkit.classify_many(texts, frame="table", structures=["milestone"] * 2).to_csv()
    assert table.to_csv() != okrkit.classify_many(texts, frame="table").to_csv()
    with pytest.raises(okrkit.InvalidArgument) as e:
        c.classify_many(texts, ["metric", None], structure="metric")
    assert (e.value.code, e.value.path) == ("invalid_value", "structures")
    with pytest.raises(okrkit.InvalidArgument) as e:
        c.classify_kinds(texts, structure="bogus")
    assert (e.value.code, e.value.path) == ("parse_error", "structure")


def test_progress_team_filter() -> None:
    org = okrkit.load(DATA / "org.json")
    everything = org.progress(as_of="2026-02-15")
    web = org.progress(as_of="2026-02-15", team="web")
    assert web.objectives and {o["team"] for o in web.objectives} == {"web"}
    assert list(web.objectives) == [o for o in everything.objectives if o["team"] == "web"]
    with pytest.raises(okrkit.InvalidArgument) as e:
        org.progress(team="no-such-team")
    assert e.value.code == "dangling_reference" and e.value.path == "team"
