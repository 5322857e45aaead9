// Reads the native (criterion) figures of this run from target/criterion: every benchmark whose
// estimates were written after the run began (argument: epoch ms). JSON lines.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, emit } from './lib.mjs';

const since = Number(process.argv[2] || 0);
const base = join(ROOT, 'target', 'criterion');

function* dirs(d, depth = 0) {
  if (depth > 4 || !existsSync(d)) return;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(d, e.name);
    if (e.name === 'new') yield p;
    else if (e.name !== 'base' && e.name !== 'report') yield* dirs(p, depth + 1);
  }
}

for (const d of dirs(base)) {
  const est = join(d, 'estimates.json');
  const meta = join(d, 'benchmark.json');
  if (!existsSync(est) || !existsSync(meta) || statSync(est).mtimeMs < since) continue;
  const m = JSON.parse(readFileSync(meta, 'utf8'));
  const e = JSON.parse(readFileSync(est, 'utf8'));
  emit({
    suite: 'native',
    id: m.full_id,
    group: m.group_id,
    fn: m.function_id ?? null,
    param: m.value_str ?? null,
    ns: e.mean.point_estimate,
    lo: e.mean.confidence_interval.lower_bound,
    hi: e.mean.confidence_interval.upper_bound,
    elements: m.throughput?.Elements ?? null,
    bytes: m.throughput?.Bytes ?? null,
  });
}
