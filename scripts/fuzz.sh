#!/usr/bin/env bash
# Long fuzz runs (not part of the test command): every cargo-fuzz target of core/fuzz for
# SECONDS seconds each (default 60), starting from the committed corpora (core/fuzz/seeds/<target>),
# with new inputs written to target/fuzz-corpus/<target>. Needs the nightly toolchain and
# cargo-fuzz (installed into .tools when missing). Prints executions and crashes per target.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
cd "$root/core/fuzz"
export PATH="$root/.tools/bin:$PATH"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install -q cargo-fuzz --root "$root/.tools"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v kassa-fuzz)
for t in "${targets[@]}"; do
  corpus="$root/target/fuzz-corpus/$t"
  mkdir -p "$corpus"
  seeds="$root/core/fuzz/seeds/$t"
  [ -d "$seeds" ] || seeds="$root/core/fuzz/seeds/identifiers"
  log="$root/target/fuzz-$t.log"
  cargo +nightly fuzz run -O "$t" "$corpus" "$seeds" -- -max_total_time="$seconds" -rss_limit_mb=2048 >"$log" 2>&1 || true
  runs=$(grep -aoE 'Done [0-9]+ runs' "$log" | tail -1 | awk '{print $2}')
  crashes=$(ls artifacts/"$t" 2>/dev/null | wc -l)
  echo "$t: ${runs:-?} runs in ${seconds}s, $crashes crash artifacts (log: target/fuzz-$t.log)"
done
