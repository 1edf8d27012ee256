#!/usr/bin/env bash
# Runs every test suite of okrkit: Rust (unit, property, doc, vectors), then each
# binding's own script (Python, Node, Kotlin), which installs what it needs
# (a venv with maturin and pytest, npm packages, Maven dependencies).
#
#   bash scripts/test-all.sh            # everything
#   OKRKIT_ONLY=rust bash scripts/test-all.sh   # one suite: rust, python, node, kotlin, fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
only=${OKRKIT_ONLY:-}

section() { printf '\n==== %s ====\n' "$1"; }
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

if want rust; then
  section "Rust: cargo test (workspace default members)"
  cargo test --locked 2>&1
  section "Rust: no API newer than rust-version (clippy incompatible_msrv)"
  cargo clippy --locked -p okrkit -p okrkit-cli --all-targets -- -A clippy::all -D clippy::incompatible_msrv 2>&1
fi

for binding in python node kotlin; do
  script="$root/bindings/$binding/test.sh"
  [ "$binding" = kotlin ] && script="$root/bindings/ffi/test-kotlin.sh"
  if want "$binding" && [ -f "$script" ]; then
    section "$binding"
    bash "$script"
  fi
done

if want fuzz && [ -f "$root/fuzz/smoke.sh" ]; then
  section "fuzz smoke run"
  bash "$root/fuzz/smoke.sh"
fi

section "all suites passed"
