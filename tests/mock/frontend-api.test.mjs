// The mock's Frontend API (handshake) and the Backend API endpoints of the request flow
// (handshake payload by nonce, session refresh, template tokens): node --test tests/mock/.
// Responses are checked against the spec's schemas (Cookies, Token: exactly these fields) and
// the tokens against the mock's JWKS; tests/auth-flow/roundtrip.mjs runs the whole handshake
// through @clerk/backend and clerk-edge.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createPublicKey, verify } from "node:crypto";
import { startMock } from "./server.mjs";
import { cookieSuffix, startFrontendApi } from "./frontend-api.mjs";

let mock, fapi, active, ended, jwk;
const secret = { authorization: "Bearer sk_live_mock_tests" };

before(async () => {
  mock = await startMock({ port: 0, seed: 1 });
  fapi = await startFrontendApi({ mock });
  const sessions = [...mock.state.sessions.values()];
  active = sessions.find((s) => s.status === "active");
  ended = sessions.find((s) => s.status === "ended");
  jwk = (await (await fetch(`${mock.url}/v1/jwks`, { headers: secret })).json()).keys[0];
});
after(async () => {
  await fapi.close();
  await mock.close();
});

/** The claims of a JWT after checking its signature against the mock's JWKS. */
function verified(token) {
  const [h, p, s] = token.split(".");
  assert.ok(verify("sha256", Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(s, "base64url")), "signed by the instance key");
  return JSON.parse(Buffer.from(p, "base64url").toString());
}

const expiredToken = (session) => {
  const now = Math.floor(Date.now() / 1000);
  return mock.key.sign({ sid: session.id, sub: session.user_id, iss: fapi.issuer, iat: now - 600, nbf: now - 610, exp: now - 540, v: 2 });
};

async function handshake(params, headers = {}) {
  const url = new URL(`${fapi.url}/v1/client/handshake`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return fetch(url, { redirect: "manual", headers });
}

const values = (directives) => Object.fromEntries(directives.map((d) => d.split(";")[0].split("=")).map(([k, ...v]) => [k, v.join("=")]));

test("handshake (nonce): 307 back with a nonce whose payload carries fresh session cookies, once", async () => {
  const res = await handshake({ redirect_url: "https://app.example/dashboard?tab=1", format: "nonce", suffixed_cookies: "true", __session: expiredToken(active), __clerk_hs_reason: "session-token-expired-refresh-non-eligible-no-refresh-cookie" });
  assert.equal(res.status, 307);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const back = new URL(res.headers.get("location"));
  assert.equal(`${back.origin}${back.pathname}`, "https://app.example/dashboard");
  assert.equal(back.searchParams.get("tab"), "1");
  const nonce = back.searchParams.get("__clerk_handshake_nonce");
  assert.match(nonce, /^nonce_[0-9a-f]{24}$/);

  const payload = await fetch(`${mock.url}/v1/clients/handshake_payload?nonce=${nonce}`, { headers: secret });
  assert.equal(payload.status, 200);
  assert.equal(payload.headers.get("content-type"), "application/json");
  const { directives } = await payload.json();
  const suffix = cookieSuffix(fapi.publishableKey);
  const v = values(directives);
  assert.deepEqual(Object.keys(v).sort(), ["__client_uat", `__client_uat_${suffix}`, `__refresh_${suffix}`, "__session", `__session_${suffix}`].sort());
  assert.ok(directives.every((d) => d.includes("Secure")), "https redirect: Secure cookies");
  const claims = verified(v.__session);
  assert.equal(claims.sid, active.id);
  assert.equal(claims.sub, active.user_id);
  assert.equal(claims.iss, fapi.issuer);
  assert.equal(claims.azp, "https://app.example");
  assert.equal(claims.exp - claims.iat, 60);
  assert.equal(v[`__session_${suffix}`], v.__session);

  const again = await fetch(`${mock.url}/v1/clients/handshake_payload?nonce=${nonce}`, { headers: secret });
  assert.equal(again.status, 404);
  assert.equal((await again.json()).errors[0].code, "resource_not_found");
});

test("handshake (token): the payload is a JWT signed by the instance key", async () => {
  const res = await handshake({ redirect_url: "http://localhost:3000/", __session: expiredToken(active) });
  const jwt = new URL(res.headers.get("location")).searchParams.get("__clerk_handshake");
  const { handshake: directives } = verified(jwt);
  assert.ok(Array.isArray(directives));
  assert.equal(verified(values(directives).__session).sid, active.id);
  assert.ok(!directives.some((d) => d.includes("Secure")), "http redirect: no Secure");
  assert.ok(!directives.some((d) => d.startsWith(`__session_`)), "not suffixed unless asked");
});

test("handshake without a session: the signed-out cookies", async () => {
  for (const params of [{}, { __session: expiredToken(ended) }, { __session: "not.a.token" }]) {
    const res = await handshake({ redirect_url: "https://app.example/", format: "nonce", ...params });
    const nonce = new URL(res.headers.get("location")).searchParams.get("__clerk_handshake_nonce");
    const { directives } = await (await fetch(`${mock.url}/v1/clients/handshake_payload?nonce=${nonce}`, { headers: secret })).json();
    assert.deepEqual(values(directives), { __session: "", __client_uat: "0" });
    assert.match(directives[0], /Max-Age=0/);
  }
});

test("handshake: the FAPI client's session comes first; the organization to activate", async () => {
  const signIn = await fetch(`${fapi.url}/v1/__mock/sign_in?session_id=${active.id}`);
  const client = signIn.headers.get("set-cookie").split(";")[0];
  const membership = mock.state.memberships.find((m) => m.user_id === active.user_id);
  assert.ok(membership, "the seed gives the first active session's user an organization");
  const org = mock.state.organizations.get(membership.organization_id);
  const res = await handshake({ redirect_url: "https://app.example/orgs", organization_id: org.slug }, { cookie: client });
  const { handshake: directives } = verified(new URL(res.headers.get("location")).searchParams.get("__clerk_handshake"));
  const claims = verified(values(directives).__session);
  assert.equal(claims.sid, active.id);
  assert.deepEqual([claims.o.id, claims.o.slg], [org.id, org.slug]);
  // Back to the personal account.
  const personal = await handshake({ redirect_url: "https://app.example/me", organization_id: "" }, { cookie: client });
  assert.equal(verified(values(verified(new URL(personal.headers.get("location")).searchParams.get("__clerk_handshake")).handshake).__session).o, undefined);
});

test("handshake: a bad redirect_url is 400, other methods 405", async () => {
  for (const redirect_url of ["", "/relative", "javascript:alert(1)"]) {
    const res = await handshake({ redirect_url });
    assert.equal(res.status, 400);
  }
  const post = await fetch(`${fapi.url}/v1/client/handshake?redirect_url=https://a.example/`, { method: "POST" });
  assert.equal(post.status, 405);
});

test("refresh: the handshake's refresh token and the expired session token give new cookies (once)", async () => {
  const res = await handshake({ redirect_url: "https://app.example/", format: "nonce", __session: expiredToken(active) });
  const nonce = new URL(res.headers.get("location")).searchParams.get("__clerk_handshake_nonce");
  const { directives } = await (await fetch(`${mock.url}/v1/clients/handshake_payload?nonce=${nonce}`, { headers: secret })).json();
  const suffix = cookieSuffix(fapi.publishableKey);
  const refresh = values(directives)[`__refresh_${suffix}`];
  const call = (body, query = "") => fetch(`${mock.url}/v1/sessions/${active.id}/refresh${query}`, {
    method: "POST", headers: { ...secret, "content-type": "application/json" },
    body: JSON.stringify({ expired_token: expiredToken(active), request_origin: "https://app.example", ...body }),
  });
  const ok = await call({ refresh_token: refresh, format: "cookie" }, "?suffixed_cookies=true");
  assert.equal(ok.status, 200);
  const cookies = await ok.json();
  assert.deepEqual(Object.keys(cookies).sort(), ["cookies", "object"]);
  assert.equal(cookies.object, "cookies");
  const v = values(cookies.cookies);
  assert.equal(verified(v[`__session_${suffix}`]).sid, active.id);
  assert.ok(v[`__refresh_${suffix}`] && v[`__refresh_${suffix}`] !== refresh, "a new refresh token");
  // The refresh token is spent; a wrong one or another session's token is 401 token_invalid.
  for (const body of [{ refresh_token: refresh }, { refresh_token: "rt_wrong" }, { refresh_token: v[`__refresh_${suffix}`], expired_token: expiredToken(ended) }]) {
    const bad = await call(body);
    assert.equal(bad.status, 401);
    assert.equal((await bad.json()).errors[0].code, "token_invalid");
  }
  const token = await call({ refresh_token: v[`__refresh_${suffix}`] });
  const body = await token.json();
  assert.deepEqual(Object.keys(body).sort(), ["jwt", "object"]);
  assert.equal(verified(body.jwt).sid, active.id);
  const missing = await fetch(`${mock.url}/v1/sessions/${active.id}/refresh`, { method: "POST", headers: secret, body: "{}" });
  assert.equal(missing.status, 422);
});

test("template tokens: a known template's claims, no sid; unknown templates 404", async () => {
  const post = (sid, name, body) => fetch(`${mock.url}/v1/sessions/${sid}/tokens/${name}`, { method: "POST", headers: { ...secret, "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
  const res = await post(active.id, "hasura", { expires_in_seconds: 120 });
  assert.equal(res.status, 200);
  const token = await res.json();
  assert.deepEqual(Object.keys(token).sort(), ["jwt", "object"]);
  const claims = verified(token.jwt);
  assert.equal(claims["https://hasura.io/jwt/claims"]["x-hasura-user-id"], active.user_id);
  assert.equal(claims.sid, undefined);
  assert.equal(claims.exp - claims.iat, 120);
  assert.equal((await post(active.id, "nope")).status, 404);
  assert.equal((await post(ended.id, "hasura")).status, 400);
  assert.equal((await post("sess_missing", "hasura")).status, 404);
});
