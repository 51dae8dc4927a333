#!/usr/bin/env bash
# Runs every test in every runtime (Rust core, Python, Node, headless Chromium) against the local
# provider servers (`kassa sandbox` and the stand-in tests/server/server.py, for deliberately wrong
# answers), and prints how many tests ran in each. Does all set-up first (scripts/setup.sh).
# Usage: scripts/test.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)

bash scripts/setup.sh || { echo "setup failed"; exit 1; }
export PATH="$root/.tools/bin:$PATH"

logs="$root/target/test-logs"
mkdir -p "$logs"
port_file="$logs/server.port"
rm -f "$port_file"
python3 tests/server/server.py --port-file "$port_file" 2>"$logs/server.log" &
server_pid=$!
. scripts/sandbox-env.sh
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; stop_sandbox' EXIT
for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.1; done
[ -s "$port_file" ] || { echo "the test server did not start"; cat "$logs/server.log"; exit 1; }
export KASSA_TEST_SERVER="http://127.0.0.1:$(cat "$port_file")"
echo "test server: $KASSA_TEST_SERVER (pid $server_pid)"
# The emulator the bindings' IO tests run on where it covers them (tests/README.md, "what runs
# where"): the debug `kassa` binary, built here once (the cli step below reuses it).
start_sandbox "$root" || exit 1

declare -A passed failed status
run() { # run NAME COMMAND...: tees the output to a log, records the exit code
  local name=$1; shift
  echo; echo "=== $name: $* ==="
  local t0=$(date +%s)
  "$@" 2>&1 | tee "$logs/$name.log"
  status[$name]=${PIPESTATUS[0]}
  echo "=== $name: exit ${status[$name]} in $(( $(date +%s) - t0 )) s ==="
}
count() { # count NAME: passed/failed tests from the runner's own summary lines
  local log="$logs/$1.log" p=0 f=0
  # cargo test and wasm-bindgen-test: "test result: ok. N passed; M failed; ..."
  p=$((p + $(grep -aoE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')))
  f=$((f + $(grep -aoE '[0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$3} END {print s+0}')))
  # pytest: "N passed" / "N failed" on its last line
  local py=$(grep -aE '^(=+ )?[0-9]+ (passed|failed).* in [0-9.]+s' "$log" | tail -1)
  if [ -n "$py" ]; then
    p=$((p + $(echo "$py" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')))
    f=$((f + $(echo "$py" | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')))
  fi
  # node --test: "# pass N" / "# fail N"
  p=$((p + $(grep -aE '^(ℹ|#) pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  f=$((f + $(grep -aE '^(ℹ|#) fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  # a script that is one check (the demo): its exit code
  if [ "$1" = demo ]; then
    if [ "${status[$1]}" = 0 ] && grep -q '^all done' "$log"; then p=1; else f=1; fi
  fi
  passed[$1]=$p; failed[$1]=$f
}

run rust cargo test -p kassa --features transport
# The kassa binary: its commands against the function fixtures, and the sandbox end to end.
run cli cargo test -p kassa-cli
run python bash bindings-python/test.sh
# The README's main job, end to end on the sandbox through the Python binding (one check).
run demo bash scripts/demo.sh
run node bash bindings-node/test.sh
run browser bash bindings-wasm/test.sh

echo
echo "=== summary ($(( $(date +%s) - start )) s) ==="
total_p=0; total_f=0; rc=0
for name in rust cli python demo node browser; do
  count "$name"
  printf '%-8s %4d passed, %d failed (exit %s)\n' "$name:" "${passed[$name]}" "${failed[$name]}" "${status[$name]}"
  total_p=$((total_p + passed[$name])); total_f=$((total_f + failed[$name]))
  if [ "${status[$name]}" != 0 ] || [ "${passed[$name]}" = 0 ]; then rc=1; fi
done
echo "$total_p passed, $total_f failed"
exit $rc
