// Items 1 and 2: networkless verifyToken (PEM jwtKey), clerk-edge vs @clerk/backend.
//   1. distinct tokens (no cache can help): RS256-2048 one at a time and 16 in flight,
//      RS256-4096 and RS512-2048 one at a time (the incumbent cannot verify these: say so);
//   2. the same token again and again (what a session token's one-minute life looks like).
// Every token is seen once per library in the distinct runs: each round takes a fresh slice.

import { compareThroughput } from "./lib/stats.mjs";
import { forDuration, inFlight, serial } from "./lib/loops.mjs";
import { mintTokens, rsaKey } from "./lib/tokens.mjs";
import { probe } from "./lib/contenders.mjs";

export const id = "verify";

export const VARIANTS = [
  { key: "rs256_2048", bits: 2048, alg: "RS256", width: 1, batch: 400, workerdBatch: 1000, label: "RS256 2048-bit, distinct tokens, one at a time" },
  { key: "rs256_2048_x16", bits: 2048, alg: "RS256", width: 16, batch: 400, workerdBatch: 1000, label: "RS256 2048-bit, distinct tokens, 16 in flight" },
  { key: "rs256_4096", bits: 4096, alg: "RS256", width: 1, batch: 100, workerdBatch: 200, label: "RS256 4096-bit, distinct tokens, one at a time" },
  { key: "rs512_2048", bits: 2048, alg: "RS512", width: 1, batch: 300, workerdBatch: 800, label: "RS512 2048-bit, distinct tokens, one at a time" },
];

// Verified once by each library before any sample, untimed: wasm tiers up (Liftoff -> TurboFan)
// only after enough calls, which one warm-up batch of the first variant does not cover.
const WARM_TOKENS = 2000;

export const GOAL_DISTINCT = { ratio: 2, text: "≥ 2×" };
export const GOAL_REPEATED = { ratio: 20, text: "≥ 20×" };

/**
 * Keys and one token set per variant, enough for `rounds` slices of the larger of the Node and
 * workerd batch sizes, plus one probe token (the last). Node and workerd use the same sets: each
 * runtime has its own libraries (and caches), so every token is still fresh to each.
 */
export function variantTokens(rounds) {
  const keys = { 2048: rsaKey(2048), 4096: rsaKey(4096) };
  const sets = Object.fromEntries(
    VARIANTS.map((v) => [v.key, mintTokens(keys[v.bits], { count: Math.max(v.batch, v.workerdBatch) * rounds + 1, alg: v.alg, tag: v.key })]),
  );
  sets.warm = mintTokens(keys[2048], { count: WARM_TOKENS, tag: "warm" });
  return { keys, sets };
}

/** The variant tokens, minted once per suite run (shared with the workerd measurement). */
export function sharedVariantTokens(ctx) {
  ctx.variantTokens ??= variantTokens(ctx.warmup + ctx.runs);
  return ctx.variantTokens;
}

export async function run(ctx) {
  const { edge, backend, runs, warmup, log } = ctx;
  const t0 = performance.now();
  const { keys, sets } = sharedVariantTokens(ctx);
  log(`  minted ${Object.values(sets).reduce((n, s) => n + s.length, 0)} tokens in ${Math.round(performance.now() - t0)} ms`);

  const libs = {
    edge: edge.verifyToken ? (pem) => (t) => edge.verifyToken(t, { jwtKey: pem }) : null,
    incumbent: (pem) => (t) => backend.verifyToken(t, { jwtKey: pem }),
  };
  const unavailable = { edge: edge.missing.verifyToken, incumbent: undefined };
  for (const name of ["edge", "incumbent"]) {
    if (!unavailable[name]) await serial(libs[name](keys[2048].pem), sets.warm);
  }

  const rows = [];
  for (const v of VARIANTS) {
    const pem = keys[v.bits].pem;
    const tokens = sets[v.key];
    const probeToken = tokens[tokens.length - 1];
    const contenders = [];
    for (const name of ["edge", "incumbent"]) {
      let why = unavailable[name];
      const fn = libs[name]?.(pem);
      if (!why) {
        const failed = await probe(async () => {
          const claims = await fn(probeToken);
          if (!claims?.sub?.startsWith("user_")) throw new Error("resolved without the token's claims");
        });
        if (failed) why = `fails: ${failed}`;
      }
      const loop = v.width === 1 ? (items) => serial(fn, items) : (items) => inFlight(fn, items, v.width);
      contenders.push({ name, unavailable: why, sample: (round) => loop(tokens.slice(round * v.batch, (round + 1) * v.batch)) });
    }
    const result = await compareThroughput(contenders, { warmup, runs });
    rows.push(verifyRow(v.key, result));
    log(`  ${v.label}: done`);
  }

  // Item 2: one token, verified over and over.
  const pem = keys[2048].pem;
  const [same] = mintTokens(keys[2048], { count: 1, tag: "same" });
  const contenders = ["edge", "incumbent"].map((name) => {
    const fn = libs[name]?.(pem);
    return { name, unavailable: unavailable[name], sample: () => forDuration(() => fn(same), 250) };
  });
  const result = await compareThroughput(contenders, { warmup, runs });
  rows.push(verifyRow("same", result));
  return {
    rows,
    notes: ["In Node, @clerk/backend's WebCrypto verify runs on libuv's thread pool, so with 16 in flight it uses more than one core; clerk-edge's wasm verifies on the calling thread."],
  };
}

const SAME = { key: "same", label: "the same token repeatedly (RS256 2048-bit)" };

/** The table row for a variant key (or "same") from a { edge, incumbent } result; `where`: runtime. */
export function verifyRow(key, result, { where = "" } = {}) {
  const v = key === "same" ? SAME : VARIANTS.find((x) => x.key === key);
  const goal = key === "same" ? GOAL_REPEATED : key.startsWith("rs256_2048") ? GOAL_DISTINCT : null;
  return {
    key: `verify_${key}${where && `_${where}`}`, figure: `verifyToken ${v.label}${where && `, ${where}`}`,
    unit: "verifications/s", higherIsBetter: true, edge: result.edge, incumbent: result.incumbent, goal,
  };
}
