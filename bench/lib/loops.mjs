// Timed loops, runtime-neutral (Node and the workerd bench worker both import this file).
// Each returns { ops, ms } for one sample.

const now = () => performance.now();

/** Awaits `fn(item)` for each item, one at a time. */
export async function serial(fn, items) {
  const t0 = now();
  for (const item of items) await fn(item);
  return { ops: items.length, ms: now() - t0 };
}

/** Keeps `width` calls of `fn(item)` in flight until every item is done. */
export async function inFlight(fn, items, width) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  const t0 = now();
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return { ops: items.length, ms: now() - t0 };
}

/** Awaits `fn()` repeatedly, in batches of `batch`, until at least `minMs` have passed. */
export async function forDuration(fn, minMs, batch = 20) {
  let ops = 0;
  const t0 = now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < batch; i++) await fn();
    ops += batch;
    elapsed = now() - t0;
  }
  return { ops, ms: elapsed };
}
