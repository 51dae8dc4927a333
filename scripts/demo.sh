#!/usr/bin/env bash
# The main job on an embedded default: starts the local provider server, builds the Python
# binding, and runs a PassportReader identity session (create, state, get) through it. No
# credentials needed. Does its own set-up (scripts/setup.sh python).
# Usage: scripts/demo.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh python
bash bindings-python/build.sh
mkdir -p target
port_file="$root/target/demo-server.port"
rm -f "$port_file"
python3 tests/server/server.py --port-file "$port_file" 2>/dev/null &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.1; done
[ -s "$port_file" ] || { echo "the local server did not start"; exit 1; }
echo "== demo against the local PassportReader server on 127.0.0.1:$(cat "$port_file")"
"$root/.venv/bin/python" examples/demo.py "http://127.0.0.1:$(cat "$port_file")"
