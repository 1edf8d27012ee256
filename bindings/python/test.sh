#!/usr/bin/env bash
# Builds the Python package and runs its test suite. Idempotent; fast when warm.
#
#   bash bindings/python/test.sh                 # from anywhere
#   bash bindings/python/test.sh --write-stubs   # rewrite python/okrkit/_okrkit.pyi, then test
#
# Creates (or reuses) a venv at bindings/python/.venv with maturin, pytest and
# the optional packages the tests exercise (pandas, polars, pyarrow, matplotlib, mypy),
# checks that the files generated from the core's schema are current
# (`cargo run -p okrkit-codegen -- check`: enums.py, _types.py, the schema),
# builds and installs okrkit into it with `maturin develop --release` (reusing
# the workspace target/; OKRKIT_PY_PROFILE=debug builds the faster debug
# profile while developing) with the cargo feature `stubs` (pyo3's
# introspection data), checks that python/okrkit/_okrkit.pyi is what that very
# library describes (`okrkit-python-stubgen check`; no second build), then runs
# pytest. pytest exit code 5 (no tests collected) counts as a failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

stubs_mode=check
if [ "${1:-}" = --write-stubs ]; then
  stubs_mode=write
  shift
fi

python=${PYTHON:-python3}
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv"
  "$python" -m venv "$venv"
fi
# shellcheck disable=SC1091
source "$venv/bin/activate"

# Install the tools once; a marker records what was installed.
requirements="maturin>=1.16,<2 pytest>=8 pandas polars pyarrow matplotlib mypy"
marker="$venv/.okrkit-test-deps"
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$requirements" ]; then
  python -m pip install --quiet --upgrade pip
  # shellcheck disable=SC2086
  python -m pip install --quiet $requirements
  echo "$requirements" > "$marker"
fi

# scripts/test-all.sh has run the same check as a test (OKRKIT_CODEGEN_CHECKED=1).
if [ "${OKRKIT_CODEGEN_CHECKED:-0}" != 1 ]; then
  echo "checking generated files (okrkit-codegen check)"
  (cd "$here/../.." && cargo run --quiet --locked -p okrkit-codegen -- check)
fi

profile=${OKRKIT_PY_PROFILE:-release}
case "$profile" in
  release) build_flags=(--release) ;;
  debug) build_flags=() ;;
  *) echo "OKRKIT_PY_PROFILE must be release or debug, not '$profile'" >&2; exit 2 ;;
esac
# The stubs build: the `stubs` feature in place of the default `abi3` (pyo3
# 0.30.1's introspection needs the stable ABI of 3.11 here, see Cargo.toml).
# Same Python surface as the wheel; on Python 3.10 the stub check is skipped.
if python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  feature_flags=(--no-default-features --features extension-module,stubs,test-hooks)
  stubs=yes
else
  feature_flags=(--features test-hooks)
  stubs=no
fi
echo "building okrkit (maturin develop, $profile, stubs: $stubs)"
start=$(date +%s)
log="$(mktemp)"
if ! maturin develop "${build_flags[@]}" "${feature_flags[@]}" --quiet >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
grep -v '^\s*$' "$log" | tail -n 3 || true
echo "built in $(( $(date +%s) - start )) s"

if [ "$stubs" = yes ]; then
  start=$(date +%s)
  library=$(python -c 'import okrkit._okrkit as m; print(m.__file__)')
  echo "stubs: okrkit-python-stubgen $stubs_mode (pyo3 introspection of $(basename "$library"))"
  (cd "$here/../.." && cargo run --quiet --locked -p okrkit-python-stubgen -- "$stubs_mode" "$library")
  echo "stubs $stubs_mode in $(( $(date +%s) - start )) s"
elif [ "${OKRKIT_SKIP_STUB_CHECK:-0}" = 1 ]; then
  echo "stubs: check skipped (Python < 3.11, OKRKIT_SKIP_STUB_CHECK=1)" >&2
else
  echo "stubs: cannot check with Python < 3.11 (pyo3 0.30.1's introspection needs abi3-py311);" \
    "use Python 3.11+, or set OKRKIT_SKIP_STUB_CHECK=1 to run the rest without it" >&2
  exit 1
fi

# The wheel's own configuration (default features: abi3-py310, no introspection
# data) is not what was just built: compile it too, so that nothing breaks
# only there.
if [ "$stubs" = yes ]; then
  start=$(date +%s)
  echo "checking the wheel's configuration (cargo check, default features)"
  (cd "$here/../.." && cargo check --locked --quiet -p okrkit-python --features extension-module)
  echo "checked in $(( $(date +%s) - start )) s"
fi

set +e
python -m pytest -q -rs tests "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
