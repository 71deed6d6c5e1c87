// The request-flow corpus, built in Node: two Clerk instances (production and development) with
// node:crypto keys, a table-driven mock Backend API on 127.0.0.1 (JWKS, handshake payloads by
// nonce, session refresh, token templates, machine-token verification), and a seeded matrix of
// authenticateRequest scenarios as plain data, so the clerk-edge half can run in any runtime on
// exactly the inputs the oracle saw.
//
// A scenario: { id, name, tags, at (clock, ms), request: { url, method, headers, body },
//   options (authenticateRequest's), checks: { hasQueries, template } }.
// Tags name the conditions a documented difference (differences.mjs) applies to.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";
import { prng } from "../prng.mjs";

export const BASE_CLOCK = 1_767_000_000_000;
const NOW = BASE_CLOCK / 1000;
const SEED = 0x5eed11;

/** The seeded PRNG with a weighted pick, so the matrix is the same on every run. */
function rng(seed) {
  const r = prng(seed);
  /** [[weight, value], ...] */
  const weighted = (pairs) => {
    const total = pairs.reduce((s, [w]) => s + w, 0);
    let x = r.next() * total;
    for (const [w, v] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1][1];
  };
  return { ...r, weighted };
}

const b64u = (x) => Buffer.from(typeof x === "string" ? x : JSON.stringify(x)).toString("base64url");
const suffixOf = (pk) => createHash("sha1").update(pk).digest("base64").replace(/\+/g, "-").replace(/\//g, "_").slice(0, 8);

export async function buildCorpus({ count = 2400 } = {}) {
  // ---------- keys, instances, tokens ----------
  const keyA = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyB = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pemA = keyA.publicKey.export({ type: "spki", format: "pem" });
  const jwkOf = (k, kid) => ({ ...k.publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" });
  const jwks = { keys: [jwkOf(keyA, "ins_a")] };

  const INSTANCES = {
    prod: { fapi: "clerk.app.example", accounts: "https://accounts.app.example", origin: "https://app.example", pk: `pk_live_${Buffer.from("clerk.app.example$").toString("base64")}`, sk: "sk_live_flow_prod_0123456789" },
    dev: { fapi: "happy-hippo-1.clerk.accounts.dev", accounts: "https://happy-hippo-1.accounts.dev", origin: "http://localhost:3000", pk: `pk_test_${Buffer.from("happy-hippo-1.clerk.accounts.dev$").toString("base64")}`, sk: "sk_test_flow_dev_0123456789" },
  };
  for (const inst of Object.values(INSTANCES)) inst.suffix = suffixOf(inst.pk);

  const minted = new Map();
  /** An RS256 JWT (memoised: the matrix reuses a few hundred distinct tokens). */
  function mint(header, payload, key = keyA) {
    const input = `${b64u({ alg: "RS256", typ: "JWT", kid: "ins_a", ...header })}.${b64u(payload)}`;
    const memo = `${key === keyA ? "a" : "b"}|${input}`;
    if (!minted.has(memo)) minted.set(memo, `${input}.${sign("sha256", Buffer.from(input), key.privateKey).toString("base64url")}`);
    return minted.get(memo);
  }
  const ORG = { v: 2, fea: "o:dashboard,u:pro,o:billing", pla: "u:pro", o: { id: "org_2", slg: "acme", rol: "admin", per: "read,manage", fpm: "1,3" } };
  /** Session claims of an instance in a given state. */
  function claims(inst, state, sid, extra = {}) {
    const base = { azp: inst.origin, iss: `https://${inst.fapi}`, sid, sub: "user_flow", iat: NOW - 10, nbf: NOW - 20, exp: NOW + 50, fva: [2, -1], ...ORG, ...extra };
    switch (state) {
      case "expired": return { ...base, iat: NOW - 120, nbf: NOW - 130, exp: NOW - 60 };
      case "nbf": return { ...base, nbf: NOW + 600 };
      case "iat": return { ...base, iat: NOW + 600, nbf: undefined };
      case "azp": return { ...base, azp: "https://evil.example" };
      case "pending": return { ...base, sts: "pending", o: undefined, fea: undefined };
      case "noorg": return { ...base, o: undefined };
      case "m2m": return { ...base, sub: "mch_flow" };
      case "v1": return { azp: inst.origin, iss: base.iss, sid, sub: "user_v1", iat: base.iat, nbf: base.nbf, exp: base.exp, org_id: "org_v1", org_role: "org:member", org_slug: "v1org", org_permissions: ["org:dashboard:read"] };
      default: return base;
    }
  }
  /** A token for a scenario's state (see TOKEN_STATES). */
  function token(inst, state, sid) {
    switch (state) {
      case "other-instance": return mint({ kid: "ins_b" }, claims(INSTANCES.prod === inst ? INSTANCES.dev : INSTANCES.prod, "valid", sid), keyB);
      case "template": return mint({ cat: "cl_B7d4PD222AAA" }, claims(inst, "valid", sid));
      case "tampered": { const t = mint({}, claims(inst, "valid", sid)); return `${t.slice(0, -3)}${t.endsWith("AAA") ? "BBB" : "AAA"}`; }
      case "garbage": return "not-a.jwt";
      case "no-iss": return mint({}, { ...claims(inst, "valid", sid), iss: undefined });
      default: return mint({}, claims(inst, state, sid));
    }
  }

  // ---------- the mock Backend API: answers from tables, records every call ----------
  const refreshTable = new Map(); // sid -> { kind, inst }
  const nonceTable = new Map(); // nonce -> { directives } | { status }
  const log = [];
  const send = (res, status, obj) => { res.writeHead(status, { "content-type": "application/json" }); res.end(JSON.stringify(obj)); };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url, "http://mock");
      if (url.pathname === "/__control/log") {
        const entries = log.splice(0);
        return send(res, 200, entries);
      }
      const path = url.pathname.replace(/^\/v1(?=\/)/, "");
      if (path !== "/jwks") {
        let parsed = body;
        try { parsed = body ? JSON.parse(body) : null; } catch { /* kept as text */ }
        log.push({ method: req.method, path, query: [...url.searchParams].sort(), body: parsed });
      }
      if (!/^Bearer sk_/.test(req.headers.authorization ?? "")) return send(res, 401, { errors: [{ code: "authorization_invalid", message: "Unauthorized" }] });
      if (req.method === "GET" && path === "/jwks") return send(res, 200, jwks);
      if (req.method === "GET" && path === "/clients/handshake_payload") {
        const entry = nonceTable.get(url.searchParams.get("nonce"));
        if (!entry) return send(res, 404, { errors: [{ code: "resource_not_found", message: "not found" }] });
        return send(res, 200, { directives: entry.directives });
      }
      let m = /^\/sessions\/([^/]+)\/refresh$/.exec(path);
      if (m && req.method === "POST") {
        const entry = refreshTable.get(decodeURIComponent(m[1]));
        if (!entry) return send(res, 404, { errors: [{ code: "resource_not_found", message: "not found" }] });
        const suffixed = url.searchParams.get("suffixed_cookies") === "true";
        const name = (n) => (suffixed ? `${n}_${entry.inst.suffix}` : n);
        switch (entry.kind) {
          case "ok": return send(res, 200, { object: "cookies", cookies: [
            `${name("__session")}=${token(entry.inst, "valid", entry.sid)}; Path=/; Secure; SameSite=Lax`,
            `${name("__client_uat")}=${NOW - 5}; Path=/; Max-Age=315360000; Secure; SameSite=Lax`] });
          case "invalid": return send(res, 401, { errors: [{ code: "token_invalid", message: "token is invalid", long_message: "The refresh token is invalid." }] });
          case "empty": return send(res, 200, { object: "cookies", cookies: [] });
          case "bare500": res.writeHead(500, { "content-type": "text/plain" }); return res.end("upstream failure");
          // No HTTP answer. Not a bare socket.destroy(): Deno's fetch (and workerd's) re-sends a
          // request whose connection closes before any byte of a response, so the log would
          // show two calls where the library made one fetch; a broken status line fails at once.
          case "network": return req.socket.end("HTTP/1.1 000 broken\r\n\r\n");
          default: return send(res, 500, {});
        }
      }
      m = /^\/sessions\/([^/]+)\/tokens\/([^/]+)$/.exec(path);
      if (m && req.method === "POST") return send(res, 200, { object: "token", jwt: `template.${m[2]}.${decodeURIComponent(m[1])}` });
      // Machine tokens (the incumbent posts to {apiUrl}/<path> without the version).
      const json = (() => { try { return JSON.parse(body || "{}"); } catch { return {}; } })();
      const base = { created_at: BASE_CLOCK, updated_at: BASE_CLOCK, expiration: BASE_CLOCK + 60_000, revoked: false, expired: false, revocation_reason: null, scopes: ["read"], claims: { a: 1 } };
      if (path === "/api_keys/verify" && json.secret === "ak_good") return send(res, 200, { ...base, object: "api_key", id: "ak_1", type: "api_key", subject: "user_2", name: "key", description: null, created_by: "user_2", last_used_at: null });
      if (path === "/m2m_tokens/verify" && json.token === "mt_good") return send(res, 200, { ...base, object: "machine_to_machine_token", id: "mt_1", subject: "mch_1" });
      return send(res, 404, { errors: [{ code: "resource_not_found", message: "not found" }] });
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const apiUrl = `http://127.0.0.1:${server.address().port}`;

  // ---------- dimensions ----------
  const TOKEN_STATES = ["valid", "expired", "nbf", "iat", "azp", "other-instance", "pending", "noorg", "v1", "m2m", "template", "tampered", "garbage", "no-iss"];
  const REFRESH_KINDS = ["ok", "invalid", "empty", "bare500", "network"];
  const PATHS = ["/", "/dashboard", "/orgs/acme", "/orgs/acme/settings", "/orgs/org_2", "/orgs/other/x", "/me", "/me/profile"];
  const HAS = [{ role: "org:admin" }, { role: "admin" }, { role: "org:member" }, { permission: "org:dashboard:read" }, { permission: "org:billing:manage" },
    { permission: "org:dashboard:manage" }, { feature: "o:dashboard" }, { feature: "pro" }, { plan: "u:pro" }, { plan: "o:pro" },
    { reverification: "strict" }, { reverification: "strict_mfa" }, { permission: "org:dashboard:read", reverification: "lax" }, {}, { role: "admin", feature: "dashboard" }];

  const scenarios = [];
  const r = rng(SEED);
  let sidN = 0;
  for (const [name, inst] of Object.entries(INSTANCES)) {
    for (const kind of REFRESH_KINDS) refreshTable.set(`sess_${name}_${kind}`, { kind, inst, sid: `sess_${name}_${kind}` });
  }

  function cookieString(pairs) {
    return pairs.map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** One generated scenario. */
  function generate(i) {
    const instName = r.pick(["prod", "dev"]);
    const inst = INSTANCES[instName];
    const tags = new Set([instName]);
    // Session ids come from a small pool (one per instance and refresh answer), so tokens repeat
    // across scenarios and minting stays cheap; the refresh table is keyed by them.
    const refreshKind = r.pick(REFRESH_KINDS);
    const sid = `sess_${instName}_${refreshKind}`;
    const method = r.weighted([[8, "GET"], [2, "POST"]]);
    const kind = r.weighted([[5, "document"], [1, "iframe"], [2, "fetch"], [1, "html-no-sfd"], [1, "json-no-sfd"]]);
    const headers = {};
    if (kind === "document" || kind === "iframe") headers["sec-fetch-dest"] = kind;
    if (kind === "fetch") headers["sec-fetch-dest"] = "empty";
    if (kind === "html-no-sfd" || kind === "document") headers.accept = "text/html,application/xhtml+xml";
    if (kind === "json-no-sfd") headers.accept = "application/json";
    headers["user-agent"] = "Mozilla/5.0 (flow)";

    // Public origin and how the request reaches the app.
    const forwarding = r.weighted([[6, "none"], [2, "forwarded"], [1, "forwarded-multi"], [1, "host"]]);
    let reqOrigin = inst.origin;
    const publicHost = new URL(inst.origin).host;
    const publicProto = new URL(inst.origin).protocol.replace(":", "");
    if (forwarding !== "none") {
      reqOrigin = "http://internal.local:8080";
      if (forwarding === "forwarded") { headers["x-forwarded-host"] = publicHost; headers["x-forwarded-proto"] = publicProto; }
      if (forwarding === "forwarded-multi") { headers["x-forwarded-host"] = `${publicHost}, proxy.internal`; headers["x-forwarded-proto"] = `${publicProto},http`; }
      if (forwarding === "host") headers.host = publicHost;
      tags.add(`forwarding:${forwarding}`);
    }
    const path = r.pick(PATHS);
    const query = new URLSearchParams();
    const queryKind = r.weighted([[10, "none"], [2, "plain"], [2, "synced-false"], [1, "synced-true"], [2, "db-jwt"], [1, "redirect-url"], [1, "redirect-url-bad"], [1, "dev-session"]]);
    if (queryKind === "plain") query.append("q", "a b");
    if (queryKind === "synced-false") query.append("__clerk_synced", "false");
    if (queryKind === "synced-true") query.append("__clerk_synced", "true");
    if (queryKind === "db-jwt") query.append("__clerk_db_jwt", "dvb_query");
    if (queryKind === "redirect-url") query.append("__clerk_redirect_url", "http://localhost:3001/back?x=1&__clerk_synced=false");
    if (queryKind === "redirect-url-bad") { query.append("__clerk_redirect_url", "not a url"); tags.add("redirect-url-invalid"); }
    if (queryKind === "dev-session") query.append("__dev_session", "legacy");

    const referer = r.weighted([[6, "none"], [2, "same"], [3, "cross"], [1, "fapi"], [1, "accounts"], [1, "dev-accounts"], [1, "invalid"]]);
    if (referer === "same") headers.referer = `${inst.origin}/previous`;
    if (referer === "cross") headers.referer = "https://satellite.example/page";
    if (referer === "fapi") headers.referer = `https://${inst.fapi}/v1/client`;
    if (referer === "accounts") headers.referer = `${inst.accounts}/sign-in`;
    if (referer === "dev-accounts") headers.referer = "https://other-otter-2.accounts.dev/sign-in";
    if (referer === "invalid") headers.referer = "::not a url::";
    const originHeader = r.weighted([[6, "none"], [2, "same"], [1, "cross"], [1, "sign-in"]]);
    if (originHeader === "same") headers.origin = inst.origin;
    if (originHeader === "cross") headers.origin = "https://satellite.example";
    if (originHeader === "sign-in") headers.origin = "https://primary.example";

    // Tokens and cookies.
    const carrier = r.weighted([[13, "cookie"], [5, "header"], [2, "both"], [2, "none"], [1, "machine"]]);
    const state = r.weighted([[10, "valid"], [5, "expired"], [1, "nbf"], [1, "iat"], [1, "azp"], [2, "other-instance"], [2, "pending"], [1, "noorg"], [1, "v1"], [1, "m2m"], [1, "template"], [1, "tampered"], [1, "garbage"], [1, "no-iss"]]);
    tags.add(`token:${state}`);
    const tok = token(inst, state, sid);
    const cookies = [];
    const S = (n) => `${n}_${inst.suffix}`;
    if (carrier === "machine") headers.authorization = `Bearer ${r.pick(["ak_good", "ak_bad", "mt_good", "oat_unknown"])}`;
    if (carrier === "header" || carrier === "both") headers.authorization = r.weighted([[8, `Bearer ${tok}`], [1, tok], [1, `Basic ${tok}`]]);
    const shape = r.weighted([[8, "plain"], [3, "suffixed"], [2, "both-suffixed-newer"], [2, "both-plain-newer"], [1, "suffixed-no-uat"], [1, "foreign-plain"]]);
    const uat = r.weighted([[8, "older"], [2, "newer"], [2, "zero"], [2, "missing"], [1, "garbage"], [1, "hex"]]);
    const uatValue = { older: String(NOW - 100), newer: String(NOW + 100), zero: "0", garbage: "abc", hex: "0x10" }[uat];
    if (carrier === "cookie" || carrier === "both") {
      tags.add(`cookies:${shape}`);
      const put = (name, value) => cookies.push([name, value]);
      if (shape === "plain") { put("__session", tok); if (uatValue !== undefined) put("__client_uat", uatValue); }
      if (shape === "suffixed" || shape === "suffixed-no-uat") { put(S("__session"), tok); if (shape === "suffixed" && uatValue !== undefined) put(S("__client_uat"), uatValue); }
      if (shape === "both-suffixed-newer") {
        put("__session", token(inst, "valid", `${sid}_old`).replace(/^/, "")); put("__client_uat", String(NOW - 200));
        put(S("__session"), mint({}, claims(inst, state === "valid" ? "valid" : state, sid, { iat: NOW - 5 }))); if (uatValue !== undefined) put(S("__client_uat"), uatValue);
      }
      if (shape === "both-plain-newer") {
        put("__session", mint({}, claims(inst, state === "valid" ? "valid" : state, sid, { iat: NOW - 5 }))); if (uatValue !== undefined) put("__client_uat", uatValue);
        put(S("__session"), token(inst, "valid", `${sid}_old`)); put(S("__client_uat"), String(NOW - 200));
      }
      if (shape === "foreign-plain") {
        put("__session", token(inst, "other-instance", `${sid}_foreign`)); put("__client_uat", String(NOW - 100));
        put(S("__session"), tok); if (uatValue !== undefined) put(S("__client_uat"), uatValue);
      }
    } else if (carrier === "none" && uatValue !== undefined && r.chance(0.6)) {
      cookies.push([r.chance(0.7) ? "__client_uat" : S("__client_uat"), uatValue]);
    }
    // Refresh cookie (only this instance's suffixed one counts).
    const refresh = r.weighted([[6, "none"], [3, "suffixed"], [1, "plain"]]);
    if (refresh === "suffixed") cookies.push([S("__refresh"), `rt_${refreshKind}`]);
    if (refresh === "plain") cookies.push(["__refresh", "rt_plain"]);
    if (refresh === "suffixed") tags.add(`refresh:${refreshKind}`);
    // Dev browser.
    const db = r.weighted([[6, "cookie"], [1, "suffixed"], [3, "none"]]);
    if (db === "cookie") cookies.push(["__clerk_db_jwt", "dvb_cookie"]);
    if (db === "suffixed") cookies.push([S("__clerk_db_jwt"), "dvb_suffixed"]);
    // Handshake coming back.
    const hs = r.weighted([[16, "none"], [1, "nonce-ok"], [1, "nonce-no-session"], [1, "nonce-expired"], [1, "nonce-unknown"], [1, "jwt-ok"], [1, "jwt-bad-sig"], [1, "jwt-template"], [1, "jwt-expired"]]);
    if (hs !== "none") {
      tags.add(`handshake:${hs}`);
      const directives = (st) => [`__session=${token(inst, st, sid)}; Path=/; Secure; SameSite=Lax`, `__client_uat=${NOW - 5}; Path=/; Secure; SameSite=Lax`];
      const where = instName === "dev" || r.chance(0.3) ? "query" : "cookie";
      if (hs.startsWith("nonce")) {
        const nonce = `nonce_${++sidN}`;
        if (hs === "nonce-ok") nonceTable.set(nonce, { directives: directives("valid") });
        if (hs === "nonce-no-session") nonceTable.set(nonce, { directives: [`__client_uat=0; Path=/`] });
        if (hs === "nonce-expired") nonceTable.set(nonce, { directives: directives("expired") });
        if (where === "query") query.append("__clerk_handshake_nonce", nonce); else cookies.push(["__clerk_handshake_nonce", nonce]);
      } else {
        const payload = { handshake: directives(hs === "jwt-expired" ? "expired" : "valid") };
        const hsToken = hs === "jwt-bad-sig" ? mint({}, payload, keyB) : mint(hs === "jwt-template" ? { cat: "cl_B7d4PD222AAA" } : {}, payload);
        if (where === "query") query.append("__clerk_handshake", hsToken); else cookies.push(["__clerk_handshake", hsToken]);
      }
    }
    const counter = r.weighted([[14, null], [1, "1"], [1, "2"], [2, "3"], [1, "4"]]);
    if (counter !== null) { cookies.push(["__clerk_redirect_count", counter]); tags.add(`counter:${counter}`); }
    if (cookies.length) headers.cookie = cookieString(cookies);

    // Options.
    const options = { secretKey: inst.sk, publishableKey: inst.pk };
    if (r.chance(0.7)) options.jwtKey = pemA;
    const satellite = r.weighted([[7, false], [3, true]]);
    if (satellite) {
      options.isSatellite = true;
      options.domain = "satellite.example";
      options.signInUrl = r.weighted([[8, "https://primary.example/sign-in"], [1, `${inst.origin}/sign-in`]]);
      if (r.chance(0.3)) options.satelliteAutoSync = true;
      tags.add("satellite");
      if (headers.origin && new URL(options.signInUrl).origin === headers.origin) tags.add("sign-in-url-same-origin");
    }
    const proxy = r.weighted([[8, "none"], [1, "absolute"], [1, "relative"]]);
    if (proxy === "absolute") options.proxyUrl = `${inst.origin}/__clerk`;
    if (proxy === "relative") options.proxyUrl = "/__clerk";
    if (!satellite && r.chance(0.1)) options.signInUrl = `${inst.origin}/sign-in`;
    const sync = r.weighted([[7, null], [2, "slug"], [1, "id"]]);
    if (sync === "slug") options.organizationSyncOptions = { organizationPatterns: ["/orgs/:slug", "/orgs/:slug/(.*)"], personalAccountPatterns: ["/me", "/me/(.*)"] };
    if (sync === "id") options.organizationSyncOptions = { organizationPatterns: ["/orgs/:id"] };
    if (sync) tags.add("org-sync");
    const parties = r.weighted([[7, null], [2, "mine"], [1, "other"]]);
    if (parties === "mine") options.authorizedParties = [inst.origin];
    if (parties === "other") options.authorizedParties = ["https://other.example"];
    const accepts = r.weighted([[16, undefined], [1, "any"], [1, ["session_token", "api_key"]], [1, "api_key"], [1, "m2m_token"]]);
    if (accepts !== undefined) options.acceptsToken = accepts;

    const body = method === "POST" ? "a=1" : undefined;
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    const qs = query.toString();
    return {
      id: i,
      name: `#${i} ${instName} ${method} ${kind} ${state}/${carrier}${satellite ? " satellite" : ""}${hs !== "none" ? ` ${hs}` : ""}`,
      tags: [...tags],
      at: BASE_CLOCK,
      request: { url: `${reqOrigin}${path}${qs ? `?${qs}` : ""}`, method, headers, body },
      options,
      checks: { template: r.chance(0.3) ? "tpl" : undefined },
    };
  }

  // ---------- targeted scenarios (the incumbent's own cases and known edges) ----------
  function targeted() {
    const out = [];
    const add = (name, inst, { url = "/", headers = {}, cookies = [], options = {}, tags = [] }) => {
      const h = { "sec-fetch-dest": "document", accept: "text/html", "user-agent": "Mozilla/5.0 (flow)", ...headers };
      if (cookies.length) h.cookie = cookieString(cookies);
      out.push({ id: 0, name: `targeted: ${name}`, tags: [inst === INSTANCES.dev ? "dev" : "prod", ...tags], at: BASE_CLOCK,
        request: { url: `${inst.origin}${url}`, method: "GET", headers: h }, options: { secretKey: inst.sk, publishableKey: inst.pk, jwtKey: pemA, ...options }, checks: { template: "tpl" } });
    };
    const P = INSTANCES.prod, D = INSTANCES.dev;
    const sid = () => `sess_${++sidN}`;
    for (const count of ["3", "4", "7", "0x3", " 3 ", "2.5"]) add(`redirect counter ${JSON.stringify(count)} on an expired session`, P,
      { cookies: [["__session", token(P, "expired", sid())], ["__client_uat", String(NOW - 200)], ["__clerk_redirect_count", count]], tags: [`counter:${count}`] });
    add("payload null in __session", P, { cookies: [["__session", `${b64u({ alg: "RS256", kid: "ins_a" })}.${b64u("null")}.AA`], ["__client_uat", "1"]], tags: ["payload-null"] });
    add("header null in __session", P, { cookies: [["__session", `${b64u("null")}.${b64u({ iss: `https://${P.fapi}`, iat: 1 })}.AA`], ["__client_uat", "1"]], tags: ["header-null"] });
    add("v2 fea without a scope", P, { cookies: [["__session", mint({}, claims(P, "valid", sid(), { fea: "dashboard" }))], ["__client_uat", "1"]], tags: ["fea-unscoped"] });
    add("dev primary, invalid __clerk_redirect_url", D, { url: "/?__clerk_redirect_url=nope", cookies: [["__clerk_db_jwt", "x"]], tags: ["redirect-url-invalid"] });
    add("dev satellite, relative signInUrl, no Origin", D, { options: { isSatellite: true, domain: "sat.example", signInUrl: "/sign-in" }, tags: ["sign-in-url-relative"] });
    add("prod satellite, relative signInUrl, with Origin", P, { headers: { origin: P.origin }, options: { isSatellite: true, domain: "sat.example", signInUrl: "/sign-in" }, tags: ["sign-in-url-relative"] });
    add("prod satellite without domain", P, { options: { isSatellite: true }, tags: ["options-invalid"] });
    add("dev satellite without signInUrl", D, { options: { isSatellite: true, domain: "sat.example" }, tags: ["options-invalid"] });
    add("invalid org-sync pattern", P, { options: { organizationSyncOptions: { organizationPatterns: ["/orgs/:id/***"] } }, tags: ["options-invalid"] });
    add("missing secret key", P, { options: { secretKey: undefined }, tags: ["options-invalid"] });
    add("invalid publishable key", P, { options: { publishableKey: "pk_live_bm9wZQ" }, tags: ["options-invalid"] });
    add("proxyUrl that is not a URL", P, { cookies: [["__client_uat", "1"]], options: { proxyUrl: "https://" }, tags: ["proxy-invalid"] });
    add("dev handshake token with a bad signature", D, { url: `/?__clerk_handshake=${mint({}, { handshake: [] }, keyB)}`, tags: ["handshake:jwt-bad-sig"] });
    add("dev handshake payload with an expired session", D, { url: `/?__clerk_handshake=${mint({}, { handshake: [`__session=${token(D, "expired", "sess_x")}; Path=/`] })}`, tags: ["handshake:jwt-expired"] });
    add("prod org sync by slug", P, { url: "/orgs/other", cookies: [["__session", token(P, "valid", sid())], ["__client_uat", "1"]], options: { organizationSyncOptions: { organizationPatterns: ["/orgs/:slug"] } }, tags: ["org-sync"] });
    add("prod org sync with a repeated parameter", P, { url: "/orgs/a/b", cookies: [["__session", token(P, "valid", sid())], ["__client_uat", "1"]], options: { organizationSyncOptions: { organizationPatterns: ["/orgs/:id+"] } }, tags: ["org-sync"] });
    add("prod refresh ok via suffixed refresh cookie", P, { cookies: [["__session", token(P, "expired", "sess_refresh_ok")], ["__client_uat", "1"], [`__refresh_${P.suffix}`, "rt"]], tags: ["refresh:ok"] });
    refreshTable.set("sess_refresh_ok", { kind: "ok", inst: P, sid: "sess_refresh_ok" });
    add("template name with a slash", P, { headers: { authorization: `Bearer ${token(P, "valid", "sess_tpl")}` }, tags: ["template-slash"] });
    out[out.length - 1].checks.template = "a/b";
    return out;
  }

  for (let i = 0; i < count; i++) scenarios.push(generate(i + 1));
  for (const t of targeted()) { t.id = scenarios.length + 1; scenarios.push(t); }

  return {
    corpus: { scenarios, apiUrl, baseClock: BASE_CLOCK, hasQueries: HAS, secrets: [INSTANCES.prod.sk, INSTANCES.dev.sk] },
    /** What the mock answers for (replay.mjs records its answers). */
    tables: { sessionIds: [...refreshTable.keys()], nonces: [...nonceTable.keys()], networkSessions: [...refreshTable].filter(([, e]) => e.kind === "network").map(([k]) => k) },
    close: () => new Promise((res) => { server.closeAllConnections?.(); server.close(res); }),
  };
}
