#!/usr/bin/env bash
# Builds the `kassa-web` package, two entries in one package:
#   - `kassa-web` (crate kassa-wasm): everything (functions, sans-IO operations, clients over fetch);
#   - `kassa-web/payments` (crate kassa-wasm-payments): the pure payment functions only (EPC,
#     identifiers), a wasm module of its own that compiles no provider, client or fetch (the core
#     and kassa-js without their `clients` features).
# Each: the release wasm (profile `release-wasm`: opt-level z, fat LTO, codegen-units=1,
# panic=abort; each crate built by its own cargo command so that the payments build does not get
# the features of the full one), wasm-bindgen `--target web` into pkg/ (the package) and
# `--target bundler` into pkg-bundler/, with the JavaScript shared with the Node package
# (bindings-js/: the generated entries kassa_web.js and payments.js over the wasm-bindgen glue
# native.js / payments_native.js, facade.js, and the declarations kassa_web.d.ts (the shared
# kassa.d.ts plus web.d.ts) and payments.d.ts), a package.json for each flavour with the subpath
# export "./payments", and the raw and gzipped (gzip -9) sizes of both .wasm files.
#
# Size budgets (gzip -9 bytes of the .wasm; the build fails above either):
#   - the full entry: KASSA_WEB_BUDGET, just above the size reached (+2.6 KB gz, +1.3 KB on
#     payments, were bought for speed: the allocation-free epc.build and the compact checks). Issue 13's goal is 150 KB
#     gzipped (153,600 bytes), not reached: the gap and the profile that shows it are in the
#     issue's note;
#   - the payments entry: PAYMENTS_BUDGET, just above the size reached. Issue 13's goal is 40 KB
#     gzipped (40,960 bytes), not reached: see the note.
# Honours $CARGO_TARGET_DIR.
# Usage: bindings-wasm/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

KASSA_WEB_BUDGET=431500
PAYMENTS_BUDGET=112500

wasm_bindgen="$root/.tools/bin/wasm-bindgen"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile=release-wasm

# The browser builds must not compile the native transport (tokio, reqwest, ...); the payments
# build neither fetch (gloo, web-sys) nor the `clients` feature of the core or of kassa-js.
for crate in kassa-wasm kassa-wasm-payments; do
  tree=$(cargo tree -p "$crate" --target wasm32-unknown-unknown -e normal --prefix none)
  native=$(grep -E '^(tokio|reqwest|mio|hyper|rustls|ring|socket2) ' <<<"$tree" | sort -u || true)
  if [ -n "$native" ]; then
    echo "kassa-web: the $crate build pulls in native transport crates:" >&2
    echo "$native" >&2
    exit 1
  fi
done
tree=$(cargo tree -p kassa-wasm-payments --target wasm32-unknown-unknown -e normal,features --prefix none)
clients=$(grep -E '^(gloo-net|gloo-timers|web-sys|wasm-bindgen-futures) |^kassa(-js)? feature "clients"' <<<"$tree" | sort -u || true)
if [ -n "$clients" ]; then
  echo "kassa-web/payments: the payments build pulls in client code:" >&2
  echo "$clients" >&2
  exit 1
fi

cargo build -p kassa-wasm --target wasm32-unknown-unknown --profile "$profile"
cargo build -p kassa-wasm-payments --target wasm32-unknown-unknown --profile "$profile"
wasm="$target_dir/wasm32-unknown-unknown/$profile/kassa_wasm.wasm"
payments_wasm="$target_dir/wasm32-unknown-unknown/$profile/kassa_wasm_payments.wasm"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)

package_json() { # $1: description suffix, $2: sideEffects
  cat <<EOF
{
  "name": "kassa-web",
  "version": "$version",
  "description": "kassa for browsers: European e-invoicing, payments and identity verification ($1)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "kassa_web.js",
  "module": "kassa_web.js",
  "types": "kassa_web.d.ts",
  "exports": {
    ".": {
      "types": "./kassa_web.d.ts",
      "default": "./kassa_web.js"
    },
    "./payments": {
      "types": "./payments.d.ts",
      "default": "./payments.js"
    },
    "./kassa_web_bg.wasm": "./kassa_web_bg.wasm",
    "./kassa_web_payments_bg.wasm": "./kassa_web_payments_bg.wasm"
  },
  "files": ["kassa_web.js", "kassa_web.d.ts", "facade.js", "native.js", "kassa_web_bg.js", "kassa_web_bg.wasm", "payments.js", "payments.d.ts", "payments_native.js", "kassa_web_payments_bg.js", "kassa_web_payments_bg.wasm", "snippets", "README.md"],
  "sideEffects": $2
}
EOF
}

for flavour in web bundler; do
  out="$here/pkg"
  [ "$flavour" = bundler ] && out="$here/pkg-bundler"
  rm -rf "$out"
  # Function names only serve stack traces of panics (which abort): leave them out of the package.
  # wasm-bindgen's declarations are not shipped: the shared ones are.
  "$wasm_bindgen" --target "$flavour" --out-dir "$out" --out-name kassa_web --no-typescript \
    --remove-name-section --remove-producers-section "$wasm"
  "$wasm_bindgen" --target "$flavour" --out-dir "$out" --out-name kassa_web_payments --no-typescript \
    --remove-name-section --remove-producers-section "$payments_wasm"
  mv "$out/kassa_web.js" "$out/native.js"
  mv "$out/kassa_web_payments.js" "$out/payments_native.js"
  cp "$root/bindings-js/web.js" "$out/kassa_web.js"
  cp "$root/bindings-js/payments.js" "$out/payments.js"
  cp "$root/bindings-js/facade.js" "$out/facade.js"
  cat "$root/bindings-js/kassa.d.ts" "$root/bindings-js/web.d.ts" > "$out/kassa_web.d.ts"
  cp "$root/bindings-js/payments.d.ts" "$out/payments.d.ts"
  if [ "$flavour" = web ]; then
    package_json "ES module; call the default export init() first" false > "$out/package.json"
  else
    # The bundler flavour initialises the wasm as a side effect of importing it.
    package_json "for bundlers with WebAssembly ESM integration" '["./kassa_web.js", "./native.js", "./kassa_web_bg.js", "./payments.js", "./payments_native.js", "./kassa_web_payments_bg.js", "./snippets/*"]' > "$out/package.json"
  fi
  cp "$here/README.md" "$out/README.md"
done

over=0
size() { # $1: file below bindings-wasm/, $2: budget (gzip -9 bytes)
  local raw gz
  raw=$(wc -c < "$here/$1")
  gz=$(gzip -9 -c "$here/$1" | wc -c)
  echo "kassa-web: $1 is $raw bytes, $gz bytes gzipped (gzip -9; budget $2)"
  if [ "$gz" -gt "$2" ]; then
    echo "kassa-web: $1 is over its budget: $gz > $2 bytes gzipped" >&2
    over=1
  fi
}
size pkg/kassa_web_bg.wasm "$KASSA_WEB_BUDGET"
size pkg/kassa_web_payments_bg.wasm "$PAYMENTS_BUDGET"
exit "$over"
