// One cold-start sample, in a fresh process: `node child.mjs <edge|edge-split|incumbent>`, with
// the token and PEM key in BENCH_TOKEN / BENCH_PEM. Prints one JSON line of phase times (ms).
//   edge        import clerk-edge's Node entry (loads JS, compiles + instantiates the wasm)
//   edge-split  the same steps done by hand, to split JS import from wasm compile + instantiate
//   incumbent   import @clerk/backend
// then create a client, then the first verifyToken.
import { readFileSync } from "node:fs";

const lib = process.argv[2];
const { BENCH_TOKEN: token, BENCH_PEM: pem } = process.env;
const pkg = new URL("../../pkg/", import.meta.url);

const t0 = performance.now(); // ms since this process started
const phases = {};
let mod;
if (lib === "edge") {
  mod = await import(new URL("node.js", pkg));
} else if (lib === "edge-split") {
  // The steps of pkg/node.js, one by one.
  const glue = await import(new URL("dist/clerk_edge.js", pkg));
  const { setup } = await import(new URL("setup.js", pkg));
  mod = await import(new URL("core.js", pkg));
  phases.jsImport = performance.now() - t0;
  const t = performance.now();
  glue.initSync({ module: readFileSync(new URL("dist/clerk_edge_bg.wasm", pkg)) });
  setup();
  phases.wasmInstantiate = performance.now() - t;
} else {
  mod = await import("@clerk/backend");
}
const t1 = performance.now();
phases.import = t1 - t0;

if (lib === "incumbent") mod.createClerkClient({ secretKey: "sk_live_bench_cold" });
else new mod.Clerk({ bearerAuth: "sk_live_bench_cold" });
const t2 = performance.now();
phases.client = t2 - t1;

if (mod.verifyToken) {
  const claims = await mod.verifyToken(token, { jwtKey: pem });
  if (!claims?.sub) throw new Error("first verification did not return claims");
  phases.firstVerify = performance.now() - t2;
  phases.sinceProcessStart = performance.now();
}
phases.bootBeforeImport = t0;
console.log(JSON.stringify(phases));
