// Prints the headline table for the README's "## Performance" section from the last full run
// (test-output/bench/results.json, written by bench/run.mjs), so the README quotes that run.
//   node bench/readme-table.mjs

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fmtRatio } from "./lib/report.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const { machine, rows } = JSON.parse(readFileSync(`${root}test-output/bench/results.json`, "utf8"));
const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));

const ratio = (key) => {
  const r = byKey[key];
  if (!r?.edge?.median || !r?.incumbent?.median) return "—";
  return fmtRatio(r.edge.median / r.incumbent.median, r.goal);
};
const fails = (key) => (byKey[key]?.edge?.median && byKey[key]?.incumbent?.unavailable ? "verified; @clerk/backend rejects them with a PEM `jwtKey`" : ratio(key));
const pair = (a, b) => `${ratio(a)} / ${ratio(b)}`;
const ms = (key, lib) => byKey[key]?.[lib]?.median?.toFixed(1);
const kib = (key, lib) => (byKey[key]?.[lib]?.median / 1024).toFixed(1);

const lines = [
  "| | Node | workerd |",
  "|---|---|---|",
  `| \`verifyToken\`, distinct RS256-2048 tokens, one at a time (goal ≥ 2×) | ${ratio("verify_rs256_2048")} | ${ratio("verify_rs256_2048_workerd")} |`,
  `| \`verifyToken\`, distinct tokens, 16 in flight (goal ≥ 2×) | ${ratio("verify_rs256_2048_x16")} | ${ratio("verify_rs256_2048_x16_workerd")} |`,
  `| \`verifyToken\`, the same token repeatedly (goal ≥ 20×) | ${ratio("verify_same")} | ${ratio("verify_same_workerd")} |`,
  `| \`verifyToken\`, RS256-4096 and RS512 tokens | ${fails("verify_rs256_4096")} | ${byKey.verify_rs256_4096_workerd?.incumbent?.unavailable ? "same" : ratio("verify_rs256_4096_workerd")} |`,
  `| \`authenticateRequest\`, \`__session\` cookie, distinct / same token | ${pair("auth_distinct", "auth_same")} | — |`,
  `| \`users.get\` calls/s vs @clerk/backend / vs raw \`fetch\` (goal ≥ 0.9× fetch) | ${pair("api_users_get", "api_vs_fetch")} | ${pair("api_users_get_workerd", "api_vs_fetch_workerd")} |`,
  `| cold start: import + client + first verification (goal ≤ 1×) | ${ratio("cold_total")} (${ms("cold_total", "edge")} vs ${ms("cold_total", "incumbent")} ms) | — |`,
  `| minimal worker bundle (client + \`verifyToken\`), gzip (goal ≤ 1×) | ${ratio("bundle_gzip")} (${kib("bundle_gzip", "edge")} vs ${kib("bundle_gzip", "incumbent")} KiB) | — |`,
];
console.log(`Run of ${machine.date.slice(0, 10)} (${machine.date}); ratios are clerk-edge ÷ @clerk/backend.\n`);
console.log(lines.join("\n"));
