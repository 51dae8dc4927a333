#!/usr/bin/env bash
# Builds the Node binding (release) and runs all its tests: the generated files must match the
# core (`xtask codegen --check`), `tsc` (strict) over the shared bindings-js/test/typecheck.ts
# against the shipped index.d.ts, then `node --test` over test/*.test.js (fixtures, conversions,
# errors, redaction, the typed surface, the IO tests against `kassa sandbox` and the stand-in, and the
# packed package installed into a fresh project, run on Node 18, 20 and 22), and
# bench/peers.mjs --short (kassa's results against the JavaScript peers', installed from
# bench/package-lock.json).
# Honours $CARGO_TARGET_DIR.
#
# Uses $KASSA_TEST_SERVER when set; otherwise starts tests/server/server.py itself and stops it
# (by PID) on exit; the same for $KASSA_SANDBOX and `kassa sandbox` (scripts/sandbox-env.sh). Exits non-zero when the build or any test fails.
# Usage: bindings-node/test.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

cargo run -q --manifest-path ../Cargo.toml -p xtask -- codegen --check
echo "codegen: the generated files match the core"

bash ./build.sh

./node_modules/.bin/tsc -p test/tsconfig.json
echo "tsc: bindings-js/test/typecheck.ts type-checks against index.d.ts (strict)"

server_pid=""
port_file=""
. ../scripts/sandbox-env.sh
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$port_file" ]; then rm -f "$port_file"; fi
  stop_sandbox
}
trap cleanup EXIT
if [ -z "${KASSA_SANDBOX:-}" ]; then
  start_sandbox "$(cd .. && pwd)"
fi
if [ -z "${KASSA_TEST_SERVER:-}" ]; then
  port_file=$(mktemp "${TMPDIR:-/tmp}/kassa-node-server.XXXXXX")
  rm -f "$port_file"
  python3 ../tests/server/server.py --port-file "$port_file" >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.1; done
  [ -s "$port_file" ] || { echo "the test server did not start" >&2; exit 1; }
  export KASSA_TEST_SERVER="http://127.0.0.1:$(cat "$port_file")"
  echo "test server: $KASSA_TEST_SERVER (pid $server_pid)"
fi

# Other Node versions for the install test (test/install.test.js: the packed package on each):
# npm's `node` package (binaries from the npm registry), pinned, into .tools once.
NODE_VERSIONS="18.20.8 22.11.0"
KASSA_NODE_BINARIES=""
for version in $NODE_VERSIONS; do
  prefix="../.tools/node-$version"
  if ! "$prefix/node_modules/.bin/node" --version 2>/dev/null | grep -qx "v$version"; then
    echo "installing node $version (npm package node@$version) into .tools"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@$version" >/dev/null
  fi
  KASSA_NODE_BINARIES="$KASSA_NODE_BINARIES node-$version=$(cd "$prefix/node_modules/.bin" && pwd)/node"
done
export KASSA_NODE_BINARIES

node --test --test-reporter=tap test/*.test.js

# The peer benchmark in its short mode: kassa's results checked against the peers' on every
# input (its times mean nothing there, and nothing asserts on them), so the script cannot rot.
echo "== bench/peers.mjs --short"
if [ ! -d bench/node_modules ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd bench && node peers.mjs --short)
