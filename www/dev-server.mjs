#!/usr/bin/env node
// The console's dev server (127.0.0.1): serves www/ at /, the built package pkg/ at /pkg/ (same
// origin, so the console imports /pkg/browser.js like any app would), /config.json (where the
// local mock is), and a same-origin proxy /proxy/v1/* -> $CLERK_API_URL/v1/* (proxy.mjs; default
// https://api.clerk.com) for using the console against a real instance (browsers cannot call
// api.clerk.com with a secret key). It answers only to its own host names (127.0.0.1, localhost:
// a page on another site that rebinds its DNS name to 127.0.0.1 gets 403), and the proxy only to
// this origin's pages.
//
//   [CLERK_API_URL=https://api.clerk.com] node www/dev-server.mjs [--port 4280] [--mock-url http://127.0.0.1:4281] [--start-mock [--mock-port 4281]]

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createProxy, sendError, upstreamBase, DEFAULT_UPSTREAM } from "./proxy.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MOUNTS = [["/pkg/", join(ROOT, "pkg")], ["/", join(ROOT, "www")]];
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

/**
 * Starts the server; `mockUrl` is announced to the console through /config.json. `upstream`
 * (default $CLERK_API_URL, else https://api.clerk.com), `upstreamTimeoutMs` and `maxBodyBytes`
 * configure the proxy.
 */
export async function startDevServer({ port = 0, host = "127.0.0.1", mockUrl, upstream = process.env.CLERK_API_URL || DEFAULT_UPSTREAM,
  upstreamTimeoutMs, maxBodyBytes } = {}) {
  const config = JSON.stringify(mockUrl ? { mockUrl, mockSecretKey: MOCK_DEMO_KEY } : {});
  const proxy = createProxy({ upstream, timeoutMs: upstreamTimeoutMs, maxBodyBytes });
  let hosts = new Set(); // filled once the port is known
  const server = createServer(async (req, res) => {
    if (!hosts.has(req.headers.host)) {
      return sendError(res, 403, "host_not_allowed", "host not allowed",
        `This dev server answers only to ${[...hosts].join(", ")}; the request was for "${req.headers.host ?? ""}".`);
    }
    const url = new URL(req.url, "http://console");
    try {
      if (url.pathname.startsWith("/proxy/v1/")) {
        // Same-origin pages only: a page on another site gets no answer it could read anyway,
        // and must not be able to make the proxy send requests for it.
        if (req.headers.origin && !hosts.has(req.headers.origin.replace(/^http:\/\//, ""))) {
          return sendError(res, 403, "proxy_origin_not_allowed", "origin not allowed",
            `The proxy serves this dev server's own pages only, not ${req.headers.origin}.`);
        }
        return await proxy(req, res, url);
      }
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
  // A request asking to switch protocols (WebSocket, h2c): nothing here speaks one.
  server.on("upgrade", (req, socket) => {
    const body = JSON.stringify({ errors: [{ message: "protocol upgrades are not supported", code: "upgrade_not_supported",
      long_message: `The dev server and its proxy do not support protocol upgrades (Upgrade: ${req.headers.upgrade}); the Backend API is plain HTTPS requests.` }] });
    socket.end(`HTTP/1.1 501 Not Implemented\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  server.requestTimeout = 60_000; // a client that never finishes its request
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const bound = server.address().port;
  hosts = new Set([`${host}:${bound}`, `localhost:${bound}`, `127.0.0.1:${bound}`, `[::1]:${bound}`]);
  return {
    url: `http://${host}:${bound}`,
    upstream: upstreamBase(upstream),
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
  console.log(`Proxy to Clerk: ${dev.url}/proxy/v1/* -> ${dev.upstream}/v1/*`);
  const stop = async () => {
    for (const close of closers.reverse()) await close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
