#!/usr/bin/env bash
# Makes sure pkg/dist holds a build of the current sources: runs scripts/build.sh when the wasm is
# missing or older than anything it is built from (src/, crates/, Cargo.toml, Cargo.lock,
# scripts/wasm-opt.args), else says it is up to date. Run by `npm run demo` and by `npm pack` in
# pkg/ (its prepack), so a tarball never ships a stale or missing wasm.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=pkg/dist/clerk_edge_bg.wasm
if [ ! -f "$wasm" ]; then
  echo "== $wasm is missing: building (scripts/build.sh)"
elif newer=$(find src crates Cargo.toml Cargo.lock scripts/wasm-opt.args -newer "$wasm" -print -quit) && [ -n "$newer" ]; then
  echo "== $wasm is older than $newer: building (scripts/build.sh)"
else
  echo "== $wasm is up to date with src/, crates/, Cargo.toml, Cargo.lock and scripts/wasm-opt.args"
  exit 0
fi
bash scripts/build.sh
