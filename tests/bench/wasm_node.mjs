// gom's Wasm build (core/pkg-nodejs, as an integrator imports it) validating the same bundles
// as the native bench, in Node: µs per bundle (parse from text + validate). JSON lines.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, bundles, measure, emit } from './lib.mjs';

const gom = createRequire(import.meta.url)(join(ROOT, 'core', 'pkg-nodejs', 'gom.js'));
for (const b of bundles()) {
  const r = gom.validate(b.text);
  const us = measure(() => gom.validate(b.text));
  const errors = r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.code);
  emit({ suite: 'wasm-node', group: b.group, name: b.name, us, bytes: b.text.length, valid: r.valid, errors });
}
emit({ suite: 'env', name: 'node', value: process.version });
