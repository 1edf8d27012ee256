"""Where the time of ``to_polars()`` goes, step by step, for the four progress
tables (objectives, key results, teams, cycles) of a generated organisation.

    python benches/python/table_handover.py [--key-results 20000] [--repeat 7] [--clock cpu] [--json]

Each line is the median of --repeat runs (after a warm-up), for all four
tables together, and its ratio to the native roll-up of the same run:

* ``rust roll-up (native)``: ``Org::progress`` inside Rust (the test hook
  ``okrkit._okrkit._testing.bench_progress``), the reference of issue 18;
* ``rust: build (text as offsets)``: the core builds the four tables, text
  in Arrow's ``Utf8`` layout, inside Rust (the test hook
  ``_testing.bench_tables``, like the native roll-up: no Python at all);
* ``rust: + into Arrow, Utf8``: the same, then each moved into Arrow;
* ``rust: built as views, into Arrow``: the four tables built with text as
  ``Utf8View`` and moved into Arrow: the Rust half of ``to_polars``;
* ``report.table(t)``: the core builds each table (the report exists);
* ``pyarrow.table(report.table(t))``: the same, then its Arrow columns
  (a copy per column: the ``Table`` keeps its core table) handed over through
  the PyCapsule stream;
* ``polars from pyarrow``: ``polars.from_arrow`` of those pyarrow tables,
  built beforehand: polars' own import (text columns converted to its string
  view type);
* ``polars from pyarrow, text as views``: the same with the text columns
  cast to ``string_view`` beforehand (what ``to_polars`` now hands over):
  polars' import when it has no string to convert;
* ``report.to_polars(t)``: the whole public call, repeated on one org:
  from the second call on, the org's text columns (built once per org, on
  its first views-layout table) are warm;
* ``to_polars(t), fresh org (cold)``: the same four calls on an org loaded
  for that run (loading and ``progress()`` outside the timing): the first
  call builds the org's text columns.
* ``report.to_pandas(t)`` and ``to_pandas(t), fresh org (cold)``: the same
  two measurements for pandas frames (needs pandas; text as pandas
  ``string`` with pyarrow storage). From pandas 2.2 on, the first frame of
  a whole-org report also writes the org's whole text columns out as
  ``large_string`` once (kept by the org, shared by later frames): part of
  the cold line, not of the warm one.

``--clock cpu`` times every line by the process's CPU time (all its
threads; ``time.process_time``) instead of the wall clock: steadier when
other work loads the machine (a wait for a core is not counted); the
native and "rust:" lines then take the CPU time around their hook's call.

``--json`` prints one JSON line instead (``key_results``, ``clock``,
``repeat``, ``seconds`` and ``ratios`` by line): what ``scripts/bench.sh``
collects into ``bench-results/python_frames.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from typing import Any, Callable

import okrkit
import polars
import pyarrow

AS_OF = dt.date(2026, 2, 15)
TABLES = ["objectives", "key_results", "teams", "cycles"]


clock = time.perf_counter


def timed(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--key-results", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    ap.add_argument("--json", action="store_true", help="one JSON line")
    args = ap.parse_args()
    global clock
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    text = okrkit.generate(scaled=args.key_results).to_json()
    org = okrkit.Org.from_json(text)
    n = max(args.repeat, 5)
    # The native roll-up and the "rust:" lines: the median of 3 means of n
    # runs each (every other line is a median of single runs).
    def hook(call: Callable[[], float]) -> float:
        """A test hook's own timing, or the process's CPU time around it."""
        if args.clock == "wall":
            return call()
        t = clock()
        call()
        return clock() - t

    testing = okrkit._okrkit._testing
    native = statistics.median(hook(lambda: testing.bench_progress(org, n, AS_OF)) / n for _ in range(3))
    report = org.progress(as_of=AS_OF)
    arrow = [pyarrow.table(report.table(t)) for t in TABLES]
    views = [
        a.cast(pyarrow.schema([f.with_type(pyarrow.string_view()) if f.type == pyarrow.string() else f
                               for f in a.schema]))
        for a in arrow
    ]
    def cold(frame: str = "to_polars") -> float:
        times = []
        for _ in range(args.repeat):
            fresh = okrkit.Org.from_json(text).progress(as_of=AS_OF)
            convert = getattr(fresh, frame)
            t = clock()
            for name in TABLES:
                convert(name)
            times.append(clock() - t)
            del fresh, convert
        return statistics.median(times)

    def rust(arrow: str | None) -> float:
        return statistics.median(hook(lambda: testing.bench_tables(report, n, arrow)) / n for _ in range(3))

    lines = [
        ("rust roll-up (native)", native),
        ("rust: build (text as offsets)", rust(None)),
        ("rust: + into Arrow, Utf8", rust("utf8")),
        ("rust: built as views, into Arrow", rust("views")),
        ("report.table(t)", timed(lambda: [report.table(t) for t in TABLES], args.repeat)),
        ("pyarrow.table(report.table(t))",
         timed(lambda: [pyarrow.table(report.table(t)) for t in TABLES], args.repeat)),
        ("polars from pyarrow", timed(lambda: [polars.from_arrow(a) for a in arrow], args.repeat)),
        ("polars from pyarrow, text as views",
         timed(lambda: [polars.from_arrow(a) for a in views], args.repeat)),
        ("report.to_polars(t)", timed(lambda: [report.to_polars(t) for t in TABLES], args.repeat)),
        ("to_polars(t), fresh org (cold)", cold()),
        ("report.to_pandas(t)", timed(lambda: [report.to_pandas(t) for t in TABLES], args.repeat)),
        ("to_pandas(t), fresh org (cold)", cold("to_pandas")),
    ]
    if args.json:
        print(json.dumps({
            "key_results": org.key_result_count, "clock": args.clock, "repeat": args.repeat,
            "seconds": dict(lines), "ratios": {name: t / native for name, t in lines},
        }))
        return
    print(f"{org.key_result_count} key results, the four progress tables, median of {args.repeat}"
          f" ({args.clock} clock):")
    for name, t in lines:
        print(f"{name:34}{t * 1e3:9.2f} ms{t / native:8.2f}x")


if __name__ == "__main__":
    main()
