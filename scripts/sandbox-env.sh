# Sourced by scripts/test.sh and the bindings' test.sh: starts `kassa sandbox` for the IO tests.
#
#   . scripts/sandbox-env.sh
#   start_sandbox ROOT        # exports KASSA_SANDBOX=http://127.0.0.1:N, sets $sandbox_pid
#   stop_sandbox              # by that PID (call it from the caller's EXIT trap)
#
# The binary is the debug `kassa` the cli step builds (`cargo build -p kassa-cli`: a no-op when it
# is built already), under $CARGO_TARGET_DIR or ROOT/target. It runs with `--strict` (only the
# documented test credentials pass, so the tests' 401 cases are real) and webhook resends every
# 0.2 s. The URL is read from its first stdout line, `kassa sandbox listening on http://...`.
# See tests/README.md ("what runs where") for which tests use it and which use server.py.

sandbox_pid=""
sandbox_out=""

start_sandbox() {
  local root=$1 target bin first=""
  target=${CARGO_TARGET_DIR:-$root/target}
  case $target in /*) ;; *) target="$PWD/$target" ;; esac
  bin="$target/debug/kassa"
  cargo build -q -p kassa-cli --manifest-path "$root/Cargo.toml" || { echo "cannot build kassa-cli" >&2; return 1; }
  sandbox_out=$(mktemp "${TMPDIR:-/tmp}/kassa-sandbox.XXXXXX")
  "$bin" sandbox --port 0 --strict --resend-seconds 0.2 >"$sandbox_out" 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 1 200); do
    first=$(head -n 1 "$sandbox_out" 2>/dev/null)
    case $first in "kassa sandbox listening on http://"*) break ;; esac
    kill -0 "$sandbox_pid" 2>/dev/null || break
    sleep 0.05
  done
  case $first in
    "kassa sandbox listening on http://"*) ;;
    *) echo "kassa sandbox did not start:" >&2; cat "$sandbox_out" >&2; stop_sandbox; return 1 ;;
  esac
  export KASSA_SANDBOX=${first##* }
  echo "sandbox: $KASSA_SANDBOX (pid $sandbox_pid)"
}

stop_sandbox() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
    sandbox_pid=""
  fi
  if [ -n "$sandbox_out" ]; then rm -f "$sandbox_out"; sandbox_out=""; fi
}
