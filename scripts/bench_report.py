"""Prints the benchmark table from bench-results/ and writes results.json.

Reads rust.jsonl (one suite run per size), python.jsonl and node.jsonl (one
comparison per size, each a JSON object with "key_results" and "times" in
seconds per implementation, "rust (native)" among them), python_frames.jsonl
(benches/python/table_handover.py --json), node_arrow.jsonl
(benches/node/arrow_handover.js --json), import.jsonl (the import_table
binary) and criterion.txt.

    python3 scripts/bench_report.py bench-results [--markdown BENCHMARKS.md]

With --markdown, the figures and issue 18's ratios, with the machine, the
commit and the load average (OKRKIT_BENCH_COMMIT, OKRKIT_BENCH_LOAD, set by
scripts/bench.sh), replace what FILE holds between its BEGIN and END lines.
A line of a .jsonl file that is not JSON is left out, with a warning.
"""
import json
import os
import platform
import subprocess
import sys
import datetime
from pathlib import Path

BEGIN = "<!-- bench.sh:begin -->"
END = "<!-- bench.sh:end -->"


def load_lines(path: Path) -> list:
    if not path.exists():
        return []
    rows = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"{path}:{number}: not a JSON object, left out of the report: {e}", file=sys.stderr)
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


# Issue 18's hand-over targets: the line of each script's output, against
# the native roll-up of the same run (at most 2x).
FRAME_LINES = {
    "report.to_polars(t)": "`to_polars()` of the four progress tables",
    "report.to_pandas(t)": "`to_pandas()` of the four progress tables",
    "to_polars(t), fresh org (cold)": "`to_polars()`, first frames of a freshly loaded org",
    "to_pandas(t), fresh org (cold)": "`to_pandas()`, first frames of a freshly loaded org",
}
NODE_LINES = {
    "via toArrow, free": "every objective's id and progress read through `report.toArrow('objectives')`",
}
RUST_ROWS = [
    ("rollup_vs_scan", "roll-up as of a date (`Org::progress`, report rows)", "a plain scan of the check-in time and value columns"),
    ("rollup_columns_vs_scan", "roll-up as of a date (`Org::progress_columns`, what the bindings' reports hold)",
     "the same scan"),
    ("load_vs_ignored_any", "load + validate, throughput", "`serde_json` into `IgnoredAny`, same bytes"),
    ("ledger_vs_sha256", "ledger replay + verify from JSON Lines", "SHA-256 over the same bytes"),
    ("rss_org_vs_text", "resident memory of the loaded org", "the size of its JSON text"),
    ("rss_reports_vs_text", "resident memory with every report alive", "the size of its JSON text"),
]


def size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n >= 1000 else str(n)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs{mem}, {platform.system()} {platform.release()}"


def tool_version(cmd: list) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "absent"


def markdown(rust: list, frames: list, node_arrow: list, imports: list, crit: str = "",
             python: list = (), node: list = (), md_name: str = "BENCHMARKS.md") -> str:
    """Issue 18's targets as this run measured them, as Markdown.

    The commit, the start of the run and the load average are what
    scripts/bench.sh recorded (OKRKIT_BENCH_COMMIT, OKRKIT_BENCH_STARTED,
    OKRKIT_BENCH_LOAD); a report made from old results outside it says
    they are unrecorded rather than give the checkout's commit or the
    present time as the measured ones."""
    quick = os.environ.get("OKRKIT_BENCH_QUICK") == "1"
    cmd = "bash scripts/bench.sh" + (" --quick" if quick else "") + f" --markdown {md_name}"
    unrecorded = "unrecorded"
    started = os.environ.get("OKRKIT_BENCH_STARTED", unrecorded)
    ended = f"{datetime.datetime.now(datetime.timezone.utc):%H:%M} UTC" if started != unrecorded else unrecorded
    lines = [
        f"Measured {started} to {ended} at `{os.environ.get('OKRKIT_BENCH_COMMIT', unrecorded)}` by `{cmd}`",
        f"on {machine()}; load average {os.environ.get('OKRKIT_BENCH_LOAD', unrecorded)} (before → after);",
        f"{tool_version(['rustc', '--version'])}, Python {platform.python_version()}, Node {tool_version(['node', '--version'])}.",
        "Each ratio is to a reference timed in the same process on the same data; the",
        "absolute times are this machine's.",
        "",
    ]
    # Each size's ratios, from its suite runs (load, main, ledger, tables).
    ratios = {}
    for r in rust:
        ratios.setdefault(r["key_results"], {}).update(r.get("ratios", {}))
    sizes = sorted(ratios)
    lines += scaling(rust)
    if sizes:
        lines += ["| target | reference | " + " | ".join(f"{size(n)} KRs" for n in sizes) + " | met? |",
                  "|---|---|" + "---:|" * len(sizes) + "---|"]
        for key, what, ref in RUST_ROWS:
            limit, at_least = RATIO_TARGETS[key]
            vals = [ratios[n].get(key) for n in sizes]
            cells = [f"{v:.2f}x" if v is not None else "—" for v in vals]
            got = [(n, v) for n, v in zip(sizes, vals) if v is not None]
            ok = [n for n, v in got if (v >= limit if at_least else v <= limit)]
            met = ("not measured" if not got else "yes" if len(ok) == len(got)
                   else "no" if not ok else "at " + ", ".join(size(n) for n in ok))
            lines.append(f"| {what} {'≥' if at_least else '≤'} {limit}x | {ref} | " + " | ".join(cells) + f" | {met} |")
        lines.append("")
    for title, rows, line_names, ref in (
        ("Python frames", frames, FRAME_LINES, "`rust roll-up (native)` of the same run (CPU clock)"),
        ("Node reads", node_arrow, NODE_LINES, "`native` of the same rounds (interleaved)"),
    ):
        if not rows:
            continue
        rows = sorted(rows, key=lambda r: r["key_results"])
        lines += [f"| {title} ≤ 2x the native roll-up | " + " | ".join(f"{size(r['key_results'])} KRs" for r in rows) + " | met? |",
                  "|---|" + "---:|" * len(rows) + "---|"]
        for key, what in line_names.items():
            vals = [r["ratios"].get(key) for r in rows]
            secs = [r.get("seconds", {}).get(key) if "seconds" in r else (r["times_ms"].get(key) or 0) / 1e3 for r in rows]
            cells = [f"{v:.2f}x ({fmt_time(s)})" if v is not None else "—" for v, s in zip(vals, secs)]
            ok = [r["key_results"] for r, v in zip(rows, vals) if v is not None and v <= 2.0]
            met = "yes" if len(ok) == len(rows) else "no" if not ok else "at " + ", ".join(size(n) for n in ok)
            lines.append(f"| {what} | " + " | ".join(cells) + f" | {met} |")
        native = [r.get("seconds", {}).get("rust roll-up (native)") if "seconds" in r else r["times_ms"]["native"] / 1e3 for r in rows]
        lines.append("| native roll-up (the reference) | " + " | ".join(fmt_time(t) if t else "—" for t in native) + " | |")
        lines.append(f"\nReference: {ref}.\n")
    for title, rows in (("Python (`benches/python/compare.py`)", python), ("Node (`benches/node/compare.js`)", node)):
        rows = sorted(rows, key=lambda r: r["key_results"])
        if not rows:
            continue
        names = list(dict.fromkeys(k for r in rows for k in r["times"]))
        lines += [f"| {title}: the roll-up as of a date, ratio to native Rust | "
                  + " | ".join(f"{size(r['key_results'])} KRs" for r in rows) + " |",
                  "|---|" + "---:|" * len(rows)]
        for name in names:
            cells = []
            for r in rows:
                t, native = r["times"].get(name), r["times"].get("rust (native)")
                cells.append("—" if t is None else f"{t / native:.2f}x ({fmt_time(t)})" if native else fmt_time(t))
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    if python or node:
        lines += ["Medians of three runs each (`--repeat 3`): the hand-over tables above, interleaved",
                  "and with more rounds, are the steadier figures. \"rust (native)\" is `Org::progress`",
                  "(report rows) timed by the test hook; a binding's `progress()` holds the columnar",
                  "roll-up (`Org::progress_columns`), hence below 1x.", ""]
    if len(imports) >= 2:
        by_layout = {}
        for r in imports:
            by_layout.setdefault(r["layout"], []).append(r)
        lines.append("| CSV import, linear in the rows | " + " | ".join(f"{size(r['rows'])} rows" for r in next(iter(by_layout.values()))) + " | growth | met? |")
        lines.append("|---|" + "---:|" * (len(next(iter(by_layout.values()))) + 1) + "---|")
        for layout, rs in by_layout.items():
            rs = sorted(rs, key=lambda r: r["rows"])
            growth = (rs[-1]["seconds"] / rs[0]["seconds"]) / (rs[-1]["rows"] / rs[0]["rows"])
            lines.append(f"| `{layout}` layout | " + " | ".join(fmt_time(r["seconds"]) for r in rs)
                         + f" | {growth:.2f}x linear | {'yes' if growth <= 1.5 else 'no'} |")
        lines.append("\nGrowth: the time's growth over the rows' growth (1.00x is linear; met at ≤ 1.5x).\n")
    if crit.strip():
        lines += ["Criterion (`cargo bench -p okrkit-benches --bench core --bench classify --bench ledger`;"
                  " time as [low estimate, estimate, high estimate]):", "", "```text", crit.rstrip(), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


# The scaling table's columns: (suite mode's operation, heading).
SCALING = [
    ("load_validate", "load + validate"),
    ("progress_rollup", "progress roll-up as of a date"),
    ("classify", "classify (KR titles)"),
    ("lint", "lint"),
    ("score_health", "scoring + health"),
    ("progress_tables_from_columns", "the four progress tables"),
    ("ledger_replay_verify", "ledger replay + verify (as many entries)"),
]


def scaling(rust: list) -> list:
    """Each operation's time by size, as Markdown lines."""
    ops, rss = {}, {}
    for r in rust:
        n = r["key_results"]
        for op, m in r["ops"].items():
            if "per_second" not in m:
                continue
            # The roll-up is timed by two modes: keep the main mode's.
            if op == "progress_rollup" and "progress_tables" in r["ops"]:
                continue
            ops.setdefault(n, {})[op] = m
        if "load_validate" in r["ops"]:
            rss.setdefault(n, {})["load"] = r["peak_rss_bytes"]
        elif "classify" in r["ops"]:
            rss.setdefault(n, {})["reports"] = r["peak_rss_bytes"]
    if not ops:
        return []
    # Peak RSS of the load run (the text, then orgs loaded from it in turn) and
    # of the main run (the text, the org, every report alive at once).
    head = [h for _, h in SCALING] + ["peak RSS, load run", "peak RSS, reports run"]
    out = ["| key results | " + " | ".join(head) + " |", "|---:|" + "---:|" * len(head)]
    for n in sorted(ops):
        cells = []
        for op, _ in SCALING:
            m = ops[n].get(op)
            if m is None:
                cells.append("—")
            elif m["unit"] == "bytes":
                cells.append(f"{fmt_time(m['seconds'])} ({m['per_second'] / 1e6:.0f} MB/s)")
            elif op in ("classify", "ledger_replay_verify"):
                cells.append(f"{fmt_time(m['seconds'])} ({fmt_rate(m['per_second'], m['unit'])})")
            else:
                cells.append(fmt_time(m["seconds"]))
        for key in ("load", "reports"):
            b = rss.get(n, {}).get(key)
            cells.append(f"{b / 2**20:,.0f} MB" if b else "—")
        out.append(f"| {n:,} | " + " | ".join(cells) + " |")
    return out + [""]


def write_block(path: Path, text: str) -> None:
    old = path.read_text()
    if BEGIN not in old or END not in old:
        sys.exit(f"{path} has no {BEGIN} … {END} block to replace")
    head, rest = old.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{text}{END}{tail}")


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
    args = sys.argv[1:]
    md_path = None
    if "--markdown" in args:
        i = args.index("--markdown")
        md_path = Path(args[i + 1])
        del args[i:i + 2]
    out = Path(args[0] if args else "bench-results")
    rust = load_lines(out / "rust.jsonl")
    python = load_lines(out / "python.jsonl")
    node = load_lines(out / "node.jsonl")
    frames = load_lines(out / "python_frames.jsonl")
    node_arrow = load_lines(out / "node_arrow.jsonl")
    imports = load_lines(out / "import.jsonl")
    print(f"okrkit benchmarks — {datetime.date.today()} — {platform.machine()} {platform.processor() or ''}".strip())
    print()
    print(f"{'size (KRs)':>10}  {'operation':<22} {'time':>10}  {'throughput':>22}  {'vs 10x smaller':>14}")
    prev = {}
    for r in rust:
        n = r["key_results"]
        for op, m in r["ops"].items():
            if "per_second" not in m:  # a drop's time (free_org, free_ledger): in results.json only
                continue
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
    for name, rows in (("Python frames (issue 18)", frames), ("Node objectives through Arrow (issue 18)", node_arrow)):
        if not rows:
            continue
        print()
        print(f"{name}: ratio to the native roll-up of the same run (target <= 2)")
        for r in rows:
            print(f"{r['key_results']:>10}  " + "; ".join(f"{k} {v:.2f}x" for k, v in r["ratios"].items()))
    if imports:
        print()
        print("CSV import (issue 18: linear in the rows)")
        for r in imports:
            print(f"{r['rows']:>10}  {r['layout']:<14} {fmt_time(r['seconds']):>10}  {r['rows_per_second']:.0f} rows/s")
    crit = (out / "criterion.txt").read_text() if (out / "criterion.txt").exists() else ""
    if crit.strip():
        print()
        print("criterion:")
        print(crit.rstrip())
    results = {"date": str(datetime.date.today()), "machine": platform.platform(), "rust": rust, "python": python,
               "node": node, "python_frames": frames, "node_arrow": node_arrow, "import": imports, "criterion": crit}
    (out / "results.json").write_text(json.dumps(results, indent=2))
    print()
    print(f"written: {out / 'results.json'}")
    if md_path is not None:
        write_block(md_path, markdown(rust, frames, node_arrow, imports, crit, python, node, str(md_path)))
        print(f"written: {md_path} (between {BEGIN} and {END})")


if __name__ == "__main__":
    main()
