// Soak and concurrency: one client instance makes SOAK_CALLS (default 100,000) real HTTP
// calls to a keep-alive loopback server (server.mjs, in a worker thread), checking every
// result; wasm linear memory and the externref table (live JS handles held by the wasm) are
// printed before and after and must stay bounded. Then 1,000 calls are in flight at once on
// the same instance (the server holds every answer until all 1,000 have arrived) and each must
// come back with its own result. Needs `bash scripts/build.sh`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { loadPackage } from "../faults/package.mjs";

const CALLS = Number(process.env.SOAK_CALLS ?? 100_000);
const CONCURRENT = 1000;
const PARALLEL = 64; // calls in flight during the soak: keeps both cores busy
const WARMUP = 2000;
const MAX_GROWTH_MB = 2;

const { lib, exports } = await loadPackage();
const mb = () => exports.memory.buffer.byteLength / 2 ** 20;
const handles = () => exports.__wbindgen_externrefs?.length ?? NaN;

let worker;
let url;
before(async () => {
  worker = new Worker(new URL("./server.mjs", import.meta.url));
  url = `http://127.0.0.1:${(await new Promise((resolve) => worker.once("message", resolve))).port}`;
});
after(async () => {
  worker.postMessage("close");
  await new Promise((resolve) => worker.once("exit", resolve));
});

let clerk;
const stats = async () => (await fetch(`${url}/__stats`)).json();

/** Runs calls 0..n-1 with `parallel` in flight; every result must carry its own id. */
async function drive(n, parallel, offset) {
  let next = 0;
  let wrong = 0;
  async function lane() {
    while (next < n) {
      const i = offset + next++;
      const user = await clerk.users.get({ user_id: `user_${i}` });
      if (user.id !== `user_${i}`) wrong++;
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane));
  return wrong;
}

test(`soak: ${CALLS} calls on one instance`, { timeout: 300_000 }, async () => {
  clerk = new lib.Clerk({ secretKey: "sk_test_soak", serverURL: url, retryConfig: { strategy: "none" }, timeoutMs: 30_000 });
  await drive(WARMUP, PARALLEL, -WARMUP);
  global.gc?.();
  const before = { mb: mb(), handles: handles(), served: (await stats()).served };
  const t0 = Date.now();
  const wrong = await drive(CALLS, PARALLEL, 0);
  const ms = Date.now() - t0;
  global.gc?.();
  const afterMb = mb();
  const afterHandles = handles();
  const { served } = await stats();
  console.log(`memory: ${before.mb.toFixed(2)} MB before, ${afterMb.toFixed(2)} MB after ${CALLS} calls`);
  console.log(`# soak: ${ms} ms (${Math.round((CALLS / ms) * 1000)} calls/s, ${PARALLEL} in flight, real HTTP keep-alive); ` +
    `externref table ${before.handles} -> ${afterHandles} slots; server answered ${served - before.served}`);
  assert.equal(wrong, 0, "every call got its own result");
  assert.equal(served - before.served, CALLS, "every call reached the server once");
  assert.ok(afterMb - before.mb <= MAX_GROWTH_MB, `wasm memory grew ${(afterMb - before.mb).toFixed(2)} MB`);
  // Live handles are bounded by the calls in flight, not by the calls made.
  assert.ok(afterHandles <= before.handles + 4 * PARALLEL + 1024, `externref table grew from ${before.handles} to ${afterHandles}`);
});

test(`concurrency: ${CONCURRENT} calls in flight at once on one instance`, { timeout: 120_000 }, async () => {
  await fetch(`${url}/__hold/${CONCURRENT}`, { method: "POST" });
  const t0 = Date.now();
  const results = await Promise.allSettled(
    Array.from({ length: CONCURRENT }, (_, i) => clerk.users.get({ user_id: `c_${i}` })),
  );
  const ms = Date.now() - t0;
  const completed = results.filter((r, i) => r.status === "fulfilled" && r.value.id === `c_${i}`).length;
  const { maxInFlight } = await stats();
  console.log(`concurrent: ${completed}/${CONCURRENT} completed`);
  console.log(`# concurrency: ${ms} ms, the server saw ${maxInFlight} requests in flight at once; wasm memory ${mb().toFixed(2)} MB`);
  const failed = results.find((r) => r.status === "rejected");
  assert.equal(completed, CONCURRENT, failed ? `first failure: ${failed.reason}` : "wrong results");
  assert.equal(maxInFlight, CONCURRENT, "all calls were in flight together");
  // And the instance still serves a normal call afterwards.
  assert.equal((await clerk.users.get({ user_id: "after" })).id, "after");
});
