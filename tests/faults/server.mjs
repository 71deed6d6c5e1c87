// A loopback HTTP server that misbehaves on command, for the fault-injection suite.
//
// A request names its script either in the path, `/f/<key>/<steps>/...` (used for token
// verification, whose only knob is serverURL), or in the header `x-fault: <key> <steps>` (per-call
// `headers`). `<steps>` is a comma list; attempt n (counted per key) plays step n, the last step
// repeating. The server counts attempts per key: `GET /__attempts/<key>` answers the count, so a
// test in Node or inside workerd can check how often the SDK tried.
//
// Steps: ok | s<status> (Clerk error body) | ra<status>s:<secs> (Retry-After in seconds) |
// ra<status>d:<secs> (Retry-After as an HTTP date that far ahead) | reset (socket destroyed before
// any response) | resetbody (headers and part of the body, then destroyed) | hang | trunc |
// html502 | empty200 | wrongtype (200 text/html page) | plainjson (200 text/plain, JSON body) |
// big (200, 10 MB JSON) | big500 (500, 10 MB text) | drip:<ms> (ok body in 10 chunks, ms apart)
// | s401.
import { createServer } from "node:http";
import { BIG_BYTES } from "./cases.mjs";

const OK_USER = { object: "user", id: "user_ok" };
const HTML_502 = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>
<h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response.</p>${"<!-- padding -->".repeat(200)}</body></html>`;

/** Starts the server; `jwks` is what `ok` answers on paths ending in `/jwks`. */
export async function startFaultServer({ jwks } = {}) {
  const attempts = new Map();
  const sockets = new Set();
  const timers = new Set();
  const later = (ms, fn) => {
    const t = setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
  };
  const bigJson = JSON.stringify({ ...OK_USER, id: "user_big", blob: "x".repeat(BIG_BYTES) });

  const server = createServer((req, res) => {
    req.resume(); // drain any request body
    req.on("end", () => answer(req, res));
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function answer(req, res) {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/__attempts/")) {
      const key = decodeURIComponent(url.pathname.slice("/__attempts/".length));
      return json(res, 200, { attempts: attempts.get(key) ?? 0 });
    }
    const script = scriptOf(req, url);
    if (!script) return json(res, 200, OK_USER); // unscripted: a normal answer
    const n = attempts.get(script.key) ?? 0;
    attempts.set(script.key, n + 1);
    play(script.steps[Math.min(n, script.steps.length - 1)], req, res, url.pathname.endsWith("/jwks"));
  }

  function play(step, req, res, isJwks) {
    const okBody = isJwks ? jwks : OK_USER;
    const [name, arg] = step.split(":");
    let m;
    if (name === "ok") return json(res, 200, okBody);
    if ((m = /^s(\d{3})$/.exec(name))) return clerkError(res, Number(m[1]));
    if ((m = /^ra(\d{3})([sd])$/.exec(name))) {
      const secs = Number(arg);
      const value = m[2] === "s" ? String(secs) : new Date(Date.now() + secs * 1000).toUTCString();
      return clerkError(res, Number(m[1]), { "retry-after": value });
    }
    switch (name) {
      case "reset":
        return req.socket.destroy();
      case "resetbody": {
        const body = JSON.stringify({ ...okBody, pad: "y".repeat(4000) });
        res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
        res.write(body.slice(0, 100));
        return later(30, () => req.socket.destroy());
      }
      case "hang":
        return; // never answers; the connection stays open until the client gives up
      case "trunc":
        return raw(res, 200, "application/json", JSON.stringify(okBody).slice(0, 15));
      case "html502":
        return raw(res, 502, "text/html; charset=utf-8", HTML_502);
      case "empty200":
        return raw(res, 200, "application/json", "");
      case "wrongtype":
        return raw(res, 200, "text/html", "<html><body>Welcome</body></html>");
      case "plainjson":
        return raw(res, 200, "text/plain", JSON.stringify(okBody));
      case "big":
        return raw(res, 200, "application/json", bigJson);
      case "big500":
        return raw(res, 500, "text/plain", "E".repeat(BIG_BYTES));
      case "drip": {
        const body = JSON.stringify(okBody);
        const size = Math.ceil(body.length / 10);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        const send = (i) => {
          if (res.destroyed) return;
          if (i * size >= body.length) return res.end();
          res.write(body.slice(i * size, (i + 1) * size));
          later(Number(arg), () => send(i + 1));
        };
        return send(0);
      }
      default:
        return raw(res, 400, "text/plain", `unknown fault step ${step}`);
    }
  }

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    attempts: (key) => attempts.get(key) ?? 0,
    close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function scriptOf(req, url) {
  const header = req.headers["x-fault"];
  if (typeof header === "string") {
    const [key, steps] = header.split(" ");
    return { key, steps: steps.split(",") };
  }
  const m = /^\/f\/([^/]+)\/([^/]+)\//.exec(url.pathname);
  return m ? { key: decodeURIComponent(m[1]), steps: decodeURIComponent(m[2]).split(",") } : null;
}

function json(res, status, value) {
  raw(res, status, "application/json", JSON.stringify(value));
}

function raw(res, status, type, body, extra = {}) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}

function clerkError(res, status, extra = {}) {
  const body = JSON.stringify({
    errors: [{ code: `fault_${status}`, message: `injected ${status}`, long_message: `injected HTTP ${status}` }],
    clerk_trace_id: `trace_${status}`,
  });
  raw(res, status, "application/json", body, extra);
}
