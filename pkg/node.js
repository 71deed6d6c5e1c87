// Entry for Node (ESM): reads the wasm next to this file synchronously, so importing is enough.
import { readFileSync } from "node:fs";
import { initSync } from "./dist/clerk_edge.js";
import { setup } from "./setup.js";

initSync({ module: readFileSync(new URL("./dist/clerk_edge_bg.wasm", import.meta.url)) });
setup();

export * from "./core.js";
