// Entry for Cloudflare Workers (workerd) and for bundlers with a wasm loader: the runtime or
// bundler turns the static .wasm import into a WebAssembly.Module (or its bytes).
import wasm from "./dist/clerk_edge_bg.wasm";
import { initSync } from "./dist/clerk_edge.js";
import { setup } from "./setup.js";

initSync({ module: wasm });
setup();

export * from "./core.js";
