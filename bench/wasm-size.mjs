// Where the wasm's bytes go (twiggy, per crate / module): a section of docs/benchmarks.md, no
// ratio rows. Skipped with a note when twiggy or the release build is missing.

import { sizeReport, sizeReportMarkdown } from "./size-report.mjs";

export const id = "wasm-size";

export async function run({ log }) {
  try {
    const report = await sizeReport({ top: 15 });
    log("  twiggy report: done");
    return { rows: [], section: { title: "Where the wasm bytes go", body: sizeReportMarkdown(report) } };
  } catch (e) {
    return { rows: [], notes: [`No per-crate size report: ${String(e?.message ?? e).split("\n")[0]}`] };
  }
}
