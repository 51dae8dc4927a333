#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh machine. Idempotent: a second run
# skips what is already there.
# Usage: scripts/setup.sh [all|python]   (python: only what the Python binding and the demo need)
set -euo pipefail
what=${1:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
WASM_BINDGEN_VERSION=0.2.130

log() { printf '[setup] %s\n' "$*"; }

# Python: a venv with maturin, pytest, mypy, the test dependencies and the pinned peers of
# bench/peers.py (its --short mode is a test step), installed again when either requirements file
# changed since: a copy of both is kept in the venv.
requirements="$root/bindings-python/requirements-dev.txt"
peers="$root/bindings-python/bench/requirements.txt"
if [ ! -x "$root/.venv/bin/maturin" ] || [ ! -x "$root/.venv/bin/mypy" ] || ! cat "$requirements" "$peers" | cmp -s - "$root/.venv/requirements-dev.txt"; then
  log "creating or updating .venv (maturin, pytest, mypy, test dependencies, benchmark peers)"
  [ -x "$root/.venv/bin/pip" ] || python3 -m venv "$root/.venv"
  "$root/.venv/bin/pip" install -q --upgrade pip
  "$root/.venv/bin/pip" install -q -r "$requirements" -r "$peers"
  cat "$requirements" "$peers" > "$root/.venv/requirements-dev.txt"
fi
if [ "$what" = python ]; then log "done (python)"; exit 0; fi

# Headless Chromium + matching chromedriver for the browser tests (Debian packages).
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium + chromium-driver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The wasm target and the wasm-bindgen CLI matching the pinned crate.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! "$root/.tools/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  if command -v wasm-bindgen >/dev/null 2>&1 && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION"; then
    log "wasm-bindgen $WASM_BINDGEN_VERSION already on PATH"
    mkdir -p "$root/.tools/bin"
    ln -sf "$(command -v wasm-bindgen)" "$root/.tools/bin/wasm-bindgen"
    ln -sf "$(command -v wasm-bindgen-test-runner)" "$root/.tools/bin/wasm-bindgen-test-runner"
  else
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION into .tools (about 2 minutes)"
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$root/.tools"
  fi
fi

# Node: TypeScript, express, ... (versions pinned by the lock files). Reinstalled when the lock file
# changed since the last install (npm keeps its copy in node_modules/.package-lock.json).
for dir in bindings-node bindings-wasm; do
  lock="$root/$dir/package-lock.json" installed="$root/$dir/node_modules/.package-lock.json"
  if [ -f "$lock" ] && { [ ! -f "$installed" ] || [ "$lock" -nt "$installed" ]; }; then
    log "npm ci in $dir"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
log "done"
