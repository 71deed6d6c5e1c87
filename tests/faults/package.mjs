// Loads the built package for the reliability suites (faults, fuzz, soak, secrets).
// verifyToken / authenticateRequest / verifyWebhook come from pkg/node.js once it re-exports
// them; until then from the wasm-bindgen glue (the same, already initialised wasm instance), so
// the suites cover them either way. `authSource` says which.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const AUTH = ["verifyToken", "authenticateRequest", "verifyWebhook"];

export async function loadPackage() {
  if (!existsSync(join(root, "pkg", "dist", "clerk_edge_bg.wasm"))) {
    console.error("pkg/dist is missing: run `bash scripts/build.sh` first");
    process.exit(2);
  }
  const pkg = await import("../../pkg/node.js");
  const glue = await import("../../pkg/dist/clerk_edge.js");
  const lib = { ...pkg };
  let authSource = "pkg/node.js";
  for (const name of AUTH) {
    if (typeof lib[name] !== "function" && typeof glue[name] === "function") {
      lib[name] = glue[name];
      authSource = "pkg/dist/clerk_edge.js (pkg/node.js does not export it yet)";
    }
  }
  if (!AUTH.some((n) => typeof lib[n] === "function")) authSource = "nowhere (not built)";
  // initSync returns the instance's exports when already initialised: `memory` lives there.
  const exports = glue.initSync();
  return { lib, pkg, glue, exports, authSource };
}
