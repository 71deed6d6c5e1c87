// Item 5: cold start, one fresh `node` process per sample (bench/cold-start/child.mjs): import
// (for clerk-edge this includes compiling and instantiating the wasm), create a client, first
// verifyToken. The libraries alternate sample by sample; the first sample of each is a warm-up
// (it also warms the OS file cache).

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { summarize } from "./lib/stats.mjs";
import { mintTokens, rsaKey } from "./lib/tokens.mjs";

export const id = "cold-start";

const CHILD = fileURLToPath(new URL("./cold-start/child.mjs", import.meta.url));
const run_ = promisify(execFile);
export const GOAL_COLD = { ratio: 1, text: "≤ 1× (no slower)" };

async function sample(lib, env) {
  const { stdout } = await run_(process.execPath, [CHILD, lib], { env, timeout: 30_000 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

export async function run({ edge, runs, warmup, log }) {
  const key = rsaKey(2048);
  const [token] = mintTokens(key, { count: 1, tag: "cold" });
  const env = { ...process.env, BENCH_TOKEN: token, BENCH_PEM: key.pem };
  const libs = ["edge", "incumbent", "edge-split"];
  const samples = Object.fromEntries(libs.map((l) => [l, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const lib of round % 2 ? [...libs].reverse() : libs) {
      const s = await sample(lib, env);
      if (round >= warmup) samples[lib].push(s);
    }
  }
  const notMeasured = { unavailable: edge.missing.verifyToken ?? "not measured" };
  const stat = (lib, phase) => {
    const values = samples[lib].map((s) => s[phase]).filter((v) => v !== undefined);
    return values.length ? summarize(values) : notMeasured;
  };
  for (const lib of libs) for (const s of samples[lib]) if (s.firstVerify !== undefined) s.total = s.import + s.client + s.firstVerify;
  const both = (phase) => ({ edge: stat("edge", phase), incumbent: stat("incumbent", phase) });
  const rows = [
    { key: "cold_import", figure: "cold start: import (clerk-edge: incl. wasm compile + instantiate)", unit: "ms", higherIsBetter: false, ...both("import"), goal: null },
    { key: "cold_first_verify", figure: "cold start: first verifyToken", unit: "ms", higherIsBetter: false, ...both("firstVerify"), goal: null },
    { key: "cold_total", figure: "cold start: import + client + first verification", unit: "ms", higherIsBetter: false, ...both("total"), goal: GOAL_COLD },
    { key: "cold_process", figure: "cold start: process start → first verification done", unit: "ms", higherIsBetter: false, ...both("sinceProcessStart"), goal: null },
  ];
  const split = { js: stat("edge-split", "jsImport"), wasm: stat("edge-split", "wasmInstantiate") };
  const boot = stat("incumbent", "bootBeforeImport");
  log("  cold start: done");
  return {
    rows,
    section: {
      title: "Cold start breakdown",
      body: `clerk-edge's import, done step by step in separate processes: JS modules (glue + core) ${split.js.median?.toFixed(1)} ms, wasm compile + instantiate + setup ${split.wasm.median?.toFixed(1)} ms (medians). Node itself takes about ${boot.median?.toFixed(0)} ms to reach the first line of the script; that is in the "process start" row for both libraries.`,
    },
  };
}
