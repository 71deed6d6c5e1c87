// Cloudflare Workers as users build them: each worker example in its own project with the
// tarball installed and the wrangler.jsonc Cloudflare's docs have users write (name, main,
// compatibility_date), bundled by `wrangler deploy --dry-run --outdir` with Wrangler's default
// rules (no custom .wasm loader). The bundle then runs in workerd (Miniflare) against the mock.
//
// Wrangler 4.86.0: the last release whose engines allow Node 20 (4.87+ need Node >= 22; the
// latest, 4.164, >= 22.12), and it depends on miniflare 4.20260426.0, the one this repository
// already uses, so npm installs a single workerd.
import assert from "node:assert/strict";
import { join } from "node:path";
import * as cases from "./cases.mjs";
import { KEYS, bin, example, listFiles, project, run, timer, versionOf } from "./lib.mjs";

const COMPATIBILITY_DATE = "2026-04-01";

const WORKERS = [
  { name: "hono-readme", file: "hono-readme.ts", check: cases.honoReadme },
  { name: "hono-api", file: "hono-api.ts", check: cases.honoApi },
  { name: "with-clerk-worker", file: "with-clerk-worker.ts", check: cases.withClerkWorker },
];

export async function wranglerWorkers({ base, tarball, mock, t }) {
  assert.equal(versionOf("wrangler"), "4.86.0", "the version this file's comment explains");
  const { Miniflare } = await import("miniflare");
  const report = [];
  for (const w of WORKERS) {
    const config = { name: `clerk-edge-${w.name}`, main: "src/index.ts", compatibility_date: COMPATIBILITY_DATE };
    const { dir, installMs } = await project(base, `worker-${w.name}`, {
      tarball,
      dependencies: { hono: versionOf("hono") },
      files: { "wrangler.jsonc": JSON.stringify(config, null, 2) + "\n", "src/index.ts": example(w.file) },
    });

    const built = timer(`wrangler: ${w.name} bundled`);
    await run(bin("wrangler"), ["deploy", "--dry-run", "--outdir", "out"], {
      cwd: dir,
      env: { WRANGLER_SEND_METRICS: "false", WRANGLER_LOG_PATH: join(dir, ".wrangler-logs"), CI: "1" },
    });
    const buildMs = built();

    // Wrangler's default rules keep the .wasm as its own module next to the script.
    const out = join(dir, "out");
    const files = await listFiles(out);
    const wasm = files.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `one wasm module in the bundle (${files.join(", ")})`);
    assert.ok(files.includes("index.js"), `index.js in the bundle (${files.join(", ")})`);

    const ran = timer(`workerd: ${w.name} answered its cases`);
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(out, "index.js"),
      modulesRoot: out,
      modulesRules: [
        { type: "ESModule", include: ["**/*.js"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: COMPATIBILITY_DATE,
      // The worker fetches the JWKS and the Backend API from the mock itself (127.0.0.1).
      bindings: { ...KEYS, CLERK_API_URL: mock.url },
    });
    try {
      const send = (path, init) => mf.dispatchFetch(`http://worker.local${path}`, init);
      const n = await w.check(send, t);
      report.push({ name: `Wrangler Worker ${w.name}`, installMs, buildMs, runMs: ran(), detail: `${n} cases, bundle: ${files.join(", ")}` });
    } finally {
      await mf.dispose();
    }
  }
  return report;
}
