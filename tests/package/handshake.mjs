// In scripts/test.sh ("middleware handshake").
//
// The request Clerk answers with a handshake: a page load (Sec-Fetch-Dest: document) whose
// __session has expired while __client_uat says the client has a session. Checked first with
// @clerk/backend 3.25's own authenticateRequest (so the request is right), then:
// - clerk-edge/hono must answer as @hono/clerk-auth 3.1.1 does: a 307 carrying the state's
//   headers (Location to the Frontend API's /v1/client/handshake, the redirect-counter
//   Set-Cookie, Cache-Control, x-clerk-auth-*). The incumbent runs on @clerk/backend 2.x, whose
//   only difference in the Location is its __clerk_api_version; that one is compared with 3.25.
// - withClerk must answer the same 307.
// - an option neither middleware nor authenticateRequest knows is an InvalidRequestError
//   (#11: "No silent options"), in both middlewares.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { createClerkClient } from "@clerk/backend";
import * as incumbent from "@hono/clerk-auth";
import { InvalidRequestError } from "clerk-edge";
import * as edgeHono from "clerk-edge/hono";
import { withClerk } from "clerk-edge/with-clerk";
import { startMock } from "../mock/server.mjs";
import { FRONTEND_API, KEYS, tokens } from "./lib.mjs";

const PAGE = "https://app.example.com/dashboard?tab=1";
let mock;
let t;
const pageLoad = () =>
  new Request(PAGE, {
    headers: { "sec-fetch-dest": "document", accept: "text/html", cookie: `__session=${t.expired}; __client_uat=${t.expiredIat}` },
  });

before(async () => {
  mock = await startMock({ port: 0 });
  t = tokens(mock);
  Object.assign(process.env, KEYS, { CLERK_API_URL: mock.url });
  console.warn = () => {}; // the incumbent middleware warns that it is deprecated, per request
});
after(() => mock.close());

/** The incumbent's verdict on the request: the state @clerk/backend 3.25 returns. */
async function oracle() {
  const clerk = createClerkClient({ secretKey: KEYS.CLERK_SECRET_KEY, publishableKey: KEYS.CLERK_PUBLISHABLE_KEY, apiUrl: mock.url });
  return clerk.authenticateRequest(pageLoad(), { secretKey: KEYS.CLERK_SECRET_KEY, publishableKey: KEYS.CLERK_PUBLISHABLE_KEY });
}

function readmeApp({ clerkMiddleware, getAuth }) {
  const app = new Hono();
  app.use("*", clerkMiddleware());
  app.get("*", (c) => c.json({ userId: getAuth(c).userId }));
  return app;
}

async function snapshot(res) {
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

/** Location without __clerk_api_version (the one thing @clerk/backend 2.x and 3.25 differ in). */
function locationParts(location) {
  const url = new URL(location);
  const params = Object.fromEntries(url.searchParams);
  delete params.__clerk_api_version;
  return { origin: url.origin, pathname: url.pathname, params };
}

test("the request is a handshake for @clerk/backend 3.25", async () => {
  const state = await oracle();
  assert.equal(state.status, "handshake");
  const location = new URL(state.headers.get("location"));
  assert.equal(location.origin, `https://${FRONTEND_API}`);
  assert.equal(location.pathname, "/v1/client/handshake");
  assert.equal(location.searchParams.get("redirect_url"), PAGE);
});

test("clerk-edge/hono answers it as @hono/clerk-auth 3.1.1 does", async () => {
  const theirs = await snapshot(await readmeApp(incumbent).request(pageLoad()));
  const ours = await snapshot(await readmeApp(edgeHono).request(pageLoad()));
  assert.equal(theirs.status, 307, "the incumbent middleware redirects");
  assert.equal(ours.status, 307);
  assert.deepEqual(Object.keys(ours.headers).sort(), Object.keys(theirs.headers).sort());
  for (const name of ["set-cookie", "cache-control", "x-clerk-auth-status", "x-clerk-auth-reason"]) {
    assert.equal(ours.headers[name], theirs.headers[name], name);
  }
  assert.deepEqual(locationParts(ours.headers.location), locationParts(theirs.headers.location));
  assert.equal(ours.body, theirs.body);
  const state = await oracle();
  assert.equal(ours.headers.location, state.headers.get("location"), "the Location @clerk/backend 3.25 gives");
});

test("withClerk answers it with the same 307", async () => {
  const state = await oracle();
  let ran = false;
  const handler = withClerk(() => ((ran = true), new Response("page")), { onSignedOut: "continue" });
  const res = await handler(pageLoad(), { CLERK_API_URL: mock.url }, {});
  assert.equal(res.status, 307);
  assert.equal(ran, false, "the handler does not run before the handshake");
  assert.equal(res.headers.get("location"), state.headers.get("location"));
  assert.equal(res.headers.get("set-cookie"), state.headers.get("set-cookie"));
  assert.equal(res.headers.get("x-clerk-auth-status"), "handshake");
});

test("an option nothing implements is an InvalidRequestError naming it, in both middlewares", async () => {
  const app = new Hono();
  app.use("*", edgeHono.clerkMiddleware({ notAnOption: true }));
  app.get("*", (c) => c.text("unreachable"));
  let error;
  app.onError((err, c) => ((error = err), c.text("error", 500)));
  await app.request(pageLoad());
  assert.ok(error instanceof InvalidRequestError, `got ${error}`);
  assert.match(error.message, /notAnOption/);

  const handler = withClerk(() => new Response("unreachable"), { notAnOption: true });
  await assert.rejects(handler(pageLoad(), { CLERK_API_URL: mock.url }, {}), (e) => e instanceof InvalidRequestError && /notAnOption/.test(e.message));
});
