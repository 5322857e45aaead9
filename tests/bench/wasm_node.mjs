// gom's Wasm build (core/pkg-nodejs, as an integrator imports it) validating the same bundles
// as the native bench, in Node: µs per bundle (parse from text + validate). JSON lines.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, bundles, measure, emit } from './lib.mjs';
import { measureMin } from './measure.mjs';

const gom = createRequire(import.meta.url)(join(process.env.GOM_PKGS || join(ROOT, 'core'), 'pkg-nodejs', 'gom.js'));
const list = bundles();
// A second of every bundle first: V8 runs new Wasm code unoptimised (Liftoff) and optimises the
// hot functions on background threads; on a loaded machine measure()'s own warm-up can end
// before the big ones are optimised, and a lone bundle (GOM_BENCH_ONLY) then measures 10x slow.
const t0 = performance.now();
while (list.length && performance.now() - t0 < 1000) for (const b of list) gom.validate(b.text);
for (const b of list) {
  const r = gom.validate(b.text);
  const us = measure(() => gom.validate(b.text));
  // GOM_BENCH_MIN=1 (ratio.mjs): also the lowest of many short batches.
  const usMin = process.env.GOM_BENCH_MIN ? measureMin(() => gom.validate(b.text)).min : undefined;
  const errors = r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.code);
  emit({ suite: 'wasm-node', group: b.group, name: b.name, us, usMin, bytes: b.text.length, valid: r.valid, errors });
}
emit({ suite: 'env', name: 'node', value: process.version });
