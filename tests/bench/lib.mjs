// Shared by the Node collectors of `make bench`: where things are, which bundles, JSON lines out.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = process.env.GOM_SHARED || join(ROOT, '..', 'shared');
export { measure } from './measure.mjs';

function jsonFiles(dir, group) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ group, name: basename(f, '.json'), text: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * The bench bundles and the upstream IG bundles: { group: 'bundle'|'ig', name, text }. With
 * GOM_BENCH_ONLY=name (e.g. `valid`), only the bundles of that name (what ratio.mjs measures).
 */
export function bundles() {
  const only = process.env.GOM_BENCH_ONLY;
  return [
    ...jsonFiles(join(SHARED, 'bench', 'bundles'), 'bundle'),
    ...jsonFiles(join(SHARED, 'research', 'fixtures', 'genomics-ig', 'Bundle'), 'ig'),
  ].filter((b) => !only || b.name === only);
}

/** One JSON line of results on standard output. */
export function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}
