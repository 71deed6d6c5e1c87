// scripts/fresh-build.sh (run by pkg's prepack and by the demo) decides whether pkg/dist must be
// rebuilt. Run here on a copy of the script in a scratch tree whose scripts/build.sh is a
// stand-in that records that it ran (the real build takes ~30 s and is tested elsewhere).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./lib.mjs";

const SOURCES = ["src/lib.rs", "crates/rsa-verify/src/lib.rs", "Cargo.toml", "Cargo.lock", "scripts/wasm-opt.args",
  "scripts/order-functions.mjs"];
// Directories count too: a deleted source file changes its directory's mtime.
const INPUTS = [...SOURCES, "src", "crates", "crates/rsa-verify", "crates/rsa-verify/src"];

function scratchTree() {
  const dir = mkdtempSync(join(tmpdir(), "clerk-edge-fresh-build-"));
  for (const d of ["scripts", "src", "crates/rsa-verify/src", "pkg/dist"]) mkdirSync(join(dir, d), { recursive: true });
  copyFileSync(join(root, "scripts/fresh-build.sh"), join(dir, "scripts/fresh-build.sh"));
  writeFileSync(join(dir, "scripts/build.sh"), "touch built\nmkdir -p pkg/dist && touch pkg/dist/clerk_edge_bg.wasm\n");
  for (const f of SOURCES) writeFileSync(join(dir, f), "");
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const wasm = (dir) => join(dir, "pkg/dist/clerk_edge_bg.wasm");
const age = (path, secondsAgo) => utimesSync(path, new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));

function freshBuild(dir) {
  rmSync(join(dir, "built"), { force: true });
  const out = execFileSync("bash", [join(dir, "scripts/fresh-build.sh")], { encoding: "utf8" });
  return { built: existsSync(join(dir, "built")), out };
}

test("a missing build is built", () => {
  const dir = scratchTree();
  const r = freshBuild(dir);
  assert.ok(r.built);
  assert.match(r.out, /is missing: building/);
});

test("an up-to-date build is kept", () => {
  const dir = scratchTree();
  for (const f of INPUTS) age(join(dir, f), 60);
  writeFileSync(wasm(dir), "wasm");
  const r = freshBuild(dir);
  assert.equal(r.built, false);
  assert.match(r.out, /up to date/);
});

for (const source of SOURCES) {
  test(`a build older than ${source} is rebuilt`, () => {
    const dir = scratchTree();
    for (const f of INPUTS) age(join(dir, f), 120);
    writeFileSync(wasm(dir), "wasm");
    age(wasm(dir), 60);
    writeFileSync(join(dir, source), "// changed"); // now newer than the wasm, the others older
    const r = freshBuild(dir);
    assert.ok(r.built);
    assert.ok(r.out.includes(`older than ${source}: building`), r.out);
  });
}
