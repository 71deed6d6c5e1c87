// No secret leaves the SDK: collects everything it can emit — debug logger lines, error
// messages, String(err), JSON.stringify(err), util.inspect(err) (causes and props included),
// err.stack, the client object (util.inspect / JSON.stringify / String), signed-out
// RequestStates — across every error kind (API errors, network faults, timeouts, aborts,
// invalid params and options, token and webhook failures) and asserts that no secret key,
// bearer token or webhook secret appears, whole or in part. (Key *names* are echoed in "unknown
// parameter" messages by design; a secret used as a property name is out of scope.)
// Needs `bash scripts/build.sh`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { createHmac, randomBytes } from "node:crypto";
import { loadPackage } from "../faults/package.mjs";
import { startFaultServer } from "../faults/server.mjs";
import { createSigningKey, sessionClaims, tamper } from "../mock/keys.mjs";

const { lib } = await loadPackage();
const hasAuth = typeof lib.verifyToken === "function";

const SECRET_KEY = "sk_test_Zq8SECRETkey0123456789abcdef";
const OTHER_KEY = "sk_live_Xy7OTHERsecret98765432";
const WEBHOOK_BYTES = randomBytes(24);
const WEBHOOK_SECRET = `whsec_${WEBHOOK_BYTES.toString("base64")}`;
const signing = createSigningKey();
const now = Math.floor(Date.now() / 1000);
const claims = sessionClaims({ issuer: "https://clerk.secrets.test", userId: "user_s", sessionId: "sess_s", azp: "http://localhost" });
const TOKEN = signing.sign(claims);
const EXPIRED = signing.sign({ ...claims, exp: now - 3600, iat: now - 7200, nbf: now - 7200 });
const MACHINE = "ak_Secret0paqueMachineToken42";

// Whole values and distinctive parts of them (a truncated leak is still a leak).
const NEEDLES = [SECRET_KEY, OTHER_KEY, WEBHOOK_SECRET, TOKEN, EXPIRED, MACHINE, tamper(TOKEN)];
const parts = (s) => [s, s.slice(8, 28), s.slice(-20)];
const FORBIDDEN = [...new Set([...NEEDLES.flatMap(parts), WEBHOOK_BYTES.toString("base64").slice(0, 16), TOKEN.split(".")[2].slice(0, 24)])];

const emitted = []; // [where, text]
const kinds = new Set();
const logLines = [];
const logger = { debug: (line) => logLines.push(String(line)) };

function collectError(where, err) {
  kinds.add(`${err?.name}${err?.reason ? `:${err.reason}` : ""}`);
  emitted.push([`${where}: message`, String(err?.message)]);
  emitted.push([`${where}: String`, String(err)]);
  emitted.push([`${where}: stack`, String(err?.stack)]);
  let json;
  try {
    json = JSON.stringify(err);
  } catch (e) {
    json = `unserialisable: ${e.message}`;
  }
  emitted.push([`${where}: JSON.stringify`, String(json)]);
  emitted.push([`${where}: util.inspect`, inspect(err, { depth: 6, showHidden: true, getters: false })]);
  for (const key of ["problems", "errors", "body", "reason", "cause"]) {
    if (err?.[key] !== undefined) emitted.push([`${where}: .${key}`, inspect(err[key], { depth: 6 })]);
  }
}

async function expectError(where, promiseOrFn) {
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (err) {
    collectError(where, err);
    return err;
  }
  assert.fail(`${where}: expected an error`);
}

let server;
before(async () => {
  server = await startFaultServer({ jwks: signing.jwks });
});
after(() => server.close());

const fault = (steps) => ({ headers: { "x-fault": `${steps}-${Math.random()} ${steps}` } });
const NONE = { strategy: "none" };

test("API, network, timeout and abort errors", async () => {
  const clerk = new lib.Clerk({ bearerAuth: SECRET_KEY, serverURL: server.url, debugLogger: logger, retryConfig: { strategy: "backoff", backoff: { initialInterval: 5, maxInterval: 10, maxElapsedTime: 200 } } });
  const fn = (line) => logLines.push(String(line));
  const clerkFnLogger = new lib.Clerk({ secretKey: SECRET_KEY, serverURL: server.url, debugLogger: fn, retryConfig: NONE });
  const get = (c, steps, extra = {}) => c.users.get({ user_id: "user_1" }, { ...fault(steps), ...extra });
  for (const steps of ["s500", "s401", "s404", "ra429s:30", "html502", "big500", "reset", "resetbody", "trunc", "empty200", "wrongtype"]) {
    await expectError(`users.get ${steps}`, get(clerk, steps, { retries: NONE }));
    await expectError(`users.get ${steps} (function logger)`, get(clerkFnLogger, steps));
  }
  await expectError("retried 503", get(clerk, "s503"));
  await expectError("timeout", get(clerk, "hang", { timeoutMs: 50, retries: NONE }));
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error("stop")), 30);
  await expectError("abort", get(clerk, "hang", { signal: ac.signal }));
  await expectError("POST 500", clerk.users.create({ first_name: "A", password: "pw-not-secret" }, fault("s500")));
  const refused = new lib.Clerk({ secretKey: SECRET_KEY, serverURL: "http://127.0.0.1:1", debugLogger: logger, retryConfig: NONE });
  await expectError("connection refused", refused.users.get({ user_id: "u" }));
  const throwing = new lib.Clerk({ secretKey: SECRET_KEY, serverURL: server.url, fetch: () => { throw new Error("custom fetch failed"); }, retryConfig: NONE });
  await expectError("custom fetch throws", throwing.users.get({ user_id: "u" }));
  // The client object itself.
  for (const c of [clerk, clerkFnLogger, refused]) {
    emitted.push(["util.inspect(clerk)", inspect(c, { depth: 4, showHidden: true })]);
    emitted.push(["JSON.stringify(clerk)", String(JSON.stringify(c))]);
    emitted.push(["String(clerk)", String(c)]);
    emitted.push(["util.inspect(clerk.users)", inspect(c.users, { depth: 2 })]);
  }
});

test("invalid params and options", async () => {
  const clerk = new lib.Clerk({ secretKey: SECRET_KEY, serverURL: server.url, debugLogger: logger });
  await expectError("missing param", clerk.users.get({}));
  await expectError("unknown param", clerk.users.get({ user_id: "u", token: TOKEN }));
  await expectError("bad call option", clerk.users.get({ user_id: "u" }, { timeoutMs: -1, retries: "x", secretKey: SECRET_KEY }));
  await expectError("header with the key and a bad char", clerk.users.get({ user_id: "u" }, { headers: { Authorization: `Bearer ${SECRET_KEY}\u0000x` } }));
  await expectError("header value not a string", clerk.users.get({ user_id: "u" }, { headers: { "x-key": { SECRET_KEY } } }));
  const options = [
    { bearerAuth: `${SECRET_KEY} trailing` },
    { bearerAuth: SECRET_KEY, secretKey: OTHER_KEY },
    { secretkey: SECRET_KEY },
    { secretKey: SECRET_KEY, serverURL: `http://x/?key=${SECRET_KEY}` },
    { secretKey: SECRET_KEY, retryConfig: { strategy: SECRET_KEY } },
    { secretKey: SECRET_KEY, debugLogger: SECRET_KEY },
    { secretKey: SECRET_KEY, timeoutMs: SECRET_KEY },
    { secretKey: [SECRET_KEY] },
  ];
  for (const [i, o] of options.entries()) await expectError(`new Clerk options #${i}`, () => new lib.Clerk(o));
  const unicode = new lib.Clerk({ secretKey: `${SECRET_KEY}☃`.replace(/\s/g, ""), serverURL: server.url }).users;
  await expectError("non-Latin-1 key in the Authorization header", () => unicode.get({ user_id: "u" }));
});

test("token, request and webhook verification failures", { skip: !hasAuth && "verifyToken is not exported" }, async () => {
  const jwksURL = (steps) => `${server.url}/f/sec-${Math.random()}/${steps}`;
  const cases = [
    ["expired", EXPIRED, { jwtKey: signing.publicPem }],
    ["tampered", tamper(TOKEN), { jwtKey: signing.publicPem }],
    ["garbage", `${TOKEN}x`, { secretKey: SECRET_KEY, serverURL: jwksURL("ok") }],
    ["not a JWT", MACHINE, { secretKey: SECRET_KEY, serverURL: jwksURL("ok") }],
    ["JWKS 401", TOKEN, { secretKey: SECRET_KEY, serverURL: jwksURL("s401") }],
    ["JWKS 500", TOKEN, { secretKey: SECRET_KEY, serverURL: jwksURL("s500") }],
    ["JWKS unreachable", TOKEN, { secretKey: SECRET_KEY, serverURL: "http://127.0.0.1:1" }],
    ["wrong party", TOKEN, { jwtKey: signing.publicPem, authorizedParties: ["https://other.example"] }],
    ["no key at all", TOKEN, {}],
    ["bad options", TOKEN, { secretKey: [SECRET_KEY], jwtKey: 42 }],
  ];
  for (const [name, token, options] of cases) await expectError(`verifyToken ${name}`, lib.verifyToken(token, options));

  const requests = [
    ["bearer expired", { authorization: `Bearer ${EXPIRED}` }],
    ["cookie tampered", { cookie: `__session=${tamper(TOKEN)}; __client_uat=${now}` }],
    ["machine token", { authorization: `Bearer ${MACHINE}` }],
  ];
  for (const [name, headers] of requests) {
    const req = new Request("http://app.local/", { headers });
    for (const acceptsToken of ["session_token", "any"]) {
      const opts = { secretKey: SECRET_KEY, serverURL: jwksURL("s401"), publishableKey: "pk_test_Y2xlcmsuc2VjcmV0cy50ZXN0JA", acceptsToken };
      try {
        const state = await lib.authenticateRequest(req.clone(), opts);
        kinds.add(`RequestState:${state?.status}:${state?.reason}`);
        if (state?.isAuthenticated === false || state?.status !== "signed-in") {
          emitted.push([`authenticateRequest ${name}: state`, inspect(state, { depth: 6 })]);
          emitted.push([`authenticateRequest ${name}: JSON`, String(JSON.stringify(state))]);
          if (typeof state?.toAuth === "function") emitted.push([`authenticateRequest ${name}: toAuth`, inspect(state.toAuth(), { depth: 4 })]);
        }
      } catch (err) {
        collectError(`authenticateRequest ${name}`, err);
      }
    }
  }

  const body = JSON.stringify({ type: "user.created", data: { id: "user_1" }, object: "event" });
  const ts = String(now);
  const sign = (key, id) => `v1,${createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64")}`;
  const webhook = (headers, b = body) => new Request("http://app.local/wh", { method: "POST", headers, body: b });
  const good = { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": sign(WEBHOOK_BYTES, "msg_1") };
  const hooks = [
    ["wrong secret", webhook(good), { signingSecret: `whsec_${randomBytes(24).toString("base64")}` }],
    ["tampered body", webhook(good, body.replace("user_1", "user_2")), { signingSecret: WEBHOOK_SECRET }],
    ["missing headers", webhook({}), { signingSecret: WEBHOOK_SECRET }],
    ["old timestamp", webhook({ ...good, "svix-timestamp": String(now - 3600) }), { signingSecret: WEBHOOK_SECRET }],
    ["secret not base64", webhook(good), { signingSecret: `${WEBHOOK_SECRET}!!` }],
    ["secret without prefix", webhook(good), { signingSecret: `${WEBHOOK_SECRET.slice(6)}*` }],
    ["secret wrong type", webhook(good), { signingSecret: [WEBHOOK_SECRET] }],
    ["not a request", { headers: good, body }, { signingSecret: WEBHOOK_SECRET }],
  ];
  for (const [name, req, options] of hooks) await expectError(`verifyWebhook ${name}`, lib.verifyWebhook(req, options));
});

test("nothing emitted holds a secret", () => {
  for (const line of logLines) emitted.push(["debug log", line]);
  const leaks = [];
  for (const [where, text] of emitted) {
    for (const needle of FORBIDDEN) if (text.includes(needle)) leaks.push(`${where} contains ${needle.slice(0, 6)}…`);
  }
  console.log(`secrets: ${leaks.length} leaks in ${emitted.length} emitted texts (${logLines.length} debug lines, ${kinds.size} error kinds)`);
  console.log(`# error kinds: ${[...kinds].sort().join(", ")}`);
  assert.ok(logLines.length > 20, "the debug logger was exercised");
  assert.ok(kinds.size >= 8, "many error kinds were exercised");
  assert.deepEqual(leaks.slice(0, 10), []);
});
