#!/usr/bin/env bash
# Compiles the generated Swift binding on Linux and runs LinuxTest/main.swift over the shared
# vectors (progress, invalid, health, score, classify, ledger, ledger/proof, import, bad) and the Kotlin MobileTest's twins.
#
# Run by CI through ../test-swift.sh, which makes the Debian trixie chroot with `swiftlang`
# (debootstrap, as root) and passes it as SWIFT_ROOT. By hand, with a chroot you already have:
#
#   SWIFT_ROOT=/path/to/chroot bash bindings/ffi/swift/run-linux-test.sh   (as root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
swiftroot="${SWIFT_ROOT:-/work/scratch/swiftroot}"
[ -x "$swiftroot/usr/bin/swiftc" ] || { echo "error: no swiftc in $swiftroot (see the header of this script)" >&2; exit 1; }

echo "== cargo build -p okrkit-ffi, uniffi-bindgen"
cargo build --locked -q -p okrkit-ffi
cargo build --locked -q -p uniffi-bindgen

# Everything the compiler needs, inside the chroot (absolute paths there start at /root/okrkit-swift).
inside=/root/okrkit-swift
work="$swiftroot$inside"
rm -rf "$work" && mkdir -p "$work"
bash "$here/../generate.sh" "$target/debug/libokrkit_ffi.so" swift "$work"
cp "$target/debug/libokrkit_ffi.so" "$here/LinuxTest/main.swift" "$work/"
# The vectors, each document also written alone so its numbers reach okrkit exactly as written
# (Python's float repr round-trips).
mkdir -p "$work/vectors"
python3 - "$root/tests/vectors" "$work/vectors" <<'PY'
import json, os, shutil, sys
src, dst = sys.argv[1:3]
for sub in ("progress", "invalid", "health", "score", "classify", "ledger"):
    os.makedirs(os.path.join(dst, sub), exist_ok=True)
    for name in sorted(os.listdir(os.path.join(src, sub))):
        if not name.endswith(".json"):
            continue
        shutil.copy(os.path.join(src, sub, name), os.path.join(dst, sub, name))
        with open(os.path.join(src, sub, name)) as f:
            doc = json.load(f).get("document")
        if doc is not None:
            with open(os.path.join(dst, sub, name[:-5] + ".document.json"), "w") as f:
                json.dump(doc, f)
# import/ and ledger/proof/: the vectors (and import's input files), as they are.
shutil.copytree(os.path.join(src, "import"), os.path.join(dst, "import"))
shutil.copytree(os.path.join(src, "ledger", "proof"), os.path.join(dst, "ledger", "proof"))
# bad/: each input as the bytes okrkit receives: NAME.input (text as UTF-8, a lone surrogate kept
# as its invalid bytes; base64 decoded; a "json" object written with its numbers as written).
import base64, decimal
def dump(o):
    if isinstance(o, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dump(x) for k, x in o.items()) + "}"
    if isinstance(o, list):
        return "[" + ",".join(dump(x) for x in o) + "]"
    if isinstance(o, decimal.Decimal):
        return str(o)
    return json.dumps(o)
os.makedirs(os.path.join(dst, "bad"), exist_ok=True)
for name in sorted(os.listdir(os.path.join(src, "bad"))):
    if not name.endswith(".json"):
        continue
    shutil.copy(os.path.join(src, "bad", name), os.path.join(dst, "bad", name))
    with open(os.path.join(src, "bad", name)) as f:
        inp = json.load(f, parse_float=decimal.Decimal)["input"]
    if "inject" in inp:
        continue
    if "text" in inp:
        data = inp["text"].encode("utf-8", "surrogatepass")
    elif "bytes_base64" in inp:
        data = base64.b64decode(inp["bytes_base64"])
    elif "json" in inp:
        data = dump(inp["json"]).encode("utf-8", "surrogatepass")
    else:
        continue
    with open(os.path.join(dst, "bad", name[:-5] + ".input"), "wb") as f:
        f.write(data)
os.makedirs(os.path.join(dst, "surface"), exist_ok=True)
shutil.copy(os.path.join(src, "surface", "operations.json"), os.path.join(dst, "surface", "operations.json"))
PY

mounted=0
if ! mountpoint -q "$swiftroot/proc"; then mount -t proc proc "$swiftroot/proc"; mounted=1; fi
trap '[ "$mounted" = 1 ] && umount "$swiftroot/proc"' EXIT

echo "== swiftc (module OkrKit from OkrKit.swift and OkrKitCore.swift, then the test program importing it)"
chroot "$swiftroot" bash -euo pipefail -c "
  cd $inside
  swiftc --version 2>&1 | head -1
  maps='-Xcc -fmodule-map-file=$inside/OkrKitFFI.modulemap -Xcc -fmodule-map-file=$inside/OkrKitCoreFFI.modulemap'
  swiftc -emit-library -emit-module -module-name OkrKit -parse-as-library OkrKit.swift OkrKitCore.swift \
    \$maps -I $inside -L $inside -lokrkit_ffi -o libOkrKit.so
  swiftc main.swift -I $inside \$maps \
    -L $inside -lOkrKit -lokrkit_ffi -o okrtest
  echo '== run'
  LD_LIBRARY_PATH=$inside ./okrtest $inside/vectors
"
