#!/usr/bin/env bash
# Builds the Node package in place: the addon (release, with cargo; napi-build's build.rs sets
# the link flags, no napi CLI) as kassa.<platform>.node, and the JavaScript shared with kassa-web
# from bindings-js/ (all generated): index.cjs (the CommonJS entry) and index.js (the ES entry,
# which re-exports it: one facade however the package is loaded), facade.cjs (the CommonJS form
# of the shared facade), index.d.ts and index.d.cts (the declarations). Honours
# $CARGO_TARGET_DIR.
# Usage: bindings-node/build.sh [--js]   (--js: only the JavaScript and declarations, no addon;
# the release workflow's publish step, whose addons come from the platform packages)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
triple=x86_64-unknown-linux-gnu
target_dir="${CARGO_TARGET_DIR:-$root/target}"
if [ "${1:-}" != --js ]; then
  cargo build --manifest-path "$root/Cargo.toml" -p kassa-node --release --target "$triple"
  cp "$target_dir/$triple/release/libkassa_node.so" "$here/kassa.linux-x64-gnu.node.tmp"
  mv "$here/kassa.linux-x64-gnu.node.tmp" "$here/kassa.linux-x64-gnu.node"
fi
cp "$root/bindings-js/node.cjs" "$here/index.cjs"
cp "$root/bindings-js/node.js" "$here/index.js"
cp "$root/bindings-js/facade.cjs" "$here/facade.cjs"
cp "$root/bindings-js/kassa.d.ts" "$here/index.d.ts"
cp "$root/bindings-js/kassa.d.ts" "$here/index.d.cts"
echo "built bindings-node/kassa.linux-x64-gnu.node, index.cjs, index.js, facade.cjs, index.d.ts, index.d.cts"
