"""Identities and roles (issue 14) through Python: each attack gets a
``LedgerRefused`` (or ``OkrError``) with its code and the ledger unchanged byte
for byte. The rule-level attacks also run from the shared vector
``tests/vectors/ledger/identity_attacks.json`` (test_vectors.py)."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

import okrkit
from okrkit import InvalidArgument, LedgerRefused, OkrError, TamperedError
from test_errors import doc

ANA, BO, ADM = ("ana", "web"), ("bo", "shop"), ("adm", "shop")


def base() -> dict[str, Any]:
    d = doc()
    d["people"].append({"id": "adm", "name": "Admin"})
    return d


ROLES = {"members": [{"team": "web", "person": "ana"}, {"team": "shop", "person": "bo"}]}


def ledger(**roles: Any) -> tuple[okrkit.Ledger, str]:
    ledger = okrkit.Ledger()
    ledger.import_document(
        "2026-01-02T09:00:00Z",
        ADM,
        base(),
        agreed=[{"team": "web", "cycle": "q1", "agreed_by": "bo"}],
        roles={**ROLES, **roles},
    )
    p = ledger.propose_change("2026-02-01T09:00:00Z", ANA, {"kind": "target", "key_result": "kr1", "target": 60.0}, "slipped")
    return ledger, p["id"]


def refused(ledger: okrkit.Ledger, code: str, act: Callable[[], Any]) -> OkrError:
    before = ledger.to_jsonl()
    with pytest.raises(OkrError) as info:
        act()
    assert info.value.code == code, info.value
    assert ledger.to_jsonl() == before
    return info.value


def test_look_alikes_and_admin_actions() -> None:
    lg, _ = ledger()
    at = "2026-02-02T09:00:00Z"
    err = refused(lg, "not_allowed", lambda: lg.add_person(at, ANA, {"id": "ana2", "name": "Ana 2"}))
    assert isinstance(err, LedgerRefused)
    refused(lg, "not_allowed", lambda: lg.add_member(at, ANA, "shop", "ana"))
    refused(lg, "not_allowed", lambda: lg.grant_admin(at, ANA, "ana"))
    for lookalike in ["Ana", "\u0430na", "ana ", "a\u200bna"]:
        err = refused(lg, "invalid_change", lambda: lg.add_person(at, ADM, {"id": lookalike, "name": "x"}))
        assert "look_alike_id" in str(err) or "invalid_id" in str(err)


def test_only_a_member_of_the_other_side_accepts() -> None:
    lg, p = ledger()
    at = "2026-02-02T09:00:00Z"
    refused(lg, "not_allowed", lambda: lg.accept(at, ANA, p))
    refused(lg, "not_allowed", lambda: lg.accept(at, ("ana", "shop"), p))
    refused(lg, "not_allowed", lambda: lg.accept(at, ADM, p))
    refused(lg, "bad_time", lambda: lg.accept("9999-12-31T23:59:59Z", BO, p))
    refused(lg, "bad_time", lambda: lg.append("2026-02-02T09:10:00Z", BO, {"type": "accept", "proposal": p}, now="2026-02-02T09:00:00Z"))
    lg.accept(at, BO, p)
    assert lg.admins() == ["adm"] and lg.members("shop") == ["bo"]


def test_imported_agreement_needs_who_agreed() -> None:
    lg = okrkit.Ledger()
    refused(lg, "invalid_change", lambda: lg.import_document("2026-01-02T09:00:00Z", ADM, base(), agreed=[{"team": "web", "cycle": "q1"}], roles=ROLES))
    assert len(lg) == 0


def test_owner_never_names_its_approver() -> None:
    lg = okrkit.Ledger()
    d = base()
    d["teams"].append({"id": "pay", "name": "Payments", "parent": "shop"})
    lg.import_document("2026-01-02T09:00:00Z", ADM, d, roles=ROLES)
    refused(lg, "not_allowed", lambda: lg.propose_set("2026-01-03T09:00:00Z", ANA, "web", "q1", approver="pay"))
    refused(lg, "not_allowed", lambda: lg.assign_approver("2026-01-03T09:00:00Z", ADM, "web", "q1", "web"))


def test_negative_zero_survives_a_json_round_trip() -> None:
    lg, _ = ledger()
    lg.check_in("2026-02-03T09:00:00Z", ANA, "kr1", -0.0)
    assert "-0.0" not in lg.to_jsonl()
    entries = [json.loads(line.replace('"value":0.0', '"value":-0')) for line in lg.to_jsonl().splitlines()]
    assert okrkit.Ledger.from_entries(entries).head == lg.head


def test_signed_mode() -> None:
    keys = {p: bytes([i + 1]) * 32 for i, p in enumerate(["ana", "bo", "adm"])}
    roles = {**ROLES, "signed": True, "keys": [{"person": p, "public_key": okrkit.public_key_hex(k)} for p, k in keys.items()]}
    lg = okrkit.Ledger()
    now = "2026-03-01T00:00:00Z"
    imp = {"type": "import", "document": base(), "roles": roles}
    refused(lg, "bad_signature", lambda: lg.append("2026-01-02T09:00:00Z", ADM, imp, now=now))
    lg.append("2026-01-02T09:00:00Z", ADM, imp, now=now, secret_key=keys["adm"])
    assert lg.is_signed
    lg.append("2026-01-03T09:00:00Z", ANA, {"type": "propose_set", "team": "web", "cycle": "q1"}, now=now, secret_key=keys["ana"])
    agree = {"type": "agree", "team": "web", "cycle": "q1"}
    refused(lg, "bad_signature", lambda: lg.append("2026-01-04T09:00:00Z", BO, agree, now=now, secret_key=keys["adm"]))
    refused(lg, "bad_signature", lambda: lg.append("2026-01-04T09:00:00Z", BO, agree, now=now))
    # A key of another length: okrkit's typed error (still a ValueError), as in every binding.
    with pytest.raises(InvalidArgument) as e:
        lg.append("2026-01-04T09:00:00Z", BO, agree, now=now, secret_key=b"short")
    assert (e.value.code, e.value.path) == ("invalid_value", "secret_key")
    assert isinstance(e.value, ValueError)
    with pytest.raises(InvalidArgument, match="32 bytes, not 3"):
        okrkit.public_key_hex(b"abc")
    lg.append("2026-01-04T09:00:00Z", BO, agree, now=now, secret_key=keys["bo"])
    assert okrkit.Ledger.from_jsonl(lg.to_jsonl()).head == lg.head
    forged = lg.entries
    forged[2]["actor"] = {"person": "ana", "team": "shop"}
    with pytest.raises(TamperedError):
        okrkit.Ledger.from_entries(forged)


def test_ledger_lint_reports_a_key_an_admin_replaced() -> None:
    """An admin revokes Bo's key and enrols one the admin holds: allowed, and
    reported by ``ledger.lint()`` at the enrolment entry (the core's rule,
    code ``key_replaced_by_admin``, R4)."""
    keys = {p: bytes([i + 1]) * 32 for i, p in enumerate(["ana", "bo", "adm"])}
    roles = {**ROLES, "signed": True, "keys": [{"person": p, "public_key": okrkit.public_key_hex(k)} for p, k in keys.items()]}
    lg = okrkit.Ledger()
    now = "2026-03-01T00:00:00Z"
    lg.append("2026-01-02T09:00:00Z", ADM, {"type": "import", "document": base(), "roles": roles}, now=now, secret_key=keys["adm"])
    assert not [f for f in lg.lint().findings if f["code"] == "key_replaced_by_admin"]
    lg.append("2026-01-03T09:00:00Z", ADM, {"type": "revoke_key", "person": "bo"}, now=now, secret_key=keys["adm"])
    admins_own = bytes([9]) * 32
    enrol = {"type": "enroll_key", "person": "bo", "public_key": okrkit.public_key_hex(admins_own)}
    lg.append("2026-01-03T09:00:00Z", ADM, enrol, now=now, secret_key=keys["adm"])
    found = [f for f in lg.lint().findings if f["code"] == "key_replaced_by_admin"]
    assert len(found) == 1 and found[0]["path"] == "entries[2]" and found[0]["severity"] == "warning"
    assert okrkit.enums.RuleCode("key_replaced_by_admin").value == "key_replaced_by_admin"
    assert not [f for f in lg.lint(rules={"key_replaced_by_admin": "off"}).findings if f["code"] == "key_replaced_by_admin"]


@pytest.mark.parametrize("panics", [1, 2])
def test_a_panic_inside_an_append_leaves_the_ledger_as_it_was(panics: int) -> None:
    """A bug that panics inside an append (injected by the core's test hook;
    2: the append's own recovery panics too) leaves the ledger as it was: the
    core puts the state back, or the next lock does, and the ledger goes on.
    The panic itself is okrkit.InternalError (code internal_error, as in
    every binding), an OkrError and an Exception: never pyo3's
    PanicException, a BaseException that `except Exception` misses."""
    testing = okrkit._okrkit._testing
    if not hasattr(testing, "inject_append_panics"):
        pytest.skip("needs test.sh's test-hooks build")
    lg, _ = ledger()
    before = (lg.to_jsonl(), lg.document().to_dict(), len(lg), lg.head)
    testing.inject_append_panics(panics)
    with pytest.raises(okrkit.InternalError, match="injected") as caught:
        lg.check_in("2026-02-02T09:00:00Z", ANA, "kr1", 55.0)
    assert caught.value.code == "internal_error" and caught.value.path == ""
    assert "a bug" in str(caught.value)
    assert (lg.to_jsonl(), lg.document().to_dict(), len(lg), lg.head) == before
    lg.check_in("2026-02-03T09:00:00Z", ANA, "kr1", 56.0)
    check_ins = lg.document().to_dict().get("check_ins", [])
    assert [c["value"] for c in check_ins] == [c["value"] for c in before[1].get("check_ins", [])] + [56.0]
    assert okrkit.Ledger.from_jsonl(lg.to_jsonl()).head == lg.head
