"""Tests of scripts/bench_report.py on a small made-up run (no benchmark is run).

    python3 scripts/bench_report_test.py      # scripts/test-all.sh runs it

The report turns bench-results/ into the table bench.sh prints and the
Markdown block of BENCHMARKS.md; these check that each of issue 18's ratios
gets its row and the verdict its target gives, that timings without a rate
(the drop times) are skipped, and that only the marked block is replaced.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPT = Path(__file__).with_name("bench_report.py")


def op(seconds, per_second=None, unit="key results"):
    return {"seconds": seconds} if per_second is None else {"seconds": seconds, "per_second": per_second, "unit": unit}


RUST = [
    {"key_results": 1000000, "document_bytes": 10**9, "ops": {"load_validate": op(1.8, 6e8, "bytes"), "free_org": op(0.1)},
     "ratios": {"load_vs_ignored_any": 0.57}, "peak_rss_bytes": 2**31},
    {"key_results": 1000000, "ops": {"progress_rollup": op(0.09, 1.1e7), "classify": op(0.6, 1.5e6, "statements")},
     "ratios": {"rollup_vs_scan": 2.4, "rollup_columns_vs_scan": 1.3, "rss_org_vs_text": 0.47, "rss_reports_vs_text": 0.81},
     "peak_rss_bytes": 2**31},
    {"key_results": 1000000, "ops": {"ledger_replay_verify": op(1.0, 1e6, "entries"), "free_ledger": op(0.2)},
     "ratios": {"ledger_vs_sha256": 3.06}, "peak_rss_bytes": 2**29},
]
FRAMES = [{"key_results": 20000, "clock": "cpu", "repeat": 7,
           "seconds": {"rust roll-up (native)": 0.001, "report.to_polars(t)": 0.0009, "report.to_pandas(t)": 0.0018,
                       "to_polars(t), fresh org (cold)": 0.004, "to_pandas(t), fresh org (cold)": 0.007},
           "ratios": {"rust roll-up (native)": 1.0, "report.to_polars(t)": 0.9, "report.to_pandas(t)": 1.8,
                      "to_polars(t), fresh org (cold)": 4.0, "to_pandas(t), fresh org (cold)": 7.0}}]
NODE_ARROW = [{"key_results": n, "times_ms": {"native": 0.1, "via toArrow, free": 0.1 * r},
               "ratios": {"native": 1, "via toArrow, free": r}} for n, r in ((1000, 4.6), (100000, 1.2))]
IMPORTS = [{"rows": n, "layout": "okrkit preset", "seconds": s, "rows_per_second": n / s} for n, s in ((20000, 0.05), (80000, 0.21))]


class Report(unittest.TestCase):
    def run_report(self, markdown_text, env=None):
        with tempfile.TemporaryDirectory() as d:
            out = Path(d)
            for name, rows in (("rust", RUST), ("python_frames", FRAMES), ("node_arrow", NODE_ARROW), ("import", IMPORTS)):
                (out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
            md = out / "B.md"
            md.write_text(markdown_text)
            if env is None:
                env = {**os.environ, "OKRKIT_BENCH_COMMIT": "abc1234", "OKRKIT_BENCH_LOAD": "0.1 → 0.2",
                       "OKRKIT_BENCH_STARTED": "2026-01-01 10:00 UTC"}
            run = subprocess.run([sys.executable, str(SCRIPT), str(out), "--markdown", str(md)],
                                 capture_output=True, text=True, env=env)
            return run, md.read_text(), json.loads((out / "results.json").read_text()) if (out / "results.json").exists() else None

    def test_each_target_gets_its_row_and_verdict(self):
        run, md, results = self.run_report("head\n<!-- bench.sh:begin -->\nSTALE-BLOCK\n<!-- bench.sh:end -->\ntail\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(md.startswith("head\n<!-- bench.sh:begin -->\n"))
        self.assertTrue(md.endswith("<!-- bench.sh:end -->\ntail\n"))
        self.assertNotIn("STALE-BLOCK", md)
        self.assertIn("at `abc1234`", md)
        self.assertIn("Measured 2026-01-01 10:00 UTC to ", md)
        self.assertIn("load average 0.1 → 0.2", md)
        rows = {line.split("|")[1].strip(): line for line in md.splitlines() if line.startswith("| ")}
        verdict = lambda prefix: next(v for k, v in rows.items() if k.startswith(prefix)).rstrip(" |").rsplit("|", 1)[1].strip()
        self.assertEqual(verdict("ledger replay + verify"), "no")  # 3.06 against at most 3
        self.assertEqual(verdict("load + validate"), "yes")  # 0.57 against at least 0.5
        self.assertEqual(verdict("resident memory of the loaded org"), "yes")
        self.assertEqual(verdict("resident memory with every report alive"), "no")  # 0.81 against 0.8
        self.assertEqual(verdict("`to_pandas()` of the four"), "yes")
        self.assertEqual(verdict("`to_polars()`, first frames"), "no")
        self.assertEqual(verdict("every objective's id and progress"), "at 100k")
        self.assertEqual(verdict("`okrkit preset` layout"), "yes")  # 4.2x the time for 4x the rows
        self.assertIn("3.06x", md)
        # The drop timings have no rate: in results.json, not in the tables.
        self.assertNotIn("free_org", md)
        self.assertEqual(results["rust"][0]["ops"]["free_org"]["seconds"], 0.1)
        self.assertIn("free_org", json.dumps(results))

    def test_a_report_outside_bench_sh_does_not_guess_the_commit(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("OKRKIT_BENCH_")}
        run, md, _ = self.run_report("<!-- bench.sh:begin -->\n<!-- bench.sh:end -->\n", env)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("Measured unrecorded to unrecorded at `unrecorded`", md)
        self.assertIn("load average unrecorded", md)

    def test_a_file_without_the_markers_is_left_alone(self):
        run, md, _ = self.run_report("no markers here\n")
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("no <!-- bench.sh:begin -->", run.stderr + run.stdout)
        self.assertEqual(md, "no markers here\n")


if __name__ == "__main__":
    unittest.main()
