// The requests each example must answer, whatever runs it (a Wrangler bundle in workerd, Deno).
// `send(path, init)` returns a Response; `t` comes from lib.mjs tokens(mock). Each check throws
// an AssertionError naming the example and the case.
import assert from "node:assert/strict";

const bearer = (token) => ({ headers: { authorization: `Bearer ${token}` } });

async function answer(send, path, init) {
  const res = await send(path, init);
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

/** Runs `cases` ([name, fn]) in order; returns how many ran. */
async function runCases(label, cases) {
  for (const [name, fn] of cases) {
    try {
      await fn();
    } catch (err) {
      err.message = `${label}, ${name}: ${err.message}`;
      throw err;
    }
  }
  return cases.length;
}

/** examples/hono-readme.ts: @hono/clerk-auth's README app. */
export function honoReadme(send, t) {
  const signedIn = { message: "You are logged in!", userId: t.user.id };
  const signedOut = { message: "You are not logged in." };
  return runCases("hono-readme", [
    ["no credentials", async () => {
      const r = await answer(send, "/");
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, signedOut);
      assert.equal(r.headers.get("x-clerk-auth-status"), "signed-out");
      assert.equal(r.headers.get("x-clerk-auth-reason"), "session-token-and-uat-missing");
    }],
    ["Authorization: Bearer", async () => assert.deepEqual((await answer(send, "/", bearer(t.token))).body, signedIn)],
    ["__session cookie", async () => assert.deepEqual((await answer(send, "/", { headers: { cookie: t.cookie } })).body, signedIn)],
    ["tampered token", async () => {
      const r = await answer(send, "/", bearer(t.tampered));
      assert.deepEqual(r.body, signedOut);
      assert.equal(r.headers.get("x-clerk-auth-status"), "signed-out");
    }],
  ]);
}

/** examples/hono-api.ts: c.get("clerk") and getAuth(c, { acceptsToken }). */
export function honoApi(send, t) {
  return runCases("hono-api", [
    ["/me calls the Backend API", async () => {
      const r = await answer(send, "/me", bearer(t.token));
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { id: t.user.id, firstName: t.user.first_name });
    }],
    ["/me signed out", async () => assert.equal((await answer(send, "/me")).status, 401)],
    ["/machine with a session token", async () => {
      const r = await answer(send, "/machine", bearer(t.token));
      assert.deepEqual(r.body, { tokenType: "api_key", isAuthenticated: false });
    }],
  ]);
}

/** examples/with-clerk-worker.ts: 401 when signed out, else the user from the Backend API. */
export function withClerkWorker(send, t) {
  const signedIn = { userId: t.user.id, sessionId: t.sessionId, firstName: t.user.first_name };
  return runCases("with-clerk-worker", [
    ["no credentials", async () => {
      const r = await answer(send, "/");
      assert.equal(r.status, 401);
      assert.equal(r.headers.get("x-clerk-auth-status"), "signed-out");
    }],
    ["Authorization: Bearer", async () => {
      const r = await answer(send, "/", bearer(t.token));
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, signedIn);
    }],
    ["__session cookie", async () => assert.deepEqual((await answer(send, "/", { headers: { cookie: t.cookie } })).body, signedIn)],
    ["tampered token", async () => {
      const r = await answer(send, "/", bearer(t.tampered));
      assert.equal(r.status, 401);
      assert.equal(r.headers.get("x-clerk-auth-reason"), "token-invalid-signature");
    }],
  ]);
}

/** examples/with-clerk-deno.ts: signed-out requests reach the handler (onSignedOut: "continue"). */
export function withClerkDeno(send, t) {
  return runCases("with-clerk-deno", [
    ["no credentials", async () => {
      const r = await answer(send, "/");
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { signedIn: false });
      assert.equal(r.headers.get("x-clerk-auth-status"), "signed-out");
    }],
    ["Authorization: Bearer", async () => assert.deepEqual((await answer(send, "/", bearer(t.token))).body, { signedIn: true, userId: t.user.id })],
    ["__session cookie", async () => assert.deepEqual((await answer(send, "/", { headers: { cookie: t.cookie } })).body, { signedIn: true, userId: t.user.id })],
  ]);
}
