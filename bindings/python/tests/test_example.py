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


def shown_output(line: str) -> str | None:
    """What a README line `print(...)  # shown` says it prints, or None."""
    code, sep, comment = line.partition("  # ")
    if not sep or not code.strip().startswith("print("):
        return None
    return comment.strip()


def printed_as_shown(printed: str, shown: str) -> bool:
    """The README's `# shown` comment is the first line printed, each … in it standing for any text."""
    first = printed.split("\n", 1)[0]
    return re.fullmatch(".*".join(re.escape(part) for part in shown.split("…")), first) is not None


def run_readme_blocks(blocks: list[str]) -> int:
    """Runs the blocks in one scope; each `print(...)  # shown` line must print what it shows.
    Returns how many shown lines were checked."""
    checked = 0
    files = {f"README.md, Python block {k + 1}": block.splitlines() for k, block in enumerate(blocks)}

    def checking_print(*args: object, **kwargs: object) -> None:
        nonlocal checked
        caller = sys._getframe(1)
        lines = files.get(caller.f_code.co_filename)
        if lines is not None:
            shown = shown_output(lines[caller.f_lineno - 1])
            if shown is not None:
                printed = " ".join(str(a) for a in args)
                assert printed_as_shown(printed, shown), (
                    f"{caller.f_code.co_filename}, line {caller.f_lineno}: prints {printed!r}, the README shows {shown!r}"
                )
                checked += 1
        print(*args, **kwargs)  # type: ignore[call-overload]

    scope: dict[str, object] = {"print": checking_print}
    for name, lines in files.items():
        exec(compile("\n".join(lines), name, "exec"), scope)  # noqa: S102
    return checked


def test_readme_quick_tour(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = readme_python_blocks()
    assert blocks, "README has no ## Python section with python blocks"
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    assert run_readme_blocks(blocks) >= 2, "the README's shown outputs (`print(...)  # shown`) were not found"


def test_readme_shown_output_that_drifts_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = readme_python_blocks()
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    edited = [b.replace("# not_allowed", "# agreed_commitment") for b in blocks]
    assert edited != blocks, "the README shows the refusal's code"
    with pytest.raises(AssertionError, match="agreed_commitment"):
        run_readme_blocks(edited)


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
