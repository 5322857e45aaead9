// Browser security (issue 9 item 4): the harness's Content-Security-Policy, enforced by headless
// Chromium. A page served by `gom-harness serve` runs the inline script it was built with (its
// hash is in the policy) and nothing injected afterwards: no injected inline script, no inline
// event handler, no `javascript:` URL, no eval, and no request to any origin but its own and the
// configured FHIR base.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, launchBrowser } from './lib.mjs';

// Nothing listens on these loopback ports: the base is allowed by the policy (the fetch fails on
// the network, with no violation); the other origin is refused by the policy before any traffic.
const FHIR_BASE = 'http://127.0.0.1:1';
const OTHER = 'http://127.0.0.1:2';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CSP check</title>
<script type="module">
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  window.legit = 'ran';
  try { eval('window.evaluated = 1'); window.evalResult = 'allowed'; } catch (e) { window.evalResult = e.name; }
</script>
</head><body><main id="out"></main></body></html>`;

let dir, server, browser, page;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gom-csp-'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  server = await startHarness(['--dist', dir, '--fhir-base', FHIR_BASE]);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.legit === 'ran', null, { timeout: 10000 });
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the policy has no unsafe-inline, hashes the inline script and names the FHIR base', async () => {
  const res = await fetch(server.url + '/');
  const csp = res.headers.get('content-security-policy');
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}=';/);
  assert.match(csp, new RegExp(`connect-src 'self' ${FHIR_BASE};`));
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
});

test('the page\'s own inline script runs (its hash matches), but eval is refused', async () => {
  assert.equal(await page.evaluate(() => window.legit), 'ran');
  assert.equal(await page.evaluate(() => window.evalResult), 'EvalError');
  assert.equal(await page.evaluate(() => window.evaluated), undefined);
});

test('an injected inline script, event handler and javascript: URL are refused', async () => {
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.pwnedScript = 1';
    document.body.append(s);
    document.getElementById('out').innerHTML = '<img src="data:," onerror="window.pwnedHandler = 1" onload="window.pwnedHandler = 1">';
    const a = document.createElement('a');
    a.href = 'javascript:window.pwnedUrl = 1';
    document.body.append(a);
    a.click();
  });
  await page.waitForFunction(() => window.violations.filter((v) => v.directive.startsWith('script-src')).length >= 3,
    null, { timeout: 5000 });
  const state = await page.evaluate(() => [window.pwnedScript, window.pwnedHandler, window.pwnedUrl]);
  assert.deepEqual(state, [undefined, undefined, undefined]);
  const blocked = await page.evaluate(() => window.violations.map((v) => `${v.directive} ${v.blocked}`));
  assert.ok(blocked.includes('script-src-elem inline'), blocked.join('\n'));
  assert.ok(blocked.includes('script-src-attr inline'), blocked.join('\n'));
});

test('requests go only to the page\'s origin and the FHIR base', async () => {
  const outcome = await page.evaluate(async ([base, other]) => {
    const tryFetch = (u) => fetch(u).then(() => 'ok', (e) => e.name);
    return { self: await tryFetch('/index.html'), base: await tryFetch(base + '/metadata'), other: await tryFetch(other + '/metadata') };
  }, [FHIR_BASE, OTHER]);
  assert.equal(outcome.self, 'ok');
  // Both fail (nothing listens there), but only the other origin is a policy violation.
  const connect = await page.evaluate(() => window.violations.filter((v) => v.directive === 'connect-src').map((v) => v.blocked));
  assert.deepEqual(connect, [OTHER + '/metadata']);
  assert.equal(outcome.other, 'TypeError');
});
