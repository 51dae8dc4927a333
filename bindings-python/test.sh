#!/usr/bin/env bash
# Checks that the generated files (types, stubs, modules, clients, native entry points) match a
# fresh generation from the core, builds the Python binding as the release abi3 wheel that ships, installs it into the project's .venv (build.sh)
# and runs every check: mypy --strict (typed usage file), mypy stubtest (stubs vs the built
# module), pytest (fixtures, IO against the local server, errors, stubs), bench/peers.py --short
# (kassa's results against the peers'). Exits non-zero on failure.
#
# Uses $KASSA_TEST_SERVER when set; otherwise tests/conftest.py starts tests/server/server.py on a
# free port and stops it by PID. Uses $KASSA_SANDBOX when set; otherwise starts `kassa sandbox`
# (scripts/sandbox-env.sh: builds kassa-cli if needed) and stops it by PID.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
py="$root/.venv/bin/python"
cd "$here"

echo "== codegen --check (generated files match the core)"
(cd "$root" && cargo run -q -p xtask -- codegen --check)

bash "$here/build.sh"

# Everything below imports the installed wheel, never python/ (not on sys.path from here).
echo "== mypy --strict"
(cd python && "$py" -m mypy --strict -p kassa)    # the package itself (stubs + pure Python)
"$py" -m mypy --strict tests/ examples/ bench/load.py  # typed usage, tests, the example, the load test, against the installed wheel

echo "== stubtest"
"$py" -m mypy.stubtest kassa --allowlist stubtest-allowlist.txt

echo "== pytest"
if [ -z "${KASSA_SANDBOX:-}" ]; then
  . "$root/scripts/sandbox-env.sh"
  trap stop_sandbox EXIT
  start_sandbox "$root"
fi
"$py" -m pytest -q

# The peer benchmark in its short mode: kassa's results checked against segno's, schwifty's and
# python-stdnum's on every input (pinned in bench/requirements.txt, installed by
# scripts/setup.sh); its times mean nothing there and nothing asserts on them.
echo "== bench/peers.py --short"
"$py" bench/peers.py --short
