// Raw and gzip (level 9) bytes of every .wasm built: the JS package's and the portal's. JSON lines.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, emit } from './lib.mjs';

for (const dir of ['core/pkg-web', 'core/pkg-bundler', 'core/pkg-nodejs', 'dist']) {
  const d = join(ROOT, dir);
  if (!existsSync(d)) continue;
  for (const f of readdirSync(d).filter((f) => f.endsWith('.wasm')).sort()) {
    const bytes = readFileSync(join(d, f));
    emit({ suite: 'size', name: `${dir}/${f}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
}
