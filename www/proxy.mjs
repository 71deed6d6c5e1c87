// The dev server's same-origin proxy to the Backend API: /proxy/v1/<rest> -> <upstream>/v1/<rest>.
// Browsers cannot call api.clerk.com with a secret key (no CORS), so the console goes through
// this. It is not an open proxy: the upstream is fixed, the path stays under /v1 (the URL parser
// has resolved dot segments, encoded ones included, before we see it), only the request headers
// the API needs are forwarded, bodies and waits are bounded, and every failure says what
// happened in Clerk's error shape. It logs nothing about requests (the key is in a header).

export const DEFAULT_UPSTREAM = "https://api.clerk.com";
export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

// Request headers forwarded upstream: what the SDK and a browser send that the API uses. Not
// forwarded: hop-by-hop ones (Connection, TE, Upgrade, Expect, Keep-Alive, Transfer-Encoding),
// Proxy-Authorization, X-Forwarded-*, Cookie, Origin, Referer, Host (fetch sets the upstream's).
const FORWARD = ["accept", "accept-language", "authorization", "clerk-api-version", "content-type", "user-agent", "x-clerk-sdk"];
// Response headers passed back: the body's type and what the SDK reads.
const KEEP = ["content-type", "retry-after", "x-clerk-trace-id"];

/** `CLERK_API_URL` as the API's origin; a trailing "/v1" (or "/") is accepted and dropped. */
export function upstreamBase(value = DEFAULT_UPSTREAM) {
  const url = new URL(value);
  if (!/^https?:$/.test(url.protocol)) throw new Error(`CLERK_API_URL must be an http(s) URL, not ${value}`);
  return url.href.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** Sends Clerk's error body: { errors: [{ message, long_message, code }] }. */
export function sendError(res, status, code, message, longMessage, headers = {}) {
  const body = JSON.stringify({ errors: [{ message, long_message: longMessage, code }] });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

class TooLarge extends Error {}

/** The request body, refusing more than `max` bytes (declared or streamed). */
async function readBody(req, max) {
  if (Number(req.headers["content-length"] ?? 0) > max) throw new TooLarge();
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > max) throw new TooLarge();
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/** Why fetch failed, in words, from undici's error (its `cause` carries the system code). */
function describeFailure(err, host, timeoutMs) {
  if (err.name === "TimeoutError") {
    return [504, "proxy_upstream_timeout", "the API did not answer in time",
      `The dev server's proxy got no complete answer from ${host} within ${timeoutMs / 1000} s.`];
  }
  const code = err.cause?.code ?? err.cause?.name ?? "";
  const reason = {
    ECONNREFUSED: `${host} refused the connection: nothing listens there. Check CLERK_API_URL.`,
    ENOTFOUND: `${host} could not be resolved (DNS). Check CLERK_API_URL, and that this machine is online.`,
    EAI_AGAIN: `${host} could not be resolved right now (DNS). Is this machine online?`,
    ECONNRESET: `${host} closed the connection before answering.`,
    UND_ERR_SOCKET: `${host} closed the connection before answering.`,
    ETIMEDOUT: `Connecting to ${host} timed out.`,
    UND_ERR_CONNECT_TIMEOUT: `Connecting to ${host} timed out.`,
  }[code] ?? (/cert|TLS|SSL/i.test(`${code} ${err.cause?.message}`)
    ? `The TLS connection to ${host} failed (${code || err.cause?.message}).`
    : `The request to ${host} failed (${code || err.cause?.message || err.message}).`);
  return [502, "proxy_upstream_unreachable", "the proxy could not reach the API", reason];
}

/**
 * A request handler for /proxy/v1/*. `upstream` is the API's origin (CLERK_API_URL),
 * `timeoutMs` bounds the whole upstream exchange, `maxBodyBytes` the request body.
 */
export function createProxy({ upstream = DEFAULT_UPSTREAM, timeoutMs = 30_000, maxBodyBytes = 10 * 1024 * 1024 } = {}) {
  const base = upstreamBase(upstream);
  const host = new URL(base).host;
  return async function proxy(req, res, url) {
    if (!METHODS.includes(req.method)) {
      return sendError(res, 405, "proxy_method_not_allowed", "method not allowed",
        `The proxy forwards ${METHODS.join(", ")} to the Backend API; ${req.method} is not forwarded.`, { allow: METHODS.join(", ") });
    }
    let body;
    try {
      body = ["GET", "HEAD"].includes(req.method) ? undefined : await readBody(req, maxBodyBytes);
    } catch (err) {
      if (!(err instanceof TooLarge)) throw err;
      res.on("finish", () => req.destroy()); // stop receiving the rest
      return sendError(res, 413, "proxy_body_too_large", "request body too large",
        `The proxy accepts request bodies of up to ${maxBodyBytes} bytes.`, { connection: "close" });
    }
    const headers = Object.fromEntries(FORWARD.filter((k) => req.headers[k] !== undefined).map((k) => [k, req.headers[k]]));
    let upstreamRes, bytes;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      upstreamRes = await fetch(base + url.pathname.slice("/proxy".length) + url.search,
        { method: req.method, headers, body, redirect: "manual", signal });
      bytes = Buffer.from(await upstreamRes.arrayBuffer());
    } catch (err) {
      const [status, code, message, long] = describeFailure(err, host, timeoutMs);
      return sendError(res, status, code, message, long);
    }
    const out = Object.fromEntries(KEEP.filter((k) => upstreamRes.headers.has(k)).map((k) => [k, upstreamRes.headers.get(k)]));
    res.writeHead(upstreamRes.status, out);
    res.end(req.method === "HEAD" ? undefined : bytes);
  };
}
