#!/usr/bin/env bash
# Builds the Python binding as the release abi3 wheel that ships (maturin, shared target dir) and
# installs it into the project's .venv. Usage: bindings-python/build.sh
# Honours $CARGO_TARGET_DIR (the wheel goes to $CARGO_TARGET_DIR/wheels-python; default: target/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
py="$root/.venv/bin/python"
wheels="${CARGO_TARGET_DIR:-$root/target}/wheels-python"
cd "$here"
echo "== build (maturin, release, abi3)"
rm -f "$wheels"/kassa-*.whl
"$root/.venv/bin/maturin" build --release --target x86_64-unknown-linux-gnu -i "$py" --out "$wheels"
"$py" -m pip install --quiet --force-reinstall --no-deps "$wheels"/kassa-*.whl
