// The embedding example (www/embed/, served at /embed/) in headless Chromium: the package loads
// from the page's own origin, an invalid NHS number shows its error inline and in the error
// summary, fixing it clears both, submitting is blocked while errors remain, and a complete form
// composes a transaction Bundle. No console error, no request to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './lib.mjs';

let server, browser, page, problems;

before(async () => {
  ({ server, browser, page, problems } = await openSession());
  await page.goto(server.url + '/embed/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const NHS = '#patient-nhsNumber';

test('the page loads the package from its own origin', async () => {
  assert.equal(await page.textContent('h1'), 'Request a genomic test');
  assert.match(await page.textContent('#gom-version'), /^\d+\.\d+\.\d+$/);
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')));
  assert.deepEqual(wasm, [server.url + '/embed/pkg/gom_bg.wasm']);
});

test('an invalid NHS number shows the inline error; fixing it clears it', async () => {
  await page.fill(NHS, '943 476 5918');
  const inline = page.locator('#patient-nhsNumber-error');
  await inline.waitFor();
  assert.match(await inline.textContent(), /check digit/);
  assert.equal(await page.getAttribute(NHS, 'aria-invalid'), 'true');
  assert.match(await page.getAttribute(NHS, 'aria-describedby'), /patient-nhsNumber-error/);
  assert.ok(await page.isVisible('#error-summary'));
  assert.equal(await page.getAttribute('#error-summary-list a', 'href'), '#patient-nhsNumber');
  await page.fill(NHS, '943 476 5919');
  await inline.waitFor({ state: 'detached' });
  assert.equal(await page.getAttribute(NHS, 'aria-invalid'), null);
  assert.ok(await page.isHidden('#error-summary'));
});

test('submit is blocked while errors remain, and the summary links to each field', async () => {
  await page.click('#submit');
  await page.waitForSelector('#error-summary:not([hidden])');
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'error-summary'));
  const items = await page.locator('#error-summary-list a').allTextContents();
  assert.ok(items.includes('Enter the given name'), items.join(' | '));
  assert.ok(await page.isHidden('#order-result'));
  await page.click('#error-summary-list a[href="#patient-givenName"]');
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'patient-givenName'));
});

test('a complete order composes into a transaction Bundle', async () => {
  const fields = {
    '#patient-nhsNumber': '944 930 1018', '#patient-givenName': 'Lindsay', '#patient-familyName': 'Sorrell',
    '#patient-birthDate': '2011-04-12', '#performer-ods': 'R0A', '#specimens-0-localId': 'RGT03135',
    '#specimens-0-collected': '2026-03-01', '#requester-name': 'Dr Hazel Smith', '#requester-sdsUserId': '555012345678',
    '#requester-sdsRoleProfileId': '555087654321', '#requester-ods': 'RAX01', '#requester-phone': '020 8546 7711',
  };
  for (const [sel, v] of Object.entries(fields)) await page.fill(sel, v);
  for (const [sel, v] of Object.entries({
    '#patient-sex': 'female', '#patient-ethnicCategory': 'A', '#patient-residentialStatus': 'H', '#test-code': 'R193.4',
    '#reason': 'diagnostic', '#specimens-0-type': '445295009',
  })) await page.selectOption(sel, v);
  assert.ok(await page.isHidden('#error-summary'));
  await page.click('#submit');
  await page.waitForSelector('#order-result:not([hidden])');
  const bundle = JSON.parse(await page.textContent('#order-result-bundle'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'transaction');
  assert.equal(bundle.entry[0].resource.resourceType, 'ServiceRequest');
  assert.match(bundle.entry[0].fullUrl, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('no console errors and no foreign requests', () => {
  assert.deepEqual(problems, { console: [], foreign: [] });
});
