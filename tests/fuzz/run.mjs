// Zero traps: ≥ 100,000 hostile inputs (seeded, reproducible: FUZZ_SEED, FUZZ_INPUTS) at every
// export of pkg/node.js — new Clerk(x), operations on every resource group (params and call
// options), pagination, unknown names, operations(), verifyToken, authenticateRequest,
// verifyWebhook. Nothing leaves the process: a recording fetch answers 200 `{}` and the global
// fetch is stubbed. Asserts: no wasm trap (WebAssembly.RuntimeError), no uncaught exception,
// no call that never settles, every rejection a package error class (or the documented
// TypeError for an unknown name), no request URL outside its route; then the same instance
// still serves a normal call. Prints `traps: 0 of N inputs`. Needs `bash scripts/build.sh`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage } from "../faults/package.mjs";
import { prng, hostile, hostileString, TRAVERSAL } from "./hostile.mjs";
import { authInput, jwksBody } from "./auth.mjs";
import { operationTable } from "./ops.mjs";

const SEED = Number(process.env.FUZZ_SEED ?? 20260512);
const N = Number(process.env.FUZZ_INPUTS ?? 100_000);
const BASE = "http://fuzz.local/v1";
const HANG_MS = 3_000; // a call against the stubs settles in well under a millisecond

const { lib, exports, authSource } = await loadPackage();
const r = prng(SEED);
const rj = prng(SEED ^ 0x5eed); // the JWKS stub's own stream: cache hits must not shift the inputs
const ops = operationTable(lib.operations());
const hasAuth = ["verifyToken", "authenticateRequest", "verifyWebhook"].every((n) => typeof lib[n] === "function");

// Counters per area, so a failure names who owns it: the client (src/ + pkg/core.js) or the
// auth exports (src/auth/). `jsLayer`: a non-package error thrown by pkg/core.js itself.
const AUTH_KINDS = new Set(["verifyToken", "authenticateRequest", "verifyWebhook"]);
const area = () => ({ inputs: 0, traps: 0, untyped: 0, jsLayer: 0, uncaught: 0, hangs: 0, resolved: 0, typed: 0, guard: 0 });
const stats = { client: area(), auth: area(), escapes: 0, requests: 0, byKind: {} };
const areaOf = (kind) => stats[AUTH_KINDS.has(kind) ? "auth" : "client"];
let currentKind = "operation";
const samples = [];
const sampled = new Map(); // at most two samples of each kind of finding
const sample = (what, detail) => {
  const n = sampled.get(what) ?? 0;
  sampled.set(what, n + 1);
  if (n < 2 && samples.length < 40) samples.push(`${what}: ${detail}`);
};
// A JS exception unwinding through wasm surfaces here (the call's promise then never settles).
// The call in flight will never settle then: stop waiting for it at once.
let wake = () => {};
const uncaught = (e) => {
  areaOf(currentKind).uncaught++;
  sample(`uncaught exception during ${currentKind}`, e?.stack ?? e);
  wake();
};
process.on("uncaughtException", uncaught);
process.on("unhandledRejection", uncaught);

const ok200 = () => new Response("{}", { status: 200, headers: { "content-type": "application/json" } });

// The route check: the path after the server URL starts with the operation's literal prefix,
// keeps the template's segment count, and no segment is a dot-segment, raw or decoded.
let current = null;
function checkRoute(url) {
  stats.requests++;
  const op = current;
  if (!op) return;
  const problem = routeProblem(url, op);
  if (problem) {
    stats.escapes++;
    sample(`route escape in ${op.group}.${op.name}`, `${problem}: ${url.slice(0, 200)}`);
  }
}
function routeProblem(url, op) {
  if (!url.startsWith(BASE)) return "does not start with the server URL";
  const path = url.slice(BASE.length).split("?")[0];
  if (!path.startsWith(op.prefix)) return `does not start with ${op.prefix}`;
  const segments = path.split("/");
  if (segments.length !== op.segments) return `${segments.length} segments, template has ${op.segments}`;
  for (const s of segments) {
    let decoded = s;
    try {
      decoded = decodeURIComponent(s);
    } catch {}
    if ([".", ".."].includes(s) || [".", ".."].includes(decoded)) return `dot-segment ${s}`;
  }
  // What a URL parser makes of it must be the same path: nothing normalised away.
  if (new URL(url).pathname !== new URL(BASE).pathname + path) return "a URL parser rewrites the path";
  return null;
}

const recordingFetch = async (input) => (checkRoute(String(input)), ok200());
// Anything that reaches for the global fetch (clients built without `fetch`, JWKS loads).
globalThis.fetch = async (input) => {
  stats.requests++;
  return String(input).includes("/jwks") ? new Response(jwksBody(rj), { status: rj.pick([200, 200, 200, 401, 500]) }) : ok200();
};

const clerk = new lib.Clerk({ secretKey: "sk_test_fuzz", serverURL: BASE, fetch: recordingFetch, retryConfig: { strategy: "none" } });

function validish(r) {
  return r.pick(["user_1", "org_1", 10, 0, true, ["a@b.co"], { a: 1 }, "2026-01-01", null]);
}

function params(r, op) {
  if (r.chance(0.08)) return hostile(r);
  const p = {};
  for (const name of op.pathParams) if (r.chance(0.9)) p[name] = r.pick([r.pick(TRAVERSAL), hostileString(r), `id_${r.int(100)}`, hostile(r, 1)]);
  for (const name of [...op.params, ...op.body]) if (!(name in p) && r.chance(0.3)) p[name] = r.chance(0.4) ? validish(r) : hostile(r, 1);
  if (op.arrayBody) p.body = r.chance(0.6) ? [{ email_address: r.chance(0.5) ? "a@b.co" : hostile(r, 2) }, ...(r.chance(0.3) ? [hostile(r, 2)] : [])] : hostile(r, 1);
  if (r.chance(0.1)) Object.defineProperty(p, "__proto__", { value: { user_id: "polluted" }, enumerable: true });
  if (r.chance(0.1)) p[r.pick(["constructor", "toString", "hasOwnProperty", hostileString(r).slice(0, 30)])] = hostile(r, 1);
  if (r.chance(0.03)) return new Proxy(p, { ownKeys: () => { throw new Error("ownKeys"); } });
  return p;
}

function callOptions(r) {
  if (r.chance(0.6)) return undefined;
  if (r.chance(0.15)) return hostile(r);
  const o = {};
  if (r.chance(0.4)) o.timeoutMs = r.chance(0.3) ? 5000 : hostile(r, 1);
  if (r.chance(0.4)) o.retries = r.pick([{ strategy: "none" }, { strategy: "backoff", backoff: hostile(r, 1) }, { strategy: hostile(r, 1) }, hostile(r, 1), { strategy: "backoff", retryNonIdempotent: hostile(r, 1) }]);
  if (r.chance(0.3)) o.signal = r.pick([new AbortController().signal, AbortSignal.abort(), hostile(r, 1)]);
  if (r.chance(0.3)) o.headers = r.pick([{ "x-a": hostileString(r) }, { [hostileString(r).slice(0, 20)]: "v" }, new Headers({ "x-b": "1" }), hostile(r, 1), { authorization: hostile(r, 1) }]);
  if (r.chance(0.1)) o[hostileString(r).slice(0, 20)] = 1;
  return o;
}

function clientOptions(r) {
  if (r.chance(0.2)) return hostile(r);
  const keys = ["bearerAuth", "secretKey", "serverURL", "serverIdx", "timeoutMs", "retryConfig", "fetch", "debugLogger"];
  const o = {};
  for (const k of keys) if (r.chance(0.3)) o[k] = hostile(r, 1);
  if (r.chance(0.3)) o.serverURL = r.pick(["http://a/../..", "javascript:alert(1)", "http://x/%2e%2e/", "https://", "http://x?y#z", BASE]);
  if (r.chance(0.3)) o.fetch = r.pick([recordingFetch, () => hostile(r, 1), () => { throw new Error("fetch threw"); }, async () => hostile(r, 1)]);
  if (r.chance(0.1)) o[hostileString(r).slice(0, 20)] = 1;
  return o;
}

// One input: [kind, thunk, op (for the route check) or null].
function nextInput(r) {
  const roll = r.next();
  if (roll < 0.62) {
    const op = r.pick(ops);
    const method = clerk[op.group][op.name];
    if (op.paginated && r.chance(0.15)) {
      const it = method[r.chance(0.5) ? "pages" : "items"](params(r, op), callOptions(r));
      return ["pagination", () => it.next(), op];
    }
    return ["operation", () => method(params(r, op), callOptions(r)), op];
  }
  if (roll < 0.72) {
    return ["new Clerk", () => {
      const c = new lib.Clerk(clientOptions(r));
      return c.users.get({ user_id: "user_1" }, { retries: { strategy: "none" } });
    }, null];
  }
  if (roll < 0.77) {
    const name = r.chance(0.5) ? hostileString(r).slice(0, 40) : r.pick(["user", "Users", "__proto__", "then", "constructor", "organizations"]);
    // Reading the name is the input: an SDK name, an Object.prototype member, or the guard's
    // TypeError. Only the SDK's own operations are then called.
    return ["unknown name", () => {
      const onGroup = r.chance(0.5);
      const value = onGroup ? clerk.users[name] : clerk[name];
      const isOperation = onGroup && ops.some((o) => o.group === "users" && o.name === name);
      return isOperation ? value(hostile(r)) : undefined;
    }, null];
  }
  if (roll < 0.8 || !hasAuth) {
    return ["operations()", () => {
      const list = lib.operations(hostile(r), hostile(r));
      assert.equal(list.length, ops.length);
    }, null];
  }
  const [kind, thunk] = authInput(r, lib);
  return [kind, thunk, null];
}

// Fixed inputs run first, every time: each reached a hazard once (a JS exception unwinding
// through wasm, or an unbounded allocation), so they stay as regression inputs whatever the seed.
function edgeInputs() {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const ownKeysThrows = new Proxy({ user_id: "u" }, { ownKeys: () => { throw new Error("ownKeys"); } });
  const badItem = ["a"];
  Object.defineProperty(badItem, 0, { get: () => { throw new Error("item"); } });
  const arrayProxy = new Proxy(["a"], { get: (t, k) => { if (k === "length" || k === "0") throw new Error("trap"); return Reflect.get(t, k); } });
  const op = (group, name) => ops.find((o) => o.group === group && o.name === name);
  const call = (group, name, p, o) => ["operation", () => clerk[group][name](p, o), op(group, name)];
  const client = (fetch) => ["new Clerk", () => new lib.Clerk({ serverURL: BASE, fetch, retryConfig: { strategy: "none" } }).users.get({ user_id: "u" }), null];
  const list = [
    call("users", "get", revoked()),
    call("users", "get", ownKeysThrows),
    call("users", "get", { user_id: revoked() }),
    call("users", "get", { user_id: "u" }, revoked()),
    call("users", "get", { user_id: "u" }, ownKeysThrows),
    call("users", "get", { user_id: "u" }, { headers: ownKeysThrows }),
    call("users", "get", { user_id: "u" }, { headers: { get a() { throw new Error("getter"); } } }),
    call("users", "get", { user_id: "u" }, { signal: Object.create(AbortSignal.prototype) }),
    call("users", "get", { user_id: "u" }, { timeoutMs: 3e9 }),
    call("users", "list", { email_address: badItem }),
    call("users", "list", { email_address: arrayProxy }),
    call("users", "list", { email_address: new Array(2 ** 32 - 1) }),
    call("invitations", "bulkCreate", { body: badItem }),
    call("invitations", "bulkCreate", { body: [revoked()] }),
    call("users", "setProfileImage", { user_id: "u", file: Object.create(Blob.prototype) }),
    call("users", "setProfileImage", { user_id: "u", file: { content: revoked(), contentType: "image/png" } }),
    ["new Clerk", () => new lib.Clerk(revoked()), null],
    ["new Clerk", () => new lib.Clerk(ownKeysThrows), null],
    client(async () => Object.create(Response.prototype)),
    client(() => Object.create(Promise.prototype)),
    client(() => new Proxy(Promise.resolve(new Response("{}")), {})),
  ];
  // Re-entrancy: user code (a getter, the logger) calling back into the SDK mid-call must not
  // find a RefCell still borrowed (a panic, i.e. a trap).
  let depth = 0; // the logger's own call logs too: stop after one level
  const reentrant = new lib.Clerk({
    serverURL: BASE, fetch: recordingFetch, retryConfig: { strategy: "none" },
    debugLogger: () => depth++ < 1 && reentrant.users.get({ user_id: "inner" }).catch(() => {}),
  });
  list.push(["operation", () => reentrant.users.get({ get user_id() { reentrant.users.get({ user_id: "inner" }).catch(() => {}); return "outer"; } }), null]);
  list.push(["new Clerk", () => new lib.Clerk({ get serverURL() { new lib.Clerk({ serverURL: BASE }); return BASE; } }).users.get({ user_id: "u" }, { retries: { strategy: "none" } }), null]);
  if (hasAuth) {
    list.push(
      ["verifyToken", () => lib.verifyToken("a.b.c", { get jwtKey() { lib.verifyToken("a.b.c", { jwtKey: "y" }).catch(() => {}); return "x"; } }), null],
      ["authenticateRequest", () => lib.authenticateRequest(Object.create(Request.prototype), { jwtKey: "x" }), null],
      ["verifyWebhook", () => lib.verifyWebhook(Object.create(Request.prototype), { signingSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }), null],
      ["verifyToken", () => lib.verifyToken("a.b.c", { jwtKey: "x", authorizedParties: badItem }), null],
      ["verifyToken", () => lib.verifyToken("a.b.c", { jwtKey: "x", audience: revoked() }), null],
      ["authenticateRequest", () => lib.authenticateRequest(new Request("http://x/"), { jwtKey: "x", acceptsToken: arrayProxy }), null],
      ["verifyToken", () => lib.verifyToken("a.b.c", { secretKey: "sk_x", skipJwksCache: true, fetch: () => Object.create(Promise.prototype) }), null],
    );
  }
  return list;
}

function classify(kind, error) {
  const a = areaOf(kind);
  if (error instanceof WebAssembly.RuntimeError) {
    a.traps++;
    sample(`trap in ${kind}`, error.stack);
  } else if (error instanceof lib.ClerkEdgeError) {
    a.typed++;
  } else if (kind === "unknown name" && error instanceof TypeError && /has no (resource group|operation)/.test(error.message)) {
    a.guard++;
  } else if (kind === "pagination" && !String(error?.stack).includes("wasm")) {
    a.jsLayer++; // pages()/items() in pkg/core.js read the params before the wasm validates them
    sample(`non-package error from pkg/core.js pagination`, `${error?.constructor?.name}: ${String(error?.message ?? error).slice(0, 120)}`);
  } else {
    a.untyped++;
    sample(`untyped ${kind} rejection`, String(error?.stack ?? error).slice(0, 600));
  }
}

async function settle(kind, promise) {
  let timer;
  const hang = new Promise((resolve) => {
    timer = setTimeout(() => resolve("hang"), HANG_MS);
    wake = () => resolve("hang");
  });
  try {
    const out = await Promise.race([promise.then(() => "ok"), hang]);
    if (out === "hang") {
      areaOf(kind).hangs++;
      sample(`${kind} never settled`, "");
    } else areaOf(kind).resolved++;
  } catch (e) {
    classify(kind, e);
  } finally {
    clearTimeout(timer);
  }
}

test(`fuzz: ${N} hostile inputs, seed ${SEED}`, { timeout: 240_000 }, async () => {
  const t0 = Date.now();
  const memBefore = exports.memory.buffer.byteLength;
  const opsSeen = new Set();
  const edges = edgeInputs();
  for (let i = 0; i < N; i++) {
    let kind, thunk, op;
    try {
      [kind, thunk, op] = i < edges.length ? edges[i] : nextInput(r);
    } catch (e) {
      // Building the input itself threw (a hostile value touched by the harness): not an input.
      stats.harness = (stats.harness ?? 0) + 1;
      continue;
    }
    const a = areaOf(kind);
    a.inputs++;
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (op) opsSeen.add(op.id);
    current = op;
    currentKind = kind;
    let result;
    try {
      result = thunk();
    } catch (e) {
      classify(kind, e);
      continue;
    }
    if (result && typeof result.then === "function") await settle(kind, result);
    else if (op) {
      a.untyped++;
      sample(`${kind} returned no promise`, String(result));
    }
  }
  current = null;
  const ms = Date.now() - t0;
  const { client: c, auth: au } = stats;
  const inputs = c.inputs + au.inputs;
  console.log(`traps: ${c.traps + au.traps} of ${inputs} inputs`);
  for (const [name, x] of Object.entries({ client: c, auth: au })) {
    console.log(`# ${name}: ${x.inputs} inputs, ${x.resolved} resolved, ${x.typed} package errors, ${x.guard} unknown-name TypeErrors, ` +
      `${x.traps} traps, ${x.untyped} untyped, ${x.jsLayer} from core.js, ${x.uncaught} uncaught, ${x.hangs} never settled`);
  }
  console.log(`# fuzz: seed ${SEED}, ${ms} ms, ${opsSeen.size} operations, ${stats.requests} requests to stubs, ${stats.escapes} route escapes; ` +
    `wasm memory ${(memBefore / 2 ** 20).toFixed(1)} -> ${(exports.memory.buffer.byteLength / 2 ** 20).toFixed(1)} MB; auth from ${authSource}`);
  console.log(`# inputs by kind: ${JSON.stringify(stats.byKind)}`);
  for (const s of samples) console.log(`# sample ${s.replace(/\n/g, "\n#   ")}`);

  assert.ok(inputs >= 100_000 || process.env.FUZZ_INPUTS, "at least 100,000 inputs");
  assert.ok(opsSeen.size >= 30, `at least 30 operations fuzzed, got ${opsSeen.size}`);
  assert.equal(c.traps + au.traps, 0, "wasm traps");
});

test("client exports: every rejection a package error, none uncaught or unsettled, no route escape", () => {
  const c = stats.client;
  assert.equal(c.uncaught, 0, "uncaught exceptions (a JS exception unwound through wasm)");
  assert.equal(c.hangs, 0, "calls that never settled");
  assert.equal(c.untyped, 0, "rejections outside the package's error classes");
  assert.equal(stats.escapes, 0, "request URLs outside their route");
});

test("auth exports: every rejection a package error, none uncaught or unsettled", { skip: !hasAuth && "not exported" }, () => {
  const a = stats.auth;
  assert.equal(a.uncaught, 0, "uncaught exceptions (a JS exception unwound through wasm)");
  assert.equal(a.hangs, 0, "calls that never settled");
  assert.equal(a.untyped, 0, "rejections outside the package's error classes");
});

test("pagination rejects hostile params with package errors", () => {
  assert.equal(stats.client.jsLayer, 0, "non-package errors from pages()/items()");
});

test("the same instance still serves a normal call", async () => {
  const seen = [];
  current = null;
  const c = clerk; // the instance that took every hostile input above
  const probe = new lib.Clerk({ secretKey: "sk_test_fuzz", serverURL: BASE, fetch: async (u) => (seen.push(String(u)), ok200()) });
  assert.deepEqual(await c.users.get({ user_id: "user_1" }), {});
  assert.deepEqual(await probe.users.list({ limit: 5 }), {});
  assert.deepEqual(seen, [`${BASE}/users?limit=5`]);
  if (hasAuth) {
    const { signing } = await import("./auth.mjs");
    const now = Math.floor(Date.now() / 1000);
    const token = signing.sign({ sub: "user_after", iat: now, nbf: now, exp: now + 60, iss: "https://clerk.fuzz.test" });
    const claims = await lib.verifyToken(token, { jwtKey: signing.publicPem });
    assert.equal(claims.sub, "user_after");
  }
});
