// Keys and session tokens for the benchmarks, minted with node:crypto (fresh keys every run).
// Both libraries get the same PEM public key and the same tokens.

import { generateKeyPairSync, sign } from "node:crypto";

const b64u = (x) => Buffer.from(typeof x === "string" ? x : JSON.stringify(x)).toString("base64url");

/** An RSA key pair with its SPKI PEM public key (what `jwtKey` takes). */
export function rsaKey(bits) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return { bits, privateKey, pem: publicKey.export({ type: "spki", format: "pem" }) };
}

export const ISSUER = "https://clerk.example.com";
export const AZP = "https://app.example.com";

/**
 * `count` distinct session tokens (Clerk's v2 claim shape; distinct `sub`/`sid`), valid for
 * `ttlSeconds` from now. `alg`: RS256 / RS384 / RS512.
 */
export function mintTokens(key, { count, alg = "RS256", ttlSeconds = 900, tag = "t" }) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64u({ alg, kid: "ins_bench", typ: "JWT" });
  const hash = `sha${alg.slice(2)}`;
  const tokens = new Array(count);
  for (let i = 0; i < count; i++) {
    const claims = {
      azp: AZP, exp: now + ttlSeconds, fva: [0, -1], iat: now - 5, iss: ISSUER, nbf: now - 15,
      sid: `sess_${tag}${i}`, sub: `user_${tag}${i}`, v: 2,
    };
    const input = `${header}.${b64u(claims)}`;
    tokens[i] = `${input}.${sign(hash, Buffer.from(input), key.privateKey).toString("base64url")}`;
  }
  return tokens;
}
