#!/usr/bin/env bash
# Builds kassa-web (release) and runs all its tests:
#   1. build.sh: the release wasm + wasm-bindgen packages (pkg/, pkg-bundler/), gzipped size;
#   0. the generated files must match the core (`xtask codegen --check`);
#   2. tsc --noEmit --strict over the shared bindings-js/test/typecheck.ts (and test/web.ts)
#      against pkg/kassa_web.d.ts, and test/payments.ts against pkg/payments.d.ts;
#   3. node --test test/package.test.mjs test/payments.test.mjs test/vite.test.mjs: the built pkg/ (release wasm)
#      loads and works, the function fixtures through its namespace objects, clients against the
#      sandbox (an unknown state against the test server), the shared required-field checks; the payments entry computes and has no client;
#      test/vite.test.mjs: a Vite app using both entries built with `vite build`, served on
#      127.0.0.1 and opened in headless Chromium, its EPC QR code decoded from a screenshot (jsQR);
#   4. the wasm-bindgen-test suites in headless Chromium through chromedriver: kassa-web's
#      (operation and function fixtures, IO against the sandbox and the test server, the client
#      behaviours shared with Node against the test and fault servers, surface) and
#      kassa-web/payments' (the function fixtures of its functions through its entry, and no
#      client in it).
# Uses $KASSA_SANDBOX, $KASSA_TEST_SERVER and $KASSA_FAULTS_SERVER when exported; otherwise starts
# `kassa sandbox` (scripts/sandbox-env.sh), tests/server/server.py and tests/server/faults.py and
# stops them (by PID) on exit. The browser tests read the URLs when they are compiled (env!). Exits non-zero
# on any failure. Honours $CARGO_TARGET_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

server_pid=""
port_file=""
faults_pid=""
faults_port_file=""
. "$root/scripts/sandbox-env.sh"
cleanup() {
  for pid in $server_pid $faults_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -f ${port_file:+"$port_file"} ${faults_port_file:+"$faults_port_file"}
  stop_sandbox
}
trap cleanup EXIT
if [ -z "${KASSA_SANDBOX:-}" ]; then
  start_sandbox "$root"
fi

if [ -z "${KASSA_TEST_SERVER:-}" ]; then
  port_file=$(mktemp /tmp/kassa-wasm-server.XXXXXX)
  rm -f "$port_file"
  python3 "$root/tests/server/server.py" --port-file "$port_file" &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.1; done
  [ -s "$port_file" ] || { echo "test server did not start" >&2; exit 1; }
  export KASSA_TEST_SERVER="http://127.0.0.1:$(cat "$port_file")"
fi
if [ -z "${KASSA_FAULTS_SERVER:-}" ]; then
  faults_port_file=$(mktemp /tmp/kassa-wasm-faults.XXXXXX)
  rm -f "$faults_port_file"
  python3 "$root/tests/server/faults.py" --port-file "$faults_port_file" >/dev/null &
  faults_pid=$!
  for _ in $(seq 1 100); do [ -s "$faults_port_file" ] && break; sleep 0.1; done
  [ -s "$faults_port_file" ] || { echo "fault server did not start" >&2; exit 1; }
  export KASSA_FAULTS_SERVER="http://127.0.0.1:$(cat "$faults_port_file")"
fi
echo "kassa-web tests against $KASSA_SANDBOX and $KASSA_TEST_SERVER (faults: $KASSA_FAULTS_SERVER)"

echo "== codegen --check"
cargo run -q -p xtask -- codegen --check

echo "== build (release)"
"$here/build.sh"

echo "== tsc --noEmit --strict bindings-js/test/typecheck.ts test/web.ts test/payments.ts"
if [ ! -x "$here/node_modules/.bin/tsc" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd "$here" && ./node_modules/.bin/tsc --noEmit --strict -p test/tsconfig.json)
(cd "$here" && ./node_modules/.bin/tsc --noEmit --strict -p test/tsconfig.payments.json)
echo "tsc: typecheck.ts, web.ts and payments.ts ok"

echo "== the built package (pkg/, release) under node --test"
(cd "$here" && node --test test/package.test.mjs test/payments.test.mjs test/vite.test.mjs)

echo "== wasm-bindgen-test in headless Chromium"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$root/.tools/bin/wasm-bindgen-test-runner"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# cargo runs the test binary with the crate root as the working directory: webdriver.json is there.
cargo test -p kassa-wasm --target wasm32-unknown-unknown
cargo test -p kassa-wasm-payments --target wasm32-unknown-unknown
