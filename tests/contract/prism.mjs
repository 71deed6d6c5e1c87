// Starts a Prism mock of the spec on a free 127.0.0.1 port and stops it again, also when the
// test fails or is interrupted.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, SPEC_PATH } from "./spec.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function prismBin() {
  if (process.env.PRISM_BIN) return process.env.PRISM_BIN;
  const local = join(ROOT, "node_modules/.bin/prism");
  return existsSync(local) ? local : "prism"; // else whatever `prism` is on PATH
}

/** Resolves to { url, stop(), log() } once Prism listens; rejects after `timeoutMs`. */
export async function startPrism({ timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  // --dynamic=false: responses are the spec's static examples, so runs are deterministic
  const args = ["mock", SPEC_PATH, "-h", "127.0.0.1", "-p", String(port), "--dynamic=false"];
  const child = spawn(prismBin(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  let spawnError = null;
  child.on("error", (e) => (spawnError = e)); // e.g. ENOENT: Prism is not installed
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  // the test process may end by exception or signal: Prism must not outlive it
  process.once("exit", stop);
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.once(sig, () => {
      stop();
      process.exit(130);
    });
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`cannot start ${prismBin()} (npm @stoplight/prism-cli): ${spawnError.message}`);
    if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode}):\n${output}`);
    if (output.includes("Prism is listening")) return { url, stop, log: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`prism did not listen within ${timeoutMs} ms:\n${output}`);
}
