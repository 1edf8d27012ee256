#!/usr/bin/env bash
# Runs every test suite of okrkit: Rust (unit, property, doc, vectors), then each
# binding's own script (Python, Node, Kotlin), which installs what it needs
# (a venv with maturin and pytest, npm packages, Maven dependencies).
#
#   bash scripts/test-all.sh            # everything
#   OKRKIT_ONLY=rust bash scripts/test-all.sh   # one suite: rust, python, node, kotlin, swift, fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
only=${OKRKIT_ONLY:-}

# Disk. A clean run from scratch gains nothing from incremental compilation,
# and full debug info made each test binary of the workspace up to 250 MB:
# with both, one run wrote 13 GB to target/ and a CI machine ran out of disk.
# Line tables keep file and line in a panic's backtrace. A caller's own
# settings win.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}

# Each section's wall time and the disk it took, printed at the end: what every
# suite costs.
free_mb() { df -Pm "$root" | awk 'NR == 2 { print $4 }'; }
printf 'disk: %s MB free at the start\n' "$(free_mb)"
# A clean run wrote 6.9-7.0 GB, and the Swift chroot, when it is made, 3.2 GB
# more: below 12 GB free (those 10 GB and a margin), say so now rather than
# fail later with ENOSPC in a build.
if [ "$(free_mb)" -lt 12000 ]; then
  echo "disk: warning: $(free_mb) MB free; a clean run writes about 10 GB (7 GB of builds, a 3.2 GB Swift chroot) and this asks for 12 GB" >&2
fi
timings=()
current=""
started=$(date +%s)
free_before=$(free_mb)
close_section() {
  local free_now
  free_now=$(free_mb)
  [ -n "$current" ] && timings+=("$(printf '%-58s %5d s %7d MB' "$current" $(( $(date +%s) - started )) $(( free_before - free_now )))")
  started=$(date +%s)
  free_before=$free_now
}
section() { close_section; current="$1"; printf '\n==== %s ====\n' "$1"; }
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

if want rust; then
  section "Rust: cargo test (workspace default members; generated files current: okrkit-codegen's test)"
  cargo test --locked 2>&1
  # okrkit-codegen's `check`, run above as its test `the_committed_generated_files_are_current`
  # in the workspace's build; the Python suite need not build it again to check.
  export OKRKIT_CODEGEN_CHECKED=1
  section "Rust: optional features arrow, arrow-ipc, pandas (report tables as Arrow record batches, IPC streams, pandas blocks)"
  cargo test --locked -p okrkit --features arrow-ipc,pandas --lib table:: 2>&1  # every table test, views, the shared org text and pandas blocks included
  cargo test --locked -p okrkit --features arrow-ipc,pandas --doc table 2>&1  # the table modules' doc examples (arrow, pandas)
  # The tables built from the columnar roll-up, with text as Arrow views too
  # (without the feature the views layout falls back to offsets). The same
  # features as above, so that the library built there is reused (with
  # `arrow-ipc` alone it was compiled again: about 2 minutes of CI).
  cargo test --locked -p okrkit --features arrow-ipc,pandas --test progress_columns 2>&1
  section "Rust: optional feature uniffi (okrkit-ffi unit tests: the core's converters, guard, async)"
  cargo test --locked -p okrkit-ffi 2>&1
  section "Rust: okrkit-python-stubgen unit tests (its check runs in the python suite)"
  cargo test --locked -p okrkit-python-stubgen 2>&1
  section "Rust: rustdoc without warnings (broken intra-doc links), default and every feature"
  RUSTDOCFLAGS="-D warnings" cargo doc --locked --quiet --no-deps -p okrkit 2>&1
  RUSTDOCFLAGS="-D warnings" cargo doc --locked --quiet --no-deps -p okrkit --all-features 2>&1
  section "Rust: clippy clean, every feature and target (incompatible_msrv: no API newer than rust-version)"
  cargo clippy --locked -p okrkit -p okrkit-cli -p okrkit-codegen -p okrkit-examples -p okrkit-benches \
    --all-targets --all-features -- -D warnings -D clippy::incompatible_msrv 2>&1
  # The bindings' own code (their tests run in each binding's suite below).
  cargo clippy --locked -p okrkit-python -p okrkit-python-guard -p okrkit-node -p okrkit-ffi -- -D warnings 2>&1
  section "Rust: the benchmark scripts (bench_report.py on a made-up run, built_here.py on made-up dep-info; no benchmark)"
  python3 "$root/scripts/bench_report_test.py" 2>&1
  python3 "$root/scripts/built_here_test.py" 2>&1
fi

# Python's suite builds the debug profile here (OKRKIT_PY_PROFILE; its own
# default is release, as published): overflow checks and debug assertions
# stay on, and a release build of the same core is tested by the Node suite.
# In two clean runs: the suite took 590 s with its release build (built in 435 s),
# 220 s with the debug one (built in 115 s).
export OKRKIT_PY_PROFILE=${OKRKIT_PY_PROFILE:-debug}

for binding in python node kotlin swift; do
  script="$root/bindings/$binding/test.sh"
  [ "$binding" = kotlin ] && script="$root/bindings/ffi/test-kotlin.sh"
  [ "$binding" = swift ] && script="$root/bindings/ffi/test-swift.sh"
  if want "$binding" && [ -f "$script" ]; then
    section "$binding"
    bash "$script"
  fi
done

if want fuzz && [ -f "$root/fuzz/smoke.sh" ]; then
  section "fuzz smoke run"
  bash "$root/fuzz/smoke.sh"
fi

close_section
current=""
printf '\n==== time and disk per suite (MB written, less any freed) ====\n'
printf '%s\n' "${timings[@]}"
printf 'disk: %s MB free at the end\n' "$(free_mb)"
section "all suites passed"
