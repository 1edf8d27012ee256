"""The notebook-style example and the benchmark script run, and the README's
Python tour works as written."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def test_checkout_audit_example(capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    runpy.run_path(str(REPO / "examples" / "python" / "checkout_audit.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "okrkit's default leaves them out" in out
    assert "refused (not_allowed)" in out
    assert "key results are really tasks" in out


def test_benchmark_script_runs_small() -> None:
    out = subprocess.run(
        [sys.executable, str(REPO / "benches" / "python" / "compare.py"), "--key-results", "400", "--repeat", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "plain Python" in out.stdout


def readme_python_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python", 1)
    if len(section) < 2:
        return []
    body = section[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", body, flags=re.S)


def test_readme_quick_tour(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = readme_python_blocks()
    assert blocks, "README has no ## Python section with python blocks"
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    scope: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), scope)  # noqa: S102


def test_notebook_tour_example_writes_its_charts(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "python" / "notebook_tour.py"), str(tmp_path)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert out.returncode == 0, out.stderr
    assert "refused (dangling_reference)" in out.stdout
    charts = sorted(p.name for p in tmp_path.glob("*.png"))
    assert charts == ["dashboard.png", "progress_by_team.png", "progress_without_history.png"]
    assert all((tmp_path / c).stat().st_size > 10_000 for c in charts)
