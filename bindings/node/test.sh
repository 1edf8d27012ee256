#!/usr/bin/env bash
# Builds the Node.js binding and runs its whole suite, from clean on a fresh machine
# (needs Node >= 20 with npm, and Rust): npm ci, napi build, node --test, tsc.
#
#   bash bindings/node/test.sh                     # release build, as published
#   OKRKIT_NODE_DEBUG=1 bash bindings/node/test.sh   # debug build, no packaging test
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null || { echo "node (>= 20) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is required" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "node >= 20 is required (found $(node --version))" >&2; exit 1; }

# Dependencies from the committed lockfile; skipped when node_modules matches it.
# `npm install` rather than `npm ci`: npm 11 leaves the other platforms' optional
# packages of @napi-rs/cli's own dependencies out of the lockfile, and `npm ci`
# then refuses it as "out of sync"; `npm install` keeps the locked versions.
lock_hash=$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex"))')
if [ "$(cat node_modules/.okrkit-lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  npm install --no-audit --no-fund
  printf '%s' "$lock_hash" > node_modules/.okrkit-lock-hash
fi

if [ "${OKRKIT_NODE_DEBUG:-0}" = 1 ]; then
  npm run build:debug -- --features test-hooks
else
  npm run build -- --features test-hooks
fi

npm run check:types
npm test
npm run typecheck
# Packaging, with the release build only: pack, install into a temporary
# project, require('okrkit') there (pack.sh).
if [ "${OKRKIT_NODE_DEBUG:-0}" != 1 ]; then
  bash pack.sh
fi
echo "node binding: all tests passed"
