#!/usr/bin/env bash
# The benchmark suite: speed, memory and scaling, in every language.
#
#   bash scripts/bench.sh            # sizes 1k, 10k, 100k, 1M key results (about 20 minutes)
#   bash scripts/bench.sh --quick    # sizes 1k, 10k, 100k; short criterion runs (under 5 minutes)
#
# Builds in release mode, then runs
#   1. the suite driver (benches/src/bin/suite.rs), one process per size, so each
#      size's peak RSS is its own: load+validate, progress roll-up as of a date,
#      classify, lint, scoring+health, ledger replay+verify, the progress report
#      tables; and issue 18's ratios, each to a reference timed in the same
#      process (a plain scan of the check-in columns, serde_json IgnoredAny
#      over the same bytes, SHA-256 over the same ledger bytes, the JSON text's
#      size for resident memory);
#   2. the CSV reader at 20k and 80k rows (benches/src/bin/import_table.rs:
#      issue 18's "linear"), then the criterion benchmarks (benches/benches/*.rs);
#   3. the Python comparison (okrkit vs plain Python vs pandas) and the Node
#      comparison (okrkit vs plain JavaScript);
#   4. issue 18's hand-over ratios: the four progress tables as polars and
#      pandas frames (benches/python/table_handover.py at 20k, 200k and 1M key
#      results) and every objective read through Arrow in Node
#      (benches/node/arrow_handover.js at 1k, 10k and 100k), each against the
#      native roll-up of the same run;
# and prints one table (time per operation, throughput, peak RSS, ratios) and
# writes the same as JSON to bench-results/results.json. `--markdown FILE` (a
# path from the repository root) also writes the figures and issue 18's ratios,
# with the machine, the commit and the load, into FILE between its
# `<!-- bench.sh:begin -->` and `<!-- bench.sh:end -->` lines (BENCHMARKS.md's
# "Now"). Any other argument is refused.
#
# Steps 3 and 4 build the bindings first, in release with their test hooks (the
# native roll-up they compare against): Python into bindings/python/.venv, Node
# into bindings/node. Each is skipped, saying so, until its test script has set
# it up once (bash bindings/python/test.sh, bash bindings/node/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
markdown=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --markdown) markdown=${2:?--markdown needs a file (a path from the repository root)}; shift ;;
    *) echo "unknown argument '$1'; usage: bash scripts/bench.sh [--quick] [--markdown FILE]" >&2; exit 2 ;;
  esac
  shift
done
# The file must hold the block to replace: said now, not after the run.
if [ -n "$markdown" ] && ! { grep -qF '<!-- bench.sh:begin -->' "$markdown" 2>/dev/null && grep -qF '<!-- bench.sh:end -->' "$markdown"; }; then
  echo "$markdown has no <!-- bench.sh:begin --> … <!-- bench.sh:end --> block to write into" >&2
  exit 2
fi
out=bench-results
mkdir -p "$out"
if [ "$quick" = 1 ]; then sizes="1000 10000 100000"; else sizes="1000 10000 100000 1000000"; fi
# The plain-Python and plain-JavaScript baselines parse the whole document into
# native objects: at 1,000,000 key results that is a 1.2 GB JSON text (beyond
# V8's largest string) and tens of GB of Python objects, so they stop at 100,000.
cmp_sizes="1000 10000 100000"
if [ "$quick" = 1 ]; then frame_sizes="20000 200000"; else frame_sizes="20000 200000 1000000"; fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
# The commit measured, read before anything is built (the report is written last).
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit with uncommitted changes"; fi

echo "== building (release)" >&2
cargo build --release --locked -q -p okrkit-benches --bin suite --bin import_table
# Built from this checkout, not taken from another one's build into the same
# target/ (scripts/built_here.py says how that happens).
python3 scripts/built_here.py target/release/suite target/release/import_table

: > "$out/rust.jsonl"
for n in $sizes; do
  echo "== suite: $n key results" >&2
  ./target/release/suite "$n" load >> "$out/rust.jsonl"
  ./target/release/suite "$n" >> "$out/rust.jsonl"
  ./target/release/suite "$n" ledger >> "$out/rust.jsonl"
  ./target/release/suite "$n" tables >> "$out/rust.jsonl"
done

# The CSV reader at 20k and 80k rows, half as many distinct people (issue 18:
# linear; 80k rows once took 35x the time of 20k).
echo "== csv import: 20000, 80000 rows" >&2
./target/release/import_table 20000 80000 > "$out/import.jsonl"

echo "== criterion" >&2
if [ "$quick" = 1 ]; then
  OKRKIT_BENCH_KEY_RESULTS=10000 LEDGER_BENCH_ENTRIES=100000 \
    cargo bench --locked -q -p okrkit-benches --bench core --bench classify --bench ledger -- --warm-up-time 0.5 --measurement-time 1 2>/dev/null \
    | grep -E "^[a-z_/0-9]+( |$)|time:|thrpt:" | grep -v "%" > "$out/criterion.txt" || true
else
  cargo bench --locked -q -p okrkit-benches --bench core --bench classify --bench ledger 2>/dev/null | grep -E "^[a-z_/0-9]+( |$)|time:|thrpt:" | grep -v "%" > "$out/criterion.txt" || true
fi

py=bindings/python/.venv/bin/python
: > "$out/python.jsonl"
: > "$out/python_frames.jsonl"
if [ -x bindings/python/.venv/bin/maturin ]; then
  echo "== building the Python binding (release, test hooks)" >&2
  (cd bindings/python && .venv/bin/maturin develop --release --features test-hooks --quiet >/dev/null)
  for n in $cmp_sizes; do
    echo "== python comparison: $n" >&2
    "$py" benches/python/compare.py --key-results "$n" --repeat 3 --json >> "$out/python.jsonl" || echo "python comparison failed at $n" >&2
  done
  for n in $frame_sizes; do
    echo "== python frames (issue 18): $n" >&2
    "$py" benches/python/table_handover.py --key-results "$n" --repeat 7 --clock cpu --json >> "$out/python_frames.jsonl" || echo "python frames failed at $n" >&2
  done
else
  echo "== python binding: skipped (bash bindings/python/test.sh sets up its venv once)" >&2
fi

: > "$out/node.jsonl"
: > "$out/node_arrow.jsonl"
if [ -d bindings/node/node_modules ]; then
  echo "== building the Node binding (release, test hooks)" >&2
  (cd bindings/node && npm run --silent build -- --features test-hooks >/dev/null)
  for n in $cmp_sizes; do
    echo "== node comparison: $n" >&2
    node benches/node/compare.js --key-results "$n" --repeat 3 --json >> "$out/node.jsonl" || echo "node comparison failed at $n" >&2
  done
  for n in $cmp_sizes; do
    echo "== node objectives through Arrow (issue 18): $n" >&2
    node benches/node/arrow_handover.js --key-results "$n" --repeat 31 --json >> "$out/node_arrow.jsonl" || echo "node arrow hand-over failed at $n" >&2
  done
else
  echo "== node binding: skipped (bash bindings/node/test.sh installs its dependencies once)" >&2
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
OKRKIT_BENCH_LOAD="$load_before → $load_after" OKRKIT_BENCH_QUICK=$quick OKRKIT_BENCH_COMMIT="$commit" \
  OKRKIT_BENCH_STARTED="$started" \
  python3 scripts/bench_report.py "$out" ${markdown:+--markdown "$markdown"}
