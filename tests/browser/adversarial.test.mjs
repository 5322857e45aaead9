// The adversarial corpus (tests/adversarial/cases.json) through the JS API in headless Chromium:
// the web package (core/pkg-web, `make package`) served by a tiny static server, every case built
// in the page by generate.mjs and validated there. Each must return (never trap), carry a position
// on every fatal or error issue, give the findings the case expects, and keep the Wasm memory
// bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { ROOT, launchBrowser } from './lib.mjs';
import { generate } from '../adversarial/generate.mjs';

const PKG = join(ROOT, 'core', 'pkg-web');
const CORPUS = join(ROOT, 'tests', 'adversarial');
const cases = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')).cases.filter((c) => !c.native_only);
// The Wasm memory may grow to hold the input, its copy in Wasm and the reader's arena.
const MEMORY_FACTOR = 8;
const MEMORY_SLACK = 64 << 20;

const PAGE = `<!doctype html><meta charset="utf-8"><title>adversarial</title>
<script type="module">
  import init, * as gom from '/pkg/gom.js';
  import { generate } from '/adversarial/generate.mjs';
  const wasm = await init({ module_or_path: '/pkg/gom_bg.wasm' });
  const cases = await (await fetch('/adversarial/cases.json')).json();
  const out = [];
  let longest = 0;
  for (const c of cases.cases.filter((c) => !c.native_only)) {
    const text = c.generate ? generate(c.generate) : c.text;
    longest = Math.max(longest, text.length);
    const t = performance.now();
    let result, error;
    try { result = gom.validate(text); } catch (e) { error = String(e); }
    out.push({ name: c.name, length: text.length, ms: performance.now() - t, error,
      valid: result?.valid, issues: (result?.issues ?? []).slice(0, 50), count: result?.issues.length ?? 0,
      memory: wasm.memory.buffer.byteLength, longest });
  }
  window.results = out;
</script>`;

let server, browser, results;

before(async () => {
  assert.ok(existsSync(join(PKG, 'gom.js')), 'core/pkg-web is missing: run `make package`');
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const send = (type, body) => { res.writeHead(200, { 'Content-Type': type }); res.end(body); };
    if (path === '/') return send('text/html', PAGE);
    for (const [prefix, dir] of [['/pkg/', PKG], ['/adversarial/', CORPUS]]) {
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (path.startsWith(prefix) && file.startsWith(dir + sep) && existsSync(file)) {
        const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.json') ? 'application/json' : 'text/javascript';
        return send(type, readFileSync(file));
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  browser = await launchBrowser();
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.results, null, { timeout: 120000 }).catch((e) => {
    throw new Error(`the corpus page did not finish: ${errors.join('; ') || e}`);
  });
  results = new Map((await page.evaluate(() => window.results)).map((r) => [r.name, r]));
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the generators build the same bytes as the native ones (sha256 in cases.json)', () => {
  for (const c of cases.filter((c) => c.generate && c.sha256)) {
    assert.equal(createHash('sha256').update(generate(c.generate)).digest('hex'), c.sha256, c.name);
  }
});

for (const c of cases) {
  test(`${c.name}: returns, positions every error, gives the expected finding, bounded memory`, () => {
    const r = results.get(c.name);
    assert.ok(r, 'the page ran the case');
    assert.equal(r.error, undefined, 'validate threw or trapped');
    for (const i of r.issues.filter((i) => i.severity === 'fatal' || i.severity === 'error')) {
      assert.ok(i.line >= 1 && i.column >= 1, `${i.code} has no position: ${i.message}`);
    }
    for (const want of c.expect) {
      const found = r.issues.some((i) => i.code === want.code
        && (!want.severity || i.severity === want.severity)
        && (!want.line || i.line === want.line)
        && (!want.column || i.column === want.column));
      assert.ok(found, `expected ${JSON.stringify(want)}, got ${JSON.stringify(r.issues.slice(0, 5).map((i) => [i.code, i.line, i.column]))}`);
    }
    assert.equal(r.valid, false);
    // Wasm memory never shrinks: bound it by the longest input so far.
    assert.ok(r.memory <= MEMORY_FACTOR * r.longest + MEMORY_SLACK, `Wasm memory ${r.memory} B after ${r.longest} chars`);
  });
}
