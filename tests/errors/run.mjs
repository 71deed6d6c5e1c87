// Error mapping: every error kind the client can meet, produced by a local scripted server (or a
// closed port, a hang, an abort), must come back as the documented class with its properties,
// and bad params must fail before any request is sent.
//
//   node --test tests/errors/run.mjs        (or: node tests/errors/run.mjs)
import { after, before, beforeEach, describe, test as nodeTest } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clerkErrorBody, freePort, json, startScriptedServer } from "./server.mjs";

const ENTRY = process.env.CLERK_EDGE_ENTRY ?? fileURLToPath(new URL("../../pkg/node.js", import.meta.url));
const sdk = await import(pathToFileURL(ENTRY).href);
const { Clerk, ClerkEdgeError, ClerkErrors, SDKError, ConnectionError, RequestTimeoutError, RequestAbortedError, InvalidRequestError, ResponseValidationError } = sdk;

// a distinctive secret, so any leak into an error or a log line is found by substring
const SECRET = "sk_test_errorsuite_CANARY_5f0c1d";
const NO_RETRY = { strategy: "none" };

// a client that never settles must fail its test, not stall CI
const test = (name, fn) => nodeTest(name, { timeout: 15_000 }, fn);

let server;
const clerkFor = (options = {}) => new Clerk({ bearerAuth: SECRET, serverURL: server.url, retryConfig: NO_RETRY, ...options });

/** Awaits a rejection of `Class`; checks what every error must satisfy; returns the error. */
async function rejectsWith(promise, Class) {
  let error;
  try {
    const value = await promise;
    assert.fail(`expected ${Class.name}, the call resolved with ${JSON.stringify(value)?.slice(0, 200)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    error = e;
  }
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.ok(error instanceof ClerkEdgeError, `${error?.constructor?.name} does not extend ClerkEdgeError`);
  assert.ok(error instanceof Class, `expected ${Class.name}, got ${error?.constructor?.name}: ${error?.message}`);
  assertNoSecret(error);
  return error;
}

function assertNoSecret(error) {
  assert.ok(!String(error.message).includes(SECRET), "the secret key is in the error message");
  assert.ok(!String(error.stack).includes(SECRET), "the secret key is in the error stack");
  assert.ok(!JSON.stringify(error).includes(SECRET), "the secret key is in JSON.stringify(error)");
  assert.ok(!JSON.stringify(Object.entries(error).map(([k, v]) => [k, String(v)])).includes(SECRET), "the secret key is in an error property");
}

const header = (headers, name) => (typeof headers?.get === "function" ? headers.get(name) : (headers?.[name] ?? headers?.[name.toLowerCase()]));

before(async () => {
  server = await startScriptedServer();
});
after(() => server.close());
beforeEach(() => server.reset());

describe("Clerk error bodies -> ClerkErrors", () => {
  for (const [status, code] of [
    [400, "form_param_missing"],
    [401, "authentication_invalid"],
    [403, "authorization_invalid"],
    [404, "resource_not_found"],
    [422, "form_param_format_invalid"],
  ]) {
    test(`${status}`, async () => {
      const body = clerkErrorBody(code, status);
      server.answer(json(status, body, { "x-test-marker": `m${status}` }));
      const err = await rejectsWith(clerkFor().users.get({ user_id: "user_1" }), ClerkErrors);
      assert.equal(err.status, status);
      assert.equal(err.errors.length, 1);
      assert.equal(err.errors[0].code, code);
      assert.equal(err.errors[0].message, `${code} message`);
      assert.equal(err.errors[0].long_message, `${code} long message (HTTP ${status})`);
      assert.deepEqual({ ...err.errors[0].meta }, { param_name: "user_id" });
      assert.equal(err.clerk_trace_id, `trace_${status}`);
      assert.equal(err.body, body);
      assert.equal(header(err.headers, "x-test-marker"), `m${status}`);
      assert.equal(server.received.length, 1);
    });
  }

  test("429 with Retry-After: 3 -> retryAfter 3", async () => {
    server.answer(json(429, clerkErrorBody("too_many_requests", 429), { "retry-after": "3" }));
    const err = await rejectsWith(clerkFor().users.get({ user_id: "user_1" }), ClerkErrors);
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 3);
    assert.equal(err.errors[0].code, "too_many_requests");
  });
});

describe("other failures", () => {
  test("500 with an HTML body -> SDKError", async () => {
    const html = "<html><body>Internal Server Error</body></html>";
    server.answer({ status: 500, headers: { "content-type": "text/html" }, body: html });
    const err = await rejectsWith(clerkFor().users.get({ user_id: "user_1" }), SDKError);
    assert.ok(!(err instanceof ClerkErrors), "an HTML body is not a Clerk error body");
    assert.equal(err.statusCode, 500);
    assert.equal(err.body, html);
    assert.ok(err.rawResponse, "rawResponse is set");
    assert.equal(server.received.length, 1, "strategy none: no retry");
  });

  test("refused connection -> ConnectionError", async () => {
    const closedPort = await freePort(); // bound then released: nothing listens there
    const clerk = new Clerk({ bearerAuth: SECRET, serverURL: `http://127.0.0.1:${closedPort}`, retryConfig: NO_RETRY });
    const err = await rejectsWith(clerk.users.get({ user_id: "user_1" }), ConnectionError);
    assert.ok(err.cause !== undefined, "cause keeps the JS error");
  });

  test("a custom fetch that breaks its contract -> ConnectionError saying how", async () => {
    const NOT_A_RESPONSE = /did not resolve to a Response/;
    const cases = [
      [() => ({ status: 200 }), /did not return a Promise/],
      [async () => ({ status: 200, text: async () => "{}" }), NOT_A_RESPONSE],
      [async () => { throw new TypeError("custom fetch failed"); }, /custom fetch failed/],
      // A real Response whose body was already read: the read's own error, not "not a Response".
      [async () => { const r = new Response("{}"); await r.text(); return r; }, /connection error: \S/],
    ];
    for (const [fetch, message] of cases) {
      const err = await rejectsWith(clerkFor({ fetch }).users.get({ user_id: "user_1" }), ConnectionError);
      assert.match(err.message, message);
      if (message !== NOT_A_RESPONSE) assert.doesNotMatch(err.message, NOT_A_RESPONSE);
    }
  });

  test("a hang past timeoutMs -> RequestTimeoutError (client option and per-call option)", async () => {
    server.answer({ hang: true }, { hang: true });
    let started = Date.now();
    await rejectsWith(clerkFor({ timeoutMs: 200 }).users.get({ user_id: "user_1" }), RequestTimeoutError);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    started = Date.now();
    await rejectsWith(clerkFor().users.get({ user_id: "user_1" }, { timeoutMs: 200 }), RequestTimeoutError);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(server.received.length, 2);
  });

  test("an aborted signal -> RequestAbortedError", async () => {
    server.answer({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await rejectsWith(clerkFor().users.get({ user_id: "user_1" }, { signal: controller.signal }), RequestAbortedError);
    assert.ok(!(err instanceof RequestTimeoutError), "an abort is not a timeout");
    assert.ok(err.cause !== undefined, "cause keeps the JS error");
  });

  test("a signal aborted before the call -> RequestAbortedError, nothing sent", async () => {
    await rejectsWith(clerkFor().users.get({ user_id: "user_1" }, { signal: AbortSignal.abort() }), RequestAbortedError);
    assert.equal(server.received.length, 0);
  });

  test("200 with a body that is not JSON -> ResponseValidationError", async () => {
    server.answer({ status: 200, headers: { "content-type": "application/json" }, body: "{not json" });
    const err = await rejectsWith(clerkFor().users.list({}), ResponseValidationError);
    assert.equal(err.statusCode, 200);
    assert.equal(err.body, "{not json");
  });

  test("200 text/plain for an operation declaring JSON -> ResponseValidationError", async () => {
    server.answer({ status: 200, headers: { "content-type": "text/plain" }, body: "hello" });
    const err = await rejectsWith(clerkFor().users.list({}), ResponseValidationError);
    assert.equal(err.statusCode, 200);
  });
});

describe("bad params never reach the network -> InvalidRequestError", () => {
  /** Asserts every `names` appears in some problem, and nothing was sent. */
  async function invalid(call, names) {
    const err = await rejectsWith(call, InvalidRequestError);
    assert.ok(Array.isArray(err.problems), "problems is an array");
    for (const name of names) {
      assert.ok(err.problems.some((p) => p.includes(name)), `no problem names ${name}: ${JSON.stringify(err.problems)}`);
      assert.ok(err.message.includes(name), `the message does not name ${name}: ${err.message}`);
    }
    assert.ok(err.problems.length >= names.length);
    assert.equal(server.received.length, 0, "a request was sent");
    return err;
  }

  test("missing required path param", () => invalid(clerkFor().users.get({}), ["user_id"]));
  test("empty required path param", () => invalid(clerkFor().users.get({ user_id: "" }), ["user_id"]));
  test("wrong type", () => invalid(clerkFor().users.list({ limit: "ten" }), ["limit"]));
  test("value outside an enum", () => invalid(clerkFor().organizationDomains.listAll({ verified: "maybe" }), ["verified"]));
  test("missing required body field", () => invalid(clerkFor().invitations.create({}), ["email_address"]));
  test("unknown key", () => invalid(clerkFor().users.get({ user_id: "user_1", bogus_key: 1 }), ["bogus_key"]));
  test("every problem of one call is named", async () => {
    const err = await invalid(clerkFor().organizationMemberships.create({ organization_id: "", user_id: 42 }), ["organization_id", "user_id", "role"]);
    assert.ok(err.problems.length >= 3, JSON.stringify(err.problems));
  });
});

describe("request shape", () => {
  test("headers: bearer, API version, clerk-edge; parsed JSON back", async () => {
    server.answer(json(200, [{ id: "user_1", object: "user" }]));
    const users = await clerkFor().users.list({ limit: 5 });
    assert.deepEqual(users, [{ id: "user_1", object: "user" }]);
    const [req] = server.received;
    assert.equal(req.headers.authorization, `Bearer ${SECRET}`);
    assert.equal(req.headers["clerk-api-version"], "2026-05-12");
    assert.ok(Object.values(req.headers).some((v) => /clerk-edge/.test(String(v))), `no header names clerk-edge: ${JSON.stringify(Object.keys(req.headers))}`);
    assert.equal(new URL(req.url, server.url).searchParams.get("limit"), "5");
  });

  test("secretKey is an alias of bearerAuth", async () => {
    server.answer(json(200, []));
    await new Clerk({ secretKey: SECRET, serverURL: server.url, retryConfig: NO_RETRY }).users.list({});
    assert.equal(server.received[0].headers.authorization, `Bearer ${SECRET}`);
  });

  test('"../organizations" as user_id stays one percent-encoded segment', async () => {
    server.answer(json(404, clerkErrorBody("resource_not_found", 404)));
    await rejectsWith(clerkFor().users.get({ user_id: "../organizations" }), ClerkErrors);
    const [req] = server.received;
    const path = req.url.split("?")[0];
    const segments = path.split("/").slice(1);
    assert.equal(segments.length, 2, `path ${path}`);
    assert.equal(segments[0], "users");
    assert.ok(!segments[1].includes("/"), `path ${path}`);
    assert.equal(decodeURIComponent(segments[1]), "../organizations");
  });

  test("query arrays: repeated keys by default", async () => {
    server.answer(json(200, []));
    await clerkFor().users.list({ email_address: ["a@b.co", "c@d.co"] });
    const query = new URL(server.received[0].url, server.url).searchParams;
    assert.deepEqual(query.getAll("email_address"), ["a@b.co", "c@d.co"]);
  });

  // enrollment_mode of ListAllOrganizationDomains is the spec's one `explode: false` query param
  test("query arrays: comma-joined for explode:false (organizationDomains.listAll enrollment_mode)", async () => {
    server.answer(json(200, { data: [], total_count: 0 }));
    await clerkFor().organizationDomains.listAll({ enrollment_mode: ["manual_invitation", "automatic_invitation"] });
    const query = new URL(server.received[0].url, server.url).searchParams;
    assert.deepEqual(query.getAll("enrollment_mode"), ["manual_invitation,automatic_invitation"]);
  });

  test("204 -> undefined", async () => {
    server.answer({ status: 204 });
    assert.equal(await clerkFor().webhooks.deleteSvixApp({}), undefined);
    assert.equal(server.received[0].method, "DELETE");
  });

  test("an HTML operation resolves to the markup", async () => {
    const html = "<html><body>interstitial</body></html>";
    server.answer({ status: 200, headers: { "content-type": "text/html" }, body: html });
    assert.equal(await clerkFor().miscellaneous.getPublicInterstitial({}), html);
  });

  test("debugLogger logs the request, never the secret", async () => {
    const lines = [];
    const log = (...args) => lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    server.answer(json(404, clerkErrorBody("resource_not_found", 404)));
    await rejectsWith(clerkFor({ debugLogger: { debug: log, log } }).users.get({ user_id: "user_1" }), ClerkErrors);
    assert.ok(lines.length > 0, "nothing was logged");
    assert.ok(lines.some((l) => l.includes("/users/user_1")), `no line names the URL: ${JSON.stringify(lines)}`);
    assert.ok(!lines.some((l) => l.includes(SECRET)), "the secret key was logged");
  });
});

describe("retries", () => {
  test("default policy retries a 5XX GET until it succeeds", async () => {
    server.answer(json(503, { error: "busy" }), json(503, { error: "busy" }), json(200, []));
    const clerk = new Clerk({ bearerAuth: SECRET, serverURL: server.url }); // default retryConfig
    assert.deepEqual(await clerk.users.list({}), []);
    assert.equal(server.received.length, 3);
  });

  test('strategy "none" does not retry', async () => {
    server.answer(json(503, { error: "busy" }), json(200, []));
    const err = await rejectsWith(clerkFor().users.list({}), SDKError);
    assert.equal(err.statusCode, 503);
    assert.equal(server.received.length, 1);
  });
});
