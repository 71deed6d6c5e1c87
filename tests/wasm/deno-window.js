// Preloaded by tests/wasm/bin/deno: wasm-bindgen-test-runner's Deno script still assigns to
// `window`, which Deno 2 no longer defines.
globalThis.window = globalThis;
