// A tiny local Backend API for item 4: answers `GET [/v1]/users/:id` with a spec-shaped User
// (from the mock server's builders, so clerk-edge's response validation accepts it), keep-alive.
//
// It runs in its own process (`startApiServer()` spawns this file) so that serving requests does
// not share the client's event loop: the measured cost is the client's.

import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { emailAddress, user } from "../../tests/mock/shapes.mjs";

const AT = 1_760_000_000_000;

/** The JSON text of a spec-shaped User with this id. */
export function userBody(id) {
  return JSON.stringify(
    user({
      id, created_at: AT, first_name: "Ada", last_name: "Lovelace", username: "ada",
      email_addresses: [emailAddress("idn_2bench0000000000000000001", "ada@example.com", AT)],
      phone_numbers: [], public_metadata: { plan: "pro" }, last_sign_in_at: AT,
    }),
  );
}

function serve() {
  const cache = new Map();
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const m = /^(?:\/v1)?\/users\/([A-Za-z0-9_]+)$/.exec(req.url);
    if (req.method !== "GET" || !m || !req.headers.authorization?.startsWith("Bearer ")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "resource_not_found", message: "not found", long_message: "not found" }] }));
      return;
    }
    if (!cache.has(m[1])) cache.set(m[1], userBody(m[1]));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(cache.get(m[1]));
  });
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
  // The parent closes our stdin when it is done (or dies): stop then.
  process.stdin.on("end", () => process.exit(0)).resume();
}

/** Starts the server in a child process. Resolves to `{ url, close() }` (url without /v1). */
export function startApiServer() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve"], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`api server exited (${code})`)));
    child.stdout.once("data", (chunk) => {
      const { port } = JSON.parse(String(chunk));
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => { child.once("exit", done); child.stdin.end(); }),
      });
    });
  });
}

if (process.argv[2] === "--serve") serve();
