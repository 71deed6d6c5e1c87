// Where the wasm's bytes go (twiggy, per crate / module): a section of docs/benchmarks.md, no
// ratio rows. Skipped with a note when twiggy or the release build is missing.

import { readFileSync } from "node:fs";
import { sizeReport, sizeReportMarkdown } from "./size-report.mjs";

export const id = "wasm-size";

export async function run({ log }) {
  try {
    const report = await sizeReport({ top: 15 });
    log("  twiggy report: done");
    // What each piece costs (pieces picked by function name, measured as the report's gzip
    // column) is a dated table by hand (bench/crate-costs.md), shown beside the twiggy report.
    const costs = readFileSync(new URL("./crate-costs.md", import.meta.url), "utf8").trim();
    const body = `${sizeReportMarkdown(report)}\n\n### What the pieces cost\n\n${costs}`;
    return { rows: [], section: { title: "Where the wasm bytes go", body } };
  } catch (e) {
    return { rows: [], notes: [`No per-crate size report: ${String(e?.message ?? e).split("\n")[0]}`] };
  }
}
