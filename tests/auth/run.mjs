// Conformance corpus for verifyToken / authenticateRequest / verifyWebhook, in Node.
//
// Every scenario (corpus.mjs: tokens minted with node:crypto, a mock Backend API on 127.0.0.1)
// runs through clerk-edge (edge-half.mjs) AND through @clerk/backend, the incumbent, as oracle
// (oracle.mjs), in this process, with the same clock (Date.now is replaced for each half).
// Verdicts and reasons must agree, except the documented differences, where the incumbent is
// wrong and clerk-edge's expected answer is asserted. `all.mjs` runs the same clerk-edge half
// in Deno and workerd too.
//
// Run: node tests/auth/run.mjs
//   CLERK_EDGE_MODULE=/path/to/module.js  clerk-edge build to test (default: pkg/node.js).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildCorpus } from "./corpus.mjs";
import { runEdge } from "./edge-half.mjs";
import { runOracle } from "./oracle.mjs";
import { compare, propertyFailures, summary } from "./compare.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Builds the corpus and the oracle's verdicts (the mock server stays up until close()). */
export async function prepare() {
  const built = await buildCorpus();
  const require = createRequire(`${root}package.json`);
  const backend = require("@clerk/backend");
  const { verifyWebhook } = require("@clerk/backend/webhooks");
  const theirs = await runOracle(backend, verifyWebhook, built.corpus);
  return { ...built, theirs };
}

/** Compares one runtime's clerk-edge results; returns the printed lines and the failures. */
export function judge(runtime, corpus, theirs, edge) {
  const cmp = compare(corpus.cases, edge.results, theirs);
  const failures = [...cmp.failures, ...propertyFailures(edge.props)];
  const [cases, props] = summary(cmp, edge.props);
  return { line: `${runtime}: ${cases}; ${props}`, cases, props, notes: cmp.notes, failures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const edgePath = process.env.CLERK_EDGE_MODULE ?? `${root}pkg/node.js`;
  if (!existsSync(edgePath)) {
    console.error(`${edgePath} is missing: run scripts/build.sh or set CLERK_EDGE_MODULE`);
    process.exit(2);
  }
  const edgeMod = await import(pathToFileURL(edgePath).href);
  const edge = edgeMod.verifyToken ? edgeMod : edgeMod.default;
  const prepared = await prepare();
  try {
    const verdict = judge("node", prepared.corpus, prepared.theirs, await runEdge(edge, prepared.corpus));
    for (const n of verdict.notes) console.log(`  ${n}`);
    console.log(verdict.cases);
    console.log(verdict.props);
    if (verdict.failures.length) {
      console.error(`FAILED:\n  ${verdict.failures.join("\n  ")}`);
      process.exitCode = 1;
    }
  } finally {
    await prepared.close();
  }
}
