// The thin slice end to end: the built portal, served by the native harness, renders in headless
// Chromium, validates a pasted bundle live, keeps it across a reload, makes no foreign request
// and logs no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, launchBrowser, watch } from './lib.mjs';

const bundle = (method) => JSON.stringify({
  resourceType: 'Bundle', type: 'transaction',
  entry: [{ fullUrl: 'urn:uuid:5d6f3c2e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient' },
    request: { method, url: 'Patient' } }],
}, null, 2);

let server, browser, page, problems;

before(async () => {
  server = await startHarness();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  problems = watch(page, server.url);
  await page.goto(server.url + '/');
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the Wasm app renders its page', async () => {
  await page.waitForSelector('h1', { timeout: 20000 });
  assert.equal(await page.textContent('h1'), 'Check a genomic order bundle');
  assert.ok(await page.isVisible('textarea#bundle-json'));
});

test('a pasted bundle is validated live, and fixing it clears the error', async () => {
  await page.fill('#bundle-json', bundle('DELETE'));
  await page.waitForSelector('.nhsuk-error-summary');
  const summary = await page.textContent('.nhsuk-error-summary');
  assert.match(summary, /There is 1 problem to fix/);
  assert.match(summary, /`DELETE` is not supported by GOMS/);
  assert.equal(await page.getAttribute('.gom-issue', 'data-code'), 'GOM-BDL-012');
  await page.fill('#bundle-json', bundle('POST'));
  await page.waitForSelector('.nhsuk-error-summary', { state: 'detached' });
  assert.match(await page.textContent('#gom-verdict'), /No errors/);
});

test('choosing a finding selects its place in the JSON', async () => {
  await page.fill('#bundle-json', bundle('PATCH'));
  await page.click('.nhsuk-error-summary a');
  const sel = await page.evaluate(() => {
    const t = document.getElementById('bundle-json');
    return [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)];
  });
  assert.deepEqual(sel, [true, '"PATCH"']);
});

test('the text survives a reload', async () => {
  await page.reload();
  await page.waitForSelector('.nhsuk-error-summary');
  assert.match(await page.inputValue('#bundle-json'), /"PATCH"/);
});

test('no console error and no request to another origin', async () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
