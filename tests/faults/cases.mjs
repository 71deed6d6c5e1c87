// The fault cases, runtime-neutral (no Node imports) so the same list runs in Node and inside
// workerd. Each case drives the SDK against the fault server (server.mjs), then asserts the
// exact outcome: error class and props, attempts the server saw, elapsed time, and that the
// same client still answers a normal call afterwards.
//
// ctx: { runtime ("node" | "workerd"), lib (the package's exports), url (fault server),
// closedURL (a port nobody listens on), token (a session token signed by the server's JWKS key),
// clerk (the shared client) }.

export const BIG_BYTES = 10 * 1024 * 1024;

// Small intervals keep the suite fast; the rule under test is the same as with the defaults.
export const FAST = {
  strategy: "backoff",
  backoff: { initialInterval: 20, maxInterval: 100, exponent: 2, maxElapsedTime: 3000 },
  retryConnectionErrors: true,
};
const NONE = { strategy: "none" };
const withBackoff = (backoff, extra = {}) => ({ ...FAST, backoff: { ...FAST.backoff, ...backoff }, ...extra });

const CALLS = {
  get: (c, o) => c.users.get({ user_id: "user_1" }, o),
  post: (c, o) => c.users.create({ first_name: "Ada" }, o),
  patch: (c, o) => c.users.update({ user_id: "user_1", first_name: "Ada" }, o),
  delete: (c, o) => c.users.delete({ user_id: "user_1" }, o),
};

// name, call, steps, per-call options, expected outcome, attempts (n or [min, max]), ms bounds.
// `error` names the exported class; `props` are compared with ===; `check` gets the outcome.
const TABLE = [
  ["GET 500 then success", "get", "s500,ok", { retries: FAST }, { ok: true }, 2, [10, 3000]],
  ["GET 502 then success", "get", "s502,ok", { retries: FAST }, { ok: true }, 2, [10, 3000]],
  ["GET 503 then success", "get", "s503,ok", { retries: FAST }, { ok: true }, 2, [10, 3000]],
  ["GET 504 then success", "get", "s504,ok", { retries: FAST }, { ok: true }, 2, [10, 3000]],
  ["GET 500, 502, 503 then success", "get", "s500,s502,s503,ok", { retries: FAST }, { ok: true }, 4, [70, 3000]],
  ["GET 503 until maxElapsedTime", "get", "s503", { retries: withBackoff({ maxElapsedTime: 300 }) },
    { error: "ClerkErrors", props: { status: 503 } }, [3, 20], [150, 2500]],
  ["GET 500 with retries off", "get", "s500", { retries: NONE }, { error: "ClerkErrors", props: { status: 500 } }, 1],
  ["GET 429 Retry-After: 1 (seconds)", "get", "ra429s:1,ok", { retries: FAST }, { ok: true }, 2, [950, 4000]],
  ["GET 429 Retry-After as an HTTP date", "get", "ra429d:2,ok", { retries: FAST }, { ok: true }, 2, [900, 4500]],
  ["GET 429 Retry-After beyond maxElapsedTime", "get", "ra429s:30", { retries: FAST },
    { error: "ClerkErrors", props: { status: 429, retryAfter: 30 } }, 1, [0, 1500]],
  ["GET 503 Retry-After: 1", "get", "ra503s:1,ok", { retries: FAST }, { ok: true }, 2, [950, 4000]],
  // Retry-After may lengthen the backoff, never shorten it (before the fix: 234 attempts here).
  ["GET 429 Retry-After: 0 still backs off", "get", "ra429s:0", { retries: withBackoff({ maxElapsedTime: 500 }) },
    { error: "ClerkErrors", props: { status: 429 } }, [3, 20], [200, 3000]],
  ["GET 503 Retry-After in the past still backs off", "get", "ra503d:-5", { retries: withBackoff({ maxElapsedTime: 500 }) },
    { error: "ClerkErrors", props: { status: 503 } }, [3, 20], [200, 3000]],
  ["GET reset before the response, retried", "get", "reset,ok", { retries: FAST }, { ok: true }, 2],
  ["GET reset before the response, retries off", "get", "reset", { retries: NONE }, { error: "ConnectionError" }, 1],
  ["GET reset during the body, retried", "get", "resetbody,ok", { retries: FAST }, { ok: true }, 2],
  ["GET reset during the body, retries off", "get", "resetbody", { retries: NONE }, { error: "ConnectionError" }, 1],
  ["GET hang past timeoutMs", "get", "hang", { retries: NONE, timeoutMs: 200 },
    { error: "RequestTimeoutError", props: { timeoutMs: 200 } }, 1, [180, 2500]],
  ["GET hang past timeoutMs, retried", "get", "hang,ok", { retries: FAST, timeoutMs: 200 }, { ok: true }, 2, [180, 3000]],
  ["GET truncated JSON", "get", "trunc", { retries: FAST }, { error: "ResponseValidationError", props: { statusCode: 200 } }, 1],
  ["GET HTML 502 page", "get", "html502", { retries: NONE }, {
    error: "SDKError", props: { statusCode: 502 },
    check: (o) => assert(o.error.body.includes("<h1>502 Bad Gateway</h1>") && o.error.message.length < 400, "502 page kept in body, message short"),
  }, 1],
  ["GET HTML 502 page, retried", "get", "html502,ok", { retries: FAST }, { ok: true }, 2],
  ["GET empty 200 where JSON is expected", "get", "empty200", { retries: FAST },
    { error: "ResponseValidationError", props: { statusCode: 200, body: "" } }, 1],
  ["GET wrong content type (HTML page, 200)", "get", "wrongtype", { retries: FAST },
    { error: "ResponseValidationError", props: { statusCode: 200 } }, 1],
  // The SDK reads the body, not the label: JSON under text/plain still parses.
  ["GET JSON body labelled text/plain", "get", "plainjson", { retries: FAST }, { ok: true }, 1],
  ["GET 10 MB body", "get", "big", { retries: FAST }, {
    ok: true, check: (o) => assert(o.value.id === "user_big" && o.value.blob.length === BIG_BYTES, "10 MB body decoded"),
  }, 1, [0, 10_000]],
  ["GET 10 MB error body", "get", "big500", { retries: NONE }, {
    error: "SDKError", props: { statusCode: 500 },
    check: (o) => assert(o.error.message.length < 400 && o.error.body.length === BIG_BYTES, "message short, body whole"),
  }, 1, [0, 10_000]],
  ["GET slow-drip body within timeoutMs", "get", "drip:40", { retries: FAST, timeoutMs: 5000 }, { ok: true }, 1, [200, 4000]],
  // setTimeout fires at once beyond 2^31-1 ms; the SDK must clamp, not time out immediately.
  ["GET timeoutMs beyond the 32-bit timer range", "get", "drip:20", { retries: NONE, timeoutMs: 3e9 }, { ok: true }, 1, [100, 3000]],
  ["GET slow-drip body past timeoutMs", "get", "drip:150", { retries: NONE, timeoutMs: 250 },
    { error: "RequestTimeoutError" }, 1, [230, 2500]],
  // The idempotency rule.
  ["POST 500 is attempted once", "post", "s500,ok", { retries: FAST }, { error: "ClerkErrors", props: { status: 500 } }, 1],
  ["POST 503 without Retry-After is attempted once", "post", "s503,ok", { retries: FAST }, { error: "ClerkErrors", props: { status: 503 } }, 1],
  ["POST 500 with retryNonIdempotent is retried", "post", "s500,ok", { retries: { ...FAST, retryNonIdempotent: true } }, { ok: true }, 2],
  ["POST 429 is retried", "post", "ra429s:1,ok", { retries: FAST }, { ok: true }, 2, [950, 4000]],
  ["POST reset before the response is not retried", "post", "reset,ok", { retries: FAST }, { error: "ConnectionError" }, 1],
  ["POST timeout is not retried", "post", "hang,ok", { retries: FAST, timeoutMs: 200 }, { error: "RequestTimeoutError" }, 1, [180, 2500]],
  ["PATCH 502 is attempted once", "patch", "s502,ok", { retries: FAST }, { error: "ClerkErrors", props: { status: 502 } }, 1],
  ["DELETE 500 is retried (idempotent)", "delete", "s500,ok", { retries: FAST }, { ok: true }, 2],
  ["DELETE reset is retried (idempotent)", "delete", "reset,ok", { retries: FAST }, { ok: true }, 2],
];

let serial = 0;
const newKey = (name) => `${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}-${Date.now().toString(36)}-${serial++}`;

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

async function outcome(promise) {
  const t0 = Date.now();
  try {
    const value = await promise;
    return { value, ms: Date.now() - t0 };
  } catch (error) {
    return { error, ms: Date.now() - t0 };
  }
}

function describe(o) {
  return o.error ? `${o.error?.name}: ${String(o.error?.message).slice(0, 200)}` : `resolved ${JSON.stringify(o.value)?.slice(0, 100)}`;
}

function expectOutcome(lib, o, expect) {
  if (expect.ok) {
    assert(!o.error, `expected success, got ${describe(o)}`);
    if (!expect.check) assert(o.value?.id === "user_ok", `expected the ok user, got ${describe(o)}`);
  } else {
    const cls = lib[expect.error];
    assert(o.error instanceof cls, `expected ${expect.error}, got ${describe(o)}`);
    assert(o.error instanceof lib.ClerkEdgeError, "every error extends ClerkEdgeError");
    for (const [k, v] of Object.entries(expect.props ?? {})) {
      assert(o.error[k] === v, `${expect.error}.${k} = ${JSON.stringify(o.error[k])}, expected ${JSON.stringify(v)}`);
    }
  }
  expect.check?.(o);
}

function expectCount(what, n, want) {
  const [lo, hi] = Array.isArray(want) ? want : [want, want];
  assert(n >= lo && n <= hi, `${what}: ${n}, expected ${lo === hi ? lo : `${lo}..${hi}`}`);
}

async function attempts(ctx, key) {
  const res = await fetch(`${ctx.url}/__attempts/${encodeURIComponent(key)}`);
  return (await res.json()).attempts;
}

/** The same client serves a normal call after the fault. */
async function healthy(ctx) {
  const user = await ctx.clerk.users.get({ user_id: "user_ok" }, { retries: NONE });
  assert(user?.id === "user_ok", "the client still works afterwards");
}

function tableCase([name, call, steps, options, expect, wantAttempts, ms = [0, 3000]]) {
  return {
    name,
    async run(ctx) {
      const key = newKey(name);
      const o = await outcome(CALLS[call](ctx.clerk, { ...options, headers: { "x-fault": `${key} ${steps}` } }));
      expectOutcome(ctx.lib, o, expect);
      expectCount("attempts", await attempts(ctx, key), wantAttempts);
      expectCount("elapsed ms", o.ms, ms);
      await healthy(ctx);
    },
  };
}

const SPECIAL = [
  {
    // Refused: the server certainly did not act, so even a POST is retried. workerd reports a
    // refused and a reset connection alike ("Network connection lost."), so there the SDK
    // cannot know and must not repeat the POST.
    name: "POST connection refused is retried where the runtime says so",
    async run(ctx) {
      let calls = 0;
      const counting = (input, init) => (calls++, fetch(input, init));
      const clerk = new ctx.lib.Clerk({ secretKey: "sk_test_faults", serverURL: ctx.closedURL, fetch: counting });
      const o = await outcome(CALLS.post(clerk, { retries: withBackoff({ maxElapsedTime: 300 }) }));
      expectOutcome(ctx.lib, o, { error: "ConnectionError" });
      expectCount("fetch calls", calls, ctx.runtime === "workerd" ? 1 : [2, 30]);
      expectCount("elapsed ms", o.ms, ctx.runtime === "workerd" ? [0, 3000] : [100, 3000]);
      await healthy(ctx);
    },
  },
  {
    name: "caller's AbortSignal cancels a hanging request",
    async run(ctx) {
      const key = newKey("abort-hang");
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error("caller gave up")), 150);
      const o = await outcome(CALLS.get(ctx.clerk, { retries: FAST, signal: ac.signal, headers: { "x-fault": `${key} hang` } }));
      expectOutcome(ctx.lib, o, { error: "RequestAbortedError" });
      expectCount("attempts", await attempts(ctx, key), 1);
      expectCount("elapsed ms", o.ms, [130, 2500]);
      await healthy(ctx);
    },
  },
  {
    name: "caller's AbortSignal cancels the wait between attempts",
    async run(ctx) {
      const key = newKey("abort-backoff");
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      const slow = withBackoff({ initialInterval: 5000, maxInterval: 5000, maxElapsedTime: 60_000 });
      const o = await outcome(CALLS.get(ctx.clerk, { retries: slow, signal: ac.signal, headers: { "x-fault": `${key} s500` } }));
      expectOutcome(ctx.lib, o, { error: "RequestAbortedError" });
      expectCount("attempts", await attempts(ctx, key), 1);
      expectCount("elapsed ms", o.ms, [150, 2000]);
      await healthy(ctx);
    },
  },
  {
    name: "an already-aborted signal sends nothing",
    async run(ctx) {
      const key = newKey("pre-aborted");
      const o = await outcome(CALLS.post(ctx.clerk, { signal: AbortSignal.abort(), headers: { "x-fault": `${key} ok` } }));
      expectOutcome(ctx.lib, o, { error: "RequestAbortedError" });
      expectCount("attempts", await attempts(ctx, key), 0);
      await healthy(ctx);
    },
  },
];

// GET /jwks behind verifyToken(token, { secretKey, serverURL }): the serverURL carries the script.
// [name, steps, expected reason (null: verified), attempts, todo]
const JWKS = [
  ["JWKS 500 then success", "s500,ok", null, 2],
  ["JWKS 503 every time", "s503", "jwk-remote-failed-to-load", [2, 5]],
  ["JWKS 429 then success", "ra429s:1,ok", null, 2],
  ["JWKS reset before the response, then success", "reset,ok", null, 2],
  ["JWKS reset during the body, then success", "resetbody,ok", null, 2],
  ["JWKS truncated JSON", "trunc", "jwk-remote-failed-to-load", 1],
  ["JWKS HTML 502 page every time", "html502", "jwk-remote-failed-to-load", [2, 5]],
  ["JWKS empty 200", "empty200", "jwk-remote-failed-to-load", 1],
  ["JWKS wrong content type (HTML page, 200)", "wrongtype", "jwk-remote-failed-to-load", 1],
  ["JWKS labelled text/plain", "plainjson", null, 1],
  ["JWKS 10 MB body", "big", "jwk-remote-failed-to-load", 1],
  ["JWKS slow-drip body", "drip:30", null, 1],
  ["JWKS 401 (secret key rejected)", "s401", "secret-key-invalid", 1],
  // Each attempt is cut by timeoutInMs (300 ms here), then retried: 3 attempts, ~1.2 s in all.
  ["JWKS hang is bounded", "hang", "jwk-remote-failed-to-load", 3],
];

function jwksCase([name, steps, reason, wantAttempts, todo]) {
  return {
    name,
    todo,
    jwks: true,
    async run(ctx) {
      const key = newKey(name);
      const serverURL = `${ctx.url}/f/${encodeURIComponent(key)}/${encodeURIComponent(steps)}`;
      let timer;
      const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("verifyToken did not settle within 3 s")), 3000);
      });
      const timeout = steps === "hang" ? { timeoutInMs: 300 } : {};
      const o = await outcome(Promise.race([ctx.lib.verifyToken(ctx.token, { secretKey: "sk_test_faults", serverURL, ...timeout }), limit]));
      clearTimeout(timer);
      if (reason === null) {
        assert(!o.error, `expected verified claims, got ${describe(o)}`);
        assert(o.value?.sub === "user_fault", "claims of the token");
      } else {
        assert(o.error instanceof ctx.lib.TokenVerificationError, `expected TokenVerificationError, got ${describe(o)}`);
        assert(o.error.reason === reason, `reason ${o.error.reason}, expected ${reason}`);
      }
      expectCount("attempts", await attempts(ctx, key), wantAttempts);
      await healthy(ctx);
    },
  };
}

/** Every case; JWKS cases only when the package exports verifyToken. */
export function cases(lib) {
  const list = [...TABLE.map(tableCase), ...SPECIAL];
  if (typeof lib.verifyToken === "function") list.push(...JWKS.map(jwksCase));
  return list;
}

/** The shared client of a runtime: fast retries, the fault server. */
export function makeContext(lib, { runtime, url, closedURL, token }) {
  const clerk = new lib.Clerk({ secretKey: "sk_test_faults", serverURL: url, retryConfig: FAST });
  return { runtime, lib, url, closedURL, token, clerk };
}
