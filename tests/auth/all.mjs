// The auth corpus in every server runtime: Node, Deno and workerd, against the BUILT package
// (scripts/build.sh first). The corpus and @clerk/backend's verdicts (the oracle) are made
// once in Node (run.mjs: prepare); the clerk-edge half (edge-half.mjs) then runs in
//   node     in this process, through pkg/node.js
//   deno     in a `deno run --allow-read --allow-net=127.0.0.1` process, through pkg/deno.js
//   workerd  in Miniflare, through pkg/workerd.js (tests/auth/worker.mjs)
// and each runtime prints `N/N cases agree (M documented differences)`. Then the README's
// Worker example ("Verifying tokens and webhooks") runs in workerd with real requests.
// Exits non-zero on any disagreement or failed check. Usage: node tests/auth/all.mjs [node|deno|workerd|readme ...]
import { generateKeyPairSync, createHmac, sign } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepare, judge } from "./run.mjs";
import { runEdge } from "./edge-half.mjs";
import { runInDeno, runInWorker, startWorker } from "../corpus-runtimes.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const here = join(root, "tests", "auth");
const out = join(root, "test-output", "auth");
const TIMEOUT_MS = 240_000;

const RUNTIMES = {
  async node(corpus) {
    return runEdge(await import(join(root, "pkg", "node.js")), corpus);
  },
  deno: (corpus) => runInDeno(join(here, "deno-main.mjs"), corpus, { out, timeoutMs: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }),
  workerd: (corpus) => runInWorker(join(here, "worker.mjs"), "http://auth.local/", corpus, { fetchThroughNode: true }),
};

/** The README's Worker, extracted between its markers, served by workerd and exercised. */
async function readmeWorker() {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const block = /<!-- readme-worker:start -->\s*```js\n([\s\S]*?)```\s*<!-- readme-worker:end -->/.exec(readme);
  if (!block) throw new Error("README.md has no readme-worker block");
  await mkdir(out, { recursive: true });
  const file = join(out, "readme-worker.mjs");
  const code = block[1].replace(/from "clerk-edge"/, 'from "../../pkg/workerd.js"');
  if (code === block[1]) throw new Error('the README worker does not import from "clerk-edge"');
  await writeFile(file, code);

  const k = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = k.publicKey.export({ type: "spki", format: "pem" });
  const b64u = (x) => Buffer.from(JSON.stringify(x)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const token = (payload) => {
    const input = `${b64u({ alg: "RS256", typ: "JWT", kid: "k" })}.${b64u({ sub: "user_readme", iat: now - 5, nbf: now - 5, exp: now + 60, azp: "https://app.example.com", ...payload })}`;
    return `${input}.${sign("sha256", Buffer.from(input), k.privateKey).toString("base64url")}`;
  };
  const secret = `whsec_${Buffer.from("readme-webhook-secret-0123456789").toString("base64")}`;
  const body = JSON.stringify({ type: "user.created", object: "event", data: { id: "user_1" } });
  const signed = (id, ts, b) => `v1,${createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(`${id}.${ts}.${b}`).digest("base64")}`;

  const publishableKey = `pk_live_${Buffer.from("clerk.app.example.com$").toString("base64")}`;
  const mf = await startWorker(file, {
    fetchThroughNode: true,
    bindings: { CLERK_JWT_KEY: pem, CLERK_WEBHOOK_SIGNING_SECRET: secret, CLERK_SECRET_KEY: "sk_live_readme_0123456789", CLERK_PUBLISHABLE_KEY: publishableKey },
  });
  const checks = [];
  try {
    const call = async (path, init) => {
      const res = await mf.dispatchFetch(`https://app.example.com${path}`, init);
      return `${res.status} ${await res.text()}`;
    };
    const expectThat = async (what, got, want) => checks.push([what, got === want, `got ${got}, want ${want}`]);
    const good = token({ org_id: "org_1" });
    await expectThat("authenticateRequest: signed in (Bearer)", await call("/", { headers: { authorization: `Bearer ${good}` } }), `200 {"userId":"user_readme","orgId":"org_1"}`);
    await expectThat("authenticateRequest: signed in (cookie)", await call("/", { headers: { cookie: `__session=${good}; __client_uat=${now - 100}` } }), `200 {"userId":"user_readme","orgId":"org_1"}`);
    await expectThat("authenticateRequest: no token", await call("/"), "401 signed out: session-token-and-uat-missing");
    await expectThat("authenticateRequest: other party", await call("/", { headers: { authorization: `Bearer ${token({ azp: "https://evil.example" })}` } }), "401 signed out: token-invalid-authorized-parties");
    // A page load whose session token expired while the client is signed in: Clerk's handshake.
    const page = await mf.dispatchFetch("https://app.example.com/dashboard", {
      redirect: "manual",
      headers: { "sec-fetch-dest": "document", accept: "text/html", cookie: `__session=${token({ iat: now - 120, nbf: now - 120, exp: now - 60 })}; __client_uat=${now - 300}` },
    });
    const location = new URL(page.headers.get("location") ?? "http://none/");
    await expectThat("authenticateRequest: handshake on an expired page load",
      `${page.status} ${location.origin}${location.pathname} ${location.searchParams.get("__clerk_hs_reason")} ${page.headers.getSetCookie().map((c) => c.split("=")[0])}`,
      "307 https://clerk.app.example.com/v1/client/handshake session-token-expired-refresh-non-eligible-no-refresh-cookie __clerk_redirect_count");
    await expectThat("verifyToken: claims", await call("/claims", { method: "POST", body: good }), `200 {"sub":"user_readme"}`);
    await expectThat("verifyToken: expired", await call("/claims", { method: "POST", body: token({ exp: now - 3600 }) }), "401 token-expired");
    const ts = String(now);
    await expectThat("verifyWebhook: valid", await call("/webhooks/clerk", { method: "POST", body, headers: { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": signed("msg_1", ts, body) } }), `200 {"received":"user.created"}`);
    await expectThat("verifyWebhook: forged", await call("/webhooks/clerk", { method: "POST", body: body.replace("user_1", "user_2"), headers: { "svix-id": "msg_1", "svix-timestamp": ts, "svix-signature": signed("msg_1", ts, body) } }), "400 webhook rejected: webhook-signature-invalid");
  } finally {
    await mf.dispose();
  }
  return checks;
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(RUNTIMES), "readme"];
if (!existsSync(join(root, "pkg", "dist", "clerk_edge_bg.wasm"))) {
  console.error("pkg/dist is missing: run `bash scripts/build.sh` first");
  process.exit(2);
}
let failed = 0;
const prepared = await prepare();
try {
  for (const name of wanted.filter((w) => RUNTIMES[w])) {
    const started = Date.now();
    try {
      const verdict = judge(name, prepared.corpus, prepared.theirs, await RUNTIMES[name](prepared.corpus));
      console.log(`${verdict.line} (${Date.now() - started} ms)`);
      if (verdict.failures.length) {
        failed++;
        console.log(`FAIL ${name}:\n  ${verdict.failures.join("\n  ")}`);
      }
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${[e.stderr, e.stack ?? e].filter(Boolean).join("\n").replace(/^/gm, "  ")}`);
    }
  }
} finally {
  await prepared.close();
}
if (wanted.includes("readme")) {
  try {
    const checks = await readmeWorker();
    const bad = checks.filter((c) => !c[1]);
    console.log(`readme worker (workerd): ${checks.length - bad.length}/${checks.length} checks pass`);
    for (const [what, , detail] of bad) console.log(`FAIL readme: ${what}: ${detail}`);
    if (bad.length) failed++;
  } catch (e) {
    failed++;
    console.log(`FAIL readme: ${e.stack ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
