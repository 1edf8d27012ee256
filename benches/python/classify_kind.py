"""Python throughput of the classifier's batch calls, reading the kinds.

    bindings/python/.venv/bin/python benches/python/classify_kind.py [N]

Classifies N statements (default 1,000,000: the criterion mix repeated) in one
call, three ways: `classify_many` then `.kind` of every result (each
`Classification` is made as the loop reaches it), the same with every result
held at once in a list first (one million live objects, which Python's
garbage collector scans), and `classify_kinds` (a list of `StatementKind`
members, no result object per statement); prints statements per second of
each (wall clock, best of 3) and per CPU-second of the process.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import okrkit

# The statement mix, one per line, shared with examples/classify_speed.rs.
MIX = (Path(__file__).resolve().parents[1] / "data" / "classify_mix.txt").read_text(encoding="utf-8").splitlines()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    texts = (MIX * (n // len(MIX) + 1))[:n]
    c = okrkit.Classifier()
    runs = {
        "classify_many + .kind": lambda: [r.kind for r in c.classify_many(texts)],
        "list(classify_many) + .kind": lambda: [r.kind for r in list(c.classify_many(texts))],
        "classify_kinds": lambda: c.classify_kinds(texts),
    }
    for name, run in runs.items():
        best_wall, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            kinds = run()
            best_wall = min(best_wall, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
            assert len(kinds) == n
        print(f"{name}, {n} statements: {n / best_wall:,.0f}/s wall clock, {n / best_cpu:,.0f}/s of CPU time")


if __name__ == "__main__":
    main()
