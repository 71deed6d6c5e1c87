// Loads the two libraries under test in this Node process: clerk-edge through its public Node
// entry (pkg/node.js, the current build) and @clerk/backend from node_modules.
//
// A clerk-edge function the entry does not export is reported as unavailable (every row that
// needs it says so) rather than crashing the suite.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const EDGE_ENTRY = `${root}pkg/node.js`;

export const AUTH_FUNCTIONS = ["verifyToken", "authenticateRequest"];

/** `{ Clerk, operations, verifyToken, authenticateRequest, missing: { name: reason } }` */
export async function loadEdge() {
  if (!existsSync(`${root}pkg/dist/clerk_edge_bg.wasm`)) {
    throw new Error("pkg/dist is not built: run `bash scripts/build.sh` first");
  }
  const entry = await import(EDGE_ENTRY);
  const edge = { Clerk: entry.Clerk, operations: entry.operations, missing: {} };
  for (const name of AUTH_FUNCTIONS) {
    if (typeof entry[name] === "function") edge[name] = entry[name];
    else edge.missing[name] = `not available: pkg/node.js does not export ${name}`;
  }
  return edge;
}

export async function loadBackend() {
  return import("@clerk/backend");
}

/** Runs `fn()` once: null when it resolves, else a short reason (the error's `reason` or message). */
export async function probe(fn) {
  try {
    await fn();
    return null;
  } catch (e) {
    return `${e?.reason ?? e?.name ?? "error"}: ${String(e?.message ?? e).slice(0, 120)}`;
  }
}
