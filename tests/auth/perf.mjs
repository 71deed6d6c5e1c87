// Quick verifyToken throughput check, clerk-edge vs @clerk/backend in the same Node process
// (the full suite is `npm run bench`; this is the loop used while optimising src/auth).
// Run: node tests/auth/perf.mjs [CLERK_EDGE_MODULE=/path/to/node.js]
import { generateKeyPairSync, sign } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const edge = await import(pathToFileURL(process.env.CLERK_EDGE_MODULE ?? `${root}pkg/node.js`).href);
const backend = createRequire(`${root}package.json`)("@clerk/backend");

const b64u = (x) => Buffer.from(typeof x === "string" ? x : JSON.stringify(x)).toString("base64url");
function keyPair(bits) {
  const k = generateKeyPairSync("rsa", { modulusLength: bits });
  return { k, pem: k.publicKey.export({ type: "spki", format: "pem" }) };
}
function mint(k, alg, n) {
  const now = Math.floor(Date.now() / 1000);
  const h = b64u({ alg, typ: "JWT", kid: "k" });
  return Array.from({ length: n }, (_, i) => {
    const input = `${h}.${b64u({ sub: `user_${i}`, sid: `sess_${i}`, iat: now - 5, nbf: now - 5, exp: now + 600, azp: "https://a.example" })}`;
    return `${input}.${sign(`sha${alg.slice(2)}`, Buffer.from(input), k.privateKey).toString("base64url")}`;
  });
}
// PERF_CLOCK=cpu counts this process's CPU time instead of wall time: steadier on a machine
// shared with other builds (both libraries are single-threaded here).
const useCpu = process.env.PERF_CLOCK === "cpu";
async function rate(fn, tokens) {
  const c0 = process.cpuUsage(), t0 = performance.now();
  for (const t of tokens) await fn(t);
  const c = process.cpuUsage(c0);
  const seconds = useCpu ? (c.user + c.system) / 1e6 : (performance.now() - t0) / 1000;
  return tokens.length / seconds;
}
// Alternates the two libraries round by round (the machine is shared, load drifts) and keeps
// each one's best round.
async function duel(ours, theirs, tokensFor, rounds = 7) {
  let a = 0, b = 0;
  for (let r = 0; r < rounds; r++) {
    a = Math.max(a, await rate(ours, tokensFor(r)));
    if (theirs) b = Math.max(b, await rate(theirs, tokensFor(r)));
  }
  return [a, theirs ? b : NaN];
}
const fmt = (x) => `${Math.round(x).toLocaleString("en-US")}/s`;
const rows = [];
for (const [bits, alg, n, oracle] of [[2048, "RS256", 1000, true], [4096, "RS256", 200, false], [2048, "RS512", 600, false]]) {
  const { k, pem } = keyPair(bits);
  const tokens = mint(k, alg, n * 6);
  const slice = (r) => tokens.slice((r % 6) * n, (r % 6 + 1) * n);
  const e = (t) => edge.verifyToken(t, { jwtKey: pem });
  const b = (t) => backend.verifyToken(t, { jwtKey: pem });
  await rate(e, tokens.slice(0, 50)); // warm-up (also parses the key once)
  if (oracle) await rate(b, tokens.slice(0, 50));
  // Each round sees tokens the other rounds did not (so the verified-token cache cannot help)...
  // except for a library with a cache, rounds > 6 would repeat: keep rounds <= 6.
  rows.push([`distinct ${alg}-${bits}`, ...(await duel(e, oracle ? b : null, slice, 6))]);
  if (bits === 2048 && alg === "RS256") {
    const same = tokens[0];
    const [ours] = await duel(e, null, () => Array(20_000).fill(same), 5);
    const [, theirs] = await duel(async () => {}, b, () => Array(1000).fill(same), 5);
    rows.push([`same token ${alg}-${bits}`, ours, theirs]);
  }
}
for (const [what, ours, theirs] of rows)
  console.log(`${what.padEnd(24)} clerk-edge ${fmt(ours).padStart(10)}  @clerk/backend ${Number.isNaN(theirs) ? "(fails)".padStart(10) : fmt(theirs).padStart(10)}  ${Number.isNaN(theirs) ? "" : `${(ours / theirs).toFixed(2)}x`}`);
