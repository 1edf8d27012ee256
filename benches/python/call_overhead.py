"""Nanoseconds per call of a few small entry points of the Python binding
(each runs under `#[guarded]`, bindings/python/guard): what any per-call cost
of the binding's boundary would show in.

    bindings/python/.venv/bin/python benches/python/call_overhead.py

timeit, 1,000,000 calls, best of 5, on a generated org of 2,000 key results.
"""

from __future__ import annotations

import timeit

import okrkit


def main() -> None:
    org = okrkit.load(okrkit.generate(key_results=2000, seed=1))
    report = org.progress()
    verdict = okrkit.Classifier().classify("Grow weekly active users from 10k to 15k")
    n = 1_000_000
    calls = {
        "len(report)": lambda: len(report),
        "report.objectives": lambda: report.objectives,
        "classification.kind": lambda: verdict.kind,
        "classification.confidence": lambda: verdict.confidence,
    }
    for name, call in calls.items():
        best = min(timeit.repeat(call, number=n, repeat=5))
        print(f"{name:28s} {best / n * 1e9:7.1f} ns/call")


if __name__ == "__main__":
    main()
