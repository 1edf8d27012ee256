"""Prints the benchmark table from bench-results/ and writes results.json.

Reads rust.jsonl (one suite run per size), python.jsonl and node.jsonl (one
comparison per size, each a JSON object with "key_results" and "times" in
seconds per implementation, "rust (native)" among them), and criterion.txt.
"""
import json
import platform
import sys
import datetime
from pathlib import Path


def load_lines(path: Path) -> list:
    if not path.exists():
        return []
    rows = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return rows


# Issue 18's targets for the suite's ratios: (limit, whether the ratio must be at least it).
RATIO_TARGETS = {
    "rollup_vs_scan": (3.0, False),
    "rollup_columns_vs_scan": (3.0, False),
    "load_vs_ignored_any": (0.5, True),
    "ledger_vs_sha256": (3.0, False),
    "rss_org_vs_text": (0.5, False),
    "rss_reports_vs_text": (0.8, False),
}


def fmt_time(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_rate(x: float, unit: str) -> str:
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= div:
            return f"{x / div:.2f}{suffix} {unit}/s"
    return f"{x:.0f} {unit}/s"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-results")
    rust = load_lines(out / "rust.jsonl")
    python = load_lines(out / "python.jsonl")
    node = load_lines(out / "node.jsonl")
    print(f"okrkit benchmarks — {datetime.date.today()} — {platform.machine()} {platform.processor() or ''}".strip())
    print()
    print(f"{'size (KRs)':>10}  {'operation':<22} {'time':>10}  {'throughput':>22}  {'vs 10x smaller':>14}")
    prev = {}
    for r in rust:
        n = r["key_results"]
        for op, m in r["ops"].items():
            growth = ""
            if op in prev and prev[op][0] * 10 == n:
                growth = f"x{m['seconds'] / prev[op][1]:.1f}"
            prev[op] = (n, m["seconds"])
            unit = {"bytes": "B"}.get(m["unit"], m["unit"])
            print(f"{n:>10}  {op:<22} {fmt_time(m['seconds']):>10}  {fmt_rate(m['per_second'], unit):>22}  {growth:>14}")
        what = ("peak RSS (text + org)" if "load_validate" in r["ops"]
                else "peak RSS (ledger)" if "ledger_replay_verify" in r["ops"]
                else "peak RSS (org, tables)" if "progress_tables" in r["ops"] else "peak RSS (org + ops)")
        print(f"{n:>10}  {what:<22} {r['peak_rss_bytes'] / 2**20:>8.0f} MB")
        # What each report adds to the resident memory, built in turn (issue 18).
        each = r.get("rss_each_report")
        if each:
            parts = ", ".join(f"{k} {v / 2**20:.0f} MB" for k, v in each.items())
            print(f"{n:>10}  {'RSS each report':<22} {parts}")
        # Issue 18's targets, each a ratio to a reference timed in the same process.
        for name, value in r.get("ratios", {}).items():
            target = RATIO_TARGETS.get(name)
            verdict = ""
            if target:
                limit, at_least = target
                met = value >= limit if at_least else value <= limit
                verdict = f"(target {'>=' if at_least else '<='} {limit}: {'met' if met else 'NOT met'})"
            print(f"{n:>10}  {name:<22} {value:>8.2f}x  {verdict}")
    for name, rows in (("Python", python), ("Node", node)):
        if not rows:
            continue
        print()
        print(f"{name}: progress roll-up as of a date (ratio to native Rust; lower is better)")
        for r in rows:
            times = r["times"]
            native = times.get("rust (native)")
            parts = []
            for impl, t in times.items():
                ratio = f" ({t / native:.2f}x)" if native else ""
                parts.append(f"{impl} {fmt_time(t)}{ratio}")
            print(f"{r['key_results']:>10}  " + "; ".join(parts))
    crit = (out / "criterion.txt").read_text() if (out / "criterion.txt").exists() else ""
    if crit.strip():
        print()
        print("criterion:")
        print(crit.rstrip())
    results = {"date": str(datetime.date.today()), "machine": platform.platform(), "rust": rust, "python": python, "node": node, "criterion": crit}
    (out / "results.json").write_text(json.dumps(results, indent=2))
    print()
    print(f"written: {out / 'results.json'}")


if __name__ == "__main__":
    main()
