"""Issue 9: okrkit from several threads at once gives correct results (the
GIL is released during long calls; handles are immutable or locked)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import okrkit


def test_hammer_from_threads() -> None:
    doc = okrkit.generate(key_results=400, objectives=100, teams=20, check_ins=4000)
    text = doc.to_json()
    org = doc.org()
    want = org.progress(as_of="2026-02-15").to_json()
    want_lint = org.lint(as_of="2026-02-15").to_json()
    want_score = [s.to_json() for s in org.score_all()]

    def work(i: int) -> bool:
        own = okrkit.Org.from_json(text) if i % 4 == 0 else org
        ok = own.progress(as_of="2026-02-15").to_json() == want
        ok &= org.lint(as_of="2026-02-15").to_json() == want_lint
        ok &= [s.to_json() for s in org.score_all()] == want_score
        ok &= okrkit.classify("Hire 3 engineers").kind == okrkit.classify("Hire 3 engineers").kind
        return ok

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(64)))


def test_shared_ledger_appends_are_serialised() -> None:
    from test_errors import doc

    ledger = okrkit.Ledger()
    ledger.import_document(
        "2026-01-02T09:00:00Z", ("ana", "web"), doc(), roles={"members": [{"team": "web", "person": "ana"}]}
    )
    errors: list[BaseException] = []

    def check_ins(n: int) -> None:
        try:
            for k in range(50):
                ledger.check_in("2026-02-01T09:00:00Z", ("ana", "web"), "kr1", float(n * 100 + k))
                ledger.verify()
                ledger.to_jsonl()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=check_ins, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(ledger) == 1 + 6 * 50
    assert okrkit.Ledger.from_jsonl(ledger.to_jsonl()).head == ledger.head
