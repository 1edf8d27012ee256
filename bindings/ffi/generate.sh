#!/usr/bin/env bash
# Generates the Kotlin or Swift binding from a built okrkit_ffi library (uniffi library mode).
# The library holds two uniffi crates: okrkit_ffi (the binding) and okrkit (its `uniffi` feature:
# records and enums derived on the core's types); each gets its own file(s): Kotlin packages
# dev.okrkit and dev.okrkit.core; Swift OkrKit.swift and OkrKitCore.swift, both compiled into the
# one `OkrKit` module (each with its FFI header and modulemap). `bindgen.toml` configures both.
# The one way every script here (tests, AAR/XCFramework packaging) makes the binding:
#
#   bash bindings/ffi/generate.sh LIBRARY kotlin|swift OUT_DIR [UNIFFI_BINDGEN]
#
# * Works outside this checkout and without `cargo metadata`: `bindgen.toml` names the crate root
#   (for `uniffi.toml`), and the uniffi-bindgen binary is built without uniffi's cargo-metadata
#   feature. Copy bindings/ffi/{bindgen.toml,uniffi.toml,generate.sh} next to your project.
# * Needs the library's symbol table (uniffi keeps its metadata there): generate from the
#   unstripped library, or from one stripped of debug info only (`strip --strip-debug`, or the
#   `mobile` cargo profile), never from a fully stripped one — strip after generating.
# * Kotlin: a string holding a lone UTF-16 surrogate (an emoji cut in half by `take(n)`) would
#   throw java.nio.charset.MalformedInputException from uniffi's string conversion, outside the
#   library's exceptions. The generated encoder is switched to replace it with U+FFFD (the
#   standard replacement character), as java.lang.String.getBytes does; the script fails if the
#   generated code no longer has the line it replaces.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="$1"
lang="$2"
out="$3"
bindgen="${4:-$(cd "$here/../.." && pwd)/target/debug/uniffi-bindgen}"

"$bindgen" generate "$lib" --language "$lang" --out-dir "$out" --no-format -c "$here/bindgen.toml"

if [ "$lang" = kotlin ]; then
  # Two files, one per uniffi crate of the library: dev/okrkit/okrkit_ffi.kt (the binding) and
  # dev/okrkit/core/okrkit.kt (the records and enums derived on the core's types), each with its
  # own string conversion.
  report='onMalformedInput(CodingErrorAction.REPORT)'
  for kt in "$out/dev/okrkit/okrkit_ffi.kt" "$out/dev/okrkit/core/okrkit.kt"; do
    if ! grep -qF "$report" "$kt"; then
      echo "error: $kt no longer has '$report' (uniffi changed its string conversion): check lone surrogates" >&2
      exit 1
    fi
    # perl, not `sed -i` (BSD sed on macOS takes the script as a backup suffix).
    perl -pi -e 's/onMalformedInput\(CodingErrorAction\.REPORT\)/onMalformedInput(CodingErrorAction.REPLACE).replaceWith(byteArrayOf(0xEF.toByte(), 0xBF.toByte(), 0xBD.toByte()))/' "$kt"
  done
fi
