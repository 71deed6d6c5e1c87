// Turns the measurements' rows into docs/benchmarks.md and the chart docs/benchmarks.svg.
//
// A row: { key, figure, unit, higherIsBetter, edge, incumbent, incumbentLabel?, goal?, note? }
// where edge/incumbent are stats summaries ({ median, p25, p75, min, max, n }), exact values
// ({ median, exact: true }) or { unavailable: "why" }.

const INCUMBENT = "@clerk/backend";

const fmtNum = (v) => {
  if (!Number.isFinite(v)) return "—";
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

const UNIT_SHORT = { "verifications/s": "/s", "requests/s": "/s", "calls/s": "/s", ms: " ms", bytes: " B" };

export function formatFigure(s, unit) {
  if (!s) return "—";
  if (s.unavailable) return s.unavailable;
  const u = UNIT_SHORT[unit] ?? ` ${unit}`;
  if (s.exact) return `${fmtNum(s.median)}${u}`;
  return `${fmtNum(s.median)}${u} (${fmtNum(s.p25)}–${fmtNum(s.p75)})`;
}

/**
 * A ratio as text ("2.82×", "27.8×"); one more decimal where the usual ones would round it onto
 * its goal (0.8987 is "0.899×", not a "0.90×" that misses a goal of 0.9).
 */
export function fmtRatio(x, goal) {
  const digits = x >= 10 ? 1 : 2;
  const text = x.toFixed(digits);
  return `${goal && Number(text) === goal.ratio && x !== goal.ratio ? x.toFixed(digits + 1) : text}×`;
}

/** { ratio, advantage, met, text } for a row: ratio = edge ÷ other; advantage > 1 = clerk-edge better. */
export function judge(row) {
  const { edge, incumbent, goal, higherIsBetter } = row;
  if (!edge || edge.unavailable) return { ratio: null, met: goal ? "not measured" : "", text: "—" };
  if (!incumbent || incumbent.unavailable) {
    return { ratio: null, met: goal ? "n/a" : "", text: `— (${row.incumbentLabel ?? INCUMBENT} fails)` };
  }
  const ratio = edge.median / incumbent.median;
  const advantage = higherIsBetter ? ratio : 1 / ratio;
  let met = "";
  if (goal) met = (higherIsBetter ? ratio >= goal.ratio : ratio <= goal.ratio) ? "yes" : "**no**";
  return { ratio, advantage, met, text: fmtRatio(ratio, goal) };
}

function summaryTable(rows) {
  const out = [
    `| figure | clerk-edge | ${INCUMBENT} | ratio (clerk-edge ÷ other) | goal | met? |`,
    "|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const j = judge(row);
    const other = row.incumbentLabel ? `${row.incumbentLabel}: ${formatFigure(row.incumbent, row.unit)}` : formatFigure(row.incumbent, row.unit);
    const figure = `${row.figure} (${row.unit}${row.higherIsBetter ? ", higher is better" : ", lower is better"})`;
    out.push(`| ${figure} | ${formatFigure(row.edge, row.unit)} | ${other} | ${j.text} | ${row.goal?.text ?? "—"} | ${j.met || "—"} |`);
  }
  return out.join("\n");
}

function detailTable(rows) {
  const out = ["| figure | library | median | p25–p75 | min–max | samples |", "|---|---|---|---|---|---|"];
  const shown = new Set(); // a result shared by two rows (users.get) is listed once
  for (const row of rows) {
    for (const [lib, s] of [["clerk-edge", row.edge], [row.incumbentLabel ?? INCUMBENT, row.incumbent]]) {
      if (!s || s.exact || shown.has(s)) continue;
      shown.add(s);
      if (s.unavailable) {
        out.push(`| ${row.figure} | ${lib} | ${s.unavailable} | | | |`);
        continue;
      }
      out.push(`| ${row.figure} | ${lib} | ${fmtNum(s.median)} | ${fmtNum(s.p25)}–${fmtNum(s.p75)} | ${fmtNum(s.min)}–${fmtNum(s.max)} | ${s.n} |`);
    }
  }
  return out.join("\n");
}

const escapeXml = (s) => String(s).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);

/** Horizontal bars of each row's advantage (log scale; > 1 = clerk-edge better), goal ticks. */
export function chartSvg(rows, title) {
  const bars = rows.map((row) => ({ row, j: judge(row) })).filter((b) => b.j.advantage);
  const labelW = 470, plotW = 400, rowH = 24, top = 56, pad = 16;
  const height = top + bars.length * rowH + 40;
  const width = labelW + plotW + pad * 2 + 60;
  const values = bars.flatMap((b) => [b.j.advantage, b.row.goal ? goalAdvantage(b.row) : 1]);
  const lo = Math.min(0.1, ...values.map((v) => v / 1.5));
  const hi = Math.max(10, ...values.map((v) => v * 1.5));
  const x = (v) => labelW + pad + (Math.log10(v / lo) / Math.log10(hi / lo)) * plotW;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${pad}" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${pad}" y="40" fill="#555">Advantage of clerk-edge over the other side (log scale, &gt; 1 = clerk-edge better). Tick = goal. Green = goal met, red = not met, grey = no goal.</text>`,
  ];
  for (let d = Math.ceil(Math.log10(lo)); d <= Math.floor(Math.log10(hi)); d++) {
    const v = 10 ** d;
    parts.push(`<line x1="${x(v)}" y1="${top - 6}" x2="${x(v)}" y2="${top + bars.length * rowH}" stroke="${v === 1 ? "#333" : "#ddd"}"/>`);
    parts.push(`<text x="${x(v)}" y="${top + bars.length * rowH + 16}" text-anchor="middle" fill="#555">${v}×</text>`);
  }
  bars.forEach(({ row, j }, i) => {
    const y = top + i * rowH;
    const color = !row.goal ? "#9e9e9e" : j.met === "yes" ? "#2e7d32" : "#c62828";
    const x0 = x(Math.min(1, j.advantage)), x1 = x(Math.max(1, j.advantage));
    const label = row.figure.length > 70 ? `${row.figure.slice(0, 69)}…` : row.figure;
    parts.push(`<text x="${labelW}" y="${y + 16}" text-anchor="end">${escapeXml(label)}</text>`);
    parts.push(`<rect x="${x0}" y="${y + 5}" width="${Math.max(1, x1 - x0)}" height="${rowH - 10}" fill="${color}"/>`);
    const value = `${j.advantage.toFixed(j.advantage >= 10 ? 1 : 2)}×`;
    parts.push(j.advantage >= 1
      ? `<text x="${x1 + 4}" y="${y + 16}" fill="#333">${value}</text>`
      : `<text x="${x0 - 4}" y="${y + 16}" text-anchor="end" fill="#333">${value}</text>`);
    if (row.goal) {
      const g = x(goalAdvantage(row));
      parts.push(`<line x1="${g}" y1="${y + 2}" x2="${g}" y2="${y + rowH - 2}" stroke="#000" stroke-width="2"/>`);
    }
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

const goalAdvantage = (row) => (row.higherIsBetter ? row.goal.ratio : 1 / row.goal.ratio);

/** One line per goal row: met, not met, or not comparable. */
function goalSummary(rows) {
  const judged = rows.filter((r) => r.goal).map((r) => ({ r, j: judge(r) }));
  const met = judged.filter((x) => x.j.met === "yes");
  const missed = judged.filter((x) => x.j.met !== "yes");
  const list = missed.map(({ r, j }) => `- not met: ${r.figure}: ${j.text} (goal ${r.goal.text})`).join("\n");
  return `Goals met: **${met.length} of ${judged.length}**${met.length ? ` (${met.map((x) => x.r.figure).join("; ")})` : ""}.${list ? `\n\n${list}` : ""}`;
}

/** The whole docs/benchmarks.md. */
export function markdown({ rows, machine, sections, notes, seconds }) {
  return `# Benchmarks: clerk-edge vs @clerk/backend

<!-- Written by \`npm run bench\` (bench/run.mjs). Do not edit by hand: re-run the suite. -->

Run it with \`npm run bench\` (= \`node bench/run.mjs\`, about ${Math.ceil(seconds / 60)} min) after
\`bash scripts/build.sh\`; \`--quick\` takes fewer samples, \`--only verify,api\` runs a subset without
writing this file. The per-crate size section needs \`twiggy\` (\`cargo install twiggy\`).

Both libraries run side by side in the same run, on the same inputs (keys and tokens minted with
node:crypto for this run). Each figure is the median of ${machine.runs} samples after warm-up, with
the interquartile range (p25–p75) in brackets; "ratio" is clerk-edge ÷ the other side (for
throughput higher is better, for time and size lower is better).

- Date: ${machine.date} (suite took ${Math.round(seconds)} s)
- Machine: ${machine.cpu} × ${machine.cores} cores, ${machine.memGiB} GiB RAM, ${machine.os}; load average at start ${machine.load}
- Node ${machine.node}; workerd via miniflare ${machine.miniflare}; esbuild ${machine.esbuild}
- clerk-edge ${machine.edgeVersion} (wasm ${machine.wasmBytes.toLocaleString("en-US")} B, sha256 ${machine.wasmHash}); @clerk/backend ${machine.backendVersion}
- The machine is shared (2 cores, other work running): absolute figures move from run to run; the ratios, measured interleaved in one process, are the meaningful part.

## Results

${goalSummary(rows)}

${summaryTable(rows)}

![Advantage of clerk-edge per figure](benchmarks.svg)

${notes.length ? `## Notes\n\n${notes.map((n) => `- ${n}`).join("\n")}\n` : ""}
${sections.map((s) => `## ${s.title}\n\n${s.body}\n`).join("\n")}
## All samples

${detailTable(rows)}

## Method

- Throughput (items 1–4, 7): each sample is one timed batch (a fixed slice of distinct tokens, or
  as many calls as fit in 250–300 ms); the two libraries alternate sample by sample (A B, B A, ...)
  in the same process, after ${machine.warmup} warm-up sample(s) each. Distinct-token runs give each
  library every token exactly once, so no cache can help; "the same token" runs repeat one token.
- jwtKey is the PEM public key for both libraries. Tokens are Clerk-shaped v2 session tokens.
- The API server for item 4 is a separate Node process on 127.0.0.1 (keep-alive), so serving does
  not share the client's event loop; all three clients use the runtime's global fetch.
- Cold start (item 5): one fresh \`node\` process per sample; times are taken inside the child
  with performance.now().
- Sizes (item 6): esbuild ${machine.esbuild}, \`--bundle --minify --format=esm\`, workerd/worker/browser
  conditions; gzip level 9. clerk-edge's wasm is a separate module of the worker (as deployed), so
  its bundle is JS + wasm, each gzipped on its own.
- workerd (item 7): the same loops run inside a worker (miniflare ${machine.miniflare}), timed with
  the worker's performance.now(), which ticks in whole milliseconds: workerd batches are larger
  than Node's so that a sample lasts ≥ 50 ms (one tick ≤ 2%).
`;
}
