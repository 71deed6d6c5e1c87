#!/usr/bin/env node
// A small stateful Clerk-compatible Backend API for tests and the demo (127.0.0.1 only).
// Serves the spec's paths with and without the `/v1` prefix, answers with spec-shaped objects and
// Clerk error bodies, requires `Authorization: Bearer sk_...`, and sends CORS headers for browsers.
//
//   import { startMock } from "./tests/mock/server.mjs";
//   const mock = await startMock({ port: 0, seed: 1 });   // -> { url, close, setDelay, setOffline, state, key }
//   node tests/mock/server.mjs --port 4281 [--seed 1] [--delay-ms 150]

import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { ApiError } from "./http.mjs";
import { createSigningKey } from "./keys.mjs";
import { seedState } from "./seed.mjs";
import { userRoutes } from "./routes-users.mjs";
import { orgRoutes } from "./routes-orgs.mjs";
import { instanceRoutes } from "./routes-instance.mjs";
import { identifierRoutes } from "./routes-identifiers.mjs";
import { actorTokenRoutes } from "./routes-actor-tokens.mjs";
import { frontendApiBackendRoutes } from "./frontend-api.mjs";

/** Routes compiled once: "/users/:user_id" -> a regexp with named groups. */
const ROUTES = [...userRoutes, ...orgRoutes, ...instanceRoutes, ...identifierRoutes, ...actorTokenRoutes, ...frontendApiBackendRoutes].map(([method, pattern, handler, opts = {}]) => ({
  method,
  handler,
  public: Boolean(opts.public),
  regexp: new RegExp("^" + pattern.replace(/:(\w+)/g, "(?<$1>[^/]+)") + "/?$"),
}));

function match(method, path) {
  let pathMatched = false;
  for (const r of ROUTES) {
    const m = r.regexp.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    return { route: r, params };
  }
  return { pathMatched };
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
  "access-control-expose-headers": "retry-after, x-clerk-trace-id",
  "access-control-max-age": "600",
};

function send(res, status, body) {
  const text = body === undefined ? "" : JSON.stringify(body);
  // Exactly `application/json`, as Clerk sends it: @clerk/backend parses only that as JSON.
  res.writeHead(status, { ...CORS, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "malformed_request_body", "malformed request body", "The request body is not valid JSON.");
  }
}

function authorize(req) {
  const header = req.headers.authorization ?? "";
  const m = /^Bearer (\S+)$/.exec(header);
  if (!m) {
    throw new ApiError(401, "authorization_header_format_invalid", "Invalid authorization header format",
      "The Authorization header must be of the form 'Bearer <secret key>'.");
  }
  if (!m[1].startsWith("sk_")) {
    throw new ApiError(401, "authorization_invalid", "Unauthorized request",
      "The secret key provided is invalid. Secret keys start with sk_test_ or sk_live_.");
  }
}

/**
 * Start the mock. `seed`: number for deterministic sample data, `false` for an empty instance.
 * `delayMs` slows every response (to see loading states). Resolves to `{ url, close, setDelay, setOffline, state, key }`.
 */
export async function startMock({ port = 0, host = "127.0.0.1", seed = 1, delayMs = 0, log = false } = {}) {
  const ctx = { state: seedState(seed), key: createSigningKey(), issuer: "" };
  let offline = false;

  const server = createServer(async (req, res) => {
    if (offline) return req.socket.destroy(); // as if the API went away: no response at all
    const traceId = randomUUID().replaceAll("-", "");
    const url = new URL(req.url, "http://mock");
    const path = url.pathname.replace(/^\/v1(?=\/)/, "");
    res.on("finish", () => { if (log) console.log(`${req.method} ${path} -> ${res.statusCode}`); });
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...CORS, "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "authorization, content-type" });
      return res.end();
    }
    try {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const { route, params, pathMatched } = match(req.method, path);
      if (!route) {
        throw pathMatched
          ? new ApiError(405, "method_not_allowed", "method not allowed", `${req.method} is not supported on ${path}.`)
          : new ApiError(404, "resource_not_found", "not found", `No endpoint at ${path}.`);
      }
      if (!route.public) authorize(req);
      const body = ["POST", "PATCH", "PUT", "DELETE"].includes(req.method) ? await readJson(req) : {};
      const result = route.handler({ ...ctx, params, query: url.searchParams, body, now: Date.now() });
      send(res, 200, result);
    } catch (err) {
      if (err instanceof ApiError) return send(res, err.status, err.body(traceId));
      console.error("mock: unexpected error", err);
      send(res, 500, new ApiError(500, "internal_clerk_error", "internal error", "The mock failed unexpectedly.").body(traceId));
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  ctx.issuer = url;
  return {
    url,
    /** Slows every later response (tests use it to see loading states). */
    setDelay: (ms) => { delayMs = ms; },
    /** While true, every request's connection is dropped without a response (the API "went away"). */
    setOffline: (value) => { offline = value; },
    state: ctx.state,
    key: ctx.key,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

// CLI: node tests/mock/server.mjs [--port N] [--seed N|none] [--delay-ms N] [--quiet]
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : def;
  };
  const seed = arg("seed", "1");
  const mock = await startMock({
    port: Number(arg("port", process.env.MOCK_PORT ?? 4281)),
    seed: seed === "none" ? false : Number(seed),
    delayMs: Number(arg("delay-ms", 0)),
    log: !process.argv.includes("--quiet"),
  });
  console.log(`Clerk mock API listening on ${mock.url} (any secret key starting with sk_ is accepted)`);
  const stop = async () => { await mock.close(); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
