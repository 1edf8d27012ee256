"""okrkit's Python API against the same progress roll-up in plain Python and in
pandas, on a generated organisation, and against the native Rust roll-up.

    python benches/python/compare.py [--key-results 20000] [--repeat 5]

What each line measures (the median of --repeat runs, after a warm-up):

* ``rust (native)``: the core's ``Org::progress`` run N times inside Rust
  (``okrkit._okrkit._testing.bench_progress``, a test hook outside the API): no Python at all — the baseline.
* ``okrkit.progress()``: the Python call ``org.progress(as_of=...)``: argument
  conversion, the roll-up with the GIL released, and the report handle.
* ``okrkit + to_dict()``: the same, then converting the whole report to
  Python dicts/lists (what a caller pays to walk every number in Python).
* ``okrkit + to_pandas()``: the same, then a key-result DataFrame.
* ``plain Python``: the same rules written in Python over ``json.loads`` data,
  check-ins indexed per key result beforehand (as okrkit's ``Org`` does at load).
* ``okrkit + to_polars() x4`` / ``to_pandas() x4``: the roll-up, then every
  report table (objectives, key results, teams, cycles) as a frame; polars
  takes the core's Arrow columns without a copy.
* ``pandas``: the same rules as DataFrame operations (filter, last check-in per
  key result, merge, weighted mean per objective).

The plain-Python and pandas results are checked against okrkit's.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import statistics
import time
from typing import Any, Callable

import okrkit

AS_OF = dt.date(2026, 2, 15)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result = fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


# ---------------------------------------------------------------- plain Python


def parse_at(s: str) -> float:
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def index_check_ins(data: dict[str, Any]) -> dict[str, tuple[list[float], list[float]]]:
    by_kr: dict[str, list[tuple[float, float]]] = {}
    for c in data["check_ins"]:
        by_kr.setdefault(c["key_result"], []).append((parse_at(c["at"]), c["value"]))
    out = {}
    for k, v in by_kr.items():
        v.sort(key=lambda x: x[0])
        out[k] = ([t for t, _ in v], [x for _, x in v])
    return out


def plain_rollup(data: dict[str, Any], index: dict[str, tuple[list[float], list[float]]], as_of: dt.date) -> dict[str, Any]:
    cutoff = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), dt.timezone.utc).timestamp()
    objectives = {}
    team_acc: dict[tuple[str, str], list[float]] = {}
    for o in data["objectives"]:
        total = weights = 0.0
        counted = 0
        for kr in o["key_results"]:
            m = kr["measure"]
            if m["type"] == "milestone":
                continue  # left out by default (R1)
            times, values = index.get(kr["id"], ([], []))
            i = bisect.bisect_left(times, cutoff)
            if i > 0:
                value = values[i - 1]
            elif not times and m.get("current") is not None:
                value = m["current"]
            elif m["type"] == "metric":
                value = m["baseline"]
            else:
                continue
            if m["type"] == "metric":
                a = (value - m["baseline"]) / (m["target"] - m["baseline"])
            else:
                met = value >= m["bound"] if m["direction"] == "at_least" else value <= m["bound"]
                a = 1.0 if met else 0.0
            p = min(max(a, 0.0), 1.0)
            w = kr.get("weight", 1.0)
            total += w * p
            weights += w
            counted += 1
        progress = total / weights if counted and weights > 0 else None
        objectives[o["id"]] = progress
        acc = team_acc.setdefault((o["team"], o["cycle"]), [])
        if progress is not None:
            acc.append(progress)
    teams = {k: (sum(v) / len(v) if v else None) for k, v in team_acc.items()}
    return {"objectives": objectives, "teams": teams}


# ---------------------------------------------------------------- pandas


def pandas_frames(data: dict[str, Any]) -> tuple[Any, Any]:
    import pandas as pd

    rows = []
    for o in data["objectives"]:
        for kr in o["key_results"]:
            m = kr["measure"]
            rows.append({
                "objective": o["id"], "team": o["team"], "cycle": o["cycle"], "key_result": kr["id"],
                "type": m["type"], "baseline": m.get("baseline"), "target": m.get("target"),
                "bound": m.get("bound"), "direction": m.get("direction"), "current": m.get("current"),
                "weight": kr.get("weight", 1.0),
            })
    krs = pd.DataFrame(rows)
    cis = pd.DataFrame(data["check_ins"])
    cis["at"] = pd.to_datetime(cis["at"], utc=True)
    return krs, cis


def pandas_rollup(krs: Any, cis: Any, as_of: dt.date) -> Any:
    import numpy as np
    import pandas as pd

    cutoff = pd.Timestamp(as_of + dt.timedelta(days=1), tz="UTC")
    seen = set(cis["key_result"].unique())
    last = (cis[cis["at"] < cutoff].sort_values("at", kind="stable")
            .groupby("key_result", sort=False)["value"].last())
    df = krs[krs["type"] != "milestone"].copy()
    df["value"] = df["key_result"].map(last)
    no_history = ~df["key_result"].isin(seen)
    df.loc[no_history & df["value"].isna(), "value"] = df["current"]
    metric = df["type"] == "metric"
    df.loc[metric & df["value"].isna(), "value"] = df["baseline"]
    att = np.where(metric, (df["value"] - df["baseline"]) / (df["target"] - df["baseline"]),
                   np.where(np.where(df["direction"] == "at_least", df["value"] >= df["bound"],
                                     df["value"] <= df["bound"]), 1.0, 0.0))
    df["progress"] = np.clip(att, 0.0, 1.0)
    df = df[df["value"].notna()]
    df["wp"] = df["weight"] * df["progress"]
    g = df.groupby("objective", sort=False)
    objectives = g["wp"].sum() / g["weight"].sum()
    return objectives


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--key-results", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print one JSON line (for scripts/bench.sh) instead of the table")
    args = ap.parse_args()

    doc = okrkit.generate(scaled=args.key_results)
    text = doc.to_json()
    data = json.loads(text)
    t_load, org = timed(lambda: okrkit.Org.from_json(text), 1)
    n_kr = org.key_result_count
    say = (lambda *a, **k: None) if args.json else print
    say(f"organisation: {n_kr} key results, {len(data['objectives'])} objectives, "
          f"{len(data['check_ins'])} check-ins ({len(text) / 1e6:.1f} MB JSON); load+validate {t_load * 1e3:.1f} ms")

    n = max(args.repeat, 5)
    native = min(okrkit._okrkit._testing.bench_progress(org, n, AS_OF) / n for _ in range(3))
    t_api, report = timed(lambda: org.progress(as_of=AS_OF), args.repeat)
    t_dict, as_dict = timed(lambda: org.progress(as_of=AS_OF).to_dict(), args.repeat)
    results = [("rust (native)", native), ("okrkit.progress()", t_api), ("okrkit + to_dict()", t_dict)]
    index = index_check_ins(data)
    t_plain, plain = timed(lambda: plain_rollup(data, index, AS_OF), args.repeat)

    want = {o["objective"]: o["progress"] for o in as_dict["objectives"]}
    assert plain["objectives"] == want, "plain Python disagrees with okrkit"

    tables = ["objectives", "key_results", "teams", "cycles"]

    def every_table(method: str) -> Callable[[], Any]:
        def run() -> list[Any]:
            report = org.progress(as_of=AS_OF)
            return [getattr(report, method)(t) for t in tables]
        return run

    try:
        import polars  # noqa: F401

        t_pl, _ = timed(every_table("to_polars"), args.repeat)
        results.append(("okrkit + to_polars() x4", t_pl))
    except ImportError:
        pass
    try:
        import pandas  # noqa: F401

        t_pdall, _ = timed(every_table("to_pandas"), args.repeat)
        results.append(("okrkit + to_pandas() x4", t_pdall))

        t_pdf, _ = timed(lambda: org.progress(as_of=AS_OF).to_pandas("key_results"), args.repeat)
        results.append(("okrkit + to_pandas()", t_pdf))
        krs, cis = pandas_frames(data)
        t_pd, pdres = timed(lambda: pandas_rollup(krs, cis, AS_OF), args.repeat)
        worst = max(abs(pdres.get(k, 0.0) - (v or 0.0)) for k, v in want.items() if v is not None)
        assert worst < 1e-12, f"pandas disagrees with okrkit by {worst}"
    except ImportError:
        t_pd = None
    results.append(("plain Python", t_plain))
    if t_pd is not None:
        results.append(("pandas", t_pd))

    if args.json:
        print(json.dumps({"key_results": n_kr, "times": dict(results)}))
        return
    print(f"\nprogress roll-up as of {AS_OF}, median of {args.repeat}:")
    print(f"{'':24}{'time':>12}{'vs rust':>10}{'vs okrkit':>11}")
    for name, t in results:
        print(f"{name:24}{t * 1e3:10.2f} ms{t / native:9.2f}x{t / t_api:10.1f}x")
    def vs(slow: float, fast: float) -> str:
        r = slow / fast
        return f"{r:.1f}x faster than" if r >= 1 else f"{1 / r:.1f}x slower than"

    print(f"\nokrkit.progress() takes {t_api / native:.2f}x the native Rust time and is {vs(t_plain, t_api)} plain Python"
          + (f", {vs(t_pd, t_api)} pandas" if t_pd is not None else "")
          + f"; converting every number to Python dicts as well, it is {vs(t_plain, t_dict)} plain Python.")

if __name__ == "__main__":
    main()
