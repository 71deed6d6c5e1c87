#!/usr/bin/env bash
# The README's first command (npm run demo): on a fresh machine it installs the toolchain, builds
# the package when it is missing or older than the sources, then starts the local Clerk-compatible
# mock API and the admin console on 127.0.0.1 and prints the URL. Ctrl-C stops both.
#   PORT=4280 MOCK_PORT=4281 [SKIP_BUILD=1] bash scripts/demo.sh
#
# Stopping: the servers run in one node process that this script becomes (exec), and package.json
# starts this script with `exec` too, so npm's child is that node process itself: npm forwards
# SIGINT/SIGTERM to it, and no shell is left in between to die and orphan it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PORT=${PORT:-4280}
MOCK_PORT=${MOCK_PORT:-4281}

# 1. Toolchain: only when a piece is missing.
bash scripts/install.sh --if-needed

# 2. The package: rebuilt when the wasm is missing or older than its sources
#    (SKIP_BUILD=1 uses whatever pkg/dist holds).
if [ "${SKIP_BUILD:-0}" = 1 ] && [ -f pkg/dist/clerk_edge_bg.wasm ]; then
  echo "== demo: SKIP_BUILD=1, using pkg/dist as it is"
else
  bash scripts/fresh-build.sh
fi

# 3. Mock API + console in one process.
echo "== demo: starting the mock API and the console"
echo "   Open the console URL below, press \"Use the local mock\", then Connect."
echo "   In another terminal: node examples/node-demo.mjs http://127.0.0.1:$MOCK_PORT"
exec node www/dev-server.mjs --start-mock --port "$PORT" --mock-port "$MOCK_PORT"
