"""Signed checkpoints and proofs (issue 13), on the shared vectors in
tests/vectors/ledger/proof/: the same bytes and the same errors as Rust."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import okrkit

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors" / "ledger" / "proof"


def vector(name: str) -> dict:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def test_go_signed_note_bytes() -> None:
    v = vector("signed_note_go.json")
    key = okrkit.SigningKey.parse(v["signing_key"])
    assert key.verifier_key == v["verifier_key"]
    assert key.name == "PeterNeumann" and key.key_id == 0xC74F20A3
    assert "PRIVATE" not in repr(key)
    for bad in v["bad_verifier_keys"]:
        with pytest.raises(okrkit.ValidationError):
            okrkit.verify_inclusion_proof("{}", v["signed"], [bad])


def test_shared_checkpoint_vector() -> None:
    v = vector("okrkit_checkpoint.json")
    ledger = okrkit.Ledger.from_jsonl(v["ledger_jsonl"])
    key = okrkit.SigningKey.parse(v["signing_key"])
    assert key.secret_text() == v["signing_key"]
    note = okrkit.sign_checkpoint(ledger, v["origin"], [key])
    assert note == v["checkpoint"]
    ok = okrkit.verify_checkpoint(ledger, note, [v["verifier_key"]], v["origin"])
    assert ok["checkpoint_size"] == ok["ledger_size"] == len(ledger)
    proof = okrkit.inclusion_proof(ledger, v["origin"], v["inclusion"]["index"])
    assert json.loads(proof) == v["inclusion"]
    okrkit.verify_inclusion_proof(proof, note, [v["verifier_key"]])
    with pytest.raises(okrkit.InvalidArgument) as no_key:
        okrkit.sign_checkpoint(ledger, v["origin"], [])
    assert (no_key.value.code, no_key.value.path) == ("invalid_value", "keys")
    c = v["consistency"]
    cproof = okrkit.consistency_proof(ledger, v["origin"], c["old_size"], c["new_size"])
    assert json.loads(cproof) == c
    lines = v["ledger_jsonl"].splitlines(keepends=True)
    for case in v["errors"]:
        keep = case.get("ledger_entries", len(lines))
        short = okrkit.Ledger.from_jsonl("".join(lines[:keep]))
        with pytest.raises(okrkit.OkrError) as e:
            okrkit.verify_checkpoint(
                short,
                case.get("checkpoint", note),
                [case.get("trust", v["verifier_key"])],
                case.get("origin", v["origin"]),
                min_signatures=case.get("min_signatures"),
            )
        assert e.value.code == case["expect"], case["case"]
        if case["expect"] == "truncation":
            assert isinstance(e.value, okrkit.ProofError)
            assert e.value.entry == keep
    for case in v["forged_inclusion"]:
        forged = {**v["inclusion"], **case["set"]}
        with pytest.raises(okrkit.OkrError) as e:
            okrkit.verify_inclusion_proof(json.dumps(forged), note, [v["verifier_key"]])
        assert e.value.code == case["expect"], case["case"]


def test_extension_cosign_and_bad_proof() -> None:
    v = vector("okrkit_checkpoint.json")
    lines = v["ledger_jsonl"].splitlines(keepends=True)
    full = okrkit.Ledger.from_jsonl(v["ledger_jsonl"])
    prefix = okrkit.Ledger.from_jsonl("".join(lines[:3]))
    host = okrkit.SigningKey.parse(v["signing_key"])
    witness = okrkit.SigningKey.generate("witness.example")
    assert witness.verifier_key != okrkit.SigningKey.generate("witness.example").verifier_key
    old = okrkit.cosign_checkpoint(okrkit.sign_checkpoint(prefix, v["origin"], [host]), witness)
    trusted = [v["verifier_key"], witness.verifier_key]
    ok = okrkit.verify_checkpoint(full, old, trusted, v["origin"], min_signatures=2)
    assert (ok["checkpoint_size"], ok["ledger_size"]) == (3, 6)
    new = okrkit.sign_checkpoint(full, v["origin"], [host])
    proof = okrkit.consistency_proof(full, v["origin"], 3, 6)
    okrkit.verify_consistency_proof(proof, old, new, [v["verifier_key"]])
    with pytest.raises(okrkit.ProofError) as e:
        okrkit.verify_consistency_proof(proof, new, old, [v["verifier_key"]])
    assert e.value.code == "truncation"
    lied = json.loads(okrkit.inclusion_proof(full, v["origin"], 2))
    lied["index"] = 3
    with pytest.raises(okrkit.ProofError) as e:
        okrkit.verify_inclusion_proof(json.dumps(lied), new, [v["verifier_key"]])
    assert (e.value.code, e.value.entry) == ("bad_proof", 3)
    assert okrkit.default_origin(full).startswith("okrkit.ledger/")
