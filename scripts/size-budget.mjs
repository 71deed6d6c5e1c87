#!/usr/bin/env node
// Size budget check: fails (exit 1) when the built package grows past size-budget.json.
//
//   node scripts/size-budget.mjs            check pkg/ (build it first: bash scripts/build.sh)
//   node scripts/size-budget.mjs --update   set the budget to the current size + 3% (commit it)
//
// What counts is what a worker ships: the optimised wasm plus every JS file the workerd entry
// (pkg/workerd.js) loads, found by following its relative imports (today: the entry, setup.js,
// core.js, errors.js and the wasm-bindgen glue dist/clerk_edge.js), each gzipped at level 9, summed.
// The budget is a ratchet against accidental growth; `goal` records the target we report against.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../", import.meta.url));
const BUDGET_FILE = `${root}size-budget.json`;
export const WASM = "pkg/dist/clerk_edge_bg.wasm";
const ENTRY = "pkg/workerd.js";
const HEADROOM = 1.03;

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** The JS files `entry` loads, itself first: relative `import`/`export ... from` of .js files. */
export function jsFiles(entry = ENTRY) {
  const seen = [];
  const visit = (path) => {
    if (seen.includes(path)) return;
    if (!existsSync(`${root}${path}`)) throw new Error(`${path} is missing: build the package first (bash scripts/build.sh)`);
    seen.push(path);
    const code = readFileSync(`${root}${path}`, "utf8");
    for (const [, spec] of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;"']*?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(posix.normalize(posix.join(posix.dirname(path), spec)));
    }
  };
  visit(entry);
  return seen;
}

/** Sizes of the shipped files: { files: [{ path, raw, gzip }], wasmGzip, jsGzip, totalGzip, totalRaw }. */
export function measure() {
  const files = [WASM, ...jsFiles()].map((path) => {
    const full = `${root}${path}`;
    if (!existsSync(full)) throw new Error(`${path} is missing: build the package first (bash scripts/build.sh)`);
    const buf = readFileSync(full);
    return { path, raw: buf.length, gzip: gz(buf) };
  });
  const sum = (list, k) => list.reduce((n, f) => n + f[k], 0);
  const js = files.filter((f) => f.path !== WASM);
  return {
    files,
    wasmGzip: files[0].gzip,
    jsGzip: sum(js, "gzip"),
    totalGzip: sum(files, "gzip"),
    totalRaw: sum(files, "raw"),
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

function main() {
  let m;
  try {
    m = measure();
  } catch (e) {
    console.error(`size budget: ${e.message}`);
    process.exit(1);
  }
  for (const f of m.files) console.log(`  ${f.path.padEnd(30)} ${String(f.raw).padStart(9)} B raw ${String(f.gzip).padStart(8)} B gzip`);
  console.log(`  ${"total".padEnd(30)} ${String(m.totalRaw).padStart(9)} B raw ${String(m.totalGzip).padStart(8)} B gzip`);

  const budget = JSON.parse(readFileSync(BUDGET_FILE, "utf8"));
  if (process.argv.includes("--update")) {
    const round = (n) => Math.ceil((n * HEADROOM) / 100) * 100;
    budget.wasmGzipBytes = round(m.wasmGzip);
    budget.totalGzipBytes = round(m.totalGzip);
    writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
    console.log(`size budget updated: wasm ${budget.wasmGzipBytes} B gzip, total ${budget.totalGzipBytes} B gzip`);
    return;
  }

  const over = [];
  if (m.wasmGzip > budget.wasmGzipBytes) over.push(`wasm is ${m.wasmGzip} B gzipped, budget ${budget.wasmGzipBytes} B (+${m.wasmGzip - budget.wasmGzipBytes} B)`);
  if (m.totalGzip > budget.totalGzipBytes) over.push(`wasm + JS is ${m.totalGzip} B gzipped, budget ${budget.totalGzipBytes} B (+${m.totalGzip - budget.totalGzipBytes} B)`);
  const goal = budget.goal?.totalGzipBytes;
  const goalText = goal ? `; goal ${kb(goal)} (${m.totalGzip <= goal ? "met" : `${kb(m.totalGzip - goal)} to go`})` : "";
  if (over.length) {
    console.error(`size budget EXCEEDED (size-budget.json):\n  ${over.join("\n  ")}`);
    console.error("Shrink the package, or if the growth is deliberate, run `node scripts/size-budget.mjs --update` and commit size-budget.json.");
    process.exit(1);
  }
  console.log(`size budget ok: wasm ${kb(m.wasmGzip)} ≤ ${kb(budget.wasmGzipBytes)}, total ${kb(m.totalGzip)} ≤ ${kb(budget.totalGzipBytes)} gzip${goalText}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
