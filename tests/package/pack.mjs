// The tarball itself: what it holds (and leaves out), that its wasm is the fresh build, its size.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { root, run } from "./lib.mjs";

/** Every path the tarball may hold; anything else (sources, tests, scripts) fails the check. */
const ALLOWED = [
  /^package\.json$/,
  /^(LICENSE|README\.md|CHANGELOG\.md)$/,
  /^[\w-]+\.(js|cjs|d\.ts|d\.cts)$/,
  /^types\/\w+\.d\.ts$/,
  /^dist\/(clerk_edge\.js|clerk_edge\.d\.ts|clerk_edge_bg\.wasm)$/,
];
const REQUIRED = [
  "package.json", "LICENSE", "README.md", "CHANGELOG.md",
  "node.js", "node.cjs", "deno.js", "browser.js", "workerd.js", "core.js",
  "hono.js", "hono.cjs", "hono.d.ts", "hono.d.cts",
  "with-clerk.js", "with-clerk.cjs", "with-clerk.d.ts", "with-clerk.d.cts",
  "index.d.ts", "index.d.cts", "dist/clerk_edge.js", "dist/clerk_edge_bg.wasm",
];

const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

export async function checkTarball({ tarball, unpacked }) {
  await run("tar", ["-xzf", tarball, "-C", unpacked]);
  const { stdout } = await run("tar", ["-tzvf", tarball]);
  const entries = stdout.trim().split("\n").map((line) => {
    const cols = line.trim().split(/\s+/);
    return { size: Number(cols[2]), path: cols[cols.length - 1].replace(/^package\//, "") };
  });
  const paths = entries.map((e) => e.path);

  const stray = paths.filter((p) => !ALLOWED.some((re) => re.test(p)));
  assert.deepEqual(stray, [], "files that do not belong in the package");
  const missing = REQUIRED.filter((p) => !paths.includes(p));
  assert.deepEqual(missing, [], "files the package must hold");

  const pkg = JSON.parse(readFileSync(join(unpacked, "package", "package.json"), "utf8"));
  assert.equal(pkg.license, "MIT");
  assert.match(readFileSync(join(unpacked, "package", "LICENSE"), "utf8"), /^MIT License/);
  const cargoLicense = /^license = "(.*)"$/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))?.[1];
  assert.equal(cargoLicense, pkg.license, "the npm package and the crate have one licence");
  // prepack runs only when packing; nothing may run when a user installs the tarball.
  const installScripts = ["preinstall", "install", "postinstall", "prepare"].filter((s) => pkg.scripts?.[s]);
  assert.deepEqual(installScripts, [], "install-time scripts");

  // The wasm is pkg/dist's, and pkg/dist is not older than what it is built from (prepack's job).
  const shipped = readFileSync(join(unpacked, "package", "dist", "clerk_edge_bg.wasm"));
  assert.equal(sha256(shipped), sha256(readFileSync(join(root, "pkg", "dist", "clerk_edge_bg.wasm"))));

  const packed = statSync(tarball).size;
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  const wasm = entries.find((e) => e.path === "dist/clerk_edge_bg.wasm").size;
  return { files: paths.length, packed, unpacked: total, wasm, typesFiles: paths.filter((p) => p.startsWith("types/")).length };
}
