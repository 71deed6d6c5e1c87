// The request-flow differential suite in every server runtime, against the BUILT package
// (scripts/build.sh first): the corpus and @clerk/backend's records are made once in Node
// (run.mjs: prepare), then the clerk-edge half (edge-half.mjs) runs in
//   node     in this process, through pkg/node.js (or CLERK_EDGE_MODULE)
//   deno     `deno run --allow-read --allow-net=127.0.0.1`, through pkg/deno.js
//   workerd  Miniflare, through pkg/workerd.js (worker.mjs)
// Each prints `N/M scenarios agree (K documented differences)` and its time.
// Usage: node tests/auth-flow/all.mjs [node|deno|workerd ...] [--verbose]
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { prepare, judge } from "./run.mjs";
import { runEdge } from "./edge-half.mjs";
import { describe } from "./compare.mjs";
import { startWorker } from "./miniflare.mjs";

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
  async deno(corpus) {
    await mkdir(out, { recursive: true });
    const file = join(out, "corpus.json");
    await writeFile(file, JSON.stringify(corpus));
    const direct = join(root, "node_modules", "@deno", "linux-x64-glibc", "deno");
    const deno = existsSync(direct) ? direct : join(root, "node_modules", ".bin", "deno");
    // Async on purpose: the mock API lives in this process and must keep answering.
    const { stdout } = await promisify(execFile)(deno, ["run", "--no-lock", "--allow-read", "--allow-net=127.0.0.1", join(here, "deno-main.mjs"), file], {
      cwd: root, timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    });
    return JSON.parse(stdout.trim().split("\n").pop());
  },
  async workerd(corpus) {
    const mf = await startWorker(join(here, "worker.mjs"));
    try {
      const res = await mf.dispatchFetch("http://flow.local/", { method: "POST", body: JSON.stringify(corpus) });
      const answer = await res.json();
      if (!answer.ok) throw new Error(answer.error);
      return answer.result;
    } finally {
      await mf.dispose();
    }
  },
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
