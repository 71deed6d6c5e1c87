// `npm run demo` must stop both servers (the console and the mock API) however it is stopped:
// Ctrl-C in a terminal (SIGINT to the whole foreground process group), SIGTERM to that group,
// and SIGTERM or SIGINT to the npm process alone ("stopped from outside", as a process manager
// or `kill <pid>` does). Each way starts the demo on spare ports in its own process group, waits
// until both ports answer, signals, then asserts both ports are closed and no process of the
// group is left. Prints one line per way.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { freePort, portOpen, root, waitForPort } from "../package/lib.mjs";

const WAYS = [
  { name: "Ctrl-C (SIGINT to the process group)", signal: "SIGINT", group: true },
  { name: "SIGTERM to the process group", signal: "SIGTERM", group: true },
  { name: "SIGTERM to npm alone", signal: "SIGTERM", group: false },
  { name: "SIGINT to npm alone", signal: "SIGINT", group: false },
];

/** Processes whose process group is `pgid`, from /proc: "pid command" lines. */
function groupMembers(pgid) {
  const out = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // after "pid (comm) "
      if (Number(fields[2]) === pgid) out.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()}`);
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

let failed = 0;
for (const way of WAYS) {
  const [port, mockPort] = [await freePort(), await freePort()];
  // detached: a new process group led by npm, as a terminal gives each foreground job.
  const npm = spawn("npm", ["run", "demo"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), MOCK_PORT: String(mockPort), SKIP_BUILD: "1" },
  });
  let output = "";
  npm.stdout.on("data", (d) => (output += d));
  npm.stderr.on("data", (d) => (output += d));
  const pgid = npm.pid;
  try {
    await waitForPort(port, 60_000);
    await waitForPort(mockPort, 10_000);
    const before = groupMembers(pgid);
    if (way.group) process.kill(-pgid, way.signal);
    else process.kill(npm.pid, way.signal);
    const stopped = await until(async () => !(await portOpen(port)) && !(await portOpen(mockPort)) && groupMembers(pgid).length === 0, 10_000);
    const left = groupMembers(pgid);
    assert.ok(stopped, `still running 10 s after ${way.signal}: ports ${port} ${await portOpen(port) ? "open" : "closed"}, ` +
      `${mockPort} ${await portOpen(mockPort) ? "open" : "closed"}; processes: ${left.join("; ") || "none"}`);
    console.log(`ok ${way.name}: ${port} and ${mockPort} closed, none of ${before.length} processes left`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${way.name}: ${err.message}\n${output.trim().replace(/^/gm, "  ")}`);
  } finally {
    // Whatever happened, nothing of this demo outlives the test.
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {}
    for (const line of groupMembers(pgid)) process.kill(Number(line.split(" ")[0]), "SIGKILL");
  }
}
console.log(`demo stop: ${WAYS.length - failed}/${WAYS.length} ways stopped both servers`);
process.exit(failed ? 1 : 0);
