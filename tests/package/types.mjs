// TypeScript consumers of the installed tarball under `tsc --strict` with `skipLibCheck: false`
// (so the package's own .d.ts/.d.cts are checked too): moduleResolution node16 from an ES module
// and from a CommonJS file, and moduleResolution bundler. Each file also holds @ts-expect-error
// lines, which fail the build if the types were `any`. Then @arethetypeswrong/cli and publint
// on the tarball itself: 0 problems, with attw's default profile (CommonJS included).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { bin, project, run, timer, versionOf } from "./lib.mjs";

/** One consumer's code; `imports` differs between ESM and CommonJS only in the file's format. */
const CONSUMER = `import { Clerk, ClerkErrors, authenticateRequest, verifyToken } from "clerk-edge";
import type { AuthObject, User } from "clerk-edge";
import { clerkMiddleware, getAuth } from "clerk-edge/hono";
import { withClerk } from "clerk-edge/with-clerk";
import { Hono } from "hono";

export async function firstUser(secretKey: string): Promise<User | undefined> {
  const clerk = new Clerk({ secretKey });
  const users = await clerk.users.list({ limit: 1 });
  return users[0];
}

export async function userId(request: Request): Promise<string | null> {
  const state = await authenticateRequest(request, { secretKey: "sk_test_x", acceptsToken: ["session_token", "api_key"] });
  if (state.status === "handshake") return null;
  const auth: AuthObject = state.toAuth();
  return auth.userId;
}

export const sub = async (token: string): Promise<string> => (await verifyToken(token, { jwtKey: "pem" })).sub;
export const isClerkError = (e: unknown): boolean => e instanceof ClerkErrors && e.status === 404;

const app = new Hono();
app.use("*", clerkMiddleware({ authorizedParties: ["https://app.example"] }));
app.get("/", async (c) => {
  const { userId } = getAuth(c, { acceptsToken: "session_token" });
  const user = userId ? await c.get("clerk").users.get({ user_id: userId }) : null;
  return c.json({ userId, email: user?.email_addresses[0]?.email_address ?? null });
});
export { app };

interface Env { CLERK_SECRET_KEY: string }
export const worker = {
  fetch: withClerk<Env>((_request, env, _ctx, auth) => Response.json({ userId: auth.userId, key: env.CLERK_SECRET_KEY.length })),
};
export const denoStyle: (request: Request, info: { remoteAddr: unknown }) => Promise<Response> =
  withClerk((_request, _info, _ctx, auth) => new Response(auth.userId), { onSignedOut: "continue" });

// @ts-expect-error: an unknown operation
void new Clerk().users.nope;
// @ts-expect-error: acceptsToken is chosen per route, in getAuth
clerkMiddleware({ acceptsToken: "api_key" });
// @ts-expect-error: onSignedOut takes "reject" or "continue"
withClerk(() => new Response(), { onSignedOut: "redirect" });
// @ts-expect-error: the handler must return a Response
withClerk(() => "text");
`;

const tsconfig = (options, files) => JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], types: [], ...options },
  files,
}, null, 2);

export async function typesProject({ base, tarball }) {
  const { dir, installMs } = await project(base, "types", {
    tarball,
    dependencies: { hono: versionOf("hono") },
    files: {
      "esm.mts": CONSUMER,
      "cjs.cts": CONSUMER,
      "bundler.ts": CONSUMER,
      "tsconfig.node16.json": tsconfig({ module: "node16", moduleResolution: "node16" }, ["esm.mts", "cjs.cts"]),
      "tsconfig.bundler.json": tsconfig({ module: "preserve", moduleResolution: "bundler" }, ["bundler.ts"]),
    },
  });
  const report = [];
  for (const config of ["tsconfig.node16.json", "tsconfig.bundler.json"]) {
    const checked = timer(`tsc --strict -p ${config}`);
    await run(bin("tsc"), ["-p", config], { cwd: dir });
    report.push({ name: `TypeScript ${config.split(".")[1]} (tsc --strict)`, installMs: report.length ? undefined : installMs, buildMs: checked() });
  }

  // attw: the JSON has every problem of every entry point and resolution mode.
  assert.equal(versionOf("@arethetypeswrong/cli"), "0.18.5");
  const attwTimer = timer("attw");
  const attw = await run(bin("attw"), [tarball, "--format", "json"], { cwd: dir, allowFailure: true });
  const analysis = JSON.parse(attw.stdout).analysis;
  const problems = analysis.problems ?? [];
  assert.deepEqual(problems, [], "attw problems");
  assert.equal(attw.code, 0, attw.stderr);
  const entrypoints = Object.keys(analysis.entrypoints);
  report.push({ name: "attw (all resolution modes)", runMs: attwTimer(), detail: `0 problems; ${entrypoints.join(", ")}` });

  // publint: every message (errors, warnings, suggestions) counts.
  assert.equal(versionOf("publint"), "0.3.25");
  const publintTimer = timer("publint");
  const { publint } = await import("publint");
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: "suggestion", strict: true });
  assert.equal(pkg.name, "clerk-edge", "publint read the tarball");
  assert.deepEqual(messages, [], "publint messages");
  report.push({ name: "publint (suggestions included)", runMs: publintTimer(), detail: "0 messages" });
  return report;
}
