// Where the wasm's bytes go, per crate / module, with twiggy (`cargo install twiggy`).
//
//   node bench/size-report.mjs [--top N]     print the report
//
// Rebuilds nothing with cargo: it takes the release wasm of the last `bash scripts/build.sh`
// (target/wasm32-unknown-unknown/release/clerk_edge.wasm), runs wasm-bindgen --keep-debug and
// the build's optimising wasm-opt (scripts/wasm-opt.args) keeping names (-g), and checks that the
// result minus the name section is pkg/dist/clerk_edge_bg.wasm's size (the build's function
// reordering for gzip moves functions, it does not change them; otherwise the two builds differ
// and the report says so).
// Also used by bench/run.mjs for a section of docs/benchmarks.md.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../", import.meta.url));
const run = promisify(execFile);
const RELEASE_WASM = `${root}target/wasm32-unknown-unknown/release/clerk_edge.wasm`;
const SHIPPED_WASM = `${root}pkg/dist/clerk_edge_bg.wasm`;
const WASM_OPT = `${root}node_modules/.bin/wasm-opt`;
/** The build's wasm-opt arguments (scripts/wasm-opt.args: one per line, `#` comments). */
const OPT_ARGS = readFileSync(`${root}scripts/wasm-opt.args`, "utf8")
  .split("\n")
  .map((line) => line.replace(/#.*/, "").trim())
  .filter(Boolean);
const bin = (name) => [join(homedir(), ".cargo", "bin", name), name].find((p) => p === name || existsSync(p));

const DATA_GROUP = "data segments (strings, tables, constants)";

/** The crate/module an item belongs to, for grouping. */
export function groupOf(name) {
  if (name.startsWith("data segment")) return DATA_GROUP;
  if (/ shim$|^__wbindgen|^__wbg_|^__externref/.test(name)) return "wasm-bindgen shims and intrinsics";
  if (/^(func|type|table|elem|import|export|global|memory|code section|data section|custom section)\b|^\[/.test(name)) {
    return "wasm structure (types, imports, exports, tables)";
  }
  // `<a::B as c::D>::f` belongs to a; `a[hash]::b::c` to a (hashes dropped).
  const path = name.replace(/^[<&\s]+/, "").replace(/\[[0-9a-f]+\]/g, "");
  const parts = path.split("::");
  if (parts[0] === "clerk_edge") {
    if (parts[1] === "auth" || parts[1] === "generated") return `clerk_edge::${parts[1]}::${parts[2]?.split(/[<{ ]/)[0]}`;
    return `clerk_edge::${parts[1]?.split(/[<{ ]/)[0]}`;
  }
  const head = parts[0].split(/[<{ ]/)[0] || name;
  // Methods on primitive types (`<&str as Pattern>`, `<char as Debug>`) live in core.
  return /^(str|char|bool|[iu](8|16|32|64|128|size)|f32|f64|\[.*\])$/.test(head) ? "core" : head;
}

/** The function bodies (with their names) and the data segments' bytes of a wasm module. */
function codeAndData(wasm) {
  let p = 8;
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[p++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  };
  const name = () => {
    const len = u32();
    return wasm.subarray(p, (p += len)).toString("utf8");
  };
  const sections = [];
  while (p < wasm.length) {
    const id = wasm[p++];
    const len = u32();
    sections.push({ id, start: p, end: p + len });
    p += len;
  }
  let imported = 0; // imported functions come first in the function index space
  for (const s of sections.filter((s) => s.id === 2)) {
    p = s.start;
    for (let n = u32(); n > 0; n--) {
      name();
      name();
      const kind = wasm[p++];
      if (kind === 0) (u32(), imported++);
      else if (kind === 1) (p++, u32() & 1 ? (u32(), u32()) : u32());
      else if (kind === 2) u32() & 1 ? (u32(), u32()) : u32();
      else p += 2;
    }
  }
  const bodies = [];
  for (const s of sections.filter((s) => s.id === 10)) {
    p = s.start;
    for (let n = u32(); n > 0; n--) {
      const len = u32();
      bodies.push({ name: "", bytes: wasm.subarray(p, (p += len)) });
    }
  }
  for (const s of sections.filter((s) => s.id === 0)) {
    p = s.start;
    if (name() !== "name") continue;
    while (p < s.end) {
      const id = wasm[p++];
      const end = u32() + p;
      for (let n = id === 1 ? u32() : 0; n > 0; n--) {
        const index = u32() - imported;
        const fn = name();
        if (bodies[index]) bodies[index].name = fn;
      }
      p = end;
    }
  }
  const data = Buffer.concat(sections.filter((s) => s.id === 11).map((s) => wasm.subarray(s.start, s.end)));
  return { bodies, data };
}

/**
 * What each group costs gzipped: gzip -9 of every function body and the data, minus the same
 * without that group's bodies (for the data group: without the data). Marginal, so the figures
 * do not add up to the total exactly; in LLVM's function order, not the shipped one.
 */
function marginalGzip(wasm, groups) {
  const gz = (parts) => gzipSync(Buffer.concat(parts), { level: 9 }).length;
  const { bodies, data } = codeAndData(wasm);
  const all = gz([...bodies.map((b) => b.bytes), data]);
  const cost = new Map();
  for (const group of groups) {
    const others = bodies.filter((b) => groupOf(b.name) !== group).map((b) => b.bytes);
    if (group === DATA_GROUP) cost.set(group, all - gz(bodies.map((b) => b.bytes)));
    else if (others.length < bodies.length) cost.set(group, all - gz([...others, data]));
  }
  return cost;
}

/** `{ total, shipped, matches, groups: [{ group, bytes, gzip }], top: [{ name, bytes }] }` */
export async function sizeReport({ top = 25 } = {}) {
  for (const [path, what] of [[RELEASE_WASM, "release wasm (run bash scripts/build.sh)"], [SHIPPED_WASM, "pkg/dist wasm"], [WASM_OPT, "npm binaryen"]]) {
    if (!existsSync(path)) throw new Error(`missing ${what}: ${path}`);
  }
  const twiggy = bin("twiggy");
  const dir = mkdtempSync(join(tmpdir(), "clerk-edge-size-"));
  try {
    // Same --out-name as the build: it is the module name of every import, so it counts.
    await run(bin("wasm-bindgen"), [RELEASE_WASM, "--keep-debug", "--target", "web", "--out-dir", dir, "--out-name", "clerk_edge"]);
    const named = join(dir, "named.wasm");
    await run(WASM_OPT, [...OPT_ARGS, "-g", "--strip-producers", "--strip-target-features", join(dir, "clerk_edge_bg.wasm"), "-o", named], { timeout: 300_000 });
    const { stdout } = await run(twiggy, ["top", "-n", "100000", "-f", "json", named], { maxBuffer: 64 << 20 });
    // The name section (kept by -g for twiggy) is not shipped: leave its subsections out.
    const items = JSON.parse(stdout).filter((i) => !/ subsection$/.test(i.name));
    const total = items.reduce((n, i) => n + i.shallow_size, 0);
    const groups = new Map();
    for (const i of items) groups.set(groupOf(i.name), (groups.get(groupOf(i.name)) ?? 0) + i.shallow_size);
    const shipped = statSync(SHIPPED_WASM).size;
    const largest = [...groups].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 20);
    const gzip = marginalGzip(readFileSync(named), largest.map((g) => g.group));
    return {
      total,
      shipped,
      // Same build iff the named module minus its names is the shipped module (± section headers).
      matches: Math.abs(total - shipped) < 256,
      groups: largest.map((g) => ({ ...g, gzip: gzip.get(g.group) })),
      top: items.slice(0, top).map((i) => ({ name: i.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]+\]/g, ""), bytes: i.shallow_size })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Markdown tables of a report. */
export function sizeReportMarkdown(r) {
  const pct = (b) => `${((100 * b) / r.total).toFixed(1)}%`;
  const groups = r.groups.map((g) => `| ${g.group} | ${g.bytes.toLocaleString("en-US")} | ${pct(g.bytes)} | ${g.gzip?.toLocaleString("en-US") ?? "—"} |`);
  const top = r.top.map((i) => `| \`${i.name.replace(/\|/g, "\\|")}\` | ${i.bytes.toLocaleString("en-US")} | ${pct(i.bytes)} |`);
  return `Bytes of the optimised wasm (${r.total.toLocaleString("en-US")} B without names${r.matches ? ", the same build as pkg/dist" : `; **pkg/dist is ${r.shipped.toLocaleString("en-US")} B: a different build**`}), from twiggy, uncompressed.

| crate / module | bytes | share | gzip -9, marginal (B) |
|---|---|---|---|
${groups.join("\n")}

The gzip column: what gzipping the code and data costs with the group, against without it (no
figure for what is neither).

Largest single items:

| item | bytes | share |
|---|---|---|
${top.join("\n")}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = process.argv.includes("--top") ? Number(process.argv[process.argv.indexOf("--top") + 1]) : 25;
  const r = await sizeReport({ top: n });
  console.log(sizeReportMarkdown(r));
}
