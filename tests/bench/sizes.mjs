// Raw and gzip bytes of every .wasm built (the JS package's and the portal's), and the portal's
// transfer (its Wasm and JS glue). gzip is GNU gzip -9, as tests/scripts/sizes.sh counts it, so
// the two agree to the byte (zlib's deflate at level 9 gives about 0.8% more). JSON lines.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, emit } from './lib.mjs';

const gzip = (path) => execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 1 << 28 }).length;

for (const dir of ['core/pkg-web', 'core/pkg-bundler', 'core/pkg-nodejs', 'dist']) {
  const d = join(ROOT, dir);
  if (!existsSync(d)) continue;
  for (const f of readdirSync(d).filter((f) => f.endsWith('.wasm')).sort()) {
    const path = join(d, f);
    emit({ suite: 'size', name: `${dir}/${f}`, raw: readFileSync(path).length, gzip: gzip(path) });
  }
}

const dist = join(ROOT, 'dist');
if (existsSync(dist)) {
  const files = readdirSync(dist).filter((f) => f.endsWith('.wasm') || (f.startsWith('gom-portal-') && f.endsWith('.js')));
  if (files.length) {
    const paths = files.map((f) => join(dist, f));
    emit({
      suite: 'size', name: 'portal transfer (Wasm + JS)',
      raw: paths.reduce((n, p) => n + readFileSync(p).length, 0), gzip: paths.reduce((n, p) => n + gzip(p), 0),
    });
  }
}
