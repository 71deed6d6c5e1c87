// The soak server, run in a worker thread so it has its own event loop (and core) while the
// main thread drives the SDK. GET /users/<id> answers {"object":"user","id":<id>}. While a
// "hold" is set (POST /__hold/<n>), answers wait until n requests are in flight at once, so
// the concurrency test proves they really overlapped. GET /__stats answers counters.
import { createServer } from "node:http";
import { parentPort } from "node:worker_threads";

let served = 0;
let inFlight = 0;
let maxInFlight = 0;
let hold = 0;
let held = [];

const release = () => {
  for (const fn of held) fn();
  held = [];
  hold = 0;
};

const server = createServer((req, res) => {
  if (req.url.startsWith("/__hold/")) {
    hold = Number(req.url.slice("/__hold/".length));
    maxInFlight = 0;
    return res.end("{}");
  }
  if (req.url === "/__stats") return res.end(JSON.stringify({ served, maxInFlight }));
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const id = decodeURIComponent(req.url.split("/").pop());
  const answer = () => {
    served++;
    inFlight--;
    const body = JSON.stringify({ object: "user", id });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  };
  if (!hold) return answer();
  held.push(answer);
  if (inFlight >= hold) release();
  else if (held.length === 1) setTimeout(release, 10_000); // never wait forever
});
server.keepAliveTimeout = 60_000;
server.maxRequestsPerSocket = 0;
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => m === "close" && server.close(() => parentPort.close()));
