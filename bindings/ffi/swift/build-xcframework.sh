#!/usr/bin/env bash
# Builds OkrKitFFI.xcframework (static libraries for iOS devices and simulators, and macOS) and
# generates Sources/OkrKit/{OkrKit,OkrKitCore}.swift for Package.swift. Needs macOS with Xcode and rustup.
# NOT run by the project's CI and never run on the Linux machines okrkit is developed on:
# it follows uniffi's documented xcframework layout but is untested.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"

rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin
for t in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin; do
  cargo build --release -p okrkit-ffi --target "$t"
done

# Swift sources and the C header / module map, from the host library (library mode).
cargo build -p okrkit-ffi
cargo build -p uniffi-bindgen
gen="$(mktemp -d)"
bash "$here/../generate.sh" "$target/debug/libokrkit_ffi.dylib" swift "$gen"
mkdir -p "$here/Sources/OkrKit" "$gen/include"
# Two uniffi crates in the library (the binding and the core's derived records): two Swift files
# of the one OkrKit module, two headers; an xcframework's module map must be called
# module.modulemap, so it declares both C modules.
cp "$gen/OkrKit.swift" "$gen/OkrKitCore.swift" "$here/Sources/OkrKit/"
cp "$gen/OkrKitFFI.h" "$gen/OkrKitCoreFFI.h" "$gen/include/"
cat "$gen/OkrKitFFI.modulemap" "$gen/OkrKitCoreFFI.modulemap" >"$gen/include/module.modulemap"

sim="$target/ios-sim-universal/release"
mkdir -p "$sim"
lipo -create "$target/aarch64-apple-ios-sim/release/libokrkit_ffi.a" \
  "$target/x86_64-apple-ios/release/libokrkit_ffi.a" -output "$sim/libokrkit_ffi.a"

rm -rf "$here/OkrKitFFI.xcframework"
xcodebuild -create-xcframework \
  -library "$target/aarch64-apple-ios/release/libokrkit_ffi.a" -headers "$gen/include" \
  -library "$sim/libokrkit_ffi.a" -headers "$gen/include" \
  -library "$target/aarch64-apple-darwin/release/libokrkit_ffi.a" -headers "$gen/include" \
  -output "$here/OkrKitFFI.xcframework"
echo "wrote $here/OkrKitFFI.xcframework and $here/Sources/OkrKit/{OkrKit,OkrKitCore}.swift"
