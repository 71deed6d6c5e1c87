// A tiny stand-in for Clerk's API on 127.0.0.1 (random port), just enough for the smoke check:
// one user, one Clerk error body, and /__seen so a check running in another runtime (workerd,
// a browser) can see which headers reached the server. CORS headers let a page on another
// origin call it, preflight included.
import { createServer } from "node:http";

const USER = {
  object: "user",
  id: "user_123",
  first_name: "Ada",
  last_name: "Lovelace",
  email_addresses: [{ object: "email_address", id: "idn_1", email_address: "ada@example.com" }],
  created_at: 1700000000000,
  updated_at: 1700000000000,
};

const NOT_FOUND = {
  errors: [{ message: "not found", long_message: "User not found", code: "resource_not_found" }],
  clerk_trace_id: "t",
};

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "*, authorization",
  "access-control-max-age": "600",
};

export async function startServer() {
  const seen = [];
  const server = createServer((req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { ...CORS, "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS);
      return res.end();
    }
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/__seen") return send(200, seen);
    seen.push({ method: req.method, path, headers: req.headers });
    if (req.method === "GET" && path === "/users/user_123") return send(200, USER);
    if (req.method === "GET" && path === "/users/missing") return send(404, NOT_FOUND);
    send(404, { errors: [{ message: "no route", long_message: `${req.method} ${path}`, code: "no_route" }] });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
