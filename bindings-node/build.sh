#!/usr/bin/env bash
# Builds the Node package in place: the addon (release, with cargo; napi-build's build.rs sets
# the link flags, no napi CLI) as kassa.<platform>.node, and the JavaScript shared with kassa-web
# from bindings-js/: index.js (the generated entry), facade.js and index.d.ts (the generated
# declarations). Honours $CARGO_TARGET_DIR.
# Usage: bindings-node/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
triple=x86_64-unknown-linux-gnu
target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build --manifest-path "$root/Cargo.toml" -p kassa-node --release --target "$triple"
cp "$target_dir/$triple/release/libkassa_node.so" "$here/kassa.linux-x64-gnu.node.tmp"
mv "$here/kassa.linux-x64-gnu.node.tmp" "$here/kassa.linux-x64-gnu.node"
cp "$root/bindings-js/node.js" "$here/index.js"
cp "$root/bindings-js/facade.js" "$here/facade.js"
cp "$root/bindings-js/kassa.d.ts" "$here/index.d.ts"
echo "built bindings-node/kassa.linux-x64-gnu.node, index.js, facade.js, index.d.ts"
