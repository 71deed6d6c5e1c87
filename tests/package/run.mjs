// The package as its users get it: `npm pack` of pkg/ (prepack: a fresh build), checked, then
// installed from the tarball into throwaway projects outside the repository and run by the
// tools users deploy with. One local mock API serves them all.
//
//   node tests/package/run.mjs [pack node types wrangler deno vite]   (default: all; pack always)
//   KEEP_PROJECTS=1 keeps the projects (their path is printed).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { startMock } from "../mock/server.mjs";
import { pack, tokens, workspace } from "./lib.mjs";
import { checkTarball } from "./pack.mjs";
import { wranglerWorkers } from "./wrangler.mjs";
import { denoProjects } from "./deno.mjs";
import { viteApp } from "./vite.mjs";
import { nodeProject } from "./node.mjs";
import { typesProject } from "./types.mjs";

const SECTIONS = { node: nodeProject, types: typesProject, wrangler: wranglerWorkers, deno: denoProjects, vite: viteApp };
const wanted = process.argv.slice(2).filter((s) => s !== "pack");
const unknown = wanted.filter((s) => !SECTIONS[s]);
if (unknown.length) {
  console.error(`unknown section ${unknown.join(", ")}; choose from pack, ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}
const sections = wanted.length ? wanted : Object.keys(SECTIONS);

const ws = await workspace();
const mock = await startMock({ port: 0 });
const rows = [];
let failed = 0;
try {
  console.log("== pack");
  const { tarball, ms } = await pack(join(ws.dir, "tarball"));
  const unpacked = join(ws.dir, "unpacked");
  await mkdir(unpacked);
  const size = await checkTarball({ tarball, unpacked });
  console.log(`  npm pack (prepack included): ${ms} ms`);
  console.log(`  ${tarball.split("/").pop()}: ${size.files} files (${size.typesFiles} in types/), ` +
    `${size.packed} B packed, ${size.unpacked} B unpacked (wasm ${size.wasm} B)`);

  const t = tokens(mock);
  for (const name of sections) {
    console.log(`== ${name}`);
    try {
      rows.push(...(await SECTIONS[name]({ base: ws.dir, tarball, unpacked: join(unpacked, "package"), mock, t })));
    } catch (err) {
      failed++;
      console.log(`FAIL ${name}: ${err.stack ?? err}`);
    }
  }
} finally {
  await mock.close();
  await ws.remove();
}

console.log("\n== projects (install / build / run, ms)");
for (const r of rows) {
  const cols = [r.installMs, r.buildMs, r.runMs].map((v) => String(v ?? "-").padStart(6)).join(" ");
  console.log(`  ok ${r.name.padEnd(36)} ${cols}  ${r.detail ?? ""}`);
}
console.log(`package: ${rows.length} projects ok, ${failed} section(s) failed`);
process.exit(failed ? 1 : 0);
