// Submitting through the UI to the harness broker: an accepted order shows its server ids and is
// marked submitted; a submit that fails (a wrong base URL) shows why and leaves the draft exactly
// as it was; the bearer token goes in the Authorization header and is never stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ready, openSession } from './lib.mjs';

let server, browser, page, problems;
const posts = [];

before(async () => {
  ({ server, browser, page, problems } = await openSession());
  page.on('request', (r) => { if (r.method() === 'POST') posts.push({ url: r.url(), headers: r.headers() }); });
  await page.goto(server.url + '/');
  await ready(page);
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const storedDraft = () => page.evaluate(() => localStorage.getItem('gom.draft.' + localStorage.getItem('gom.open')));

test('a failed submit shows why and leaves the draft untouched', async () => {
  await page.click('#gom-example-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('header a[href="/submit"]');
  await page.waitForSelector('#gom-submit');
  await page.fill('#gom-fhir-base', '/no-such-server/FHIR/R4');
  await page.press('#gom-fhir-base', 'Tab');
  const before = await storedDraft();
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-refused, #gom-submit-failed');
  assert.match(await page.textContent('#gom-submit-result'), /Your draft is unchanged/);
  assert.equal(await storedDraft(), before);
  assert.equal(JSON.parse(before).submitted, null);
});

test('an accepted order shows the server ids and is marked submitted', async () => {
  await page.fill('#gom-fhir-base', '/FHIR/R4');
  await page.press('#gom-fhir-base', 'Tab');
  await page.fill('#gom-token', 'secret-token-123');
  await page.click('#gom-submit');
  await page.waitForSelector('#gom-submit-accepted');
  assert.match(await page.textContent('#gom-submit-accepted'), /GOMS holds it as ServiceRequest\/[0-9a-f-]+/);
  const rows = await page.$$eval('#gom-submit-entries tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.length >= 14, `${rows.length} entries`);
  assert.ok(rows.every((r) => /201 Created/.test(r)), rows.join('\n'));
  const stored = JSON.parse(await storedDraft());
  assert.match(stored.submitted.order, /^ServiceRequest\//);
  const post = posts.find((p) => p.url === server.url + '/FHIR/R4');
  assert.equal(post.headers['authorization'], 'Bearer secret-token-123');
  assert.equal(post.headers['content-type'], 'application/fhir+json');
  const everything = await page.evaluate(() => JSON.stringify(Object.assign({}, localStorage)));
  assert.doesNotMatch(everything, /secret-token-123/);
  await page.click('header a[href="/"]');
  await page.waitForSelector('#gom-drafts');
  assert.match(await page.textContent('.gom-draft'), /Submitted/);
});

test('a draft with errors is not sent', async () => {
  await page.click('#gom-new-draft');
  await page.waitForSelector('#f-patient-nhsNumber');
  await page.click('header a[href="/submit"]');
  await page.waitForSelector('#gom-not-ready');
  assert.equal(await page.$('#gom-submit'), null);
});

test('no console error and no request to another origin', () => {
  assert.deepEqual(problems.console.filter((m) => !/Failed to load resource/.test(m)), []);
  assert.deepEqual(problems.foreign, []);
});
