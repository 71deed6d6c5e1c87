// Hostile inputs for verifyToken / authenticateRequest / verifyWebhook: random and JWT-shaped
// tokens, JWKS answers, webhook headers and bodies. Some are valid (a real signing key, a real
// webhook signature) so the success paths are fuzzed too.
import { createHmac, randomBytes } from "node:crypto";
import { hostile, hostileString } from "./hostile.mjs";
import { createSigningKey } from "../mock/keys.mjs";

const b64url = (s) => Buffer.from(s).toString("base64url");
export const signing = createSigningKey();
const WEBHOOK_KEY = randomBytes(24);
export const WEBHOOK_SECRET = `whsec_${WEBHOOK_KEY.toString("base64")}`;

function claims(r) {
  const now = Math.floor(Date.now() / 1000);
  const base = { sub: "user_fuzz", sid: "sess_fuzz", iss: "https://clerk.fuzz.test", iat: now - 5, nbf: now - 5, exp: now + 600, azp: "http://localhost" };
  if (r.chance(0.5)) return base;
  const key = r.pick(["sub", "exp", "nbf", "iat", "azp", "iss", "org_permissions", "fea", "o", "v", "__proto__", "sts"]);
  return { ...base, [key]: hostile(r, 2) };
}

function jsonish(r, value) {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return "{}";
  }
}

/** A token: random text, JWT-shaped garbage, or a real RS256 token with hostile claims. */
export function token(r) {
  switch (r.int(5)) {
    case 0:
      return hostile(r);
    case 1:
      return hostileString(r);
    case 2: {
      const header = r.pick([{ alg: "RS256", kid: signing.kid }, { alg: "none" }, { alg: "HS256", kid: "x" }, { alg: "RS256", kid: hostileString(r).slice(0, 100) }, { alg: hostile(r, 2) }, hostile(r, 2)]);
      return `${b64url(jsonish(r, header))}.${b64url(jsonish(r, claims(r)))}.${b64url(randomBytes(r.int(300)))}`;
    }
    case 3:
      return Array.from({ length: r.int(6) }, () => (r.chance(0.5) ? b64url(hostileString(r).slice(0, 200)) : hostileString(r).slice(0, 50))).join(".");
    default:
      try {
        return signing.sign(claims(r));
      } catch {
        return signing.sign({ sub: "user_fuzz" }); // the claims were unserialisable
      }
  }
}

/** What the stub answers on GET /jwks. */
export function jwksBody(r) {
  switch (r.int(5)) {
    case 0:
      return JSON.stringify(signing.jwks);
    case 1:
      return JSON.stringify({ keys: [{ kty: "RSA", kid: signing.kid, alg: "RS256", n: b64url(randomBytes(r.pick([1, 64, 256, 2000]))), e: r.pick(["AQAB", "AA", "", b64url(randomBytes(256))]) }] });
    case 2:
      return jsonish(r, { keys: hostile(r, 1) });
    case 3:
      return hostileString(r);
    default:
      return jsonish(r, hostile(r));
  }
}

function options(r, extra) {
  if (r.chance(0.1)) return hostile(r);
  const o = { secretKey: r.chance(0.9) ? "sk_test_fuzz" : hostile(r, 1) };
  if (r.chance(0.3)) o.jwtKey = r.pick([signing.publicPem, JSON.stringify(signing.jwks.keys[0]), signing.jwks.keys[0], hostileString(r), hostile(r, 1)]);
  if (r.chance(0.2)) o.authorizedParties = r.chance(0.5) ? ["http://localhost"] : hostile(r, 1);
  if (r.chance(0.1)) o.clockSkewInMs = hostile(r, 1);
  if (r.chance(0.1)) o.skipJwksCache = hostile(r, 1);
  if (r.chance(0.1)) o.jwksCacheTtlInMs = hostile(r, 1);
  if (r.chance(0.1)) o.audience = hostile(r, 1);
  if (r.chance(0.3)) o.serverURL = r.chance(0.5) ? `http://fuzz.local/${r.int(50)}` : hostile(r, 1);
  if (r.chance(0.1)) o.__proto__ = { secretKey: "sk_test_proto" };
  if (r.chance(0.05)) o.fetch = r.pick([() => hostile(r, 1), async () => hostile(r, 1), () => { throw new Error("fetch threw"); }, hostile(r, 1)]);
  return Object.assign(o, extra);
}

function headerValue(r) {
  // Request() itself refuses non-ByteString header values; keep them printable ASCII.
  return hostileString(r).replace(/[^\x20-\x7e]/g, "").slice(0, 2000);
}

/** [what, () => promise] for one auth input. */
export function authInput(r, lib) {
  switch (r.int(3)) {
    case 0:
    {
      const [t, o] = [token(r), options(r)];
      return ["verifyToken", () => lib.verifyToken(t, o)];
    }
    case 1: {
      let req;
      if (r.chance(0.1)) req = hostile(r);
      else {
        const t = token(r);
        const tokenText = typeof t === "string" ? t.replace(/[^\x20-\x7e]/g, "") : "x";
        const headers = {};
        if (r.chance(0.6)) headers.authorization = r.pick([`Bearer ${tokenText}`, tokenText, "Bearer", `Basic ${tokenText}`]);
        if (r.chance(0.5)) headers.cookie = `__session=${tokenText}; __client_uat=${headerValue(r).replace(/;/g, "")}`;
        if (r.chance(0.2)) headers[r.pick(["x-forwarded-host", "origin", "referer", "sec-fetch-dest", "host", "x-clerk-auth-status"])] = headerValue(r);
        req = new Request(`http://app.local/${r.int(10)}`, { headers });
      }
      const extra = r.chance(0.7)
        ? { publishableKey: r.pick(["pk_test_" + b64url("clerk.fuzz.test$"), "pk_live_x", hostileString(r).slice(0, 100)]), acceptsToken: r.chance(0.8) ? r.pick(["session_token", "any", ["api_key", "m2m_token"], "oauth_token"]) : hostile(r, 1) }
        : {};
      const opts = options(r, extra);
      return ["authenticateRequest", () => lib.authenticateRequest(req, opts)];
    }
    default: {
      const body = r.chance(0.5) ? JSON.stringify({ type: "user.created", data: { id: "user_1" }, object: "event" }) : hostileString(r);
      const id = r.chance(0.7) ? `msg_${r.int(1e6)}` : headerValue(r);
      const ts = r.chance(0.7) ? String(Math.floor(Date.now() / 1000) - r.pick([0, 10, 400, -400])) : headerValue(r);
      const sig = createHmac("sha256", WEBHOOK_KEY).update(`${id}.${ts}.${body}`).digest("base64");
      const sigHeader = r.pick([`v1,${sig}`, `v1,${sig} v1,zzz`, `v2,${sig}`, headerValue(r), `v1,${b64url(randomBytes(32))}`]);
      const headers = {};
      if (r.chance(0.9)) headers["svix-id"] = id;
      if (r.chance(0.9)) headers["svix-timestamp"] = ts;
      if (r.chance(0.9)) headers["svix-signature"] = sigHeader;
      const req = r.chance(0.05) ? hostile(r) : new Request("http://app.local/webhook", { method: "POST", headers, body });
      const secret = r.pick([WEBHOOK_SECRET, WEBHOOK_SECRET, "whsec_", "whsec_!!!", hostileString(r), hostile(r, 1)]);
      const opts = r.chance(0.9) ? { signingSecret: secret } : hostile(r);
      return ["verifyWebhook", () => lib.verifyWebhook(req, opts)];
    }
  }
}
