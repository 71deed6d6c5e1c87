// Node 20 with the tarball installed: an ES module program and a CommonJS one (require() of the
// package's CommonJS entries, which load the ES modules through Node's require(esm)). Both list
// users from the mock and verify tokens; both load the /hono and /with-clerk entries, which must
// share the main entry's wasm instance (one class identity). A Node without require(esm) must
// get our error message saying what to do.
import assert from "node:assert/strict";
import { project, run, timer, versionOf } from "./lib.mjs";

const PROGRAM = (load) => `${load}
const [apiUrl, token, forged] = process.argv.slice(2);
async function main() {
  const options = { secretKey: "sk_test_node", apiUrl };
  const clerk = new edge.Clerk({ secretKey: options.secretKey, serverURL: apiUrl + "/v1" });
  const users = await clerk.users.list({ limit: 3, order_by: "+created_at" });
  const claims = await edge.verifyToken(token, options);
  const reason = await edge.verifyToken(forged, options).then(() => null, (e) => e instanceof edge.TokenVerificationError && e.reason);
  // The middleware entries reach the same instance: their errors are the main entry's classes.
  const bad = (f) => { try { f(); } catch (e) { return e instanceof edge.InvalidRequestError; } return false; };
  const sameInstance = bad(() => withClerk.withClerk(() => new Response(), { onSignedOut: "maybe" }))
    && bad(() => hono.clerkMiddleware({ acceptsToken: "api_key" }));
  console.log(JSON.stringify({ users: users.map((u) => u.id), sub: claims.sub, reason, sameInstance }));
}
main().catch((e) => { console.error(e); process.exit(1); });
`;

const ESM = PROGRAM(`import * as edge from "clerk-edge";
import * as hono from "clerk-edge/hono";
import * as withClerk from "clerk-edge/with-clerk";`);
const CJS = PROGRAM(`const edge = require("clerk-edge");
const hono = require("clerk-edge/hono");
const withClerk = require("clerk-edge/with-clerk");`);

export async function nodeProject({ base, tarball, mock, t }) {
  const { dir, installMs } = await project(base, "node", {
    tarball,
    dependencies: { hono: versionOf("hono") },
    files: { "esm.mjs": ESM, "cjs.cjs": CJS },
  });
  const firstUsers = [...mock.state.users.values()].sort((a, b) => a.created_at - b.created_at).slice(0, 3).map((u) => u.id);
  const expected = { users: firstUsers, sub: t.user.id, reason: "token-invalid-signature", sameInstance: true };
  const report = [];
  for (const file of ["esm.mjs", "cjs.cjs"]) {
    const ran = timer(`node ${file}`);
    const { stdout } = await run(process.execPath, [file, mock.url, t.token, t.tampered], { cwd: dir });
    assert.deepEqual(JSON.parse(stdout.trim().split("\n").pop()), expected, file);
    report.push({ name: `Node ${process.version} ${file === "esm.mjs" ? "ESM import" : "CommonJS require"}`, installMs: file === "esm.mjs" ? installMs : undefined, runMs: ran() });
  }

  // Node before 20.19 / 22.12 cannot require() an ES module; this flag gives the same behaviour.
  const old = await run(process.execPath, ["--no-experimental-require-module", "cjs.cjs", mock.url, t.token, t.tampered], { cwd: dir, allowFailure: true });
  assert.notEqual(old.code, 0);
  assert.match(old.stderr, /clerk-edge is an ES module and this Node \(v[\d.]+\) cannot require\(\) it/);
  assert.match(old.stderr, /await import\("clerk-edge"\)/);
  report.push({ name: "Node without require(esm): clear error", runMs: old.ms });
  return report;
}
