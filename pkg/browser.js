// Entry for browsers without a bundler (<script type="module"> or an import map): fetches the
// wasm next to this file, compiling while it downloads when served as application/wasm.
import init from "./dist/clerk_edge.js";
import { setup } from "./setup.js";

await init({ module_or_path: new URL("./dist/clerk_edge_bg.wasm", import.meta.url) });
setup();

export * from "./core.js";
