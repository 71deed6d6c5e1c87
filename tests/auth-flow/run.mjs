// The request-flow differential suite, in Node: a seeded matrix of authenticateRequest scenarios
// (corpus.mjs) through @clerk/backend 3.25 (oracle.mjs) and through clerk-edge (edge-half.mjs),
// compared field by field (observe.mjs, compare.mjs). Prints
//   `N/M scenarios agree (K documented differences)`
// and exits non-zero on any undocumented disagreement. all.mjs runs the clerk-edge half in Deno
// and workerd as well.
//
// Run: node tests/auth-flow/run.mjs [--verbose]
//   CLERK_EDGE_MODULE=/path/to/module.js  the clerk-edge build (default: pkg/node.js)
//   FLOW_SCENARIOS=2400                   size of the generated matrix (targeted cases come on top)
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildCorpus } from "./corpus.mjs";
import { runOracle } from "./oracle.mjs";
import { runEdge } from "./edge-half.mjs";
import { compare, describe, summary } from "./compare.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The corpus, its mock server and the oracle's records. */
export async function prepare() {
  const built = await buildCorpus({ count: Number(process.env.FLOW_SCENARIOS ?? 2400) });
  const backend = createRequire(`${root}package.json`)("@clerk/backend");
  const theirs = await runOracle(backend, built.corpus);
  return { ...built, theirs };
}

/** What the oracle's records cover: states and reasons. */
export function coverage(theirs) {
  const count = new Map();
  for (const t of theirs) {
    const k = t.threw ? `threw ${t.threw}` : `${t.status} ${t.reason ?? ""}`.trim();
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
}

export function judge(runtime, corpus, theirs, edge) {
  const cmp = compare(corpus.scenarios, edge.results, theirs);
  const leaks = edge.leaked.map((n) => `secret or token in a state's message, headers or debug(): ${n}`);
  return { line: `${runtime}: ${summary(cmp)}`, cmp, leaks };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const verbose = process.argv.includes("--verbose");
  const edgePath = process.env.CLERK_EDGE_MODULE ?? `${root}pkg/node.js`;
  if (!existsSync(edgePath)) {
    console.error(`${edgePath} is missing: run scripts/build.sh or set CLERK_EDGE_MODULE`);
    process.exit(2);
  }
  const started = Date.now();
  const mod = await import(pathToFileURL(edgePath).href);
  const edge = mod.authenticateRequest ? mod : mod.default;
  const prepared = await prepare();
  try {
    if (verbose) console.log(`oracle covers:\n  ${coverage(prepared.theirs).join("\n  ")}`);
    const verdict = judge("node", prepared.corpus, prepared.theirs, await runEdge(edge, prepared.corpus));
    if (verbose) {
      for (const n of verdict.cmp.notes) console.log(`  ${n}`);
      console.log(`first differing field of the failures:\n  ${verdict.cmp.byField.map(([k, n]) => `${n} ${k}`).join("\n  ")}`);
      for (const f of verdict.cmp.failures.slice(0, Number(process.env.FLOW_SHOW ?? 15))) console.log(`FAIL ${describe(f)}`);
    }
    console.log(`${verdict.line} (${Date.now() - started} ms)`);
    for (const l of verdict.leaks) console.log(`FAIL ${l}`);
    if (verdict.cmp.failures.length || verdict.leaks.length) process.exitCode = 1;
  } finally {
    await prepared.close();
  }
}
