// The handshake round trip, browser-like, against the local mock (tests/mock: the Backend API
// and its Frontend API half). A cookie jar per origin follows every redirect:
//   1. a page load with an expired __session -> 307 to the mock FAPI's /v1/client/handshake
//   2. the FAPI -> 307 back to the page with __clerk_handshake_nonce
//   3. the app fetches the nonce's payload from the Backend API -> signed in, fresh cookies
//   4. the next page load is signed in without any redirect
//   5. the session expires again: the __refresh cookie the handshake set is exchanged through
//      POST /sessions/{sid}/refresh, signed in without a redirect
//   6. a fetch() (not a page load) with an expired session is signed out, no redirect
// Usage: node tests/auth-flow/roundtrip.mjs [incumbent|node|workerd ...]
//   incumbent  the app on @clerk/backend 3.25 in Node (checks the mock plays FAPI right)
//   node       the app on clerk-edge (pkg/node.js or CLERK_EDGE_MODULE) in Node
//   workerd    the app on clerk-edge's workerd entry in Miniflare (roundtrip-worker.mjs)
// clerk-edge passes once the flow is wired into authenticateRequest (issue 11, stage 2).
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startMock } from "../mock/server.mjs";
import { cookieSuffix, startFrontendApi } from "../mock/frontend-api.mjs";
import { makeApp } from "./roundtrip-app.mjs";
import { startWorker } from "../corpus-runtimes.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const APP = "https://app.example";
const SECRET_KEY = "sk_live_roundtrip_0123456789";

/** A browser's cookie jar and redirect following, for one app and the network. */
class Browser {
  constructor(app) {
    this.app = app;
    this.jars = new Map();
  }

  jar(origin) {
    if (!this.jars.has(origin)) this.jars.set(origin, new Map());
    return this.jars.get(origin);
  }

  cookieHeader(origin) {
    const now = Date.now();
    return [...this.jar(origin)].filter(([, c]) => c.expires > now).map(([n, c]) => `${n}=${c.value}`).join("; ");
  }

  store(origin, setCookies) {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(";").map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const maxAge = attrs.find((a) => /^max-age=/i.test(a));
      const expires = maxAge ? Date.now() + Number(maxAge.split("=")[1]) * 1000 : Infinity;
      if (expires <= Date.now()) this.jar(origin).delete(name);
      else this.jar(origin).set(name, { value, expires });
    }
  }

  /** A navigation (or, with `fetchMode`, a fetch()) and every redirect it takes. */
  async visit(url, { fetchMode = false } = {}) {
    const trace = [];
    for (let hop = 0; hop < 10; hop++) {
      const u = new URL(url);
      const headers = { "user-agent": "Mozilla/5.0 (roundtrip)", "sec-fetch-dest": fetchMode ? "empty" : "document", accept: fetchMode ? "application/json" : "text/html" };
      const cookie = this.cookieHeader(u.origin);
      if (cookie) headers.cookie = cookie;
      const res = u.origin === APP
        ? await this.app(new Request(url, { headers }))
        : await fetch(url, { headers, redirect: "manual" });
      const setCookies = res.headers.getSetCookie();
      this.store(u.origin, setCookies);
      const step = { url, status: res.status, location: res.headers.get("location"), setCookies, body: await res.text() };
      trace.push(step);
      if (![301, 302, 303, 307, 308].includes(res.status)) return trace;
      url = new URL(step.location, url).href;
    }
    throw new Error("more than 10 redirects");
  }
}

async function appFor(kind, env) {
  const options = { secretKey: SECRET_KEY, publishableKey: env.publishableKey, proxyUrl: env.fapiUrl, apiUrl: env.apiUrl, apiVersion: "v1" };
  if (kind === "incumbent") {
    const { createClerkClient } = createRequire(`${root}package.json`)("@clerk/backend");
    const client = createClerkClient({ secretKey: SECRET_KEY, publishableKey: env.publishableKey, apiUrl: env.apiUrl, apiVersion: "v1" });
    return { app: makeApp((req, o) => client.authenticateRequest(req, o), { proxyUrl: env.fapiUrl }), close: async () => {} };
  }
  if (kind === "node") {
    const mod = await import(pathToFileURL(process.env.CLERK_EDGE_MODULE ?? join(root, "pkg", "node.js")).href);
    return { app: makeApp((mod.authenticateRequest ? mod : mod.default).authenticateRequest, options), close: async () => {} };
  }
  const mf = await startWorker(join(root, "tests", "auth-flow", "roundtrip-worker.mjs"), {
    bindings: { SECRET_KEY, PUBLISHABLE_KEY: env.publishableKey, FAPI_URL: env.fapiUrl, API_URL: env.apiUrl },
  });
  const app = async (request) => {
    // Miniflare sends its loopback address as Host, which the flow (as the incumbent) would take
    // for the public origin; X-Forwarded-Host/-Proto say the public one, as a proxy in front
    // of an app does (Cloudflare's own Host is the public one).
    const sent = new Headers(request.headers);
    const publicUrl = new URL(request.url);
    sent.set("x-forwarded-host", publicUrl.host);
    sent.set("x-forwarded-proto", publicUrl.protocol.slice(0, -1));
    const res = await mf.dispatchFetch(request.url, { headers: sent, redirect: "manual" });
    // Re-made in Node's realm (the body read once), Set-Cookie kept one per line.
    const headers = new Headers();
    for (const [k, v] of res.headers) if (k !== "set-cookie") headers.set(k, v);
    for (const c of res.headers.getSetCookie()) headers.append("set-cookie", c);
    return new Response(await res.text(), { status: res.status, headers });
  };
  return { app, close: () => mf.dispose() };
}

/** Runs the round trip for one app; returns [check, ok, detail] rows. */
export async function roundTrip(kind) {
  const mock = await startMock({ port: 0, seed: 1 });
  const fapi = await startFrontendApi({ mock });
  const env = { publishableKey: fapi.publishableKey, fapiUrl: fapi.url, apiUrl: mock.url };
  const { app, close } = await appFor(kind, env);
  const checks = [];
  const check = (what, ok, detail) => checks.push([what, Boolean(ok), detail]);
  try {
    const session = [...mock.state.sessions.values()].find((s) => s.status === "active");
    const now = Math.floor(Date.now() / 1000);
    const expired = () => mock.key.sign({ azp: APP, exp: now - 540, iat: now - 600, iss: fapi.issuer, nbf: now - 610, sid: session.id, sub: session.user_id, v: 2 });
    const browser = new Browser(app);
    // Signed in a while ago (__client_uat), the last session token expired since.
    const signedInLongAgo = () => [`__session=${expired()}; Path=/`, `__client_uat=${now - 700}; Path=/`];
    browser.store(APP, signedInLongAgo());
    const expiredToken = browser.jar(APP).get("__session").value;
    const suffix = cookieSuffix(fapi.publishableKey);

    const [first, atFapi, back] = await browser.visit(`${APP}/dashboard?tab=1`);
    check("page load with an expired session: 307 to the Frontend API's handshake", first?.status === 307 && first.location?.startsWith(`${fapi.url}/v1/client/handshake?`), `${first?.status} ${first?.location}`);
    const hs = first?.location ? new URL(first.location).searchParams : new URLSearchParams();
    check("the handshake URL: redirect_url, reason, format=nonce, the expired token", hs.get("redirect_url") === `${APP}/dashboard?tab=1` && hs.get("__clerk_hs_reason") === "session-token-expired-refresh-non-eligible-no-refresh-cookie" && hs.get("format") === "nonce" && hs.get("__session") === expiredToken, hs.toString().slice(0, 200));
    check("the redirect-loop counter cookie is set", first?.setCookies.some((c) => c.startsWith("__clerk_redirect_count=1;")), JSON.stringify(first?.setCookies));
    check("the Frontend API redirects back with a nonce", atFapi?.status === 307 && new URL(atFapi.location ?? "http://x").searchParams.has("__clerk_handshake_nonce"), `${atFapi?.status} ${atFapi?.location}`);
    check("back on the page: signed in as the session's user", back?.status === 200 && JSON.parse(back.body || "{}").userId === session.user_id, `${back?.status} ${back?.body}`);
    check("with fresh cookies: __session, __client_uat, __refresh", ["__session", "__client_uat", `__refresh_${suffix}`].every((n) => back?.setCookies.some((c) => c.startsWith(`${n}=`))), JSON.stringify(back?.setCookies.map((c) => c.split("=")[0])));

    const again = await browser.visit(`${APP}/dashboard`);
    check("the next page load: signed in, no redirect, no new cookies", again.length === 1 && again[0].status === 200 && again[0].setCookies.length === 0, JSON.stringify(again.map((s) => [s.status, s.setCookies.length])));

    browser.store(APP, signedInLongAgo());
    const refreshed = await browser.visit(`${APP}/settings`);
    check("expired again with a refresh cookie: signed in through POST /sessions/{sid}/refresh, no redirect", refreshed.length === 1 && refreshed[0].status === 200 && refreshed[0].setCookies.some((c) => c.startsWith("__session=")), JSON.stringify(refreshed.map((s) => [s.status, s.location, s.body.slice(0, 80)])));

    browser.jar(APP).delete(`__refresh_${suffix}`);
    browser.store(APP, signedInLongAgo());
    const fetched = await browser.visit(`${APP}/api/data`, { fetchMode: true });
    check("a fetch() with an expired session and no refresh cookie: 401, no redirect", fetched.length === 1 && fetched[0].status === 401 && fetched[0].body === "signed out: session-token-expired-refresh-non-eligible-no-refresh-cookie", JSON.stringify(fetched.map((s) => [s.status, s.body])));
  } catch (e) {
    check("the round trip runs", false, String(e?.stack ?? e));
  } finally {
    await close();
    await fapi.close();
    await mock.close();
  }
  return checks;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ["incumbent"];
  let failed = 0;
  for (const kind of kinds) {
    const checks = await roundTrip(kind);
    const bad = checks.filter((c) => !c[1]);
    console.log(`handshake round trip (${kind}): ${checks.length - bad.length}/${checks.length} checks pass`);
    for (const [what, , detail] of bad) console.log(`  FAIL ${what}: ${detail}`);
    if (bad.length) failed++;
  }
  process.exit(failed ? 1 : 0);
}
