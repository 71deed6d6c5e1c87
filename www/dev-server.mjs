#!/usr/bin/env node
// The console's dev server (127.0.0.1): serves www/ at /, the built package pkg/ at /pkg/ (same
// origin, so the console imports /pkg/browser.js like any app would), /config.json (where the
// local mock is), and a same-origin proxy /proxy/v1/* -> https://api.clerk.com/v1/* for using
// the console against a real instance (browsers cannot call api.clerk.com with a secret key).
//
//   node www/dev-server.mjs [--port 4280] [--mock-url http://127.0.0.1:4281] [--start-mock [--mock-port 4281]]

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MOUNTS = [["/pkg/", join(ROOT, "pkg")], ["/", join(ROOT, "www")]];
const UPSTREAM = "https://api.clerk.com/v1";
const MOCK_DEMO_KEY = "sk_test_local_mock_demo"; // not a secret: the mock accepts any sk_ key

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
  ".png": "image/png", ".svg": "image/svg+xml", ".ts": "text/plain; charset=utf-8",
};

/** Maps a URL path to a file under one of the mounts, refusing anything that escapes it. */
function resolveFile(pathname) {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const rel = decodeURIComponent(pathname.slice(prefix.length)) || "index.html";
    const file = normalize(join(dir, rel));
    return file === dir || file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

async function serveStatic(req, res, pathname) {
  const file = resolveFile(pathname);
  const info = file && (await stat(file).catch(() => null));
  if (!info?.isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    return res.end("not found");
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : await readFile(file));
}

// Request headers not forwarded upstream: hop-by-hop ones and anything identifying this page.
const DROP = new Set(["host", "connection", "content-length", "origin", "referer", "cookie", "accept-encoding", "keep-alive", "transfer-encoding"]);

/** Forwards /proxy/v1/<rest> to api.clerk.com. Logs nothing about the request's headers. */
async function proxy(req, res, url) {
  const target = UPSTREAM + url.pathname.slice("/proxy/v1".length) + url.search;
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !DROP.has(k)));
  try {
    const upstream = await fetch(target, {
      method: req.method,
      headers,
      body: ["GET", "HEAD"].includes(req.method) ? undefined : Buffer.concat(chunks),
      redirect: "manual",
    });
    const keep = ["content-type", "retry-after", "x-clerk-trace-id"];
    const out = Object.fromEntries(keep.filter((k) => upstream.headers.has(k)).map((k) => [k, upstream.headers.get(k)]));
    res.writeHead(upstream.status, out);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  } catch (err) {
    res.writeHead(502, { "content-type": "application/json" });
    const why = err.cause?.code ?? err.message;
    res.end(JSON.stringify({ errors: [{ message: "proxy could not reach api.clerk.com",
      long_message: `The dev server could not reach ${UPSTREAM} (${why}). Is this machine online?`, code: "proxy_upstream_unreachable" }] }));
  }
}

/** Starts the server; `mockUrl` is announced to the console through /config.json. */
export async function startDevServer({ port = 0, host = "127.0.0.1", mockUrl } = {}) {
  const config = JSON.stringify(mockUrl ? { mockUrl, mockSecretKey: MOCK_DEMO_KEY } : {});
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://console");
    try {
      if (url.pathname.startsWith("/proxy/v1/")) return await proxy(req, res, url);
      if (url.pathname === "/config.json") {
        res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
        return res.end(config);
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" });
        return res.end();
      }
      await serveStatic(req, res, url.pathname);
    } catch (err) {
      console.error("dev-server:", err.message);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : def;
  };
  const closers = [];
  let mockUrl = arg("mock-url");
  if (process.argv.includes("--start-mock")) {
    const { startMock } = await import("../tests/mock/server.mjs");
    const mock = await startMock({ port: Number(arg("mock-port", process.env.MOCK_PORT ?? 4281)), delayMs: Number(arg("mock-delay-ms", 120)) });
    closers.push(mock.close);
    mockUrl = mock.url;
    console.log(`Mock Clerk API: ${mock.url} (seeded sample data; any sk_test_ key works)`);
  }
  const dev = await startDevServer({ port: Number(arg("port", process.env.PORT ?? 4280)), mockUrl });
  closers.push(dev.close);
  console.log(`Console:        ${dev.url}/`);
  console.log(`Proxy to Clerk: ${dev.url}/proxy/v1/* -> ${UPSTREAM}/*`);
  const stop = async () => {
    for (const close of closers.reverse()) await close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
