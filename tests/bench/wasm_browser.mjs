// gom's Wasm build for the web (core/pkg-web) validating the same bundles in headless Chromium:
// a tiny static server on loopback serves the package, measure.mjs and a page that runs the
// bundles and hands the figures back. µs per bundle. JSON lines.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { ROOT, bundles, emit } from './lib.mjs';
import { launchBrowser } from '../browser/lib.mjs';

// GOM_PKGS: another folder holding a pkg-web/ build (ratio.mjs compares builds).
const PKG = join(process.env.GOM_PKGS || join(ROOT, 'core'), 'pkg-web');
const PAGE = `<!doctype html><meta charset="utf-8"><title>gom bench</title>
<script type="module">
  import init, * as gom from '/pkg/gom.js';
  import { measure, measureMin } from '/measure.mjs';
  await init({ module_or_path: '/pkg/gom_bg.wasm' });
  const list = await (await fetch('/bundles.json')).json();
  const MIN = ${Boolean(process.env.GOM_BENCH_MIN)};
  const out = [];
  // A second of every bundle first, as in wasm_node.mjs: the optimised Wasm code, not Liftoff's.
  const t0 = performance.now();
  while (list.length && performance.now() - t0 < 1000) for (const b of list) gom.validate(b.text);
  for (const b of list) {
    const r = gom.validate(b.text);
    const us = measure(() => gom.validate(b.text));
    const usMin = MIN ? measureMin(() => gom.validate(b.text)).min : undefined;
    out.push({ group: b.group, name: b.name, us, usMin, valid: r.valid });
  }
  window.results = out;
</script>`;

const list = JSON.stringify(bundles());
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  // Cross-origin isolated, so that performance.now() counts µs (100 µs steps otherwise).
  const send = (type, body) => {
    res.writeHead(200, {
      'Content-Type': type,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    res.end(body);
  };
  if (url.pathname === '/') return send('text/html', PAGE);
  if (url.pathname === '/bundles.json') return send('application/json', list);
  if (url.pathname === '/measure.mjs') return send('text/javascript', readFileSync(join(ROOT, 'tests', 'bench', 'measure.mjs')));
  const file = normalize(join(PKG, url.pathname.replace(/^\/pkg\//, '')));
  if (url.pathname.startsWith('/pkg/') && file.startsWith(PKG + sep) && existsSync(file)) {
    return send(file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript', readFileSync(file));
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.results, null, { timeout: 300000 }).catch((e) => {
    throw new Error(`the bench page did not finish: ${errors.join('; ') || e}`);
  });
  for (const r of await page.evaluate(() => window.results)) emit({ suite: 'wasm-chromium', ...r });
  emit({ suite: 'env', name: 'chromium', value: browser.context.browser()?.version() ?? 'chromium' });
} finally {
  await browser.close();
  server.close();
}
