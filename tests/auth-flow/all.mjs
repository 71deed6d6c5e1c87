// The request-flow differential suite in every server runtime, against the BUILT package
// (scripts/build.sh first): the corpus and @clerk/backend's records are made once in Node
// (run.mjs: prepare), then the clerk-edge half (edge-half.mjs) runs in
//   node     in this process, through pkg/node.js (or CLERK_EDGE_MODULE)
//   deno     `deno run --allow-read --allow-net=127.0.0.1`, through pkg/deno.js
//   workerd  Miniflare, through pkg/workerd.js (worker.mjs)
// Each prints `N/M scenarios agree (K documented differences)` and its time.
// Usage: node tests/auth-flow/all.mjs [node|deno|workerd ...] [--verbose]
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { prepare, judge } from "./run.mjs";
import { runEdge } from "./edge-half.mjs";
import { describe } from "./compare.mjs";
import { runInDeno, runInWorker } from "../corpus-runtimes.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const here = join(root, "tests", "auth-flow");
const out = join(root, "test-output", "auth-flow");
const TIMEOUT_MS = 300_000;

const RUNTIMES = {
  async node(corpus) {
    const path = process.env.CLERK_EDGE_MODULE ?? join(root, "pkg", "node.js");
    const mod = await import(pathToFileURL(path).href);
    return runEdge(mod.authenticateRequest ? mod : mod.default, corpus);
  },
  deno: (corpus) => runInDeno(join(here, "deno-main.mjs"), corpus, { out, timeoutMs: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }),
  workerd: (corpus) => runInWorker(join(here, "worker.mjs"), "http://flow.local/", corpus),
};

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const wanted = args.filter((a) => RUNTIMES[a]);
if (!existsSync(join(root, "pkg", "dist", "clerk_edge_bg.wasm"))) {
  console.error("pkg/dist is missing: run `bash scripts/build.sh` first");
  process.exit(2);
}
let failed = 0;
const t0 = Date.now();
const prepared = await prepare();
console.log(`corpus and oracle: ${prepared.corpus.scenarios.length} scenarios (${Date.now() - t0} ms)`);
try {
  for (const name of wanted.length ? wanted : Object.keys(RUNTIMES)) {
    const started = Date.now();
    try {
      const verdict = judge(name, prepared.corpus, prepared.theirs, await RUNTIMES[name](prepared.corpus));
      console.log(`${verdict.line} (${Date.now() - started} ms)`);
      if (verbose) for (const f of verdict.cmp.failures.slice(0, 10)) console.log(`FAIL ${describe(f)}`);
      for (const l of verdict.leaks) console.log(`FAIL ${name}: ${l}`);
      if (verdict.cmp.failures.length || verdict.leaks.length) failed++;
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${[e.stderr, e.stack ?? e].filter(Boolean).join("\n").replace(/^/gm, "  ")}`);
    }
  }
} finally {
  await prepared.close();
}
console.log(`total ${Date.now() - t0} ms`);
process.exit(failed ? 1 : 0);
