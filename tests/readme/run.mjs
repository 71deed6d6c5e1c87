// Runs the README's "## Usage" JavaScript examples against the built package, so the README
// cannot drift from what the package does. The examples talk to https://api.clerk.com/v1; here
// the global fetch answers for it (recording each request), the same seam a Worker would use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as pkg from "clerk-edge";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const usage = readme.split(/^## /m).find((s) => s.startsWith("Usage"));
assert.ok(usage, "README has a Usage section");
const blocks = [...usage.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

const requests = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const u = new URL(url);
  requests.push({ method: init.method, path: u.pathname, query: u.search, headers: new Headers(init.headers) });
  assert.equal(u.origin, "https://api.clerk.com", "examples use the default server");
  const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  if (u.pathname === "/v1/users") return json(Number(u.searchParams.get("offset")) > 0 ? [] : [{ id: "user_1" }]);
  if (u.pathname === "/v1/organizations") return json({ data: [{ id: "org_1" }], total_count: 1 });
  return json({ id: u.pathname.split("/").pop(), object: "stub" });
};
test.after(() => {
  globalThis.fetch = realFetch;
});

const AsyncFunction = (async () => {}).constructor;
const scope = {
  ...pkg,
  env: { CLERK_SECRET_KEY: "sk_test_readme" },
  blob: new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" }),
  console: { log() {} },
};

/** A block as an async function: its `import ... from "clerk-edge"` lines become scope names. */
function compile(code) {
  const body = code.replace(/^import \{[^}]*\} from "clerk-edge";\n/m, "");
  // Later blocks reuse the first block's `clerk`, as a reader would.
  const prelude = /\bconst clerk\b/.test(body) ? "" : "const clerk = new Clerk({ bearerAuth: env.CLERK_SECRET_KEY });\n";
  return new AsyncFunction(...Object.keys(scope), prelude + body);
}

test("the README has usage examples", () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length} js blocks`);
});

for (const [i, code] of blocks.entries()) {
  test(`README usage example ${i + 1} runs`, async () => {
    const before = requests.length;
    await compile(code)(...Object.values(scope));
    const sent = requests.slice(before);
    assert.ok(sent.length > 0, "the example made at least one API call");
    for (const r of sent) {
      assert.equal(r.headers.get("authorization"), "Bearer sk_test_readme");
      assert.equal(r.headers.get("clerk-api-version"), "2026-05-12");
    }
  });
}

test("the first example's calls reach the documented routes", () => {
  const paths = requests.map((r) => `${r.method} ${r.path}`);
  assert.ok(paths.includes("GET /v1/users/user_123"));
  assert.ok(requests.some((r) => r.path === "/v1/users" && r.query.includes("email_address=a%40b.co")));
  assert.ok(paths.includes("PUT /v1/organizations/org_1/logo"));
});
