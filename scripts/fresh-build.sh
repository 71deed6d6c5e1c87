#!/usr/bin/env bash
# Makes sure pkg/dist holds a build of the current sources: runs scripts/build.sh when the wasm is
# missing or older than anything it is built from (src/, crates/, Cargo.toml, Cargo.lock,
# scripts/wasm-opt.args, scripts/order-functions.mjs), else says it is up to date. Run by
# `npm run demo` and by `npm pack` in pkg/ (its prepack), so a tarball never ships a stale or
# missing wasm.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=pkg/dist/clerk_edge_bg.wasm
inputs=(src crates Cargo.toml Cargo.lock scripts/wasm-opt.args scripts/order-functions.mjs)
if [ ! -f "$wasm" ]; then
  echo "== $wasm is missing: building (scripts/build.sh)"
elif newer=$(find "${inputs[@]}" -newer "$wasm" -print -quit) && [ -n "$newer" ]; then
  echo "== $wasm is older than $newer: building (scripts/build.sh)"
else
  echo "== $wasm is up to date with its sources"
  exit 0
fi
bash scripts/build.sh
