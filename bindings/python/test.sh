#!/usr/bin/env bash
# Builds the Python package and runs its test suite. Idempotent; fast when warm.
#
#   bash bindings/python/test.sh            # from anywhere
#
# Creates (or reuses) a venv at bindings/python/.venv with maturin, pytest and
# the optional packages the tests exercise (pandas, polars, pyarrow, matplotlib, mypy),
# checks that the files generated from the core's schema are current
# (`cargo run -p okrkit-codegen -- check`: enums.py, _types.py, the schema),
# builds and installs okrkit into it with `maturin develop --release` (reusing
# the workspace target/; OKRKIT_PY_PROFILE=debug builds the faster debug
# profile while developing), then runs pytest. pytest exit code 5 (no tests
# collected) counts as a failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

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

echo "checking generated files (okrkit-codegen check)"
(cd "$here/../.." && cargo run --quiet --locked -p okrkit-codegen -- check)

profile=${OKRKIT_PY_PROFILE:-release}
case "$profile" in
  release) build_flags=(--release) ;;
  debug) build_flags=() ;;
  *) echo "OKRKIT_PY_PROFILE must be release or debug, not '$profile'" >&2; exit 2 ;;
esac
echo "building okrkit (maturin develop, $profile)"
start=$(date +%s)
log="$(mktemp)"
if ! maturin develop "${build_flags[@]}" --quiet >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
grep -v '^\s*$' "$log" | tail -n 3 || true
echo "built in $(( $(date +%s) - start )) s"

set +e
python -m pytest -q -rs tests "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
