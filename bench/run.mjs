// The side-by-side benchmark suite: clerk-edge vs @clerk/backend (issue 5). Not part of the tests.
//
//   node bench/run.mjs                 every measurement; writes docs/benchmarks.md + .svg
//   node bench/run.mjs --only verify,api               a subset, printed only (ids: verify,
//                                      authenticate, api, cold-start, bundle, wasm-size, workerd)
//   node bench/run.mjs --quick         fewer samples (5 instead of 9), for trying changes
//
// Needs the built package (bash scripts/build.sh). Each measurement is a module exporting
// `id` and `run(ctx)` -> { rows, notes?, section? }; one that throws is reported, not fatal.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { loadBackend, loadEdge, root } from "./lib/contenders.mjs";
import { judge, markdown, chartSvg, formatFigure } from "./lib/report.mjs";

const MODULES = ["verify", "authenticate", "api-call", "cold-start", "bundle-size", "wasm-size", "workerd"];

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : null;
const quick = flag("--quick");
const write = !flag("--no-write") && !only;
const runs = quick ? 5 : 9;
const warmup = 1;

const log = (...a) => console.log(...a);
const version = (name) => {
  try {
    return JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, "utf8")).version;
  } catch {
    return "?";
  }
};

function machineInfo() {
  const wasm = readFileSync(`${root}pkg/dist/clerk_edge_bg.wasm`);
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: cpus()[0]?.model.trim() ?? "?",
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    load: loadavg().map((l) => l.toFixed(2)).join(" "),
    node: process.versions.node,
    miniflare: version("miniflare"),
    esbuild: version("esbuild"),
    edgeVersion: JSON.parse(readFileSync(`${root}pkg/package.json`, "utf8")).version,
    backendVersion: version("@clerk/backend"),
    wasmBytes: wasm.length,
    wasmHash: createHash("sha256").update(wasm).digest("hex").slice(0, 12),
    runs,
    warmup,
  };
}

const started = performance.now();
const edge = await loadEdge(); // first: it explains a missing build
const machine = machineInfo();
const backend = await loadBackend();
for (const why of Object.values(edge.missing)) log(`note: clerk-edge ${why}`);

const ctx = { edge, backend, runs, warmup, quick, log, root };
const rows = [];
const notes = [];
const sections = [];
let failed = 0;
for (const name of MODULES) {
  const mod = await import(`./${name}.mjs`);
  if (only && !only.includes(mod.id)) continue;
  const t0 = performance.now();
  log(`== ${mod.id}`);
  try {
    const out = await mod.run(ctx);
    rows.push(...out.rows);
    notes.push(...(out.notes ?? []), ...out.rows.filter((r) => r.note).map((r) => `${r.figure}: ${r.note}.`));
    if (out.section) sections.push(out.section);
    for (const row of out.rows) {
      const j = judge(row);
      log(`  ${row.figure}: clerk-edge ${formatFigure(row.edge, row.unit)} | ${row.incumbentLabel ?? "@clerk/backend"} ${formatFigure(row.incumbent, row.unit)} | ${j.text}${row.goal ? ` (goal ${row.goal.text}: ${j.met})` : ""}`);
    }
  } catch (e) {
    failed++;
    notes.push(`Measurement \`${mod.id}\` failed: ${String(e?.message ?? e).split("\n")[0]}`);
    console.error(`  FAILED: ${e?.stack ?? e}`);
  }
  log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
for (const [fn, why] of Object.entries(edge.missing)) notes.unshift(`clerk-edge \`${fn}\`: ${why}; its rows say so.`);

const seconds = (performance.now() - started) / 1000;
log(`suite: ${seconds.toFixed(0)} s`);
if (write) {
  mkdirSync(`${root}docs`, { recursive: true });
  writeFileSync(`${root}docs/benchmarks.md`, markdown({ rows, machine, sections, notes, seconds }));
  writeFileSync(`${root}docs/benchmarks.svg`, chartSvg(rows, `clerk-edge vs @clerk/backend ${machine.backendVersion} — ${machine.date.slice(0, 10)}`));
  mkdirSync(`${root}test-output/bench`, { recursive: true });
  writeFileSync(`${root}test-output/bench/results.json`, JSON.stringify({ machine, rows, notes, seconds }, null, 2));
  log("wrote docs/benchmarks.md, docs/benchmarks.svg, test-output/bench/results.json");
}
process.exit(failed ? 1 : 0);
