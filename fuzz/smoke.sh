#!/usr/bin/env bash
# A short fuzz run of every target over the committed corpus (CI's smoke run).
# Long runs (10+ minutes a target) are done by hand:
#   cd fuzz && cargo fuzz run --sanitizer none document -- -max_total_time=600
set -euo pipefail
cd "$(dirname "$0")"
secs=${OKRKIT_FUZZ_SECONDS:-15}
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
# 16 codegen units, not cargo-fuzz's default of one: on CI's two cores the
# build took 3m34s instead of 5m35s (the same machine, one after the other),
# and a 15-second run made about as many executions (53k/258k/236k/40k for
# document/classify/ledger/csv, against 60k/188k/407k/45k with one unit in
# the CI run before; this host's speed swings more than that).
for target in document classify ledger csv table import checkpoint; do
  mkdir -p "/tmp/okrkit-fuzz-corpus/$target"
  # New inputs go to a scratch folder; the committed corpus is only read.
  cargo fuzz run --sanitizer none --codegen-units 16 "$target" "/tmp/okrkit-fuzz-corpus/$target" "corpus/$target" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 2>&1 | tail -n 3
done
echo "fuzz smoke: 7 targets, ${secs}s each, no crash"
