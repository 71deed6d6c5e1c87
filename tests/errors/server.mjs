// A scripted local HTTP server: each test queues the answers it wants (`answer(...)`), the
// server replies to requests in order and records what it received. Unscripted requests get 599.
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";

export async function startScriptedServer() {
  const queue = [];
  const received = [];
  const hanging = new Set(); // responses deliberately never sent
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const next = queue.shift();
      if (!next) {
        res.writeHead(599, { "content-type": "text/plain" }).end("unscripted request");
        return;
      }
      if (next.hang) {
        hanging.add(res); // never answer: the client's timeout or abort must end the call
        return;
      }
      res.writeHead(next.status, next.headers ?? {}).end(next.body ?? "");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Queues answers: { status, headers, body } or { hang: true }. */
    answer(...answers) {
      queue.push(...answers);
    },
    reset() {
      queue.length = 0;
      received.length = 0;
      // drop only the requests a timeout/abort test left hanging; idle keep-alive sockets stay,
      // so the next test's request is not sent down a socket closing under it
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A Clerk error body as the API sends it. */
export function clerkErrorBody(code, status) {
  return JSON.stringify({
    errors: [{ code, message: `${code} message`, long_message: `${code} long message (HTTP ${status})`, meta: { param_name: "user_id" } }],
    clerk_trace_id: `trace_${status}`,
  });
}

export const json = (status, value, headers = {}) => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: typeof value === "string" ? value : JSON.stringify(value),
});

/** A port nothing listens on (bound, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createTcpServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
