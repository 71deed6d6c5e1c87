// Helpers for tests/package: the packed tarball, throwaway projects that install it, child
// processes with their output kept for failures, free ports, and tokens minted by the mock's key.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sessionClaims, tamper } from "../mock/keys.mjs";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const examples = join(root, "examples");
export const bin = (name) => join(root, "node_modules", ".bin", name);
/** Deno's own binary from npm `deno` (the .bin shim adds a Node hop). */
export const deno = existsSync(join(root, "node_modules/@deno/linux-x64-glibc/deno"))
  ? join(root, "node_modules/@deno/linux-x64-glibc/deno")
  : bin("deno");

/** Exact versions of the tools the projects use, from the root package.json (one place). */
const devDependencies = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies;
export const versionOf = (name) => devDependencies[name];

/**
 * The keys the middlewares read. A production key (no dev-browser cookie expected) for the
 * Frontend API `clerk.example.com`; the tokens below name it as their issuer, since the
 * incumbent ignores a `__session` cookie whose issuer is another instance's.
 */
export const FRONTEND_API = "clerk.example.com";
export const KEYS = {
  CLERK_SECRET_KEY: "sk_live_package_test",
  CLERK_PUBLISHABLE_KEY: "pk_live_" + Buffer.from(`${FRONTEND_API}$`).toString("base64"),
};

/**
 * Runs a command to completion. Resolves to { stdout, stderr, code, ms }; rejects (with the
 * output in the message) on a non-zero exit unless `allowFailure`.
 */
export function run(cmd, args, { cwd = root, env = {}, timeoutMs = 180_000, allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { stdout, stderr, code, ms: Date.now() - started };
      if (code === 0 || allowFailure) return resolve(result);
      const why = signal ? `killed by ${signal} (timeout ${timeoutMs} ms?)` : `exit ${code}`;
      reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}): ${why}\n${tail(stderr)}\n${tail(stdout)}`));
    });
  });
}

const tail = (text, lines = 40) => text.trim().split("\n").slice(-lines).join("\n");

/** Starts a long-running server process and resolves once `port` accepts connections. */
export async function startProcess(cmd, args, { cwd = root, env = {}, port, timeoutMs = 60_000 }) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const up = await Promise.race([waitForPort(port, timeoutMs).then(() => true), exited.then(() => false)]);
  if (!up) throw new Error(`${cmd} ${args.join(" ")} exited before listening on ${port}:\n${tail(output)}`);
  return {
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

export async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await portOpen(port))) {
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `npm pack` in pkg/ (its prepack makes sure the build is fresh). Resolves to the tarball path. */
export async function pack(destination) {
  await mkdir(destination, { recursive: true });
  const { stdout, stderr, ms } = await run("npm", ["pack", "--pack-destination", destination], { cwd: join(root, "pkg") });
  const name = stdout.trim().split("\n").pop();
  const tarball = join(destination, name);
  if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}:\n${stdout}\n${stderr}`);
  return { tarball, ms, log: stdout + stderr };
}

/** A directory for this run's throwaway projects, outside the repository (nothing resolves up into it). */
export async function workspace() {
  const dir = await mkdtemp(join(tmpdir(), "clerk-edge-package-"));
  return {
    dir,
    remove: () => (process.env.KEEP_PROJECTS ? console.log(`  (kept ${dir})`) : rm(dir, { recursive: true, force: true })),
  };
}

/**
 * A throwaway project: `files` written under `dir/name`, then `npm install` of the tarball (and
 * `dependencies`) as a user would. Resolves to { dir, installMs }.
 */
export async function project(base, name, { tarball, dependencies = {}, files = {} }) {
  const dir = join(base, name);
  await mkdir(dir, { recursive: true });
  const pkg = { name: `clerk-edge-${name}-test`, private: true, type: "module", dependencies: { "clerk-edge": `file:${tarball}`, ...dependencies } };
  await writeFile(join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  // --prefer-offline: the root's `npm ci` has put the same versions in npm's cache.
  const { ms } = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"], { cwd: dir });
  // Installed from the tarball, not linked to pkg/.
  const installed = join(dir, "node_modules", "clerk-edge");
  if (!existsSync(join(installed, "dist", "clerk_edge_bg.wasm"))) throw new Error(`${installed} has no wasm`);
  return { dir, installMs: ms };
}

export const example = (file) => readFileSync(join(examples, file), "utf8");

/** Every file under `dir`, relative paths. */
export async function listFiles(dir, prefix = "") {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel + "/")));
    else out.push(rel);
  }
  return out;
}

/**
 * Tokens signed by the mock's key for its first user: a session token (header or cookie), the
 * same token tampered with, and an expired one.
 */
export function tokens(mock) {
  const user = [...mock.state.users.values()][0];
  const session = [...mock.state.sessions.values()].find((s) => s.user_id === user.id && s.status === "active");
  const sessionId = session?.id ?? "sess_package_test";
  const now = Date.now();
  const issuer = `https://${FRONTEND_API}`;
  const token = mock.key.sign(sessionClaims({ issuer, userId: user.id, sessionId, now }));
  const iat = Math.floor(now / 1000);
  return {
    user,
    sessionId,
    token,
    tampered: tamper(token),
    /** `__client_uat` no later than the token's iat, as Clerk's browser SDK keeps it. */
    cookie: `__session=${token}; __client_uat=${iat - 5}`,
    expired: mock.key.sign(sessionClaims({ issuer, userId: user.id, sessionId, now: now - 600_000, ttlSeconds: 60 })),
    expiredIat: iat - 600,
  };
}

/** Records a measured step: printed as it happens and kept for the summary. */
export function timer(label) {
  const started = Date.now();
  return () => {
    const ms = Date.now() - started;
    console.log(`  ${label}: ${ms} ms`);
    return ms;
  };
}
