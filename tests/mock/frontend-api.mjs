// The mock plays Clerk's Frontend API for the handshake, and adds the Backend API endpoints the
// request flow calls (127.0.0.1 only). Both halves share the mock's state (sessions, users,
// organizations) and its signing key, so the tokens they mint verify against `GET /jwks`.
//
// Frontend API (its own listener, the "FAPI host"; an app reaches it through `proxyUrl`, or
// through a publishable key that encodes its host):
//   GET /v1/client/handshake?redirect_url=...&format=nonce|token&suffixed_cookies=...&__session=...
//     -> 307 back to redirect_url with `__clerk_handshake_nonce=<nonce>` (format=nonce) or
//        `__clerk_handshake=<JWT signed by the instance key, { handshake: [Set-Cookie...] }>`.
//     The session is the FAPI client's (`__client` cookie on the FAPI host, set by
//     GET /v1/__mock/sign_in?session_id=...), else the one the app's expired `__session`
//     names. Active: a fresh session token, `__client_uat`, `__refresh_<suffix>`; none: the
//     signed-out cookies (`__session` removed, `__client_uat=0`).
// Backend API (routes for tests/mock/server.mjs):
//   GET  /clients/handshake_payload?nonce=...             -> { directives } (a nonce works once)
//   POST /sessions/{session_id}/refresh                  -> Cookies (format=cookie) or Token
//   POST /sessions/{session_id}/tokens/{template_name}   -> Token (a JWT template's token)
//
//   import { startFrontendApi } from "./tests/mock/frontend-api.mjs";
//   const fapi = await startFrontendApi({ mock });  // -> { url, publishableKey(instance), close }
import { createHash, createVerify, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { ApiError, missing, notFound } from "./http.mjs";

const SESSION_TOKEN_TTL_S = 60;
const NONCE_TTL_MS = 60_000;
/** The JWT templates the mock instance defines. */
export const TEMPLATES = {
  hasura: (user) => ({ "https://hasura.io/jwt/claims": { "x-hasura-user-id": user.id, "x-hasura-default-role": "user" } }),
  supabase: (user) => ({ role: "authenticated", email: user.email_addresses?.[0]?.email_address ?? null }),
};

/** `getCookieSuffix`: SHA-1 of the publishable key, base64url, 8 characters. */
export const cookieSuffix = (pk) => createHash("sha1").update(pk).digest("base64").replace(/\+/g, "-").replace(/\//g, "_").slice(0, 8);

/** A publishable key whose Frontend API is `host` (production unless `development`). */
export const publishableKeyFor = (host, { development = false } = {}) =>
  `${development ? "pk_test_" : "pk_live_"}${Buffer.from(`${host}$`).toString("base64").replace(/=+$/, "")}`;

function fapiState(state) {
  state.fapi ??= { nonces: new Map(), refreshTokens: new Map(), clients: new Map() };
  return state.fapi;
}

/** The claims of a token signed by the mock key (expired or not), else null. */
function readOwnToken(key, token) {
  const parts = String(token ?? "").split(".");
  if (parts.length !== 3) return null;
  const ok = createVerify("RSA-SHA256").update(`${parts[0]}.${parts[1]}`).verify(key.publicPem, Buffer.from(parts[2], "base64url"));
  if (!ok) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], "base64url").toString());
  } catch {
    return null;
  }
}

/** A session token as FAPI issues it (v2 claims, the active organization if any). */
function sessionToken({ state, key, issuer, session, azp, now, organizationId }) {
  const iat = Math.floor(now / 1000);
  const claims = { azp, exp: iat + SESSION_TOKEN_TTL_S, fva: [0, -1], iat, iss: issuer, nbf: iat - 10, sid: session.id, sts: session.status === "pending" ? "pending" : "active", sub: session.user_id, v: 2 };
  const orgId = organizationId ?? session.last_active_organization_id;
  const org = orgId && ([...state.organizations.values()].find((o) => o.id === orgId || o.slug === orgId));
  const member = org && state.memberships.find((m) => m.organization_id === org.id && m.user_id === session.user_id);
  if (member) {
    claims.o = { id: org.id, slg: org.slug, rol: member.role.replace(/^org:/, ""), per: "read,manage", fpm: member.role === "org:admin" ? "3" : "1" };
    claims.fea = "o:memberships";
  }
  return key.sign(claims);
}

/** The Set-Cookie directives of a handshake or a refresh. */
function cookiesFor({ fapi, session, token, now, suffix, suffixed, secure }) {
  const attrs = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  const names = (n) => (suffixed ? [n, `${n}_${suffix}`] : [n]);
  const out = [];
  if (!session) {
    for (const n of names("__session")) out.push(`${n}=; ${attrs}; Max-Age=0`);
    for (const n of names("__client_uat")) out.push(`${n}=0; ${attrs}; Max-Age=315360000`);
    return out;
  }
  for (const n of names("__session")) out.push(`${n}=${token}; ${attrs}`);
  for (const n of names("__client_uat")) out.push(`${n}=${Math.floor(now / 1000)}; ${attrs}; Max-Age=315360000`);
  const refresh = `rt_${randomBytes(12).toString("hex")}`;
  fapi.refreshTokens.set(refresh, session.id);
  out.push(`__refresh_${suffix}=${refresh}; ${attrs}; HttpOnly`);
  return out;
}

function parseCookies(header = "") {
  return Object.fromEntries(header.split(/;\s*/).filter((c) => c.includes("=")).map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]));
}

/**
 * Starts the Frontend API listener for a running mock (`startMock()`'s result). `development`:
 * the instance is a development one (its key says `pk_test_`). Resolves to
 * `{ url, host, publishableKey, issuer, close }`.
 */
export async function startFrontendApi({ mock, port = 0, host = "127.0.0.1", development = false, now = () => Date.now() } = {}) {
  const fapi = fapiState(mock.state);
  let issuer = "";
  let publishableKey = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://fapi");
    const fail = (status, code, message) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code, message, long_message: message }] }));
    };
    if (req.method === "GET" && url.pathname === "/v1/__mock/sign_in") {
      // Test helper: makes this FAPI client signed in to a session, as a real sign-in would.
      const session = mock.state.sessions.get(url.searchParams.get("session_id"));
      if (!session) return fail(404, "resource_not_found", "No session with that id.");
      const client = `client_${randomBytes(8).toString("hex")}`;
      fapi.clients.set(client, session.id);
      res.writeHead(200, { "set-cookie": `__client=${client}; Path=/; HttpOnly; SameSite=Lax`, "content-type": "application/json" });
      return res.end(JSON.stringify({ client_id: client, session_id: session.id }));
    }
    if (url.pathname !== "/v1/client/handshake") return fail(404, "resource_not_found", `No endpoint at ${url.pathname}.`);
    if (req.method !== "GET") return fail(405, "method_not_allowed", "The handshake only accepts GET.");
    let back;
    try {
      back = new URL(url.searchParams.get("redirect_url") ?? "");
      if (!/^https?:$/.test(back.protocol)) throw new Error("scheme");
    } catch {
      return fail(400, "form_param_format_invalid", "redirect_url must be an absolute http(s) URL.");
    }
    // Which session: this FAPI client's, else the one the app's (expired) session token names.
    const client = fapi.clients.get(parseCookies(req.headers.cookie).__client);
    const named = readOwnToken(mock.key, url.searchParams.get("__session"))?.sid;
    const candidate = mock.state.sessions.get(client ?? named);
    const session = candidate && ["active", "pending"].includes(candidate.status) ? candidate : null;
    const at = now();
    const orgParam = url.searchParams.get("organization_id");
    if (session && orgParam !== null) session.last_active_organization_id = orgParam === "" ? null : orgParam;
    const token = session && sessionToken({ state: mock.state, key: mock.key, issuer, session, azp: back.origin, now: at, organizationId: orgParam || undefined });
    const directives = cookiesFor({ fapi, session, token, now: at, suffix: fapi.suffix, suffixed: url.searchParams.get("suffixed_cookies") === "true", secure: back.protocol === "https:" });
    if (url.searchParams.get("format") === "nonce") {
      const nonce = `nonce_${randomBytes(12).toString("hex")}`;
      fapi.nonces.set(nonce, { directives, expires: at + NONCE_TTL_MS });
      back.searchParams.set("__clerk_handshake_nonce", nonce);
    } else {
      back.searchParams.set("__clerk_handshake", mock.key.sign({ handshake: directives }));
    }
    res.writeHead(307, { location: back.href, "cache-control": "no-store" });
    res.end();
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const hostPort = `${host}:${server.address().port}`;
  issuer = `http://${hostPort}`;
  publishableKey = publishableKeyFor(hostPort, { development });
  // The Backend API half names suffixed cookies after this instance's key.
  fapi.suffix = cookieSuffix(publishableKey);
  return {
    url: `http://${hostPort}`,
    host: hostPort,
    publishableKey,
    issuer,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

// ---------------------------------------------------------------- Backend API routes

function handshakePayload({ state, query, now }) {
  const nonce = query.get("nonce");
  if (!nonce) throw missing("nonce");
  const fapi = fapiState(state);
  const entry = fapi.nonces.get(nonce);
  fapi.nonces.delete(nonce); // one use
  if (!entry || entry.expires < now) throw notFound("handshake payload");
  return { directives: entry.directives };
}

function refreshSession({ state, key, issuer, params, query, body, now }) {
  const session = state.sessions.get(params.session_id);
  if (!session) throw notFound("session");
  for (const p of ["expired_token", "refresh_token", "request_origin"]) if (!body[p]) throw missing(p);
  const fapi = fapiState(state);
  const claims = readOwnToken(key, body.expired_token);
  // 401 on any validation error: the SDKs then fall back to the handshake (the spec's words).
  if (!claims || claims.sid !== session.id || fapi.refreshTokens.get(body.refresh_token) !== session.id || session.status !== "active") {
    throw new ApiError(401, "token_invalid", "token is invalid", "The expired token or the refresh token is not valid for this session.");
  }
  fapi.refreshTokens.delete(body.refresh_token);
  const token = sessionToken({ state, key, issuer: claims.iss ?? issuer, session, azp: body.request_origin, now });
  if (body.format === "cookie") {
    const suffixed = query.get("suffixed_cookies") === "true";
    return { object: "cookies", cookies: cookiesFor({ fapi, session, token, now, suffix: fapi.suffix ?? "", suffixed, secure: body.request_origin.startsWith("https:") }) };
  }
  return { object: "token", jwt: token };
}

function templateToken({ state, key, issuer, params, body, now }) {
  const session = state.sessions.get(params.session_id);
  if (!session) throw notFound("session");
  if (session.status !== "active") throw new ApiError(400, "session_not_active", "session is not active", "Tokens are only issued for active sessions.");
  const template = TEMPLATES[params.template_name];
  if (!template) throw notFound("JWT template");
  const user = state.users.get(session.user_id) ?? { id: session.user_id };
  const iat = Math.floor(now / 1000);
  const ttl = body.expires_in_seconds ?? 60;
  // A template's token carries no `sid`. (Clerk also tags it with a `cat` header; the mock's
  // key signs one fixed header, so these tokens go without.)
  return { object: "token", jwt: key.sign({ ...template(user), exp: iat + ttl, iat, iss: issuer, nbf: iat - 10, sub: session.user_id }) };
}

/** Routes for tests/mock/server.mjs, in its `[method, pattern, handler]` form. */
export const frontendApiBackendRoutes = [
  ["GET", "/clients/handshake_payload", handshakePayload],
  ["POST", "/sessions/:session_id/refresh", refreshSession],
  ["POST", "/sessions/:session_id/tokens/:template_name", templateToken],
];
