#!/usr/bin/env bash
# Builds the Node addon (release) with cargo, in the shared target dir, and puts it where index.js
# loads it: kassa.<platform>.node. (napi-build's build.rs sets the link flags; no napi CLI needed.)
# Usage: bindings-node/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
triple=x86_64-unknown-linux-gnu
cargo build --manifest-path "$root/Cargo.toml" -p kassa-node --release --target "$triple"
cp "$root/target/$triple/release/libkassa_node.so" "$here/kassa.linux-x64-gnu.node.tmp"
mv "$here/kassa.linux-x64-gnu.node.tmp" "$here/kassa.linux-x64-gnu.node"
echo "built bindings-node/kassa.linux-x64-gnu.node"
