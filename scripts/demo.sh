#!/usr/bin/env bash
# The README's main job: a user's day with kassa against `kassa sandbox`, through the Python
# binding (scripts/demo.py: an invoice with its EPC QR code, the customer pays, the webhooks
# arrive and are verified, an identity check through Billit, Solaris and PassportReader).
# Builds the `kassa` binary and the Python wheel when they are missing; starts and stops
# everything it needs. Usage: scripts/demo.sh [--out DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

cargo build -q -p kassa-cli
py="$root/.venv/bin/python"
if ! "$py" -c "import kassa" 2>/dev/null; then
  bash bindings-python/build.sh >/dev/null
fi
exec "$py" scripts/demo.py --kassa "$target_dir/debug/kassa" "$@"
