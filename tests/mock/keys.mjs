// The mock instance's signing key: served publicly as `GET /jwks`, its private half used only here to
// mint sample session tokens (for the console's token inspector and the demos). node:crypto only.

import { createSign, generateKeyPairSync, createHash } from "node:crypto";

const b64url = (buf) => Buffer.from(buf).toString("base64url");

export function createSigningKey() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  // kid: a stable fingerprint of the public key, prefixed like Clerk's (`ins_...`).
  const kid = "ins_mock_" + createHash("sha256").update(jwk.n).digest("base64url").slice(0, 16);
  return {
    kid,
    publicPem: publicKey.export({ type: "spki", format: "pem" }),
    jwks: { keys: [{ use: "sig", kty: "RSA", kid, alg: "RS256", n: jwk.n, e: jwk.e }] },
    /** Sign `claims` as an RS256 JWT with this key. */
    sign(claims) {
      const header = { alg: "RS256", kid, typ: "JWT" };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      const sig = createSign("RSA-SHA256").update(input).sign(privateKey);
      return `${input}.${b64url(sig)}`;
    },
  };
}

/** Session-token claims as Clerk issues them (v2 shape), valid from `now` for `ttlSeconds`. */
export function sessionClaims({ issuer, userId, sessionId, azp, now = Date.now(), ttlSeconds = 3600 }) {
  const iat = Math.floor(now / 1000);
  return {
    azp,
    exp: iat + ttlSeconds,
    fva: [0, -1],
    iat,
    iss: issuer,
    nbf: iat - 10,
    sid: sessionId,
    sub: userId,
    v: 2,
  };
}

/** The same token with one claim changed and the original signature kept: must fail verification. */
export function tamper(token) {
  const [h, p, s] = token.split(".");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  claims.sub = "user_attacker";
  return `${h}.${b64url(JSON.stringify(claims))}.${s}`;
}
