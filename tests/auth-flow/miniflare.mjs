// A Worker in workerd (Miniflare) for this folder's runs: ES modules from the repo, the wasm as
// a compiled module, and outbound fetches (to the mock on 127.0.0.1) made by Node for it.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export async function startWorker(scriptPath, extra = {}) {
  const { Miniflare } = await import("miniflare");
  return new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: root,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    // Re-made as a plain request: Node's fetch refuses a Request with a streamed body.
    outboundService: async (request) => {
      const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
      return fetch(request.url, { method: request.method, headers: request.headers, body });
    },
    ...extra,
  });
}
