// The request inspector's pure part: parse a pasted raw HTTP request, build the `Request` to hand
// to authenticateRequest, and explain its reasons in plain words.
//
// Browsers refuse to put `Cookie` or `Sec-*` headers on a Request (forbidden header names), but a
// stand-alone `Headers` accepts any name. So the inspected request is a Request subclass whose
// `headers` is such a Headers: to the SDK it is a Request with exactly the headers typed.

/** Parses "GET /path HTTP/1.1\nHost: x\nCookie: ...\n\nbody" into { method, url, headers: [[name, value]] }. */
export function parseRawRequest(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  while (lines.length && !lines[0].trim()) lines.shift();
  const start = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?\s*$/.exec(lines.shift() ?? "");
  if (!start) throw new Error('The first line must be a request line, such as "GET /dashboard HTTP/1.1".');
  const headers = [];
  for (const line of lines) {
    if (!line.trim()) break; // the body follows; not needed to authenticate
    const i = line.indexOf(":");
    if (i <= 0) throw new Error(`Not a header line: "${line.slice(0, 60)}"`);
    headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  const host = headers.find(([n]) => n.toLowerCase() === "host")?.[1];
  let url = start[2];
  if (!/^https?:\/\//.test(url)) {
    if (!host) throw new Error("A request with a path needs a Host header (or use a full URL on the first line).");
    url = `${/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https"}://${host}${url}`;
  }
  return { method: start[1], url, headers };
}

/** "Name: value" lines to [[name, value]]; blank lines skipped. */
export function parseHeaderLines(text) {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const i = line.indexOf(":");
    if (i <= 0) throw new Error(`Not a "Name: value" header line: "${line.slice(0, 60)}"`);
    return [line.slice(0, i).trim(), line.slice(i + 1).trim()];
  });
}

/** A Request for `url`/`method` whose headers are exactly `headers` (forbidden names included). */
export function inspectedRequest({ url, method, headers }) {
  const all = new Headers();
  for (const [name, value] of headers) all.append(name, value);
  class InspectedRequest extends Request {
    get headers() { return all; }
  }
  return new InspectedRequest(url, { method });
}

/** Every header of a result, Set-Cookie ones listed one by one: [[name, value]]. */
export function headerRows(headers) {
  const rows = [];
  for (const [name, value] of headers) if (name !== "set-cookie") rows.push([name, value]);
  for (const cookie of headers.getSetCookie?.() ?? []) rows.push(["set-cookie", cookie]);
  return rows;
}

// Why a request is not signed in, in plain words (reasons are @clerk/backend's vocabulary).
const REASONS = {
  "session-token-and-uat-missing": "No __session cookie, no __client_uat cookie and no Authorization header: the request carries no session at all (a signed-out visitor, or cookies not sent to this domain).",
  "session-token-but-no-client-uat": "A __session cookie without __client_uat: Clerk sets both on the app's domain; without __client_uat the browser's client is not known to be signed in. Check the cookies' domain and path.",
  "client-uat-but-no-session-token": "__client_uat says the client signed in, but there is no __session cookie: the session token was not sent (cookie domain, SameSite, or a request from another site).",
  "session-token-missing": "No session token in the __session cookie or the Authorization header.",
  "session-token-expired": "The session token has expired (they live about a minute); Clerk's frontend refreshes it, or the handshake does.",
  "session-token-nbf": "The session token is not valid yet (nbf in the future): check this machine's clock.",
  "session-token-iat-in-the-future": "The session token was issued in the future: check this machine's clock.",
  "session-token-iat-before-client-uat": "The session token is older than the client's last sign-in or sign-out (__client_uat): it is stale and must be refreshed.",
  "dev-browser-missing": "A development instance needs the dev browser token (__clerk_db_jwt) and it is missing.",
  "dev-browser-sync": "The development instance is syncing its dev browser token.",
  "satellite-needs-syncing": "A satellite domain needs to sync the session from the primary domain.",
  "primary-responds-to-syncing": "The primary domain is answering a satellite's sync request.",
  "active-organization-mismatch": "The active organization in the token does not match the one in the URL (organization sync).",
  "token-type-mismatch": "The token is not of a type this request accepts (acceptsToken).",
  "token-expired": "The token has expired.",
  "token-invalid": "The token is not a well-formed JWT.",
  "token-invalid-signature": "The token's signature does not match the key: it was forged or signed by another instance.",
  "token-invalid-authorized-parties": "The token's azp (the origin it was issued to) is not in authorizedParties.",
  "token-invalid-algorithm": "The token is signed with an algorithm Clerk does not use.",
  "token-not-active-yet": "The token is not valid yet: check the clocks.",
  "token-iat-in-the-future": "The token was issued in the future: check the clocks.",
  "jwk-kid-mismatch": "No key in the JWKS has the token's kid: the token is from another instance, or the keys were rotated.",
  "jwk-remote-failed-to-load": "The instance's JWKS could not be fetched: check secretKey and serverURL.",
  "secret-key-invalid": "The secret key was refused when fetching the JWKS.",
};

export const explainReason = (reason) => REASONS[reason] ?? null;
