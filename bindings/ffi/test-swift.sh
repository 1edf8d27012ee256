#!/usr/bin/env bash
# Runs the Swift binding's tests on Linux: makes (once) a Debian trixie chroot holding Debian's
# `swiftlang` package, then compiles the uniffi-generated Swift binding and LinuxTest/main.swift
# in it and runs them over the shared vectors (swift/run-linux-test.sh does that part).
#
#   bash bindings/ffi/test-swift.sh          # from anywhere; called by scripts/test-all.sh
#
# The chroot is kept in $OKRKIT_SWIFT_ROOT (default ~/.cache/okrkit/swiftroot-trixie) and reused:
# making it takes about 4.5 minutes and 3.1 GB on the project's machine (2 cores), all of it from
# Debian's package registry. It needs root (debootstrap and chroot), as CI runs. Without root, or
# with OKRKIT_SKIP_SWIFT=1, the suite says so and is skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
swiftroot="${OKRKIT_SWIFT_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/okrkit/swiftroot-trixie}"

if [ "${OKRKIT_SKIP_SWIFT:-0}" = 1 ]; then
  echo "swift: skipped (OKRKIT_SKIP_SWIFT=1)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "swift: skipped (debootstrap and chroot need root; CI runs as root)"
  exit 0
fi

if [ ! -x "$swiftroot/usr/bin/swiftc" ]; then
  if ! command -v debootstrap >/dev/null; then
    echo "== installing debootstrap (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  echo "== making the Swift chroot (Debian trixie + swiftlang) in $swiftroot"
  start=$(date +%s)
  partial="$swiftroot.partial"
  rm -rf "$partial" && mkdir -p "$partial"
  # libc6-dev: crti.o and the C headers the Swift driver links against.
  if ! debootstrap --variant=minbase --include=swiftlang,libc6-dev trixie "$partial" \
      http://deb.debian.org/debian >"$partial.log" 2>&1; then
    tail -30 "$partial.log" >&2
    exit 1
  fi
  rm -rf "$swiftroot" && mv "$partial" "$swiftroot" && rm -f "$partial.log"
  echo "   made in $(( $(date +%s) - start )) s ($(du -sh "$swiftroot" | cut -f1))"
fi

SWIFT_ROOT="$swiftroot" bash "$here/swift/run-linux-test.sh"
