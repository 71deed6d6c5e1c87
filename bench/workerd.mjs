// Item 7: items 1 (and 2) and 4 inside workerd, through miniflare. One worker holds both
// libraries (bench/workerd/worker.mjs, bundled by esbuild like a real worker: the wasm stays a
// separate CompiledWasm module); samples are timed inside the worker and alternate between the
// libraries exactly as in Node. The worker reaches the local API server on 127.0.0.1 directly.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareThroughput } from "./lib/stats.mjs";
import { mintTokens } from "./lib/tokens.mjs";
import { startApiServer } from "./lib/api-server.mjs";
import { VARIANTS, sharedVariantTokens, verifyRow } from "./verify.mjs";
import { apiRows } from "./api-call.mjs";

export const id = "workerd";

const here = fileURLToPath(new URL(".", import.meta.url));
const WHERE = "workerd";

async function startWorker(outdir) {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [join(here, "workerd", "worker.mjs")],
    outdir, bundle: true, format: "esm", platform: "browser",
    conditions: ["workerd", "worker", "browser"], loader: { ".wasm": "copy" }, logLevel: "warning",
  });
  const { Miniflare } = await import("miniflare");
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, "worker.js"),
    modulesRoot: outdir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
  });
  const call = async (job) => {
    const res = await mf.dispatchFetch("http://bench.local/", { method: "POST", body: JSON.stringify(job) });
    return res.json();
  };
  return { call, dispose: () => mf.dispose() };
}

export async function run(ctx) {
  const { edge, runs, warmup, log } = ctx;
  const outdir = mkdtempSync(join(tmpdir(), "clerk-edge-bench-workerd-"));
  const { keys, sets } = sharedVariantTokens(ctx);
  const [same] = mintTokens(keys[2048], { count: 1, tag: "wsame" });
  const worker = await startWorker(outdir);
  const server = await startApiServer();
  try {
    const setup = await worker.call({ op: "setup", pems: { 2048: keys[2048].pem, 4096: keys[4096].pem } });
    if (!setup.ok) throw new Error(`worker setup failed: ${setup.error}`);
    // A sample answered with an error aborts the measurement: it would otherwise be a fake rate.
    const sample = async (job) => {
      const r = await worker.call(job);
      if (r.error) throw new Error(`workerd ${job.op}/${job.lib}: ${r.error}`);
      return r;
    };
    const unavailableFor = async (job) => {
      const r = await worker.call(job);
      return r.error && (r.error.includes("not available") ? r.error.replace(/^[^:]*: /, "") : `fails: ${r.error}`);
    };

    for (const lib of ["edge", "incumbent"]) {
      await worker.call({ op: "verify", lib, bits: 2048, width: 1, tokens: sets.warm }); // untimed warm-up
    }
    const rows = [];
    for (const v of VARIANTS) {
      const tokens = sets[v.key];
      const contenders = [];
      for (const lib of ["edge", "incumbent"]) {
        contenders.push({
          name: lib,
          unavailable: await unavailableFor({ op: "probe", lib, bits: v.bits, token: tokens[tokens.length - 1] }),
          // The worker's clock ticks in whole milliseconds: workerd batches are larger than Node's.
          sample: (round) => sample({ op: "verify", lib, bits: v.bits, width: v.width, tokens: tokens.slice(round * v.workerdBatch, (round + 1) * v.workerdBatch) }),
        });
      }
      rows.push(verifyRow(v.key, await compareThroughput(contenders, { warmup, runs }), { where: WHERE }));
      log(`  ${v.label}, workerd: done`);
    }
    const sameContenders = [];
    for (const lib of ["edge", "incumbent"]) {
      sameContenders.push({
        name: lib,
        unavailable: await unavailableFor({ op: "probe", lib, bits: 2048, token: same }),
        sample: () => sample({ op: "same", lib, bits: 2048, token: same }),
      });
    }
    rows.push(verifyRow("same", await compareThroughput(sameContenders, { warmup, runs }), { where: WHERE }));
    log("  same token, workerd: done");

    const apiContenders = [];
    for (const lib of ["edge", "fetch", "incumbent"]) {
      apiContenders.push({
        name: lib,
        unavailable: await unavailableFor({ op: "api", lib, baseUrl: server.url, probe: true }),
        sample: () => sample({ op: "api", lib, baseUrl: server.url }),
      });
    }
    rows.push(...apiRows(await compareThroughput(apiContenders, { warmup, runs }), WHERE));
    log("  users.get, workerd: done");
    return {
      rows,
      notes: ["In workerd the bench worker fetched the local API server on 127.0.0.1 directly (no outbound handler or service binding was needed)."],
    };
  } finally {
    await server.close();
    await worker.dispose();
    rmSync(outdir, { recursive: true, force: true });
  }
}
