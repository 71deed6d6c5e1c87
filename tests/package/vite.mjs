// A browser app built by Vite (pinned 8.3.8, which runs on Node ^20.19; 8.4.0's lockfile can trip
// `npm ci` here) with the tarball installed: `vite build` with no config, the
// output served as static files, run in headless Chromium. The page lists users from the mock
// (cross-origin, the mock sends CORS headers) and verifies a good and a forged token.
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { startStaticServer } from "../smoke/static-server.mjs";
import { bin, project, run, timer, versionOf } from "./lib.mjs";

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>clerk-edge in a Vite app</title></head>
  <body>
    <pre id="out">loading</pre>
    <script type="module" src="/main.js"></script>
  </body>
</html>
`;

const MAIN_JS = `import { Clerk, TokenVerificationError, verifyToken } from "clerk-edge";

const params = new URLSearchParams(location.search);
const apiUrl = params.get("api");
const options = { secretKey: "sk_test_vite", apiUrl };
const out = document.querySelector("#out");
try {
  const clerk = new Clerk({ secretKey: options.secretKey, serverURL: apiUrl + "/v1" });
  const users = await clerk.users.list({ limit: 3, order_by: "+created_at" });
  const claims = await verifyToken(params.get("token"), options);
  let reason = null;
  try {
    await verifyToken(params.get("forged"), options);
  } catch (err) {
    if (!(err instanceof TokenVerificationError)) throw err;
    reason = err.reason;
  }
  out.textContent = JSON.stringify({ users: users.map((u) => u.id), sub: claims.sub, reason });
} catch (err) {
  out.textContent = "error: " + (err?.stack ?? err);
}
out.dataset.done = "1";
`;

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

export async function viteApp({ base, tarball, mock, t }) {
  assert.equal(versionOf("vite"), "8.3.8");
  const { dir, installMs } = await project(base, "vite", { tarball, files: { "index.html": INDEX_HTML, "main.js": MAIN_JS } });

  const built = timer("vite build");
  await run(bin("vite"), ["build", "--logLevel", "warn"], { cwd: dir });
  const buildMs = built();
  // The wasm is emitted as its own asset (browser.js fetches it next to itself), not inlined.
  const assets = await readdir(join(dir, "dist", "assets"));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, `one .wasm asset (${assets.join(", ")})`);

  const ran = timer("Chromium ran the Vite build");
  const site = await startStaticServer(join(dir, "dist"));
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()} (${m.location().url})`));
    const query = new URLSearchParams({ api: mock.url, token: t.token, forged: t.tampered });
    await page.goto(`${site.url}/index.html?${query}`);
    await page.waitForSelector("#out[data-done]", { timeout: 30_000 });
    const text = await page.textContent("#out");
    assert.deepEqual(problems, []);
    const firstUsers = [...mock.state.users.values()].sort((a, b) => a.created_at - b.created_at).slice(0, 3).map((u) => u.id);
    assert.deepEqual(JSON.parse(text.startsWith("{") ? text : JSON.stringify(text)), { users: firstUsers, sub: t.user.id, reason: "token-invalid-signature" });
  } finally {
    await browser.close();
    await site.close();
  }
  return [{ name: "Vite app in Chromium", installMs, buildMs, runMs: ran(), detail: `assets: ${assets.join(", ")}` }];
}
