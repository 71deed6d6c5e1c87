// Sampling and summaries shared by every measurement (Node side; the workerd worker reuses
// loops.mjs, not this file). A "sample" is one timed batch; a figure is the median of its samples.

/** Quantile q (0..1) of sorted numbers, linear interpolation. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { median, p25, p75, min, max, n, samples } of a list of numbers. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
    samples: values,
  };
}

/**
 * Runs each contender's `sample(round)` warmup + runs times, interleaved (A B, then B A, ...) so
 * that load from the rest of this shared machine falls on both sides alike. A sample returns
 * `{ ops, ms }`; the figure is ops per second. Contenders marked unavailable are skipped.
 * Returns `{ [name]: summary | { unavailable: reason } }`.
 */
export async function compareThroughput(contenders, { warmup = 1, runs = 7 } = {}) {
  const live = contenders.filter((c) => !c.unavailable);
  const rates = Object.fromEntries(live.map((c) => [c.name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    const order = round % 2 ? [...live].reverse() : live;
    for (const c of order) {
      const { ops, ms } = await c.sample(round);
      if (round >= warmup) rates[c.name].push((ops / ms) * 1000);
    }
  }
  const out = {};
  for (const c of contenders) {
    out[c.name] = c.unavailable ? { unavailable: c.unavailable } : summarize(rates[c.name]);
  }
  return out;
}

/** Ratio of two medians (a / b), or null when either side has no figure. */
export function ratio(a, b) {
  if (!a || !b || a.unavailable || b.unavailable || !a.median || !b.median) return null;
  return a.median / b.median;
}
