// Item 6: bundle size of a minimal worker (client + verifyToken, bench/bundle/*.mjs) built with
// esbuild (minified, ESM, workerd/worker/browser conditions), raw and gzip -9, for both
// libraries; plus clerk-edge's wasm and JS on their own (the same files the size budget counts).
// The wasm stays a separate module of the worker (esbuild `copy` loader), as workerd deploys it.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { measure } from "../scripts/size-budget.mjs";

export const id = "bundle";

const here = fileURLToPath(new URL(".", import.meta.url));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
export const GOAL_BUNDLE = { ratio: 1, text: "≤ 1× (≤ the incumbent's gzip)" };

async function bundle(esbuild, entry, outdir) {
  const result = await esbuild.build({
    entryPoints: [join(here, "bundle", entry)],
    outdir, bundle: true, minify: true, format: "esm", platform: "browser",
    conditions: ["workerd", "worker", "browser"], loader: { ".wasm": "copy" },
    metafile: true, logLevel: "silent",
  });
  const files = Object.keys(result.metafile.outputs).map((p) => {
    const buf = readFileSync(p);
    return { path: p, wasm: p.endsWith(".wasm"), raw: buf.length, gzip: gz(buf) };
  });
  const sum = (k, pick = () => true) => files.filter(pick).reduce((n, f) => n + f[k], 0);
  return {
    raw: sum("raw"), gzip: sum("gzip"),
    jsRaw: sum("raw", (f) => !f.wasm), jsGzip: sum("gzip", (f) => !f.wasm),
    wasmRaw: sum("raw", (f) => f.wasm), wasmGzip: sum("gzip", (f) => f.wasm),
  };
}

export async function run({ edge, log }) {
  const esbuild = await import("esbuild");
  const out = mkdtempSync(join(tmpdir(), "clerk-edge-bench-"));
  try {
    const e = await bundle(esbuild, "edge-worker.mjs", join(out, "edge"));
    const b = await bundle(esbuild, "backend-worker.mjs", join(out, "backend"));
    const pkg = measure();
    const exact = (v) => ({ median: v, exact: true });
    const rows = [
      { key: "bundle_min", figure: "minimal worker bundle (client + verifyToken), minified", unit: "bytes", higherIsBetter: false, edge: exact(e.raw), incumbent: exact(b.raw), goal: null },
      { key: "bundle_gzip", figure: "minimal worker bundle (client + verifyToken), gzip", unit: "bytes", higherIsBetter: false, edge: exact(e.gzip), incumbent: exact(b.gzip), goal: GOAL_BUNDLE },
    ];
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    const fileRows = pkg.files.map((f) => `| \`${f.path}\` | ${f.raw.toLocaleString("en-US")} | ${f.gzip.toLocaleString("en-US")} |`).join("\n");
    const notes = [];
    if (edge.missing.verifyToken) notes.push("clerk-edge's bundle was built while pkg/ did not export verifyToken (its wasm already holds the verification code; only the JS re-export is missing).");
    log("  bundles: done");
    return {
      rows, notes,
      section: {
        title: "Sizes in detail",
        body: `Minimal worker, as bundled: clerk-edge ${kib(e.jsGzip)} JS + ${kib(e.wasmGzip)} wasm = ${kib(e.gzip)} gzip (${kib(e.raw)} minified); @clerk/backend ${kib(b.gzip)} gzip (${kib(b.raw)} minified). clerk-edge covers all ${edgeOperationCount(edge)} operations in that size.

clerk-edge's shipped files (the set \`scripts/size-budget.mjs\` checks; gzip -9 each):

| file | raw bytes | gzip bytes |
|---|---|---|
${fileRows}
| **wasm** | ${pkg.files[0].raw.toLocaleString("en-US")} | ${pkg.wasmGzip.toLocaleString("en-US")} |
| **JS** | ${(pkg.totalRaw - pkg.files[0].raw).toLocaleString("en-US")} | ${pkg.jsGzip.toLocaleString("en-US")} |
| **total** | ${pkg.totalRaw.toLocaleString("en-US")} | ${pkg.totalGzip.toLocaleString("en-US")} |`,
      },
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function edgeOperationCount(edge) {
  return edge.operations ? edge.operations().length : "the";
}
