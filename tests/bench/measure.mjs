// Timing shared by every JS collector of `make bench` (Node and the browser page): warm up,
// then several batches sized to ~`batchMs` each; the figure is the median batch's mean.
// Plain ES module without imports, so the browser page can load it as it is.
const now = () => performance.now();

/** Sorted batch means (µs per call) of `fn`: warm up for `warmMs`, then `batches` batches of ~`batchMs`. */
function batchMeans(fn, warmMs, batchMs, batches) {
  let n = 0;
  const t0 = now();
  while (now() - t0 < warmMs || n < 3) { fn(); n++; }
  const iters = Math.max(3, Math.ceil(batchMs / Math.max((now() - t0) / n, 1e-6)));
  const means = [];
  for (let b = 0; b < batches; b++) {
    const s = now();
    for (let i = 0; i < iters; i++) fn();
    means.push(((now() - s) * 1000) / iters);
  }
  return means.sort((a, b) => a - b);
}

/** Mean µs per call of `fn`: median of `batches` batch means, after a warm-up. */
export function measure(fn, { warmMs = 150, batchMs = 120, batches = 5 } = {}) {
  const means = batchMeans(fn, warmMs, batchMs, batches);
  return means[Math.floor(means.length / 2)];
}

/**
 * The lowest and the median of many short batch means (µs per call), after a long warm-up: on a
 * loaded machine a 120 ms batch is always preempted somewhere, a 2 ms one often not, so the
 * lowest is the figure that compares across suites measured under different load (ratio.mjs).
 * In a browser it needs cross-origin isolation for performance.now() in µs, not 100 µs steps.
 */
export function measureMin(fn, { warmMs = 600, batchMs = 2, batches = 150 } = {}) {
  const means = batchMeans(fn, warmMs, batchMs, batches);
  return { min: means[0], median: means[Math.floor(means.length / 2)] };
}
