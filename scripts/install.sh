#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there, so a
# reused machine pays seconds and a fresh Debian 12 (Rust via rustup, Node 20, npm) pays minutes.
# Sources: crates.io, npm and Debian only. See ../shared/TOOLCHAIN.md for why each choice.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== install: %s\n' "$*"; }

step "Rust target wasm32-unknown-unknown, rustfmt, clippy"
rustup target add wasm32-unknown-unknown
rustup component add rustfmt clippy

# The CLI must be the exact version of the wasm-bindgen crate in Cargo.lock, or its output
# does not match the crate's glue (the crate is pinned with "=" in Cargo.toml so they never drift).
step "wasm-bindgen CLI"
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
fi
[ -n "$want" ] || { echo "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null; then
  echo "wasm-bindgen $have already installed"
else
  echo "installing wasm-bindgen-cli $want (had: ${have:-none}); takes a few minutes"
  # No --locked: a version pinned in the CLI's lockfile is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$want"
fi

# Chromium + chromedriver for wasm-bindgen-test in a browser and the browser smoke test.
step "Chromium and chromedriver (Debian)"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') already installed"
else
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q chromium chromium-driver
fi

# Dev tooling from package-lock.json (binaryen's wasm-opt, deno, miniflare, esbuild, playwright-core,
# prism, typescript, ...). npm ci wipes node_modules, so skip it when the lockfile has not changed
# since the last successful run.
step "npm dev dependencies"
stamp=node_modules/.clerk-edge-lock.sha256
lock_sum=$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && [ -x node_modules/.bin/wasm-opt ]; then
  echo "node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$lock_sum" > "$stamp"
fi

step "versions"
rustc --version
wasm-bindgen --version
node --version
echo "npm $(npm --version)"
node_modules/.bin/wasm-opt --version
node_modules/.bin/deno --version | head -1
