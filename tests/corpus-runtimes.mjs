// Where the differential suites (tests/auth, tests/auth-flow) run their clerk-edge half outside
// Node: a Deno process given the corpus as a file, and a Worker in workerd (Miniflare) given it
// as a POST. Each suite keeps its own deno-main.mjs and worker.mjs; this is the plumbing.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../", import.meta.url));

/**
 * Runs `script` (its argument: the corpus file written under `out`) in Deno with read access
 * and the network of 127.0.0.1, and returns the JSON of its last line. Async on purpose: the
 * mock API lives in the calling process and must keep answering.
 */
export async function runInDeno(script, corpus, { out, timeoutMs, maxBuffer }) {
  await mkdir(out, { recursive: true });
  const file = join(out, "corpus.json");
  await writeFile(file, JSON.stringify(corpus));
  const direct = join(root, "node_modules", "@deno", "linux-x64-glibc", "deno");
  const deno = existsSync(direct) ? direct : join(root, "node_modules", ".bin", "deno");
  const { stdout } = await promisify(execFile)(deno, ["run", "--no-lock", "--allow-read", "--allow-net=127.0.0.1", script, file], {
    cwd: root, timeout: timeoutMs, maxBuffer, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  });
  return JSON.parse(stdout.trim().split("\n").pop());
}

/**
 * A Worker in workerd: ES modules from the repo, the wasm as a compiled module. By default
 * workerd's own fetch reaches the mock on 127.0.0.1, so a request that gets no HTTP answer
 * rejects in the Worker as it would in production. `fetchThroughNode` routes the Worker's
 * fetches through Node instead (Miniflare's outboundService; it turns a failed request into a
 * 500 response).
 */
export async function startWorker(scriptPath, { fetchThroughNode = false, ...extra } = {}) {
  const { Miniflare } = await import("miniflare");
  return new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: root,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    ...(fetchThroughNode && {
      // Re-made as a plain request: Node's fetch refuses a Request with a streamed body.
      outboundService: async (request) => {
        const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
        return fetch(request.url, { method: request.method, headers: request.headers, body });
      },
    }),
    ...extra,
  });
}

/** Posts the corpus to a Worker of `startWorker` whose answer is `{ ok, result | error }`. */
export async function runInWorker(scriptPath, url, corpus, options) {
  const mf = await startWorker(scriptPath, options);
  try {
    const res = await mf.dispatchFetch(url, { method: "POST", body: JSON.stringify(corpus) });
    const answer = await res.json();
    if (!answer.ok) throw new Error(answer.error);
    return answer.result;
  } finally {
    await mf.dispose();
  }
}
