// Runs the smoke check (check.mjs) against the BUILT package (scripts/build.sh first) in each
// runtime: node, deno, workerd, browser, esbuild. Usage: node tests/smoke/run.mjs [env ...]
// Prints `ok <env>` per runtime; exits non-zero if any failed.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startServer } from "./server.mjs";
import { startStaticServer } from "./static-server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = promisify(execFile);
const TIMEOUT_MS = 60_000;

// Runs a process; its last stdout line is the check's JSON summary.
async function lastJsonLine(cmd, args, options = {}) {
  const { stdout } = await run(cmd, args, { cwd: root, timeout: TIMEOUT_MS, ...options });
  return JSON.parse(stdout.trim().split("\n").pop());
}

// The client retries connection errors for a long time by default: bound each runtime's wait.
function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const ENVS = {
  async node(api) {
    return lastJsonLine(process.execPath, [join(here, "node-main.mjs"), api.url]);
  },

  async deno(api) {
    // Deno's own binary from npm `deno` (the .bin shim works too, with a node hop).
    const direct = join(root, "node_modules", "@deno", "linux-x64-glibc", "deno");
    const deno = existsSync(direct) ? direct : bin("deno");
    const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
    const args = ["run", "--no-lock", "--allow-read", "--allow-net=127.0.0.1", join(here, "deno-main.mjs"), api.url];
    return lastJsonLine(deno, args, { env });
  },

  async workerd(api) {
    // Miniflare's own fetch: its Request objects come from its bundled undici, not Node's.
    const { Miniflare, fetch: mfFetch } = await import("miniflare");
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(here, "worker.mjs"),
      modulesRoot: root,
      modulesRules: [
        { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: "2026-04-01",
      // The worker's global fetch() lands here (in Node), which forwards it to the local server.
      outboundService: (request) => mfFetch(request),
    });
    try {
      const res = await withTimeout(mf.dispatchFetch(`http://smoke.local/?server=${encodeURIComponent(api.url)}`));
      const answer = await res.json();
      if (!answer.ok) throw new Error(answer.error);
      return answer.result;
    } finally {
      await mf.dispose();
    }
  },

  async browser(api) {
    const { chromium } = await import("playwright-core");
    const site = await startStaticServer(root);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
      timeout: TIMEOUT_MS,
    });
    try {
      const page = await browser.newPage();
      const problems = [];
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        // Chromium logs every non-2xx fetch; the 404 for the missing user is the expected one.
        const expected = msg.text().includes("404") && msg.location().url.endsWith("/users/missing");
        if (!expected) problems.push(`console error: ${msg.text()}`);
      });
      await page.goto(`${site.url}/tests/smoke/browser.html?server=${encodeURIComponent(api.url)}`);
      const answer = await page
        .waitForFunction(() => window.__smoke, null, { timeout: 30_000 })
        .then((handle) => handle.jsonValue())
        .catch((e) => ({ ok: false, error: `no result from the page (${e.message})` }));
      if (!answer.ok) problems.unshift(answer.error);
      if (problems.length) throw new Error(problems.join("\n"));
      return answer.result;
    } finally {
      await browser.close();
      await site.close();
    }
  },

  async esbuild(api) {
    const esbuild = await import("esbuild");
    const outfile = join(root, "test-output", "smoke", "bundle.mjs");
    await mkdir(dirname(outfile), { recursive: true });
    const { metafile } = await esbuild.build({
      entryPoints: [join(here, "bundle-entry.mjs")],
      outfile,
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022", // esnext would decode the inlined wasm with Uint8Array.fromBase64 (not in Node 20)
      conditions: ["workerd"],
      loader: { ".wasm": "binary" },
      metafile: true,
      logLevel: "warning",
    });
    // The bundle must have picked the workerd entry (not node.js) and be self-contained.
    const inputs = Object.keys(metafile.inputs);
    if (!inputs.some((f) => f.endsWith("pkg/workerd.js")) || inputs.some((f) => f.endsWith("pkg/node.js"))) {
      throw new Error(`unexpected bundle inputs: ${inputs.join(", ")}`);
    }
    const imports = Object.values(metafile.outputs).flatMap((o) => o.imports);
    if (imports.length) throw new Error(`bundle still imports ${imports.map((i) => i.path).join(", ")}`);
    const script = `const { run } = await import(${JSON.stringify(outfile)}); console.log(JSON.stringify(await run(process.argv[1])));`;
    return lastJsonLine(process.execPath, ["--input-type=module", "-e", script, api.url]);
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ENVS);
const unknown = wanted.filter((name) => !ENVS[name]);
if (unknown.length) {
  console.error(`unknown env ${unknown.join(", ")}; choose from ${Object.keys(ENVS).join(", ")}`);
  process.exit(2);
}
if (!existsSync(join(root, "pkg", "dist", "clerk_edge_bg.wasm"))) {
  console.error("pkg/dist is missing: run `bash scripts/build.sh` first");
  process.exit(2);
}

let failed = 0;
for (const name of wanted) {
  const api = await startServer(); // a fresh server per env, so /__seen holds only its requests
  const started = Date.now();
  try {
    const result = await ENVS[name](api);
    console.log(`ok ${name} (${result.user}, ${result.error}; ${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    // A child process's own output says more than the "Command failed" wrapper.
    const detail = (e.stderr || e.stdout ? [e.stderr, e.stdout] : [e.stack ?? String(e)])
      .filter(Boolean)
      .join("\n")
      .split("\n")
      .map((line) => (line.length > 300 ? `${line.slice(0, 300)}...` : line)) // e.g. an inlined wasm
      .join("\n")
      .trim();
    console.log(`FAIL ${name}\n${detail.replace(/^/gm, "  ")}`);
  } finally {
    await api.close();
  }
}
process.exit(failed ? 1 : 0);
