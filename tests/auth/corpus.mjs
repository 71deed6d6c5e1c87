// The auth conformance corpus, built in Node: RSA keys and tokens minted with node:crypto, a
// mock Backend API on 127.0.0.1, and every scenario as plain data (JSON-serialisable), so the
// clerk-edge half (edge-half.mjs) can run in any runtime and the oracle half (oracle.mjs) in
// Node, on exactly the same inputs.
//
// A case: { name, kind: "verify" | "request" | "webhook" | "rotation", ...inputs, at (clock, ms),
//   expect (clerk-edge's answer, always checked), differs / edgeOnly (why the incumbent is not
//   compared) }. Requests are { url, method, headers, body }.
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";

export const BASE_CLOCK = 1_760_000_000_000;
const NOW_S = BASE_CLOCK / 1000;
/** Stands for an `undefined` token in JSON. */
export const UNDEFINED = { $undefined: true };

export async function buildCorpus() {
const clock = BASE_CLOCK;

// ---------- keys and minting ----------
const rsa = (bits) => generateKeyPairSync("rsa", { modulusLength: bits });
const keyA = rsa(2048), keyB = rsa(2048), key3072 = rsa(3072), key4096 = rsa(4096), keyOther = rsa(2048);
// 2050 bits: its 257-byte signatures are wider than the 76 27-bit limbs (2052 bits) rsa-verify
// computes on, the case where a signature >= n once verified.
const key2050 = rsa(2050);
const pem = (k) => k.publicKey.export({ type: "spki", format: "pem" });
const jwk = (k, kid, extra = {}) => ({ ...k.publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig", ...extra });
const b64u = (x) => (Buffer.isBuffer(x) ? x : Buffer.from(typeof x === "string" ? x : JSON.stringify(x))).toString("base64url");

function mint({ header = {}, payload = {}, key = keyA, alg = "RS256", kid = "ka", tamper = false, rawPayload } = {}) {
  const h = { alg, typ: "JWT", kid, ...header };
  for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
  const p = { sub: "user_1", iat: NOW_S - 10, nbf: NOW_S - 10, exp: NOW_S + 60, ...payload };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  const input = `${b64u(h)}.${b64u(rawPayload ?? p)}`;
  let sig;
  if (alg.startsWith("HS")) sig = createHmac(`sha${alg.slice(2)}`, pem(key)).update(input).digest();
  else if (alg.startsWith("RS")) sig = sign(`sha${alg.slice(2)}`, Buffer.from(input), key.privateKey);
  else sig = Buffer.from("not-a-signature");
  if (tamper) sig[sig.length - 1] ^= 1;
  return `${input}.${b64u(sig)}`;
}

// ---------- mock Backend API on 127.0.0.1 ----------
const fullJwks = () => [jwk(keyA, "ka"), jwk(keyB, "kb"), jwk(key4096, "k4096"), jwk(keyA, "ka512", { alg: "RS512" }),
  jwk(keyA, "kmismatch"), jwk(keyA, "kenc", { use: "enc" }), jwk(key2050, "k2050"),
  // Two keys under one kid: which one vouches for a token must not be a guess.
  jwk(keyA, "kdup"), jwk(keyB, "kdup")];
let jwks = fullJwks();
const hits = { jwks: 0 };
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const auth = req.headers.authorization ?? "";
    const send = (status, obj) => { res.writeHead(status, { "content-type": "application/json" }); res.end(JSON.stringify(obj)); };
    // Test control (any runtime reaches it with fetch): the JWKS fetch count, and the key set.
    if (req.url === "/__control/hits") return send(200, hits);
    if (req.url === "/__control/jwks" && req.method === "POST") {
      const { drop = [], add = [] } = JSON.parse(body || "{}");
      jwks = fullJwks().filter((k) => !drop.includes(k.kid));
      if (add.includes("krot")) jwks.push(jwk(keyOther, "krot"));
      return send(200, { kids: jwks.map((k) => k.kid) });
    }
    if (!auth.startsWith("Bearer sk_live_ok")) {
      return send(401, { errors: [{ code: "clerk_key_invalid", message: "Secret key is invalid", long_message: "" }] });
    }
    if (auth.includes("fail500")) return send(500, { errors: [{ code: "internal", message: "boom" }] });
    if (req.method === "GET" && req.url === "/v1/jwks") {
      hits.jwks++;
      return send(200, { keys: jwks });
    }
    const json = body ? JSON.parse(body) : {};
    // The incumbent posts machine verifications to {apiUrl}/<path> (no version segment).
    const url = req.url.replace(/^\/v1\//, "/");
    const now = clock;
    const base = { created_at: now, updated_at: now, expiration: now + 60_000, revoked: false, expired: false, revocation_reason: null, scopes: ["read"], claims: { a: 1 } };
    if (url === "/api_keys/verify" && json.secret === "ak_good")
      return send(200, { ...base, object: "api_key", id: "ak_1", type: "api_key", subject: "user_2", name: "key", description: null, created_by: "user_2", last_used_at: null });
    if (url === "/m2m_tokens/verify" && json.token === "mt_good")
      return send(200, { ...base, object: "machine_to_machine_token", id: "mt_1", subject: "mch_1" });
    if (url === "/oauth_applications/access_tokens/verify" && json.access_token === "oat_good")
      return send(200, { ...base, object: "clerk_idp_oauth_access_token", id: "oat_1", client_id: "client_1", subject: "user_3", type: "oauth_token", name: "x" });
    return send(404, { errors: [{ code: "resource_not_found", message: "not found" }] });
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const apiUrl = `http://127.0.0.1:${server.address().port}`;
let secretN = 0;
/** A fresh secret key (so each remote scenario starts with an empty JWKS cache in both libraries). */
const freshSecret = (tag = "") => `sk_live_ok${tag}_${++secretN}_a1b2c3d4e5`;
const remote = (extra = {}) => ({ secretKey: freshSecret(), apiUrl, apiVersion: "v1", ...extra });

// ---------- secrets that must never leak ----------
const secrets = new Set();
const watch = (s) => { if (typeof s === "string" && s.length >= 12) secrets.add(s); return s; };

const cases = [];
/** `differs`: why the incumbent is wrong; `expect`: what clerk-edge must answer (always checked when given). */
const vt = (name, token, options, extra = {}) => cases.push({ name, kind: "verify", token, options, ...extra });

const local = (extra = {}) => ({ jwtKey: watch(pem(keyA)), ...extra });
watch(pem(keyB));

// decoding garbage
for (const [n, t] of [["empty", ""], ["null string", "null"], ["aaa.bbb.ccc", "aaa.bbb.ccc"], ["two parts", "a.b"],
  ["four parts", `${mint()}.x`], ["header not JSON", `${b64u("{nope")}.${b64u({ sub: "u" })}.AA`],
  ["payload not JSON", `${b64u({ alg: "RS256" })}.${b64u("[1,")}.AA`], ["signature not base64url", `${b64u({ alg: "RS256" })}.${b64u({})}.a+b/`],
  ["2 MB of garbage", "a".repeat(2_000_000)], ["undefined token", undefined], ["number token", 12345]])
  vt(`decode: ${n}`, t, local(), { expect: { ok: false, reason: "token-invalid" } });
vt("decode: header is JSON null", `${b64u("null")}.${b64u({ sub: "u" })}.AA`, local(), {
  expect: { ok: false, reason: "token-invalid" }, differs: "the incumbent throws a raw TypeError reading fields of null" });
vt("decode: 1 MB signed payload", mint({ payload: { pad: "x".repeat(1_000_000) } }), local(), {
  expect: { ok: false, reason: "token-invalid" }, differs: "clerk-edge refuses tokens over 16 KiB before any work; the incumbent hashes and parses them" });

// category
vt("category: M2M cat header", mint({ header: { cat: "cl_B7d4PD333AAA" } }), local(), { expect: { ok: false, reason: "token-invalid" } });
vt("category: session cat header", mint({ header: { cat: "cl_B7d4PD111AAA" } }), local(), { expect: { ok: true } });

// typ
vt("typ: absent", mint({ header: { typ: undefined } }), local(), { expect: { ok: true } });
vt("typ: JWT", mint(), local(), { expect: { ok: true } });
for (const typ of ["jwt", "at+jwt", "JWS", null]) vt(`typ: ${typ}`, mint({ header: { typ } }), local(), { expect: { ok: false, reason: "token-invalid" } });

// alg matrix
for (const alg of ["none", "HS256", "HS512", "ES256", "PS256", "rs256"])
  vt(`alg: ${alg}`, mint({ alg }), local(), { expect: { ok: false, reason: "token-invalid-algorithm" } });
vt("alg: header without alg", mint({ header: { alg: undefined } }), local(), { expect: { ok: false, reason: "token-invalid" },
  differs: "a header without alg is not a JWS (RFC 7515 §4.1.1): jwt-compact refuses it while parsing; the incumbent gets to its algorithm check" });
vt("alg: RS256 local PEM", mint(), local(), { expect: { ok: true } });
for (const alg of ["RS384", "RS512"])
  vt(`alg: ${alg} with a PEM key`, mint({ alg }), local(), { expect: { ok: true }, differs: "the incumbent turns any PEM into an RS256 JWK, so RS384/RS512 fail to import" });
vt("alg: RS512 via JWKS (JWK alg RS512)", mint({ alg: "RS512", kid: "ka512" }), remote(), { expect: { ok: true } });
vt("alg: RS512 token, JWK alg RS256", mint({ alg: "RS512", kid: "kmismatch" }), remote(), { expect: { ok: false, reason: "token-verification-failed" } });
vt("jwk: use enc", mint({ kid: "kenc" }), remote(), { expect: { ok: false, reason: "token-verification-failed" } });

// key sizes
vt("key: 4096-bit via JWKS", mint({ key: key4096, kid: "k4096" }), remote(), { expect: { ok: true } });
for (const [bits, k] of [[3072, key3072], [4096, key4096]])
  vt(`key: ${bits}-bit PEM`, mint({ key: k }), { jwtKey: watch(pem(k)) }, { expect: { ok: true }, differs: "the incumbent strips a fixed 2048-bit SPKI prefix from PEM keys, so other sizes fail" });
vt("key: JWK object as jwtKey", mint(), { jwtKey: jwk(keyA, "ka") }, { expect: { ok: true }, edgeOnly: "the incumbent accepts PEM strings only" });
vt("key: PEM of another key", mint(), { jwtKey: watch(pem(keyOther)) }, { expect: { ok: false, reason: "token-invalid-signature" } });

// signature
vt("signature: tampered", mint({ tamper: true }), local(), { expect: { ok: false, reason: "token-invalid-signature" } });
vt("signature: expired and tampered -> signature error", mint({ tamper: true, payload: { exp: NOW_S - 3600 } }), local(), { expect: { ok: false, reason: "token-invalid-signature" } });
vt("signature: HS256 signed with the PEM as secret", mint({ alg: "HS256" }), local(), { expect: { ok: false, reason: "token-invalid-algorithm" } });
vt("signature: empty", mint().replace(/\.[^.]*$/, ".AA"), local(), { expect: { ok: false, reason: "token-invalid-signature" } });

// sub
vt("sub: missing", mint({ payload: { sub: undefined } }), local(), { expect: { ok: false, reason: "token-verification-failed" } });
vt("sub: number", mint({ payload: { sub: 5 } }), local(), { expect: { ok: false, reason: "token-verification-failed" } });

// audience matrix
const AUD = [["a", "a", true], ["a", "b", false], [["a", "c"], "c", true], ["a", ["b", "a"], true], ["a", ["b"], false],
  ["a", undefined, true], [undefined, "b", true], ["", "b", true], [["", "a"], "a", true], ["a", "", true], ["a", [], true]];
for (const [audience, aud, ok] of AUD)
  vt(`aud: option ${JSON.stringify(audience)} claim ${JSON.stringify(aud)}`, mint({ payload: { aud } }), local({ audience }),
    { expect: ok ? { ok: true } : { ok: false, reason: "token-verification-failed" } });
vt("aud: claim 1 (not a string)", mint({ payload: { aud: 1 } }), local({ audience: "a" }), {
  expect: { ok: false, reason: "token-verification-failed" }, differs: "the incumbent skips the audience check when aud is neither a string nor an array of strings" });

// azp
vt("azp: listed", mint({ payload: { azp: "https://a.example" } }), local({ authorizedParties: ["https://a.example"] }), { expect: { ok: true } });
vt("azp: not listed", mint({ payload: { azp: "https://evil.example" } }), local({ authorizedParties: ["https://a.example"] }), { expect: { ok: false, reason: "token-invalid-authorized-parties" } });
vt("azp: missing with a list", mint(), local({ authorizedParties: ["https://a.example"] }), { expect: { ok: false, reason: "token-invalid-authorized-parties" } });
vt("azp: empty list", mint({ payload: { azp: "x" } }), local({ authorizedParties: [] }), { expect: { ok: true } });

// iss
vt("iss: matches", mint({ payload: { iss: "https://clerk.example.com" } }), local({ issuer: "https://clerk.example.com" }), { expect: { ok: true } });
vt("iss: differs", mint({ payload: { iss: "https://evil.example" } }), local({ issuer: "https://clerk.example.com" }), { expect: { ok: false, reason: "token-invalid-issuer" } });

// exp / nbf / iat boundaries at several skews: the clock is set per case.
const E = NOW_S + 100;
for (const skew of [0, 1, 1000, 6000]) {
  const base = { clockSkewInMs: skew };
  vt(`exp: skew ${skew} at boundary`, mint({ payload: { exp: E, iat: undefined, nbf: undefined } }), local(base), { at: E * 1000 + skew, expect: { ok: false, reason: "token-expired" } });
  vt(`exp: skew ${skew} 1 ms before`, mint({ payload: { exp: E, iat: undefined, nbf: undefined } }), local(base), { at: E * 1000 + skew - 1, expect: { ok: true } });
  vt(`nbf: skew ${skew} at boundary`, mint({ payload: { nbf: E, exp: E + 1000, iat: undefined } }), local(base), { at: E * 1000 - skew, expect: { ok: true } });
  vt(`nbf: skew ${skew} 1 ms early`, mint({ payload: { nbf: E, exp: E + 1000, iat: undefined } }), local(base), { at: E * 1000 - skew - 1, expect: { ok: false, reason: "token-not-active-yet" } });
  vt(`iat: skew ${skew} at boundary`, mint({ payload: { iat: E, exp: E + 1000, nbf: undefined } }), local(base), { at: E * 1000 - skew, expect: { ok: true } });
  vt(`iat: skew ${skew} 1 ms early`, mint({ payload: { iat: E, exp: E + 1000, nbf: undefined } }), local(base), { at: E * 1000 - skew - 1, expect: { ok: false, reason: "token-iat-in-the-future" } });
}
vt("exp: missing", mint({ payload: { exp: undefined } }), local(), { expect: { ok: false, reason: "token-verification-failed" } });
vt("exp: string", mint({ payload: { exp: String(NOW_S + 60) } }), local(), { expect: { ok: false, reason: "token-verification-failed" } });
vt("nbf: null", mint({ payload: { nbf: null } }), local(), { expect: { ok: false, reason: "token-verification-failed" } });
vt("exp: fractional seconds truncated", mint({ payload: { exp: NOW_S - 5 + 0.9 } }), local(), { expect: { ok: false, reason: "token-expired" } });
vt("exp: -9e12 (before year -283000)", mint({ payload: { exp: -9e12 } }), local(), {
  expect: { ok: false, reason: "token-expired" }, differs: "the incumbent's Date arithmetic turns exp beyond ±8.64e12 s into NaN and never expires the token" });
vt("default skew 5000 ms", mint({ payload: { exp: NOW_S - 4 } }), local(), { expect: { ok: true } });

// remote JWKS
vt("jwks: happy path", mint(), remote(), { expect: { ok: true } });
vt("jwks: unknown kid", mint({ kid: "nope" }), remote(), { expect: { ok: false, reason: "jwk-kid-mismatch" } });
vt("jwks: no kid header", mint({ header: { kid: undefined } }), remote(), { expect: { ok: false, reason: "jwk-kid-mismatch" } });
vt("jwks: invalid secret key (401)", mint(), { secretKey: watch("sk_live_bad_0123456789"), apiUrl, apiVersion: "v1" }, { expect: { ok: false, reason: "secret-key-invalid" } });
vt("jwks: server 500 after retries", mint(), remote({ secretKey: freshSecret("fail500") }), { expect: { ok: false, reason: "jwk-remote-failed-to-load" } });
vt("jwks: unreachable server", mint(), { secretKey: freshSecret(), apiUrl: "http://127.0.0.1:9", apiVersion: "v1" }, {
  expect: { ok: false, reason: "jwk-remote-failed-to-load" }, differs: "the incumbent rethrows fetch's raw TypeError (no reason)" });
vt("no key at all", mint(), {}, { expect: { ok: false, reason: "jwk-failed-to-resolve" } });
// Key rotation: the server's JWKS gains kid "krot" after the cache is warm (both halves run
// the steps themselves, switching the mock's key set through its control endpoint).
cases.push({ name: "jwks: key rotation (new kid appears after the cache is warm)", kind: "rotation",
  options: { secretKey: freshSecret("rotation"), apiUrl, apiVersion: "v1" },
  before: mint(), after: mint({ key: keyOther, kid: "krot" }), expect: { first: true, second: true } });

// authenticateRequest
const req = (headers = {}, method = "GET") => ({ url: "https://app.example/x", method, headers });
const ar = (name, request, options, expect, extra = {}) => cases.push({ name: `request: ${name}`, kind: "request", request, options, expect, ...extra });
const sess = (o) => ({ secretKey: freshSecret(), apiUrl, apiVersion: "v1", ...o });
const good = mint({ payload: { sid: "sess_1" } });
ar("bearer session token", req({ authorization: `Bearer ${good}` }), sess(), { status: "signed-in", userId: "user_1" });
ar("no token", req(), sess(), { status: "signed-out", reason: "session-token-and-uat-missing" });
ar("expired bearer (GET)", req({ authorization: `Bearer ${mint({ payload: { exp: NOW_S - 60 } })}` }), sess(), { status: "signed-out", reason: "session-token-expired-refresh-non-eligible-no-refresh-cookie" });
ar("expired bearer (POST)", req({ authorization: `Bearer ${mint({ payload: { exp: NOW_S - 60 } })}` }, "POST"), sess(), { status: "signed-out", reason: "session-token-expired-refresh-non-eligible-non-get" });
ar("nbf in the future", req({ authorization: `Bearer ${mint({ payload: { nbf: NOW_S + 600 } })}` }), sess(), { status: "signed-out", reason: "session-token-nbf" });
ar("tampered bearer", req({ authorization: `Bearer ${mint({ tamper: true })}` }), sess(), { status: "signed-out", reason: "token-invalid-signature" });
ar("garbage bearer", req({ authorization: "Bearer aaa.bbb.ccc" }), sess(), { status: "signed-out", reason: "token-invalid" });
ar("non-Bearer scheme", req({ authorization: `Basic ${good}` }), sess(), { status: "signed-out", reason: "session-token-and-uat-missing" });
ar("cookie session + client_uat", req({ cookie: `__session=${good}; __client_uat=${NOW_S - 100}` }), sess(), { status: "signed-in", userId: "user_1" });
ar("cookie session without client_uat", req({ cookie: `__session=${good}` }), sess(), { status: "signed-out", reason: "session-token-but-no-client-uat" });
ar("client_uat without session", req({ cookie: `__client_uat=${NOW_S - 100}` }), sess(), { status: "signed-out", reason: "client-uat-but-no-session-token" });
ar("cookie iat before client_uat", req({ cookie: `__session=${good}; __client_uat=${NOW_S}` }), sess(), { status: "signed-out", reason: "session-token-iat-before-client-uat" });
ar("M2M JWT where a session token is expected", req({ authorization: `Bearer ${mint({ payload: { sub: "mch_1" } })}` }), sess(), { status: "signed-out", reason: "token-type-mismatch" });
ar("api key where a session token is expected", req({ authorization: "Bearer ak_good" }), sess(), { status: "signed-out", reason: "token-invalid" });
ar("api key accepted", req({ authorization: "Bearer ak_good" }), sess({ acceptsToken: "api_key" }), { status: "signed-in", tokenType: "api_key", userId: "user_2", id: "ak_1" });
ar("unknown api key", req({ authorization: "Bearer ak_unknown" }), sess({ acceptsToken: "api_key" }), { status: "signed-out", reason: "token-invalid" });
ar("session token where api_key is required", req({ authorization: `Bearer ${good}` }), sess({ acceptsToken: "api_key" }), { status: "signed-out", reason: "token-type-mismatch", tokenType: "api_key" });
ar("m2m token with acceptsToken any", req({ authorization: "Bearer mt_good" }), sess({ acceptsToken: "any" }), { status: "signed-in", tokenType: "m2m_token", id: "mt_1" });
ar("oauth token accepted", req({ authorization: "Bearer oat_good" }), sess({ acceptsToken: "oauth_token" }), { status: "signed-in", tokenType: "oauth_token", userId: "user_3" });
ar("api key not in accepted list", req({ authorization: "Bearer ak_good" }), sess({ acceptsToken: ["session_token", "m2m_token"] }), { status: "signed-out", reason: "token-type-mismatch", tokenType: null });
ar("no header with acceptsToken m2m_token", req(), sess({ acceptsToken: "m2m_token" }), { status: "signed-out", reason: "No token in header", tokenType: "m2m_token" });
ar("session v2 claims with an organization", req({ authorization: `Bearer ${mint({ payload: { v: 2, sid: "sess_2", fea: "o:dashboard,u:x,o:billing", o: { id: "org_1", slg: "acme", rol: "admin", per: "manage,read", fpm: "3,2" } } })}` }), sess(),
  { status: "signed-in", orgId: "org_1", orgRole: "org:admin", orgPermissions: JSON.stringify(["org:dashboard:manage", "org:dashboard:read", "org:billing:read"]) });

// webhooks
const WH_SECRET = watch(`whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`);
const whKey = Buffer.from(WH_SECRET.slice(6), "base64");
const whSign = (id, ts, body, key = whKey) => `v1,${createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64")}`;
const whBody = JSON.stringify({ type: "user.created", object: "event", data: { id: "user_1" }, timestamp: clock, instance_id: "ins_1" });
const whReq = (headers, body = whBody) => ({ url: "https://app.example/webhook", method: "POST", headers, body });
const wh = (name, request, expect, secret = WH_SECRET) => cases.push({ name: `webhook: ${name}`, kind: "webhook", request, secret, expect });
const ts = String(NOW_S);
wh("valid", whReq({ "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": whSign("msg_1", ts, whBody) }), { ok: true, type: "user.created" });
wh("several signatures, extra whitespace", whReq({ "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": `v1,AAAA ${whSign("msg_1", ts, whBody)}` }), { ok: true, type: "user.created" });
wh("bad signature", whReq({ "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": whSign("msg_2", ts, whBody) }), { ok: false, reason: "webhook-signature-invalid" });
wh("body altered", whReq({ "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": whSign("msg_1", ts, whBody) }, whBody.replace("user_1", "user_2")), { ok: false, reason: "webhook-signature-invalid" });
wh("missing svix-id", whReq({ "svix-timestamp": ts, "svix-signature": whSign("msg_1", ts, whBody) }), { ok: false, reason: "webhook-headers-missing" });
const old = String(NOW_S - 301), fut = String(NOW_S + 301);
wh("timestamp 301 s old", whReq({ "svix-id": "m", "svix-timestamp": old, "svix-signature": whSign("m", old, whBody) }), { ok: false, reason: "webhook-timestamp-too-old" });
wh("timestamp 301 s ahead", whReq({ "svix-id": "m", "svix-timestamp": fut, "svix-signature": whSign("m", fut, whBody) }), { ok: false, reason: "webhook-timestamp-too-new" });
wh("signed with another secret", whReq({ "svix-id": "m", "svix-timestamp": ts, "svix-signature": whSign("m", ts, whBody, Buffer.from("other-secret-bytes")) }), { ok: false, reason: "webhook-signature-invalid" });


// ---------- holes a review of 22cafb3 found (each case failed there) ----------
// An M2M token minted for one service must not sign in at another (audience).
const m2m = mint({ header: { cat: "cl_B7d4PD333AAA" }, payload: { sub: "mch_svcB", aud: ["mch_svcB"], jti: "mt_jwt_1", scopes: "read write" } });
for (const accepts of ["m2m_token", "any"]) {
  ar(`M2M JWT for another audience (acceptsToken ${accepts})`, req({ authorization: `Bearer ${m2m}` }), sess({ acceptsToken: accepts, audience: "mch_svcA" }),
    { status: "signed-out", reason: "token-verification-failed", tokenType: "m2m_token" });
  ar(`M2M JWT for this audience (acceptsToken ${accepts})`, req({ authorization: `Bearer ${m2m}` }), sess({ acceptsToken: accepts, audience: "mch_svcB" }),
    { status: "signed-in", tokenType: "m2m_token", id: "mt_jwt_1" });
}
// A signature integer >= n must not verify, whatever its width in limbs.
const over = (token, add) => {
  const [h, p, s] = token.split(".");
  const big = BigInt(`0x${Buffer.from(s, "base64url").toString("hex")}`) + add;
  const hex = big.toString(16).padStart(257 * 2, "0");
  if (hex.length !== 257 * 2) throw new Error("does not fit the signature width");
  return `${h}.${p}.${Buffer.from(hex, "hex").toString("base64url")}`;
};
const t2050 = mint({ key: key2050, kid: "k2050" });
const n2050 = BigInt(`0x${Buffer.from(key2050.publicKey.export({ format: "jwk" }).n, "base64url").toString("hex")}`);
vt("signature: 2050-bit key, valid", t2050, remote(), { expect: { ok: true } });
vt("signature: 2050-bit key, s + 2^(27*76)", over(t2050, 1n << 2052n), remote(), { expect: { ok: false, reason: "token-invalid-signature" } });
vt("signature: 2050-bit key, s + n", over(t2050, n2050), remote(), { expect: { ok: false, reason: "token-invalid-signature" } });
// RFC 7515 §4.1.11: a critical extension the verifier does not understand.
vt("crit: an extension we do not understand", mint({ header: { crit: ["exp"], exp: NOW_S + 60 } }), local(), {
  expect: { ok: false, reason: "token-invalid" }, differs: "the incumbent ignores crit; RFC 7515 §4.1.11 requires refusing unknown critical extensions (jose does)" });
// Deep claims: verified (within the 16 KiB bound), as the incumbent and jose do.
const nest = (depth) => (depth === 0 ? 1 : [nest(depth - 1)]);
vt("claims: nested 100 deep", mint({ payload: { deep: nest(100) } }), local(), { expect: { ok: true } });
// Numbers correctly rounded: <E2>.000000000001 is the double E2, which does not expire before
// E2 s (a parse one ulp low, as 22cafb3's own reader gave, truncates to E2 - 1).
const E2 = NOW_S + 100;
const roundedExp = `{"sub":"user_1","exp":${E2}.000000000001}`;
vt("exp: correctly rounded decimal", mint({ rawPayload: roundedExp }), local(), { at: E2 * 1000 + 4999, expect: { ok: true } });
// Strict keys: only SPKI / PKCS#1 under their own labels, strict DER.
const spkiDer = keyA.publicKey.export({ type: "spki", format: "der" });
const armour = (label, der) => `-----BEGIN ${label}-----\n${der.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END ${label}-----\n`;
const nonMinimal = Buffer.concat([Buffer.from([0x30, 0x83, 0x00]), spkiDer.subarray(2)]); // 30 82 01 22 -> 30 83 00 01 22
for (const [name, text] of [["CERTIFICATE label", armour("CERTIFICATE", spkiDer)],
  ["trailing bytes", armour("PUBLIC KEY", Buffer.concat([spkiDer, Buffer.from([0])]))],
  ["non-minimal length", armour("PUBLIC KEY", nonMinimal)]])
  vt(`key: PEM with ${name}`, mint(), { jwtKey: text }, { expect: { ok: false, reason: "token-verification-failed" }, edgeOnly: "the incumbent strips any armour and reads the modulus at a fixed offset" });
// Two keys under the token's kid.
vt("jwks: duplicate kid", mint({ key: keyB, kid: "kdup" }), remote(), {
  expect: { ok: false, reason: "jwk-remote-invalid" }, differs: "the incumbent silently takes the last key with that kid" });

// ---------- inputs of the clerk-edge-only properties (edge-half.mjs) ----------
const expSoon = NOW_S + 60;
const props = {
  good: mint(),
  bogusKids: Array.from({ length: 5 }, (_, i) => mint({ kid: `bogus${i}` })),
  pemA: pem(keyA),
  pemB: watch(pem(keyB)),
  // Verified once under one key or audience, presented again under another.
  withAud: mint({ payload: { aud: "aud-1", sub: "user_aud" } }),
  expiring: mint({ payload: { exp: expSoon, sub: "user_exp" } }),
  expiringAtMs: expSoon * 1000,
  rotated: mint({ payload: { sub: "user_rot" } }),
  otherKid: mint({ key: keyB, kid: "kb", payload: { sub: "user_kb" } }),
  remote: () => remote(),
};
props.remoteOptions = [remote(), remote({ jwksCacheTtlInMs: 1000 }), remote({ jwksCacheTtlInMs: 1000 }), remote()];
delete props.remote;

return {
  corpus: { publishableKey: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`, cases: cases.map((c) => (c.token === undefined && c.kind === "verify" ? { ...c, token: UNDEFINED } : c)), props, secrets: [...secrets], apiUrl, baseClock: BASE_CLOCK },
  hits: () => hits.jwks,
  resetJwks: () => { jwks = fullJwks(); },
  close: () => new Promise((r) => server.close(r)),
};
}
