#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there, so a
# reused machine pays seconds and a fresh Debian 12 (Rust via rustup, Node 20, npm) pays minutes.
# Sources: crates.io, npm and Debian only. See ../shared/TOOLCHAIN.md for why each choice.
#   bash scripts/install.sh               every step (each skips what is present)
#   bash scripts/install.sh --if-needed   a quiet check first; the steps only if a piece is
#                                         missing (what `npm test` and `npm run demo` call)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== install: %s\n' "$*"; }

# The wasm-bindgen CLI must be the exact version of the wasm-bindgen crate in Cargo.lock, or its
# output does not match the crate's glue (the crate is pinned with "=" in Cargo.toml so they never drift).
wasm_bindgen_wanted() {
  local v
  v=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$v" ] || v=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
  [ -n "$v" ] || { echo "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml" >&2; return 1; }
  echo "$v"
}
wasm_bindgen_present() {
  [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$1" ] && command -v wasm-bindgen-test-runner >/dev/null
}

# npm ci wipes node_modules, so it runs only when package.json or the lockfile changed since
# its last successful run (this stamp), or wasm-opt is missing.
stamp=node_modules/.clerk-edge-lock.sha256
lock_sum() { sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1; }
node_modules_current() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(lock_sum)" ] && [ -x node_modules/.bin/wasm-opt ]; }

# Each missing piece, one per line (nothing when all is there).
missing() {
  if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then echo "Rust (rustup, cargo)"; return; fi
  rustup target list --installed 2>/dev/null | grep -x wasm32-unknown-unknown >/dev/null || echo "the wasm32-unknown-unknown target"
  { cargo fmt --version && cargo clippy --version; } >/dev/null 2>&1 || echo "rustfmt or clippy"
  wasm_bindgen_present "$(wasm_bindgen_wanted)" || echo "wasm-bindgen-cli $(wasm_bindgen_wanted)"
  { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || echo "chromium and chromedriver"
  node_modules_current || echo "node_modules matching package-lock.json"
}

if [ "${1:-}" = "--if-needed" ]; then
  todo=$(missing)
  if [ -z "$todo" ]; then
    echo "== install: toolchain complete (scripts/install.sh not needed)"
    exit 0
  fi
  echo "== install: missing: $(echo "$todo" | paste -sd, | sed 's/,/, /g'); running scripts/install.sh"
elif [ $# -gt 0 ]; then
  echo "usage: bash scripts/install.sh [--if-needed]" >&2
  exit 2
fi

step "Rust target wasm32-unknown-unknown, rustfmt, clippy"
rustup target add wasm32-unknown-unknown
rustup component add rustfmt clippy

step "wasm-bindgen CLI"
want=$(wasm_bindgen_wanted)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if wasm_bindgen_present "$want"; then
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

# Dev tooling from package-lock.json (binaryen's wasm-opt, deno, miniflare, wrangler, vite, esbuild,
# playwright-core, prism, typescript, hono, attw, publint, ...).
step "npm dev dependencies"
if node_modules_current; then
  echo "node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
  lock_sum > "$stamp"
fi

step "versions"
rustc --version
wasm-bindgen --version
node --version
echo "npm $(npm --version)"
node_modules/.bin/wasm-opt --version
node_modules/.bin/deno --version | head -1
