// The portal end to end at its simplest: the built app, served by the native harness, renders in
// headless Chromium, validates a pasted bundle live in the JSON view, keeps it across a reload,
// makes no foreign request and logs no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, openSession } from './lib.mjs';

const bundle = (method) => JSON.stringify({
  resourceType: 'Bundle', type: 'transaction',
  entry: [{ fullUrl: 'urn:uuid:5d6f3c2e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient' },
    request: { method, url: 'Patient' } }],
}, null, 2);

let server, browser, page, problems;

before(async () => {
  ({ server, browser, page, problems } = await openSession());
  await page.goto(server.url + '/');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the Wasm app renders the drafts page', async () => {
  assert.equal(await page.textContent('main h1'), 'Your draft orders');
  assert.equal(await page.title(), 'Your draft orders · Genomic test orders');
  assert.ok(await page.isVisible('#gom-new-draft'));
});

test('a pasted bundle is validated live, and fixing it clears the error', async () => {
  await page.click('header a[href="/json"]');
  await page.waitForSelector('textarea#bundle-json');
  assert.equal(await page.title(), 'Order bundle JSON · Genomic test orders');
  await page.fill('#bundle-json', bundle('DELETE'));
  await page.waitForSelector('#gom-verdict.nhsuk-error-summary');
  assert.match(await page.textContent('#gom-verdict'), /`?DELETE`? is not supported by GOMS/);
  assert.ok(await page.$('.gom-issue[data-code="GOM-BDL-012"]'));
  await page.fill('#bundle-json', bundle('POST'));
  await page.waitForFunction(() => !document.querySelector('.gom-issue[data-code="GOM-BDL-012"]'));
});

test('choosing a finding selects its place in the JSON', async () => {
  await page.fill('#bundle-json', bundle('PATCH'));
  await page.waitForSelector('.gom-issue[data-code="GOM-BDL-012"]');
  await page.click('.gom-issue[data-code="GOM-BDL-012"] a');
  const sel = await page.evaluate(() => {
    const t = document.getElementById('bundle-json');
    return [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)];
  });
  assert.deepEqual(sel, [true, '"PATCH"']);
});

test('the text survives a reload, as a draft', async () => {
  await page.reload();
  await page.waitForSelector('textarea#bundle-json');
  assert.match(await page.inputValue('#bundle-json'), /"PATCH"/);
  await page.click('header a[href="/"]');
  await page.waitForSelector('#gom-drafts');
  assert.match(await page.textContent('#gom-drafts'), /Bundle edited by hand/);
});

test('no console error and no request to another origin', async () => {
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.foreign, []);
});
