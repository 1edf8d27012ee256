"""Throughput of classifying a column: one by one (reading .kind, or .signals)
against okrkit.classify_many into a table, a pandas frame and a polars frame.

    python benches/python/classify_many.py [--n 200000]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any, Callable

import okrkit

BASE = ["Build a cart reminder tool", "Checkout conversion rate from 50% to 65%", "Hire 2 iOS engineers",
        "Reduce p95 latency below 800 ms", "Launch the new onboarding flow", "Grow weekly active users by 20%"]


def best(f: Callable[[], Any], repeat: int) -> float:
    t = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - start)
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(1)
    texts = [rng.choice(BASE) + f" {i}" for i in range(args.n)]
    runs: list[tuple[str, Callable[[], Any]]] = [
        ("classify() one by one, .kind", lambda: [okrkit.classify(t).kind for t in texts]),
        ("classify() one by one, .signals", lambda: [okrkit.classify(t).signals for t in texts]),
        ("classify_many(frame='table')", lambda: okrkit.classify_many(texts, frame="table")),
    ]
    for frame in ("pandas", "polars"):
        try:
            __import__(frame)
            runs.append((f"classify_many(frame='{frame}')", lambda f=frame: okrkit.classify_many(texts, frame=f)))
        except ImportError:
            print(f"{frame} not installed: skipped")
    for name, f in runs:
        t = best(f, args.repeat)
        print(f"{name:36s} {args.n / t / 1000:8.0f}k statements/s")


if __name__ == "__main__":
    main()
