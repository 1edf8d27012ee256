"""The stubs (python/okrkit/_okrkit.pyi) must match the compiled module: every
name, every method, every parameter with its default. Fails on drift. Also runs
mypy's stubtest when mypy is installed (test.sh installs it).

The stub is generated (bindings/python/stubgen, from pyo3's introspection data
in the library built with the cargo feature `stubs`); test.sh runs the
generator's `check` before pytest, and the tests below check that this check
does fail when the stub is edited by hand."""

from __future__ import annotations

import ast
import inspect
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

import okrkit
from okrkit import _okrkit

STUB = Path(okrkit.__file__).with_name("_okrkit.pyi")


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def stub_functions(body: list[ast.stmt]) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in body if isinstance(n, ast.FunctionDef)}


def stub_classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}


def class_members(classes: dict[str, ast.ClassDef], name: str) -> dict[str, ast.FunctionDef]:
    cls = classes[name]
    out: dict[str, ast.FunctionDef] = {}
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            out.update(class_members(classes, base.id))
    out.update(stub_functions(cls.body))
    for n in cls.body:  # class attributes (ClassVar)
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out[n.target.id] = None  # type: ignore[assignment]
    return out


def stub_params(fn: ast.FunctionDef) -> list[tuple[str, str, Optional[str]]]:
    """(name, kind, default) of each parameter, without self/cls."""
    a = fn.args
    out: list[tuple[str, str, Optional[str]]] = []
    positional = a.posonlyargs + a.args
    defaults: list[Optional[ast.expr]] = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    for p, d in zip(positional, defaults):
        out.append((p.arg, "pos", None if d is None else ast.unparse(d)))
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append((p.arg, "kw", None if d is None else ast.unparse(d)))
    if a.kwarg is not None:
        out.append((a.kwarg.arg, "**", None))
    if out and out[0][0] in ("self", "cls"):
        out = out[1:]
    return out


def runtime_params(obj: Any) -> Optional[list[tuple[str, str, Optional[str]]]]:
    try:
        sig = inspect.signature(obj)
    except (ValueError, TypeError):
        return None
    out = []
    for p in sig.parameters.values():
        if p.name in ("self", "cls", "$self", "$cls"):
            continue
        kind = (
            "kw"
            if p.kind is inspect.Parameter.KEYWORD_ONLY
            else "**"
            if p.kind is inspect.Parameter.VAR_KEYWORD
            else "pos"
        )
        default = None if p.default is inspect.Parameter.empty else repr(p.default)
        out.append((p.name, kind, default))
    return out


def same_default(stub: Optional[str], runtime: Optional[str]) -> bool:
    if stub is None or runtime is None:
        return stub == runtime
    if stub == "...":
        return True
    return stub.replace('"', "'") == runtime.replace('"', "'")


PUBLIC_DUNDERS = {"__len__", "__getitem__", "__eq__"}


def runtime_names() -> list[str]:
    return [n for n in dir(_okrkit) if not n.startswith("__") or n in ("__version__",)]


def test_every_runtime_name_is_in_the_stub() -> None:
    tree = stub_tree()
    declared = set(stub_functions(tree.body)) | set(stub_classes(tree))
    declared |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    missing = [n for n in runtime_names() if n not in declared]
    assert not missing, f"in the module but not in {STUB.name}: {missing}"
    extra = [n for n in declared if not hasattr(_okrkit, n) and not n.startswith("_Result")]
    assert not extra, f"in {STUB.name} but not in the module: {extra}"


def test_functions_match() -> None:
    funcs = stub_functions(stub_tree().body)
    for name, fn in funcs.items():
        runtime = runtime_params(getattr(_okrkit, name))
        assert runtime is not None, name
        check(name, stub_params(fn), runtime)


def check(where: str, stub: list[tuple[str, str, Optional[str]]], runtime: list[tuple[str, str, Optional[str]]]) -> None:
    assert [(n, k) for n, k, _ in stub] == [(n, k) for n, k, _ in runtime], f"{where}: stub {stub} != runtime {runtime}"
    for (n, _, sd), (_, _, rd) in zip(stub, runtime):
        assert same_default(sd, rd), f"{where}({n}): stub default {sd} != runtime {rd}"


def test_classes_match() -> None:
    classes = stub_classes(stub_tree())
    for cname in [n for n in runtime_names() if isinstance(getattr(_okrkit, n), type)]:
        cls = getattr(_okrkit, cname)
        members = class_members(classes, cname)
        runtime_members = [
            m for m in vars(cls) if (not m.startswith("__") or m in PUBLIC_DUNDERS) and m != "__new__"
        ]
        missing = [m for m in runtime_members if m not in members]
        assert not missing, f"{cname}: not in the stub: {missing}"
        extra = [m for m in members if m not in ("__new__",) and not hasattr(cls, m)]
        assert not extra, f"{cname}: in the stub only: {extra}"
        for m, fn in members.items():
            if fn is None or any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list):
                continue
            target = cls if m == "__new__" else getattr(cls, m)
            runtime = runtime_params(target)
            if runtime is None or m in PUBLIC_DUNDERS:
                continue
            check(f"{cname}.{m}", stub_params(fn), runtime)


def test_mypy_stubtest() -> None:
    pytest.importorskip("mypy")
    allow = Path(__file__).with_name("stubtest_allowlist.txt")
    cmd = [sys.executable, "-m", "mypy.stubtest", "okrkit._okrkit", "--allowlist", str(allow)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr


# What a user writes, type-checked against the stub: each line must pass mypy
# (`reveal_type` lines say what the stub promises), and each `# error` line must fail.
USAGE = """
import datetime
import pathlib
import okrkit
org = okrkit.load("org.json")
report = org.progress(as_of=datetime.date(2026, 2, 15))
first = report.objectives[0]["objective"]
batch = okrkit.Classifier().classify_many(["Publish 8 articles"])
kind = batch[0].kind
some: list[okrkit.Classification] = batch[0:2]
flags = okrkit.calibrate(org.score_all())
okrkit.verify_inclusion_proof("p", "c", ["key"])
okrkit.Org.from_dict({"schema_version": 1})
problems = okrkit.validate(pathlib.Path("org.json"))
okrkit.Ledger().check_in("2026-02-05T15:00:00Z", ("ana", "web"), "kr1", 55.5)
status: okrkit.SetStatus = okrkit.Ledger().set_status("web", "q1")
"""
WRONG = [
    'batch["x"]',
    # An entry's time is an instant: a date alone is refused at run time, and typed so.
    'okrkit.Ledger().check_in(datetime.date(2026, 2, 5), ("ana", "web"), "kr1", 55.5)',
    "okrkit.verify_inclusion_proof('p', 'c', {0: 'key'})",
    "okrkit.calibrate({0: org.score_all()[0]})",
]


STAR_IMPORT = """
from okrkit import *
status: SetStatus = SetStatus.PROPOSED
code: ProblemCode = ProblemCode.PARSE_ERROR
failure: type[OkrError] = InvalidArgument
chart = plot_score_bands
org: Org = load("org.json")
"""


def test_the_stub_types_what_users_write(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    from mypy import api

    # USAGE, and a star import: `from okrkit import *` gives mypy the enums,
    # errors and charts too (it reads only a literal __all__: the enums'
    # names are generated into it).
    for name, text in [("good", USAGE), ("star", STAR_IMPORT)]:
        good = tmp_path / f"{name}.py"
        good.write_text(text)
        out, err, status = api.run([str(good), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "c")])
        assert status == 0, out + err
    for n, line in enumerate(WRONG):
        bad = tmp_path / f"bad{n}.py"
        bad.write_text(USAGE + line + "\n")
        out, err, status = api.run([str(bad), "--no-incremental", "--cache-dir", str(tmp_path / "c")])
        assert status == 1 and "error" in out, f"{line!r} type-checks: {out}{err}"




def test_all_lists_every_public_name_once() -> None:
    import okrkit
    from okrkit import enums, errors, plot

    names = okrkit.__all__
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    for module in (enums, errors, plot):
        assert set(module.__all__) <= set(names), set(module.__all__) - set(names)
    assert all(hasattr(okrkit, n) for n in names)


def test_package_is_typed() -> None:
    assert STUB.with_name("py.typed").exists()
    if shutil.which("mypy") is None:
        pytest.skip("mypy not installed")


ROOT = Path(__file__).resolve().parents[3]


def stubgen(*args: str) -> subprocess.CompletedProcess[str]:
    """Runs okrkit-python-stubgen on the library this test imports."""
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("cargo not installed")
    cmd = [cargo, "run", "--quiet", "--locked", "-p", "okrkit-python-stubgen", "--", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def current_or_skip() -> str:
    library = str(_okrkit.__file__)
    out = stubgen("check", library)
    if out.returncode == 2 and "--features stubs" in out.stderr:
        pytest.skip("library built without the cargo feature `stubs` (Python < 3.11)")
    assert out.returncode == 0, out.stderr
    return library


def test_the_stub_says_it_is_generated() -> None:
    head = STUB.read_text(encoding="utf-8").splitlines()[:15]
    assert head[0].startswith("# Generated by okrkit-python-stubgen"), head[0]


@pytest.mark.parametrize(
    "edit",
    [
        # a default changed by hand
        ("indent: bool = False", "indent: bool = True"),
        # a type made looser by hand
        ("-> tuple[_t.ObjectiveProgress, ...]", "-> Any"),
        # a method removed by hand
        ("    def codes(self, /) -> list[str]:", "    def _codes(self, /) -> list[str]:"),
    ],
)
def test_the_check_fails_on_a_stub_edited_by_hand(tmp_path: Path, edit: tuple[str, str]) -> None:
    library = current_or_skip()
    text = STUB.read_text(encoding="utf-8")
    old, new = edit
    assert old in text, old
    edited = tmp_path / "_okrkit.pyi"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = stubgen("check", library, str(edited))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "is stale" in out.stderr and new.strip() in out.stderr, out.stderr
    # write puts back what the library says
    assert stubgen("write", library, str(edited)).returncode == 0
    assert edited.read_text(encoding="utf-8") == text


def test_a_library_without_introspection_data_is_refused(tmp_path: Path) -> None:
    current_or_skip()
    # an ELF without okrkit's introspection data: the Python interpreter itself
    other = tmp_path / "not_okrkit.so"
    other.write_bytes(Path(shutil.which("python3") or sys.executable).resolve().read_bytes())
    out = stubgen("check", str(other), str(tmp_path / "x.pyi"))
    assert out.returncode == 2, out.stdout + out.stderr
    assert "okrkit-python-stubgen:" in out.stderr
