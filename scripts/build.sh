#!/usr/bin/env bash
# Builds the npm package in pkg/: one optimised wasm (pkg/dist/clerk_edge_bg.wasm) plus the
# wasm-bindgen `web` glue (pkg/dist/clerk_edge.js); the per-runtime entries in pkg/*.js load it.
# Prints the size of the wasm and the JS, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=pkg/dist
wasm_opt=node_modules/.bin/wasm-opt # npm binaryen; Debian's wasm-opt emits a wasm that fails to load
esbuild=node_modules/.bin/esbuild
for tool in "$wasm_opt" "$esbuild"; do
  [ -x "$tool" ] || { echo "missing $tool: run scripts/install.sh" >&2; exit 1; }
done

echo "== build: cargo (release, wasm32)"
cargo build -p clerk-edge --lib --release --target wasm32-unknown-unknown

echo "== build: wasm-bindgen --target web"
rm -rf "$out"
wasm-bindgen target/wasm32-unknown-unknown/release/clerk_edge.wasm \
  --target web --out-dir "$out" --out-name clerk_edge
# The glue without comments and indentation (whitespace and syntax only: every name stays):
# 7,480 -> 5,722 B gzipped. Its first line tells Deno where its types are: kept.
"$esbuild" "$out/clerk_edge.js" --minify-whitespace --minify-syntax --format=esm \
  --log-level=warning '--banner:js=/* @ts-self-types="./clerk_edge.d.ts" */' \
  --outfile="$out/clerk_edge.js" --allow-overwrite

# -Oz and the rest: scripts/wasm-opt.args (one per line, `#` comments), which says why each.
mapfile -t opt_args < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' scripts/wasm-opt.args)
echo "== build: wasm-opt ${opt_args[*]}"
"$wasm_opt" "${opt_args[@]}" "$out/clerk_edge_bg.wasm" -o "$out/clerk_edge_bg.opt.wasm"

# The functions in the order gzip compresses best (scripts/order-functions.mjs names them,
# wasm-opt sorts by name; the stack-IR flags re-encode them as compactly as -Oz wrote them), the
# names and the metadata no runtime reads (producers, target features) stripped.
echo "== build: function order for gzip"
node scripts/order-functions.mjs "$out/clerk_edge_bg.opt.wasm" "$out/clerk_edge_bg.named.wasm"
"$wasm_opt" --reorder-functions-by-name --optimize-level=2 --shrink-level=2 \
  --generate-stack-ir --optimize-stack-ir \
  --strip-debug --strip-producers --strip-target-features \
  "$out/clerk_edge_bg.named.wasm" -o "$out/clerk_edge_bg.opt.wasm"
rm "$out/clerk_edge_bg.named.wasm"
mv "$out/clerk_edge_bg.opt.wasm" "$out/clerk_edge_bg.wasm"

# Fail here, not in a runtime, if the optimised module does not validate and instantiate.
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import { initSync } from "./pkg/dist/clerk_edge.js";
  initSync({ module: readFileSync("pkg/dist/clerk_edge_bg.wasm") });
'

size_row() {
  printf '  %-28s %9s B raw %9s B gzip\n' "$1" "$(wc -c <"$1")" "$(gzip -9 -c "$1" | wc -c)"
}
echo "== sizes"
size_row "$out/clerk_edge_bg.wasm"
size_row "$out/clerk_edge.js"
for f in pkg/*.js; do size_row "$f"; done
js_raw=$(cat "$out/clerk_edge.js" pkg/*.js | wc -c)
js_gz=$(cat "$out/clerk_edge.js" pkg/*.js | gzip -9 -c | wc -c)
printf '  %-28s %9s B raw %9s B gzip\n' "all JS" "$js_raw" "$js_gz"
