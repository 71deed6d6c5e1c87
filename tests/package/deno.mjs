// Deno with the tarball installed into node_modules (deno.json `"nodeModulesDir": "manual"`), as
// a Deno project that uses npm packages does. Each program runs with the narrowest permissions
// that work: read access to the one .wasm file the package loads, network access to the mock
// (and the port it serves on), and env access to the variables the middleware reads; the smoke
// program is also run without each of them, to show each one is needed.
import assert from "node:assert/strict";
import { join } from "node:path";
import * as cases from "./cases.mjs";
import { KEYS, deno, example, freePort, project, run, startProcess, timer, versionOf } from "./lib.mjs";

// `npm:clerk-edge` resolved from node_modules: lists users and verifies a good and a forged token.
const SMOKE = `import { Clerk, TokenVerificationError, verifyToken } from "npm:clerk-edge";

const [apiUrl, token, forged] = Deno.args;
const options = { secretKey: "sk_test_deno", apiUrl };
// No retries: without --allow-net the first call fails at once instead of backing off.
const clerk = new Clerk({ secretKey: options.secretKey, serverURL: apiUrl + "/v1", retryConfig: { strategy: "none" } });
const users = await clerk.users.list({ limit: 3, order_by: "+created_at" });
const claims = await verifyToken(token, options);
let reason = null;
try {
  await verifyToken(forged, options);
} catch (err) {
  if (!(err instanceof TokenVerificationError)) throw err;
  reason = err.reason;
}
console.log(JSON.stringify({ users: users.map((u) => u.id), sub: claims.sub, reason }));
`;

const HONO_ENV = ["CLERK_SECRET_KEY", "CLERK_PUBLISHABLE_KEY", "CLERK_API_URL", "CLERK_API_VERSION"];
const WITH_CLERK_ENV = [...HONO_ENV, "CLERK_JWT_KEY", "PORT"];

export async function denoProjects({ base, tarball, mock, t }) {
  const { dir, installMs } = await project(base, "deno", {
    tarball,
    dependencies: { hono: versionOf("hono") },
    files: {
      "deno.json": JSON.stringify({ nodeModulesDir: "manual" }, null, 2) + "\n",
      "main.ts": SMOKE,
      "hono-readme.ts": example("hono-readme.ts"),
      "with-clerk-deno.ts": example("with-clerk-deno.ts"),
    },
  });
  const env = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", ...KEYS, CLERK_API_URL: mock.url };
  const mockHost = new URL(mock.url).host;
  const readWasm = `--allow-read=${join(dir, "node_modules/clerk-edge/dist/clerk_edge_bg.wasm")}`;
  const report = [];

  // 1. The smoke program, then the same without each permission: each must fail.
  const smoke = timer("deno: npm:clerk-edge listed users and verified tokens");
  const args = (perms) => ["run", "--no-prompt", ...perms, "main.ts", mock.url, t.token, t.tampered];
  const { stdout } = await run(deno, args([readWasm, `--allow-net=${mockHost}`]), { cwd: dir, env });
  const firstUsers = [...mock.state.users.values()].sort((a, b) => a.created_at - b.created_at).slice(0, 3).map((u) => u.id);
  assert.deepEqual(JSON.parse(stdout.trim().split("\n").pop()), { users: firstUsers, sub: t.user.id, reason: "token-invalid-signature" });
  const smokeMs = smoke();
  for (const [missing, perms] of [["read", [`--allow-net=${mockHost}`]], ["net", [readWasm]]]) {
    const r = await run(deno, args(perms), { cwd: dir, env, allowFailure: true, timeoutMs: 30_000 });
    assert.notEqual(r.code, 0, `runs without ${missing} permission?`);
    assert.match(r.stderr, new RegExp(`Requires ${missing} access`), `fails for want of ${missing} access`);
  }
  report.push({ name: "Deno npm:clerk-edge", installMs, runMs: smokeMs, detail: `${readWasm.split("/").pop()} + --allow-net=${mockHost}` });

  // 2. The Hono README app under `deno serve`, and the Deno.serve example.
  const servers = [
    { name: "hono-readme (deno serve)", check: cases.honoReadme, envNames: HONO_ENV,
      args: (port) => ["serve", "--no-prompt", "--host", "127.0.0.1", "--port", String(port)], file: "hono-readme.ts" },
    { name: "with-clerk-deno (Deno.serve)", check: cases.withClerkDeno, envNames: WITH_CLERK_ENV,
      args: (port) => ["run", "--no-prompt", `--allow-net=${mockHost},127.0.0.1:${port}`], file: "with-clerk-deno.ts" },
  ];
  for (const s of servers) {
    const port = await freePort();
    const perms = [readWasm, `--allow-env=${s.envNames.join(",")}`];
    if (s.args(port)[0] === "serve") perms.push(`--allow-net=${mockHost},127.0.0.1:${port}`);
    const ran = timer(`deno: ${s.name} answered its cases`);
    const server = await startProcess(deno, [...s.args(port), ...perms, s.file], { cwd: dir, env: { ...env, PORT: String(port) }, port });
    try {
      const n = await s.check((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init), t);
      report.push({ name: `Deno ${s.name}`, runMs: ran(), detail: `${n} cases, --allow-env=${s.envNames.join(",")}` });
    } catch (err) {
      err.message += `\n${server.output()}`;
      throw err;
    } finally {
      await server.stop();
    }
  }

  // 3. The Deno example type-checks against the installed package (it is outside examples/tsconfig.json).
  const checked = timer("deno check with-clerk-deno.ts");
  await run(deno, ["check", "with-clerk-deno.ts"], { cwd: dir, env });
  report.push({ name: "Deno check with-clerk-deno.ts", buildMs: checked() });
  return report;
}
