// Parity in the browser: every call of the native parity run (target/parity/cases.json) replayed
// on the web build, loaded by the page at /embed/ from its own origin, gives the same answer as
// the native build, value for value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, launchBrowser } from './lib.mjs';
import { parityCases } from '../js/lib.mjs';
import { runCases } from '../js/dispatch.mjs';

let server, browser, page;

before(async () => {
  server = await startHarness();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(server.url + '/embed/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the web build in Chromium answers every native parity case the same', async () => {
  const cases = parityCases();
  const r = await page.evaluate(`(async () => {
    const api = await import('/embed/pkg/gom.js');
    await api.default();
    const runCases = ${runCases.toString()};
    return runCases(api, ${JSON.stringify(cases)});
  })()`);
  console.log(`# parity (Chromium): ${r.total - r.bad}/${r.total} cases identical`);
  assert.equal(r.total, cases.length);
  assert.deepEqual(r.failures, []);
  assert.equal(r.bad, 0);
});
