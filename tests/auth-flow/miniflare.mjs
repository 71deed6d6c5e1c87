// A Worker in workerd (Miniflare) for this folder's runs: ES modules from the repo, the wasm as
// a compiled module, fetches made by workerd itself.
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
    // No outboundService: workerd's own fetch reaches the mock on 127.0.0.1, so a request that
    // gets no HTTP answer rejects in the Worker as it would in production (through an
    // outboundService, Miniflare turns the failure into a 500 response).
    ...extra,
  });
}
