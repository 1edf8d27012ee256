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
#   2. the criterion benchmarks (benches/benches/*.rs);
#   3. the Python comparison (okrkit vs plain Python vs pandas) and the Node
#      comparison (okrkit vs plain JavaScript), when those bindings are built
#      (bash bindings/python/test.sh, bash bindings/node/test.sh build them);
# and prints one table (time per operation, throughput, peak RSS, ratios) and
# writes the same as JSON to bench-results/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
out=bench-results
mkdir -p "$out"
if [ "$quick" = 1 ]; then sizes="1000 10000 100000"; else sizes="1000 10000 100000 1000000"; fi
# The plain-Python and plain-JavaScript baselines parse the whole document into
# native objects: at 1,000,000 key results that is a 1.2 GB JSON text (beyond
# V8's largest string) and tens of GB of Python objects, so they stop at 100,000.
cmp_sizes="1000 10000 100000"

echo "== building (release)" >&2
cargo build --release --locked -q -p okrkit-benches --bin suite

: > "$out/rust.jsonl"
for n in $sizes; do
  echo "== suite: $n key results" >&2
  ./target/release/suite "$n" load >> "$out/rust.jsonl"
  ./target/release/suite "$n" >> "$out/rust.jsonl"
  ./target/release/suite "$n" ledger >> "$out/rust.jsonl"
  ./target/release/suite "$n" tables >> "$out/rust.jsonl"
done

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
if [ -x "$py" ] && "$py" -c "import okrkit" 2>/dev/null; then
  for n in $cmp_sizes; do
    echo "== python comparison: $n" >&2
    "$py" benches/python/compare.py --key-results "$n" --repeat 3 --json >> "$out/python.jsonl" || echo "python comparison failed at $n" >&2
  done
else
  echo "== python binding not built: skipped (bash bindings/python/test.sh builds it)" >&2
fi

: > "$out/node.jsonl"
if ls bindings/node/*.node >/dev/null 2>&1; then
  for n in $cmp_sizes; do
    echo "== node comparison: $n" >&2
    node benches/node/compare.js --key-results "$n" --repeat 3 --json >> "$out/node.jsonl" || echo "node comparison failed at $n" >&2
  done
else
  echo "== node binding not built: skipped (bash bindings/node/test.sh builds it)" >&2
fi

python3 scripts/bench_report.py "$out"
