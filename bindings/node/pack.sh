#!/usr/bin/env bash
# Packs the Node binding from a checkout, for this platform, and proves the
# packages install and load: a release build (no test hooks), its `.node`
# stripped, the platform package (npm/<platform>) and the main package packed
# with `npm pack`, both installed into a temporary project, `require('okrkit')`
# run there. Prints the sizes. The .tgz files land in bindings/node/dist/.
#
#   bash bindings/node/pack.sh
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Release build into the staging folder: the checkout's own build (with the
# test hooks) is left as it is.
npx napi build --platform --release --js native.js --dts native.d.ts --output-dir "$stage/build"
node scripts/dts-docs.js "$stage/build/native.d.ts"
# No doc comment may keep a raw string's `r"` (dts-docs.js fails on one too).
if grep -nE '^[[:space:]]*(/\*\*|\*) r#*"' "$stage/build/native.d.ts"; then
  echo "native.d.ts: doc comments start with r\" (scripts/dts-docs.js did not mend them)" >&2
  exit 1
fi
node_file=$(cd "$stage/build" && ls okrkit.*.node)
platform=${node_file#okrkit.}
platform=${platform%.node}
[ -d "npm/$platform" ] || { echo "no npm/$platform package folder for this platform" >&2; exit 1; }
size() { stat -c %s "$1" 2>/dev/null || stat -f %z "$1"; }
before=$(size "$stage/build/$node_file")
strip "$stage/build/$node_file" 2>/dev/null || strip -x "$stage/build/$node_file"
after=$(size "$stage/build/$node_file")

# The platform package: its package.json and the stripped binary.
mkdir -p "$stage/platform" dist
cp "npm/$platform/package.json" "$stage/platform/"
cp "$stage/build/$node_file" "$stage/platform/"
# The main package: the entry, the generated loader and declarations, and the
# platform package as an optional dependency (what `napi prepublish` adds).
mkdir -p "$stage/main"
cp package.json index.js index.d.ts actions.js arity.js "$stage/main/"
cp "$stage/build/native.js" "$stage/build/native.d.ts" "$stage/main/"
cp ../../LICENSE* "$stage/main/" 2>/dev/null || true
version=$(node -p 'require("./package.json").version')
node -e '
  const fs = require("fs"); const p = process.argv[1]; const j = JSON.parse(fs.readFileSync(p));
  j.optionalDependencies = { [process.argv[2]]: process.argv[3] }; delete j.devDependencies; delete j.scripts
  fs.writeFileSync(p, JSON.stringify(j, null, 2) + "\n")' "$stage/main/package.json" "okrkit-$platform" "$version"
(cd "$stage/platform" && npm pack --silent --pack-destination "$here/dist" >/dev/null)
(cd "$stage/main" && npm pack --silent --pack-destination "$here/dist" >/dev/null)
main_tgz="$here/dist/okrkit-$version.tgz"
plat_tgz="$here/dist/okrkit-$platform-$version.tgz"

# Install both into a fresh project, offline, and use it as a user would.
mkdir -p "$stage/app"
(cd "$stage/app" && npm init -y >/dev/null && npm install --offline --no-audit --no-fund "$plat_tgz" "$main_tgz" >/dev/null)
(cd "$stage/app" && node -e '
  const okr = require("okrkit")
  const org = new okr.Org({ teams: [{ id: "t", name: "T" }] })
  if (org.keyResultCount !== 0) throw new Error("wrong org")
  if ("__panicForTests" in okr || "__benchProgress" in okr) throw new Error("test hooks in the package")
  try { new okr.Org(new Map()) } catch (e) { if (!(e instanceof okr.OkrError) || e.code !== "parse_error") throw e }
  if (!require("okrkit/package.json").version) throw new Error("no package.json export")
  console.log("installed package loads: okrkit", require("okrkit/package.json").version)')
printf '%s: %d bytes unstripped, %d bytes stripped\n' "$node_file" "$before" "$after"
printf 'packages: %s (%d bytes), %s (%d bytes)\n' "$(basename "$plat_tgz")" "$(size "$plat_tgz")" "$(basename "$main_tgz")" "$(size "$main_tgz")"
