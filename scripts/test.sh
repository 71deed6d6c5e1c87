#!/usr/bin/env bash
# Every test, in the order CI runs them (`npm test` runs this). It first installs whatever the
# toolchain lacks (scripts/install.sh --if-needed: a sub-second check when nothing is missing),
# so a fresh machine needs nothing else. Stops at the first failing suite. Each suite gets a
# header and its time; the last line is `N passed, M failed` counting suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

passed=0
failed=0
started_all=$SECONDS
summary=()

finish() {
  echo
  echo "== summary ($((SECONDS - started_all)) s)"
  printf '%s\n' "${summary[@]}"
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit
}

# suite NAME COMMAND...: runs one suite; on failure prints the summary and stops.
suite() {
  local name=$1
  shift
  echo
  echo "==== $name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    summary+=("  ok   $name ($((SECONDS - t0)) s)")
    echo "---- ok: $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    summary+=("  FAIL $name ($((SECONDS - t0)) s)")
    echo "---- FAILED: $name ($((SECONDS - t0)) s)"
    finish
  fi
}

# The crate's wasm-bindgen-test tests; the environment picks the runtime (Node by default).
wasm_tests() {
  env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner "$@" \
    cargo test -p clerk-edge --target wasm32-unknown-unknown
}

suite "toolchain (scripts/install.sh --if-needed)" bash scripts/install.sh --if-needed
suite "rustfmt" cargo fmt --all --check
suite "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
suite "clippy (wasm32)" cargo clippy -p clerk-edge --target wasm32-unknown-unknown --all-targets -- -D warnings
suite "codegen output is up to date" cargo run -q -p clerk-edge-codegen -- --check
suite "cargo test (native, incl. time-bounded fuzz)" cargo test --workspace
suite "wasm-bindgen-test: Node" wasm_tests
suite "wasm-bindgen-test: headless Chromium" wasm_tests WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver
suite "wasm-bindgen-test: Deno" wasm_tests WASM_BINDGEN_USE_DENO=1 PATH="$PWD/tests/wasm/bin:$PATH"
suite "build the package" bash scripts/build.sh
suite "size budget" node scripts/size-budget.mjs
for env in node deno workerd browser esbuild; do
  suite "smoke: built package in $env" node tests/smoke/run.mjs "$env"
done
suite "TypeScript: generated types (tsc --strict -p codegen)" node_modules/.bin/tsc -p codegen
suite "TypeScript: examples vs pkg/index.d.ts (tsc --strict)" node_modules/.bin/tsc -p examples
suite "README usage examples" node --test tests/readme/run.mjs
suite "package: the packed tarball in Node, tsc, attw/publint, Wrangler+workerd, Deno, Vite+Chromium" node tests/package/run.mjs
suite "middleware: clerk-edge/hono vs @hono/clerk-auth, withClerk; prepack's build check" \
  node --test tests/package/middleware.test.mjs tests/package/fresh-build.test.mjs
suite "middleware handshake" node --test tests/package/handshake.mjs
suite "demo: Ctrl-C and SIGTERM stop both servers" node tests/demo/stop.mjs
suite "client (namespaces, pagination, options)" node --test tests/client/run.mjs
suite "error mapping" node --test tests/errors/run.mjs
suite "contract vs Prism" node tests/contract/run.mjs
suite "auth token corpus (Node, Deno, workerd) + README worker" node tests/auth/all.mjs
suite "request flow vs @clerk/backend 3.25 (Node, Deno, workerd)" node tests/auth-flow/all.mjs
suite "request flow in Rust, replayed with the incumbent's host answers" node tests/auth-flow/replay.mjs
suite "handshake round trip (incumbent, Node, workerd)" node tests/auth-flow/roundtrip.mjs incumbent node workerd
suite "fault injection (Node and workerd)" node tests/faults/run.mjs
suite "fuzz: hostile inputs from JS" node tests/fuzz/run.mjs
suite "soak and concurrency" node tests/soak/run.mjs
suite "secrets never leak" node tests/secrets/run.mjs
suite "mock API" node --test tests/mock/
suite "console e2e (headless Chromium)" node tests/e2e/run.mjs
finish
