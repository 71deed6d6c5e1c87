// Entry for Deno: reads the wasm from the package folder, so Deno needs read permission for it
// (`--allow-read`, or `--allow-read=<path to node_modules/clerk-edge>`).
import { initSync } from "./dist/clerk_edge.js";
import { setup } from "./setup.js";

initSync({ module: await Deno.readFile(new URL("./dist/clerk_edge_bg.wasm", import.meta.url)) });
setup();

export * from "./core.js";
