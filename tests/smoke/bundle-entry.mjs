// What an app bundled for the edge looks like: esbuild resolves "clerk-edge" with the workerd
// condition and inlines the .wasm (binary loader), leaving one self-contained ESM file.
import * as clerkEdge from "clerk-edge";
import { check } from "./check.mjs";

export const run = (serverURL) => check(clerkEdge, serverURL);
