// Item 4: per-call overhead of one API call, `users.get`, against a local keep-alive server in
// another process: clerk-edge vs a raw `fetch` + `json()` vs @clerk/backend's users.getUser.
// All three use the same global fetch (undici, keep-alive), one call at a time. A second run
// gives clerk-edge and the raw caller an in-memory fetch (same body, no network), which leaves
// clerk-edge's own CPU cost per call (params, URL, headers, decoding, response validation).

import { compareThroughput } from "./lib/stats.mjs";
import { forDuration } from "./lib/loops.mjs";
import { probe } from "./lib/contenders.mjs";
import { startApiServer, userBody } from "./lib/api-server.mjs";
import { USER_ID, apiCallers, checkUser } from "./lib/api-callers.mjs";

export const id = "api";

export const GOAL_VS_FETCH = { ratio: 0.9, text: "≥ 0.9× raw fetch" };

export async function run({ edge, backend, runs, warmup, log }) {
  const server = await startApiServer();
  try {
    const callers = apiCallers({ Clerk: edge.Clerk, createClerkClient: backend.createClerkClient }, server.url);
    const contenders = [];
    for (const name of ["edge", "fetch", "incumbent"]) {
      const fn = callers[name];
      const failed = fn ? await probe(async () => checkUser(await fn())) : "not available: no Clerk export";
      contenders.push({ name, unavailable: failed && `fails: ${failed}`, sample: () => forDuration(fn, 300) });
    }
    const r = await compareThroughput(contenders, { warmup, runs });
    log("  users.get: done");
    return { rows: [...apiRows(r), await inMemoryRow({ edge, backend, runs, warmup })] };
  } finally {
    await server.close();
  }
}

async function inMemoryRow({ edge, backend, runs, warmup }) {
  const body = userBody(USER_ID);
  const memoryFetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const callers = apiCallers({ Clerk: edge.Clerk, createClerkClient: backend.createClerkClient }, "http://127.0.0.1:9", memoryFetch);
  const contenders = [];
  for (const name of ["edge", "fetch"]) {
    const fn = callers[name];
    const failed = fn ? await probe(async () => checkUser(await fn())) : "not available: no Clerk export";
    contenders.push({ name, unavailable: failed && `fails: ${failed}`, sample: () => forDuration(fn, 250) });
  }
  const r = await compareThroughput(contenders, { warmup, runs });
  const own = r.edge.median && r.fetch.median ? 1e6 / r.edge.median - 1e6 / r.fetch.median : null;
  return {
    key: "api_in_memory", figure: "users.get with an in-memory fetch (no network)", unit: "calls/s", higherIsBetter: true,
    edge: r.edge, incumbent: r.fetch, incumbentLabel: "fetch + json()", goal: null,
    note: own === null ? undefined : `clerk-edge's own work is ${own.toFixed(1)} µs per call`,
  };
}

/** Table rows from a { edge, fetch, incumbent } result (shared with the workerd measurement). */
export function apiRows(r, where = "") {
  const overhead = r.edge.median && r.fetch.median ? 1e6 / r.edge.median - 1e6 / r.fetch.median : null;
  return [
    {
      key: `api_users_get${where && `_${where}`}`, figure: `users.get one at a time${where && `, ${where}`}`, unit: "calls/s",
      higherIsBetter: true, edge: r.edge, incumbent: r.incumbent, goal: null,
    },
    {
      key: `api_vs_fetch${where && `_${where}`}`, figure: `users.get vs raw fetch${where && `, ${where}`}`, unit: "calls/s",
      higherIsBetter: true, edge: r.edge, incumbent: r.fetch, incumbentLabel: "raw fetch", goal: GOAL_VS_FETCH,
      note: overhead === null ? undefined : `clerk-edge adds ${overhead.toFixed(1)} µs per call over raw fetch`,
    },
  ];
}
