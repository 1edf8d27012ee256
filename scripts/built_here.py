"""Checks that cargo built each binary from this checkout, from its dep-info.

    python3 scripts/built_here.py target/release/suite target/release/import_table

Cargo can take a binary built from another checkout into the same target
directory (a git worktree built with CARGO_TARGET_DIR pointing here) as
current when that checkout's sources are older than the build. bench.sh
would then time the other checkout's code without a word: it happened once,
and two benchmark runs measured the previous commit. Every build of a binary
rewrites its dep-info (`<binary>.d`, Makefile syntax), which names each
source it was built from. A source outside this checkout and outside cargo's
own directories means the binary is not this checkout's: the script says
which and exits 1 (touch a source of the binary, or `cargo clean -p` its
package, and build again). Exit 0 when every binary is this checkout's.
"""

import argparse
import os
import sys
from pathlib import Path


def sources(depinfo: str) -> list[str]:
    """The sources of the first rule of a Makefile-syntax dep-info text
    (`target: source source …`, a space in a path written as `\\ `)."""
    first = depinfo.split("\n", 1)[0]
    target_end = first.find(": ")
    if target_end < 0:
        return []
    out, word, escaped = [], [], False
    for ch in first[target_end + 2:]:
        if escaped:
            word.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == " ":
            if word:
                out.append("".join(word))
            word = []
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


def allowed_roots(root: Path) -> list[Path]:
    """This checkout, and the directories cargo and rustup keep sources in."""
    home = Path.home()
    roots = [root, Path(os.environ.get("CARGO_HOME", home / ".cargo")), Path(os.environ.get("RUSTUP_HOME", home / ".rustup"))]
    return [r.resolve() for r in roots]


def foreign_source(binary: Path, root: Path) -> str | None:
    """Why `binary` is not this checkout's build, or None when it is."""
    depinfo = binary.with_name(binary.name + ".d")
    if not depinfo.is_file():
        return f"{binary}: no dep-info ({depinfo}), so what it was built from cannot be told"
    listed = sources(depinfo.read_text(encoding="utf-8"))
    if not listed:
        return f"{binary}: its dep-info ({depinfo}) names no source"
    roots = allowed_roots(root)
    for s in listed:
        path = Path(s) if os.path.isabs(s) else root / s
        resolved = path.resolve()
        if not any(resolved == r or r in resolved.parents for r in roots):
            return f"{binary} was built from {s}, outside this checkout ({root})"
    return None


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description="Check that cargo built each binary from this checkout.")
    p.add_argument("binaries", nargs="+", type=Path)
    p.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1], help="the checkout (default: this script's)")
    args = p.parse_args(argv)
    root = args.root.resolve()
    problems = [why for b in args.binaries if (why := foreign_source(b, root))]
    for why in problems:
        print(f"built_here: {why}; touch one of its sources (or cargo clean -p its package) and build again", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
