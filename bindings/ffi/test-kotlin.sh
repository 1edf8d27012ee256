#!/usr/bin/env bash
# Builds the okrkit uniffi library, generates the Kotlin binding from it (library mode) and runs
# the JUnit 5 suite on the JVM through JNA: the shared vectors in tests/vectors and the error paths.
#
#   bash bindings/ffi/test-kotlin.sh        # from anywhere; called by scripts/test-all.sh
#
# Needs cargo, a JDK (17+) and Maven; on a fresh Debian machine without Maven it installs
# `maven` and `default-jdk-headless` with apt-get (as root). Maven downloads Kotlin, JNA, JUnit
# and org.json from Maven Central on the first run. Warm runs reuse target/ (the uniffi-bindgen
# binary is built once) and ~/.m2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing maven and a JDK (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends maven default-jdk-headless >/dev/null
  else
    echo "error: Maven and a JDK 17+ are needed (apt-get install maven default-jdk-headless)" >&2
    exit 1
  fi
fi

echo "== cargo build -p okrkit-ffi"
cargo build --locked -q -p okrkit-ffi
lib="$target/debug/libokrkit_ffi.so"
[ -f "$lib" ] || { echo "error: $lib was not built" >&2; exit 1; }

echo "== uniffi-bindgen (built once, then reused from target/)"
cargo build --locked -q -p uniffi-bindgen

# Generate into a scratch dir and copy only when the output changed, so a warm run does not
# touch the Maven sources.
gen="$here/kotlin/target/generated-sources/uniffi"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bash "$here/generate.sh" "$lib" kotlin "$tmp"
# When it changed, the compiled classes go too: a type the binding no longer declares (moved to
# the core's package dev.okrkit.core) would otherwise linger in target/classes and shadow it.
if ! diff -rq "$tmp" "$gen" >/dev/null 2>&1; then
  rm -rf "$gen" "$here/kotlin/target/classes" "$here/kotlin/target/test-classes"
  mkdir -p "$gen" && cp -r "$tmp"/. "$gen"/
fi

echo "== mvn -B test (bindings/ffi/kotlin)"
cd "$here/kotlin"
mvn -B -ntp test -Dnative.lib.dir="$target/debug" -Dokrkit.vectors="$root/tests/vectors"
