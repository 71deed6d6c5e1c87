// The dev server's /proxy/v1/* under test, without a browser: what it forwards (headers, path,
// body) to an upstream that records requests, its limits (upstream timeout, body size, Host,
// Origin), and the status and message of each refusal. Then the mock as the upstream, set through
// CLERK_API_URL in a spawned `node www/dev-server.mjs`.

import { createServer, request as httpRequest } from "node:http";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { assert, closedPort } from "./lib.mjs";
import { startDevServer } from "../../www/dev-server.mjs";
import { upstreamBase } from "../../www/proxy.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One HTTP/1.1 request with exactly these headers (Host included): { status, headers, json, text }. */
function send(base, path, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** An upstream that records each request and answers 200 with a few headers, or never answers (`hang`). */
async function recordingUpstream({ hang = false } = {}) {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (hang) return; // never answers
      res.writeHead(200, { "content-type": "application/json", "x-clerk-trace-id": "trace_1", "set-cookie": "upstream=1",
        "x-powered-by": "upstream", "retry-after": "3" });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${server.address().port}`, seen,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

const hostOf = (url) => new URL(url).host;
const errorOf = (r) => r.json?.errors?.[0] ?? {};

export function proxyChecks({ mock, key }) {
  return [
    ["proxy: forwards only allowlisted request headers, and only some response headers", async () => {
      const up = await recordingUpstream();
      const dev = await startDevServer({ upstream: up.url });
      try {
        const r = await send(dev.url, "/proxy/v1/users?limit=1", { headers: {
          host: hostOf(dev.url), authorization: `Bearer ${key}`, "clerk-api-version": "2026-05-12", "x-clerk-sdk": "clerk-edge/0",
          accept: "application/json", "x-forwarded-for": "10.0.0.1", "x-forwarded-host": "evil.example", "proxy-authorization": "Basic eA==",
          te: "trailers", cookie: "session=secret", referer: `${dev.url}/`, "x-custom": "1",
        } });
        assert(r.status === 200, `status ${r.status}`);
        const got = up.seen[0];
        assert(got.url === "/v1/users?limit=1", `upstream path ${got.url}`);
        const forwarded = Object.keys(got.headers).filter((k) => !["host", "connection", "content-length", "accept-encoding", "sec-fetch-mode", "accept-language", "user-agent"].includes(k)).sort();
        assert(JSON.stringify(forwarded) === JSON.stringify(["accept", "authorization", "clerk-api-version", "x-clerk-sdk"]),
          `forwarded headers: ${forwarded.join(", ")}`);
        assert(got.headers.host === hostOf(up.url), `upstream Host ${got.headers.host}`);
        assert(r.headers["x-clerk-trace-id"] === "trace_1" && r.headers["retry-after"] === "3", "trace id and Retry-After come back");
        assert(!r.headers["set-cookie"] && !r.headers["x-powered-by"], "upstream cookies and other headers do not come back");
      } finally {
        await dev.close();
        await up.close();
      }
    }],

    ["proxy: paths stay under /v1 (dot segments, encoded ones too)", async () => {
      const up = await recordingUpstream();
      const dev = await startDevServer({ upstream: `${up.url}/v1/` }); // a trailing /v1/ is accepted
      try {
        const h = { host: hostOf(dev.url) };
        assert((await send(dev.url, "/proxy/v1/users/%2e%2e/%2e%2e/admin", { headers: h })).status === 404, "an encoded ../.. out of /proxy/v1 is not proxied");
        await send(dev.url, "/proxy/v1/users/..%2Fadmin", { headers: h });
        await send(dev.url, "/proxy/v1/a/../users", { headers: h });
        const paths = up.seen.map((s) => s.url);
        assert(JSON.stringify(paths) === JSON.stringify(["/v1/users/..%2Fadmin", "/v1/users"]), `upstream saw ${paths.join(" ")}`);
        assert(upstreamBase() === "https://api.clerk.com", "the default upstream is https://api.clerk.com");
      } finally {
        await dev.close();
        await up.close();
      }
    }],

    ["proxy: limits: upstream timeout (504), body size (413), Host (403), Origin (403)", async () => {
      const hanging = await recordingUpstream({ hang: true });
      const dev = await startDevServer({ upstream: hanging.url, upstreamTimeoutMs: 300, maxBodyBytes: 1024 });
      try {
        const host = hostOf(dev.url);
        const started = Date.now();
        const slow = await send(dev.url, "/proxy/v1/users", { headers: { host } });
        const took = Date.now() - started;
        assert(slow.status === 504 && errorOf(slow).code === "proxy_upstream_timeout", `hanging upstream: ${slow.status} ${slow.text}`);
        assert(took >= 250 && took < 2000, `the timeout fired after ${took} ms`);
        assert(errorOf(slow).long_message.includes(hostOf(hanging.url)) && errorOf(slow).long_message.includes("0.3 s"), errorOf(slow).long_message);

        const big = "x".repeat(2048);
        const declared = await send(dev.url, "/proxy/v1/users", { method: "POST", headers: { host, "content-type": "application/json" }, body: big });
        assert(declared.status === 413 && errorOf(declared).code === "proxy_body_too_large", `2 KB with Content-Length: ${declared.status}`);
        const chunked = await send(dev.url, "/proxy/v1/users", { method: "POST", headers: { host, "transfer-encoding": "chunked" }, body: big });
        assert(chunked.status === 413 && errorOf(chunked).long_message.includes("1024 bytes"), `2 KB chunked: ${chunked.status}`);
        const small = await send(dev.url, "/proxy/v1/users", { method: "POST", headers: { host, "content-type": "application/json" }, body: "x".repeat(1024) });
        assert(small.status === 504, `1 KB is let through (to the hanging upstream): ${small.status}`);
        assert(hanging.seen.filter((s) => s.method === "POST").length === 1, "the too-large bodies never reached the upstream");

        for (const bad of ["evil.example", `evil.example:${new URL(dev.url).port}`, "127.0.0.1:1"]) {
          const r = await send(dev.url, "/proxy/v1/users", { headers: { host: bad } });
          assert(r.status === 403 && errorOf(r).code === "host_not_allowed", `Host ${bad}: ${r.status}`);
        }
        const page = await send(dev.url, "/config.json", { headers: { host: "rebound.example" } });
        assert(page.status === 403, `static files check Host too: ${page.status}`);
        assert((await send(dev.url, "/config.json", { headers: { host: `localhost:${new URL(dev.url).port}` } })).status === 200, "localhost:<port> is allowed");
        const cross = await send(dev.url, "/proxy/v1/users", { method: "POST", headers: { host, origin: "https://evil.example" }, body: "{}" });
        assert(cross.status === 403 && errorOf(cross).code === "proxy_origin_not_allowed", `cross-origin POST: ${cross.status}`);
      } finally {
        await dev.close();
        await hanging.close();
      }
    }],

    ["proxy: accurate answers to TRACE, Upgrade, Expect and an unreachable upstream", async () => {
      const up = await recordingUpstream();
      const dev = await startDevServer({ upstream: up.url });
      const refused = await startDevServer({ upstream: `http://127.0.0.1:${await closedPort()}` });
      try {
        const host = hostOf(dev.url);
        const trace = await send(dev.url, "/proxy/v1/users", { method: "TRACE", headers: { host } });
        assert(trace.status === 405 && trace.headers.allow === "GET, HEAD, POST, PUT, PATCH, DELETE" && /TRACE is not forwarded/.test(errorOf(trace).long_message),
          `TRACE: ${trace.status} ${trace.text}`);
        const upgrade = await send(dev.url, "/proxy/v1/users", { headers: { host, connection: "Upgrade", upgrade: "websocket" } });
        assert(upgrade.status === 501 && /protocol upgrades/.test(errorOf(upgrade).long_message), `Upgrade: ${upgrade.status} ${upgrade.text}`);
        const cont = await send(dev.url, "/proxy/v1/users", { method: "POST", headers: { host, expect: "100-continue", "content-type": "application/json" }, body: "{}" });
        assert(cont.status === 200 && up.seen.at(-1).body === "{}" && !up.seen.at(-1).headers.expect, `Expect: 100-continue: ${cont.status}`);
        const odd = await send(dev.url, "/proxy/v1/users", { method: "POST", headers: { host, expect: "teapot" }, body: "{}" });
        assert(odd.status === 417, `Expect: teapot: ${odd.status}`);
        const down = await send(refused.url, "/proxy/v1/users", { headers: { host: hostOf(refused.url) } });
        assert(down.status === 502 && errorOf(down).code === "proxy_upstream_unreachable", `refused: ${down.status}`);
        assert(/refused the connection/.test(errorOf(down).long_message) && !/online/.test(errorOf(down).long_message), errorOf(down).long_message);
        for (const r of [trace, upgrade, down]) assert(!/api\.clerk\.com/.test(r.text), `a message names api.clerk.com: ${r.text}`);
      } finally {
        await dev.close();
        await refused.close();
        await up.close();
      }
    }],

    ["proxy: CLERK_API_URL points `node www/dev-server.mjs` at the mock", async () => {
      const child = spawn(process.execPath, ["www/dev-server.mjs", "--port", "0"], { cwd: ROOT, env: { ...process.env, CLERK_API_URL: mock.url }, stdio: ["ignore", "pipe", "inherit"] });
      try {
        let out = "";
        for await (const chunk of child.stdout) {
          out += chunk;
          if (/Proxy to Clerk: .*\n/.test(out)) break;
        }
        const consoleUrl = /Console:\s+(\S+)\//.exec(out)?.[1];
        assert(consoleUrl && out.includes(`-> ${mock.url}/v1/*`), `the server says where it proxies: ${out}`);
        const r = await send(consoleUrl, "/proxy/v1/users/count", { headers: { host: hostOf(consoleUrl), authorization: `Bearer ${key}` } });
        assert(r.status === 200 && r.json.total_count === mock.state.users.size, `through the proxy to the mock: ${r.status} ${r.text}`);
      } finally {
        child.kill();
      }
    }],
  ];
}
