#!/usr/bin/env bash
# Builds the `kassa-web` package: the release wasm (profile `release-wasm`: opt-level s, fat LTO,
# panic=abort), wasm-bindgen `--target web` into pkg/ (the package) and `--target bundler` into
# pkg-bundler/, each with the JavaScript shared with the Node package (bindings-js/: the generated
# entry kassa_web.js over the wasm-bindgen glue native.js, facade.js, and kassa_web.d.ts: the
# shared kassa.d.ts plus web.d.ts), a package.json for each, and prints the gzipped size of the
# .wasm. Honours $CARGO_TARGET_DIR.
# Usage: bindings-wasm/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

wasm_bindgen="$root/.tools/bin/wasm-bindgen"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile=release-wasm

# The browser build must not compile the native transport (tokio, reqwest, ...).
tree=$(cargo tree -p kassa-wasm --target wasm32-unknown-unknown -e normal --prefix none)
native=$(grep -E '^(tokio|reqwest|mio|hyper|rustls|ring|socket2) ' <<<"$tree" | sort -u || true)
if [ -n "$native" ]; then
  echo "kassa-web: the wasm build pulls in native transport crates:" >&2
  echo "$native" >&2
  exit 1
fi

cargo build -p kassa-wasm --target wasm32-unknown-unknown --profile "$profile"
wasm="$target_dir/wasm32-unknown-unknown/$profile/kassa_wasm.wasm"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)

package_json() { # $1: description suffix
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
    "./kassa_web_bg.wasm": "./kassa_web_bg.wasm"
  },
  "files": ["kassa_web.js", "kassa_web.d.ts", "facade.js", "native.js", "kassa_web_bg.js", "kassa_web_bg.wasm", "snippets", "README.md"],
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
  mv "$out/kassa_web.js" "$out/native.js"
  cp "$root/bindings-js/web.js" "$out/kassa_web.js"
  cp "$root/bindings-js/facade.js" "$out/facade.js"
  cat "$root/bindings-js/kassa.d.ts" "$root/bindings-js/web.d.ts" > "$out/kassa_web.d.ts"
  if [ "$flavour" = web ]; then
    package_json "ES module; call the default export init() first" false > "$out/package.json"
  else
    # The bundler flavour initialises the wasm as a side effect of importing it.
    package_json "for bundlers with WebAssembly ESM integration" '["./kassa_web.js", "./native.js", "./kassa_web_bg.js", "./snippets/*"]' > "$out/package.json"
  fi
  cp "$here/README.md" "$out/README.md"
done

raw=$(wc -c < "$here/pkg/kassa_web_bg.wasm")
gz=$(gzip -9 -c "$here/pkg/kassa_web_bg.wasm" | wc -c)
echo "kassa-web: pkg/kassa_web_bg.wasm is $raw bytes, $gz bytes gzipped (gzip -9)"
