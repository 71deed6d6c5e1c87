// Browser-side helpers for the tools page: decode a JWT for display (no verification here: the
// verdict always comes from the SDK's verifyToken), tamper with one, and sign a sample webhook
// the Standard Webhooks / Svix way (WebCrypto HMAC-SHA256) so the tester has something to check.

const b64urlDecode = (s) => {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "=");
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
};
const b64urlEncode = (text) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** { header, payload } parsed for display; throws with a readable message when it is not a JWT. */
export function decodeJwt(token) {
  const parts = token.trim().split(".");
  if (parts.length !== 3) throw new Error(`A JWT has three dot-separated parts; this has ${parts.length}.`);
  const part = (i, name) => {
    try {
      return JSON.parse(b64urlDecode(parts[i]));
    } catch {
      throw new Error(`The ${name} is not base64url-encoded JSON.`);
    }
  };
  return { header: part(0, "header"), payload: part(1, "payload") };
}

/** The same token with `sub` changed and the signature kept: a forgery the verifier must reject. */
export function tamperJwt(token) {
  const [h, , s] = token.trim().split(".");
  const { payload } = decodeJwt(token);
  payload.sub = "user_attacker";
  return `${h}.${b64urlEncode(JSON.stringify(payload))}.${s}`;
}

/** Picks the JWK for `kid` out of pasted JWKS text; returns null when the text is not a JWKS. */
export function pickFromJwks(text, kid) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(doc?.keys)) return null;
  return { jwk: doc.keys.find((k) => k.kid === kid) ?? (doc.keys.length === 1 && !kid ? doc.keys[0] : undefined), count: doc.keys.length };
}

const toB64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** A signed `user.created` webhook: { payload, headers, secret }, valid right now. */
export async function sampleWebhook() {
  const keyBytes = crypto.getRandomValues(new Uint8Array(24));
  const secret = `whsec_${toB64(keyBytes)}`;
  const id = `msg_${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const payload = JSON.stringify({
    type: "user.created",
    object: "event",
    timestamp: Date.now(),
    data: { id: "user_sample123", object: "user", first_name: "Sam", last_name: "Sample",
      email_addresses: [{ id: "idn_sample", object: "email_address", email_address: "sam@example.com" }] },
    instance_id: "ins_sample",
  }, null, 2);
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${payload}`));
  return { payload, secret, headers: { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${toB64(sig)}` } };
}
