// Fault-injection suite: every case of cases.mjs against the fault server (server.mjs), first in
// Node with the built package (pkg/node.js), then inside workerd through Miniflare
// (worker.mjs). Needs `bash scripts/build.sh` first. Prints `faults: N/N handled` per runtime.
// Usage: node tests/faults/run.mjs [node] [workerd]
import { after, before, describe, test } from "node:test";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cases, makeContext } from "./cases.mjs";
import { startFaultServer } from "./server.mjs";
import { createSigningKey, sessionClaims } from "../mock/keys.mjs";
import { loadPackage } from "./package.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ["node", "workerd"]);

const signing = createSigningKey();
const token = signing.sign(sessionClaims({ issuer: "https://clerk.faults.test", userId: "user_fault", sessionId: "sess_fault", azp: "http://localhost" }));
const { lib, authSource } = await loadPackage();
const list = cases(lib);

/** A loopback port with nothing listening (bound, then released). */
async function closedPort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

function tally(runtime) {
  const t = { runtime, handled: 0, total: 0, todo: 0 };
  after(() => {
    const todo = t.todo ? ` (+${t.todo} known gaps marked todo)` : "";
    console.log(`faults: ${t.handled}/${t.total} handled in ${runtime}${todo}`);
  });
  return t;
}

// A case counts as handled when it passes; `todo` cases are run and reported but not counted.
async function runCounted(t, c, fn) {
  if (c.todo) {
    t.todo++;
    return fn();
  }
  t.total++;
  await fn();
  t.handled++;
}

if (wanted.has("node")) {
  describe("faults in node", () => {
    let server;
    let ctx;
    const t = tally("node");
    before(async () => {
      server = await startFaultServer({ jwks: signing.jwks });
      ctx = makeContext(lib, { runtime: "node", url: server.url, closedURL: await closedPort(), token });
    });
    after(() => server.close());
    for (const c of list) {
      test(c.name, { todo: c.todo }, () => runCounted(t, c, () => c.run(ctx)));
    }
  });
}

if (wanted.has("workerd")) {
  describe("faults in workerd", () => {
    let server;
    let mf;
    let closedURL;
    const t = tally("workerd");
    before(async () => {
      const { Miniflare } = await import("miniflare");
      server = await startFaultServer({ jwks: signing.jwks });
      closedURL = await closedPort();
      mf = new Miniflare({
        modules: true,
        scriptPath: join(here, "worker.mjs"),
        modulesRoot: root,
        modulesRules: [
          { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
          { type: "CompiledWasm", include: ["**/*.wasm"] },
        ],
        compatibilityDate: "2026-04-01",
      });
      await mf.ready;
    });
    after(async () => {
      await mf?.dispose();
      await server?.close();
    });
    for (const c of list) {
      test(c.name, { todo: c.todo }, () =>
        runCounted(t, c, async () => {
          const q = new URLSearchParams({ case: c.name, url: server.url, closedURL, token });
          const res = await mf.dispatchFetch(`http://faults.local/?${q}`);
          const answer = await res.json();
          if (!answer.ok) throw new Error(answer.error);
        }),
      );
    }
  });
}

console.log(`# package: pkg/node.js; verifyToken from ${authSource}`);
